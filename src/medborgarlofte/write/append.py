"""Writing: append one row to a log in a single write under an exclusive lock.

The tool never rewrites existing rows. The row is written with one `os.write` while holding
`flock`, so concurrent loggers never interleave; if the write fails part-way the file is cut
back to its old length, so no half row is left behind. A writer killed inside its write can
at worst leave a torn last line (the kernel copies a write page by page and a SIGKILL can
land between pages): `check` reports it (E026), and the next append closes and marks it
first (E034 from then on), so the new row is always whole and on a line of its own.
"""

from __future__ import annotations

import dataclasses
import fcntl
import io
import os
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from medborgarlofte.core.model import LOG_HEADER
from medborgarlofte.core.problems import Problem, refusal
from medborgarlofte.core.texts import FILE_DETAILS
from medborgarlofte.load.log_dialect import (
    LOG_KIND,
    CsvKind,
    Layout,
    count_line_ends,
    first_line,
    fold_column,
    format_row,
    is_utf8,
    last_row_start,
    one_line,
    read_layout,
)
from medborgarlofte.load.log_reader import (
    closing_for_torn,
    open_at_end,
    quotes_close_on_their_lines,
    read_records,
)
from medborgarlofte.write.safe_write import open_for_append, remove_stale_temporaries

_HEADER_PROBE_BYTES = 64 * 1024
# How often the file is opened again when it was replaced while this process waited for
# the lock (an editor's save, `git checkout`, each `log radera`): each time the new file is
# locked and read. Every retry follows a real replacement, so the bound only stops a file
# replaced without end; a colleague erasing several rows in a row (one rename each) while
# others log must not make them give up.
_REOPEN_TRIES = 100
_PROOF_BLOCK_BYTES = 1 << 20
_TAIL_PROOF_BYTES = 64 * 1024


# `log insats --tyst` counts the lines of a log up to this size (about 150,000 rows, a few
# milliseconds) to name the row it wrote; a larger log is a bulk load, where it would cost
# more than the append itself.
QUIET_COUNT_BYTES = 16 << 20


def append_row(
    path: Path,
    values: Mapping[str, str],
    *,
    count_lines: bool = True,
    header: Sequence[str] = LOG_HEADER,
    kind: CsvKind | None = None,
    rel: str | None = None,
    root: Path | None = None,
) -> int | None:
    """Append `values` (by column name) to the CSV file at `path`; return the row's line.

    A new or empty file gets the kind's header first (the activity log's by default; a
    bare `header` makes a kind whose first two columns are required). An existing file
    keeps its own column order, delimiter and line ending, so an Excel-saved log stays
    consistent. Refused (LofteError, exit 1, nothing written): a header that cannot be
    read, a value for a column the file lacks, a quoted cell still open at the end.
    `rel` names the file in messages (its name by default). Below `root` (the repo; the
    file's own folder by default) no link is followed (write/safe_write.py).
    """
    if kind is None:
        given = tuple(header)
        kind = LOG_KIND if given == LOG_HEADER else CsvKind(given, given[:2])
    _refuse_not_utf8(values)
    with locked_file(path, rel, root) as fd:
        return _append_locked(fd, values, kind, rel or path.name, count_lines)



@contextmanager
def locked_file(path: Path, rel: str | None = None, root: Path | None = None) -> Iterator[int]:
    """An fd of the file at `path`, opened for appending (created if need be) and holding an
    exclusive lock, for a few writes that must happen together (`log ratta`, `log radera`).

    Like `append_row`, the lock is kept only on the file the path still names once the lock
    is held: `log radera` replaces a log by renaming a new file over it. Once it is held, the
    temporary files a killed rewrite left beside the file are removed (no other writer can be
    rewriting it then)."""
    for _ in range(_REOPEN_TRIES):
        fd = open_for_append(root if root is not None else path.parent, path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if _is_still(fd, path):
                remove_stale_temporaries(path)
                yield fd
                return
        finally:
            os.close(fd)  # closing releases the lock
    raise refusal("replaced", name=rel or path.name)


def append_locked(
    fd: int,
    path: Path,
    values: Mapping[str, str],
    *,
    count_lines: bool = True,
    kind: CsvKind = LOG_KIND,
    rel: str | None = None,
) -> int | None:
    """`append_row` on an fd that `locked_file` holds."""
    _refuse_not_utf8(values)
    return _append_locked(fd, values, kind, rel or path.name, count_lines)


def check_appendable(
    fd: int, values: Mapping[str, str], *, kind: CsvKind = LOG_KIND, rel: str
) -> None:
    """Every refusal `append_locked` would make, without writing: for a command that records
    something else first (`log ratta` records the strike, then appends the copy) and must
    not leave the record without what it promises."""
    _refuse_not_utf8(values)
    size = os.fstat(fd).st_size
    if size:
        layout = _existing_layout(fd, size, kind, rel)
        _refuse_dropped_values(values, layout, kind, rel)
        ended = os.pread(fd, 1, size - 1) in (b"\n", b"\r")
        _refuse_open_quote(fd, size, layout, rel, ended)


def _refuse_not_utf8(values: Mapping[str, str]) -> None:
    for name, value in values.items():
        if not is_utf8(value):
            raise refusal("not_utf8", column=name)

def _is_still(fd: int, path: Path) -> bool:
    """Whether the open file is still the one `path` names: another program may have
    replaced it (a new file renamed over it) while this process waited for the lock, and a
    row appended to the old one would be lost."""
    mine = os.fstat(fd)
    try:
        now = os.lstat(path)
    except FileNotFoundError:
        return False
    return (mine.st_ino, mine.st_dev) == (now.st_ino, now.st_dev)


def _append_locked(
    fd: int, values: Mapping[str, str], kind: CsvKind, rel: str, count_lines: bool
) -> int | None:
    size = os.fstat(fd).st_size
    prefix = b""
    if not size:
        layout = Layout(list(kind.header), {c: i for i, c in enumerate(kind.header)}, ",", "\n")
        prefix = format_row(list(kind.header))
    else:
        layout = _existing_layout(fd, size, kind, rel)
        _refuse_dropped_values(values, layout, kind, rel)
        ended = os.pread(fd, 1, size - 1) in (b"\n", b"\r")
        _refuse_open_quote(fd, size, layout, rel, ended)
        if not ended:
            prefix = _close_last_line(fd, size, layout.delimiter, layout.width)
            prefix += layout.newline.encode()
    by_column = {fold_column(name): value for name, value in values.items()}
    cells = [one_line(by_column.get(fold_column(name), "")) for name in layout.names]
    data = prefix + format_row(cells, layout.delimiter, layout.newline)
    _write_all(fd, data, size)
    os.fsync(fd)
    if not count_lines:
        return None
    return _count_line_ends(fd, size + len(prefix), layout.newline) + 1


def _existing_layout(fd: int, size: int, kind: CsvKind, rel: str) -> Layout:
    """The existing header's layout, from the first line only; refused when unreadable."""
    head = os.pread(fd, min(size, _HEADER_PROBE_BYTES), 0)
    line = first_line(head.decode("utf-8-sig", errors="replace"))
    if not line.strip():
        raise refusal("blank_header", name=rel)
    layout, found = read_layout(line, kind, rel)
    if any(p.code == "E020" for p in found):
        bare, _ = read_layout(line, dataclasses.replace(kind, required=()), rel)
        present = bare.columns if bare is not None else {}
        names = ", ".join(c for c in kind.required if c not in present)
        raise refusal("missing_required", name=rel, columns=names)
    if layout is None:
        raise refusal("bad_header", found, name=rel)
    return layout


def _refuse_dropped_values(
    values: Mapping[str, str], layout: Layout, kind: CsvKind, rel: str
) -> None:
    """A given value whose column the file lacks would be lost: refuse, naming the column.
    A value equal to what an absent column reads as (`antal` 1) and what the tool fills in
    itself (who logged it, when) are left out quietly."""
    missing = [
        name
        for name, value in values.items()
        if value.strip()
        and fold_column(name) not in layout.columns
        and fold_column(name) not in kind.provenance
        and value.strip() != kind.absent.get(fold_column(name))
    ]
    if missing:
        columns = ", ".join(f"'{name}'" for name in missing)
        raise refusal("missing_column", name=rel, columns=columns)


def _refuse_open_quote(fd: int, size: int, layout: Layout, rel: str, ended: bool) -> None:
    """Refuse to write into a quoted cell that is still open at the end of the file: the
    new row would become part of that cell. A torn last line (no line end) that broke off
    inside its own quoted cell is closed by `_close_last_line` instead."""
    if not _may_be_open(fd, size, layout.delimiter):
        return
    text = _text(fd, size)
    if not open_at_end(text, layout.delimiter):
        return
    if not ended:
        last = text[max(text.rfind("\n"), text.rfind("\r")) + 1 :]
        if open_at_end(last, layout.delimiter):
            return  # the torn last line itself opened the quote
    found: list[Problem] = []
    source = io.StringIO(text, newline="")
    source.readline()  # the header
    deque(read_records(source, layout, rel, found, ends_with_newline=ended), maxlen=0)
    opened = [
        p for p in found if p.code == "E042" and FILE_DETAILS["open_to_end"] in p.message
    ]
    if not opened:
        return  # the csv module's quote ends at a line that reads as a new row: the reader
        # starts a record there (E042 for the line above), so nothing is open at the end
    raise refusal("open_quote", opened[:1], name=rel, line=opened[0].line)


def _may_be_open(fd: int, size: int, delimiter: str) -> bool:
    """Whether a quoted cell might be open at the end of the file.

    Usually the file's tail proves it closed: from the last line that reads as a new row
    (where the reader starts a record whatever came before), every quote closes on its own
    line. Appending to a large log then reads only its tail. Otherwise the whole file is read,
    in blocks of whole lines so that memory stays small."""
    tail_size = min(size, _TAIL_PROOF_BYTES)
    tail = os.pread(fd, tail_size, size - tail_size).decode("utf-8", "replace")
    start = last_row_start(tail, delimiter)
    if start is not None and quotes_close_on_their_lines(tail[start:], delimiter):
        return False
    offset, carry = 0, b""
    while offset < size:
        chunk = os.pread(fd, min(_PROOF_BLOCK_BYTES, size - offset), offset)
        if not chunk:
            break
        offset += len(chunk)
        data = carry + chunk
        cut = data.rfind(b"\n") + 1 if offset < size else len(data)
        block, carry = data[:cut], data[cut:]
        if not quotes_close_on_their_lines(block.decode("utf-8", "replace"), delimiter):
            return True
    return bool(carry) and not quotes_close_on_their_lines(
        carry.decode("utf-8", "replace"), delimiter
    )


def _text(fd: int, size: int) -> str:
    return os.pread(fd, size, 0).decode("utf-8-sig", errors="replace")


def _close_last_line(fd: int, size: int, delimiter: str, width: int) -> bytes:
    """What must come before the line end that ends a torn last line (see
    log_dialect.closing_for_torn)."""
    text = os.pread(fd, size, 0).decode("utf-8", errors="replace")
    return closing_for_torn(text, delimiter, width).encode()


def _write_all(fd: int, data: bytes, old_size: int) -> None:
    try:
        written = os.write(fd, data)
        if written != len(data):
            raise OSError(f"bara {written} av {len(data)} byte skrevs")
    except OSError as error:
        os.ftruncate(fd, old_size)
        raise refusal("write_failed", error=error) from error


def _count_line_ends(fd: int, upto: int, newline: str) -> int:
    count = 0
    offset = 0
    while offset < upto:
        chunk = os.pread(fd, min(1 << 20, upto - offset), offset)
        if not chunk:
            break
        count += count_line_ends(chunk, newline)
        offset += len(chunk)
    return count
