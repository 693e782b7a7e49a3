"""Command line: `lofte webb`: the whole repo as a static web site with open data.

What the site promises (same bytes, never over the record): docs/garantier.md.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from medborgarlofte.cli.common import (
    KommunOption,
    PerOption,
    app,
    guarded,
    parse_day_option,
    root_of,
    today,
    warn_left_out,
)


@app.command("webb")
@guarded
def webb(
    ctx: typer.Context,
    output: Annotated[
        Path,
        typer.Option("-o", "--ut", metavar="KATALOG", help="Katalogen att skriva webbplatsen i."),
    ] = Path("_site"),
    per: PerOption = None,
    kommun: KommunOption = None,
    overwrite: Annotated[
        bool,
        typer.Option(
            "--skriv-over",
            help="Skriv även i en katalog som inte är tom och inte skrevs av lofte webb.",
        ),
    ] = False,
) -> None:
    """Skriv en webbplats med uppföljningen av alla kommuner och perioder, och öppna data."""
    from importlib import resources

    from medborgarlofte.core.problems import LofteError, Severity
    from medborgarlofte.core.slugs import fold_slug
    from medborgarlofte.core.texts import (
        HISTORY_SKIPPED,
        SITE_BROKEN_PROMISES,
        SITE_NO_PROMISES,
        SITE_WROTE,
    )
    from medborgarlofte.judge.followup import followup_report
    from medborgarlofte.judge.history import changes_by_promise, promise_changes
    from medborgarlofte.judge.plan import plan
    from medborgarlofte.load.comments import load_comments
    from medborgarlofte.load.git_history import (
        committed_sets,
        files_with_history,
        git_toplevel,
    )
    from medborgarlofte.load.measurements import load_with_history, rejected_rows
    from medborgarlofte.load.repo import Repo
    from medborgarlofte.load.workspace import tally_log
    from medborgarlofte.render.site import SiteEntry, render_site
    from medborgarlofte.write.site_dir import check_target, write_site

    root = root_of(ctx)
    real_today = today()
    as_of = parse_day_option(per, "--per", real_today, exit_code=2) if per else real_today
    check_target(root, output)  # refuse a bad -o before any work
    repo = Repo.open(root)
    sets, problems = repo.load(repo.refs_for_kommun(kommun))
    errors = [p for p in problems if p.severity is Severity.ERROR]
    broken = sorted({p.path for p in errors})
    if broken:
        raise LofteError(SITE_BROKEN_PROMISES.format(path=", ".join(broken)), 1, errors)
    if not sets:
        raise LofteError(SITE_NO_PROMISES)
    single = all(s.kommun_key is None for s in sets)
    if kommun is not None and single and fold_slug(kommun) != fold_slug(sets[0].kommun):
        raise LofteError(f"Okänd kommun '{kommun}'. Repot gäller {sets[0].kommun}.")
    # Only a promise file committed more than once can show a change on its page.
    with_history = files_with_history(root, "promises") if git_toplevel(root) else set()
    entries = []
    skipped = 0
    for promise_set in sets:
        logged = tally_log(root, promise_set, real_today)
        comments, comment_problems = load_comments(root, promise_set, real_today)
        measurements, measurement_problems = load_with_history(
            root, promise_set, real_today, sets
        )
        left_out = logged.tally.skipped_rows
        left_out += sum(1 for p in comment_problems if p.severity == "fel")
        left_out += rejected_rows(measurement_problems)
        skipped += left_out
        changes = None
        if promise_set.path in with_history:
            try:
                committed, _ = committed_sets(root, promise_set)
            except LofteError as error:  # git failing on one file never stops the site
                shown = HISTORY_SKIPPED.format(path=promise_set.path, detail=error.message)
                print(f"lofte: {shown}", file=sys.stderr)
                committed = []
            changes = changes_by_promise(promise_changes(committed, first_as_added=False))
        report = followup_report(logged.tally, as_of, comments, measurements)
        current = plan(logged.tally, as_of) if promise_set.period.contains(as_of) else None
        entries.append(SiteEntry(report, report.comments, changes, left_out, current))
    warn_left_out("webb", skipped)
    packaged = resources.files("medborgarlofte").joinpath("data")
    schemas = {
        name: packaged.joinpath(name).read_text(encoding="utf-8")
        for name in ("status.schema.json", "index.schema.json")
    }
    files = render_site(entries, schemas)
    write_site(root, output, files, overwrite)
    pages = sum(1 for rel in files if rel.endswith(".html"))
    print(SITE_WROTE.format(path=output, pages=pages, data=len(files) - pages))
