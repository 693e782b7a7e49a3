"""The shape STYLE.md asks for: the core imports no CLI or terminal library."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "medborgarlofte.model",
    "medborgarlofte.units",
    "medborgarlofte.problems",
    "medborgarlofte.promise_file",
    "medborgarlofte.log_file",
    "medborgarlofte.evaluate",
    "medborgarlofte.repo",
    "medborgarlofte.workspace",
    "medborgarlofte.append",
]


def test_core_imports_neither_typer_nor_rich() -> None:
    code = (
        "import sys\n"
        f"for name in {CORE!r}: __import__(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich', 'click'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_every_command_has_swedish_help() -> None:
    from typer.main import get_command

    from medborgarlofte.cli import app

    root = get_command(app)
    stack = [root]
    while stack:
        command = stack.pop()
        assert command.help, f"{command.name} saknar hjälptext"
        for sub in getattr(command, "commands", {}).values():
            stack.append(sub)
