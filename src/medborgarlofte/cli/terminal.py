"""Command line: the one path from lofte to a terminal or CI log, made safe for file text.

Every command runs inside `safe_output()` (see `common.guarded`), which puts a `SafeStream`
in front of stdout and stderr:

- a plain `print` may not carry control characters: each shows as a visible escape
  (`\\x1b`), only the line break stays;
- no line may start a CI workflow command (`::error …`, `##[…`, `##vso[…`): a backslash
  goes in front of the marker, whoever wrote the line (lofte's words, a file's text,
  a table Rich wrapped);
- Rich writes through `SafeStream.styled`, which lets Rich's own colour codes (SGR) pass.

`rich_console.SafeConsole` makes what Rich renders safe before it gets there (this module
does not import Rich: a command loads it only to draw). `lofte check --format github`
writes its annotations with `write_workflow_commands`, the one way past the guard.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import cache
from typing import Any, TextIO

from medborgarlofte.core.safe_text import CONTROL_CHARS, WORKFLOW_MARKERS, has_control, visible


# What may stay raw: a line break, and (from Rich only) a colour code. Each is compiled when
# first needed: text with no control character but line breaks (most output, all of it
# without colour) passes as it is (`_kept`).
@cache
def _plain() -> re.Pattern[str]:
    return re.compile(f"(\n)|([{CONTROL_CHARS}])")


@cache
def _styled() -> re.Pattern[str]:
    return re.compile(f"(\n|\x1b\\[[0-9;]*m)|([{CONTROL_CHARS}])")


# A line's start up to its first character that counts: blanks and colour codes.
_LEAD = re.compile(r"^(?:\s|\x1b\[[0-9;]*m)*")
_MARKERS = WORKFLOW_MARKERS
_LONGEST = max(len(m) for m in _MARKERS)


def _keep_or_escape(match: re.Match[str]) -> str:
    return match.group(1) or visible(match.group(2))


def _kept(text: str, pattern: Callable[[], re.Pattern[str]]) -> str:
    """`text` with what may not stay raw escaped (see `pattern`)."""
    if not has_control(text.replace("\n", "")):
        return text  # nothing the pattern would change
    return pattern().sub(_keep_or_escape, text)


class SafeStream(io.TextIOBase):
    """A text stream in front of stdout or stderr; see the module docstring."""

    def __init__(self, target: TextIO):
        self._target = target
        self._head = ""  # the start of the current line, until it is known to be harmless
        self._deciding = True  # at the start of a line, or inside its head
        self.styled = _StyledView(self)

    def write(self, text: str) -> int:
        self._emit(_kept(text, _plain))
        return len(text)

    def write_styled(self, text: str) -> int:
        self._emit(_kept(text, _styled))
        return len(text)

    def write_workflow_commands(self, text: str) -> None:
        """Lines that are workflow commands on purpose (`check --format github`)."""
        self.finish()
        self._target.write(_kept(text, _plain))

    def _emit(self, text: str) -> None:
        """Write `text` with every line start guarded. Linear in the text: each line is cut
        out once, at positions found from where the last one ended (cutting off the rest
        of the text at every line made a 200,000-line output quadratic), and a held line
        start is at most a workflow marker long (its blanks and colour codes, which never
        change what the guard does, are written out as soon as they are read)."""
        out: list[str] = []
        start, end = 0, len(text)
        while start < end:
            newline = text.find("\n", start)
            stop = end if newline < 0 else newline + 1
            if not self._deciding:
                out.append(text[start:stop])
                self._deciding = newline >= 0
            else:
                head = self._head + text[start:stop]
                if newline >= 0 or _decided(head):
                    out.append(guard_line(head))
                    self._head = ""
                    self._deciding = newline >= 0
                else:  # still a blank lead, or a marker's beginning: hold only the latter
                    lead = _LEAD.match(head).end()  # type: ignore[union-attr]
                    out.append(head[:lead])
                    self._head = head[lead:]
            start = stop
        if out:
            self._target.write("".join(out))

    def finish(self) -> None:
        """Write out a held line start (at the end of a command)."""
        if self._head:
            self._target.write(guard_line(self._head))
            self._head = ""
        self._target.flush()

    def flush(self) -> None:
        self._target.flush()

    def isatty(self) -> bool:
        return bool(getattr(self._target, "isatty", lambda: False)())

    def fileno(self) -> int:
        return self._target.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._target, "encoding", None) or "utf-8"

    @property
    def buffer(self) -> Any:
        """The raw bytes below (`status --format csv` writes its own checked bytes)."""
        self.finish()
        return self._target.buffer

    def writable(self) -> bool:
        return True


class _StyledView(io.TextIOBase):
    """The stream as Rich sees it: its colour codes pass, nothing else does."""

    def __init__(self, stream: SafeStream):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write_styled(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._stream.encoding

    def writable(self) -> bool:
        return True


def _decided(head: str) -> bool:
    rest = head[_LEAD.match(head).end() :]  # type: ignore[union-attr]
    return len(rest) >= _LONGEST or not any(m.startswith(rest) for m in _MARKERS)


def guard_line(line: str) -> str:
    lead = _LEAD.match(line).end()  # type: ignore[union-attr]
    if line.startswith(_MARKERS, lead):
        return f"{line[:lead]}\\{line[lead:]}"
    return line


@contextmanager
def safe_output() -> Iterator[None]:
    """Run a command with stdout and stderr behind a SafeStream (not twice over)."""
    if isinstance(sys.stdout, SafeStream):
        yield
        return
    saved = sys.stdout, sys.stderr
    out, err = SafeStream(sys.stdout), SafeStream(sys.stderr)
    sys.stdout, sys.stderr = out, err
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
        for stream in (out, err):
            with suppress(OSError, ValueError):  # a closed pipe: nothing more to say there
                stream.finish()


def write_csv(text: str) -> None:
    """CSV for Excel on stdout: a UTF-8 BOM, then the bytes as written, so its CRLF line
    ends stay; every line guarded like any other output, and a control character from a
    file's cell shown as a visible escape, never sent raw to a terminal."""
    safe = []
    for line in re.split(r"(?<=\n)", text):
        body = line.removesuffix("\n").removesuffix("\r")
        safe.append(guard_line(visible(body)) + line[len(body) :])
    sys.stdout.buffer.write(b"\xef\xbb\xbf" + "".join(safe).encode("utf-8"))


def write_workflow_commands(text: str) -> None:
    if isinstance(sys.stdout, SafeStream):
        sys.stdout.write_workflow_commands(text)
    else:
        sys.stdout.write(text)
