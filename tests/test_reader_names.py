"""People read names, not slugs (docs/publicering.md): deltagare and typer by their
descriptions, an exempt range by its name, a commit by its date and message; the fragment
never adds a second h1 to the host page; usage errors say what was actually given."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import PROJECT, run_lofte, write
from jsonschema import Draft202012Validator

PROMISES = """
kommun: Exempelby
period: 2026
aktivitetstyper:
  samtal: Samtal med unga i riskzon
deltagare:
  socialtjanst: Socialtjänsten
områden:
  - namn: Unga
    löften:
      - id: samtal
        text: Minst ett samtal varje vecka tillsammans med socialtjänsten.
        mål:
          typ: samtal
          minst: 1
          per: vecka
          deltagare: [socialtjanst]
          utom: [juli, {{från: 2026-12-19, till: 2026-12-31, namn: {name}}}]
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(tmp_path, "promises/2026.yaml", PROMISES.format(name="jullov"))
    write(tmp_path, "logs/2026.csv", "datum,typ,deltagare\n2026-02-03,samtal,socialtjanst\n")
    return tmp_path


def test_deltagare_typer_and_exempt_ranges_by_their_names(repo: Path) -> None:
    markdown = run_lofte("rapport", cwd=repo, today="2026-03-01")
    assert markdown.exit_code == 0, markdown.stderr
    assert "- **Mål:** minst 1 varje vecka utom juli och jullov" in markdown.stdout
    assert "- **Räknas:** Samtal med unga i riskzon, bara med Socialtjänsten" in markdown.stdout
    html = run_lofte("rapport", "-f", "html", cwd=repo, today="2026-03-01").stdout
    assert "<dd>Samtal med unga i riskzon, bara med Socialtjänsten</dd>" in html
    for text in (markdown.stdout, html):
        assert "2026-12-19" not in text and "socialtjanst" not in text
    detail = run_lofte("status", "2026", "samtal", cwd=repo, today="2026-03-01").stdout
    assert "räknas bara med Socialtjänsten" in detail
    assert "socialtjanst)" not in detail


def test_a_bad_exempt_name_is_E130(repo: Path) -> None:
    for name, shown in (('""', "''"), ("x" * 41, "'" + "x" * 40 + "…'"), ("[a, b]", "en lista")):
        write(repo, "promises/2026.yaml", PROMISES.format(name=name))
        check = run_lofte("check", "--format", "json", cwd=repo, today="2026-03-01")
        problems = json.loads(check.stdout)
        assert [p["code"] for p in problems] == ["E130"], problems
        assert f"inte {shown}." in problems[0]["message"]
    status = run_lofte("status", cwd=repo, today="2026-03-01")
    assert status.exit_code == 1 and "E130" in status.stderr


def test_the_editor_schema_takes_a_named_range() -> None:
    schema = json.loads((PROJECT / "schema/loften.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    part = {"$ref": "#/$defs/utomdel"}
    checker = Draft202012Validator({**part, "$defs": schema["$defs"]})
    assert checker.is_valid({"från": "2026-12-19", "till": "2026-12-31", "namn": "jullov"})
    assert not checker.is_valid({"från": "2026-12-19", "till": "2026-12-31", "namn": ""})
    assert not checker.is_valid({"från": "2026-12-19", "till": "2026-12-31", "namn": "a\nb"})
    assert not checker.is_valid({"från": "2026-12-19", "till": "2026-12-31", "namm": "x"})
    assert validator is not None


def _headings(html: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])\b", html)]


@pytest.mark.parametrize(
    ("args", "top"), [((), 2), (("--rubrikniva", "3"), 3), (("--rubrikniva", "1"), 1)]
)
def test_the_fragment_keeps_the_host_pages_single_h1(
    repo: Path, args: tuple[str, ...], top: int
) -> None:
    result = run_lofte("rapport", "--fragment", *args, cwd=repo, today="2026-03-01")
    assert result.exit_code == 0, result.stderr
    levels = _headings(result.stdout)
    assert levels[0] == top and min(levels) == top
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    css = result.stdout.split("<style>", 1)[1].split("</style>", 1)[0]
    # The style follows the headings: the title's rule is for the title's new level.
    assert f".lofte-rapport .rubrik h{top} {{" in css


def test_rubrikniva_needs_the_fragment(repo: Path) -> None:
    result = run_lofte("rapport", "--rubrikniva", "3", cwd=repo, today="2026-03-01")
    assert result.exit_code == 2
    assert "--rubrikniva gäller bara med --fragment" in result.stderr


def test_historik_to_a_markdown_file_says_what_to_do(repo: Path) -> None:
    result = run_lofte("rapport", "-o", "x.md", "--historik", cwd=repo, today="2026-03-01")
    assert result.exit_code == 2
    assert "-f markdown" not in result.stderr
    assert "rapporten till x.md blir Markdown" in result.stderr
    assert "ange -f html" in result.stderr
    given = run_lofte("rapport", "-f", "markdown", "--historik", cwd=repo, today="2026-03-01")
    assert given.exit_code == 2 and "ta bort -f markdown" in given.stderr
