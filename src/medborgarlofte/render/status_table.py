"""Renderers: the status report as Rich tables for the terminal (one per område)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from medborgarlofte.judge.evaluate import StatusReport
from medborgarlofte.judge.indicators import IndicatorResult
from medborgarlofte.render.indicator_data import (
    INDICATOR_COLUMNS,
    indicator_row,
    summary_words,
    with_indicators,
)
from medborgarlofte.render.status_data import (
    COLUMNS,
    areas,
    done_words,
    expected_words,
    heading_lines,
    status_words,
    summary_line,
    target_words,
    year_rows,
)

STATUS_STYLES = {
    "met": "bold green",
    "on_track": "green",
    "behind": "yellow",
    "missed": "bold red",
    "ongoing": "cyan",
    "not_started": "dim",
}


TREND_STYLES = {
    "improved": "green",
    "worsened": "bold red",
    "unchanged": "",
    "no_data": "dim",
}


def print_status(
    console: Console,
    reports: list[StatusReport],
    indicators: Sequence[Sequence[IndicatorResult]] | None = None,
) -> None:
    for index, report in enumerate(reports):
        if index:
            console.print()
        own = indicators[index] if indicators else ()
        title, sub = heading_lines(report)
        console.print(Text(title, style="bold"))
        console.print(sub)
        for area, results, found in with_indicators(areas(report), own):
            if not results:
                _print_indicators(console, f"{area}: indikatorer", found)
                continue
            table = Table(title=area, title_justify="left", title_style="bold", expand=False)
            for column in COLUMNS:
                numeric = column in ("Utfört", "Förväntat hittills")
                table.add_column(
                    column,
                    justify="right" if numeric else "left",
                    no_wrap=column in ("Löfte", "Status"),
                )
            for result in results:
                table.add_row(
                    result.promise.id,
                    target_words(result),
                    done_words(result),
                    expected_words(result),
                    Text(status_words(result.status), style=STATUS_STYLES[result.status]),
                )
                for (*words, status), key in year_rows(result):
                    table.add_row(
                        *(Text(w, style="dim") for w in words),
                        Text(status, style=STATUS_STYLES[key]),
                    )
            console.print()
            console.print(table)
            if found:
                _print_indicators(console, "Indikatorer", found)
        console.print()
        console.print(summary_line(report))
        if own:
            console.print(summary_words(own))


def _print_indicators(console: Console, title: str, found: Sequence[IndicatorResult]) -> None:
    """The indicator table of an area, after its promises (or alone, titled by the area)."""
    table = Table(
        title=title,
        title_justify="left",
        title_style="bold",
        expand=False,
    )
    for column in INDICATOR_COLUMNS:
        dated = column in ("Utgångsläge", "Senaste")
        table.add_column(
            column,
            justify="right" if column == "Förändring" else "left",
            no_wrap=column in ("Trend", "Förändring") or dated,
            min_width=10 if dated else None,
            overflow="fold",  # a long word is broken, never cut off
        )
    for item in found:
        *words, trend = indicator_row(item, "\n")
        table.add_row(*words, Text(trend, style=TREND_STYLES[item.trend.value]))
    console.print()
    console.print(table)
