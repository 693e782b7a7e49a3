"""Tests for the Swedish number, date and target wording that renderers share."""

from __future__ import annotations

from datetime import date

import pytest

from medborgarlofte.core.svformat import (
    PER_VALUES,
    format_date_long,
    format_date_short,
    format_day_short,
    format_decimal_trimmed,
    format_number,
    format_week,
    month_label,
    month_name,
    month_short_name,
    rate_label,
    target_in_words,
    unit_label,
    week_label,
)


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        (0, "0"),
        (7, "7"),
        (999, "999"),
        (1000, "1 000"),
        (12345, "12 345"),
        (1234567, "1 234 567"),
        (-1234567, "-1 234 567"),
        (3.2, "3,2"),
        (0.78, "0,78"),
        (156.43, "156,43"),
        (4.0, "4"),
        (0.999, "1"),
        (0.994, "0,99"),
        (-1.5, "-1,5"),
        (-0.001, "0"),
        (2.675, "2,68"),  # rounded as written, although the float is 2.67499…
        (0.125, "0,13"),  # half away from zero, not to even
        (1234.5, "1 234,5"),
        (1e6, "1 000 000"),
    ],
)
def test_format_number_default(x: float | int, expected: str) -> None:
    assert format_number(x) == expected


@pytest.mark.parametrize(
    ("x", "decimals", "expected"),
    [
        (0.78, 2, "0,78"),
        (0.7, 2, "0,70"),
        (3, 2, "3,00"),
        (3.25, 1, "3,3"),
        (3.24, 1, "3,2"),
        (-3.25, 1, "-3,3"),
        (-0.04, 1, "0,0"),
        (1234567.891, 2, "1 234 567,89"),
        (1234567.5, 0, "1 234 568"),
        (0.5, 0, "1"),
        (181 / 365, 3, "0,496"),
    ],
)
def test_format_number_fixed_decimals(x: float | int, decimals: int, expected: str) -> None:
    assert format_number(x, decimals) == expected


def test_format_number_thousands_separator() -> None:
    assert format_number(1234567, thousands_sep="\u00a0") == "1\u00a0234\u00a0567"
    assert format_number(1234.5, 2, thousands_sep="") == "1234,50"
    assert format_decimal_trimmed(9876.54, thousands_sep="\u00a0") == "9\u00a0876,54"


@pytest.mark.parametrize(
    ("x", "max_decimals", "expected"),
    [
        (3.2, 2, "3,2"),
        (156.43, 2, "156,43"),
        (4, 2, "4"),
        (4.0, 2, "4"),
        (4.001, 2, "4"),
        (4.10, 2, "4,1"),
        (0.005, 2, "0,01"),
        (10.0, 2, "10"),
        (100.0, 2, "100"),  # not 1E+2
        (2.0 / 3.0, 3, "0,667"),
        (2.0 / 3.0, 0, "1"),
        (1500.25, 1, "1 500,3"),
        (-0.3, 2, "-0,3"),
    ],
)
def test_format_decimal_trimmed(x: float | int, max_decimals: int, expected: str) -> None:
    assert format_decimal_trimmed(x, max_decimals) == expected


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")])
def test_format_number_refuses_non_finite(bad: float) -> None:
    with pytest.raises(ValueError):
        format_number(bad)


def test_format_number_refuses_negative_decimals() -> None:
    with pytest.raises(ValueError):
        format_number(1.5, -1)


def test_month_names() -> None:
    assert [month_name(m) for m in range(1, 13)] == [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ]
    assert [month_short_name(m) for m in range(1, 13)] == [
        "jan",
        "feb",
        "mar",
        "apr",
        "maj",
        "jun",
        "jul",
        "aug",
        "sep",
        "okt",
        "nov",
        "dec",
    ]


@pytest.mark.parametrize("bad", [0, 13, -1])
def test_month_out_of_range(bad: int) -> None:
    with pytest.raises(ValueError):
        month_name(bad)
    with pytest.raises(ValueError):
        month_short_name(bad)


@pytest.mark.parametrize(
    ("d", "long", "short", "day"),
    [
        (date(2019, 6, 30), "30 juni 2019", "2019-06-30", "30 jun"),
        (date(2019, 1, 3), "3 januari 2019", "2019-01-03", "3 jan"),
        (date(2020, 2, 29), "29 februari 2020", "2020-02-29", "29 feb"),
        (date(2021, 12, 31), "31 december 2021", "2021-12-31", "31 dec"),
        (date(2019, 5, 1), "1 maj 2019", "2019-05-01", "1 maj"),
    ],
)
def test_dates(d: date, long: str, short: str, day: str) -> None:
    assert format_date_long(d) == long
    assert format_date_short(d) == short
    assert format_day_short(d) == day
    assert format_day_short(d, with_year=True) == f"{day} {d.year}"


def test_month_label() -> None:
    assert month_label(2019, 1) == "jan 2019"
    assert month_label(2021, 5) == "maj 2021"


@pytest.mark.parametrize(
    ("iso_year", "week", "with_year", "expected"),
    [
        (2019, 23, False, "v. 23"),
        (2019, 1, True, "v. 1 2019"),
        (2020, 53, True, "v. 53 2020"),
    ],
)
def test_week_label(iso_year: int, week: int, with_year: bool, expected: str) -> None:
    assert week_label(iso_year, week, with_year) == expected


@pytest.mark.parametrize("bad", [0, 54])
def test_week_label_out_of_range(bad: int) -> None:
    with pytest.raises(ValueError):
        week_label(2019, bad)


@pytest.mark.parametrize(
    ("d", "expected", "expected_with_year"),
    [
        (date(2019, 6, 3), "v. 23", "v. 23 2019"),
        (date(2019, 6, 9), "v. 23", "v. 23 2019"),
        (date(2019, 12, 30), "v. 1", "v. 1 2020"),  # a Monday in ISO week 2020-W01
        (date(2021, 1, 3), "v. 53", "v. 53 2020"),  # a Sunday in ISO week 2020-W53
    ],
)
def test_format_week(d: date, expected: str, expected_with_year: str) -> None:
    assert format_week(d) == expected
    assert format_week(d, with_year=True) == expected_with_year


@pytest.mark.parametrize(
    ("rate", "per", "expected"),
    [
        (3.2, "vecka", "3,2 per vecka"),
        (0.78, "dygn", "0,78 per dygn"),
        (1.5, "månad", "1,5 per månad"),
        (2, "kvartal", "2 per kvartal"),
        (0.333333, "tertial", "0,33 per tertial"),
        (1, "halvår", "1 per halvår"),
        (12.0, "år", "12 per år"),
        (4, "period", "4 under perioden"),
        (1.5, "manad", "1,5 per månad"),  # folded spelling
        (1, "halvar", "1 per halvår"),
        (1, "ar", "1 per år"),
    ],
)
def test_rate_label(rate: float | int, per: str, expected: str) -> None:
    assert rate_label(rate, per) == expected


@pytest.mark.parametrize("bad", ["", "timme", "veckor", "Year"])
def test_unknown_per_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="unknown per value"):
        rate_label(1, bad)
    with pytest.raises(ValueError, match="unknown per value"):
        target_in_words(1, bad, average=False, ongoing=False)


@pytest.mark.parametrize(
    ("start", "end", "per", "expected"),
    [
        (date(2019, 1, 3), date(2019, 1, 3), "dygn", "3 jan"),
        (date(2019, 6, 3), date(2019, 6, 9), "vecka", "v. 23"),
        (date(2019, 1, 1), date(2019, 1, 6), "vecka", "v. 1"),  # cut by the period's start
        (date(2019, 12, 30), date(2019, 12, 31), "vecka", "v. 1"),  # cut by its end
        (date(2019, 1, 1), date(2019, 1, 31), "månad", "jan 2019"),
        (date(2019, 5, 15), date(2019, 5, 31), "månad", "maj 2019"),
        (date(2019, 1, 1), date(2019, 3, 31), "kvartal", "kv. 1 2019"),
        (date(2019, 10, 1), date(2019, 12, 31), "kvartal", "kv. 4 2019"),
        (date(2019, 1, 1), date(2019, 4, 30), "tertial", "tertial 1 2019"),
        (date(2019, 5, 1), date(2019, 8, 31), "tertial", "tertial 2 2019"),
        (date(2019, 9, 1), date(2019, 12, 31), "tertial", "tertial 3 2019"),
        (date(2019, 1, 1), date(2019, 6, 30), "halvår", "halvår 1 2019"),
        (date(2019, 7, 1), date(2019, 12, 31), "halvår", "halvår 2 2019"),
        (date(2019, 1, 1), date(2019, 12, 31), "år", "2019"),
        (date(2020, 1, 1), date(2021, 12, 31), "period", "2020-01-01–2021-12-31"),
        (date(2019, 7, 1), date(2019, 12, 31), "halvar", "halvår 2 2019"),
    ],
)
def test_unit_label(start: date, end: date, per: str, expected: str) -> None:
    assert unit_label(start, end, per) == expected


@pytest.mark.parametrize(
    ("start", "end", "per", "expected"),
    [
        (date(2019, 1, 3), date(2019, 1, 3), "dygn", "3 jan 2019"),
        (date(2019, 12, 30), date(2019, 12, 31), "vecka", "v. 1 2020"),
        (date(2019, 1, 1), date(2019, 1, 31), "månad", "jan 2019"),
        (date(2019, 1, 1), date(2019, 12, 31), "år", "2019"),
    ],
)
def test_unit_label_with_year(start: date, end: date, per: str, expected: str) -> None:
    assert unit_label(start, end, per, with_year=True) == expected


@pytest.mark.parametrize(
    ("start", "end", "per"),
    [
        (date(2019, 1, 3), date(2019, 1, 2), "dygn"),
        (date(2019, 1, 3), date(2019, 1, 4), "dygn"),
        (date(2019, 6, 3), date(2019, 6, 10), "vecka"),
        (date(2019, 1, 31), date(2019, 2, 1), "månad"),
        (date(2019, 3, 31), date(2019, 4, 1), "kvartal"),
        (date(2019, 4, 30), date(2019, 5, 1), "tertial"),
        (date(2019, 6, 30), date(2019, 7, 1), "halvår"),
        (date(2019, 12, 31), date(2020, 1, 1), "år"),
        (date(2019, 12, 31), date(2019, 1, 1), "period"),
    ],
)
def test_unit_label_refuses_a_span_that_is_not_one_unit(start: date, end: date, per: str) -> None:
    with pytest.raises(ValueError):
        unit_label(start, end, per)


@pytest.mark.parametrize(
    ("minimum", "per", "average", "ongoing", "expected"),
    [
        (3, "vecka", True, False, "minst 3 i snitt per vecka"),
        (4, "period", False, False, "minst 4 under perioden"),
        (4, "period", True, False, "minst 4 under perioden"),
        (1, "vecka", False, False, "minst 1 varje vecka"),
        (2, "år", False, False, "minst 2 varje år"),
        (1, "dygn", False, False, "minst 1 varje dygn"),
        (3, "dygn", True, False, "minst 3 i snitt per dygn"),
        (2, "månad", False, False, "minst 2 varje månad"),
        (5, "kvartal", True, False, "minst 5 i snitt per kvartal"),
        (1, "tertial", False, False, "minst 1 varje tertial"),
        (2, "halvår", False, False, "minst 2 varje halvår"),
        (1500, "år", True, False, "minst 1 500 i snitt per år"),
        (None, "period", False, True, "löpande"),
        (2, "vecka", False, True, "löpande"),
    ],
)
def test_target_in_words(
    minimum: int | None, per: str, average: bool, ongoing: bool, expected: str
) -> None:
    assert target_in_words(minimum, per, average, ongoing) == expected


def test_target_without_minimum_must_be_ongoing() -> None:
    with pytest.raises(ValueError):
        target_in_words(None, "vecka", average=False, ongoing=False)


def test_every_per_value_has_words() -> None:
    for per in PER_VALUES:
        assert rate_label(1, per)
        assert target_in_words(1, per, average=True, ongoing=False).startswith("minst 1 ")
        assert target_in_words(1, per, average=False, ongoing=False).startswith("minst 1 ")


def test_unit_name_as_a_sentence_names_it() -> None:
    from medborgarlofte.core.svformat import unit_name

    assert unit_name(date(2019, 3, 1), date(2019, 3, 31), "månad") == "mars"
    assert unit_name(date(2020, 3, 1), date(2020, 3, 31), "manad", with_year=True) == "mars 2020"
    assert unit_name(date(2019, 4, 1), date(2019, 4, 7), "vecka") == "v. 14"
    # A week cut by the new year names its ISO year, or "v. 1" would read as January.
    assert unit_name(date(2019, 12, 30), date(2019, 12, 31), "vecka") == "v. 1 2020"
    assert unit_name(date(2019, 4, 1), date(2019, 6, 30), "kvartal") == "kv. 2"
    assert unit_name(date(2019, 5, 1), date(2019, 8, 31), "tertial") == "tertial 2"
    assert unit_name(date(2019, 7, 1), date(2019, 12, 31), "halvår", with_year=True) == (
        "halvår 2 2019"
    )
    assert unit_name(date(2019, 1, 3), date(2019, 1, 3), "dygn") == "3 jan"


def test_unit_list_words_makes_runs_ranges_and_counts_past_the_limit() -> None:
    from medborgarlofte.core.svformat import unit_list_words

    def week(number: int) -> tuple[date, date]:
        monday = date.fromisocalendar(2019, number, 1)
        return monday, date.fromisocalendar(2019, number, 7)

    weeks = [week(n) for n in (14, 32, 33, 34, 36, 40, 41)]
    assert unit_list_words(weeks, "vecka") == "v. 14, v. 32–34, v. 36, v. 40, v. 41"
    assert unit_list_words(weeks, "vecka", limit=2) == "v. 14, v. 32–34 och 3 till"
    months = [
        (date(2019, m, 1), date(2019, m + 1, 1) - (date(2019, 1, 2) - date(2019, 1, 1)))
        for m in (3, 4, 5, 7)
    ]
    assert unit_list_words(months, "månad") == "mars–maj, juli"
    assert unit_list_words([], "månad") == ""
