"""Loading a promise file, remembering what an unchanged file was read as.

Every `lofte` command reads the period's promise file, and parsing YAML starts with
importing PyYAML, which compiles its regular expressions: about 30 ms of a 400 ms start,
for a file that changes a few times a year. What `promise_file.parse_promise_text` made of
a file (the PromiseSet and every problem) is kept in the user's cache folder under a
SHA-256 of everything it depends on: this format, lofte's version, the file's names and
its exact text. A changed byte is a new key, so a kept result is never stale; anything
odd about a kept file (unreadable, not ours, not a result) means reading the YAML again.

Where: `LOFTE_CACHE` (a folder; `0` turns the cache off), else `$XDG_CACHE_HOME/lofte`,
else `~/.cache/lofte`. Writing is best effort: a read-only home costs only the time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import tempfile
from pathlib import Path

from medborgarlofte import __version__
from medborgarlofte.core.model import PromiseSet
from medborgarlofte.core.problems import Problem
from medborgarlofte.load.textfiles import MAX_PROMISE_FILE_BYTES, read_text_file

_FORMAT = "2"  # bump when PromiseSet, Problem or the parser's results change shape
_OFF = ("", "0", "av", "off")

Loaded = tuple[PromiseSet | None, list[Problem]]


def load_promise_file(
    path: Path, rel: str, name: str, log_rel: str, kommun_key: str | None = None
) -> Loaded:
    """The PromiseSet of a promise file (None when unusable) and every problem found."""
    text, problems = read_text_file(path, rel, MAX_PROMISE_FILE_BYTES)
    if text is None:
        return None, problems
    folder = cache_folder()
    key = _key(text, rel, name, log_rel, kommun_key)
    if folder is not None:
        kept = _read(folder / f"{key}.pickle")
        if kept is not None:
            return kept
    from medborgarlofte.load.promise_file import parse_promise_text  # imports PyYAML

    loaded = parse_promise_text(text, rel, name, log_rel, kommun_key)
    if folder is not None:
        _write(folder, f"{key}.pickle", loaded)
    return loaded


def cache_folder() -> Path | None:
    chosen = os.environ.get("LOFTE_CACHE")
    if chosen is not None:
        return None if chosen.strip().lower() in _OFF else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):  # no home folder to be found: no cache
            return None
    return Path(base) / "lofte"


def _key(text: str, *names: str | None) -> str:
    digest = hashlib.sha256()
    for part in (_FORMAT, __version__, *names):
        digest.update(repr(part).encode("utf-8") + b"\0")
    digest.update(text.encode("utf-8"))
    return digest.hexdigest()


def _read(path: Path) -> Loaded | None:
    """A kept result, if the file is this user's own, not writable by others, and one."""
    try:
        with path.open("rb") as kept:
            info = os.fstat(kept.fileno())
            if info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return None
            value = pickle.load(kept)
    except Exception:  # noqa: BLE001 (any trouble with a kept file: read the YAML instead)
        return None
    if (
        isinstance(value, tuple)
        and len(value) == 2
        and (value[0] is None or isinstance(value[0], PromiseSet))
        and isinstance(value[1], list)
        and all(isinstance(p, Problem) for p in value[1])
    ):
        return value[0], value[1]
    return None


def _write(folder: Path, name: str, loaded: Loaded) -> None:
    """Keep `loaded` as folder/name, whole or not at all (a temporary file, renamed)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(loaded, out, pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, folder / name)
        except BaseException:
            os.unlink(temporary)
            raise
    except Exception:  # noqa: BLE001 (a cache that cannot be written is only slower)
        return
