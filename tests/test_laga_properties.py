"""laga's promise as a property: whatever rows two branches hold, the repaired log holds
each row once — the base's, the ones logged on one branch, the ones added in Excel on the
other — and the kept copy opens the file unchanged."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from medborgarlofte.judge.repair_plan import plan_repair

HEADER = ["datum", "typ", "antal", "plats", "deltagare", "taggar", "beskrivning"]

# Text a spreadsheet leaves alone (no digits: a number or a date it might reformat).
_cell = st.text(alphabet="abcåäö ,;\"'-", max_size=8).map(str.strip)
_row = st.tuples(
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["kontakt", "trygghetsvandring"]),
    st.integers(1, 30).map(str),
    _cell,
    st.just(""),
    st.just(""),
    _cell,
).map(list)


def _csv(rows: list[list[str]], delimiter: str, newline: str) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows([HEADER, *rows])
    return out.getvalue().encode("utf-8")


def _read(data: bytes) -> list[tuple[str, ...]]:
    text = data.decode("utf-8-sig")
    delimiter = (
        ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    )
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    assert rows[0] == HEADER
    return [tuple(r) for r in rows[1:]]


@settings(max_examples=60, deadline=None)
@given(
    base=st.lists(_row, max_size=6, unique_by=tuple),
    logged=st.lists(_row, max_size=3),
    typed=st.lists(_row, max_size=3),
    excel_first=st.booleans(),
)
def test_every_row_once_after_a_union_merge_of_an_excel_resave(
    tmp_path_factory: object, base: list[list[str]], logged: list[list[str]],
    typed: list[list[str]], excel_first: bool,
) -> None:  # fmt: skip
    ours = _csv(base + logged, ",", "\n")
    theirs = b"\xef\xbb\xbf" + _csv(base + typed, ";", "\r\n")
    merged = theirs + ours if excel_first else ours + theirs
    root = Path(str(tmp_path_factory.mktemp("laga")))  # type: ignore[attr-defined]
    plan = plan_repair(root, "logs/2019.csv", merged)
    assert plan is not None
    kept = theirs if excel_first else ours
    assert plan.data.startswith(kept)  # no git here: the copy on top stays, byte for byte
    assert plan.changed == []  # no cell was changed, so no row is only "listed"
    repaired = Counter(_read(plan.data))
    # The kept copy's rows all stay; a row the other copy holds more times than the kept
    # one (logged there, or typed a second time) is added that many times more.
    own, other = (base + typed, base + logged) if excel_first else (base + logged, base + typed)
    expected = Counter(map(tuple, own))
    for row, count in Counter(map(tuple, other)).items():
        expected[row] = max(expected[row], count)
    assert repaired == expected
    wanted = Counter(map(tuple, base + logged + typed))
    assert repaired.keys() == wanted.keys()  # no row lost
