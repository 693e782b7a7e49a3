"""`lofte check`'s fast path: a log checked in batches of rows, C doing the per-row work.

The rows come from the one reader (`log_reader.LogRows.blocks`): batches of consecutive
rows cut from the file's bytes, and lone rows. This finds what the plain reference (every
row through `tests/reference_log.py`, `ScannedRows` and `read_activities`) finds, with the
same lines, messages and order: in a batch each distinct datum, typ, antal and deltagare
is judged once, row hashes go into `RowHashes` and duplicates are searched at the end. A
row that is not plainly valid (a problem, a possible personnummer or formula cell) and
every lone row are judged one by one (`_judge_row`). Large logs are checked by two
processes (halves.from_both_ends); the child sends its problems and row hashes back as
plain data (JSON and arrays of integers), never pickled objects.
"""

from __future__ import annotations

import functools
import json
import operator
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from itertools import compress
from operator import methodcaller
from typing import Any, BinaryIO

from medborgarlofte.check.duplicates import RowHashes
from medborgarlofte.check.scanned_rows import SEPARATOR, ScannedRows
from medborgarlofte.core.model import PromiseSet
from medborgarlofte.core.problems import Problem, Severity, problem
from medborgarlofte.load import halves
from medborgarlofte.load.log_dialect import (
    FORMULA_STARTS,
    cell_warnings,
    fold_column,
    parse_count,
    parse_date,
    parse_participants,
    parse_type,
)
from medborgarlofte.load.log_reader import (
    CELL_BREAK,
    CsvError,
    Item,
    NeedsWholeFile,
    Rows,
    is_blank,
)
from medborgarlofte.load.log_tally import TABLE_LIMIT

# A row is its cells joined by NUL, as ScannedRows joins them, and hashed as UTF-8 bytes.
_SEP = SEPARATOR.encode()
if _SEP != CELL_BREAK:  # pragma: no cover - the two modules name one byte
    raise ImportError("ScannedRows.SEPARATOR is not log_reader.CELL_BREAK")
_BYTES_PER_ROW = 64  # a log row written by `lofte log insats` is rarely shorter
_FORMULA_CELL = re.compile("\x00[-=+@]")
_SIX_DIGITS = re.compile("[0-9][0-9][0-9][0-9][0-9][0-9]")
# The cells read_activities judges, in its order (a problem of each, in this order).
_JUDGED = ("datum", "typ", "antal", "deltagare")


def check_log(rows: ScannedRows, promise_set: PromiseSet, today: date) -> None:
    """Check the log `rows` names against `promise_set`: every problem, line and order just
    as the reference finds them, added to `rows.problems`."""
    try:
        size = rows.path.stat().st_size
    except OSError:
        size = 0
    if size >= halves.TWO_PROCESS_BYTES and _check_in_two(rows, promise_set, today, size):
        return
    scanner = _Scanner(rows, promise_set, today, size, rows.problems)
    scanner.take(rows.blocks())
    scanner.duplicates()


def _check_in_two(rows: ScannedRows, promise_set: PromiseSet, today: date, size: int) -> bool:
    """Check a large log in two processes that read it from both ends, each one unbroken
    part (see halves.from_both_ends); False (nothing added) when it is not, or a piece
    needs a reading from the file's start."""
    try:
        with rows.path.open("rb") as binary:
            start = rows.header_end(binary)
            if start is None:
                return False

            def work(
                own: BinaryIO, pieces: Iterator[tuple[int, int, int]]
            ) -> tuple[int, list[Problem], RowHashes] | None:
                return _scan_pieces(rows, promise_set, today, size, own, pieces)

            shared = halves.from_both_ends(binary, start, work, _packed)
    except (OSError, UnicodeDecodeError, CsvError):
        return False
    if shared is None or shared[0] is None:
        return False
    theirs = _unpacked(shared[1])
    if theirs is None:
        return False
    (line, found, hashes), (_, their_found, their_hashes) = shared[0], theirs
    found.extend(_shifted(their_found, line - 2))  # the child numbered from line 2
    their_hashes.shift_lines(line - 2)
    hashes.append(their_hashes)
    rows.problems.extend(found)
    rows.problems.extend(
        problem("W003", rows.rel, line, first_line=first) for line, first in hashes.found()
    )
    return True


def _scan_pieces(
    rows: ScannedRows,
    promise_set: PromiseSet,
    today: date,
    size: int,
    own: BinaryIO,
    pieces: Iterator[tuple[int, int, int]],
) -> tuple[int, list[Problem], RowHashes] | None:
    """Check the pieces one by one, then join them in file order into one part, its lines
    numbered from 2, and search that part for duplicates; (the next line's number, the
    problems, the row hashes), or None when a piece needs a reading from the file's start."""
    done = []
    problems = rows.problems
    # One scanner for every piece: its tables of judged cells carry over.
    scanner = _Scanner(rows, promise_set, today, size, [])
    try:
        for index, begin, end in pieces:
            piece_found: list[Problem] = []
            rows.problems = piece_found  # the reader's problems, for this piece
            scanner.found = piece_found
            scanner.hashes = RowHashes()
            try:
                scanner.take(rows.piece(own, begin, end))
                after = rows.next_line
            except NeedsWholeFile:
                return None
            done.append((index, after, piece_found, scanner.hashes))
    finally:
        rows.problems = problems
    found: list[Problem] = []
    part = RowHashes(expected_rows=size // _BYTES_PER_ROW)
    line = 2
    for _, after, piece_problems, piece_hashes in sorted(done, key=operator.itemgetter(0)):
        found.extend(_shifted(piece_problems, line - 2))
        part.concat(piece_hashes, line - 2)
        line += after - 2
    part.search()
    return line, found, part


class _Scanner:
    def __init__(
        self,
        rows: ScannedRows,
        promise_set: PromiseSet,
        today: date,
        size: int,
        found: list[Problem],
    ) -> None:
        self.rows = rows
        self.promise_set = promise_set
        self.today = today
        self.found = found
        self.size = size
        self.hashes = RowHashes(expected_rows=size // _BYTES_PER_ROW)
        self.started = False

    def _start(self) -> None:
        """What needs the header: the columns judged, the free-text ones, the tables."""
        self.started = True
        rows, promise_set, today = self.rows, self.promise_set, self.today
        self.width = len(rows.header)
        rel = rows.rel
        columns = rows.columns
        parsers: dict[str, Callable[[str], object]] = {
            "datum": lambda raw: parse_date(raw, rel, promise_set, today),
            "typ": lambda raw: parse_type(raw, rel, promise_set),
            "antal": lambda raw: parse_count(raw, rel),
            "deltagare": lambda raw: parse_participants(raw, rel, promise_set),
        }
        # (column index, values known valid, values known invalid, parser) for each
        # validated column the log has; a column it lacks reads as "", always valid.
        self.checks: list[tuple[int, set[bytes], set[bytes], Callable[[str], object]]] = [
            (columns[name], set(), set(), parsers[name]) for name in _JUDGED if name in columns
        ]
        # The lone-row judge: read_activities's cells and order.
        self.judged = [(columns.get(name), parsers[name]) for name in _JUDGED]
        fixed = rows.kind.fixed_format
        self.free_text = [i for i, name in enumerate(rows.header) if fold_column(name) not in fixed]
        self.cut = methodcaller("split", _SEP, self.width - 1)
        self.table = _warning_table(rows.delimiter.encode())

    def take(self, items: Iterable[Item]) -> None:
        """Check the reader's rows, in file order."""
        for item in items:
            if not self.started:
                self._start()
            if isinstance(item, Rows):
                self._batch(item)
            else:
                self._judge_row(*item)

    def duplicates(self) -> None:
        """W003 for each row that repeats an earlier one (after every row is read)."""
        rel = self.rows.rel
        self.found.extend(
            problem("W003", rel, line, first_line=first) for line, first in self.hashes.found()
        )

    # ---- a batch

    def _batch(self, batch: Rows) -> None:
        joined = batch.joined()
        suspect = _may_warn(batch.text.translate(self.table))
        if not suspect and self._valid(batch.cells):
            self.hashes.extend(list(map(hash, joined)), batch.line)
            return
        # Some row needs a closer look: those rows are judged one by one, the rest as
        # above, in line order (the duplicate search needs it).
        flags = self._invalid_lines(joined)
        if suspect:  # the same test, row by row
            rows = map(methodcaller("translate", self.table), joined)
            flags = list(map(operator.or_, flags, map(_may_warn, rows)))
        start = 0
        line = batch.line
        for index in compress(range(len(flags)), flags):
            self.hashes.extend(list(map(hash, joined[start:index])), line + start)
            self._judge_row(line + index, batch.row(index))
            start = index + 1
        self.hashes.extend(list(map(hash, joined[start:])), line + start)

    def _judge_row(self, line: int, row: list[str]) -> None:
        """One row, as ScannedRows and read_activities judge it: its hash, W001/W002, then
        the problems of its datum, typ, antal and deltagare, in that order."""
        if is_blank(row):
            return  # blank rows carry nothing (the reader skips them too)
        joined = SEPARATOR.join(row)
        self.hashes.add(hash(joined.encode()), line)
        width = len(row)
        text = SEPARATOR.join([row[i] if i < width else "" for i in self.free_text])
        if (
            _FORMULA_CELL.search(joined)
            or joined.startswith(FORMULA_STARTS)
            or _SIX_DIGITS.search(text)
        ):
            rows = self.rows
            self.found.extend(cell_warnings(rows.rel, line, rows.header, row, rows.kind))
        for index, parse in self.judged:
            raw = row[index] if index is not None and index < width else ""
            if index is None and raw == "":
                continue  # a column the log lacks reads as "", always valid
            value = parse(raw)
            if isinstance(value, Problem):
                self.found.append(_at(value, line))

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

    def _valid(self, cells: list[bytes]) -> bool:
        """Whether every row of a batch (`Rows.cells`: a column is a slice) has valid
        datum, typ, antal and deltagare, each distinct value parsed once, by
        read_activities's own parsers."""
        step = self.width + 1
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


def _bounded_pair(good: set[bytes], bad: set[bytes]) -> None:
    """Forget a cell kind's known values once there are TABLE_LIMIT of them (see
    log_tally.bounded): the invalid ones of a hostile log could be any number."""
    if len(good) + len(bad) >= TABLE_LIMIT:
        good.clear()
        bad.clear()


@functools.cache
def _warning_table(delimiter: bytes) -> bytes:
    """Bytes that may start a formula cell become \x02, what may come before one \x01
    (line end, delimiter, NUL as a batch's cell break, opening quote), digits 0: a batch
    holds a formula cell or a possible personnummer only if it has \x01\x02, starts with
    \x02 or has 000000 (see _may_warn), a superset of the rows ScannedRows looks at cell by cell."""
    table = bytearray(range(256))
    table[1] = table[2] = ord("a")
    for byte in b'\n"\x00' + delimiter:
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
    return [_at(p, p.line + by) if p.line is not None else p for p in problems]


def _at(found: Problem, line: int) -> Problem:
    return Problem(found.path, line, found.column, found.code, found.severity, found.message)


def _packed(result: tuple[int, list[Problem], RowHashes] | None) -> bytes:
    """The child's part as plain data: a JSON line (the next line, the problems), then its
    row hashes (RowHashes.to_bytes)."""
    if result is None:
        return json.dumps(None).encode() + b"\n"
    line, found, hashes = result
    plain = [[p.path, p.line, p.column, p.code, p.severity.value, p.message] for p in found]
    return json.dumps([line, plain]).encode() + b"\n" + hashes.to_bytes()


def _unpacked(data: bytes) -> tuple[int, list[Problem], RowHashes] | None:
    head, _, rest = data.partition(b"\n")
    value: Any = json.loads(head)
    if value is None:
        return None
    line, plain = value
    found = [
        Problem(path, at, column, code, Severity(severity), text)
        for path, at, column, code, severity, text in plain
    ]
    return line, found, RowHashes.from_bytes(rest)
