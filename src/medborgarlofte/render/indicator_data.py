"""Renderers: indicator results (judge/indicators) as plain data and Swedish words.

`indicator_to_dict` is the stable JSON of docs/format.md §5; the words are shared by the terminal
table, Markdown, the detail view and the report, so every view says the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from medborgarlofte.core.model import Indicator, Measurement
from medborgarlofte.core.svformat import format_measure
from medborgarlofte.core.texts import DIRECTION_WORDS, TREND_LABELS, TREND_SYMBOLS

if TYPE_CHECKING:  # judge.indicators is loaded by a command only for a set with indicators
    from medborgarlofte.judge.indicators import IndicatorResult

INDICATOR_COLUMNS = ("Indikator", "Utgångsläge", "Senaste", "Förändring", "Mål", "Trend")


def json_number(value: Decimal | None) -> int | float | None:
    """A Decimal for JSON: whole numbers as integers, others as their shortest float."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _dated(day: date, value: Decimal) -> dict[str, Any]:
    return {"date": day.isoformat(), "value": json_number(value)}


def indicator_to_dict(result: IndicatorResult) -> dict[str, Any]:
    indicator = result.indicator
    latest = result.latest
    return {
        "id": indicator.id,
        "name": indicator.name,
        "unit": indicator.unit,
        "direction": indicator.direction.value,
        "baseline": None if result.baseline is None else _dated(*_pair(result)),
        "latest": None if latest is None else _dated(latest.date, latest.value),
        "change": json_number(result.change),
        "trend": result.trend.value,
        "target": json_number(indicator.target),
        "target_reached": result.target_reached,
    }


def _pair(result: IndicatorResult) -> tuple[date, Decimal]:
    assert result.baseline is not None
    return result.baseline.date, result.baseline.value


def change_from(measurement: Measurement, result: IndicatorResult) -> Decimal | None:
    """A measurement against the baseline; None without one."""
    return None if result.baseline is None else measurement.value - result.baseline.value


def measurement_to_dict(measurement: Measurement, result: IndicatorResult) -> dict[str, Any]:
    return {
        "line": measurement.line,
        "date": measurement.date.isoformat(),
        "value": json_number(measurement.value),
        "change": json_number(change_from(measurement, result)),
        "source": measurement.source,
        "registered_by": measurement.registered_by,
        "registered": measurement.registered,
    }


def indicator_detail_to_dict(
    kommun: str,
    period: tuple[str, date, date],
    as_of: date,
    result: IndicatorResult,
    later: Sequence[Measurement],
) -> dict[str, Any]:
    """`lofte status PERIOD ID --format json` for an indicator: its judgement as in
    `status --format json`, every measurement up to the per-date, and those after it."""
    indicator = result.indicator
    name, start, end = period
    return {
        "kommun": kommun,
        "period": {"name": name, "start": start.isoformat(), "end": end.isoformat()},
        "as_of": as_of.isoformat(),
        "indicator": {
            **indicator_to_dict(result),
            "area": indicator.area,
            "source": indicator.source,
        },
        "measurements": [
            measurement_to_dict(m, result) for m in result.measurements
        ],
        "after_as_of": [measurement_to_dict(m, result) for m in later],
    }


def indicators_to_list(results: Sequence[IndicatorResult]) -> list[dict[str, Any]]:
    return [indicator_to_dict(r) for r in results]


def trend_words(result: IndicatorResult) -> str:
    return f"{TREND_SYMBOLS[result.trend.value]} {TREND_LABELS[result.trend.value]}"


def _dated_words(value: Decimal, day: date, sep: str) -> str:
    """`43 (2018-12-31)` on one line; with a line break as `sep`, the date under the value."""
    when = f"({day.isoformat()})" if sep == " " else day.isoformat()
    return f"{format_measure(value)}{sep}{when}"


def baseline_words(result: IndicatorResult, sep: str = " ") -> str:
    """The baseline with its date; "–" when there is none yet."""
    if result.baseline is None:
        return "–"
    return _dated_words(result.baseline.value, result.baseline.date, sep)


def measurement_words(measurement: Measurement | None, sep: str = " ") -> str:
    if measurement is None:
        return "–"
    return _dated_words(measurement.value, measurement.date, sep)


def change_words(result: IndicatorResult) -> str:
    return "–" if result.change is None else format_measure(result.change, signed=True)


def target_words(result: IndicatorResult) -> str:
    target = result.indicator.target
    if target is None:
        return "–"
    return f"{format_measure(target)} ({'nått' if result.target_reached else 'ej nått'})"


def direction_words(indicator: Indicator) -> str:
    return DIRECTION_WORDS[indicator.direction.value]


def indicator_row(result: IndicatorResult, sep: str = " ") -> list[str]:
    """The cells of an indicator's row; `sep` goes between a value and its date."""
    return [
        result.indicator.name,
        baseline_words(result, sep),
        measurement_words(result.latest, sep),
        change_words(result),
        target_words(result),
        trend_words(result),
    ]


def summary_words(results: Sequence[IndicatorResult]) -> str:
    """`Indikatorer, 3: förbättrad 1 · försämrad 1 · oförändrad 0 · ingen mätning 1`."""
    from medborgarlofte.judge.indicators import trend_counts

    counts = trend_counts(results)
    parts = [f"{TREND_LABELS[trend]} {count}" for trend, count in counts.items()]
    return f"Indikatorer, {len(results)}: " + " · ".join(parts)


def by_area(results: Sequence[IndicatorResult]) -> dict[str, list[IndicatorResult]]:
    grouped: dict[str, list[IndicatorResult]] = {}
    for result in results:
        grouped.setdefault(result.indicator.area, []).append(result)
    return grouped


def with_indicators(
    promise_areas: Sequence[tuple[str, Any]], results: Sequence[IndicatorResult]
) -> list[tuple[str, Any, list[IndicatorResult]]]:
    """The areas of a status view, each with its indicators; an area that has indicators but
    no promise to show comes last, with no promises."""
    grouped = by_area(results)
    out = [(name, items, grouped.pop(name, [])) for name, items in promise_areas]
    out += [(name, [], found) for name, found in grouped.items()]
    return out
