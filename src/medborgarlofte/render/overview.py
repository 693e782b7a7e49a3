"""Renderers: the repo overview (`lofte oversikt`) as JSON and as a Rich table."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from medborgarlofte.core.svformat import format_date_long
from medborgarlofte.core.texts import STATUS_LABELS
from medborgarlofte.judge.evaluate import STATUSES
from medborgarlofte.judge.overview import Overview, OverviewRow


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
    }


def overview_to_dict(overview: Overview) -> dict[str, Any]:
    return {
        "as_of": overview.as_of.isoformat(),
        "rows": [_row_to_dict(row) for row in overview.rows],
        "promises": overview.promises,
        "totals": overview.totals,
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


def print_overview(console: Console, overview: Overview) -> None:
    console.print(Text(heading(overview), style="bold"))
    console.print(f"Läge per {format_date_long(overview.as_of)}")
    console.print()
    body = [
        [row.kommun, row.period.name, str(row.promises)]
        + [str(row.summary[status]) for status in STATUSES]
        for row in overview.rows
    ]
    totals = None
    if len(overview.rows) > 1:
        totals = ["Totalt", "", str(overview.promises)]
        totals += [str(overview.totals[status]) for status in STATUSES]
    lines = None if console.is_terminal else _plain_lines(console, body, totals)
    if lines is None:
        console.print(_table(body, totals))
    else:
        console.out("\n".join(lines), highlight=False)


def _table(body: list[list[str]], totals: list[str] | None) -> Table:
    table = Table(expand=False, show_edge=False)
    table.add_column("Kommun", no_wrap=True)
    table.add_column("Period", no_wrap=True)
    table.add_column("Löften", justify="right")
    for status in STATUSES:
        table.add_column(STATUS_LABELS[status], justify="right")
    for cells in body:
        table.add_row(*cells)
    if totals is not None:
        table.add_section()
        table.add_row(Text(totals[0], style="bold"), *totals[1:])
    return table


def _plain_lines(
    console: Console, body: list[list[str]], totals: list[str] | None
) -> list[str] | None:
    """The table's lines as Rich draws them on a plain (non-terminal) console, without Rich
    laying out every row: 290 kommuner cost Rich a quarter of a second.

    Rich sizes a column from the widest cell and the longest word in it, so a table of the
    header, the rows holding those cells and the totals has the same columns. Rich draws
    that one; its body lines are redrawn here and must come out the same, and then every
    row is drawn the same way. None (let Rich draw it all) when a cell is anything but
    plain one-column-per-character text that fits its column as it is.
    """
    if len(body) < 3 or not all(_plain(cell) for cells in body for cell in cells):
        return None
    widest = sorted({max(range(len(body)), key=lambda r: len(body[r][c])) for c in range(9)})
    longest = sorted({max(range(len(body)), key=lambda r: _word(body[r][c])) for c in range(9)})
    samples = [body[r] for r in sorted(set(widest + longest))]
    drawn = [
        "".join(segment.text for segment in line)
        for line in console.render_lines(_table(samples, totals), console.options, pad=False)
    ]
    rule = next((i for i, line in enumerate(drawn) if "╇" in line), None)
    if rule is None:
        return None
    widths = [len(part) - 2 for part in drawn[rule].split("╇")]
    if len(widths) != 9 or min(widths) < 1:
        return None
    lefts = (True, True) + (False,) * 7

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
    lines = [row(cells) for cells in body]
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
