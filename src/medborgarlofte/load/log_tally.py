"""Loading + evaluation, the fast path: a log (CSV) streamed straight into a Tally.

`read_activities` builds an Activity per row, which a national log of a million rows does
not need. Here the log is read in 16 KB blocks of whole lines and C does the per-row work:
a block's bytes (decoded only to prove them UTF-8) have their usual quoted cells read all at
once (log_dialect.unquoted_block) and are split into one list of cells, in which each column
is a slice; a block with other quotes is split line by line, the csv module reading the
lines with quotes. Only the cells targets need (datum, typ, antal, deltagare, taggar) are
looked at. Each
distinct date, count and (typ, deltagare, taggar) is parsed and validated once, by the
dialect's own cell rules (`log_dialect.parse_*`, as `read_activities` uses them), and rows
are summed per (set of promises matched, date). Dates and typ combinations are judged once
per process for all logs that judge them alike (the same period and today; promises with
the same targets), as a national repo's 290 logs do. Memory holds a block and those sums: it
does not grow with the log.

A row the fast path cannot vouch for (blank, short or long, a bad cell, a large `antal`)
takes the exact per-row path. A block whose lines are not one record each (a line break
inside quotes, an open quote, a lone CR, NUL bytes, an over-long cell) hands the rest of
the file to `LogRows.records` (log_dialect.read_records), the reference reader. Either way
the tally and the number of rejected rows are those of `read_activities`; the problems
themselves, with lines, are `check`'s.
"""

from __future__ import annotations

import csv
import io
import marshal
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from itertools import chain, compress, repeat
from operator import add, itemgetter, methodcaller, not_
from typing import Any, BinaryIO

from medborgarlofte.core.model import PromiseSet
from medborgarlofte.core.problems import Problem, problem
from medborgarlofte.core.tally import Tally
from medborgarlofte.core.texts import FILE_DETAILS
from medborgarlofte.load.halves import in_pieces
from medborgarlofte.load.log_dialect import (
    QUOTE_BYTE,
    encoding_problem,
    ends_with_newline,
    not_a_file,
    parse_count,
    parse_date,
    parse_participants,
    parse_tags,
    parse_type,
)
from medborgarlofte.load.log_file import LogRows
from medborgarlofte.load.log_reader import CELL_BREAK, lf_bytes, rows_in_order, unquoted_block

# Small enough that a block's bytes, text, lines and cells stay in the CPU's cache: a
# national repo's 160 KB logs counted as one block each took 2.29 ms a log, in 16 KB
# blocks 1.79 ms (8 KB 1.76, 24-32 KB 1.64-1.65, in another run). Read whole and cut in
# memory they took 1.81 ms against 1.68 read block by block (lofte check: 1.47 against
# 1.34): an allocation that large gets fresh pages from the system every time.
BLOCK_BYTES = 1 << 14
_HEADER_BYTES = 1 << 16
# The most values a table of judged cells (dates, typ combinations, antal) keeps before it
# starts again: a real log has a few thousand distinct ones, a hostile one any number.
TABLE_LIMIT = 1 << 16
# A row whose antal is above this is added by arithmetic, not by repeating its key.
_MAX_REPEAT = 64
_KEY_EXTRAS = ("deltagare", "taggar")  # the optional cells of a row's key, after typ
# Between two lines' cells in a block's one list of cells: a cell of its own, b"\n".
_LINE_END_CELL = CELL_BREAK + b"\n" + CELL_BREAK
_INVALID = -1  # the class of a (typ, deltagare, taggar), or the day, of a rejected row
_SHIFT = 32
_DAY_MASK = (1 << _SHIFT) - 1
_ONE = 1

# What depends only on the promises, the period and today, shared by every log read in
# this process: a national repo has 290 logs with the same period, date cells and typ
# combinations, and each distinct value is judged once, not once per log.
_DAY_TABLES: dict[tuple[date, date, date], dict[str, int]] = {}
_CLASS_TABLES: dict[tuple[Any, ...], _Classes] = {}
_DATES: dict[int, date] = {}


def count_log(rows: LogRows, promise_set: PromiseSet, today: date) -> Tally:
    """The tally of the log `rows` names, with `skipped_rows` = the rows `check` rejects.

    File-level problems (unreadable, not UTF-8, no header) go to `rows.problems`, as do
    the row problems the reference reader finds if the fast path hands over to it.
    """
    counts: _Counts | None = None
    try:
        refused = not_a_file(rows.path)
        if refused:
            rows.problems.append(problem("E002", rows.rel, detail=refused))
        else:
            with rows.path.open("rb") as binary:
                first = binary.readline(_HEADER_BYTES)
                header = first.decode("utf-8-sig")
                if rows.read_header(io.StringIO(header, newline="")):
                    counts = _Counts(rows, promise_set, today)
                    if "\r" in header.removesuffix("\r\n") or not first.endswith(b"\n"):
                        counts.exact_file()  # lines end in a lone CR (or the header is odd)
                    elif not counts.scan_in_two(binary, len(first)):
                        counts = _Counts(rows, promise_set, today)
                        counts.scan(binary, len(first))
    except PermissionError:
        counts = None
        detail = FILE_DETAILS["no_read_permission"]
        rows.problems.append(problem("E002", rows.rel, detail=detail))
    except UnicodeDecodeError as error:
        counts = None
        rows.problems.append(encoding_problem(rows.path, rows.rel, error))
    except csv.Error as error:
        counts = None
        detail = FILE_DETAILS["csv_file_error"].format(error=error)
        rows.problems.append(problem("E002", rows.rel, detail=detail))
    except OSError as error:
        counts = None
        rows.problems.append(problem("E002", rows.rel, detail=error.strerror or str(error)))
    if counts is None:  # no rows, or a log that cannot be read (the caller refuses it)
        return Tally.of(promise_set, ())
    return counts.tally()


class _Counts:
    """Sums of `antal` per (class, day); a class is the set of promises a row counts toward."""

    def __init__(self, rows: LogRows, promise_set: PromiseSet, today: date) -> None:
        self.rows = rows
        self.promise_set = promise_set
        self.today = today
        self.width = len(rows.header)
        self.limit = csv.field_size_limit()
        self.delimiter_bytes = rows.delimiter.encode()
        self.skipped = 0
        # Sums per key = class << _SHIFT | day index: an int hashes and compares at once.
        self.sums: Counter[int] = Counter()
        columns = rows.columns
        self.key_has = (columns.get("deltagare") is not None, columns.get("taggar") is not None)
        self.shared = _classes(promise_set, self.key_has)
        self.classes = self.shared.classes
        # raw date -> the day's ordinal, -1 if rejected
        period = promise_set.period
        self.day_index = _DAY_TABLES.setdefault((period.start, period.end, today), {})
        self.weights: dict[str, int] = {}
        self.date_of = itemgetter(columns["datum"])
        count_index = columns.get("antal")
        self.count_of = itemgetter(count_index) if count_index is not None else None
        key_columns = [columns["typ"]]
        key_columns += [
            columns[c] for c, has in zip(("deltagare", "taggar"), self.key_has, strict=True) if has
        ]
        if len(key_columns) == 1:
            self.key_of: Callable[[list[str]], Any] = itemgetter(key_columns[0], key_columns[0])
        else:
            self.key_of = itemgetter(*key_columns)

    # ---- reading

    def scan(self, binary: BinaryIO, start: int) -> None:
        """Count the rows from byte `start` on, handing over to the reference reader at the
        first block it cannot vouch for."""
        for offset, block in byte_blocks(binary, start, None):
            if not self._count_data(block):
                with self.rows.path.open("rb") as rest:
                    # The line numbers go on from the blocks counted (the header is line 1;
                    # counted only here: most logs never hand over).
                    line = 2 + _line_ends(rest, start, offset)
                    rest.seek(offset)
                    text = io.TextIOWrapper(rest, encoding="utf-8", newline="")
                    self._exact_from(text, ends_with_newline(self.rows.path), line)
                return

    def scan_in_two(self, binary: BinaryIO, start: int) -> bool:
        """Count a large log in two processes that share its pieces (see halves.in_pieces:
        rows are summed, so their order does not matter); False (and nothing counted) when
        it is not, or a piece needs the reference reader."""

        def work(own: BinaryIO, pieces: Iterator[tuple[int, int]]) -> bool:
            return all(
                self._count_data(block)
                for begin, end in pieces
                for _, block in byte_blocks(own, begin, end)
            )

        def pack(whole: bool) -> bytes:
            sums = dict(self.sums) if whole else {}
            return marshal.dumps((whole, self.skipped, self.shared.members, sums))

        shared = in_pieces(binary, start, work, pack)
        if shared is None or not shared[0]:
            return False
        their_whole, skipped, members, sums = marshal.loads(shared[1])
        if not their_whole:
            return False
        self.skipped += skipped
        class_id = self.shared.class_id
        for key, total in sums.items():
            kind = class_id(tuple(members[key >> _SHIFT])) << _SHIFT
            self.sums[kind + (key & _DAY_MASK)] += total
        return True

    def exact_file(self) -> None:
        """Every row through the reference reader (a log whose lines end in a lone CR)."""
        problems = self.rows.problems
        before = len(problems)
        for _, row in self.rows:
            self._count_exact(row)
        self.skipped += len(problems) - before

    def _count_data(self, data: bytes) -> bool:
        """Count a block of whole lines; False (nothing counted) if a line is not one record.

        The block is decoded, which proves it UTF-8 (or raises, as the reference reader
        does), but its rows are cut from its bytes, which costs half what cutting text does
        (cells split on ASCII bytes of valid UTF-8 are valid UTF-8; each distinct value is
        decoded when it is first judged). A block with quotes that are not whole cells is
        read as text, line by line (log_dialect.plain_rows)."""
        data.decode("utf-8")
        split = _body_and_torn(data, self.limit)
        if split is None:
            return False
        body, torn = split
        bare = unquoted_block(body.replace(self.delimiter_bytes, CELL_BREAK), self.delimiter_bytes)
        if bare is not None:
            lines = bare.count(b"\n")
            # Every line's cells then b"\n", in one list (the last cell, b"", dropped).
            cells = bare.replace(b"\n", _LINE_END_CELL).split(CELL_BREAK)
            cells.pop()
            if not self._count_flat(cells, lines):
                rows = bare.split(b"\n")
                rows.pop()  # b"": the body ends with a line end
                self._count_block(list(map(methodcaller("split", CELL_BREAK), rows)))
        else:
            text_lines = body.decode().split("\n")
            text_lines.pop()  # "": the body ends with a line end
            text_rows = rows_in_order(text_lines, self.rows.delimiter)
            if text_rows is None:
                return False
            self._count_block(text_rows)
        if torn:
            self._count_torn(torn.decode())
        return True

    def _exact_from(self, source: Iterable[str], ends_with_newline: bool, line: int) -> None:
        problems = self.rows.problems
        before = len(problems)
        for _, row in self.rows.records(source, ends_with_newline, line):
            self._count_exact(row)
        self.skipped += len(problems) - before

    # ---- counting

    def _count_block(self, rows: list[list[Any]]) -> None:
        width = self.width
        if set(map(len, rows)) - {width}:
            odd = list(map(width.__ne__, map(len, rows)))
            for row in compress(rows, odd):
                self._count_exact(_text_row(row))
            rows = list(compress(rows, map(not_, odd)))
        counts = list(map(self.count_of, rows)) if self.count_of is not None else None
        self._count_cells(
            list(map(self.key_of, rows)), list(map(self.date_of, rows)), counts, rows.__getitem__
        )

    def _count_flat(self, cells: list[bytes], lines: int) -> bool:
        """Count the rows of a block given as one list of cells, each line's `width` cells
        and a b"\n" cell after them; False (nothing counted) when a line's cells are not
        `width` (the cells then do not fall in columns). A column is a slice of the list:
        no list of cells a row."""
        stride = self.width + 1
        if len(cells) != lines * stride or cells[self.width :: stride].count(b"\n") != lines:
            return False
        columns = self.rows.columns

        def column(name: str) -> list[bytes]:
            return cells[columns[name] :: stride]

        types = column("typ")
        key_columns = [column(c) for c, has in zip(_KEY_EXTRAS, self.key_has, strict=True) if has]
        both = (types, *key_columns) if key_columns else (types, types)
        keys = list(zip(*both, strict=True))
        counts = column("antal") if self.count_of is not None else None

        def row_at(index: int) -> list[bytes]:
            return cells[index * stride : index * stride + self.width]

        self._count_cells(keys, column("datum"), counts, row_at)
        return True

    def _count_cells(
        self,
        keys: list[Any],
        dates: list[Any],
        counts: list[Any] | None,
        row_at: Callable[[int], list[Any]],
    ) -> None:
        """Count rows given by their (typ, deltagare, taggar) keys, dates and antal (None:
        the log has no antal column); `row_at(i)` is row i's cells, for the exact path.
        One dict probe per row and cell kind; each new value is parsed once, then known."""
        class_of: list[Any] = list(map(self.classes.get, keys))
        if None in class_of:
            bounded(self.classes)
            for key in set(keys).difference(self.classes):
                self.classes[key] = self._classify(key)
            class_of = list(map(self.classes.__getitem__, keys))
        day_of: list[Any] = list(map(self.day_index.get, dates))
        if None in day_of:
            bounded(self.day_index)
            for raw in set(dates).difference(self.day_index):
                self.day_index[raw] = self._day(raw)
            day_of = list(map(self.day_index.__getitem__, dates))
        weights: list[Any] | None = None
        if counts is not None:
            weights = list(map(self.weights.get, counts))
            if None in weights:
                bounded(self.weights)
                for raw in set(counts).difference(self.weights):
                    self.weights[raw] = self._weight(raw)
                weights = list(map(self.weights.__getitem__, counts))
        if _INVALID in class_of or -1 in day_of or (weights is not None and 0 in weights):
            flags = list(
                map(
                    any,
                    zip(  # noqa: B905 (the same length)
                        map(_INVALID.__eq__, class_of),
                        map(_INVALID.__eq__, day_of),
                        map((0).__eq__, weights) if weights is not None else repeat(False),
                    ),
                )
            )
            for index in compress(range(len(flags)), flags):
                self._count_exact(_text_row(row_at(index)))
            keep = list(map(not_, flags))
            class_of = list(compress(class_of, keep))
            day_of = list(compress(day_of, keep))
            if weights is not None:
                weights = list(compress(weights, keep))
        summed = list(map(add, class_of, day_of))
        self.sums.update(summed)
        if weights is not None:  # most rows have antal 1; the rest add their antal - 1
            heavy = list(map(_ONE.__lt__, weights))
            if True in heavy:
                extra = map(_ONE.__rsub__, compress(weights, heavy))
                self.sums.update(chain.from_iterable(map(repeat, compress(summed, heavy), extra)))

    def _count_torn(self, text: str) -> None:
        """The last line of a file without a final newline: LogRows's E026 if it is short."""
        row = next(csv.reader([text], delimiter=self.rows.delimiter), [])
        if not any(cell.strip() for cell in row):
            return
        if len(row) < self.width:
            self.skipped += 1
            return
        self._count_exact(row)

    def _count_exact(self, row: list[str]) -> None:
        """One row, judged as LogRows and read_activities judge it."""
        if not any(cell.strip() for cell in row):
            return  # blank rows carry nothing
        width = self.width
        if len(row) > width or "\x00" in "".join(row):
            self.skipped += 1
            return
        if len(row) < width:
            row = row + [""] * (width - len(row))
        key = self.key_of(row)
        if key not in self.classes:
            bounded(self.classes)
            self.classes[key] = self._classify(key)
        raw_date = self.date_of(row)
        if raw_date not in self.day_index:
            bounded(self.day_index)
            self.day_index[raw_date] = self._day(raw_date)
        count = parse_count(self.count_of(row), "") if self.count_of is not None else 1
        kind, day = self.classes[key], self.day_index[raw_date]
        if kind == _INVALID or day == _INVALID or isinstance(count, Problem):
            self.skipped += 1
            return
        self.sums[kind + day] += count

    # ---- each distinct value, once

    def _classify(self, key: Any) -> int:
        values = iter(_text_row(key))
        raw_type = next(values)
        raw_participants = next(values) if self.key_has[0] else ""
        raw_tags = next(values) if self.key_has[1] else ""
        rel, promise_set = self.rows.rel, self.promise_set
        activity_type = parse_type(raw_type, rel, promise_set)
        participants = parse_participants(raw_participants, rel, promise_set)
        if isinstance(activity_type, Problem) or isinstance(participants, Problem):
            return _INVALID
        tags = parse_tags(raw_tags)
        members = tuple(
            index
            for index, promise in enumerate(promise_set.promises)
            if promise.counts(activity_type, participants, tags)
        )
        return self.shared.class_id(members) << _SHIFT

    def _day(self, raw: str | bytes) -> int:
        text = raw.decode() if isinstance(raw, bytes) else raw
        day = parse_date(text, self.rows.rel, self.promise_set, self.today)
        if isinstance(day, Problem):
            return _INVALID
        ordinal = day.toordinal()
        _DATES[ordinal] = day
        return ordinal

    def _weight(self, raw: str | bytes) -> int:
        count = parse_count(raw.decode() if isinstance(raw, bytes) else raw, self.rows.rel)
        if isinstance(count, Problem) or count > _MAX_REPEAT:
            return 0  # 0: the exact path decides
        return count

    def tally(self) -> Tally:
        by_promise: list[dict[date, int]] = [{} for _ in self.promise_set.promises]
        members = self.shared.members
        for key, total in self.sums.items():
            ordinal = key & _DAY_MASK
            day = _DATES.get(ordinal)
            if day is None:  # counted by the other process
                day = _DATES[ordinal] = date.fromordinal(ordinal)
            for index in members[key >> _SHIFT]:
                sink = by_promise[index]
                sink[day] = sink.get(day, 0) + total
        return Tally(self.promise_set, by_promise, self.skipped)


class _Classes:
    """The classes of (typ, deltagare, taggar) keys for one set of promise targets: a class
    is the set of promises (by index) a row counts toward, or -1 for a rejected key."""

    def __init__(self) -> None:
        self.classes: dict[Any, int] = {}  # key -> class id << _SHIFT, or _INVALID
        self.members: list[tuple[int, ...]] = [()]  # class 0 counts toward no promise
        self.ids: dict[tuple[int, ...], int] = {(): 0}

    def class_id(self, members: tuple[int, ...]) -> int:
        known = self.ids.get(members)
        if known is None:
            known = self.ids[members] = len(self.members)
            self.members.append(members)
        return known


def _classes(promise_set: PromiseSet, key_has: tuple[bool, bool]) -> _Classes:
    """The shared classes for logs whose keys read alike (the same optional columns) and
    whose promise sets classify alike: the same declared types and participants (which
    typ and deltagare are valid) and promises with the same targets' types, participants
    and tags, in the same order (what `Promise.counts` reads)."""
    key = (
        key_has,
        tuple(promise_set.activity_types),
        tuple(promise_set.participants),
        tuple((p.target.types, p.target.participants, p.target.tags) for p in promise_set.promises),
    )
    shared = _CLASS_TABLES.get(key)
    if shared is None:
        shared = _CLASS_TABLES[key] = _Classes()
    return shared


def byte_blocks(
    binary: BinaryIO, start: int, end: int | None, block: int | None = None
) -> Iterator[tuple[int, bytes]]:
    """(byte offset, bytes) of blocks of whole lines from byte `start` up to `end` (or the
    end of the file), of about `block` bytes (BLOCK_BYTES unless given); only the file's
    last block may lack a final line end. Shared by `lofte status` (here) and `lofte check`."""
    block = block or BLOCK_BYTES
    binary.seek(start)
    offset = start
    carry = b""
    while True:
        # Within a line longer than a block, read as much again as is carried: copying the
        # carry once per block made a 50 MB line quadratic (minutes); doubling keeps it linear.
        want = max(block, len(carry))
        size = want if end is None else min(want, end - offset - len(carry))
        chunk = binary.read(size) if size > 0 else b""
        if not chunk:
            if carry:
                yield offset, carry
            return
        data = carry + chunk
        cut = data.rfind(b"\n") + 1
        if cut == 0:
            carry = data
            continue
        carry = data[cut:]
        yield offset, data[:cut]
        offset += cut


def _line_ends(binary: BinaryIO, start: int, end: int) -> int:
    """The number of line ends (LF) between bytes `start` and `end` of `binary`."""
    return sum(data.count(b"\n") for _, data in byte_blocks(binary, start, end, 1 << 20))


def bounded(known: dict[Any, Any] | set[Any]) -> None:
    """Forget what a table of judged values holds once it holds TABLE_LIMIT of them (it
    only spares parsing a value again): a log of a million distinct bad dates or types
    would otherwise keep them all, and memory would grow with the log."""
    if len(known) >= TABLE_LIMIT:
        known.clear()


def _text_row(cells: list[Any] | tuple[Any, ...]) -> list[str]:
    """A row cut from a block's bytes (valid UTF-8), as text; a text row as it is."""
    return [cell.decode() if isinstance(cell, bytes) else cell for cell in cells]


def _body_and_torn(data: bytes, limit: int) -> tuple[bytes, bytes] | None:
    """A block's whole lines with LF line ends (log_dialect.lf_bytes), and a last line
    without a line end (b"" but for the file's last block); None when a line may not be
    one record (a NUL, a lone CR, a quote in the torn line) or a cell may be longer than
    the csv module takes (the reference reader says so)."""
    plain = lf_bytes(data)
    if plain is None:
        return None
    cut = plain.rfind(b"\n") + 1
    body, torn = plain[:cut], plain[cut:]
    if QUOTE_BYTE in torn or len(torn) > limit:
        return None
    # (A cell is no longer than its line, nor a line than its bytes.)
    if len(body) > limit and max(map(len, body.split(b"\n")), default=0) > limit:
        return None
    return body, torn
