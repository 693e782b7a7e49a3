"""Renderers: the follow-up report's shared Swedish words (used by the HTML and Markdown views),
so both say exactly the same thing."""

from __future__ import annotations

from medborgarlofte.core.model import Period
from medborgarlofte.core.svformat import format_date_long, format_decimal_trimmed, month_name
from medborgarlofte.core.texts import STATUS_LABELS
from medborgarlofte.judge.evaluate import StatusReport
from medborgarlofte.judge.followup import FollowUpReport, PromiseFollowUp
from medborgarlofte.render.status_data import done_words, expected_words, target_words

TITLE = "Uppföljning av medborgarlöften"
PARTIES = {"polis": "Polisen", "kommun": "Kommunen"}


def title(report: FollowUpReport) -> str:
    promise_set = report.status.promise_set
    return f"{TITLE} {promise_set.period.name} – {promise_set.kommun}"


def period_words(period: Period) -> str:
    """``1 januari–31 december 2019``, or with both years when they differ."""
    start, end = period.start, period.end
    if start.year == end.year:
        if start.month == end.month:
            return f"{start.day}–{format_date_long(end)}"
        return f"{start.day} {month_name(start.month)}–{format_date_long(end)}"
    return f"{format_date_long(start)}–{format_date_long(end)}"


def as_of_words(status: StatusReport) -> str:
    return f"{format_date_long(status.as_of)} (dag {status.day_number} av {status.period_days})"


def responsible_words(responsible: tuple[str, ...]) -> str:
    return " och ".join(PARTIES.get(r, r) for r in responsible).capitalize()


def short_text(text: str, limit: int = 70) -> str:
    """The promise text cut at a word boundary for a summary table; the full text follows."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",.;:")
    return cut + "…"


def outcome_words(item: PromiseFollowUp) -> str:
    return done_words(item.result)


def expected_so_far(item: PromiseFollowUp) -> str:
    return expected_words(item.result)


def target_of(item: PromiseFollowUp) -> str:
    return target_words(item.result)


def progress_sentence(item: PromiseFollowUp) -> str:
    """The chart in words, for its text alternative and for Markdown."""
    result = item.result
    done = format_decimal_trimmed(result.done, 0)
    last = item.progress[-1][0] if item.progress else None
    until = f" till och med {format_date_long(last)}" if last else ""
    if item.period_target is None:
        return f"Utfört{until}: {done}. Löpande arbete utan antalsmål."
    expected = expected_words(result)
    whole = format_decimal_trimmed(float(item.period_target), 2)
    return (
        f"Utfört{until}: {done}. Målets takt: {expected} vid den tidpunkten"
        f" och {whole} vid periodens slut."
    )


def summary_words(status: StatusReport) -> list[tuple[str, int]]:
    return [(status_key, count) for status_key, count in status.summary.items() if count]


def summary_label(status_key: str) -> str:
    return STATUS_LABELS[status_key]
