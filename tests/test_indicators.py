"""Indicators in the promise file (lägesbild, indikatorer, kolada) and their judgement."""

from __future__ import annotations

import textwrap
from datetime import date
from decimal import Decimal

from medborgarlofte.core.model import Direction, Indicator, Measurement
from medborgarlofte.core.svformat import format_measure, parse_decimal
from medborgarlofte.judge.indicators import Trend, judge_indicator, trend_of
from medborgarlofte.load.promise_file import parse_promise_text

HEAD = """\
kommun: Exempelby
period: 2019
aktivitetstyper:
  trygghetsvandring: Trygghetsvandring
"""

AREA = """\
områden:
  - namn: Mängdbrott
    lägesbild: Exempeldata – bostadsinbrotten ökade under 2018.
    löften:
      - id: vandringar
        text: Två trygghetsvandringar.
        mål: {typ: trygghetsvandring, minst: 2}
    indikatorer:
"""


def _parse(text: str):  # type: ignore[no-untyped-def]
    return parse_promise_text(textwrap.dedent(text), "promises/2019.yaml", "2019", "logs/2019.csv")


def _codes(text: str) -> list[tuple[str, int | None]]:
    return [(p.code, p.line) for p in _parse(text)[1]]


INDICATOR = """\
      - id: inbrott
        namn: Anmälda bostadsinbrott
        källa: Brå, anmälda brott per kommun
        enhet: antal per år
        riktning: minska
        utgångsläge: {datum: 2018-12-31, värde: 43}
        mål: 35
"""


def test_an_indicator_is_read_with_exact_values_and_its_area() -> None:
    promise_set, problems = _parse(HEAD + 'kolada: "2514"\n' + AREA + INDICATOR)
    assert problems == []
    assert promise_set is not None
    assert promise_set.kolada == "2514"
    area = promise_set.areas[0]
    assert area.situation == "Exempeldata – bostadsinbrotten ökade under 2018."
    assert area.indicators == (
        Indicator(
            "inbrott",
            "Anmälda bostadsinbrott",
            "Brå, anmälda brott per kommun",
            "antal per år",
            Direction.DECREASE,
            date(2018, 12, 31),
            Decimal(43),
            "Mängdbrott",
            Decimal(35),
            line=14,
        ),
    )
    assert promise_set.indicator("INBROTT") is area.indicators[0]


def test_folded_key_spellings_and_a_decimal_comma_are_read() -> None:
    folded = """\
          - id: otrygghet
            namn: Andel otrygga
            kalla: https://example.org/exempeldata
            enhet: procent
            riktning: oka
            utgangslage: {datum: 2018-12-31, varde: "12,5"}
            mal: 12.25
    """
    promise_set, problems = _parse(
        HEAD
        + AREA.replace("lägesbild", "lagesbild")
        + textwrap.indent(textwrap.dedent(folded), "      ")
    )
    assert problems == []
    assert promise_set is not None
    indicator = promise_set.indicators[0]
    assert indicator.direction is Direction.INCREASE
    assert indicator.source == "https://example.org/exempeldata"
    assert (indicator.baseline_value, indicator.target) == (Decimal("12.5"), Decimal("12.25"))
    assert promise_set.areas[0].situation is not None


def test_an_unquoted_kolada_code_keeps_its_leading_zero() -> None:
    promise_set, problems = _parse(HEAD + "kolada: 0114\n" + AREA + INDICATOR)
    assert problems == []
    assert promise_set is not None and promise_set.kolada == "0114"


def test_a_typo_in_an_indicator_key_is_an_error_with_a_suggestion() -> None:
    promise_set, problems = _parse(HEAD + AREA + INDICATOR.replace("riktning:", "riktnig:"))
    assert [(p.code, p.line) for p in problems] == [("E003", 17), ("E005", 13)]
    assert "Menade du 'riktning'?" in problems[0].message
    assert promise_set is not None and promise_set.indicators == ()


def test_both_spellings_of_an_indicator_key_is_an_error() -> None:
    text = HEAD + AREA + INDICATOR + "        mal: 30\n"
    assert _codes(text) == [("E004", 20)]


def test_a_missing_baseline_is_read_from_the_measurements() -> None:
    """Without `utgångsläge` the latest measurement before the period is the baseline
    (tests/test_indicator_history.py); a half-written one is still an error."""
    text = (
        HEAD + AREA + INDICATOR.replace("        utgångsläge: {datum: 2018-12-31, värde: 43}\n", "")
    )
    assert _codes(text) == []
    half = INDICATOR.replace("{datum: 2018-12-31, värde: 43}", "{datum: 2018-12-31}")
    assert [code for code, _ in _codes(HEAD + AREA + half)] == ["E005"]


def test_a_target_that_is_no_number_is_an_error() -> None:
    assert _codes(HEAD + AREA + INDICATOR.replace("mål: 35", "mål: lägre")) == [("E084", 19)]
    assert _codes(HEAD + AREA + INDICATOR.replace("mål: 35", "mål: true")) == [("E084", 19)]


def test_an_indicator_id_equal_to_a_promise_id_after_folding_is_an_error() -> None:
    clash = INDICATOR.replace("id: inbrott", "id: Vandringar")
    assert _codes(HEAD + AREA + clash) == [("E082", 13)]
    # The promise comes second: the error is at the promise.
    later = HEAD + textwrap.dedent(
        """\
        områden:
          - namn: Först
            löften: []
            indikatorer:
              - {id: dubbel, namn: N, källa: K, enhet: E, riktning: öka,
                 utgångsläge: {datum: 2018-12-31, värde: 1}}
          - namn: Sedan
            löften:
              - id: dubbel
                text: T.
                mål: {typ: trygghetsvandring, minst: 1}
        """
    )
    assert _codes(later) == [("E082", 13)]


def test_two_indicators_with_one_id_is_an_error_at_the_second() -> None:
    assert _codes(HEAD + AREA + INDICATOR + INDICATOR) == [("E082", 20)]


def test_direction_source_and_kolada_are_checked() -> None:
    assert _codes(HEAD + AREA + INDICATOR.replace("minska", "ned")) == [("E083", 17)]
    http = INDICATOR.replace("Brå, anmälda brott per kommun", "http://example.org/x")
    assert _codes(HEAD + AREA + http) == [("E086", 15)]
    assert _codes(HEAD + "kolada: 25140\n" + AREA + INDICATOR) == [("E085", 5)]


def test_parse_decimal_takes_comma_point_sign_and_grouping_only() -> None:
    assert parse_decimal("43") == Decimal(43)
    assert parse_decimal(" 12,5 ") == Decimal("12.5")
    assert parse_decimal("-0.25") == Decimal("-0.25")
    assert parse_decimal("1 234,5") == Decimal("1234.5")
    assert parse_decimal("1\u00a0234") == Decimal(1234)
    for bad in ("", "tolv", "1,2,3", "1e5", "NaN", "١٢", "12,", ",5", "1" * 16):
        assert parse_decimal(bad) is None, bad


def test_format_measure_drops_trailing_zeros_and_signs_a_change() -> None:
    assert format_measure(Decimal("12.50")) == "12,5"
    assert format_measure(Decimal("1234")) == "1 234"
    assert format_measure(Decimal("1E+2")) == "100"
    assert format_measure(Decimal("-5"), signed=True) == "-5"
    assert format_measure(Decimal("0.75"), signed=True) == "+0,75"
    assert format_measure(Decimal("0"), signed=True) == "0"


def _indicator(direction: Direction, target: str | None = "35") -> Indicator:
    return Indicator(
        "i",
        "N",
        "K",
        "E",
        direction,
        date(2018, 12, 31),
        Decimal(43),
        "A",
        None if target is None else Decimal(target),
    )


def _m(line: int, day: str, value: str) -> Measurement:
    return Measurement(line, date.fromisoformat(day), "i", Decimal(value))


def test_trend_follows_the_stated_direction() -> None:
    assert trend_of(Direction.DECREASE, Decimal(-1)) is Trend.IMPROVED
    assert trend_of(Direction.DECREASE, Decimal(1)) is Trend.WORSENED
    assert trend_of(Direction.INCREASE, Decimal(1)) is Trend.IMPROVED
    assert trend_of(Direction.INCREASE, Decimal("-0.01")) is Trend.WORSENED
    assert trend_of(Direction.INCREASE, Decimal(0)) is Trend.UNCHANGED
    assert trend_of(Direction.DECREASE, None) is Trend.NO_DATA


def test_latest_is_the_latest_date_up_to_as_of_and_the_later_line_on_a_tie() -> None:
    rows = [_m(2, "2019-06-30", "40"), _m(3, "2019-09-30", "30"), _m(4, "2019-06-30", "39.5")]
    at_july = judge_indicator(_indicator(Direction.DECREASE), rows, date(2019, 7, 1))
    assert at_july.latest == rows[2]
    assert at_july.change == Decimal("-3.5")
    assert at_july.measurements == (rows[0], rows[2])
    assert (at_july.trend, at_july.target_reached) == (Trend.IMPROVED, False)
    at_end = judge_indicator(_indicator(Direction.DECREASE), rows, date(2019, 12, 31))
    assert (at_end.latest, at_end.target_reached) == (rows[1], True)


def test_no_measurement_means_no_data_and_target_not_reached() -> None:
    result = judge_indicator(_indicator(Direction.INCREASE), [], date(2019, 12, 31))
    assert (result.latest, result.change, result.trend) == (None, None, Trend.NO_DATA)
    assert result.target_reached is False
    untargeted = judge_indicator(_indicator(Direction.INCREASE, None), [], date(2019, 12, 31))
    assert untargeted.target_reached is None


def test_target_reached_in_the_direction_of_increase() -> None:
    indicator = _indicator(Direction.INCREASE, "50")
    assert judge_indicator(
        indicator, [_m(2, "2019-12-31", "50")], date(2019, 12, 31)
    ).target_reached
    low = judge_indicator(indicator, [_m(2, "2019-12-31", "49.9")], date(2019, 12, 31))
    assert low.target_reached is False
