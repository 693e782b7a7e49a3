"""Loading: an activity log (CSV) to Activities, streaming, collecting problems per row.

The reference reader. The dialect (delimiter, BOM, line ends, header, quoting, torn and
open-quote rows, cell rules) is `log_dialect`'s; this turns its rows into Activities.
Rows stream through: memory does not grow with the log. Parsing is cached per distinct
cell value, since a long log repeats the same dates, types and counts many times over.
"""

from __future__ import annotations

import csv
import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from pathlib import Path
from typing import Any, TextIO

from medborgarlofte.core.model import Activity, PromiseSet
from medborgarlofte.core.problems import Problem, problem
from medborgarlofte.core.texts import FILE_DETAILS
from medborgarlofte.load.log_dialect import (
    FATAL_CODES,
    LOG_KIND,
    CsvKind,
    Layout,
    encoding_problem,
    ends_with_newline,
    not_a_file,
    parse_count,
    parse_date,
    parse_participants,
    parse_tags,
    parse_type,
    read_layout,
    read_records,
)

REQUIRED_COLUMNS = LOG_KIND.required
KNOWN_COLUMNS = LOG_KIND.header  # read by name, in the order the tool writes them
FATAL_LOG_CODES = FATAL_CODES


@dataclass
class LogRows:
    """The raw rows of one CSV file of `kind` (the log by default): its header and
    (line, cells) pairs. Iterating reads the file once; the problems found on the way are
    this reader's own result, in `problems`."""

    path: Path
    rel: str
    problems: list[Problem] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)
    header: list[str] = field(default_factory=list)
    delimiter: str = ","
    kind: CsvKind = LOG_KIND
    newline: str = "\n"
    required: tuple[str, ...] | None = None  # another kind's required columns, briefly put

    def __post_init__(self) -> None:
        if self.required is not None:
            self.kind = dataclasses.replace(self.kind, required=self.required)
        self.required = self.kind.required

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        try:
            refused = not_a_file(self.path)
            if refused:
                self.problems.append(problem("E002", self.rel, detail=refused))
                return
            ended = ends_with_newline(self.path)
            with self.path.open(encoding="utf-8-sig", newline="") as handle:
                if self.read_header(handle):
                    yield from self.records(handle, ended)
        except PermissionError:
            detail = FILE_DETAILS["no_read_permission"]
            self.problems.append(problem("E002", self.rel, detail=detail))
        except UnicodeDecodeError as error:
            self.problems.append(encoding_problem(self.path, self.rel, error))
        except csv.Error as error:
            detail = FILE_DETAILS["csv_file_error"].format(error=error)
            self.problems.append(problem("E002", self.rel, detail=detail))
        except OSError as error:
            self.problems.append(problem("E002", self.rel, detail=error.strerror or str(error)))

    def read_header(self, handle: TextIO) -> bool:
        """Read the header line; whether rows follow that are worth reading."""
        layout, found = read_layout(handle.readline(), self.kind, self.rel)
        self.problems.extend(found)
        if layout is None:
            return False
        self.use(layout)
        return True

    def use(self, layout: Layout) -> None:
        self.header, self.columns = layout.names, layout.columns
        self.delimiter, self.newline = layout.delimiter, layout.newline

    @property
    def layout(self) -> Layout:
        return Layout(self.header, self.columns, self.delimiter, self.newline)

    def records(
        self, source: Iterable[str], ends_with_newline: bool, first_line: int = 2
    ) -> Iterator[tuple[int, list[str]]]:
        """The rows of `source` (the file's lines from `first_line` on, the header read)."""
        return read_records(
            source,
            self.layout,
            self.rel,
            self.problems,
            first=first_line,
            ends_with_newline=ends_with_newline,
        )


@dataclass
class _Caches:
    dates: dict[str, date | Problem] = field(default_factory=dict)
    types: dict[str, str | Problem] = field(default_factory=dict)
    counts: dict[str, int | Problem] = field(default_factory=dict)
    participants: dict[str, tuple[str, ...] | Problem] = field(default_factory=dict)
    tags: dict[str, tuple[str, ...]] = field(default_factory=dict)


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
            day = caches.dates[raw_date] = parse_date(raw_date, rel, promise_set, today)
        activity_type = caches.types.get(raw_type)
        if activity_type is None:
            activity_type = caches.types[raw_type] = parse_type(raw_type, rel, promise_set)
        count = caches.counts.get(raw_count)
        if count is None:
            count = caches.counts[raw_count] = parse_count(raw_count, rel)
        participants = caches.participants.get(raw_participants)
        if participants is None:
            participants = caches.participants[raw_participants] = parse_participants(
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
            tags = caches.tags[raw_tags] = parse_tags(raw_tags)
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
