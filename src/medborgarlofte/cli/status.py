"""Command line: `lofte status`: judge each promise as of a date and render the report."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from medborgarlofte.cli import complete
from medborgarlofte.cli.common import (
    KommunOption,
    PeriodArg,
    PerOption,
    StatusFormat,
    StatusFormatOption,
    app,
    console,
    guarded,
    parse_day_option,
    root_of,
    today,
    warn_left_out,
)


@app.command("status")
@guarded
def status(
    ctx: typer.Context,
    period: PeriodArg = None,
    promise_id: Annotated[
        str | None,
        typer.Argument(
            metavar="ID",
            help="Ett löftes eller en indikators id: visa det i detalj.",
            autocompletion=complete.promise_and_indicator_ids,
        ),
    ] = None,
    per: PerOption = None,
    format: StatusFormatOption = StatusFormat.tabell,
    kommun: KommunOption = None,
) -> None:
    """Visa för varje löfte om det är uppfyllt, i fas eller efter plan."""
    from medborgarlofte.judge.evaluate import judge
    from medborgarlofte.load.workspace import select_periods, tally_log

    root = root_of(ctx)
    real_today = today()
    as_of = parse_day_option(per, "--per", real_today, exit_code=2) if per else real_today
    if promise_id is not None:
        from medborgarlofte.cli.detail import show_detail

        if format in (StatusFormat.markdown, StatusFormat.csv):
            from medborgarlofte.core.problems import LofteError
            from medborgarlofte.core.texts import DETAIL_FORMATS

            raise LofteError(DETAIL_FORMATS.format(format=format.value), 2)
        return show_detail(
            root, period, promise_id, as_of, kommun, real_today, format is StatusFormat.json
        )
    from medborgarlofte.load.measurements import load_with_history, rejected_rows

    reports = []
    comments: list[Any] = []
    indicators: list[Any] = []
    skipped = 0
    for promise_set in select_periods(root, period, kommun, real_today):
        logged = tally_log(root, promise_set, real_today)
        skipped += logged.tally.skipped_rows
        reports.append(judge(logged.tally, as_of))
        measured, rejected = load_with_history(root, promise_set, real_today)
        skipped += rejected_rows(rejected)
        judged: tuple[Any, ...] = ()
        if promise_set.indicators:  # the judgement is loaded only for a set that has some
            from medborgarlofte.judge.indicators import judge_indicators

            judged = judge_indicators(promise_set, measured, as_of)
        indicators.append(judged)
        if format is StatusFormat.json:
            from medborgarlofte.load.comments import comments_by_promise, load_comments

            found = load_comments(root, promise_set, real_today)[0]
            comments.append(comments_by_promise(found, as_of))
    warn_left_out("status", skipped)
    _render(reports, format, comments, indicators, skipped)


def _render(
    reports: list,  # type: ignore[type-arg]
    format: StatusFormat,
    comments: list[Any] | None = None,
    indicators: list[Any] | None = None,
    left_out: int = 0,
) -> None:
    """Render the reports; rows left out are said in a table's or Markdown's own output
    (JSON and CSV are for programs: there the warning stays on stderr)."""
    from medborgarlofte.core.texts import left_out_words

    if format is StatusFormat.json:
        from medborgarlofte.render.status_data import render_json

        sys.stdout.write(render_json(reports, comments, indicators))
    elif format is StatusFormat.markdown:
        from medborgarlofte.render.status_data import render_markdown

        text = render_markdown(reports, indicators)
        if left_out:
            from medborgarlofte.core.safe_text import markdown

            title, _, rest = text.partition("\n")
            text = f"{title}\n\n> **{markdown(left_out_words(left_out))}**\n{rest}"
        sys.stdout.write(text)
    elif format is StatusFormat.csv:
        from medborgarlofte.cli.terminal import write_csv
        from medborgarlofte.render.status_data import render_csv

        write_csv(render_csv(reports))
    else:
        from medborgarlofte.render.status_table import print_status

        out = console()
        print_status(out, reports, indicators)
        if left_out:
            out.print()
            out.print(left_out_words(left_out), markup=False, highlight=False)
