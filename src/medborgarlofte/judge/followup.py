"""Evaluation for publishing: the follow-up report (`lofte rapport`) as a pure value.

It is the status judgement (evaluate.judge) grouped by område and numbered as a published
follow-up is ("Löfte 2.1"), with each promise's comments and two series for a chart:
cumulative done up to the as-of date, and the target's pace over the whole period.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from medborgarlofte.core.model import Measurement, Period, Promise
from medborgarlofte.core.tally import Tally
from medborgarlofte.judge.evaluate import PromiseResult, StatusReport, judge
from medborgarlofte.judge.indicators import IndicatorResult, judge_indicator
from medborgarlofte.judge.units import exempt_ranges, unit_spans, units_elapsed
from medborgarlofte.load.comments import Comment, comments_by_promise

CHART_STEP = "vecka"


def cumulative_done(
    daily: Mapping[date, int], period: Period, until: date, step: str = CHART_STEP
) -> tuple[tuple[date, int], ...]:
    """Cumulative done at the end of each `step` unit of the period up to `until` (the last
    point is `until` itself when it falls inside a unit); empty before the period starts."""
    last = min(until, period.end)
    points: list[tuple[date, int]] = []
    running = 0
    days = sorted(d for d in daily if period.start <= d <= last)
    index = 0
    for span in unit_spans(period, step):
        if span.start > last:
            break
        point = min(span.end, last)
        while index < len(days) and days[index] <= point:
            running += daily[days[index]]
            index += 1
        points.append((point, running))
    return tuple(points)


def target_pace(
    promise: Promise, period: Period, step: str = CHART_STEP
) -> tuple[tuple[date, Fraction], ...]:
    """What the target expects done by the end of each `step` unit over the whole period."""
    target = promise.target
    if target.ongoing or target.minimum is None:
        return ()
    minimum = target.minimum
    exempt = exempt_ranges(period, target.exempt)
    return tuple(
        (span.end, minimum * units_elapsed(period, target.per, span.end, exempt, target.block))
        for span in unit_spans(period, step)
    )


@dataclass(frozen=True)
class PromiseFollowUp:
    number: str  # "2.1": område 2, its first promise
    result: PromiseResult
    comments: tuple[Comment, ...]  # dated on or before as_of, oldest first
    progress: tuple[tuple[date, int], ...]  # cumulative done, up to as_of
    pace: tuple[tuple[date, Fraction], ...]  # expected by each date, whole period
    period_target: Fraction | None  # what the whole period needs (minst × its units)

    @property
    def promise(self) -> Promise:
        return self.result.promise

    @property
    def latest_comment(self) -> Comment | None:
        return self.comments[-1] if self.comments else None


@dataclass(frozen=True)
class AreaFollowUp:
    number: int
    name: str
    responsible: tuple[str, ...]
    promises: tuple[PromiseFollowUp, ...]
    situation: str | None = None  # the area's lägesbild, shown above its promises
    indicators: tuple[IndicatorResult, ...] = ()


@dataclass(frozen=True)
class FollowUpReport:
    status: StatusReport
    areas: tuple[AreaFollowUp, ...]

    @property
    def promises(self) -> tuple[PromiseFollowUp, ...]:
        return tuple(p for area in self.areas for p in area.promises)


def followup_report(
    tally: Tally,
    as_of: date,
    comments: Iterable[Comment] = (),
    measurements: Iterable[Measurement] = (),
) -> FollowUpReport:
    status = judge(tally, as_of)
    promise_set = tally.promise_set
    period = promise_set.period
    by_id = comments_by_promise(comments, as_of)
    measured = tuple(measurements)
    results = dict(zip((p.id for p in promise_set.promises), status.results, strict=True))
    dailies = dict(zip((p.id for p in promise_set.promises), tally.by_promise, strict=True))
    areas = []
    for area_number, area in enumerate(promise_set.areas, start=1):
        promises = []
        for number, promise in enumerate(area.promises, start=1):
            pace = target_pace(promise, period)
            promises.append(
                PromiseFollowUp(
                    f"{area_number}.{number}",
                    results[promise.id],
                    tuple(by_id.get(promise.id, ())),
                    cumulative_done(dailies[promise.id], period, as_of)
                    if as_of >= period.start
                    else (),
                    pace,
                    pace[-1][1] if pace else None,
                )
            )
        areas.append(
            AreaFollowUp(
                area_number,
                area.name,
                area.responsible,
                tuple(promises),
                area.situation,
                tuple(judge_indicator(i, measured, as_of) for i in area.indicators),
            )
        )
    return FollowUpReport(status, tuple(areas))
