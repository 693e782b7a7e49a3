"""Shared test helpers: run the CLI with a fixed clock and width, build small repos, goldens."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from medborgarlofte.cli import app

# Parsed promise files are kept in a cache folder (promise_cache.py): the tests keep theirs
# in a folder of their own, never in the user's.
os.environ["LOFTE_CACHE"] = tempfile.mkdtemp(prefix="lofte-test-cache-")

PROJECT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str
    stdout_bytes: bytes = b""


def run_lofte(*args: str, cwd: Path, today: str = "2019-12-31", **env: str) -> Run:
    """Invoke `lofte` in-process with a fixed today, no colour and a fixed width."""
    runner = CliRunner()
    environment = {
        "LOFTE_IDAG": today,
        "NO_COLOR": "1",
        "COLUMNS": "100",
        "LOFTE_AV": "test",
        "LOFTE_KATALOG": "",
        **env,
    }
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = runner.invoke(app, list(args), env=environment, catch_exceptions=False)
    finally:
        os.chdir(old)
    return Run(result.exit_code, result.stdout, result.stderr, result.stdout_bytes)


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def assert_golden(name: str, actual: str) -> None:
    """Compare whole against tests/golden/<name>; LOFTE_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if os.environ.get("LOFTE_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"golden file {path} is missing (run with LOFTE_UPDATE_GOLDEN=1)"
    assert actual == path.read_text(encoding="utf-8")


@pytest.fixture
def example_repo(tmp_path: Path) -> Path:
    """A copy of the shipped Kalix 2019 example repo."""
    shutil.copytree(PROJECT / "promises", tmp_path / "promises")
    shutil.copytree(PROJECT / "logs", tmp_path / "logs")
    return tmp_path


MINIMAL_PROMISES = """
kommun: Exempelby
lokalpolisområde: Exempelområdet
period: {period}
aktivitetstyper:
  trygghetsvandring: Trygghetsvandring
  kontakt: Medborgarkontakt
deltagare:
  grannsamverkan: Grannsamverkan
områden:
  - namn: Trygghet
    löften:
      - id: vandringar
        text: Minst två trygghetsvandringar med kommunen eller grannsamverkan.
        mål:
          typ: trygghetsvandring
          minst: 2
          deltagare: [kommun, grannsamverkan]
      - id: kontakter
        text: Minst tre kontakter i snitt per vecka.
        mål: {{typ: kontakt, minst: 3, per: vecka, snitt: true}}
"""


@pytest.fixture
def small_repo(tmp_path: Path) -> Path:
    write(tmp_path, "promises/2019.yaml", MINIMAL_PROMISES.format(period=2019))
    return tmp_path


@pytest.fixture
def no_outer_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run as if outside any git hook: GIT_DIR, GIT_INDEX_FILE and the like would send the
    tests' git commands (and lofte's own, for --sedan) to the outer repository."""
    for name in list(os.environ):
        if name.startswith("GIT_"):
            monkeypatch.delenv(name)


def git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run git in a test repo: without the caller's GIT_* variables (a git hook running the
    tests sets GIT_INDEX_FILE) and the user's configuration, as an example author."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
        "HOME": str(root.parent),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "Exempel",
        "GIT_AUTHOR_EMAIL": "exempel@example.org",
        "GIT_COMMITTER_NAME": "Exempel",
        "GIT_COMMITTER_EMAIL": "exempel@example.org",
    }
    return subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, text=True, check=check
    )
