"""Renderers: the status report as plain data (JSON, CSV, Markdown), no terminal libraries.

`report_to_dict` is the stable JSON of CONTRACT §4; the other views are built from the same
report so every format says the same thing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from medborgarlofte.core.svformat import (
    format_date_long,
    format_decimal_trimmed,
    format_number,
    rate_label,
    target_in_words,
)
from medborgarlofte.core.texts import STATUS_LABELS, STATUS_SYMBOLS, UNIT_PLURALS
from medborgarlofte.judge.evaluate import PromiseResult, StatusReport

if TYPE_CHECKING:
    from medborgarlofte.load.comments import Comment

# Per promise id, its comments (oldest first), as comments.comments_by_promise gives them.
CommentsById = Mapping[str, Sequence["Comment"]]


def _round(value: Fraction | None, places: int = 2) -> float | None:
    return None if value is None else round(float(value), places)


def result_to_dict(result: PromiseResult) -> dict[str, Any]:
    promise = result.promise
    target = promise.target
    data: dict[str, Any] = {
        "id": promise.id,
        "area": promise.area,
        "text": promise.text,
        "responsible": list(promise.responsible),
        "target": target.minimum,
        "per": target.per,
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


def report_to_dict(report: StatusReport, comments: CommentsById | None = None) -> dict[str, Any]:
    """The stable JSON; with `comments`, each promise carries its `comments` list."""
    promise_set = report.promise_set
    period = promise_set.period
    return {
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
    }


def render_json(reports: list[StatusReport], comments: Sequence[CommentsById] | None = None) -> str:
    """One report as an object; several (one per kommun) as a list of them. `comments`, when
    given, holds one mapping per report, in the same order."""
    dicts = [report_to_dict(r, comments[i] if comments else None) for i, r in enumerate(reports)]
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


def target_words(result: PromiseResult) -> str:
    target = result.promise.target
    return target_in_words(target.minimum, target.per, target.average, target.ongoing)


def done_words(result: PromiseResult) -> str:
    text = format_number(result.done)
    if result.rate is not None:
        text += f" ({rate_label(float(result.rate), result.promise.target.per)})"
    return text


def expected_words(result: PromiseResult) -> str:
    if result.expected is None:
        return "–"
    return format_decimal_trimmed(float(result.expected), 2)


def status_words(status: str) -> str:
    return f"{STATUS_SYMBOLS[status]} {STATUS_LABELS[status]}"


def year_rows(result: PromiseResult) -> list[tuple[list[str], str]]:
    """The years of a multi-year per-unit promise as rows under it, in the table's columns
    (`  2020`, "", done with units met, expected, status), each with its status key.

    None until a second year has begun: the first year alone says what the promise's row says.
    """
    years = result.years or ()
    if len(years) < 2:
        return []
    rows: list[tuple[list[str], str]] = []
    per = result.promise.target.per
    for year in years:
        done = format_number(year.done)
        if year.units is not None and per != "år":
            done += f" ({year.units_met} av {year.units} {UNIT_PLURALS[per]})"
        expected = format_decimal_trimmed(float(year.expected), 2)
        cells = [f"  {year.year}", "", done, expected, status_words(year.status)]
        rows.append((cells, year.status))
    return rows


def summary_line(report: StatusReport) -> str:
    parts = [f"{STATUS_LABELS[status]} {count}" for status, count in report.summary.items()]
    return f"Sammanfattning, {len(report.results)} löften: " + " · ".join(parts)


def areas(report: StatusReport) -> list[tuple[str, list[PromiseResult]]]:
    grouped: dict[str, list[PromiseResult]] = {}
    for result in report.results:
        grouped.setdefault(result.promise.area, []).append(result)
    return list(grouped.items())


COLUMNS = ("Löfte", "Mål", "Utfört", "Förväntat hittills", "Status")


def _row(result: PromiseResult) -> list[str]:
    return [
        result.promise.id,
        target_words(result),
        done_words(result),
        expected_words(result),
        status_words(result.status),
    ]


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(reports: list[StatusReport]) -> str:
    out: list[str] = []
    for report in reports:
        title, sub = heading_lines(report)
        out += [f"# {title}", "", sub, ""]
        for area, results in areas(report):
            out += [f"## {_md_cell(area)}", ""]
            out.append("| " + " | ".join(COLUMNS) + " |")
            out.append("|" + "|".join(["---", "---", "--:", "--:", "---"]) + "|")
            for result in results:
                for cells in (_row(result), *(cells for cells, _ in year_rows(result))):
                    out.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
            out.append("")
        out += [summary_line(report), ""]
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
            writer.writerow([spreadsheet_safe(c) for c in cells])
    return buffer.getvalue()
