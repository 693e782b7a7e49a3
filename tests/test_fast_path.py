"""The fast path (log_tally.count_log) agrees with the reference reader and a plain tally.

The reference: tests/reference_log.py + read_activities (an Activity per row), summed per
promise and day by the most direct loop, and its rejected rows counted from the problems it
reports. Both are judged at several dates; every unit, filter and status appears.
"""

from __future__ import annotations

import random
import textwrap
from collections import deque
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reference_log import ReferenceRows

from medborgarlofte.core.model import PromiseSet
from medborgarlofte.core.problems import Severity
from medborgarlofte.core.tally import Tally
from medborgarlofte.judge.evaluate import judge
from medborgarlofte.load import halves, log_reader, log_tally
from medborgarlofte.load.log_file import FATAL_LOG_CODES, LogRows, read_activities
from medborgarlofte.load.promise_file import load_promise_file

TODAY = date(2023, 10, 15)
AS_OF = [date(2022, 12, 31), date(2023, 3, 31), date(2023, 7, 2), TODAY, date(2023, 12, 31)]

PROMISES = textwrap.dedent(
    """\
    kommun: Exempelby
    lokalpolisområde: Exempelområdet
    period: 2023
    aktivitetstyper:
      kontakt: Exempeldata
      trafik: Exempeldata
      vandring: Exempeldata
      skoterstöld: Exempeldata
      möte: Exempeldata
    deltagare:
      grannsamverkan: Exempeldata
      skola: Exempeldata
    områden:
      - namn: Alla enheter
        löften:
          - {id: period, text: t, mål: {typ: kontakt, minst: 40}}
          - {id: period-snitt, text: t, mål: {typ: trafik, minst: 100000, per: period, snitt: true}}
          - {id: dygn, text: t, mål: {typ: kontakt, minst: 1, per: dygn}}
          - {id: dygn-snitt, text: t, mål: {typ: kontakt, minst: 2, per: dygn, snitt: true}}
          - {id: vecka, text: t, mål: {typ: [kontakt, trafik], minst: 3, per: vecka}}
          - {id: vecka-snitt, text: t, mål: {typ: trafik, minst: 4, per: vecka, snitt: true}}
          - {id: manad, text: t, mål: {typ: vandring, minst: 5, per: månad}}
          - {id: kvartal, text: t, mål: {typ: möte, minst: 2, per: kvartal}}
          - {id: tertial, text: t, mål: {typ: skoterstöld, minst: 1, per: tertial}}
          - {id: halvar-snitt, text: t, mål: {typ: möte, minst: 30, per: halvår, snitt: true}}
          - {id: ar, text: t, mål: {typ: vandring, minst: 20, per: år}}
      - namn: Filter och löpande
        löften:
          - id: deltagare
            text: t
            mål: {typ: vandring, minst: 2, per: månad, deltagare: [kommun, grannsamverkan]}
          - id: taggar
            text: t
            mål: {typ: [trafik, kontakt], minst: 3, per: vecka, taggar: [a-traktor, kväll]}
          - id: bada
            text: t
            mål: {typ: möte, minst: 1, per: kvartal, deltagare: [skola], taggar: [skola]}
          - {id: lopande, text: t, mål: {typ: skoterstöld, löpande: true}}
          - {id: lopande-tom, text: t, mål: {typ: kontakt, löpande: true, taggar: [aldrig]}}
    """
)
HEADER = "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad"


def _row(rng: random.Random, day: date) -> list[str]:
    kind = rng.choices(
        ["kontakt", "Kontakt", "trafik", "vandring", "skoterstold", "möte"], [30, 3, 20, 8, 1, 4]
    )[0]
    return [
        day.isoformat(),
        kind,
        rng.choice(["1", "1", "1", "", "2", " 3 ", "70"]),
        rng.choice(["Torget", "Hamnen, norra", ""]),
        rng.choice(["", "polis", "kommun", "polis;grannsamverkan", "Skola", " kommun ; skola"]),
        rng.choice(["", "", "kväll", "A-traktor", "skola;kväll", "helg"]),
        rng.choice(["Exempeldata", 'Exempeldata: "citat", komma', ""]),
        "exempel",
        f"{day.isoformat()}T12:00:00+01:00",
    ]


BROKEN = [
    "2023-02-30,kontakt,1,,,,,,",  # no such date
    "2024-01-02,kontakt,1,,,,,,",  # outside the period
    "2023-11-20,kontakt,1,,,,,,",  # after today
    "20230301,kontakt,1,,,,,,",
    "2023-03-01,okänd,1,,,,,,",
    "2023-03-01,,1,,,,,,",
    "2023-03-01,kontakt,0,,,,,,",
    "2023-03-01,kontakt,1.5,,,,,,",
    "2023-03-01,kontakt,1,,okänd,,,,",
    "2023-03-01,kontakt,1,,,,,,,extra",  # one cell too many
    "2023-03-02,kontakt",  # short: the missing cells are empty, the row counts
    ",,,,,,,,",  # blank
    "",
    "2023-04-01,okänd,1.5,,,,,,",  # two problems, one row
]


def _log_lines(seed: int, rows: int) -> list[str]:
    import csv
    import io

    rng = random.Random(seed)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for _ in range(rows):
        day = date.fromordinal(date(2023, 1, 1).toordinal() + int(rng.random() ** 0.8 * 290))
        writer.writerow(_row(rng, day))
    lines = buffer.getvalue().splitlines()
    for index, broken in enumerate(BROKEN):
        lines.insert((index + 1) * len(lines) // (len(BROKEN) + 2), broken)
    return [HEADER, *lines]


def _promise_set(tmp_path: Path) -> PromiseSet:
    path = tmp_path / "promises" / "2023.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PROMISES, encoding="utf-8")
    promise_set, problems = load_promise_file(path, "promises/2023.yaml", "2023", "logs/2023.csv")
    assert promise_set is not None and not problems, problems
    return promise_set


def _reference(
    path: Path, promise_set: PromiseSet, today: date = TODAY
) -> tuple[list[dict[date, int]], int]:
    rows = ReferenceRows(path, "logs/2023.csv")
    by_promise: list[dict[date, int]] = [{} for _ in promise_set.promises]
    for activity in read_activities(rows, promise_set, today):
        for index, promise in enumerate(promise_set.promises):
            if promise.counts(activity.type, activity.participants, activity.tags):
                daily = by_promise[index]
                daily[activity.date] = daily.get(activity.date, 0) + activity.count
    # A file-level problem (a header that cannot be read) is no rejected row: status
    # refuses such a log as a whole.
    rejected = {
        p.line for p in rows.problems if p.severity is Severity.ERROR and p.line not in (None, 1)
    }
    return by_promise, len(rejected)


def _agree(path: Path, promise_set: PromiseSet, today: date = TODAY) -> set[str]:
    expected, rejected = _reference(path, promise_set, today)
    rows = LogRows(path, "logs/2023.csv")
    tally = log_tally.count_log(rows, promise_set, today)
    assert rows.problems == [] or all(p.line is not None for p in rows.problems)
    assert tally.by_promise == expected
    assert tally.skipped_rows == rejected
    statuses = set()
    reference = Tally(promise_set, expected, rejected)
    for as_of in AS_OF:
        fast, slow = judge(tally, as_of), judge(reference, as_of)
        assert fast == slow
        statuses.update(r.status for r in fast.results)
    return statuses


def _write(tmp_path: Path, lines: list[str], newline: str = "\n", end: bool = True) -> Path:
    path = tmp_path / "logs" / "2023.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = newline.join(lines) + (newline if end else "")
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.fixture(autouse=True)
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks of a few lines, so block edges fall everywhere in a small log."""
    monkeypatch.setattr(log_reader, "BLOCK_BYTES", 700)


def test_fast_path_agrees_with_reference_on_every_unit_filter_and_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    promise_set = _promise_set(tmp_path)
    path = _write(tmp_path, _log_lines(1, 4000))

    def no_handover(*args: object) -> None:
        raise AssertionError("a well-formed log should not need the reference reader")

    monkeypatch.setattr(log_reader.LogRows, "_exact_from", no_handover)
    statuses = _agree(path, promise_set)
    assert statuses == {"met", "on_track", "behind", "missed", "ongoing", "not_started"}


def test_whole_quoted_cells_are_read_from_the_blocks_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Quoted cells with delimiters and doubled quotes in every column (typ and taggar too)
    are cut from the block's bytes, without the line-by-line reader and without a list of
    cells a row (the columns are slices of one list), and count as the reference reader
    counts them."""
    promise_set = _promise_set(tmp_path)
    lines = [line for line in _log_lines(7, 1500) if line.count(",") == 8 and '"' not in line]
    for at in range(1, len(lines), 7):  # quote every cell of some rows, a comma in some
        cells = lines[at].split(",")
        if at % 2:
            cells[5] = cells[5] + ', "kväll"'  # a tag with a comma and quotes: counts nowhere
        lines[at] = ",".join('"' + cell.replace('"', '""') + '"' for cell in cells)

    def line_by_line(*args: object) -> None:
        raise AssertionError("whole quoted cells should not need the line-by-line reader")

    monkeypatch.setattr(log_reader, "rows_in_order", line_by_line)
    path = _write(tmp_path, lines)
    _agree(path, promise_set)
    assert all(isinstance(item, log_reader.Rows) for item in LogRows(path, "x").blocks())


def test_a_row_too_long_and_one_too_short_in_one_block_are_each_judged_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cell too many on one line and one too few on another keep the block's number of
    cells right; the columns would then be shifted, so those two rows are read alone and
    the rows around them in batches."""
    promise_set = _promise_set(tmp_path)
    lines = [line for line in _log_lines(8, 200) if line.count(",") == 8 and '"' not in line]
    lines[10] = lines[10] + ",extra"
    lines[11] = lines[11].rsplit(",", 1)[0]
    monkeypatch.setattr(log_reader, "BLOCK_BYTES", 1 << 20)  # one block
    batches = []
    real = log_tally._Counts._count_rows

    def watched(self: log_tally._Counts, rows: log_reader.Rows) -> None:
        batches.append((rows.line, rows.count))
        real(self, rows)

    monkeypatch.setattr(log_tally._Counts, "_count_rows", watched)
    _agree(_write(tmp_path, lines), promise_set)
    # lines[10] is line 11 (lines[0] the header): too long, left out; line 12 read alone
    assert batches == [(2, 9), (13, len(lines) - 12)]


def test_two_processes_agree_with_reference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    promise_set = _promise_set(tmp_path)
    path = _write(tmp_path, _log_lines(2, 3000))
    monkeypatch.setattr(halves, "TWO_PROCESS_BYTES", 1)
    monkeypatch.setattr(halves, "cores", lambda: 2)
    forked = []
    real_fork = halves.os.fork

    def fork() -> int:
        forked.append(True)
        return real_fork()

    monkeypatch.setattr(halves.os, "fork", fork)
    _agree(path, promise_set)
    assert forked


def test_a_line_break_inside_quotes_hands_over_to_the_reference_reader(tmp_path: Path) -> None:
    promise_set = _promise_set(tmp_path)
    lines = _log_lines(3, 2000)
    lines.insert(
        900, '2023-05-05,kontakt,2,"Torget\nnorra delen",polis,kväll,"rad ett\nrad två",x,'
    )
    _agree(_write(tmp_path, lines), promise_set)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_after_a_hand_over_lines_are_numbered_as_the_reference_reader_numbers_them(
    tmp_path: Path, newline: str
) -> None:
    """The fast path counts no line numbers while it reads; when it hands a block over, the
    reference reader's problems still name the right line."""
    promise_set = _promise_set(tmp_path)
    lines = [line for line in _log_lines(3, 2000) if line.count(",") == 8 and '"' not in line]
    at = len(lines) * 3 // 4
    lines.insert(at, '2023-05-05,kontakt,1,"öppen,polis,kväll,x,y,')  # never closed
    path = _write(tmp_path, lines, newline)
    rows = LogRows(path, "logs/2023.csv")
    log_tally.count_log(rows, promise_set, TODAY)
    reference = ReferenceRows(path, "logs/2023.csv")
    deque(reference, maxlen=0)
    assert at > 500 and [(p.code, p.line) for p in rows.problems] == [("E042", at + 1)]
    assert [(p.code, p.line) for p in rows.problems] == [
        (p.code, p.line) for p in reference.problems
    ]


@pytest.mark.parametrize(
    ("newline", "delimiter", "bom", "end"),
    [("\r\n", ";", True, True), ("\n", ",", False, False), ("\r", ",", False, True)],
)
def test_excel_layouts_and_a_torn_last_line(
    tmp_path: Path, newline: str, delimiter: str, bom: bool, end: bool
) -> None:
    promise_set = _promise_set(tmp_path)
    lines = [line.replace(",", delimiter) for line in _log_lines(4, 1500)]
    lines.append(delimiter.join(["2023-06-01", "kontakt", "1"]))  # torn when `end` is False
    path = _write(tmp_path, lines, newline, end)
    if bom:
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    _agree(path, promise_set)


def test_reordered_and_missing_optional_columns(tmp_path: Path) -> None:
    promise_set = _promise_set(tmp_path)
    lines = _log_lines(5, 1500)
    reordered = []
    for line in lines:
        cells = line.split(",")
        if len(cells) == 9 and '"' not in line:
            reordered.append(",".join([cells[1], cells[6], cells[0], cells[4]]))
    _agree(_write(tmp_path, reordered), promise_set)


def test_logs_counted_in_turn_share_only_what_their_promises_share(tmp_path: Path) -> None:
    """Dates and typ combinations are judged once per process for every log with the same
    period, today and promise targets: a log counted after another whose promises differ
    in any of these (a filter, a declared type or participant, the period, today) or whose
    optional columns differ still gets its own reference tally."""
    variants = [
        PROMISES,
        PROMISES.replace("taggar: [a-traktor, kväll]", "taggar: [helg]"),
        PROMISES.replace("deltagare: [kommun, grannsamverkan]", "deltagare: [polis]"),
        PROMISES.replace("  skola: Exempeldata\n", "").replace(
            "deltagare: [skola], ", "deltagare: [kommun], "
        ),
        PROMISES.replace("      möte: Exempeldata\n", "      mote: Exempeldata\n").replace(
            "typ: möte", "typ: mote"
        ),
        PROMISES.replace("period: 2023", "period: {från: 2023-04-01, till: 2023-09-30}"),
    ]
    lines = _log_lines(6, 800)
    full = _write(tmp_path / "full", lines)
    narrow = _write(
        tmp_path / "narrow",
        [",".join(line.split(",")[:3]) for line in lines if '"' not in line],
    )
    for text in variants * 2:
        (tmp_path / "promises").mkdir(exist_ok=True)
        (tmp_path / "promises" / "2023.yaml").write_text(text, encoding="utf-8")
        promise_set, problems = load_promise_file(
            tmp_path / "promises" / "2023.yaml", "promises/2023.yaml", "2023", "logs/2023.csv"
        )
        assert promise_set is not None and not problems, problems
        for path in (full, narrow):
            for today in (TODAY, date(2023, 6, 30)):
                _agree(path, promise_set, today)


def test_an_unreadable_log_is_an_empty_tally_with_its_problem(tmp_path: Path) -> None:
    promise_set = _promise_set(tmp_path)
    path = _write(tmp_path, [HEADER, "2023-01-02,kontakt,1,,,,,,"])
    path.write_bytes(path.read_bytes() + "2023-01-03,kontakt,1,Göteborg,,,,,\n".encode("cp1252"))
    rows = LogRows(path, "logs/2023.csv")
    tally = log_tally.count_log(rows, promise_set, TODAY)
    assert [p.code for p in rows.problems] == ["E027"]
    assert tally.by_promise == [{} for _ in promise_set.promises]


_CELLS = [
    "2023-03-01",
    "2023-13-01",
    " 2023-03-02",
    "2024-01-01",
    "kontakt",
    "Möte",
    "okänd",
    "",
    " ",
    "1",
    "2",
    "0",
    "70",
    "polis;grannsamverkan",
    "skola",
    "kväll",
    'a "citat"',
    "komma, här",
    "rad\nbrytning",
    "\r",
    "\x00",
    "=1+2",
    "1" * 12,  # antal past 9 digits
    "３",  # a digit, but not an ASCII one
]
# Raw lines put between the rows: quotes left open, before a new row or to the end.
_RAW_LINES = ['2023-03-01,kontakt,1,"öppen', '"', '2023-03-02;kontakt;"x', "x,\"y"]


@given(
    rows=st.lists(
        st.lists(st.sampled_from(_CELLS), min_size=0, max_size=11), min_size=0, max_size=40
    ),
    raw=st.lists(st.sampled_from(['"', ",", "\n", "\r\n", "\r", "x", ";"]), max_size=6),
    end=st.booleans(),
    block=st.sampled_from([16, 64, 700]),
    whole=st.booleans(),
    inserts=st.lists(st.tuples(st.integers(0, 40), st.sampled_from(_RAW_LINES)), max_size=3),
    header=st.sampled_from([HEADER, HEADER + ",Antal", HEADER.replace(",", ";")]),
    newline=st.sampled_from(["\n", "\n", "\r\n", "\r"]),
)
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_log_text_gives_the_reference_tally(
    tmp_path: Path,
    rows: list[list[str]],
    raw: list[str],
    end: bool,
    block: int,
    whole: bool,
    inserts: list[tuple[int, str]],
    header: str,
    newline: str,
) -> None:
    """Arbitrary rows, stray and open quotes, every line end, a column named twice: the fast
    path agrees or hands over."""
    import csv
    import io

    promise_set = _promise_set(tmp_path)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerows(rows)
    lines = buffer.getvalue().split(newline)
    for at, line in inserts:
        lines.insert(min(at, len(lines)), line)
    text = header + newline + newline.join(lines) + "".join(raw)
    if not end:
        text = text.rstrip("\n")
    path = tmp_path / "logs" / "2023.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    expected, rejected = _reference(path, promise_set)
    log_reader.BLOCK_BYTES = 1 << 20 if whole else block  # restored by the small_blocks fixture
    rows = LogRows(path, "logs/2023.csv")
    tally = log_tally.count_log(rows, promise_set, TODAY)
    assert tally.by_promise == expected
    assert tally.skipped_rows == rejected
    reference = ReferenceRows(path, "logs/2023.csv")
    list(reference)
    fatal = [p for p in reference.problems if p.code in FATAL_LOG_CODES]
    assert [p for p in rows.problems if p.code in FATAL_LOG_CODES] == fatal


def test_a_log_of_countless_distinct_bad_cells_keeps_bounded_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tables of judged values start again once full, so memory does not grow with a
    log of distinct bad dates and types, and the tally is still the reference's."""
    monkeypatch.setattr(log_tally, "TABLE_LIMIT", 50)
    promise_set = _promise_set(tmp_path)
    lines = [HEADER]
    for n in range(1500):
        day = f"2023-{n % 12 + 1:02d}-{n % 28 + 1:02d}"
        lines.append(f"{day},kontakt,1,,polis,,Exempeldata,x,")
        lines.append(f"x{n},kontakt,1,,,,Exempeldata,x,")  # a date that is none
        lines.append(f"2023-03-01,okänd-{n},1,,,,Exempeldata,x,")  # an undeclared type
    sizes: list[int] = []
    real = log_tally._Counts._count_cells

    def watched(self: log_tally._Counts, *args: Any) -> None:
        real(self, *args)
        sizes.extend((len(self.day_index), len(self.classes)))

    monkeypatch.setattr(log_tally._Counts, "_count_cells", watched)
    _agree(_write(tmp_path, lines), promise_set)
    assert sizes and max(sizes) < 50 + 200  # the limit, and at most a block's new values
