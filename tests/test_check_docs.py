"""Every problem code is documented: a row in docs/felkoder.md, linked from the README."""

from __future__ import annotations

import re

from conftest import PROJECT

from medborgarlofte.core.texts import MESSAGES

DOC = PROJECT / "docs" / "felkoder.md"


def documented_rows() -> dict[str, list[str]]:
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if cells and re.fullmatch(r"[A-Z]\d{3}", cells[0]):
            rows[cells[0]] = cells
    return rows


def test_every_code_has_a_row_with_its_severity_meaning_and_example() -> None:
    rows = documented_rows()
    missing = sorted(set(MESSAGES) - set(rows))
    assert missing == [], f"docs/felkoder.md lacks a row for {missing}"
    assert sorted(set(rows) - set(MESSAGES)) == [], "docs/felkoder.md documents unknown codes"
    for code, (severity, _) in MESSAGES.items():
        _, documented_severity, meaning, example = rows[code]
        assert documented_severity == severity, code
        assert meaning, code
        assert f" {severity} {code}: " in example, code


def test_the_readme_links_the_code_table_and_lists_check() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert "(docs/felkoder.md)" in readme
    assert "| `lofte check " in readme


def _code_rows() -> list[list[str]]:
    rows = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if cells and re.fullmatch(r"[A-Z]\d{3}", cells[0]):
            rows.append(cells)
    return rows


def test_the_code_table_has_each_code_once_in_order() -> None:
    """Errors, then warnings, then --strikt findings, each by number: a reader scans for a code."""
    codes = [cells[0] for cells in _code_rows()]
    kinds = "EWS"
    assert codes == sorted(codes, key=lambda c: (kinds.index(c[0]), int(c[1:])))
    assert len(codes) == len(set(codes))


def test_every_example_is_what_check_prints_in_the_error_catalogue() -> None:
    for code, _, _, example in _code_rows():
        golden = PROJECT / "tests" / "errors" / code / "expected.txt"
        if not golden.exists():  # E030 needs git history, W004 is a status warning
            continue
        expected = golden.read_text(encoding="utf-8")
        for shown in re.findall(r"`([^`]*)`", example):
            if f" {code}: " in shown:
                assert shown.replace("\\|", "|") in expected, code


def test_every_test_file_the_guarantees_name_exists() -> None:
    text = (PROJECT / "docs" / "garantier.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:tests|bench)/[\w/]+\.py)`", text))
    assert "tests/test_concurrency.py" in named
    assert sorted(n for n in named if not (PROJECT / n).is_file()) == []


def test_the_readme_command_table_lists_every_command_with_its_options() -> None:
    """Eight hands edited the table; each command's row(s) must name every option it has."""
    from typer.main import get_command

    from medborgarlofte.cli import app

    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Kommandon\n", 1)[1].split("\n#", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `lofte ")]
    stack: list[tuple[list[str], object]] = [([], get_command(app))]
    checked = 0
    while stack:
        path, command = stack.pop()
        subs = getattr(command, "commands", {})
        for name, sub in subs.items():
            stack.append(([*path, name], sub))
        if subs or not path:
            continue
        prefix = "| `lofte " + " ".join(path) + " "
        mine = " ".join(row.split("` |")[0] for row in rows if row.startswith(prefix))
        assert mine, f"README has no row for 'lofte {' '.join(path)}'"
        for param in command.params:  # type: ignore[attr-defined]
            flags = [o for o in param.opts if o.startswith("-")]
            if flags and "--help" not in flags:
                assert any(o in mine for o in flags), (path, flags)
        checked += 1
    assert checked >= 17
