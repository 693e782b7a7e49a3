"""Every page lofte publishes passes the Nu Html Checker (vnu) with no error: the site's index
and follow-up pages, `rapport -o`, and the fragment inside a host page, for the shipped
example and for hostile input (a title of 80 wide characters, a comment of 100,000
characters, 10,000 measurements). Skips, saying why, without Java and vnu.jar (`.ci/run`
installs the `vnu-jar` package and points LOFTE_VNU_JAR at its jar)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import run_lofte, write
from test_phone_layout import HOSTILE


def _vnu() -> list[str]:
    jar = os.environ.get("LOFTE_VNU_JAR", "")
    java = shutil.which("java")
    if not jar or not Path(jar).is_file() or java is None:
        pytest.skip("Nu Html Checker saknas (java och LOFTE_VNU_JAR; .ci/run installerar dem)")
    return [java, "-jar", jar]


def _errors(pages: list[Path]) -> list[str]:
    result = subprocess.run(
        [*_vnu(), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in messages]


def _pages(repo: Path, tmp_path: Path, period: str) -> list[Path]:
    site = run_lofte("webb", "--per", "2019-09-30", cwd=repo, today="2019-10-01")
    assert site.exit_code == 0, site.stderr
    report = tmp_path / "rapport.html"
    written = run_lofte("rapport", period, "-o", str(report), cwd=repo, today="2019-10-01")
    assert written.exit_code == 0, written.stderr
    fragment = run_lofte("rapport", period, "--fragment", cwd=repo, today="2019-10-01")
    host = tmp_path / "vard.html"
    host.write_text(
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Kommunen</title>'
        f"</head><body><h1>Kommunen</h1>{fragment.stdout}</body></html>",
        encoding="utf-8",
    )
    return [*sorted((repo / "_site").rglob("*.html")), report, host]


def test_the_examples_pages_have_no_errors(example_repo: Path, tmp_path: Path) -> None:
    pages = _pages(example_repo, tmp_path, "2019")
    assert len(pages) >= 4
    assert _errors(pages) == []


def test_hostile_input_keeps_every_page_valid(tmp_path: Path) -> None:
    _vnu()
    repo = tmp_path / "repo"
    wide = "漢" * 80
    url = "https://example.org/" + "a" * 300
    write(repo, "promises/2019.yaml", HOSTILE.format(wide=wide, url=url))
    write(repo, "logs/2019.csv", "datum,typ,antal\n2019-03-01,vandring,999999999\n")
    comment = "Exempeldata: " + ("ordet " * 16_000) + "x" * 4_000
    header = "datum,löfte,kommentar\n"
    write(repo, "logs/2019.kommentarer.csv", f"{header}2019-04-01,vandringar,{comment}\n")
    first = date(1992, 8, 11)
    rows = "".join(f"{first + timedelta(days=n)},inbrott,{n % 97}\n" for n in range(10_000))
    write(repo, "logs/2019.matningar.csv", "datum,indikator,värde\n" + rows)
    assert _errors(_pages(repo, tmp_path, "2019")) == []
