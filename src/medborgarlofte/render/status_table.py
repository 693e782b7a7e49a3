"""Renderers: the status report for the terminal, fitted to its width.

Three layouts, the widest that fits: full words in one table per område (without the rate
beside Utfört if need be); shorter words (`4 totalt`, `Krävs`) when that is too wide; below
that one block per promise, one fact a line. Every område's table of one report gets the
same column widths, so they line up.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from medborgarlofte.core.frozen import frozen
from medborgarlofte.judge.evaluate import PromiseResult, StatusReport
from medborgarlofte.render.fit_table import chrome, fit_widths, longest_word
from medborgarlofte.render.indicator_data import (
    INDICATOR_COLUMNS,
    indicator_row,
    summary_words,
    with_indicators,
)
from medborgarlofte.render.status_columns import (
    COLUMNS,
    SHORT_COLUMNS,
    TABLE_COLUMNS,
    Align,
    column_index,
    table_cells,
)
from medborgarlofte.render.status_data import (
    areas,
    heading_lines,
    row_cells,
    summary_parts,
    wrap_parts,
    year_rows,
)
from medborgarlofte.render.status_words import label, missed_words

if TYPE_CHECKING:
    from medborgarlofte.judge.indicators import IndicatorResult

STATUS_STYLES = {
    "met": "bold green",
    "on_track": "green",
    "behind": "yellow",
    "missed": "bold red",
    "ongoing": "cyan",
    "not_started": "dim",
}

# Table chrome: a border before each column and after the last, and one space of padding
# on either side of each cell.
_CHROME_PER_COLUMN = 3
_STATUS = column_index("status")
_MIN_LABEL = 14  # narrower than this, the promise's name wraps too often: stack instead
_MISSED_LIMIT = 4
# (short words, the rate beside done, headers): the first that fits is used.
_TIERS = (
    (False, True, COLUMNS),
    (False, False, COLUMNS),
    (True, False, SHORT_COLUMNS),
)  # missed units named in a table before the rest are counted


@frozen(slots=False)
class _Row:
    cells: list[str]
    status: str
    sub: bool  # a year row or a missed-units row under its promise


def _rows(result: PromiseResult, short: bool, rate: bool) -> list[_Row]:
    rows = [_Row(row_cells(result, short, rate), result.status, False)]
    missed = missed_words(result, _MISSED_LIMIT)
    if missed:
        rows.append(_Row(table_cells({"title": f"  {missed}"}), result.status, True))
    rows += [_Row(cells, key, True) for cells, key in year_rows(result, short)]
    return rows


_NBSP = "\u00a0"


def wrap_list(text: str, width: int, indent: str = "") -> list[str]:
    """A `missade: v. 14, v. 32` list wrapped between its items, never inside one."""
    head, _, items = text.partition(": ")
    pieces = [head + ":"] + [p.replace(" ", _NBSP) + "," for p in items.split(", ")]
    pieces[-1] = pieces[-1].removesuffix(",")
    lines = textwrap.wrap(
        " ".join(pieces),
        width,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [line.replace(_NBSP, " ") for line in lines]


def _widths(headers: tuple[str, ...], rows: list[_Row], width: int) -> list[int] | None:
    """Column widths that fit `width` (the promise's name may wrap), or None."""
    natural = [len(h) for h in headers]
    for row in rows:
        for index, cell in enumerate(row.cells):
            natural[index] = max(natural[index], len(cell))
    chrome = _CHROME_PER_COLUMN * len(headers) + 1
    room = width - chrome - sum(natural[1:])
    # The name wraps between words, never inside one (a missed unit, `v. 14`, is a word).
    words = [
        max(len(item) + 3 for item in row.cells[0].partition(": ")[2].split(", "))
        if row.sub and row.cells[0].startswith("  missade")
        else longest_word(row.cells[0])
        for row in rows
    ]
    if room < max(min(natural[0], _MIN_LABEL), *words, 0):
        return None
    return [min(natural[0], room), *natural[1:]]


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
    width = console.width
    for index, report in enumerate(reports):
        if index:
            console.print()
        own = indicators[index] if indicators else ()
        title, sub = heading_lines(report)
        for line in textwrap.wrap(title, width):
            console.print(Text(line, style="bold"))
        for line in wrap_parts(sub.split(" · "), width):
            console.print(line, highlight=False, markup=False)
        grouped = areas(report)
        fitted = _indicator_widths(console, own) if own else None  # none: nothing to fit
        found_by_area = {area: found for area, _, found in with_indicators(grouped, own)}
        for short, rate, headers in _TIERS:
            rows = {
                area: [r for res in results for r in _rows(res, short, rate)]
                for area, results in grouped
            }
            widths = _widths(headers, [r for rs in rows.values() for r in rs], width)
            if widths is not None:
                for area, _ in grouped:
                    console.print()
                    console.print(_table(area, headers, widths, rows[area]))
                    if found_by_area.get(area):
                        _print_indicators(console, "Indikatorer", found_by_area[area], fitted)
                break
        else:
            for area, results in grouped:
                _print_blocks(console, area, results, width)
                if found_by_area.get(area):
                    _print_indicators(console, "Indikatorer", found_by_area[area], fitted)
        for area, results, found in with_indicators(grouped, own):
            if not results:
                _print_indicators(console, f"{area}: indikatorer", found, fitted)
        console.print()
        for line in wrap_parts(summary_parts(report), width):
            console.print(line, highlight=False, markup=False)
        if own:
            console.print(summary_words(own), highlight=False, markup=False)


def _table(area: str, headers: tuple[str, ...], widths: list[int], rows: list[_Row]) -> Table:
    table = Table(title=area, title_justify="left", title_style="bold", expand=False)
    for index, (column, header, size) in enumerate(
        zip(TABLE_COLUMNS, headers, widths, strict=True)
    ):
        table.add_column(
            header,
            justify="right" if column.align is Align.RIGHT else "left",
            width=size,
            no_wrap=index != 0,
        )
    for row in rows:
        style = "dim" if row.sub else ""
        words = list(row.cells)
        if row.sub and words[0].startswith("  missade"):
            words[0] = "\n".join(wrap_list(words[0].strip(), widths[0], "  "))
        cells = [Text(w, style=style) for w in words]
        status = words[_STATUS]
        cells[_STATUS] = Text(status, style=STATUS_STYLES[row.status]) if status else Text("")
        table.add_row(*cells)
    return table


_BLOCK_LABELS = COLUMNS[1:]  # the promise's name heads its block


def _print_blocks(console: Console, area: str, results: list[PromiseResult], width: int) -> None:
    """One promise per block, a fact a line, for terminals too narrow for a table."""
    console.print()
    for line in textwrap.wrap(area, width) or [""]:
        console.print(Text(line, style="bold"))
    pad = max(len(name) for name in _BLOCK_LABELS) + 4
    for result in results:
        console.print()
        for line in textwrap.wrap(label(result), width):
            console.print(Text(line, style="bold"))
        cells = row_cells(result)
        for index, (name, value) in enumerate(zip(COLUMNS, cells, strict=True)):
            if index:
                styled = result.status if index == _STATUS else ""
                _print_fact(console, name, value, pad, width, styled)
        missed = missed_words(result, _MISSED_LIMIT)
        if missed:
            indent = " " * (pad if width - pad >= 16 else 4)
            for line in wrap_list(missed, width, indent):
                console.print(line, highlight=False, markup=False)
        for cells, _key in year_rows(result):
            year = dict(zip((c.key for c in TABLE_COLUMNS), cells, strict=True))
            facts = f"{year['done']} · krävs {year['expected']} · {year['status']}"
            _print_fact(console, year["title"].strip(), facts, pad, width, "")


def _print_fact(console: Console, name: str, value: str, pad: int, width: int, status: str) -> None:
    indent = "  "
    if width - pad < 16:  # too narrow for two columns: the value under its name
        head = [f"{indent}{name}"] if name else []
        lines = head + textwrap.wrap(
            value, width, initial_indent=indent * 2, subsequent_indent=indent * 2
        )
        style_from = len(head)
    else:
        lines = textwrap.wrap(
            value,
            width,
            initial_indent=f"{indent}{name}".ljust(pad),
            subsequent_indent=" " * pad,
        )
        style_from = 0
    for number, line in enumerate(lines):
        if status and number >= style_from:
            text = Text(line[:pad]) if style_from == 0 else Text("")
            rest = line[pad:] if style_from == 0 else line
            text.append(rest, style=STATUS_STYLES[status])
            console.print(text)
        else:
            console.print(line, highlight=False, markup=False)


_INDICATOR_BOX = box.HEAVY_HEAD


def _indicator_widths(console: Console, found: Sequence[IndicatorResult]) -> list[int] | None:
    """The column widths that fit every indicator of a report whole with no word broken
    (None: print them as blocks), so that every indicator table of a report lines up."""
    rows = [indicator_row(item, "\n") for item in found]
    room = console.width - chrome(len(INDICATOR_COLUMNS), _INDICATOR_BOX, pad_edge=True)
    return fit_widths(INDICATOR_COLUMNS, rows, _INDICATOR_WRAPS, room)


# The name, the target (`18 (ej nått)`) and the trend (`✔ förbättrad`) may wrap between
# words; values with their dates and the change keep their whole width.
_INDICATOR_WRAPS = [column in ("Indikator", "Mål", "Trend") for column in INDICATOR_COLUMNS]


def _print_indicators(
    console: Console,
    title: str,
    found: Sequence[IndicatorResult],
    widths: list[int] | None = None,
) -> None:
    """The indicator table of an area, after its promises (or alone, titled by the area):
    in `widths` (every indicator of the report: `_indicator_widths`), else one block each."""
    rows = [indicator_row(item, "\n") for item in found]
    console.print()
    if widths is None:
        _print_indicator_blocks(console, title, rows)
        return
    table = Table(
        title=title, title_justify="left", title_style="bold", expand=False, box=_INDICATOR_BOX
    )
    for column, width, wraps in zip(INDICATOR_COLUMNS, widths, _INDICATOR_WRAPS, strict=True):
        table.add_column(
            column,
            justify="right" if column == "Förändring" else "left",
            width=width,
            no_wrap=not wraps,
            overflow="fold",
        )
    for item, (*words, trend) in zip(found, rows, strict=True):
        # Text, not str: the console reads a str as one line, and a cell here holds a value
        # and its date on two (control characters are still shown as escapes when drawn).
        table.add_row(*map(Text, words), Text(trend, style=TREND_STYLES[item.trend.value]))
    console.print(table)


def _print_indicator_blocks(console: Console, title: str, rows: list[list[str]]) -> None:
    """One indicator per block, a fact a line (the trend in its word, as in the table)."""
    width = console.width
    for line in textwrap.wrap(title, width) or [""]:
        console.print(Text(line, style="bold"))
    pad = max(len(name) for name in INDICATOR_COLUMNS[1:]) + 4
    for name, *values in rows:
        console.print()
        for line in textwrap.wrap(name, width, break_on_hyphens=False):
            console.print(Text(line, style="bold"))
        for column, value in zip(INDICATOR_COLUMNS[1:], values, strict=True):
            _print_fact(console, column, value.replace("\n", " "), pad, width, "")
