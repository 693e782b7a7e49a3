"""Command line: `lofte loften` and `lofte typer`: what a period promises and logs, listed."""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any

import typer

from medborgarlofte.cli.common import (
    KommunOption,
    PeriodArg,
    app,
    console,
    guarded,
    root_of,
    today,
)


class ListFormat(StrEnum):
    tabell = "tabell"
    json = "json"


ListFormatOption = Annotated[
    ListFormat, typer.Option("--format", "-f", help="Utdata: tabell eller json.")
]


@app.command("loften")
@guarded
def loften(
    ctx: typer.Context,
    period: PeriodArg = None,
    kommun: KommunOption = None,
    format: ListFormatOption = ListFormat.tabell,
) -> None:
    """Lista periodens löften: id, område, mål i ord och vad som räknas."""
    from medborgarlofte.render.listing import print_promises, promises_to_dict

    _list(ctx, period, kommun, format, promises_to_dict, print_promises)


@app.command("typer")
@guarded
def typer_command(
    ctx: typer.Context,
    period: PeriodArg = None,
    kommun: KommunOption = None,
    format: ListFormatOption = ListFormat.tabell,
) -> None:
    """Lista loggens aktivitetstyper och deltagare med beskrivningar."""
    from medborgarlofte.render.listing import print_vocabulary, vocabulary_to_dict

    _list(ctx, period, kommun, format, vocabulary_to_dict, print_vocabulary)


def _list(
    ctx: typer.Context,
    period: str | None,
    kommun: str | None,
    format: ListFormat,
    to_dict: Callable[[Any], dict[str, Any]],
    printer: Callable[[Any, list[Any]], None],
) -> None:
    """Each selected period as JSON (`to_dict`) or as tables (`printer`)."""
    from medborgarlofte.load.workspace import select_periods
    from medborgarlofte.render.listing import render_json

    sets = select_periods(root_of(ctx), period, kommun, today())
    if format is ListFormat.json:
        sys.stdout.write(render_json([to_dict(s) for s in sets]))
    else:
        printer(console(), sets)
