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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from medborgarlofte.core import texts
from medborgarlofte.core.model import PromiseSet
from medborgarlofte.core.problems import LofteError, Problem, refusal
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
    raw_record_spans,
)
from medborgarlofte.load.log_file import FATAL_LOG_CODES, LogRows
from medborgarlofte.write.append import (
    append_locked,
    append_row,
    check_appendable,
    locked_file,
)
from medborgarlofte.write.logging_rows import writable_path
from medborgarlofte.write.safe_write import replace_whole


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
    with locked_file(log_path, promise_set.log_path, root) as fd:
        rows, _ = _rows(log_path, promise_set)
        target = _row_at(rows, line, promise_set.log_path)
        corrections = read_corrections(root, promise_set.log_path)
        struck = corrections.struck()
        if target.ref in struck:
            raise LofteError(_already_struck(line, struck[target.ref], rows))
        new_cells = replace(dict(target.cells)) if replace is not None else None
        new_ref = ""
        if new_cells is not None:
            hashed = key_hash([new_cells.get(c, "") for c in KEY_COLUMNS])
            new_ref = reference(hashed, 1 + sum(1 for r in rows if r.hashed == hashed))
            _refuse_named(new_ref, corrections.records, corrections.rel)
            # what would refuse the copy refuses before the strike is recorded
            check_appendable(fd, new_cells, rel=promise_set.log_path)
        action = Action.CORRECT if new_cells is not None else Action.STRIKE
        record = _record(action, target.ref, reason, registered_by, registered, new_ref)
        append_row(
            corrections_path, record, header=CORRECTIONS_HEADER, count_lines=False, root=root
        )
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
    with locked_file(log_path, promise_set.log_path, root) as _fd:
        rows, problems = _rows(log_path, promise_set)
        target = _row_at(rows, line, promise_set.log_path)
        if erased_cells_ok(target.cells, promise_set):
            if not any(target.cells[c].strip() for c in FREE_TEXT_COLUMNS):
                raise LofteError(texts.NOTHING_TO_ERASE.format(line=line))
            raise LofteError(texts.ALREADY_ERASED.format(line=line))
        opened = [p for p in problems if p.code == "E042" and (p.line or 0) <= line]
        if opened:  # the rows from there on are not sure to be the rows the file holds
            raise refusal(
                "erase_open_quote", opened[:1], name=promise_set.log_path,
                line=opened[0].line, row=line,
            )  # fmt: skip
        # The new file, made and proved before anything is recorded: a refusal from here on
        # leaves no erasure recorded that could never be carried out.
        erased_cells = erase_cells(target.cells, promise_set)
        data = _erased_file(log_path, promise_set.log_path, line, erased_cells)
        erased = read_corrections(root, promise_set.log_path).erased()
        recorded = target.ref not in erased
        if recorded:
            record = _record(Action.ERASE, target.ref, reason, registered_by, registered)
            append_row(
                corrections_path, record, header=CORRECTIONS_HEADER, count_lines=False, root=root
            )
        replace_whole(root, log_path, data)
    return Erased(target, recorded)


def _refuse_named(new_ref: str, records: list[Correction], rel: str) -> None:
    """Refuse a corrected copy whose reference the side file already names (a correction
    whose copy never came, E075): the new record would name a row another one names, and
    `check` could not tell which correction the row belongs to (E091)."""
    for record in records:
        if new_ref in (record.ref, record.new_ref):
            raise refusal("copy_named", name=rel, line=record.line, ref=new_ref)


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


def _rows(path: Path, promise_set: PromiseSet) -> tuple[list[RefRow], list[Problem]]:
    """The log's rows with their references, and the problems of reading them."""
    log_rows = LogRows(path, promise_set.log_path)
    rows = list(referenced_rows(log_rows))
    fatal = [p for p in log_rows.problems if p.code in FATAL_LOG_CODES]
    if fatal:
        raise LofteError(texts.LOG_UNREADABLE.format(log=promise_set.log_path), 1, fatal)
    return rows, list(log_rows.problems)


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


def _erased_file(path: Path, rel: str, line: int, cells: dict[str, str]) -> bytes:
    """The log's bytes with the record that starts on `line` holding `cells`' free text, every
    other byte as it was: same delimiter, BOM and line ends, each other record untouched.

    Proved before it is used: read back, the new bytes must give the very records the old
    ones gave, the erased one with only its free-text cells changed. Refused (LofteError,
    nothing written) otherwise, so an erasure can never split, join or move a row."""
    data = path.read_bytes()
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    try:
        text = data[len(bom) :].decode("utf-8")
    except UnicodeDecodeError:
        raise refusal("erase_unsafe", name=rel, row=line) from None
    lines = list(io.StringIO(text, newline=""))
    delimiter = detect_delimiter(first_line(text))
    before = list(raw_record_spans(text))
    names = [fold_column(name) for name in before[0][2]] if before else []
    for index, (start, end, row) in enumerate(before):
        if start != line:
            continue
        new_row = list(row)
        for column in FREE_TEXT_COLUMNS:
            if column in names and names.index(column) < len(new_row):
                new_row[names.index(column)] = cells[column]
        last = lines[end - 1]
        ending = last[len(last.rstrip("\r\n")) :]
        replaced = format_row(new_row, delimiter, ending or "\n").decode("utf-8")
        if not ending:
            replaced = replaced[: -len("\n")]
        new_text = "".join(lines[: start - 1]) + replaced + "".join(lines[end:])
        expected = [r for _, _, r in before]
        expected[index] = new_row
        if [r for _, _, r in raw_record_spans(new_text)] != expected:
            raise refusal("erase_unsafe", name=rel, row=line)
        return bom + new_text.encode("utf-8")
    last_line = before[-1][1] if before else 1
    raise LofteError(texts.NO_SUCH_ROW.format(line=line, log=rel, last=last_line))
