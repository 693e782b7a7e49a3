"""The "krävs hittills" rounding lives in one function (judge/required.py,
docs/bedomning.md §3): every status, every view's "krävs" and `check --strikt` use it."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest

from medborgarlofte.judge.required import required_count

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "medborgarlofte"


@pytest.mark.parametrize(
    ("asked", "over", "count"),
    [
        (Fraction(299, 100), False, 2),  # 4 × 273/365: in step with 2
        (Fraction(1095, 7), True, 157),  # 3 × 365/7 = 156,43 at the end: all of it
        (Fraction(12, 7), True, 2),  # a cut week of 6 days with minst 2 needs 2
        (Fraction(6, 7), False, 0),  # the current unit so far
        (Fraction(2), False, 2),
        (Fraction(2), True, 2),
        (0, True, 0),  # a unit with no day that carries a target needs nothing
    ],
)
def test_what_is_asked_rounds_down_while_running_and_up_once_over(
    asked: Fraction, over: bool, count: int
) -> None:
    assert required_count(asked, over) == count


def test_no_other_module_of_judgement_or_its_views_rounds_what_a_target_asks() -> None:
    rounding = re.compile(r"math\.(floor|ceil)\(")
    found = []
    for folder in ("judge", "check"):
        for path in sorted((PACKAGE / folder).glob("*.py")):
            if path.name != "required.py" and rounding.search(path.read_text(encoding="utf-8")):
                found.append(path.name)
    for name in ("status_data.py", "status_table.py", "report_words.py", "detail_table.py"):
        if rounding.search((PACKAGE / "render" / name).read_text(encoding="utf-8")):
            found.append(name)
    assert found == []
