"""Loading + evaluation, the fast path: a log's rows summed straight into a Tally.

`read_activities` builds an Activity per row, which a national log of a million rows does
not need. Here the rows come from the one reader (`log_reader.LogRows.blocks`) in batches
of consecutive rows cut from the file's bytes, each column a slice of one list, and C does
the per-row work: only the cells targets need (datum, typ, antal, deltagare, taggar) are
looked at. Each distinct date, count and (typ, deltagare, taggar) is parsed and validated
once, by the dialect's own cell rules (`log_dialect.parse_*`, as `read_activities` uses
them), and rows are summed per (set of promises matched, date). (Tables of judged cells
shared by all the logs of a process, as a national repo's 290 logs could share them, saved
nothing measurable: they are gone.) Memory holds a block and those sums: it does not grow
with the log.

A row the batch cannot vouch for (blank, a bad cell, a large `antal`) and every row the
reader gives on its own are judged one by one. Either way the tally and the number of
rejected rows are those of `read_activities`; the problems themselves, with lines, are
`check`'s.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from itertools import chain, compress, repeat
from operator import add, itemgetter, not_
from typing import Any, BinaryIO

from medborgarlofte.core.model import PromiseSet
from medborgarlofte.core.problems import Problem
from medborgarlofte.core.tally import Tally
from medborgarlofte.load import halves
from medborgarlofte.load.log_dialect import (
    parse_count,
    parse_date,
    parse_participants,
    parse_tags,
    parse_type,
)
from medborgarlofte.load.log_reader import CsvError, Item, LogRows, NeedsWholeFile, Rows

# The most values a table of judged cells (dates, typ combinations, antal) keeps before it
# starts again: a real log has a few thousand distinct ones, a hostile one any number.
TABLE_LIMIT = 1 << 16
# A row whose antal is above this is added by arithmetic, not by repeating its key.
_MAX_REPEAT = 64
_KEY_EXTRAS = ("deltagare", "taggar")  # the optional cells of a row's key, after typ
_INVALID = -1  # the class of a (typ, deltagare, taggar), or the day, of a rejected row
_SHIFT = 32
_DAY_MASK = (1 << _SHIFT) - 1
_ONE = 1



def count_log(rows: LogRows, promise_set: PromiseSet, today: date) -> Tally:
    """The tally of the log `rows` names, with `skipped_rows` = the rows `check` rejects.

    File-level problems (unreadable, not UTF-8, no header) go to `rows.problems`, as do
    the problems of rows the reader rejects (a row too long, a torn last line)."""
    before = len(rows.problems)
    counts = _count_in_two(rows, promise_set, today)
    if counts is None:
        counts = _Counts(rows, promise_set, today)
        counts.count(rows.blocks())
    if rows.failed or not rows.header:
        return Tally.of(promise_set, ())  # no header, or a log that cannot be read (refused)
    if not counts.started:
        counts._start()
    # Each row the reader rejected has its problem (a header's problems are no row's).
    counts.skipped += sum(p.line not in (None, 1) for p in rows.problems[before:])
    return counts.tally()


def _count_in_two(rows: LogRows, promise_set: PromiseSet, today: date) -> _Counts | None:
    """A large log counted by two processes that share its pieces (see halves.in_pieces:
    rows are summed, so their order does not matter); None (nothing counted) when it is
    not, or a piece needs a reading from the file's start. The child sends its sums back
    as JSON: plain numbers, never objects."""
    try:
        if rows.path.stat().st_size < halves.TWO_PROCESS_BYTES:
            return None
        with rows.path.open("rb") as binary:
            start = rows.header_end(binary)
            if start is None:
                return None
            counts = _Counts(rows, promise_set, today)
            before = len(rows.problems)

            def work(own: BinaryIO, pieces: Iterator[tuple[int, int]]) -> bool:
                try:
                    for begin, end in pieces:
                        counts.count(rows.piece(own, begin, end))
                except NeedsWholeFile:
                    return False
                finally:  # the rejected rows' problems: counted here, reported by check
                    counts.skipped += sum(p.line not in (None, 1) for p in rows.problems[before:])
                    del rows.problems[before:]
                return True

            def pack(whole: bool) -> bytes:
                sums = list(counts.sums.items()) if whole else []
                return json.dumps([whole, counts.skipped, counts.shared.members, sums]).encode()

            shared = halves.in_pieces(binary, start, work, pack)
    except (OSError, UnicodeDecodeError, CsvError):
        return None
    if shared is None or not shared[0]:
        return None
    their_whole, skipped, members, sums = json.loads(shared[1])
    if not their_whole:
        return None
    counts.skipped += skipped
    class_id = counts.shared.class_id
    for key, total in sums:
        kind = class_id(tuple(members[key >> _SHIFT])) << _SHIFT
        counts.sums[kind + (key & _DAY_MASK)] += total
    return counts


class _Counts:
    """Sums of `antal` per (class, day); a class is the set of promises a row counts toward."""

    def __init__(self, rows: LogRows, promise_set: PromiseSet, today: date) -> None:
        self.rows = rows
        self.promise_set = promise_set
        self.today = today
        self.skipped = 0
        self.started = False
        # Sums per key = class << _SHIFT | day index: an int hashes and compares at once.
        self.sums: Counter[int] = Counter()
        self.weights: dict[str, int] = {}
        # raw date -> the day's ordinal, -1 if rejected
        self.day_index: dict[Any, int] = {}

    def _start(self) -> None:
        """What needs the header: the columns a row's key and count are read from."""
        self.started = True
        rows = self.rows
        self.width = len(rows.header)
        columns = rows.columns
        self.key_has = (columns.get("deltagare") is not None, columns.get("taggar") is not None)
        self.shared = _Classes()
        self.promises = self.promise_set.promises
        self.classes = self.shared.classes
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

    def count(self, items: Iterable[Item]) -> None:
        """Count the reader's rows: a batch at once, a lone row by itself."""
        for item in items:
            if not self.started:
                self._start()
            if isinstance(item, Rows):
                self._count_rows(item)
            else:
                self._count_exact(item[1])

    def _count_rows(self, rows: Rows) -> None:
        """Count a batch of rows given as one list of cells, each row's `width` cells and a
        b"\n" cell after them: a column is a slice of the list, no list of cells a row."""
        cells = rows.cells
        stride = self.width + 1
        columns = self.rows.columns

        def column(name: str) -> list[bytes]:
            return cells[columns[name] :: stride]

        types = column("typ")
        key_columns = [column(c) for c, has in zip(_KEY_EXTRAS, self.key_has, strict=True) if has]
        both = (types, *key_columns) if key_columns else (types, types)
        keys = list(zip(*both, strict=True))
        counts = column("antal") if self.count_of is not None else None
        self._count_cells(keys, column("datum"), counts, rows.row)

    # ---- counting

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
            for index, promise in enumerate(self.promises)
            if promise.counts(activity_type, participants, tags)
        )
        return self.shared.class_id(members) << _SHIFT

    def _day(self, raw: str | bytes) -> int:
        text = raw.decode() if isinstance(raw, bytes) else raw
        day = parse_date(text, self.rows.rel, self.promise_set, self.today)
        if isinstance(day, Problem):
            return _INVALID
        return day.toordinal()

    def _weight(self, raw: str | bytes) -> int:
        count = parse_count(raw.decode() if isinstance(raw, bytes) else raw, self.rows.rel)
        if isinstance(count, Problem) or count > _MAX_REPEAT:
            return 0  # 0: the exact path decides
        return count

    def tally(self) -> Tally:
        by_promise: list[dict[date, int]] = [{} for _ in self.promise_set.promises]
        members = self.shared.members
        for key, total in self.sums.items():
            day = date.fromordinal(key & _DAY_MASK)
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


def bounded(known: dict[Any, Any] | set[Any]) -> None:
    """Forget what a table of judged values holds once it holds TABLE_LIMIT of them (it
    only spares parsing a value again): a log of a million distinct bad dates or types
    would otherwise keep them all, and memory would grow with the log."""
    if len(known) >= TABLE_LIMIT:
        known.clear()


def _text_row(cells: list[Any] | tuple[Any, ...]) -> list[str]:
    """A row cut from a block's bytes (valid UTF-8), as text; a text row as it is."""
    return [cell.decode() if isinstance(cell, bytes) else cell for cell in cells]
