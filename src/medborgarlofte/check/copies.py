"""Checking: a log that holds its rows twice is ONE error (E110), not one per row.

A log saved again in another dialect and merged with `merge=union`, or pasted in twice,
has a header line in the middle (`load/two_copies.py`). Read with the first header, each
row after it would be an error of its own (or, in the same dialect, a copy): those are
replaced by one error at the line where the second copy starts, saying what happened, which
lines are which copy, and the command that repairs it (`lofte laga`).
"""

from __future__ import annotations

from pathlib import Path

from medborgarlofte.core.problems import Problem, Severity, problem
from medborgarlofte.core.texts import COPY_COUNTS, COPY_PART
from medborgarlofte.load.two_copies import (
    Copy,
    find_copies,
    lines_of,
    may_hold_a_header,
    open_regular,
)


def copies_in(path: Path) -> list[Copy]:
    """The copies of rows the log at `path` holds (one when whole; none when unreadable)."""
    if not may_hold_a_header(path):
        return []  # the usual log with errors: no second header, and never read whole
    binary = open_regular(path)
    if binary is None:
        return []
    try:
        with binary:
            text = binary.read().decode("utf-8", errors="replace")
    except OSError:
        return []
    return find_copies(lines_of(text))


def one_error_for_copies(path: Path, rel: str, found: list[Problem]) -> list[Problem]:
    """`found` (a log's problems) with those of a second copy replaced by one E110. Only a
    log with an error is read again: a header row in the middle is always one."""
    if not any(p.severity is Severity.ERROR and p.path == rel for p in found):
        return found
    copies = copies_in(path)
    if len(copies) < 2:
        return found
    return [*copies_problems(rel, copies, found)]


def copies_problems(rel: str, copies: list[Copy], found: list[Problem]) -> list[Problem]:
    start = copies[1].first
    kept = [p for p in found if p.path != rel or p.line is None or p.line < start]
    first, others = copies[0], copies[1:]
    return [*kept, copies_error(rel, first, others)]


def copies_error(rel: str, first: Copy, others: list[Copy]) -> Problem:
    parts = [
        COPY_PART.format(first=c.first, last=c.last, dialect=c.dialect_words()) for c in others
    ]
    count = len(others) + 1
    return problem(
        "E110",
        rel,
        others[0].first,
        count=COPY_COUNTS.get(count, str(count)),
        first=first.first,
        last=first.last,
        dialect=first.dialect_words(),
        others=", ".join(parts),
        start=others[0].first,
        log=rel,
    )
