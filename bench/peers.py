"""Benchmark: `lofte status` after one appended row against DuckDB and Polars doing the bare
count on the same 1M-row log (docs/garantier.md, "Direkt läge").

    pip install -e '.[bench]'            # DuckDB and Polars: benchmark dependencies only
    python bench/peers.py                # 1,000,000 rows, 7 rounds
    python bench/peers.py --rows 200000 --rounds 5 --out /tmp/peers.json

The same job for all three: the sums of `antal` per typ and day up to a date, counting only
rows with a given participant (`deltagare` holds `kommun`). DuckDB and Polars do just that,
each as its own Python process. lofte does more: it validates every new cell and judges
every promise (`lofte status`), with its kept tally (the log's tally is kept in the cache
folder; before each lofte run one row is appended with `lofte log insats`, which is not
timed). Runs are interleaved (lofte, DuckDB, Polars, lofte, …), after one warm-up each;
the report gives each one's median wall and CPU time (user + system, from wait4) and peak
memory (RSS), and the machine's load before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import PERIOD, TODAY, write_repo  # noqa: E402

DUCKDB = """
import sys, duckdb
rows = duckdb.sql('''
    SELECT typ, datum, sum(coalesce(try_cast(antal AS BIGINT), 1)) AS antal
    FROM read_csv(?, header = true, all_varchar = true)
    WHERE datum <= ? AND list_contains(string_split(deltagare, ';'), 'kommun')
    GROUP BY typ, datum
''', params=[sys.argv[1], sys.argv[2]]).fetchall()
print(len(rows))
"""

POLARS = """
import sys, polars as pl
found = (
    pl.scan_csv(sys.argv[1], infer_schema=False)
    .filter(
        (pl.col("datum") <= sys.argv[2])
        & pl.col("deltagare").fill_null("").str.split(";").list.contains("kommun")
    )
    .group_by("typ", "datum")
    .agg(pl.col("antal").cast(pl.Int64, strict=False).fill_null(1).sum())
    .collect()
)
print(found.height)
"""


@dataclass
class Runner:
    label: str
    command: list[str]
    before: list[str] | None = None  # run (untimed) before each timed run
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)

    def run(self, env: dict[str, str]) -> None:
        if self.before:
            subprocess.run(self.before, env=env, check=True, capture_output=True)
        start = time.perf_counter()
        process = subprocess.Popen(
            self.command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{self.label} misslyckades: {' '.join(self.command)}")
        self.wall.append(elapsed)
        self.cpu.append(usage.ru_utime + usage.ru_stime)
        self.rss_mb.append(usage.ru_maxrss / 1024)

    def summary(self) -> dict[str, object]:
        return {
            "label": self.label,
            "median_wall_s": round(statistics.median(self.wall), 3),
            "median_cpu_s": round(statistics.median(self.cpu), 3),
            "peak_rss_mb": round(max(self.rss_mb), 1),
            "wall_s": [round(x, 3) for x in self.wall],
            "cpu_s": [round(x, 3) for x in self.cpu],
        }


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--out", type=Path, default=HERE / "out" / "peers.json")
    parser.add_argument("--lofte", default=None, help="the lofte executable")
    args = parser.parse_args()
    python = sys.executable
    lofte = args.lofte or shutil.which("lofte", path=str(Path(sys.executable).parent)) or "lofte"
    for module in ("duckdb", "polars"):
        if subprocess.run([python, "-c", f"import {module}"], capture_output=True).returncode:
            raise SystemExit(f"{module} saknas: pip install -e '.[bench]'")
    with tempfile.TemporaryDirectory(prefix="lofte-peers-") as temp:
        tmp = Path(temp)
        print(f"Skapar exempeldata: {args.rows:,} rader …", file=sys.stderr, flush=True)
        root = tmp / "repo"
        log = write_repo(root, args.rows)
        env = dict(os.environ)
        env.update(
            {
                "LOFTE_IDAG": TODAY,
                "NO_COLOR": "1",
                "COLUMNS": "100",
                "LOFTE_AV": "bench",
                "LOFTE_CACHE": str(tmp / "cache"),  # a cache of its own, kept between runs
            }
        )
        env.pop("CI", None)
        (tmp / "duckdb_count.py").write_text(DUCKDB, encoding="utf-8")
        (tmp / "polars_count.py").write_text(POLARS, encoding="utf-8")
        append = [lofte, "-C", str(root), "log", "insats", "--typ", "medborgarkontakt"]
        append += ["--datum", TODAY, "--deltagare", "kommun", "--tyst"]
        runners = [
            Runner("lofte status, efter en ny rad", [lofte, "-C", str(root), "status"], append),
            Runner("DuckDB", [python, str(tmp / "duckdb_count.py"), str(log), TODAY]),
            Runner("Polars", [python, str(tmp / "polars_count.py"), str(log), TODAY]),
        ]
        load_before = load_average()
        for runner in runners:
            runner.run(env)  # warm-up: the first lofte run counts the whole log and keeps it
            runner.wall.clear(), runner.cpu.clear(), runner.rss_mb.clear()
        for _ in range(max(1, args.rounds)):
            for runner in runners:
                runner.run(env)
        report = {
            "rows": args.rows,
            "log_mb": round(log.stat().st_size / 1e6, 1),
            "period": PERIOD,
            "rounds": args.rounds,
            "cpus": os.cpu_count(),
            "load_before": load_before,
            "load_after": load_average(),
            "results": [runner.summary() for runner in runners],
        }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{args.rows:,} rader, belastning {report['load_before']} → {report['load_after']}")
    print(f"{'':34} {'vägg (median)':>14} {'CPU (median)':>13} {'minne (topp)':>13}")
    for result in report["results"]:  # type: ignore[union-attr]
        print(
            f"{result['label']:34} {result['median_wall_s']:>12.3f} s "
            f"{result['median_cpu_s']:>11.3f} s {result['peak_rss_mb']:>10.1f} MB"
        )


if __name__ == "__main__":
    main()
