"""Command line: `lofte log insats`: validate and append one activity to its period's log."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from medborgarlofte.cli import complete
from medborgarlofte.cli.common import (
    DatumHelp,
    KommunOption,
    app,
    guarded,
    now_iso,
    parse_day_option,
    root_of,
    today,
)

log_app = typer.Typer(help="Skriv till loggen.", no_args_is_help=True)
app.add_typer(log_app, name="log")


def _who(explicit: str | None, root: object) -> str:
    if explicit:
        return explicit
    if os.environ.get("LOFTE_AV"):
        return _encodable(os.environ["LOFTE_AV"], "LOFTE_AV")
    import subprocess

    try:
        name = subprocess.run(
            ["git", "config", "user.name"],
            cwd=str(root),
            capture_output=True,
            text=True,
            errors="surrogateescape",
            timeout=5,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        name = ""
    name = _encodable(name, "git config user.name")
    if name:
        return name
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


NotPersonalNumberOption = Annotated[
    bool,
    typer.Option(
        "--inte-personnummer",
        help="Fritexten har inget personnummer, fast det ser ut så (t.ex. ett ärendenummer).",
    ),
]


def free_text_options(
    plats: str | None, beskrivning: str | None, tagg: list[str] | None
) -> dict[str, str]:
    return {
        "--plats": plats or "",
        "--beskrivning": beskrivning or "",
        "--tagg": ";".join(tagg or []),
    }


def warn_large_count(count: int, line: int | None) -> None:
    import sys

    from medborgarlofte.core.texts import LARGE_COUNT
    from medborgarlofte.write.logging_rows import LARGE_COUNT_LIMIT

    if count > LARGE_COUNT_LIMIT:
        print(LARGE_COUNT.format(count=count, limit=LARGE_COUNT_LIMIT, line=line), file=sys.stderr)


def _encodable(value: str, source: str) -> str:
    """`value`, refused when it holds bytes that are not UTF-8 (no log can hold them)."""
    from medborgarlofte.cli.common import refuse_undecodable

    refuse_undecodable({source: value})
    return value


@log_app.command("insats")
@guarded
def insats(
    ctx: typer.Context,
    typ: Annotated[
        str,
        typer.Option(
            "--typ",
            help="Aktivitetstyp (en deklarerad slug).",
            autocompletion=complete.activity_types,
        ),
    ],
    datum: Annotated[
        str | None, typer.Option("--datum", help=DatumHelp + " Standard: idag.")
    ] = None,
    antal: Annotated[str, typer.Option("--antal", help="Antal (positivt heltal).")] = "1",
    plats: Annotated[str, typer.Option("--plats", help="Plats.")] = "",
    deltagare: Annotated[
        list[str] | None,
        typer.Option(
            "--deltagare",
            help="Deltagare, kommaseparerade: polis,kommun.",
            autocompletion=complete.participants,
        ),
    ] = None,
    tagg: Annotated[
        list[str] | None,
        typer.Option("--tagg", help="Tagg (kan upprepas).", autocompletion=complete.tags),
    ] = None,
    beskrivning: Annotated[str, typer.Option("--beskrivning", help="Kort beskrivning.")] = "",
    av: Annotated[str | None, typer.Option("--av", help="Vem som registrerar.")] = None,
    kommun: KommunOption = None,
    tyst: Annotated[
        bool, typer.Option("--tyst", help="Skriv bara raden; visa inte löftenas nya läge.")
    ] = False,
    inte_personnummer: NotPersonalNumberOption = False,
) -> None:
    """Logga en insats i loggen för perioden som omfattar datumet."""
    from medborgarlofte.core.texts import SAVED_QUIET, SAVED_QUIET_LARGE
    from medborgarlofte.write.append import QUIET_COUNT_BYTES, append_row
    from medborgarlofte.write.logging_rows import (
        build_activity,
        period_for_writing,
        refuse_personal_numbers,
        writable_path,
    )

    root = root_of(ctx)
    if not inte_personnummer:
        refuse_personal_numbers({**free_text_options(plats, beskrivning, tagg), "--av": av or ""})
    real_today = today()
    day = parse_day_option(datum, "--datum", real_today) if datum else real_today
    promise_set = period_for_writing(root, kommun, day)
    activity = build_activity(
        promise_set,
        day=day,
        today=real_today,
        activity_type=typ,
        count=antal,
        place=plats,
        participants=deltagare or [],
        tags=tagg or [],
        description=beskrivning,
        registered_by=_who(av, root),
        registered=now_iso(),
    )
    log_path = writable_path(root, promise_set.log_path)
    # --tyst is for scripts that log many rows: the row number (what every correction asks
    # for) is counted unless the log is far larger than a kommun's, where counting its
    # line ends would cost more than the append.
    count = not tyst or not log_path.is_file() or log_path.stat().st_size <= QUIET_COUNT_BYTES
    line = append_row(
        log_path, activity.cells(), count_lines=count, rel=promise_set.log_path, root=root
    )
    if tyst:
        rel = promise_set.log_path
        print(SAVED_QUIET.format(rel=rel, line=line) if line else SAVED_QUIET_LARGE.format(rel=rel))
        return
    print(f"Sparad: {promise_set.log_path}:{line}")
    warn_large_count(activity.count, line)
    print_standing(root, promise_set, activity, real_today)


def print_standing(root: object, promise_set: object, activity: object, real_today: object) -> None:
    from datetime import date
    from pathlib import Path

    from medborgarlofte.core.model import PromiseSet
    from medborgarlofte.core.problems import LofteError
    from medborgarlofte.core.texts import NOT_COUNTED
    from medborgarlofte.judge.evaluate import judge
    from medborgarlofte.load.workspace import tally_log
    from medborgarlofte.render.status_words import done_words, status_words, target_words
    from medborgarlofte.write.logging_rows import NewActivity, why_not_counted

    assert isinstance(root, Path) and isinstance(promise_set, PromiseSet)
    assert isinstance(activity, NewActivity) and isinstance(real_today, date)
    counted = [p for p in promise_set.promises if p.counts(*activity.folded())]
    if not counted or not promise_set.period.contains(activity.day):
        print(NOT_COUNTED)
        for line in why_not_counted(promise_set, activity):
            print(line)
        return
    as_of = min(real_today, promise_set.period.end)
    try:
        logged = tally_log(root, promise_set, real_today)
    except LofteError as error:  # the row is written; only the counts cannot be shown
        import sys

        print(f"lofte: varning: {error.message}", file=sys.stderr)
        return
    report = judge(logged.tally, as_of)
    print(f"Räknas mot (läge per {as_of.isoformat()}):")
    for result in report.results:
        if result.promise in counted:
            if result.units is None:
                done = done_words(result) + " utfört"
            elif result.judged_units:
                done = done_words(result) + " nådde målet"
            else:  # "januari klar", "ingen hel månad ännu"
                done = done_words(result)
            print(
                f"  {result.promise.id}: {done}, mål {target_words(result)}"
                f" – {status_words(result.status)}"
            )
