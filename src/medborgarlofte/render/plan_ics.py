"""Render: a Plan as an iCalendar file (RFC 5545) to import or subscribe to.

One all-day event per promise with a `by` date. The same plan gives the same bytes:
DTSTAMP is the plan's as-of date at midnight UTC, not the clock, and a UID names the kommun,
period, promise and date, so a calendar that subscribes updates an event instead of adding
a second one while the date stands, and shows a new one when the date moves.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import timedelta

from medborgarlofte.core import texts
from medborgarlofte.core.safe_text import visible
from medborgarlofte.judge.plan import Plan
from medborgarlofte.render.plan_views import due_line

_LINE_OCTETS = 75  # RFC 5545 3.1: lines longer than this are folded


def escape_text(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped; a line break
    as \\n; other control characters shown visibly (a calendar must not get raw ones)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return "\\n".join(visible(part) for part in text.split("\n"))


def fold(line: str) -> str:
    """`line` folded into lines of at most 75 octets, continuation lines starting with a
    space; never inside a UTF-8 character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= _LINE_OCTETS:
        return line + "\r\n"
    parts: list[str] = []
    current = ""
    size = 0
    limit = _LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, _LINE_OCTETS - 1  # the leading space counts
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts) + "\r\n"


def _uid(plan: Plan, promise_id: str, day: str) -> str:
    promise_set = plan.promise_set
    key = "\x1f".join((promise_set.kommun, promise_set.period.name, promise_id, day))
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    return f"{day}-{digest}@lofte"


def render_ics(plans: Sequence[Plan]) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//lofte//medborgarlöften//SV",
        "CALSCALE:GREGORIAN",
    ]
    if len(plans) == 1:
        promise_set = plans[0].promise_set
        name = texts.PLAN_CALENDAR_NAME.format(
            kommun=promise_set.kommun, period=promise_set.period.name
        )
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    for plan in plans:
        stamp = plan.as_of.strftime("%Y%m%d") + "T000000Z"
        for item in plan.items:
            if item.by is None or item.needed is None:
                continue
            summary = f"{item.promise.label}: {due_line(item, plan.promise_set, plan.as_of)}"
            description = texts.PLAN_EVENT_DESCRIPTION.format(
                kommun=plan.promise_set.kommun,
                period=plan.promise_set.period.name,
                id=item.promise.id,
                remaining=item.remaining,
            )
            lines += [
                "BEGIN:VEVENT",
                f"UID:{_uid(plan, item.promise.id, item.by.isoformat())}",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{item.by.strftime('%Y%m%d')}",
                f"DTEND;VALUE=DATE:{(item.by + timedelta(days=1)).strftime('%Y%m%d')}",
                f"SUMMARY:{escape_text(summary)}",
                f"DESCRIPTION:{escape_text(description)}",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines)
