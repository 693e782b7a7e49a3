"""`lofte check` reports every problem of a repo in one run, sorted by file and line.

The expected output is tests/golden/check-many.txt, compared whole.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import GOLDEN, run_lofte, write

PROMISES = """
kommun: Exempelby
lokalpolisomrde: Exempelområdet
period: 2019
aktivitetstyper:
  trygghetsvandring: Trygghetsvandring
  kontakt: Medborgarkontakt
områden:
  - namn: Trygghet
    löften:
      - id: vandringar
        text: Minst två trygghetsvandringar.
        mål: {typ: trygghetsvandrng, minst: 2}
      - id: vandringar
        text: Kontakter.
        mål: {typ: kontakt, minst: 0, per: veckan}
"""

# Example data: every row is made up.
LOG = (
    "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad\n"
    "2019-02-30,kontakt,1,Torget,,,Exempeldata,exempel,\n"
    "2019-03-01,kontakt,0,Torget,,,Exempeldata,exempel,\n"
    "2019-03-02,kontakten,1,=Torget,polis,,Exempeldata,exempel,\n"
    "2019-03-03,kontakt,1,Torget,,,Exempeldata: samtal med 811218-9876,exempel,\n"
    "2019-03-01,kontakt,0,Torget,,,Exempeldata,exempel,\n"
    '2019-03-04,kontakt,2,"Torget\noch hamnen",polisen,,Exempeldata,exempel,\n'
    "2019-03-05,kontakt,1,Torget,,,Exempeldata,exempel,,extra\n"
    "2019-03-06,kontakt"
)

EXPECTED = (GOLDEN / "check-many.txt").read_text(encoding="utf-8")


def make_repo(root: Path) -> None:
    write(root, "promises/2019.yaml", PROMISES)
    (root / "logs").mkdir()
    (root / "logs/2019.csv").write_text(LOG, encoding="utf-8")
    (root / "logs/2020.csv").write_text("datum,typ\n", encoding="utf-8")


def test_every_problem_in_one_run_in_file_and_line_order(tmp_path: Path) -> None:
    make_repo(tmp_path)
    result = run_lofte("check", cwd=tmp_path, today="2019-06-30")
    assert result.exit_code == 1
    assert result.stdout == EXPECTED


def test_json_lists_the_same_problems_in_the_same_order(tmp_path: Path) -> None:
    make_repo(tmp_path)
    result = run_lofte("check", "--format", "json", cwd=tmp_path, today="2019-06-30")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    as_text = [
        f"{p['path']}:{p['line']}:{p['code']}" if p["line"] else f"{p['path']}:{p['code']}"
        for p in problems
    ]
    from_text = [
        ":".join(part for part in line.split(": ")[0].split(":")[:2]) + ":" + line.split()[2][:-1]
        for line in EXPECTED.splitlines()[:-1]
    ]
    assert as_text == from_text
