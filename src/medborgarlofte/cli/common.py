"""Command line: the app, shared options (declared once), and the one place errors become exits."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from medborgarlofte import __version__
from medborgarlofte.cli import complete
from medborgarlofte.core.problems import LofteError, Problem

app = typer.Typer(
    name="lofte",
    help="Följ upp medborgarlöften: löften i YAML, insatser i en CSV-logg, läget när som helst.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

TIMEZONE = "Europe/Stockholm"


def _version(value: bool) -> None:
    if value:
        print(f"lofte {__version__}")
        raise typer.Exit()


@app.callback()
def _root_options(
    ctx: typer.Context,
    katalog: Annotated[
        str | None,
        typer.Option(
            "-C",
            "--katalog",
            help="Repots katalog (annars närmaste uppåt med promises/, eller LOFTE_KATALOG).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Visa versionen."),
    ] = False,
) -> None:
    ctx.obj = {"katalog": katalog}


class StatusFormat(StrEnum):
    tabell = "tabell"
    markdown = "markdown"
    json = "json"
    csv = "csv"


PeriodArg = Annotated[
    str | None,
    typer.Argument(
        help="Perioden: filens namn (2019, 2020-2021) eller ett år i den. Standard: dagens.",
        autocompletion=complete.periods,
    ),
]
PerOption = Annotated[
    str | None,
    typer.Option("--per", help="Läget per detta datum (ÅÅÅÅ-MM-DD). Standard: idag."),
]
StatusFormatOption = Annotated[
    StatusFormat,
    typer.Option("--format", "-f", help="Utdata: tabell, markdown, json eller csv."),
]
KommunOption = Annotated[
    str | None,
    typer.Option(
        "--kommun",
        help="Välj kommun i ett repo med flera kommuner.",
        autocompletion=complete.kommuner,
    ),
]

F = TypeVar("F", bound=Callable[..., Any])


def guarded(function: F) -> F:
    """Turn the domain's LofteError into a Swedish message on stderr and its exit code."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except LofteError as error:
            print_problems(error.problems)
            if error.message:
                print(f"lofte: {error.message}", file=sys.stderr)
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            print("lofte: avbrutet.", file=sys.stderr)
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]


def print_problems(problems: list[Problem]) -> None:
    for found in sorted(problems, key=Problem.sort_key):
        print(
            f"{found.location()}: {found.severity} {found.code}: {found.message}", file=sys.stderr
        )


def today() -> date:
    """Today's date in Europe/Stockholm; LOFTE_IDAG=ÅÅÅÅ-MM-DD fixes it (for tests and reruns)."""
    fixed = os.environ.get("LOFTE_IDAG")
    if fixed:
        return parse_date(fixed, "LOFTE_IDAG", exit_code=2)
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(TIMEZONE)).date()


def now_iso() -> str:
    """The current time in Europe/Stockholm with offset, for `registrerad`."""
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(TIMEZONE)).isoformat(timespec="seconds")


def parse_date(text: str, what: str, exit_code: int = 1) -> date:
    try:
        if len(text.strip()) != 10:
            raise ValueError
        return date.fromisoformat(text.strip())
    except ValueError:
        raise LofteError(
            f"{what}: '{text}' är inget giltigt datum. Skriv ÅÅÅÅ-MM-DD, till exempel 2019-06-30.",
            exit_code,
        ) from None


def root_of(ctx: typer.Context) -> Path:
    """The repo's root; says once, on stderr, why a cache folder asked for is not used."""
    from medborgarlofte.load.promise_cache import refusal
    from medborgarlofte.load.repo import find_root

    explicit = (ctx.obj or {}).get("katalog")
    root = find_root(Path.cwd(), explicit)
    refused = refusal(root)
    if refused:
        print(f"lofte: varning: {refused}", file=sys.stderr)
    return root


def console(stderr: bool = False) -> Any:
    """A Rich console that respects NO_COLOR and plain (non-terminal) output."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)
