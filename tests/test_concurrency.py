"""Concurrent loggers: many real processes appending to one log lose nothing and tear nothing.

Two variants. Forked workers (real processes, 8 x 50 appends) run the `log insats` code
in-process, without paying the executable's start-up 400 times, and all start at one barrier,
so their appends contend for the lock. Eight real `lofte` executables started at once then prove
the same through the installed entry point.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from conftest import MINIMAL_PROMISES, write

from medborgarlofte.core.model import LOG_HEADER
from medborgarlofte.load.log_file import LogRows

WORKERS = 8
APPENDS_PER_WORKER = 50
CLI_PROCESSES = 8
CLI_APPENDS_PER_PROCESS = 1  # each executable costs a start-up; the fork test contends
LOFTE = Path(sys.executable).with_name("lofte")


def _environment(root: Path) -> dict[str, str]:
    return {
        **os.environ,
        "LOFTE_IDAG": "2019-12-31",
        "LOFTE_AV": "test",
        "LOFTE_KATALOG": str(root),
        "NO_COLOR": "1",
    }


def _worker(root: str, worker: int, barrier: multiprocessing.synchronize.Barrier) -> None:
    """One logger appending APPENDS_PER_WORKER rows as fast as it can.

    Every tenth row goes through the whole `log insats` command (load, validate, append,
    count lines, judge); the others through the same validation and append calls with the
    promise file loaded once, so the appends come close enough together to contend.
    """
    import typer.main

    from medborgarlofte.cli import app
    from medborgarlofte.load.repo import Repo
    from medborgarlofte.write.append import append_row
    from medborgarlofte.write.logging_rows import build_activity

    command = typer.main.get_command(app)  # built once: typer rebuilds it on every app() call
    os.environ.update(_environment(Path(root)))
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    (promise_set,), _ = Repo.open(Path(root)).load()
    barrier.wait()
    failures = 0
    for index in range(APPENDS_PER_WORKER):
        place, description = f'plats, med "citat" {worker}', f"w{worker}-{index}"
        if index % 10 == 0:
            args = ["log", "insats", "--typ", "kontakt", "--datum", "2019-03-04"]
            args += ["--plats", place, "--beskrivning", description]
            code = command.main(args, standalone_mode=False, prog_name="lofte")
            failures += code not in (None, 0)
            continue
        activity = build_activity(
            promise_set,
            day=date(2019, 3, 4),
            today=date(2019, 12, 31),
            activity_type="kontakt",
            count="1",
            place=place,
            participants=[],
            tags=[],
            description=description,
            registered_by="test",
            registered="2019-12-31T12:00:00+01:00",
        )
        append_row(Path(root, promise_set.log_path), activity.cells(), count_lines=index % 2 == 0)
    os._exit(1 if failures else 0)


def _descriptions(root: Path) -> tuple[Counter[str], list[str]]:
    rows = LogRows(root / "logs/2019.csv", "logs/2019.csv")
    found = Counter(cells[rows.columns["beskrivning"]] for _, cells in rows)
    return found, [f"{p.location()}: {p.code} {p.message}" for p in rows.problems]


def _assert_every_line_whole(root: Path) -> None:
    data = (root / "logs/2019.csv").read_bytes()
    assert data.endswith(b"\n")
    lines = data.decode("utf-8").splitlines()
    assert lines[0] == ",".join(LOG_HEADER)
    for line in lines[1:]:
        assert line.startswith("2019-03-04,kontakt,1,") and line.count('"') == 6, line


def test_eight_processes_fifty_appends_each_every_row_once(tmp_path: Path) -> None:
    write(tmp_path, "promises/2019.yaml", MINIMAL_PROMISES.format(period=2019))
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(WORKERS)
    workers = [
        context.Process(target=_worker, args=(str(tmp_path), n, barrier)) for n in range(WORKERS)
    ]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=120)
    assert [p.exitcode for p in workers] == [0] * WORKERS

    found, problems = _descriptions(tmp_path)
    expected = {f"w{w}-{i}" for w in range(WORKERS) for i in range(APPENDS_PER_WORKER)}
    assert problems == []
    assert set(found) == expected
    assert set(found.values()) == {1}
    assert sum(found.values()) == WORKERS * APPENDS_PER_WORKER == 400
    _assert_every_line_whole(tmp_path)


def test_real_lofte_executables_appending_at_once(tmp_path: Path) -> None:
    write(tmp_path, "promises/2019.yaml", MINIMAL_PROMISES.format(period=2019))
    environment = _environment(tmp_path)
    # Each process logs its rows one after another in a shell loop, all processes at once.
    scripts = []
    for process in range(CLI_PROCESSES):
        runs = [
            f'"{LOFTE}" log insats --typ kontakt --datum 2019-03-04 --tyst '
            f"--plats 'plats, med \"citat\" {process}' --beskrivning c{process}-{index}"
            for index in range(CLI_APPENDS_PER_PROCESS)
        ]
        scripts.append(" && ".join(runs))
    running = [
        subprocess.Popen(
            ["sh", "-c", script],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
        )
        for script in scripts
    ]
    errors = [p.communicate(timeout=120)[1] for p in running]
    assert [p.returncode for p in running] == [0] * CLI_PROCESSES, errors

    found, problems = _descriptions(tmp_path)
    assert problems == []
    assert found == Counter(
        f"c{p}-{i}" for p in range(CLI_PROCESSES) for i in range(CLI_APPENDS_PER_PROCESS)
    )
    _assert_every_line_whole(tmp_path)
