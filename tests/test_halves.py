"""The two-process readers: every byte of a log read once, at line starts, by one process."""

from __future__ import annotations

import marshal
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest

from medborgarlofte.load import halves


@pytest.fixture(autouse=True)
def _two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(halves, "TWO_PROCESS_BYTES", 1)
    monkeypatch.setattr(halves, "cores", lambda: 2)


def _log(tmp_path: Path, lines: int) -> Path:
    path = tmp_path / "logg.csv"
    path.write_bytes(b"datum,typ\n" + b"".join(b"2019-01-01,rad %d\n" % n for n in range(lines)))
    return path


def test_pieces_are_shared_and_cover_the_file_once(tmp_path: Path) -> None:
    path = _log(tmp_path, 500)
    size = path.stat().st_size

    def work(own: BinaryIO, pieces: Iterator[tuple[int, int]]) -> list[tuple[int, int]]:
        taken = list(pieces)
        for begin, end in taken:  # each piece is whole lines
            own.seek(begin)
            assert own.read(end - begin).endswith(b"\n")
        return taken

    with path.open("rb") as binary:
        start = len(binary.readline())
        shared = halves.in_pieces(binary, start, work, marshal.dumps)
    assert shared is not None
    mine, theirs = shared[0], [tuple(p) for p in marshal.loads(shared[1])]
    both = sorted(mine + theirs)
    assert both[0][0] == start and both[-1][1] == size
    assert all(a[1] == b[0] for a, b in zip(both, both[1:], strict=False))  # no gap, no overlap
    assert len(both) == halves._PIECES


def test_from_both_ends_each_process_reads_one_unbroken_part(tmp_path: Path) -> None:
    path = _log(tmp_path, 500)
    size = path.stat().st_size

    def work(own: BinaryIO, pieces: Iterator[tuple[int, int, int]]) -> list[list[int]]:
        return [list(piece) for piece in pieces]

    with path.open("rb") as binary:
        start = len(binary.readline())
        shared = halves.from_both_ends(binary, start, work, marshal.dumps)
    assert shared is not None
    front, back = shared[0], marshal.loads(shared[1])
    assert [i for i, _, _ in front] == list(range(len(front)))  # 0, 1, 2 … from the front
    assert [i for i, _, _ in back] == list(range(halves._PIECES - 1, len(front) - 1, -1))
    spans = sorted((b, e) for _, b, e in front + back)
    assert spans[0][0] == start and spans[-1][1] == size
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    data = path.read_bytes()
    assert all(data[e - 1 : e] == b"\n" for _, e in spans)


def test_a_small_file_or_one_core_is_read_by_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _log(tmp_path, 10)
    monkeypatch.setattr(halves, "cores", lambda: 1)
    with path.open("rb") as binary:
        assert halves.in_pieces(binary, 0, lambda own, pieces: 0, lambda n: b"") is None
        assert halves.from_both_ends(binary, 0, lambda own, pieces: 0, lambda n: b"") is None
