"""A repo of many kommuner: shared by two processes and drawn without Rich laying out every
row, with exactly the results and the output of one process and of Rich."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from conftest import MINIMAL_PROMISES, run_lofte, write

from medborgarlofte.load import halves, workspace
from medborgarlofte.load.repo import Repo

HEADER = "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad\n"


def _many_kommuner(root: Path, count: int = 12) -> Path:
    """`count` kommuner with small logs, and in some of them what check and oversikt report:
    bad rows, a broken promise file, a missing log, a period's row in the wrong log."""
    for n in range(count):
        folder = f"kommun-{n:02d}"
        text = MINIMAL_PROMISES.format(period=2019).replace("Exempelby", f"Exempelby {n}")
        write(root, f"promises/{folder}/2019.yaml", text)
        rows = [
            f"2019-0{1 + m % 9}-1{m % 10},kontakt,{1 + m % 3},Torget,,,Exempeldata,x,\n"
            for m in range(n * 7)
        ]
        if n % 4 == 1:
            rows.append("2019-02-30,kontakt,1,,,,Exempeldata,x,\n")  # E021
            rows.append("2018-12-31,kontakt,1,,,,Exempeldata,x,\n")  # E022, belongs in 2018
        if n % 5 == 2:
            rows.append("2019-03-03,okänd,1,,,,Exempeldata: 19121212-1212,x,\n")
        if n != 3:  # kommun 3 has no log yet
            write(root, f"logs/{folder}/2019.csv", HEADER + "".join(rows))
    write(root, "promises/kommun-01/2018.yaml", MINIMAL_PROMISES.format(period=2018))
    write(root, "promises/kommun-07/2019.yaml", "kommun: [oavslutad\n")
    return root


@pytest.mark.parametrize(
    "args",
    [
        ("check",),
        ("check", "--strikt", "--per", "2019-06-30", "--format", "json"),
        ("oversikt", "--per", "2019-06-30"),
        ("oversikt", "2019", "--format", "json"),
    ],
)
def test_two_processes_give_what_one_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    root = _many_kommuner(tmp_path)
    shared = run_lofte(*args, cwd=root)
    monkeypatch.setattr(workspace, "SHARED_FILES", 10**6)
    alone = run_lofte(*args, cwd=root)
    assert (shared.exit_code, shared.stdout, shared.stderr) == (
        alone.exit_code,
        alone.stdout,
        alone.stderr,
    )
    assert shared.exit_code == 1 and shared.stdout  # the broken file and rows are reported


def test_the_files_are_shared_and_a_failing_helper_costs_only_time(tmp_path: Path) -> None:
    root = _many_kommuner(tmp_path)
    repo = Repo.open(root)
    here = os.getpid()
    helped = tmp_path / "hjälparen-tog-en-fil"

    def work(ref: object, loaded: object) -> int:
        if os.getpid() != here:
            helped.touch()
        elif halves.cores() >= 2:
            for _ in range(3000):  # hold this process's first file until the helper has one
                if helped.exists():
                    break
                time.sleep(0.01)
        return os.getpid()

    results = workspace.each_promise_file(repo, repo.refs, work, int, int)
    assert [loaded for loaded, _ in results] == [repo.load_file(ref) for ref in repo.refs]
    if halves.cores() >= 2:
        pids = {pid for _, pid in results}
        assert here in pids and len(pids) == 2  # both processes took files

    def unsendable(value: int) -> object:
        return object()  # the helper cannot send this: everything is done here instead

    results = workspace.each_promise_file(repo, repo.refs, work, unsendable, int)
    assert [pid for _, pid in results] == [os.getpid()] * len(repo.refs)
