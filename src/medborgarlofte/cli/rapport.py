"""Command line: `lofte rapport`: the follow-up report to publish, as HTML or Markdown."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from medborgarlofte.cli.common import (
    KommunOption,
    PeriodArg,
    PerOption,
    app,
    guarded,
    parse_day_option,
    root_of,
    today,
    warn_left_out,
)


class ReportFormat(StrEnum):
    html = "html"
    markdown = "markdown"


@app.command("rapport")
@guarded
def rapport(
    ctx: typer.Context,
    period: PeriodArg = None,
    per: PerOption = None,
    format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="html eller markdown. Standard: efter filändelsen i -o (.html, .md),"
            " annars markdown.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--ut", help="Skriv till denna fil i stället för till skärmen."),
    ] = None,
    kommun: KommunOption = None,
    fragment: Annotated[
        bool,
        typer.Option(
            "--fragment",
            help="Bara rapportens innehåll (html), med stilen avgränsad till det: att klistra "
            "in i kommunens publiceringsverktyg.",
        ),
    ] = False,
    historik: Annotated[
        bool,
        typer.Option(
            "--historik",
            help="Visa under varje löfte hur det har ändrats enligt git (html).",
        ),
    ] = False,
    rubrikniva: Annotated[
        int | None,
        typer.Option(
            "--rubrikniva",
            min=1,
            max=4,
            metavar="N",
            help="Med --fragment: rapportens rubrik blir h<N> och de andra följer under den, "
            "så att sidan behåller sin enda h1. Standard: 2.",
        ),
    ] = None,
) -> None:
    """Skriv uppföljningen att publicera: mål, utfall, status, kommentarer och diagram."""
    from medborgarlofte.core.problems import LofteError
    from medborgarlofte.core.texts import (
        REPORT_HTML_ONLY,
        REPORT_HTML_ONLY_SUFFIX,
        REPORT_LEVEL_FRAGMENT_ONLY,
    )
    from medborgarlofte.judge.followup import followup_report
    from medborgarlofte.load.comments import load_comments
    from medborgarlofte.load.workspace import select_periods, tally_log

    root = root_of(ctx)
    real_today = today()
    as_of = parse_day_option(per, "--per", real_today, exit_code=2) if per else real_today
    if output is not None:
        from medborgarlofte.core import texts
        from medborgarlofte.load.repo import protected_folder

        folder = protected_folder(root, output)
        if folder is not None:
            raise LofteError(texts.OUTPUT_PROTECTED.format(path=output, folder=folder))
    chosen = format or (ReportFormat.html if fragment else _format_for(output))
    if (fragment or historik) and chosen is not ReportFormat.html:
        if format is None:  # chosen by -o's file name, or Markdown to the screen
            raise LofteError(REPORT_HTML_ONLY_SUFFIX.format(path=output or "skärmen"), 2)
        raise LofteError(REPORT_HTML_ONLY, 2)
    if rubrikniva is not None and not fragment:
        raise LofteError(REPORT_LEVEL_FRAGMENT_ONLY, 2)
    sets = select_periods(root, period, kommun, real_today)
    if len(sets) > 1:
        names = ", ".join(s.kommun_key or s.kommun for s in sets)
        raise LofteError(f"Repot har flera kommuner ({names}): välj en med --kommun.", 2)
    promise_set = sets[0]
    logged = tally_log(root, promise_set, real_today)
    comments, comment_problems = load_comments(root, promise_set, real_today)
    skipped = logged.tally.skipped_rows + sum(1 for p in comment_problems if p.severity == "fel")
    from medborgarlofte.load.measurements import load_with_history, rejected_rows

    measurements, measurement_problems = load_with_history(root, promise_set, real_today)
    skipped += rejected_rows(measurement_problems)
    warn_left_out("rapport", skipped)
    report = followup_report(logged.tally, as_of, comments, measurements)
    if chosen is ReportFormat.html:
        from medborgarlofte.render.report_html import render_report_html

        changes = None
        if historik:
            from medborgarlofte.judge.history import changes_by_promise, promise_changes
            from medborgarlofte.load.git_history import committed_sets, require_git

            require_git(root)
            committed, _ = committed_sets(root, promise_set)
            changes = changes_by_promise(promise_changes(committed, first_as_added=False))
        level = 2 if rubrikniva is None else rubrikniva
        text = render_report_html(
            report, fragment=fragment, changes=changes, left_out=skipped, top_level=level
        )
    else:
        from medborgarlofte.render.report_markdown import render_report_markdown

        text = render_report_markdown(report, left_out=skipped)
    if output is None:
        sys.stdout.write(text)
        return
    from medborgarlofte.write.safe_write import replace_whole

    out_folder = output.expanduser().parent
    if str(out_folder) and not out_folder.is_dir():
        # Refused, not created: a mistyped folder would hide the report where nobody looks.
        from medborgarlofte.core.problems import LofteError
        from medborgarlofte.core.texts import OUTPUT_NO_FOLDER

        raise LofteError(OUTPUT_NO_FOLDER.format(folder=out_folder, path=output))
    replace_whole(root, output.expanduser(), text.encode("utf-8"), mode=0o644)
    print(f"Skrev {output}")


_SUFFIX_FORMATS = {
    ".html": ReportFormat.html,
    ".htm": ReportFormat.html,
    ".md": ReportFormat.markdown,
    ".markdown": ReportFormat.markdown,
    ".txt": ReportFormat.markdown,
}


def _format_for(output: Path | None) -> ReportFormat:
    """The format -o's file name asks for (Markdown to the screen or a name without a
    suffix); a PDF or any other suffix is refused rather than filled with Markdown."""
    from medborgarlofte.core import texts
    from medborgarlofte.core.problems import LofteError

    suffix = output.suffix.lower() if output is not None else ""
    if not suffix:
        return ReportFormat.markdown
    if suffix in _SUFFIX_FORMATS:
        return _SUFFIX_FORMATS[suffix]
    if suffix == ".pdf":
        raise LofteError(texts.REPORT_NO_PDF.format(path=output), 2)
    raise LofteError(texts.REPORT_UNKNOWN_SUFFIX.format(path=output, suffix=suffix), 2)
