"""Core calendar arithmetic: which calendar unit a day belongs to, and fractional unit counts.

Each day of a period counts as 1 / (days of its whole calendar unit) of a unit
(docs/bedomning.md §2), so 2019 holds 365/7 weeks and a period starting on a Tuesday begins
with 6/7 of a week.
Fractions keep the arithmetic exact, so a status never flips on a rounding error.

Exempt days (`utom`) carry no target: wherever §5 counts days it counts the days that are
not exempt. `exempt_ranges` turns a target's `utom` into sorted, disjoint date ranges inside
the period; every function here takes them (empty: no exemptions).

A block (`per: 3 veckor`, docs/block.md) is N consecutive calendar units, the first block
beginning with the calendar unit that holds the period's first day; it is one unit
everywhere here (its days are the days of its N whole calendar units). Every function takes
the block size as `block` (1: a plain calendar unit).
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator
from datetime import date, timedelta
from fractions import Fraction

from medborgarlofte.core.frozen import frozen
from medborgarlofte.core.model import MONTHS_PER_UNIT, Exemption, Period, Unit
from medborgarlofte.judge.required import required_count

# Sorted, disjoint, inclusive (first, last) day ranges inside a period.
Ranges = tuple[tuple[date, date], ...]
NO_EXEMPTIONS: Ranges = ()


@functools.lru_cache(maxsize=256)
def exempt_ranges(period: Period, exemptions: tuple[Exemption, ...]) -> Ranges:
    """The days `exemptions` exempt, as sorted disjoint ranges clipped to the period."""
    if not exemptions:
        return NO_EXEMPTIONS
    ranges: list[tuple[date, date]] = []
    for exemption in exemptions:
        if exemption.month is not None:
            for year in range(period.start.year, period.end.year + 1):
                first = date(year, exemption.month, 1)
                ranges.append((first, _month_end(year, exemption.month)))
        elif exemption.start is not None and exemption.end is not None:
            ranges.append((exemption.start, exemption.end))
    clipped = sorted(
        (max(first, period.start), min(last, period.end))
        for first, last in ranges
        if first <= period.end and last >= period.start and first <= last
    )
    merged: list[tuple[date, date]] = []
    for first, last in clipped:
        if merged and first <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return tuple(merged)


def _month_end(year: int, month: int) -> date:
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return following - timedelta(days=1)


def free_days(first: date, last: date, exempt: Ranges = NO_EXEMPTIONS) -> int:
    """The days from `first` to `last` (both included) that are not exempt."""
    if last < first:
        return 0
    days = (last - first).days + 1
    for start, end in exempt:
        overlap = (min(end, last) - max(start, first)).days + 1
        if overlap > 0:
            days -= overlap
    return days


def calendar_unit(day: date, per: str, period: Period, block: int = 1) -> tuple[date, date]:
    """First and last day of the whole calendar unit (not cut by the period) holding `day`;
    with a `block` of N, the whole block of N units holding it."""
    if block > 1 and per != Unit.PERIOD:
        return _block(day, per, period.start, block)
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


def _unit_index(day: date, per: str) -> int:
    """The number of the calendar unit holding `day`, counted from a fixed origin, so that
    consecutive units have consecutive numbers."""
    if per == Unit.DAY:
        return day.toordinal()
    if per == Unit.WEEK:
        return (day.toordinal() - 1) // 7  # ordinal 1 (0001-01-01) is a Monday
    return (day.year * 12 + day.month - 1) // MONTHS_PER_UNIT[Unit(per)]


def _unit_first_day(index: int, per: str) -> date:
    """The first day of the calendar unit numbered `index` (the inverse of _unit_index)."""
    if per == Unit.DAY:
        return date.fromordinal(index)
    if per == Unit.WEEK:
        return date.fromordinal(index * 7 + 1)
    month = index * MONTHS_PER_UNIT[Unit(per)]
    return date(month // 12, month % 12 + 1, 1)


def _block(day: date, per: str, anchor: date, block: int) -> tuple[date, date]:
    first = _unit_index(anchor, per)
    number = (_unit_index(day, per) - first) // block
    start = first + number * block
    return _unit_first_day(start, per), _unit_first_day(start + block, per) - timedelta(days=1)


@frozen
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

    def free_days(self, exempt: Ranges = NO_EXEMPTIONS) -> int:
        """Its days in the period that are not exempt."""
        return free_days(self.start, self.end, exempt)

    def share_until(self, as_of: date, exempt: Ranges = NO_EXEMPTIONS) -> Fraction:
        """The unit's elapsed share: its non-exempt days in the period up to `as_of` over the
        days of the whole calendar unit."""
        if as_of < self.start:
            return Fraction(0)
        return Fraction(free_days(self.start, min(as_of, self.end), exempt), self.unit_days)


def unit_spans(period: Period, per: str, block: int = 1) -> Iterator[UnitSpan]:
    """The calendar units (or blocks) of `per` that meet the period, in order, clipped to it."""
    return iter(_spans(period, per, block))


@functools.lru_cache(maxsize=64)
def _spans(period: Period, per: str, block: int = 1) -> tuple[UnitSpan, ...]:
    # Cached: every promise of a period asks for the same spans, a long period's days by
    # the thousand.
    spans = []
    day = period.start
    while day <= period.end:
        unit_start, unit_end = calendar_unit(day, per, period, block)
        end = min(unit_end, period.end)
        spans.append(UnitSpan(day, end, unit_start, unit_end))
        day = end + timedelta(days=1)
    return tuple(spans)


@functools.lru_cache(maxsize=64)
def _elapsed_before(
    period: Period, per: str, exempt: Ranges, block: int = 1
) -> tuple[tuple[date, ...], tuple[Fraction, ...]]:
    """The spans' first days, and the units elapsed before each span starts."""
    spans = _spans(period, per, block)
    before = []
    total = Fraction(0)
    for span in spans:
        before.append(total)
        total += Fraction(span.free_days(exempt), span.unit_days)
    return tuple(s.start for s in spans), tuple(before)


@functools.lru_cache(maxsize=256)
def unit_needs(
    period: Period, per: str, minimum: int, exempt: Ranges, block: int = 1
) -> tuple[int, ...]:
    """What each unit of `unit_spans(period, per, block)` needs of an every-unit target of
    `minimum`: minst for a whole unit without exempt days, else ⌈minst × its non-exempt days
    in the period ÷ the days of the whole calendar unit⌉ (0 when it has none)."""
    return tuple(
        required_count(minimum * Fraction(span.free_days(exempt), span.unit_days), True)
        for span in _spans(period, per, block)
    )


def span_holding(day: date, per: str, period: Period, block: int = 1) -> UnitSpan:
    unit_start, unit_end = calendar_unit(day, per, period, block)
    return UnitSpan(max(unit_start, period.start), min(unit_end, period.end), unit_start, unit_end)


def units_elapsed(
    period: Period, per: str, as_of: date, exempt: Ranges = NO_EXEMPTIONS, block: int = 1
) -> Fraction:
    """Units elapsed from the period's first day up to and including `as_of`, counting only
    non-exempt days. For `per: period` the share of the period's non-exempt days (0 when
    every day is exempt)."""
    if as_of < period.start:
        return Fraction(0)
    if per == Unit.PERIOD:
        total = free_days(period.start, period.end, exempt)
        if total == 0:
            return Fraction(0)
        return Fraction(free_days(period.start, min(as_of, period.end), exempt), total)
    starts, before = _elapsed_before(period, per, exempt, block)
    index = bisect.bisect_right(starts, as_of) - 1
    return before[index] + _spans(period, per, block)[index].share_until(as_of, exempt)
