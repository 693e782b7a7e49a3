"""Writing, validated: a measurement from `lofte log matning`, or a year's values from a saved
Kolada response (`lofte import kolada`), as rows for logs/<period>.matningar.csv.

Every check happens before anything is written; a refusal raises LofteError (exit 1).
Planning an import is pure: which years are new, which are already there, which fall
outside the period or have no value, so the command can say so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import field
from datetime import date
from decimal import Decimal
from pathlib import Path

from medborgarlofte.core.frozen import frozen, mutable
from medborgarlofte.core.model import MEASUREMENT_HEADER, Indicator, Measurement, PromiseSet
from medborgarlofte.core.problems import LofteError, Severity, did_you_mean
from medborgarlofte.core.slugs import suggest
from medborgarlofte.core.svformat import format_measure, parse_decimal
from medborgarlofte.core.texts import GENDER_WORDS, INDICATOR_TEXTS, KOLADA_TEXTS
from medborgarlofte.load.kolada import KoladaValue
from medborgarlofte.load.repo import Repo


@frozen(slots=False)
class NewMeasurement:
    day: date
    indicator_id: str  # as declared
    value: Decimal
    source: str
    registered_by: str
    registered: str

    def cells(self) -> dict[str, str]:
        values = (
            self.day.isoformat(),
            self.indicator_id,
            # As written, with a point: the file's own delimiter may be a comma.
            f"{self.value.normalize() if self.value % 1 else self.value.quantize(1):f}",
            self.source,
            self.registered_by,
            self.registered,
        )
        return dict(zip(MEASUREMENT_HEADER, values, strict=True))


def find_indicator(promise_set: PromiseSet, indicator_id: str, after: str = "") -> Indicator:
    """The indicator an id names (compared folded), or a refusal with a did-you-mean."""
    indicator = promise_set.indicator(indicator_id)
    if indicator is not None:
        return indicator
    ids = [i.id for i in promise_set.indicators]
    period = promise_set.period.name
    if not ids:
        text = INDICATOR_TEXTS["none_declared"]
        raise LofteError(text.format(period=period, path=promise_set.path, after=after))
    hint = did_you_mean(suggest(indicator_id, ids))
    text = INDICATOR_TEXTS["unknown"]
    raise LofteError(
        text.format(
            id=indicator_id.strip(),
            period=period,
            hint=" " + hint if hint else "",
            known=", ".join(ids),
            after=after,
        )
    )


def refuse_missing_columns(
    rel: str, columns: Mapping[str, int] | None, cells: Mapping[str, str]
) -> None:
    """Refuse a write whose non-empty cell has no column in the existing file's header: the
    value would be dropped without a word."""
    if columns is None:
        return
    missing = [name for name, value in cells.items() if value and name not in columns]
    if missing:
        text = INDICATOR_TEXTS["missing_column"]
        raise LofteError(text.format(rel=rel, names=", ".join(missing)))


def build_measurement(
    promise_set: PromiseSet,
    *,
    indicator_id: str,
    value: str,
    day: date,
    today: date,
    source: str,
    registered_by: str,
    registered: str,
) -> NewMeasurement:
    """Validate `lofte log matning` input; refuse with a LofteError (exit 1) before writing."""
    if day > today:
        raise LofteError(INDICATOR_TEXTS["future"].format(day=day, today=today))
    indicator = find_indicator(promise_set, indicator_id, " Inget skrevs.")
    number = parse_decimal(value)
    if number is None:
        raise LofteError(INDICATOR_TEXTS["not_a_number"].format(got=value.strip()))
    return NewMeasurement(
        day, indicator.id, number, source.strip(), registered_by.strip(), registered
    )


@mutable
class KoladaPlan:
    """What an import of one indicator's Kolada values into one period will do."""

    new: list[NewMeasurement] = field(default_factory=list)
    already: list[int] = field(default_factory=list)  # years already measured on 31 Dec
    outside: list[int] = field(default_factory=list)  # years whose 31 Dec is outside
    future: list[int] = field(default_factory=list)  # years whose 31 Dec is after today
    nulls: list[int] = field(default_factory=list)  # years Kolada has no value for


def kolada_rows(
    values: Iterable[KoladaValue], code: str, gender: str, name: str
) -> list[KoladaValue]:
    """The values of kommun `code` and `gender`, oldest year first; a refusal when the file
    has none of them, or holds several key figures (one import is one indicator)."""
    found = list(values)
    kept = [v for v in found if v.municipality == code and v.gender == gender]
    if not kept:
        codes = sorted({v.municipality for v in found})
        genders = sorted({v.gender for v in found if v.municipality == code})
        if genders:
            text = KOLADA_TEXTS["no_rows_for_gender"]
            raise LofteError(text.format(name=name, gender=gender, genders=", ".join(genders)))
        text = KOLADA_TEXTS["no_rows_for_code"]
        raise LofteError(text.format(name=name, code=code, codes=", ".join(codes) or "inga"))
    kpis = sorted({v.kpi for v in kept})
    if len(kpis) > 1:
        raise LofteError(KOLADA_TEXTS["several_kpis"].format(name=name, kpis=", ".join(kpis)))
    by_year: dict[int, KoladaValue] = {}
    for value in kept:
        first = by_year.setdefault(value.year, value)
        if first.value != value.value:  # the same value twice is one value; two are a doubt
            raise LofteError(
                KOLADA_TEXTS["two_values"].format(
                    name=name,
                    year=value.year,
                    code=code,
                    gender=gender,
                    first=_shown(first.value),
                    second=_shown(value.value),
                )
            )
    return [by_year[year] for year in sorted(by_year)]


def _shown(value: Decimal | None) -> str:
    return "null" if value is None else format_measure(value)


def plan_kolada_import(
    promise_set: PromiseSet,
    indicator: Indicator,
    values: Iterable[KoladaValue],
    existing: Iterable[Measurement],
    *,
    today: date,
    gender: str,
    registered_by: str,
    registered: str,
    every_period: Sequence[PromiseSet] = (),
) -> KoladaPlan:
    """Which of the kommun's yearly values become new measurements dated 31 December: those
    whose `home_period` among `every_period` (the periods the import writes to) is this one
    (a year before it is its history), not after today, with a value, and not already
    measured that day."""
    taken = {m.date for m in existing if m.indicator_id == indicator.id}
    plan = KoladaPlan()
    for value in values:
        day = date(value.year, 12, 31)
        if home_period(every_period or (promise_set,), day) is not promise_set:
            plan.outside.append(value.year)
        elif day > today:
            plan.future.append(value.year)
        elif value.value is None:
            plan.nulls.append(value.year)
        elif day in taken:
            plan.already.append(value.year)
        else:
            source = KOLADA_TEXTS["source"].format(kpi=value.kpi, gender=GENDER_WORDS[gender])
            plan.new.append(
                NewMeasurement(
                    day, indicator.id, value.value, source, registered_by.strip(), registered
                )
            )
            taken.add(day)
    return plan


def home_period(sets: Iterable[PromiseSet], day: date) -> PromiseSet | None:
    """The period a measurement dated `day` is kept in (docs/publicering.md): the one holding
    the day; else, for a day no period holds, the first period after it, as its history
    (statistics for 2025 published when only the 2026 promises are in the repo). None for a
    day after every period."""
    ordered = sorted(sets, key=lambda s: s.period.start)
    for promise_set in ordered:
        if promise_set.period.contains(day):
            return promise_set
    return next((s for s in ordered if s.period.start > day), None)


def period_for_measurement(
    root: Path, kommun: str | None, day: date, indicator_id: str
) -> PromiseSet:
    """The promise set `lofte log matning` writes to: the period holding `day`, else the first
    period after it that declares the indicator (the day is then history); refused as a
    log entry would be when there is none."""
    from medborgarlofte.write.logging_rows import period_for_writing

    repo = Repo.open(root)
    sets, _ = repo.load(repo.refs_for_kommun(kommun))
    if any(s.period.contains(day) for s in sets):
        return period_for_writing(root, kommun, day)
    later = [s for s in sets if s.period.start > day and s.indicator(indicator_id) is not None]
    kommuner = {s.kommun_key for s in later}
    if len(kommuner) == 1:
        home = home_period(later, day)
        if home is not None:
            return home
    return period_for_writing(root, kommun, day)


def periods_with_indicator(root: Path, indicator_id: str, kommun: str | None) -> list[PromiseSet]:
    """The periods (oldest first) of one kommun that declare the indicator, for an import
    that may span several; a refusal when none does or several kommuner do."""
    repo = Repo.open(root)
    sets, problems = repo.load(repo.refs_for_kommun(kommun))
    having = [s for s in sets if s.indicator(indicator_id) is not None]
    if not having:
        errors = [p for p in problems if p.severity is Severity.ERROR]
        latest = max(sets, key=lambda s: s.period.start, default=None)
        if latest is None:
            raise LofteError(INDICATOR_TEXTS["no_promise_files"], 1, errors)
        try:
            find_indicator(latest, indicator_id, " Inget skrevs.")
        except LofteError as error:
            raise LofteError(error.message, 1, errors) from None
    kommuner = {(s.kommun_key, s.kommun) for s in having}
    if len(kommuner) > 1:
        names = ", ".join(sorted(k or n for k, n in kommuner))
        raise LofteError(INDICATOR_TEXTS["several_kommuner"].format(names=names))
    return sorted(having, key=lambda s: s.period.start)
