"""Judging: how `lofte laga` makes a log that holds its rows twice whole, nothing lost.

The copies are found by `load/two_copies.py`. The plan (`write/repair.py` carries it out):

- The copy committed first stays byte for byte, at the start of the file. Which one that
  is, git decides: the oldest commit of the log whose content opens one of the copies.
  Without git (or with no such commit) the copy at the top of the file is kept. The kept
  copy then opens the file exactly as every earlier commit had it, so `lofte check --sedan
  <a commit before the mishap>` still passes: its rows are still first and unchanged.
  Against a commit that already held both copies, `check --sedan` compares with this
  plan's result instead (`check/append_only.py`), so the repair is accepted there too.
- Every row of another copy is compared with the kept rows by value (a date, a count, slugs
  folded: `judge/import_rows.row_key`), each kept row matched at most once. A row that is
  one of them is left out (it is already there). A row that is one of them but for cells a
  spreadsheet changed (`00123` → `123`, a date reformatted, `3e5` → `3,00E+05`) is listed,
  never taken as new. Every other row is new: appended once, in the kept copy's dialect
  (delimiter, line end), its columns in the kept header's order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from medborgarlofte.core import texts
from medborgarlofte.core.frozen import frozen, mutable
from medborgarlofte.core.model import LOG_HEADER
from medborgarlofte.core.problems import LofteError
from medborgarlofte.judge.import_rows import read_back_count, read_back_date, row_key
from medborgarlofte.load.log_dialect import fold_column, format_row, one_line
from medborgarlofte.load.log_reader import RecordError, records_of
from medborgarlofte.load.two_copies import BOM, Copy, find_copies, first_committed

# A row of another copy is a kept row changed by a spreadsheet when at most this many of its
# cells differ in a way no reformatting explains, and at least _SAME_AT_LEAST are equal.
_HARD_DIFFERENCES = 1
_SAME_AT_LEAST = 3


@frozen(slots=False)
class CopyRow:
    """A row of one copy: its line in the file, and its cells by folded column name."""

    line: int
    values: dict[str, str]


@frozen(slots=False)
class ChangedRow:
    """A row of another copy that is a kept row with cells a spreadsheet changed."""

    line: int
    kept_line: int
    cells: tuple[tuple[str, str, str], ...]  # (column, kept value, other value)


@mutable
class RepairPlan:
    rel: str
    copies: list[Copy]
    kept: Copy
    kept_by_git: str | None  # the commit that showed which copy came first, if git did
    already: int = 0
    new: list[CopyRow] = field(default_factory=list)
    changed: list[ChangedRow] = field(default_factory=list)
    data: bytes = b""  # the repaired file


def plan_repair(root: Path, rel: str, data: bytes) -> RepairPlan | None:
    """How the log `rel` with content `data` is repaired; None when it holds one copy."""
    byte_lines = data.splitlines(keepends=True)
    lines = [_decoded(line) for line in byte_lines]
    copies = find_copies(lines)
    if len(copies) < 2:
        return None
    segments = [b"".join(byte_lines[c.first - 1 : c.last]) for c in copies]
    index, commit = first_committed(root, rel, segments)
    kept = copies[index]
    plan = RepairPlan(rel, copies, kept, commit)
    kept_header, kept_rows = _rows(lines, kept)
    exact: dict[tuple[object, ...], list[CopyRow]] = {}
    for row in kept_rows:
        exact.setdefault(_key(row), []).append(row)
    unmatched_kept = {row.line: row for row in kept_rows}
    leftover: list[CopyRow] = []
    for other in copies:
        if other is kept:
            continue
        for row in _rows(lines, other)[1]:
            same = exact.get(_key(row))
            if same:
                unmatched_kept.pop(same.pop(0).line, None)
                plan.already += 1
            else:
                leftover.append(row)
    for row in leftover:
        match = _changed_copy(row, unmatched_kept.values())
        if match is None:
            plan.new.append(row)
        else:
            unmatched_kept.pop(match.kept_line)
            plan.changed.append(match)
    kept_bytes = segments[index]
    if not kept_bytes.endswith((b"\n", b"\r")):
        kept_bytes += kept.newline.encode()
    appended = b"".join(
        format_row(_cells_for(row, kept_header), kept.delimiter, kept.newline) for row in plan.new
    )
    plan.data = kept_bytes + appended
    return plan


def _decoded(line: bytes) -> str:
    """A line as text: UTF-8, else Windows-1252 (Excel's plain "CSV" saves in it)."""
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252", errors="replace")


def _rows(lines: Sequence[str], copy: Copy) -> tuple[list[str], list[CopyRow]]:
    """A copy's header (as written) and its rows, read in its own dialect."""
    text = "".join(lines[copy.first - 1 : copy.last]).removeprefix(BOM)
    header: list[str] = []
    names: list[str] = []
    rows: list[CopyRow] = []
    try:
        for start, cells in records_of(text, copy.delimiter):
            if not header:
                header = cells
                names = [fold_column(name) for name in cells]
            elif any(cell.strip() for cell in cells):
                values: dict[str, str] = {}
                for name, cell in zip(names, cells, strict=False):
                    values.setdefault(name, cell)
                rows.append(CopyRow(copy.first - 1 + start, values))
    except RecordError as error:
        raise LofteError(
            texts.REPAIR_TEXTS["unreadable"].format(
                line=copy.first - 1 + error.line, error=error.error
            )
        ) from None
    return header, rows


def _key(row: CopyRow) -> tuple[object, ...]:
    return row_key(row.values, ("registrerad_av", "registrerad"))


def _cells_for(row: CopyRow, header: Sequence[str]) -> list[str]:
    """A new row's cells in the kept header's order, a spreadsheet's date and count read
    back to the log's own form."""
    cells = []
    for name in header:
        column = fold_column(name)
        value = row.values.get(column, "")
        if column == "datum":
            value = read_back_date(value)
        elif column == "antal":
            value = read_back_count(value)
        cells.append(one_line(value))
    return cells


# ---- a row a spreadsheet changed

_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]*)?(?:[eE][+-]?[0-9]+)?")
_SHORT_DATE = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{2,4})")


def _loose(text: str) -> frozenset[str]:
    """What a cell may have been before a spreadsheet reformatted it: a date in any of
    its orders, a number without leading zeros or exponent, text without case."""
    text = text.strip()
    forms = {text.casefold()}
    date_part = read_back_date(text)
    forms.add(date_part)
    short = _SHORT_DATE.fullmatch(text)
    if short:
        first, second, year = short.groups()
        full = year if len(year) == 4 else f"20{year}"
        forms.add(f"{full}-{int(second):02d}-{int(first):02d}")  # day first (Swedish, UK)
        forms.add(f"{full}-{int(first):02d}-{int(second):02d}")  # month first (US)
    if _NUMBER.fullmatch(text):
        try:
            number = Decimal(text.replace(",", "."))
            forms.add(format(number.normalize(), "f"))
        except InvalidOperation:
            pass
    return frozenset(forms)


def _changed_copy(row: CopyRow, candidates: Iterable[CopyRow]) -> ChangedRow | None:
    """The kept row `row` is, with cells a spreadsheet changed; None when it is none.

    Either the same logging (the same `registrerad`, which lofte writes to the second),
    whatever else differs; or every differing cell is one a reformatting explains (`00123`
    and `123`, `2026-01-05` and `05/01/2026`), but for at most one that a spreadsheet made
    of text it took for a date or a number (`1/2` made `01-feb`), with at least three
    cells equal."""
    best: tuple[tuple[bool, int], CopyRow, list[tuple[str, str, str]]] | None = None
    for kept in candidates:
        differing: list[tuple[str, str, str]] = []
        same = hard = 0
        for column in LOG_HEADER:
            mine, theirs = kept.values.get(column, "").strip(), row.values.get(column, "").strip()
            if mine == theirs:
                same += bool(mine)
                continue
            differing.append((column, mine, theirs))
            if not _loose(mine) & _loose(theirs):
                hard += 1 if _spreadsheet_made(mine, theirs) else _HARD_DIFFERENCES + 1
        logged = kept.values.get("registrerad", "").strip()
        same_logging = bool(logged) and logged == row.values.get("registrerad", "").strip()
        if not same_logging and (hard > _HARD_DIFFERENCES or same < _SAME_AT_LEAST):
            continue
        score = (not same_logging, hard)
        if best is None or score < best[0]:
            best = (score, kept, differing)
    if best is None:
        return None
    return ChangedRow(row.line, best[1].line, tuple(best[2]))


_MONTH_DATE = re.compile(
    r"[0-9]{1,2}[-/. ](jan|feb|mar|apr|maj|may|jun|jul|aug|sep|okt|oct|nov|dec)[a-z.]*"
    r"(?:[-/. ][0-9]{2,4})?",
    re.IGNORECASE,
)
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SCIENTIFIC = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?[eE][+-]?[0-9]+")


def _spreadsheet_made(mine: str, theirs: str) -> bool:
    """Whether `theirs` is what a spreadsheet makes of the text `mine` when it takes it for
    a date or a number: a date with a month name, a short date, a date and time, a number.
    A number or an ISO date it keeps as its value, so one that differs is another row."""
    if not mine or _NUMBER.fullmatch(mine) or read_back_date(mine) != mine or _ISO.fullmatch(mine):
        return False
    return bool(
        _MONTH_DATE.fullmatch(theirs)
        or _SHORT_DATE.fullmatch(theirs)
        or _SCIENTIFIC.fullmatch(theirs)
        or _NUMBER.fullmatch(theirs)
        or read_back_date(theirs) != theirs
        or _ISO.fullmatch(theirs)
    )
