"""Loading: a log's tally kept between runs, so that after an append only the new rows are
read (docs/garantier.md, "Direkt läge").

A log only grows: `log insats` appends one row under the log's lock. What a count of the
log's first N bytes gave (per promise, the sum per day; the rows left out) is kept in the
user's cache folder with what proves those bytes unchanged: the file's device and inode, N,
and a SHA-256 of the N bytes. The next run hashes the first N bytes of the file again
(about 0.06 s for a 100 MB log, a tenth of reading it as CSV) and, when every proof holds,
counts only the bytes after N — the header line and those bytes, read by the one log
reader (`log_tally.count_log`) as a small log of their own — and adds the two tallies.
Anything else (a rewrite by `log radera` or Excel, a truncation, a same-size edit, another
lofte, other promises, another day) counts the whole log from scratch. The result is always
what a count from scratch gives: tests/test_instant_tally.py holds it on random sequences
of appends, edits and corrections.

N is kept only at a line end outside any quoted cell (an even number of quote characters
before it), so the bytes after N always begin a row; a torn last line (no line end yet) is
never inside N, and is read again, completed or not, on every run. A log whose rows appear
twice (two_copies.py) is never kept: it is read whole until `lofte laga` mends it.

What is kept is plain JSON, checked field by field on reading, never code; only in the
user's cache folder (promise_cache.cache_folder: never the repo), written without following
a link, readable and writable by the user alone. A kept file that is damaged, foreign,
another lofte's or another log's is ignored and replaced. While the count and the hash are
made the log is held with a shared lock, so a `log insats` running at the same moment
waits, and what is kept always matches the bytes it names.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from medborgarlofte import __version__
from medborgarlofte.core.frozen import frozen
from medborgarlofte.core.model import PromiseSet
from medborgarlofte.core.tally import Tally

_FORMAT = 1
_MARK = "lofte-loggsumma"
_CHUNK = 1 << 20
# A tail larger than this share of the log is counted with the rest: reading it twice
# (to hash the part before it, and to count it apart) would cost more than it saves.
_TAIL_SHARE = 4
_MOST_KEPT_BYTES = 64 << 20  # a kept tally larger than this is not a tally of ours

# A count from scratch of the log at a path: its tally, and whether it may be kept (not
# when the log holds its rows twice).
CountFn = Callable[[Path], tuple[Tally, bool]]


@frozen(slots=False)
class Kept:
    """A tally of the first `size` bytes of the log at (`device`, `inode`)."""

    device: int
    inode: int
    size: int
    digest: str  # SHA-256 of those bytes
    tally_days: list[dict[date, int]]
    skipped_rows: int


def counted(
    folder: Path | None,
    path: Path,
    promise_set: PromiseSet,
    today: date,
    count: CountFn,
    keep: bool = True,
) -> Tally:
    """The tally of the log at `path`: what `count(path)` gives (the count from scratch),
    or what a kept tally and a count of the bytes after it give, which is the same.
    `folder` is the cache folder (None: no cache); `keep` whether a new tally is kept."""
    if folder is None:
        return count(path)[0]
    key = _key(promise_set, today)
    entry = folder / "loggar" / f"{key}.json"
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return count(path)[0]
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return count(path)[0]
        kept = _read(entry, key, len(promise_set.promises))
        prefix = _still_holds(fd, info, kept) if kept is not None else None
        if kept is not None and prefix is not None:
            grown = _with_tail(fd, info, kept, prefix, promise_set, count)
            if grown is not None:
                tally, proof = grown
                if keep and proof is not None:
                    _keep(info, tally, proof, entry, key)
                return tally
        tally, keepable = count(path)
        after = os.stat(path)
        same = (after.st_dev, after.st_ino, after.st_size)
        if keep and keepable and same == (info.st_dev, info.st_ino, info.st_size):
            proof = _proof(fd, info.st_size)
            if proof is not None:
                _keep(info, tally, proof, entry, key)
        return tally
    finally:
        os.close(fd)


def _key(promise_set: PromiseSet, today: date) -> str:
    """Everything a count depends on besides the log's bytes: this lofte, the promises and
    vocabulary that decide what counts, the period, the log's name and today (a row dated
    after today is left out)."""
    from medborgarlofte.load.promise_cache import source_hash

    digest = hashlib.sha256()
    parts = (
        _FORMAT,
        __version__,
        source_hash(),
        promise_set.log_path,
        promise_set.period,
        sorted(promise_set.activity_types),
        sorted(promise_set.participants),
        [promise.target for promise in promise_set.promises],
        today.isoformat(),
    )
    for part in parts:
        digest.update(repr(part).encode("utf-8") + b"\0")
    return digest.hexdigest()


def _still_holds(fd: int, info: os.stat_result, kept: Kept) -> Any:
    """The SHA-256 state after the log's first `kept.size` bytes, when the log is the same
    file and those bytes are unchanged; None otherwise."""
    if (info.st_dev, info.st_ino) != (kept.device, kept.inode) or info.st_size < kept.size:
        return None
    if info.st_size - kept.size > info.st_size // _TAIL_SHARE:
        return None
    digest = _hash(fd, kept.size)
    return digest if digest.hexdigest() == kept.digest else None


def _hash(fd: int, size: int, quotes: list[int] | None = None) -> Any:
    """SHA-256 (the running state, to go on with) of the first `size` bytes at `fd`, read a
    block at a time into one buffer (a mapping of the file would count its pages as this
    process's memory); with `quotes`, the quote characters are counted into quotes[0]."""
    digest = hashlib.sha256()
    buffer = bytearray(min(_CHUNK, size))
    view = memoryview(buffer)
    offset = 0
    while offset < size:
        got = os.preadv(fd, [view[: min(_CHUNK, size - offset)]], offset)
        if not got:
            break
        digest.update(view[:got])
        if quotes is not None:
            quotes[0] += buffer.count(b'"', 0, got)
        offset += got
    return digest


def _proof(fd: int, size: int) -> str | None:
    """The SHA-256 of the log's `size` bytes, when they end at a line end outside a quoted
    cell (so the next bytes begin a row); None when they do not."""
    if size == 0 or os.pread(fd, 1, size - 1) != b"\n":
        return None
    quotes = [0]
    digest = _hash(fd, size, quotes)
    return None if quotes[0] % 2 else digest.hexdigest()


def _with_tail(
    fd: int,
    info: os.stat_result,
    kept: Kept,
    prefix: Any,
    promise_set: PromiseSet,
    count: CountFn,
) -> tuple[Tally, str | None] | None:
    """The kept tally plus a count of the bytes after it, and the proof to keep the sum
    under (None: not to be kept, the tail not ending a row); None when they cannot be
    read apart (a second header among them: the log holds its rows twice)."""
    tally = Tally(promise_set, [dict(days) for days in kept.tally_days], kept.skipped_rows)
    tail = os.pread(fd, info.st_size - kept.size, kept.size)
    if len(tail) != info.st_size - kept.size:
        return None  # cut short while it was read: count it all
    if not tail:
        return tally, None  # nothing new, nothing to keep again
    from medborgarlofte.load.two_copies import is_header_line, lines_of

    if any(is_header_line(line) for line in lines_of(tail.decode("utf-8", errors="replace"))):
        return None
    import tempfile
    with tempfile.TemporaryDirectory(prefix="lofte-") as folder:
        part = Path(folder) / "svans.csv"
        part.write_bytes(_first_line(fd) + tail)
        more, keepable = count(part)
    for days, added in zip(tally.by_promise, more.by_promise, strict=True):
        for day, number in added.items():
            days[day] = days.get(day, 0) + number
    tally.skipped_rows += more.skipped_rows
    prefix.update(tail)
    whole = tail.endswith(b"\n") and tail.count(b'"') % 2 == 0 and keepable
    return tally, prefix.hexdigest() if whole else None


def _first_line(fd: int) -> bytes:
    line = b""
    offset = 0
    while b"\n" not in line:
        block = os.pread(fd, 1 << 16, offset)
        if not block:
            break
        line += block
        offset += len(block)
    return line[: line.index(b"\n") + 1] if b"\n" in line else line


def _keep(info: os.stat_result, tally: Tally, digest: str, entry: Path, key: str) -> None:
    """Keep `tally` as the tally of the log's `info.st_size` bytes, whose SHA-256 is
    `digest`."""
    days = [
        sorted([day.toordinal(), number] for day, number in promise.items())
        for promise in tally.by_promise
    ]
    data = {
        "lofte": _MARK,
        "format": _FORMAT,
        "key": key,
        "device": info.st_dev,
        "inode": info.st_ino,
        "size": info.st_size,
        "sha256": digest,
        "skipped": tally.skipped_rows,
        "days": days,
    }
    try:
        folder = entry.parent
        if not folder.is_dir():
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        # A new file renamed over the old, never written through a link: a reader sees the
        # old tally or the new one, whole.
        temporary = folder / f".{entry.name}.{os.getpid()}"
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC
        with os.fdopen(os.open(temporary, flags, 0o600), "wb") as out:
            out.write(json.dumps(data, separators=(",", ":")).encode("ascii"))
        os.replace(temporary, entry)
    except OSError:  # a cache that cannot be written only costs time
        return


def _read(entry: Path, key: str, promises: int) -> Kept | None:
    """A kept tally, if the file is this user's own, not writable by others, not a link,
    ours, under this key, and every field is what a tally holds."""
    try:
        fd = os.open(entry, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return None
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MOST_KEPT_BYTES:
            return None
        with os.fdopen(os.dup(fd), "rb") as kept:
            data = json.loads(kept.read())
        return _checked(data, key, promises)
    except (OSError, ValueError, RecursionError, TypeError, OverflowError):
        return None
    finally:
        os.close(fd)


def _checked(data: Any, key: str, promises: int) -> Kept | None:
    fields = {"lofte", "format", "key", "device", "inode", "size", "sha256", "skipped", "days"}
    if type(data) is not dict or set(data) != fields:
        return None
    if (data["lofte"], data["format"], data["key"]) != (_MARK, _FORMAT, key):
        return None
    numbers = (data["device"], data["inode"], data["size"], data["skipped"])
    if any(type(n) is not int or n < 0 for n in numbers):
        return None
    digest = data["sha256"]
    if type(digest) is not str or len(digest) != 64:
        return None
    days = data["days"]
    if type(days) is not list or len(days) != promises:
        return None
    tally_days: list[dict[date, int]] = []
    for promise in days:
        if type(promise) is not list:
            return None
        sums: dict[date, int] = {}
        for pair in promise:
            if type(pair) is not list or len(pair) != 2:
                return None
            ordinal, number = pair
            if type(ordinal) is not int or type(number) is not int or number == 0:
                return None
            sums[date.fromordinal(ordinal)] = number  # ValueError out of range: not ours
        tally_days.append(sums)
    return Kept(data["device"], data["inode"], data["size"], digest, tally_days, data["skipped"])
