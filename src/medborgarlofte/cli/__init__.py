"""Command line: the thin `lofte` app. Parses options, calls the core, picks a renderer, exits.

Each command lives in its own module and imports what it needs when it runs, so start-up
stays close to the framework's own.
"""

from __future__ import annotations

from medborgarlofte.cli import check as _check  # noqa: F401
from medborgarlofte.cli import init as _init  # noqa: F401
from medborgarlofte.cli import kommentar as _kommentar  # noqa: F401
from medborgarlofte.cli import listing as _listing  # noqa: F401
from medborgarlofte.cli import log as _log  # noqa: F401  (registers commands)
from medborgarlofte.cli import oversikt as _oversikt  # noqa: F401
from medborgarlofte.cli import rapport as _rapport  # noqa: F401
from medborgarlofte.cli import status as _status  # noqa: F401
from medborgarlofte.cli.common import app


def main() -> None:
    app(prog_name="lofte")
