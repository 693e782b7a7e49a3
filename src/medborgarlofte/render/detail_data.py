"""Renderers: one promise in depth (`lofte status PERIOD ID --format json`) as stable JSON.

The same PromiseDetail the table shows: the promise's judgement as in `status --format json`,
the breakdown per calendar unit, and every log row of its typ, counted or not (with the
reason, as a stable key and in Swedish). English keys, plain numbers and ISO dates.
"""

from __future__ import annotations

import json
from typing import Any

from medborgarlofte.core.slugs import split_list
from medborgarlofte.judge.detail import PromiseDetail, RowOutcome
from medborgarlofte.render.detail_table import reason_words
from medborgarlofte.render.status_data import comments_to_list, result_to_dict

_ROW_KEYS = {
    "datum": "date",
    "typ": "type",
    "antal": "count",
    "plats": "place",
    "beskrivning": "description",
    "registrerad_av": "registered_by",
    "registrerad": "registered",
}


def _row(detail: PromiseDetail, outcome: RowOutcome) -> dict[str, Any]:
    cells = outcome.row.cells
    row: dict[str, Any] = {"line": outcome.row.line}
    row.update({english: cells.get(swedish, "") for swedish, english in _ROW_KEYS.items()})
    row["participants"] = list(split_list(cells.get("deltagare", "")))
    row["tags"] = list(split_list(cells.get("taggar", "")))
    if outcome.reason is not None:
        row["reason"] = outcome.reason
        row["reason_text"] = reason_words(detail, outcome)
    return row


def detail_to_dict(detail: PromiseDetail) -> dict[str, Any]:
    period = detail.promise_set.period
    return {
        "kommun": detail.promise_set.kommun,
        "period": {
            "name": period.name,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "as_of": detail.as_of.isoformat(),
        "promise": {**result_to_dict(detail.result), "comments": comments_to_list(detail.comments)},
        "breakdown": {
            "unit": detail.unit,
            **({"block": detail.block} if detail.block > 1 else {}),
            "cumulative": detail.cumulative,
            "rate": None if detail.rate is None else round(float(detail.rate), 2),
            "bars": [
                {
                    "start": bar.start.isoformat(),
                    "end": bar.end.isoformat(),
                    "done": bar.done,
                    "cumulative": bar.cumulative,
                    "line": None if bar.line is None else round(float(bar.line), 2),
                    "met": bar.met,
                }
                for bar in detail.bars
            ],
        },
        "counted": [_row(detail, o) for o in detail.counted],
        "not_counted": [_row(detail, o) for o in detail.not_counted],
    }


def render_detail_json(detail: PromiseDetail) -> str:
    return json.dumps(detail_to_dict(detail), ensure_ascii=False, indent=2) + "\n"
