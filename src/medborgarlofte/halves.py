"""A large log read by two processes at once, a half each, on a machine with two cores.

`lofte status` and `lofte check` read a log in blocks of whole lines; from a few megabytes
on, a forked child takes the second half and sends what it found through a pipe while this
process reads the first. Anything unusual (no fork, one core, a failing child) gives None,
and the caller reads the file alone.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import BinaryIO, TypeVar

# From this size on a log is read in two processes; a fork costs milliseconds.
TWO_PROCESS_BYTES = 8 << 20

T = TypeVar("T")


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def in_two(
    binary: BinaryIO,
    start: int,
    first_half: Callable[[int], T],
    second_half: Callable[[int], bytes],
    first_share: int = 50,
) -> tuple[T, bytes] | None:
    """Split the file `binary` after byte `start` at a line start `middle`, `first_share`
    percent in; run `second_half(middle)` in a child (it opens the file itself) and
    `first_half(middle)` here, at once. What the first half returned and the bytes the
    second half returned, or None when the file is small, the system cannot fork, or the
    child failed."""
    size = os.fstat(binary.fileno()).st_size
    if size - start < TWO_PROCESS_BYTES or not hasattr(os, "fork") or cores() < 2:
        return None
    binary.seek(start + (size - start) * first_share // 100)
    binary.readline()
    middle = binary.tell()
    if middle >= size:
        return None
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: the second half, its result down the pipe, leave at once
        os.close(reader)
        status = 1
        try:
            payload = second_half(middle)
            with os.fdopen(writer, "wb") as out:
                out.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    try:
        mine = first_half(middle)
    finally:
        with os.fdopen(reader, "rb") as incoming:
            payload = incoming.read()
        _, status = os.waitpid(pid, 0)
    if status != 0 or not payload:
        return None
    return mine, payload
