"""Renderers, helper: a terminal table's column widths chosen to fit, or None (use blocks).

Rich fits a table that is too wide by shrinking every column, which breaks words in the
middle ("skadegö/relsebr/ott") and squeezes a narrow number column out of sight, the row
number a correction asks for among them. Here widths are chosen first: a fixed column (a
date, a number, a status) keeps its whole width; a text column may wrap, but never
narrower than its longest word. When even that is too wide the caller prints one block
per row instead, so nothing is ever lost or broken mid-word.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence

from rich import box as boxes
from rich.console import Console
from rich.table import Table
from rich.text import Text

from medborgarlofte.core.frozen import frozen
from medborgarlofte.core.safe_text import visible


def longest_word(text: str) -> int:
    """The longest run of characters between spaces and line breaks."""
    return max((len(word) for word in text.split()), default=0)


def natural_width(text: str) -> int:
    """The longest line of a cell (a value and its date are on two lines)."""
    return max((len(line) for line in text.split("\n")), default=0)


def chrome(columns: int, box: boxes.Box | None, pad_edge: bool, show_edge: bool = True) -> int:
    """The characters a table of this style adds around `columns` columns of text."""
    table = Table(box=box, pad_edge=pad_edge, show_edge=show_edge, show_header=False)
    for _ in range(columns):
        table.add_column(width=1, no_wrap=True)
    table.add_row(*("x" * columns))
    console = Console(width=1000, color_system=None, legacy_windows=False)
    with console.capture() as captured:
        console.print(table)
    return max(len(line) for line in captured.get().splitlines()) - columns


def fit_widths(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    wrapping: Sequence[bool],
    room: int,
) -> list[int] | None:
    """Widths of the columns (`wrapping[i]`: column i may wrap between words) that fit in
    `room` characters of text, or None when they cannot without breaking a word."""
    natural = [natural_width(h) for h in headers]
    least = [
        longest_word(h) if wraps else natural_width(h)
        for h, wraps in zip(headers, wrapping, strict=True)
    ]
    for row in rows:
        for index, cell in enumerate(row):
            natural[index] = max(natural[index], natural_width(cell))
            least[index] = max(
                least[index], longest_word(cell) if wrapping[index] else natural_width(cell)
            )
    least = [min(a, b) for a, b in zip(least, natural, strict=True)]
    if sum(natural) <= room:
        return natural
    if sum(least) > room:
        return None
    widths = list(least)
    spare = room - sum(least)
    # The spare room goes first to the columns that need least to be whole (a status word,
    # a short target), so that as few cells as possible wrap; the rest to the widest text.
    for index in sorted(range(len(widths)), key=lambda i: (natural[i] - least[i], i)):
        extra = min(spare, natural[index] - widths[index])
        widths[index] += extra
        spare -= extra
    return widths


@frozen(slots=False)
class Column:
    name: str
    wraps: bool  # may wrap between words (text); else kept whole (a date, a number)
    right: bool = False  # numbers line up on the right


def print_fitted(
    console: Console,
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    heading: Callable[[dict[str, str]], str],
    in_heading: Sequence[str],
    *,
    box: boxes.Box | None = boxes.HEAVY_HEAD,
    pad_edge: bool = True,
) -> None:
    """`rows` as a table when every column fits whole with no word broken; else one block
    per row: `heading(row)` (the cells named `in_heading`, the row number first) in bold,
    then each other non-empty cell as `Name: value`, wrapped between words."""
    headers = [c.name for c in columns]
    # A cell is file text: one line, its control characters and line breaks shown as
    # escapes, measured as it will be drawn.
    rows = [[visible(cell) for cell in row] for row in rows]
    room = console.width - chrome(len(columns), box, pad_edge)
    widths = fit_widths(headers, rows, [c.wraps for c in columns], room)
    if widths is not None:
        table = Table(
            title=title,
            title_justify="left",
            title_style="bold",
            expand=False,
            box=box,
            pad_edge=pad_edge,
        )
        for column, width in zip(columns, widths, strict=True):
            table.add_column(
                column.name,
                justify="right" if column.right else "left",
                width=width,
                no_wrap=not column.wraps,
                overflow="fold",
            )
        for row in rows:
            table.add_row(*map(Text, row))
        console.print(table)
        return
    for line in textwrap.wrap(title, console.width, break_on_hyphens=False):
        console.print(Text(line, style="bold"))
    for row in rows:
        cells = dict(zip(headers, row, strict=True))
        console.print()
        for line in textwrap.wrap(heading(cells), console.width, break_on_hyphens=False):
            console.print(Text(line, style="bold"))
        for name in headers:
            if name in in_heading or not cells[name]:
                continue
            for line in textwrap.wrap(
                f"{name}: {cells[name]}",
                console.width,
                initial_indent="  ",
                subsequent_indent="    ",
                break_on_hyphens=False,
            ):
                console.print(Text(line))


def print_facts(console: Console, facts: Sequence[tuple[str, str | Text]], pad: int = 20) -> None:
    """`Label   value` lines, a value that wraps continuing under itself (not under the
    label); on a terminal too narrow for both side by side, the value under its label."""
    if console.width - pad < 16:
        for label, value in facts:
            console.print(Text(label, style="bold"))
            console.print(Text.assemble("  ", value))
        return
    for label, value in facts:  # a grid each, so a short value is not padded to the longest
        grid = Table.grid()
        grid.add_column(width=pad, no_wrap=True)
        grid.add_column()
        grid.add_row(Text(label, style="bold"), value if isinstance(value, Text) else Text(value))
        console.print(grid)
