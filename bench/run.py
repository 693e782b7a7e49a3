"""Benchmark: lofte against its floors, side by side in one run (issue 7).

    python bench/run.py              # 1,000,000 rows, 5 pairs (10 for start-up)
    python bench/run.py --quick      # 100,000 rows, 3 pairs: a smoke run
    python bench/run.py --rows 200000 --pairs 7 --out /tmp/results.json

Generates a seeded promise repo and log in a temporary directory (bench/generate.py), then
times each lofte command against its floor, alternating the two, and reports the fastest
and the median of each and their ratio. Peak memory (RSS) comes from wait4 per child.
Everything runs with LOFTE_IDAG fixed, so "future" rows are the same on every run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import PERIOD, TODAY, write_repo  # noqa: E402

FLOOR_CSV = """
import csv, sys
rows = 0
with open(sys.argv[1], encoding="utf-8-sig", newline="") as handle:
    for row in csv.reader(handle):
        rows += 1
print(rows)
"""

# The framework's floor: a Typer app that parses what `lofte status 2019` parses and prints
# one line with Rich.
FLOOR_TYPER = """
from typing import Annotated, Optional

import typer
from rich.console import Console

app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False)


def show_version(value: bool) -> None:
    if value:
        print("floor 0")
        raise typer.Exit()


@app.callback()
def main(
    katalog: Annotated[Optional[str], typer.Option("-C", "--katalog")] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=show_version, is_eager=True)
    ] = False,
) -> None:
    pass


@app.command()
def status(
    period: Annotated[Optional[str], typer.Argument()] = None,
    per: Annotated[Optional[str], typer.Option("--per")] = None,
    format: Annotated[str, typer.Option("--format", "-f")] = "tabell",
) -> None:
    Console().print(f"status {period} {per} {format}")


if __name__ == "__main__":
    app()
"""


@dataclass
class Sample:
    seconds: float
    max_rss_kb: int
    exit_code: int
    cpu_seconds: float = 0.0  # user + system, of the process and the children it waited for


@dataclass
class Side:
    label: str
    command: list[str]
    ok_codes: tuple[int, ...] = (0,)
    reset: Callable[[], None] | None = None  # run before each sample (to empty a log, say)
    samples: list[Sample] = field(default_factory=list)

    @property
    def fastest(self) -> float:
        return min(s.seconds for s in self.samples)

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def peak_rss_mb(self) -> float:
        return max(s.max_rss_kb for s in self.samples) / 1024

    @property
    def cpu_median(self) -> float:
        return statistics.median(s.cpu_seconds for s in self.samples)


@dataclass
class Comparison:
    name: str
    ours: Side
    floor: Side
    target: float | None  # the ratio (median) the issue asks for, if any

    @property
    def ratio_fastest(self) -> float:
        return self.ours.fastest / self.floor.fastest

    @property
    def ratio_median(self) -> float:
        return self.ours.median / self.floor.median

    @property
    def ratio_pairs(self) -> float:
        """The median of each pair's own ratio: a pair's two runs are neighbours in time,
        so they share what the machine's speed was doing then (on a shared virtual machine
        it drifts by a third between minutes)."""
        pairs = zip(self.ours.samples, self.floor.samples, strict=True)
        return statistics.median(o.seconds / f.seconds for o, f in pairs)

    @property
    def ratio_cpu_pairs(self) -> float:
        """As `ratio_pairs`, of CPU time (user + system, every process of the command
        counted): on a busy machine two processes save no CPU, only wall time."""
        pairs = zip(self.ours.samples, self.floor.samples, strict=True)
        return statistics.median(o.cpu_seconds / f.cpu_seconds for o, f in pairs)

    def to_data(self) -> dict[str, object]:
        """The comparison as the JSON report keeps it (bench/run.py and bench/national.py)."""

        def side(s: Side) -> dict[str, object]:
            return {
                "label": s.label,
                "fastest_s": round(s.fastest, 4),
                "median_s": round(s.median, 4),
                "peak_rss_mb": round(s.peak_rss_mb, 1),
                "cpu_median_s": round(s.cpu_median, 4),
                "samples": [asdict(sample) for sample in s.samples],
            }

        return {
            "name": self.name,
            "target_ratio": self.target,
            "ratio_fastest": round(self.ratio_fastest, 3),
            "ratio_median": round(self.ratio_median, 3),
            "ratio_pairs_median": round(self.ratio_pairs, 3),
            "cpu_ratio_pairs_median": round(self.ratio_cpu_pairs, 3),
            "ours": side(self.ours),
            "floor": side(self.floor),
        }


def run_once(side: Side, cwd: Path, env: dict[str, str]) -> Sample:
    """Run the side's command once: wall time, and CPU time and peak RSS from wait4 (the
    child and the children it waited for)."""
    if side.reset is not None:
        side.reset()
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            side.command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in side.ok_codes:
            errors.seek(0)
            text = errors.read().decode(errors="replace")
            raise SystemExit(f"{' '.join(side.command)} failed with {code}:\n{text}")
    return Sample(elapsed, usage.ru_maxrss, code, usage.ru_utime + usage.ru_stime)


def compare(
    name: str,
    ours: Side,
    floor: Side,
    pairs: int,
    cwd: Path,
    env: dict[str, str],
    target: float | None = None,
) -> Comparison:
    """Alternate ours and the floor `pairs` times (after one warm-up run each)."""
    print(f"  {name} …", file=sys.stderr, flush=True)
    for side in (ours, floor):
        run_once(side, cwd, env)
    for _ in range(pairs):
        for side in (ours, floor):
            side.samples.append(run_once(side, cwd, env))
    return Comparison(name, ours, floor, target)


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="log rows (default 1M)")
    parser.add_argument("--pairs", type=int, default=7, help="pairs per comparison (>= 1)")
    parser.add_argument("--quick", action="store_true", help="100k rows, 3 pairs")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "results.json")
    parser.add_argument("--lofte", default=None, help="the lofte executable")
    args = parser.parse_args()
    if args.quick:
        args.rows, args.pairs = min(args.rows, 100_000), min(args.pairs, 3)
    pairs = max(1, args.pairs)
    startup_pairs = max(pairs * 2, 2)
    lofte = args.lofte or shutil.which("lofte", path=str(Path(sys.executable).parent)) or "lofte"
    python = sys.executable

    env = dict(os.environ)
    env.update({"LOFTE_IDAG": TODAY, "NO_COLOR": "1", "COLUMNS": "100", "LOFTE_AV": "bench"})
    # Every comparison on the large log counts it from scratch, but the one that measures the
    # kept tally ("status efter en ny rad"); it and the start-up rows name cache folders of
    # their own.
    env["LOFTE_CACHE"] = "0"
    env.pop("LOFTE_KATALOG", None)
    # As installed, Python keeps lofte's compiled bytecode; without it every run would
    # compile lofte's modules afresh while the floors' libraries come precompiled.
    bytecode_was_off = env.pop("PYTHONDONTWRITEBYTECODE", None) is not None
    load_before = load_average()
    comparisons: list[Comparison] = []
    memory: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="lofte-bench-") as temp:
        tmp = Path(temp)
        big = tmp / "big"
        print(f"Skapar exempeldata: {args.rows:,} rader …", file=sys.stderr, flush=True)
        log = write_repo(big, args.rows)
        small_rows = max(1, args.rows // 10)
        small = tmp / "small"
        write_repo(small, small_rows)
        log_mb = log.stat().st_size / 1e6
        floor_script = tmp / "floor_csv.py"
        floor_script.write_text(FLOOR_CSV, encoding="utf-8")
        typer_script = tmp / "floor_typer.py"
        typer_script.write_text(FLOOR_TYPER, encoding="utf-8")
        has_check = (
            subprocess.run([lofte, "check", "--help"], capture_output=True, env=env).returncode == 0
        )

        def floor_csv(root: Path) -> Side:
            path = root / "logs" / f"{PERIOD}.csv"
            return Side("csv.reader", [python, str(floor_script), str(path)])

        commands = [
            ("status --format json", ["status", "--format", "json"]),
            ("status (tabell)", ["status"]),
        ]
        if has_check:
            commands.append(("check", ["check"]))
        for label, extra in commands:
            codes = (0, 1, 3) if extra[0] == "check" else (0,)  # the log has bad rows
            ours = Side(f"lofte {label}", [lofte, "-C", str(big), *extra], codes)
            comparisons.append(
                compare(
                    f"{label}, {args.rows:,} rader",
                    ours,
                    floor_csv(big),
                    pairs,
                    tmp,
                    env,
                    1.5,
                )
            )
        # Peak memory at a tenth of the rows: streaming means about the same.
        for label, extra in commands:
            codes = (0, 1, 3) if extra[0] == "check" else (0,)
            at_small = Side(f"lofte {label}", [lofte, "-C", str(small), *extra], codes)
            for _ in range(max(1, min(pairs, 3))):
                at_small.samples.append(run_once(at_small, tmp, env))
            at_big = next(c.ours for c in comparisons if c.ours.label == f"lofte {label}")
            memory.append(
                {
                    "command": label,
                    "rows_small": small_rows,
                    "peak_rss_mb_small": round(at_small.peak_rss_mb, 1),
                    "rows_big": args.rows,
                    "peak_rss_mb_big": round(at_big.peak_rss_mb, 1),
                }
            )

        # Appending: the 1M-row log against an empty log, with and without the standing.
        empty = tmp / "empty"
        write_repo(empty, 0)
        empty_log = empty / "logs" / f"{PERIOD}.csv"

        header = empty_log.read_bytes()

        def empty_the_log() -> None:
            empty_log.write_bytes(header)  # a new period's log: the header only

        insats = ["log", "insats", "--typ", "medborgarkontakt", "--datum", TODAY, "--plats", "X"]
        comparisons.append(
            compare(
                f"log insats --tyst, {args.rows:,} rader mot tom logg",
                Side("lofte log insats --tyst (stor)", [lofte, "-C", str(big), *insats, "--tyst"]),
                Side(
                    "lofte log insats --tyst (tom)",
                    [lofte, "-C", str(empty), *insats, "--tyst"],
                    reset=empty_the_log,
                ),
                pairs,
                tmp,
                env,
                1.2,
            )
        )
        # Instant status: one row appended (not timed), then `lofte status` with the tally
        # kept in a cache folder of the benchmark's own, against a count from scratch.
        cache = tmp / "cache"
        kept_env = ["env", f"LOFTE_CACHE={cache}", "CI="]
        append = [*kept_env, lofte, "-C", str(big), *insats, "--tyst"]

        def append_one() -> None:
            subprocess.run(append, env=env, check=True, capture_output=True)

        comparisons.append(
            compare(
                f"status efter en ny rad, {args.rows:,} rader mot räknat från början",
                Side(
                    "lofte status (sparad summa)",
                    [*kept_env, lofte, "-C", str(big), "status"],
                    reset=append_one,
                ),
                Side(
                    "lofte status (från början)",
                    ["env", "LOFTE_CACHE=0", lofte, "-C", str(big), "status"],
                ),
                pairs,
                tmp,
                env,
            )
        )
        comparisons.append(
            compare(
                f"log insats (med läget), {args.rows:,} rader mot csv.reader",
                Side("lofte log insats (stor)", [lofte, "-C", str(big), *insats]),
                floor_csv(big),
                pairs,
                tmp,
                env,
                1.5,
            )
        )

        # Start-up, on the shipped example, against a minimal Typer + Rich app: with lofte's
        # caches as a user has them from the second run on (the warm-up run fills them, in
        # a folder of this run's own), and once more without any, as on a new machine.
        example_env = dict(env, LOFTE_IDAG="2019-12-31", LOFTE_CACHE=str(tmp / "start-cache"))
        cold_env = dict(example_env, LOFTE_CACHE="0")
        comparisons.append(
            compare(
                "start: lofte --version",
                Side("lofte --version", [lofte, "--version"]),
                Side("Typer --version", [python, str(typer_script), "--version"]),
                startup_pairs,
                REPO,
                example_env,
            )
        )
        for label, start_env, target in (
            ("start: lofte status 2019 (exemplet)", example_env, 1.3),
            ("start: lofte status 2019 (exemplet), utan cache", cold_env, None),
        ):
            comparisons.append(
                compare(
                    label,
                    Side("lofte status 2019", [lofte, "-C", str(REPO), "status", "2019"]),
                    Side(
                        "Typer status 2019",
                        [python, str(typer_script), "-C", str(REPO), "status", "2019"],
                    ),
                    startup_pairs,
                    REPO,
                    start_env,
                    target,
                )
            )

    load_after = load_average()
    report = {
        "rows": args.rows,
        "log_mb": round(log_mb, 1),
        "pairs": pairs,
        "startup_pairs": startup_pairs,
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "load_average_before": load_before,
        "load_average_after": load_after,
        "check_included": has_check,
        "bytecode_cache": "on (PYTHONDONTWRITEBYTECODE removed)" if bytecode_was_off else "on",
        "comparisons": [c.to_data() for c in comparisons],
        "memory": memory,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_table(report)
    print(f"\nJSON: {args.out}")


def print_table(report: dict[str, object]) -> None:
    print(
        f"\n{report['rows']:,} rader ({report['log_mb']} MB), {report['pairs']} par "
        f"({report['startup_pairs']} för start), {report['cpus']} kärnor, "
        f"Python {report['python']}, belastning före/efter: "
        f"{report['load_average_before']} / {report['load_average_after']}\n"
    )
    header = (
        "| mätning | lofte snabbast / median | golv snabbast / median "
        "| kvot snabbast / median | kvot per par (median) | mål |"
    )
    print(header)
    print("|---|---|---|---|---|---|")
    for c in report["comparisons"]:  # type: ignore[attr-defined]
        target = f"≤ {c['target_ratio']}" if c["target_ratio"] else "–"
        print(
            f"| {c['name']} ({c['floor']['label']}) "
            f"| {c['ours']['fastest_s']:.3f} / {c['ours']['median_s']:.3f} s "
            f"| {c['floor']['fastest_s']:.3f} / {c['floor']['median_s']:.3f} s "
            f"| {c['ratio_fastest']:.2f} / {c['ratio_median']:.2f} "
            f"| {c['ratio_pairs_median']:.2f} | {target} |"
        )
    print("\n| minne (högsta RSS) | rader | MB | rader | MB |")
    print("|---|---|---|---|---|")
    for m in report["memory"]:  # type: ignore[attr-defined]
        print(
            f"| lofte {m['command']} | {m['rows_small']:,} | {m['peak_rss_mb_small']} "
            f"| {m['rows_big']:,} | {m['peak_rss_mb_big']} |"
        )
    comparisons = report["comparisons"]
    floors = {c["floor"]["label"]: c["floor"]["peak_rss_mb"] for c in comparisons}  # type: ignore[attr-defined]
    if "csv.reader" in floors:
        print(f"| csv.reader (golvet) | | | {report['rows']:,} | {floors['csv.reader']} |")


if __name__ == "__main__":
    main()
