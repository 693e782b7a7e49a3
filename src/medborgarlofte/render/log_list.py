"""Rendering, the record: `lofte log lista` as a table, JSON or CSV.

The JSON's English keys are described in docs/format.md §5.
"""

from __future__ import annotations

import json
from typing import Any

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from medborgarlofte.core import texts
from medborgarlofte.core.model import LOG_HEADER
from medborgarlofte.core.safe_text import visible
from medborgarlofte.core.slugs import split_list
from medborgarlofte.judge.log_listing import Listing
from medborgarlofte.load.log_dialect import MAX_COUNT_DIGITS, csv_text
from medborgarlofte.load.struck import ListedRow
from medborgarlofte.render.status_data import spreadsheet_safe

_COLUMNS = LOG_HEADER


def _visible(text: str) -> str:
    """Control characters shown as escapes (the one rule, `safe_text.visible`), never run;
    line breaks kept, where a cell's lines are laid out."""
    return "\n".join(map(visible, text.split("\n")))


def struck_words(listed: ListedRow) -> str:
    """'rättad (rad 45): fel datum (Anna)', 'struken: dubbelregistrering', or ''."""
    struck = listed.struck
    if struck is None:
        return texts.LIST_ERASED if listed.erased is not None else ""
    word = texts.LIST_STRUCK
    if listed.replaced_by is not None:
        word = f"{word}, {texts.LIST_REPLACED.format(line=listed.replaced_by)}"
    who = f" ({struck.registered_by})" if struck.registered_by else ""
    erased = f"; {texts.LIST_ERASED}" if listed.erased is not None else ""
    return f"{word}: {struck.reason}{who}{erased}"


def _count(cell: str) -> int | str:
    text = cell.strip()
    if not text:
        return 1
    # A count as the log reads one (at most MAX_COUNT_DIGITS digits); a longer text stays
    # text: int() of 5,000 digits raised past Python's 4,300-digit limit.
    digits = text.isascii() and text.isdigit() and len(text) <= MAX_COUNT_DIGITS
    return int(text) if digits else text


def row_dict(listed: ListedRow) -> dict[str, Any]:
    cells = listed.row.cells
    struck = listed.struck
    return {
        "line": listed.row.line,
        "date": cells["datum"].strip(),
        "type": cells["typ"].strip(),
        "count": _count(cells["antal"]),
        "place": cells["plats"].strip(),
        "participants": split_list(cells["deltagare"]),
        "tags": split_list(cells["taggar"]),
        "description": cells["beskrivning"].strip(),
        "registered_by": cells["registrerad_av"].strip(),
        "registered": cells["registrerad"].strip(),
        "struck": struck is not None,
        "struck_reason": struck.reason if struck else None,
        "struck_by": struck.registered_by if struck else None,
    }


def render_json(listing: Listing) -> str:
    return json.dumps([row_dict(r) for r in listing.rows], ensure_ascii=False, indent=2) + "\n"


def render_csv(listing: Listing) -> str:
    rows = [[texts.LIST_CSV_LINE, *_COLUMNS, texts.LIST_STRUCK]]
    for listed in listing.rows:
        cells = listed.row.cells
        values = [str(listed.row.line), *(cells[c].strip() for c in _COLUMNS), struck_words(listed)]
        rows.append([spreadsheet_safe(v) for v in values])
    return csv_text(rows, ";", "\r\n")


def _note(listed: ListedRow) -> str:
    """The line under the table for a struck or erased row."""
    parts = []
    struck = listed.struck
    if struck is not None:
        who = ", ".join(x for x in (struck.registered_by, struck.registered[:10]) if x)
        moved = (
            f", {texts.LIST_REPLACED.format(line=listed.replaced_by)}"
            if listed.replaced_by is not None
            else ""
        )
        parts.append(f"{texts.LIST_STRUCK}{moved}: {struck.reason}" + (f" ({who})" if who else ""))
    if listed.erased is not None:
        parts.append(texts.LIST_ERASED)
    return texts.LIST_NOTE.format(line=listed.row.line, words="; ".join(parts))


def _min_width(column: int, last: int) -> int:
    """Room for a short heading, and for the registration date: the description folds."""
    if column == last:
        return 10
    heading = texts.LIST_HEADINGS[column]
    return len(heading) if len(heading) <= 9 else 0


def _cells(listed: ListedRow) -> list[str]:
    """The row's shown values, in the order of LIST_HEADINGS."""
    cells = listed.row.cells
    mark = " ✘" if listed.struck is not None else ""
    values = [f"{listed.row.line}{mark}"]
    for column in _COLUMNS[:-2]:
        value = cells[column].strip()
        if column in ("deltagare", "taggar"):
            value = value.replace(";", ", ")
        elif column == "antal":
            value = value or "1"
        values.append(value)
    by, at = cells["registrerad_av"].strip(), cells["registrerad"].strip()[:10]
    values.append(f"{by}\n{at}".strip())
    return values


def _natural_width(rows: list[list[str]], shown: list[int]) -> int:
    """The width the table needs with no cell folded: widest line per column, plus gaps."""
    widths = [
        max(
            len(texts.LIST_HEADINGS[i]),
            *(len(line) for values in rows for line in _visible(values[i]).split("\n")),
        )
        for i in shown
    ]
    return sum(widths) + 3 * (len(widths) - 1)


def _blocks(rows: list[tuple[ListedRow, list[str]]]) -> list[Any]:
    """A narrow terminal: one block per row, a heading line and a label per value, so that
    no word is cut in the middle."""
    out: list[Any] = []
    for listed, values in rows:
        style = "dim" if listed.struck is not None else ""
        line, day, typ, count = (_visible(v) for v in values[:4])
        heading = texts.LIST_BLOCK_HEADING.format(line=line, date=day, type=typ, count=count)
        out.append(Text(heading, style=style or "bold"))
        grid = Table.grid(padding=(0, 2), pad_edge=False)
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for i in range(4, len(values)):
            if values[i]:
                value = _visible(values[i].replace("\n", ", "))
                grid.add_row(Text("  " + texts.LIST_HEADINGS[i]), Text(value), style=style)
        out += [grid, Text("")]
    return out[:-1]


def render_table(listing: Listing, width: int | None = None) -> Group:
    """The rows as a table (a column empty in every row left out); when the table would not
    fit in `width` columns unfolded, a block per row instead. Then a line per struck or
    erased row."""
    title = texts.LIST_TITLE.format(
        log=listing.log_rel, shown=len(listing.rows), total=listing.total
    )
    rows = [(listed, _cells(listed)) for listed in listing.rows]
    shown = [
        i
        for i, heading in enumerate(texts.LIST_HEADINGS)
        if i <= 3 or any(values[i] for _, values in rows)
    ]
    notes = [Text(_visible(_note(listed))) for listed, _ in rows if listed.struck or listed.erased]
    if width is not None and _natural_width([v for _, v in rows], shown) > width:
        return Group(Text(_visible(title)), Text(""), *_blocks(rows), Text(""), *notes)
    table = Table(title=_visible(title), title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    last = len(texts.LIST_HEADINGS) - 1
    for i in shown:
        # rad, datum, antal and the registration date never wrap; the others fold, so a
        # narrow terminal hides nothing
        fixed = i in (0, 1, 3)
        table.add_column(
            texts.LIST_HEADINGS[i],
            justify="right" if i in (0, 3) else "left",
            no_wrap=fixed,
            overflow="ellipsis" if fixed else "fold",
            min_width=None if fixed else _min_width(i, last),
        )
    for listed, values in rows:
        style = "dim" if listed.struck is not None else ""
        table.add_row(*(Text(_visible(values[i])) for i in shown), style=style)
    return Group(table, *notes)
