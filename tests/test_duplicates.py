"""RowHashes finds exactly the rows that repeat an earlier row, with both lines.

The reference is a dict of first lines, row by row. The slot table is made small in some
tests so that collisions are everywhere: a collision must never be reported as a duplicate,
and a duplicate must never be missed.
"""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medborgarlofte.check import duplicates
from medborgarlofte.check.duplicates import RowHashes


def _reference(rows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    first: dict[int, int] = {}
    found = []
    for value, line in rows:
        if value in first:
            found.append((line, first[value]))
        else:
            first[value] = line
    return sorted(found)


def _filled(rows: list[tuple[int, int]]) -> RowHashes:
    hashes = RowHashes()
    for value, line in rows:
        hashes.add(value, line)
    return hashes


def test_a_crowded_slot_table_reports_only_real_duplicates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(duplicates, "_MAX_SLOT_BITS", 12)
    rows = [(hash(f"rad {line}"), line) for line in range(2, 20_002)]  # five rows a slot
    rows += [(hash("rad 7"), 20_002), (hash("rad 19999"), 20_003), (hash("rad 7"), 20_004)]
    assert _filled(rows).found() == [(20_002, 7), (20_003, 19_999), (20_004, 7)]


def test_blocks_of_consecutive_lines_and_single_rows_keep_their_lines() -> None:
    hashes = RowHashes()
    hashes.extend([1, 2, 3], 2)  # lines 2-4
    hashes.add(4, 7)  # a quoted cell spanning lines 5-6 came before
    hashes.extend([5, 1], 8)  # lines 8-9
    hashes.extend([], 10)
    hashes.add(3, 10)
    assert [hashes.line_of(i) for i in range(7)] == [2, 3, 4, 7, 8, 9, 10]
    assert hashes.found() == [(9, 2), (10, 4)]


def test_a_second_half_appended_finds_repeats_across_and_within_it() -> None:
    first = RowHashes()
    first.extend([10, 11, 12, 10], 2)  # lines 2-5, line 5 repeats line 2
    second = RowHashes()
    second.extend([13, 11, 13, 14, 12], 2)  # numbered from 2 by its own process
    second = pickle.loads(pickle.dumps(second))  # as the child sends it
    second.shift_lines(4)  # it starts on line 6
    first.append(second)
    assert first.found() == [(5, 2), (7, 3), (8, 6), (10, 4)]


@given(
    values=st.lists(st.integers(-3, 40), max_size=300),
    gaps=st.lists(st.integers(0, 3), min_size=300, max_size=300),
    cut=st.integers(0, 300),
    spread=st.sampled_from([1, 4096]),
)
@settings(max_examples=150, deadline=None)
def test_any_rows_in_one_part_or_two_match_the_reference(
    values: list[int], gaps: list[int], cut: int, spread: int
) -> None:
    # Values from a small range repeat often; spread by 4096 they all share one slot of
    # the smallest table, spread by 1 they each have their own.
    rows = []
    line = 2
    for value, gap in zip(values, gaps, strict=False):
        rows.append((value * spread + 1, line))
        line += 1 + gap
    expected = _reference(rows)
    assert _filled(rows).found() == expected
    cut = min(cut, len(rows))
    first, second = _filled(rows[:cut]), _filled(rows[cut:])
    first.append(second)
    assert first.found() == expected


@given(values=st.lists(st.integers(-3, 400), max_size=200), at_once=st.sampled_from([-1, 1 << 16]))
@settings(max_examples=100, deadline=None)
def test_the_set_shortcut_and_the_slot_search_agree(values: list[int], at_once: int) -> None:
    """`found` asks a set first for a small log (at_once 1 << 16) or searches the slot table
    at once (-1): the same rows either way, duplicates or none."""
    rows = [(value, line) for line, value in enumerate(values, 2)]
    kept = duplicates._DISTINCT_AT_ONCE
    duplicates._DISTINCT_AT_ONCE = at_once
    try:
        assert _filled(rows).found() == _reference(rows)
    finally:
        duplicates._DISTINCT_AT_ONCE = kept


def test_one_repeat_among_many_distinct_rows_is_found_by_the_shortcut() -> None:
    """The set shortcut answers "no repeats" only when every hash is distinct."""
    rows = [(hash(f"rad {line}"), line) for line in range(2, 3000)]
    rows.append((hash("rad 1500"), 3000))
    hashes = _filled(rows)
    assert len(hashes.hashes) <= duplicates._DISTINCT_AT_ONCE
    assert hashes.found() == [(3000, 1500)]
    assert _filled(rows[:-1]).found() == []


def test_a_part_asked_for_its_repeats_can_still_take_a_second_part() -> None:
    """The shortcut leaves a part unsearched: `append` still finds repeats across parts."""
    first = RowHashes()
    first.extend([1, 2, 3], 2)
    assert first.found() == []
    second = RowHashes()
    second.extend([3, 4], 5)
    first.append(second)
    assert first.found() == [(5, 4)]
