"""Command line: `lofte log kommentar`: validate and append a dated comment on one promise."""

from __future__ import annotations

from typing import Annotated

import typer

from medborgarlofte.cli import complete
from medborgarlofte.cli.common import (
    DatumHelp,
    KommunOption,
    guarded,
    now_iso,
    parse_day_option,
    root_of,
    today,
)
from medborgarlofte.cli.log import NotPersonalNumberOption, _who, log_app


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
        str | None, typer.Option("--datum", help=DatumHelp + " Standard: idag.")
    ] = None,
    av: Annotated[str | None, typer.Option("--av", help="Vem som registrerar.")] = None,
    kommun: KommunOption = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="Perioden kommentaren gäller (standard: den som omfattar datumet, eller som"
            " slutade högst 90 dagar före det).",
            autocompletion=complete.periods,
        ),
    ] = None,
    inte_personnummer: NotPersonalNumberOption = False,
) -> None:
    """Skriv en daterad kommentar (förklaring, analys) till ett löfte."""
    from medborgarlofte.load.comments import COMMENT_KIND, build_comment, comments_rel
    from medborgarlofte.write.append import append_row
    from medborgarlofte.write.logging_rows import (
        period_for_comment,
        refuse_personal_numbers,
        writable_path,
    )

    root = root_of(ctx)
    real_today = today()
    day = parse_day_option(datum, "--datum", real_today) if datum else real_today
    promise_set = period_for_comment(root, kommun, day, promise_id, period)
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
    if not inte_personnummer:
        refuse_personal_numbers({"TEXT": comment.text})
    line = append_row(path, comment.cells(), kind=COMMENT_KIND, rel=rel, root=root)
    print(f"Sparad: {rel}:{line}")
    print(f"Kommentar till {comment.promise_id}, daterad {comment.day.isoformat()}.")
