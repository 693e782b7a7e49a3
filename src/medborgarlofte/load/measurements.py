"""Loading and validating measurements: `logs/<period>.matningar.csv`, dated indicator values.

A measurement is one value of one indicator on one date ("anmälda bostadsinbrott 2019: 38").
The file sits beside the period's activity log and follows the log's rules: read through
the log's own row reader (`LogRows`: header by name, `,` or `;`, UTF-8 with or without BOM,
torn rows), appended one locked write at a time, never rewritten. Each rejected row leaves
a located problem and is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Final

from medborgarlofte.core.model import Measurement, PromiseSet
from medborgarlofte.core.personnummer import find_personal_numbers
from medborgarlofte.core.problems import LofteError, Problem, Severity, did_you_mean, problem
from medborgarlofte.core.slugs import suggest
from medborgarlofte.core.svformat import parse_decimal
from medborgarlofte.core.texts import INDICATOR_TEXTS as TEXTS
from medborgarlofte.load.log_dialect import MEASUREMENT_SUFFIX, beside_log
from medborgarlofte.load.log_file import FATAL_LOG_CODES, LogRows
from medborgarlofte.load.repo import outside_repo

REQUIRED_COLUMNS: Final = ("datum", "indikator", "värde")

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def measurements_rel(promise_set: PromiseSet) -> str:
    """A period's measurements, repo-relative: `logs/2019.csv` -> `logs/2019.matningar.csv`."""
    return beside_log(promise_set.log_path, MEASUREMENT_SUFFIX)


def measurement_rows(root: Path, promise_set: PromiseSet) -> LogRows:
    rel = measurements_rel(promise_set)
    return LogRows(root / rel, rel, required=REQUIRED_COLUMNS)


def _date(raw: str, rel: str, line: int, promise_set: PromiseSet, today: date) -> date | Problem:
    text = raw.strip()
    try:
        if not _ISO_DATE.match(text):
            raise ValueError
        day = date.fromisoformat(text)
    except ValueError:
        return problem("E021", rel, line, got=text, detail="")
    period = promise_set.period
    if not period.contains(day):
        return problem(
            "E022", rel, line, date=text, period=period.name, start=period.start, end=period.end
        )
    if day > today:
        return problem("E023", rel, line, date=text, today=today.isoformat())
    return day


def unknown_indicator(raw: str, rel: str, promise_set: PromiseSet, line: int | None) -> Problem:
    ids = [i.id for i in promise_set.indicators]
    return problem(
        "E080",
        rel,
        line,
        id=raw.strip(),
        known=", ".join(ids) or TEXTS["none_known"],
        hint=did_you_mean(suggest(raw, ids)),
    )


def read_measurements(rows: LogRows, promise_set: PromiseSet, today: date) -> Iterator[Measurement]:
    """The valid measurements of a file, streaming; each rejected row adds its problems to
    `rows.problems`."""
    rel = rows.rel
    for line, cells in rows:

        def cell(name: str, cells: list[str] = cells) -> str:
            index = rows.columns.get(name)
            return cells[index] if index is not None and index < len(cells) else ""

        day = _date(cell("datum"), rel, line, promise_set, today)
        found = [day] if isinstance(day, Problem) else []
        raw_id = cell("indikator")
        indicator = promise_set.indicator(raw_id) if raw_id.strip() else None
        if not raw_id.strip():
            found.append(problem("E087", rel, line))
        elif indicator is None:
            found.append(unknown_indicator(raw_id, rel, promise_set, line))
        value = parse_decimal(cell("värde"))
        if value is None:
            found.append(problem("E081", rel, line, got=cell("värde").strip()))
        for match in find_personal_numbers(cell("källa")):
            rows.problems.append(problem("W001", rel, line, kind=match.kind, name="källa"))
        if found:
            rows.problems.extend(found)
            continue
        assert isinstance(day, date) and indicator is not None and value is not None
        yield Measurement(
            line,
            day,
            indicator.id,
            value,
            cell("källa").strip(),
            cell("registrerad_av").strip(),
            cell("registrerad").strip(),
        )


def _refused_link(root: Path, rel: str) -> Problem | None:
    return outside_repo(root, rel)


def load_measurements(
    root: Path, promise_set: PromiseSet, today: date
) -> tuple[list[Measurement], list[Problem]]:
    """A period's measurements (none when the file does not exist) and the problems found.

    An unreadable file (a link out of the repo, not UTF-8, a directory, no header) is fatal
    for a judgement: a trend from half a file would mislead."""
    rows = measurement_rows(root, promise_set)
    refused = _refused_link(root, rows.rel)
    if refused is not None:
        raise LofteError(TEXTS["refused"].format(rel=rows.rel), 1, [refused])
    if not rows.path.exists():
        return [], []
    measurements = list(read_measurements(rows, promise_set, today))
    fatal = [p for p in rows.problems if p.code in FATAL_LOG_CODES]
    if fatal:
        raise LofteError(TEXTS["unreadable"].format(rel=rows.rel), 1, fatal)
    return measurements, rows.problems


def measurement_problems(root: Path, promise_set: PromiseSet, today: date) -> list[Problem]:
    """Every problem of a period's measurements, for `lofte check` (none when it is absent)."""
    rows = measurement_rows(root, promise_set)
    refused = _refused_link(root, rows.rel)
    if refused is not None:
        return [refused]
    if not rows.path.exists():
        return []
    for _ in read_measurements(rows, promise_set, today):
        pass
    return rows.problems


def rejected_rows(problems: list[Problem]) -> int:
    """How many rows the problems reject (a row with two problems is one row)."""
    return len({p.line for p in problems if p.severity is Severity.ERROR})


def read_for_append(
    root: Path, promise_set: PromiseSet, today: date
) -> tuple[list[Measurement], dict[str, int] | None]:
    """What a writer needs before appending: the valid measurements already there and the
    file's columns (None when the file is absent or empty). A file that cannot be read, or a
    link out of the repo, refuses the write (LofteError, exit 1)."""
    rows = measurement_rows(root, promise_set)
    refused = _refused_link(root, rows.rel)
    if refused is not None:
        raise LofteError(TEXTS["link_out_for_writing"].format(rel=rows.rel), 1, [refused])
    if not rows.path.exists():
        return [], None
    measurements = list(read_measurements(rows, promise_set, today))
    fatal = [p for p in rows.problems if p.code in FATAL_LOG_CODES]
    if fatal:
        raise LofteError(TEXTS["unreadable_for_writing"].format(rel=rows.rel), 1, fatal)
    return measurements, (rows.columns or None)
