"""Evaluation: (promise set, activities, as_of) -> StatusReport, pure (docs/bedomning.md).

Rows are first tallied per promise and day (the only per-row work), then each promise is
judged from its daily sums. Fractions keep `expected` exact, so ⌊expected⌋ flips on
exactly the right day.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from datetime import date, timedelta
from fractions import Fraction

from medborgarlofte.core.frozen import frozen
from medborgarlofte.core.model import Activity, Promise, PromiseSet, Status
from medborgarlofte.core.tally import Tally
from medborgarlofte.judge.required import required_count
from medborgarlofte.judge.units import (
    Ranges,
    UnitSpan,
    exempt_ranges,
    unit_needs,
    unit_spans,
    units_elapsed,
)
from medborgarlofte.judge.years import YearResult, year_results

STATUSES = tuple(Status)


@frozen
class UnitResult:
    start: date  # first day inside the period
    end: date  # last day inside the period
    done: int
    need: int
    complete: bool  # its last day in the period is on or before as_of
    met: bool | None  # None: not complete and not yet reached
    unit_start: date | None = None  # the whole calendar unit (or block), not cut by the period
    unit_end: date | None = None

    @property
    def span(self) -> UnitSpan:
        return UnitSpan(
            self.start, self.end, self.unit_start or self.start, self.unit_end or self.end
        )

    @property
    def year(self) -> int:
        """The year the unit belongs to: the one holding the middle of its whole calendar
        unit (for weeks the Thursday, the ISO 8601 rule; for a block its middle day)."""
        first, last = self.unit_start or self.start, self.unit_end or self.end
        return (first + timedelta(days=(last - first).days // 2)).year


@frozen
class PromiseResult:
    promise: Promise
    done: int
    expected: Fraction | None
    status: Status
    last_activity: date | None
    elapsed_units: Fraction
    rate: Fraction | None = None  # done per unit elapsed, for per-unit targets
    units: tuple[UnitResult, ...] | None = None  # every-unit targets
    years: tuple[YearResult, ...] | None = None  # per-unit targets in a multi-year period
    ended: bool = False  # as_of is on or after the period's last day

    @property
    def judged_units(self) -> tuple[UnitResult, ...]:
        """Every-unit targets: the completed units that carry a need ("10 av 12 månader"
        counts these; a unit with nothing to do can be neither met nor missed)."""
        return tuple(u for u in self.units or () if u.complete and u.need > 0)

    @property
    def missed_units(self) -> tuple[UnitResult, ...]:
        return tuple(u for u in self.judged_units if not u.met)

    @property
    def required_so_far(self) -> int | None:
        """The whole count the status is judged against ("krävs hittills"): what the target
        asks so far, rounded down while the period runs, and all an on-average target asks,
        rounded up, once it has ended. None when no count is judged: ongoing work, before the
        start, every-unit targets (each unit has its own need)."""
        if self.expected is None or self.status == Status.NOT_STARTED or self.units is not None:
            return None
        return required_count(self.expected, self.ended and self.promise.target.average)


@frozen
class StatusReport:
    promise_set: PromiseSet
    as_of: date
    day_number: int  # days of the period elapsed up to as_of, 0 before it starts
    results: tuple[PromiseResult, ...]
    summary: dict[str, int]
    skipped_rows: int = 0

    @property
    def period_days(self) -> int:
        return self.promise_set.period.days


def evaluate(promise_set: PromiseSet, activities: Iterable[Activity], as_of: date) -> StatusReport:
    return judge(Tally.of(promise_set, activities), as_of)


def judge(tally: Tally, as_of: date) -> StatusReport:
    promise_set = tally.promise_set
    period = promise_set.period
    results = tuple(
        judge_promise(promise, daily, promise_set, as_of)
        for promise, daily in zip(promise_set.promises, tally.by_promise, strict=True)
    )
    summary: dict[str, int] = {status: 0 for status in STATUSES}
    for result in results:
        summary[result.status] += 1
    day_number = max(0, min((as_of - period.start).days + 1, period.days))
    return StatusReport(promise_set, as_of, day_number, results, summary, tally.skipped_rows)


def judge_promise(
    promise: Promise,
    daily: dict[date, int],
    promise_set: PromiseSet,
    as_of: date,
    *,
    by_year: bool = True,
) -> PromiseResult:
    """The promise's standing on `as_of`; without `by_year` a multi-year period's per-year
    breakdown (a view, no part of the status) is left out, for callers that ask only the
    status many times over (judge/plan.py)."""
    period = promise_set.period
    target = promise.target
    first, last_day = period.start, min(as_of, period.end)
    if daily and first <= min(daily) and max(daily) <= last_day:
        counted = daily  # every day inside: nothing to leave out (read only below)
    else:
        counted = {day: n for day, n in daily.items() if first <= day <= last_day}
    done = sum(counted.values())
    last = max(counted) if counted else None
    ended = as_of >= period.end
    exempt = exempt_ranges(period, target.exempt)
    elapsed = units_elapsed(period, target.per, as_of, exempt, target.block)

    if target.ongoing or target.minimum is None:
        if as_of < period.start:
            status = Status.NOT_STARTED
        elif done >= 1:
            status = Status.MET if ended else Status.ONGOING
        else:
            status = Status.MISSED if ended else Status.NOT_STARTED
        return PromiseResult(promise, done, None, status, last, elapsed, ended=ended)

    minimum = target.minimum
    expected = minimum * elapsed
    rate = done / elapsed if target.per != "period" and elapsed else None
    units = None
    if as_of < period.start:
        status = Status.NOT_STARTED
    elif target.per == "period":
        if done >= minimum:
            status = Status.MET
        elif ended:
            status = Status.MISSED
        else:
            status = Status.ON_TRACK if done >= required_count(expected, False) else Status.BEHIND
    elif target.average:
        if ended:
            status = Status.MET if done >= required_count(expected, True) else Status.MISSED
        else:
            status = Status.ON_TRACK if done >= required_count(expected, False) else Status.BEHIND
    else:
        spans = list(unit_spans(period, target.per, target.block))
        needs = unit_needs(period, target.per, minimum, exempt, target.block)
        units = _unit_results(counted, spans, needs, as_of)
        status = _every_unit_status(units, minimum, ended, as_of, exempt)
    years = year_results(promise, counted, period, as_of, units, exempt) if by_year else None
    return PromiseResult(
        promise, done, expected, status, last, elapsed, rate, units, years, ended=ended
    )


def _unit_results(
    counted: dict[date, int], spans: list[UnitSpan], needs: tuple[int, ...], as_of: date
) -> tuple[UnitResult, ...]:
    spans = [s for s in spans if s.start <= as_of]
    starts = [s.start for s in spans]
    sums = [0] * len(spans)
    for day, n in counted.items():
        sums[bisect.bisect_right(starts, day) - 1] += n
    results = []
    for span, done, need in zip(spans, sums, needs, strict=False):
        complete = span.end <= as_of
        met: bool | None = done >= need if complete else (True if done >= need else None)
        results.append(
            UnitResult(
                span.start, span.end, done, need, complete, met, span.unit_start, span.unit_end
            )
        )
    return tuple(results)


def _every_unit_status(
    units: tuple[UnitResult, ...],
    minimum: int,
    ended: bool,
    as_of: date,
    exempt: Ranges,
) -> Status:
    if any(u.complete and not u.met for u in units):
        return Status.MISSED
    if ended:
        return Status.MET
    current = units[-1]
    needed_now = required_count(minimum * current.span.share_until(as_of, exempt), False)
    return Status.ON_TRACK if current.done >= needed_now else Status.BEHIND
