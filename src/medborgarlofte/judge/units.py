"""Core calendar arithmetic: which calendar unit a day belongs to, and fractional unit counts.

Each day of a period counts as 1 / (days of its whole calendar unit) of a unit (CONTRACT §5),
so 2019 holds 365/7 weeks and a period starting on a Tuesday begins with 6/7 of a week.
Fractions keep the arithmetic exact, so a status never flips on a rounding error.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from medborgarlofte.core.model import MONTHS_PER_UNIT, Period, Unit


def calendar_unit(day: date, per: str, period: Period) -> tuple[date, date]:
    """First and last day of the whole calendar unit (not cut by the period) holding `day`."""
    if per == Unit.DAY:
        return day, day
    if per == Unit.WEEK:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    if per == Unit.PERIOD:
        return period.start, period.end
    months = MONTHS_PER_UNIT[Unit(per)]
    first_month = (day.month - 1) // months * months + 1
    start = date(day.year, first_month, 1)
    next_month = first_month + months
    if next_month > 12:
        end = date(day.year + 1, 1, 1) - timedelta(days=1)
    else:
        end = date(day.year, next_month, 1) - timedelta(days=1)
    return start, end


@dataclass(frozen=True, slots=True)
class UnitSpan:
    """One calendar unit as it lies in a period: its whole extent and the part inside."""

    start: date  # first day inside the period
    end: date  # last day inside the period
    unit_start: date
    unit_end: date

    @property
    def unit_days(self) -> int:
        return (self.unit_end - self.unit_start).days + 1

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def cut(self) -> bool:
        return self.start != self.unit_start or self.end != self.unit_end

    def share_until(self, as_of: date) -> Fraction:
        """The unit's elapsed share: its days in the period up to `as_of` over its whole length."""
        if as_of < self.start:
            return Fraction(0)
        last = min(as_of, self.end)
        return Fraction((last - self.start).days + 1, self.unit_days)


def unit_spans(period: Period, per: str) -> Iterator[UnitSpan]:
    """The calendar units of `per` that meet the period, in order, clipped to it."""
    return iter(_spans(period, per))


@functools.lru_cache(maxsize=64)
def _spans(period: Period, per: str) -> tuple[UnitSpan, ...]:
    # Cached: every promise of a period asks for the same spans, a long period's days by
    # the thousand.
    spans = []
    day = period.start
    while day <= period.end:
        unit_start, unit_end = calendar_unit(day, per, period)
        end = min(unit_end, period.end)
        spans.append(UnitSpan(day, end, unit_start, unit_end))
        day = end + timedelta(days=1)
    return tuple(spans)


@functools.lru_cache(maxsize=64)
def _elapsed_before(period: Period, per: str) -> tuple[tuple[date, ...], tuple[Fraction, ...]]:
    """The spans' first days, and the units elapsed before each span starts."""
    spans = _spans(period, per)
    before = []
    total = Fraction(0)
    for span in spans:
        before.append(total)
        total += Fraction(span.days, span.unit_days)
    return tuple(s.start for s in spans), tuple(before)


def span_holding(day: date, per: str, period: Period) -> UnitSpan:
    unit_start, unit_end = calendar_unit(day, per, period)
    return UnitSpan(max(unit_start, period.start), min(unit_end, period.end), unit_start, unit_end)


def units_elapsed(period: Period, per: str, as_of: date) -> Fraction:
    """Units elapsed from the period's first day up to and including `as_of`."""
    if as_of < period.start:
        return Fraction(0)
    if per == Unit.PERIOD:
        return Fraction((min(as_of, period.end) - period.start).days + 1, period.days)
    starts, before = _elapsed_before(period, per)
    index = bisect.bisect_right(starts, as_of) - 1
    return before[index] + _spans(period, per)[index].share_until(as_of)
