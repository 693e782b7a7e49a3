"""A large log read by two processes at once, on a machine with two cores.

`lofte status` and `lofte check` read a log in blocks of whole lines; from a few megabytes
on, a forked child reads part of it and sends what it found through a pipe while this
process reads the rest. The log is cut into pieces, and a process that is done with one
takes the next, so neither waits long for the other however the machine shares its cores:
`status` sums rows, so its processes take pieces from one queue in any order
(`in_pieces`); `check` needs its rows in order, so one process takes pieces from the front
and the other from the back until they meet (`from_both_ends`). Anything unusual (no fork,
one core, a failing child) gives None, and the caller reads the file alone. The child
sends back plain data (JSON, arrays of integers), never a pickled or marshalled object.
"""

from __future__ import annotations

import os
import struct
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
    pieces = _cut(binary, start, size)
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


def from_both_ends(
    binary: BinaryIO,
    start: int,
    work: Callable[[BinaryIO, Iterator[tuple[int, int, int]]], T],
    pack: Callable[[T], bytes],
) -> tuple[T, bytes] | None:
    """Cut the file `binary` after byte `start` into pieces at line starts; this process
    takes pieces from the front and a forked child from the back until they meet, so each
    reads one unbroken part of the file (`check` needs its rows in order). Each runs
    `work(file, pieces)`, `pieces` yielding (index, start, end) of the pieces it takes:
    ascending here, descending in the child. What this process's work returned and the
    bytes `pack` made of the child's, or None when the file is small, the system cannot
    fork, or the child failed."""
    size = os.fstat(binary.fileno()).st_size
    if size - start < TWO_PROCESS_BYTES or not hasattr(os, "fork") or cores() < 2:
        return None
    import mmap  # here: a small file, the common case, never needs it

    pieces = _cut(binary, start, size)
    # The next piece from the front and the one after the last from the back, in memory
    # the child shares; a pipe holding one byte is the lock around them.
    ends = mmap.mmap(-1, _ENDS.size)
    ends[:] = _ENDS.pack(0, len(pieces))
    lock, unlock = os.pipe()
    os.write(unlock, b"\0")

    def taken(front: bool) -> Iterator[tuple[int, int, int]]:
        while True:
            os.read(lock, 1)
            try:
                low, high = _ENDS.unpack(ends[:])
                if low >= high:
                    return
                if front:
                    index, low = low, low + 1
                else:
                    index = high = high - 1
                ends[:] = _ENDS.pack(low, high)
            finally:
                os.write(unlock, b"\0")
            yield (index, *pieces[index])

    def child() -> bytes:
        with open(binary.name, "rb") as own:
            return pack(work(own, taken(front=False)))

    try:
        return _with_child(lambda: work(binary, taken(front=True)), child)
    finally:
        os.close(lock)
        os.close(unlock)
        ends.close()


_ENDS = struct.Struct("qq")


def _cut(binary: BinaryIO, start: int, size: int) -> list[tuple[int, int]]:
    """(start, end) of about _PIECES pieces of the file after `start`, at line starts."""
    cuts = [start]
    for index in range(1, _PIECES):
        binary.seek(start + (size - start) * index // _PIECES)
        binary.readline()
        cuts.append(max(binary.tell(), cuts[-1]))
    cuts.append(size)
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if a < b]
