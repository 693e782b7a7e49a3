"""The files a promise repo copies: the example CI workflows and the pre-commit hook work.

Each test builds a fresh git repo of promises from the shipped example and runs the
`lofte` commands the files name: once each through the installed console script, as CI
and pre-commit would, to see them pass; in-process to see them stop a bad change.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT, git, run_lofte

LOFTE = Path(sys.executable).parent / "lofte"
BASE_REF_VARIABLES = (
    "${{ github.base_ref }}",
    "$GITHUB_BASE_REF",
    "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME",
)
NEW_ROW = (
    "2019-12-30,medborgarkontakt,1,Kalix centrum,polis,,Exempeldata: ny rad,exempel,"
    "2019-12-30T12:00:00+01:00\n"
)


pytestmark = pytest.mark.usefixtures("no_outer_git")


@pytest.fixture
def promise_repo(tmp_path: Path) -> Path:
    """A git repo of the shipped promises: origin/main (the base ref) and, on top of it, one
    commit that adds a row, as a pull request would."""
    shutil.copytree(PROJECT / "promises", tmp_path / "promises")
    shutil.copytree(PROJECT / "logs", tmp_path / "logs")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "Löften och logg (exempeldata)")
    git(tmp_path, "update-ref", "refs/remotes/origin/main", "HEAD")
    with (tmp_path / "logs/2019.csv").open("a", encoding="utf-8") as log:
        log.write(NEW_ROW)
    git(tmp_path, "commit", "-q", "-am", "En ny rad")
    return tmp_path


def lofte_commands(script_lines: list[str]) -> list[list[str]]:
    commands = []
    for line in script_lines:
        for part in line.splitlines():
            text = part.strip()
            if text.startswith("lofte "):
                for variable in BASE_REF_VARIABLES:
                    text = text.replace(variable, "main")
                # the branch's base the script works out (tests/test_workflows.py runs it)
                text = text.replace('"$bas"', "origin/main")
                commands.append([str(LOFTE), *shlex.split(text)[1:]])
    return commands


def github_commands() -> list[list[str]]:
    workflow = yaml.safe_load((PROJECT / "examples/github-actions.yml").read_text("utf-8"))
    runs = [s["run"] for job in workflow["jobs"].values() for s in job["steps"] if "run" in s]
    return lofte_commands(runs)


def gitlab_commands() -> list[list[str]]:
    pipeline = yaml.safe_load((PROJECT / "examples/gitlab-ci.yml").read_text("utf-8"))
    scripts = [
        line for job in pipeline.values() if isinstance(job, dict) for line in job.get("script", [])
    ]
    return lofte_commands(scripts)


def run(command: list[str], root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LOFTE_IDAG": "2019-12-31", "NO_COLOR": "1"}
    env.pop("GITHUB_WORKSPACE", None)
    env.pop("LOFTE_KATALOG", None)
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)


def rewrite_an_old_row(root: Path) -> None:
    log = root / "logs/2019.csv"
    lines = log.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = lines[5].replace("Exempeldata:", "Exempeldata (ändrad):")
    log.write_text("".join(lines), encoding="utf-8")


def hook_entry(hooks_file: str) -> list[str]:
    data = yaml.safe_load((PROJECT / hooks_file).read_text("utf-8"))
    hooks = data if isinstance(data, list) else [h for r in data["repos"] for h in r["hooks"]]
    hook = next(h for h in hooks if h["id"] == "lofte-check")
    assert hook["pass_filenames"] is False
    return [str(LOFTE), *shlex.split(hook["entry"])[1:]]


def test_every_copied_command_passes_in_a_fresh_repo(promise_repo: Path) -> None:
    """The installed `lofte`, run as CI and pre-commit would run it, once per distinct command."""
    github, gitlab = github_commands(), gitlab_commands()
    hooks = [hook_entry(".pre-commit-hooks.yaml"), hook_entry("examples/pre-commit-config.yaml")]
    for found in (github, gitlab):
        assert any("--sedan" in c for c in found) and any("--sedan" not in c for c in found)
    distinct = dict.fromkeys(tuple(c) for c in github + gitlab + hooks)
    # check and check --sedan origin/main, each as text and --format github (with no base:
    # a first push), check --sedan HEAD (the hooks), webb -o _site, webb -o public
    assert len(distinct) == 7
    for command in distinct:
        result = run(list(command), promise_repo)
        if command[1] == "webb":
            site = promise_repo / command[-1]
            assert (result.returncode, result.stderr) == (0, ""), command
            assert result.stdout == f"Skrev webbplatsen till {command[-1]}: 2 sidor, 8 datafiler.\n"
            assert (site / "index.html").is_file() and (site / "kalix/2019.html").is_file()
            continue
        assert (result.returncode, result.stdout, result.stderr) == (0, "", ""), command


def argv(command: list[str]) -> list[str]:
    return command[1:]  # the arguments after `lofte`, for an in-process run


def test_the_append_only_step_stops_a_rewritten_row(promise_repo: Path) -> None:
    rewrite_an_old_row(promise_repo)
    for since in (
        next(c for c in found if "--sedan" in c) for found in (github_commands(), gitlab_commands())
    ):
        result = run_lofte(*argv(since), cwd=promise_repo, today="2019-12-31")
        assert result.exit_code == 1
        assert result.stdout.startswith(
            (
                "logs/2019.csv:6: fel E030: Raderna från origin/main ",
                "::error file=logs/2019.csv,line=6,title=E030::Raderna från origin/main ",
            )
        )
        assert "'git checkout origin/main -- logs/2019.csv'" in result.stderr


def test_the_pre_commit_hook_stops_an_unknown_type(promise_repo: Path) -> None:
    with (promise_repo / "logs/2019.csv").open("a", encoding="utf-8") as log:
        log.write("2019-12-31,okänd-typ,1,,,,Exempeldata,exempel,\n")
    result = run_lofte(*argv(hook_entry(".pre-commit-hooks.yaml")), cwd=promise_repo)
    assert result.exit_code == 1
    assert result.stdout.startswith("logs/2019.csv:164: fel E024: Okänd aktivitetstyp 'okänd-typ'.")
