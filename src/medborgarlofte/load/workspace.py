"""Loading, orchestrated: from a repo root to the promise sets a command asked for, and
from a promise set to the tally of its log. Shared by every command; no printing here.

A repo of many kommuner (Polisen's national view: 290) is loaded file by file, in this
process (`each_promise_result`). A forked helper that took every other file saved no CPU
(it cost 4-6 % more, all processes counted) and, on a busy two-core machine, little or no
wall time (README, "Prestanda"): it is gone, and with it the marshalled transfer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from medborgarlofte.core.frozen import mutable
from medborgarlofte.core.model import PromiseSet
from medborgarlofte.core.problems import LofteError, Problem, Severity, refusal
from medborgarlofte.core.tally import Tally
from medborgarlofte.load.promise_cache import Loaded
from medborgarlofte.load.repo import (
    PromiseFileRef,
    Repo,
    corrections_absent,
    outside_repo,
    resolve_period,
)

R = TypeVar("R")


def select_periods(
    root: Path, period: str | None, kommun: str | None, today: date
) -> list[PromiseSet]:
    """The promise sets PERIOD names, one per kommun (all kommuner unless `kommun` is given).

    A promise file with errors is fatal here: a judgement on a broken file would mislead.
    """
    repo = Repo.open(root)
    refs = repo.refs_for_kommun(kommun)
    keys = sorted({r.kommun_key for r in refs}, key=lambda k: k or "")
    chosen: list[PromiseSet] = []
    for key in keys:
        group = [r for r in refs if r.kommun_key == key]
        sets, problems = repo.load(group)
        try:
            promise_set = resolve_period(sets, period, today)
        except LofteError as error:
            if len(keys) > 1 and kommun is None and not _errors(problems):
                continue  # this kommun has no such period; others may
            raise LofteError(error.message, error.exit_code, _errors(problems)) from None
        broken = [p for p in _errors(problems) if p.path == promise_set.path]
        if broken:
            raise refusal("promise_file_broken", broken, path=promise_set.path)
        chosen.append(promise_set)
    if not chosen:
        # Also say why files were left out (a link out of the repo, say), or the user
        # only hears that the period does not exist.
        refused = _errors(repo.problems)
        if not refs:
            raise refusal("no_promise_files", refused)
        raise refusal("no_such_period_anywhere", refused, period=period)
    return chosen


def select_one_period(
    root: Path, period: str | None, kommun: str | None, today: date
) -> PromiseSet:
    """The one promise set PERIOD (and `kommun`) names; refused when several kommuner have it."""
    from medborgarlofte.core.texts import SEVERAL_PERIODS

    chosen = select_periods(root, period, kommun, today)
    if len(chosen) > 1:
        kommuner = ", ".join(s.kommun for s in chosen)
        name = period or chosen[0].period.name
        raise LofteError(SEVERAL_PERIODS.format(period=name, kommuner=kommuner))
    return chosen[0]


def _errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


@mutable
class LogTally:
    tally: Tally
    # File problems; rejected rows are only counted (tally.skipped_rows): `check` lists them.
    problems: list[Problem]


def tally_log(root: Path, promise_set: PromiseSet, today: date) -> LogTally:
    """Tally a period's log (a missing log is an empty one); an unreadable log is fatal."""
    path = root / promise_set.log_path
    refused = outside_repo(root, promise_set.log_path)
    if refused is not None:
        raise refusal("log_refused", [refused], path=promise_set.log_path)
    if not path.exists():
        return LogTally(Tally.of(promise_set, ()), [])
    problems: list[Problem] = []  # those of every reading of the log

    def count(at: Path) -> tuple[Tally, bool]:
        # The whole log, or (instant_tally) the header and the bytes after a kept tally.
        # The reader is loaded here: a status whose kept tally still holds reads no row.
        from medborgarlofte.load.log_file import FATAL_LOG_CODES, LogRows
        from medborgarlofte.load.log_tally import count_log

        part = LogRows(at, promise_set.log_path)
        counted = count_log(part, promise_set, today)
        problems.extend(part.problems)
        # A log that cannot be read is refused below; its tally is never kept.
        readable = not any(p.code in FATAL_LOG_CODES for p in part.problems)
        if counted.skipped_rows:  # a second copy of the rows always has one: its header
            alone = _first_copy_only(at, promise_set, today, counted)
            return alone, readable and alone is counted
        return counted, readable

    from medborgarlofte.load.instant_tally import counted as instant_counted
    from medborgarlofte.load.promise_cache import cache_folder, keeps_new

    counted = instant_counted(
        cache_folder(root), path, promise_set, today, count, keep=keeps_new()
    )
    tally = counted
    if not corrections_absent(root, promise_set.log_path):
        from medborgarlofte.load.struck import without_struck

        tally = without_struck(counted, root, promise_set, today)
    if problems:
        from medborgarlofte.load.log_file import FATAL_LOG_CODES

        fatal = [p for p in problems if p.code in FATAL_LOG_CODES]
        if fatal:
            raise refusal("log_unreadable", fatal, path=promise_set.log_path)
    return LogTally(tally, problems)


def _first_copy_only(path: Path, promise_set: PromiseSet, today: date, counted: Tally) -> Tally:
    """The tally of a log's first copy of its rows alone, when it holds two (an Excel
    re-save merged with merge=union, see two_copies.py): the other copy is left out and
    its rows counted as skipped, never counted twice, until `lofte laga` repairs the log."""
    from medborgarlofte.load.log_file import LogRows, read_activities
    from medborgarlofte.load.two_copies import find_copies, lines_of, may_hold_a_header

    try:
        if not may_hold_a_header(path):
            return counted  # the usual case: rows left out, but no second header among them
        copies = find_copies(lines_of(path.read_bytes().decode("utf-8", errors="replace")))
    except OSError:
        return counted
    if len(copies) < 2:
        return counted
    start = copies[1].first
    rows = LogRows(path, promise_set.log_path)
    activities = [a for a in read_activities(rows, promise_set, today) if a.line < start]
    before = sum(1 for p in rows.problems if p.line is not None and 1 < p.line < start)
    after = sum(c.last - c.first for c in copies[1:])
    tally = Tally.of(promise_set, activities)
    tally.skipped_rows = before + after
    return tally


def each_promise_result(
    repo: Repo,
    refs: list[PromiseFileRef],
    work: Callable[[PromiseFileRef, Loaded], R],
    meanwhile: Callable[[], object] = lambda: None,
) -> list[R]:
    """Load each promise file of `refs` and run `work` on it and what it loaded (read its
    log, judge its promises, say); what `work` returned, in the order of `refs`.
    `meanwhile()` is run once first: work of the caller's own that does not need the
    results (listing folders)."""
    meanwhile()
    return [work(ref, repo.load_file(ref)) for ref in refs]
