"""A large log read by two processes at once, on a machine with two cores.

`lofte status` and `lofte check` read a log in blocks of whole lines; from a few megabytes
on, a forked child reads part of it and sends what it found through a pipe while this
process reads the rest. `status` sums rows, so the two processes share the log's pieces
from a queue (`in_pieces`); `check` needs its rows in order, so the log is cut in two
(`in_two`). Anything unusual (no fork, one core, a failing child) gives None, and the
caller reads the file alone.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
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
    return _with_child(lambda: first_half(middle), lambda: second_half(middle))


# Pieces of a log counted in any order (status): each process takes the next piece when it
# is done with one, so neither waits long for the other, whatever the machine does.
_PIECES = 32


def in_pieces(
    binary: BinaryIO,
    start: int,
    work: Callable[[BinaryIO, Iterator[tuple[int, int]]], T],
    pack: Callable[[T], bytes],
) -> tuple[T, bytes] | None:
    """Cut the file `binary` after byte `start` into pieces at line starts, and have this
    process and a forked child each run `work(file, pieces)`, where `pieces` yields the
    (start, end) of the next piece not yet taken by either (the child opens the file
    itself). What this process's work returned and the bytes `pack` made of the child's,
    or None when the file is small, the system cannot fork, or the child failed."""
    size = os.fstat(binary.fileno()).st_size
    if size - start < TWO_PROCESS_BYTES or not hasattr(os, "fork") or cores() < 2:
        return None
    cuts = [start]
    for index in range(1, _PIECES):
        binary.seek(start + (size - start) * index // _PIECES)
        binary.readline()
        cuts.append(max(binary.tell(), cuts[-1]))
    cuts.append(size)
    pieces = [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if a < b]
    # The queue: one byte a piece in a pipe. A read of one byte takes one piece, atomically,
    # whichever process reads; an empty pipe with its writer closed means no piece is left.
    queue, filler = os.pipe()
    os.write(filler, bytes(range(len(pieces))))
    os.close(filler)

    def taken() -> Iterator[tuple[int, int]]:
        while piece := os.read(queue, 1):
            yield pieces[piece[0]]

    def child() -> bytes:
        with open(binary.name, "rb") as own:
            return pack(work(own, taken()))

    try:
        return _with_child(lambda: work(binary, taken()), child)
    finally:
        os.close(queue)


def _with_child(mine: Callable[[], T], theirs: Callable[[], bytes]) -> tuple[T, bytes] | None:
    """Run `theirs` in a forked child and `mine` here, at once; what `mine` returned and the
    bytes `theirs` did, or None when the child failed."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its result down the pipe, then leave at once
        os.close(reader)
        status = 1
        try:
            payload = theirs()
            with os.fdopen(writer, "wb") as out:
                out.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    try:
        result = mine()
    finally:
        with os.fdopen(reader, "rb") as incoming:
            payload = incoming.read()
        _, status = os.waitpid(pid, 0)
    if status != 0 or not payload:
        return None
    return result, payload
