"""Renderers: the repo overview (`lofte oversikt`) as JSON and as a Rich table."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from medborgarlofte.core.svformat import format_date_long
from medborgarlofte.core.texts import STATUS_LABELS, TREND_LABELS
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


def print_overview(console: Console, overview: Overview) -> None:
    console.print(Text(heading(overview), style="bold"))
    console.print(f"Läge per {format_date_long(overview.as_of)}")
    console.print()
    table = Table(expand=False, show_edge=False)
    table.add_column("Kommun", no_wrap=True)
    table.add_column("Period", no_wrap=True)
    table.add_column("Löften", justify="right")
    for status in STATUSES:
        table.add_column(STATUS_LABELS[status], justify="right")
    for row in overview.rows:
        counts = [str(row.summary[status]) for status in STATUSES]
        table.add_row(row.kommun, row.period.name, str(row.promises), *counts)
    if len(overview.rows) > 1:
        table.add_section()
        totals = overview.totals
        table.add_row(
            Text("Totalt", style="bold"),
            "",
            str(overview.promises),
            *(str(totals[status]) for status in STATUSES),
        )
    console.print(table)
    _print_effects(console, overview)


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
