"""Evaluation, one promise in depth: its standing, a per-unit breakdown, and every log row of
its typ with whether it counted and, if not, why (`lofte status PERIOD ID`).

Loading (`read_matching_rows`) keeps the rows of the promise's typ, valid or not, with the
problem `lofte check` would report for an invalid one; `promise_detail` is pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from fractions import Fraction
from pathlib import Path

from medborgarlofte.core.frozen import frozen
from medborgarlofte.core.model import Activity, Promise, PromiseSet
from medborgarlofte.core.problems import Problem, Severity, refusal, unknown_promise
from medborgarlofte.core.slugs import fold_slug
from medborgarlofte.core.tally import Tally
from medborgarlofte.judge.evaluate import PromiseResult, judge
from medborgarlofte.judge.units import exempt_ranges, unit_spans, units_elapsed
from medborgarlofte.load.comments import Comment
from medborgarlofte.load.corrections import Correction
from medborgarlofte.load.log_file import FATAL_LOG_CODES, KNOWN_COLUMNS, LogRows, read_activities
from medborgarlofte.load.repo import outside_repo
from medborgarlofte.load.struck import struck_lines


@frozen
class LogRow:
    """A log row whose typ is one of a promise's: its cells as written, parsed when valid."""

    line: int
    cells: dict[str, str]  # the known columns, as written
    activity: Activity | None  # None when `lofte check` rejects the row
    problem: Problem | None = None  # the first reason `lofte check` gives, if rejected
    struck: Correction | None = None  # the record that struck the row, if struck


@frozen
class RowOutcome:
    row: LogRow
    reason: str | None  # None: it counted; else a key of texts.REASON_TEXTS


@frozen
class UnitBar:
    """One bar of the breakdown: a calendar unit and what was done in it, against its line."""

    start: date  # first day inside the period
    end: date  # last day inside the period
    done: int  # done in this unit (up to as_of)
    cumulative: int  # done from the period's start to the unit's end (or as_of)
    line: Fraction | None  # the target line: the unit's need, or the pace so far (cumulative)
    met: bool | None  # every-unit targets: whether the unit reached its need


@frozen(slots=False)
class PromiseDetail:
    promise_set: PromiseSet
    result: PromiseResult
    as_of: date
    unit: str  # the breakdown's calendar unit
    cumulative: bool  # True: bars show running totals against the pace (per: period targets)
    bars: tuple[UnitBar, ...]
    rate: Fraction | None  # done per breakdown unit elapsed
    counted: tuple[RowOutcome, ...]
    not_counted: tuple[RowOutcome, ...]
    comments: tuple[Comment, ...]
    block: int = 1  # the breakdown's units per bar (`per: 3 veckor`: a bar per three weeks)

    @property
    def promise(self) -> Promise:
        return self.result.promise


def find_promise(promise_set: PromiseSet, promise_id: str) -> Promise:
    """The promise an ID names (compared folded), or a LofteError with a did-you-mean."""
    promise = promise_set.promise(promise_id)
    if promise is None:
        raise unknown_promise(promise_set, promise_id)
    return promise


def read_matching_rows(
    root: Path, promise_set: PromiseSet, promise: Promise, today: date
) -> list[LogRow]:
    """The log rows of the promise's typ, in file order, each parsed or with its problem.

    Two passes over the log: one keeps the raw rows of the typ, one runs the log's own
    validation, so a rejected row carries exactly the problem `lofte check` reports.
    """
    path = root / promise_set.log_path
    refused = outside_repo(root, promise_set.log_path)
    if refused is not None:
        raise refusal("log_refused", [refused], path=promise_set.log_path)
    if not path.exists():
        return []
    types = set(promise.target.types)
    raw: dict[int, dict[str, str]] = {}
    rows = LogRows(path, promise_set.log_path)
    for line, cells in rows:
        typ_index = rows.columns["typ"]
        if typ_index < len(cells) and fold_slug(cells[typ_index]) in types:
            raw[line] = {
                name: cells[i]
                if (i := rows.columns.get(name)) is not None and i < len(cells)
                else ""
                for name in KNOWN_COLUMNS
            }
    fatal = [p for p in rows.problems if p.code in FATAL_LOG_CODES]
    if fatal:
        raise refusal("log_unreadable", fatal, path=promise_set.log_path)
    checked = LogRows(path, promise_set.log_path)
    parsed = {a.line: a for a in read_activities(checked, promise_set, today) if a.line in raw}
    problems: dict[int, Problem] = {}
    for found in checked.problems:
        if found.line in raw and found.severity is Severity.ERROR:
            problems.setdefault(found.line, found)
    struck = struck_lines(root, promise_set, strict=True)
    return [
        LogRow(line, cells, parsed.get(line), problems.get(line), struck.get(line))
        for line, cells in raw.items()
    ]


def _reason(row: LogRow, promise: Promise, as_of: date) -> str | None:
    if row.struck is not None:
        return "struck"
    activity = row.activity
    if activity is None:
        code = row.problem.code if row.problem else ""
        return {"E022": "outside_period", "E023": "future"}.get(code, "invalid")
    if activity.date > as_of:
        return "after_as_of"
    target = promise.target
    if target.participants and not set(target.participants) & set(activity.participants):
        return "participants"
    if target.tags and not set(target.tags) & set(activity.tags):
        return "tags"
    return None


def breakdown_unit(promise: Promise) -> str:
    """Weeks, months, … as the target counts; months for whole-period and ongoing targets."""
    per = promise.target.per
    return "månad" if per == "period" or promise.target.ongoing else per


def breakdown_block(promise: Promise) -> int:
    """The breakdown's units per bar: the target's block, 1 where breakdown_unit is months."""
    target = promise.target
    return 1 if target.per == "period" or target.ongoing else target.block


def promise_detail(
    promise_set: PromiseSet,
    promise: Promise,
    rows: Sequence[LogRow],
    as_of: date,
    comments: Iterable[Comment] = (),
) -> PromiseDetail:
    activities = [r.activity for r in rows if r.activity is not None and r.struck is None]
    report = judge(Tally.of(promise_set, activities), as_of)
    result = next(r for r in report.results if r.promise.id == promise.id)
    outcomes = [RowOutcome(r, _reason(r, promise, as_of)) for r in rows]
    counted_days: dict[date, int] = {}
    for outcome in outcomes:
        if outcome.reason is None and outcome.row.activity is not None:
            day = outcome.row.activity.date
            counted_days[day] = counted_days.get(day, 0) + outcome.row.activity.count
    unit, block = breakdown_unit(promise), breakdown_block(promise)
    bars = _bars(promise_set, promise, result, counted_days, unit, block, as_of)
    exempt = exempt_ranges(promise_set.period, promise.target.exempt)
    elapsed = units_elapsed(promise_set.period, unit, as_of, exempt, block)
    rate = Fraction(result.done) / elapsed if elapsed else None

    def order(outcome: RowOutcome) -> tuple[str, int]:
        return (outcome.row.cells.get("datum", "").strip(), outcome.row.line)

    return PromiseDetail(
        promise_set,
        result,
        as_of,
        unit,
        promise.target.per == "period" and not promise.target.ongoing,
        bars,
        rate,
        tuple(sorted((o for o in outcomes if o.reason is None), key=order)),
        tuple(sorted((o for o in outcomes if o.reason is not None), key=order)),
        tuple(
            sorted(
                (c for c in comments if c.promise_id == promise.id and c.date <= as_of),
                key=lambda c: (c.date, c.line),
            )
        ),
        block,
    )


def _bars(
    promise_set: PromiseSet,
    promise: Promise,
    result: PromiseResult,
    counted_days: dict[date, int],
    unit: str,
    block: int,
    as_of: date,
) -> tuple[UnitBar, ...]:
    period = promise_set.period
    target = promise.target
    needs = {u.start: u for u in result.units or ()}
    exempt = exempt_ranges(period, target.exempt)
    bars = []
    running = 0
    for span in unit_spans(period, unit, block):
        if span.start > as_of:
            break
        last = min(span.end, as_of)
        done = sum(n for day, n in counted_days.items() if span.start <= day <= last)
        running += done
        line: Fraction | None = None
        met: bool | None = None
        if target.minimum is not None and not target.ongoing:
            if target.per == "period":
                line = target.minimum * units_elapsed(period, "period", last, exempt)
            elif span.start in needs:
                line = Fraction(needs[span.start].need)
                met = needs[span.start].met
            else:
                line = target.minimum * Fraction(span.free_days(exempt), span.unit_days)
        bars.append(UnitBar(span.start, span.end, done, running, line, met))
    return tuple(bars)
