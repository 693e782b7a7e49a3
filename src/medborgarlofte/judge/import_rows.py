"""Judging: which column of a spreadsheet is which log column, and a cell read back to the
log's own value — what `lofte import insatser` needs between reading a sheet and writing.

Pure: no file is read or written here. The spreadsheet is `load/spreadsheet.py`'s; the
validation of a row is `log insats`'s own (`write/logging_rows.build_activity`).

- A header matches a log column after folding (`Datum`, ` TYP `); `--kolumn typ="Typ av
  insats"` names another. A web form's time column (Microsoft Forms' "Starttid" or
  "Tid för slutförande", Google Forms' "Tidstämpel", "Completion time", "Timestamp")
  becomes `registrerad`; a name or e-mail column only when mapped (`--kolumn
  registrerad_av=Namn`), since the log holds as few personal data as it can.
- Excel's reformattings are read back: `2026-01-05 00:00:00` is 2026-01-05, `1 000` is
  1000, `3,0` is 3.
- A row is compared with the log's rows by its cells' values (the key), not their bytes, so
  a re-saved copy of rows already logged matches them and is not appended again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from medborgarlofte.core.frozen import frozen
from medborgarlofte.core.model import LOG_HEADER
from medborgarlofte.core.slugs import fold_slug, split_list
from medborgarlofte.load.log_dialect import count_value, fold_column

TIMEZONE: Final = ZoneInfo("Europe/Stockholm")
# A form export's time column, best first: when the answer was sent, else when it was begun.
FORM_TIME_COLUMNS: Final = (
    "tid för slutförande",
    "completion time",
    "tidsstämpel",
    "tidstämpel",
    "timestamp",
    "starttid",
    "start time",
)
# Columns of the log the tool fills in itself: compared only when the sheet gives them.
PROVENANCE: Final = ("registrerad_av", "registrerad")
# Space inside a number as Excel shows it: a space, a no-break space, a narrow no-break space.
_NUMBER_SPACES = re.compile("(?<=[0-9])[ \u00a0\u202f](?=[0-9]{3})")
_WHOLE_DECIMAL = re.compile(r"([0-9]+)[,.]0+")
_DATE_AND_TIME = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2})[ T][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?"
)
# A date cell Excel shows as a number ("Allmänt" format): days since 1899-12-30. Only
# numbers that are dates from 1954 to 2119 are read so; any other number stays as it is.
_EXCEL_EPOCH: Final = date(1899, 12, 30)
_SERIAL_DAYS: Final = range(20_000, 80_001)
_FORM_TIME = re.compile(
    r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?"
)


@frozen(slots=False)
class ColumnMap:
    """Log column -> index in the sheet's header, for the columns the sheet gives; and
    which header names no log column (kept out of the log, said in the output)."""

    indices: Mapping[str, int]
    unused: tuple[str, ...]
    time_column: int | None = None  # a form's time column, when it gave `registrerad`

    def given(self, column: str) -> bool:
        return column in self.indices


@frozen(slots=False)
class MappingProblem:
    """Why a sheet's columns cannot be mapped: a catalogue key and its fields."""

    key: str
    fields: Mapping[str, str]


def map_columns(header: Sequence[str], mapped: Mapping[str, str]) -> ColumnMap | MappingProblem:
    """Which header column gives each log column. `mapped` is `--kolumn`'s log column ->
    header name (both as the user typed them)."""
    folded_header: dict[str, int] = {}
    for index, name in enumerate(header):
        folded = fold_column(name)
        if folded:
            folded_header.setdefault(folded, index)
    known = ", ".join(f"'{name}'" for name in header if name.strip())
    indices: dict[str, int] = {}
    for column, heading in mapped.items():
        log_column = fold_column(column)
        if log_column not in LOG_HEADER:
            return MappingProblem(
                "import_unknown_log_column",
                {"column": column, "known": ", ".join(LOG_HEADER)},
            )
        at = folded_header.get(fold_column(heading))
        if at is None:
            return MappingProblem("import_no_such_heading", {"heading": heading, "known": known})
        indices[log_column] = at
    for column in LOG_HEADER:
        if column not in indices and column in folded_header:
            indices[column] = folded_header[column]
    time_column = None
    if "registrerad" not in indices:
        time_column = next(
            (folded_header[c] for c in FORM_TIME_COLUMNS if c in folded_header), None
        )
        if time_column is not None:
            indices["registrerad"] = time_column
    if "typ" not in indices or ("datum" not in indices and time_column is None):
        missing = [c for c in ("datum", "typ") if c not in indices]
        return MappingProblem(
            "import_missing_columns", {"columns": ", ".join(missing), "known": known}
        )
    used = set(indices.values())
    unused = tuple(name for index, name in enumerate(header) if name.strip() and index not in used)
    return ColumnMap(indices, unused, time_column)


def log_values(cells: Sequence[str], columns: ColumnMap) -> dict[str, str]:
    """A sheet row's cells as the log's values, by log column, Excel's reformattings read
    back. A form row without a date column is dated by its time column."""
    values = {
        column: cells[index] if index < len(cells) else ""
        for column, index in columns.indices.items()
    }
    if "datum" in values:
        values["datum"] = read_back_serial_date(read_back_date(values["datum"]))
    if "antal" in values:
        values["antal"] = read_back_count(values["antal"])
    if "registrerad" in values:
        values["registrerad"] = read_back_time(values["registrerad"])
        if "datum" not in values:
            values["datum"] = values["registrerad"][:10]
    return values


def read_back_date(text: str) -> str:
    """`2026-01-05 00:00:00` (a date cell Excel shows with its time) is `2026-01-05`; so is
    a date with another time of day, since the log's date is the day."""
    text = text.strip()
    match = _DATE_AND_TIME.fullmatch(text)
    return match.group(1) if match else text


def read_back_serial_date(text: str) -> str:
    """`46027` in a date column (a date cell Excel shows as a number) is `2026-01-05`."""
    text = text.strip()
    if text.isascii() and text.isdigit() and int(text) in _SERIAL_DAYS:
        return (_EXCEL_EPOCH + timedelta(days=int(text))).isoformat()
    return text


def read_back_count(text: str) -> str:
    """`1 000` is `1000`, `3,0` and `3.00` are `3`; anything else stays for the count rule
    to judge (`2,5` is refused there, with why)."""
    text = _NUMBER_SPACES.sub("", text.strip())
    match = _WHOLE_DECIMAL.fullmatch(text)
    return match.group(1) if match else text


def read_back_time(text: str) -> str:
    """A form's time (`2026-01-05 10:32:11`, `2026/01/05 10:32`) as ISO 8601 with the
    Stockholm offset, as `registrerad` is written; text that is no time stays as it is."""
    text = text.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        match = _FORM_TIME.fullmatch(text)
        if match is None:
            return text
        year, month, day, hour, minute, second = (int(g or 0) for g in match.groups())
        try:
            moment = datetime(year, month, day, hour, minute, second)
        except ValueError:
            return text
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=TIMEZONE)
    return moment.isoformat(timespec="seconds")


def row_key(values: Mapping[str, str], with_provenance: Sequence[str] = ()) -> tuple[object, ...]:
    """What makes two rows the same activity: their values, not their bytes (a date, a
    count, slugs folded, lists as items, text trimmed). `with_provenance` names the
    provenance columns the sheet gave (a form's time), compared too."""
    count_text = values.get("antal", "").strip()
    count: object = count_value(count_text) if count_text else 1
    key: list[object] = [
        read_back_date(values.get("datum", "")),
        fold_slug(values.get("typ", "")),
        count if isinstance(count, int) else count_text,
        values.get("plats", "").strip(),
        tuple(fold_slug(p) for p in split_list(values.get("deltagare", ""))),
        tuple(fold_slug(t) for t in split_list(values.get("taggar", ""))),
        values.get("beskrivning", "").strip(),
    ]
    key.extend(values.get(column, "").strip() for column in with_provenance)
    return tuple(key)
