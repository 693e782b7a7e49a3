"""The plain reference reader: the oracle the fast reader (`load/log_reader.py`) is proved by.

It reads a whole file as text with the csv module, record by record, and applies the
dialect's rules (docs/format.md §3) the plainest way there is: no blocks, no bytes, no
shortcut. The property tests (test_fast_path.py, test_check_fast.py, test_reader.py) give
both readers the same files, hostile ones included, and ask for the same rows, lines and
problems, in the same order.
"""

from __future__ import annotations

import csv
import io
from collections import deque
from collections.abc import Callable, Iterator
from itertools import chain
from pathlib import Path

from medborgarlofte.check.duplicates import RowHashes
from medborgarlofte.check.scanned_rows import ScannedRows
from medborgarlofte.core.model import TORN_ROW_MARK
from medborgarlofte.core.problems import Problem, problem
from medborgarlofte.core.texts import FILE_DETAILS
from medborgarlofte.load.log_dialect import (
    LOG_KIND,
    CsvKind,
    Layout,
    encoding_problem,
    ends_with_newline,
    new_row_pattern,
    not_a_file,
    read_layout,
)
from medborgarlofte.load.log_reader import LogRows


class ReferenceRows(LogRows):
    """`LogRows`, every row read by `reference_records` from the file's text."""

    def __init__(self, path: Path, rel: str, kind: CsvKind = LOG_KIND) -> None:
        super().__init__(path, rel, kind=kind)

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        try:
            refused = not_a_file(self.path)
            if refused:
                self.problems.append(problem("E002", self.rel, detail=refused))
                return
            ended = ends_with_newline(self.path)
            with self.path.open(encoding="utf-8-sig", newline="") as handle:
                layout, found = read_layout(handle.readline(), self.kind, self.rel)
                self.problems.extend(found)
                if layout is None:
                    return
                self.use(layout)
                yield from reference_records(handle, layout, self.rel, self.problems, ended)
        except PermissionError:
            detail = FILE_DETAILS["no_read_permission"]
            self.problems.append(problem("E002", self.rel, detail=detail))
        except UnicodeDecodeError as error:
            self.problems.append(encoding_problem(self.path, self.rel, error))
        except csv.Error as error:
            detail = FILE_DETAILS["csv_file_error"].format(error=error)
            self.problems.append(problem("E002", self.rel, detail=detail))
        except OSError as error:
            self.problems.append(problem("E002", self.rel, detail=error.strerror or str(error)))

    def blocks(self) -> Iterator[tuple[int, list[str]]]:  # type: ignore[override]
        """Every row on its own: a consumer of blocks reads the reference's rows."""
        return iter(self)


def _holding(lines: Iterator[str], held: list[str]) -> Iterator[str]:
    for line in lines:
        held.append(line)
        yield line


def _open_at_end(text: str, delimiter: str) -> bool:
    if '"' not in text:
        return False
    probe = "\x01lofte\x01"
    rows = csv.reader(io.StringIO(f"{text}\n{probe}\n", newline=""), delimiter=delimiter)
    try:
        last = deque(rows, maxlen=1)
    except csv.Error:
        return False
    return list(last) != [[probe]]


def _swallowed(start: int, held: list[str], new_row: Callable[[str], object]) -> str:
    at = next(i for i, line in enumerate(held) if i and new_row(line))
    return FILE_DETAILS["open_before_row"].format(line=start + at)


def _csv_detail(error: csv.Error) -> str:
    text = str(error)
    if "field larger than field limit" in text:
        return FILE_DETAILS["cell_too_long"].format(limit=csv.field_size_limit())
    return FILE_DETAILS["csv_error"].format(error=text)


def reference_records(
    source: Iterator[str] | io.TextIOBase,
    layout: Layout,
    rel: str,
    problems: list[Problem],
    ended: bool,
    first: int = 2,
) -> Iterator[tuple[int, list[str]]]:
    """The (line, cells) of each row of the lines `source`, from line `first` on; rejected
    rows are not yielded, their problems go to `problems`; blank rows are skipped."""
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
                    problems.append(
                        problem("E042", rel, start, detail=_swallowed(start, held, new_row))
                    )
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
                    if row[-1] == TORN_ROW_MARK:
                        problems.append(problem("E034", rel, start, mark=TORN_ROW_MARK))
                    else:
                        problems.append(problem("E029", rel, start, got=len(row), expected=width))
                    continue
                pending, pending_lines = (start, row), record
            else:
                if pending is not None:
                    line, row = pending
                    pending = None
                    if not ended and len(row) < width:
                        detail = FILE_DETAILS["torn"].format(got=len(row), width=width)
                        problems.append(problem("E026", rel, line, detail=detail))
                    elif _open_at_end("".join(pending_lines), delimiter):
                        detail = FILE_DETAILS["open_to_end"]
                        problems.append(problem("E042", rel, line, detail=detail))
                        if len(pending_lines) > 1:
                            lines = iter(pending_lines[1:])
                            next_line = line + 1
                            restart = True
                    else:
                        yield line, row
        except csv.Error as error:
            start = next_line
            if len(held) > 1 and any(map(new_row, held[1:])):
                problems.append(
                    problem("E042", rel, start, detail=_swallowed(start, held, new_row))
                )
                lines = chain(held[1:], lines)
                next_line = start + 1
            else:
                problems.append(problem("E033", rel, start, detail=_csv_detail(error)))
                next_line = start + len(held)
            restart = True
            if pending is not None:
                yield pending
                pending = None
        if not restart:
            return
        held.clear()
        reader = csv.reader(_holding(lines, held), delimiter=delimiter)


class ReferenceScannedRows(ScannedRows):
    """`ScannedRows` (check's raw-row warnings) over the reference reader's rows."""

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        reference = ReferenceRows(self.path, self.rel, self.kind)
        reference.problems = self.problems

        def rows() -> Iterator[tuple[int, list[str]]]:
            for item in reference:
                self.use(reference.layout)
                yield item

        hashes = RowHashes()
        yield from self.scanned(rows(), hashes)
        self.problems.extend(
            problem("W003", self.rel, line, first_line=first_line)
            for line, first_line in hashes.found()
        )
