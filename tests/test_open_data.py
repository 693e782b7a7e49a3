"""`lofte webb`'s open data read by the clients people use, with no options: the CSV by pandas
and DuckDB equals the JSON beside it, `data/datapackage.json` passes `frictionless validate`,
and `data/index.json` is valid against its own schema (docs/publicering.md)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import duckdb
import pandas
import pytest
from conftest import PROJECT, run_lofte, write
from frictionless import validate
from jsonschema import Draft202012Validator

PROMISES = """
kommun: Övertorneå
lokalpolisområde: Haparanda/Övertorneå
period: 2019
aktivitetstyper:
  kontakt: Medborgarkontakt
  vandring: Trygghetsvandring
områden:
  - namn: Närvaro, "synlighet" och trygghet
    ansvar: [polis, kommun]
    löften:
      - id: kontakter-varje-vecka
        rubrik: Kontakter varje vecka
        text: >-
          Minst två kontakter varje vecka, med "grannar", föreningar; och skolor.
        mål: {typ: kontakt, minst: 2, per: vecka}
      - id: var-tredje-vecka
        text: Minst en kontakt var tredje vecka.
        mål: {typ: kontakt, minst: 1, per: 3 veckor}
      - id: snitt
        text: Minst tre kontakter i snitt per vecka.
        mål: {typ: kontakt, minst: 3, per: vecka, snitt: true}
      - id: vandringar
        text: =Minst två vandringar under året.
        mål: {typ: vandring, minst: 2}
      - id: lopande
        text: Löpande arbete med grannsamverkan.
        mål: {typ: vandring, löpande: true}
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    write(tmp_path, "promises/2019.yaml", PROMISES)
    rows = ["datum,typ,antal"]
    rows += [f"2019-{month:02d}-{day:02d},kontakt,1" for month in range(1, 13) for day in (2, 5)]
    rows += ["2019-04-01,vandring,1", "2019-05-02,kontakt,200"]
    write(tmp_path, "logs/2019.csv", "\n".join(rows) + "\n")
    result = run_lofte("webb", "--per", "2019-12-31", cwd=tmp_path, today="2020-01-02")
    assert result.exit_code == 0, result.stderr
    return tmp_path / "_site"


def _expected_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """What each CSV row must hold, from the JSON's promise objects."""
    rows = []
    for promise in data["promises"]:
        judged = [u for u in promise.get("units", ()) if u["met"] is not None and u["need"] > 0]
        complete = [u for u in judged if u["end"] <= data["as_of"] or u["met"] is False]
        has_units = "units" in promise
        text = promise["text"]
        rows.append(
            {
                "kommun": data["kommun"],
                "period": data["period"]["name"],
                "as_of": data["as_of"],
                "id": promise["id"],
                "title": promise["title"],
                "area": promise["area"],
                "text": "'" + text if text[0] in "=+-@" else text,
                "responsible": ";".join(promise["responsible"]),
                "target": promise["target"],
                "per": promise["per"],
                "average": promise["average"],
                "ongoing": promise["ongoing"],
                "done": promise["done"],
                "expected": promise["expected"],
                "rate": promise.get("rate"),
                "units_met": sum(1 for u in complete if u["met"]) if has_units else None,
                "units": len(complete) if has_units else None,
                "status": promise["status"],
                "last_activity": promise["last_activity"],
            }
        )
    return rows


def _same(read: Any, expected: Any) -> bool:
    if expected is None:
        return read is None or (isinstance(read, float) and math.isnan(read))
    if isinstance(expected, float) or isinstance(read, float):
        return math.isclose(float(read), float(expected))
    return bool(read == expected) or str(read) == str(expected)


def test_pandas_reads_the_csv_with_no_options_as_the_json_says(site: Path) -> None:
    data = json.loads((site / "data/overtornea/2019.json").read_text(encoding="utf-8"))
    expected = _expected_rows(data)
    frame = pandas.read_csv(site / "data/overtornea/2019.csv")
    assert list(frame.columns) == list(expected[0])
    assert len(frame) == len(expected) == 5
    for (_, row), want in zip(frame.iterrows(), expected, strict=True):
        for key, value in want.items():
            got = row[key]
            got = None if isinstance(got, float) and math.isnan(got) else got
            assert _same(got.item() if hasattr(got, "item") else got, value), (key, got, value)
    assert str(frame["expected"].dtype) == "float64"
    assert str(frame["done"].dtype) == "int64"
    assert str(frame["average"].dtype) == "bool"
    # 7 of 53 weeks is not met, and the file says so in numbers and the JSON's code.
    weekly = frame.iloc[0]
    assert weekly["status"] == "missed"
    assert (weekly["units_met"], weekly["units"]) == (7, 53)


def test_duckdb_reads_the_csv_with_no_options_as_the_json_says(site: Path) -> None:
    data = json.loads((site / "data/overtornea/2019.json").read_text(encoding="utf-8"))
    expected = _expected_rows(data)
    relation = duckdb.read_csv(str(site / "data/overtornea/2019.csv"))
    types = dict(zip(relation.columns, (str(t) for t in relation.types), strict=True))
    assert relation.columns == list(expected[0])
    assert types["expected"] == "DOUBLE" and types["target"] == "BIGINT"
    assert types["average"] == "BOOLEAN" and types["as_of"] == "DATE"
    assert types["units_met"] == "BIGINT" and types["status"] == "VARCHAR"
    for row, want in zip(relation.fetchall(), expected, strict=True):
        for key, got in zip(relation.columns, row, strict=True):
            value = want[key]
            if key in ("as_of", "last_activity") and got is not None:
                got = got.isoformat()
            assert _same(got, value), (key, got, value)


def test_csv_bytes_are_rfc_4180(site: Path) -> None:
    raw = (site / "data/overtornea/2019.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line for line in lines)
    assert lines[0].decode() == (
        "kommun,period,as_of,id,title,area,text,responsible,target,per,average,ongoing,done,"
        "expected,rate,units_met,units,status,last_activity"
    )
    assert b'"Minst tv\xc3\xa5 kontakter varje vecka, med ""grannar"", f' in raw
    assert b",'=Minst tv" in raw  # a cell Excel would run as a formula is defused
    # The Swedish CSV for Excel is beside it, unchanged.
    excel = (site / "data/overtornea/2019.excel.csv").read_bytes()
    assert excel.startswith(b"\xef\xbb\xbfkommun;period;per_datum;")


def test_data_package_passes_frictionless_validate(site: Path) -> None:
    package = json.loads((site / "data/datapackage.json").read_text(encoding="utf-8"))
    described = sorted(r["path"] for r in package["resources"])
    on_disk = sorted(
        p.relative_to(site / "data").as_posix()
        for p in (site / "data").rglob("*")
        if p.is_file() and p.name != "datapackage.json"
    )
    assert described == on_disk
    report = validate(site / "data/datapackage.json")
    assert report.valid, report.flatten(["type", "note"])
    assert len(report.tasks) == len(described)


def test_frictionless_finds_a_broken_cell(site: Path) -> None:
    """The validation reads the cells against their types: it is not a formality."""
    path = site / "data/overtornea/2019.csv"
    path.write_bytes(path.read_bytes().replace(b",missed,", b",uppfyllt,", 1))
    report = validate(site / "data/datapackage.json")
    assert not report.valid
    assert [e[0] for e in report.flatten(["type"])] == ["constraint-error"]


def test_the_example_repos_site_passes_every_reader(example_repo: Path) -> None:
    result = run_lofte("webb", "--per", "2019-09-30", cwd=example_repo, today="2019-10-01")
    assert result.exit_code == 0, result.stderr
    data_dir = example_repo / "_site/data"
    report = validate(data_dir / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])
    data = json.loads((data_dir / "kalix/2019.json").read_text(encoding="utf-8"))
    frame = pandas.read_csv(data_dir / "kalix/2019.csv")
    assert list(frame["id"]) == [p["id"] for p in data["promises"]]
    assert list(frame["status"]) == [p["status"] for p in data["promises"]]
    relation = duckdb.read_csv(str(data_dir / "kalix/2019.csv"))
    assert [r[0] for r in relation.project("done").fetchall()] == [
        p["done"] for p in data["promises"]
    ]


def test_index_json_is_valid_against_its_own_schema(site: Path) -> None:
    index = json.loads((site / "data/index.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data" / index["schema"]).read_text(encoding="utf-8"))
    assert schema == json.loads((PROJECT / "schema/index.schema.json").read_text(encoding="utf-8"))
    packaged = PROJECT / "src/medborgarlofte/data/index.schema.json"
    assert packaged.read_bytes() == (PROJECT / "schema/index.schema.json").read_bytes()
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert list(validator.iter_errors(index)) == []
    broken = {**index, "kommuner": [{"kommun": "X", "slug": "x", "periods": [{"page": "/x"}]}]}
    assert len(list(validator.iter_errors(broken))) > 3
