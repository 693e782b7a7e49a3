"""Loading and validating measurements: `logs/<period>.matningar.csv`, dated indicator values.

A measurement is one value of one indicator on one date ("anmälda bostadsinbrott 2019: 38").
One dated before the period is history: statistics lag a year, and the series before the
promises were signed is what they are measured against. The file sits beside the period's
activity log and follows the log's rules: read through
the log's own row reader (`LogRows`: header by name, `,` or `;`, UTF-8 with or without BOM,
torn rows), appended one locked write at a time, never rewritten. Each rejected row leaves
a located problem and is left out.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Final

from medborgarlofte.core.model import Measurement, PromiseSet
from medborgarlofte.core.personnummer import find_personal_numbers
from medborgarlofte.core.problems import LofteError, Problem, Severity, did_you_mean, problem
from medborgarlofte.core.slugs import suggest
from medborgarlofte.core.svformat import parse_decimal
from medborgarlofte.core.texts import INDICATOR_TEXTS as TEXTS
from medborgarlofte.load.repo import outside_repo
from medborgarlofte.load.side_files import MEASUREMENT_SUFFIX, beside_log

if TYPE_CHECKING:
    from medborgarlofte.load.corrections import Correction
    from medborgarlofte.load.log_file import LogRows

REQUIRED_COLUMNS: Final = ("datum", "indikator", "värde")

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def measurements_rel(promise_set: PromiseSet) -> str:
    """A period's measurements, repo-relative: `logs/2019.csv` -> `logs/2019.matningar.csv`."""
    return beside_log(promise_set.log_path, MEASUREMENT_SUFFIX)


def measurement_rows(root: Path, promise_set: PromiseSet) -> LogRows:
    from medborgarlofte.load.log_file import LogRows  # the reader, for a file that exists

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
    if day > period.end:  # one dated before the period is its history (docs/publicering.md)
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
        for name in ("källa", "registrerad_av"):  # the free-text cells
            for match in find_personal_numbers(cell(name)):
                rows.problems.append(problem("W001", rel, line, kind=match.kind, name=name))
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
    rel = measurements_rel(promise_set)
    refused = _refused_link(root, rel)
    if refused is not None:
        raise LofteError(TEXTS["refused"].format(rel=rel), 1, [refused])
    if not (root / rel).exists():
        return [], []
    from medborgarlofte.load.log_file import FATAL_LOG_CODES

    rows = measurement_rows(root, promise_set)
    measurements = list(read_measurements(rows, promise_set, today))
    fatal = [p for p in rows.problems if p.code in FATAL_LOG_CODES]
    if fatal:
        raise LofteError(TEXTS["unreadable"].format(rel=rows.rel), 1, fatal)
    struck = struck_measurements(root, promise_set, strict=True)
    if not struck:
        return measurements, rows.problems
    from medborgarlofte.load.corrections import without_struck_errors

    kept = [m for m in measurements if m.line not in struck]
    return kept, without_struck_errors(rows.problems, struck)


def struck_measurements(
    root: Path, promise_set: PromiseSet, *, strict: bool = False
) -> dict[int, Correction]:
    """The period's struck measurements, line -> the record that struck it (`log stryk
    --matning`): a struck measurement is shown nowhere, in no table, chart or JSON."""
    # Read only here: a period without strikes never loads the corrections' reader.
    from medborgarlofte.load.corrections import Kind, struck_side_rows

    rows = measurement_rows(root, promise_set)
    return struck_side_rows(root, promise_set, Kind.MEASUREMENT, rows, strict=strict)


def measurement_history(
    root: Path, promise_set: PromiseSet, earlier: Iterable[PromiseSet], today: date
) -> list[Measurement]:
    """The measurements of `promise_set`'s indicators kept in the files of the same kommun's
    `earlier` periods (those that end before it starts): its history, shown with its own
    (docs/publicering.md). A file that cannot be read adds nothing here; `check` reports it."""
    wanted = {i.id for i in promise_set.indicators}
    found: list[Measurement] = []
    if not wanted:
        return found
    for other in earlier:
        same_kommun = other.kommun_key == promise_set.kommun_key
        if other.period.end >= promise_set.period.start or not same_kommun:
            continue
        try:
            measured, _ = load_measurements(root, other, today)
        except LofteError:
            continue
        for measurement in measured:
            own = promise_set.indicator(measurement.indicator_id)
            if own is not None:
                found.append(dataclasses.replace(measurement, indicator_id=own.id))
    return found


def load_with_history(
    root: Path,
    promise_set: PromiseSet,
    today: date,
    sets: Iterable[PromiseSet] | None = None,
) -> tuple[list[Measurement], list[Problem]]:
    """`load_measurements` and the history from the same kommun's earlier periods' files;
    `sets` are the repo's promise sets when the caller has them (read here otherwise)."""
    measured, problems = load_measurements(root, promise_set, today)
    if not promise_set.indicators:
        return measured, problems
    if sets is None:
        from medborgarlofte.load.repo import Repo

        sets = Repo.open(root).load()[0]
    return measurement_history(root, promise_set, sets, today) + measured, problems


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
    from medborgarlofte.load.corrections import without_struck_errors

    return without_struck_errors(rows.problems, struck_measurements(root, promise_set))


def rejected_rows(problems: list[Problem]) -> int:
    """How many rows the problems reject (a row with two problems is one row)."""
    return len({p.line for p in problems if p.severity is Severity.ERROR})


def read_for_append(
    root: Path, promise_set: PromiseSet, today: date
) -> tuple[list[Measurement], dict[str, int] | None]:
    """What a writer needs before appending: the valid measurements already there and the
    file's columns (None when the file is absent or empty). A file that cannot be read, or a
    link out of the repo, refuses the write (LofteError, exit 1)."""
    rel = measurements_rel(promise_set)
    refused = _refused_link(root, rel)
    if refused is not None:
        raise LofteError(TEXTS["link_out_for_writing"].format(rel=rel), 1, [refused])
    if not (root / rel).exists():
        return [], None
    from medborgarlofte.load.log_file import FATAL_LOG_CODES

    rows = measurement_rows(root, promise_set)
    measurements = list(read_measurements(rows, promise_set, today))
    fatal = [p for p in rows.problems if p.code in FATAL_LOG_CODES]
    if fatal:
        raise LofteError(TEXTS["unreadable_for_writing"].format(rel=rows.rel), 1, fatal)
    return measurements, (rows.columns or None)
