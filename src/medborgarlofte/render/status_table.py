"""Renderers: the status report as Rich tables for the terminal (one per område)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from medborgarlofte.judge.evaluate import StatusReport
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


def print_status(console: Console, reports: list[StatusReport]) -> None:
    for index, report in enumerate(reports):
        if index:
            console.print()
        title, sub = heading_lines(report)
        console.print(Text(title, style="bold"))
        console.print(sub)
        for area, results in areas(report):
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
        console.print()
        console.print(summary_line(report))
