"""Writing, validated: a spreadsheet's rows into the logs, each validated like `log insats`.

`plan_import` decides, writing nothing: each sheet row is read back to the log's values
(`judge/import_rows`), validated exactly as `lofte log insats` validates its options (a
personnummer refused, the date in a period and not in the future, a declared typ and
deltagare with a did-you-mean, a positive count) and compared by value with the rows the
log already holds, so a row already there (or a re-saved copy of it) is not appended again.
`apply_import` appends the new rows, each in one locked write in the log's own dialect
(`write/append.py`). A refused row is listed with its spreadsheet row number and nothing of
it is written; the others still go in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import field
from datetime import date
from pathlib import Path

from medborgarlofte.core import texts
from medborgarlofte.core.frozen import frozen, mutable
from medborgarlofte.core.model import PromiseSet
from medborgarlofte.core.problems import LofteError, Problem, problem
from medborgarlofte.core.slugs import fold_slug
from medborgarlofte.core.texts import FILE_DETAILS, IMPORT_TEXTS
from medborgarlofte.judge.import_rows import PROVENANCE, ColumnMap, log_values, row_key
from medborgarlofte.load.log_dialect import ISO_DATE, iso_date, parse_count, parse_date, shown
from medborgarlofte.load.log_file import LogRows
from medborgarlofte.load.spreadsheet import Sheet, SheetRow
from medborgarlofte.write.append import append_locked, locked_file
from medborgarlofte.write.logging_rows import (
    build_activity,
    period_for,
    refuse_personal_numbers,
    writable_path,
)

# The free-text columns a personnummer is looked for in, as `log insats` looks in its options.
_FREE_TEXT = ("plats", "beskrivning", "taggar", "registrerad_av")
_NOTHING_WRITTEN = " Inget skrevs."


@frozen(slots=False)
class NewRow:
    """A sheet row that goes into a log: its row number, the log and the cells."""

    number: int
    log_rel: str
    cells: Mapping[str, str]


@frozen(slots=False)
class RefusedRow:
    number: int
    message: str


@mutable
class ImportPlan:
    new: list[NewRow] = field(default_factory=list)
    already: int = 0  # rows the log already holds (by value)
    refused: list[RefusedRow] = field(default_factory=list)
    log_problems: list[Problem] = field(default_factory=list)  # a log that cannot be read


@frozen(slots=False)
class Defaults:
    """What a row gets when the sheet does not say: who logged it and when (now)."""

    registered_by: str
    registered: str


def plan_import(
    root: Path,
    sheet: Sheet,
    columns: ColumnMap,
    sets: Sequence[PromiseSet],
    chosen: PromiseSet | None,
    today: date,
    defaults: Defaults,
) -> ImportPlan:
    """Which rows of `sheet` go into which log, which are there already, which are refused
    and why. `chosen` is the period the command named (every row must lie in it); else each
    row goes to the period of `sets` that holds its date."""
    plan = ImportPlan()
    headings = sheet.header
    provenance = tuple(c for c in PROVENANCE if columns.given(c))
    existing: dict[str, _LogHolds] = {}
    for row in sheet.rows:
        try:
            cells, log_rel = _validated(row, columns, headings, sets, chosen, today, defaults)
        except LofteError as refused:
            plan.refused.append(RefusedRow(row.number, _one_message(refused)))
            continue
        log = existing.get(log_rel)
        if log is None:
            log = existing[log_rel] = _keys_in_log(root, log_rel, provenance, plan)
        lost = _without_column(cells, log.columns)
        if lost:
            message = IMPORT_TEXTS["missing_column"].format(log=log_rel, column=lost)
            plan.refused.append(RefusedRow(row.number, message))
            continue
        held = log.keys
        key = row_key(cells, provenance)
        if held[key] > 0:
            held[key] -= 1
            plan.already += 1
            continue
        plan.new.append(NewRow(row.number, log_rel, cells))
    return plan


def _one_message(error: LofteError) -> str:
    return error.message.removesuffix(_NOTHING_WRITTEN).strip()


def _validated(
    row: SheetRow,
    columns: ColumnMap,
    headings: Sequence[str],
    sets: Sequence[PromiseSet],
    chosen: PromiseSet | None,
    today: date,
    defaults: Defaults,
) -> tuple[dict[str, str], str]:
    """The row's cells as `log insats` would write them, and its log; LofteError why not."""
    for index in row.formulas:
        heading = headings[index] if index < len(headings) else f"kolumn {index + 1}"
        raise LofteError(IMPORT_TEXTS["formula_only"].format(heading=heading))
    values = log_values(row.cells, columns)
    refuse_personal_numbers(
        {
            IMPORT_TEXTS["column_named"].format(heading=_heading(column, columns, headings)): value
            for column, value in values.items()
            if column in _FREE_TEXT
        }
    )
    text = values.get("datum", "").strip()
    day = iso_date(text)
    if day is None:
        detail = FILE_DETAILS["no_such_date"] if ISO_DATE.fullmatch(text) else ""
        if not detail and ("/" in text or "." in text):
            detail = FILE_DETAILS["excel_date"]
        raise LofteError(problem("E021", "", got=shown(text), detail=detail).message)
    promise_set = chosen if chosen is not None else period_for(list(sets), day)
    judged = parse_date(text, promise_set.log_path, promise_set, today)
    if isinstance(judged, Problem):
        raise LofteError(judged.message)
    count = values.get("antal", "").strip()
    judged_count = parse_count(count, promise_set.log_path)
    if isinstance(judged_count, Problem):
        raise LofteError(judged_count.message)
    activity = build_activity(
        promise_set,
        day=day,
        today=today,
        activity_type=_type_slug(values.get("typ", ""), promise_set),
        count=count or "1",
        place=values.get("plats", ""),
        participants=[values.get("deltagare", "")],
        tags=[values.get("taggar", "")],
        description=values.get("beskrivning", ""),
        registered_by=values.get("registrerad_av", "").strip() or defaults.registered_by,
        registered=values.get("registrerad", "").strip() or defaults.registered,
    )
    return activity.cells(), promise_set.log_path


def _heading(column: str, columns: ColumnMap, headings: Sequence[str]) -> str:
    index = columns.indices[column]
    return headings[index] if index < len(headings) else column


def _type_slug(text: str, promise_set: PromiseSet) -> str:
    """A typ cell as a slug: a form's choice is often the type's description, not its slug."""
    folded = fold_slug(text)
    if folded in promise_set.activity_types:
        return text
    for slug, description in promise_set.activity_types.items():
        if description and fold_slug(description) == folded:
            return promise_set.type_names.get(slug, slug)
    return text


@mutable
class _LogHolds:
    """What a log holds: how many times each row (by value), and its columns (folded;
    None for a log not yet written, which gets every column)."""

    keys: Counter[tuple[object, ...]]
    columns: frozenset[str] | None


def _without_column(cells: Mapping[str, str], columns: frozenset[str] | None) -> str:
    """The first column with a value that the log has no column for ('' when none): the
    value would be lost (`append.py` refuses it), so the row is refused before any write.
    `antal` 1 is what a missing column reads as; who and when, lofte fills in itself."""
    if columns is None:
        return ""
    for column, value in cells.items():
        if not value.strip() or column in columns or column in PROVENANCE:
            continue
        if column == "antal" and value.strip() == "1":
            continue
        return column
    return ""


def _keys_in_log(
    root: Path, log_rel: str, provenance: tuple[str, ...], plan: ImportPlan
) -> _LogHolds:
    """How many times the log holds each row, by value, and its columns."""
    held: Counter[tuple[object, ...]] = Counter()
    path = root / log_rel
    if not path.exists() or not path.stat().st_size:
        return _LogHolds(held, None)
    rows = LogRows(path, log_rel)
    for _, cells in rows:
        values = {
            name: cells[index] if index < len(cells) else "" for name, index in rows.columns.items()
        }
        held[row_key(values, provenance)] += 1
    fatal = [p for p in rows.problems if p.code in ("E002", "E020", "E027", "E043")]
    plan.log_problems.extend(fatal)
    return _LogHolds(held, frozenset(rows.columns))


def apply_import(root: Path, plan: ImportPlan) -> list[tuple[NewRow, int | None]]:
    """Append the plan's new rows, log by log, each log under one lock: (row, line)."""
    written: list[tuple[NewRow, int | None]] = []
    by_log: dict[str, list[NewRow]] = {}
    for row in plan.new:
        by_log.setdefault(row.log_rel, []).append(row)
    for log_rel, rows in by_log.items():
        path = writable_path(root, log_rel)
        with locked_file(path, log_rel, root) as fd:
            for row in rows:
                line = append_locked(fd, path, row.cells, rel=log_rel)
                written.append((row, line))
    return written


def refused_lines(plan: ImportPlan, file: str) -> list[str]:
    return [
        texts.IMPORT_TEXTS["refused_row"].format(file=file, number=r.number, message=r.message)
        for r in plan.refused
    ]
