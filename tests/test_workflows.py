"""The CI templates lofte ships and writes: actionlint passes on every GitHub workflow, the
GitLab template has its gate before Pages, and `lofte init` installs the lofte that runs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT, run_lofte

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


def test_gitlab_template_checks_before_it_publishes() -> None:
    config = yaml.safe_load((PROJECT / "examples/gitlab-ci.yml").read_text(encoding="utf-8"))
    stages = config["stages"]
    jobs = {k: v for k, v in config.items() if isinstance(v, dict) and "script" in v}
    assert set(jobs) == {"lofte-check", "lofte-bara-nya-rader", "pages"}
    for job in jobs.values():
        assert job["stage"] in stages
    pages = jobs["pages"]
    assert stages.index(jobs["lofte-check"]["stage"]) < stages.index(pages["stage"])
    assert pages["needs"] == ["lofte-check"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["script"] == ["lofte webb -o public"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert jobs["lofte-check"]["script"] == ["lofte check"]
    template = config[".lofte"]
    assert template["image"].startswith("python:3.")
    assert template["before_script"] == ['pip install "$LOFTE_PAKET"']
    assert config["variables"]["LOFTE_PAKET"].startswith("medborgarlofte @ git+https://")
