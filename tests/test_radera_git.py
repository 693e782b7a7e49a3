"""`lofte log radera` and git (docs/garantier.md): the advice to purge git history only when
the erased text was committed, and whether it was pushed, tested in real git repos with a
bare remote."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Run, git, run_lofte, write

PROMISES = """
kommun: Exempelby
lokalpolisområde: Exempelområdet
period: 2019
aktivitetstyper:
  trygghetsvandring: Trygghetsvandring
områden:
  - namn: Trygghet
    löften:
      - id: vandringar
        text: Minst två trygghetsvandringar.
        mål: {typ: trygghetsvandring, minst: 2}
"""
HEADER = "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad\n"
ROW = "2019-03-01,trygghetsvandring,1,Torget,kommun,,Exempeldata: {text},anna,{at}\n"
FIRST = ROW.format(text="vandring i centrum", at="2019-03-01T20:00:00+01:00")
SECRET = ROW.format(text="pratade med Exempel Exempelsson", at="2019-03-02T20:00:00+01:00")


@pytest.fixture
def repo(tmp_path: Path, no_outer_git: None) -> Path:
    root = tmp_path / "repo"
    write(root, "promises/2019.yaml", PROMISES)
    write(root, "logs/2019.csv", HEADER + FIRST)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Exempeldata: första raden")
    return root


def erase(root: Path) -> Run:
    result = run_lofte("log", "radera", "3", "--skal", "namn", cwd=root, today="2019-06-30")
    assert result.exit_code == 0, result.stderr
    assert "[raderad]" in (root / "logs/2019.csv").read_text(encoding="utf-8")
    return result


def add_secret(root: Path, commit: bool) -> None:
    (root / "logs/2019.csv").write_text(HEADER + FIRST + SECRET, encoding="utf-8")
    if commit:
        git(root, "commit", "-q", "-am", "Exempeldata: andra raden")


def test_text_never_committed_needs_no_purge(repo: Path) -> None:
    add_secret(repo, commit=False)
    result = erase(repo)
    assert "Texten har aldrig committats" in result.stdout
    assert "filter-repo" not in result.stdout and "--force" not in result.stdout


def test_text_committed_but_not_pushed_is_purged_before_pushing(repo: Path) -> None:
    remote = repo.parent / "remote.git"
    git(repo.parent, "init", "-q", "--bare", str(remote))
    git(repo, "remote", "add", "origin", str(remote))
    git(repo, "push", "-q", "origin", "main")  # the first row only
    add_secret(repo, commit=True)
    result = erase(repo)
    assert "inte pushad" in result.stdout
    assert "filter-repo" in result.stdout
    assert "--force" not in result.stdout


def test_text_pushed_says_where_and_to_force_push(repo: Path) -> None:
    remote = repo.parent / "remote.git"
    git(repo.parent, "init", "-q", "--bare", str(remote))
    git(repo, "remote", "add", "origin", str(remote))
    add_secret(repo, commit=True)
    git(repo, "push", "-q", "origin", "main")
    result = erase(repo)
    assert "är pushad (origin/main)" in result.stdout
    assert "git filter-repo" in result.stdout and "git push --force" in result.stdout


def test_pushed_on_another_branch_only(repo: Path) -> None:
    remote = repo.parent / "remote.git"
    git(repo.parent, "init", "-q", "--bare", str(remote))
    git(repo, "remote", "add", "origin", str(remote))
    git(repo, "push", "-q", "origin", "main")
    git(repo, "checkout", "-q", "-b", "loggning")
    add_secret(repo, commit=True)
    git(repo, "push", "-q", "origin", "loggning")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--ff-only", "loggning")
    result = erase(repo)
    assert "är pushad (origin/loggning)" in result.stdout


def test_outside_git_nothing_is_committed(tmp_path: Path) -> None:
    write(tmp_path, "promises/2019.yaml", PROMISES)
    write(tmp_path, "logs/2019.csv", HEADER + FIRST + SECRET)
    result = erase(tmp_path)
    assert "Texten har aldrig committats" in result.stdout
