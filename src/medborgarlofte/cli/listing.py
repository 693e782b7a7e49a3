"""Command line: `lofte loften` and `lofte typer`: what a period promises and logs, listed."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

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
    from medborgarlofte.workspace import select_periods

    sets = select_periods(root_of(ctx), period, kommun, today())
    if format is ListFormat.json:
        from medborgarlofte.render.listing import promises_to_dict, render_json

        sys.stdout.write(render_json([promises_to_dict(s) for s in sets]))
    else:
        from medborgarlofte.render.listing import print_promises

        print_promises(console(), sets)


@app.command("typer")
@guarded
def typer_command(
    ctx: typer.Context,
    period: PeriodArg = None,
    kommun: KommunOption = None,
    format: ListFormatOption = ListFormat.tabell,
) -> None:
    """Lista loggens aktivitetstyper och deltagare med beskrivningar."""
    from medborgarlofte.workspace import select_periods

    sets = select_periods(root_of(ctx), period, kommun, today())
    if format is ListFormat.json:
        from medborgarlofte.render.listing import render_json, vocabulary_to_dict

        sys.stdout.write(render_json([vocabulary_to_dict(s) for s in sets]))
    else:
        from medborgarlofte.render.listing import print_vocabulary

        print_vocabulary(console(), sets)
