"""Renderers: the status report as plain data (JSON, CSV, Markdown), no terminal libraries.

`report_to_dict` is the stable JSON of docs/format.md §5; the other views are built from the same
report so every format says the same thing.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from medborgarlofte.core.safe_text import markdown, visible
from medborgarlofte.core.svformat import (
    format_date_long,
    format_number,
    rate_label,
    target_in_short_words,
    target_in_words,
    unit_list_words,
    unit_name,
)
from medborgarlofte.core.texts import (
    STATUS_LABELS,
    STATUS_SYMBOLS,
    UNIT_DONE,
    no_whole_unit_yet,
    units_noun,
)
from medborgarlofte.judge.evaluate import PromiseResult, StatusReport

if TYPE_CHECKING:
    from medborgarlofte.judge.indicators import IndicatorResult
    from medborgarlofte.load.comments import Comment

# The open-data format's version (schema/status.schema.json). Adding a key keeps it; renaming,
# removing or changing the meaning of one raises it.
FORMAT_VERSION = 1

# Per promise id, its comments (oldest first), as comments.comments_by_promise gives them.
CommentsById = Mapping[str, Sequence["Comment"]]


def _round(value: Fraction | None, places: int = 2) -> float | None:
    return None if value is None else round(float(value), places)


def result_to_dict(result: PromiseResult) -> dict[str, Any]:
    promise = result.promise
    target = promise.target
    data: dict[str, Any] = {
        "id": promise.id,
        "title": promise.label,
        "area": promise.area,
        "text": promise.text,
        "responsible": list(promise.responsible),
        "target": target.minimum,
        "per": target.per_written,
        "average": target.average,
        "ongoing": target.ongoing,
        "types": list(target.types),
        "done": result.done,
        "expected": _round(result.expected),
        "status": result.status,
        "last_activity": result.last_activity.isoformat() if result.last_activity else None,
    }
    if result.rate is not None:
        data["rate"] = _round(result.rate)
    if result.units is not None:
        data["units"] = [
            {
                "start": u.start.isoformat(),
                "end": u.end.isoformat(),
                "done": u.done,
                "need": u.need,
                "met": u.met,
            }
            for u in result.units
        ]
    if result.years is not None:
        data["years"] = [
            {
                "year": y.year,
                "start": y.start.isoformat(),
                "end": y.end.isoformat(),
                "done": y.done,
                "expected": _round(y.expected),
                "status": y.status,
                **({} if y.units is None else {"units_met": y.units_met, "units": y.units}),
            }
            for y in result.years
        ]
    return data


def comments_to_list(comments: Sequence[Comment]) -> list[dict[str, str]]:
    return [{"date": c.date.isoformat(), "text": c.text, "by": c.registered_by} for c in comments]


def report_to_dict(
    report: StatusReport,
    comments: CommentsById | None = None,
    indicators: Sequence[IndicatorResult] = (),
) -> dict[str, Any]:
    """The stable JSON; with `comments`, each promise carries its `comments` list."""
    from medborgarlofte.render.indicator_data import indicators_to_list

    promise_set = report.promise_set
    period = promise_set.period
    return {
        "format_version": FORMAT_VERSION,
        "kommun": promise_set.kommun,
        "police_area": promise_set.police_area,
        "period": {
            "name": period.name,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "as_of": report.as_of.isoformat(),
        "day": report.day_number,
        "days": report.period_days,
        "promises": [
            result_to_dict(r)
            if comments is None
            else {**result_to_dict(r), "comments": comments_to_list(comments.get(r.promise.id, ()))}
            for r in report.results
        ],
        "summary": dict(report.summary),
        "indicators": indicators_to_list(indicators),
    }


def render_json(
    reports: list[StatusReport],
    comments: Sequence[CommentsById] | None = None,
    indicators: Sequence[Sequence[IndicatorResult]] | None = None,
) -> str:
    """One report as an object; several (one per kommun) as a list of them. `comments` and
    `indicators`, when given, hold one entry per report, in the same order."""
    dicts = [
        report_to_dict(r, comments[i] if comments else None, indicators[i] if indicators else ())
        for i, r in enumerate(reports)
    ]
    data: Any = dicts[0] if len(dicts) == 1 else dicts
    import json  # here: the table, which every `lofte status` prints, does not need it

    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- words shared by the human-readable views -------------------------------------------


def heading_lines(report: StatusReport) -> tuple[str, str]:
    promise_set = report.promise_set
    period = promise_set.period
    title = f"Medborgarlöften {period.name} – {promise_set.kommun}"
    if promise_set.police_area:
        title += f" och lokalpolisområde {promise_set.police_area}"
    sub = (
        f"Period {period.start.isoformat()}–{period.end.isoformat()} · "
        f"läge per {format_date_long(report.as_of)} · "
        f"dag {report.day_number} av {report.period_days}"
    )
    return title, sub


def label(result: PromiseResult) -> str:
    """What a reader sees the promise called: its rubrik, else its id."""
    return result.promise.label


def target_words(result: PromiseResult, short: bool = False) -> str:
    target = result.promise.target
    if short:
        return target_in_short_words(
            target.minimum, target.per, target.average, target.ongoing, target.block
        )
    return target_in_words(
        target.minimum, target.per, target.average, target.ongoing, target.exempt, target.block
    )


def _several_years(result: PromiseResult) -> bool:
    units = result.units or ()
    return bool(units) and units[0].start.year != units[-1].end.year


def units_met_words(result: PromiseResult, short: bool = False) -> str:
    """Every-unit targets: the completed units met of those completed, "10 av 12 månader"."""
    target = result.promise.target
    judged = result.judged_units
    if not judged:
        done_now = current_unit_done_words(result)
        if done_now:
            return done_now
        return "–" if short else no_whole_unit_yet(target.per, target.block)
    met = len(judged) - len(result.missed_units)
    noun = units_noun(target.per, len(judged), target.block)
    return f"{met} av {len(judged)}" + ("" if short else f" {noun}")


def current_unit_done_words(result: PromiseResult) -> str:
    """ "januari klar": the unit under way has already reached its need (empty otherwise),
    so a visit logged in January is seen before January is over."""
    units = result.units or ()
    if not units or units[-1].complete or not units[-1].met or units[-1].need == 0:
        return ""
    current, target = units[-1], result.promise.target
    name = unit_name(
        current.start,
        current.end,
        target.per,
        with_year=_several_years(result),
        block=target.block,
    )
    return UNIT_DONE.format(name=name)


def missed_words(result: PromiseResult, limit: int = 0) -> str:
    """Every-unit targets: the completed units that fell short, "missade: mars, juli"."""
    missed = result.missed_units
    if not missed:
        return ""
    spans = [(u.start, u.end) for u in missed]
    target = result.promise.target
    return "missade: " + unit_list_words(
        spans, target.per, with_year=_several_years(result), limit=limit, block=target.block
    )


def done_words(result: PromiseResult, short: bool = False, rate: bool = True) -> str:
    if result.units is not None:
        return units_met_words(result, short)
    text = format_number(result.done)
    if result.rate is not None and rate and not short:
        target = result.promise.target
        text += f" ({rate_label(float(result.rate), target.per, target.block)})"
    return text


def required_so_far(result: PromiseResult) -> int | None:
    """The count the status is judged against (docs/bedomning.md §3), as a whole number: the
    target's
    pace rounded down while the period runs (2,99 → 2), and at the end of an on-average
    target what the whole period needs, rounded up (done is a whole number). None when
    nothing is counted: ongoing work, before the start, every-unit targets."""
    if result.expected is None or result.status == "not_started" or result.units is not None:
        return None
    if result.ended and result.promise.target.average:
        return math.ceil(result.expected)
    return math.floor(result.expected)


def expected_words(result: PromiseResult, short: bool = False) -> str:
    """ "Krävs hittills": `minst 2` (the whole number the status is judged by), `alla 12`
    for every-unit targets (every completed unit must reach its need), `–` otherwise."""
    if result.units is not None:
        judged = len(result.judged_units)
        if not judged:
            return "–"
        return str(judged) if short else f"alla {judged}"
    required = required_so_far(result)
    if required is None:
        return "–"
    return format_number(required) if short else f"minst {format_number(required)}"


def status_words(status: str) -> str:
    return f"{STATUS_SYMBOLS[status]} {STATUS_LABELS[status]}"


def year_rows(result: PromiseResult, short: bool = False) -> list[tuple[list[str], str]]:
    """The years of a multi-year per-unit promise as rows under it, in the table's columns
    (`  2020`, "", done with units met, required, status), each with its status key.

    None until a second year has begun: the first year alone says what the promise's row says.
    """
    years = result.years or ()
    if len(years) < 2:
        return []
    rows: list[tuple[list[str], str]] = []
    target = result.promise.target
    for year in years:
        # Every-unit targets: the year's completed units, as the promise's row counts them.
        mine = [u for u in result.judged_units if u.year == year.year]
        if year.units is not None and not mine:
            done, expected = format_number(year.done), "–"
        elif year.units is not None:
            met = sum(1 for u in mine if u.met)
            noun = units_noun(target.per, len(mine), target.block)
            done = f"{met} av {len(mine)}" + ("" if short else f" {noun}")
            expected = str(len(mine)) if short else f"alla {len(mine)}"
        else:
            done = format_number(year.done)
            whole = math.ceil(year.expected) if year.over else math.floor(year.expected)
            expected = format_number(whole) if short else f"minst {format_number(whole)}"
        cells = [f"  {year.year}", "", done, expected, status_words(year.status)]
        rows.append((cells, year.status))
    return rows


def summary_parts(report: StatusReport) -> list[str]:
    """The summary line's parts, the first carrying its lead-in, to wrap between parts."""
    parts = [f"{STATUS_LABELS[status]} {count}" for status, count in report.summary.items()]
    parts[0] = f"Sammanfattning, {len(report.results)} löften: {parts[0]}"
    return parts


def wrap_parts(parts: list[str], width: int) -> list[str]:
    """`a · b · c` wrapped between parts, never inside one ("Ej påbörjat 0" stays whole)."""
    lines: list[str] = []
    for part in parts:
        if lines and len(lines[-1]) + 3 + len(part) <= width:
            lines[-1] += " · " + part
        else:
            lines.append(part)
    return lines


def summary_line(report: StatusReport) -> str:
    return " · ".join(summary_parts(report))


def areas(report: StatusReport) -> list[tuple[str, list[PromiseResult]]]:
    grouped: dict[str, list[PromiseResult]] = {}
    for result in report.results:
        grouped.setdefault(result.promise.area, []).append(result)
    return list(grouped.items())


COLUMNS = ("Löfte", "Mål", "Utfört", "Krävs hittills", "Status")
SHORT_COLUMNS = ("Löfte", "Mål", "Utfört", "Krävs", "Status")


def row_cells(result: PromiseResult, short: bool = False, rate: bool = True) -> list[str]:
    return [
        label(result),
        target_words(result, short),
        done_words(result, short, rate),
        expected_words(result, short),
        status_words(result.status),
    ]


def _row(result: PromiseResult) -> list[str]:
    cells = row_cells(result)
    missed = missed_words(result)
    if missed:
        cells[-1] += f" ({missed})"
    return cells


def render_markdown(
    reports: list[StatusReport],
    indicators: Sequence[Sequence[IndicatorResult]] | None = None,
) -> str:
    from medborgarlofte.render.indicator_data import (
        INDICATOR_COLUMNS,
        indicator_row,
        summary_words,
        with_indicators,
    )

    out: list[str] = []
    for index, report in enumerate(reports):
        own = indicators[index] if indicators else ()
        title, sub = heading_lines(report)
        out += [f"# {markdown(title)}", "", sub, ""]
        for area, results, found in with_indicators(areas(report), own):
            out += [f"## {markdown(area)}", ""]
            if results:
                out.append("| " + " | ".join(COLUMNS) + " |")
                out.append("|" + "|".join(["---", "---", "--:", "--:", "---"]) + "|")
            for result in results:
                for cells in (_row(result), *(cells for cells, _ in year_rows(result))):
                    out.append("| " + " | ".join(markdown(c) for c in cells) + " |")
            if results:
                out.append("")
            if found:
                out.append("| " + " | ".join(INDICATOR_COLUMNS) + " |")
                out.append("|" + "|".join(["---", "--:", "--:", "--:", "--:", "---"]) + "|")
                for item in found:
                    name, *numbers = indicator_row(item)  # only the name is a file's text
                    cells = [markdown(name), *(c.replace("|", "\\|") for c in numbers)]
                    out.append("| " + " | ".join(cells) + " |")
                out.append("")
        out += [summary_line(report), ""]
        if own:
            out += [summary_words(own), ""]
    return "\n".join(out)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """Neutralise a cell Excel would run as a formula by leading it with an apostrophe."""
    return "'" + text if text.startswith(_FORMULA_START) else text


CSV_HEADER = (
    "kommun",
    "period",
    "per_datum",
    "område",
    "id",
    "löfte",
    "mål",
    "utfört",
    "förväntat",
    "status",
    "senaste_aktivitet",
)


def render_csv(reports: list[StatusReport]) -> str:
    """Semicolon-separated with decimal comma, for Excel with Swedish settings (the caller
    writes a UTF-8 BOM so Excel picks the right encoding)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for report in reports:
        for result in report.results:
            cells = [
                report.promise_set.kommun,
                report.promise_set.period.name,
                report.as_of.isoformat(),
                result.promise.area,
                result.promise.id,
                result.promise.text,
                target_words(result),
                str(result.done),
                "" if result.expected is None else format_number(float(result.expected), 2),
                STATUS_LABELS[result.status],
                result.last_activity.isoformat() if result.last_activity else "",
            ]
            writer.writerow([spreadsheet_safe(visible(c)) for c in cells])
    return buffer.getvalue()
