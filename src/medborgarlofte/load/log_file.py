"""Loading: an activity log (CSV) to Activities, streaming, collecting problems per row.

Read by header name with `,` or `;`, UTF-8 with or without BOM, LF or CRLF (CONTRACT §3).
Rows stream through: memory does not grow with the log. Parsing is cached per distinct
cell value, since a long log repeats the same dates, types and counts many times over.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from pathlib import Path
from typing import Any, TextIO

from medborgarlofte.core.model import LOG_HEADER, TORN_ROW_MARK, Activity, PromiseSet
from medborgarlofte.core.problems import Problem, did_you_mean, problem
from medborgarlofte.core.slugs import fold_slug, split_list, suggest

REQUIRED_COLUMNS = ("datum", "typ")
KNOWN_COLUMNS = LOG_HEADER  # read by name, in the order the tool writes them
# Problems that make a whole log unreadable rather than a single row.
FATAL_LOG_CODES = frozenset({"E002", "E020", "E027"})

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EXCEL_DATE = re.compile(r"^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$")
_WHOLE = re.compile(r"^\d+$")
_DECIMAL = re.compile(r"^\d+[,.]\d+$")


@dataclass
class LogRows:
    """The raw rows of one log: its header and (line, cells) pairs, problems as found."""

    path: Path
    rel: str
    problems: list[Problem] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)
    header: list[str] = field(default_factory=list)
    delimiter: str = ","
    required: tuple[str, ...] = REQUIRED_COLUMNS  # a comment file requires others

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        try:
            refused = not_a_file(self.path)
            if refused:
                self.problems.append(problem("E002", self.rel, detail=refused))
                return
            ends_with_newline = _ends_with_newline(self.path)
            with self.path.open(encoding="utf-8-sig", newline="") as handle:
                if self.read_header(handle):
                    yield from self.records(handle, ends_with_newline)
        except PermissionError:
            self.problems.append(problem("E002", self.rel, detail="läsrättighet saknas"))
        except UnicodeDecodeError as error:
            self.problems.append(_encoding_problem(self.path, self.rel, error))
        except csv.Error as error:
            self.problems.append(problem("E002", self.rel, detail=f"CSV-fel: {error}"))
        except OSError as error:
            self.problems.append(problem("E002", self.rel, detail=error.strerror or str(error)))

    def read_header(self, handle: TextIO) -> bool:
        """Read the header line; whether rows follow that are worth reading."""
        first = handle.readline()
        if not first:
            return False  # an empty file is an empty log: `log insats` writes the header
        if "\x00" in first:
            self.problems.append(
                problem("E002", self.rel, 1, detail="filen innehåller binära data")
            )
            return False
        if not first.strip():
            self.problems.append(problem("E020", self.rel, 1, name="datum"))
            return False
        self.delimiter = ";" if first.count(";") > first.count(",") else ","
        self.header = next(csv.reader([first], delimiter=self.delimiter))
        names = [unicodedata.normalize("NFC", h).strip().casefold() for h in self.header]
        self.columns = {}
        for index, name in enumerate(names):
            self.columns.setdefault(name, index)
        missing = [c for c in self.required if c not in self.columns]
        for column in missing:
            self.problems.append(problem("E020", self.rel, 1, name=column))
        return not missing

    def records(
        self, source: Iterable[str], ends_with_newline: bool, first_line: int = 2
    ) -> Iterator[tuple[int, list[str]]]:
        """The rows of `source` (the log's lines from `first_line` on, the header read)."""
        width = len(self.header)
        reader = csv.reader(source, delimiter=self.delimiter)
        offset = first_line - 1
        previous_end = offset
        pending: tuple[int, list[str]] | None = None
        while True:
            try:
                for row in reader:
                    start = previous_end + 1
                    previous_end = reader.line_num + offset
                    if pending is not None:
                        yield pending
                        pending = None
                    joined = "".join(row)
                    if not joined or joined.isspace():
                        continue  # blank rows (Excel adds one at the end) carry nothing
                    if "\x00" in joined:
                        self.problems.append(
                            problem("E002", self.rel, start, detail="binära data på raden")
                        )
                        continue
                    if len(row) > width:
                        if row[-1] == TORN_ROW_MARK:  # closed by `log insats`, see append.py
                            found = problem("E034", self.rel, start, mark=TORN_ROW_MARK)
                        else:
                            found = problem("E029", self.rel, start, got=len(row), expected=width)
                        self.problems.append(found)
                        continue
                    pending = (start, row)
                break
            except csv.Error as error:
                # One record the csv module cannot read (a cell over its size limit, say)
                # is that row's problem, not the whole log's: the reader starts afresh on
                # the next line, so every other row is still read and checked.
                self.problems.append(
                    problem("E033", self.rel, previous_end + 1, detail=_csv_detail(error))
                )
                previous_end = reader.line_num + offset
                if pending is not None:
                    yield pending
                    pending = None
        if pending is not None:
            line, row = pending
            if not ends_with_newline and len(row) < width:
                self.problems.append(
                    problem(
                        "E026",
                        self.rel,
                        line,
                        detail=f"{len(row)} av {width} fält; ta bort eller gör klart raden",
                    )
                )
            else:
                yield pending


def not_a_file(path: Path) -> str | None:
    """Why `path` is no file to read rows from, or None. A named pipe or a device would
    block the read, or never end it, so only a regular file is read."""
    if path.is_dir():
        return "det är en katalog, inte en fil"
    if path.exists() and not path.is_file():
        return "det är ingen vanlig fil (en namngiven pipe eller en enhet)"
    return None


def _csv_detail(error: csv.Error) -> str:
    text = str(error)
    if "field larger than field limit" in text:
        limit = csv.field_size_limit()
        return f"en cell är längre än {limit} tecken; korta texten eller ta bort raden"
    return f"{text} (kontrollera citattecknen på raden)"


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(0, 2)
        if handle.tell() == 0:
            return True
        handle.seek(-1, 2)
        return handle.read(1) in (b"\n", b"\r")


def _encoding_problem(path: Path, rel: str, error: UnicodeDecodeError) -> Problem:
    """Explain a non-UTF-8 log at the line of its first bad byte, naming the likely encoding."""
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        detail = " (den är sparad som UTF-16, i Excel 'Unicode-text')"
        return problem("E027", rel, 1, detail=detail)
    try:
        data.decode("utf-8")
        offset = 0
    except UnicodeDecodeError as whole:  # the decoder's own error only knows its chunk
        offset = whole.start
    line = data.count(b"\n", 0, offset) + 1
    detail = ""
    try:
        data.decode("cp1252")
        detail = " (den ser ut att vara sparad som Windows-1252/Latin-1, ett äldre Excel-format)"
    except UnicodeDecodeError:
        detail = f" (ogiltig byte 0x{data[offset]:02x})" if offset < len(data) else ""
    return problem("E027", rel, line, detail=detail)


@dataclass
class _Caches:
    dates: dict[str, date | Problem] = field(default_factory=dict)
    types: dict[str, str | Problem] = field(default_factory=dict)
    counts: dict[str, int | Problem] = field(default_factory=dict)
    participants: dict[str, tuple[str, ...] | Problem] = field(default_factory=dict)
    tags: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _parse_date(raw: str, rel: str, promise_set: PromiseSet, today: date) -> date | Problem:
    text = raw.strip()
    if not _ISO_DATE.match(text):
        detail = " (ser ut som Excels datumformat)" if _EXCEL_DATE.match(text) else ""
        return problem("E021", rel, got=text, detail=detail)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return problem("E021", rel, got=text, detail=" (datumet finns inte)")
    period = promise_set.period
    if not period.contains(day):
        return problem(
            "E022", rel, date=text, period=period.name, start=period.start, end=period.end
        )
    if day > today:
        return problem("E023", rel, date=text, today=today.isoformat())
    return day


def _parse_type(raw: str, rel: str, promise_set: PromiseSet) -> str | Problem:
    folded = fold_slug(raw)
    if not folded:
        return problem("E032", rel)
    if folded in promise_set.activity_types:
        return folded
    names = list(promise_set.type_names.values()) or list(promise_set.activity_types)
    return problem(
        "E024",
        rel,
        slug=raw.strip(),
        known=", ".join(names),
        hint=did_you_mean(suggest(raw, names)),
    )


def _parse_count(raw: str, rel: str) -> int | Problem:
    text = raw.strip()
    if not text:
        return 1
    if _WHOLE.match(text) and int(text) >= 1:
        return int(text)
    detail = ", utan decimaler" if _DECIMAL.match(text) else " (1 eller mer)"
    return problem("E025", rel, got=text, detail=detail)


def _parse_participants(raw: str, rel: str, promise_set: PromiseSet) -> tuple[str, ...] | Problem:
    folded = tuple(fold_slug(p) for p in split_list(raw))
    for slug, original in zip(folded, split_list(raw), strict=True):
        if slug not in promise_set.participants:
            known = list(promise_set.participants)
            return problem(
                "E028",
                rel,
                slug=original,
                known=", ".join(known),
                hint=did_you_mean(suggest(original, known)),
            )
    return folded


def _at(found: Problem, line: int) -> Problem:
    return Problem(found.path, line, found.column, found.code, found.severity, found.message)


def read_activities(
    rows: LogRows, promise_set: PromiseSet, today: date, *, with_text: bool = True
) -> Iterator[Activity]:
    """The valid activities of a log; each rejected row adds its problem to `rows.problems`.

    `today` is the real date (Europe/Stockholm) that rejects future rows; it is a parameter
    so the core never reads the clock.
    """
    caches = _Caches()
    rel = rows.rel
    problems = rows.problems
    indices: tuple[int | None, ...] | None = None
    cells: Callable[[list[str]], Any] | None = None
    needed = 0
    for line, row in rows:
        if indices is None:  # the header is read when iteration starts
            indices = tuple(rows.columns.get(name) for name in KNOWN_COLUMNS)
            if None not in indices:  # every column there: one C call picks them out
                cells = itemgetter(*indices)
                needed = max(i for i in indices if i is not None) + 1
        width = len(row)
        (
            raw_date,
            raw_type,
            raw_count,
            raw_place,
            raw_participants,
            raw_tags,
            raw_description,
            raw_registered_by,
            raw_registered,
        ) = (
            cells(row)
            if cells is not None and width >= needed
            else tuple(row[i] if i is not None and i < width else "" for i in indices)
        )
        day = caches.dates.get(raw_date)
        if day is None:
            day = caches.dates[raw_date] = _parse_date(raw_date, rel, promise_set, today)
        activity_type = caches.types.get(raw_type)
        if activity_type is None:
            activity_type = caches.types[raw_type] = _parse_type(raw_type, rel, promise_set)
        count = caches.counts.get(raw_count)
        if count is None:
            count = caches.counts[raw_count] = _parse_count(raw_count, rel)
        participants = caches.participants.get(raw_participants)
        if participants is None:
            participants = caches.participants[raw_participants] = _parse_participants(
                raw_participants, rel, promise_set
            )
        if (
            isinstance(day, Problem)
            or isinstance(activity_type, Problem)
            or isinstance(count, Problem)
            or isinstance(participants, Problem)
        ):
            found = (day, activity_type, count, participants)
            problems.extend(_at(p, line) for p in found if isinstance(p, Problem))
            continue
        tags = caches.tags.get(raw_tags)
        if tags is None:
            tags = caches.tags[raw_tags] = tuple(fold_slug(t) for t in split_list(raw_tags))
        if with_text:
            yield Activity(
                line,
                day,
                activity_type,
                count,
                participants,
                tags,
                raw_place.strip(),
                raw_description.strip(),
                raw_registered_by.strip(),
                raw_registered.strip(),
            )
        else:
            yield Activity(line, day, activity_type, count, participants, tags)
