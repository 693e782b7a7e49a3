"""Renderers: the effects part of the follow-up report (`lofte rapport`): an area's lägesbild and
its indicators, each with baseline → latest and a chart of every measurement against the
baseline and the target.

Like the promise charts in report_html: inline SVG with role="img", a title and a text
description that says everything the chart shows, and lines told apart by pattern and a
printed label, never by colour alone. All user text is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from html import escape

from medborgarlofte.core.model import Measurement, Period
from medborgarlofte.core.svformat import format_date_long, format_measure
from medborgarlofte.core.texts import TREND_LABELS, TREND_SYMBOLS
from medborgarlofte.judge.indicators import IndicatorResult
from medborgarlofte.render.indicator_data import (
    baseline_words,
    change_from,
    change_words,
    direction_words,
    measurement_words,
    target_words,
)
from medborgarlofte.render.svg_text import apart, fitted_size, spaced_labels, text_width

WIDTH, HEIGHT = 360, 160
LEFT, RIGHT, TOP, BOTTOM = 40, 92, 12, 128
LABEL_LINE = 12  # between a baseline or target label's name and its value
MAX_DOTS = 60
VALUE_COLOUR = "#0b5cad"
BASELINE_COLOUR = "#555555"
TARGET_COLOUR = "#14532d"
AXIS_COLOUR = "#4d4d4d"

INDICATOR_CSS = """
.lagesbild { margin: 0 0 1.25rem; padding: .6rem .8rem; background: #f4f6f8;
  border-left: 4px solid #0b3d6b; }
.lagesbild p { margin: 0; }
article.indikator {
  border: 1px dashed #9a9a9a; border-radius: 6px; padding: 1rem 1.25rem; margin: 0 0 1.25rem;
  break-inside: avoid; page-break-inside: avoid;
}
.indikator .utfall { display: grid; grid-template-columns: minmax(15rem, 1fr) minmax(16rem, 22rem);
  gap: .75rem 1.5rem; align-items: start; }
.indikator dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .9rem;
  margin: 0; }
.indikator dt { font-weight: 600; }
.indikator dd { margin: 0; }
.trend { display: inline-block; padding: .05rem .55rem; border-radius: 999px;
  border: 1px solid currentColor; font-weight: 600; white-space: nowrap; }
.trend-improved { color: #14532d; background: #dcfce7; }
.trend-worsened { color: #7f1d1d; background: #fee2e2; }
.trend-unchanged { color: #374151; background: #f3f4f6; }
.trend-no_data { color: #374151; background: #f3f4f6; }
@media (max-width: 40rem) {
  .indikator .utfall { grid-template-columns: minmax(0, 1fr); }
  .indikator dl { grid-template-columns: minmax(0, 1fr); }
}
"""


def _e(text: str) -> str:
    return escape(text, quote=True)


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _nice(value: float) -> float:
    """A round axis end at or above `value` (a magnitude): 4, 10, 50, 200, …"""
    if value <= 4:
        return float(max(1, math.ceil(value)))
    step = 10 ** math.floor(math.log10(value))
    for factor in (1, 2, 2.5, 5, 10):
        if value <= step * factor:
            return float(step * factor)
    return float(step * 10)


def trend_badge(result: IndicatorResult) -> str:
    trend = result.trend.value
    return (
        f'<span class="trend trend-{trend}">'
        f'<span aria-hidden="true">{TREND_SYMBOLS[trend]}</span> {TREND_LABELS[trend]}</span>'
    )


MAX_LISTED = 24  # measurements the text alternative lists one by one


def _dated(measurement: Measurement) -> str:
    return f"{format_measure(measurement.value)} ({format_date_long(measurement.date)})"


def chart_sentence(result: IndicatorResult) -> str:
    """Everything the chart shows, in words (its text alternative)."""
    indicator = result.indicator
    baseline = result.baseline
    parts = [
        "Inget utgångsläge."
        if baseline is None
        else f"Utgångsläge {format_measure(baseline.value)} ({format_date_long(baseline.date)})"
        + (", den senaste mätningen före perioden." if baseline.measured else ".")
    ]
    measured = result.measurements
    if len(measured) > MAX_LISTED:
        # A long series in words: its span, its extremes and its latest values.
        low = min(measured, key=lambda m: m.value)
        high = max(measured, key=lambda m: m.value)
        latest = ", ".join(_dated(m) for m in measured[-3:])
        parts.append(
            f"{len(measured)} mätningar från {format_date_long(measured[0].date)} till "
            f"{format_date_long(measured[-1].date)}: lägst {_dated(low)}, högst {_dated(high)}; "
            f"de senaste {latest}."
        )
    elif measured:
        parts.append(f"Mätningar: {', '.join(_dated(m) for m in measured)}.")
    else:
        parts.append("Inga mätningar ännu.")
    if indicator.target is not None:
        parts.append(f"Mål {format_measure(indicator.target)}.")
    if result.change is not None:
        parts.append(
            f"Senaste mot utgångsläget: {change_words(result)}, {TREND_LABELS[result.trend.value]}."
        )
    return " ".join(parts)


def chart_svg(result: IndicatorResult, period: Period, chart_id: str) -> str:
    """Every measurement (solid line, dots) against the baseline (dashed) and the target
    (dotted), over the period and back to the baseline's date."""
    indicator = result.indicator
    baseline = result.baseline
    days = [period.start, period.end, *(m.date for m in result.measurements)]
    values: list[Decimal] = [m.value for m in result.measurements]
    if baseline is not None:
        days.append(baseline.date)
        values.append(baseline.value)
    first, last = min(days), max(days)
    span = max(1, (last - first).days)
    if indicator.target is not None:
        values.append(indicator.target)
    low = min(0.0, *(float(v) for v in values))
    high = max(1.0, *(float(v) for v in values))
    top = _nice(high)
    bottom = -_nice(-low) if low < 0 else 0.0

    def x(day: date) -> float:
        return LEFT + (day - first).days / span * (WIDTH - LEFT - RIGHT)

    def y(value: Decimal | float) -> float:
        return BOTTOM - (float(value) - bottom) / (top - bottom) * (BOTTOM - TOP)

    parts = [
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-titel {chart_id}-beskr" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="inherit">',
        f'<title id="{chart_id}-titel">{_e(indicator.name)}: mätningar mot utgångsläge och mål'
        "</title>",
        f'<desc id="{chart_id}-beskr">{_e(chart_sentence(result))}</desc>',
    ]
    for value in sorted({bottom, (bottom + top) / 2, top}):
        parts.append(
            f'<line x1="{LEFT}" y1="{_f(y(value))}" x2="{WIDTH - RIGHT}" y2="{_f(y(value))}" '
            'stroke="#d9d9d9" stroke-width="1"/>'
        )
        label = format_measure(Decimal(str(value)))
        size = fitted_size(label, LEFT - 6, 11)
        if size is not None:  # a number too long to read is in the text alternative
            parts.append(
                f'<text x="{LEFT - 5}" y="{_f(y(value) + 4)}" text-anchor="end" '
                f'font-size="{_f(size)}" fill="{AXIS_COLOUR}">{_e(label)}</text>'
            )
    years = range(first.year + 1, last.year + 1)
    for year in years:
        tick = x(date(year, 1, 1))
        parts.append(
            f'<line x1="{_f(tick)}" y1="{BOTTOM}" x2="{_f(tick)}" y2="{BOTTOM + 4}" '
            f'stroke="{AXIS_COLOUR}" stroke-width="1"/>'
        )
    year_labels = [(x(date(year, 1, 1)) + 2, str(year)) for year in years]
    for at, label in spaced_labels(year_labels, 10.5, 0, WIDTH - RIGHT):
        parts.append(
            f'<text x="{_f(at)}" y="{BOTTOM + 16}" font-size="10.5" '
            f'fill="{AXIS_COLOUR}">{label}</text>'
        )
    parts.append(
        f'<line x1="{LEFT}" y1="{BOTTOM}" x2="{WIDTH - RIGHT}" y2="{BOTTOM}" '
        f'stroke="{AXIS_COLOUR}" stroke-width="1.2"/>'
    )
    # Baseline (dashed) and target (dotted), each named at its right end.
    lines: list[tuple[str, Decimal, str, str]] = []
    if baseline is not None:
        lines.append(("Utgångsläge", baseline.value, BASELINE_COLOUR, "6 4"))
    if indicator.target is not None:
        lines.append(("Mål", indicator.target, TARGET_COLOUR, "2 3"))
    # Each label in two lines right of the plot, its name over its value, so that a long
    # value never runs past the chart's edge (a value too long to read is left out: the facts
    # beside the chart and its text alternative have it).
    label_ys = apart([y(level) + 4 for _, level, _, _ in lines], 2 * LABEL_LINE, 12, HEIGHT - 16)
    for (name, level, colour, dashes), label_y in zip(lines, label_ys, strict=True):
        parts.append(
            f'<line x1="{LEFT}" y1="{_f(y(level))}" x2="{WIDTH - RIGHT}" y2="{_f(y(level))}" '
            f'stroke="{colour}" stroke-width="1.8" stroke-dasharray="{dashes}"/>'
            f'<text x="{WIDTH - RIGHT + 4}" y="{_f(label_y)}" font-size="10.5" '
            f'fill="{colour}">{name}</text>'
        )
        level_text = format_measure(level)
        level_size = fitted_size(level_text, RIGHT - 6, 10.5)
        if level_size is not None:
            parts.append(
                f'<text x="{WIDTH - RIGHT + 4}" y="{_f(label_y + LABEL_LINE)}" '
                f'font-size="{_f(level_size)}" fill="{colour}">{_e(level_text)}</text>'
            )
    if baseline is not None:
        parts.append(
            f'<rect x="{_f(x(baseline.date) - 3.5)}" y="{_f(y(baseline.value) - 3.5)}" '
            f'width="7" height="7" fill="{BASELINE_COLOUR}"/>'
        )
    if result.measurements:
        points = " ".join(f"{_f(x(m.date))},{_f(y(m.value))}" for m in result.measurements)
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{VALUE_COLOUR}" '
            'stroke-width="2.6" stroke-linejoin="round"/>'
        )
        # A dot for each measurement while they stand apart; a long series is its line, with
        # a dot at its end.
        dotted = result.measurements if len(result.measurements) <= MAX_DOTS else ()
        for measurement in dotted or result.measurements[-1:]:
            parts.append(
                f'<circle cx="{_f(x(measurement.date))}" cy="{_f(y(measurement.value))}" '
                f'r="3.5" fill="{VALUE_COLOUR}"/>'
            )
        latest = result.measurements[-1]
        label = format_measure(latest.value)
        at = x(latest.date)
        # Left of the last dot; right of it when the plot has no room on the left; smaller
        # or left out when it fits on neither side (the facts beside the chart have it).
        where, room = f'x="{_f(at - 6)}" text-anchor="end"', at - 6 - LEFT
        if text_width(label, 12) > room and WIDTH - RIGHT - at - 6 > room:
            where, room = f'x="{_f(at + 6)}"', WIDTH - RIGHT - at - 6
        size = fitted_size(label, room, 12)
        if size is not None:
            parts.append(
                f'<text {where} y="{_f(max(y(latest.value) - 7, TOP + 9))}" '
                f'font-size="{_f(size)}" font-weight="700" fill="{VALUE_COLOUR}" '
                'stroke="#ffffff" stroke-width="3" paint-order="stroke">'
                f"{_e(label)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


def labels_apart(positions: list[float], gap: float) -> list[float]:
    """Label positions moved apart (in order of height) so no two are closer than `gap`."""
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = list(positions)
    for before, after in zip(order, order[1:], strict=False):
        placed[after] = max(placed[after], placed[before] + gap)
    return placed


def _swatch(colour: str, dashes: str, label: str, width: str = "2") -> str:
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    return (
        '<li><svg viewBox="0 0 24 8" aria-hidden="true" focusable="false">'
        f'<line x1="0" y1="4" x2="24" y2="4" stroke="{colour}" stroke-width="{width}"{dash}/>'
        f"</svg> {label}</li>"
    )


def situation_html(text: str | None) -> str:
    if not text:
        return ""
    return f'<div class="lagesbild"><p><strong>Lägesbild:</strong> {_e(text)}</p></div>'


def indicator_html(result: IndicatorResult, period: Period, chart_id: str) -> str:
    indicator = result.indicator
    source = _e(indicator.source)
    if indicator.source.lower().startswith("https://"):
        source = f'<a href="{source}">{source}</a>'
    rows = [
        ("Källa", source),
        ("Enhet", _e(indicator.unit)),
        ("Riktning", _e(direction_words(indicator))),
        ("Utgångsläge", _e(baseline_words(result))),
        ("Senaste", _e(measurement_words(result.latest))),
        ("Förändring", _e(change_words(result))),
    ]
    if indicator.target is not None:
        rows.append(("Mål", _e(target_words(result))))
    rows.append(("Trend", trend_badge(result)))
    facts = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    legend = (
        '<ul class="teckenforklaring">'
        + _swatch(VALUE_COLOUR, "", "Mätningar", "3")
        + _swatch(BASELINE_COLOUR, "6 4", "Utgångsläge")
        + (_swatch(TARGET_COLOUR, "2 3", "Mål") if indicator.target is not None else "")
        + "</ul>"
    )
    figure = (
        f"<figure>{chart_svg(result, period, chart_id)}<figcaption>{legend}</figcaption></figure>"
    )
    return (
        f'<article class="indikator" id="{chart_id}" aria-labelledby="{chart_id}-rubrik">'
        f'<h3 id="{chart_id}-rubrik">Indikator: {_e(indicator.name)}</h3>'
        f'<div class="utfall"><dl>{facts}</dl>{figure}</div></article>'
    )


def area_indicators_html(
    results: tuple[IndicatorResult, ...], period: Period, area_number: int
) -> str:
    return "".join(
        indicator_html(result, period, f"indikator-{area_number}-{index}")
        for index, result in enumerate(results, start=1)
    )


def indicator_markdown(result: IndicatorResult, md: Callable[[str], str]) -> list[str]:
    """An indicator in the Markdown report: its facts, and every measurement as a list (the
    text form of the chart); `md` escapes user text for Markdown."""
    indicator = result.indicator
    out = [f"### Indikator: {md(indicator.name)}", ""]
    source = indicator.source
    if source.lower().startswith("https://"):
        out.append(f"- **Källa:** <{source.replace('>', '%3E').replace(' ', '%20')}>")
    else:
        out.append(f"- **Källa:** {md(source)}")
    out.append(f"- **Enhet:** {md(indicator.unit)} ({direction_words(indicator)})")
    latest = measurement_words(result.latest)
    out.append(f"- **Utgångsläge → senaste:** {baseline_words(result)} → {latest}")
    out.append(f"- **Förändring:** {change_words(result)}")
    if indicator.target is not None:
        out.append(f"- **Mål:** {target_words(result)}")
    trend = result.trend.value
    out.append(f"- **Trend:** {TREND_SYMBOLS[trend]} {TREND_LABELS[trend]}")
    if result.measurements:
        out += ["", "| Datum | Värde | Mot utgångsläget | Källa |", "|---|--:|--:|---|"]
        for m in result.measurements:
            moved = change_from(m, result)
            change = "–" if moved is None else format_measure(moved, signed=True)
            out.append(
                f"| {m.date.isoformat()} | {format_measure(m.value)} | {change} "
                f"| {md(m.source) or '–'} |"
            )
    out.append("")
    return out
