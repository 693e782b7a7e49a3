"""Command line: `lofte init`: lay out a promise repo that passes `lofte check` at once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from medborgarlofte.cli.common import app, guarded, today


@app.command("init")
@guarded
def init(
    ctx: typer.Context,
    katalog: Annotated[
        str | None,
        typer.Argument(
            metavar="KATALOG",
            help="Katalogen att skapa repot i (skapas vid behov). Standard: den aktuella.",
        ),
    ] = None,
    kommun: Annotated[
        str | None,
        typer.Option("--kommun", help="Kommunen som ger löftena, till exempel Haparanda."),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="Löftesperioden: ett år (2020) eller flera (2020-2022). Standard: i år.",
        ),
    ] = None,
    lokalpolisomrade: Annotated[
        str | None,
        typer.Option("--lokalpolisomrade", help="Lokalpolisområdet, till exempel Haparanda."),
    ] = None,
    skriv_over: Annotated[
        bool,
        typer.Option("--skriv-over", help="Skriv över filer som redan finns (aldrig loggar)."),
    ] = False,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel",
            help="Skriv loggen så att svenska Excel öppnar den med ett dubbelklick"
            " (semikolon och UTF-8 med BOM).",
        ),
    ] = False,
    fran: Annotated[
        str | None,
        typer.Option(
            "--fran",
            "--från",
            help="Starta en ny period med löftena från perioden FRAN (mål, typer, områden "
            "kopieras; loggen börjar tom). Ny period: --period, annars den som följer.",
        ),
    ] = None,
) -> None:
    """Skapa ett nytt löftesrepo: en löftesmall, en tom logg, schema, git- och CI-filer."""
    from medborgarlofte.core.problems import LofteError
    from medborgarlofte.write.scaffold import init_repo

    if fran is not None:
        return _renew(ctx, katalog, fran, period, kommun, excel)

    if not kommun:
        raise LofteError("Ange kommunen med --kommun, till exempel --kommun Haparanda.", 2)
    chosen = katalog or (ctx.obj or {}).get("katalog") or "."
    root = Path(chosen).expanduser()
    result = init_repo(
        root,
        kommun,
        period or str(today().year),
        lokalpolisomrade,
        overwrite=skriv_over,
        excel=excel,
    )
    where = "den här katalogen" if chosen == "." else str(root)
    print(f"Löftesrepo för {kommun.strip()} i {where}:")
    for label, paths in (
        ("skapad", result.written),
        ("kompletterad", result.completed),
        ("fanns redan", result.kept),
    ):
        for rel in paths:
            print(f"  {label:<12} {rel}")
    print(
        f"Nästa steg: byt exempellöftena i {result.promise_file} mot era egna och kör "
        "'lofte check'. Logga med 'lofte log insats --typ TYP'."
    )


def _renew(
    ctx: typer.Context,
    katalog: str | None,
    fran: str,
    period: str | None,
    kommun: str | None,
    excel: bool = False,
) -> None:
    from medborgarlofte.core.texts import RENEWAL_DONE, RENEWAL_NEXT
    from medborgarlofte.load.repo import find_root
    from medborgarlofte.load.workspace import select_one_period
    from medborgarlofte.write.renewal import renew_period

    explicit = katalog or (ctx.obj or {}).get("katalog")
    root = find_root(Path.cwd(), explicit)
    old = select_one_period(root, fran, kommun, today())
    result = renew_period(root, old, period, excel)
    stem = Path(result.promise_file).stem
    print(RENEWAL_DONE.format(stem=stem, kommun=old.kommun, old=old.path))
    for label, paths in (("skapad", result.written), ("fanns redan", result.kept)):
        for rel in paths:
            print(f"  {label:<12} {rel}")
    print(RENEWAL_NEXT.format(path=result.promise_file, old=old.path))
