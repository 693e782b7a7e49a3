"""Writing: put a rendered site (relative path -> bytes) into its folder (`lofte webb -o`).

The folder is lofte's own: a marker file (`.lofte-webb`) lists what the last run wrote. A
new run writes every file (each through a temporary file and a rename, so a web server never
serves half a page), then removes the files the marker listed that the site no longer has.
Nothing else in the folder is touched, so a `CNAME` or a host's own file stays. A folder
that is not empty and has no marker is refused unless `overwrite` (then lofte's files are
written beside what is there). The site is never written in or over the repo's `promises/`
or `logs/`, and no path may lead out of the folder through a link.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from medborgarlofte.core.problems import LofteError
from medborgarlofte.core.texts import (
    SITE_INTO_REPO_DATA,
    SITE_MARKER_TEXT,
    SITE_NOT_A_DIR,
    SITE_NOT_OURS,
    SITE_OUTSIDE,
    SITE_OVER_REPO,
    SITE_WRITE_FAILED,
)
from medborgarlofte.load.repo import LOGS_DIR, PROMISES_DIR
from medborgarlofte.write.safe_write import check_writable, make_folder, replace_whole

MARKER = ".lofte-webb"


def check_target(repo_root: Path, target: Path) -> Path:
    """`target` resolved, or a refusal when it is in or over the repo's promises/ or logs/."""
    resolved = target.expanduser().resolve()
    for folder in (PROMISES_DIR, LOGS_DIR):
        protected = (repo_root / folder).resolve()
        if resolved == protected or resolved.is_relative_to(protected):
            raise LofteError(SITE_INTO_REPO_DATA.format(path=target, folder=f"{folder}/"))
        if protected.is_relative_to(resolved):
            raise LofteError(SITE_OVER_REPO.format(path=target))
    if resolved.exists() and not resolved.is_dir():
        raise LofteError(SITE_NOT_A_DIR.format(path=target))
    return resolved


def _listed(folder: Path) -> list[str]:
    """The files the marker lists, each a plain relative path inside `folder`."""
    try:
        lines = (folder / MARKER).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    listed = []
    for line in lines[1:]:
        parts = line.split("/")
        if line and not line.startswith("/") and all(p not in ("", ".", "..") for p in parts):
            listed.append(line)
    return listed


def write_site(repo_root: Path, target: Path, files: Mapping[str, bytes], overwrite: bool) -> None:
    resolved = check_target(repo_root, target)
    ours = (resolved / MARKER).is_file()
    if resolved.is_dir() and any(resolved.iterdir()) and not ours and not overwrite:
        raise LofteError(SITE_NOT_OURS.format(path=target, marker=MARKER))
    previous = _listed(resolved) if ours else []
    # The folder itself: no link on the way in the repo (a committed `_site` link), never
    # `.git`; each file below it: no link on the way, no special file (write/safe_write.py).
    folder = make_folder(repo_root, target)
    for rel in (*files, MARKER):
        check_writable(folder, folder / rel)
    try:
        for rel in files:
            destination = folder / rel
            if not destination.parent.resolve().is_relative_to(folder.resolve()):
                raise LofteError(SITE_OUTSIDE.format(path=target, rel=rel))
        for rel, content in files.items():
            replace_whole(folder, folder / rel, content, mode=0o644)
        folder = folder.resolve()
        for rel in previous:
            stale = folder / rel
            if rel not in files and stale.parent.resolve().is_relative_to(folder):
                if stale.is_file() or stale.is_symlink():
                    stale.unlink()
                _remove_empty_parents(stale.parent, folder)
        marker = SITE_MARKER_TEXT + "".join(f"{rel}\n" for rel in files)
        replace_whole(folder, folder / MARKER, marker.encode("utf-8"), mode=0o644)
    except OSError as error:
        raise LofteError(
            SITE_WRITE_FAILED.format(path=error.filename or target, detail=error.strerror or error)
        ) from None


def _remove_empty_parents(folder: Path, top: Path) -> None:
    while folder != top and folder.is_relative_to(top):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
