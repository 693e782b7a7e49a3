"""The CI templates lofte ships and writes: actionlint passes on every GitHub workflow, the
GitLab template has its gate before Pages, and `lofte init` installs the lofte that runs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import PROJECT, git, run_lofte

from medborgarlofte.write import scaffold
from medborgarlofte.write.scaffold import install_line


def _actionlint() -> str:
    beside = Path(sys.executable).parent / "actionlint"
    found = str(beside) if beside.is_file() else shutil.which("actionlint")
    if found is None:
        pytest.skip("actionlint saknas (pip install -e '.[test]' installerar det)")
    return found


def _lint(path: Path) -> str:
    result = subprocess.run(
        [_actionlint(), "-no-color", "-shellcheck=", "-pyflakes=", str(path)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    return result.stdout + result.stderr


def test_actionlint_passes_on_the_example() -> None:
    assert _lint(PROJECT / "examples/github-actions.yml") == ""


@pytest.mark.parametrize(
    "record",
    [
        None,
        '{"url": "https://git.example.org/medborgarlofte.git", "vcs_info": '
        '{"vcs": "git", "commit_id": "0123456789abcdef0123456789abcdef01234567"}}',
        '{"url": "file:///home/samordnare/medborgarlofte", "dir_info": {"editable": true}}',
    ],
)
def test_actionlint_passes_on_what_init_writes(
    record: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scaffold, "current_install_line", lambda: install_line("0.1.0", record))
    result = run_lofte("init", "--kommun", "Kalix", "--period", "2019", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    workflow = tmp_path / ".github/workflows/lofte.yml"
    assert _lint(workflow) == ""
    jobs = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]
    assert jobs["webbplats"]["needs"] == "kontroll"
    assert jobs["publicera"]["permissions"] == {"pages": "write", "id-token": "write"}
    steps = [s.get("uses", s.get("run")) for s in jobs["webbplats"]["steps"]]
    assert "lofte webb -o _site" in steps
    assert "actions/upload-pages-artifact@v5" in steps
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    installs = [s["run"] for s in jobs["kontroll"]["steps"] if "Installera" in s.get("name", "")]
    assert installs[0] in readme


def test_install_line_follows_the_installation_record() -> None:
    assert install_line("0.1.0", None).command == "pip install 'medborgarlofte==0.1.0'"
    git = install_line(
        "0.2.0",
        json.dumps(
            {
                "url": "https://person:hemligt@git.example.org/lofte.git",
                "vcs_info": {"vcs": "git", "commit_id": "abc123", "requested_revision": "main"},
            }
        ),
    )
    assert git.requirement == "medborgarlofte @ git+https://git.example.org/lofte.git@abc123"
    assert "hemligt" not in git.note and "samma git-repo och incheckning" in git.note
    archive = install_line(
        "0.2.0", '{"url": "https://example.org/medborgarlofte-0.2.0.tar.gz", "archive_info": {}}'
    )
    assert archive.requirement == "medborgarlofte @ https://example.org/medborgarlofte-0.2.0.tar.gz"
    local = install_line("0.2.0", '{"url": "file:///home/a/lofte", "dir_info": {}}')
    assert local.requirement == "medborgarlofte==0.2.0"
    assert local.note.startswith("OBS: lofte 0.2.0 installerades här från en lokal katalog")
    assert "/home/a" not in local.note
    quoted = install_line("0.2.0", """{"url": "https://x.org/a'b", "archive_info": {}}""")
    assert quoted.requirement == "medborgarlofte==0.2.0"  # never a quote into the shell line


def _gitlab_jobs(config: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in config.items() if isinstance(v, dict) and "script" in v}


@pytest.mark.parametrize("source", ["example", "init"])
def test_gitlab_template_checks_before_it_publishes(source: str, tmp_path: Path) -> None:
    if source == "example":
        text = (PROJECT / "examples/gitlab-ci.yml").read_text(encoding="utf-8")
    else:
        assert (
            run_lofte("init", "--kommun", "Kalix", "--period", "2019", cwd=tmp_path).exit_code == 0
        )
        text = (tmp_path / ".gitlab-ci.yml").read_text(encoding="utf-8")
    config = yaml.safe_load(text)
    stages = config["stages"]
    jobs = _gitlab_jobs(config)
    assert set(jobs) == {"lofte-check", "pages"}
    for job in jobs.values():
        assert job["stage"] in stages
    pages = jobs["pages"]
    assert stages.index(jobs["lofte-check"]["stage"]) < stages.index(pages["stage"])
    assert pages["needs"] == ["lofte-check"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["script"] == ["lofte webb -o public"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert 'lofte check --sedan "$bas"' in jobs["lofte-check"]["script"][0]
    template = config[".lofte"]
    assert template["image"].startswith("python:3.")
    assert template["variables"]["GIT_DEPTH"] == "0"  # no shallow clone: --sedan needs history
    assert template["before_script"] == ['pip install "$LOFTE_PAKET"']
    if source == "example":
        assert config["variables"]["LOFTE_PAKET"].startswith("medborgarlofte @ git+https://")
    else:
        assert config["variables"]["LOFTE_PAKET"] == scaffold.current_install_line().requirement


# --- the history check against the branch's base, run as written in a real git repo ---------

PROMISES = """\
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
ROWS = [
    f"2019-03-0{day},trygghetsvandring,1,Exempeldata: plats {day},kommun,,,anna,"
    f"2019-03-0{day}T20:00:00+01:00\n"
    for day in range(1, 5)
]


def _env(root: Path, **extra: str) -> dict[str, str]:
    """The test git's environment, with the lofte under test first on PATH."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "GITHUB_", "CI_"))}
    env.update(
        HOME=str(root.parent),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_AUTHOR_NAME="Exempel",
        GIT_AUTHOR_EMAIL="exempel@example.org",
        GIT_COMMITTER_NAME="Exempel",
        GIT_COMMITTER_EMAIL="exempel@example.org",
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        NO_COLOR="1",
        **extra,
    )
    return env


def _sh(root: Path, script: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=root,
        env=_env(root, **extra),
        capture_output=True,
        text=True,
        check=False,
    )


def _commit(root: Path, text: str, message: str) -> str:
    (root / "logs/2019.csv").write_text(text, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture
def clone(tmp_path: Path, no_outer_git: None) -> Path:
    """A clone of a remote whose main has two log rows, on a branch `loggning`."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    first = tmp_path / "forsta"
    (first / "promises").mkdir(parents=True)
    (first / "logs").mkdir()
    (first / "promises/2019.yaml").write_text(PROMISES, encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main", str(first))
    _commit(first, HEADER + ROWS[0] + ROWS[1], "Exempeldata: två rader")
    git(first, "push", "-q", str(remote), "main")
    root = tmp_path / "klon"
    git(tmp_path, "clone", "-q", str(remote), str(root))
    git(root, "checkout", "-q", "-b", "loggning")
    return root


def _github_script() -> tuple[str, dict[str, str]]:
    workflow = yaml.safe_load((PROJECT / "examples/github-actions.yml").read_text("utf-8"))
    steps = workflow["jobs"]["kontroll"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0  # the whole history, not a shallow clone
    (step,) = [s for s in steps if "--sedan" in s.get("run", "")]
    return step["run"], step["env"]


def _github_env(pr_base: str = "", before: str = "", ref: str = "loggning") -> dict[str, str]:
    return {
        "PR_BAS": pr_base,
        "FORE_PUSH": before,
        "STANDARDGREN": "main",
        "GITHUB_REF_NAME": ref,
    }


def test_the_generated_workflow_runs_the_same_history_check(tmp_path: Path) -> None:
    assert run_lofte("init", "--kommun", "Kalix", "--period", "2019", cwd=tmp_path).exit_code == 0
    generated = yaml.safe_load((tmp_path / ".github/workflows/lofte.yml").read_text("utf-8"))
    steps = generated["jobs"]["kontroll"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    script, env = _github_script()
    assert [(s["run"], s["env"]) for s in steps if "--sedan" in s.get("run", "")] == [(script, env)]
    assert set(env) == {"PR_BAS", "FORE_PUSH", "STANDARDGREN"}
    assert env["PR_BAS"] == "${{ github.event.pull_request.base.sha }}"


def test_github_stops_a_pull_request_that_rewrites_the_log(clone: Path) -> None:
    base = git(clone, "rev-parse", "origin/main").stdout.strip()
    script, _ = _github_script()
    _commit(clone, HEADER + ROWS[0] + ROWS[1] + ROWS[2], "Exempeldata: en ny rad")
    ok = _sh(clone, script, **_github_env(pr_base=base))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    rewritten = ROWS[0].replace("plats 1", "plats 9")
    _commit(clone, HEADER + rewritten + ROWS[1] + ROWS[2], "Exempeldata: skriver om rad 2")
    stopped = _sh(clone, script, **_github_env(pr_base=base))
    assert stopped.returncode == 1
    assert "::error file=logs/2019.csv,line=2,title=E030::" in stopped.stdout
    assert f"'git checkout {git(clone, 'merge-base', base, 'HEAD').stdout.strip()} -- " in (
        stopped.stderr
    )
    # the same on a push to the branch: compared with the default branch
    assert _sh(clone, script, **_github_env()).returncode == 1


def test_github_on_the_default_branch_compares_with_the_push_before(clone: Path) -> None:
    script, _ = _github_script()
    git(clone, "checkout", "-q", "main")
    before = git(clone, "rev-parse", "HEAD").stdout.strip()
    _commit(clone, HEADER + ROWS[1] + ROWS[0], "Exempeldata: byter ordning")
    stopped = _sh(clone, script, **_github_env(before=before, ref="main"))
    assert stopped.returncode == 1 and "E030" in stopped.stdout
    # a new branch's first push (before = 000…) or a history git no longer has: no base
    zeros = "0" * 40
    assert _sh(clone, script, **_github_env(before=zeros, ref="main")).returncode == 0


def test_gitlab_stops_a_merge_request_that_rewrites_the_log(clone: Path) -> None:
    config = yaml.safe_load((PROJECT / "examples/gitlab-ci.yml").read_text("utf-8"))
    script = config["lofte-check"]["script"][0]
    base = git(clone, "rev-parse", "origin/main").stdout.strip()
    _commit(clone, HEADER + ROWS[1] + ROWS[2], "Exempeldata: tar bort rad 2")
    env = {"CI_DEFAULT_BRANCH": "main", "CI_COMMIT_BRANCH": "loggning"}
    for extra in ({"CI_MERGE_REQUEST_DIFF_BASE_SHA": base}, {}):
        stopped = _sh(clone, script, **env, **extra)
        assert stopped.returncode == 1, stopped.stdout + stopped.stderr
        assert "logs/2019.csv:2: fel E030:" in stopped.stdout
        assert "lofte: logs/2019.csv har ändrats i rader som redan fanns i" in stopped.stderr


def _hook_entries(root: Path) -> list[str]:
    assert run_lofte("init", "--kommun", "Kalix", "--period", "2019", cwd=root).exit_code == 0
    generated = yaml.safe_load((root / ".pre-commit-config.yaml").read_text("utf-8"))
    shipped = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    example = yaml.safe_load((PROJECT / "examples/pre-commit-config.yaml").read_text("utf-8"))
    entries = [
        generated["repos"][0]["hooks"][0]["entry"],
        shipped[0]["entry"],
        example["repos"][0]["hooks"][0]["entry"],
    ]
    assert len(set(entries)) == 1
    return entries


def test_the_pre_commit_hook_stops_a_rewritten_log(tmp_path: Path, no_outer_git: None) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    entry = _hook_entries(root)[0]
    assert "--sedan" in entry
    git(root, "init", "-q", "-b", "main")
    # the first commit: nothing committed yet, nothing to compare with
    (root / "promises/2019.yaml").write_text(PROMISES, encoding="utf-8")
    (root / "logs/2019.csv").write_text(HEADER + ROWS[0] + ROWS[1], encoding="utf-8")
    first = _sh(root, entry)
    assert first.returncode == 0, first.stdout + first.stderr
    _commit(root, HEADER + ROWS[0] + ROWS[1], "Exempeldata: två rader")
    (root / "logs/2019.csv").write_text(HEADER + ROWS[0] + ROWS[1] + ROWS[2], encoding="utf-8")
    appended = _sh(root, entry)
    assert appended.returncode == 0, appended.stdout + appended.stderr
    rewritten = ROWS[0].replace(",1,", ",3,")
    (root / "logs/2019.csv").write_text(HEADER + rewritten + ROWS[1], encoding="utf-8")
    stopped = _sh(root, entry)
    assert stopped.returncode == 1
    assert "logs/2019.csv:2: fel E030:" in stopped.stdout
    assert "'git checkout HEAD -- logs/2019.csv'" in stopped.stderr


# --- release-ready: the package, the release workflow, the install line ----------------------


def test_the_release_workflow_publishes_a_version_tag_by_trusted_publishing() -> None:
    path = PROJECT / ".github/workflows/release.yml"
    assert _lint(path) == ""
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert workflow[True] == {"push": {"tags": ["v*"]}}  # YAML 1.1 reads `on` as True
    assert workflow["permissions"] == {"contents": "read"}
    build, publish = workflow["jobs"]["bygg"], workflow["jobs"]["publicera"]
    assert "permissions" not in build  # only the publishing job gets a token
    assert publish["needs"] == "bygg"
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["steps"][-1] == {"uses": "pypa/gh-action-pypi-publish@release/v1"}
    assert "secrets." not in text and "password" not in text  # no secret anywhere
    runs = [s.get("run", "") for s in build["steps"]]
    assert any(".ci/paket" in run and "LOFTE_DIST=dist" in run for run in runs)


@pytest.mark.parametrize(("tag", "code"), [("v0.1.0", 0), ("v0.1.1", 1), ("0.1.0", 1)])
def test_the_release_refuses_a_tag_that_is_not_the_version(
    tag: str, code: int, tmp_path: Path
) -> None:
    workflow = yaml.safe_load((PROJECT / ".github/workflows/release.yml").read_text("utf-8"))
    (step,) = [s for s in workflow["jobs"]["bygg"]["steps"] if "Taggen" in s.get("name", "")]
    result = subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        cwd=PROJECT,
        env={**os.environ, "GITHUB_REF_NAME": tag},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == code, result.stdout + result.stderr


def test_the_package_metadata_is_ready_to_publish() -> None:
    import tomllib

    from medborgarlofte import __version__

    project = tomllib.loads((PROJECT / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["version"] == __version__
    assert project["license"] == "MIT"  # an SPDX expression, not the deprecated table
    assert [(PROJECT / name).is_file() for name in project["license-files"]] == [True]
    assert project["readme"] == {"file": "README.md", "content-type": "text/markdown"}
    assert {"build", "twine"} <= {d.split(">")[0] for d in project["optional-dependencies"]["test"]}
    ci = (PROJECT / ".ci/run").read_text("utf-8")
    assert "\n.ci/paket\n" in ci
    release_check = (PROJECT / ".ci/paket").read_text("utf-8")
    for step in ("-m build", "twine check --strict", "-m venv", 'lofte" init', 'lofte" check'):
        assert step in release_check, step


def test_a_local_clone_installs_from_its_pushed_commit() -> None:
    record = '{"url": "file:///home/samordnare/medborgarlofte", "dir_info": {"editable": true}}'
    commit = "0123456789abcdef0123456789abcdef01234567"
    for origin in (
        "https://git.example.org/kommun/lofte.git",
        "git@git.example.org:kommun/lofte.git",
    ):
        seen: list[Path] = []

        def pushed(
            directory: Path, origin: str = origin, seen: list[Path] = seen
        ) -> tuple[str, str]:
            seen.append(directory)
            return origin, commit

        line = install_line("0.1.0", record, pushed)
        assert line.requirement == (
            f"medborgarlofte @ git+https://git.example.org/kommun/lofte.git@{commit}"
        )
        assert seen == [Path("/home/samordnare/medborgarlofte")]
    # not pushed, or an address CI cannot use: the released version, and a note on what to do
    assert install_line("0.1.0", record, lambda _: None).requirement == "medborgarlofte==0.1.0"
    local = install_line("0.1.0", record, lambda _: ("/srv/git/lofte.git", commit))
    assert local.requirement == "medborgarlofte==0.1.0"
    assert local.note.startswith("OBS:")


def test_pushed_checkout_in_a_real_clone(tmp_path: Path, no_outer_git: None) -> None:
    from medborgarlofte.load.git_history import pushed_checkout

    remote = tmp_path / "lofte.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    first = tmp_path / "forsta"
    git(tmp_path, "init", "-q", "-b", "main", str(first))
    (first / "README.md").write_text("Exempeldata\n", encoding="utf-8")
    git(first, "add", ".")
    git(first, "commit", "-q", "-m", "Exempeldata")
    git(first, "push", "-q", str(remote), "main")
    clone = tmp_path / "klon"
    git(tmp_path, "clone", "-q", str(remote), str(clone))
    git(clone, "remote", "set-url", "origin", "https://git.example.org/kommun/lofte.git")
    head = git(clone, "rev-parse", "HEAD").stdout.strip()
    assert pushed_checkout(clone) == ("https://git.example.org/kommun/lofte.git", head)
    (clone / "README.md").write_text("Exempeldata, ändrad\n", encoding="utf-8")
    git(clone, "commit", "-q", "-am", "Exempeldata: inte pushad")
    assert pushed_checkout(clone) is None  # CI could not fetch that commit
    assert pushed_checkout(tmp_path) is None  # not a git repo
