"""Sensible defaults (README, Kommandon): the latest period once all have ended, a comment a short
while after its period, `rapport -o` that refuses what it cannot write, the detail as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import MINIMAL_PROMISES, run_lofte, write


def _two_periods(root: Path) -> Path:
    write(root, "promises/2019.yaml", MINIMAL_PROMISES.format(period=2019))
    write(root, "promises/2021.yaml", MINIMAL_PROMISES.format(period=2021))
    return root


def _period_shown(root: Path, today: str, *args: str) -> str:
    result = run_lofte(*args, "--format", "json", cwd=root, today=today)
    assert result.exit_code == 0, result.stderr
    return str(json.loads(result.stdout)["period"]["name"])


def test_without_period_the_latest_ended_period_once_none_holds_today(tmp_path: Path) -> None:
    root = _two_periods(tmp_path)
    assert _period_shown(root, "2019-06-30", "status") == "2019"  # the one holding today
    assert _period_shown(root, "2022-01-15", "status") == "2021"  # every period has ended
    assert _period_shown(root, "2020-05-01", "status") == "2019"  # between two periods
    assert _period_shown(root, "2018-05-01", "status") == "2019"  # before the first
    assert _period_shown(root, "2022-01-15", "loften") == "2021"
    report = run_lofte("rapport", cwd=root, today="2022-01-15")
    assert report.exit_code == 0 and "2021" in report.stdout


def test_a_comment_up_to_90_days_after_the_period_belongs_to_it(small_repo: Path) -> None:
    written = run_lofte(
        "log", "kommentar", "vandringar", "Exempeldata: Årets analys.",
        "--datum", "2020-01-20", cwd=small_repo, today="2020-02-01",
    )  # fmt: skip
    assert written.exit_code == 0, written.stderr
    assert written.stdout.startswith("Sparad: logs/2019.kommentarer.csv:2\n")
    check = run_lofte("check", cwd=small_repo, today="2020-02-01")
    assert (check.exit_code, check.stderr) == (0, "")
    late = run_lofte(
        "log", "kommentar", "vandringar", "Exempeldata: För sent.",
        "--datum", "2020-03-31", cwd=small_repo, today="2020-04-01",
    )  # fmt: skip
    assert late.exit_code == 1 and "ligger efter den senaste löftesperioden" in late.stderr
    assert "'lofte init --fran 2019'" in late.stderr


def test_a_comment_in_a_new_period_goes_to_the_old_one_with_period(tmp_path: Path) -> None:
    root = _two_periods(tmp_path)
    write(root, "promises/2020.yaml", MINIMAL_PROMISES.format(period=2020))
    default = run_lofte(
        "log", "kommentar", "vandringar", "Exempeldata: Ny period.",
        "--datum", "2020-01-20", cwd=root, today="2020-01-20",
    )  # fmt: skip
    assert default.stdout.startswith("Sparad: logs/2020.kommentarer.csv:2\n")
    chosen = run_lofte(
        "log", "kommentar", "vandringar", "Exempeldata: Analys av 2019.",
        "--datum", "2020-01-20", "--period", "2019", cwd=root, today="2020-01-20",
    )  # fmt: skip
    assert chosen.stdout.startswith("Sparad: logs/2019.kommentarer.csv:2\n")
    too_late = run_lofte(
        "log", "kommentar", "vandringar", "Exempeldata: x", "--datum", "2020-06-01",
        "--period", "2019", cwd=root, today="2020-06-01",
    )  # fmt: skip
    assert too_late.exit_code == 1
    assert "varken i perioden 2019 eller inom 90 dagar efter dess slut" in too_late.stderr


def test_rapport_refuses_a_pdf_and_unknown_suffixes_and_writes_nothing(small_repo: Path) -> None:
    pdf = run_lofte("rapport", "2019", "-o", "rapport.pdf", cwd=small_repo)
    assert pdf.exit_code == 2
    assert "lofte skriver inte PDF" in pdf.stderr and "Spara som PDF" in pdf.stderr
    odd = run_lofte("rapport", "2019", "-o", "rapport.docx", cwd=small_repo)
    assert odd.exit_code == 2 and "Okänd filändelse '.docx'" in odd.stderr
    assert not (small_repo / "rapport.pdf").exists() and not (small_repo / "rapport.docx").exists()
    forced = run_lofte("rapport", "2019", "-o", "rapport.docx", "--format", "html", cwd=small_repo)
    assert forced.exit_code == 0
    assert (small_repo / "rapport.docx").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    plain = run_lofte("rapport", "2019", "-o", "UPPFOLJNING", cwd=small_repo)
    assert plain.exit_code == 0 and (small_repo / "UPPFOLJNING").read_text().startswith("#")


def test_the_detail_view_honours_format_json(small_repo: Path) -> None:
    write(
        small_repo,
        "logs/2019.csv",
        """\
        datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad
        2019-02-03,trygghetsvandring,1,Töre,kommun,,Exempeldata,anna,2019-02-03T10:00:00+01:00
        2019-03-04,trygghetsvandring,1,Kalix,polis,natt,Exempeldata,anna,2019-03-04T10:00:00+01:00
        """,
    )
    result = run_lofte(
        "status", "2019", "vandringar", "--per", "2019-03-31", "-f", "json", cwd=small_repo
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["promise"]["id"] == "vandringar" and data["promise"]["done"] == 1
    assert data["promise"]["status"] == "on_track" and data["as_of"] == "2019-03-31"
    assert data["breakdown"]["unit"] == "månad" and data["breakdown"]["cumulative"] is True
    assert [b["done"] for b in data["breakdown"]["bars"]] == [0, 1, 0]
    assert data["counted"] == [
        {
            "line": 2, "date": "2019-02-03", "type": "trygghetsvandring", "count": "1",
            "place": "Töre", "description": "Exempeldata", "registered_by": "anna",
            "registered": "2019-02-03T10:00:00+01:00", "participants": ["kommun"], "tags": [],
        }
    ]  # fmt: skip
    (skipped,) = data["not_counted"]
    assert (skipped["line"], skipped["reason"]) == (3, "participants")
    assert skipped["reason_text"] == "ingen av deltagarna Kommunen eller Grannsamverkan var med"
    markdown = run_lofte("status", "2019", "vandringar", "-f", "markdown", cwd=small_repo)
    assert markdown.exit_code == 2 and "tabell eller json" in markdown.stderr
