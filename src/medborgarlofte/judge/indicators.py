"""Evaluation of effects: each indicator's latest measurement against its baseline, as of a date.

Pure: a promise set's indicators and their measurements in, a value per indicator out. A
measurement after the as-of date does not count, so a report "per 30 juni" says what was
known then. The latest measurement is the one with the latest date; on the same date the
one further down the file, so a corrected value can be appended after a wrong one.
Values are Decimals as written: a change of 43 → 38,5 is exactly -4,5.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from enum import StrEnum

from medborgarlofte.core.frozen import frozen
from medborgarlofte.core.model import Direction, Indicator, Measurement, PromiseSet


class Trend(StrEnum):
    IMPROVED = "improved"
    WORSENED = "worsened"
    UNCHANGED = "unchanged"
    NO_DATA = "no_data"


@frozen(slots=False)
class Baseline:
    date: date
    value: Decimal
    measured: bool = False  # read from the latest measurement before the period


@frozen(slots=False)
class IndicatorResult:
    indicator: Indicator
    measurements: tuple[Measurement, ...]  # on or before as_of, oldest first
    latest: Measurement | None
    change: Decimal | None  # latest − baseline; None without a measurement or a baseline
    trend: Trend
    target_reached: bool | None  # None when the indicator has no target
    baseline: Baseline | None = None  # the declared one, else the last measured before


def baseline_of(
    indicator: Indicator, measurements: Iterable[Measurement], period_start: date | None
) -> Baseline | None:
    """The indicator's `utgångsläge`; when the promise file gives none, the latest of its
    measurements dated before the period (docs/publicering.md), else None."""
    if indicator.baseline_date is not None and indicator.baseline_value is not None:
        return Baseline(indicator.baseline_date, indicator.baseline_value)
    if period_start is None:
        return None
    before = [m for m in measurements if m.date < period_start]
    if not before:
        return None
    last = max(before, key=lambda m: (m.date, m.line))
    return Baseline(last.date, last.value, measured=True)


def trend_of(direction: Direction, change: Decimal | None) -> Trend:
    """Whether a change from the baseline went the way the indicator should move."""
    if change is None:
        return Trend.NO_DATA
    if change == 0:
        return Trend.UNCHANGED
    better = change < 0 if direction is Direction.DECREASE else change > 0
    return Trend.IMPROVED if better else Trend.WORSENED


def reached(indicator: Indicator, value: Decimal) -> bool:
    """Whether `value` is at or past the indicator's target in its direction."""
    assert indicator.target is not None
    if indicator.direction is Direction.DECREASE:
        return value <= indicator.target
    return value >= indicator.target


def judge_indicator(
    indicator: Indicator,
    measurements: Iterable[Measurement],
    as_of: date,
    period_start: date | None = None,
) -> IndicatorResult:
    own = sorted(
        (m for m in measurements if m.indicator_id == indicator.id and m.date <= as_of),
        key=lambda m: (m.date, m.line),
    )
    latest = own[-1] if own else None
    baseline = baseline_of(indicator, own, period_start)
    change = None if latest is None or baseline is None else latest.value - baseline.value
    target_reached = None
    if indicator.target is not None:
        target_reached = latest is not None and reached(indicator, latest.value)
    return IndicatorResult(
        indicator,
        tuple(own),
        latest,
        change,
        trend_of(indicator.direction, change),
        target_reached,
        baseline,
    )


def judge_indicators(
    promise_set: PromiseSet, measurements: Iterable[Measurement], as_of: date
) -> tuple[IndicatorResult, ...]:
    """Every indicator of the promise set, in file order."""
    kept = tuple(measurements)
    start = promise_set.period.start
    return tuple(judge_indicator(i, kept, as_of, start) for i in promise_set.indicators)


def trend_counts(results: Iterable[IndicatorResult]) -> dict[str, int]:
    """How many indicators went each way, every trend named (zero included)."""
    counts = {trend.value: 0 for trend in Trend}
    for result in results:
        counts[result.trend.value] += 1
    return counts
