"""Renderers: one promise in detail for the terminal (facts, a bar chart per unit against
the target line, the rows that counted and those that did not, with why)."""

from __future__ import annotations

from fractions import Fraction

from rich import box
from rich.console import Console
from rich.table import Table
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
        parts.append("med " + " eller ".join(target.participants))
    if target.tags:
        parts.append("med taggen " + " eller ".join(target.tags))
    return "räknas bara " + " och ".join(parts) if parts else ""


def reason_words(detail: PromiseDetail, outcome: RowOutcome) -> str:
    reason = outcome.reason or ""
    period = detail.promise_set.period
    target = detail.promise.target
    problem = outcome.row.problem
    return REASON_TEXTS[reason].format(
        participants=" eller ".join(target.participants),
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
    """The bars, `width` columns wide at most (the bars shrink to fit, down to ten cells)."""
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
    # label, bar, count and "  takt 156,43  ✘ under målet" beside it
    bar_width = max(10, min(BAR_WIDTH, width - label_width - 32))
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
    out = [title]
    for bar, label, value in zip(detail.bars, labels, values, strict=True):
        cells = bar_cells(bar, scale, detail.cumulative, bar_width)
        text = f"{label:<{label_width}} {cells} {value:>4}"
        if bar.line is not None:
            word = "takt" if detail.cumulative else "mål"
            text += f"  {word} {_number(bar.line)}"
        if bar.met is False and bar.end <= detail.as_of:
            text += "  ✘ under målet"
        out.append(text.rstrip())
    return out


def _rows_table(detail: PromiseDetail, outcomes: tuple[RowOutcome, ...], title: str) -> Table:
    table = Table(
        title=title,
        title_justify="left",
        title_style="bold",
        expand=False,
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    target = detail.promise.target
    with_type = len(target.types) > 1
    with_tags = bool(target.tags)
    with_reason = any(o.reason for o in outcomes)
    table.add_column("Datum", no_wrap=True)
    if with_type:
        table.add_column("Typ")
    table.add_column("Antal", justify="right")
    table.add_column("Plats")
    table.add_column("Deltagare")
    if with_tags:
        table.add_column("Taggar")
    if with_reason:
        table.add_column("Varför den inte räknas", min_width=24)
    table.add_column("Registrerad av")
    table.add_column("Rad", justify="right", no_wrap=True)
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
        table.add_row(*values)
    return table


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
    for label, value in facts:
        console.print(Text.assemble((f"{label:<20}", "bold"), value))
    console.print()
    for line in chart_lines(detail, console.width):
        console.print(line, overflow="ignore", crop=False)
    console.print()
    if detail.counted:
        console.print(
            _rows_table(
                detail,
                detail.counted,
                f"Rader som räknas ({len(detail.counted)}) i {detail.promise_set.log_path}",
            )
        )
    else:
        console.print(f"Inga rader i {detail.promise_set.log_path} räknas mot löftet.")
    if detail.not_counted:
        console.print()
        console.print(
            _rows_table(
                detail,
                detail.not_counted,
                f"Rader av samma typ som inte räknas ({len(detail.not_counted)})"
                f" i {detail.promise_set.log_path}",
            )
        )
    if detail.comments:
        console.print()
        console.print(Text(f"Kommentarer ({len(detail.comments)})", style="bold"))
        for comment in detail.comments:
            by = f" ({comment.registered_by})" if comment.registered_by else ""
            console.print(f"{comment.date.isoformat()}{by}: {comment.text}")
