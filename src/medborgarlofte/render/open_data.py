"""Renderers: the status report as open data for machines (`lofte webb`'s data/ folder).

`data/<kommun>/<period>.csv` is RFC 4180 (UTF-8 without BOM, `,`, CRLF, `.` decimals, ISO
dates, `true`/`false`, an empty cell for null) with the status JSON's English keys, one row
per promise, so pandas, DuckDB and R read it with no options. Each column is defined once:
the status columns in render/status_columns.py (their key, Table Schema type, description
and value), the row's kommun, period and date in `OPEN_COLUMNS` here, and both the CSV and
its description in `data/datapackage.json` are read from there. The Swedish CSV for
Excel (status_data.render_csv) is published beside it as `<period>.excel.csv` and described
by `EXCEL_TYPES`. docs/publicering.md says what the files promise.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from medborgarlofte.core.frozen import frozen
from medborgarlofte.judge.evaluate import PromiseResult, StatusReport
from medborgarlofte.load.log_dialect import csv_text
from medborgarlofte.render.status_columns import (
    OPEN_STATUS_COLUMNS,
    STATUS_COLUMNS,
    Cell,
    StatusColumn,
)
from medborgarlofte.render.status_data import CSV_HEADER, spreadsheet_safe


@frozen(slots=False)
class OpenColumn:
    name: str  # the status JSON's key
    type: str  # a Table Schema type: string, integer, number, boolean, date
    description: str  # Swedish, for the Data Package
    value: Callable[[StatusReport, PromiseResult], Cell]
    enum: tuple[str, ...] = ()
    pattern: str = ""  # a Table Schema pattern, where enum cannot list the values


def _from_status(column: StatusColumn) -> OpenColumn:
    """A status column's open-data column: its key, type, description and cell."""
    return OpenColumn(
        column.key,
        column.open_type or "string",
        column.description,
        lambda _report, result: column.open_cell(result),
        column.enum,
        column.pattern,
    )


# The row's kommun, period and date, then the status columns that the open data carries.
OPEN_COLUMNS: tuple[OpenColumn, ...] = (
    OpenColumn("kommun", "string", "Kommunen som gav löftena.", lambda r, _p: r.promise_set.kommun),
    OpenColumn(
        "period",
        "string",
        "Periodens namn (löftesfilens namn utan .yaml).",
        lambda r, _p: r.promise_set.period.name,
    ),
    OpenColumn(
        "as_of", "date", "Datumet som läget gäller (läge per).", lambda r, _p: r.as_of.isoformat()
    ),
    *(_from_status(c) for c in OPEN_STATUS_COLUMNS),
)


def _cell(column: OpenColumn, value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    # Text is kept as written, but a cell Excel would run as a formula is defused.
    return spreadsheet_safe(value) if column.type == "string" else value


def render_open_csv(report: StatusReport) -> str:
    """One row per promise, RFC 4180 with CRLF; the caller writes it as UTF-8 without BOM."""
    rows = [[c.name for c in OPEN_COLUMNS]]
    for result in report.results:
        rows.append([_cell(c, c.value(report, result)) for c in OPEN_COLUMNS])
    return csv_text(rows, ",", "\r\n")


def open_csv_schema() -> dict[str, Any]:
    """The Table Schema of the open CSV, from `OPEN_COLUMNS`."""
    fields = []
    for column in OPEN_COLUMNS:
        field: dict[str, Any] = {
            "name": column.name,
            "type": column.type,
            "description": column.description,
        }
        if column.enum:
            field["constraints"] = {"enum": list(column.enum)}
        elif column.pattern:
            field["constraints"] = {"pattern": column.pattern}
        fields.append(field)
    return {"fields": fields, "missingValues": [""], "primaryKey": ["id"]}


# The Swedish Excel CSV's columns (status_data.CSV_HEADER) by type; any other is text.
EXCEL_TYPES: dict[str, dict[str, Any]] = {
    "per_datum": {"type": "date"},
    **{c.csv: dict(c.csv_type) for c in STATUS_COLUMNS if c.csv and c.csv_type},
}


def excel_csv_schema() -> dict[str, Any]:
    fields = [{"name": name, "type": "string", **EXCEL_TYPES.get(name, {})} for name in CSV_HEADER]
    return {"fields": fields, "missingValues": [""]}


@frozen(slots=False)
class DataFile:
    """One published data file, for data/datapackage.json: its path relative to data/."""

    name: str  # the resource's name: lower case, digits, - . _
    path: str
    title: str
    kind: str  # "open-csv", "excel-csv", "json"
    schema: str | None = None  # a JSON file's JSON Schema, relative to data/


def data_package(files: Sequence[DataFile]) -> str:
    """data/datapackage.json: every data file as a Frictionless Data Package resource."""
    resources = []
    for file in files:
        resource: dict[str, Any] = {"name": file.name, "path": file.path, "title": file.title}
        if file.kind == "open-csv":
            resource |= {
                "type": "table",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": open_csv_schema(),
            }
        elif file.kind == "excel-csv":
            resource |= {
                "type": "table",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "dialect": {"delimiter": ";"},
                "schema": excel_csv_schema(),
            }
        else:
            # "type" keeps a JSON Schema file (*.schema.json) from being read as a Table Schema.
            resource |= {
                "type": "json",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
            }
            if file.schema:
                resource["description"] = f"Beskrivs av JSON-schemat {file.schema}."
        resources.append(resource)
    package = {
        "profile": "data-package",
        "name": "medborgarloften",
        "title": "Uppföljning av medborgarlöften",
        "description": "Öppna data från lofte webb: varje kommuns och periods uppföljning som "
        "CSV för maskiner (engelska nycklar som i JSON), CSV för Excel och JSON. Adresserna är "
        "relativa till den här filen.",
        "resources": resources,
    }
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"
