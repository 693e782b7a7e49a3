"""Command line: `lofte plan`: what must be logged by when, per promise (docs/plan.md)."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated, Any

import typer

from medborgarlofte.cli.common import (
    KommunOption,
    PeriodArg,
    PerOption,
    app,
    console,
    guarded,
    parse_day_option,
    root_of,
    today,
    warn_left_out,
)


class PlanFormat(StrEnum):
    tabell = "tabell"
    markdown = "markdown"
    json = "json"
    ics = "ics"


@app.command("plan")
@guarded
def plan_command(
    ctx: typer.Context,
    period: PeriodArg = None,
    per: PerOption = None,
    format: Annotated[
        PlanFormat,
        typer.Option("--format", "-f", help="Utdata: tabell, markdown, json eller ics (kalender)."),
    ] = PlanFormat.tabell,
    kommun: KommunOption = None,
) -> None:
    """Visa vad som måste loggas och senast när, för varje löfte med ett antal."""
    from medborgarlofte.judge.plan import plan
    from medborgarlofte.load.workspace import select_periods, tally_log

    root = root_of(ctx)
    real_today = today()
    as_of = parse_day_option(per, "--per", real_today, exit_code=2) if per else real_today
    plans = []
    skipped = 0
    for promise_set in select_periods(root, period, kommun, real_today):
        logged = tally_log(root, promise_set, real_today)
        skipped += logged.tally.skipped_rows
        plans.append(plan(logged.tally, as_of))
    warn_left_out("plan", skipped)
    _render(plans, format)


def _render(plans: list[Any], format: PlanFormat) -> None:
    if format is PlanFormat.json:
        from medborgarlofte.render.plan_views import render_json

        sys.stdout.write(render_json(plans))
    elif format is PlanFormat.markdown:
        from medborgarlofte.render.plan_views import render_markdown

        sys.stdout.write(render_markdown(plans))
    elif format is PlanFormat.ics:
        from medborgarlofte.render.plan_ics import render_ics

        sys.stdout.buffer.write(render_ics(plans).encode("utf-8"))
        sys.stdout.flush()
    else:
        _print_table(plans)


def _print_table(plans: list[Any]) -> None:
    from rich.table import Table
    from rich.text import Text

    from medborgarlofte.core import texts
    from medborgarlofte.render.plan_views import heading, table_rows

    out = console()
    for index, plan in enumerate(plans):
        if index:
            out.print()
        out.print(Text(heading(plan), style="bold"))
        if plan.ended:
            out.print(texts.PLAN_ENDED, highlight=False, markup=False)
            continue
        rows = table_rows(plan)
        if all(item.by is None for item in plan.items):
            out.print(texts.PLAN_EMPTY, highlight=False, markup=False)
        if not rows:
            continue
        table = Table(expand=False)
        for header in texts.PLAN_HEADERS:
            table.add_column(header, justify="right" if header == "Kvar" else "left")
        for row in rows:
            table.add_row(*(Text(cell) for cell in row))
        out.print(table)
