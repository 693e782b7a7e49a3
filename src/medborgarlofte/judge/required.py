"""Judging: the one rounding rule that turns what a target asks into a whole count.

docs/bedomning.md §3 ("Krävs hittills"): while a span runs (a period, a year of it, the
current unit), a promise is judged against what the target asks so far rounded down, so
2,99 asks 2; once the span is over it must have all of it, rounded up (done is a whole
number, so done ≥ 156,43 is done ≥ 157). A unit's need (⌈minst × its share⌉) is the same
rule for a unit that is over. Every status, every "krävs" a view shows, and `check
--strikt` take their count from here.
"""

from __future__ import annotations

import math
from fractions import Fraction


def required_count(asked: Fraction | int, over: bool) -> int:
    """The whole count `asked` requires: rounded down while its span runs, up once over."""
    return math.ceil(asked) if over else math.floor(asked)
