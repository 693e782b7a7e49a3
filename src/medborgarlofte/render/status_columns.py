"""Renderers: the status columns, each defined once, and what the views derive from them.

A column is one fact of a promise's status: its key and value in the JSON and the open data,
its header, short header, alignment and words in the tables (terminal at every width,
Markdown, the report's summary in HTML and Markdown), and its column in the Excel CSV. The
views in status_data, status_table, report_html, report_markdown and open_data take their
columns from `STATUS_COLUMNS`; a new column is one entry here plus the golden files.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from fractions import Fraction
from typing import Any

from medborgarlofte.core.frozen import frozen
from medborgarlofte.core.svformat import format_number
from medborgarlofte.core.texts import STATUS_LABELS
from medborgarlofte.judge.evaluate import PromiseResult
from medborgarlofte.render.status_words import (
    done_words,
    expected_words,
    label,
    status_words,
    target_words,
)


def rounded(value: Fraction | None, places: int = 2) -> float | None:
    return None if value is None else round(float(value), places)


# --- the status columns, each defined once --------------------------------------------


class Align(StrEnum):
    LEFT = "left"
    RIGHT = "right"


Words = Callable[[PromiseResult, bool, bool], str]  # (result, short, rate) -> the cell
Cell = str | int | float | bool | None


@frozen(slots=False)
class StatusColumn:
    """One fact of a promise's status, as every view shows it.

    `key` is its key in the JSON and its column in the open data; `value` its value there.
    `header`/`short`: its name in the tables (terminal, Markdown, the report's HTML), the
    short one when the terminal is narrow; None for a fact only the data formats carry.
    `words` makes its cell in those tables. `csv`/`csv_cell`: its column in
    `status --format csv` (Excel), when it has one, and `csv_type` that column's Table
    Schema type. `open_type`, `description`, `enum`: its column in the open data
    (`lofte webb`'s data/, render/open_data.py), when it has one; `open_value` when that
    cell is not the JSON's value. `in_json` False: only the open data has it at this place
    (the JSON gives it among the details, and only when there is one). `in_report`: also in
    the report's summary table; `html_class`: the report's CSS class besides alignment.
    """

    key: str
    value: Callable[[PromiseResult], Any]
    header: str | None = None
    short: str = ""
    align: Align = Align.LEFT
    words: Words | None = None
    csv: str | None = None
    csv_cell: Callable[[PromiseResult], str] | None = None
    csv_type: Mapping[str, Any] | None = None
    open_type: str | None = None
    description: str = ""
    enum: tuple[str, ...] = ()
    pattern: str = ""  # a Table Schema pattern (implicitly anchored), where enum cannot list
    open_value: Callable[[PromiseResult], Cell] | None = None
    in_json: bool = True
    in_report: bool = False
    html_class: str = ""

    def open_cell(self, result: PromiseResult) -> Cell:
        """Its cell in the open data: a plain value (a list or a mapping has none)."""
        if self.open_value is not None:
            return self.open_value(result)
        found = self.value(result)
        return found if found is None or isinstance(found, str | int | float | bool) else None


def _expected_cell(result: PromiseResult) -> str:
    return "" if result.expected is None else format_number(float(result.expected), 2)


def _last_activity(result: PromiseResult) -> str | None:
    return result.last_activity.isoformat() if result.last_activity else None


def _units(result: PromiseResult) -> int | None:
    return None if result.units is None else len(result.judged_units)


def _units_met(result: PromiseResult) -> int | None:
    if result.units is None:
        return None
    return len(result.judged_units) - len(result.missed_units)


STATUS_CODES = ("met", "on_track", "behind", "missed", "ongoing", "not_started")
PER_CODES = ("period", "dygn", "vecka", "månad", "kvartal", "tertial", "halvår", "år")
# A unit, or a block of several as the promise file writes it: "3 veckor" (docs/block.md).
PER_PATTERN = "(" + "|".join(PER_CODES) + "|[0-9]+ .+)"

STATUS_COLUMNS: tuple[StatusColumn, ...] = (
    StatusColumn(
        "id",
        lambda r: r.promise.id,
        csv="id",
        csv_cell=lambda r: r.promise.id,
        open_type="string",
        description="Löftets id i löftesfilen.",
    ),
    StatusColumn(
        "title",
        lambda r: r.promise.label,
        header="Löfte",
        short="Löfte",
        words=lambda r, short, rate: label(r),
        csv="löfte",
        csv_cell=label,
        open_type="string",
        description="Löftets rubrik, annars dess id.",
        in_report=True,
    ),
    StatusColumn(
        "area",
        lambda r: r.promise.area,
        open_type="string",
        description="Området som löftet står under.",
    ),
    StatusColumn(
        "text",
        lambda r: r.promise.text,
        open_type="string",
        description="Löftets text så som det skrevs under.",
    ),
    StatusColumn(
        "responsible",
        lambda r: list(r.promise.responsible),
        open_type="string",
        description="Vem som svarar för löftet (polis, kommun), åtskilda med ;.",
        open_value=lambda r: ";".join(r.promise.responsible),
    ),
    StatusColumn(
        "target",
        lambda r: r.promise.target.minimum,
        header="Mål",
        short="Mål",
        words=lambda r, short, rate: target_words(r, short),
        csv="mål",
        csv_cell=target_words,
        open_type="integer",
        description="Målets minsta antal (minst) per enhet; tom för ett löpande löfte.",
        in_report=True,
        html_class="mal",
    ),
    StatusColumn(
        "per",
        lambda r: r.promise.target.per_written,
        open_type="string",
        description=(
            "Enheten som målet räknas per; period betyder hela perioden. Ett block av flera "
            "enheter står som i löftesfilen: 3 veckor (var tredje vecka)."
        ),
        pattern=PER_PATTERN,
    ),
    StatusColumn(
        "average",
        lambda r: r.promise.target.average,
        open_type="boolean",
        description="true: målet gäller i snitt per enhet.",
    ),
    StatusColumn(
        "ongoing",
        lambda r: r.promise.target.ongoing,
        open_type="boolean",
        description="true: ett löpande löfte utan antal.",
    ),
    StatusColumn("types", lambda r: list(r.promise.target.types)),
    StatusColumn(
        "done",
        lambda r: r.done,
        header="Utfört",
        short="Utfört",
        align=Align.RIGHT,
        words=done_words,
        csv="utfört",
        csv_cell=lambda r: str(r.done),
        csv_type={"type": "integer"},
        open_type="integer",
        description="Utfört till och med as_of.",
        in_report=True,
    ),
    StatusColumn(
        "expected",
        lambda r: rounded(r.expected),
        header="Krävs hittills",
        short="Krävs",
        align=Align.RIGHT,
        words=lambda r, short, rate: expected_words(r, short),
        csv="förväntat",
        csv_cell=_expected_cell,
        csv_type={"type": "number", "decimalChar": ",", "groupChar": " "},
        open_type="number",
        description=(
            "Förväntat hittills enligt målets takt, två decimaler; tom för ett löpande löfte."
        ),
    ),
    StatusColumn(
        "rate",
        lambda r: rounded(r.rate),
        open_type="number",
        description="Utfört per förfluten enhet (mål per enhet).",
        in_json=False,
    ),
    StatusColumn(
        "units_met",
        _units_met,
        open_type="integer",
        description="Mål för varje enhet: avslutade enheter som nådde målet; tom för andra mål.",
        in_json=False,
    ),
    StatusColumn(
        "units",
        _units,
        open_type="integer",
        description="Mål för varje enhet: avslutade enheter som hade ett mål; tom för andra mål.",
        in_json=False,
    ),
    StatusColumn(
        "status",
        lambda r: r.status,
        header="Status",
        short="Status",
        words=lambda r, short, rate: status_words(r.status),
        csv="status",
        csv_cell=lambda r: STATUS_LABELS[r.status],
        open_type="string",
        description=(
            "Bedömningen, samma kod som i JSON (met, on_track, behind, missed,"
            " ongoing, not_started)."
        ),
        enum=STATUS_CODES,
        open_value=lambda r: str(r.status),
        in_report=True,
    ),
    StatusColumn(
        "last_activity",
        _last_activity,
        csv="senaste_aktivitet",
        csv_cell=lambda r: _last_activity(r) or "",
        csv_type={"type": "date"},
        open_type="date",
        description="Datumet för den senaste insatsen som räknas; tom om ingen.",
    ),
)
# The columns of the status tables (terminal, Markdown), in order.
TABLE_COLUMNS = tuple(c for c in STATUS_COLUMNS if c.header is not None)
# The columns of the report's summary table (`rapport`: HTML and Markdown).
REPORT_COLUMNS = tuple(c for c in TABLE_COLUMNS if c.in_report)
# The columns of the open data (after the row's kommun, period and date).
OPEN_STATUS_COLUMNS = tuple(c for c in STATUS_COLUMNS if c.open_type is not None)
COLUMNS = tuple(c.header or "" for c in TABLE_COLUMNS)
SHORT_COLUMNS = tuple(c.short for c in TABLE_COLUMNS)


def column_index(key: str) -> int:
    """Where the column `key` sits in the status tables."""
    return next(i for i, c in enumerate(TABLE_COLUMNS) if c.key == key)


def table_cells(values: Mapping[str, str]) -> list[str]:
    """A table row from cells by column key; a column not given is empty."""
    return [values.get(c.key, "") for c in TABLE_COLUMNS]


def markdown_rule(columns: Sequence[StatusColumn]) -> str:
    """The Markdown table's line under its header: `--:` for a column aligned right."""
    return "|" + "|".join("--:" if c.align is Align.RIGHT else "---" for c in columns) + "|"
