"""Reading a small text file (a promise file) whole, or the problem that stops it."""

from __future__ import annotations

import codecs
from pathlib import Path

from medborgarlofte.core.problems import Problem, problem

# A real promise file is a few KiB (Kalix 2019: 6 KiB). The pure-Python YAML parser needs
# seconds per MiB, so the limit also bounds how long a hostile file can keep lofte busy.
MAX_PROMISE_FILE_BYTES = 256 * 1024


def read_text_file(path: Path, rel: str, limit: int) -> tuple[str | None, list[Problem]]:
    """A small UTF-8 text file's content, or the problem that stops it being read."""
    try:
        if path.is_dir():
            return None, [problem("E002", rel, detail="det är en katalog, inte en fil")]
        if not path.is_file():  # a named pipe would block the read forever
            detail = "det är ingen vanlig fil (en namngiven pipe eller en enhet)"
            return None, [problem("E002", rel, detail=detail)]
        size = path.stat().st_size
        if size > limit:
            return None, [
                problem("E002", rel, detail=f"filen är för stor ({size} byte, högst {limit})")
            ]
        data = path.read_bytes()
    except PermissionError:
        return None, [problem("E002", rel, detail="läsrättighet saknas")]
    except OSError as error:
        return None, [problem("E002", rel, detail=error.strerror or str(error))]
    if b"\x00" in data:
        return None, [problem("E002", rel, detail="filen innehåller binära data (NUL-byte)")]
    try:
        # As decode("utf-8-sig") does (one leading BOM off, error offsets after it), without
        # the codec lookup and import that costs every start.
        return (data[3:] if data.startswith(codecs.BOM_UTF8) else data).decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return None, [
            problem("E019", rel, line, detail=f" (ogiltig byte 0x{data[error.start]:02x})")
        ]
