"""Evaluation across the repo: every kommun's periods judged as of one date, summed per period.

`lofte oversikt` is the lokalpolisområde's view: one line per kommun and period with how
many promises are met, on pace, behind, missed, ongoing and not started. It loads like
every other command (repo -> promise sets -> tallies) and judges with `evaluate.judge`, so
its numbers are exactly those `lofte status` shows. A promise file or log that cannot be
read does not hide the others: it is listed in `unreadable` with its problems.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from datetime import date
from pathlib import Path

from medborgarlofte.core.frozen import frozen, mutable
from medborgarlofte.core.model import Period, PromiseSetHead
from medborgarlofte.core.problems import LofteError, Problem, Severity, refusal
from medborgarlofte.core.slugs import fold_slug
from medborgarlofte.judge.evaluate import STATUSES, judge
from medborgarlofte.judge.indicators import judge_indicators, trend_counts
from medborgarlofte.load.promise_cache import Loaded
from medborgarlofte.load.repo import PromiseFileRef, Repo


@frozen
class OverviewRow:
    kommun: str
    kommun_key: str | None  # folder under promises/, None in a single-kommun repo
    police_area: str
    path: str  # the promise file
    period: Period
    promises: int
    summary: dict[str, int]  # status -> count, every status of evaluate.STATUSES present
    # trend -> count of the period's indicators (improved, worsened, unchanged, no_data)
    indicators: dict[str, int] = field(default_factory=lambda: trend_counts(()))


@mutable
class Overview:
    as_of: date
    rows: list[OverviewRow] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # promise files or logs left out
    problems: list[Problem] = field(default_factory=list)  # why they were left out
    skipped_rows: int = 0  # log rows `check` would reject, left out of the judgement

    @property
    def totals(self) -> dict[str, int]:
        totals: dict[str, int] = {status: 0 for status in STATUSES}
        for row in self.rows:
            for status, count in row.summary.items():
                totals[status] += count
        return totals

    @property
    def promises(self) -> int:
        return sum(row.promises for row in self.rows)

    @property
    def indicator_totals(self) -> dict[str, int]:
        totals = trend_counts(())
        for row in self.rows:
            for trend, count in row.indicators.items():
                totals[trend] += count
        return totals


def period_matches(period: Period, wanted: str | None) -> bool:
    """Whether a period is one the ÅR argument asks for: its file stem, or a year it touches."""
    if wanted is None:
        return True
    text = wanted.strip()
    if period.name == text:
        return True
    return text.isdigit() and len(text) == 4 and period.start.year <= int(text) <= period.end.year


def build_overview(
    root: Path,
    wanted: str | None,
    kommun: str | None,
    as_of: date,
    today: date,
    meanwhile: Callable[[], object] = lambda: None,
) -> Overview:
    """Judge every period of every kommun (or the one `kommun` names) that `wanted` matches.

    `today` bounds the log rows read (rows dated after it are rejected, as `check` does);
    `as_of` is the date judged at. Raises LofteError only when nothing matches at all.
    `meanwhile()` is run once before the logs are read: the caller's preparation for the
    output.
    """
    from medborgarlofte.load.measurements import load_measurements, rejected_rows
    from medborgarlofte.load.workspace import each_promise_result, tally_log

    repo = Repo.open(root)
    refs = repo.refs_for_kommun(kommun)

    def judged(ref: PromiseFileRef, loaded: Loaded) -> _Judged:
        """One period's summary and how its indicators moved, with what the overview shows
        of its promise file (not the whole promise set, which is not kept)."""
        promise_set, found = loaded
        if promise_set is None:
            return _Judged(found=tuple(found))
        head = PromiseSetHead.of(promise_set)
        if _errors(found) or not period_matches(promise_set.period, wanted):
            return _Judged(head, tuple(found))
        try:
            logged = tally_log(root, promise_set, today)
            measured, rejected = load_measurements(root, promise_set, today)
        except LofteError as error:
            return _Judged(head, tuple(found), unreadable=tuple(error.problems))
        summary = judge(logged.tally, as_of).summary
        trends = trend_counts(judge_indicators(promise_set, measured, as_of))
        skipped = logged.tally.skipped_rows + rejected_rows(rejected)
        return _Judged(
            head, tuple(found), tuple(summary.items()), skipped, (), tuple(trends.items())
        )

    results: list[_Judged] = each_promise_result(repo, refs, judged, meanwhile)
    heads = [outcome.head for outcome in results if outcome.head is not None]
    problems = list(repo.problems)
    for outcome in results:
        problems.extend(outcome.found)
    result = Overview(as_of)
    broken_paths = {p.path for p in _errors(problems)}
    result.problems.extend(_errors(problems))
    result.unreadable.extend(sorted(broken_paths))
    chosen = [
        (outcome.head, outcome)
        for outcome in results
        if outcome.head is not None
        and period_matches(outcome.head.period, wanted)
        and outcome.head.path not in broken_paths
    ]
    for head, outcome in sorted(chosen, key=lambda pair: _order(pair[0])):
        if outcome.summary is None:
            result.unreadable.extend(sorted({p.path for p in outcome.unreadable}))
            result.problems.extend(outcome.unreadable)
            continue
        result.skipped_rows += outcome.skipped_rows
        row = _row(head, dict(outcome.summary))
        row.indicators.update(dict(outcome.indicators))
        result.rows.append(row)
    if not result.rows and not result.unreadable:
        names = ", ".join(sorted({head.period.name for head in heads})) or "inga"
        what = f"Perioden '{wanted}'" if wanted else "Någon löftesperiod"
        raise refusal("no_period_in_repo", what=what, names=names)
    return result


def _row(head: PromiseSetHead, summary: dict[str, int]) -> OverviewRow:
    return OverviewRow(
        kommun=head.kommun,
        kommun_key=head.kommun_key,
        police_area=head.police_area,
        path=head.path,
        period=head.period,
        promises=head.promises,
        summary=summary,
    )


@frozen
class _Judged:
    """What loading and judging one promise file gave: what the overview shows of it
    (None when it could not be read), the problems loading it found, its summary (status,
    count) pairs and rejected rows, or the problems that kept its log from being read (or
    neither: not judged)."""

    head: PromiseSetHead | None = None
    found: tuple[Problem, ...] = ()
    summary: tuple[tuple[str, int], ...] | None = None
    skipped_rows: int = 0
    unreadable: tuple[Problem, ...] = ()
    indicators: tuple[tuple[str, int], ...] = ()  # trend -> count


def _order(head: PromiseSetHead) -> tuple[str, date, str]:
    return (fold_slug(head.kommun), head.period.start, head.path)


def _errors(problems: list[Problem] | tuple[Problem, ...]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]
