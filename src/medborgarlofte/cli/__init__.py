"""Command line: the thin `lofte` app. Parses options, calls the core, picks a renderer, exits.

Each command lives in its own module and imports what it needs when it runs, so start-up
stays close to the framework's own. `main` registers only the command the user typed: Typer
reads every registered command's signature when it starts, and builds a validator for each
option, which for all of lofte's commands costs more than most commands' own work. Help,
completion and anything unknown get every command.
"""

from __future__ import annotations

import gc
import importlib
import sys
from typing import Any

# The modules that register each command, in the order `lofte --help` lists them.
_COMMAND_MODULES = {
    "check": ("check",),
    "init": ("init",),
    "log": ("log", "kommentar", "log_list", "log_corrections", "matning"),
    "import": ("matning", "import_rows"),
    "laga": ("laga",),
    "loften": ("listing",),
    "typer": ("listing",),
    "historik": ("historik",),
    "oversikt": ("oversikt",),
    "plan": ("plan",),
    "rapport": ("rapport",),
    "status": ("status",),
    "webb": ("webb",),
}
_EVERY_MODULE = (
    "check",
    "init",
    "log",
    "kommentar",
    "log_list",
    "log_corrections",
    "matning",
    "import_rows",
    "laga",
    "listing",
    "oversikt",
    "plan",
    "rapport",
    "status",
    "webb",
    "historik",
)
# The root options that take a value (see common._root_options).
_VALUE_OPTIONS = ("-C", "--katalog")


def load_commands(name: str | None = None) -> Any:
    """Register command `name` (every command when None or unknown); the Typer app."""
    for module in _COMMAND_MODULES.get(name or "", _EVERY_MODULE):
        importlib.import_module(f"medborgarlofte.cli.{module}")
    from medborgarlofte.cli.common import app

    return app


def command_name(args: list[str]) -> str | None:
    """The command in `args` (after the root options), or None when there is none or a root
    option such as --help or --version comes first."""
    value_next = False
    for arg in args:
        if value_next:
            value_next = False
        elif arg in _VALUE_OPTIONS:
            value_next = True
        elif arg.startswith(("--katalog=", "-C")):
            continue
        elif arg.startswith("-"):
            return None
        else:
            return arg
    return None


def __getattr__(name: str) -> Any:
    """`medborgarlofte.cli.app`: the app with every command (tests, other programs)."""
    if name == "app":
        return load_commands()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    # The process is the command: it lives for seconds and forms no reference cycles worth
    # collecting, while reading a log makes millions of short-lived lists that the cycle
    # collector would walk over and over. Switching it off is the application's call,
    # made here once; library code never flips such a switch.
    gc.disable()
    load_commands(command_name(sys.argv[1:]))(prog_name="lofte")
