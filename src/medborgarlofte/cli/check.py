"""Command line: `lofte check`: validate the whole repo, print every problem, exit by verdict.

Silent with exit 0 when all is well; otherwise one line per problem and a summary line.
Exit codes: 0 valid (warnings allowed), 1 errors or an unknown kommun (as every command),
2 usage (a bad option or date, `--sedan` outside git or with an unknown revision),
3 `--strikt` found a promise
behind plan or missed while the data is valid.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from medborgarlofte.cli.common import (
    KommunOption,
    app,
    guarded,
    parse_day_option,
    root_of,
    today,
)
from medborgarlofte.core.safe_text import visible

if TYPE_CHECKING:
    from medborgarlofte.check.run import CheckResult
    from medborgarlofte.core.problems import Problem


class CheckFormat(StrEnum):
    text = "text"
    github = "github"
    json = "json"


@app.command("check")
@guarded
def check(
    ctx: typer.Context,
    strikt: Annotated[
        bool,
        typer.Option(
            "--strikt", help="Slutkod 3 om ett löfte ligger efter plan eller inte är uppfyllt."
        ),
    ] = False,
    per: Annotated[
        str | None,
        typer.Option(
            "--per",
            metavar="DATUM",
            help="Med --strikt: bedöm löftena per detta datum (ÅÅÅÅ-MM-DD, idag, igår, en veckodag"
            " eller -N). Standard: idag.",
        ),
    ] = None,
    format: Annotated[
        CheckFormat,
        typer.Option("--format", "-f", help="Utdata: text, github (anteckningar) eller json."),
    ] = CheckFormat.text,
    sedan: Annotated[
        str | None,
        typer.Option(
            "--sedan",
            metavar="REV",
            help="Kontrollera också att loggarnas rader från git-revisionen REV står kvar "
            "oförändrade (loggen får bara växa).",
        ),
    ] = None,
    kommun: KommunOption = None,
) -> None:
    """Kontrollera alla löftesfiler och loggar; rapportera varje fel med fil och rad.

    Tyst med slutkod 0 när allt är rätt (varningar stoppar inte). Slutkod 1: fel i
    data. 2: fel användning. 3: --strikt och ett löfte ligger efter plan. Felkoderna
    beskrivs i docs/felkoder.md.
    """
    from medborgarlofte.check.run import run_check

    root = root_of(ctx)
    real_today = today()
    as_of = parse_day_option(per, "--per", real_today, exit_code=2) if per else real_today
    result = run_check(root, real_today, per=as_of if strikt else None, since=sedan, kommun=kommun)
    if format is CheckFormat.json:
        sys.stdout.write(render_json(result.problems))
    elif format is CheckFormat.github:
        workspace = os.environ.get("GITHUB_WORKSPACE")
        from medborgarlofte.cli.terminal import write_workflow_commands

        write_workflow_commands(render_github(result.problems, _prefix(root, workspace)))
        if result.problems:
            print(summary(result))
    else:
        _print_text(result)
    if sedan is not None and format is not CheckFormat.json:
        _print_recovery(result, sedan)
    raise typer.Exit(result.exit_code)


def _print_recovery(result: CheckResult, rev: str) -> None:
    """After rows rewritten since `rev` (E030): how to get the log back, once per log."""
    from medborgarlofte.core.texts import SINCE_RECOVERY

    logs = dict.fromkeys(p.path for p in result.problems if p.code == "E030")
    for log in logs:
        print(SINCE_RECOVERY.format(log=visible(log), rev=visible(rev)), file=sys.stderr)


def summary(result: CheckResult) -> str:
    """One line: how many errors and warnings, and the promises behind for `--strikt`."""
    parts = []
    if result.errors:
        parts.append(_count(result.errors, "fel", "fel"))
    if result.warnings - result.behind:
        parts.append(_count(result.warnings - result.behind, "varning", "varningar"))
    if result.behind:
        parts.append(
            _count(
                result.behind,
                "löfte efter plan eller ej uppfyllt",
                "löften efter plan eller ej uppfyllda",
            )
        )
    files = len({p.path for p in result.problems})
    return f"{', '.join(parts)} i {_count(files, 'fil', 'filer')}."


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def render_text(problems: list[Problem]) -> str:
    return "".join(f"{p.location()}: {p.severity} {p.code}: {p.message}\n" for p in problems)


def render_json(problems: list[Problem]) -> str:
    import json

    return json.dumps([p.to_dict() for p in problems], ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    """A workflow command's message: GitHub's own escapes for `%` and line breaks, and every
    other control character shown visibly, so the command stays one line."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(escaped)


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(problems: list[Problem], prefix: str = "") -> str:
    """GitHub Actions workflow commands: one `::error`/`::warning` annotation per problem.

    `prefix` is the repo root relative to the workspace, since annotations name files from
    the checked-out repository's top.
    """
    lines = []
    for found in problems:
        command = "error" if found.severity == "fel" else "warning"
        properties = [f"file={_escape_property(prefix + found.path)}"]
        if found.line is not None:
            properties.append(f"line={found.line}")
            if found.column is not None:
                properties.append(f"col={found.column}")
        properties.append(f"title={_escape_property(found.code)}")
        lines.append(f"::{command} {','.join(properties)}::{_escape_data(found.message)}\n")
    return "".join(lines)


def _prefix(root: Path, workspace: str | None) -> str:
    if not workspace:
        return ""
    try:
        inner = root.resolve().relative_to(Path(workspace).resolve())
    except ValueError:
        return ""
    return "" if inner == Path() else f"{inner.as_posix()}/"


def _print_text(result: CheckResult) -> None:
    if not result.problems:
        return
    if not sys.stdout.isatty() or os.environ.get("NO_COLOR"):
        sys.stdout.write(render_text(result.problems))
        print(summary(result))
        return
    from rich.text import Text

    from medborgarlofte.cli.common import console

    out = console()
    for found in result.problems:
        style = "bold red" if found.severity == "fel" else "yellow"
        out.print(
            Text.assemble(
                (f"{found.location()}:", "bold"),
                " ",
                (f"{found.severity} {found.code}:", style),
                f" {found.message}",
            ),
            soft_wrap=True,
        )
    out.print(Text(summary(result), style="bold"), soft_wrap=True)
