"""Rendering, the record beside the log: `lofte log lista --matningar` and `--kommentarer` as
a table, JSON (English keys) or CSV, each row with its number and whether it is struck."""

from __future__ import annotations

import json
from typing import Any, Final

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from medborgarlofte.core import texts
from medborgarlofte.core.safe_text import visible
from medborgarlofte.core.svformat import parse_decimal
from medborgarlofte.judge.log_listing import SideListing
from medborgarlofte.load.corrections import Kind
from medborgarlofte.load.log_dialect import csv_text
from medborgarlofte.load.struck import ListedSideRow
from medborgarlofte.render.status_data import spreadsheet_safe

# (column in the file, JSON key) in the order shown
_MEASUREMENT_COLUMNS: Final = (
    ("datum", "date"),
    ("indikator", "indicator"),
    ("värde", "value"),
    ("källa", "source"),
    ("registrerad_av", "registered_by"),
    ("registrerad", "registered"),
)
_COMMENT_COLUMNS: Final = (
    ("datum", "date"),
    ("löfte", "promise"),
    ("kommentar", "comment"),
    ("registrerad_av", "registered_by"),
    ("registrerad", "registered"),
)


def _columns(kind: Kind) -> tuple[tuple[str, str], ...]:
    return _MEASUREMENT_COLUMNS if kind is Kind.MEASUREMENT else _COMMENT_COLUMNS


def _number(text: str) -> float | int | str:
    value = parse_decimal(text)
    if value is None:
        return text
    return int(value) if value == int(value) else float(value)


def row_dict(listed: ListedSideRow, kind: Kind) -> dict[str, Any]:
    found: dict[str, Any] = {"line": listed.line}
    for column, key in _columns(kind):
        cell = listed.cells.get(column, "")
        found[key] = _number(cell) if column == "värde" else cell
    struck = listed.struck
    found["struck"] = struck is not None
    found["struck_reason"] = struck.reason if struck else None
    found["struck_by"] = struck.registered_by if struck else None
    return found


def render_json(listing: SideListing, kind: Kind) -> str:
    rows = [row_dict(r, kind) for r in listing.rows]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def _struck_words(listed: ListedSideRow) -> str:
    struck = listed.struck
    if struck is None:
        return ""
    who = f" ({struck.registered_by})" if struck.registered_by else ""
    return f"{texts.LIST_STRUCK}: {struck.reason}{who}"


def render_csv(listing: SideListing, kind: Kind) -> str:
    columns = [column for column, _ in _columns(kind)]
    rows = [[texts.LIST_CSV_LINE, *columns, texts.LIST_STRUCK]]
    for listed in listing.rows:
        values = [str(listed.line), *(listed.cells.get(c, "") for c in columns)]
        values.append(_struck_words(listed))
        rows.append([spreadsheet_safe(v) for v in values])
    return csv_text(rows, ";", "\r\n")


def _shown(text: str) -> Text:
    return Text("\n".join(map(visible, text.split("\n"))))


def render_table(listing: SideListing, kind: Kind) -> Group:
    """The rows as a table (struck ones dimmed and marked ✘), then a line per struck row."""
    headings = texts.MEASUREMENT_HEADINGS if kind is Kind.MEASUREMENT else texts.COMMENT_HEADINGS
    title = texts.SIDE_LIST_TITLE.format(
        file=listing.rel, shown=len(listing.rows), total=listing.total
    )
    table = Table(title=visible(title), title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for i, heading in enumerate(headings):
        fixed = i in (0, 1)
        table.add_column(
            heading,
            justify="right" if i == 0 else "left",
            no_wrap=fixed,
            overflow="ellipsis" if fixed else "fold",
        )
    shown_columns = [column for column, _ in _columns(kind)][:-2]
    notes = []
    for listed in listing.rows:
        mark = " ✘" if listed.struck is not None else ""
        by = listed.cells.get("registrerad_av", "")
        at = listed.cells.get("registrerad", "")[:10]
        values = [
            f"{listed.line}{mark}",
            *(listed.cells.get(c, "") for c in shown_columns),
            f"{by}\n{at}".strip(),
        ]
        style = "dim" if listed.struck is not None else ""
        table.add_row(*(_shown(v) for v in values), style=style)
        if listed.struck is not None:
            words = _struck_words(listed)
            notes.append(_shown(texts.LIST_NOTE.format(line=listed.line, words=words)))
    return Group(table, *notes)
