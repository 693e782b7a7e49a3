"""A finished period as published: the site, `rapport` and `rapport --fragment` judge it as of
its last day and show the analysis written after it, titled with its date (docs/publicering.md).
Each test builds all three for the same repo and compares them."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from conftest import MINIMAL_PROMISES, run_lofte, write

ANALYSIS = "Exempeldata: årets analys skrevs efter periodens slut."


@pytest.fixture
def finished_repo(tmp_path: Path) -> Path:
    write(tmp_path, "promises/2026.yaml", MINIMAL_PROMISES.format(period=2026))
    write(
        tmp_path,
        "logs/2026.csv",
        """
        datum,typ,antal,deltagare
        2026-03-01,trygghetsvandring,1,kommun
        2026-09-01,trygghetsvandring,1,grannsamverkan
        """,
    )
    write(
        tmp_path,
        "logs/2026.kommentarer.csv",
        f"""
        datum,löfte,kommentar
        2026-06-01,vandringar,Exempeldata: halvårets kommentar.
        2027-01-14,vandringar,{ANALYSIS}
        """,
    )
    return tmp_path


def _as_of_line(html: str) -> str:
    """The page's "Läge per" fact, as text."""
    match = re.search(r"<dt>Läge per</dt><dd>([^<]*)</dd>", html)
    assert match, html[:400]
    return unescape(match.group(1))


def _analysis(html: str) -> str:
    """The comment box of the promise with the analysis, as text without tags."""
    match = re.search(r'<div class="kommentar">(.*?)</div>', html)
    assert match, "no comment shown"
    return unescape(re.sub(r"<[^>]+>", "", match.group(1)))


def _three(repo: Path, today: str, *per: str) -> dict[str, str]:
    site = run_lofte("webb", *per, cwd=repo, today=today)
    assert site.exit_code == 0, site.stderr
    report = run_lofte("rapport", "2026", "-f", "html", *per, cwd=repo, today=today)
    fragment = run_lofte("rapport", "2026", "--fragment", *per, cwd=repo, today=today)
    markdown = run_lofte("rapport", "2026", *per, cwd=repo, today=today)
    for result in (report, fragment, markdown):
        assert result.exit_code == 0, result.stderr
    return {
        "site": (repo / "_site/exempelby/2026.html").read_text(encoding="utf-8"),
        "rapport": report.stdout,
        "fragment": fragment.stdout,
        "markdown": markdown.stdout,
        "json": (repo / "_site/data/exempelby/2026.json").read_text(encoding="utf-8"),
    }


@pytest.mark.parametrize(
    ("today", "per"),
    [("2027-01-20", ()), ("2027-01-20", ("--per", "2027-01-14")), ("2027-01-14", ())],
)
def test_site_report_and_fragment_agree_on_a_finished_period(
    finished_repo: Path, today: str, per: tuple[str, ...]
) -> None:
    pages = _three(finished_repo, today, *per)
    expected = "31 december 2026 (dag 365 av 365)"
    assert _as_of_line(pages["site"]) == expected
    assert _as_of_line(pages["rapport"]) == expected
    assert _as_of_line(pages["fragment"]) == expected
    assert f"- **Läge per:** {expected}" in pages["markdown"].splitlines()
    title = f"Analys efter periodens slut, 14 januari 2027{ANALYSIS}"
    assert _analysis(pages["site"]) == title
    assert _analysis(pages["rapport"]) == title
    assert _analysis(pages["fragment"]) == title
    assert f"**Analys efter periodens slut, 14 januari 2027:** {ANALYSIS}" in pages["markdown"]
    data = json.loads(pages["json"])
    assert data["as_of"] == "2026-12-31"
    assert [c["date"] for c in data["promises"][0]["comments"]] == ["2026-06-01", "2027-01-14"]
    # The site's index says the same day.
    index = (finished_repo / "_site/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-12-31">31 december 2026</time>' in index


def test_before_the_analysis_is_written_the_latest_comment_is_shown(finished_repo: Path) -> None:
    pages = _three(finished_repo, "2027-01-20", "--per", "2027-01-13")
    for name in ("site", "rapport", "fragment"):
        assert _as_of_line(pages[name]) == "31 december 2026 (dag 365 av 365)"
        shown = _analysis(pages[name])
        assert shown == "Senaste kommentar, 1 juni 2026Exempeldata: halvårets kommentar."


def test_a_running_period_is_judged_on_the_day_asked_for(finished_repo: Path) -> None:
    pages = _three(finished_repo, "2027-01-20", "--per", "2026-07-01")
    for name in ("site", "rapport", "fragment"):
        assert _as_of_line(pages[name]) == "1 juli 2026 (dag 182 av 365)"
        assert _analysis(pages[name]).startswith("Senaste kommentar, 1 juni 2026")
