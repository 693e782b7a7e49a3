"""Loading: a log's bytes to rows, the one reader every command goes through.

Every command that reads the rows of a log or a file beside it goes through this module:
`lofte status` (log_tally), `lofte check` (check_blocks), `log lista` and the row
references of corrections, the comments and measurements files, `--sedan` (the history
check, `raw_records`), and what comes next (import, repair). The rules of the dialect
(delimiter, BOM, line ends, the header, quoting, torn and open rows, the cell rules) are
`log_dialect`'s; docs/format.md §3 states them.

The entry point:

    rows = read_log(path, rel)                 # or read_log(path, rel, kind=COMMENT_KIND)
    for line, cells in rows:                   # cells by column: rows.columns["datum"]
        ...
    rows.layout, rows.problems                 # the header as read; what was wrong, in order

`rows.problems` fills as the rows stream by, in file order: a row that is not one (too many
cells, a torn last line, a quote left open, a NUL byte) is not yielded, its problem is.
Blank rows carry nothing and are skipped. Memory does not grow with the file.

A command that does its own per-row work in C (status sums, check looks up cells) takes
the rows in batches: `rows.blocks()` yields, in file order, either `Rows` (consecutive
lines that each hold exactly the header's number of cells, cut from the file's bytes
without a Python step per row) or one `(line, cells)` row. The two interleave as the file
says; a consumer handles a `Rows` batch as a whole and a lone row one by one.

How it is fast (and nothing outside this module needs to know): the file is read in blocks
of whole lines (BLOCK_BYTES); a block is decoded only to prove it UTF-8, its delimiters
become NUL, its usual quoted cells (a whole cell, on one line) are read for the whole
block at once (`unquoted_block`), and it is split once into a list of cells in which each
column is a slice. A block with other quotes is read line by line with the csv module
(`plain_rows`). From a block where a line may not be one record (a quoted line break, a
lone CR, a NUL, a cell past the csv module's limit) the rest of the file goes through the
exact record reader (`read_records`). The plain reference reader in the tests
(tests/reference_log.py) reads every file with the csv module line by line, and the
property tests prove both give the same rows and problems.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import field
from functools import cache
from itertools import chain, compress, repeat
from operator import contains, itemgetter, methodcaller
from pathlib import Path
from typing import BinaryIO, Final, TextIO, TypeAlias

from medborgarlofte.core.frozen import frozen, mutable
from medborgarlofte.core.model import TORN_ROW_MARK
from medborgarlofte.core.problems import Problem, problem
from medborgarlofte.core.texts import FILE_DETAILS
from medborgarlofte.load.log_dialect import (
    LOG_KIND,
    QUOTE,
    QUOTE_BYTE,
    CsvKind,
    Layout,
    detect_delimiter,
    encoding_problem,
    ends_with_newline,
    first_line,
    new_row_pattern,
    not_a_file,
    read_layout,
)

# What a consumer catches when a file cannot be read as CSV at all (it needs no csv import).
CsvError = csv.Error

# Small enough that a block's bytes, lines and cells stay in the CPU's cache: a national
# repo's 160 KB logs read as one block each took 2.29 ms a log, in 16 KB blocks 1.79 ms.
BLOCK_BYTES = 1 << 14
# The header line is read on its own, at most this long (a longer one: the exact reader).
HEADER_BYTES = 1 << 16

# A block's delimiters written as NUL, a byte no block the block path reads holds
# (`lf_bytes` leaves those to the exact reader): the delimiters inside a quoted cell stay
# as they are, so a line splits on NUL into the cells the csv module reads.
CELL_BREAK: Final = b"\x00"
_CELL_ENDS = CELL_BREAK + b"\n"  # what comes before an opening quote, after a closing one
# Between two lines' cells in `Rows.cells`: a cell of its own, b"\n".
LINE_END_CELL: Final = CELL_BREAK + b"\n" + CELL_BREAK


def read_log(path: Path, rel: str, kind: CsvKind = LOG_KIND) -> LogRows:
    """The rows of the CSV file `path` (`rel` as messages name it) of `kind` (the activity
    log by default): iterate for (line, cells); see the module docstring."""
    return LogRows(path, rel, kind=kind)


@frozen
class Rows:
    """Consecutive rows of a file, from line `line` on, `count` of them, each with exactly
    `width` cells, cut from its bytes: `text` is every row's cells joined by CELL_BREAK
    and ended by b"\\n" (quoted cells read, as the csv module reads them), and `cells` the
    one list of every row's cells, each row's followed by a b"\\n" cell, so that column
    `i` is `cells[i :: width + 1]`. A row may be blank (every cell blank): blank rows carry
    nothing, and a consumer that finds a row's cells wrong asks `is_blank` first."""

    line: int
    count: int
    width: int
    text: bytes
    cells: list[bytes]

    def joined(self) -> list[bytes]:
        """Each row's cells joined by CELL_BREAK (its identity for the duplicate check)."""
        lines = self.text.split(b"\n")
        lines.pop()  # b"": the text ends with a line end
        return lines

    def row(self, index: int) -> list[str]:
        """Row `index`'s cells, as text."""
        stride = self.width + 1
        return [cell.decode() for cell in self.cells[index * stride : index * stride + self.width]]


# What `LogRows.blocks` yields: a batch of rows, or one row (line, cells).
Item: TypeAlias = Rows | tuple[int, list[str]]


def is_blank(cells: Iterable[str]) -> bool:
    """Whether a row carries nothing: every cell empty or blank."""
    joined = "".join(cells)
    return not joined or joined.isspace()


class NeedsWholeFile(Exception):
    """A piece of a file read on its own holds a line that may not be one record: only a
    reading from the file's start can say what it is."""


@mutable
class LogRows:
    """The rows of one CSV file of `kind` (the log by default): its header and (line, cells)
    pairs. Iterating reads the file once; the problems found on the way are this reader's
    own result, in `problems`. `failed` is set when the file could not be read to its end
    (not UTF-8, unreadable): its problem is in `problems`, and the rows stop there."""

    path: Path
    rel: str
    problems: list[Problem] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)
    header: list[str] = field(default_factory=list)
    delimiter: str = ","
    kind: CsvKind = LOG_KIND
    newline: str = "\n"
    required: tuple[str, ...] | None = None  # another kind's required columns, briefly put
    failed: bool = False
    next_line: int = 2  # after a piece is read: the line after its last (see `piece`)

    def __post_init__(self) -> None:
        if self.required is not None:
            self.kind = dataclasses.replace(self.kind, required=self.required)
        self.required = self.kind.required

    # ---- the header

    def read_header(self, handle: TextIO) -> bool:
        """Read the header line; whether rows follow that are worth reading."""
        layout, found = read_layout(handle.readline(), self.kind, self.rel)
        self.problems.extend(found)
        if layout is None:
            return False
        self.use(layout)
        return True

    def use(self, layout: Layout) -> None:
        self.header, self.columns = layout.names, layout.columns
        self.delimiter, self.newline = layout.delimiter, layout.newline

    @property
    def layout(self) -> Layout:
        return Layout(self.header, self.columns, self.delimiter, self.newline)

    @property
    def width(self) -> int:
        return len(self.header)

    # ---- rows

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        for item in self.blocks():
            if isinstance(item, Rows):
                line = item.line
                for index, joined in enumerate(item.joined()):
                    cells = joined.decode().split("\x00")
                    if not is_blank(cells):
                        yield line + index, cells
            else:
                yield item

    def blocks(self) -> Iterator[Item]:
        """The file's rows in file order, as `Rows` batches and lone (line, cells) rows;
        a file-level problem (unreadable, not UTF-8, no header) goes to `problems`."""
        try:
            refused = not_a_file(self.path)
            if refused:
                self.problems.append(problem("E002", self.rel, detail=refused))
                return
            with self.path.open("rb") as binary:
                first = binary.readline(HEADER_BYTES)
                header = first.decode("utf-8-sig")
                if "\r" in header.removesuffix("\r\n") or not first.endswith(b"\n"):
                    # Lines end in a lone CR, or the header is odd (no line end, too long).
                    yield from self._exact_file()
                    return
                if not self.read_header(io.StringIO(header, newline="")):
                    return
                yield from self._blocks(binary, len(first), None, 2, whole=True)
        except PermissionError:
            self._fail(problem("E002", self.rel, detail=FILE_DETAILS["no_read_permission"]))
        except UnicodeDecodeError as error:
            self._fail(encoding_problem(self.path, self.rel, error))
        except csv.Error as error:
            detail = FILE_DETAILS["csv_file_error"].format(error=error)
            self._fail(problem("E002", self.rel, detail=detail))
        except OSError as error:
            self._fail(problem("E002", self.rel, detail=error.strerror or str(error)))

    def header_end(self, binary: BinaryIO) -> int | None:
        """Read the header of the file open as `binary` and use its layout; the byte where
        the rows start, or None (nothing used) when the file is not one to read in pieces
        (a header with a problem, lines that end in a lone CR, an odd header line)."""
        first = binary.readline(HEADER_BYTES)
        header = first.decode("utf-8-sig")
        if "\r" in header.removesuffix("\r\n") or not first.endswith(b"\n"):
            return None
        layout, found = read_layout(header, self.kind, self.rel)
        if layout is None or found:
            return None
        self.use(layout)
        return len(first)

    def piece(self, binary: BinaryIO, start: int, end: int) -> Iterator[Item]:
        """The rows of bytes `start` (a line start) to `end` of the file, its header read,
        numbered from line 2 (a caller that reads a file in pieces numbers them itself);
        raises NeedsWholeFile where a line may not be one record. Once read to its end,
        `next_line` is the number the line after the piece would have."""
        return self._blocks(binary, start, end, 2, whole=False)

    def _fail(self, found: Problem) -> None:
        self.failed = True
        self.problems.append(found)

    def _exact_file(self) -> Iterator[tuple[int, list[str]]]:
        ended = ends_with_newline(self.path)
        with self.path.open(encoding="utf-8-sig", newline="") as handle:
            if self.read_header(handle):
                yield from self.records(handle, ended)

    def records(
        self, source: Iterable[str], ends_with_newline: bool, first_line: int = 2
    ) -> Iterator[tuple[int, list[str]]]:
        """The rows of `source` (the file's lines from `first_line` on, the header read),
        by the exact record reader."""
        return read_records(
            source,
            self.layout,
            self.rel,
            self.problems,
            first=first_line,
            ends_with_newline=ends_with_newline,
        )

    def _blocks(
        self, binary: BinaryIO, start: int, end: int | None, line: int, *, whole: bool
    ) -> Iterator[Item]:
        limit = csv.field_size_limit()
        for offset, data in byte_blocks(binary, start, end):
            data.decode("utf-8")  # proves the block UTF-8 (or raises, as the text reader)
            bare = _bare_block(data, self.delimiter, limit)
            if bare is None:
                if not whole:
                    raise NeedsWholeFile
                yield from self._exact_from(offset, line)
                return
            text, lines, torn = bare
            yield from self._plain(text, lines, line)
            line += lines
            if torn:
                if not whole:
                    raise NeedsWholeFile  # a piece ends at a line end; only the file may not
                yield from self.records([torn.decode()], False, line)
        self.next_line = line

    def _exact_from(self, offset: int, line: int) -> Iterator[tuple[int, list[str]]]:
        """The rest of the file from byte `offset` (line `line`), by the exact reader."""
        with self.path.open("rb") as rest:
            rest.seek(offset)
            text = io.TextIOWrapper(rest, encoding="utf-8", newline="")
            yield from self.records(text, ends_with_newline(self.path), line)

    def _plain(self, text: bytes, lines: int, line: int) -> Iterator[Item]:
        """A block's bare text (see `_bare_block`): one `Rows` when every line has the
        header's width, else its runs of such lines and the other lines one by one."""
        width = self.width
        stride = width + 1
        cells = text.replace(b"\n", LINE_END_CELL).split(CELL_BREAK)
        cells.pop()  # b"": after the last line end
        if len(cells) == lines * stride and cells[width::stride].count(b"\n") == lines:
            yield Rows(line, lines, width, text, cells)
            return
        joined = text.split(b"\n")
        joined.pop()
        run = 0
        for index, one in enumerate(joined):
            got = one.count(CELL_BREAK) + 1
            if got == width:
                continue
            if run < index:
                yield _rows(joined[run:index], line + run, width)
            run = index + 1
            row = one.decode().split("\x00")
            if is_blank(row):
                continue
            if got > width:
                if row[-1] == TORN_ROW_MARK:  # closed by `log insats`, see append.py
                    found = problem("E034", self.rel, line + index, mark=TORN_ROW_MARK)
                else:
                    found = problem("E029", self.rel, line + index, got=got, expected=width)
                self.problems.append(found)
                continue
            yield line + index, row
        if run < len(joined):
            yield _rows(joined[run:], line + run, width)


def _rows(joined: list[bytes], line: int, width: int) -> Rows:
    text = b"\n".join(joined) + b"\n"
    cells = text.replace(b"\n", LINE_END_CELL).split(CELL_BREAK)
    cells.pop()
    return Rows(line, len(joined), width, text, cells)


def _bare_block(data: bytes, delimiter: str, limit: int) -> tuple[bytes, int, bytes] | None:
    """A block of whole lines as (bare text, its number of lines, a torn last line): the
    text's line ends LF, its delimiters CELL_BREAK and its quoted cells read, so that each
    line splits on CELL_BREAK into the cells the csv module reads. The torn line (b"" but
    for the file's last block) is the text after the last line end, left as it is. None
    when a line may not be one record (a NUL, a lone CR, a quote over a line end or left
    open, a quote in the torn line) or a cell may be longer than the csv module takes."""
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
    delimiter_bytes = delimiter.encode()
    bare = unquoted_block(body.replace(delimiter_bytes, CELL_BREAK), delimiter_bytes)
    if bare is None:
        lines = body.decode().split("\n")
        lines.pop()  # "": the body ends with a line end
        rows = rows_in_order(lines, delimiter)
        if rows is None:
            return None
        bare = "".join([f"{chr(0).join(row)}\n" for row in rows]).encode()
    return bare, bare.count(b"\n"), torn


def byte_blocks(
    binary: BinaryIO, start: int, end: int | None, block: int | None = None
) -> Iterator[tuple[int, bytes]]:
    """(byte offset, bytes) of blocks of whole lines from byte `start` up to `end` (or the
    end of the file), of about `block` bytes (BLOCK_BYTES unless given); only the file's
    last block may lack a final line end."""
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


def lf_bytes(block: bytes) -> bytes | None:
    """A block's bytes with CRLF line ends made LF; None when it holds a NUL or a lone CR,
    which read differently from a plain line end (the exact reader's job). In UTF-8 a CR
    or NUL byte is always that character."""
    if b"\x00" in block:
        return None
    if b"\r" in block:
        if block.count(b"\r") != block.count(b"\r\n"):
            return None
        return block.replace(b"\r\n", b"\n")
    return block


def unquoted_block(text: bytes, delimiter: bytes) -> bytes | None:
    """A block of whole lines, its delimiters CELL_BREAK, with each quoted cell as the csv
    module reads it; None when some quote is not of the usual kind (the line-by-line
    readers' job: `rows_in_order`, or the exact reader).

    The usual kind is a whole cell quoted, on one line, a quote inside it doubled: split
    on quotes, the text alternates between outside and inside a quoted cell; an outside
    part that is empty is a doubled quote, any other must begin with the end of the quoted
    cell before it (a delimiter or a line end) and end where a cell begins (a delimiter, a
    line end or the block's start). The cell is then its inside parts joined by quotes,
    the delimiters in them restored; the csv module reads it so. Done in a few passes over
    the whole block, where the csv module reads line by line.
    """
    parts = text.split(QUOTE_BYTE)
    if len(parts) == 1:
        return text
    if len(parts) % 2 == 0:
        return None  # a quote left open
    inside = parts[1::2]
    if b"\n" in b"".join(inside):
        return None  # a quoted cell over two lines
    between = parts[2:-1:2]
    edges = list(filter(None, between))
    last = parts[-1]
    if not last:
        return None  # the block's text ends with a line end, so this is not ours
    # The byte before each opening quote and after each closing one.
    before = bytes(map(itemgetter(-1), edges)) + parts[0][-1:]
    after = bytes(map(itemgetter(0), edges)) + last[:1]
    if before.strip(_CELL_ENDS) or after.strip(_CELL_ENDS):
        return None
    parts[1::2] = b"\n".join(inside).replace(CELL_BREAK, delimiter).split(b"\n")
    if len(edges) != len(between):
        parts[2:-1:2] = [part or QUOTE_BYTE for part in between]
    return b"".join(parts)


def rows_in_order(lines: list[str], delimiter: str) -> list[list[str]] | None:
    """The cells of each line of `lines` (line ends gone), in order, when each line is one
    record and none opens a quote that it does not close; None otherwise (the exact
    reader's job). Lines without a quote are split on the delimiter; the rest go through
    the csv module at once."""
    quoted = list(map(contains, lines, repeat(QUOTE)))
    split = methodcaller("split", delimiter)
    if True not in quoted:
        return list(map(split, lines))
    with_quotes = list(compress(lines, quoted))
    try:
        parsed = list(csv.reader(with_quotes, delimiter=delimiter, strict=True))
    except csv.Error:
        return None
    if len(parsed) != len(with_quotes):
        return None  # a quoted cell spans lines
    parsed_rows = iter(parsed)
    return [
        next(parsed_rows) if has else split(line) for line, has in zip(lines, quoted, strict=True)
    ]


def quotes_close_on_their_lines(block: str, delimiter: str) -> bool:
    """Whether every line of `block` that holds a quote is one whole record by itself (so no
    quoted cell runs over a line end, and none is open at the block's end): a cheap proof,
    in C, that holds for almost every log. False proves nothing (`open_at_end` decides)."""
    if QUOTE not in block:
        return True
    # Usually every quote belongs to a whole quoted cell, from a cell start to a cell end on
    # one line (`a,"b, c",d`): with those cut out, no quote is left. One regex pass in C.
    if QUOTE not in _closed_cells(delimiter).sub("", block):
        return True
    lines = block.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    quoted = list(compress(lines, map(contains, lines, repeat(QUOTE))))
    return rows_in_order(quoted, delimiter) is not None


@cache
def _closed_cells(d: str) -> re.Pattern[str]:
    """A quoted cell that starts and ends on one line, at cell boundaries (compiled for the
    delimiter of the first log with quotes read, not at every start)."""
    return re.compile(f'"(?<![^{d}\\r\\n]")[^"\\r\\n]*(?:""[^"\\r\\n]*)*"(?![^{d}\\r\\n])')


def open_at_end(text: str, delimiter: str) -> bool:
    """Whether `text` ends inside a quoted cell (the csv module's own reading decides)."""
    if QUOTE not in text:
        return False
    probe = "\x01lofte\x01"
    rows = csv.reader(io.StringIO(f"{text}\n{probe}\n", newline=""), delimiter=delimiter)
    try:
        last = deque(rows, maxlen=1)
    except csv.Error:
        return False
    return list(last) != [[probe]]


def closing_for_torn(text: str, delimiter: str, width: int) -> str:
    """What must come before the line end that closes a file's torn last line (`text` is
    the whole file, without a final line end), so that the next row is a row of its own.

    A last line with all its cells (an editor that writes no final newline) needs nothing.
    A torn row, one cut off inside its write, is closed and marked: a quote first if it broke
    inside a quoted cell (else a line end would pull the next row into that cell), then empty
    cells and TORN_ROW_MARK as one cell too many. Reported as torn (E026) before, marked it
    stays reported (E034) and out of every judgement, however many rows follow.
    """
    probe_row = "\x01lofte\x01"
    for closing in ("", QUOTE):
        try:
            probe = io.StringIO(f"{text}{closing}\n{probe_row}\n")
            last_two = deque(csv.reader(probe, delimiter=delimiter), maxlen=2)
        except csv.Error:
            return ""
        if len(last_two) == 2 and last_two[1] == [probe_row]:
            torn = last_two[0]
            break
    else:
        return ""
    if len(torn) >= width or not any(cell.strip() for cell in torn):
        return closing
    return closing + delimiter * (width - len(torn) + 1) + TORN_ROW_MARK


# ---- the exact record reader


def _holding(lines: Iterator[str], held: list[str]) -> Iterator[str]:
    """`lines`, each also put in `held`: the raw lines of the record being read."""
    for line in lines:
        held.append(line)
        yield line


def read_records(
    source: Iterable[str],
    layout: Layout,
    rel: str,
    problems: list[Problem],
    *,
    first: int = 2,
    ends_with_newline: bool = True,
) -> Iterator[tuple[int, list[str]]]:
    """The (line, cells) of each row of `source`, the lines of a file from line `first` on
    (its header read), read record by record with the csv module: a quoted cell over line
    ends, an open quote, a lone CR, a NUL. A rejected row is not yielded; its problem is
    added to `problems`, the caller's own list. Blank rows carry nothing and are skipped."""
    width = layout.width
    delimiter = layout.delimiter
    new_row = new_row_pattern(delimiter).match
    lines: Iterator[str] = iter(source)
    held: list[str] = []
    reader = csv.reader(_holding(lines, held), delimiter=delimiter)
    next_line = first
    pending: tuple[int, list[str]] | None = None
    pending_lines: list[str] = []
    while True:
        restart = False
        try:
            for row in reader:
                start = next_line
                if len(held) > 1 and any(map(new_row, held[1:])):
                    # A quote opened on `start` ran over a line that reads as a new row:
                    # that row, and the ones after it, are read on their own.
                    detail = _swallowed(start, held, new_row)
                    problems.append(problem("E042", rel, start, detail=detail))
                    lines = chain(held[1:], lines)
                    restart = True
                    next_line = start + 1
                    break
                next_line = start + len(held)
                if pending is not None:
                    yield pending
                    pending = None
                record = held.copy()
                held.clear()
                if is_blank(row):
                    continue
                if "\x00" in "".join(row):
                    problems.append(problem("E002", rel, start, detail=FILE_DETAILS["binary_row"]))
                    continue
                if len(row) > width:
                    if row[-1] == TORN_ROW_MARK:  # closed by `log insats`, see append.py
                        problems.append(problem("E034", rel, start, mark=TORN_ROW_MARK))
                    else:
                        problems.append(problem("E029", rel, start, got=len(row), expected=width))
                    continue
                pending, pending_lines = (start, row), record
            else:
                if pending is not None:
                    line, row = pending
                    pending = None
                    if is_torn(len(row), width, ends_with_newline):
                        detail = FILE_DETAILS["torn"].format(got=len(row), width=width)
                        problems.append(problem("E026", rel, line, detail=detail))
                    elif open_at_end("".join(pending_lines), delimiter):
                        detail = FILE_DETAILS["open_to_end"]
                        problems.append(problem("E042", rel, line, detail=detail))
                        if len(pending_lines) > 1:
                            lines = iter(pending_lines[1:])
                            next_line = line + 1
                            restart = True
                    else:
                        yield line, row
        except csv.Error as error:
            # One record the csv module cannot read (a cell over its size limit, say) is
            # that row's problem, not the whole file's: reading goes on with the next line.
            start = next_line
            if len(held) > 1 and any(map(new_row, held[1:])):
                detail = _swallowed(start, held, new_row)
                problems.append(problem("E042", rel, start, detail=detail))
                lines = chain(held[1:], lines)
                next_line = start + 1
            else:
                problems.append(problem("E033", rel, start, detail=csv_detail(error)))
                next_line = start + len(held)
            restart = True
            if pending is not None:
                yield pending
                pending = None
        if not restart:
            return
        held.clear()
        reader = csv.reader(_holding(lines, held), delimiter=delimiter)


def is_torn(cells: int, width: int, ends_with_newline: bool) -> bool:
    """Whether a file's last row is torn (a write cut off): no line end after it, and
    fewer cells than the header. Such a row is reported, never counted or compared."""
    return not ends_with_newline and cells < width


def _swallowed(start: int, held: list[str], new_row: Callable[[str], object]) -> str:
    """E042's detail: the first line inside the open cell that reads as a new row."""
    at = next(i for i, line in enumerate(held) if i and new_row(line))
    return FILE_DETAILS["open_before_row"].format(line=start + at)


def csv_detail(error: csv.Error) -> str:
    text = str(error)
    if "field larger than field limit" in text:
        return FILE_DETAILS["cell_too_long"].format(limit=csv.field_size_limit())
    return FILE_DETAILS["csv_error"].format(error=text)


def raw_records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) of every record of a whole file's text, header included, as
    the csv module reads them: nothing judged, nothing left out (the history check compares
    these). Reading stops at a record the csv module cannot read."""
    for start, _, row in raw_record_spans(text):
        yield start, row


def raw_record_spans(text: str) -> Iterator[tuple[int, int, list[str]]]:
    """(first line, last line, cells) of every record, as `raw_records` reads them; the
    lines are those of `io.StringIO(text, newline="")` (LF, CRLF and lone CR alike)."""
    delimiter = detect_delimiter(first_line(text))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    previous_end = 0
    try:
        for row in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            yield start, previous_end, row
    except csv.Error:
        return  # the records before the broken spot still count


class RecordError(Exception):
    """A record the csv module cannot read, at its first line (`line`)."""

    def __init__(self, line: int, error: str) -> None:
        super().__init__(error)
        self.line = line
        self.error = error


def records_of(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) of every record of a whole text, header included, as the csv
    module reads it, nothing judged (a spreadsheet to import, a copy to mend); raises
    RecordError at a record it cannot read."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    try:
        for row in reader:
            yield start, row
            start = reader.line_num + 1
    except csv.Error as error:
        raise RecordError(start, str(error)) from None


def line_cells(text: str, delimiter: str) -> list[str]:
    """The cells of one line as the csv module reads them; [] when it cannot."""
    try:
        return next(csv.reader([text], delimiter=delimiter), [])
    except csv.Error:
        return []
