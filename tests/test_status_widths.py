"""The status table fitted to the terminal: full words, shorter words, then one block per
promise; every område's table of one report with the same column widths."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import PROJECT, assert_golden, run_lofte, write

EVERY_UNIT = PROJECT / "tests" / "exempel" / "varje-enhet"


@pytest.mark.parametrize("columns", ["120", "80", "60", "40"])
def test_status_fits_the_terminal(columns: str) -> None:
    kalix = run_lofte("status", "2019", "--per", "2019-09-30", cwd=PROJECT, COLUMNS=columns)
    every = run_lofte("status", "2019", cwd=EVERY_UNIT, COLUMNS=columns)
    assert (kalix.exit_code, every.exit_code) == (0, 0)
    for line in (kalix.stdout + every.stdout).splitlines():
        assert len(line.rstrip()) <= int(columns), line
    assert_golden(f"status-bredd-{columns}.txt", kalix.stdout + "\n" + every.stdout)


def test_area_tables_share_column_widths() -> None:
    result = run_lofte("status", "2019", "--per", "2019-09-30", cwd=PROJECT, COLUMNS="120")
    tops = [line for line in result.stdout.splitlines() if line.startswith("┏")]
    assert len(tops) == 3 and len(set(tops)) == 1


def test_every_unit_promise_names_units_met_and_missed_everywhere() -> None:
    table = run_lofte("status", "2019", cwd=EVERY_UNIT, COLUMNS="120").stdout
    assert "10 av 12 månader" in table and "missade: mars, juli" in table
    assert "47 av 53 veckor" in table
    markdown = run_lofte("status", "2019", "--format", "markdown", cwd=EVERY_UNIT).stdout
    assert "✘ Ej uppfyllt (missade: mars, juli)" in markdown
    assert "✘ Ej uppfyllt (missade: v. 14, v. 32–34, v. 45, v. 1 2020)" in markdown
    strict = run_lofte("check", "--strikt", "--per", "2019-12-31", cwd=EVERY_UNIT)
    assert strict.exit_code == 3
    assert (
        "Löftet 'Skolbesök varje månad' (skolbesok) är inte uppfyllt per 2019-12-31:"
        " 10 av 12 månader nådde målet, missade: mars, juli." in strict.stdout
    )


def test_every_unit_detail_and_report_goldens() -> None:
    detail = run_lofte("status", "2019", "skolbesok", cwd=EVERY_UNIT, COLUMNS="80")
    assert_golden("status-detalj-skolbesok-2019-12-31.txt", detail.stdout)
    for fmt, suffix in (("markdown", "md"), ("html", "html")):
        report = run_lofte("rapport", "2019", "--format", fmt, cwd=EVERY_UNIT)
        assert report.exit_code == 0
        assert_golden(f"rapport-varje-enhet-2019-12-31.{suffix}", report.stdout)


def test_every_unit_chart_says_in_words_which_units_met_and_missed() -> None:
    page = run_lofte("rapport", "2019", "--format", "html", cwd=EVERY_UNIT).stdout
    chart = page[page.index('<svg viewBox="0 0 360 150" role="img" aria-labelledby="diagram-2-1') :]
    chart = chart[: chart.index("</svg>")]
    assert '<title id="diagram-2-1-titel">Löfte 2.1: utfört per månad mot målet</title>' in chart
    assert "10 av 12 månader nådde målet (minst 1 varje månad). Missade: mars, juli." in chart
    assert chart.count(">✘</text>") == 2  # the missed months marked by a sign, not colour alone
    assert "Krävs hittills" in page and "avrundat nedåt" in page


def test_log_insats_reports_an_every_unit_promise_in_units(tmp_path: Path) -> None:
    shutil.copytree(EVERY_UNIT, tmp_path / "repo")
    result = run_lofte(
        "log", "insats", "--typ", "skolbesök", "--datum", "2019-12-20", cwd=tmp_path / "repo"
    )
    assert result.exit_code == 0, result.stderr
    assert (
        "  skolbesok: 10 av 12 månader nådde målet, mål minst 1 varje månad – ✘ Ej uppfyllt"
        in result.stdout
    )


def test_narrow_layout_prints_user_text_literally(tmp_path: Path) -> None:
    shutil.copytree(EVERY_UNIT, tmp_path / "repo")
    promises = tmp_path / "repo" / "promises" / "2019.yaml"
    text = promises.read_text(encoding="utf-8")
    promises.write_text(text.replace("rubrik: Grannsamverkan", "rubrik: '[bold]Grannsamverkan'"))
    result = run_lofte("status", "2019", cwd=tmp_path / "repo", COLUMNS="40")
    assert "\n[bold]Grannsamverkan\n" in result.stdout


# --- every view at every width: no name lost, no number column dropped, no word broken ---

NARROW_PROMISES = """
kommun: Exempelby
lokalpolisområde: Exempelområdet
period: 2026
aktivitetstyper:
  skadegorelse: Insats mot skadegörelse
  vandring: Trygghetsvandring
deltagare:
  grannsamverkan: Grannsamverkan
områden:
  - namn: Skadegörelse och otrygghet i centrum
    löften:
      - id: skadegorelse
        rubrik: Insatser mot skadegörelsebrott i centrum
        text: "Exempeldata: minst två insatser mot skadegörelsebrott varje månad."
        mål: {typ: skadegorelse, minst: 2, per: månad}
      - id: vandringar
        rubrik: Trygghetsvandringar med grannsamverkan
        text: "Exempeldata: minst fyra trygghetsvandringar tillsammans med grannsamverkan."
        mål: {typ: vandring, minst: 4, deltagare: [grannsamverkan]}
    indikatorer:
      - id: skadegorelsebrott
        namn: Anmälda skadegörelsebrott per 1 000 invånare (exempeldata)
        källa: Exempeldata
        enhet: antal per 1 000 invånare
        riktning: minska
        utgångsläge: {datum: 2025-12-31, värde: 12.5}
        mål: 10
"""
NARROW_LOG = """\
datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad
2026-01-10,skadegorelse,2,Stationsområdet,polis,,Exempeldata,exempel-kommunpolis,
2026-02-11,skadegorelse,1,Stationsområdet,polis,,Exempeldata,exempel-kommunpolis,
2026-03-05,vandring,1,Centrum,polis;kommun,,Exempeldata,exempel-samordnare,
2026-03-19,vandring,1,Resecentrum,polis;grannsamverkan,,Exempeldata,exempel-samordnare,
2026-04-02,vandring,1,Skolområdet vid Furuhedsskolan,polis,,Exempeldata,exempel-samordnare,
2026-04-20,vandring,1,Centrum,grannsamverkan,,Exempeldata,exempel-samordnare,
"""
NARROW_MEASUREMENTS = """\
datum,indikator,värde,källa,registrerad_av,registrerad
2026-03-31,skadegorelsebrott,"11,5",Exempeldata,exempel,
"""
# What each view must show whole at every width.
NAMES = (
    "Insatser mot skadegörelsebrott i centrum",
    "Trygghetsvandringar med grannsamverkan",
    "Anmälda skadegörelsebrott per 1 000 invånare (exempeldata)",
)


def _narrow_repo(root: Path) -> Path:
    write(root, "promises/2026.yaml", NARROW_PROMISES)
    (root / "logs").mkdir()
    (root / "logs/2026.csv").write_text(NARROW_LOG, encoding="utf-8")
    (root / "logs/2026.matningar.csv").write_text(NARROW_MEASUREMENTS, encoding="utf-8")
    return root


def _words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("columns", ["120", "80", "60", "40"])
def test_every_view_keeps_names_numbers_and_words_whole(tmp_path: Path, columns: str) -> None:
    root = _narrow_repo(tmp_path)
    views = {
        "status": ("status", "2026"),
        "detalj": ("status", "2026", "vandringar"),
        "indikator": ("status", "2026", "skadegorelsebrott"),
    }
    out = []
    for name, args in views.items():
        result = run_lofte(*args, "--per", "2026-03-31", cwd=root, today="2026-04-30",
                           COLUMNS=columns)  # fmt: skip
        assert result.exit_code == 0, result.stderr
        text = result.stdout
        for line in text.splitlines():
            assert len(line.rstrip()) <= int(columns), (name, line)
        found = set(_words(text))
        # A table's header names every column whole, the row number last.
        for line in text.splitlines():
            if "Datum" in line and ("Antal" in line or "Värde" in line):
                assert line.replace("┃", " ").split()[-1] == "Rad", (name, line)
        # No word broken: every word of every name stands whole somewhere in the view.
        for label in NAMES if name == "status" else ():
            assert set(_words(label)) <= found, (name, label)
        if name == "detalj":
            assert set(_words(NAMES[1])) <= found
            # The row numbers a correction takes: every row of the promise's typ, counted
            # or not, stands with its number (lines 4-7 of the log).
            for row in ("4", "5", "6", "7"):
                assert row in found, (name, row)
            assert "Skolområdet" in found and "Furuhedsskolan" in found
        if name == "indikator":
            assert set(_words(NAMES[2])) <= found
        out.append(text)
    assert_golden(f"bredd-vyer-{columns}.txt", "\n".join(out))
