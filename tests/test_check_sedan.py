"""`lofte check --sedan REV`: rows a log held at a git revision stay, unchanged, in order."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINIMAL_PROMISES, Run, git, run_lofte, write

HEADER = "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad\n"
# Example data: made-up rows.
ROWS = [
    "2019-03-01,kontakt,1,Torget,,,Exempeldata: a,exempel,2019-03-01T20:00:00+01:00\n",
    "2019-03-02,kontakt,2,Hamnen,,,Exempeldata: b,exempel,2019-03-02T20:00:00+01:00\n",
    "2019-03-03,kontakt,1,Skolan,,,Exempeldata: c,exempel,2019-03-03T20:00:00+01:00\n",
    "2019-03-04,kontakt,3,Torget,,,Exempeldata: d,exempel,2019-03-04T20:00:00+01:00\n",
]
NEW = "2019-03-05,kontakt,1,Torget,,,Exempeldata: e,exempel,2019-03-05T20:00:00+01:00\n"


pytestmark = pytest.mark.usefixtures("no_outer_git")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(tmp_path, "promises/2019.yaml", MINIMAL_PROMISES.format(period=2019))
    write_log(tmp_path, ROWS)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "Exempeldata")
    git(tmp_path, "tag", "bas")
    return tmp_path


def write_log(root: Path, rows: list[str], header: str = HEADER) -> None:
    (root / "logs").mkdir(exist_ok=True)
    (root / "logs/2019.csv").write_bytes((header + "".join(rows)).encode("utf-8"))


def check_since(root: Path, rev: str = "bas") -> Run:
    return run_lofte("check", "--sedan", rev, cwd=root, today="2019-06-30")


def test_appended_rows_pass(repo: Path) -> None:
    write_log(repo, [*ROWS, NEW])
    result = check_since(repo)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_appended_and_committed_rows_pass_against_a_branch(repo: Path) -> None:
    write_log(repo, [*ROWS, NEW])
    git(repo, "commit", "-q", "-am", "Ny rad")
    result = check_since(repo, "main~1")
    assert (result.exit_code, result.stdout) == (0, "")


def test_resaved_with_semicolons_and_crlf_is_not_a_change(repo: Path) -> None:
    text = (HEADER + "".join(ROWS) + NEW).replace(",", ";").replace("\n", "\r\n")
    (repo / "logs/2019.csv").write_bytes(text.encode("utf-8-sig"))
    result = check_since(repo)
    assert (result.exit_code, result.stdout) == (0, "")


def test_an_edited_row_fails_at_its_line(repo: Path) -> None:
    write_log(repo, [ROWS[0], ROWS[1].replace(",2,", ",5,"), ROWS[2], ROWS[3], NEW])
    result = check_since(repo)
    assert result.exit_code == 1
    assert result.stdout == (
        "logs/2019.csv:3: fel E030: Raderna från bas ska stå kvar oförändrade först i loggen,"
        " men rad 3 har ändrats (den var rad 3 i bas).\n"
        "1 fel i 1 fil.\n"
    )


def test_a_removed_row_fails_at_its_old_line(repo: Path) -> None:
    write_log(repo, [ROWS[0], ROWS[2], ROWS[3], NEW])
    result = check_since(repo)
    assert result.exit_code == 1
    assert result.stdout == (
        "logs/2019.csv:3: fel E030: Raderna från bas ska stå kvar oförändrade först i loggen,"
        " men rad 3 i bas har tagits bort.\n"
        "1 fel i 1 fil.\n"
    )


def test_removed_rows_in_a_run_are_one_problem(repo: Path) -> None:
    write_log(repo, [ROWS[0], ROWS[3]])
    result = check_since(repo)
    assert result.stdout.splitlines()[0] == (
        "logs/2019.csv:3: fel E030: Raderna från bas ska stå kvar oförändrade först i loggen,"
        " men raderna 3–4 i bas har tagits bort."
    )


def test_a_reordered_row_fails_with_where_it_went(repo: Path) -> None:
    write_log(repo, [ROWS[0], ROWS[2], ROWS[1], ROWS[3]])
    result = check_since(repo)
    assert result.exit_code == 1
    assert result.stdout == (
        "logs/2019.csv:3: fel E030: Raderna från bas ska stå kvar oförändrade först i loggen,"
        " men rad 4 i bas har flyttats till rad 3.\n"
        "1 fel i 1 fil.\n"
    )


def test_a_row_inserted_among_old_rows_fails(repo: Path) -> None:
    write_log(repo, [ROWS[0], NEW, *ROWS[1:]])
    result = check_since(repo)
    assert result.exit_code == 1
    assert result.stdout == (
        "logs/2019.csv:3: fel E030: Raderna från bas ska stå kvar oförändrade först i loggen,"
        " men rad 3 är ny men står före rader från bas; nya rader ska stå sist.\n"
        "1 fel i 1 fil.\n"
    )


def test_a_removed_log_fails(repo: Path) -> None:
    (repo / "logs/2019.csv").unlink()
    result = check_since(repo)
    assert result.exit_code == 1
    assert result.stdout == (
        "logs/2019.csv: fel E030: Raderna från bas ska stå kvar oförändrade först i loggen,"
        " men loggen har tagits bort.\n"
        "1 fel i 1 fil.\n"
    )


def test_a_completed_torn_last_row_is_not_a_change(repo: Path) -> None:
    torn = HEADER + "".join(ROWS) + "2019-03-05,kontakt"
    (repo / "logs/2019.csv").write_text(torn, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Avbruten rad")
    write_log(repo, [*ROWS, NEW])
    result = check_since(repo, "HEAD")
    assert (result.exit_code, result.stdout) == (0, "")


def test_an_unknown_revision_is_a_usage_error(repo: Path) -> None:
    result = check_since(repo, "origin/finns-inte")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "lofte: Revisionen 'origin/finns-inte' finns inte i git-repot. Ange en gren, tagg eller"
        " commit som finns lokalt; i CI behövs hela historiken (fetch-depth: 0 eller"
        " GIT_DEPTH: 0).\n"
    )


def test_outside_git_is_a_usage_error(tmp_path: Path) -> None:
    write(tmp_path, "promises/2019.yaml", MINIMAL_PROMISES.format(period=2019))
    result = run_lofte(
        "check",
        "--sedan",
        "main",
        cwd=tmp_path,
        today="2019-06-30",
        GIT_CEILING_DIRECTORIES=str(tmp_path.parent),
    )
    assert result.exit_code == 2
    assert result.stderr == (
        f"lofte: {tmp_path} är inte ett git-repo. --sedan jämför loggarna med git-historiken"
        " och fungerar bara i ett git-repo.\n"
    )
