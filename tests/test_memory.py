"""Memory does not grow with the log: a status tally streams (issue 7).

A generated log of 300,000 rows and one of 30,000 are tallied in fresh interpreters; their
peak RSS stays under a modest bound and about the same at both sizes. Not a timing.

The interpreter reports its own high-water mark (VmHWM: wait4's ru_maxrss would include the
memory of this test process at the fork), or that of a helper process it forked, if higher.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

PROMISES = textwrap.dedent(
    """\
    kommun: Exempelby
    period: 2023
    aktivitetstyper: {kontakt: Exempeldata, trafik: Exempeldata, möte: Exempeldata}
    områden:
      - namn: Exempel
        löften:
          - {id: kontakter, text: t, mål: {typ: kontakt, minst: 3, per: vecka}}
          - {id: trafik, text: t, mål: {typ: trafik, minst: 1, per: dygn, taggar: [kväll]}}
          - {id: moten, text: t, mål: {typ: [möte, kontakt], minst: 9, per: månad, snitt: true}}
    """
)

TALLY = """
import sys
from datetime import date
from pathlib import Path
from medborgarlofte.load.repo import Repo
from medborgarlofte.load.workspace import tally_log
root = Path(sys.argv[1])
repo = Repo.open(root)
sets, problems = repo.load()
logged = tally_log(root, sets[0], date(2023, 12, 31))
assert sum(sum(d.values()) for d in logged.tally.by_promise) > 0
import resource
with open("/proc/self/status") as status:
    own = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))  # and a helper's
"""


def _repo(root: Path, rows: int) -> Path:
    (root / "promises").mkdir(parents=True)
    (root / "logs").mkdir()
    (root / "promises" / "2023.yaml").write_text(PROMISES, encoding="utf-8")
    kinds = ["kontakt", "trafik", "möte", "kontakt"]
    tags = ["", "kväll", "", "helg;kväll"]
    lines = ["datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad"]
    for n in range(rows):
        day = f"2023-{n % 12 + 1:02d}-{n % 28 + 1:02d}"
        lines.append(
            f"{day},{kinds[n % 4]},{n % 3 + 1},Ort {n % 50},polis,{tags[n % 7 % 4]},"
            f"Exempeldata nummer {n},exempel,{day}T12:{n % 60:02d}:00+01:00"
        )
    (root / "logs" / "2023.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def _peak_rss_mb(root: Path) -> float:
    done = subprocess.run(
        [sys.executable, "-c", TALLY, str(root)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout) / 1024


def test_tally_memory_does_not_grow_with_the_log(tmp_path: Path) -> None:
    small = _peak_rss_mb(_repo(tmp_path / "small", 30_000))
    big = _peak_rss_mb(_repo(tmp_path / "big", 300_000))  # about 25 MB of log
    assert big < 80, f"{big:.1f} MB"
    assert big - small < 10, f"{small:.1f} MB at 30,000 rows, {big:.1f} MB at 300,000"
