"""The two-process readers: every byte of a log read once, at line starts, by one process."""

from __future__ import annotations

import marshal
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest

from medborgarlofte import halves


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


def test_the_two_halves_meet_at_a_line_start(tmp_path: Path) -> None:
    path = _log(tmp_path, 300)

    def first(middle: int) -> int:
        return middle

    with path.open("rb") as binary:
        start = len(binary.readline())
        shared = halves.in_two(binary, start, first, lambda middle: b"%d" % middle, 45)
    assert shared is not None
    middle = shared[0]
    assert shared[1] == b"%d" % middle
    data = path.read_bytes()
    assert data[middle - 1 : middle] == b"\n"
    assert abs(middle - (start + (len(data) - start) * 45 // 100)) < 30


def test_a_small_file_or_one_core_is_read_by_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _log(tmp_path, 10)
    monkeypatch.setattr(halves, "cores", lambda: 1)
    with path.open("rb") as binary:
        assert halves.in_pieces(binary, 0, lambda own, pieces: 0, lambda n: b"") is None
        assert halves.in_two(binary, 0, lambda middle: 0, lambda middle: b"") is None
