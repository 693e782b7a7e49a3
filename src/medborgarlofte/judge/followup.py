"""Evaluation for publishing: the follow-up report (`lofte rapport`) as a pure value.

It is the status judgement (evaluate.judge) grouped by område and numbered as a published
follow-up is ("Löfte 2.1"), with each promise's comments and two series for a chart:
cumulative done up to the as-of date, and the target's pace over the whole period.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from fractions import Fraction

from medborgarlofte.core.frozen import frozen
from medborgarlofte.core.model import Measurement, Period, Promise
from medborgarlofte.core.tally import Tally
from medborgarlofte.judge.evaluate import PromiseResult, StatusReport, judge
from medborgarlofte.judge.indicators import IndicatorResult, judge_indicator
from medborgarlofte.judge.units import exempt_ranges, unit_spans, units_elapsed
from medborgarlofte.load.comments import Comment, comments_by_promise, takes_comment

CHART_STEP = "vecka"


def judged_day(period: Period, day: date) -> date:
    """The day a published follow-up looked at on `day` is judged at: `day` itself while the
    period runs, its last day once it has ended (docs/publicering.md). The site, `rapport`
    and `rapport --fragment` all judge through this one function, so they say the same
    "Läge per" for the same period and date."""
    return min(day, period.end)


def published_comments(
    comments: Iterable[Comment], period: Period, day: date
) -> dict[str, list[Comment]]:
    """The comments a follow-up looked at on `day` shows, per promise id, oldest first: every
    comment dated up to `day`, the analysis written after the period's end included (up to
    the days `takes_comment` allows; docs/publicering.md)."""
    return comments_by_promise((c for c in comments if takes_comment(period, c.date)), day)


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


@frozen(slots=False)
class PromiseFollowUp:
    number: str  # "2.1": område 2, its first promise
    result: PromiseResult
    comments: tuple[Comment, ...]  # dated on or before the day looked at, oldest first
    progress: tuple[tuple[date, int], ...]  # cumulative done, up to as_of
    pace: tuple[tuple[date, Fraction], ...]  # expected by each date, whole period
    period_target: Fraction | None  # what the whole period needs (minst × its units)

    @property
    def promise(self) -> Promise:
        return self.result.promise

    @property
    def latest_comment(self) -> Comment | None:
        return self.comments[-1] if self.comments else None


@frozen(slots=False)
class AreaFollowUp:
    number: int
    name: str
    responsible: tuple[str, ...]
    promises: tuple[PromiseFollowUp, ...]
    situation: str | None = None  # the area's lägesbild, shown above its promises
    indicators: tuple[IndicatorResult, ...] = ()


@frozen(slots=False)
class FollowUpReport:
    status: StatusReport  # judged at judged_day(period, looked_at)
    areas: tuple[AreaFollowUp, ...]
    looked_at: date | None = None  # the day asked for (--per, else today); comments up to it

    @property
    def comments(self) -> dict[str, list[Comment]]:
        """Every shown comment per promise id, as the status JSON lists them."""
        return {p.promise.id: list(p.comments) for p in self.promises if p.comments}

    def after_end(self, comment: Comment) -> bool:
        """Whether `comment` was written after the period ended: the period's analysis."""
        return comment.date > self.status.promise_set.period.end

    @property
    def promises(self) -> tuple[PromiseFollowUp, ...]:
        return tuple(p for area in self.areas for p in area.promises)


def followup_report(
    tally: Tally,
    looked_at: date,
    comments: Iterable[Comment] = (),
    measurements: Iterable[Measurement] = (),
) -> FollowUpReport:
    """The follow-up of `tally`'s period as published on `looked_at`: judged at
    `judged_day`, with the comments of `published_comments`."""
    promise_set = tally.promise_set
    period = promise_set.period
    as_of = judged_day(period, looked_at)
    status = judge(tally, as_of)
    by_id = published_comments(comments, period, looked_at)
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
                tuple(judge_indicator(i, measured, as_of, period.start) for i in area.indicators),
            )
        )
    return FollowUpReport(status, tuple(areas), looked_at)
