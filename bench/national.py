"""Benchmark: a whole country in one repo, lofte against a bare csv.reader pass (issue 12).

    python bench/national.py                 # 290 kommuner × 1,000 rows, 7 pairs, cold (CI)
    python bench/national.py --local         # cold, on a machine that keeps the cache
    python bench/national.py --warm          # the promise cache kept between runs
    python bench/national.py --kommuner 50 --rows 200 --pairs 3   # a smoke run
    python bench/national.py --dubbletter    # every log full of exact duplicate rows (W003)

Polisen's national view is 290 kommuner. The repo has one folder per kommun:
`promises/<kommun>/2019.yaml` is the shipped Kalix 2019 promise file with the kommun's
name changed, and `logs/<kommun>/2019.csv` holds rows drawn (seeded) from the shipped
`logs/2019.csv`, spread over the year in date order, each with its own registration time.
Everything is example data: the kommuner are named "Exempelkommun N" and every row's
description says "Exempeldata".

The floor is one Python process that runs `csv.reader` over the same 290 logs. Each lofte
command is timed against it, alternating the two, as `bench/run.py` does, and the median
of the pairs' own ratios is the figure that counts.

Cold (the default) means every lofte run starts with a promise cache folder never used
before, in a CI job (CI=true) on a fresh machine: lofte reads no cache and keeps none,
since the machine is thrown away. `--local` is the same first run on a machine that keeps
the cache (a coordinator's laptop after an update): every promise file is read and kept.
`--warm` keeps the cache between runs, as on that laptop from the second run on.

`--dubbletter` makes every row of a log an exact copy of its first: `check` then warns
(W003) once for every row but the first, 289,710 warnings in all, and its output must cost
the same per line however much there is (`bench/many_warnings.py` compares 2,000 with 200,000).
Both wall time and CPU time (user + system, every process of the command) are reported.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from run import Comparison, Side, compare, load_average  # noqa: E402

TODAY = "2019-12-31"  # LOFTE_IDAG: the period has ended, every row is in the past

FLOOR_CSV = """
import csv, sys
from pathlib import Path
rows = 0
for path in sorted(Path(sys.argv[1]).glob("*/*.csv")):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.reader(handle):
            rows += 1
print(rows)
"""


def kommun_folder(number: int) -> str:
    return f"exempelkommun-{number:03d}"


def write_national_repo(
    root: Path, kommuner: int, rows: int, seed: int = 12, *, duplicates: bool = False
) -> int:
    """Write the repo under `root`; return the number of log rows written (headers aside).
    With `duplicates`, every row of a log is the same row (W003 for all but the first)."""
    promises = (REPO / "promises" / "2019.yaml").read_text(encoding="utf-8")
    if "kommun: Kalix\n" not in promises:
        raise SystemExit("promises/2019.yaml saknar raden 'kommun: Kalix'")
    with (REPO / "logs" / "2019.csv").open(encoding="utf-8", newline="") as handle:
        header, *source = list(csv.reader(handle))
    rng = random.Random(seed)
    date_at, stamp_at = header.index("datum"), header.index("registrerad")
    written = 0
    for number in range(1, kommuner + 1):
        folder = kommun_folder(number)
        (root / "promises" / folder).mkdir(parents=True, exist_ok=True)
        (root / "logs" / folder).mkdir(parents=True, exist_ok=True)
        text = promises.replace("kommun: Kalix\n", f"kommun: Exempelkommun {number}\n", 1)
        (root / "promises" / folder / "2019.yaml").write_text(text, encoding="utf-8")
        sample = [_spread(rng.choice(source), n, rows, date_at, stamp_at) for n in range(rows)]
        if duplicates:
            sample = [sample[0]] * rows
        with (root / "logs" / folder / "2019.csv").open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(sample)
        written += len(sample)
    return written


def _spread(row: list[str], n: int, rows: int, date_at: int, stamp_at: int) -> list[str]:
    """A drawn row moved to its place in the year, in date order, with its own registration
    time: a real log has few exact copies, and `check` would flag every one (W003)."""
    day = (date(2019, 1, 1) + timedelta(days=n * 365 // rows)).isoformat()
    row = list(row)
    row[date_at] = day
    row[stamp_at] = f"{day}T{8 + n % 10:02d}:{n % 60:02d}:{n // 600 % 60:02d}+01:00"
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kommuner", type=int, default=290)
    parser.add_argument("--rows", type=int, default=1_000, help="log rows per kommun")
    parser.add_argument("--pairs", type=int, default=7, help="pairs per comparison (>= 1)")
    parser.add_argument("--warm", action="store_true", help="keep the promise cache")
    parser.add_argument(
        "--local", action="store_true", help="cold, outside CI: the cache is written"
    )
    parser.add_argument(
        "--dubbletter", action="store_true", help="every log row an exact copy of the first"
    )
    parser.add_argument("--out", type=Path, default=HERE / "out" / "national.json")
    parser.add_argument("--lofte", default=None, help="the lofte executable")
    args = parser.parse_args()
    pairs = max(1, args.pairs)
    lofte = args.lofte or shutil.which("lofte", path=str(Path(sys.executable).parent)) or "lofte"

    env = dict(os.environ)
    env.update({"LOFTE_IDAG": TODAY, "NO_COLOR": "1", "COLUMNS": "100", "LOFTE_AV": "bench"})
    env.pop("LOFTE_KATALOG", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled bytecode is kept
    env.pop("CI", None)
    if not args.warm and not args.local:
        env["CI"] = "true"  # as GitHub Actions and GitLab CI set it
    load_before = load_average()
    comparisons: list[Comparison] = []
    with tempfile.TemporaryDirectory(prefix="lofte-national-") as temp:
        tmp = Path(temp)
        repo = tmp / "repo"
        cache = tmp / "cache"
        env["XDG_CACHE_HOME"] = str(cache)  # never the user's own cache
        env.pop("LOFTE_CACHE", None)
        print(
            f"Skapar exempeldata: {args.kommuner} kommuner × {args.rows:,} rader …",
            file=sys.stderr,
            flush=True,
        )
        total_rows = write_national_repo(repo, args.kommuner, args.rows, duplicates=args.dubbletter)
        log_mb = sum(p.stat().st_size for p in (repo / "logs").glob("*/*.csv")) / 1e6
        floor_script = tmp / "floor_csv.py"
        floor_script.write_text(FLOOR_CSV, encoding="utf-8")

        fresh = itertools.count()

        def fresh_cache() -> None:
            # A cache folder never used before, as on a new machine. Emptying one folder
            # before each run instead made the runs wait for the disk: deleting 290 files
            # (trimmed on this file system) loads the disk the next run writes its cache to.
            env["XDG_CACHE_HOME"] = str(tmp / f"cache-{next(fresh)}")

        reset = None if args.warm else fresh_cache
        for label, extra, codes in (
            ("oversikt", ["oversikt"], (0,)),
            ("check", ["check"], (0, 1, 3)),
        ):
            ours = Side(f"lofte {label}", [lofte, "-C", str(repo), *extra], codes, reset)
            floor = Side("csv.reader", [sys.executable, str(floor_script), str(repo / "logs")])
            name = f"{label}, {args.kommuner} kommuner × {args.rows:,} rader"
            comparisons.append(compare(name, ours, floor, pairs, tmp, env, 2.0))

    report = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "kommuner": args.kommuner,
        "rows_per_kommun": args.rows,
        "rows": total_rows,
        "log_mb": round(log_mb, 1),
        "pairs": pairs,
        "cache": "varm" if args.warm else "kall, lokalt" if args.local else "kall, CI",
        "duplicates": args.dubbletter,
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "load_average_before": load_before,
        "load_average_after": load_average(),
        "comparisons": [c.to_data() for c in comparisons],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"\n{report['when']}: {args.kommuner} kommuner × {args.rows:,} rader "
        f"({report['log_mb']} MB), promise-cache {report['cache']}, {pairs} par, "
        f"{report['cpus']} kärnor, Python {report['python']}, belastning före/efter: "
        f"{report['load_average_before']} / {report['load_average_after']}\n"
    )
    print(
        "| mätning | lofte snabbast / median | golv snabbast / median | kvot per par (median) "
        "| CPU lofte / golv (median) | CPU-kvot per par (median) | högsta minne | mål |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for c in comparisons:
        print(
            f"| `lofte {c.ours.label.removeprefix('lofte ')}` mot `csv.reader` "
            f"| {c.ours.fastest:.3f} / {c.ours.median:.3f} s "
            f"| {c.floor.fastest:.3f} / {c.floor.median:.3f} s "
            f"| {c.ratio_pairs:.2f} "
            f"| {c.ours.cpu_median:.3f} / {c.floor.cpu_median:.3f} s "
            f"| {c.ratio_cpu_pairs:.2f} | {c.ours.peak_rss_mb:.0f} MB | ≤ {c.target} |"
        )
    print(f"\nJSON: {args.out}")


if __name__ == "__main__":
    main()
