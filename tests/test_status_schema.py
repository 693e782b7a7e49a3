"""The published open-data schema (schema/status.schema.json) describes real `status` output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import GOLDEN, PROJECT, run_lofte, write
from jsonschema import Draft202012Validator

SCHEMA_PATH = PROJECT / "schema/status.schema.json"

EVERY_UNIT = """
kommun: Exempelby
period: 2020-2021
aktivitetstyper:
  kontakt: Medborgarkontakt
  vandring: Trygghetsvandring
områden:
  - namn: Närvaro
    ansvar: [polis]
    löften:
      - id: varje-manad
        text: Minst en kontakt varje månad.
        mål: {typ: kontakt, minst: 1, per: månad}
      - id: per-ar
        text: Minst två vandringar per år.
        mål: {typ: vandring, minst: 2, per: år, snitt: true}
      - id: lopande
        text: Löpande arbete.
        mål: {typ: vandring, löpande: true}
"""


def _errors(data: Any) -> list[str]:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return sorted(f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data))


def test_the_packaged_copy_is_the_published_schema() -> None:
    packaged = PROJECT / "src/medborgarlofte/data/status.schema.json"
    assert packaged.read_bytes() == SCHEMA_PATH.read_bytes()


def test_golden_status_json_is_valid() -> None:
    for name in ("status-2019-2019-06-30.json", "status-2019-2019-12-31.json"):
        data = json.loads((GOLDEN / name).read_text(encoding="utf-8"))
        assert data["format_version"] == 1
        assert _errors(data) == []


def test_every_unit_and_multi_year_output_is_valid(tmp_path: Path) -> None:
    write(tmp_path, "promises/2020-2021.yaml", EVERY_UNIT)
    write(
        tmp_path,
        "logs/2020-2021.csv",
        "datum,typ,antal\n2020-01-03,kontakt,1\n2020-03-01,vandring,2\n2021-02-01,kontakt,1\n",
    )
    for as_of in ("2019-12-31", "2020-06-30", "2021-03-31", "2021-12-31"):
        result = run_lofte(
            "status", "2020-2021", "--per", as_of, "-f", "json", cwd=tmp_path, today="2022-01-01"
        )
        assert result.exit_code == 0, result.stderr
        data = json.loads(result.stdout)
        assert _errors(data) == []
    promise = data["promises"][0]
    assert promise["units"] and promise["years"]


def test_several_kommuner_give_a_valid_list(tmp_path: Path) -> None:
    for kommun in ("kalix", "haparanda"):
        write(tmp_path, f"promises/{kommun}/2020-2021.yaml", EVERY_UNIT)
    result = run_lofte("status", "2020", "--per", "2020-06-30", "-f", "json", cwd=tmp_path)
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 2
    assert _errors(data) == []


def test_the_schema_rejects_what_a_reader_could_not_use() -> None:
    data = json.loads((GOLDEN / "status-2019-2019-06-30.json").read_text(encoding="utf-8"))
    broken = {**data, "format_version": 2, "as_of": "30/6/2019"}
    broken["promises"] = [{**data["promises"][0], "status": "klar"}]
    del broken["summary"]
    assert _errors(broken) == [
        "['as_of']: '30/6/2019' does not match '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'",
        "['as_of']: '30/6/2019' is not a 'date'",
        "['format_version']: 1 was expected",
        "['promises', 0, 'status']: 'klar' is not one of "
        "['met', 'on_track', 'behind', 'missed', 'ongoing', 'not_started']",
        "[]: 'summary' is a required property",
    ]
