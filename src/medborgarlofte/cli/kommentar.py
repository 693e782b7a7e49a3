"""Command line: `lofte log kommentar`: validate and append a dated comment on one promise,
or move one (`--flytta`: strike it and write it anew under another period or promise)."""

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
        str | None,
        typer.Argument(metavar="ID", help="Löftets id.", autocompletion=complete.promise_ids),
    ] = None,
    text: Annotated[
        str | None, typer.Argument(metavar="TEXT", help="Kommentaren, inom citattecken.")
    ] = None,
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
    flytta: Annotated[
        int | None,
        typer.Option(
            "--flytta",
            metavar="RAD",
            min=1,
            help="Flytta kommentaren med numret som 'lofte log lista --kommentarer' visar, till"
            " --period och/eller --lofte. Den stryks där den stod.",
        ),
    ] = None,
    lofte: Annotated[
        str | None,
        typer.Option(
            "--lofte",
            "--löfte",
            help="Med --flytta: löftet kommentaren ska stå under (standard: samma).",
            autocompletion=complete.promise_ids,
        ),
    ] = None,
    fran_period: Annotated[
        str | None,
        typer.Option(
            "--fran-period",
            "--från-period",
            help="Med --flytta: perioden kommentaren står i nu (standard: den som omfattar"
            " idag, som 'lofte log lista --kommentarer').",
            autocompletion=complete.periods,
        ),
    ] = None,
) -> None:
    """Skriv en daterad kommentar (förklaring, analys) till ett löfte, eller flytta en."""
    from medborgarlofte.core.problems import LofteError
    from medborgarlofte.core.texts import COMMENT_ARGS_MISSING, MOVE_WITH_TEXT

    if flytta is not None:
        if promise_id is not None or text is not None or datum is not None:
            raise LofteError(MOVE_WITH_TEXT, 2)
        _move(ctx, flytta, period, lofte, fran_period, kommun, av)
        return
    if promise_id is None or text is None or lofte is not None or fran_period is not None:
        raise LofteError(COMMENT_ARGS_MISSING, 2)
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
        refuse_personal_numbers({"TEXT": comment.text, "--av": av or ""})
    line = append_row(path, comment.cells(), kind=COMMENT_KIND, rel=rel, root=root)
    print(f"Sparad: {rel}:{line}")
    print(f"Kommentar till {comment.promise_id}, daterad {comment.day.isoformat()}.")


def _move(
    ctx: typer.Context,
    line: int,
    period: str | None,
    promise_id: str | None,
    from_period: str | None,
    kommun: str | None,
    av: str | None,
) -> None:
    from medborgarlofte.core.problems import LofteError
    from medborgarlofte.core.texts import MOVE_NOWHERE, MOVED_DONE
    from medborgarlofte.load.workspace import select_one_period
    from medborgarlofte.write.corrections import move_comment

    if period is None and promise_id is None:
        raise LofteError(MOVE_NOWHERE, 2)
    root = root_of(ctx)
    real_today = today()
    source = select_one_period(root, from_period, kommun, real_today)
    target = select_one_period(root, period, kommun, real_today) if period else source
    moved = move_comment(
        root, source, line, target, promise_id, _who(av, root), now_iso(), real_today
    )
    print(
        MOVED_DONE.format(
            file=moved.old.rel,
            line=line,
            new_file=moved.new_rel,
            new_line=moved.new_line,
            id=moved.promise_id,
            period=target.period.name,
        )
    )
