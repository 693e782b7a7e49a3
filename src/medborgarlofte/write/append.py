"""Writing: append one row to a log in a single write under an exclusive lock.

The tool never rewrites existing rows. The row is written with one `os.write` while holding
`flock`, so concurrent loggers never interleave; if the write fails part-way the file is cut
back to its old length, so no half row is left behind. A writer killed inside its write can
at worst leave a torn last line (the kernel copies a write page by page and a SIGKILL can
land between pages): `check` reports it (E026), and the next append closes and marks it
first (E034 from then on), so the new row is always whole and on a line of its own.
"""

from __future__ import annotations

import csv
import fcntl
import io
import os
import stat
import unicodedata
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from medborgarlofte.core.model import LOG_HEADER, TORN_ROW_MARK
from medborgarlofte.core.problems import LofteError

_HEADER_PROBE_BYTES = 64 * 1024


def format_row(cells: list[str], delimiter: str = ",", newline: str = "\n") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerow(cells)
    return buffer.getvalue().encode("utf-8")


def _existing_layout(fd: int, size: int) -> tuple[list[str], str, str] | None:
    """The existing header's columns, delimiter and line ending, from the first line only."""
    head = os.pread(fd, min(size, _HEADER_PROBE_BYTES), 0)
    end = head.find(b"\n")
    first = head if end < 0 else head[:end]
    newline = "\r\n" if first.endswith(b"\r") else "\n"
    text = first.decode("utf-8-sig", errors="replace").rstrip("\r")
    if not text.strip():
        return None
    delimiter = ";" if text.count(";") > text.count(",") else ","
    columns = next(csv.reader([text], delimiter=delimiter))
    names = [unicodedata.normalize("NFC", c).strip().casefold() for c in columns]
    return names, delimiter, newline


def append_row(
    path: Path,
    values: Mapping[str, str],
    *,
    count_lines: bool = True,
    header: Sequence[str] = LOG_HEADER,
) -> int | None:
    """Append `values` (by column name) to the log at `path`; return the row's line number.

    A new or empty file gets `header` first (the activity log's by default; its first two
    columns are required in an existing file). An existing file keeps its own
    column order, delimiter and line ending, so an Excel-saved log stays consistent.
    """
    with locked_file(path) as fd:
        return append_locked(fd, path, values, count_lines=count_lines, header=header)


@contextmanager
def locked_file(path: Path) -> Iterator[int]:
    """An fd of the file at `path`, opened for appending (created if need be) and holding an
    exclusive lock, for one write or a few that must happen together (`log ratta`).

    The lock is taken on the file the path names *after* the lock is held: `log radera`
    replaces a log by renaming a new file over it, so a writer that opened the old file
    and waited for its lock opens the path again rather than write into a file that is gone.
    """
    for _attempt in range(100):
        fd = _open_for_append(path)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # a named pipe or a device: no log
                raise LofteError(
                    f"{path.name} är ingen vanlig fil (en namngiven pipe eller en enhet). "
                    "Inget skrevs."
                )
            fcntl.flock(fd, fcntl.LOCK_EX)
            if _same_file(fd, path):
                yield fd
                return
        finally:
            os.close(fd)  # closing releases the lock
    raise LofteError(f"{path.name} byts ut hela tiden av någon annan; inget skrevs.")


def _same_file(fd: int, path: Path) -> bool:
    try:
        now = os.stat(path)
    except OSError:
        return False
    held = os.fstat(fd)
    return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)


def _open_for_append(path: Path) -> int:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
    except OSError as error:
        # A directory where the log should be, no write permission, a full disk: the
        # user's situation, so a Swedish message and exit 1, never a traceback.
        reason = _REASONS.get(type(error), error.strerror or str(error))
        raise LofteError(
            f"Kan inte öppna {path.name} för skrivning: {reason}. Inget skrevs."
        ) from None


def append_locked(
    fd: int,
    path: Path,
    values: Mapping[str, str],
    *,
    count_lines: bool = True,
    header: Sequence[str] = LOG_HEADER,
) -> int | None:
    """`append_row` on an fd that `locked_file` holds."""
    size = os.fstat(fd).st_size
    layout = _existing_layout(fd, size) if size else None
    prefix = b""
    if layout is None:
        columns, delimiter, newline = list(header), ",", "\n"
        if size:
            raise LofteError(f"{path.name}: första raden är tom; rubrikraden saknas.")
        prefix = format_row(columns)
    else:
        columns, delimiter, newline = layout
        missing = [c for c in header[:2] if c not in columns]
        if missing:
            raise LofteError(
                f"{path.name}:1: rubrikraden saknar {', '.join(missing)}; inget skrevs."
            )
        if os.pread(fd, 1, size - 1) not in (b"\n", b"\r"):
            prefix = _close_last_line(fd, size, delimiter, len(columns))
            prefix += newline.encode()
    row = format_row([_one_line(values.get(c, "")) for c in columns], delimiter, newline)
    data = prefix + row
    _write_all(fd, data, size)
    os.fsync(fd)
    if not count_lines:
        return None
    return _count_newlines(fd, size + len(prefix)) + 1


_REASONS: dict[type[OSError], str] = {
    IsADirectoryError: "det är en katalog, inte en fil",
    NotADirectoryError: "en del av sökvägen är en fil, inte en katalog",
    PermissionError: "skrivrättighet saknas",
}
_TORN_PROBE = "\x01lofte\x01"


def _one_line(value: str) -> str:
    """A cell without line breaks: one row is always one line, so a torn write can only be
    the file's last line, and a row's line number is its row number."""
    if "\n" in value or "\r" in value:
        return value.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    return value


def _close_last_line(fd: int, size: int, delimiter: str, width: int) -> bytes:
    """What must come before the newline that ends a torn last line (one without a newline).

    A last line with all its cells (an editor that writes no final newline) needs nothing.
    A torn row, one cut off inside its write, is closed and marked: a quote first if it broke
    inside a quoted cell (else a newline would pull the next row into that cell), then empty
    cells and TORN_ROW_MARK as one cell too many. `check` reported it as a torn last line;
    marked, it stays reported (E034) and out of every judgement, however many rows follow.
    """
    text = os.pread(fd, size, 0).decode("utf-8", errors="replace")
    for closing in ("", '"'):
        try:
            probe = io.StringIO(f"{text}{closing}\n{_TORN_PROBE}\n")
            last_two = deque(csv.reader(probe, delimiter=delimiter), maxlen=2)
        except csv.Error:
            return b""
        if len(last_two) == 2 and last_two[1] == [_TORN_PROBE]:
            torn = last_two[0]
            break
    else:
        return b""
    if len(torn) >= width or not any(cell.strip() for cell in torn):
        return closing.encode()
    return (closing + delimiter * (width - len(torn) + 1) + TORN_ROW_MARK).encode()


def _write_all(fd: int, data: bytes, old_size: int) -> None:
    try:
        written = os.write(fd, data)
        if written != len(data):
            raise OSError(f"bara {written} av {len(data)} byte skrevs")
    except OSError as error:
        os.ftruncate(fd, old_size)
        raise LofteError(f"Kunde inte skriva till loggen: {error}. Inget sparades.") from error


def _count_newlines(fd: int, upto: int) -> int:
    count = 0
    offset = 0
    while offset < upto:
        chunk = os.pread(fd, min(1 << 20, upto - offset), offset)
        if not chunk:
            break
        count += chunk.count(b"\n")
        offset += len(chunk)
    return count
