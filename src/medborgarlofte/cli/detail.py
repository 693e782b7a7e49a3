"""Command line: the detail view behind `lofte status PERIOD ID` (one promise in depth)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from medborgarlofte.cli.common import console


def show_detail(
    root: Path,
    period: str | None,
    promise_id: str,
    as_of: date,
    kommun: str | None,
    today: date,
    as_json: bool = False,
) -> None:
    from medborgarlofte.core.problems import LofteError
    from medborgarlofte.judge.detail import find_promise, promise_detail, read_matching_rows
    from medborgarlofte.load.comments import load_comments
    from medborgarlofte.load.workspace import select_periods
    from medborgarlofte.render.detail_table import print_detail

    sets = select_periods(root, period, kommun, today)
    having = [s for s in sets if s.promise(promise_id) is not None]
    if len(sets) > 1 and len(having) == 1:
        sets = having  # the id names the kommun: no --kommun needed
    if len(sets) > 1:
        names = ", ".join(s.kommun_key or s.kommun for s in sets)
        raise LofteError(f"Perioden finns för flera kommuner ({names}): ange --kommun.", 2)
    promise_set = sets[0]
    promise = find_promise(promise_set, promise_id)
    rows = read_matching_rows(root, promise_set, promise, today)
    comments, _ = load_comments(root, promise_set, today)
    detail = promise_detail(promise_set, promise, rows, as_of, comments)
    if as_json:
        import sys

        from medborgarlofte.render.detail_data import render_detail_json

        sys.stdout.write(render_detail_json(detail))
        return
    print_detail(console(), detail)
