"""Benchmark: `lofte webb` for a 290-kommun repo against writing the same reports one by one.

Builds its own repo (self-contained, so it does not depend on the other benchmarks'
generators): 290 kommuner, each with the Kalix 2019 promises and a log of 1,000 rows drawn
(seeded) from the Kalix 2019 example log. All of it is example data. Then, in pairs, it
times one `lofte webb` (every page, the index and the open data) and 290 runs of
`lofte rapport 2019 --kommun K -f html -o K.html` (one report per kommun, each its own
process), and prints the median of each side and the median of the per-pair ratios.

    python bench/webb.py [--kommuner 290] [--rader 1000] [--par 3]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
AS_OF = "2019-12-31"
TODAY = "2020-01-15"


def write_repo(root: Path, kommuner: int, rows: int, seed: int = 7) -> list[str]:
    promises = (PROJECT / "promises/2019.yaml").read_text(encoding="utf-8")
    with (PROJECT / "logs/2019.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        examples = list(reader)
    randomly = random.Random(seed)
    folders = []
    for number in range(1, kommuner + 1):
        folder = f"kommun-{number:03d}"
        folders.append(folder)
        text = promises.replace("kommun: Kalix", f"kommun: Exempelkommun {number:03d}", 1)
        (root / "promises" / folder).mkdir(parents=True)
        (root / "promises" / folder / "2019.yaml").write_text(text, encoding="utf-8")
        chosen = sorted((randomly.choice(examples) for _ in range(rows)), key=lambda r: r[0])
        (root / "logs" / folder).mkdir(parents=True)
        with (root / "logs" / folder / "2019.csv").open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(chosen)
    return folders


def _lofte() -> str:
    return str(Path(sys.executable).parent / "lofte")


def time_webb(root: Path, env: dict[str, str]) -> float:
    site = root / "_site"
    shutil.rmtree(site, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(
        [_lofte(), "webb", "--per", AS_OF, "-o", str(site)],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def time_one_by_one(root: Path, folders: list[str], env: dict[str, str]) -> float:
    out = root / "_rapporter"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    start = time.perf_counter()
    for folder in folders:
        subprocess.run(
            [
                _lofte(),
                "rapport",
                "2019",
                "--kommun",
                folder,
                "--per",
                AS_OF,
                "-f",
                "html",
                "-o",
                str(out / f"{folder}.html"),
            ],
            cwd=root,
            env=env,
            check=True,
            capture_output=True,
        )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kommuner", type=int, default=290)
    parser.add_argument("--rader", type=int, default=1000)
    parser.add_argument("--par", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lofte-webb-bench-") as temporary:
        root = Path(temporary) / "repo"
        folders = write_repo(root, args.kommuner, args.rader)
        env = {
            **os.environ,
            "LOFTE_IDAG": TODAY,
            "LOFTE_CACHE": str(Path(temporary) / "cache"),
            "NO_COLOR": "1",
        }
        time_webb(root, env)  # warm the promise cache and the file system for both sides
        webb, single, ratios = [], [], []
        for _ in range(args.par):
            w = time_webb(root, env)
            s = time_one_by_one(root, folders, env)
            webb.append(w)
            single.append(s)
            ratios.append(s / w)
        pages = len(list((root / "_site").rglob("*.html")))
        print(f"{args.kommuner} kommuner × {args.rader} rader, {args.par} par, {pages} sidor")
        print(f"lofte webb (alla sidor, index och data): median {statistics.median(webb):.2f} s")
        print(
            f"lofte rapport en i taget ({len(folders)} st): "
            f"median {statistics.median(single):.2f} s"
        )
        print(f"kvot (en i taget / webb), median av paren: {statistics.median(ratios):.1f}×")


if __name__ == "__main__":
    main()
