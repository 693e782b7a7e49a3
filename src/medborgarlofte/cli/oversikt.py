"""Command line: `lofte oversikt`: one summary table across kommuner and periods."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from medborgarlofte.cli import complete
from medborgarlofte.cli.common import (
    KommunOption,
    PerOption,
    app,
    console,
    guarded,
    parse_day_option,
    root_of,
    today,
    warn_left_out,
)


class OverviewFormat(StrEnum):
    tabell = "tabell"
    json = "json"


@app.command("oversikt")
@guarded
def oversikt(
    ctx: typer.Context,
    ar: Annotated[
        str | None,
        typer.Argument(
            metavar="ÅR",
            help="Ett år (2020) eller en periods namn (2020-2022). Standard: alla perioder.",
            autocompletion=complete.periods,
        ),
    ] = None,
    per: PerOption = None,
    format: Annotated[
        OverviewFormat, typer.Option("--format", "-f", help="Utdata: tabell eller json.")
    ] = OverviewFormat.tabell,
    kommun: KommunOption = None,
) -> None:
    """Sammanfatta alla kommuners löften: uppfyllda, i fas, efter plan, ej uppfyllda."""
    from medborgarlofte.core.problems import LofteError
    from medborgarlofte.judge.overview import build_overview

    root = root_of(ctx)
    real_today = today()
    as_of = parse_day_option(per, "--per", real_today, exit_code=2) if per else real_today
    overview = build_overview(root, ar, kommun, as_of, real_today, _prepare_output)
    warn_left_out("oversikt", overview.skipped_rows)
    if format is OverviewFormat.json:
        from medborgarlofte.render.overview import render_json

        sys.stdout.write(render_json(overview))
    else:
        from medborgarlofte.render.overview import print_overview

        out = console()
        print_overview(out, overview)
        if overview.skipped_rows:
            from medborgarlofte.core.texts import left_out_words

            out.print()
            out.print(left_out_words(overview.skipped_rows), markup=False, highlight=False)
    if overview.unreadable:
        files = ", ".join(overview.unreadable)
        raise LofteError(
            f"Utelämnade eftersom de har fel (se 'lofte check'): {files}.", 1, overview.problems
        )


def _prepare_output() -> None:
    """What drawing the overview imports (Rich, above all), loaded before the logs are
    read."""
    import medborgarlofte.cli.rich_console  # noqa: F401
    import medborgarlofte.render.overview  # noqa: F401
