"""Writing: `lofte laga` — a log that holds its rows twice replaced by its repair.

What the repair is, `judge/repair_plan.py` decides. Here the file is replaced atomically
under the log's lock, through the one safe write (write/safe_write.py): the plan is made on
what the file holds once the lock is held, a new file is written beside it, fsynced and
renamed over the old. A crash leaves the old file or the new one, never half of either.
"""

from __future__ import annotations

from pathlib import Path

from medborgarlofte.judge.repair_plan import RepairPlan, plan_repair
from medborgarlofte.write.append import locked_file
from medborgarlofte.write.safe_write import replace_whole


def apply_repair(root: Path, path: Path, rel: str) -> RepairPlan | None:
    """Repair the log at `path` under its lock: plan on what the file holds once the lock
    is held, then replace it atomically. None when it holds one copy."""
    with locked_file(path, rel, root):
        plan = plan_repair(root, rel, path.read_bytes())
        if plan is not None:
            replace_whole(root, path, plan.data)
        return plan
