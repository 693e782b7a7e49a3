"""Benchmark: what one more warning costs `lofte check`, with 2,000 warnings and with 200,000.

    python bench/many_warnings.py                 # 2 and 200 kommuner × 1,001 rows, 5 pairs
    python bench/many_warnings.py --pairs 3

Output must cost the same per line however much there is. Each size is a national-style
repo (bench/national.py) whose every log row is an exact copy of the log's first row, so
`check` warns (W003) for every row but the first: 2 kommuner × 1,001 rows give 2,000
warnings, 200 kommuner × 1,001 rows 200,000. Its yardstick is the same repo with distinct
rows (no warning), run in turn with it; a warning's cost is the difference in CPU time
(user + system, every process of the command), divided by the number of warnings.
Everything is example data.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from national import TODAY, write_national_repo  # noqa: E402
from run import Side, compare, load_average  # noqa: E402

ROWS = 1_001  # a log's first row, and 1,000 copies of it


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=5, help="pairs per size (>= 1)")
    parser.add_argument("--lofte", default=None, help="the lofte executable")
    args = parser.parse_args()
    lofte = args.lofte or shutil.which("lofte", path=str(Path(sys.executable).parent)) or "lofte"
    env = dict(os.environ)
    env.update({"LOFTE_IDAG": TODAY, "NO_COLOR": "1", "COLUMNS": "100", "CI": "true"})
    env.pop("LOFTE_KATALOG", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    print(f"belastning före: {load_average()}", file=sys.stderr)
    lines = []
    with tempfile.TemporaryDirectory(prefix="lofte-warnings-") as temp:
        tmp = Path(temp)
        env["XDG_CACHE_HOME"] = str(tmp / "cache")
        for kommuner in (2, 200):
            copies, distinct = tmp / f"copies-{kommuner}", tmp / f"distinct-{kommuner}"
            write_national_repo(copies, kommuner, ROWS, duplicates=True)
            write_national_repo(distinct, kommuner, ROWS)
            warnings = kommuner * (ROWS - 1)
            ours = Side("kopior", [lofte, "-C", str(copies), "check"], (0, 1, 3))
            floor = Side("distinkta", [lofte, "-C", str(distinct), "check"], (0, 1, 3))
            c = compare(f"{warnings:,} varningar", ours, floor, max(1, args.pairs), tmp, env)
            extra = c.ours.cpu_median - c.floor.cpu_median
            lines.append(
                f"| {warnings:,} | {c.ours.cpu_median:.3f} s | {c.floor.cpu_median:.3f} s "
                f"| {extra * 1e6 / warnings:.1f} µs | {c.ours.median:.3f} s |"
            )
    print(f"belastning efter: {load_average()}", file=sys.stderr)
    print("| varningar (W003) | CPU med kopior | CPU utan | CPU per varning | tid med kopior |")
    print("|---|---|---|---|---|")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
