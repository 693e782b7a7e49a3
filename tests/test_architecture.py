"""The shape STYLE.md asks for: the core imports no CLI or terminal library."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
    "medborgarlofte.check",
    "medborgarlofte.check_blocks",
    "medborgarlofte.duplicates",
    "medborgarlofte.halves",
    "medborgarlofte.log_tally",
    "medborgarlofte.promise_cache",
    "medborgarlofte.textfiles",
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


def test_a_command_registers_only_itself_and_help_lists_every_command(tmp_path: Path) -> None:
    """Typer reads every registered command's signature at start-up: `lofte status` must
    not pay for `rapport` or `init`. Help still lists them all."""
    code = (
        "import sys\n"
        "from medborgarlofte.cli import main\n"
        "sys.argv = ['lofte', '-C', sys.argv[1], 'status', '--help']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "cli = sorted(m for m in sys.modules if m.startswith('medborgarlofte.cli.'))\n"
        "print(','.join(cli), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True
    )
    assert "Visa för varje löfte" in result.stdout
    assert result.stderr.strip() == (
        "medborgarlofte.cli.common,medborgarlofte.cli.complete,medborgarlofte.cli.status"
    )
    every = "import sys\nfrom medborgarlofte.cli import main\nsys.argv[1:] = ['--help']\nmain()"
    listed = subprocess.run([sys.executable, "-c", every], capture_output=True, text=True)
    for name in ("check", "init", "log", "loften", "typer", "oversikt", "rapport", "status"):
        assert f"  {name} " in listed.stdout, name


def test_the_command_is_found_after_the_root_options() -> None:
    from medborgarlofte.cli import command_name

    assert command_name(["status", "2019"]) == "status"
    assert command_name(["-C", "status", "check"]) == "check"  # a folder named status
    assert command_name(["--katalog", "x", "log", "insats"]) == "log"
    assert command_name(["--katalog=x", "-Cy", "rapport"]) == "rapport"
    assert command_name(["--help", "status"]) is None
    assert command_name(["--version"]) is None
    assert command_name([]) is None
