"""Writing, corrections: strike a log row, correct it, or erase its free text (CONTRACT §6).

Each works under the log's exclusive lock, so the row a line number names cannot change
between reading it and recording the correction, and a concurrent `log insats` waits.

- `strike_row` appends one `stryk` record to the side file (`load/corrections.py`); the log's
  bytes stay as they are.
- With `replace`, the same call is `log ratta`: first the `rätta` record (naming the struck
  row and the reference its corrected copy will have), then the copy appended to the log, both
  under the log's lock. Order matters when a crash lands between the two: the row is then
  struck and its copy missing, so the follow-up under-counts rather than counts twice, and
  `check` says so (E075) at the record, which is the side file's last line and not yet
  committed: remove it and run `log ratta` again.
- `erase_row` first records the erasure (`radera`), then replaces the log atomically: a new
  file beside it, fsync, rename over the old. A crash between leaves a recorded erasure
  whose row still holds its text: `check` says so (E076) and `log radera` again finishes it.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from medborgarlofte.core import texts
from medborgarlofte.core.model import PromiseSet
from medborgarlofte.core.problems import LofteError
from medborgarlofte.load.corrections import (
    CORRECTIONS_HEADER,
    FREE_TEXT_COLUMNS,
    KEY_COLUMNS,
    Action,
    Correction,
    RefRow,
    corrections_rel,
    erase_cells,
    erased_cells_ok,
    key_hash,
    read_corrections,
    reference,
    referenced_rows,
)
from medborgarlofte.load.log_dialect import (
    detect_delimiter,
    first_line,
    fold_column,
    format_row,
)
from medborgarlofte.load.log_file import FATAL_LOG_CODES, LogRows
from medborgarlofte.load.log_reader import raw_record_spans
from medborgarlofte.write.append import append_locked, append_row, locked_file
from medborgarlofte.write.logging_rows import writable_path


@dataclass(frozen=True)
class Struck:
    row: RefRow
    new_line: int | None  # the corrected copy's line (`log ratta`)
    new_cells: dict[str, str] | None


def strike_row(
    root: Path,
    promise_set: PromiseSet,
    line: int,
    reason: str,
    registered_by: str,
    registered: str,
    replace: Callable[[dict[str, str]], dict[str, str]] | None = None,
) -> Struck:
    """Strike row `line` of the period's log (and append `replace(its cells)` after it).

    Refused (LofteError, nothing written): an empty reason, the header, a line that is no
    row, a row already struck, and whatever `replace` refuses.
    """
    reason = _reason(reason)
    log_path = _existing_log(root, promise_set)
    corrections_path = writable_path(root, corrections_rel(promise_set.log_path))
    with locked_file(log_path) as fd:
        rows = _rows(log_path, promise_set)
        target = _row_at(rows, line, promise_set.log_path)
        struck = read_corrections(root, promise_set.log_path).struck()
        if target.ref in struck:
            raise LofteError(_already_struck(line, struck[target.ref], rows))
        new_cells = replace(dict(target.cells)) if replace is not None else None
        new_ref = ""
        if new_cells is not None:
            hashed = key_hash([new_cells.get(c, "") for c in KEY_COLUMNS])
            new_ref = reference(hashed, 1 + sum(1 for r in rows if r.hashed == hashed))
        action = Action.CORRECT if new_cells is not None else Action.STRIKE
        record = _record(action, target.ref, reason, registered_by, registered, new_ref)
        append_row(corrections_path, record, header=CORRECTIONS_HEADER, count_lines=False)
        new_line = None
        if new_cells is not None:
            new_line = append_locked(fd, log_path, new_cells)
    return Struck(target, new_line, new_cells)


@dataclass(frozen=True)
class Erased:
    row: RefRow
    recorded: bool  # False when an earlier, interrupted `log radera` had recorded it


def erase_row(
    root: Path,
    promise_set: PromiseSet,
    line: int,
    reason: str,
    registered_by: str,
    registered: str,
) -> Erased:
    """Replace the free-text cells of row `line` with `[raderad]`, recorded in the side file."""
    reason = _reason(reason)
    log_path = _existing_log(root, promise_set)
    corrections_path = writable_path(root, corrections_rel(promise_set.log_path))
    with locked_file(log_path) as _fd:
        rows = _rows(log_path, promise_set)
        target = _row_at(rows, line, promise_set.log_path)
        if erased_cells_ok(target.cells, promise_set):
            if not any(target.cells[c].strip() for c in FREE_TEXT_COLUMNS):
                raise LofteError(texts.NOTHING_TO_ERASE.format(line=line))
            raise LofteError(texts.ALREADY_ERASED.format(line=line))
        erased = read_corrections(root, promise_set.log_path).erased()
        recorded = target.ref not in erased
        if recorded:
            record = _record(Action.ERASE, target.ref, reason, registered_by, registered)
            append_row(corrections_path, record, header=CORRECTIONS_HEADER, count_lines=False)
        _rewrite_row(log_path, line, erase_cells(target.cells, promise_set))
    return Erased(target, recorded)


def _reason(reason: str) -> str:
    text = " ".join(reason.split())
    if not text:
        raise LofteError(texts.EMPTY_REASON)
    return text


def _existing_log(root: Path, promise_set: PromiseSet) -> Path:
    path = writable_path(root, promise_set.log_path)
    if not path.is_file():
        raise LofteError(texts.NO_LOG.format(log=promise_set.log_path))
    return path


def _rows(path: Path, promise_set: PromiseSet) -> list[RefRow]:
    log_rows = LogRows(path, promise_set.log_path)
    rows = list(referenced_rows(log_rows))
    fatal = [p for p in log_rows.problems if p.code in FATAL_LOG_CODES]
    if fatal:
        raise LofteError(texts.LOG_UNREADABLE.format(log=promise_set.log_path), 1, fatal)
    return rows


def _row_at(rows: list[RefRow], line: int, log_rel: str) -> RefRow:
    if line == 1:
        raise LofteError(texts.ROW_IS_HEADER.format(log=log_rel))
    found = next((r for r in rows if r.line == line), None)
    if found is None:
        last = rows[-1].line if rows else 1
        raise LofteError(texts.NO_SUCH_ROW.format(line=line, log=log_rel, last=last))
    return found


def _already_struck(line: int, by: Correction, rows: list[RefRow]) -> str:
    who = f" av {by.registered_by}" if by.registered_by else ""
    when = f" {by.registered[:10]}" if by.registered else ""
    message = texts.ALREADY_STRUCK.format(line=line, who=who, when=when, reason=by.reason)
    copy = next((r.line for r in rows if by.new_ref and r.ref == by.new_ref), None)
    if copy is not None:
        message += " " + texts.STRUCK_COPY.format(line=copy)
    return message


def _record(
    action: Action, ref: str, reason: str, by: str, at: str, new_ref: str = ""
) -> dict[str, str]:
    values = (action.value, ref, new_ref, reason, by.strip(), at)
    return dict(zip(CORRECTIONS_HEADER, values, strict=True))


def _rewrite_row(path: Path, line: int, cells: dict[str, str]) -> None:
    """Replace the record that starts on `line` with `cells`, every other byte as it was:
    same delimiter, BOM and line ends. Atomic: a new file, fsync, rename over the old."""
    data = path.read_bytes()
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    text = data[len(bom) :].decode("utf-8")
    lines = list(io.StringIO(text, newline=""))
    delimiter = detect_delimiter(first_line(text))
    names: list[str] = []
    previous_end = 0
    for start, previous_end, row in raw_record_spans(text):
        if start == 1:
            names = [fold_column(name) for name in row]
        if start != line:
            continue
        for column in FREE_TEXT_COLUMNS:
            if column in names and names.index(column) < len(row):
                row[names.index(column)] = cells[column]
        last = lines[previous_end - 1]
        ending = last[len(last.rstrip("\r\n")) :]
        replaced = format_row(row, delimiter, ending or "\n").decode("utf-8")
        if not ending:
            replaced = replaced.rstrip("\r\n")
        new_text = "".join(lines[: start - 1]) + replaced + "".join(lines[previous_end:])
        _replace_file(path, bom + new_text.encode("utf-8"))
        return
    raise LofteError(texts.NO_SUCH_ROW.format(line=line, log=path.name, last=previous_end))


def _replace_file(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.ny")
    mode = path.stat().st_mode & 0o7777
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise LofteError(texts.REWRITE_FAILED.format(log=path.name, error=error)) from error
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
