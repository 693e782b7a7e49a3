"""Measurements dated before the period are its history (docs/publicering.md): `log matning`
and `import kolada` keep them, and every view shows the latest available value with its date
(statistics lag a year), never "ingen mätning" when one exists; charts show the whole series."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import run_lofte, write

PROMISES = """
kommun: Exempelby
period: {period}
kolada: "2514"
aktivitetstyper:
  vandring: Trygghetsvandring
områden:
  - namn: Mängdbrott
    löften:
      - id: vandringar
        text: Minst två trygghetsvandringar.
        mål: {{typ: vandring, minst: 2}}
    indikatorer:
      - id: inbrott
        namn: Anmälda bostadsinbrott
        källa: Exempeldata
        enhet: antal per år
        riktning: minska
        utgångsläge: {{datum: 2021-12-31, värde: 50}}
"""

KOLADA = {
    "values": [
        {
            "kpi": "N07403",
            "municipality": "2514",
            "period": year,
            "values": [{"gender": "T", "value": value}],
        }
        for year, value in ((2022, 48), (2023, 47), (2024, 44), (2025, 41))
    ]
}


def _latest(root: Path, today: str) -> dict[str, object]:
    result = run_lofte("status", "--format", "json", cwd=root, today=today)
    assert result.exit_code == 0, result.stderr
    indicator = json.loads(result.stdout)["indicators"][0]
    assert isinstance(indicator, dict)
    return indicator


def test_log_matning_keeps_a_value_for_last_year_and_every_view_shows_it(tmp_path: Path) -> None:
    write(tmp_path, "promises/2026.yaml", PROMISES.format(period=2026))
    result = run_lofte(
        "log", "matning", "inbrott", "41", "--datum", "2025-12-31", cwd=tmp_path, today="2026-12-10"
    )
    assert result.exit_code == 0, result.stderr
    assert "logs/2026.matningar.csv" in result.stdout
    check = run_lofte("check", cwd=tmp_path, today="2026-12-10")
    assert check.exit_code == 0, check.stdout
    indicator = _latest(tmp_path, "2026-12-10")
    assert indicator["latest"] == {"date": "2025-12-31", "value": 41}
    assert indicator["trend"] == "improved"
    page = run_lofte("rapport", "-f", "html", cwd=tmp_path, today="2026-12-10").stdout
    assert "<dt>Senaste</dt><dd>41 (2025-12-31)</dd>" in page
    assert "ingen mätning" not in page.split("<footer")[0].lower().replace("ingen mätning 0", "")
    table = run_lofte("status", cwd=tmp_path, today="2026-12-10").stdout
    assert re.search(r"│ 50 +│ 41 +│.*\n.*│ 2021-12-31 +│ 2025-12-31 │", table), table


def test_kolada_in_december_keeps_the_years_before_the_period(tmp_path: Path) -> None:
    write(tmp_path, "promises/2026.yaml", PROMISES.format(period=2026))
    (tmp_path / "kolada.json").write_text(json.dumps(KOLADA), encoding="utf-8")
    args = ("import", "kolada", "kolada.json", "--indikator", "inbrott")
    result = run_lofte(*args, cwd=tmp_path, today="2026-12-10")
    assert result.exit_code == 0, result.stderr
    assert "4 värden (2022, 2023, 2024, 2025)" in result.stdout
    assert "Utanför perioden" not in result.stdout
    assert _latest(tmp_path, "2026-12-10")["latest"] == {"date": "2025-12-31", "value": 41}
    # The chart draws the whole series: a dot per measurement, from 2022 on.
    page = run_lofte("rapport", "-f", "html", cwd=tmp_path, today="2026-12-10").stdout
    chart = page.split('id="indikator-1-1"', 1)[1].split("</svg>", 1)[0]
    assert len(re.findall(r"<circle ", chart)) == 4
    assert ">2023</text>" in chart and ">2026</text>" in chart


def test_an_earlier_periods_measurements_are_the_next_periods_history(tmp_path: Path) -> None:
    write(tmp_path, "promises/2025.yaml", PROMISES.format(period=2025))
    write(tmp_path, "promises/2026.yaml", PROMISES.format(period=2026))
    write(
        tmp_path,
        "logs/2025.matningar.csv",
        "datum,indikator,värde\n2024-12-31,inbrott,44\n2025-12-31,inbrott,41\n",
    )
    assert _latest(tmp_path, "2026-12-10")["latest"] == {"date": "2025-12-31", "value": 41}
    site = run_lofte("webb", cwd=tmp_path, today="2026-12-10")
    assert site.exit_code == 0, site.stderr
    page = (tmp_path / "_site/exempelby/2026.html").read_text(encoding="utf-8")
    assert "<dt>Senaste</dt><dd>41 (2025-12-31)</dd>" in page
    # The earlier period itself is unchanged by its successor.
    earlier = (tmp_path / "_site/exempelby/2025.html").read_text(encoding="utf-8")
    assert "<dt>Senaste</dt><dd>41 (2025-12-31)</dd>" in earlier


def test_a_measurement_after_the_period_is_still_refused(tmp_path: Path) -> None:
    write(tmp_path, "promises/2026.yaml", PROMISES.format(period=2026))
    write(tmp_path, "logs/2026.matningar.csv", "datum,indikator,värde\n2027-01-05,inbrott,40\n")
    check = run_lofte("check", cwd=tmp_path, today="2027-02-01")
    assert check.exit_code == 1
    assert "logs/2026.matningar.csv:2: fel E022" in check.stdout


def test_a_missing_baseline_is_the_latest_measurement_before_the_period(tmp_path: Path) -> None:
    promises = PROMISES.format(period=2026).replace(
        "        utgångsläge: {datum: 2021-12-31, värde: 50}\n", ""
    )
    write(tmp_path, "promises/2026.yaml", promises)
    check = run_lofte("check", cwd=tmp_path, today="2026-12-10")
    assert check.exit_code == 0, check.stdout
    # No measurement yet: no baseline and no trend, and every view still renders.
    indicator = _latest(tmp_path, "2026-12-10")
    assert (indicator["baseline"], indicator["trend"]) == (None, "no_data")
    write(
        tmp_path,
        "logs/2026.matningar.csv",
        "datum,indikator,värde\n2024-12-31,inbrott,47\n2025-12-31,inbrott,44\n"
        "2026-06-30,inbrott,40\n",
    )
    indicator = _latest(tmp_path, "2026-12-10")
    assert indicator["baseline"] == {"date": "2025-12-31", "value": 44}
    assert indicator["latest"] == {"date": "2026-06-30", "value": 40}
    assert (indicator["change"], indicator["trend"]) == (-4, "improved")
    page = run_lofte("rapport", "-f", "html", cwd=tmp_path, today="2026-12-10").stdout
    assert "<dt>Utgångsläge</dt><dd>44 (2025-12-31)</dd>" in page
    assert "den senaste mätningen före perioden" in page
    markdown = run_lofte("rapport", cwd=tmp_path, today="2026-12-10")
    assert markdown.exit_code == 0 and "44 (2025-12-31) → 40 (2026-06-30)" in markdown.stdout
    detail = run_lofte("status", "2026", "inbrott", cwd=tmp_path, today="2026-12-10")
    assert detail.exit_code == 0, detail.stderr
    listing = run_lofte("loften", cwd=tmp_path, today="2026-12-10")
    assert listing.exit_code == 0, listing.stderr
    listed = run_lofte("loften", "--format", "json", cwd=tmp_path, today="2026-12-10")
    assert json.loads(listed.stdout)["indicators"][0]["baseline"] is None
