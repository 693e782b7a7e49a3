"""Blocks of several units (`per: 3 veckor`, docs/block.md): judged exactly as a unit is.

The property tests hold evaluate.py against a reference written here from the words of
docs/block.md and docs/garantier.md alone, day by day with Fractions and sharing no code
with units.py: a block is the run of N calendar units counted from the unit that holds the
period's first day; its length is the days of those N whole units, walked day by day.
"""

from __future__ import annotations

import math
import os
import textwrap
from collections.abc import Iterator
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import PROJECT, assert_golden, run_lofte
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from medborgarlofte.core.model import (
    Activity,
    Area,
    Exemption,
    Period,
    Promise,
    PromiseSet,
    Target,
    Unit,
)
from medborgarlofte.core.svformat import target_in_words, unit_list_words
from medborgarlofte.core.texts import block_every, block_noun, units_noun
from medborgarlofte.judge.evaluate import evaluate
from medborgarlofte.load.promise_file import parse_promise_text

CALENDAR_UNITS = ("dygn", "vecka", "månad", "kvartal", "tertial", "halvår", "år")
# LOFTE_PROPERTY_SCALE=10 runs ten times the examples, as in test_properties.py.
SCALE = float(os.environ.get("LOFTE_PROPERTY_SCALE", "1"))


# --- the reference ------------------------------------------------------------------------


def _unit_key(day: date, per: str) -> object:
    """Which calendar unit a day belongs to: ISO week Monday–Sunday, calendar month,
    quarter, tertial Jan–Apr/May–Aug/Sep–Dec, half-year, year, the day itself."""
    if per == "dygn":
        return day
    if per == "vecka":
        return day.isocalendar()[:2]
    months = {"månad": 1, "kvartal": 3, "tertial": 4, "halvår": 6, "år": 12}[per]
    return day.year, (day.month - 1) // months


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _blocks(period: Period, per: str, n: int) -> list[tuple[list[date], int]]:
    """The period's days grouped by block, each with the days of its whole block: count the
    calendar units from the one holding the first day; n of them make a block."""
    groups: list[list[date]] = []
    units_seen = 0
    previous = None
    for day in _days(period.start, period.end):
        key = _unit_key(day, per)
        if previous is not None and key != previous:
            units_seen += 1
        previous = key
        if units_seen // n == len(groups):
            groups.append([])
        groups[-1].append(day)
    result = []
    for days in groups:
        first = days[0]  # walk back to the first day of its first calendar unit
        while _unit_key(first - timedelta(days=1), per) == _unit_key(days[0], per):
            first -= timedelta(days=1)
        whole, changes, day, key = 0, 0, first, _unit_key(first, per)
        while True:  # walk forward over n whole calendar units
            if _unit_key(day, per) != key:
                key = _unit_key(day, per)
                changes += 1
                if changes == n:
                    break
            whole += 1
            day += timedelta(days=1)
        result.append((days, whole))
    return result


def _exempt(day: date, target: Target) -> bool:
    for exemption in target.exempt:
        if exemption.month is not None and day.month == exemption.month:
            return True
        if exemption.start is not None and exemption.end is not None:  # noqa: SIM102
            if exemption.start <= day <= exemption.end:
                return True
    return False


def reference(
    target: Target, period: Period, activities: list[Activity], as_of: date
) -> tuple[str, int, Fraction, list[tuple[date, date, int, bool | None]] | None]:
    """(status, done, expected, every-unit blocks as (first, last, need, met))."""
    done_by_day: dict[date, int] = {}
    for activity in activities:
        if activity.type in target.types and period.start <= activity.date <= min(
            as_of, period.end
        ):
            done_by_day[activity.date] = done_by_day.get(activity.date, 0) + activity.count
    done = sum(done_by_day.values())
    ended = as_of >= period.end
    assert target.minimum is not None
    minimum = target.minimum
    blocks = _blocks(period, target.per, target.block)
    weight = {day: Fraction(1, whole) for days, whole in blocks for day in days}
    elapsed = sum(
        (weight[d] for d in _days(period.start, min(as_of, period.end)) if not _exempt(d, target)),
        Fraction(0),
    )
    expected = minimum * elapsed
    if as_of < period.start:
        return "not_started", done, expected, None if target.average else []
    if target.average:
        if ended:
            return ("met" if done >= expected else "missed"), done, expected, None
        return ("on_track" if done >= math.floor(expected) else "behind"), done, expected, None
    units = []
    status = None
    current = None
    for days, whole in blocks:
        if days[0] > as_of:
            break
        free = [d for d in days if not _exempt(d, target)]
        need = math.ceil(Fraction(minimum * len(free), whole))
        block_done = sum(done_by_day.get(d, 0) for d in days)
        complete = days[-1] <= as_of
        met = block_done >= need if complete else (True if block_done >= need else None)
        units.append((days[0], days[-1], need, met))
        if complete and block_done < need:
            status = "missed"
        if days[0] <= as_of <= days[-1]:  # the current block
            share = Fraction(len([d for d in free if d <= as_of]), whole)
            current = block_done >= math.floor(minimum * share)
    if status is None:
        if ended:
            status = "met"
        else:
            assert current is not None
            status = "on_track" if current else "behind"
    return status, done, expected, units


# --- random cases -------------------------------------------------------------------------


@st.composite
def periods(draw: st.DrawFn) -> Period:
    start = draw(st.dates(date(2018, 1, 1), date(2024, 12, 31)))
    if draw(st.booleans()):
        start = date(start.year, 1, 1)
        return Period("p", start, date(start.year + draw(st.integers(0, 2)), 12, 31))
    return Period("p", start, start + timedelta(days=draw(st.integers(0, 900))))


@st.composite
def exemptions(draw: st.DrawFn) -> tuple[Exemption, ...]:
    if draw(st.booleans()):
        return ()
    months = st.integers(1, 12).map(lambda month: Exemption(month=month))
    ranges = st.tuples(st.dates(date(2017, 12, 1), date(2027, 12, 31)), st.integers(0, 120)).map(
        lambda r: Exemption(start=r[0], end=r[0] + timedelta(days=r[1]))
    )
    return tuple(draw(st.lists(months | ranges, min_size=1, max_size=3)))


@st.composite
def block_targets(draw: st.DrawFn) -> Target:
    per = draw(st.sampled_from(CALENDAR_UNITS))
    # Long units in short blocks, so a block of years stays a few years.
    most = {"dygn": 40, "vecka": 9, "månad": 7, "kvartal": 5, "tertial": 4}.get(per, 3)
    return Target(
        ("a",),
        draw(st.integers(1, 9)),
        per=Unit(per),
        average=draw(st.booleans()),
        exempt=draw(exemptions()),
        block=draw(st.integers(1, most)),
    )


@st.composite
def cases(draw: st.DrawFn) -> tuple[PromiseSet, list[Activity], date]:
    period = draw(periods())
    targets = draw(st.lists(block_targets(), min_size=1, max_size=3))
    promises = tuple(
        Promise(f"p{i}", "Exempeldata: ett löfte.", "Område", (), t) for i, t in enumerate(targets)
    )
    promise_set = PromiseSet(
        "promises/p.yaml",
        "logs/p.csv",
        "Exempelby",
        None,
        "",
        period,
        {"a": "a", "b": "b"},
        {},
        (Area("Område", (), promises),),
    )
    every = draw(st.integers(1, 30))  # a diligent logger logs every few days
    offsets = st.integers(-10, period.days + 10)
    activities = [
        Activity(2 + i, period.start + timedelta(days=offset), "a", draw(st.integers(1, 3)))
        for i, offset in enumerate(draw(st.lists(offsets, max_size=30)))
    ]
    if draw(st.booleans()):
        activities += [
            Activity(1000 + i, period.start + timedelta(days=i), "a", 3)
            for i in range(0, period.days, every)
        ]
    activities.append(Activity(5000, period.start, "b", 5))  # never counts
    as_of = period.start + timedelta(
        days=draw(st.integers(-3, period.days + 3) | st.integers(period.days - 2, period.days + 2))
    )
    return promise_set, activities, as_of


@settings(max_examples=max(1, int(150 * SCALE)), deadline=None)
@given(cases())
def test_blocks_are_judged_as_the_reference_reads_the_rules(
    case: tuple[PromiseSet, list[Activity], date],
) -> None:
    promise_set, activities, as_of = case
    report = evaluate(promise_set, activities, as_of)
    for result in report.results:
        target = result.promise.target
        status, done, expected, units = reference(
            target, promise_set.period, activities, as_of
        )
        assert (result.status, result.done, result.expected) == (status, done, expected)
        if not target.average and as_of >= promise_set.period.start:
            got = [(u.start, u.end, u.need, u.met) for u in result.units or ()]
            assert got == units
        if result.years:  # a multi-year period's years add up to the whole
            assert sum(y.expected for y in result.years) == result.expected


def test_the_first_block_begins_with_the_unit_holding_the_first_day() -> None:
    # A period starting on a Wednesday: the first three-week block is the ISO weeks 1-3 of
    # 2019, cut by the start; the next one begins on Monday 21 January.
    period = Period("p", date(2019, 1, 2), date(2019, 3, 31))
    target = Target(("a",), 3, per=Unit.WEEK, block=3)
    promise_set = _one(target, period)
    result = evaluate(promise_set, [], date(2019, 3, 31)).results[0]
    assert [(u.start, u.end, u.need) for u in result.units or ()] == [
        (date(2019, 1, 2), date(2019, 1, 20), 3),  # ⌈3 × 19 / 21⌉
        (date(2019, 1, 21), date(2019, 2, 10), 3),
        (date(2019, 2, 11), date(2019, 3, 3), 3),
        (date(2019, 3, 4), date(2019, 3, 24), 3),
        (date(2019, 3, 25), date(2019, 3, 31), 1),  # ⌈3 × 7 / 21⌉
    ]


def _one(target: Target, period: Period) -> PromiseSet:
    promise = Promise("helg", "Exempeldata.", "Område", (), target)
    return PromiseSet(
        "promises/p.yaml",
        "logs/p.csv",
        "Exempelby",
        None,
        "",
        period,
        {"a": "a"},
        {},
        (Area("Område", (), (promise,)),),
    )


# --- the promise file ---------------------------------------------------------------------


def _parse(per: str) -> tuple[Target | None, list[str]]:
    text = textwrap.dedent(f"""\
        kommun: Exempelby
        lokalpolisområde: Exempelområdet
        period: 2019
        aktivitetstyper:
          helg: Exempeldata
        områden:
          - namn: Trygghet
            löften:
              - id: helg
                text: Exempeldata.
                mål:
                  typ: helg
                  minst: 1
                  per: {per}
        """)
    promise_set, problems = parse_promise_text(text, "promises/2019.yaml", "2019", "logs/x.csv")
    messages = [f"{p.line}: {p.code} {p.message}" for p in problems]
    return (promise_set.promises[0].target if promise_set else None), messages


@pytest.mark.parametrize(
    ("per", "unit", "block"),
    [
        ("3 veckor", Unit.WEEK, 3),
        ("2 vecka", Unit.WEEK, 2),
        ("2 månader", Unit.MONTH, 2),
        ("2 manader", Unit.MONTH, 2),
        ("4 Månad", Unit.MONTH, 4),
        ("2 halvår", Unit.HALF_YEAR, 2),
        ("5 dygn", Unit.DAY, 5),
        ("3 kvartal", Unit.QUARTER, 3),
        ("2 tertial", Unit.TERTIAL, 2),
        ("2 år", Unit.YEAR, 2),
        ("3veckor", Unit.WEEK, 3),
    ],
)
def test_a_block_is_a_number_and_a_unit_singular_or_plural(
    per: str, unit: Unit, block: int
) -> None:
    target, problems = _parse(per)
    assert problems == []
    assert target is not None and (target.per, target.block) == (unit, block)


@pytest.mark.parametrize(
    ("per", "message"),
    [
        (
            "1 vecka",
            "14: E140 'per: 1 vecka' går inte: ett block av en enhet är enheten själv, "
            "så skriv 'per: vecka'.",
        ),
        ("0 veckor", "14: E140 'per: 0 veckor' går inte: ett block har 2 till 1000 enheter."),
        ("1001 dygn", "14: E140 'per: 1001 dygn' går inte: ett block har 2 till 1000 enheter."),
        (
            "3 vekor",
            "14: E012 Okänd enhet per: '3 vekor'. Tillåtna: period, dygn, vecka, månad, kvartal,"
            " tertial, halvår, år, eller ett block av flera enheter (per: 3 veckor). "
            "Menade du '3 veckor'?",
        ),
        (
            "2 perioder",
            "14: E012 Okänd enhet per: '2 perioder'. Tillåtna: period, dygn, vecka, månad, "
            "kvartal, tertial, halvår, år, eller ett block av flera enheter (per: 3 veckor). "
            "Perioden delas inte i block: skriv ett antal av en kalenderenhet, till exempel "
            "'per: 3 veckor' eller 'per: 2 år'.",
        ),
        ("٣ veckor", None),  # not ASCII digits: an unknown unit, never a block
    ],
)
def test_a_bad_block_is_an_error_at_its_line_with_advice(per: str, message: str | None) -> None:
    _, problems = _parse(per)
    assert len(problems) == 1
    if message is None:
        assert problems[0].startswith("14: E012 ")
    else:
        assert problems == [message]


# --- words --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("per", "block", "words"),
    [
        ("vecka", 2, "varannan vecka"),
        ("vecka", 3, "var tredje vecka"),
        ("månad", 4, "var fjärde månad"),
        ("månad", 5, "var femte månad"),
        ("år", 2, "vartannat år"),
        ("kvartal", 3, "vart tredje kvartal"),
        ("dygn", 12, "vart tolfte dygn"),
        ("vecka", 13, "var 13:e vecka"),
        ("vecka", 21, "var 21:a vecka"),
    ],
)
def test_how_often_a_block_comes_round_in_words(per: str, block: int, words: str) -> None:
    assert block_every(per, block) == words


def test_a_block_as_a_noun_and_a_target_in_words() -> None:
    assert block_noun("vecka", 3) == "treveckorsperiod"
    assert units_noun("vecka", 9, 3) == "treveckorsperioder"
    assert units_noun("månad", 1, 2) == "tvåmånadersperiod"
    assert block_noun("år", 2, definite=True) == "tvåårsperioden"
    assert block_noun("vecka", 13) == "13-veckorsperiod"
    assert target_in_words(1, "vecka", False, False, block=3) == "minst 1 var tredje vecka"
    assert target_in_words(2, "månad", True, False, block=2) == "minst 2 i snitt varannan månad"
    assert (
        target_in_words(1, "vecka", False, False, (Exemption(month=7),), block=2)
        == "minst 1 varannan vecka utom juli"
    )


def test_missed_blocks_are_named_by_their_dates() -> None:
    weeks = [(date(2019, 1, 7), date(2019, 1, 27)), (date(2019, 12, 30), date(2020, 1, 19))]
    assert unit_list_words(weeks, "vecka", block=3) == "7–27 jan, 30 dec 2019–19 jan 2020"
    months = [(date(2019, 3, 1), date(2019, 4, 30)), (date(2019, 11, 1), date(2020, 2, 29))]
    assert (
        unit_list_words(months, "månad", block=2)
        == "mars–april, november 2019–februari 2020"
    )
    assert unit_list_words(months[:1], "månad", block=2, with_year=True) == "mars–april 2019"


# --- the commands -------------------------------------------------------------------------

PROMISES = textwrap.dedent("""\
    kommun: Överkalix
    lokalpolisområde: Östra Norrbotten
    period: 2026
    aktivitetstyper:
      helgnarvaro: Polisens närvaro en helg
      trygghetsvandring: Trygghetsvandring
    områden:
      - namn: Trygghet
        löften:
          - id: helgnarvaro
            rubrik: Polis på plats var tredje helg
            text: >-
              Exempeldata: polisen är på plats i Överkalix under en helg var tredje vecka.
            mål:
              typ: helgnarvaro
              minst: 1
              per: 3 veckor
          - id: vandringar
            text: "Exempeldata: trygghetsvandringar varannan månad, i snitt."
            mål:
              typ: trygghetsvandring
              minst: 1
              per: 2 månader
              snitt: true
    """)

LOG = textwrap.dedent("""\
    datum,typ,antal
    2026-01-03,helgnarvaro,1
    2026-01-24,helgnarvaro,1
    2026-02-14,helgnarvaro,1
    2026-03-21,helgnarvaro,1
    2026-04-25,helgnarvaro,1
    2026-05-16,helgnarvaro,1
    2026-02-10,trygghetsvandring,1
    2026-05-04,trygghetsvandring,1
    """)


def _repo(tmp_path: Path) -> Path:
    (tmp_path / "promises").mkdir()
    (tmp_path / "logs").mkdir()
    (tmp_path / "promises/2026.yaml").write_text(PROMISES, encoding="utf-8")
    (tmp_path / "logs/2026.csv").write_text(LOG, encoding="utf-8")
    return tmp_path


def test_status_json_keeps_per_as_the_file_says_it(tmp_path: Path) -> None:
    import json

    result = run_lofte("status", "2026", "-f", "json", "--per", "2026-06-30", cwd=_repo(tmp_path),
                       today="2026-07-01")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    helg, vandringar = data["promises"]
    assert (helg["per"], helg["status"]) == ("3 veckor", "missed")
    assert [(u["start"], u["end"], u["need"], u["met"]) for u in helg["units"][:3]] == [
        ("2026-01-01", "2026-01-18", 1, True),
        ("2026-01-19", "2026-02-08", 1, True),
        ("2026-02-09", "2026-03-01", 1, True),
    ]
    schema = json.loads((PROJECT / "schema/status.schema.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    assert (vandringar["per"], vandringar["expected"], vandringar["status"]) == (
        "2 månader",
        3.0,  # three two-month blocks by the end of June
        "behind",
    )


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("status.txt", ("status", "2026")),
        ("detalj.txt", ("status", "2026", "helgnarvaro")),
        ("status.md", ("status", "2026", "-f", "markdown")),
        ("check.txt", ("check", "--strikt")),
    ],
)
def test_every_view_speaks_of_blocks(tmp_path: Path, name: str, args: tuple[str, ...]) -> None:
    result = run_lofte(*args, "--per", "2026-06-30", cwd=_repo(tmp_path), today="2026-07-01")
    assert result.exit_code in (0, 3), result.stderr
    assert_golden(f"blocks_{name}", result.stdout)


def test_the_report_names_blocks_and_their_chart(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    out = tmp_path / "rapport.md"
    result = run_lofte("rapport", "2026", "--per", "2026-06-30", "-f", "markdown", "-o",
                       str(out), cwd=root, today="2026-07-01")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "- **Mål:** minst 1 var tredje vecka" in text
    assert "- **Per treveckorsperiod:** `✔✔✔✔✘✔✔✘·` 6 av 8 treveckorsperioder" in text
