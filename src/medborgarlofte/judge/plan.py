"""Evaluation, forward: (tally, as_of) -> Plan, what must be logged by when (docs/plan.md).

Nothing here restates a rule of the judgement: every question ("would this promise be
behind on day d?", "would n more rows on day L keep it in step?") is asked of
`judge_promise`, the function `lofte status` judges with, on the promise's daily sums up to
`as_of` (nothing more logged after it).

With nothing more logged, a promise that is behind or missed on day d stays so on every
later day of the period (the current unit's need so far only grows; a unit that ends short
is missed for good), so the first such day is found by bisection: about ten judgements per
promise, not one a day. `needed` is monotone in the count logged (more rows never make a
promise worse), so it is bisected too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from medborgarlofte.core.frozen import frozen
from medborgarlofte.core.model import Promise, PromiseSet, Status, Unit
from medborgarlofte.core.tally import Tally
from medborgarlofte.judge.evaluate import judge_promise
from medborgarlofte.judge.required import required_count
from medborgarlofte.judge.units import (
    exempt_ranges,
    span_holding,
    unit_needs,
    unit_spans,
    units_elapsed,
)

FAILING = frozenset({Status.BEHIND, Status.MISSED})
# No promise in a real file needs this many rows logged at once; the bisection's ceiling.
_MOST_NEEDED = 10**12


@frozen
class PlanItem:
    promise: Promise
    status: Status  # as of as_of
    by: date | None  # the first day it would be behind or missed with nothing more logged
    needed: int | None  # the least count, logged on `log_day`, that keeps it in step on `by`
    log_day: date | None  # the day `needed` is counted on
    remaining: int  # what is still needed to meet the whole target
    period_end: date


@frozen
class Plan:
    promise_set: PromiseSet
    as_of: date
    items: tuple[PlanItem, ...]  # sorted by `by` (none last); empty once the period ended

    @property
    def ended(self) -> bool:
        return self.as_of >= self.promise_set.period.end


def plan(tally: Tally, as_of: date) -> Plan:
    """What each promise of `tally`'s promise set needs next, as of `as_of`."""
    promise_set = tally.promise_set
    if as_of >= promise_set.period.end:
        return Plan(promise_set, as_of, ())
    items = [
        plan_promise(promise, daily, promise_set, as_of)
        for promise, daily in zip(promise_set.promises, tally.by_promise, strict=True)
    ]
    items.sort(key=_order)
    return Plan(promise_set, as_of, tuple(items))


def _order(item: PlanItem) -> tuple[bool, date, str]:
    return (item.by is None, item.by or item.period_end, item.promise.label.casefold())


def plan_promise(
    promise: Promise, daily: dict[date, int], promise_set: PromiseSet, as_of: date
) -> PlanItem:
    period = promise_set.period
    logged = {day: n for day, n in daily.items() if day <= as_of}
    now = judge_promise(promise, logged, promise_set, as_of, by_year=False)
    remaining = _remaining(promise, logged, promise_set, as_of, now.done)
    by = needed = log_day = None
    if not promise.target.ongoing and now.status not in (Status.MET, Status.MISSED):

        def failing(day: date) -> bool:
            return judge_promise(promise, logged, promise_set, day, by_year=False).status in FAILING

        by = first_true(failing, max(as_of, period.start), period.end)
    if by is not None:
        log_day = max(as_of, period.start)
        target = promise.target
        if target.per != Unit.PERIOD:
            log_day = max(log_day, span_holding(by, target.per, period, target.block).start)
        needed = _needed(promise, logged, promise_set, by, log_day)
    return PlanItem(promise, now.status, by, needed, log_day, remaining, period.end)


def first_true(test: Callable[[date], bool], first: date, last: date) -> date | None:
    """The first day in [first, last] for which `test` holds, `test` being false up to some
    day and true from then on; None when it never holds."""
    if first > last or not test(last):
        return None
    low, high = first.toordinal(), last.toordinal()  # test(high) holds
    while low < high:
        middle = (low + high) // 2
        if test(date.fromordinal(middle)):
            high = middle
        else:
            low = middle + 1
    return date.fromordinal(low)


def _needed(
    promise: Promise, logged: dict[date, int], promise_set: PromiseSet, by: date, log_day: date
) -> int | None:
    def in_step(count: int) -> bool:
        more = dict(logged)
        more[log_day] = more.get(log_day, 0) + count
        return judge_promise(promise, more, promise_set, by, by_year=False).status not in FAILING

    high = 1
    while not in_step(high):
        if high >= _MOST_NEEDED:
            return None
        high *= 2
    low = high // 2 + 1 if high > 1 else 1  # in_step(high // 2) failed, or high is 1
    while low < high:
        middle = (low + high) // 2
        if in_step(middle):
            high = middle
        else:
            low = middle + 1
    return low


def _remaining(
    promise: Promise, logged: dict[date, int], promise_set: PromiseSet, as_of: date, done: int
) -> int:
    target = promise.target
    if target.ongoing or target.minimum is None:
        return 1 if done == 0 else 0
    period = promise_set.period
    if target.per == Unit.PERIOD:
        return max(0, target.minimum - done)
    exempt = exempt_ranges(period, target.exempt)
    if target.average:
        whole = target.minimum * units_elapsed(
            period, target.per, period.end, exempt, target.block
        )
        # The whole period is over by then: all it asks, rounded up (done is whole).
        return max(0, required_count(whole, True) - done)
    total = 0
    spans = unit_spans(period, target.per, target.block)
    needs = unit_needs(period, target.per, target.minimum, exempt, target.block)
    for span, need in zip(spans, needs, strict=True):
        if span.end >= as_of:
            done_in = sum(n for day, n in logged.items() if span.start <= day <= span.end)
            total += max(0, need - done_in)
    return total
