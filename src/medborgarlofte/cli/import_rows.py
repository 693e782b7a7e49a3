"""Command line: `lofte import insatser`: a spreadsheet's or a web form's rows into the logs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from medborgarlofte.cli import complete
from medborgarlofte.cli.common import KommunOption, guarded, now_iso, root_of, today
from medborgarlofte.cli.log import _who
from medborgarlofte.cli.matning import import_app


@import_app.command("insatser")
@guarded
def insatser(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(metavar="FIL", help="En Excel-fil (.xlsx) eller en CSV-fil med insatser."),
    ],
    period: Annotated[
        str | None,
        typer.Argument(
            metavar="PERIOD",
            help="Perioden alla rader ska ligga i. Standard: perioden som omfattar varje "
            "rads datum.",
            autocompletion=complete.periods,
        ),
    ] = None,
    kommun: KommunOption = None,
    blad: Annotated[
        str | None,
        typer.Option("--blad", help="Bladet i Excel-filen att läsa. Standard: det första."),
    ] = None,
    kolumn: Annotated[
        list[str] | None,
        typer.Option(
            "--kolumn",
            help="LOGGKOLUMN=RUBRIK: läs loggkolumnen ur tabellens kolumn med den rubriken, "
            'till exempel --kolumn typ="Typ av insats" (kan upprepas).',
        ),
    ] = None,
    av: Annotated[
        str | None,
        typer.Option("--av", help="Vem som registrerar, när tabellen inte säger det."),
    ] = None,
    torrkorning: Annotated[
        bool,
        typer.Option(
            "--torrkorning", "--torrkörning", help="Visa vad som skulle importeras; skriv inget."
        ),
    ] = False,
) -> None:
    """Importera insatser från Excel, en CSV-fil eller ett webbformulärs export."""
    from medborgarlofte.core.problems import LofteError, Severity, refusal
    from medborgarlofte.core.texts import IMPORT_TEXTS, rows_word
    from medborgarlofte.judge.import_rows import MappingProblem, map_columns
    from medborgarlofte.load.log_dialect import format_row
    from medborgarlofte.load.repo import Repo, resolve_period
    from medborgarlofte.load.spreadsheet import read_sheet
    from medborgarlofte.write.importer import (
        Defaults,
        apply_import,
        plan_import,
        refused_lines,
    )

    root = root_of(ctx)
    mapped = _mapping(kolumn or [])
    real_today = today()
    repo = Repo.open(root)
    sets, problems = repo.load(repo.refs_for_kommun(kommun))
    errors = [p for p in problems if p.severity is Severity.ERROR]
    chosen = None
    if period is not None:
        try:
            chosen = resolve_period(sets, period, real_today)
        except LofteError as error:
            raise LofteError(error.message, error.exit_code, errors) from None
    elif not sets:
        raise refusal("no_promise_files", errors)
    sheet = read_sheet(Path(file), file, blad)
    columns = map_columns(sheet.header, mapped)
    if isinstance(columns, MappingProblem):
        raise refusal(columns.key, None, **columns.fields)
    defaults = Defaults(_who(av, root), now_iso())
    plan = plan_import(root, sheet, columns, sets, chosen, real_today, defaults)
    if plan.log_problems:
        raise refusal("import_log_unreadable", plan.log_problems, log=plan.log_problems[0].path)
    if torrkorning:
        from medborgarlofte.core.safe_text import visible

        by_log: dict[str, list[str]] = {}
        for row in plan.new:
            cells = format_row(list(row.cells.values())).decode("utf-8").rstrip("\n")
            line = IMPORT_TEXTS["would_write_row"].format(
                number=row.number, log=row.log_rel, cells=visible(cells)
            )
            by_log.setdefault(row.log_rel, []).append(line)
        for log, lines in by_log.items():
            print(
                IMPORT_TEXTS["would_write"].format(
                    count=len(lines), rows=rows_word(len(lines)), log=log
                )
            )
            print("\n".join(lines))
    else:
        written = apply_import(root, plan)
        by_log_lines: dict[str, list[str]] = {}
        for row, at in written:
            text = IMPORT_TEXTS["written_row"].format(number=row.number, log=row.log_rel, line=at)
            by_log_lines.setdefault(row.log_rel, []).append(text)
        for log, lines in by_log_lines.items():
            print(
                IMPORT_TEXTS["written"].format(
                    count=len(lines), rows=rows_word(len(lines)), log=log
                )
            )
            print("\n".join(lines))
    if plan.already:
        if not plan.new and not plan.refused:
            print(IMPORT_TEXTS["nothing_new"].format(count=plan.already))
        else:
            print(IMPORT_TEXTS["already"].format(count=plan.already, rows=rows_word(plan.already)))
    if columns.unused:
        print(IMPORT_TEXTS["unused"].format(columns=", ".join(f"'{c}'" for c in columns.unused)))
    if plan.refused:
        count = len(plan.refused)
        print(
            IMPORT_TEXTS["refused_heading"].format(count=count, rows=rows_word(count), file=file),
            file=sys.stderr,
        )
        for line in refused_lines(plan, file):
            print(line, file=sys.stderr)
        raise LofteError(
            IMPORT_TEXTS["refused_summary"].format(count=count, rows=rows_word(count), file=file)
        )


def _mapping(given: list[str]) -> dict[str, str]:
    """`--kolumn LOGGKOLUMN=RUBRIK`s as log column -> heading."""
    from medborgarlofte.core.problems import refusal

    mapped: dict[str, str] = {}
    for item in given:
        column, equals, heading = item.partition("=")
        if not equals or not column.strip() or not heading.strip():
            raise refusal("import_bad_mapping", given=item)
        mapped[column.strip()] = heading.strip().strip('"')
    return mapped
