"""Renderers: the repo overview (`lofte oversikt`) as JSON and as a Rich table."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.segment import Segment, Segments
from rich.table import Table
from rich.text import Text

from medborgarlofte.core.svformat import format_date_long
from medborgarlofte.core.texts import STATUS_LABELS, STATUS_SYMBOLS, TREND_LABELS
from medborgarlofte.judge.evaluate import STATUSES
from medborgarlofte.judge.overview import Overview, OverviewRow
from medborgarlofte.render.status_data import wrap_parts


def _row_to_dict(row: OverviewRow) -> dict[str, Any]:
    return {
        "kommun": row.kommun,
        "kommun_key": row.kommun_key,
        "police_area": row.police_area,
        "file": row.path,
        "period": {
            "name": row.period.name,
            "start": row.period.start.isoformat(),
            "end": row.period.end.isoformat(),
        },
        "promises": row.promises,
        "summary": dict(row.summary),
        "indicators": dict(row.indicators),
    }


def overview_to_dict(overview: Overview) -> dict[str, Any]:
    return {
        "as_of": overview.as_of.isoformat(),
        "rows": [_row_to_dict(row) for row in overview.rows],
        "promises": overview.promises,
        "totals": overview.totals,
        "indicator_totals": overview.indicator_totals,
        "unreadable": list(overview.unreadable),
    }


def render_json(overview: Overview) -> str:
    return json.dumps(overview_to_dict(overview), ensure_ascii=False, indent=2) + "\n"


def heading(overview: Overview) -> str:
    areas = sorted({row.police_area for row in overview.rows if row.police_area})
    title = "Översikt medborgarlöften"
    if areas:
        title += " – lokalpolisområde " + ", ".join(areas)
    return title


def _fits(headers: list[str], rows: list[list[str]], width: int) -> bool:
    sizes = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    return sum(size + 2 for size in sizes) + len(sizes) - 1 <= width


def print_overview(console: Console, overview: Overview) -> None:
    _print_statuses(console, overview)
    _print_effects(console, overview)


def _print_statuses(console: Console, overview: Overview) -> None:
    """A table with the status words as headers; narrower, their symbols with a legend
    under the table; narrower still, one block per kommun and period."""
    width = console.width
    console.print(Text(heading(overview), style="bold"))
    console.print(f"Läge per {format_date_long(overview.as_of)}")
    console.print()
    rows = [
        [row.kommun, row.period.name, str(row.promises), *(str(row.summary[s]) for s in STATUSES)]
        for row in overview.rows
    ]
    totals = ["Totalt", "", str(overview.promises), *(str(overview.totals[s]) for s in STATUSES)]
    words = [STATUS_LABELS[s] for s in STATUSES]
    symbols = [STATUS_SYMBOLS[s] for s in STATUSES]
    for status_headers in (words, symbols):
        headers = ["Kommun", "Period", "Löften", *status_headers]
        if _fits(headers, [*rows, totals], width):
            _print_table(console, headers, rows, totals if len(rows) > 1 else None)
            if status_headers is symbols:
                legend = [f"{STATUS_SYMBOLS[s]} {STATUS_LABELS[s]}" for s in STATUSES]
                for line in wrap_parts(legend, width):
                    console.print(line, highlight=False, markup=False)
            return
    for cells in [*rows, *([totals] if len(rows) > 1 else [])]:
        kommun, period, promises, *counts = cells
        name = f"{kommun} {period}".strip()
        noun = "löfte" if promises == "1" else "löften"
        console.print(Text(f"{name}: {promises} {noun}", style="bold"), highlight=False)
        parts = [f"{STATUS_LABELS[s]} {n}" for s, n in zip(STATUSES, counts, strict=True)]
        for line in wrap_parts(parts, width - 2):
            console.print(f"  {line}", highlight=False, markup=False)


def _print_table(
    console: Console, headers: list[str], rows: list[list[str]], totals: list[str] | None
) -> None:
    lines = _plain_lines(console, headers, rows, totals)
    if lines is None:
        console.print(_table(headers, rows, totals))
    else:
        console.print(Segments([Segment("".join(line + "\n" for line in lines))]))


def _plain_lines(
    console: Console, headers: list[str], rows: list[list[str]], totals: list[str] | None
) -> list[str] | None:
    """The table's lines as Rich draws them on a plain console (no terminal, no colour),
    without Rich laying out every row: 290 kommuner cost Rich a quarter of a second.

    Rich sizes a column from its widest cell and longest word, so a table of the headers,
    the rows holding those cells and the totals has the same columns. Rich draws that one;
    its body lines are redrawn here and must come out the same, and then every row is drawn
    the same way. None (Rich draws it all) on a terminal or in colour, or when a cell is
    anything but plain one-column-per-character text that fits its column as it is.
    """
    if console.is_terminal or console.color_system is not None or len(rows) < 3:
        return None
    if not all(_plain(cell) for cells in rows for cell in cells):
        return None
    columns = range(len(headers))
    widest = {max(range(len(rows)), key=lambda r: len(rows[r][c])) for c in columns}
    longest = {max(range(len(rows)), key=lambda r: _word(rows[r][c])) for c in columns}
    samples = [rows[r] for r in sorted(widest | longest)]
    drawn = [
        "".join(segment.text for segment in line)
        for line in console.render_lines(
            _table(headers, samples, totals), console.options, pad=False
        )
    ]
    rule = next((i for i, line in enumerate(drawn) if "╇" in line), None)
    if rule is None:
        return None
    widths = [len(part) - 2 for part in drawn[rule].split("╇")]
    if len(widths) != len(headers) or min(widths) < 1:
        return None
    lefts = [index < 2 for index in columns]

    def row(cells: list[str]) -> str | None:
        if any(len(cell) > width for cell, width in zip(cells, widths, strict=True)):
            return None
        return "│".join(
            f" {cell.ljust(width) if left else cell.rjust(width)} "
            for cell, width, left in zip(cells, widths, lefts, strict=True)
        )

    after = rule + 1 + len(samples)
    if [row(cells) for cells in samples] != drawn[rule + 1 : after]:
        return None
    lines = [row(cells) for cells in rows]
    if None in lines:
        return None
    return drawn[: rule + 1] + [line for line in lines if line is not None] + drawn[after:]


def _plain(cell: str) -> bool:
    """Text Rich draws one column per character, as it is: printable ASCII and Latin
    letters, no markup bracket, no doubled or outer space (Rich would wrap there)."""
    return (
        cell.isprintable()
        and "[" not in cell
        and "  " not in cell
        and cell == cell.strip()
        and all(ord(char) < 0x300 for char in cell)
    )


def _word(cell: str) -> int:
    return max(map(len, cell.split()), default=0)


def _table(headers: list[str], rows: list[list[str]], totals: list[str] | None) -> Table:
    table = Table(expand=False, show_edge=False)
    for index, header in enumerate(headers):
        table.add_column(header, justify="right" if index >= 2 else "left", no_wrap=True)
    for cells in rows:
        table.add_row(*cells)
    if totals is not None:
        table.add_section()
        table.add_row(Text(totals[0], style="bold"), *totals[1:])
    return table


def _print_effects(console: Console, overview: Overview) -> None:
    """How the indicators moved, per kommun and period: only where some period has any."""
    rows = [row for row in overview.rows if sum(row.indicators.values())]
    if not rows:
        return
    console.print()
    console.print(Text("Indikatorer", style="bold"))
    table = Table(expand=False, show_edge=False)
    table.add_column("Kommun", no_wrap=True)
    table.add_column("Period", no_wrap=True)
    for trend in TREND_LABELS:
        table.add_column(TREND_LABELS[trend].capitalize(), justify="right")
    for row in rows:
        table.add_row(row.kommun, row.period.name, *(str(row.indicators[t]) for t in TREND_LABELS))
    if len(rows) > 1:
        table.add_section()
        totals = overview.indicator_totals
        table.add_row(Text("Totalt", style="bold"), "", *(str(totals[t]) for t in TREND_LABELS))
    console.print(table)
