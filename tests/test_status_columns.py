"""A status column is defined once (render/status_columns.py, STATUS_COLUMNS): the terminal
table, Markdown, the Excel CSV, the JSON, the open data and the report's HTML and Markdown
all take their columns, headers, alignment and types from that table."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import PROJECT, run_lofte

from medborgarlofte.render.status_columns import (
    COLUMNS,
    REPORT_COLUMNS,
    SHORT_COLUMNS,
    STATUS_COLUMNS,
    TABLE_COLUMNS,
    Align,
    markdown_rule,
)
from medborgarlofte.render.status_data import CSV_HEADER


def _status(*args: str) -> str:
    result = run_lofte("status", "2019", "--per", "2019-06-30", *args, cwd=PROJECT)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_the_table_holds_each_column_once_with_every_view_it_appears_in() -> None:
    keys = [c.key for c in STATUS_COLUMNS]
    assert len(keys) == len(set(keys))
    assert COLUMNS == ("Löfte", "Mål", "Utfört", "Krävs hittills", "Status")
    assert SHORT_COLUMNS == ("Löfte", "Mål", "Utfört", "Krävs", "Status")
    assert [c.key for c in TABLE_COLUMNS if c.align is Align.RIGHT] == ["done", "expected"]
    assert [c.header for c in REPORT_COLUMNS] == ["Löfte", "Mål", "Utfört", "Status"]
    for column in TABLE_COLUMNS:
        assert column.words is not None, column.key


def test_json_keys_come_from_the_columns_in_order() -> None:
    from datetime import date

    from medborgarlofte.core.model import Area, Period, Promise, PromiseSet, Target
    from medborgarlofte.judge.evaluate import evaluate
    from medborgarlofte.render.status_data import result_to_dict

    promise = Promise("p", "Exempeldata.", "Område", ("polis",), Target(("a",), 2))
    promise_set = PromiseSet(
        path="promises/2019.yaml",
        log_path="logs/2019.csv",
        kommun="Exempelby",
        kommun_key=None,
        police_area="",
        period=Period("2019", date(2019, 1, 1), date(2019, 12, 31)),
        activity_types={"a": "A"},
        participants={"polis": ""},
        areas=(Area("Område", ("polis",), (promise,)),),
    )
    (result,) = evaluate(promise_set, [], date(2019, 6, 30)).results
    column_keys = [c.key for c in STATUS_COLUMNS if c.in_json]
    assert list(result_to_dict(result)) == column_keys
    assert column_keys[:3] == ["id", "title", "area"]
    shown = json.loads(_status("--format", "json"))["promises"][0]
    assert list(shown)[: len(column_keys)] == column_keys


def test_csv_header_is_the_row_context_and_the_columns() -> None:
    header = _status("--format", "csv").lstrip("\ufeff").splitlines()[0].split(";")
    assert header == list(CSV_HEADER)
    assert header[4:] == [c.csv for c in STATUS_COLUMNS if c.csv]


def test_markdown_and_terminal_headers_and_alignment_come_from_the_columns() -> None:
    markdown = _status("--format", "markdown")
    assert "| " + " | ".join(COLUMNS) + " |\n" + markdown_rule(TABLE_COLUMNS) + "\n" in markdown
    assert markdown_rule(TABLE_COLUMNS) == "|---|---|--:|--:|---|"
    table = _status()
    assert re.search(r"Löfte\s+┃\s+Mål\s+┃\s+Utfört\s+┃\s+Krävs hittills\s+┃\s+Status", table)


def test_the_reports_summary_table_takes_its_columns_from_the_table(tmp_path: Path) -> None:
    out = tmp_path / "rapport.html"
    result = run_lofte("rapport", "2019", "--per", "2019-06-30", "-o", str(out), cwd=PROJECT)
    assert result.exit_code == 0, result.stderr
    head = re.search(r"<thead><tr>(.*?)</tr></thead>", out.read_text(encoding="utf-8")).group(1)
    assert re.findall(r">([^<]+)</th>", head) == [c.header for c in REPORT_COLUMNS]
    assert '<th scope="col" class="mal">Mål</th><th scope="col" class="tal">Utfört</th>' in head


def test_the_open_data_takes_its_status_columns_from_the_table() -> None:
    from medborgarlofte.render.open_data import EXCEL_TYPES, OPEN_COLUMNS, open_csv_schema
    from medborgarlofte.render.status_columns import OPEN_STATUS_COLUMNS

    names = [c.name for c in OPEN_COLUMNS]
    assert names[:3] == ["kommun", "period", "as_of"]
    assert names[3:] == [c.key for c in OPEN_STATUS_COLUMNS]
    fields = open_csv_schema()["fields"][3:]
    assert [(f["name"], f["type"]) for f in fields] == [
        (c.key, c.open_type) for c in OPEN_STATUS_COLUMNS
    ]
    assert EXCEL_TYPES["utfört"] == {"type": "integer"}
    assert EXCEL_TYPES["senaste_aktivitet"] == {"type": "date"}
