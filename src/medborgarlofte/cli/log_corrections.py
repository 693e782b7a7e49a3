"""Command line: `lofte log stryk`, `ratta`, `angra`, `radera`: correct the record, never
rewrite it."""

from __future__ import annotations

from typing import Annotated, Any

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
from medborgarlofte.cli.log import (
    NotPersonalNumberOption,
    _who,
    free_text_options,
    log_app,
    print_standing,
    warn_large_count,
)

RowArg = Annotated[
    int,
    typer.Argument(
        metavar="RAD", help="Radnumret som 'lofte log lista' visar (1 eller mer).", min=1
    ),
]
ReasonOption = Annotated[str, typer.Option("--skal", help="Varför raden rättas (krävs).")]
PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        help="Perioden (2019, 2020-2021). Standard: den som omfattar idag.",
        autocompletion=complete.periods,
    ),
]
WhoOption = Annotated[str | None, typer.Option("--av", help="Vem som rättar.")]


def one_period(root: Any, period: str | None, kommun: str | None, real_today: Any) -> Any:
    from medborgarlofte.load.workspace import select_one_period

    return select_one_period(root, period, kommun, real_today)


OptionalRowArg = Annotated[
    int | None,
    typer.Argument(
        metavar="RAD", help="Radnumret som 'lofte log lista' visar (1 eller mer).", min=1
    ),
]
MeasurementRowOption = Annotated[
    int | None,
    typer.Option(
        "--matning",
        "--mätning",
        metavar="RAD",
        min=1,
        help="En mätning i stället, med numret som 'lofte log lista --matningar' visar.",
    ),
]
CommentRowOption = Annotated[
    int | None,
    typer.Option(
        "--kommentar",
        metavar="RAD",
        min=1,
        help="En kommentar i stället, med numret som 'lofte log lista --kommentarer' visar.",
    ),
]


def _which_row(rad: int | None, matning: int | None, kommentar: int | None) -> tuple[Any, int]:
    """The kind of row named and its number; exactly one of the three must be given."""
    from medborgarlofte.core.problems import LofteError
    from medborgarlofte.core.texts import STRIKE_WHICH
    from medborgarlofte.load.corrections import Kind

    given = [
        (k, v)
        for k, v in ((Kind.LOG, rad), (Kind.MEASUREMENT, matning), (Kind.COMMENT, kommentar))
        if v is not None
    ]
    if len(given) != 1:
        raise LofteError(STRIKE_WHICH, 2)
    return given[0]


def _named_row(
    ctx: typer.Context,
    skal: str,
    rows: tuple[int | None, int | None, int | None],
    period: str | None,
    kommun: str | None,
    av: str | None,
    inte_personnummer: bool,
) -> tuple[Any, int, Any, Any, str]:
    """What `log stryk` and `log angra` read alike from their options: the kind of row (the
    log's, a measurement's, a comment's) and its number, the repo, the period, and the
    reason as written (blanks folded); after its free text is checked for personal
    numbers."""
    from medborgarlofte.write.logging_rows import refuse_personal_numbers

    kind, line = _which_row(*rows)
    if not inte_personnummer:
        refuse_personal_numbers({"--skal": skal, "--av": av or ""})
    root = root_of(ctx)
    promise_set = one_period(root, period, kommun, today())
    return kind, line, root, promise_set, " ".join(skal.split())


@log_app.command("stryk")
@guarded
def stryk(
    ctx: typer.Context,
    skal: ReasonOption,
    rad: OptionalRowArg = None,
    matning: MeasurementRowOption = None,
    kommentar: CommentRowOption = None,
    period: PeriodOption = None,
    kommun: KommunOption = None,
    av: WhoOption = None,
    inte_personnummer: NotPersonalNumberOption = False,
) -> None:
    """Stryk en felaktig rad, mätning eller kommentar: den står kvar i filen men räknas och
    visas inte längre."""
    from medborgarlofte.core.texts import SIDE_STRUCK_DONE, STRUCK_DONE
    from medborgarlofte.load.corrections import Kind
    from medborgarlofte.write.corrections import strike_row, strike_side

    kind, line, root, promise_set, reason = _named_row(
        ctx, skal, (rad, matning, kommentar), period, kommun, av, inte_personnummer
    )
    if kind is not Kind.LOG:
        side = strike_side(root, promise_set, kind, line, skal, _who(av, root), now_iso())
        print(SIDE_STRUCK_DONE.format(file=side.rel, line=line, ref=side.ref, reason=reason))
        return
    done = strike_row(root, promise_set, line, skal, _who(av, root), now_iso())
    print(STRUCK_DONE.format(log=promise_set.log_path, line=line, ref=done.row.ref, reason=reason))


@log_app.command("angra")
@guarded
def angra(
    ctx: typer.Context,
    skal: Annotated[str, typer.Option("--skal", help="Varför strykningen ångras (krävs).")],
    rad: OptionalRowArg = None,
    matning: MeasurementRowOption = None,
    kommentar: CommentRowOption = None,
    period: PeriodOption = None,
    kommun: KommunOption = None,
    av: WhoOption = None,
    inte_personnummer: NotPersonalNumberOption = False,
) -> None:
    """Ångra en strykning eller rättning: raden räknas igen, och en rättad kopia stryks."""
    from medborgarlofte.core.texts import SIDE_UNDONE_DONE, UNDONE_COPY, UNDONE_DONE
    from medborgarlofte.load.corrections import Kind
    from medborgarlofte.write.corrections import undo_row, undo_side

    kind, line, root, promise_set, reason = _named_row(
        ctx, skal, (rad, matning, kommentar), period, kommun, av, inte_personnummer
    )
    if kind is not Kind.LOG:
        side = undo_side(root, promise_set, kind, line, skal, _who(av, root), now_iso())
        print(SIDE_UNDONE_DONE.format(file=side.rel, line=line, ref=side.ref, reason=reason))
        return
    done = undo_row(root, promise_set, line, skal, _who(av, root), now_iso())
    print(
        UNDONE_DONE.format(
            log=promise_set.log_path, line=done.row.line, ref=done.row.ref, reason=reason
        )
    )
    if done.copy_line is not None:
        print(UNDONE_COPY.format(line=done.copy_line))


@log_app.command("ratta")
@guarded
def ratta(
    ctx: typer.Context,
    rad: RowArg,
    skal: ReasonOption,
    datum: Annotated[str | None, typer.Option("--datum", help=DatumHelp)] = None,
    typ: Annotated[
        str | None,
        typer.Option("--typ", help="Rätt aktivitetstyp.", autocompletion=complete.activity_types),
    ] = None,
    antal: Annotated[str | None, typer.Option("--antal", help="Rätt antal.")] = None,
    plats: Annotated[str | None, typer.Option("--plats", help="Rätt plats.")] = None,
    deltagare: Annotated[
        list[str] | None,
        typer.Option(
            "--deltagare",
            help="Rätt deltagare, kommaseparerade.",
            autocompletion=complete.participants,
        ),
    ] = None,
    tagg: Annotated[
        list[str] | None,
        typer.Option("--tagg", help="Rätt tagg (kan upprepas).", autocompletion=complete.tags),
    ] = None,
    beskrivning: Annotated[
        str | None, typer.Option("--beskrivning", help="Rätt beskrivning.")
    ] = None,
    period: PeriodOption = None,
    kommun: KommunOption = None,
    av: WhoOption = None,
    inte_personnummer: NotPersonalNumberOption = False,
) -> None:
    """Rätta en rad: den stryks och en rättad kopia läggs sist i loggen, i samma skrivning."""
    from medborgarlofte.core.problems import LofteError
    from medborgarlofte.core.texts import CORRECTED_DONE, NOTHING_CORRECTED, OTHER_PERIOD
    from medborgarlofte.write.corrections import strike_row
    from medborgarlofte.write.logging_rows import build_activity, refuse_personal_numbers

    given = (datum, typ, antal, plats, deltagare, tagg, beskrivning)
    if all(value is None for value in given):
        raise LofteError(NOTHING_CORRECTED)
    root = root_of(ctx)
    real_today = today()
    promise_set = one_period(root, period, kommun, real_today)
    who = _who(av, root)
    registered = now_iso()
    built: list[Any] = []

    def corrected(cells: dict[str, str]) -> dict[str, str]:
        day_text = datum if datum is not None else cells["datum"]
        day = parse_day_option(day_text, "--datum", real_today)
        if not promise_set.period.contains(day):
            period_of = promise_set.period
            raise LofteError(
                OTHER_PERIOD.format(
                    day=day, period=period_of.name, start=period_of.start, end=period_of.end
                )
            )
        place = plats if plats is not None else cells["plats"]
        description = beskrivning if beskrivning is not None else cells["beskrivning"]
        tags = tagg if tagg is not None else [cells["taggar"]]
        if not inte_personnummer:
            refuse_personal_numbers(
                {"--skal": skal, **free_text_options(place, description, tags), "--av": av or ""}
            )
        activity = build_activity(
            promise_set,
            day=day,
            today=real_today,
            activity_type=typ if typ is not None else cells["typ"],
            count=antal if antal is not None else (cells["antal"].strip() or "1"),
            place=place,
            participants=deltagare if deltagare is not None else [cells["deltagare"]],
            tags=tags,
            description=description,
            registered_by=who,
            registered=registered,
        )
        built.append(activity)
        return activity.cells()

    done = strike_row(root, promise_set, rad, skal, who, registered, replace=corrected)
    print(
        CORRECTED_DONE.format(
            log=promise_set.log_path, line=rad, ref=done.row.ref, new_line=done.new_line
        )
    )
    warn_large_count(built[0].count, done.new_line)
    print_standing(root, promise_set, built[0], real_today)


@log_app.command("radera")
@guarded
def radera(
    ctx: typer.Context,
    rad: RowArg,
    skal: ReasonOption,
    period: PeriodOption = None,
    kommun: KommunOption = None,
    av: WhoOption = None,
) -> None:
    """Radera personuppgifter: radens fritext ersätts med [raderad], antalet står kvar."""
    from medborgarlofte.core.texts import ERASED_DONE, ERASURE_FINISHED
    from medborgarlofte.write.corrections import erase_row
    from medborgarlofte.write.logging_rows import refuse_personal_numbers

    refuse_personal_numbers({"--skal": skal, "--av": av or ""})
    root = root_of(ctx)
    promise_set = one_period(root, period, kommun, today())
    done = erase_row(root, promise_set, rad, skal, _who(av, root), now_iso())
    words = ERASED_DONE if done.recorded else ERASURE_FINISHED
    print(words.format(log=promise_set.log_path, line=rad, ref=done.row.ref))
    print(_history_advice(root, promise_set, done.row.cells))


def _history_advice(root: Any, promise_set: Any, cells: dict[str, str]) -> str:
    """What to do about git's copy of the erased text: purge only what was committed, and
    force-push only what was pushed."""
    from medborgarlofte.core.slugs import split_list
    from medborgarlofte.core.texts import (
        HISTORY_NOT_COMMITTED,
        HISTORY_NOT_PUSHED,
        HISTORY_WARNING,
    )
    from medborgarlofte.load.corrections import ERASED, erase_cells
    from medborgarlofte.load.git_history import text_in_history

    erased = erase_cells(cells, promise_set)
    values = [cells[c] for c in ("plats", "beskrivning") if cells[c].strip() not in ("", ERASED)]
    kept = set(split_list(erased["taggar"]))
    values += [t for t in split_list(cells["taggar"]) if t not in kept and t != ERASED]
    # A text still in the file (another row's place, say) was not what had to go.
    now = (root / promise_set.log_path).read_text(encoding="utf-8", errors="replace")
    found = text_in_history(root, promise_set.log_path, [v for v in values if v not in now])
    if found.pushed_to:
        return HISTORY_WARNING.format(remotes=", ".join(found.pushed_to))
    return HISTORY_NOT_PUSHED if found.committed else HISTORY_NOT_COMMITTED
