"""`lofte loften` and `lofte typer`: a period's promises and vocabulary, as tables and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import assert_golden, run_lofte, write

PROMISES = """
kommun: Exempelby
period: 2020-2021
aktivitetstyper:
  trygghetsvandring: Trygghetsvandring i bostadsområde
  skolbesök: Besök på skola
  möte: Möte utan löfte
deltagare:
  grannsamverkan: Grannsamverkan
områden:
  - namn: Trygghet
    ansvar: [polis, kommun]
    löften:
      - id: vandringar
        text: Minst två trygghetsvandringar med kommunen eller grannsamverkan.
        mål: {typ: trygghetsvandring, minst: 2, deltagare: [kommun, grannsamverkan]}
  - namn: Unga
    löften:
      - id: skolbesok
        text: Ett skolbesök varje månad på kvällstid.
        mål: {typ: [skolbesök, trygghetsvandring], minst: 1, per: månad, taggar: [kväll]}
      - id: lopande
        text: Löpande skolbesök.
        mål: {typ: skolbesök, löpande: true}
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(tmp_path, "promises/2020-2021.yaml", PROMISES)
    return tmp_path


def test_loften_table(repo: Path) -> None:
    result = run_lofte("loften", "2021", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert_golden("loften-2020-2021.txt", result.stdout)


def test_loften_json(repo: Path) -> None:
    result = run_lofte("loften", "2020-2021", "-f", "json", cwd=repo)
    data = json.loads(result.stdout)
    assert data["period"] == {"name": "2020-2021", "start": "2020-01-01", "end": "2021-12-31"}
    assert data["promises"][1] == {
        "id": "skolbesok",
        "title": "skolbesok",
        "area": "Unga",
        "text": "Ett skolbesök varje månad på kvällstid.",
        "responsible": [],
        "target": 1,
        "per": "månad",
        "average": False,
        "ongoing": False,
        "types": ["skolbesök", "trygghetsvandring"],
        "participants": [],
        "tags": ["kvall"],
        "exempt": [],
        "target_words": "minst 1 varje månad",
    }
    assert [p["id"] for p in data["promises"]] == ["vandringar", "skolbesok", "lopande"]


def test_typer_lists_types_with_their_promises_and_participants(repo: Path) -> None:
    result = run_lofte("typer", "2020", "-f", "json", cwd=repo)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["types"] == [
        {
            "slug": "trygghetsvandring",
            "description": "Trygghetsvandring i bostadsområde",
            "promises": ["vandringar", "skolbesok"],
        },
        {
            "slug": "skolbesök",
            "description": "Besök på skola",
            "promises": ["skolbesok", "lopande"],
        },
        {"slug": "möte", "description": "Möte utan löfte", "promises": []},
    ]
    assert data["participants"] == [
        {"slug": "polis", "description": "Polisen"},
        {"slug": "kommun", "description": "Kommunen"},
        {"slug": "grannsamverkan", "description": "Grannsamverkan"},
    ]
    table = run_lofte("typer", "2020", cwd=repo)
    assert_golden("typer-2020-2021.txt", table.stdout)


def test_listing_in_a_multi_kommun_repo(tmp_path: Path) -> None:
    write(tmp_path, "promises/kalix/2020-2021.yaml", PROMISES.replace("Exempelby", "Kalix"))
    write(tmp_path, "promises/haparanda/2020.yaml", PROMISES.replace("2020-2021", "2020"))
    both = run_lofte("loften", "2020", "-f", "json", cwd=tmp_path)
    assert [d["file"] for d in json.loads(both.stdout)] == [
        "promises/haparanda/2020.yaml",
        "promises/kalix/2020-2021.yaml",
    ]
    one = run_lofte("typer", "2020", "--kommun", "KALIX", "-f", "json", cwd=tmp_path)
    assert json.loads(one.stdout)["kommun"] == "Kalix"


def test_a_broken_promise_file_is_an_error(repo: Path) -> None:
    path = repo / "promises/2020-2021.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("minst: 2", "minst: noll"))
    result = run_lofte("loften", "2020", cwd=repo)
    assert result.exit_code == 1
    assert result.stderr.startswith("promises/2020-2021.yaml:")
