"""Writing, corrections: strike a log row, correct it, or erase its free text (docs/garantier.md).

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
- `undo_row` appends one `ångra` record: the strike or correction of a row is taken back,
  and the corrected copy a correction had is struck by the same record (`log angra`).
- `strike_side` and `undo_side` do the same for a measurement or a comment, under the lock of
  their own file; `move_comment` strikes a comment and appends it anew under another period or
  promise (`log kommentar --flytta`).
- `erase_row` first records the erasure (`radera`), then replaces the log atomically: a new
  file beside it, fsync, rename over the old. A crash between leaves a recorded erasure
  whose row still holds its text: `check` says so (E076) and `log radera` again finishes it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

from medborgarlofte.core import texts
from medborgarlofte.core.frozen import frozen
from medborgarlofte.core.model import PromiseSet
from medborgarlofte.core.problems import LofteError, Problem, refusal
from medborgarlofte.load.corrections import (
    COMMENT_KEY,
    CORRECTIONS_HEADER,
    FREE_TEXT_COLUMNS,
    KEY_COLUMNS,
    MEASUREMENT_KEY,
    Action,
    Correction,
    Kind,
    RefRow,
    corrections_rel,
    erase_cells,
    erased_cells_ok,
    key_hash,
    reference,
    referenced_rows,
    side_references,
)
from medborgarlofte.load.log_dialect import (
    detect_delimiter,
    first_line,
    fold_column,
    format_row,
)
from medborgarlofte.load.log_file import FATAL_LOG_CODES, LogRows
from medborgarlofte.load.log_reader import raw_record_spans
from medborgarlofte.load.struck import readable_corrections
from medborgarlofte.write.append import (
    append_locked,
    append_row,
    check_appendable,
    locked_file,
)
from medborgarlofte.write.logging_rows import writable_path
from medborgarlofte.write.safe_write import replace_whole


@frozen(slots=False)
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
        corrections = readable_corrections(root, promise_set)
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


@frozen(slots=False)
class Undone:
    row: RefRow
    copy_line: int | None  # the corrected copy, struck now (an undone `log ratta`)


def undo_row(
    root: Path,
    promise_set: PromiseSet,
    line: int,
    reason: str,
    registered_by: str,
    registered: str,
) -> Undone:
    """Take back the strike or correction of row `line` (or of the correction whose copy is
    row `line`): one `ångra` record; the row counts again and a corrected copy is struck.

    Refused (LofteError, nothing written): an empty reason, the header, no such row, a row
    neither struck nor a correction's copy, a copy struck by an earlier undo."""
    reason = _reason(reason)
    log_path = _existing_log(root, promise_set)
    corrections_path = writable_path(root, corrections_rel(promise_set.log_path))
    with locked_file(log_path, promise_set.log_path, root):
        rows, _ = _rows(log_path, promise_set)
        target = _row_at(rows, line, promise_set.log_path)
        struck = readable_corrections(root, promise_set).struck()
        line_of = {r.ref: r.line for r in rows}
        by_ref = {r.ref: r for r in rows}
        record = struck.get(target.ref)
        if record is not None and record.action is Action.UNDO:
            original = line_of.get(record.ref)
            raise LofteError(texts.UNDO_OF_UNDO.format(line=line, original=original or record.ref))
        if record is None:
            # the corrected copy named: take back the correction that made it
            record = next(
                (
                    r
                    for r in struck.values()
                    if r.action is Action.CORRECT and r.new_ref == target.ref
                ),
                None,
            )
            if record is None or record.ref not in by_ref:
                raise LofteError(texts.NOT_STRUCK.format(line=line))
            target = by_ref[record.ref]
        new_ref = record.new_ref if record.action is Action.CORRECT else ""
        onward = struck.get(new_ref) if new_ref else None
        if onward is not None and onward.action is Action.CORRECT:
            # the copy was corrected in its turn: taking back only the first correction
            # would count this row and the latest copy both
            raise LofteError(
                texts.UNDO_COPY_CORRECTED.format(
                    line=target.line,
                    copy=line_of.get(new_ref, new_ref),
                    next=line_of.get(onward.new_ref, onward.new_ref),
                )
            )
        undo = _record(Action.UNDO, target.ref, reason, registered_by, registered, new_ref)
        append_row(
            corrections_path, undo, header=CORRECTIONS_HEADER, count_lines=False, root=root
        )
    return Undone(target, line_of.get(new_ref) if new_ref else None)


@frozen(slots=False)
class SideRow:
    """A row of a measurement or comment file, as a strike names it."""

    rel: str
    line: int
    ref: str
    cells: dict[str, str]


def _side_file(root: Path, promise_set: PromiseSet, kind: Kind) -> Path:
    """The period's measurements or comments file, to be written beside; refused when absent."""
    from medborgarlofte.load.comments import comments_rel
    from medborgarlofte.load.measurements import measurements_rel

    rel = measurements_rel(promise_set) if kind is Kind.MEASUREMENT else comments_rel(promise_set)
    path = writable_path(root, rel)
    if not path.is_file():
        raise LofteError(texts.NO_SIDE_FILE.format(file=rel))
    return path


def _side_rows(root: Path, promise_set: PromiseSet, kind: Kind) -> list[SideRow]:
    """The rows of the period's measurements or comments file, each with its reference."""
    from medborgarlofte.load.comments import comment_rows
    from medborgarlofte.load.measurements import measurement_rows

    _side_file(root, promise_set, kind)
    if kind is Kind.MEASUREMENT:
        rows, key = measurement_rows(root, promise_set), MEASUREMENT_KEY
    else:
        rows, key = comment_rows(root, promise_set), COMMENT_KEY
    found = [
        SideRow(
            rows.rel,
            line,
            ref,
            {name: cells[i] if i < len(cells) else "" for name, i in rows.columns.items()},
        )
        for line, ref, cells in side_references(rows, key)
    ]
    fatal = [p for p in rows.problems if p.code in FATAL_LOG_CODES]
    if fatal:
        raise LofteError(texts.LOG_UNREADABLE.format(log=rows.rel), 1, fatal)
    return found


def _side_row_at(rows: list[SideRow], line: int, rel: str, kind: Kind) -> SideRow:
    option = "--matningar" if kind is Kind.MEASUREMENT else "--kommentarer"
    found = next((r for r in rows if r.line == line), None)
    if found is None:
        last = rows[-1].line if rows else 1
        raise LofteError(
            texts.SIDE_NO_SUCH_ROW.format(line=line, file=rel, last=last, option=option)
        )
    return found


_STRIKE_OF = {Kind.MEASUREMENT: Action.STRIKE_MEASUREMENT, Kind.COMMENT: Action.STRIKE_COMMENT}


def strike_side(
    root: Path,
    promise_set: PromiseSet,
    kind: Kind,
    line: int,
    reason: str,
    registered_by: str,
    registered: str,
) -> SideRow:
    """Strike measurement or comment `line` of the period (`log stryk --matning/--kommentar`):
    one record in the log's corrections; the file itself is unchanged."""
    reason = _reason(reason)

    def strike(target: SideRow, struck: dict[str, Correction]) -> dict[str, str]:
        if target.ref in struck:
            by = struck[target.ref]
            who = f" av {by.registered_by}" if by.registered_by else ""
            when = f" {by.registered[:10]}" if by.registered else ""
            raise LofteError(
                texts.SIDE_ALREADY_STRUCK.format(
                    line=line, file=target.rel, who=who, when=when, reason=by.reason
                )
            )
        return _record(_STRIKE_OF[kind], target.ref, reason, registered_by, registered)

    return _side_record(root, promise_set, kind, line, strike)


def undo_side(
    root: Path,
    promise_set: PromiseSet,
    kind: Kind,
    line: int,
    reason: str,
    registered_by: str,
    registered: str,
) -> SideRow:
    """Take back the strike of measurement or comment `line` (`log angra --matning/...`)."""
    reason = _reason(reason)

    def undo(target: SideRow, struck: dict[str, Correction]) -> dict[str, str]:
        if target.ref not in struck:
            raise LofteError(texts.SIDE_NOT_STRUCK.format(line=line, file=target.rel))
        return _record(Action.UNDO, target.ref, reason, registered_by, registered)

    return _side_record(root, promise_set, kind, line, undo)


def _side_record(
    root: Path,
    promise_set: PromiseSet,
    kind: Kind,
    line: int,
    record_for: Callable[[SideRow, dict[str, Correction]], dict[str, str]],
) -> SideRow:
    """Append the correction `record_for(row, the kind's struck rows)` makes for measurement
    or comment `line`, the file read and the record written under its lock; `record_for`
    refuses (LofteError) before anything is written."""
    corrections_path = writable_path(root, corrections_rel(promise_set.log_path))
    path = _side_file(root, promise_set, kind)  # read only under the lock
    with locked_file(path, None, root):
        rows = _side_rows(root, promise_set, kind)
        target = _side_row_at(rows, line, rows[0].rel if rows else path.name, kind)
        struck = readable_corrections(root, promise_set).struck(kind)
        record = record_for(target, struck)
        append_row(
            corrections_path, record, header=CORRECTIONS_HEADER, count_lines=False, root=root
        )
    return target


@frozen(slots=False)
class Moved:
    old: SideRow
    new_rel: str
    new_line: int | None
    promise_id: str


def move_comment(
    root: Path,
    source: PromiseSet,
    line: int,
    target: PromiseSet,
    promise_id: str | None,
    registered_by: str,
    registered: str,
    today: date,
) -> Moved:
    """`log kommentar --flytta`: strike comment `line` of `source` and append it, with its date,
    text and author, under `promise_id` (default: its own) in `target`'s comments. Refused
    before anything is written: a comment that is already there, a date the target period
    takes no comment on, an unknown promise."""
    from medborgarlofte.load.comments import (
        COMMENT_GRACE_DAYS,
        COMMENT_KIND,
        build_comment,
        comments_rel,
        takes_comment,
    )

    rows = _side_rows(root, source, Kind.COMMENT)
    old = _side_row_at(rows, line, rows[0].rel if rows else source.log_path, Kind.COMMENT)
    wanted = promise_id if promise_id is not None else old.cells.get("löfte", "")
    try:
        day = date.fromisoformat(old.cells.get("datum", "").strip())
    except ValueError:
        raise LofteError(texts.MOVE_BAD_DATE.format(line=line, file=old.rel)) from None
    if not takes_comment(target.period, day):
        raise LofteError(
            texts.COMMENT_OUTSIDE_PERIOD.format(
                day=day, period=target.period.name, days=COMMENT_GRACE_DAYS
            )
        )
    comment = build_comment(
        target,
        promise_id=wanted,
        day=day,
        today=max(today, day),
        text=old.cells.get("kommentar", ""),
        registered_by=old.cells.get("registrerad_av", "").strip() or registered_by,
        registered=registered,
    )
    same_file = target.log_path == source.log_path
    was = source.promise(old.cells.get("löfte", ""))
    if same_file and was is not None and was.id == comment.promise_id:
        raise LofteError(texts.MOVE_SAME.format(id=comment.promise_id, period=target.period.name))
    reason = texts.MOVED_REASON.format(id=comment.promise_id, period=target.period.name)
    strike_side(root, source, Kind.COMMENT, line, reason, registered_by, registered)
    new_rel = comments_rel(target)
    new_line = append_row(
        writable_path(root, new_rel), comment.cells(), kind=COMMENT_KIND, rel=new_rel, root=root
    )
    return Moved(old, new_rel, new_line, comment.promise_id)


@frozen(slots=False)
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
        erased = readable_corrections(root, promise_set).erased()
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
