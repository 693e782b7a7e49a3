"""Renderers: one promise in detail for the terminal (facts, a bar chart per unit against
the target line, the rows that counted and those that did not, with why)."""

from __future__ import annotations

import textwrap
from fractions import Fraction

from rich import box
from rich.console import Console
from rich.text import Text

from medborgarlofte.core.svformat import (
    format_date_long,
    format_decimal_trimmed,
    per_words,
    rate_label,
    unit_label,
)
from medborgarlofte.core.texts import REASON_TEXTS, block_noun
from medborgarlofte.judge.detail import PromiseDetail, RowOutcome, UnitBar
from medborgarlofte.render.fit_table import Column, print_facts, print_fitted
from medborgarlofte.render.status_table import STATUS_STYLES
from medborgarlofte.render.status_words import (
    expected_words,
    missed_words,
    status_words,
    target_words,
    units_met_words,
)

BAR_WIDTH = 40
UNIT_DEFINITE = {
    "dygn": "dygnet",
    "vecka": "veckan",
    "månad": "månaden",
    "kvartal": "kvartalet",
    "tertial": "tertialet",
    "halvår": "halvåret",
    "år": "året",
}


def _number(value: Fraction | int) -> str:
    return format_decimal_trimmed(float(value), 2)


def filter_words(detail: PromiseDetail) -> str:
    target = detail.promise.target
    parts = []
    if target.participants:
        parts.append("med " + detail.promise_set.participant_words(target.participants))
    if target.tags:
        parts.append("med taggen " + " eller ".join(target.tags))
    return "räknas bara " + " och ".join(parts) if parts else ""


def reason_words(detail: PromiseDetail, outcome: RowOutcome) -> str:
    reason = outcome.reason or ""
    period = detail.promise_set.period
    target = detail.promise.target
    problem = outcome.row.problem
    return REASON_TEXTS[reason].format(
        participants=detail.promise_set.participant_words(target.participants),
        tags=" eller ".join(target.tags),
        as_of=format_date_long(detail.as_of),
        start=period.start.isoformat(),
        end=period.end.isoformat(),
        today=_today_of(problem.message) if problem else "",
        message=problem.message if problem else "",
        struck_reason=_struck_words(outcome),
    )


def _struck_words(outcome: RowOutcome) -> str:
    struck = outcome.row.struck
    if struck is None:
        return ""
    who = f" ({struck.registered_by})" if struck.registered_by else ""
    return f"{struck.reason}{who}"


def _today_of(message: str) -> str:
    # E023 says "(idag är ÅÅÅÅ-MM-DD)"; show the same date.
    marker = "idag är "
    return message[message.find(marker) + len(marker) :][:10] if marker in message else ""


def bar_cells(bar: UnitBar, scale: float, cumulative: bool, bar_width: int = BAR_WIDTH) -> str:
    value = bar.cumulative if cumulative else bar.done
    filled = round(value / scale * bar_width) if scale else 0
    if value and not filled:
        filled = 1
    cells = ["█"] * filled + [" "] * (bar_width + 1 - filled)
    if bar.line is not None:
        mark = min(bar_width, round(float(bar.line) / scale * bar_width)) if scale else 0
        cells[mark] = "│"
    return "".join(cells)


def chart_lines(detail: PromiseDetail, width: int = 100) -> list[str]:
    """The bars, `width` columns wide at most (the bars shrink to fit, down to four cells)."""
    if not detail.bars:
        return ["Inget att visa före periodens början."]
    values = [b.cumulative if detail.cumulative else b.done for b in detail.bars]
    lines_at = [float(b.line) for b in detail.bars if b.line is not None]
    scale = float(max([*values, *lines_at, 1]))
    with_year = detail.promise_set.period.start.year != detail.promise_set.period.end.year
    labels = [
        unit_label(b.start, b.end, detail.unit, with_year=with_year, block=detail.block)
        for b in detail.bars
    ]
    label_width = max(len(label) for label in labels)
    word = "takt" if detail.cumulative else "mål"
    notes = [f"  {word} {_number(b.line)}" if b.line is not None else "" for b in detail.bars]
    missed = [b.met is False and b.end <= detail.as_of for b in detail.bars]
    # label, bar, count and "  takt 156,43  ✘ under målet" beside it; on a narrow terminal
    # the bars shrink first, then "under målet" goes (the ✘ stays: never colour alone).
    for miss in ("  ✘ under målet", "  ✘"):
        beside = max(len(n) + (len(miss) if m else 0) for n, m in zip(notes, missed, strict=True))
        bar_width = min(BAR_WIDTH, width - label_width - 7 - beside)
        if bar_width >= 10:
            break
    bar_width = max(4, bar_width)
    unit = per_words(detail.unit, detail.block)
    definite = (
        block_noun(detail.unit, detail.block, definite=True)
        if detail.block > 1
        else UNIT_DEFINITE.get(unit, "")
    )
    if detail.cumulative:
        title = f"Utfört hittills per {unit} mot målets takt (│ = takt för att nå målet)"
    elif detail.bars[0].line is None:
        title = f"Utfört per {unit}"
    else:
        title = f"Utfört per {unit} mot målet (│ = mål för {definite})"
    out = textwrap.wrap(title, max(20, width), break_on_hyphens=False)
    for bar, label, value, note, short in zip(
        detail.bars, labels, values, notes, missed, strict=True
    ):
        cells = bar_cells(bar, scale, detail.cumulative, bar_width)
        text = f"{label:<{label_width}} {cells} {value:>4}{note}"
        if short:
            text += miss
        out.append(text.rstrip())
    return out


def _row_columns(
    detail: PromiseDetail, outcomes: tuple[RowOutcome, ...]
) -> tuple[list[Column], list[list[str]]]:
    """The rows' columns and their cells."""
    target = detail.promise.target
    with_type = len(target.types) > 1
    with_tags = bool(target.tags)
    with_reason = any(o.reason for o in outcomes)
    columns = [Column("Datum", False)]
    if with_type:
        columns.append(Column("Typ", True))
    columns += [Column("Antal", False, True), Column("Plats", True), Column("Deltagare", True)]
    if with_tags:
        columns.append(Column("Taggar", True))
    if with_reason:
        columns.append(Column("Varför den inte räknas", True))
    columns += [Column("Registrerad av", True), Column("Rad", False, True)]
    rows = []
    for outcome in outcomes:
        cells = outcome.row.cells
        values = [cells.get("datum", "").strip()]
        if with_type:
            values.append(cells.get("typ", "").strip())
        values += [
            cells.get("antal", "").strip() or "1",
            cells.get("plats", "").strip(),
            cells.get("deltagare", "").replace(";", ", ").strip(),
        ]
        if with_tags:
            values.append(cells.get("taggar", "").replace(";", ", ").strip())
        if with_reason:
            values.append(reason_words(detail, outcome))
        values.append(cells.get("registrerad_av", "").strip())
        values.append(str(outcome.row.line))
        rows.append(values)
    return columns, rows


def _print_rows(
    console: Console, detail: PromiseDetail, outcomes: tuple[RowOutcome, ...], title: str
) -> None:
    """The rows as a table when it fits the terminal with every column whole and no word
    broken; else one block per row, its row number first (what a correction asks for)."""
    columns, rows = _row_columns(detail, outcomes)
    print_fitted(
        console,
        title,
        columns,
        rows,
        lambda row: f"Rad {row['Rad']} · {row['Datum']} · antal {row['Antal']}",
        ("Rad", "Datum", "Antal"),
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )


def print_detail(console: Console, detail: PromiseDetail) -> None:
    promise_set = detail.promise_set
    result = detail.result
    promise = detail.promise
    console.print(
        Text(f"Löfte: {promise.label} – {promise.area}", style="bold"),
    )
    console.print(
        f"Medborgarlöften {promise_set.period.name}, {promise_set.kommun} · "
        f"läge per {format_date_long(detail.as_of)} · id {promise.id}"
    )
    console.print()
    console.print(promise.text)
    console.print()
    target = target_words(result)
    extra = filter_words(detail)
    facts: list[tuple[str, str | Text]] = [
        ("Mål", f"{target} ({extra})" if extra else target),
        ("Utfört", str(result.done)),
        ("Krävs hittills", expected_words(result)),
    ]
    if result.units is not None:
        facts[1] = ("Utfört", f"{units_met_words(result)} ({result.done} insatser)")
        missed = missed_words(result)
        if missed:
            facts.append(("Missade", missed.removeprefix("missade: ")))
    if detail.rate is not None:
        facts.append(("Takt", rate_label(float(detail.rate), detail.unit, detail.block)))
    facts.append(("Status", Text(status_words(result.status), style=STATUS_STYLES[result.status])))
    if result.last_activity:
        facts.append(("Senaste insats", format_date_long(result.last_activity)))
    print_facts(console, facts)
    console.print()
    for line in chart_lines(detail, console.width):
        console.print(line, overflow="ignore", crop=False)
    console.print()
    if detail.counted:
        _print_rows(
            console,
            detail,
            detail.counted,
            f"Rader som räknas ({len(detail.counted)}) i {detail.promise_set.log_path}",
        )
    else:
        console.print(f"Inga rader i {detail.promise_set.log_path} räknas mot löftet.")
    if detail.not_counted:
        console.print()
        _print_rows(
            console,
            detail,
            detail.not_counted,
            f"Rader av samma typ som inte räknas ({len(detail.not_counted)})"
            f" i {detail.promise_set.log_path}",
        )
    if detail.comments:
        console.print()
        console.print(Text(f"Kommentarer ({len(detail.comments)})", style="bold"))
        for comment in detail.comments:
            by = f" ({comment.registered_by})" if comment.registered_by else ""
            console.print(f"{comment.date.isoformat()}{by}: {comment.text}")
