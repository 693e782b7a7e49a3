"""`utom`: exempt days carry no target (docs/format.md §2, docs/bedomning.md §3), and ja/nej
as yes and no."""

from __future__ import annotations

import json
import textwrap
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

from conftest import run_lofte, write

from medborgarlofte.core.model import Activity, Exemption, PromiseSet
from medborgarlofte.judge.evaluate import PromiseResult, evaluate
from medborgarlofte.load.promise_file import parse_promise_text


def _promises(target: str, period: str = "2019") -> str:
    return textwrap.dedent(f"""\
        kommun: Exempelby
        period: {period}
        aktivitetstyper:
          besok: Skolbesök
        områden:
          - namn: Skola
            löften:
              - id: besok
                text: Exempeldata.
                mål: {target}
        """)


def _load(target: str, period: str = "2019") -> tuple[PromiseSet | None, list[str]]:
    stem = period.replace(" ", "")
    promise_set, problems = parse_promise_text(
        _promises(target, period), f"promises/{stem}.yaml", stem, f"logs/{stem}.csv"
    )
    return promise_set, [f"{p.line}:{p.code}: {p.message}" for p in problems]


def _judge(target: str, days: list[date], as_of: date, period: str = "2019") -> PromiseResult:
    promise_set, problems = _load(target, period)
    assert promise_set is not None and problems == []
    activities = [Activity(i + 2, day, "besok", 1) for i, day in enumerate(days)]
    (result,) = evaluate(promise_set, activities, as_of).results
    return result


def _firsts(year: int, skip: tuple[int, ...] = ()) -> list[date]:
    return [date(year, month, 1) for month in range(1, 13) if month not in skip]


def test_months_and_ranges_are_read_case_folded_and_one_alone_is_a_list_of_one() -> None:
    promise_set, problems = _load(
        "{typ: besok, minst: 1, per: månad, utom: [Juli, {fran: 2019-12-21, till: 2020-01-06}]}"
    )
    assert problems == [] and promise_set is not None
    assert promise_set.promises[0].target.exempt == (
        Exemption(month=7),
        Exemption(start=date(2019, 12, 21), end=date(2020, 1, 6)),
    )
    alone, _ = _load("{typ: besok, minst: 1, per: månad, utom: augusti}")
    assert alone is not None and alone.promises[0].target.exempt == (Exemption(month=8),)


def test_a_month_without_activities_is_not_missed_when_it_is_exempt() -> None:
    target = "{typ: besok, minst: 1, per: månad, utom: [juli]}"
    result = _judge(target, _firsts(2019, skip=(7,)), date(2019, 12, 31))
    assert result.status == "met"
    assert result.units is not None
    july = next(u for u in result.units if u.start == date(2019, 7, 1))
    assert (july.need, july.met) == (0, True)
    assert result.expected == 11  # eleven months carry the target
    without = _judge(
        "{typ: besok, minst: 1, per: månad}", _firsts(2019, skip=(7,)), date(2019, 12, 31)
    )
    assert without.status == "missed"


def test_a_partly_exempt_unit_needs_its_share_rounded_up() -> None:
    # 2019-12-21 … 12-31 exempt: December keeps 20 of its 31 days, so minst 3 needs ⌈60/31⌉ = 2.
    target = "{typ: besok, minst: 3, per: månad, utom: [{från: 2019-12-21, till: 2020-01-06}]}"
    days = [d for m in range(1, 12) for d in [date(2019, m, 1)] * 3] + [date(2019, 12, 2)] * 2
    result = _judge(target, days, date(2019, 12, 31))
    assert result.units is not None and result.units[-1].need == 2
    assert result.status == "met"


def test_the_current_unit_is_judged_by_its_non_exempt_days_so_far() -> None:
    # minst 4 a month, 1-15 June exempt; on 25 June ten non-exempt days of 30 have passed:
    # ⌊4 × 10/30⌋ = 1 is needed now.
    target = "{typ: besok, minst: 4, per: månad, utom: [{från: 2019-06-01, till: 2019-06-15}]}"
    days = [date(2019, m, 2) for m in range(1, 6) for _ in range(4)]
    assert _judge(target, days, date(2019, 6, 25)).status == "behind"
    assert _judge(target, [*days, date(2019, 6, 20)], date(2019, 6, 25)).status == "on_track"


def test_per_period_expected_is_the_share_of_non_exempt_days() -> None:
    target = "{typ: besok, minst: 10, utom: [juli]}"
    result = _judge(target, [], date(2019, 6, 30))
    assert result.expected == Fraction(10 * 181, 365 - 31)
    assert _judge(target, [], date(2019, 7, 31)).expected == Fraction(10 * 181, 334)


def test_average_expected_counts_only_non_exempt_days() -> None:
    target = "{typ: besok, minst: 3, per: vecka, snitt: ja, utom: [juli]}"
    result = _judge(target, [], date(2019, 12, 31))
    assert result.expected == 3 * Fraction(365 - 31, 7)
    assert result.status == "missed"


def test_activities_on_exempt_days_still_count() -> None:
    target = "{typ: besok, minst: 2, per: månad, utom: [juli]}"
    result = _judge(target, [date(2019, 7, 3), date(2019, 7, 4)], date(2019, 7, 31))
    assert result.done == 2
    assert result.units is not None and result.units[6].done == 2


def test_every_day_exempt_is_never_missed_and_expects_nothing() -> None:
    every_month = (
        "[januari, februari, mars, april, maj, juni, juli, augusti, september, oktober,"
        " november, december]"
    )
    unit = _judge(
        f"{{typ: besok, minst: 1, per: vecka, utom: {every_month}}}", [], date(2019, 12, 31)
    )
    assert (unit.status, unit.expected) == ("met", 0)
    period = _judge(f"{{typ: besok, minst: 2, utom: {every_month}}}", [], date(2019, 6, 30))
    assert (period.status, period.expected) == ("on_track", 0)


def test_a_month_name_means_that_month_in_every_year_of_the_period() -> None:
    target = "{typ: besok, minst: 1, per: månad, utom: [juli]}"
    days = _firsts(2020, skip=(7,)) + _firsts(2021, skip=(7,))
    result = _judge(target, days, date(2021, 12, 31), period="2020-2021")
    assert result.status == "met"
    assert result.years is not None and [y.status for y in result.years] == ["met", "met"]


def test_a_leap_day_can_be_exempt() -> None:
    target = "{typ: besok, minst: 1, per: dygn, utom: [{från: 2020-02-29, till: 2020-02-29}]}"
    days = [date(2020, 1, 1) + timedelta(days=n) for n in range(366) if n != 59]
    assert days[58] == date(2020, 2, 28) and days[59] == date(2020, 3, 1)
    assert _judge(target, days, date(2020, 12, 31), period="2020").status == "met"


def test_the_target_words_name_the_exemptions(tmp_path: Path) -> None:
    write(
        tmp_path,
        "promises/2019.yaml",
        _promises(
            "{typ: besok, minst: 1, per: månad, utom: [juli, {från: 2019-12-21, till: 2020-01-06}]}"
        ),
    )
    result = run_lofte("loften", "2019", cwd=tmp_path)
    assert "minst 1 varje månad utom juli och 2019-12-21–2020-01-06" in result.stdout
    listed = json.loads(run_lofte("loften", "2019", "--format", "json", cwd=tmp_path).stdout)
    assert listed["promises"][0]["exempt"] == [
        {"month": "juli"},
        {"start": "2019-12-21", "end": "2020-01-06"},
    ]
    status = run_lofte("status", "2019", "--format", "markdown", cwd=tmp_path)
    assert "utom juli och 2019-12-21–2020-01-06" in status.stdout


def test_ja_and_nej_are_yes_and_no_in_any_case() -> None:
    average, problems = _load("{typ: besok, minst: 3, per: vecka, snitt: Ja}")
    assert problems == [] and average is not None and average.promises[0].target.average
    every, problems = _load("{typ: besok, minst: 3, per: vecka, snitt: NEJ}")
    assert problems == [] and every is not None and not every.promises[0].target.average
    ongoing, problems = _load("{typ: besok, löpande: ja}")
    assert problems == [] and ongoing is not None and ongoing.promises[0].target.ongoing


def test_an_unreadable_lopande_is_one_error_not_two() -> None:
    _, problems = _load("{typ: besok, löpande: kanske}")
    assert problems == [
        "10:E006: 'löpande' ska vara ja eller nej (true eller false), inte 'kanske'."
    ]
