"""Crash safety: kill a logger with SIGKILL at a random moment, again and again, and after
every kill check that the log lost nothing and holds no half row but a reported torn last line.

    python bench/crash_loop.py                  # 300 kills of a process appending rows
    python bench/crash_loop.py --kills 1000 --seed 7
    python bench/crash_loop.py --cli --kills 50 # kill real `lofte log insats` processes

Two ways to die. By default a forked process appends rows in a tight loop (the same
validation and append calls as `lofte log insats`, with rows of random length so that many
writes cross a page boundary). It reports each row it has written; the killer waits for a
random number of them (0-7), then a random 0-2 ms more, and kills: every kill lands among
appends, however busy the machine. With `--cli` each round starts the real `lofte log
insats` executable and kills it at a random moment of its run (half of them near its end,
where the row is written).

After each kill the log must:
- still begin with every byte it had before the round (rows are never rewritten);
- hold the round's rows as a gap-free run 0, 1, 2, …, each whole and exactly once;
- have no problem at all, or one torn last line that `lofte check` reports as E026 with its
  line number; and the next round's first row must then be whole after it.

Everything written here is example data in a temporary repo.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from medborgarlofte.core.model import PromiseSet

PROMISES = """
    kommun: Exempelby
    lokalpolisområde: Exempelområdet
    period: 2019
    aktivitetstyper:
      kontakt: Medborgarkontakt (exempeldata)
    områden:
      - namn: Trygghet
        löften:
          - id: kontakter
            text: Minst tre kontakter i snitt per vecka.
            mål: {typ: kontakt, minst: 3, per: vecka, snitt: true}
"""
LOG = "logs/2019.csv"
TODAY = "2019-12-31"
REGISTERED = "2019-12-31T12:00:00+01:00"
PLACE = "Torget, Exempelby"  # a comma: the cell is quoted, so a tear can leave a quote open
_TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
_TIMESTAMP_PREFIX = re.compile(r"^\d[0-9T:+-]*$")
LEADING_CELLS = ["2019-03-04", "kontakt", "1", PLACE, "", ""]  # datum … taggar of every row
LOG_ROUNDS = 100  # rounds on one log before a fresh one
ROWS_PER_ROUND = 40  # the appending child stops here, so the log grows by at most this much


@dataclass
class CrashReport:
    kills: int = 0
    rows_written: int = 0  # whole rows the killed processes left behind
    rounds_without_row: int = 0
    torn_lines: int = 0  # kills that left a torn last line (reported as E026)
    torn_lines_closed: int = 0  # torn lines the next append closed, its own row whole
    tears_injected: int = 0  # of the torn lines, those cut by hand (--tear-every)
    timestamps_cut: int = 0  # rows cut inside their last cell, `registrerad`: read as whole
    failures: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.kills} kills: {self.rows_written} whole rows written, "
            f"{self.rounds_without_row} rounds without a new row, {self.torn_lines} torn last "
            f"lines ({self.tears_injected} cut by hand), {self.torn_lines_closed} closed by the "
            f"next append, {self.timestamps_cut} rows cut in their timestamp only, "
            f"{len(self.failures)} failures"
        )


def make_repo(root: Path) -> None:
    (root / "promises").mkdir(parents=True)
    (root / "promises/2019.yaml").write_text(textwrap.dedent(PROMISES).lstrip(), "utf-8")


def _marker(round_number: int, index: int) -> str:
    # Fixed width and a closing '.', so a marker cut by a tear never reads as another one.
    return f"r{round_number:06d}-{index:04d}."


def _append_forever(
    root: Path, promise_set: PromiseSet, round_number: int, seed: int, ready: int
) -> None:
    """The child: append rows of random length until killed (or ROWS_PER_ROUND are in)."""
    from medborgarlofte.write.append import append_row
    from medborgarlofte.write.logging_rows import build_activity

    chooser = random.Random(seed)
    os.write(ready, b"x")
    for index in range(ROWS_PER_ROUND):
        padding = "x" * chooser.choice((1, 10, 200, 3000, 9000, 30000))
        activity = build_activity(
            promise_set,
            day=date(2019, 3, 4),
            today=date.fromisoformat(TODAY),
            activity_type="kontakt",
            count="1",
            place=PLACE,
            participants=[],
            tags=[],
            description=_marker(round_number, index) + padding,
            registered_by="crash-loop",
            registered=REGISTERED,
        )
        append_row(root / LOG, activity.cells(), count_lines=index % 2 == 0)
        os.write(ready, b".")
    time.sleep(60)  # wait for the kill


def _kill_appender(
    root: Path, promise_set: PromiseSet, round_number: int, chooser: random.Random
) -> bool:
    """Fork an appender, kill it after a random moment; whether the kill is what ended it."""
    read_end, write_end = os.pipe()
    seed = chooser.randrange(1 << 30)
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_end)
        code = 3
        try:
            _append_forever(root, promise_set, round_number, seed, write_end)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    signals = 1 + chooser.randrange(8)  # "about to append", then one per row written
    while signals > 0:
        got = os.read(read_end, signals)
        if not got:
            break  # the child ended by itself
        signals -= len(got)
    time.sleep(chooser.uniform(0, 0.002))
    os.kill(pid, signal.SIGKILL)
    os.close(read_end)
    _, status = os.waitpid(pid, 0)
    return os.WIFSIGNALED(status)


def _kill_cli(root: Path, round_number: int, chooser: random.Random, runtime: float) -> bool:
    """Start `lofte log insats` and kill it at a random moment; whether it died well (killed,
    or done with exit 0 before the kill came)."""
    lofte = Path(sys.executable).with_name("lofte")
    args = [str(lofte), "log", "insats", "--typ", "kontakt", "--datum", "2019-03-04", "--tyst"]
    args += ["--plats", PLACE, "--beskrivning", _marker(round_number, 0)]
    process = subprocess.Popen(
        args, env=_environment(root), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    # Half the kills anywhere in the run; half near its end, where the row is written
    # (start-up takes most of the run, so kills spread evenly rarely meet the write).
    share = chooser.uniform(0, 1) if chooser.random() < 0.5 else chooser.uniform(0.7, 1.3)
    time.sleep(share * runtime)
    process.send_signal(signal.SIGKILL)
    return process.wait() in (0, -signal.SIGKILL)


def _environment(root: Path) -> dict[str, str]:
    return {
        **os.environ,
        "LOFTE_IDAG": TODAY,
        "LOFTE_AV": "crash-loop",
        "LOFTE_KATALOG": str(root),
        "NO_COLOR": "1",
    }


def _cli_runtime(root: Path) -> float:
    """How long one whole `lofte log insats` takes here: the window to kill it in."""
    scratch = root / "kalibrering"
    make_repo(scratch)
    lofte = Path(sys.executable).with_name("lofte")
    started = time.perf_counter()
    subprocess.run(
        [str(lofte), "log", "insats", "--typ", "kontakt", "--datum", "2019-03-04", "--tyst"],
        env=_environment(scratch),
        stdout=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - started


def _errors_reported(root: Path) -> list[tuple[int | None, str]]:
    """(line, code) of every error `lofte check` reports for the repo."""
    try:
        from medborgarlofte.check.run import run_check
    except ImportError:  # before `check` existed: the log loader's own problems
        from medborgarlofte.load.log_file import LogRows

        rows = LogRows(root / LOG, LOG)
        for _ in rows:
            pass
        return [(p.line, p.code) for p in rows.problems]
    result = run_check(root, date.fromisoformat(TODAY))
    return [(p.line, p.code) for p in result.problems if p.severity == "fel"]


def verify_round(
    root: Path, before: bytes, round_number: int, report: CrashReport, torn: list[int]
) -> None:
    """Check the log after a kill. `torn` holds the line numbers of torn lines seen so far;
    the last one may still be open (E026), the others must be closed and marked (E034)."""
    from medborgarlofte.load.log_file import LogRows

    if not (root / LOG).exists():  # killed before it created the log
        report.rounds_without_row += 1
        return
    after = (root / LOG).read_bytes()
    failures = report.failures
    if not after.startswith(before):
        failures.append(f"round {round_number}: bytes written before the round changed")
        return
    rows = LogRows(root / LOG, LOG)
    prefix = f"r{round_number:06d}-"
    found: list[int] = []
    for line, cells in rows:
        description = cells[rows.columns["beskrivning"]]
        if not description.startswith(prefix):
            continue
        whole = (
            len(cells) == len(rows.header)
            and cells[: rows.columns["beskrivning"]]
            == ["2019-03-04", "kontakt", "1", PLACE, "", ""]
            and cells[rows.columns["registrerad_av"]] == "crash-loop"
            and _TIMESTAMP_PREFIX.match(cells[rows.columns["registrerad"]]) is not None
            and description[len(prefix) + 4 : len(prefix) + 5] == "."
        )
        if whole:
            found.append(int(description[len(prefix) : len(prefix) + 4]))
            # A write cut inside the last cell leaves every fact of the row whole but its
            # timestamp; the log reads it as a row (it has all its cells), and so do we.
            report.timestamps_cut += not _TIMESTAMP.match(cells[rows.columns["registrerad"]])
        else:  # torn rows are never yielded (E026, E034); any other broken row is a failure
            failures.append(f"round {round_number}: line {line} is a broken row")
    if found != list(range(len(found))):
        failures.append(f"round {round_number}: rows lost or doubled: {found}")
    report.rows_written += len(found)
    report.rounds_without_row += not found

    last_line = after.count(b"\n") + 1
    problems = sorted((p.line or 0, p.code) for p in rows.problems)
    open_torn = [line for line, code in problems if code == "E026"]
    if open_torn and open_torn != [last_line]:
        failures.append(f"round {round_number}: E026 not on the last line: {problems}")
    if open_torn and last_line not in torn:
        torn.append(last_line)
        report.torn_lines += 1
        if (last_line, "E026") not in _errors_reported(root):
            failures.append(f"round {round_number}: check does not report line {last_line}")
    closed = [line for line, code in problems if code == "E034"]
    if closed != [line for line in torn if line not in open_torn]:
        failures.append(f"round {round_number}: torn lines {torn}, but problems {problems}")
    if len(problems) != len(open_torn) + len(closed):
        failures.append(f"round {round_number}: unexpected problems {problems}")


def _tear_last_row(log: Path, before: bytes, chooser: random.Random) -> bool:
    """Cut the log inside the row the round wrote last, as a kill inside its write would."""
    data = log.read_bytes() if log.exists() else b""
    start = data.rfind(b"\n", 0, len(data) - 1) + 1
    if start < len(before) or len(data) - start < 3:
        return False
    os.truncate(log, chooser.randrange(start + 1, len(data) - 1))
    return True


def run(
    kills: int = 300,
    seed: int = 2019,
    cli: bool = False,
    workdir: Path | None = None,
    tear_every: int = 0,
) -> CrashReport:
    """Kill a logger `kills` times at random moments and verify the log after every kill.

    With `tear_every`, every so many rounds the last row written is also cut by hand, so
    the torn-line path (E026, then closed and E034) is taken whatever the kernel's luck."""
    # Imported and loaded here, before any fork, so each child starts appending at once.
    import medborgarlofte.write.append
    import medborgarlofte.write.logging_rows  # noqa: F401
    from medborgarlofte.load.repo import Repo

    chooser = random.Random(seed)
    report = CrashReport()
    with tempfile.TemporaryDirectory(dir=workdir) as scratch:
        root = Path(scratch) / "repo"
        make_repo(root)
        (promise_set,), _ = Repo.open(root).load()
        runtime = _cli_runtime(Path(scratch)) if cli else 0.0
        torn: list[int] = []
        for round_number in range(kills):
            log = root / LOG
            before = log.read_bytes() if log.exists() else b""
            if cli:
                died_well = _kill_cli(root, round_number, chooser, runtime)
            else:
                died_well = _kill_appender(root, promise_set, round_number, chooser)
            if not died_well:
                report.failures.append(f"round {round_number}: the logger failed by itself")
            if tear_every and round_number % tear_every == tear_every - 1:
                report.tears_injected += _tear_last_row(log, before, chooser)
            report.kills += 1
            verify_round(root, before, round_number, report, torn)
            if round_number % LOG_ROUNDS == LOG_ROUNDS - 1 < kills - 1:
                _start_new_log(root, report, torn)
        _final_append(root, report, torn)
    return report


def _start_new_log(root: Path, report: CrashReport, torn: list[int]) -> None:
    """One more append (it closes a torn last line, if any), `lofte check` reports each torn
    line as E034, then a fresh log begins: verifying each round reads a log of bounded size,
    so the whole run stays linear in its kills."""
    from medborgarlofte.write.append import append_row

    cells = dict(zip(("datum", "typ", "antal", "plats"), LEADING_CELLS, strict=False))
    cells.update(beskrivning="ny logg.", registrerad_av="crash-loop", registrerad=REGISTERED)
    append_row(root / LOG, cells, count_lines=False)
    reported = _errors_reported(root)
    if reported != [(line, "E034") for line in torn]:
        report.failures.append(f"check before a new log: {reported}, torn lines {torn}")
    report.torn_lines_closed += len(torn)
    (root / LOG).unlink()
    torn.clear()


def _final_append(root: Path, report: CrashReport, torn: list[int]) -> None:
    """After all the kills, one more `lofte log insats` still appends a whole row, and
    `lofte check` reports each torn line, now closed, and nothing else."""
    lofte = Path(sys.executable).with_name("lofte")
    marker = "slutrad."
    result = subprocess.run(
        [str(lofte), "log", "insats", "--typ", "kontakt", "--datum", "2019-03-04"]
        + ["--plats", PLACE, "--beskrivning", marker, "--tyst"],
        env=_environment(root),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        report.failures.append(f"final append failed: {result.stderr}")
        return
    from medborgarlofte.load.log_file import LogRows

    rows = LogRows(root / LOG, LOG)
    last = None
    for _, cells in rows:
        last = cells
    if last is None or last[rows.columns["beskrivning"]] != marker:
        report.failures.append(f"final row not whole: {last}")
    reported = _errors_reported(root)
    if reported != [(line, "E034") for line in torn]:
        report.failures.append(f"check after the last append: {reported}, torn lines {torn}")
    report.torn_lines_closed += len(torn)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--cli", action="store_true", help="kill real `lofte log insats` runs")
    parser.add_argument(
        "--tear-every", type=int, default=0, help="also cut the last row by hand every N rounds"
    )
    options = parser.parse_args(argv)
    started = time.perf_counter()
    report = run(options.kills, options.seed, options.cli, tear_every=options.tear_every)
    print(f"{report.summary()} ({time.perf_counter() - started:.1f} s)")
    for failure in report.failures:
        print(f"  FAIL {failure}")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
