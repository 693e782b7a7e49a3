"""Every word of `--help` and of a usage error is Swedish (docs/garantier.md: Fel, slutkoder
och språk)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_lofte

ENGLISH = (
    "Usage",
    "Options",
    "Commands",
    "Arguments",
    "Show this message",
    "required",
    "default:",
    "Error:",
    "Missing",
    "Try '",
    "No such",
    "Invalid value",
    "Got unexpected",
    "Possible options",
    "Did you mean",
    "<str>",
    "<list[str]>",
    "INTEGER",
    "completion for the current shell",
    "int range",
    "x>=",
    "Input should",
    "[[",
    "{",
)


def _english_in(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text]


def _every_command_path() -> list[list[str]]:
    from typer.main import get_command

    from medborgarlofte.cli import app

    paths: list[list[str]] = []
    stack: list[tuple[list[str], object]] = [([], get_command(app))]
    while stack:
        path, command = stack.pop()
        paths.append(path)
        for name, sub in getattr(command, "commands", {}).items():
            stack.append(([*path, name], sub))
    return sorted(paths)


def test_every_help_page_is_swedish(tmp_path: Path) -> None:
    paths = _every_command_path()
    assert ["log", "insats"] in paths and ["status"] in paths
    for path in paths:
        result = run_lofte(*path, "--help", cwd=tmp_path)
        assert result.exit_code == 0, path
        assert _english_in(result.stdout + result.stderr) == [], (path, result.stdout)
        assert "Användning: lofte" in result.stdout
        assert "Visa den här hjälpen." in result.stdout


def test_the_help_headings_placeholders_and_markers_are_swedish(tmp_path: Path) -> None:
    root = run_lofte("--help", cwd=tmp_path).stdout
    assert "Användning: lofte [FLAGGOR] KOMMANDO [ARGUMENT]..." in root
    assert "\nFlaggor:\n" in root and "\nKommandon:\n" in root
    assert "--install-completion  Installera komplettering för skalet." in root
    insats = run_lofte("log", "insats", "--help", cwd=tmp_path).stdout
    assert "--typ <text>" in insats and "[krävs]" in insats
    assert "[standard: 1]" in insats and "--deltagare <text>" in insats


@pytest.mark.parametrize(
    ("args", "swedish"),
    [
        (["log", "insats"], "Fel: Flaggan '--typ' saknas."),
        (["statu"], "Fel: Okänt kommando 'statu'. Menade du 'status'?"),
        (
            ["status", "--format", "x"],
            "Fel: Ogiltigt värde för '--format' / '-f': 'x' är inte ett av 'tabell', "
            "'markdown', 'json', 'csv'.",
        ),
        (["status", "2019", "id", "extra"], "Fel: Oväntat extra argument: extra"),
        (["status", "--bogus"], "Fel: Okänd flagga: --bogus"),
        (["status", "--per"], "Fel: Flaggan '--per' behöver ett värde."),
        (["log", "insats", "--tyst=ja", "--typ", "x"], "Fel: Flaggan '--tyst' tar inget värde."),
        (["check", "--format", "xml"], "Fel: Ogiltigt värde för '--format'"),
        (
            ["log", "lista", "--senaste", "0"],
            "Fel: Ogiltigt värde för '--senaste': skriv ett tal som är minst 1.",
        ),
        (["log", "stryk", "x", "--skal", "s"], "Fel: Ogiltigt värde för 'RAD': skriv ett heltal."),
    ],
)
def test_usage_errors_are_swedish_with_exit_2(
    tmp_path: Path, args: list[str], swedish: str
) -> None:
    result = run_lofte(*args, cwd=tmp_path)
    assert result.exit_code == 2
    assert swedish in result.stderr
    assert _english_in(result.stdout + result.stderr) == [], result.stderr


def test_a_usage_error_shows_the_usage_line_and_where_help_is(tmp_path: Path) -> None:
    result = run_lofte("log", "insats", cwd=tmp_path)
    assert result.stderr == (
        "Användning: lofte log insats [FLAGGOR]\n"
        "Se 'lofte log insats -h' för hjälp.\n"
        "\n"
        "Fel: Flaggan '--typ' saknas.\n"
    )


def test_usage_lines_write_arguments_once_bracketed_only_when_optional(tmp_path: Path) -> None:
    status = run_lofte("status", "--help", cwd=tmp_path).stdout
    assert "Användning: lofte status [FLAGGOR] [PERIOD] [ID]\n" in status
    ratta = run_lofte("log", "ratta", "--help", cwd=tmp_path).stdout
    assert "Användning: lofte log ratta [FLAGGOR] RAD\n" in ratta
    assert "  RAD  Radnumret som 'lofte log lista' visar (1 eller mer).  [krävs]\n" in ratta
    stryk = run_lofte("log", "stryk", "--help", cwd=tmp_path).stdout
    assert "Användning: lofte log stryk [FLAGGOR] [RAD]\n" in stryk


def test_a_group_without_its_command_shows_the_swedish_help(tmp_path: Path) -> None:
    result = run_lofte("log", cwd=tmp_path)
    assert result.exit_code == 2
    assert "Kommandon:" in result.stdout + result.stderr
    assert _english_in(result.stdout + result.stderr) == []


def test_the_installed_command_speaks_swedish_too(tmp_path: Path) -> None:
    """The real entry point (main registers only the typed command) goes the same way."""
    code = "import sys\nfrom medborgarlofte.cli import main\nsys.argv[1:] = sys.argv[2:]\nmain()"
    env = {"COLUMNS": "100", "PATH": "/usr/bin:/bin"}
    for args in (["--help"], ["log", "insats"], ["log", "insats", "--help"]):
        result = subprocess.run(
            [sys.executable, "-c", code, "lofte", *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
        )
        assert _english_in(result.stdout + result.stderr) == [], (args, result.stderr)
        assert "Användning: lofte" in result.stdout + result.stderr
