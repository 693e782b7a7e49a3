"""`lofte status` on the shipped example: golden tables and JSON at several dates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import PROJECT, assert_golden, run_lofte, write

DATES = ["2018-12-31", "2019-03-31", "2019-06-30", "2019-09-30", "2019-12-31"]


@pytest.mark.parametrize("as_of", DATES)
def test_status_table_golden(as_of: str) -> None:
    result = run_lofte("status", "2019", "--per", as_of, cwd=PROJECT, today="2020-01-15")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert_golden(f"status-2019-{as_of}.txt", result.stdout)


@pytest.mark.parametrize("as_of", ["2019-06-30", "2019-12-31"])
def test_status_json_golden(as_of: str) -> None:
    result = run_lofte("status", "2019", "--per", as_of, "--format", "json", cwd=PROJECT)
    assert result.exit_code == 0, result.stderr
    assert_golden(f"status-2019-{as_of}.json", result.stdout)


def test_the_example_shows_every_status_somewhere() -> None:
    seen: set[str] = set()
    for as_of in [*DATES, "2019-02-28"]:
        result = run_lofte("status", "2019", "--per", as_of, "-f", "json", cwd=PROJECT)
        seen.update(p["status"] for p in json.loads(result.stdout)["promises"])
    assert seen == {"met", "on_track", "behind", "missed", "ongoing", "not_started"}


def test_json_matches_the_documented_shape() -> None:
    result = run_lofte("status", "2019", "--per", "2019-06-30", "-f", "json", cwd=PROJECT)
    data = json.loads(result.stdout)
    assert data["period"] == {"name": "2019", "start": "2019-01-01", "end": "2019-12-31"}
    assert data["as_of"] == "2019-06-30"
    vandringar = next(p for p in data["promises"] if p["id"] == "trygghetsvandringar")
    assert {
        k: vandringar[k] for k in ("target", "per", "average", "ongoing", "done", "status")
    } == {
        "target": 2,
        "per": "period",
        "average": False,
        "ongoing": False,
        "done": 1,
        "status": "on_track",
    }
    assert vandringar["expected"] == 0.99
    assert vandringar["responsible"] == ["polis", "kommun"]
    grann = next(p for p in data["promises"] if p["id"] == "grannsamverkan")
    assert (grann["target"], grann["expected"], grann["ongoing"]) == (None, None, True)
    assert sum(data["summary"].values()) == 8


def test_markdown_and_csv_views(tmp_path: Path) -> None:
    markdown = run_lofte("status", "2019", "--per", "2019-09-30", "-f", "markdown", cwd=PROJECT)
    assert_golden("status-2019-2019-09-30.md", markdown.stdout)
    csv_run = run_lofte("status", "2019", "--per", "2019-09-30", "-f", "csv", cwd=PROJECT)
    assert csv_run.stdout_bytes.startswith("\ufeffkommun;period;per_datum;".encode())
    assert csv_run.stdout_bytes.count(b"\r\n") == 9  # header and eight promises
    assert ";1,50;I fas;" in csv_run.stdout  # decimal comma for Swedish Excel


def test_csv_neutralises_formula_cells(small_repo: Path) -> None:
    path = small_repo / "promises/2019.yaml"
    path.write_text(path.read_text().replace("namn: Trygghet", "namn: '=HYPERLINK(1)'"))
    result = run_lofte("status", "2019", "-f", "csv", cwd=small_repo)
    assert ";'=HYPERLINK(1);" in result.stdout


def test_a_year_inside_a_multi_year_period_resolves_to_it(tmp_path: Path) -> None:
    from conftest import MINIMAL_PROMISES

    write(tmp_path, "promises/2020-2021.yaml", MINIMAL_PROMISES.format(period="2020-2021"))
    result = run_lofte("status", "2021", "--per", "2021-03-01", "-f", "json", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["period"]["name"] == "2020-2021"
    default = run_lofte("status", "-f", "json", cwd=tmp_path, today="2020-05-05")
    assert json.loads(default.stdout)["as_of"] == "2020-05-05"


def test_unknown_period_and_missing_root(
    tmp_path_factory: pytest.TempPathFactory, small_repo: Path
) -> None:
    unknown = run_lofte("status", "../../etc/passwd", cwd=small_repo)
    assert unknown.exit_code == 1
    assert "Perioden '../../etc/passwd' finns inte. Perioder i repot: 2019." in unknown.stderr
    nowhere = tmp_path_factory.mktemp("tom")
    missing = run_lofte("status", cwd=nowhere)
    assert missing.exit_code == 1
    assert "Hittar ingen löftesrepo" in missing.stderr


def test_bad_per_date_is_a_usage_error(small_repo: Path) -> None:
    result = run_lofte("status", "2019", "--per", "30/6", cwd=small_repo)
    assert result.exit_code == 2
    assert "ÅÅÅÅ-MM-DD" in result.stderr


def test_katalog_option_and_environment(small_repo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "annan"
    elsewhere.mkdir()
    by_option = run_lofte("-C", str(small_repo), "status", "2019", "-f", "json", cwd=elsewhere)
    assert by_option.exit_code == 0
    by_env = run_lofte("status", "2019", "-f", "json", cwd=elsewhere, LOFTE_KATALOG=str(small_repo))
    assert by_env.stdout == by_option.stdout
    nested = small_repo / "promises"
    assert run_lofte("status", "2019", "-f", "json", cwd=nested).stdout == by_option.stdout


def test_broken_promise_file_is_an_error_with_its_line(small_repo: Path) -> None:
    path = small_repo / "promises/2019.yaml"
    path.write_text(path.read_text().replace("minst: 2", "minst: två"))
    result = run_lofte("status", "2019", cwd=small_repo)
    assert result.exit_code == 1
    assert (
        "promises/2019.yaml:16:18: fel E011: 'minst' ska vara ett positivt heltal" in result.stderr
    )


def test_rejected_log_rows_are_left_out_with_one_warning(small_repo: Path) -> None:
    write(
        small_repo,
        "logs/2019.csv",
        """
        datum,typ,antal,deltagare
        2019-02-01,trygghetsvandring,1,kommun
        2019-02-30,trygghetsvandring,1,kommun
        2019-02-03,okänd,1,
        """,
    )
    result = run_lofte("status", "2019", "-f", "json", cwd=small_repo)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["promises"][0]["done"] == 1
    assert result.stderr.count("\n") == 1
    assert "2 st. Kör 'lofte check'" in result.stderr
