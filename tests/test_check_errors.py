"""`lofte check` error catalogue: one broken repo per code under tests/errors/, output golden.

In the style of hledger's test/errors: each directory holds a small repo with one kind of
mistake and the whole expected output, as text and as JSON (see tests/errors/README.md).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import Run, run_lofte

from medborgarlofte.core.texts import MESSAGES

ERRORS = Path(__file__).resolve().parent / "errors"
CASES = sorted(p.name for p in ERRORS.iterdir() if p.is_dir())
TODAY = "2019-06-30"
# Codes with no directory here, and where they are tested instead.
ELSEWHERE = {
    "E030": "tests/test_check_sedan.py (needs git history)",
    "W004": "lofte status's warning; check reports the rows themselves",
}
EXIT_CODES = {"E": 1, "W": 0, "S": 3}


def check(case: str, *extra: str) -> Run:
    directory = ERRORS / case
    args_file = directory / "args"
    args = args_file.read_text(encoding="utf-8").split() if args_file.exists() else []
    return run_lofte("check", *args, *extra, cwd=directory, today=TODAY)


def assert_expected(case: str, name: str, actual: str) -> None:
    path = ERRORS / case / name
    if os.environ.get("LOFTE_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path} is missing (run with LOFTE_UPDATE_GOLDEN=1 and review)"
    assert actual == path.read_text(encoding="utf-8")


def test_every_code_has_its_broken_repo() -> None:
    assert set(CASES) == set(MESSAGES) - set(ELSEWHERE)


@pytest.mark.parametrize("case", CASES)
def test_text_output(case: str) -> None:
    result = check(case)
    assert result.stderr == ""
    assert result.exit_code == EXIT_CODES[case[0]]
    assert_expected(case, "expected.txt", result.stdout)


@pytest.mark.parametrize("case", CASES)
def test_json_output(case: str) -> None:
    result = check(case, "--format", "json")
    assert result.exit_code == EXIT_CODES[case[0]]
    assert_expected(case, "expected.json", result.stdout)
    problems = json.loads(result.stdout)
    assert problems and {p["code"] for p in problems} == {case}
    assert all(p["line"] is None or p["path"] in result.stdout for p in problems)
