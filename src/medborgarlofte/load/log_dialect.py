"""Loading: the CSV dialect of the log and the files beside it — each rule written once, here.

Every CSV file lofte reads or appends to (the activity log `logs/<stem>.csv`, the comments
`logs/<stem>.kommentarer.csv`, and any later kind such as measurements) shares one dialect
(docs/format.md §3):

- delimiter `,` or `;` (Excel in Swedish saves `;`), decided by the header line;
- UTF-8 with or without BOM; line ends LF, CRLF or a lone CR, read alike, and an append
  uses the file's own line end;
- the header names the columns: folded for comparison (NFC, outer space trimmed, case
  folded; å/ä/ö kept), any order, extra columns ignored, a name twice is an error (E043);
- RFC 4180 quoting; a quoted cell still open at the end of the file, or whose line break
  is followed by what reads as a new row (a date and the delimiter), is an error at the
  line where it opened (E042) and swallows nothing: the lines after it are read as rows;
- a torn last line (no line end, too few cells) is reported (E026), never counted;
- cell rules: an ISO date `ÅÅÅÅ-MM-DD`, `antal` a positive whole number of at most nine
  ASCII digits, lists (deltagare, taggar) split by `;`.

A kind of file is a `CsvKind`: its header as written, the columns it requires, the cells
of a fixed format (the rest are free text, where a personnummer or a formula is looked
for), and what an absent column reads as. Reading rows is `log_reader`'s (the one reader
every command goes through); the writer (`write/append.py`) and the CSV views write
through `format_row` and `csv_text` here.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import field
from datetime import date, timedelta
from pathlib import Path
from typing import Final

from medborgarlofte.core.frozen import frozen, mutable
from medborgarlofte.core.model import LOG_HEADER, PromiseSet
from medborgarlofte.core.personnummer import find_personal_numbers, may_contain_personal_number
from medborgarlofte.core.problems import Problem, did_you_mean, problem
from medborgarlofte.core.slugs import fold_slug, split_list, suggest
from medborgarlofte.core.texts import FILE_DETAILS

DELIMITERS: Final = (",", ";")
QUOTE: Final = '"'
QUOTE_BYTE: Final = b'"'
LIST_SEPARATOR: Final = ";"  # inside a deltagare or taggar cell
MAX_COUNT_DIGITS: Final = 9
# Problems that make a whole file unreadable rather than a single row.
FATAL_CODES: Final = frozenset({"E002", "E020", "E027", "E043"})
FORMULA_STARTS: Final = ("=", "+", "-", "@")


@frozen(slots=False)
class CsvKind:
    """What one kind of CSV file holds: its header as the tool writes it, the columns a file
    must have, the columns of a fixed, validated format (every other cell is free text, where
    check looks for personnummer and formulas), and what an absent column reads as (a value
    equal to that may be left out when appending to a file without the column)."""

    header: tuple[str, ...]
    required: tuple[str, ...]
    fixed_format: frozenset[str] = frozenset()
    absent: Mapping[str, str] = field(default_factory=dict)
    # Columns the tool fills in itself (who logged, when): dropped, not refused, when an
    # older or hand-made file lacks them.
    provenance: frozenset[str] = frozenset({"registrerad_av", "registrerad"})


LOG_KIND: Final = CsvKind(
    header=LOG_HEADER,
    required=("datum", "typ"),
    fixed_format=frozenset({"datum", "antal"}),
    absent={"antal": "1"},
)


# ---- the header line


def detect_delimiter(header_line: str) -> str:
    """`;` when the header line holds more semicolons than commas, else `,`."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def fold_column(name: str) -> str:
    """The comparison form of a header name."""
    return unicodedata.normalize("NFC", name).strip().casefold()


def line_end_of(line: str) -> str:
    """The line end a line was read with (`\\r\\n`, `\\r` or `\\n`); `\\n` for none."""
    if line.endswith("\r\n"):
        return "\r\n"
    if line.endswith("\r"):
        return "\r"
    return "\n"


def first_line(text: str) -> str:
    """The first line of `text`, with its line end, whichever of LF, CRLF or CR it is."""
    return next(iter(io.StringIO(text, newline="")), "")


@mutable
class Layout:
    """A file's header as read: its cells, the folded name -> index, delimiter, line end."""

    names: list[str]
    columns: dict[str, int]
    delimiter: str
    newline: str

    @property
    def width(self) -> int:
        return len(self.names)


def read_layout(line: str, kind: CsvKind, rel: str) -> tuple[Layout | None, list[Problem]]:
    """The layout the header `line` (decoded, BOM gone, with its line end) gives, and its
    problems: a binary file, a blank header, a required column missing (E020), a name
    twice (E043). None (no rows worth reading) when there is a problem or no header."""
    if not line:
        return None, []  # an empty file is an empty log: an append writes the header
    if "\x00" in line:
        return None, [problem("E002", rel, 1, detail=FILE_DETAILS["binary"])]
    if not line.strip():
        return None, [problem("E020", rel, 1, name=kind.required[0])]
    newline = line_end_of(line)
    text = line[: len(line) - len(newline)] if line.endswith(newline) else line
    delimiter = detect_delimiter(text)
    names = next(csv.reader([text], delimiter=delimiter), [])
    columns: dict[str, int] = {}
    seen: dict[str, list[int]] = {}
    for index, name in enumerate(names):
        folded = fold_column(name)
        columns.setdefault(folded, index)
        if folded:  # Excel's trailing empty columns are no names
            seen.setdefault(folded, []).append(index + 1)
    found = [
        problem("E020", rel, 1, name=column) for column in kind.required if column not in columns
    ]
    found += [
        problem(
            "E043",
            rel,
            1,
            name=names[at[0] - 1].strip(),
            count=len(at),
            positions=", ".join(map(str, at)),
        )
        for at in seen.values()
        if len(at) > 1
    ]
    layout = Layout(names, columns, delimiter, newline)
    return (None if found else layout), found


# ---- rows


_ISO_DATE_TEXT = "[0-9]{4}-[0-9]{2}-[0-9]{2}"
_DATE_START = f'"?{_ISO_DATE_TEXT}"?'


def new_row_pattern(delimiter: str) -> re.Pattern[str]:
    """A line that reads as the start of a new row: a date, then the delimiter."""
    return re.compile(_DATE_START + re.escape(delimiter))


def last_row_start(text: str, delimiter: str) -> int | None:
    """Where the last line of `text` that reads as the start of a new row (a date, then the
    delimiter) begins, or None. The reader starts a record there whatever came before (a
    quote left open above it is E042 and ends at that line), so the state at the end of a
    file is decided by what follows it alone. The first line of `text` is never taken: it
    may be the end of a line cut off."""
    pattern = new_row_pattern(delimiter)
    end = len(text)
    while True:
        cut = max(text.rfind("\n", 0, end), text.rfind("\r", 0, end))
        if cut < 0:
            return None
        if pattern.match(text, cut + 1):
            return cut + 1
        end = cut


# ---- cells


ISO_DATE: Final = re.compile(_ISO_DATE_TEXT)
_EXCEL_DATE = re.compile(r"[0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{2,4}")
_COUNT = re.compile(f"[0-9]{{1,{MAX_COUNT_DIGITS}}}")
_DECIMAL = re.compile(r"[0-9]+[,.][0-9]+")
_SHOWN_CELL = 24  # a longer bad cell is shown shortened in a message


def iso_date(text: str) -> date | None:
    """The date an ISO `ÅÅÅÅ-MM-DD` text names, or None."""
    if not ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_date(
    raw: str, rel: str, promise_set: PromiseSet, today: date, later_days: int = 0
) -> date | Problem:
    """A date cell: an ISO date inside the period (or at most `later_days` after its end:
    a comment on the year written in January) and not after `today`."""
    text = raw.strip()
    day = iso_date(text)
    if day is None:
        if ISO_DATE.fullmatch(text):
            detail = FILE_DETAILS["no_such_date"]
        else:
            detail = FILE_DETAILS["excel_date"] if _EXCEL_DATE.fullmatch(text) else ""
        return problem("E021", rel, got=shown(text), detail=detail)
    period = promise_set.period
    if not period.start <= day <= period.end + timedelta(days=later_days):
        return problem(
            "E022", rel, date=text, period=period.name, start=period.start, end=period.end
        )
    if day > today:
        return problem("E023", rel, date=text, today=today.isoformat())
    return day


def count_value(text: str) -> int | str:
    """`antal` as a number, or why it is none (a Swedish detail): a positive whole number of
    at most nine ASCII digits. `３` or `²` is no 3 or 2, and a huge number no count."""
    if _COUNT.fullmatch(text):
        value = int(text)
        return value if value >= 1 else FILE_DETAILS["count_positive"]
    if _DECIMAL.fullmatch(text):
        return FILE_DETAILS["count_decimals"]
    if text.isascii() and text.isdigit():
        return FILE_DETAILS["count_digits"].format(digits=MAX_COUNT_DIGITS)
    if not text.isascii() and any(c.isnumeric() for c in text):
        return FILE_DETAILS["count_ascii"]  # ３ or ² is no 3 or 2
    return FILE_DETAILS["count_positive"]


def parse_count(raw: str, rel: str) -> int | Problem:
    """An `antal` cell: empty is 1."""
    text = raw.strip()
    if not text:
        return 1
    value = count_value(text)
    if isinstance(value, int):
        return value
    return problem("E025", rel, got=shown(text), detail=value)


def parse_type(raw: str, rel: str, promise_set: PromiseSet) -> str | Problem:
    """A typ cell: a declared activity type (folded)."""
    folded = fold_slug(raw)
    if not folded:
        return problem("E032", rel)
    if folded in promise_set.activity_types:
        return folded
    names = list(promise_set.type_names.values()) or list(promise_set.activity_types)
    return problem(
        "E024",
        rel,
        slug=shown(raw.strip()),
        known=", ".join(names),
        hint=did_you_mean(suggest(raw, names)),
    )


def parse_participants(raw: str, rel: str, promise_set: PromiseSet) -> tuple[str, ...] | Problem:
    """A deltagare cell: `;`-separated declared participants (folded)."""
    originals = split_list(raw)
    folded = tuple(fold_slug(p) for p in originals)
    for slug, original in zip(folded, originals, strict=True):
        if slug not in promise_set.participants:
            known = list(promise_set.participants)
            return problem(
                "E028",
                rel,
                slug=shown(original),
                known=", ".join(known),
                hint=did_you_mean(suggest(original, known)),
            )
    return folded


def parse_tags(raw: str) -> tuple[str, ...]:
    """A taggar cell: `;`-separated tags (folded; any tag is fine)."""
    return tuple(fold_slug(t) for t in split_list(raw))


def join_list(items: Iterable[str]) -> str:
    """A deltagare or taggar cell as written."""
    return LIST_SEPARATOR.join(items)


def shown(text: str) -> str:
    """A cell as a message quotes it: shortened when long, so one row cannot flood output."""
    return text if len(text) <= _SHOWN_CELL else text[: _SHOWN_CELL - 1] + "…"


_SIGNED_NUMBER = re.compile(r"[+-][0-9]+(?:[.,][0-9]+)?")  # Excel reads these as numbers


def cell_warnings(
    rel: str, line: int, names: list[str], row: list[str], kind: CsvKind
) -> list[Problem]:
    """W001 for a personnummer-like text in a free-text cell, W002 for a cell Excel would
    run as a formula: every cell of a row looked at, one by one."""
    found: list[Problem] = []
    for index, cell in enumerate(row):
        name = names[index] if index < len(names) else f"kolumn {index + 1}"
        if fold_column(name) not in kind.fixed_format and may_contain_personal_number(cell):
            found.extend(
                problem("W001", rel, line, kind=match.kind, name=name)
                for match in find_personal_numbers(cell)
            )
        if cell.startswith(FORMULA_STARTS) and not _SIGNED_NUMBER.fullmatch(cell):
            found.append(problem("W002", rel, line, name=name, char=cell[0]))
    return found


# ---- writing


def is_utf8(value: str) -> bool:
    """Whether a value can be written as UTF-8: a command-line argument holding bytes that
    are not UTF-8 arrives as lone surrogates, which no UTF-8 file can hold."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def format_row(cells: list[str], delimiter: str = ",", newline: str = "\n") -> bytes:
    """One row as RFC 4180 text in UTF-8, ended by `newline`.

    A cell holding a CR or an LF is quoted whatever the file's own line end: the csv module
    quotes only the characters of its line terminator, so a lone CR in an LF file (or an LF
    in a CR file) went out bare and every reader split the row there. The delimiter and the
    quote character are quoted as ever."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerow(cells)
    return (buffer.getvalue()[: -len("\r\n")] + newline).encode("utf-8")


def csv_text(rows: Iterable[Iterable[str]], delimiter: str = ",", newline: str = "\n") -> str:
    """Rows as RFC 4180 text (the CSV views: `status --format csv`, `log lista`)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return buffer.getvalue()


def one_line(value: str) -> str:
    """A cell without line breaks: one written row is always one line, so a torn write can
    only be the file's last line, and a row's line number is its row number."""
    if "\n" in value or "\r" in value:
        return value.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    return value


def count_line_ends(data: bytes, newline: str) -> int:
    """How many line ends of the file's kind `data` holds."""
    return data.count(b"\r") if newline == "\r" else data.count(b"\n")


# ---- files


def not_a_file(path: Path) -> str | None:
    """Why `path` is no file to read rows from, or None. A named pipe or a device would
    block the read, or never end it, so only a regular file is read."""
    if path.is_dir():
        return FILE_DETAILS["directory"]
    if path.exists() and not path.is_file():
        return FILE_DETAILS["not_regular"]
    return None


def ends_with_newline(path: Path) -> bool:
    """Whether the file's last byte ends a line (an empty file counts as ended)."""
    with path.open("rb") as handle:
        handle.seek(0, 2)
        if handle.tell() == 0:
            return True
        handle.seek(-1, 2)
        return handle.read(1) in (b"\n", b"\r")


def encoding_problem(path: Path, rel: str, error: UnicodeDecodeError) -> Problem:
    """Explain a non-UTF-8 file at the line of its first bad byte, naming the likely encoding."""
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return problem("E027", rel, 1, detail=FILE_DETAILS["utf16"])
    try:
        data.decode("utf-8")
        offset = 0
    except UnicodeDecodeError as whole:  # the decoder's own error only knows its chunk
        offset = whole.start
    line = data.count(b"\n", 0, offset) + 1
    try:
        data.decode("cp1252")
        detail = FILE_DETAILS["cp1252"]
    except UnicodeDecodeError:
        detail = FILE_DETAILS["bad_byte"].format(byte=data[offset]) if offset < len(data) else ""
    return problem("E027", rel, line, detail=detail)
