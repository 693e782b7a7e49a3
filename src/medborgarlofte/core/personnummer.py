"""Detection of Swedish personnummer/samordningsnummer in free text (used by check).

The log must hold no personal data, so ``lofte check`` warns when a free-text
cell contains something that looks like a personal identity number. A match
needs all of:

* 10 or 12 digits, optionally with ``-`` or ``+`` before the last four
  (``YYMMDD-NNNN``, ``YYMMDD+NNNN``, ``YYMMDDNNNN``, ``YYYYMMDD-NNNN``,
  ``YYYYMMDDNNNN``), standing alone: not glued to other letters or digits and
  not part of a decimal number;
* a real calendar date, where a day of 61–91 marks a samordningsnummer
  (day + 60). A 12-digit number carries its century (18, 19 or 20); for a
  10-digit one it is unknown, so the date must exist in 19xx or 20xx
  (18xx or 19xx with ``+``, which marks someone 100 years or older);
* a valid Luhn check digit over the 10-digit form.

Phone numbers, ISO dates, postal codes and organisation numbers (whose third
digit is 2 or more, giving a month of 20 or above) fail these rules naturally.
A random 10-digit string that happens to pass is still reported: this is a
warning, and a false alarm costs less than a leaked personnummer.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Literal

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
    (?P<separator>[-+]?)
    (?P<serial>[0-9]{3})(?P<check>[0-9])
    (?!\w)(?![.,][0-9])
    """,
    re.VERBOSE,
)

# Every candidate has six digits in a row (the date), so text without such a
# run can be skipped before the full pattern runs.
_SIX_DIGITS = re.compile(r"[0-9][0-9][0-9][0-9][0-9][0-9]")  # spelt out: re scans faster

_MIN_LENGTH = 10


@dataclass(frozen=True, slots=True)
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
    digits = match["year"] + match["month"] + match["day"] + match["serial"]
    if _luhn_check_digit(digits) != int(match["check"]):
        return None
    return kind


# February counted with its leap day; _may_be_leap_year settles the 29th.
_DAYS_IN_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _may_be_leap_year(match: re.Match[str]) -> bool:
    """Whether the number's year can be a leap year, given what it says of its century."""
    year_in_century = int(match["year"])
    if match["century"] is not None:
        centuries: tuple[int, ...] = (int(match["century"]),)
    elif match["separator"] == "+":
        centuries = (18, 19)  # "+" marks someone 100 years or older
    else:
        centuries = (19, 20)
    return any(calendar.isleap(century * 100 + year_in_century) for century in centuries)


# Luhn doubles every other digit and adds the digits of the product.
_DOUBLED_DIGIT_SUM = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def _luhn_check_digit(digits: str) -> int:
    """The Luhn digit for nine digits, weighted 2, 1, 2, … from the left."""
    values = [int(char) for char in digits]
    total = sum(values[1::2]) + sum(_DOUBLED_DIGIT_SUM[value] for value in values[0::2])
    return (10 - total % 10) % 10
