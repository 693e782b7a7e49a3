"""Rows left out are said in each command's own output (table, Markdown, HTML), not only on
stderr; and a log holding its rows twice is counted once, its second copy left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import MINIMAL_PROMISES, run_lofte, write

from medborgarlofte.core.safe_text import html, markdown

HEADER = "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad"
# Example data: made-up rows.
ROWS = [
    "2019-03-01,kontakt,1,Torget,,,Exempeldata,exempel,2019-03-01T20:00:00+01:00",
    "2019-03-02,kontakt,2,Hamnen,,,Exempeldata,exempel,2019-03-02T20:00:00+01:00",
]
WARNING = (
    "Varning: 3 rader lämnades utanför eftersom de inte kunde läsas, så siffrorna kan vara "
    "för låga. Kör 'lofte check' för att se vilka."
)


@pytest.fixture
def pasted_twice(tmp_path: Path) -> Path:
    """The log with its two rows pasted in again under a second header, and one bad row."""
    write(tmp_path, "promises/2019.yaml", MINIMAL_PROMISES.format(period=2019))
    bad = "2019-03-03,kontkt,1,,,,Exempeldata,exempel,"
    write(tmp_path, "logs/2019.csv", "\n".join([HEADER, *ROWS, bad, HEADER, *ROWS, ""]))
    return tmp_path


def _last_paragraph(text: str) -> str:
    """The output's last paragraph, its lines (wrapped to the terminal) joined."""
    return " ".join(text.rstrip("\n").split("\n\n")[-1].split())


def _run(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_lofte(*args, cwd=root, today="2019-06-30")


def test_status_counts_the_first_copy_once_and_says_so_in_its_table(pasted_twice: Path) -> None:
    result = _run(pasted_twice, "status", "2019", "--per", "2019-06-30")
    assert result.exit_code == 0
    assert _last_paragraph(result.stdout) == WARNING
    data = _run(pasted_twice, "status", "2019", "--per", "2019-06-30", "--format", "json")
    contacts = next(p for p in json.loads(data.stdout)["promises"] if p["id"] == "kontakter")
    assert contacts["done"] == 3  # rows 2 and 3; the pasted copy is not counted again
    assert "W004" in data.stderr and "3 st" in data.stderr


def test_status_markdown_says_it_under_its_title(pasted_twice: Path) -> None:
    result = _run(pasted_twice, "status", "2019", "--format", "markdown")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("# ")
    assert lines[1:3] == ["", f"> **{markdown(WARNING)}**"]


def test_rapport_html_and_markdown_show_the_warning(pasted_twice: Path) -> None:
    page = _run(pasted_twice, "rapport", "2019", "--format", "html")
    assert f'<p class="varning" role="alert">{html(WARNING)}</p>' in page.stdout
    text = _run(pasted_twice, "rapport", "2019", "--format", "markdown")
    assert f"> **{markdown(WARNING)}**" in text.stdout


def test_oversikt_and_webb_show_the_warning(pasted_twice: Path) -> None:
    overview = _run(pasted_twice, "oversikt", "--per", "2019-06-30")
    assert _last_paragraph(overview.stdout) == WARNING
    site = _run(pasted_twice, "webb", "-o", "site", "--per", "2019-06-30")
    assert site.exit_code == 0, site.stderr
    pages = [p.read_text(encoding="utf-8") for p in (pasted_twice / "site").rglob("*.html")]
    assert any('<p class="varning" role="alert">Varning: 3 rader' in page for page in pages)


def test_a_whole_log_shows_no_warning(tmp_path: Path) -> None:
    write(tmp_path, "promises/2019.yaml", MINIMAL_PROMISES.format(period=2019))
    write(tmp_path, "logs/2019.csv", "\n".join([HEADER, *ROWS, ""]))
    for args in (("status", "2019"), ("status", "2019", "-f", "markdown"), ("oversikt",)):
        assert "Varning" not in _run(tmp_path, *args).stdout


def test_a_rapport_fragment_carries_the_warning_and_its_scoped_style(pasted_twice: Path) -> None:
    fragment = _run(pasted_twice, "rapport", "2019", "--fragment").stdout
    assert f'<p class="varning" role="alert">{html(WARNING)}</p>' in fragment
    assert ".lofte-rapport .varning" in fragment
