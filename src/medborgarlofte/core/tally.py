"""Core value between loading and judging: per promise, the daily sums of the rows that count.

Every log reader (the reference reader and the fast paths) produces one; evaluation reads it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import field
from datetime import date

from medborgarlofte.core.frozen import mutable
from medborgarlofte.core.model import Activity, PromiseSet


@mutable
class Tally:
    """Per promise, the sum of `antal` per day of the rows that count toward it (any date)."""

    promise_set: PromiseSet
    by_promise: list[dict[date, int]] = field(default_factory=list)
    skipped_rows: int = 0

    @classmethod
    def of(cls, promise_set: PromiseSet, activities: Iterable[Activity]) -> Tally:
        promises = promise_set.promises
        by_promise: list[dict[date, int]] = [{} for _ in promises]
        matches: dict[tuple[str, tuple[str, ...], tuple[str, ...]], list[dict[date, int]]] = {}
        for activity in activities:
            key = (activity.type, activity.participants, activity.tags)
            sinks = matches.get(key)
            if sinks is None:
                sinks = matches[key] = [
                    by_promise[i] for i, p in enumerate(promises) if p.counts(*key)
                ]
            for sink in sinks:
                sink[activity.date] = sink.get(activity.date, 0) + activity.count
        return cls(promise_set, by_promise)

    def minus(self, other: Tally) -> Tally:
        """This tally without `other`'s sums (rows `other` counted that this one did too)."""
        by_promise = [dict(days) for days in self.by_promise]
        for days, taken in zip(by_promise, other.by_promise, strict=True):
            for day, count in taken.items():
                left = days.get(day, 0) - count
                if left:
                    days[day] = left
                else:
                    days.pop(day, None)
        return dataclasses.replace(self, by_promise=by_promise)
