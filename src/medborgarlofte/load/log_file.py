"""Loading: an activity log's rows to Activities, streaming, collecting problems per row.

The rows are `log_reader`'s (`LogRows`, the one reader); the cell rules `log_dialect`'s.
This turns each row into an Activity, for the views that show rows one by one (a promise
in detail, struck rows); `status` and `check` sum and look up cells in batches instead
(log_tally, check_blocks). Rows stream through: memory does not grow with the log. Parsing
is cached per distinct cell value, since a long log repeats the same dates, types and
counts many times over.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import field
from datetime import date
from operator import itemgetter
from typing import Any

from medborgarlofte.core.frozen import mutable
from medborgarlofte.core.model import Activity, PromiseSet
from medborgarlofte.core.problems import Problem
from medborgarlofte.load.log_dialect import (
    FATAL_CODES,
    LOG_KIND,
    parse_count,
    parse_date,
    parse_participants,
    parse_tags,
    parse_type,
)
from medborgarlofte.load.log_reader import LogRows

REQUIRED_COLUMNS = LOG_KIND.required
KNOWN_COLUMNS = LOG_KIND.header  # read by name, in the order the tool writes them
FATAL_LOG_CODES = FATAL_CODES
__all__ = ["FATAL_LOG_CODES", "KNOWN_COLUMNS", "REQUIRED_COLUMNS", "LogRows", "read_activities"]


@mutable
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
