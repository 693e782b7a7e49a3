"""Core: the words `--datum` takes besides ÅÅÅÅ-MM-DD (docs/format.md §6), resolved against today.

`idag`, `igår`, `förrgår`, a weekday (the latest such day, today included: on a Wednesday
`onsdag` is today and `tisdag` yesterday) and `-N` (N days ago). Folded like slugs, so
`igar`, `IGÅR` and `Måndag` are read alike. Pure: today is a parameter.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Final

from medborgarlofte.core.slugs import fold_slug

_DAYS_AGO: Final = {"idag": 0, "igår": 1, "förrgår": 2}
WEEKDAYS: Final = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
_AGO = re.compile(r"^-(\d{1,5})$")


def parse_day(text: str, today: date) -> date | None:
    """The date `text` names, or None when it is no date at all."""
    word = text.strip()
    try:
        if len(word) == 10:
            return date.fromisoformat(word)
    except ValueError:
        return None
    ago = _AGO.match(word)
    if ago:
        return today - timedelta(days=int(ago.group(1)))
    folded = fold_slug(word)
    for name, days in _DAYS_AGO.items():
        if folded == fold_slug(name):
            return today - timedelta(days=days)
    for weekday, name in enumerate(WEEKDAYS):
        if folded == fold_slug(name):
            return today - timedelta(days=(today.weekday() - weekday) % 7)
    return None
