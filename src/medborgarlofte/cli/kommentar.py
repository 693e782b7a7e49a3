"""Command line: `lofte log kommentar`: validate and append a dated comment on one promise."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from medborgarlofte.cli import complete
from medborgarlofte.cli.common import KommunOption, guarded, now_iso, parse_date, root_of, today
from medborgarlofte.cli.log import _who, log_app


@log_app.command("kommentar")
@guarded
def kommentar(
    ctx: typer.Context,
    promise_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="Löftets id.", autocompletion=complete.promise_ids),
    ],
    text: Annotated[str, typer.Argument(metavar="TEXT", help="Kommentaren, inom citattecken.")],
    datum: Annotated[
        str | None, typer.Option("--datum", help="Datum ÅÅÅÅ-MM-DD. Standard: idag.")
    ] = None,
    av: Annotated[str | None, typer.Option("--av", help="Vem som registrerar.")] = None,
    kommun: KommunOption = None,
) -> None:
    """Skriv en daterad kommentar (förklaring, analys) till ett löfte."""
    from medborgarlofte.core.personnummer import find_personal_numbers
    from medborgarlofte.load.comments import COMMENT_KIND, build_comment, comments_rel
    from medborgarlofte.write.append import append_row
    from medborgarlofte.write.logging_rows import period_for_writing, writable_path

    root = root_of(ctx)
    real_today = today()
    day = parse_date(datum, "--datum") if datum else real_today
    promise_set = period_for_writing(root, kommun, day)
    comment = build_comment(
        promise_set,
        promise_id=promise_id,
        day=day,
        today=real_today,
        text=text,
        registered_by=_who(av, root),
        registered=now_iso(),
    )
    rel = comments_rel(promise_set)
    path = writable_path(root, rel)
    if find_personal_numbers(comment.text):
        print(
            "lofte: varning W001: kommentaren ser ut att innehålla ett personnummer;"
            " personuppgifter hör inte hemma här.",
            file=sys.stderr,
        )
    line = append_row(path, comment.cells(), kind=COMMENT_KIND, rel=rel)
    print(f"Sparad: {rel}:{line}")
    print(f"Kommentar till {comment.promise_id}, daterad {comment.day.isoformat()}.")
