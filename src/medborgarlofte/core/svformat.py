"""Swedish number and date formatting for renderers.

Every number, date and target a person reads goes through here, so all
output formats speak with one voice:

* Numbers have a decimal comma and thousands grouped by a space
  (``1 234 567``, ``0,78``), also for four digits, so table columns line up.
  Negative numbers take ASCII ``-`` rather than the typographic minus (U+2212):
  it survives terminals, CSV, copy-paste into spreadsheets and grep.
  Rounding is half away from zero on the decimal value that is printed for the
  float (2,675 → 2,68), as a reader rounds by hand.
* Dates: ``2019-06-30`` (ISO 8601 is the Swedish short form) or
  ``30 juni 2019``; weeks ``v. 23`` after ISO 8601.
* Target units (the ``per`` values of a promise file) as words.

Machine formats (JSON, CSV for scripts) keep plain numbers and ISO dates and do
not use this module.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from medborgarlofte.core.model import Exemption
from medborgarlofte.core.texts import block_every, block_noun

__all__ = [
    "format_measure",
    "parse_decimal",
    "MONTH_NAMES",
    "MONTH_SHORT_NAMES",
    "block_label",
    "exempt_in_words",
    "PER_VALUES",
    "format_date_long",
    "format_date_short",
    "format_day_short",
    "format_decimal_trimmed",
    "format_number",
    "format_week",
    "month_label",
    "month_name",
    "month_short_name",
    "per_words",
    "rate_label",
    "target_in_short_words",
    "target_in_words",
    "unit_label",
    "unit_list_words",
    "unit_name",
    "week_label",
]

MONTH_NAMES = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)

MONTH_SHORT_NAMES = (
    "jan",
    "feb",
    "mar",
    "apr",
    "maj",
    "jun",
    "jul",
    "aug",
    "sep",
    "okt",
    "nov",
    "dec",
)

# The `per` values of a target, as written in the promise file.
PER_VALUES = ("period", "dygn", "vecka", "månad", "kvartal", "tertial", "halvår", "år")


# --- numbers -------------------------------------------------------------------------------


def format_number(x: float | int, decimals: int | None = None, *, thousands_sep: str = " ") -> str:
    """A number for people: ``1 234 567``, ``0,78``, ``-1,5``.

    ``decimals=None`` prints an ``int`` whole and a ``float`` with up to two
    decimals, trailing zeros dropped (as ``format_decimal_trimmed``). A number
    of ``decimals`` prints exactly that many.
    """
    if decimals is None:
        if isinstance(x, int):
            return _format_decimal(Decimal(x), thousands_sep)
        return format_decimal_trimmed(x, 2, thousands_sep=thousands_sep)
    return _format_decimal(_rounded(x, decimals), thousands_sep)


def format_decimal_trimmed(
    x: float | int, max_decimals: int = 2, *, thousands_sep: str = " "
) -> str:
    """Up to ``max_decimals`` decimals without trailing zeros: ``3,2``, ``156,43``, ``4``."""
    rounded = _rounded(x, max_decimals)
    if rounded == rounded.to_integral_value():
        rounded = rounded.quantize(Decimal(1))
    else:
        rounded = rounded.normalize()
    return _format_decimal(rounded, thousands_sep)


def _rounded(x: float | int, decimals: int) -> Decimal:
    if decimals < 0:
        raise ValueError(f"decimals must be 0 or more, got {decimals}")
    if isinstance(x, float) and not math.isfinite(x):
        raise ValueError(f"cannot format {x} as a Swedish number")
    # str() of a float is the shortest text that reads back as it: round that, as a person would.
    value = Decimal(x) if isinstance(x, int) else Decimal(str(x))
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _format_decimal(value: Decimal, thousands_sep: str) -> str:
    text = f"{value:f}"
    sign = ""
    if text.startswith("-"):
        text = text[1:]
        # No "-0" when a small negative number rounds to zero.
        sign = "" if value.is_zero() else "-"
    whole, _, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.append(whole[-3:])
        whole = whole[:-3]
    groups.append(whole)
    grouped = thousands_sep.join(reversed(groups))
    return sign + grouped + ("," + fraction if fraction else "")


# A measured value as people write it: `43`, `-1,5`, `12.5`, `1 234,5` (Excel groups
# thousands with a space or a no-break space). ASCII digits only, and no more than fits a
# real measurement, so a hostile cell cannot ask for a huge Decimal.
# Compiled when first read: a start that reads no measured value never needs it.
@cache
def _decimal_text() -> re.Pattern[str]:
    return re.compile(r"^[+-]?[0-9]{1,15}(?:[,.][0-9]{1,10})?$")


_GROUPING = str.maketrans("", "", " \u00a0\u202f")


def parse_decimal(text: str) -> Decimal | None:
    """The exact value of a decimal number written with `,` or `.`, or None."""
    cleaned = text.strip()
    if cleaned[:1] in "+-0123456789":
        cleaned = cleaned.translate(_GROUPING)
    if not _decimal_text().match(cleaned):
        return None
    return Decimal(cleaned.replace(",", "."))


def format_measure(value: Decimal, *, signed: bool = False) -> str:
    """A measured value as written, trailing zeros dropped: ``43``, ``12,5``, ``1 234,25``;
    `signed` puts ``+`` before a positive change."""
    exact = value.normalize() if value != value.to_integral_value() else value.quantize(Decimal(1))
    text = _format_decimal(exact, " ")
    return "+" + text if signed and value > 0 else text


# --- dates ---------------------------------------------------------------------------------


def month_name(month: int) -> str:
    """``januari`` … ``december``."""
    return MONTH_NAMES[_month_index(month)]


def month_short_name(month: int) -> str:
    """``jan`` … ``dec`` (``maj`` is already short)."""
    return MONTH_SHORT_NAMES[_month_index(month)]


def _month_index(month: int) -> int:
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1-12, got {month}")
    return month - 1


def month_label(year: int, month: int) -> str:
    """``jan 2019``."""
    return f"{month_short_name(month)} {year}"


def format_date_short(d: date) -> str:
    """``2019-06-30``."""
    return d.isoformat()


def format_date_long(d: date) -> str:
    """``30 juni 2019``."""
    return f"{d.day} {month_name(d.month)} {d.year}"


def format_day_short(d: date, *, with_year: bool = False) -> str:
    """``3 jan``, or ``3 jan 2019`` ``with_year``."""
    text = f"{d.day} {month_short_name(d.month)}"
    return f"{text} {d.year}" if with_year else text


def week_label(iso_year: int, week: int, with_year: bool = False) -> str:
    """``v. 23``, or ``v. 1 2019`` ``with_year`` (the ISO 8601 week-numbering year)."""
    if not 1 <= week <= 53:
        raise ValueError(f"week must be 1-53, got {week}")
    return f"v. {week} {iso_year}" if with_year else f"v. {week}"


def format_week(d: date, with_year: bool = False) -> str:
    """The ISO week ``d`` falls in: 2019-12-30 is ``v. 1``, or ``v. 1 2020`` ``with_year``."""
    iso = d.isocalendar()
    return week_label(iso.year, iso.week, with_year)


# --- target units --------------------------------------------------------------------------


def _canonical_per(per: str) -> str:
    """``per`` as listed in PER_VALUES; any case and the å/ä/ö-folded spelling (``manad``) too."""
    if per in PER_VALUES:
        return per
    folded = _fold(per)
    for value in PER_VALUES:
        if _fold(value) == folded:
            return value
    raise ValueError(f"unknown per value {per!r}; expected one of {', '.join(PER_VALUES)}")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def rate_label(rate: float | int, per: str, block: int = 1) -> str:
    """``3,2 per vecka``, ``0,78 per dygn``; ``4 under perioden`` for ``per: period``;
    ``1,5 per treveckorsperiod`` for a block."""
    per = _canonical_per(per)
    number = format_number(rate)
    if per == "period":
        return f"{number} under perioden"
    if block > 1:
        return f"{number} per {block_noun(per, block)}"
    return f"{number} per {per}"


def per_words(per: str, block: int = 1) -> str:
    """What a unit of the target is called after "per" or "varje": ``vecka``,
    ``treveckorsperiod``."""
    per = _canonical_per(per)
    return block_noun(per, block) if block > 1 and per != "period" else per


def block_label(
    start: date, end: date, per: str, *, with_year: bool = False, long: bool = False
) -> str:
    """A block of several units named by its dates in the period: ``7–27 jan``,
    ``28 jan–17 feb``, ``30 dec 2019–19 jan 2020``; a block of months by its months:
    ``jan–feb 2019`` (``januari–februari`` as a sentence names it, `long`); of years by its
    years: ``2019–2020``."""
    per = _canonical_per(per)
    if per == "år":
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if per in ("dygn", "vecka"):
        if start == end:
            return format_day_short(start, with_year=with_year)
        if start.year != end.year:
            return (
                f"{format_day_short(start, with_year=True)}–{format_day_short(end, with_year=True)}"
            )
        first = str(start.day) if start.month == end.month else format_day_short(start)
        return f"{first}–{format_day_short(end, with_year=with_year)}"
    name = month_name if long else month_short_name
    if (start.year, start.month) == (end.year, end.month):
        first_words, last_words = name(start.month), ""
    else:
        first_words, last_words = name(start.month), "–" + name(end.month)
    if start.year != end.year:
        return f"{first_words} {start.year}{last_words} {end.year}"
    year = f" {start.year}" if with_year or not long else ""
    return f"{first_words}{last_words}{year}"


def unit_label(start: date, end: date, per: str, *, with_year: bool = False, block: int = 1) -> str:
    """The name of one calendar unit, given its first and last day (in the period).

    ``dygn`` → ``3 jan``, ``vecka`` → ``v. 23``, ``månad`` → ``jan 2019``,
    ``kvartal`` → ``kv. 1 2019``, ``tertial`` → ``tertial 1 2019``,
    ``halvår`` → ``halvår 1 2019``, ``år`` → ``2019``, ``period`` →
    ``2019-01-01–2019-12-31``. Day and week labels carry their year only
    ``with_year``: useful when a period spans several years.
    """
    per = _canonical_per(per)
    if end < start:
        raise ValueError(f"unit ends {end} before it starts {start}")
    if block > 1 and per != "period":
        return block_label(start, end, per, with_year=with_year)
    if per == "period":
        return f"{format_date_short(start)}–{format_date_short(end)}"
    if _unit_key(start, per) != _unit_key(end, per):
        raise ValueError(f"{start} and {end} are not in the same unit ({per})")
    if per == "dygn":
        return format_day_short(start, with_year=with_year)
    if per == "vecka":
        return format_week(start, with_year)
    if per == "månad":
        return month_label(start.year, start.month)
    if per == "år":
        return str(start.year)
    prefix = {"kvartal": "kv.", "tertial": "tertial", "halvår": "halvår"}[per]
    return f"{prefix} {_unit_key(start, per)[1]} {start.year}"


def _unit_key(d: date, per: str) -> tuple[int, int]:
    """(year, number of the unit within that year) of the unit ``d`` falls in."""
    if per == "dygn":
        return d.year, d.timetuple().tm_yday
    if per == "vecka":
        iso = d.isocalendar()
        return iso.year, iso.week
    months_per_unit = {"månad": 1, "kvartal": 3, "tertial": 4, "halvår": 6, "år": 12}[per]
    return d.year, (d.month - 1) // months_per_unit + 1


def target_in_words(
    minimum: int | None,
    per: str,
    average: bool,
    ongoing: bool,
    exempt: Sequence[Exemption] = (),
    block: int = 1,
) -> str:
    """The target as a phrase: ``minst 3 i snitt per vecka``, ``minst 1 varje vecka``,
    ``minst 4 under perioden``, ``löpande``, ``minst 1 varje månad utom juli``,
    ``minst 1 var tredje vecka``, ``minst 2 i snitt varannan månad``.

    ``average`` makes no difference for ``per: period``: the period is one unit.
    """
    return _target_phrase(minimum, per, average, ongoing, block) + exempt_in_words(exempt)


def exempt_in_words(exempt: Sequence[Exemption]) -> str:
    """`` utom juli och 2019-12-21–2020-01-06``, a named range by its name (`` utom jullov``);
    empty without exemptions."""
    if not exempt:
        return ""
    parts = [
        MONTH_NAMES[e.month - 1] if e.month is not None else e.name or f"{e.start}–{e.end}"
        for e in exempt
    ]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " och " + parts[-1]
    return f" utom {listed}"


def _target_phrase(
    minimum: int | None, per: str, average: bool, ongoing: bool, block: int = 1
) -> str:
    if ongoing:
        return "löpande"
    if minimum is None:
        raise ValueError("a target that is not ongoing needs a minimum")
    per = _canonical_per(per)
    at_least = f"minst {format_number(minimum)}"
    if per == "period":
        return f"{at_least} under perioden"
    if block > 1:
        return f"{at_least}{' i snitt' if average else ''} {block_every(per, block)}"
    if average:
        return f"{at_least} i snitt per {per}"
    return f"{at_least} varje {per}"


# --- calendar units as a reader names them ------------------------------------------------

_UNIT_PREFIXES = ("v. ", "kv. ", "tertial ", "halvår ")


def unit_name(start: date, end: date, per: str, *, with_year: bool = False, block: int = 1) -> str:
    """A unit as a sentence names it: ``v. 14``, ``mars``, ``kv. 2``, ``tertial 1``,
    ``halvår 2``, ``3 jan``, ``2019``; each with its year ``with_year`` (``mars 2020``).
    A block by its dates: ``7–27 jan``, ``mars–april``."""
    per = _canonical_per(per)
    if block > 1 and per != "period":
        return block_label(start, end, per, with_year=with_year, long=True)
    if per == "månad":
        name = month_name(start.month)
        return f"{name} {start.year}" if with_year else name
    if per == "vecka":
        # A week cut by the new year names its ISO year: 2019-12-30–31 is "v. 1 2020".
        return unit_label(start, end, per, with_year=with_year or _straddles(start))
    if per == "dygn":
        return unit_label(start, end, per, with_year=with_year)
    label = unit_label(start, end, per)
    if per in ("kvartal", "tertial", "halvår") and not with_year:
        return label.rsplit(" ", 1)[0]
    return label


def _straddles(day: date) -> bool:
    return day.isocalendar().year != day.year


def unit_list_words(
    units: Sequence[tuple[date, date]],
    per: str,
    *,
    with_year: bool = False,
    limit: int = 0,
    block: int = 1,
) -> str:
    """Units (first and last day of each, in order) as a short list: runs of three or more
    become a range (``v. 14–17``, ``mars–maj``); with a `limit`, the pieces past it are
    counted (``v. 2, v. 5, v. 9 och 12 till``). Blocks are each named by their dates."""
    if block > 1 and _canonical_per(per) != "period":
        names = [unit_name(a, b, per, with_year=with_year, block=block) for a, b in units]
        if limit and len(names) > limit:
            return ", ".join(names[:limit]) + f" och {len(names) - limit} till"
        return ", ".join(names)
    runs: list[list[tuple[date, date]]] = []
    for unit in units:
        if runs and runs[-1][-1][1] + timedelta(days=1) == unit[0]:
            runs[-1].append(unit)
        else:
            runs.append([unit])
    pieces: list[tuple[str, int]] = []  # (words, how many units they name)
    for run in runs:
        names = [unit_name(start, end, per, with_year=with_year) for start, end in run]
        if len(run) < 3:
            pieces += [(name, 1) for name in names]
            continue
        first, last = names[0], names[-1]
        for prefix in _UNIT_PREFIXES:
            if first.startswith(prefix) and last.startswith(prefix) and not with_year:
                last = last.removeprefix(prefix)
        pieces.append((f"{first}–{last}", len(run)))
    if limit and len(pieces) > limit:
        rest = sum(count for _, count in pieces[limit:])
        return ", ".join(words for words, _ in pieces[:limit]) + f" och {rest} till"
    return ", ".join(words for words, _ in pieces)


def target_in_short_words(
    minimum: int | None, per: str, average: bool, ongoing: bool, block: int = 1
) -> str:
    """The target for a narrow table: ``3/vecka i snitt``, ``1 varje vecka``, ``4 totalt``,
    ``1 var tredje vecka``."""
    if ongoing or minimum is None:
        return target_in_words(minimum, per, average, ongoing)
    per = _canonical_per(per)
    number = format_number(minimum)
    if per == "period":
        return f"{number} totalt"
    if block > 1:
        return f"{number}{' i snitt' if average else ''} {block_every(per, block)}"
    if average:
        return f"{number}/{per} i snitt"
    return f"{number} varje {per}"
