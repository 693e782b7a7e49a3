"""The one reader (load/log_reader.py) gives the plain reference reader's rows and problems.

The reference (tests/reference_log.py) reads a file as text with the csv module record by
record; the reader reads it in blocks of bytes. For any file text — every line end, BOM or
none, stray and open quotes, quoted line breaks, NUL bytes, rows too long and too short, a
torn last line, either delimiter — both give the same (line, cells) rows and the same
problems in the same order, in blocks of every size.
"""

from __future__ import annotations

import csv
import io
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reference_log import ReferenceRows

from medborgarlofte.load import log_reader
from medborgarlofte.load.comments import COMMENT_KIND
from medborgarlofte.load.log_reader import Rows, read_log

HEADER = "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad"
_CELLS = [
    "",
    " ",
    "2023-03-01",
    "kontakt",
    "2",
    'a "citat"',
    "komma, här",
    "semi;kolon",
    "rad\nbrytning",
    "rad\r\nbrytning",
    "\r",
    "\x00",
    "åäö",
    "=1+2",
    "x" * 40,
]
_RAW = ['2023-03-01,kontakt,1,"öppen', '"', '2023-03-02;kontakt;"x', 'x,"y', "a,b,c", " , ,"]


def _both(path: Path, kind: object = None) -> None:
    args = {} if kind is None else {"kind": kind}
    fast = read_log(path, "logs/2023.csv", **args)  # type: ignore[arg-type]
    reference = ReferenceRows(path, "logs/2023.csv", **args)  # type: ignore[arg-type]
    assert list(fast) == list(reference)
    assert fast.problems == reference.problems
    assert fast.layout == reference.layout


@given(
    rows=st.lists(
        st.lists(st.sampled_from(_CELLS), min_size=0, max_size=11), min_size=0, max_size=30
    ),
    inserts=st.lists(st.tuples(st.integers(0, 30), st.sampled_from(_RAW)), max_size=3),
    tail=st.lists(st.sampled_from(['"', ",", "\n", "\r\n", "\r", "x", ";"]), max_size=5),
    end=st.booleans(),
    bom=st.booleans(),
    block=st.sampled_from([8, 40, 300, 1 << 14]),
    header=st.sampled_from([HEADER, HEADER.replace(",", ";"), "typ,datum", HEADER + ",Typ"]),
    newline=st.sampled_from(["\n", "\n", "\r\n", "\r"]),
)
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_file_reads_as_the_reference_reads_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    rows: list[list[str]],
    inserts: list[tuple[int, str]],
    tail: list[str],
    end: bool,
    bom: bool,
    block: int,
    header: str,
    newline: str,
) -> None:
    monkeypatch.setattr(log_reader, "BLOCK_BYTES", block)
    delimiter = ";" if header.count(";") > header.count(",") else ","
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows)
    lines = buffer.getvalue().split(newline)
    for at, line in inserts:
        lines.insert(min(at, len(lines)), line)
    text = header + newline + newline.join(lines) + "".join(tail)
    if not end:
        text = text.rstrip("\r\n")
    path = tmp_path / "2023.csv"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    _both(path)


def test_rows_of_the_usual_log_come_in_batches(tmp_path: Path) -> None:
    """A log of plain rows, some with whole quoted cells, is one batch of rows a block: no
    row read on its own."""
    lines = [HEADER] + [
        f'2023-03-{n % 28 + 1:02d},kontakt,1,"Torget, norra",polis,,"Exempeldata ""{n}""",x,'
        for n in range(50)
    ]
    path = tmp_path / "2023.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_log(path, "logs/2023.csv").blocks())
    assert [type(item) for item in items] == [Rows]
    assert items[0].row(3) == [
        "2023-03-04", "kontakt", "1", "Torget, norra", "polis", "", 'Exempeldata "3"', "x", "",
    ]  # fmt: skip
    _both(path)


def test_a_row_too_long_a_short_one_and_a_blank_one_are_read_alone(tmp_path: Path) -> None:
    text = textwrap.dedent(
        """\
        datum,typ,antal
        2023-03-01,kontakt,1
        2023-03-02,kontakt,1,extra
        2023-03-03,kontakt
        ,,
        2023-03-04,kontakt,1
        """
    )
    path = tmp_path / "2023.csv"
    path.write_text(text, encoding="utf-8")
    rows = read_log(path, "logs/2023.csv")
    assert list(rows) == [
        (2, ["2023-03-01", "kontakt", "1"]),
        (4, ["2023-03-03", "kontakt"]),
        (6, ["2023-03-04", "kontakt", "1"]),
    ]
    assert [(p.code, p.line) for p in rows.problems] == [("E029", 3)]
    _both(path)


def test_another_kind_of_file_is_read_by_its_own_header(tmp_path: Path) -> None:
    path = tmp_path / "2023.kommentarer.csv"
    path.write_text("datum,kommentar\n2023-03-01,Exempeldata\n", encoding="utf-8")
    _both(path, COMMENT_KIND)
