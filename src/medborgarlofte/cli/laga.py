"""Command line: `lofte laga`: make a log that holds its rows twice whole again."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated

import typer

from medborgarlofte.cli.common import KommunOption, app, guarded, root_of


@app.command("laga")
@guarded
def laga(
    ctx: typer.Context,
    logg: Annotated[
        str | None,
        typer.Argument(
            metavar="LOGG",
            help="Loggen att laga, till exempel logs/2026.csv. Standard: varje logg som "
            "behöver det.",
        ),
    ] = None,
    kommun: KommunOption = None,
    torrkorning: Annotated[
        bool,
        typer.Option(
            "--torrkorning", "--torrkörning", help="Visa vad som skulle göras; skriv inget."
        ),
    ] = False,
) -> None:
    """Laga en logg som har sina rader två gånger (sparad om i Excel och sammanslagen av git)."""
    from medborgarlofte.core.texts import REPAIR_TEXTS
    from medborgarlofte.judge.repair_plan import plan_repair
    from medborgarlofte.load.repo import Repo
    from medborgarlofte.write.repair import apply_repair

    root = root_of(ctx)
    repo = Repo.open(root)
    logs = sorted({ref.log_rel for ref in repo.refs_for_kommun(kommun)})
    if logg is not None:
        logs = [_log_rel(root, logg, logs)]
    repaired = 0
    for rel in logs:
        path = root / rel
        if not path.is_file():
            if logg is not None:
                print(REPAIR_TEXTS["whole"].format(log=rel))
            continue
        if torrkorning:
            plan = plan_repair(root, rel, path.read_bytes())
        else:
            plan = apply_repair(root, path, rel)
        if plan is None:
            if logg is not None:
                print(REPAIR_TEXTS["whole"].format(log=rel))
            continue
        repaired += 1
        _say(root, plan, torrkorning)
    if logg is None and not repaired:
        print(REPAIR_TEXTS["none_broken"])


def _log_rel(root: Path, given: str, logs: list[str]) -> str:
    """The repo-relative name of the log `given` names (from the working folder or the
    repo's root); refused when it is none of the repo's logs."""
    from medborgarlofte.core.problems import LofteError
    from medborgarlofte.core.texts import REPAIR_TEXTS

    candidates = [given.replace("\\", "/").removeprefix("./")]
    with contextlib.suppress(ValueError, OSError):
        candidates.append(Path(given).resolve().relative_to(root.resolve()).as_posix())
    for candidate in candidates:
        if candidate in logs:
            return candidate
    raise LofteError(REPAIR_TEXTS["not_a_log"].format(log=given))


def _say(root: Path, plan: object, dry_run: bool) -> None:
    from medborgarlofte.core.safe_text import visible
    from medborgarlofte.core.texts import COPY_COUNTS, COPY_PART, REPAIR_TEXTS, rows_word
    from medborgarlofte.judge.repair_plan import RepairPlan
    from medborgarlofte.load.two_copies import commit_words

    assert isinstance(plan, RepairPlan)
    parts = ", ".join(
        COPY_PART.format(first=c.first, last=c.last, dialect=c.dialect_words()) for c in plan.copies
    )
    count = len(plan.copies)
    print(
        REPAIR_TEXTS["found"].format(log=plan.rel, count=COPY_COUNTS.get(count, count), parts=parts)
    )
    kept = plan.kept
    fields = {"first": kept.first, "last": kept.last, "dialect": kept.dialect_words()}
    if plan.kept_by_git is not None:
        commit = visible(commit_words(root, plan.kept_by_git))
        print(REPAIR_TEXTS["kept"].format(commit=commit, **fields))
    else:
        print(REPAIR_TEXTS["kept_top"].format(**fields))
    if plan.already:
        print(REPAIR_TEXTS["already"].format(count=plan.already, rows=rows_word(plan.already)))
    if plan.new:
        key = "would_add" if dry_run else "new"
        print(REPAIR_TEXTS[key].format(count=len(plan.new), rows=rows_word(len(plan.new))))
        for row in plan.new:
            cells = ", ".join(v for v in row.values.values() if v.strip())
            print(REPAIR_TEXTS["new_row"].format(line=row.line, cells=visible(cells)))
    if plan.changed:
        count = len(plan.changed)
        print(REPAIR_TEXTS["changed"].format(count=count, rows=rows_word(count)))
        for changed in plan.changed:
            cells = ", ".join(
                REPAIR_TEXTS["changed_cell"].format(
                    column=column, kept=visible(mine), other=visible(theirs)
                )
                for column, mine, theirs in changed.cells
            )
            print(
                REPAIR_TEXTS["changed_row"].format(
                    line=changed.line, kept_line=changed.kept_line, cells=cells
                )
            )
    if dry_run:
        print(REPAIR_TEXTS["dry_run"])
    else:
        print(REPAIR_TEXTS["done"].format(log=plan.rel))
