"""Evaluation at the edges of the calendar and of the status rules (docs/bedomning.md)."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest

from medborgarlofte.core.model import Activity, Area, Period, Promise, PromiseSet, Target
from medborgarlofte.judge.evaluate import PromiseResult, evaluate
from medborgarlofte.judge.units import calendar_unit, unit_spans, units_elapsed

Y2019 = Period("2019", date(2019, 1, 1), date(2019, 12, 31))


def promise_set(target: Target, period: Period = Y2019) -> PromiseSet:
    promise = Promise("p", "Ett löfte.", "Område", ("polis",), target)
    return PromiseSet(
        path="promises/x.yaml",
        log_path="logs/x.csv",
        kommun="Exempelby",
        kommun_key=None,
        police_area="",
        period=period,
        activity_types={"a": "A", "b": "B"},
        participants={"polis": "", "kommun": "", "grannsamverkan": ""},
        areas=(Area("Område", ("polis",), (promise,)),),
    )


def rows(*days: str, type: str = "a", count: int = 1, who: tuple[str, ...] = ()) -> list[Activity]:
    return [Activity(i + 2, date.fromisoformat(d), type, count, who) for i, d in enumerate(days)]


def judged(
    target: Target, activities: list[Activity], as_of: str, period: Period = Y2019
) -> PromiseResult:
    return evaluate(promise_set(target, period), activities, date.fromisoformat(as_of)).results[0]


def test_iso_week_one_of_2019_starts_on_monday_2018_12_31() -> None:
    assert calendar_unit(date(2019, 1, 1), "vecka", Y2019) == (date(2018, 12, 31), date(2019, 1, 6))
    spans = list(unit_spans(Y2019, "vecka"))
    assert (spans[0].start, spans[0].end, spans[0].days, spans[0].unit_days) == (
        date(2019, 1, 1),
        date(2019, 1, 6),
        6,
        7,
    )
    # 2019-12-30 and -31 belong to ISO week 1 of 2020: a cut unit of 2 days.
    assert (spans[-1].start, spans[-1].days) == (date(2019, 12, 30), 2)
    assert units_elapsed(Y2019, "vecka", date(2019, 1, 6)) == Fraction(6, 7)
    assert units_elapsed(Y2019, "vecka", date(2019, 12, 31)) == Fraction(365, 7)


def test_every_week_target_needs_a_prorated_count_in_cut_weeks() -> None:
    target = Target(("a",), 3, per="vecka")
    result = judged(target, rows("2019-01-02"), "2019-01-06")
    assert result.units is not None
    first = result.units[0]
    assert (first.need, first.done, first.complete, first.met) == (3, 1, True, False)  # ⌈3·6/7⌉
    assert result.status == "missed"
    last_week_cut = judged(target, rows(*[f"2019-01-0{d}" for d in range(1, 7)] * 3), "2019-01-06")
    assert last_week_cut.status == "on_track"


def test_period_starting_mid_week_begins_with_a_fraction_of_a_week() -> None:
    period = Period("vinter", date(2019, 1, 2), date(2019, 3, 31))  # a Wednesday
    assert units_elapsed(period, "vecka", date(2019, 1, 6)) == Fraction(5, 7)
    target = Target(("a",), 7, per="vecka", average=True)
    result = judged(target, rows(*["2019-01-03"] * 5), "2019-01-06", period)
    assert result.expected == 5
    assert result.status == "on_track"
    assert judged(target, rows(*["2019-01-03"] * 4), "2019-01-06", period).status == "behind"


def test_leap_day_counts_as_a_day_of_its_month_and_year() -> None:
    y2020 = Period("2020", date(2020, 1, 1), date(2020, 12, 31))
    assert units_elapsed(y2020, "månad", date(2020, 2, 28)) == 1 + Fraction(28, 29)
    assert units_elapsed(y2020, "månad", date(2020, 2, 29)) == 2
    assert units_elapsed(y2020, "dygn", date(2020, 12, 31)) == 366
    target = Target(("a",), 1, per="dygn", average=True)
    assert judged(target, rows(*["2020-02-29"] * 366), "2020-12-31", y2020).status == "met"
    assert judged(target, rows(*["2020-02-29"] * 365), "2020-12-31", y2020).status == "missed"


@pytest.mark.parametrize(
    ("per", "last_day", "next_day"),
    [
        ("tertial", "2019-04-30", "2019-05-01"),
        ("tertial", "2019-08-31", "2019-09-01"),
        ("halvår", "2019-06-30", "2019-07-01"),
        ("kvartal", "2019-03-31", "2019-04-01"),
    ],
)
def test_unit_borders(per: str, last_day: str, next_day: str) -> None:
    first_start, first_end = calendar_unit(date.fromisoformat(last_day), per, Y2019)
    assert first_end == date.fromisoformat(last_day)
    second_start, _ = calendar_unit(date.fromisoformat(next_day), per, Y2019)
    assert second_start == date.fromisoformat(next_day)
    target = Target(("a",), 2, per=per)
    earlier = [s.start.isoformat() for s in unit_spans(Y2019, per) if s.end < first_start] * 2
    short = rows(*earlier, first_start.isoformat())  # one of two in the unit ending last_day
    day_before = (date.fromisoformat(last_day) - timedelta(days=1)).isoformat()
    assert judged(target, short, day_before).status == "on_track"
    assert judged(target, short, last_day).status == "missed"
    enough = rows(*earlier, first_start.isoformat(), first_end.isoformat())
    assert judged(target, enough, last_day).status == "on_track"
    assert judged(target, enough, next_day).status == "on_track"


def test_three_year_period_with_every_year_targets() -> None:
    period = Period("2020-2022", date(2020, 1, 1), date(2022, 12, 31))
    target = Target(("a",), 2, per="år")
    good = rows("2020-03-01", "2020-09-01", "2021-05-01", "2021-06-01", "2022-01-10", "2022-11-11")
    mid = judged(target, good, "2021-06-30", period)
    assert mid.status == "on_track"
    assert mid.units is not None
    assert [(u.start.year, u.done, u.met) for u in mid.units] == [(2020, 2, True), (2021, 2, True)]
    assert mid.expected == 2 + 2 * Fraction(181, 365)
    assert judged(target, good, "2022-12-31", period).status == "met"
    thin_first_year = rows("2020-03-01", "2021-05-01", "2021-06-01")
    assert judged(target, thin_first_year, "2020-12-30", period).status == "on_track"
    assert judged(target, thin_first_year, "2020-12-31", period).status == "missed"
    assert judged(target, thin_first_year, "2021-06-30", period).status == "missed"


def test_per_dygn_on_average() -> None:
    target = Target(("a",), 1, per="dygn", average=True)
    ten_days = [f"2019-01-{d:02d}" for d in range(1, 11)]
    assert judged(target, rows(*ten_days), "2019-01-10").status == "on_track"
    result = judged(target, rows(*ten_days[:9]), "2019-01-10")
    assert (result.expected, result.status) == (10, "behind")
    assert result.rate == Fraction(9, 10)


def test_floor_of_expected_flips_on_the_exact_day() -> None:
    target = Target(("a",), 2)  # minst 2 under 2019: ⌊2·d/365⌋ reaches 1 on day 183
    assert judged(target, [], "2019-07-01").status == "on_track"  # day 182: 364/365
    assert judged(target, [], "2019-07-02").status == "behind"  # day 183: 366/365
    assert judged(target, rows("2019-07-02"), "2019-07-02").status == "on_track"


def test_period_target_is_met_as_soon_as_done_reaches_minimum() -> None:
    target = Target(("a",), 2)
    assert judged(target, rows("2019-01-05", "2019-01-06"), "2019-01-06").status == "met"
    assert judged(target, rows("2019-01-05"), "2019-12-31").status == "missed"


def test_average_target_is_judged_on_the_whole_period_once_ended() -> None:
    target = Target(("a",), 3, per="vecka", average=True)  # 3 · 365/7 = 156.43
    assert judged(target, rows("2019-06-01", count=156), "2019-12-31").status == "missed"
    assert judged(target, rows("2019-06-01", count=157), "2019-12-31").status == "met"
    assert judged(target, rows("2019-06-01", count=157), "2019-12-30").status == "on_track"


def test_filters_exclude_rows() -> None:
    partner = Target(("a",), 1, participants=("kommun", "grannsamverkan"))
    assert judged(partner, rows("2019-03-01", who=("polis",)), "2019-12-31").done == 0
    assert judged(partner, rows("2019-03-01", who=("polis", "kommun")), "2019-12-31").done == 1
    tagged = Target(("a",), 1, tags=("a-traktor",))
    plain = [Activity(2, date(2019, 3, 1), "a", 1, (), ("nykterhet",))]
    assert judged(tagged, plain, "2019-12-31").done == 0
    tagged_row = [Activity(2, date(2019, 3, 1), "a", 1, (), ("nykterhet", "a-traktor"))]
    assert judged(tagged, tagged_row, "2019-12-31").done == 1
    assert judged(Target(("b",), 1), rows("2019-03-01"), "2019-12-31").done == 0


def test_rows_after_as_of_or_outside_the_period_do_not_count() -> None:
    result = judged(Target(("a",), 5), rows("2018-12-31", "2019-03-01", "2019-03-02"), "2019-03-01")
    assert (result.done, result.last_activity) == (1, date(2019, 3, 1))


def test_type_lists_count_any_of_their_types() -> None:
    both = [*rows("2019-02-01"), *rows("2019-11-01", type="b")]
    assert judged(Target(("a", "b"), 2), both, "2019-12-31").status == "met"


def test_ongoing_and_not_started() -> None:
    ongoing = Target(("a",), None, ongoing=True)
    assert judged(ongoing, [], "2019-05-01").status == "not_started"
    assert judged(ongoing, rows("2019-03-01"), "2019-05-01").status == "ongoing"
    assert judged(ongoing, rows("2019-03-01"), "2019-12-31").status == "met"
    assert judged(ongoing, [], "2019-12-31").status == "missed"
    assert judged(Target(("a",), 2), [], "2018-12-31").status == "not_started"
    assert judged(Target(("a",), 2), [], "2018-12-31").expected == 0
