"""Loading, corrections applied: which rows of a log are struck or erased, and what that takes
out of the tally, of `check`'s problems and of `log lista` (docs/garantier.md, Rättelser).

The side file and the row references are `corrections.py`'s; this reads the log against them.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from medborgarlofte.core.frozen import frozen
from medborgarlofte.core.model import PromiseSet
from medborgarlofte.core.personnummer import find_personal_numbers
from medborgarlofte.core.problems import Problem, Severity, problem, refusal
from medborgarlofte.core.tally import Tally
from medborgarlofte.core.texts import CORRECTION_DETAILS
from medborgarlofte.load.corrections import (
    COMMENT_KEY,
    KEY_COLUMNS,
    MEASUREMENT_KEY,
    Action,
    Correction,
    Corrections,
    Kind,
    RefRow,
    erased_cells_ok,
    key_hash,
    read_corrections,
    reference,
    referenced_rows,
    side_references,
)
from medborgarlofte.load.log_dialect import FATAL_CODES
from medborgarlofte.load.log_file import LogRows, read_activities
from medborgarlofte.load.repo import outside_repo


def struck_lines(
    root: Path, promise_set: PromiseSet, *, strict: bool = False
) -> dict[int, Correction]:
    """The log's struck rows, line -> the record that struck it (empty without strikes).
    `strict` (a command that judges or shows the rows): a corrections file that cannot be
    read is refused, never taken as no strikes."""
    return {line: record for line, _, record in _struck_rows(root, promise_set, strict)[1]}


def readable_corrections(root: Path, promise_set: PromiseSet) -> Corrections:
    """The period's corrections for a command that judges: refused (LofteError, exit 1) when
    the file cannot be read as a whole (a link out of the repo, a folder, a named pipe, not
    UTF-8, no header), since every strike in it would silently count again. A record that
    cannot be read is left out like a log row that cannot (W004 counts it)."""
    corrections = read_corrections(root, promise_set.log_path)
    fatal = [p for p in corrections.problems if p.code in FATAL_CODES]
    if fatal:
        raise refusal("corrections_unreadable", fatal, path=corrections.rel)
    return corrections


def rejected_records(corrections: Corrections) -> int:
    """How many records of a corrections file were left out for their errors."""
    return len({p.line for p in corrections.problems if p.severity is Severity.ERROR})


class _Chosen(LogRows):
    """Some rows of a log, handed to `read_activities` as if they were the whole log."""

    def __init__(self, source: LogRows, chosen: list[tuple[int, list[str]]]) -> None:
        super().__init__(source.path, source.rel)
        self.columns, self.header, self.delimiter = source.columns, source.header, source.delimiter
        self.chosen = chosen

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        return iter(self.chosen)


def _struck_rows(
    root: Path, promise_set: PromiseSet, strict: bool
) -> tuple[LogRows | None, list[tuple[int, list[str], Correction]], Corrections]:
    """One pass over the log: its struck rows as (line, cells, record), in file order, and
    the corrections read (refused when `strict` and unreadable: `readable_corrections`).

    Only the reference's cells are looked at, so this costs a hash per row and nothing
    when the period has no strikes (the side file is read first)."""
    if strict:
        corrections = readable_corrections(root, promise_set)
    else:
        corrections = read_corrections(root, promise_set.log_path)
    struck = corrections.struck()
    path = root / promise_set.log_path
    if not struck or not path.is_file():
        return None, [], corrections
    rows = LogRows(path, promise_set.log_path)
    found: list[tuple[int, list[str], Correction]] = []
    seen: Counter[str] = Counter()
    indices: list[int | None] | None = None
    for line, row in rows:
        if indices is None:
            indices = [rows.columns.get(name) for name in KEY_COLUMNS]
        width = len(row)
        hashed = key_hash([row[i] if i is not None and i < width else "" for i in indices])
        seen[hashed] += 1
        record = struck.get(reference(hashed, seen[hashed]))
        if record is not None:
            found.append((line, row, record))
    return rows, found, corrections


def correction_problems(root: Path, promise_set: PromiseSet) -> list[Problem]:
    """`check` on a log's corrections: each record's own problems, and those only the log
    can show (a reference to no row, a correction whose new row is missing, an erasure whose
    row still holds its text, a personnummer in a reason, an undo that takes back nothing,
    a struck measurement or comment that is not there)."""
    from medborgarlofte.load.comments import comment_rows
    from medborgarlofte.load.measurements import measurement_rows

    corrections = read_corrections(root, promise_set.log_path)
    found = list(corrections.problems)
    rel = corrections.rel
    for record in corrections.records:
        for name, text in (("skäl", record.reason), ("registrerad_av", record.registered_by)):
            for match in find_personal_numbers(text)[:1]:
                found.append(problem("W001", rel, record.line, kind=match.kind, name=name))
    if not corrections.records:
        return found
    found.extend(corrections.undo_problems())
    path = root / promise_set.log_path
    log_rows = LogRows(path, promise_set.log_path)
    rows = {r.ref: r for r in (referenced_rows(log_rows) if path.is_file() else ())}
    if any(p.code in FATAL_CODES for p in log_rows.problems):
        # A log that could not be read (not UTF-8, no header) has its own error; each
        # correction would otherwise add one more for a row that is there all along.
        return found
    side = {
        Action.STRIKE_MEASUREMENT: (measurement_rows(root, promise_set), MEASUREMENT_KEY, "E122"),
        Action.STRIKE_COMMENT: (comment_rows(root, promise_set), COMMENT_KEY, "E123"),
    }
    side_refs: dict[Action, set[str]] = {}
    for record in corrections.records:
        if record.action is Action.UNDO:
            continue  # its row is the one its strike named (E120 when there is none)
        if record.action in side:
            side_rows, key, code = side[record.action]
            if record.action not in side_refs:
                side_refs[record.action] = (
                    {ref for _, ref, _ in side_references(side_rows, key)}
                    if side_rows.path.is_file()
                    else set()
                )
            if record.ref not in side_refs[record.action]:
                found.append(problem(code, rel, record.line, ref=record.ref, file=side_rows.rel))
            continue
        row = rows.get(record.ref)
        if row is None:
            found.append(
                problem("E074", rel, record.line, ref=record.ref, log=promise_set.log_path)
            )
            continue
        if record.action is Action.CORRECT and record.new_ref not in rows:
            found.append(problem("E075", rel, record.line, ref=record.new_ref, row_line=row.line))
        if record.action is Action.ERASE and not erased_cells_ok(row.cells, promise_set):
            found.append(problem("E076", rel, record.line, row_line=row.line))
    found.extend(_strikes_that_say_nothing(rel, corrections, rows))
    return found


def _strikes_that_say_nothing(
    rel: str, corrections: Corrections, rows: dict[str, RefRow]
) -> list[Problem]:
    """A second correction of a row already struck (E090 when its new row counts on top of
    the first correction's: two corrections of one row, one from each of two merged
    branches, count it twice; else W007, as for a second strike, which `undo_problems`
    reports), and a correction whose new row is an old one, not the row appended with it
    (E091: the row is struck and nothing took its place). Read in file order, an `ångra`
    taking a strike back (and striking a correction's copy in its turn)."""
    found: list[Problem] = []
    struck_at: dict[str, Correction] = {}  # the rows struck at each point, by the record
    copy_of: dict[str, Correction] = {}  # the first correction naming each new row
    struck_in_the_end = set(corrections.struck())
    for record in corrections.records:
        if record.action is Action.UNDO:
            taken = struck_at.pop(record.ref, None)
            if taken is not None and taken.action is Action.CORRECT and taken.new_ref:
                struck_at.setdefault(taken.new_ref, record)
            continue
        row = rows.get(record.ref)
        if record.action not in (Action.STRIKE, Action.CORRECT) or row is None:
            continue
        copy = rows.get(record.new_ref) if record.action is Action.CORRECT else None
        why = _why_old(record, row, copy, struck_at, copy_of) if copy is not None else ""
        first = struck_at.get(record.ref)
        if first is not None and record.action is Action.CORRECT:
            if copy is not None and record.new_ref not in struck_in_the_end:
                found.append(
                    problem(
                        "E090", rel, record.line, row_line=row.line, first_line=first.line,
                        copy_line=copy.line,
                    )
                )  # fmt: skip
            else:
                found.append(problem("W007", rel, record.line, first_line=first.line))
        if copy is not None:
            if why and first is None:
                found.append(
                    problem(
                        "E091", rel, record.line, ref=record.new_ref, copy_line=copy.line,
                        row_line=row.line, detail=why,
                    )
                )  # fmt: skip
            copy_of.setdefault(record.new_ref, record)
        struck_at.setdefault(record.ref, record)
    return found


def _why_old(
    record: Correction,
    row: RefRow,
    copy: RefRow,
    struck_at: dict[str, Correction],
    copy_of: dict[str, Correction],
) -> str:
    """Why a correction's new row cannot be the row appended with it, or ''."""
    if copy.line <= row.line:
        return CORRECTION_DETAILS["copy_before"]
    if record.new_ref in copy_of:
        return CORRECTION_DETAILS["copy_taken"].format(line=copy_of[record.new_ref].line)
    if record.new_ref in struck_at:
        return CORRECTION_DETAILS["copy_struck"].format(line=struck_at[record.new_ref].line)
    return ""


def without_struck(
    tally: Tally, root: Path, promise_set: PromiseSet, today: date, *, strict: bool = True
) -> Tally:
    """`tally` with every struck row's contribution taken out: a struck row counts as nothing.

    Works on the Tally, whichever reader made it, so the fast path needs no rule of its own;
    the log is read again (one hash per row) only when the period has struck rows.
    `strict` (every command that judges; `check` reports instead): a corrections file that
    cannot be read is refused, and its records that cannot be read count as skipped rows.
    """
    rows, struck, corrections = _struck_rows(root, promise_set, strict)
    if strict and corrections.problems:
        tally = copy.copy(tally)
        tally.skipped_rows += rejected_records(corrections)
    if rows is None or not struck:
        return tally
    chosen = _Chosen(rows, [(line, cells) for line, cells, _ in struck])
    activities = list(read_activities(chosen, promise_set, today, with_text=False))
    result = tally.minus(Tally.of(promise_set, activities))
    # A struck row that `check` would reject is no longer rejected (see `without_struck_problems`).
    result.skipped_rows = max(0, tally.skipped_rows - (len(struck) - len(activities)))
    return result


def without_struck_problems(
    problems: list[Problem], root: Path, promise_set: PromiseSet
) -> list[Problem]:
    """A log's problems without the errors of its struck rows: a struck row counts for
    nothing, so what was wrong with it no longer matters (`log ratta` is how a row with a
    misspelt typ or an Excel date is fixed). Warnings stay (a personnummer in a struck row
    is still there: `log radera` removes it), except that a struck row is never a copy
    (W003): of rows equal to each other, only those not struck are copies of the first of
    them that is not struck."""
    struck = struck_lines(root, promise_set)
    if not struck:
        return problems
    log = promise_set.log_path
    kept = [
        p
        for p in problems
        if not (p.path == log and p.line in struck and p.severity is Severity.ERROR)
    ]
    if not any(p.code == "W003" and p.path == log for p in kept):
        return kept
    # Found again among the rows not struck: the same rows, one pass, only for a log that
    # has both strikes and copies.
    first_of: dict[tuple[str, ...], int] = {}
    copies: list[Problem] = []
    for line, cells in LogRows(root / log, log):
        if line in struck:
            continue
        first = first_of.setdefault(tuple(cells), line)
        if first != line:
            copies.append(problem("W003", log, line, first_line=first))
    result = [p for p in kept if not (p.code == "W003" and p.path == log)] + copies
    return sorted(result, key=lambda p: (p.path != log, p.line or 0))


@frozen
class ListedRow:
    """A log row for `log lista`: its cells, and the corrections that name it."""

    row: RefRow
    struck: Correction | None
    erased: Correction | None
    replaced_by: int | None  # the line of its corrected copy (`log ratta`)


def listed_rows(root: Path, promise_set: PromiseSet) -> list[ListedRow]:
    """Every row of the period's log in file order, with what struck or erased it."""
    path = root / promise_set.log_path
    refused = outside_repo(root, promise_set.log_path)
    if refused is not None:
        raise refusal("log_refused", [refused], path=promise_set.log_path)
    if not path.is_file():
        return []
    corrections = readable_corrections(root, promise_set)
    struck, erased = corrections.struck(), corrections.erased()
    log_rows = LogRows(path, promise_set.log_path)
    rows = list(referenced_rows(log_rows))
    line_of = {r.ref: r.line for r in rows}
    return [
        ListedRow(
            r,
            struck.get(r.ref),
            erased.get(r.ref),
            line_of.get(struck[r.ref].new_ref)
            if r.ref in struck and struck[r.ref].action is Action.CORRECT
            else None,
        )
        for r in rows
    ]


@frozen
class ListedSideRow:
    """A measurement or comment for `log lista --matningar/--kommentarer`: cells by column."""

    line: int
    ref: str
    cells: dict[str, str]
    struck: Correction | None


def listed_side_rows(
    root: Path, promise_set: PromiseSet, kind: Kind
) -> tuple[str, list[ListedSideRow]]:
    """The period's measurement or comment file (repo-relative) and its rows in file order,
    each with the record that struck it."""
    from medborgarlofte.load.comments import comment_rows
    from medborgarlofte.load.measurements import measurement_rows

    if kind is Kind.MEASUREMENT:
        rows, key = measurement_rows(root, promise_set), MEASUREMENT_KEY
    else:
        rows, key = comment_rows(root, promise_set), COMMENT_KEY
    if not rows.path.is_file():
        return rows.rel, []
    struck = readable_corrections(root, promise_set).struck(kind)
    listed = [
        ListedSideRow(
            line,
            ref,
            {name: cells[i].strip() if i < len(cells) else "" for name, i in rows.columns.items()},
            struck.get(ref),
        )
        for line, ref, cells in side_references(rows, key)
    ]
    return rows.rel, listed
