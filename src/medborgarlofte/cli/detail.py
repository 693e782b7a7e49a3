"""Command line: the detail view behind `lofte status PERIOD ID` (one promise in depth)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from medborgarlofte.cli.common import console
from medborgarlofte.core.model import PromiseSet


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
    having = [
        s for s in sets if s.promise(promise_id) is not None or s.indicator(promise_id) is not None
    ]
    if len(sets) > 1 and len(having) == 1:
        sets = having  # the id names the kommun: no --kommun needed
    if len(sets) > 1:
        names = ", ".join(s.kommun_key or s.kommun for s in sets)
        raise LofteError(f"Perioden finns för flera kommuner ({names}): ange --kommun.", 2)
    promise_set = sets[0]
    if promise_set.indicator(promise_id) is not None:
        return _show_indicator(root, promise_set, promise_id, as_of, today, as_json)
    if promise_set.promise(promise_id) is None and promise_set.indicators:
        raise _unknown_id(promise_set, promise_id)
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


def _show_indicator(
    root: Path,
    promise_set: PromiseSet,
    indicator_id: str,
    as_of: date,
    today: date,
    as_json: bool = False,
) -> None:
    from medborgarlofte.core.svformat import format_date_long
    from medborgarlofte.judge.indicators import judge_indicator
    from medborgarlofte.load.measurements import load_measurements, measurements_rel
    from medborgarlofte.render.indicator_detail import print_indicator_detail

    indicator = promise_set.indicator(indicator_id)
    assert indicator is not None
    measured, _ = load_measurements(root, promise_set, today)
    result = judge_indicator(indicator, measured, as_of, promise_set.period.start)
    later = sorted(
        (m for m in measured if m.indicator_id == indicator.id and m.date > as_of),
        key=lambda m: (m.date, m.line),
    )
    if as_json:
        import json
        import sys

        from medborgarlofte.render.indicator_data import indicator_detail_to_dict

        period = promise_set.period
        data = indicator_detail_to_dict(
            promise_set.kommun, (period.name, period.start, period.end), as_of, result, later
        )
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    print_indicator_detail(
        console(),
        promise_set,
        result,
        format_date_long(as_of),
        later,
        measurements_rel(promise_set),
    )


def _unknown_id(promise_set: PromiseSet, wanted: str) -> Exception:
    """The refusal for an id that names neither a promise nor an indicator."""
    from medborgarlofte.core.problems import LofteError, did_you_mean
    from medborgarlofte.core.slugs import suggest
    from medborgarlofte.core.texts import INDICATOR_TEXTS

    promises = [p.id for p in promise_set.promises]
    indicators = [i.id for i in promise_set.indicators]
    hint = did_you_mean(suggest(wanted, promises + indicators))
    return LofteError(
        INDICATOR_TEXTS["unknown_id"].format(
            id=wanted.strip(),
            period=promise_set.period.name,
            hint=" " + hint if hint else "",
            promises=", ".join(promises),
            indicators=", ".join(indicators),
        )
    )
