"""Nothing is written outside the repo, nothing under promises/ or logs/ is overwritten by a
report, a comment file linked out of the repo is refused like a log, and an argument of
bytes that are not UTF-8 is a Swedish error (docs/garantier.md). Each case here wrote, read or
crashed before."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import MINIMAL_PROMISES, run_lofte, write

HEADER = "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad\n"
ROW = "2019-03-04,kontakt,1,Torget,,,Exempeldata,test,2019-03-04T10:00:00+01:00\n"


def repo(root: Path) -> Path:
    write(root, "repo/promises/2019.yaml", MINIMAL_PROMISES.format(period=2019))
    write(root, "repo/logs/2019.csv", HEADER + ROW)
    return root / "repo"


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


# --- init -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kommun", ["../../x", "../x", "a/b", "..", ".", ".dold", "a\\b", "Kalix\x1b[8m", "a\nb"]
)
@pytest.mark.parametrize("folders", [False, True], ids=["nytt repo", "kommunmappar"])
def test_init_refuses_a_kommun_that_is_no_folder_name(
    tmp_path: Path, kommun: str, folders: bool
) -> None:
    root = tmp_path / "a/b/repo"
    root.mkdir(parents=True)
    if folders:
        write(root, "promises/kalix/2019.yaml", MINIMAL_PROMISES.format(period=2019))
    before = files(tmp_path)
    result = run_lofte("init", ".", "--kommun", kommun, "--period", "2020", cwd=root)
    assert result.exit_code == 1
    assert result.stderr.startswith("lofte: --kommun '")
    assert result.stderr.endswith("Inget skrevs.\n")
    assert files(tmp_path) == before


def test_init_writes_nothing_through_a_link_out_of_the_repo(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    outside = tmp_path / "utanfor"
    outside.mkdir()
    root.mkdir()
    (root / ".github").symlink_to(outside)
    result = run_lofte("init", ".", "--kommun", "Kalix", "--period", "2020", cwd=root)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "lofte: .github/workflows/lofte.yml skulle hamna utanför repot (en länk på vägen?). "
        "Inget skrevs.\n"
    )
    assert list(outside.iterdir()) == [] and sorted(p.name for p in root.iterdir()) == [".github"]


# --- rapport -o -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("output", "cwd", "folder"),
    [
        ("logs/2019.csv", ".", "logs"),
        ("promises/2019.yaml", ".", "promises"),
        ("logs/ny.html", ".", "logs"),
        ("../logs/2019.csv", "promises", "logs"),
        ("länk.html", ".", "logs"),
        ("promises/../logs/2019.csv", ".", "logs"),
    ],
)
def test_rapport_never_writes_over_promises_or_logs(
    tmp_path: Path, output: str, cwd: str, folder: str
) -> None:
    root = repo(tmp_path)
    (root / "länk.html").symlink_to(root / "logs/2019.csv")
    before = files(root)
    result = run_lofte("rapport", "2019", "-o", output, cwd=root / cwd)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"lofte: -o {output} skulle skriva över en fil under {folder}/, där löftena och "
        "loggarna ligger. Välj en annan fil, till exempel uppfoljning.html. Inget skrevs.\n"
    )
    assert files(root) == before


def test_rapport_writes_elsewhere_in_the_repo(tmp_path: Path) -> None:
    root = repo(tmp_path)
    result = run_lofte("rapport", "2019", "-o", "uppfoljning.html", cwd=root)
    assert result.exit_code == 0
    assert (root / "uppfoljning.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# --- comment files behind links ---------------------------------------------------------

SECRET = "Hemlig text utanför repot"


@pytest.mark.parametrize(
    ("args", "stdout_too"),
    [
        (("status", "2019", "--format", "json"), False),
        (("status", "2019", "vandringar"), False),
        (("rapport", "2019"), False),
        (("check",), True),
    ],
)
def test_a_comment_file_linked_out_of_the_repo_is_refused(
    tmp_path: Path, args: tuple[str, ...], stdout_too: bool
) -> None:
    root = repo(tmp_path)
    outside = tmp_path / "kommentarer.csv"
    outside.write_text(
        f"datum,löfte,kommentar,registrerad_av,registrerad\n2019-03-05,vandringar,{SECRET},x,\n",
        encoding="utf-8",
    )
    (root / "logs/2019.kommentarer.csv").symlink_to(outside)
    result = run_lofte(*args, cwd=root)
    assert result.exit_code == 1
    refused = (
        "logs/2019.kommentarer.csv: fel E002: Filen kan inte läsas: länken pekar utanför repot."
    )
    assert refused in (result.stdout if stdout_too else result.stderr).splitlines()
    assert SECRET not in result.stdout + result.stderr


def test_log_kommentar_never_writes_through_a_link_out_of_the_repo(tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / "logs/2019.kommentarer.csv").symlink_to(tmp_path / "ny.csv")
    result = run_lofte(
        "log", "kommentar", "vandringar", "Exempeldata", "--datum", "2019-03-05", cwd=root
    )
    assert result.exit_code == 1
    assert not (tmp_path / "ny.csv").exists()


# --- arguments that are not UTF-8 -------------------------------------------------------

UNDECODABLE = os.fsdecode(b"Torget \xff\xfe")  # what Python makes of such bytes: surrogates


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("log", "insats", "--typ", "kontakt", "--plats", UNDECODABLE), "--plats"),
        (("log", "insats", "--typ", "kontakt", "--beskrivning", UNDECODABLE), "--beskrivning"),
        (("log", "insats", "--typ", "kontakt", "--tagg", "a", "--tagg", UNDECODABLE), "--tagg"),
        (("log", "insats", "--typ", UNDECODABLE), "--typ"),
        (("log", "insats", "--typ", "kontakt", "--av", UNDECODABLE), "--av"),
        (("log", "kommentar", "vandringar", UNDECODABLE), "TEXT"),
        (("status", UNDECODABLE), "PERIOD"),
        (("status", "2019", "--kommun", UNDECODABLE), "--kommun"),
        (("init", ".", "--kommun", UNDECODABLE), "--kommun"),
    ],
)
def test_an_argument_that_is_not_utf8_is_refused(
    tmp_path: Path, args: tuple[str, ...], option: str
) -> None:
    root = repo(tmp_path)
    before = files(root)
    result = (
        run_lofte(*args, "--datum", "2019-03-05", cwd=root)
        if args[0] == "log"
        else (run_lofte(*args, cwd=root))
    )
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"lofte: {option} innehåller tecken som inte är UTF-8 (terminalens teckenkodning?). "
        "Skriv texten igen med vanliga tecken. Inget skrevs.\n"
    )
    assert files(root) == before


def test_a_logger_name_from_the_environment_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    root = repo(tmp_path)
    before = files(root)
    result = run_lofte(
        "log", "insats", "--typ", "kontakt", "--datum", "2019-03-05", cwd=root, LOFTE_AV=UNDECODABLE
    )
    assert (result.exit_code, result.stdout) == (1, "")
    assert "LOFTE_AV" in result.stderr
    assert files(root) == before


@pytest.mark.parametrize(
    "rel",
    ["promises/2019\n::error::x.yaml", "promises/kal\x1bix/2019.yaml", "promises/20\u202e19.yaml"],
)
def test_a_promise_file_or_folder_named_with_control_characters_is_refused(
    tmp_path: Path, rel: str
) -> None:
    write(tmp_path, rel, MINIMAL_PROMISES.format(period=2019))
    result = run_lofte("check", cwd=tmp_path)
    assert result.exit_code == 1
    line = result.stdout.splitlines()[0]
    assert line.endswith(
        ": fel E002: Filen kan inte läsas: namnet innehåller styrtecken; byt namn på filen "
        "eller katalogen."
    )
    assert "\\" in line and "\n" not in line


def test_rapport_to_a_directory_is_refused_and_leaves_nothing_behind(tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / "ut").mkdir()
    before = files(root)
    result = run_lofte("rapport", "2019", "-o", "ut", cwd=root)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "lofte: Kan inte öppna ut för skrivning: det är en katalog, inte en fil. Inget skrevs.\n"
    )
    assert files(root) == before
