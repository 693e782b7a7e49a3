"""The fast check (check.check_log) finds what the reference per-row path finds.

The reference: ScannedRows + read_activities, row by row (`_reference_paths` puts it in
`run_check`'s place). Both must give the same problems, codes, lines, messages and order, for logs
holding every kind of row problem and warning, in small blocks and large, in one process
and in two.
"""

from __future__ import annotations

import csv
import io
import textwrap
from collections import deque
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reference_log import ReferenceScannedRows

from medborgarlofte.check import check_blocks
from medborgarlofte.check import run as check_run
from medborgarlofte.check.check_blocks import check_log
from medborgarlofte.check.run import run_check
from medborgarlofte.check.scanned_rows import ScannedRows
from medborgarlofte.core.model import PromiseSet
from medborgarlofte.core.problems import Problem
from medborgarlofte.core.tally import Tally
from medborgarlofte.load import halves, log_reader
from medborgarlofte.load.log_dialect import fold_column as fold
from medborgarlofte.load.log_file import LogRows, read_activities
from medborgarlofte.load.log_reader import unquoted_block
from medborgarlofte.load.promise_file import load_promise_file

TODAY = date(2023, 10, 15)
PROMISES = textwrap.dedent(
    """\
    kommun: Exempelby
    lokalpolisområde: Exempelområdet
    period: 2023
    aktivitetstyper:
      kontakt: Exempeldata
      trafik: Exempeldata
    deltagare:
      grannsamverkan: Exempeldata
      skola: Exempeldata
    områden:
      - namn: Exempeldata
        löften:
          - {id: kontakter, text: t, mål: {typ: kontakt, minst: 4, per: månad}}
    """
)
HEADERS = [
    "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad",
    "typ,datum,beskrivning,deltagare",  # another order, no antal
    "datum,typ,antal,Antal",  # a column named twice
]
# Cells of every kind: valid, and each problem and warning check can find.
_CELLS = {
    "datum": ["2023-03-01", "2023-03-02", "2023-02-30", "5/3/2023", "2024-01-02", "2023-11-20", ""],
    "typ": ["kontakt", "Trafik", "okänd", "", "-kontakt", " kontakt "],
    "antal": ["1", "2", "", "1,5", "0", "-3", "+2", "70", "1" * 12, "３"],
    "plats": ["Torget", "Hamnen, norra", "=SUMMA(A1)", "@x", "rad\nbrytning", "", "Älvbrön"],
    "deltagare": ["", "skola", "skola;grannsamverkan", "okänd", "Skola"],
    "taggar": ["", "kväll", "a;b"],
    "beskrivning": [
        "Exempeldata",
        "ring 811218-9876",
        'sa "hej"',
        "123456",
        "+46 70",
        "",
        'möte, "tält" på ön',
    ],
    "registrerad_av": ["exempel", "exempel-2"],
    "registrerad": ["2023-03-01T12:00:00+01:00", "20230301120000"],
}

# Cells of rows with no problem or warning: blocks of them take the block reader's fastest
# path, and a row repeated on another path (a torn last line, the rest of a log after a
# quoted line end) must still be found a duplicate.
_VALID = {
    "datum": ["2023-03-01", "2023-03-02"],
    "typ": ["kontakt", "Trafik"],
    "antal": ["1", "2", ""],
    "plats": ["Torget", "Hamnen, norra", "Älvbrön"],
    "deltagare": ["", "skola"],
    "taggar": ["", "kväll"],
    "beskrivning": ["Exempeldata", 'möte, "tält" på ön', ""],
    "registrerad_av": ["exempel"],
    "registrerad": ["2023-03-01T12:00:00+01:00"],
}


def _promise_set(tmp_path: Path) -> PromiseSet:
    path = tmp_path / "promises" / "2023.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PROMISES, encoding="utf-8")
    promise_set, problems = load_promise_file(path, "promises/2023.yaml", "2023", "logs/2023.csv")
    assert promise_set is not None, problems
    return promise_set


def _reference(path: Path, promise_set: PromiseSet, today: date = TODAY) -> list[Problem]:
    rows = ReferenceScannedRows(path, "logs/2023.csv")
    deque(read_activities(rows, promise_set, today, with_text=False), maxlen=0)
    return sorted(rows.problems, key=Problem.sort_key)


def _fast(path: Path, promise_set: PromiseSet, today: date = TODAY) -> list[Problem]:
    rows = ScannedRows(path, "logs/2023.csv")
    check_log(rows, promise_set, today)
    return sorted(rows.problems, key=Problem.sort_key)


@pytest.fixture(autouse=True)
def _restore() -> Iterator[None]:
    block, two, cores = log_reader.BLOCK_BYTES, halves.TWO_PROCESS_BYTES, halves.cores
    halves.cores = lambda: 2  # the two-process path runs on a one-core machine too
    yield
    log_reader.BLOCK_BYTES, halves.TWO_PROCESS_BYTES, halves.cores = block, two, cores


def _quote(cell: str, delimiter: str, always: bool) -> str:
    if always or any(c in cell for c in (delimiter, '"', "\n", "\r")):
        return '"' + cell.replace('"', '""') + '"'
    return cell


@st.composite
def _logs(draw: st.DrawFn) -> str:
    header = draw(st.sampled_from(HEADERS))
    delimiter = draw(st.sampled_from([",", ";"]))
    names = header.split(",")
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    lines = [delimiter.join(names)]
    previous: list[str] = []
    for _ in range(draw(st.integers(0, 30))):
        kinds = ["row"] * 6 + ["valid"] * 3 + ["again"] * 2 + ["short", "long", "blank", "raw"]
        kind = draw(st.sampled_from(kinds))
        if kind == "again" and previous:
            row = previous
        else:
            cells = _VALID if kind == "valid" else _CELLS
            row = [draw(st.sampled_from(cells[fold(name)])) for name in names]
        if kind == "short":
            row = row[: draw(st.integers(1, len(names) - 1))]
        elif kind == "long":
            row = [*row, draw(st.sampled_from(["extra", "¤"]))]
        elif kind == "blank":
            row = [""] * draw(st.integers(0, len(names)))
        if kind == "raw":
            lines.append(
                draw(
                    st.sampled_from(
                        ['"oavslutad', "  ", "a\rb", "x\x00y", '2023-03-01,kontakt,"öppen', 'b"c']
                    )
                )
            )
            continue
        always = draw(st.booleans())
        lines.append(delimiter.join(_quote(c, delimiter, always) for c in row))
        previous = row
    text = newline.join(lines)
    return text + newline if draw(st.booleans()) else text


@given(
    text=_logs(),
    block=st.sampled_from([32, 200, 1 << 14]),
    two=st.booleans(),
)
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_fast_check_finds_what_the_reference_finds(
    tmp_path: Path, text: str, block: int, two: bool
) -> None:
    promise_set = _promise_set(tmp_path)
    path = tmp_path / "logs" / "2023.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    log_reader.BLOCK_BYTES = block  # the block reader check shares with status (1 << 14: one)
    halves.TWO_PROCESS_BYTES = 0 if two else 8 << 20
    assert _fast(path, promise_set) == _reference(path, promise_set)


def test_a_large_generated_log_in_two_processes(tmp_path: Path) -> None:
    """Many blocks, duplicates across the halves, every problem kind among valid rows."""
    promise_set = _promise_set(tmp_path)
    rows = [
        ["2023-03-01", "kontakt", "1", "Torget", "", "", "Exempeldata", "exempel", ""],
        ["2023-03-02", "trafik", "2", "Hamnen, norra", "skola", "", "", "exempel", ""],
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADERS[0].split(","))
    broken = [
        ["2023-02-30", "kontakt"],
        ["2023-11-20", "kontakt", "1"],
        ["2023-03-01", "okänd", "1,5", "", "okänd"],
        ["2023-03-01", "kontakt", "1", "=1+1", "", "", "ring 811218-9876"],
        [""] * 12,
    ]
    for n in range(6000):
        row = [*rows[n % 2][:8], f"2023-03-01T{n:06d}"]  # a unique row, six digits in a cell
        row[8] = f"T{n}"
        writer.writerow(row)
        if n % 500 == 250:
            writer.writerow(broken[(n // 500) % len(broken)])
        if n % 700 == 1:
            writer.writerow(rows[n % 2])  # a duplicate, near and far
    path = tmp_path / "logs" / "2023.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    halves.TWO_PROCESS_BYTES = 0
    log_reader.BLOCK_BYTES = 4096
    expected = _reference(path, promise_set)
    assert {p.code for p in expected} >= {"E021", "E023", "E024", "E025", "W001", "W002", "W003"}
    assert _fast(path, promise_set) == expected


def test_logs_checked_in_turn_share_only_what_judges_their_cells(tmp_path: Path) -> None:
    """Known valid and invalid cells are shared by every log checked in this process whose
    cells are judged alike: a log checked after another with other declared types or
    participants, another period or another today still gets the reference's problems."""
    import random

    rng = random.Random(7)
    names = HEADERS[0].split(",")
    plain = {name: [c for c in cells if "\n" not in c] for name, cells in _CELLS.items()}
    # Mostly rows that look valid (a cell each variant may judge otherwise), a few of any kind.
    usual = {
        "datum": ["2023-03-01", "2023-03-02", "2023-11-20"],
        "typ": ["kontakt", "Trafik"],
        "antal": ["1", "2", ""],
        "plats": ["Torget"],
        "deltagare": ["", "skola", "Skola"],
        "taggar": ["", "kväll"],
        "beskrivning": ["Exempeldata"],
        "registrerad_av": ["exempel"],
    }
    rows = [
        [rng.choice((plain if n % 10 == 0 else usual).get(name, ["x"])) for name in names]
        for n in range(300)
    ]
    for n, row in enumerate(rows):
        row[-1] = f"2023-03-01T12:00:{n:04d}"  # no duplicates
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([names, *rows])
    path = tmp_path / "logs" / "2023.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    variants = [
        PROMISES,
        PROMISES.replace("  trafik: Exempeldata\n", ""),
        PROMISES.replace("  skola: Exempeldata\n", ""),
        PROMISES.replace("period: 2023", "period: {från: 2023-03-02, till: 2023-12-31}"),
    ]
    for text in variants * 2:
        promise_file = tmp_path / "promises" / "2023.yaml"
        promise_file.parent.mkdir(parents=True, exist_ok=True)
        promise_file.write_text(text, encoding="utf-8")
        promise_set, problems = load_promise_file(
            promise_file, "promises/2023.yaml", "2023", "logs/2023.csv"
        )
        assert promise_set is not None, problems
        for today in (TODAY, date(2023, 3, 1)):
            assert _fast(path, promise_set, today) == _reference(path, promise_set, today)


def _reference_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """`run_check` reading every log row by row: the reference for check and the tally."""

    def check_log(rows: ScannedRows, promise_set: PromiseSet, today: date) -> None:
        deque(read_activities(rows, promise_set, today, with_text=False), maxlen=0)

    def count_log(rows: LogRows, promise_set: PromiseSet, today: date) -> Tally:
        return Tally.of(promise_set, read_activities(rows, promise_set, today, with_text=False))

    monkeypatch.setattr(check_run, "check_log", check_log)
    monkeypatch.setattr(check_run, "count_log", count_log)


def test_run_check_fast_and_exact_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _promise_set(tmp_path)
    log = tmp_path / "logs" / "2023.csv"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(
        HEADERS[0] + "\n2023-03-01,kontakt,1,,,,,,\n2023-03-01,kontakt,1,,,,,,\n"
        "2024-01-02,kontakt,1,,,,,,\n2023-03-01,kontakt,1,=A1,,,,,\n",
        encoding="utf-8",
    )
    fast = run_check(tmp_path, TODAY)
    _reference_paths(monkeypatch)
    assert fast.problems == run_check(tmp_path, TODAY).problems
    assert [(p.line, p.code) for p in fast.problems if p.path == "logs/2023.csv"] == [
        (3, "W003"),
        (4, "E022"),
        (5, "W002"),
    ]


def test_a_log_whose_every_row_is_short(tmp_path: Path) -> None:
    """Every line one cell short (the last, deltagare): the missing cell reads as empty."""
    promise_set = _promise_set(tmp_path)
    path = tmp_path / "logs" / "2023.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = "".join(f"kontakt,2023-03-0{n},Exempeldata {n}\n" for n in range(1, 8))
    path.write_text(HEADERS[1] + "\n" + rows + "kontakt,2023-03-01,Exempeldata 1\n", "utf-8")
    expected = _reference(path, promise_set)
    assert [(p.line, p.code) for p in expected] == [(9, "W003")]
    assert _fast(path, promise_set) == expected


def test_strict_check_judges_as_the_reference_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """--strikt: problems from the block path, the tally from status's fast path; the same
    S001/S002 as the row-by-row reference, at dates with every status."""
    project = Path(__file__).resolve().parent.parent
    for per in ("2019-03-31", "2019-06-30", "2019-09-30", "2019-12-31"):
        day = date.fromisoformat(per)
        fast = run_check(project, date(2019, 12, 31), per=day)
        with monkeypatch.context() as patched:
            _reference_paths(patched)
            exact = run_check(project, date(2019, 12, 31), per=day)
        assert fast.problems == exact.problems, per
        assert fast.judged_as_of == day
    assert {p.code for p in fast.problems} == {"S002"}


def test_a_short_line_then_a_long_one_is_not_read_as_two_whole_lines(tmp_path: Path) -> None:
    """One line a cell short and the next a cell long hold as many cells as two whole
    lines: the block's columns would still read as valid, one cell off in the second line
    (its datum "x" read from its second cell), were the line ends not where the width puts
    them. The reference reader finds the long line's problems; so must the block reader."""
    promise_set = _promise_set(tmp_path)
    path = tmp_path / "logs" / "2023.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    short = "2023-03-01,kontakt,1,Torget,,,Exempeldata,exempel"
    long = "x,2023-03-02,kontakt,1,Torget,,,Exempeldata,exempel,2023-03-01T12:00:00+01:00"
    path.write_text(f"{HEADERS[0]}\n{short}\n{long}\n", encoding="utf-8")
    expected = _reference(path, promise_set)
    assert [p.line for p in expected if p.severity.name == "ERROR"] != []
    assert {p.line for p in expected} == {3}
    assert _fast(path, promise_set) == expected


def test_a_last_line_one_cell_long_is_found(tmp_path: Path) -> None:
    """The extra cell of a block's last line sits where a line-end cell would: only the
    number of cells tells the block reader that the line is long."""
    promise_set = _promise_set(tmp_path)
    path = tmp_path / "logs" / "2023.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    row = "2023-03-01,kontakt,1,Torget,,,Exempeldata,exempel,2023-03-01T12:00:00+01:00"
    path.write_text(f"{HEADERS[0]}\n{row}\n{row.replace('03-01,', '03-02,')},extra\n", "utf-8")
    expected = _reference(path, promise_set)
    assert [p.line for p in expected] == [3]
    assert _fast(path, promise_set) == expected


def _csv_lines(block: str, delimiter: str) -> list[str]:
    rows = csv.reader(io.StringIO(block, newline=""), delimiter=delimiter)
    return ["\x00".join(row) for row in rows]


@given(
    lines=st.lists(
        st.one_of(
            st.text(alphabet='aå ;,"', max_size=12),  # any quotes anywhere
            st.lists(
                st.tuples(st.sampled_from(["", "a", "b ö", "x,y", "x;y", 'q"r']), st.booleans()),
                min_size=1,
                max_size=4,
            ).map(lambda cells: [_quote(c, ",", q) for c, q in cells]),
        ),
        min_size=1,
        max_size=8,
    ),
    delimiter=st.sampled_from([",", ";"]),
)
@settings(max_examples=400, deadline=None)
def test_a_block_unquoted_at_once_reads_as_the_csv_module_reads_it(
    lines: list[str | list[str]], delimiter: str
) -> None:
    """log_dialect.unquoted_block (as check reads a block) gives up (None) or gives each
    line's cells as csv reads them."""
    texts = [line if isinstance(line, str) else delimiter.join(line) for line in lines]
    block = "".join(text + "\n" for text in texts)
    text = block.replace(delimiter, "\x00").encode()
    unquoted = unquoted_block(text, delimiter.encode())
    if unquoted is not None:
        assert unquoted.decode().split("\n")[:-1] == _csv_lines(block, delimiter)


def test_whole_quoted_cells_are_unquoted_at_once() -> None:
    block = 'a,"b, c",d\n"e",f,""\n"g","h, i"\n"""",x,"y ""z"", w"\n'
    assert unquoted_block(block.replace(",", "\x00").encode(), b",") == (
        b'a\x00b, c\x00d\ne\x00f\x00\ng\x00h, i\n"\x00x\x00y "z", w\n'
    )
    for hard in ('a,"b"c\n', 'a"b",c\n', '"a"""b"\n', '"a\n', '"a\nb"\n', 'a, "b"\n'):
        assert unquoted_block(hard.replace(",", "\x00").encode(), b",") is None, hard


@pytest.mark.parametrize(
    "tail",
    [
        "{row}",  # a torn last line: read by the reference reader
        '2023-03-01,kontakt,1,"två\nrader",,,,,\n{row}\n',  # the rest of the log, after it
    ],
)
def test_a_row_repeated_on_the_reference_path_is_a_duplicate(tmp_path: Path, tail: str) -> None:
    """Rows the block reader hashes (as UTF-8) and rows it hands the reference reader are
    hashed alike: a row with non-ASCII text found again on the other path is a W003."""
    promise_set = _promise_set(tmp_path)
    path = tmp_path / "logs" / "2023.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    row = '2023-03-01,kontakt,1,Älvbrön,,,"möte, på ön",exempel,2023-03-01T12:00:00+01:00'
    other = row.replace("03-01,", "03-02,", 1)
    path.write_text(f"{HEADERS[0]}\n{row}\n{other}\n" + tail.format(row=row), "utf-8")
    log_reader.BLOCK_BYTES = 64  # a block a line
    expected = _reference(path, promise_set)
    assert [p.code for p in expected] == ["W003"]
    assert _fast(path, promise_set) == expected


def _nothing_proved(root: Path, log_rel: str) -> check_run._LogFolder:
    return check_run._LogFolder(log_rel.rpartition("/")[0], None, frozenset())


_ROW = "2023-03-01,kontakt,1,,,,,,\n"
_COMMENTS = "datum,löfte,kommentar,registrerad_av,registrerad\n2023-03-01,okänt,x,a,b\n"


@pytest.mark.parametrize(
    "layout",
    [
        {},  # no log, nothing beside it
        {"logs/2023.csv": _ROW},
        {"logs/2023.csv": _ROW, "logs/2023.kommentarer.csv": _COMMENTS},
        {"logs/2023.csv": _ROW, "logs/2023.KOMMENTARER.csv": _COMMENTS},  # another name here
        {"logs/2023.csv": _ROW, "logs/2023.matningar.csv": "x\n"},
        {"logs/2023.csv": _ROW, "logs/2023.rattelser.csv": "åtgärd,rad,skäl\nstryk,abc,x\n"},
        {"logs/2023.csv": "->outside/2023.csv"},  # the log a link out of the repo
        {"logs/2023.csv": "->logs/real.csv", "logs/real.csv": _ROW},  # a link inside
        {"logs/2023.csv": "->outside/none.csv"},  # a dangling link
        {"logs/2023.csv": _ROW, "logs/2023.kommentarer.csv": "->outside/2023.csv"},
        {"logs/2023.csv": _ROW, "logs/2023.matningar.csv": "->outside/2023.csv"},
        {"logs": "->outside"},  # the log's folder a link out: every file beside it refused
        {"logs/2023.csv/x": ""},  # the log a folder
    ],
)
def test_files_beside_a_log_known_absent_from_a_listing_give_what_reading_them_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: dict[str, str]
) -> None:
    """run_check skips reading a file beside a log (comments, corrections, measurements)
    that one listing of the folder shows absent, and the checks of a log it shows a
    regular file: the same problems as asking for every file."""
    root = tmp_path / "repo"
    root.mkdir()
    _promise_set(root)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "2023.csv").write_text(HEADERS[0] + "\n" + _ROW, encoding="utf-8")
    for rel, content in layout.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if content.startswith("->"):
            target = content[2:]
            path.symlink_to(tmp_path / target if target.startswith("outside") else root / target)
        else:
            path.write_text(HEADERS[0] + "\n" + content if content == _ROW else content, "utf-8")
    fast = run_check(root, TODAY)
    with monkeypatch.context() as patched:
        patched.setattr(check_run._LogFolder, "of", staticmethod(_nothing_proved))
        assert fast.problems == run_check(root, TODAY).problems
    if "logs" in layout:
        assert {p.path for p in fast.problems if p.code == "E002"} >= {
            "logs/2023.csv",
            "logs/2023.kommentarer.csv",
            "logs/2023.matningar.csv",
        }


def test_a_folder_listing_proves_nothing_about_another_folder(tmp_path: Path) -> None:
    (tmp_path / "logs" / "a").mkdir(parents=True)
    (tmp_path / "logs" / "a" / "2023.csv").write_text("x\n", encoding="utf-8")
    folder = check_run._LogFolder.of(tmp_path, "logs/a/2023.csv")
    assert folder.plain_file("logs/a/2023.csv")
    assert folder.surely_absent("logs/a/2023.kommentarer.csv")
    assert not folder.surely_absent("logs/b/2023.kommentarer.csv")
    assert not folder.plain_file("logs/b/2023.csv")
    assert not folder.surely_absent("logs/a/2023.CSV")  # a file system may take it for 2023.csv


def test_a_log_of_countless_distinct_bad_cells_keeps_bounded_sets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The known valid and invalid cells start again once there are TABLE_LIMIT of them,
    so memory does not grow with a log of distinct bad dates; the problems are still the
    reference's, line for line."""
    monkeypatch.setattr(check_blocks, "TABLE_LIMIT", 50)
    promise_set = _promise_set(tmp_path)
    lines = [HEADERS[0]]
    for n in range(1200):
        day = f"2023-{n % 12 + 1:02d}-{n % 28 + 1:02d}"
        lines.append(f"{day},kontakt,1,,polis,,Exempeldata {n},x,{day}T12:00:00+01:00")
        lines.append(f"x{n},kontakt,1,,,,Exempeldata,x,")  # a date that is none
    path = tmp_path / "logs" / "2023.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sizes: list[int] = []
    real = check_blocks._bounded_pair

    def watched(good: set[bytes], bad: set[bytes]) -> None:
        sizes.append(len(good) + len(bad))
        real(good, bad)

    monkeypatch.setattr(check_blocks, "_bounded_pair", watched)
    expected = _reference(path, promise_set)
    assert [p.code for p in expected].count("E021") == 1200
    assert _fast(path, promise_set) == expected
    assert sizes and max(sizes) < 50 + 600  # the limit, and at most a block's new values
