"""Writing: `lofte laga` — a log that holds its rows twice replaced by its repair.

What the repair is, `judge/repair_plan.py` decides. Here the file is replaced atomically
under the log's lock: the plan is made on what the file holds once the lock is held, a new
file is written beside it, fsynced and renamed over the old. A crash leaves the old file or
the new one, never half of either.
"""

from __future__ import annotations

import os
from pathlib import Path

from medborgarlofte.core import texts
from medborgarlofte.core.problems import LofteError
from medborgarlofte.judge.repair_plan import RepairPlan, plan_repair
from medborgarlofte.write.append import locked_file


def apply_repair(root: Path, path: Path, rel: str) -> RepairPlan | None:
    """Repair the log at `path` under its lock: plan on what the file holds once the lock
    is held, then replace it atomically. None when it holds one copy."""
    with locked_file(path, rel):
        plan = plan_repair(root, rel, path.read_bytes())
        if plan is not None:
            replace_file(path, plan.data)
        return plan


def replace_file(path: Path, data: bytes) -> None:
    """Put `data` in place of the file at `path`: a new file beside it, fsync, rename."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.lagad")
    mode = path.stat().st_mode & 0o7777
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise LofteError(texts.REWRITE_FAILED.format(log=path.name, error=error)) from error
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
