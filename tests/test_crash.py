"""Crash safety: a killed logger leaves no row or the whole row; a torn last line is reported
with its line, and the next `lofte log insats` still appends a whole row after it.

The SIGKILL loop itself lives in bench/crash_loop.py (hundreds of kills when run by hand);
here it runs a shorter round. The torn lines are also written deliberately, so the
behaviour after a tear is pinned down whatever the kernel's timing.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import MINIMAL_PROMISES, PROJECT, run_lofte, write

HEADER = "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad"
WHOLE = "2019-03-04,kontakt,2,Torget,,,Exempeldata: hel rad,test,2019-03-04T10:00:00+01:00"
NEW_ROW_START = "2019-03-05,kontakt,1,,,,Exempeldata: ny rad,test,"


def _crash_loop() -> ModuleType:
    spec = importlib.util.spec_from_file_location("crash_loop", PROJECT / "bench/crash_loop.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["crash_loop"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_sigkill_at_random_moments_of_appending(tmp_path: Path) -> None:
    crash_loop = _crash_loop()
    report = crash_loop.run(kills=40, seed=5, workdir=tmp_path, tear_every=5)
    assert report.failures == []
    assert report.kills == 40
    assert report.rows_written > 0
    assert report.torn_lines_closed == report.torn_lines


def test_sigkill_at_random_moments_of_the_real_executable(tmp_path: Path) -> None:
    crash_loop = _crash_loop()
    report = crash_loop.run(kills=2, seed=7, cli=True, workdir=tmp_path)
    assert report.failures == []
    assert report.kills == 2


def _repo_with_log(tmp_path: Path, log_text: str) -> Path:
    write(tmp_path, "promises/2019.yaml", MINIMAL_PROMISES.format(period=2019))
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs/2019.csv").write_bytes(log_text.encode())
    return tmp_path


def _kontakter_done(root: Path) -> tuple[int, str]:
    result = run_lofte("status", "2019", "-f", "json", cwd=root)
    assert result.exit_code == 0, result.stderr
    (kontakter,) = [p for p in json.loads(result.stdout)["promises"] if p["id"] == "kontakter"]
    return kontakter["done"], result.stderr


def _log_new_row(root: Path) -> str:
    result = run_lofte(
        "log", "insats", "--typ", "kontakt", "--datum", "2019-03-05", "--tyst",
        "--beskrivning", "Exempeldata: ny rad", cwd=root,
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    return (root / "logs/2019.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("torn", "closed"),
    [
        # cut inside a plain cell: empty cells and the mark make it one cell too many
        ("2019-03-04,kontakt,1,Torg", "2019-03-04,kontakt,1,Torg,,,,,,avbruten rad"),
        # cut inside a quoted cell: the quote is closed first, or the next row would be
        # swallowed into that cell
        ('2019-03-04,kontakt,7,"Torget, Ex', '2019-03-04,kontakt,7,"Torget, Ex",,,,,,avbruten rad'),
        # cut right after a delimiter
        ("2019-03-04,kontakt,3,", "2019-03-04,kontakt,3,,,,,,,avbruten rad"),
    ],
)
def test_a_torn_last_line_is_reported_and_the_next_row_is_whole(
    tmp_path: Path, torn: str, closed: str
) -> None:
    before = f"{HEADER}\n{WHOLE}\n{torn}"
    root = _repo_with_log(tmp_path, before)

    check = run_lofte("check", cwd=root)
    assert check.exit_code == 1
    assert check.stdout.splitlines()[0].startswith(
        "logs/2019.csv:3: fel E026: Sista raden är avbruten (saknar radslut och har fel antal "
        "fält): "
    )
    assert _kontakter_done(root) == (
        2,
        "lofte: varning W004: Rader som inte kunde läsas lämnades utanför: 1 st. "
        "Kör 'lofte check'.\n",
    )

    after = _log_new_row(root)
    assert after.startswith(before)  # nothing that was there is rewritten
    lines = after.splitlines()
    assert lines[:2] == [HEADER, WHOLE]
    assert lines[2] == closed
    assert lines[3].startswith(NEW_ROW_START) and len(lines) == 4 and after.endswith("\n")

    check = run_lofte("check", cwd=root)
    assert (check.exit_code, check.stdout) == (
        1,
        "logs/2019.csv:3: fel E034: Raden är avbruten: skrivningen avbröts innan raden var "
        "klar, och nästa 'lofte log' stängde den med 'avbruten rad' sist. Ta bort raden, eller "
        "gör klart den och ta bort 'avbruten rad'.\n1 fel i 1 fil.\n",
    )
    # The torn row stays out of every judgement; the new one counts.
    assert _kontakter_done(root)[0] == 3


def test_a_last_line_without_newline_but_with_every_cell_just_gets_a_newline(
    tmp_path: Path,
) -> None:
    root = _repo_with_log(tmp_path, f"{HEADER}\n{WHOLE}")  # as some editors save it
    assert run_lofte("check", cwd=root).exit_code == 0
    assert _log_new_row(root).splitlines()[1:2] == [WHOLE]
    assert run_lofte("check", cwd=root).exit_code == 0
    assert _kontakter_done(root)[0] == 3


def test_an_empty_log_left_by_a_kill_before_the_first_write(tmp_path: Path) -> None:
    root = _repo_with_log(tmp_path, "")
    assert run_lofte("check", cwd=root).exit_code == 0
    assert _kontakter_done(root)[0] == 0
    assert _log_new_row(root).splitlines()[0] == HEADER
    assert _kontakter_done(root)[0] == 1


def test_line_breaks_in_a_value_never_make_a_row_span_lines(tmp_path: Path) -> None:
    root = _repo_with_log(tmp_path, f"{HEADER}\n")
    result = run_lofte(
        "log", "insats", "--typ", "kontakt", "--datum", "2019-03-05",
        "--beskrivning", "Exempeldata: rad ett\nrad två\r\nrad tre", cwd=root,
    )  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "Sparad: logs/2019.csv:2"
    lines = (root / "logs/2019.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert lines[1].startswith("2019-03-05,kontakt,1,,,,Exempeldata: rad ett rad två rad tre,")
