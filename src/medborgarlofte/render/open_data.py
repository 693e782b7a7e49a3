"""Renderers: the status report as open data for machines (`lofte webb`'s data/ folder).

`data/<kommun>/<period>.csv` is RFC 4180 (UTF-8 without BOM, `,`, CRLF, `.` decimals, ISO
dates, `true`/`false`, an empty cell for null) with the status JSON's English keys, one row
per promise, so pandas, DuckDB and R read it with no options. Each column is defined once in
`OPEN_COLUMNS` (its name, its Table Schema type, its description and its value), and both the
CSV and its description in `data/datapackage.json` are read from there. The Swedish CSV for
Excel (status_data.render_csv) is published beside it as `<period>.excel.csv` and described
by `EXCEL_TYPES`. docs/publicering.md says what the files promise.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from medborgarlofte.judge.evaluate import PromiseResult, StatusReport
from medborgarlofte.render.status_data import CSV_HEADER, result_to_dict, spreadsheet_safe

Cell = str | int | float | bool | None


@dataclass(frozen=True)
class OpenColumn:
    name: str  # the status JSON's key
    type: str  # a Table Schema type: string, integer, number, boolean, date
    description: str  # Swedish, for the Data Package
    value: Callable[[StatusReport, PromiseResult, dict[str, Any]], Cell]
    enum: tuple[str, ...] = ()


def _key(name: str) -> Callable[[StatusReport, PromiseResult, dict[str, Any]], Cell]:
    def value(_report: StatusReport, _result: PromiseResult, data: dict[str, Any]) -> Cell:
        found = data.get(name)
        return found if found is None or isinstance(found, str | int | float | bool) else None

    return value


def _units(result: PromiseResult) -> int | None:
    return None if result.units is None else len(result.judged_units)


def _units_met(result: PromiseResult) -> int | None:
    if result.units is None:
        return None
    return len(result.judged_units) - len(result.missed_units)


STATUS_CODES = ("met", "on_track", "behind", "missed", "ongoing", "not_started")
PER_CODES = ("period", "dygn", "vecka", "månad", "kvartal", "tertial", "halvår", "år")

OPEN_COLUMNS: tuple[OpenColumn, ...] = (
    OpenColumn(
        "kommun", "string", "Kommunen som gav löftena.", lambda r, _p, _d: r.promise_set.kommun
    ),
    OpenColumn(
        "period", "string", "Periodens namn (löftesfilens namn utan .yaml).",
        lambda r, _p, _d: r.promise_set.period.name,
    ),
    OpenColumn(
        "as_of", "date", "Datumet som läget gäller (läge per).",
        lambda r, _p, _d: r.as_of.isoformat(),
    ),
    OpenColumn("id", "string", "Löftets id i löftesfilen.", _key("id")),
    OpenColumn("title", "string", "Löftets rubrik, annars dess id.", _key("title")),
    OpenColumn("area", "string", "Området som löftet står under.", _key("area")),
    OpenColumn("text", "string", "Löftets text så som det skrevs under.", _key("text")),
    OpenColumn(
        "responsible", "string", "Vem som svarar för löftet (polis, kommun), åtskilda med ;.",
        lambda _r, p, _d: ";".join(p.promise.responsible),
    ),
    OpenColumn(
        "target", "integer", "Målets minsta antal (minst) per enhet; tom för ett löpande löfte.",
        _key("target"),
    ),
    OpenColumn(
        "per", "string", "Enheten som målet räknas per; period betyder hela perioden.",
        _key("per"), PER_CODES,
    ),
    OpenColumn("average", "boolean", "true: målet gäller i snitt per enhet.", _key("average")),
    OpenColumn("ongoing", "boolean", "true: ett löpande löfte utan antal.", _key("ongoing")),
    OpenColumn("done", "integer", "Utfört till och med as_of.", _key("done")),
    OpenColumn(
        "expected", "number",
        "Förväntat hittills enligt målets takt, två decimaler; tom för ett löpande löfte.",
        _key("expected"),
    ),
    OpenColumn("rate", "number", "Utfört per förfluten enhet (mål per enhet).", _key("rate")),
    OpenColumn(
        "units_met", "integer",
        "Mål för varje enhet: avslutade enheter som nådde målet; tom för andra mål.",
        lambda _r, p, _d: _units_met(p),
    ),
    OpenColumn(
        "units", "integer",
        "Mål för varje enhet: avslutade enheter som hade ett mål; tom för andra mål.",
        lambda _r, p, _d: _units(p),
    ),
    OpenColumn(
        "status", "string", "Bedömningen, samma kod som i JSON (met, on_track, behind, missed,"
        " ongoing, not_started).", lambda _r, p, _d: str(p.status), STATUS_CODES,
    ),
    OpenColumn(
        "last_activity", "date", "Datumet för den senaste insatsen som räknas; tom om ingen.",
        _key("last_activity"),
    ),
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
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in OPEN_COLUMNS])
    for result in report.results:
        data = result_to_dict(result)
        writer.writerow([_cell(c, c.value(report, result, data)) for c in OPEN_COLUMNS])
    return buffer.getvalue()


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
        fields.append(field)
    return {"fields": fields, "missingValues": [""], "primaryKey": ["id"]}


# The Swedish Excel CSV's columns (status_data.CSV_HEADER) by type; any other is text.
EXCEL_TYPES: dict[str, dict[str, Any]] = {
    "per_datum": {"type": "date"},
    "utfört": {"type": "integer"},
    "förväntat": {"type": "number", "decimalChar": ",", "groupChar": " "},
    "senaste_aktivitet": {"type": "date"},
}


def excel_csv_schema() -> dict[str, Any]:
    fields = [{"name": name, "type": "string", **EXCEL_TYPES.get(name, {})} for name in CSV_HEADER]
    return {"fields": fields, "missingValues": [""]}


@dataclass(frozen=True)
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
