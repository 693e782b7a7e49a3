"""Loading: a log that holds its rows twice — a header row in the middle of the file.

How it happens: a colleague opens the log in Excel on her branch and saves it (`;`, BOM,
CRLF, some cells reformatted); another logs a row on his; `git merge` with `merge=union`
(as `lofte init` sets up) sees every line changed and keeps both versions, one under the
other, without a conflict. The second version begins with its own header line. Pasting a
whole file into the log does the same. Read with the first header, every row of the second
copy is wrong (one error per row), or, in the same dialect, counted twice.

`find_copies` finds where each copy begins: a line after the first that, split by its own
delimiter, names every required column. `check` reports it as one error (E110) at the line
where the second copy starts, `lofte laga` repairs it (`write/repair.py`).
"""

from __future__ import annotations

import io
import os
import stat
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from medborgarlofte.core.frozen import frozen
from medborgarlofte.load.log_dialect import LOG_KIND, CsvKind, detect_delimiter, fold_column
from medborgarlofte.load.log_reader import line_cells

BOM = "\ufeff"
BOM_BYTES = BOM.encode()
_GIT_TIMEOUT = 60
_MOST_COMMITS = 200  # how far back git is asked for the log's first commit


@frozen(slots=False)
class Copy:
    """One copy of the log's rows: its lines (the first is its header, 1-based, inclusive)
    and its dialect."""

    first: int
    last: int
    delimiter: str
    newline: str
    bom: bool

    def dialect_words(self) -> str:
        """The dialect as a reader sees it: "semikolon, BOM, CRLF"."""
        words = ["semikolon" if self.delimiter == ";" else "komma"]
        if self.bom:
            words.append("BOM")
        words.append({"\r\n": "CRLF", "\r": "CR"}.get(self.newline, "LF"))
        return ", ".join(words)


def is_header_line(line: str, kind: CsvKind = LOG_KIND) -> bool:
    """Whether `line` (line end and BOM allowed) names every column the kind requires."""
    text = line.rstrip("\r\n").removeprefix(BOM)
    if not text.strip():
        return False
    folded = {fold_column(name) for name in _cells(text)}
    return all(column in folded for column in kind.required)


_CHUNK = 1 << 20
# "datum" as a header writes it (datum, Datum, DATUM), without the first letter, which may
# follow a BOM or a quote.
_HEADER_MARKS = (b"atum", b"ATUM")


def may_hold_a_header(path: Path, kind: CsvKind = LOG_KIND) -> bool:
    """Whether a line after the first of the file at `path` may be a header: a quick look
    for the word "datum" in the bytes, read a block at a time (memory does not grow with
    the log), then `is_header_line` on each line that holds it. False for a log whose rows
    were only left out, which is the usual reason to ask."""
    binary = open_regular(path)
    if binary is None:
        return False
    with binary:
        binary.readline()
        carry = b""
        while True:
            block = binary.read(_CHUNK)
            if not block:
                return bool(carry) and _header_among(carry, kind)
            lines = (carry + block).split(b"\n")
            carry = lines.pop()
            joined = b"\n".join(lines)
            if any(mark in joined for mark in _HEADER_MARKS) and _header_among(joined, kind):
                return True


def open_regular(path: Path) -> BinaryIO | None:
    """The file at `path` opened for reading, if it is a regular file: never a named pipe
    (opening one for reading waits for a writer), a device or a folder."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            return None
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except OSError:
        os.close(fd)
        return None


def _header_among(data: bytes, kind: CsvKind) -> bool:
    return any(
        is_header_line(line.decode("utf-8", errors="replace"), kind)
        for line in data.split(b"\n")
        if b"atum" in line or b"ATUM" in line
    )


def _cells(text: str) -> list[str]:
    return line_cells(text, detect_delimiter(text))


def lines_of(text: str) -> list[str]:
    """The physical lines of `text` with their line ends, as the log reader numbers them."""
    return list(io.StringIO(text, newline=""))


def find_copies(lines: Sequence[str], kind: CsvKind = LOG_KIND) -> list[Copy]:
    """Every copy the file holds, in file order: one when the log is whole. A line that
    opens another copy is a header line after the first line."""
    if not lines:
        return []
    starts = [1]
    # Cheap first: only a line holding a required column's name (any case) can be a header,
    # and a whole log without one is ruled out in one pass.
    needle = kind.required[0]
    if needle not in "".join(lines[1:]).casefold():
        return [_copy(lines, 1, len(lines))]
    for number, line in enumerate(lines[1:], start=2):
        if needle in line.casefold() and is_header_line(line, kind):
            starts.append(number)
    ends = [start - 1 for start in starts[1:]] + [len(lines)]
    return [_copy(lines, first, last) for first, last in zip(starts, ends, strict=True)]


def _copy(lines: Sequence[str], first: int, last: int) -> Copy:
    header = lines[first - 1]
    body = header.rstrip("\r\n")
    newline = header[len(body) :] or _newline_of(lines[first:last])
    return Copy(
        first,
        last,
        detect_delimiter(body.removeprefix(BOM)),
        newline or "\n",
        body.startswith(BOM),
    )


def _newline_of(lines: Sequence[str]) -> str:
    for line in lines:
        body = line.rstrip("\r\n")
        if len(body) != len(line):
            return line[len(body) :]
    return ""


# ---- which copy came first: git


def first_committed(root: Path, rel: str, segments: Sequence[bytes]) -> tuple[int, str | None]:
    """The index of the copy the oldest commit of the log opens, and that commit; (0, None)
    when git cannot say."""
    listing = _git(root, "log", "--reverse", "--format=%H", "--", rel)
    if listing is None:
        return 0, None
    for commit in listing.decode().split()[:_MOST_COMMITS]:
        blob = _git(root, "show", f"{commit}:{rel}")
        if not blob:
            continue
        for index, segment in enumerate(segments):
            if segment.startswith(blob):
                return index, commit
    return 0, None


def _git(root: Path, *args: str) -> bytes | None:
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, timeout=_GIT_TIMEOUT, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def commit_words(root: Path, commit: str) -> str:
    """A commit as people read it: its date and message."""
    shown = _git(root, "show", "-s", "--format=%as %s", commit)
    return shown.decode("utf-8", "replace").strip() if shown else commit[:10]
