"""Model: the values that flow from loading to evaluation. Plain, immutable, no I/O.

Glossary (code name = Swedish word users see):
    PromiseSet   = löftesfil: one period's promises for one kommun
    Period       = löftesperiod (a year, several years, or from-to dates)
    Area         = område
    Promise      = löfte (its `title` = rubrik, its `id` = what is typed)
    Target       = mål
    Activity     = insats/aktivitet: one row of the activity log
    ActivityType = aktivitetstyp (a declared slug)
    Participant  = deltagare
    Tag          = tagg
    Exemption    = utom: a month or date range whose days carry no target
    Unit         = the calendar unit a target counts per (dygn, vecka, ..., år, period)
    block        = how many calendar units make one unit of a target (`per: 3 veckor`: 3)
    Situation    = lägesbild: the problem an area answers, in words
    Indicator    = indikator: an effect followed beside the promises (anmälda brott, ...)
    Baseline     = utgångsläge: an indicator's value before the period
    Measurement  = mätning: one dated value of an indicator (logs/<stem>.matningar.csv)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Final

from medborgarlofte.core.frozen import frozen
from medborgarlofte.core.slugs import fold_slug


class Unit(StrEnum):
    """What a target counts per (`per:`): a calendar unit, or the whole period."""

    PERIOD = "period"
    DAY = "dygn"
    WEEK = "vecka"
    MONTH = "månad"
    QUARTER = "kvartal"
    TERTIAL = "tertial"
    HALF_YEAR = "halvår"
    YEAR = "år"


UNITS: Final = tuple(Unit)
# `per: 3 veckor`: a block of N calendar units counts as one unit (docs/block.md).
MIN_BLOCK: Final = 2
MAX_BLOCK: Final = 1000  # a block ends within the calendar however long the period
# The units that are a whole number of calendar months, starting in January.
MONTHS_PER_UNIT: Final = {
    Unit.MONTH: 1,
    Unit.QUARTER: 3,
    Unit.TERTIAL: 4,
    Unit.HALF_YEAR: 6,
    Unit.YEAR: 12,
}


class Status(StrEnum):
    """A promise's standing as of a date (docs/bedomning.md §3); the Swedish words are in texts."""

    MET = "met"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    MISSED = "missed"
    ONGOING = "ongoing"
    NOT_STARTED = "not_started"


BUILTIN_PARTICIPANTS: Final = {
    "polis": "Polisen",
    "kommun": "Kommunen",
}
LOG_HEADER: Final = (
    "datum",
    "typ",
    "antal",
    "plats",
    "deltagare",
    "taggar",
    "beskrivning",
    "registrerad_av",
    "registrerad",
)
# The last cell `log insats` gives a torn row (a write cut off, e.g. by a killed process)
# when it closes that row before appending its own: the torn row stays, visibly marked,
# and is reported rather than counted, so an append never turns a rejected line into a row.
TORN_ROW_MARK: Final = "avbruten rad"
MEASUREMENT_HEADER: Final = (
    "datum",
    "indikator",
    "värde",
    "källa",
    "registrerad_av",
    "registrerad",
)


@frozen
class Period:
    name: str
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@frozen
class Exemption:
    """One `utom` entry: a calendar month in every year of the period, or a date range."""

    month: int | None = None  # 1-12: that month in every year
    start: date | None = None  # a range from start to end, both included
    end: date | None = None
    name: str | None = None  # a range's name for readers ("jullov"), shown instead of its dates


@frozen
class Target:
    types: tuple[str, ...]  # folded slugs
    minimum: int | None  # None when ongoing
    per: Unit = Unit.PERIOD
    average: bool = False
    participants: tuple[str, ...] = ()  # folded; empty = no filter
    tags: tuple[str, ...] = ()  # folded; empty = no filter
    ongoing: bool = False
    exempt: tuple[Exemption, ...] = ()  # `utom`: days that carry no target (docs/bedomning.md §3)
    block: int = 1  # calendar units per unit of the target: `per: 3 veckor` is 3 weeks
    per_text: str = ""  # `per` as the file writes it ("3 veckor"); empty: the unit's own name

    @property
    def per_written(self) -> str:
        """`per` as the file says it, for machines: "vecka", "3 veckor"."""
        return self.per_text or str(self.per)


@frozen
class Promise:
    id: str
    text: str
    area: str
    responsible: tuple[str, ...]
    target: Target
    line: int = 0
    title: str | None = None  # `rubrik`: a short title for readers; the id is for typing

    @property
    def label(self) -> str:
        """What a reader sees the promise called: its rubrik, else its id."""
        return self.title or self.id

    def counts(
        self, activity_type: str, participants: tuple[str, ...], tags: tuple[str, ...]
    ) -> bool:
        """Whether a row of this (folded) typ, deltagare and taggar counts, dates aside."""
        target = self.target
        if activity_type not in target.types:
            return False
        if target.participants and set(target.participants).isdisjoint(participants):
            return False
        return not (target.tags and set(target.tags).isdisjoint(tags))


class Direction(StrEnum):
    """Which way an indicator should move (`riktning`)."""

    DECREASE = "minska"
    INCREASE = "öka"


@frozen
class Indicator:
    id: str
    name: str
    source: str
    unit: str
    direction: Direction
    baseline_date: date | None  # None: read from the latest measurement before the period
    baseline_value: Decimal | None
    area: str
    target: Decimal | None = None  # the value to reach by the period's end
    line: int = 0


@frozen
class Measurement:
    line: int
    date: date
    indicator_id: str  # as declared in the promise file
    value: Decimal
    source: str = ""
    registered_by: str = ""
    registered: str = ""


@frozen
class Area:
    name: str
    responsible: tuple[str, ...]
    promises: tuple[Promise, ...]
    situation: str | None = None  # lägesbild
    indicators: tuple[Indicator, ...] = ()


@frozen
class PromiseSet:
    path: str  # repo-relative, with forward slashes
    log_path: str  # repo-relative path of its activity log
    kommun: str
    kommun_key: str | None  # folder name under promises/ in a multi-kommun repo, else None
    police_area: str
    period: Period
    activity_types: dict[str, str]  # folded slug -> description
    participants: dict[str, str]  # folded slug -> description (built-ins included)
    areas: tuple[Area, ...]
    signed: date | None = None
    signatories: tuple[str, ...] = ()
    source: str | None = None
    type_names: dict[str, str] = field(default_factory=dict)  # folded -> as written
    kolada: str | None = None  # the kommun's code in Kolada ("2514")

    @property
    def promises(self) -> tuple[Promise, ...]:
        return tuple(p for area in self.areas for p in area.promises)

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for area in self.areas for i in area.indicators)

    def participant_words(self, slugs: Iterable[str]) -> str:
        """Participants as readers say them, by their descriptions: "Polisen eller
        Socialtjänsten" (a slug only when it has no description)."""
        return " eller ".join(self.participants.get(s) or s for s in slugs)

    def type_words(self, slugs: Iterable[str]) -> str:
        """Activity types by their descriptions: "Trygghetsvandring eller Skolbesök"."""
        return " eller ".join(
            self.activity_types.get(s) or self.type_names.get(s, s) for s in slugs
        )

    def indicator(self, indicator_id: str) -> Indicator | None:
        """The indicator `indicator_id` names, compared folded like promise ids."""
        wanted = fold_slug(indicator_id)
        return next((i for i in self.indicators if fold_slug(i.id) == wanted), None)

    def promise(self, promise_id: str) -> Promise | None:
        """The promise `promise_id` names, compared folded (case, spaces, å/ä/ö as typed)."""
        wanted = fold_slug(promise_id)
        return next((p for p in self.promises if fold_slug(p.id) == wanted), None)


@frozen
class PromiseSetHead:
    """What a command over many promise files shows or compares of one besides its
    judgement (oversikt's row; check's overlapping periods and misplaced rows): a helper
    process sends this back instead of the whole set."""

    path: str
    log_path: str
    kommun: str
    kommun_key: str | None
    police_area: str
    period: Period
    promises: int  # how many

    @classmethod
    def of(cls, promise_set: PromiseSet) -> PromiseSetHead:
        return cls(
            promise_set.path,
            promise_set.log_path,
            promise_set.kommun,
            promise_set.kommun_key,
            promise_set.police_area,
            promise_set.period,
            len(promise_set.promises),
        )


@frozen
class Activity:
    line: int
    date: date
    type: str  # folded slug
    count: int
    participants: tuple[str, ...] = ()  # folded
    tags: tuple[str, ...] = ()  # folded
    place: str = ""
    description: str = ""
    registered_by: str = ""
    registered: str = ""
