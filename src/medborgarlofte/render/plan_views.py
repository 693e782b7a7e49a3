"""Render: a Plan (judge/plan.py) as Swedish words, a Markdown list or the stable JSON.

Every view reads the same `Plan` values; the calendar (`plan_ics.py`) too.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from medborgarlofte.core import texts
from medborgarlofte.core.model import PromiseSet
from medborgarlofte.core.safe_text import markdown
from medborgarlofte.core.svformat import format_date_long, month_name
from medborgarlofte.judge.plan import Plan, PlanItem


def what_words(item: PlanItem, promise_set: PromiseSet) -> str:
    """The count and the kind of row that counts for the promise: "1 trygghetsvandring",
    "3 × skolbesök eller föreläsning med kommun"."""
    target = item.promise.target
    kinds = " eller ".join(promise_set.type_names.get(t, t) for t in target.types)
    words = f"{item.needed} {kinds}" if item.needed == 1 else f"{item.needed} × {kinds}"
    if target.participants:
        words += " med " + " eller ".join(target.participants)
    if target.tags:
        words += " (tagg " + " eller ".join(target.tags) + ")"
    return words


def day_words(day: date, as_of: date) -> str:
    """The day, "30 juni", with the year when it is not the as-of date's."""
    if day.year == as_of.year:
        return f"{day.day} {month_name(day.month)}"
    return format_date_long(day)


def due_line(item: PlanItem, promise_set: PromiseSet, as_of: date) -> str:
    """What is due by when: "1 trygghetsvandring senast 30 juni"."""
    assert item.by is not None and item.needed is not None
    return texts.PLAN_DUE.format(what=what_words(item, promise_set), day=day_words(item.by, as_of))


def quiet_words(item: PlanItem) -> str:
    """Why a promise has nothing due: it is met, ongoing, missed, or cannot fall behind."""
    return texts.PLAN_NOTHING_DUE.get(item.status, texts.PLAN_NOTHING_DUE["on_track"])


def heading(plan: Plan) -> str:
    promise_set = plan.promise_set
    return texts.PLAN_HEADING.format(
        kommun=promise_set.kommun,
        period=promise_set.period.name,
        day=format_date_long(plan.as_of),
    )


def render_markdown(plans: Sequence[Plan]) -> str:
    """A list for an issue comment: what is due first, then what needs nothing now."""
    out: list[str] = []
    for plan in plans:
        out.append(f"## {markdown(heading(plan))}")
        out.append("")
        if plan.ended:
            out.append(markdown(texts.PLAN_ENDED))
            out.append("")
            continue
        for item in plan.items:
            title = markdown(item.promise.label)
            if item.by is not None and item.needed is not None:
                due = markdown(due_line(item, plan.promise_set, plan.as_of))
                line = f"- [ ] **{title}**: {due}"
            else:
                line = f"- **{title}**: {markdown(quiet_words(item))}"
            if item.remaining:
                line += " " + markdown(texts.PLAN_REMAINING.format(count=item.remaining))
            out.append(line)
        out.append("")
    return "\n".join(out)


def item_to_dict(item: PlanItem) -> dict[str, Any]:
    return {
        "id": item.promise.id,
        "title": item.promise.label,
        "status": str(item.status),
        "by": item.by.isoformat() if item.by else None,
        "needed": item.needed,
        "log_on": item.log_day.isoformat() if item.log_day and item.by else None,
        "remaining": item.remaining,
        "period_end": item.period_end.isoformat(),
    }


def render_json(plans: Sequence[Plan]) -> str:
    """One plan as a list of items; several kommuner's as a list of `{kommun, period,
    as_of, items}`."""
    data: Any
    if len(plans) == 1:
        data = [item_to_dict(item) for item in plans[0].items]
    else:
        data = [
            {
                "kommun": plan.promise_set.kommun,
                "period": plan.promise_set.period.name,
                "as_of": plan.as_of.isoformat(),
                "items": [item_to_dict(item) for item in plan.items],
            }
            for plan in plans
        ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def table_rows(plan: Plan) -> list[tuple[str, str, str, str]]:
    """(Senast, Att göra, Löfte, Kvar) per promise, for the terminal's table."""
    rows = []
    for item in plan.items:
        if item.by is not None and item.needed is not None:
            when = day_words(item.by, plan.as_of)
            what = what_words(item, plan.promise_set)
        else:
            when, what = "–", quiet_words(item)
        rows.append((when, what, item.promise.label, str(item.remaining)))
    return rows
