"""Loading: the CSV dialect of the log and the files beside it — each rule written once, here.

Every CSV file lofte reads or appends to (the activity log `logs/<stem>.csv`, the comments
`logs/<stem>.kommentarer.csv`, and any later kind such as measurements) shares one dialect
(docs/format.md §3):

- delimiter `,` or `;` (Excel in Swedish saves `;`), decided by the header line;
- UTF-8 with or without BOM; line ends LF, CRLF or a lone CR, read alike, and an append
  uses the file's own line end;
- the header names the columns: folded for comparison (NFC, outer space trimmed, case
  folded; å/ä/ö kept), any order, extra columns ignored, a name twice is an error (E043);
- RFC 4180 quoting; a quoted cell still open at the end of the file, or whose line break
  is followed by what reads as a new row (a date and the delimiter), is an error at the
  line where it opened (E042) and swallows nothing: the lines after it are read as rows;
- a torn last line (no line end, too few cells) is reported (E026), never counted;
- cell rules: an ISO date `ÅÅÅÅ-MM-DD`, `antal` a positive whole number of at most nine
  ASCII digits, lists (deltagare, taggar) split by `;`.

A kind of file is a `CsvKind`: its header as written, the columns it requires, the cells
of a fixed format (the rest are free text, where a personnummer or a formula is looked
for), and what an absent column reads as. The reference reader (`LogRows`), the fast paths
(`log_tally`, `check_blocks`: their speed tricks sit behind `plain_rows` here), the writer
(`write/append.py`), the history check (`append_only`) and the comments reader all go
through this module.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import chain, compress, repeat
from operator import contains, itemgetter, methodcaller, not_
from pathlib import Path
from typing import Final

from medborgarlofte.core.model import LOG_HEADER, TORN_ROW_MARK, PromiseSet
from medborgarlofte.core.personnummer import find_personal_numbers, may_contain_personal_number
from medborgarlofte.core.problems import Problem, did_you_mean, problem
from medborgarlofte.core.slugs import fold_slug, split_list, suggest
from medborgarlofte.core.texts import FILE_DETAILS

DELIMITERS: Final = (",", ";")
QUOTE: Final = '"'
QUOTE_BYTE: Final = b'"'
LIST_SEPARATOR: Final = ";"  # inside a deltagare or taggar cell
MAX_COUNT_DIGITS: Final = 9
# Problems that make a whole file unreadable rather than a single row.
FATAL_CODES: Final = frozenset({"E002", "E020", "E027", "E043"})
FORMULA_STARTS: Final = ("=", "+", "-", "@")


@dataclass(frozen=True)
class CsvKind:
    """What one kind of CSV file holds: its header as the tool writes it, the columns a file
    must have, the columns of a fixed, validated format (every other cell is free text, where
    check looks for personnummer and formulas), and what an absent column reads as (a value
    equal to that may be left out when appending to a file without the column)."""

    header: tuple[str, ...]
    required: tuple[str, ...]
    fixed_format: frozenset[str] = frozenset()
    absent: Mapping[str, str] = field(default_factory=dict)
    # Columns the tool fills in itself (who logged, when): dropped, not refused, when an
    # older or hand-made file lacks them.
    provenance: frozenset[str] = frozenset({"registrerad_av", "registrerad"})


LOG_KIND: Final = CsvKind(
    header=LOG_HEADER,
    required=("datum", "typ"),
    fixed_format=frozenset({"datum", "antal"}),
    absent={"antal": "1"},
)


# ---- the header line


# The files kept beside a log, by the end of their names: a promise file's stem may never
# end so, or its log would be another period's side file (docs/felkoder.md, E101).
COMMENT_SUFFIX: Final = ".kommentarer.csv"
CORRECTIONS_SUFFIX: Final = ".rattelser.csv"
MEASUREMENT_SUFFIX: Final = ".matningar.csv"
SIDE_FILE_SUFFIXES: Final = (COMMENT_SUFFIX, CORRECTIONS_SUFFIX, MEASUREMENT_SUFFIX)


def beside_log(log_rel: str, suffix: str) -> str:
    """A file kept beside a log (comments, corrections, measurements), repo-relative:
    `logs/2019.csv` with `.kommentarer.csv` is `logs/2019.kommentarer.csv`."""
    return log_rel.removesuffix(".csv") + suffix


def detect_delimiter(header_line: str) -> str:
    """`;` when the header line holds more semicolons than commas, else `,`."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def fold_column(name: str) -> str:
    """The comparison form of a header name."""
    return unicodedata.normalize("NFC", name).strip().casefold()


def line_end_of(line: str) -> str:
    """The line end a line was read with (`\\r\\n`, `\\r` or `\\n`); `\\n` for none."""
    if line.endswith("\r\n"):
        return "\r\n"
    if line.endswith("\r"):
        return "\r"
    return "\n"


def first_line(text: str) -> str:
    """The first line of `text`, with its line end, whichever of LF, CRLF or CR it is."""
    return next(iter(io.StringIO(text, newline="")), "")


@dataclass
class Layout:
    """A file's header as read: its cells, the folded name -> index, delimiter, line end."""

    names: list[str]
    columns: dict[str, int]
    delimiter: str
    newline: str

    @property
    def width(self) -> int:
        return len(self.names)


def read_layout(line: str, kind: CsvKind, rel: str) -> tuple[Layout | None, list[Problem]]:
    """The layout the header `line` (decoded, BOM gone, with its line end) gives, and its
    problems: a binary file, a blank header, a required column missing (E020), a name
    twice (E043). None (no rows worth reading) when there is a problem or no header."""
    if not line:
        return None, []  # an empty file is an empty log: an append writes the header
    if "\x00" in line:
        return None, [problem("E002", rel, 1, detail=FILE_DETAILS["binary"])]
    if not line.strip():
        return None, [problem("E020", rel, 1, name=kind.required[0])]
    newline = line_end_of(line)
    text = line[: len(line) - len(newline)] if line.endswith(newline) else line
    delimiter = detect_delimiter(text)
    names = next(csv.reader([text], delimiter=delimiter), [])
    columns: dict[str, int] = {}
    seen: dict[str, list[int]] = {}
    for index, name in enumerate(names):
        folded = fold_column(name)
        columns.setdefault(folded, index)
        if folded:  # Excel's trailing empty columns are no names
            seen.setdefault(folded, []).append(index + 1)
    found = [
        problem("E020", rel, 1, name=column) for column in kind.required if column not in columns
    ]
    found += [
        problem(
            "E043",
            rel,
            1,
            name=names[at[0] - 1].strip(),
            count=len(at),
            positions=", ".join(map(str, at)),
        )
        for at in seen.values()
        if len(at) > 1
    ]
    layout = Layout(names, columns, delimiter, newline)
    return (None if found else layout), found


# ---- rows


_ISO_DATE_TEXT = "[0-9]{4}-[0-9]{2}-[0-9]{2}"
_DATE_START = f'"?{_ISO_DATE_TEXT}"?'


def _new_row(delimiter: str) -> re.Pattern[str]:
    """A line that reads as the start of a new row: a date, then the delimiter."""
    return re.compile(_DATE_START + re.escape(delimiter))


def last_row_start(text: str, delimiter: str) -> int | None:
    """Where the last line of `text` that reads as the start of a new row (a date, then the
    delimiter) begins, or None. The reader starts a record there whatever came before (a
    quote left open above it is E042 and ends at that line), so the state at the end of a
    file is decided by what follows it alone. The first line of `text` is never taken: it
    may be the end of a line cut off."""
    pattern = _new_row(delimiter)
    end = len(text)
    while True:
        cut = max(text.rfind("\n", 0, end), text.rfind("\r", 0, end))
        if cut < 0:
            return None
        if pattern.match(text, cut + 1):
            return cut + 1
        end = cut


def _holding(lines: Iterator[str], held: list[str]) -> Iterator[str]:
    """`lines`, each also put in `held`: the raw lines of the record being read."""
    for line in lines:
        held.append(line)
        yield line


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


# A quoted cell that starts and ends on one line, at cell boundaries, per delimiter.
_CLOSED_CELLS = {
    d: re.compile(f'"(?<![^{d}\\r\\n]")[^"\\r\\n]*(?:""[^"\\r\\n]*)*"(?![^{d}\\r\\n])')
    for d in DELIMITERS
}


def quotes_close_on_their_lines(block: str, delimiter: str) -> bool:
    """Whether every line of `block` that holds a quote is one whole record by itself (so no
    quoted cell runs over a line end, and none is open at the block's end): a cheap proof,
    in C, that holds for almost every log. False proves nothing (`open_at_end` decides)."""
    if QUOTE not in block:
        return True
    # Usually every quote belongs to a whole quoted cell, from a cell start to a cell end on
    # one line (`a,"b, c",d`): with those cut out, no quote is left. One regex pass in C.
    if QUOTE not in _CLOSED_CELLS[delimiter].sub("", block):
        return True
    lines = block.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    quoted = list(compress(lines, map(contains, lines, repeat(QUOTE))))
    return plain_rows(quoted, delimiter) is not None


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
    (its header read). A rejected row is not yielded; its problem is added to `problems`,
    the caller's own list. Blank rows carry nothing and are skipped."""
    width = layout.width
    delimiter = layout.delimiter
    new_row = _new_row(delimiter).match
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
                joined = "".join(row)
                if not joined or joined.isspace():
                    continue
                if "\x00" in joined:
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


def plain_rows(lines: list[str], delimiter: str) -> list[list[str]] | None:
    """The cells of each line of `lines` (line ends gone), when each line is one record and
    none opens a quote that it does not close; None otherwise (the reference reader's job).
    Lines without a quote are split on the delimiter; the rest go through the csv module.
    Row order is kept only among the lines with quotes and among those without."""
    split = methodcaller("split", delimiter)
    if not any(map(contains, lines, repeat(QUOTE))):
        return list(map(split, lines))
    quoted = list(map(contains, lines, repeat(QUOTE)))
    with_quotes = list(compress(lines, quoted))
    try:
        parsed = list(csv.reader(with_quotes, delimiter=delimiter, strict=True))
    except csv.Error:
        return None
    if len(parsed) != len(with_quotes):
        return None  # a quoted cell spans lines
    rows = list(map(split, compress(lines, map(not_, quoted))))
    rows += parsed
    return rows


# A block's delimiters written as NUL, a byte no block a fast path reads holds (`lf_bytes`
# leaves those to the reference reader): the delimiters inside a quoted cell
# stay as they are, so a line splits on NUL into the cells the csv module reads.
CELL_BREAK: Final = b"\x00"
_CELL_ENDS = CELL_BREAK + b"\n"  # what comes before an opening quote, after a closing one


def unquoted_block(text: bytes, delimiter: bytes) -> bytes | None:
    """A block of whole lines, its delimiters CELL_BREAK, with each quoted cell as the csv
    module reads it; None when some quote is not of the usual kind (the line-by-line
    readers' job: `plain_rows`, or the reference reader).

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


def lf_bytes(block: bytes) -> bytes | None:
    """A block's bytes with CRLF line ends made LF; None when it holds a NUL or a lone CR,
    which read differently from a plain line end (the reference reader's job). In UTF-8 a
    CR or NUL byte is always that character."""
    if b"\x00" in block:
        return None
    if b"\r" in block:
        if block.count(b"\r") != block.count(b"\r\n"):
            return None
        return block.replace(b"\r\n", b"\n")
    return block


# ---- cells


ISO_DATE: Final = re.compile(_ISO_DATE_TEXT)
_EXCEL_DATE = re.compile(r"[0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{2,4}")
_COUNT = re.compile(f"[0-9]{{1,{MAX_COUNT_DIGITS}}}")
_DECIMAL = re.compile(r"[0-9]+[,.][0-9]+")
_SHOWN_CELL = 24  # a longer bad cell is shown shortened in a message


def iso_date(text: str) -> date | None:
    """The date an ISO `ÅÅÅÅ-MM-DD` text names, or None."""
    if not ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_date(
    raw: str, rel: str, promise_set: PromiseSet, today: date, later_days: int = 0
) -> date | Problem:
    """A date cell: an ISO date inside the period (or at most `later_days` after its end:
    a comment on the year written in January) and not after `today`."""
    text = raw.strip()
    day = iso_date(text)
    if day is None:
        if ISO_DATE.fullmatch(text):
            detail = FILE_DETAILS["no_such_date"]
        else:
            detail = FILE_DETAILS["excel_date"] if _EXCEL_DATE.fullmatch(text) else ""
        return problem("E021", rel, got=shown(text), detail=detail)
    period = promise_set.period
    if not period.start <= day <= period.end + timedelta(days=later_days):
        return problem(
            "E022", rel, date=text, period=period.name, start=period.start, end=period.end
        )
    if day > today:
        return problem("E023", rel, date=text, today=today.isoformat())
    return day


def count_value(text: str) -> int | str:
    """`antal` as a number, or why it is none (a Swedish detail): a positive whole number of
    at most nine ASCII digits. `３` or `²` is no 3 or 2, and a huge number no count."""
    if _COUNT.fullmatch(text):
        value = int(text)
        return value if value >= 1 else FILE_DETAILS["count_positive"]
    if _DECIMAL.fullmatch(text):
        return FILE_DETAILS["count_decimals"]
    if text.isascii() and text.isdigit():
        return FILE_DETAILS["count_digits"].format(digits=MAX_COUNT_DIGITS)
    if not text.isascii() and any(c.isnumeric() for c in text):
        return FILE_DETAILS["count_ascii"]  # ３ or ² is no 3 or 2
    return FILE_DETAILS["count_positive"]


def parse_count(raw: str, rel: str) -> int | Problem:
    """An `antal` cell: empty is 1."""
    text = raw.strip()
    if not text:
        return 1
    value = count_value(text)
    if isinstance(value, int):
        return value
    return problem("E025", rel, got=shown(text), detail=value)


def parse_type(raw: str, rel: str, promise_set: PromiseSet) -> str | Problem:
    """A typ cell: a declared activity type (folded)."""
    folded = fold_slug(raw)
    if not folded:
        return problem("E032", rel)
    if folded in promise_set.activity_types:
        return folded
    names = list(promise_set.type_names.values()) or list(promise_set.activity_types)
    return problem(
        "E024",
        rel,
        slug=shown(raw.strip()),
        known=", ".join(names),
        hint=did_you_mean(suggest(raw, names)),
    )


def parse_participants(raw: str, rel: str, promise_set: PromiseSet) -> tuple[str, ...] | Problem:
    """A deltagare cell: `;`-separated declared participants (folded)."""
    originals = split_list(raw)
    folded = tuple(fold_slug(p) for p in originals)
    for slug, original in zip(folded, originals, strict=True):
        if slug not in promise_set.participants:
            known = list(promise_set.participants)
            return problem(
                "E028",
                rel,
                slug=shown(original),
                known=", ".join(known),
                hint=did_you_mean(suggest(original, known)),
            )
    return folded


def parse_tags(raw: str) -> tuple[str, ...]:
    """A taggar cell: `;`-separated tags (folded; any tag is fine)."""
    return tuple(fold_slug(t) for t in split_list(raw))


def join_list(items: Iterable[str]) -> str:
    """A deltagare or taggar cell as written."""
    return LIST_SEPARATOR.join(items)


def shown(text: str) -> str:
    """A cell as a message quotes it: shortened when long, so one row cannot flood output."""
    return text if len(text) <= _SHOWN_CELL else text[: _SHOWN_CELL - 1] + "…"


_SIGNED_NUMBER = re.compile(r"[+-][0-9]+(?:[.,][0-9]+)?")  # Excel reads these as numbers


def cell_warnings(
    rel: str, line: int, names: list[str], row: list[str], kind: CsvKind
) -> list[Problem]:
    """W001 for a personnummer-like text in a free-text cell, W002 for a cell Excel would
    run as a formula: every cell of a row looked at, one by one."""
    found: list[Problem] = []
    for index, cell in enumerate(row):
        name = names[index] if index < len(names) else f"kolumn {index + 1}"
        if fold_column(name) not in kind.fixed_format and may_contain_personal_number(cell):
            found.extend(
                problem("W001", rel, line, kind=match.kind, name=name)
                for match in find_personal_numbers(cell)
            )
        if cell.startswith(FORMULA_STARTS) and not _SIGNED_NUMBER.fullmatch(cell):
            found.append(problem("W002", rel, line, name=name, char=cell[0]))
    return found


# ---- writing


def is_utf8(value: str) -> bool:
    """Whether a value can be written as UTF-8: a command-line argument holding bytes that
    are not UTF-8 arrives as lone surrogates, which no UTF-8 file can hold."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def format_row(cells: list[str], delimiter: str = ",", newline: str = "\n") -> bytes:
    """One row as RFC 4180 text in UTF-8, ended by `newline`.

    A cell holding a CR or an LF is quoted whatever the file's own line end: the csv module
    quotes only the characters of its line terminator, so a lone CR in an LF file (or an LF
    in a CR file) went out bare and every reader split the row there. The delimiter and the
    quote character are quoted as ever."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerow(cells)
    return (buffer.getvalue()[: -len("\r\n")] + newline).encode("utf-8")


def one_line(value: str) -> str:
    """A cell without line breaks: one written row is always one line, so a torn write can
    only be the file's last line, and a row's line number is its row number."""
    if "\n" in value or "\r" in value:
        return value.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    return value


def count_line_ends(data: bytes, newline: str) -> int:
    """How many line ends of the file's kind `data` holds."""
    return data.count(b"\r") if newline == "\r" else data.count(b"\n")


# ---- files


def not_a_file(path: Path) -> str | None:
    """Why `path` is no file to read rows from, or None. A named pipe or a device would
    block the read, or never end it, so only a regular file is read."""
    if path.is_dir():
        return FILE_DETAILS["directory"]
    if path.exists() and not path.is_file():
        return FILE_DETAILS["not_regular"]
    return None


def ends_with_newline(path: Path) -> bool:
    """Whether the file's last byte ends a line (an empty file counts as ended)."""
    with path.open("rb") as handle:
        handle.seek(0, 2)
        if handle.tell() == 0:
            return True
        handle.seek(-1, 2)
        return handle.read(1) in (b"\n", b"\r")


def csv_detail(error: csv.Error) -> str:
    text = str(error)
    if "field larger than field limit" in text:
        return FILE_DETAILS["cell_too_long"].format(limit=csv.field_size_limit())
    return FILE_DETAILS["csv_error"].format(error=text)


def encoding_problem(path: Path, rel: str, error: UnicodeDecodeError) -> Problem:
    """Explain a non-UTF-8 file at the line of its first bad byte, naming the likely encoding."""
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return problem("E027", rel, 1, detail=FILE_DETAILS["utf16"])
    try:
        data.decode("utf-8")
        offset = 0
    except UnicodeDecodeError as whole:  # the decoder's own error only knows its chunk
        offset = whole.start
    line = data.count(b"\n", 0, offset) + 1
    try:
        data.decode("cp1252")
        detail = FILE_DETAILS["cp1252"]
    except UnicodeDecodeError:
        detail = FILE_DETAILS["bad_byte"].format(byte=data[offset]) if offset < len(data) else ""
    return problem("E027", rel, line, detail=detail)
