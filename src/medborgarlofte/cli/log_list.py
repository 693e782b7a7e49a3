"""Command line: `lofte log lista`: the log's rows with their numbers, who logged them, and
which are struck or erased."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer

from medborgarlofte.cli import complete
from medborgarlofte.cli.common import KommunOption, PeriodArg, console, guarded, root_of, today
from medborgarlofte.cli.log import log_app


class ListFormat(StrEnum):
    tabell = "tabell"
    json = "json"
    csv = "csv"


@log_app.command("lista")
@guarded
def lista(
    ctx: typer.Context,
    period: PeriodArg = None,
    kommun: KommunOption = None,
    typ: Annotated[
        str | None,
        typer.Option("--typ", help="Bara rader av typen.", autocompletion=complete.activity_types),
    ] = None,
    av: Annotated[
        str | None, typer.Option("--av", help="Bara rader som NAMN registrerade.")
    ] = None,
    fran: Annotated[str | None, typer.Option("--fran", "--från", help="Från datum.")] = None,
    till: Annotated[str | None, typer.Option("--till", help="Till och med datum.")] = None,
    senaste: Annotated[
        int | None,
        typer.Option(
            "--senaste",
            min=1,
            help="Visa de N senaste raderna. Standard: 20, alla när --fran eller --till anges.",
        ),
    ] = None,
    format: Annotated[
        ListFormat, typer.Option("--format", "-f", help="Utdata: tabell, json eller csv.")
    ] = ListFormat.tabell,
    matningar: Annotated[
        bool,
        typer.Option("--matningar", "--mätningar", help="Visa periodens mätningar i stället."),
    ] = False,
    kommentarer: Annotated[
        bool, typer.Option("--kommentarer", help="Visa periodens kommentarer i stället.")
    ] = False,
) -> None:
    """Visa loggens rader med radnummer, vem som registrerade dem och vilka som är strukna
    (eller periodens mätningar eller kommentarer)."""
    import sys

    from medborgarlofte.cli.common import parse_day_option
    from medborgarlofte.core.texts import LIST_EMPTY
    from medborgarlofte.judge.log_listing import ListingFilter, list_rows
    from medborgarlofte.load.struck import listed_rows
    from medborgarlofte.load.workspace import select_one_period
    from medborgarlofte.render.log_list import render_csv, render_json, render_table

    root = root_of(ctx)
    real_today = today()
    promise_set = select_one_period(root, period, kommun, real_today)
    chosen = ListingFilter(
        typ,
        av,
        parse_day_option(fran, "--fran", real_today) if fran else None,
        parse_day_option(till, "--till", real_today) if till else None,
        senaste,
    )
    if matningar or kommentarer:
        _side(root, promise_set, chosen, matningar, kommentarer, typ, format)
        return
    listing = list_rows(promise_set.log_path, listed_rows(root, promise_set), chosen)
    if format is ListFormat.json:
        sys.stdout.write(render_json(listing))
    elif format is ListFormat.csv:
        from medborgarlofte.cli.terminal import write_csv

        write_csv(render_csv(listing))
    elif not listing.rows:
        print(LIST_EMPTY.format(log=promise_set.log_path))
    else:
        out = console()
        out.print(render_table(listing, out.width))


def _side(
    root: Any,
    promise_set: Any,
    chosen: Any,
    matningar: bool,
    kommentarer: bool,
    typ: str | None,
    format: ListFormat,
) -> None:
    import sys

    from medborgarlofte.core.problems import LofteError
    from medborgarlofte.core.texts import LIST_ONLY_LOG, SIDE_LIST_EMPTY
    from medborgarlofte.judge.log_listing import list_side_rows
    from medborgarlofte.load.corrections import Kind
    from medborgarlofte.load.struck import listed_side_rows
    from medborgarlofte.render.side_list import render_csv, render_json, render_table

    option = "--matningar" if matningar else "--kommentarer"
    if matningar and kommentarer:
        raise LofteError(LIST_ONLY_LOG.format(option="--matningar", other="--kommentarer"), 2)
    if typ is not None:
        raise LofteError(LIST_ONLY_LOG.format(option="--typ", other=option), 2)
    kind = Kind.MEASUREMENT if matningar else Kind.COMMENT
    rel, rows = listed_side_rows(root, promise_set, kind)
    listing = list_side_rows(rel, rows, chosen)
    if format is ListFormat.json:
        sys.stdout.write(render_json(listing, kind))
    elif format is ListFormat.csv:
        from medborgarlofte.cli.terminal import write_csv

        write_csv(render_csv(listing, kind))
    elif not listing.rows:
        print(SIDE_LIST_EMPTY.format(file=rel))
    else:
        console().print(render_table(listing, kind))
