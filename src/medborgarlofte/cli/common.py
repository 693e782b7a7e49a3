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
from medborgarlofte.cli.swedish import SwedishGroup
from medborgarlofte.core import texts
from medborgarlofte.core.problems import LofteError, Problem
from medborgarlofte.core.safe_text import visible

app = typer.Typer(
    name="lofte",
    cls=SwedishGroup,
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
        metavar="PERIOD",
        help="Perioden: filens namn (2019, 2020-2021) eller ett år i den. Standard: dagens.",
        autocompletion=complete.periods,
    ),
]
PerOption = Annotated[
    str | None,
    typer.Option(
        "--per",
        help="Läget per detta datum: ÅÅÅÅ-MM-DD, idag, igår, förrgår, en veckodag eller -N."
        " Standard: idag.",
    ),
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
        from medborgarlofte.cli.terminal import safe_output

        with safe_output():
            try:
                refuse_undecodable(kwargs)
                return function(*args, **kwargs)
            except LofteError as error:
                print_problems(error.problems)
                if error.message:
                    print(f"lofte: {visible(error.message)}", file=sys.stderr)
                raise typer.Exit(error.exit_code) from None
            except KeyboardInterrupt:
                print("lofte: avbrutet.", file=sys.stderr)
                raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]


def refuse_undecodable(options: dict[str, Any]) -> None:
    """Refuse an argument the shell passed as bytes that are not UTF-8 (Python keeps them as
    lone surrogates, which no file can hold): a Swedish error, exit 1, before anything."""
    for name, value in options.items():
        values = value if isinstance(value, (list, tuple)) else [value]
        for item in values:
            if isinstance(item, str) and not item.isascii():
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    option = _ARGUMENT_NAMES.get(name) or (
                        name if name.isupper() or " " in name else "--" + name.replace("_", "-")
                    )
                    raise LofteError(texts.UNDECODABLE_ARGUMENT.format(option=option)) from None


# Parameters that are positional arguments, named as their help names them.
_ARGUMENT_NAMES = {
    "period": "PERIOD",
    "promise_id": "ID",
    "text": "TEXT",
    "ar": "ÅR",
    "katalog": "KATALOG",
}


def print_problems(problems: list[Problem]) -> None:
    for found in sorted(problems, key=Problem.sort_key):
        print(
            f"{found.location()}: {found.severity} {found.code}: {found.message}", file=sys.stderr
        )


def warn_left_out(command: str, count: int) -> None:
    """W004 on stderr when rows were left out of a judgement (`lofte check` names them):
    never on stdout, where JSON and CSV go to scripts."""
    if count:
        from medborgarlofte.core.problems import problem

        warning = problem("W004", f"lofte {command}", count=count)
        print(f"lofte: varning {warning.code}: {warning.message}", file=sys.stderr)


def today() -> date:
    """Today's date in Europe/Stockholm; LOFTE_IDAG=ÅÅÅÅ-MM-DD fixes it (for tests and reruns)."""
    fixed = os.environ.get("LOFTE_IDAG")
    if fixed:
        return parse_date(fixed, "LOFTE_IDAG", exit_code=2)
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(TIMEZONE)).date()


def now_iso() -> str:
    """The current time in Europe/Stockholm with offset, for `registrerad`; LOFTE_NU fixes it
    (for tests, like LOFTE_IDAG)."""
    from zoneinfo import ZoneInfo

    fixed = os.environ.get("LOFTE_NU")
    if fixed:
        return fixed

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


def parse_day_option(text: str, what: str, real_today: date, exit_code: int = 1) -> date:
    """A `--datum` or `--per` value: ÅÅÅÅ-MM-DD or a word (idag, igår, förrgår, måndag …,
    -N). A bad `--per` is wrong usage (exit 2), a bad `--datum` a refused row (exit 1)."""
    from medborgarlofte.core.daywords import parse_day
    from medborgarlofte.core.texts import DAY_WORD_INVALID

    day = parse_day(text, real_today)
    if day is None:
        raise LofteError(DAY_WORD_INVALID.format(what=what, text=text), exit_code)
    return day


DatumHelp = "Datum: ÅÅÅÅ-MM-DD, idag, igår, förrgår, en veckodag eller -N (N dagar sedan)."


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
    """A Rich console that respects NO_COLOR and plain (non-terminal) output, and shows
    file text as text (cli/terminal.py)."""
    from medborgarlofte.cli.rich_console import console as safe_console

    return safe_console(stderr)
