"""Detection of Swedish personnummer/samordningsnummer in free text (check and every writer).

The log must hold no personal data, so ``lofte check`` warns (W001) and every
command that writes refuses a free-text value that may hold a personal identity
number (docs/garantier.md). Privacy errs on the safe side; a match needs:

* 10 or 12 digits, with ``-``, ``+``, one space or nothing before the last
  four (``YYMMDD-NNNN``, ``YYMMDD+NNNN``, ``YYMMDD NNNN``, ``YYMMDDNNNN``,
  ``YYYYMMDD-NNNN``, ``YYYYMMDDNNNN``, …), standing alone: not glued to other
  letters or digits and not part of a decimal number;
* a real calendar date, where a day of 61–91 marks a samordningsnummer
  (day + 60). A 12-digit number carries its century (18, 19 or 20); for a
  10-digit one it is unknown, so the date must exist in 19xx or 20xx
  (18xx or 19xx with ``+``, which marks someone 100 years or older).

The check digit is NOT required: a mistyped number is still a person's number,
and one wrong digit must not let it through. Phone numbers and postal codes
(digits in groups of 2–4), ISO dates with or without a time (``2019-03-12
14:10``) and organisation numbers (whose third digit is 2 or more, giving a
month of 20 or above) fail these rules naturally. A random 10-digit string that
forms a date is still reported: a false alarm costs less than a leaked
personnummer, and ``--inte-personnummer`` lets a known non-number through.
"""

from __future__ import annotations

import re
from typing import Literal

from medborgarlofte.core.frozen import frozen

__all__ = [
    "PersonalNumberKind",
    "PersonalNumberMatch",
    "find_personal_numbers",
    "may_contain_personal_number",
]

PersonalNumberKind = Literal["personnummer", "samordningsnummer"]

_SAMORDNING_DAY_OFFSET = 60

# One pass over the text. \w in the look-arounds keeps letters, digits and
# underscores of any script from touching the number; the [.,]digit guards
# skip the tail of a decimal number such as 0,8112189876.
_PATTERN = re.compile(
    r"""
    (?<!\w)(?<![0-9][.,])
    (?P<century>1[89]|20)?
    (?P<year>[0-9]{2})(?P<month>[0-9]{2})(?P<day>[0-9]{2})
    (?P<separator>[-+ ]?)
    (?P<serial>[0-9]{3})(?P<check>[0-9])
    (?!\w)(?![.,][0-9])
    """,
    re.VERBOSE,
)

# Every candidate has six digits in a row (the date), so text without such a
# run can be skipped before the full pattern runs.
_SIX_DIGITS = re.compile(r"[0-9][0-9][0-9][0-9][0-9][0-9]")  # spelt out: re scans faster

_MIN_LENGTH = 10


@frozen
class PersonalNumberMatch:
    """One personal number found in a text: ``text[start:end]`` is the number."""

    start: int
    end: int
    kind: PersonalNumberKind
    text: str


def may_contain_personal_number(text: str) -> bool:
    """Cheap pre-filter: False means ``find_personal_numbers(text)`` is surely empty."""
    return len(text) >= _MIN_LENGTH and _SIX_DIGITS.search(text) is not None


def find_personal_numbers(text: str) -> list[PersonalNumberMatch]:
    """Every personnummer or samordningsnummer in ``text``, in order of position."""
    if not may_contain_personal_number(text):
        return []
    found: list[PersonalNumberMatch] = []
    for match in _PATTERN.finditer(text):
        kind = _classify(match)
        if kind is not None:
            found.append(PersonalNumberMatch(match.start(), match.end(), kind, match.group()))
    return found


def _classify(match: re.Match[str]) -> PersonalNumberKind | None:
    # Cheapest tests first: most candidates in a log are dates or other numbers.
    month = int(match["month"])
    if not 1 <= month <= 12:
        return None
    day = int(match["day"])
    kind: PersonalNumberKind = "personnummer"
    if day > _SAMORDNING_DAY_OFFSET:
        kind = "samordningsnummer"
        day -= _SAMORDNING_DAY_OFFSET
    if not 1 <= day <= _DAYS_IN_MONTH[month]:
        return None
    if month == 2 and day == 29 and not _may_be_leap_year(match):
        return None
    return kind


# February counted with its leap day; _may_be_leap_year settles the 29th.
_DAYS_IN_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _may_be_leap_year(match: re.Match[str]) -> bool:
    """Whether the number's year can be a leap year, given what it says of its century."""
    from calendar import isleap  # the 29th of February alone asks

    year_in_century = int(match["year"])
    if match["century"] is not None:
        centuries: tuple[int, ...] = (int(match["century"]),)
    elif match["separator"] == "+":
        centuries = (18, 19)  # "+" marks someone 100 years or older
    else:
        centuries = (19, 20)
    return any(isleap(century * 100 + year_in_century) for century in centuries)
