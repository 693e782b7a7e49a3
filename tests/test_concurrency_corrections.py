"""Corrections at the same time as logging: `stryk`, `ratta` and `radera` (which replaces the
log file) running while others append lose nothing and strike exactly what they were asked."""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter
from datetime import date
from pathlib import Path

from conftest import MINIMAL_PROMISES, run_lofte, write

from medborgarlofte.load.corrections import Action, read_corrections
from medborgarlofte.load.log_file import LogRows

HEADER = "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad\n"
OLD_ROWS = 20
APPENDERS = 3
APPENDS = 30


def _old_row(index: int) -> str:
    # Example data: made-up rows, each with its own registration time.
    stamp = f"2019-03-01T10:{index:02d}:00+01:00"
    return f"2019-03-01,kontakt,1,Plats {index},,,gammal-{index},exempel,{stamp}\n"


def _appender(root: str, worker: int, barrier: multiprocessing.synchronize.Barrier) -> None:
    from medborgarlofte.load.repo import Repo
    from medborgarlofte.write.append import append_row
    from medborgarlofte.write.logging_rows import build_activity

    (promise_set,), _ = Repo.open(Path(root)).load()
    barrier.wait()
    for index in range(APPENDS):
        activity = build_activity(
            promise_set,
            day=date(2019, 3, 4),
            today=date(2019, 12, 31),
            activity_type="kontakt",
            count="1",
            place="Torget",
            participants=[],
            tags=[],
            description=f"ny-{worker}-{index}",
            registered_by="test",
            registered=f"2019-12-31T12:{worker:02d}:{index:02d}+01:00",
        )
        append_row(Path(root, promise_set.log_path), activity.cells(), count_lines=False)
    os._exit(0)


def _corrector(root: str, worker: int, barrier: multiprocessing.synchronize.Barrier) -> None:
    """Worker 0 strikes the old rows 0, 3, 6 …; worker 1 erases rows 1, 4, 7 …; worker 2
    corrects rows 2, 5, 8 … (antal 5). Old rows keep their line numbers: appends come after."""
    from medborgarlofte.load.repo import Repo
    from medborgarlofte.write.corrections import erase_row, strike_row

    (promise_set,), _ = Repo.open(Path(root)).load()
    barrier.wait()
    for index in range(worker, OLD_ROWS, 3):
        line = index + 2
        at = f"2019-12-31T13:00:{index:02d}+01:00"
        if worker == 0:
            strike_row(Path(root), promise_set, line, "fel", "test", at)
        elif worker == 1:
            erase_row(Path(root), promise_set, line, "namn", "test", at)
        else:
            strike_row(
                Path(root),
                promise_set,
                line,
                "fel antal",
                "test",
                at,
                replace=lambda cells, at=at: {**cells, "antal": "5", "registrerad": at},
            )
    os._exit(0)


def test_corrections_and_appends_at_once_lose_nothing(tmp_path: Path) -> None:
    write(tmp_path, "promises/2019.yaml", MINIMAL_PROMISES.format(period=2019))
    old = "".join(_old_row(i) for i in range(OLD_ROWS))
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs/2019.csv").write_text(HEADER + old, encoding="utf-8")
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(APPENDERS + 3)
    workers = [
        context.Process(target=_appender, args=(str(tmp_path), n, barrier))
        for n in range(APPENDERS)
    ] + [context.Process(target=_corrector, args=(str(tmp_path), n, barrier)) for n in range(3)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=120)
    assert [p.exitcode for p in workers] == [0] * len(workers)

    rows = LogRows(tmp_path / "logs/2019.csv", "logs/2019.csv")
    descriptions = Counter(cells[rows.columns["beskrivning"]] for _, cells in rows)
    assert rows.problems == []
    appended = {f"ny-{w}-{i}" for w in range(APPENDERS) for i in range(APPENDS)}
    erased = set(range(1, OLD_ROWS, 3))
    corrected = set(range(2, OLD_ROWS, 3))
    kept = {f"gammal-{i}" for i in range(OLD_ROWS) if i not in erased}
    copies = Counter({f"gammal-{i}": 1 for i in corrected})  # each corrected copy
    assert descriptions == Counter(appended) + Counter(kept) + copies + Counter(
        {"[raderad]": len(erased)}
    )
    records = read_corrections(tmp_path, "logs/2019.csv").records
    assert Counter(r.action for r in records) == {
        Action.STRIKE: len(range(0, OLD_ROWS, 3)),
        Action.ERASE: len(erased),
        Action.CORRECT: len(corrected),
    }
    check = run_lofte("check", cwd=tmp_path, today="2019-12-31")
    assert (check.exit_code, check.stdout) == (0, ""), check.stdout
    status = run_lofte("status", "--format", "json", cwd=tmp_path, today="2019-12-31")
    kontakter = status.stdout.split('"id": "kontakter"')[1]
    struck = len(range(0, OLD_ROWS, 3)) + len(corrected)
    expected_done = OLD_ROWS - struck + 5 * len(corrected) + APPENDERS * APPENDS
    assert f'"done": {expected_done},' in kontakter
