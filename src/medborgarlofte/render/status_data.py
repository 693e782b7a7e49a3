"""Renderers: the status report as plain data (JSON, CSV, Markdown), no terminal libraries.

`report_to_dict` is the stable JSON of docs/format.md §5; the other views are built from the same
report so every format says the same thing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from medborgarlofte.core.safe_text import markdown, visible
from medborgarlofte.core.svformat import format_date_long, format_number
from medborgarlofte.core.texts import STATUS_LABELS, units_noun
from medborgarlofte.judge.evaluate import PromiseResult, StatusReport
from medborgarlofte.judge.required import required_count
from medborgarlofte.render.status_columns import (
    COLUMNS,
    STATUS_COLUMNS,
    TABLE_COLUMNS,
    markdown_rule,
    rounded,
    table_cells,
)
from medborgarlofte.render.status_words import (
    missed_words,
    status_words,
)

if TYPE_CHECKING:
    from medborgarlofte.judge.indicators import IndicatorResult
    from medborgarlofte.load.comments import Comment

# The open-data format's version (schema/status.schema.json). Adding a key keeps it; renaming,
# removing or changing the meaning of one raises it.
FORMAT_VERSION = 1

# Per promise id, its comments (oldest first), as comments.comments_by_promise gives them.
CommentsById = Mapping[str, Sequence["Comment"]]


def result_to_dict(result: PromiseResult) -> dict[str, Any]:
    """A promise's JSON: each column's keys (STATUS_COLUMNS, in order), then the details."""
    data: dict[str, Any] = {c.key: c.value(result) for c in STATUS_COLUMNS if c.in_json}
    if result.rate is not None:
        data["rate"] = rounded(result.rate)
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
                "expected": rounded(y.expected),
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
            whole = required_count(year.expected, year.over)
            expected = format_number(whole) if short else f"minst {format_number(whole)}"
        cells = table_cells(
            {
                "title": f"  {year.year}",
                "done": done,
                "expected": expected,
                "status": status_words(year.status),
            }
        )
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


def row_cells(result: PromiseResult, short: bool = False, rate: bool = True) -> list[str]:
    return [c.words(result, short, rate) for c in TABLE_COLUMNS if c.words is not None]


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
                out.append(markdown_rule(TABLE_COLUMNS))
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


# Where a row belongs (kommun, period, as-of date, område), then the status columns.
CSV_HEADER = (
    "kommun",
    "period",
    "per_datum",
    "område",
    *(c.csv for c in STATUS_COLUMNS if c.csv is not None),
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
                *(c.csv_cell(result) for c in STATUS_COLUMNS if c.csv_cell is not None),
            ]
            writer.writerow([spreadsheet_safe(visible(c)) for c in cells])
    return buffer.getvalue()
