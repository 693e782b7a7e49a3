"""Command line: the Rich console every command draws with, safe for file text.

`SafeConsole` makes what Rich renders safe before it reaches `terminal.SafeStream`: a
string given to it is one line of text (control characters and line breaks shown as
escapes, never read as Rich markup or emoji codes), and every piece of text it renders has
its control characters shown, so a file's `\\x1b[8m` never reaches the terminal as a colour
code. Kept apart from `terminal` so that a command imports Rich only when it draws (a
national `oversikt` imports it before it reads the logs).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.text import Text

from medborgarlofte.cli.terminal import SafeStream
from medborgarlofte.core.safe_text import has_control, visible


class SafeConsole(Console):
    """A Rich console for file text; see the module docstring."""

    def render_str(self, text: str, **options: Any) -> Text:
        options.update(markup=False, emoji=False, highlight=False)
        return super().render_str(visible(text), **options)

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control is None and has_control(segment.text.replace("\n", "")):
                lines = segment.text.split("\n")
                yield Segment("\n".join(visible(line) for line in lines), segment.style)
            else:
                yield segment


def console(stderr: bool = False) -> SafeConsole:
    """A console that respects NO_COLOR and plain (non-terminal) output, writing through the
    command's SafeStream."""
    stream = sys.stderr if stderr else sys.stdout
    target: Any = stream.styled if isinstance(stream, SafeStream) else stream
    return SafeConsole(file=target, highlight=False, soft_wrap=False, markup=False, emoji=False)
