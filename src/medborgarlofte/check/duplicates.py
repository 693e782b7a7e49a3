"""Exact duplicate rows of a log (W003), in memory of one hash a row, never the rows.

While a log streams by, each row's hash goes into a compact array (8 bytes a row) and its
line into runs of consecutive lines (a few bytes a block). The search comes at the end, in
C-level passes: a table of one byte per slot flags each hash's slot as seen, a row landing
on a flagged slot is a candidate, and one pass over the hashes finds each candidate's first
row; a candidate that is its own first row was a slot collision, not a duplicate. A log
of up to 65,536 rows first asks a set whether any hash repeats at all: in the usual log
none does, and the slot search is skipped.

A log checked by two processes is two `RowHashes`: each searches its own half at once, and
`RowHashes.append` then finds the second half's rows that repeat a row of the first (the
second half comes over as plain bytes, `to_bytes`).
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import deque
from itertools import compress, repeat
from operator import and_, contains, itemgetter, setitem
from struct import pack

# Rows looked at per pass: big enough that a pass is C's work, small enough that a repeat
# inside it (two rows on one slot, found one by one) stays rare.
_CHUNK = 2048
_MIN_SLOT_BITS = 12
_MAX_SLOT_BITS = 23  # 8 MB: the table stays a fixed cost, not one that grows with the log
# Up to this many rows, `found` first asks a set whether any hash repeats at all: for the
# usual log (no repeats) a tenth of the slot search's cost, in memory of a few MB at most.
_DISTINCT_AT_ONCE = 1 << 16


class RowHashes:
    """The hashes of a log's rows in order, and the line of each."""

    def __init__(self, expected_rows: int = 0) -> None:
        """`expected_rows` sizes the slot table; two parts of one log that are to be joined
        by `append` must give the same number."""
        self.expected_rows = expected_rows
        self.hashes = array("q")
        # Runs of consecutive lines: the row at index run_starts[k] is on line run_lines[k],
        # the rows after it on the lines after that, up to the next run.
        self.run_starts = array("q")
        self.run_lines = array("q")
        self._next_line = -1
        self._flags = bytearray()
        self._mask = 0
        self._slots = array("i")  # each row's slot, kept for `append`
        self._repeats: list[tuple[int, int]] = []  # (index, index of the first)
        self._searched = False

    def to_bytes(self) -> bytes:
        """What a second half sends (searched, see `append`): its numbers as plain bytes,
        never a pickled object; not the slot table, which `append` does not use."""
        self.search()
        repeats = array("q", [n for pair in self._repeats for n in pair])
        arrays = (self.hashes, self.run_starts, self.run_lines, self._slots, repeats)
        head = array("q", [self.expected_rows, self._next_line, self._mask])
        head.extend(len(a) for a in arrays)
        return b"".join(a.tobytes() for a in (head, *arrays))

    @classmethod
    def from_bytes(cls, data: bytes) -> RowHashes:
        """A searched RowHashes from `to_bytes`."""
        head = array("q", data[: 8 * 8])
        expected_rows, next_line, mask, *sizes = head
        hashes = cls(expected_rows)
        at = 8 * 8
        parts = []
        for size, code in zip(sizes, "qqqiq", strict=True):
            part = array(code)
            part.frombytes(data[at : at + size * part.itemsize])
            at += size * part.itemsize
            parts.append(part)
        hashes.hashes, hashes.run_starts, hashes.run_lines, hashes._slots, repeats = parts
        hashes._repeats = list(zip(repeats[::2], repeats[1::2], strict=True))
        hashes._next_line, hashes._mask, hashes._searched = next_line, mask, True
        return hashes

    def add(self, row_hash: int, line: int) -> None:
        """One row's hash."""
        if line != self._next_line:
            self.run_starts.append(len(self.hashes))
            self.run_lines.append(line)
        self.hashes.append(row_hash)
        self._next_line = line + 1

    def extend(self, hashes: list[int], line: int) -> None:
        """The hashes of rows on consecutive lines, the first on `line`."""
        if not hashes:
            return
        if line != self._next_line:
            self.run_starts.append(len(self.hashes))
            self.run_lines.append(line)
        # struct converts ints to int64 several times faster than array.extend does.
        self.hashes.frombytes(pack(f"{len(hashes)}q", *hashes))
        self._next_line = line + len(hashes)

    def line_of(self, index: int) -> int:
        run = bisect_right(self.run_starts, index) - 1
        return self.run_lines[run] + index - self.run_starts[run]

    def shift_lines(self, by: int) -> None:
        """Number every line `by` more (a second half numbered from the file's top)."""
        self.run_lines = array("q", map(by.__add__, self.run_lines))
        self._next_line += by

    def concat(self, other: RowHashes, shift: int) -> None:
        """`other`'s rows (not searched), their lines numbered `shift` more, after these."""
        offset = len(self.hashes)
        self.run_starts.extend(map(offset.__add__, other.run_starts))
        self.run_lines.extend(map(shift.__add__, other.run_lines))
        self.hashes.extend(other.hashes)
        if other.hashes:
            self._next_line = other._next_line + shift

    def search(self) -> None:
        """Find the rows that repeat an earlier row of these hashes (once; kept)."""
        if self._searched:
            return
        self._searched = True
        rows = self.expected_rows or len(self.hashes)
        bits = min(_MAX_SLOT_BITS, max(_MIN_SLOT_BITS, (rows * 8).bit_length()))
        self._flags = bytearray(1 << bits)
        self._mask = (1 << bits) - 1
        candidates = _flag(self.hashes, self._flags, self._mask, self._slots)
        if not candidates:
            return
        hashes = self.hashes
        first = _first_index(hashes, {hashes[i] for i in candidates})
        self._repeats = [(i, first[hashes[i]]) for i in candidates if first[hashes[i]] != i]

    def found(self) -> list[tuple[int, int]]:
        """(line, first line) of each row that repeats an earlier one, in line order."""
        hashes = self.hashes
        small = not self._searched and len(hashes) <= _DISTINCT_AT_ONCE
        if small and len(set(hashes)) == len(hashes):
            return []  # no repeats; not searched, so `append` still works
        self.search()
        line_of = self.line_of
        return sorted((line_of(i), line_of(first)) for i, first in self._repeats)

    def append(self, other: RowHashes) -> None:
        """Take `other`'s rows (searched, lines numbered from this file's top) as the rows
        after these; `found` then covers both, as if one RowHashes had read them all."""
        self.search()
        other.search()
        offset = len(self.hashes)
        # Rows of `other` whose slot is flagged here may repeat a row of this part.
        if other._mask == self._mask:
            maybe = _flagged(other._slots, self._flags)
        else:
            maybe = _flagged(array("i", map(and_, other.hashes, repeat(self._mask))), self._flags)
        theirs = other.hashes
        first_here = _first_index(self.hashes, {theirs[i] for i in maybe}) if maybe else {}
        repeats = [(offset + i, first_here[theirs[i]]) for i in maybe if theirs[i] in first_here]
        repeats += [
            (offset + i, offset + first)
            for i, first in other._repeats
            if theirs[i] not in first_here
        ]
        self._repeats.extend(repeats)
        self.run_starts.extend(map(offset.__add__, other.run_starts))
        self.run_lines.extend(other.run_lines)
        self.hashes.extend(theirs)
        self._next_line = other._next_line
        # `other`'s rows are not in this table: a later append would miss them.
        self._flags = bytearray()
        self._mask = -1
        self._slots = array("i")


def _flag(hashes: array[int], flags: bytearray, mask: int, slots_out: array[int]) -> list[int]:
    """Flag each hash's slot, the slots into `slots_out`; the indices of the hashes whose
    slot was already flagged."""
    candidates: list[int] = []
    for start in range(0, len(hashes), _CHUNK):
        slots = list(map(and_, hashes[start : start + _CHUNK], repeat(mask)))
        slots_out.extend(slots)
        if len(slots) > 1 and len(set(slots)) == len(slots):
            seen = itemgetter(*slots)(flags)  # one C call; operator's functions beat slots'
            deque(map(setitem, repeat(flags), slots, repeat(1)), maxlen=0)
            if 1 in seen:
                candidates.extend(compress(range(start, start + len(slots)), seen))
            continue
        for index, slot in enumerate(slots, start):  # two rows of this chunk share a slot
            if flags[slot]:
                candidates.append(index)
            else:
                flags[slot] = 1
    return candidates


def _flagged(slots: array[int], flags: bytearray) -> list[int]:
    """The indices of the slots that are flagged (nothing is flagged anew)."""
    if not flags:
        raise ValueError("RowHashes.append twice: the slot table no longer covers every row")
    if len(slots) < 2:
        return [i for i, slot in enumerate(slots) if flags[slot]]
    return list(compress(range(len(slots)), itemgetter(*slots)(flags)))


def _first_index(hashes: array[int], wanted: set[int]) -> dict[int, int]:
    """The index of the first of `hashes` equal to each of `wanted` that occurs."""
    first: dict[int, int] = {}
    for index in compress(range(len(hashes)), map(contains, repeat(wanted), hashes)):
        first.setdefault(hashes[index], index)
    return first
