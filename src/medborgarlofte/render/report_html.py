"""Renderers: the follow-up report (`lofte rapport --format html`) as one self-contained page.

Inline CSS and SVG only: no JavaScript, no fonts or images to fetch, so the file can be
published or mailed as is. Written for WCAG 2.1 AA (Swedish public-sector sites must meet
it): `lang="sv"`, headings in order, tables with real header cells, text contrast of at
least 4.5:1, status always as a word and a symbol beside any colour, and every chart with
a text alternative. Prints on A4. All user text is escaped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import date

from medborgarlofte.core.model import Period, PromiseSet
from medborgarlofte.core.safe_text import html, link_target
from medborgarlofte.core.slugs import fold_slug
from medborgarlofte.core.svformat import (
    format_date_long,
    month_short_name,
    per_words,
)
from medborgarlofte.core.texts import (
    HISTORY_BY,
    HISTORY_HEADING,
    HISTORY_MESSAGE,
    HISTORY_UNKNOWN_DATE,
    SITE_NAV_LABEL,
    STATUS_LABELS,
    STATUS_SYMBOLS,
    left_out_words,
)
from medborgarlofte.judge.followup import FollowUpReport, PromiseFollowUp
from medborgarlofte.judge.history import PromiseChange
from medborgarlofte.judge.required import required_count
from medborgarlofte.judge.units import unit_spans
from medborgarlofte.render import report_words as words
from medborgarlofte.render.css_scope import scope_css
from medborgarlofte.render.indicator_report import (
    INDICATOR_CSS,
    area_indicators_html,
    situation_html,
)
from medborgarlofte.render.status_columns import REPORT_COLUMNS, Align, StatusColumn
from medborgarlofte.render.status_words import missed_words
from medborgarlofte.render.svg_text import SMALLEST, fitted_size, spaced_labels, text_width

# Only a page that left rows out carries this rule (and the warning it styles).
WARNING_CSS = """
.varning { margin: 0 0 1rem; padding: .6rem .8rem; color: #7c2d12; background: #ffedd5;
  border-left: 4px solid #7c2d12; font-weight: 600; }
"""

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { font-size: 100%; }
body {
  margin: 0; color: #1a1a1a; background: #ffffff;
  -webkit-hyphens: auto; hyphens: auto;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "Noto Sans", "Liberation Sans", sans-serif;
  line-height: 1.5;
}
.sida { max-width: 52rem; margin: 0 auto; padding: 0 1.25rem; }
.rubrik { background: #0b3d6b; color: #ffffff; padding: 2rem 0 1.5rem; }
.rubrik .overrubrik {
  margin: 0; font-size: .95rem; letter-spacing: .04em; text-transform: uppercase;
}
.rubrik h1 { margin: .25rem 0 1rem; font-size: 2rem; line-height: 1.2; }
dl.fakta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1.25rem; margin: 0; }
dl.fakta dt { font-weight: 600; }
dl.fakta dd { margin: 0; }
dl.fakta ul { margin: 0; padding: 0; list-style: none; }
.rubrik a { color: #ffffff; }
.rubrik nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; margin: 1rem 0 0;
  padding: 0; list-style: none; }
.huvud { padding: 1.5rem 0 2rem; }
h2 {
  font-size: 1.45rem; margin: 2.25rem 0 .75rem; padding-bottom: .3rem;
  border-bottom: 3px solid #0b3d6b; color: #0b3d6b;
}
h3 { font-size: 1.15rem; margin: 0 0 .5rem; }
.ansvar { margin: -.25rem 0 1rem; color: #404040; }
.summering { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; padding: 0;
  margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
caption { text-align: left; font-weight: 600; padding: 0 0 .4rem; }
th, td { text-align: left; vertical-align: top; padding: .45rem .5rem;
  border-bottom: 1px solid #c9c9c9; }
thead th { border-bottom: 2px solid #1a1a1a; }
td.tal, th.tal { text-align: right; white-space: nowrap; }
tbody th { font-weight: normal; }
tbody th a { color: #0b3d6b; }
.nr { font-weight: 600; white-space: nowrap; }
article.lofte {
  border: 1px solid #c9c9c9; border-radius: 6px; padding: 1rem 1.25rem; margin: 0 0 1.25rem;
  break-inside: avoid; page-break-inside: avoid;
}
.loftestext { margin: 0 0 .75rem; padding-left: .9rem; border-left: 4px solid #0b3d6b;
  font-size: 1.02rem; }
.lofte .utfall { display: grid; grid-template-columns: minmax(15rem, 1fr) minmax(16rem, 22rem);
  gap: .75rem 1.5rem; align-items: start; }
.lofte dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .9rem; margin: 0; }
.lofte dt { font-weight: 600; }
.lofte dd { margin: 0; }
.status { display: inline-block; padding: .05rem .55rem; border-radius: 999px;
  border: 1px solid currentColor; font-weight: 600; white-space: nowrap; }
.status-met { color: #14532d; background: #dcfce7; }
.status-on_track { color: #1e3a8a; background: #dbeafe; }
.status-behind { color: #7c2d12; background: #ffedd5; }
.status-missed { color: #7f1d1d; background: #fee2e2; }
.status-ongoing { color: #134e4a; background: #ccfbf1; }
.status-not_started { color: #374151; background: #f3f4f6; }
figure { margin: 0; }
figure > svg { width: 100%; height: auto; display: block; }
figcaption { font-size: .85rem; color: #404040; }
.teckenforklaring { display: flex; flex-wrap: wrap; gap: .2rem 1rem; margin: .2rem 0 0;
  padding: 0; list-style: none; }
.teckenforklaring svg { width: 1.6rem; height: .6rem; vertical-align: .15em; }
.kommentar { margin: .9rem 0 0; padding: .6rem .8rem; background: #f4f6f8;
  border-left: 4px solid #5a6b7d; }
.kommentar p { margin: 0; }
.kommentar .vem { font-size: .9rem; color: #404040; }
.fot .kalla { font-size: .8rem; }
.andringar { margin: .9rem 0 0; padding: .6rem .8rem; border: 1px dashed #7a7a7a; }
.andringar h4 { font-size: 1rem; margin: 0 0 .3rem; }
.andringar ul { margin: 0; padding-left: 1.2rem; }
.andringar .sankt { font-weight: 600; }
.fot { border-top: 1px solid #c9c9c9; padding: 1rem 0 2rem; font-size: .9rem; color: #404040; }
h1, h2, h3, th, td, dd, p, li { overflow-wrap: break-word; }
.tal, .status, time, code, svg { -webkit-hyphens: manual; hyphens: manual; }
a { overflow-wrap: anywhere; }
@media (max-width: 40rem) {
  .sida { padding: 0 .75rem; }
  .lofte .utfall { grid-template-columns: minmax(0, 1fr); }
  article.lofte { padding: .75rem; }
  .rubrik h1 { font-size: 1.6rem; }
  dl.fakta { grid-template-columns: minmax(0, 1fr); }
  dl.fakta dd { margin-bottom: .3rem; }
  table { font-size: .85rem; }
  th, td { padding: .35rem .25rem; }
  td.tal { white-space: normal; }
  .mal { display: none; }
  .lofte dl { grid-template-columns: minmax(0, 1fr); }
  .lofte dd { margin-bottom: .25rem; }
  .status { white-space: normal; }
}
@page { size: A4; margin: 16mm 15mm 18mm; }
@media print {
  html { font-size: 10.5pt; }
  .sida { max-width: none; padding: 0; }
  .rubrik { background: none; color: #000000; padding: 0 0 .75rem;
    border-bottom: 3px solid #0b3d6b; }
  .rubrik a { color: #000000; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; }
  article.lofte { border-color: #9a9a9a; }
  .status, .kommentar { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { text-decoration: none; }
}
"""

# Chart geometry (SVG user units); the figure scales to its column.
WIDTH, HEIGHT = 360, 150
LEFT, RIGHT, TOP, BOTTOM = 40, 34, 12, 122
DONE_COLOUR = "#0b5cad"
PACE_COLOUR = "#555555"
AXIS_COLOUR = "#4d4d4d"


_e = html


_SLASH_IN_WORD = re.compile(r"(?<=\w)/(?=\w)")


def _breakable(text: str) -> str:
    """Text for element content, with a line-break opportunity after each `/`: a name like
    "närvaro/tillgänglighet/trafiksäkerhet" may then wrap after a slash on a phone instead of
    being broken inside a word."""
    return _SLASH_IN_WORD.sub("/<wbr>", _e(text))


def _x(day: date, period: Period) -> float:
    """End of `day` on the time axis (the period's first instant is 0)."""
    share = ((day - period.start).days + 1) / period.days
    return LEFT + share * (WIDTH - LEFT - RIGHT)


def _y(value: float, top: float) -> float:
    return BOTTOM - (value / top) * (BOTTOM - TOP) if top else BOTTOM


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def count_ticks(value: float) -> list[int]:
    """Whole-number y-axis ticks from 0 to a round top at or above `value`: counts are
    whole, so no tick reads 6,3. At most five ticks, evenly spaced."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            size = step * factor
            if math.ceil(value / size) <= 4:
                top = max(1, math.ceil(value / size)) * size
                return list(range(0, top + 1, size))
        step *= 10


def _month_ticks(period: Period) -> list[tuple[date, str]]:
    """Month starts inside the period, labelled `jan`; over several years only the years are
    labelled (`2020` at its first of January), so a year and a month never share a place."""
    ticks: list[tuple[date, str]] = []
    day = date(period.start.year, period.start.month, 1)
    several_years = period.start.year != period.end.year
    while day <= period.end:
        if day >= period.start:
            label = month_short_name(day.month)
            if several_years:
                label = str(day.year) if day.month == 1 else ""
            ticks.append((day, label))
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return ticks


AXIS_SIZE = 10.5
TICK_SIZE = 11.0


def _time_axis(period: Period, y: float) -> list[str]:
    """The time axis's labels at baseline `y`: as many month (or year) labels as fit apart."""
    plot_width = WIDTH - LEFT - RIGHT
    candidates = [
        (LEFT + ((day - period.start).days / period.days) * plot_width + 1, label)
        for day, label in _month_ticks(period)
        if label
    ]
    return [
        f'<text x="{_fmt(x)}" y="{_fmt(y)}" font-size="{AXIS_SIZE}" '
        f'fill="{AXIS_COLOUR}">{_e(label)}</text>'
        for x, label in spaced_labels(candidates, AXIS_SIZE, 0, WIDTH)
    ]


def _count_label(tick: int, y: float) -> str:
    """A y-axis count, right-aligned left of the plot; smaller when long, left out when it
    cannot be read at all (the chart's text alternative has the numbers)."""
    label = str(tick)
    size = fitted_size(label, LEFT - 6, TICK_SIZE)
    if size is None:
        return ""
    return (
        f'<text x="{LEFT - 5}" y="{_fmt(y + 4)}" text-anchor="end" font-size="{_fmt(size)}" '
        f'fill="{AXIS_COLOUR}">{label}</text>'
    )


def chart_svg(item: PromiseFollowUp, period: Period, as_of: date, chart_id: str) -> str:
    """Cumulative done (solid) against the target's pace (dashed) over the whole period."""
    done_points = item.progress
    top_value = max([float(item.period_target or 0), *(float(n) for _, n in done_points), 1.0])
    ticks = count_ticks(top_value)
    top = float(ticks[-1])
    plot_width = WIDTH - LEFT - RIGHT
    parts = [
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-titel {chart_id}-beskr" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="inherit">',
        f'<title id="{chart_id}-titel">Löfte {_e(item.number)}: utfört hittills mot målets takt'
        "</title>",
        f'<desc id="{chart_id}-beskr">{_e(words.progress_sentence(item))}</desc>',
    ]
    for tick in ticks:
        value = float(tick)
        y = _y(value, top)
        parts.append(
            f'<line x1="{LEFT}" y1="{_fmt(y)}" x2="{WIDTH - RIGHT}" y2="{_fmt(y)}" '
            f'stroke="#d9d9d9" stroke-width="1"/>'
        )
        parts.append(_count_label(tick, y))
    # Month ticks along the bottom, labelled as far as the labels fit apart.
    for day, _ in _month_ticks(period):
        x = LEFT + ((day - period.start).days / period.days) * plot_width
        parts.append(
            f'<line x1="{_fmt(x)}" y1="{BOTTOM}" x2="{_fmt(x)}" y2="{BOTTOM + 4}" '
            f'stroke="{AXIS_COLOUR}" stroke-width="1"/>'
        )
    parts += _time_axis(period, BOTTOM + 16)
    parts.append(
        f'<line x1="{LEFT}" y1="{BOTTOM}" x2="{WIDTH - RIGHT}" y2="{BOTTOM}" '
        f'stroke="{AXIS_COLOUR}" stroke-width="1.2"/>'
    )
    # The target's pace over the whole period.
    if item.pace:
        points = [f"{LEFT},{BOTTOM}"] + [
            f"{_fmt(_x(day, period))},{_fmt(_y(float(value), top))}" for day, value in item.pace
        ]
        parts.append(
            f'<polyline points="{" ".join(points)}" fill="none" stroke="{PACE_COLOUR}" '
            f'stroke-width="1.6" stroke-dasharray="5 4"/>'
        )
    # The as-of date, when inside the period.
    if period.start <= as_of < period.end:
        x = _x(as_of, period)
        parts.append(
            f'<line x1="{_fmt(x)}" y1="{TOP}" x2="{_fmt(x)}" y2="{BOTTOM}" '
            f'stroke="{AXIS_COLOUR}" stroke-width="1" stroke-dasharray="1 3"/>'
        )
    # Cumulative done up to the as-of date.
    if done_points:
        points = [f"{LEFT},{BOTTOM}"] + [
            f"{_fmt(_x(day, period))},{_fmt(_y(float(n), top))}" for day, n in done_points
        ]
        last_day, last_value = done_points[-1]
        x, y = _x(last_day, period), _y(float(last_value), top)
        parts.append(
            f'<polyline points="{" ".join(points)}" fill="none" stroke="{DONE_COLOUR}" '
            f'stroke-width="2.6" stroke-linejoin="round"/>'
        )
        parts.append(f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="3.5" fill="{DONE_COLOUR}"/>')
        # Right of the dot, where the line has ended, on a white halo over any grid line;
        # a number too wide for the margin goes above the dot instead, clear of the line.
        label = str(last_value)
        size: float | None = 12.0
        if x + 6 + text_width(label, 12) <= WIDTH - 1:
            where = f'x="{_fmt(x + 6)}" y="{_fmt(y + 4)}"'
        else:
            size = fitted_size(label, x - LEFT, 12)
            where = f'x="{_fmt(x)}" y="{_fmt(max(y - 8, TOP + 9))}" text-anchor="end"'
        if size is not None:
            parts.append(
                f'<text {where} font-size="{_fmt(size)}" font-weight="700" '
                f'fill="{DONE_COLOUR}" stroke="#ffffff" stroke-width="3" paint-order="stroke">'
                f"{label}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


MISSED_COLOUR = "#b42318"
NEED_COLOUR = "#1a1a1a"


def unit_chart_svg(item: PromiseFollowUp, period: Period, chart_id: str) -> str:
    """Every-unit targets: one bar per unit of the period (done in it) against the unit's
    need (a black line across the bar's slot). A missed unit's bar is red, hatched and
    marked ✘ under the axis, so colour is never the only sign; units to come stay empty."""
    result = item.result
    target = result.promise.target
    per = per_words(target.per, target.block)
    spans = list(unit_spans(period, target.per, target.block))
    units = {u.start: u for u in result.units or ()}
    top_value = max([1.0, *(float(max(u.done, u.need)) for u in units.values())])
    ticks = count_ticks(top_value)
    top = float(ticks[-1])
    slot = (WIDTH - LEFT - RIGHT) / max(1, len(spans))
    bar = max(1.0, slot * 0.7)
    parts = [
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-titel {chart_id}-beskr" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="inherit">',
        f'<title id="{chart_id}-titel">Löfte {_e(item.number)}: utfört per {_e(per)} mot målet'
        "</title>",
        f'<desc id="{chart_id}-beskr">{_e(words.progress_sentence(item))}</desc>',
        f'<defs><pattern id="{chart_id}-streck" width="4" height="4" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="4" height="4" fill="{MISSED_COLOUR}"/>'
        '<line x1="0" y1="0" x2="0" y2="4" stroke="#ffffff" stroke-width="1.5"/></pattern></defs>',
    ]
    for tick in ticks:
        y = _y(float(tick), top)
        parts.append(
            f'<line x1="{LEFT}" y1="{_fmt(y)}" x2="{WIDTH - RIGHT}" y2="{_fmt(y)}" '
            f'stroke="#d9d9d9" stroke-width="1"/>' + _count_label(tick, y)
        )
    cross_end = -math.inf  # a ✘ is left out where it would touch the last one (the bar is
    # hatched all the same, so colour is still not the only sign)
    for index, span in enumerate(spans):
        x = LEFT + index * slot + (slot - bar) / 2
        unit = units.get(span.start)
        if unit is None:
            continue
        missed = unit.complete and unit.need > 0 and not unit.met
        fill = f"url(#{chart_id}-streck)" if missed else DONE_COLOUR
        if unit.done:
            y = _y(float(unit.done), top)
            opacity = "" if unit.complete else ' fill-opacity="0.45"'
            parts.append(
                f'<rect x="{_fmt(x)}" y="{_fmt(y)}" width="{_fmt(bar)}" '
                f'height="{_fmt(BOTTOM - y)}" fill="{fill}"{opacity}/>'
            )
        if unit.need:
            y = _y(float(unit.need), top)
            parts.append(
                f'<line x1="{_fmt(LEFT + index * slot)}" y1="{_fmt(y)}" '
                f'x2="{_fmt(LEFT + (index + 1) * slot)}" y2="{_fmt(y)}" '
                f'stroke="{NEED_COLOUR}" stroke-width="1.6"/>'
            )
        size = min(10.0, max(SMALLEST, slot * 1.4))
        half = text_width("✘", size) / 2
        if missed and x + bar / 2 - half >= cross_end + 0.5:
            parts.append(
                f'<text x="{_fmt(x + bar / 2)}" y="{BOTTOM + 11}" text-anchor="middle" '
                f'font-size="{_fmt(size)}" fill="{MISSED_COLOUR}">✘</text>'
            )
            cross_end = x + bar / 2 + half
    parts += _time_axis(period, BOTTOM + 24)
    parts.append(
        f'<line x1="{LEFT}" y1="{BOTTOM}" x2="{WIDTH - RIGHT}" y2="{BOTTOM}" '
        f'stroke="{AXIS_COLOUR}" stroke-width="1.2"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


LEGEND_UNITS = (
    '<li><svg viewBox="0 0 24 8" aria-hidden="true" focusable="false">'
    f'<rect x="6" y="0" width="12" height="8" fill="{DONE_COLOUR}"/></svg> Utfört</li>'
    '<li><svg viewBox="0 0 24 8" aria-hidden="true" focusable="false">'
    f'<rect x="6" y="0" width="12" height="8" fill="{MISSED_COLOUR}"/>'
    '<path d="M6 6 L10 2 M10 8 L16 2 M14 8 L18 4" stroke="#ffffff" stroke-width="1.2"/>'
    "</svg> ✘ Under målet</li>"
    '<li><svg viewBox="0 0 24 8" aria-hidden="true" focusable="false">'
    f'<line x1="0" y1="4" x2="24" y2="4" stroke="{NEED_COLOUR}" stroke-width="2"/></svg>'
    " Målet för varje enhet</li>"
)


LEGEND_DONE = (
    '<li><svg viewBox="0 0 24 8" aria-hidden="true" focusable="false">'
    f'<line x1="0" y1="4" x2="24" y2="4" stroke="{DONE_COLOUR}" stroke-width="3"/></svg>'
    " Utfört hittills</li>"
)
LEGEND_PACE = (
    '<li><svg viewBox="0 0 24 8" aria-hidden="true" focusable="false">'
    f'<line x1="0" y1="4" x2="24" y2="4" stroke="{PACE_COLOUR}" stroke-width="2" '
    'stroke-dasharray="5 4"/></svg> Målets takt</li>'
)


def status_badge(status: str) -> str:
    return (
        f'<span class="status status-{status}">'
        f'<span aria-hidden="true">{STATUS_SYMBOLS[status]}</span> {STATUS_LABELS[status]}</span>'
    )


def _anchor(item: PromiseFollowUp) -> str:
    return "lofte-" + item.number.replace(".", "-")


def _changes(changes: Sequence[PromiseChange]) -> str:
    """The promise's changes in git, newest first: a lowered target is never hidden."""
    if not changes:
        return ""
    items = []
    for change in reversed(changes):
        revision = change.revision
        lowered = ' class="sankt"' if change.lowered else ""
        # A commit is its date and its message; the hash means nothing to a reader.
        why = f", {_e(HISTORY_MESSAGE)} ”{_e(revision.message)}”" if revision.message else ""
        when = (
            f'<time datetime="{revision.date.isoformat()}">'
            f"{_e(format_date_long(revision.date))}</time>"
            if revision.date is not None
            else _e(HISTORY_UNKNOWN_DATE)
        )
        items.append(
            f"<li{lowered}>{when}: {_e(change.words())} "
            f"({_e(HISTORY_BY)} {_e(revision.author)}{why})</li>"
        )
    return f'<div class="andringar"><h4>{_e(HISTORY_HEADING)}</h4><ul>{"".join(items)}</ul></div>'


def _promise(
    item: PromiseFollowUp,
    promise_set: PromiseSet,
    as_of: date,
    changes: Sequence[PromiseChange] = (),
) -> str:
    result = item.result
    period = promise_set.period
    rows = [
        ("Mål", _e(words.target_of(item))),
        ("Räknas", _e(words.counted_words(item, promise_set))),
        ("Utfört", _e(words.outcome_words(item))),
    ]
    if result.expected is not None:
        rows.append(("Krävs hittills", _e(words.expected_so_far(item))))
    missed = missed_words(result)
    if missed:
        rows.append(("Missade", _e(missed.removeprefix("missade: "))))
    if item.period_target is not None and result.units is None:
        # Done is a whole number: 3 a week over 2019 (156,43) needs 157.
        whole = f"minst {required_count(item.period_target, True)}"
        rows.append(("Mål för hela perioden", _e(whole)))
    rows.append(("Status", status_badge(result.status)))
    if item.promise.responsible:
        rows.append(("Ansvar", _e(words.responsible_words(item.promise.responsible))))
    if result.last_activity:
        rows.append(("Senaste insats", _e(format_date_long(result.last_activity))))
    facts = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    chart_id = "diagram-" + item.number.replace(".", "-")
    if result.units is not None:
        legend = f'<ul class="teckenforklaring">{LEGEND_UNITS}</ul>'
        chart = unit_chart_svg(item, period, chart_id)
    else:
        legend = (
            f'<ul class="teckenforklaring">{LEGEND_DONE}{LEGEND_PACE if item.pace else ""}</ul>'
        )
        chart = chart_svg(item, period, as_of, chart_id)
    figure = f"<figure>{chart}<figcaption>{legend}</figcaption></figure>"
    comment = ""
    latest = item.latest_comment
    if latest is not None:
        by = f", {_e(latest.registered_by)}" if latest.registered_by else ""
        comment = (
            '<div class="kommentar">'
            f'<p class="vem"><strong>{_e(words.comment_title(latest, period))}</strong>, '
            f'<time datetime="{latest.date.isoformat()}">{_e(format_date_long(latest.date))}'
            f"</time>{by}</p>"
            f"<p>{_e(latest.text)}</p></div>"
        )
    return (
        f'<article class="lofte" id="{_anchor(item)}" aria-labelledby="{_anchor(item)}-rubrik">'
        f'<h3 id="{_anchor(item)}-rubrik"><span class="nr">{_e(item.number)}</span> '
        f"{_breakable(words.reader_title(item))}</h3>"
        f'<p class="loftestext">{_e(item.promise.text)}</p>'
        f'<div class="utfall"><dl>{facts}</dl>{figure}</div>'
        f"{comment}{_changes(changes)}</article>"
    )


def _summary_table(report: FollowUpReport) -> str:
    status = report.status
    head = (
        "<thead><tr>"
        + "".join(
            f'<th scope="col"{_class_attribute(c)}>{_e(c.header or "")}</th>'
            for c in REPORT_COLUMNS
        )
        + "</tr></thead>"
    )
    body = []
    for item in report.promises:
        body.append("<tr>" + "".join(_summary_cell(c, item) for c in REPORT_COLUMNS) + "</tr>")
    caption = f"Alla löften, läge per {_e(format_date_long(status.as_of))}"
    return f"<table><caption>{caption}</caption>{head}<tbody>{''.join(body)}</tbody></table>"


def _class_attribute(column: StatusColumn) -> str:
    """A column's CSS classes: its own, and `tal` for one aligned right."""
    classes = [column.html_class] if column.html_class else []
    if column.align is Align.RIGHT:
        classes.append("tal")
    return f' class="{" ".join(classes)}"' if classes else ""


def _summary_cell(column: StatusColumn, item: PromiseFollowUp) -> str:
    """A cell of the summary table: the promise numbered, named for readers and linked to its
    section; the status as a badge; every other column in its own words."""
    if column.key == "title":
        return (
            f'<th scope="row"><a href="#{_anchor(item)}"><span class="nr">{_e(item.number)}</span>'
            f" {_breakable(words.reader_title(item))}</a></th>"
        )
    if column.key == "status":
        return f"<td>{status_badge(item.result.status)}</td>"
    text = column.words(item.result, False, True) if column.words else ""
    return f"<td{_class_attribute(column)}>{_e(text)}</td>"


def _has_effects(report: FollowUpReport) -> bool:
    return any(area.situation or area.indicators for area in report.areas)


# The fragment's wrapper class: every rule of its style sheet is scoped under it.
FRAGMENT_CLASS = "lofte-rapport"
# Inside the fragment, what the host page's own rules set is taken back to the browser's
# defaults before lofte's rules apply (these win: they are more specific). SVG is left out:
# its drawing is in presentation attributes, which `all: revert` would undo.
FRAGMENT_RESET = (
    f".{FRAGMENT_CLASS} :where(:not(svg, svg *, style)) {{ all: revert; }}\n"
    f".{FRAGMENT_CLASS} {{ all: initial; display: block; text-align: left; }}\n"
)


_ID_ATTRIBUTES = re.compile(r'\b(id|aria-labelledby|aria-describedby)="([^"]*)"|href="#([^"]*)"')


def _prefixed_ids(body: str) -> str:
    """Every id (and every reference to one) with the fragment's prefix, so that the host
    page's own ids cannot collide with the report's. User text is escaped, so a quote in
    it is `&quot;` and never matches."""

    def prefix(match: re.Match[str]) -> str:
        if match.group(3) is not None:
            return f'href="#{FRAGMENT_CLASS}-{match.group(3)}"'
        ids = " ".join(f"{FRAGMENT_CLASS}-{i}" for i in match.group(2).split())
        return f'{match.group(1)}="{ids}"'

    return _ID_ATTRIBUTES.sub(prefix, body)


_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")
_HEADING_SELECTOR = re.compile(r"(?<![\w-])h([1-6])(?![\w-])")


def _shifted(level: int, top_level: int) -> int:
    return min(6, level + top_level - 1)


def _heading_levels(body: str, top_level: int) -> str:
    """The body's headings moved down so that its h1 becomes h`top_level` (at most h6). User
    text is escaped, so a `<h` in it is `&lt;h` and never matches."""
    if top_level == 1:
        return body
    return _HEADING_TAG.sub(
        lambda m: f"<{m.group(1)}h{_shifted(int(m.group(2)), top_level)}", body
    )


def _levels_css(css: str, top_level: int) -> str:
    """The style sheet's heading selectors moved with the headings (`h2 {…}` styles what was
    an h2, now an h3). Rule bodies hold no heading names, so the selectors are all that
    changes."""
    if top_level == 1:
        return css
    return _HEADING_SELECTOR.sub(lambda m: f"h{_shifted(int(m.group(1)), top_level)}", css)


def fragment_css(effects: bool = False) -> str:
    sheet = CSS + (INDICATOR_CSS if effects else "")
    return FRAGMENT_RESET + scope_css(sheet, "." + FRAGMENT_CLASS)


def render_report_html(
    report: FollowUpReport,
    *,
    fragment: bool = False,
    changes: Mapping[str, Sequence[PromiseChange]] | None = None,
    links: Sequence[tuple[str, str]] = (),
    left_out: int = 0,
    top_level: int = 2,
) -> str:
    """The report as a whole page; with `fragment`, only its body in one scoped element (no
    landmarks of its own: the host page has them), its title an h`top_level` and every other
    heading below it, so the host page keeps its one h1. `changes` maps a promise id to its
    changes in git; `links` (text, relative URL) are shown as the page's navigation."""
    changes = changes or {}
    warning = f'<p class="varning" role="alert">{_e(left_out_words(left_out))}</p>\n'
    status = report.status
    promise_set = status.promise_set
    period = promise_set.period
    facts = [
        ("Kommun", _e(promise_set.kommun)),
        ("Lokalpolisområde", _e(promise_set.police_area)),
        ("Period", _e(words.period_words(period))),
        ("Läge per", _e(words.as_of_words(status))),
    ]
    if promise_set.signed:
        facts.append(("Undertecknat", _e(format_date_long(promise_set.signed))))
    if promise_set.signatories:
        names = "".join(f"<li>{_e(n)}</li>" for n in promise_set.signatories)
        facts.append(("Undertecknare", f"<ul>{names}</ul>"))
    if promise_set.source:
        target = link_target(promise_set.source)
        shown = _e(promise_set.source)
        facts.append(("Källa", f'<a href="{_e(target)}">{shown}</a>' if target else shown))
    fact_list = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts if v)
    summary = "".join(
        f"<li>{status_badge(key)} {count}</li>" for key, count in words.summary_words(status)
    )
    areas = []
    for area in report.areas:
        responsible = (
            f'<p class="ansvar">Ansvar: {_e(words.responsible_words(area.responsible))}</p>'
            if area.responsible
            else ""
        )
        promises = "".join(
            _promise(item, promise_set, status.as_of, changes.get(fold_slug(item.promise.id), ()))
            for item in area.promises
        )
        situation = situation_html(area.situation)
        effects = area_indicators_html(area.indicators, period, area.number)
        areas.append(
            f'<section aria-labelledby="omrade-{area.number}">'
            f'<h2 id="omrade-{area.number}">{area.number}. {_breakable(area.name)}</h2>'
            f"{responsible}{situation}{promises}{effects}</section>"
        )
    as_of_long = _e(format_date_long(status.as_of))
    title = _e(words.title(report))
    nav = ""
    if links:
        items = "".join(f'<li><a href="{_e(href)}">{_e(text)}</a></li>' for text, href in links)
        nav = f'<nav aria-label="{_e(SITE_NAV_LABEL)}"><ul>{items}</ul></nav>'
    header, main, footer = ("div", "div", "div") if fragment else ("header", "main", "footer")
    body = (
        f'<{header} class="rubrik"><div class="sida">'
        f'<p class="overrubrik">{_e(promise_set.kommun)} och lokalpolisområde '
        f"{_e(promise_set.police_area)}</p>"
        f"<h1>{_e(words.TITLE)} {_e(period.name)}</h1>"
        f'<dl class="fakta">{fact_list}</dl>{nav}'
        f"</div></{header}>\n"
        f'<{main} class="sida huvud">\n'
        f"{warning if left_out else ''}"
        '<section aria-labelledby="sammanfattning">'
        '<h2 id="sammanfattning">Sammanfattning</h2>'
        f'<ul class="summering" aria-label="Antal löften per status">{summary}</ul>'
        f"{_summary_table(report)}</section>\n" + "\n".join(areas) + f"\n</{main}>\n"
        f'<{footer} class="sida fot">'
        f"<p>{_e(words.FOOTER_RULES)}</p>"
        f"<p>Statusord: {' · '.join(status_badge(s) for s in STATUS_LABELS)}</p>"
        f'<p class="kalla">Källa: löftena i {_e(promise_set.path)} och aktivitetsloggen '
        f"{_e(promise_set.log_path)}, läget per {as_of_long}.</p>"
        f"</{footer}>\n"
    )
    with_effects = _has_effects(report)
    warning_css = WARNING_CSS if left_out else ""
    if fragment:
        scoped_warning = scope_css(warning_css, f".{FRAGMENT_CLASS}") if left_out else ""
        return (
            f'<div class="{FRAGMENT_CLASS}" lang="sv">\n'
            f"<style>\n{_levels_css(fragment_css(with_effects), top_level)}{scoped_warning}"
            "</style>\n"
            f"{_prefixed_ids(_heading_levels(body, top_level))}</div>\n"
        )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}, läge per {as_of_long}</title>\n"
        f"<style>{CSS}{INDICATOR_CSS if with_effects else ''}{warning_css}</style>\n"
        f"</head>\n<body>\n{body}"
        "</body>\n</html>\n"
    )
