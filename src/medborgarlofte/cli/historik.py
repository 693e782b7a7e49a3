"""Command line: `lofte historik`: how a period's promises changed, from the repo's git history."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from medborgarlofte.cli import complete
from medborgarlofte.cli.common import KommunOption, app, guarded, root_of, today


class HistoryFormat(StrEnum):
    tabell = "tabell"
    json = "json"


@app.command("historik")
@guarded
def historik(
    ctx: typer.Context,
    period: Annotated[
        str,
        typer.Argument(
            metavar="PERIOD",
            help="Perioden: filens namn (2019, 2020-2021) eller ett år i den.",
            autocompletion=complete.periods,
        ),
    ],
    promise_id: Annotated[
        str | None,
        typer.Argument(
            metavar="ID",
            help="Ett löftes id: visa bara det löftets ändringar.",
            autocompletion=complete.promise_ids,
        ),
    ] = None,
    kommun: KommunOption = None,
    format: Annotated[
        HistoryFormat,
        typer.Option("--format", "-f", help="Utdata: tabell eller json."),
    ] = HistoryFormat.tabell,
) -> None:
    """Visa varje incheckning i git som ändrade ett löftes mål, text eller rubrik."""
    from medborgarlofte.core.problems import LofteError
    from medborgarlofte.core.slugs import fold_slug
    from medborgarlofte.core.texts import (
        HISTORY_NO_CHANGES,
        HISTORY_TITLE,
        HISTORY_UNKNOWN_DATE,
        HISTORY_UNREADABLE,
        UNKNOWN_PROMISE_IN_HISTORY,
    )
    from medborgarlofte.judge.history import changes_by_promise, promise_changes
    from medborgarlofte.load.git_history import committed_sets, require_git
    from medborgarlofte.load.workspace import select_periods

    root = root_of(ctx)
    require_git(root)
    sets = select_periods(root, period, kommun, today())
    if len(sets) > 1:
        names = ", ".join(s.kommun_key or s.kommun for s in sets)
        raise LofteError(f"Repot har flera kommuner ({names}): välj en med --kommun.", 2)
    promise_set = sets[0]
    committed, unreadable = committed_sets(root, promise_set)
    changes = promise_changes(committed)
    if promise_id is not None:
        wanted = fold_slug(promise_id)
        known = sorted({c.promise_id for c in changes} | {p.id for p in promise_set.promises})
        if wanted not in {fold_slug(k) for k in known}:
            raise LofteError(
                UNKNOWN_PROMISE_IN_HISTORY.format(
                    id=promise_id.strip(), period=promise_set.period.name, known=", ".join(known)
                )
            )
        # the promise's whole history, under each id it had (a rename keeps it together)
        groups = list(changes_by_promise(changes).values())
        named = [
            {fold_slug(i) for c in group for i in (c.promise_id, c.previous_id) if i}
            for group in groups
        ]
        changes = next((g for g, n in zip(groups, named, strict=True) if wanted in n), [])
    if unreadable:
        print(
            "lofte: " + HISTORY_UNREADABLE.format(count=unreadable, path=promise_set.path),
            file=sys.stderr,
        )
    if format is HistoryFormat.json:
        import json

        data = [
            {
                "date": c.revision.date.isoformat() if c.revision.date else None,
                "commit": c.revision.commit,
                "author": c.revision.author,
                "promise": c.promise_id,
                "change": c.kind,
                "details": list(c.details),
                "lowered": c.lowered,
                "words": c.words(),
            }
            for c in changes
        ]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    if not changes:
        print(HISTORY_NO_CHANGES.format(path=promise_set.path))
        return
    print(
        HISTORY_TITLE.format(
            path=promise_set.path, kommun=promise_set.kommun, period=promise_set.period.name
        )
    )
    for change in changes:
        revision = change.revision
        line = (
            f"{revision.date.isoformat() if revision.date else HISTORY_UNKNOWN_DATE}  "
            f"{revision.short}  {revision.author}  "
            f"{change.promise_id}: {change.words()}"
        )
        print(_visible(line))


def _visible(text: str) -> str:
    """Terminal control characters from the repo (an author's name, an id) shown as escapes."""
    return "".join(f"\\x{ord(c):02x}" if ord(c) < 32 or 127 <= ord(c) < 160 else c for c in text)
