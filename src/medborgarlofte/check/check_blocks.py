"""`lofte check`'s fast path: a log checked in blocks of whole lines, C doing the per-row work.

The reference is `ScannedRows` + `read_activities`, row by row. This finds the same
problems, with the same lines, messages and order, at a fraction of the cost: blocks of
whole lines are split in C, each distinct datum, typ, antal and deltagare is judged once,
row hashes go into `RowHashes` and duplicates are searched at the end. A block with a row
that is not plainly valid (a problem, a wrong number of cells, a possible personnummer or
formula cell, a torn last line) goes through the reference reader row by row; so does the
rest of the file from a block whose lines are not one record each. Any file-level trouble
(bad encoding, an unreadable file) runs the whole log through the reference path again, so
its output is that path's. Large logs are checked by two processes (halves.py).
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import operator
import os
import pickle
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from itertools import compress, repeat
from operator import contains, methodcaller
from typing import BinaryIO

from medborgarlofte.check.duplicates import RowHashes
from medborgarlofte.check.scanned_rows import SEPARATOR, ScannedRows
from medborgarlofte.core.model import PromiseSet
from medborgarlofte.core.problems import Problem, problem
from medborgarlofte.load.halves import from_both_ends
from medborgarlofte.load.log_dialect import (
    QUOTE,
    ends_with_newline,
    not_a_file,
    parse_count,
    parse_date,
    parse_participants,
    parse_type,
    read_layout,
)
from medborgarlofte.load.log_file import read_activities
from medborgarlofte.load.log_reader import (
    CELL_BREAK,
    lf_bytes,
    read_records,
    rows_in_order,
    unquoted_block,
)
from medborgarlofte.load.log_tally import TABLE_LIMIT, byte_blocks

_HEADER_BYTES = 1 << 16
# A block's rows are handled as UTF-8 bytes (the text only proves the encoding): splitting
# bytes costs half what splitting text does. A row is its cells joined by NUL, as
# ScannedRows joins them, and hashed as bytes (see _Feed); the dialect's unquoted_block
# reads a block whose delimiters are that byte.
_SEP = SEPARATOR.encode()
if _SEP != CELL_BREAK:  # pragma: no cover - the two modules name one byte
    raise ImportError("ScannedRows.SEPARATOR is not log_dialect.CELL_BREAK")
_QUOTE = QUOTE.encode()
# Between two lines' cells in `_valid`: a cell of its own, "\n", which no cell of a line holds.
_LINE_END_CELL = _SEP + b"\n" + _SEP
_BYTES_PER_ROW = 64  # a log row written by `lofte log insats` is rarely shorter


def check_log(rows: ScannedRows, promise_set: PromiseSet, today: date) -> None:
    """Check the log `rows` names against `promise_set`: every problem, line and order just
    as `read_activities` over `ScannedRows` finds them, added to `rows.problems`."""
    try:
        found = _check_fast(rows, promise_set, today)
    except (OSError, UnicodeDecodeError, csv.Error):
        found = None
    if found is None:
        deque(read_activities(rows, promise_set, today, with_text=False), maxlen=0)
    else:
        rows.problems.extend(found)


def _check_fast(rows: ScannedRows, promise_set: PromiseSet, today: date) -> list[Problem] | None:
    """The problems of the log, or None when the reference path must read it all."""
    if not_a_file(rows.path):
        return None
    with rows.path.open("rb") as binary:
        first = binary.readline(_HEADER_BYTES)
        header = first.decode("utf-8-sig")
        if "\r" in header.removesuffix("\r\n") or not first.endswith(b"\n"):
            return None
        layout, found = read_layout(header, rows.kind, rows.rel)
        if layout is None:
            return found
        rows.use(layout)
        scanner = _Scanner(rows, promise_set, today, os.fstat(binary.fileno()).st_size)
        shared = scanner.scan_in_two(binary, len(first))
        if shared is None:
            # A part read before the two-process path gave up left only its row hashes.
            scanner.hashes = RowHashes(expected_rows=scanner.expected_rows)
            shared = scanner.scan(binary, len(first))
    found.extend(shared)
    found.extend(
        problem("W003", rows.rel, line, first_line=first_line)
        for line, first_line in scanner.hashes.found()
    )
    return found


def _utf8_hash(joined: str) -> int:
    return hash(joined.encode())


class _Feed(ScannedRows):
    """Rows handed to `read_activities` from a given source of (line, cells), their hashes
    taken of their UTF-8 bytes as the block reader takes them."""

    source: Iterator[tuple[int, list[str]]] = iter(())
    hashes: RowHashes | None = None
    row_hash = staticmethod(_utf8_hash)

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        assert self.hashes is not None
        return self.scanned(self.source, self.hashes)


class _Scanner:
    def __init__(self, rows: ScannedRows, promise_set: PromiseSet, today: date, size: int) -> None:
        self.rows = rows
        self.promise_set = promise_set
        self.today = today
        self.width = len(rows.header)
        self.delimiter = rows.delimiter
        self.delimiter_bytes = rows.delimiter.encode()
        self.limit = csv.field_size_limit()
        # Sized from the file, so that both parts of a log read in two share a table size.
        self.size = size
        self.expected_rows = size // _BYTES_PER_ROW
        self.hashes = RowHashes(expected_rows=self.expected_rows)
        rel = rows.rel
        columns = rows.columns
        parsers: list[tuple[str, Callable[[str], object]]] = [
            ("datum", lambda raw: parse_date(raw, rel, promise_set, today)),
            ("typ", lambda raw: parse_type(raw, rel, promise_set)),
            ("antal", lambda raw: parse_count(raw, rel)),
            ("deltagare", lambda raw: parse_participants(raw, rel, promise_set)),
        ]
        # (column index, values known valid, values known invalid, parser) for each
        # validated column the log has; a column it lacks reads as "", always valid. The
        # known values are shared by every log whose cells are judged alike (_known).
        period = promise_set.period
        judged_by = {
            "datum": (period.start, period.end, today),
            "typ": tuple(promise_set.activity_types),
            "antal": (),
            "deltagare": tuple(promise_set.participants),
        }
        self.checks: list[tuple[int, set[bytes], set[bytes], Callable[[str], object]]] = [
            (columns[name], *_known(name, judged_by[name]), parse)
            for name, parse in parsers
            if name in columns
        ]
        # A line's cells, the last holding any cells beyond the header's: a line with
        # fewer cells gives a shorter list, one with more a last cell holding a NUL.
        self.cut = methodcaller("split", _SEP, self.width - 1)
        self.table = _warning_table(self.delimiter_bytes)

    # ---- reading

    def scan(self, binary: BinaryIO, start: int) -> list[Problem]:
        """Check the rows from byte `start` on, handing the rest of the file to the reference
        reader from the first block whose lines may not be one record each."""
        found: list[Problem] = []
        line = 2  # the first line after the header
        for offset, data in byte_blocks(binary, start, None):
            lines = self._block(data, data.decode("utf-8"), line, found)
            if lines is None:
                path = self.rows.path
                with path.open("rb") as rest:
                    rest.seek(offset)
                    text = io.TextIOWrapper(rest, encoding="utf-8", newline="")
                    self._exact(text, ends_with_newline(path), line, found)
                break
            line += lines
        return found

    def _scan_part(
        self, binary: BinaryIO, start: int, end: int | None, found: list[Problem]
    ) -> int | None:
        """Check the rows from byte `start` (a line start) up to `end`, numbering the first
        line 2; the next line's number, or None when a block needs the reference reader."""
        line = 2
        for _, data in byte_blocks(binary, start, end):
            lines = self._block(data, data.decode("utf-8"), line, found)
            if lines is None:
                return None
            line += lines
        return line

    def scan_in_two(self, binary: BinaryIO, start: int) -> list[Problem] | None:
        """Check a large log in two processes that read it from both ends, each one
        unbroken part (see halves.from_both_ends); the problems, or None (nothing kept)
        when it is not, or a piece needs the reference reader."""
        shared = from_both_ends(binary, start, self._scan_pieces, _pickled)
        if shared is None or shared[0] is None:
            return None
        theirs = pickle.loads(shared[1])
        if theirs is None:
            return None
        (line, found, hashes), (_, their_found, their_hashes) = shared[0], theirs
        found.extend(_shifted(their_found, line - 2))  # the child numbered from line 2
        their_hashes.shift_lines(line - 2)
        hashes.append(their_hashes)
        self.hashes = hashes
        return found

    def _scan_pieces(
        self, own: BinaryIO, pieces: Iterator[tuple[int, int, int]]
    ) -> tuple[int, list[Problem], RowHashes] | None:
        """Check the pieces one by one, then join them in file order into one part, its
        lines numbered from 2, and search that part for duplicates; (the next line's
        number, the problems, the row hashes), or None when a piece needs the reference
        reader."""
        done = []
        for index, begin, end in pieces:
            piece_found: list[Problem] = []
            self.hashes = RowHashes()
            after = self._scan_part(own, begin, end, piece_found)
            if after is None:
                return None
            done.append((index, after, piece_found, self.hashes))
        found: list[Problem] = []
        part = RowHashes(expected_rows=self.expected_rows)
        line = 2
        for _, after, piece_problems, piece_hashes in sorted(done, key=operator.itemgetter(0)):
            found.extend(_shifted(piece_problems, line - 2))
            part.concat(piece_hashes, line - 2)
            line += after - 2
        part.search()
        return line, found, part

    def _exact(self, source: Iterable[str], ended: bool, line: int, found: list[Problem]) -> None:
        """The lines of `source`, from `line` on, through the reference reader; what it
        finds goes into `found`."""
        rows = self.rows
        feed = _Feed(
            rows.path, rows.rel, found, rows.columns, rows.header, rows.delimiter, rows.kind
        )
        feed.source = read_records(
            source, rows.layout, rows.rel, found, first=line, ends_with_newline=ended
        )
        feed.hashes = self.hashes
        deque(read_activities(feed, self.promise_set, self.today, with_text=False), maxlen=0)

    # ---- one block

    def _block(self, data: bytes, block: str, line: int, found: list[Problem]) -> int | None:
        """Check a block of whole lines starting at `line`; how many line ends it holds,
        or None (nothing done) when a line may not be one record."""
        if not block.endswith("\n"):  # the file's last line, torn: the rest of the file
            source = io.StringIO(block, newline="")
            self._exact(source, block.endswith("\r"), line, found)
            return block.count("\n")
        plain = lf_bytes(data)
        if plain is None:
            return None
        data = plain
        # Each line with its cells joined by NUL, as ScannedRows joins a row's cells.
        text = data.replace(self.delimiter_bytes, _SEP)
        unquoted = unquoted_block(text, self.delimiter_bytes)
        joined = (text if unquoted is None else unquoted).split(b"\n")
        joined.pop()  # b"": the block ends with a line end
        # (A cell is no longer than its line, quoted or not, nor a line than its bytes.)
        if len(data) > self.limit and max(map(len, joined), default=0) > self.limit:
            return None  # the csv module refuses such a cell; the reference reader says so
        if unquoted is None and not self._unquote(joined):
            return None
        translated = data.translate(self.table)
        suspect = _may_warn(translated)
        if not suspect and self._valid(joined):
            self.hashes.extend(list(map(hash, joined)), line)
            return len(joined)
        # Some line needs a closer look: those lines go through the reference reader one by
        # one, the rest as above, in line order (the duplicate search needs it).
        flags = self._invalid_lines(joined)
        if suspect:  # the same test, line by line (a line end translates to \x01)
            lines = map(methodcaller("translate", self.table), data.split(b"\n"))
            flags = list(map(operator.or_, flags, map(_may_warn, lines)))
        raw = data.split(b"\n")
        start = 0
        for index in compress(range(len(flags)), flags):
            self.hashes.extend(list(map(hash, joined[start:index])), line + start)
            source = io.StringIO(raw[index].decode() + "\n", newline="")
            self._exact(source, True, line + index, found)
            start = index + 1
        self.hashes.extend(list(map(hash, joined[start:])), line + start)
        return len(joined)

    def _unquote(self, joined: list[bytes]) -> bool:
        """Replace each line with quotes by its cells (as the csv module reads them) joined
        by NUL; False if a line may not be one record.

        The usual quoted line has one quoted cell, a whole cell: `a,"b, c",d` is `a`, `b, c`
        and `d`, the delimiters inside the quotes restored. Any other line is the csv
        module's to read.
        """
        delimiter = self.delimiter_bytes
        hard: list[int] = []
        for index in compress(range(len(joined)), map(contains, joined, repeat(_QUOTE))):
            parts = joined[index].split(_QUOTE)
            if len(parts) == 3:
                before, inside, after = parts
                if before[-1:] in (b"", _SEP) and after[:1] in (b"", _SEP):
                    joined[index] = before + inside.replace(_SEP, delimiter) + after
                    continue
            hard.append(index)
        if not hard:
            return True
        lines = [joined[i].replace(_SEP, delimiter).decode() for i in hard]
        parsed = rows_in_order(lines, self.delimiter)
        if parsed is None:
            return False
        join = SEPARATOR.join
        for index, row in zip(hard, parsed, strict=True):
            joined[index] = join(row).encode()
        return True

    def _invalid_lines(self, joined: list[bytes]) -> list[bool]:
        """For each line, whether its cell count, datum, typ, antal or deltagare is wrong (a
        line by line `_valid`, for the rare block where that is False)."""
        rows = list(map(self.cut, joined))
        width = self.width
        flags = [len(row) != width or _SEP in row[-1] for row in rows]
        for index, good, bad, parse in self.checks:
            _bounded_pair(good, bad)
            for at, row in enumerate(rows):
                if flags[at] or row[index] in good:
                    continue
                value = row[index]
                if value not in bad:
                    (bad if isinstance(parse(value.decode()), Problem) else good).add(value)
                flags[at] = value in bad
        return flags

    def _valid(self, joined: list[bytes]) -> bool:
        """Whether every row has as many cells as the header and valid datum, typ, antal
        and deltagare (each distinct value parsed once, by read_activities's own parsers).

        The lines are joined with a line-end cell between them and split into one list of
        cells: every line has the header's width exactly when each line-end cell is where
        that width puts it, and a column is then a slice of that list.
        """
        width, lines = self.width, len(joined)
        step = width + 1
        cells = _LINE_END_CELL.join(joined).split(_SEP)
        if len(cells) != lines * step - 1 or cells[width::step].count(b"\n") != lines - 1:
            return False  # a line with too few or too many cells
        for index, good, bad, parse in self.checks:
            column = cells[index::step]
            if good.issuperset(column):
                continue
            _bounded_pair(good, bad)
            for value in set(column).difference(good, bad):
                (bad if isinstance(parse(value.decode()), Problem) else good).add(value)
            if not good.issuperset(column):
                return False
        return True


# Values of a cell kind known valid and known invalid, per what decides it: the period and
# today for datum, the declared types for typ, the declared participants for deltagare. A
# national repo's 290 logs judge each distinct cell once, not once per log.
_KNOWN: dict[tuple[str, object], tuple[set[bytes], set[bytes]]] = {}


def _bounded_pair(good: set[bytes], bad: set[bytes]) -> None:
    """Forget a cell kind's known values once there are TABLE_LIMIT of them (see
    log_tally.bounded): the invalid ones of a hostile log could be any number."""
    if len(good) + len(bad) >= TABLE_LIMIT:
        good.clear()
        bad.clear()


def _known(name: str, judged_by: object) -> tuple[set[bytes], set[bytes]]:
    """The (valid, invalid) values of cell kind `name` known in this process."""
    return _KNOWN.setdefault((name, judged_by), (set(), set()))


@functools.cache
def _warning_table(delimiter: bytes) -> bytes:
    """Bytes that may start a formula cell become \x02, what may come before one \x01
    (line end, delimiter, opening quote), digits 0: a block holds a formula cell or a
    possible personnummer only if it has \x01\x02, starts with \x02 or has 000000 (see
    _may_warn), a superset of the rows ScannedRows looks at cell by cell."""
    table = bytearray(range(256))
    table[1] = table[2] = ord("a")
    for byte in b'\n"' + delimiter:
        table[byte] = 1
    for byte in b"-=+@":
        table[byte] = 2
    for byte in b"0123456789":
        table[byte] = ord("0")
    return bytes(table)


# re finds a two-byte text in a third of the time `in` takes (its literal search skips
# ahead on the first byte); for six bytes they are alike.
_FORMULA_AFTER_CELL_START = re.compile(b"\x01\x02").search


def _may_warn(translated: bytes) -> bool:
    """Whether translated text (see _Scanner.table) may hold a formula cell or a possible
    personnummer: a superset of the rows ScannedRows looks at cell by cell."""
    return (
        translated.startswith(b"\x02")
        or b"000000" in translated
        or _FORMULA_AFTER_CELL_START(translated) is not None
    )


def _shifted(problems: list[Problem], by: int) -> list[Problem]:
    """`problems` with their lines `by` more (a part numbered from line 2)."""
    return [dataclasses.replace(p, line=p.line + by) if p.line is not None else p for p in problems]


def _pickled(result: object) -> bytes:
    return pickle.dumps(result, pickle.HIGHEST_PROTOCOL)
