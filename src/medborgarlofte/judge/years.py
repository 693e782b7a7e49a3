"""Evaluation, refined: a per-unit promise in a multi-year period, judged year by year.

People follow a three-year promise a year at a time ("2020: 2 av 2, 2021: 1 av 2 hittills"),
so a per-unit target (every unit or on average) in a period that spans several calendar
years also gets one result per year that has begun. The promise's own status stays as
docs/bedomning.md §3 defines it; the years are a finer view of the same counted days.

A year's `expected` is `minst` × the units of that year elapsed up to `as_of` (each day
counting 1 / the days of its whole calendar unit), so the years' expectations add up to the
promise's. For every-unit targets a unit belongs to the year that holds the middle of its
whole calendar unit (or block): for weeks that is the Thursday, the ISO 8601 rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING

from medborgarlofte.core.frozen import frozen
from medborgarlofte.core.model import Period, Promise, Status
from medborgarlofte.judge.required import required_count
from medborgarlofte.judge.units import (
    NO_EXEMPTIONS,
    Ranges,
    units_elapsed,
)

if TYPE_CHECKING:
    from medborgarlofte.judge.evaluate import UnitResult


@frozen
class YearResult:
    year: int
    start: date  # first day of the year inside the period
    end: date  # last day of the year inside the period
    done: int
    expected: Fraction  # minst × this year's units elapsed up to as_of
    status: Status  # met | missed once the year is over (or decided); on_track | behind before
    over: bool  # the year's last day in the period is on or before as_of
    units_met: int | None = None  # every-unit targets: this year's units that reached their need
    units: int | None = None  # every-unit targets: this year's units complete (or already met)


def year_results(
    promise: Promise,
    counted: dict[date, int],
    period: Period,
    as_of: date,
    units: Sequence[UnitResult] | None,
    exempt: Ranges = NO_EXEMPTIONS,
) -> tuple[YearResult, ...] | None:
    """One result per calendar year begun by `as_of`, for per-unit targets in a period that
    spans several years; None for every other promise (nothing finer to show).

    `counted` holds the promise's counted rows per day (inside the period, up to `as_of`).
    """
    target = promise.target
    if target.ongoing or target.minimum is None or target.per == "period":
        return None
    if period.start.year == period.end.year:
        return None
    results = []
    for year in range(period.start.year, min(as_of.year, period.end.year) + 1):
        part = Period(
            str(year), max(date(year, 1, 1), period.start), min(date(year, 12, 31), period.end)
        )
        if part.start > as_of:
            break
        done = sum(n for day, n in counted.items() if part.start <= day <= part.end)
        # The units of this year elapsed by as_of: what had elapsed by then less what had by
        # the year's start, so a block is cut by the year as the period's units are.
        before = part.start - timedelta(days=1)
        expected = target.minimum * (
            units_elapsed(period, target.per, min(as_of, part.end), exempt, target.block)
            - units_elapsed(period, target.per, before, exempt, target.block)
        )
        over = part.end <= as_of
        if units is None:
            results.append(_average_year(year, part, done, expected, over))
        else:
            mine = [u for u in units if u.year == year]
            results.append(
                _every_unit_year(
                    year,
                    part,
                    done,
                    expected,
                    over,
                    mine,
                    target.minimum,
                    as_of,
                    exempt,
                )
            )
    return tuple(results)


def _average_year(year: int, part: Period, done: int, expected: Fraction, over: bool) -> YearResult:
    if over:
        status = Status.MET if done >= required_count(expected, True) else Status.MISSED
    else:
        status = Status.ON_TRACK if done >= required_count(expected, False) else Status.BEHIND
    return YearResult(year, part.start, part.end, done, expected, status, over)


def _every_unit_year(
    year: int,
    part: Period,
    done: int,
    expected: Fraction,
    over: bool,
    units: list[UnitResult],
    minimum: int,
    as_of: date,
    exempt: Ranges,
) -> YearResult:
    if any(u.complete and not u.met for u in units):
        status = Status.MISSED
    elif units and not units[-1].complete:
        current = units[-1]
        share = current.span.share_until(as_of, exempt)
        on_track = current.done >= required_count(minimum * share, False)
        status = Status.ON_TRACK if on_track else Status.BEHIND
    else:
        status = Status.MET if over else Status.ON_TRACK
    # A unit still under way counts once it has reached its need, so "20 av 20" mid-week.
    judged = [u for u in units if u.complete or u.met]
    met = sum(1 for u in judged if u.met)
    return YearResult(year, part.start, part.end, done, expected, status, over, met, len(judged))
