"""Renderers: the follow-up report's shared Swedish words (used by the HTML and Markdown views),
so both say exactly the same thing."""

from __future__ import annotations

import re

from medborgarlofte.core.model import Period, PromiseSet
from medborgarlofte.core.svformat import (
    format_date_long,
    format_decimal_trimmed,
    month_name,
    target_in_words,
)
from medborgarlofte.core.texts import STATUS_LABELS, no_whole_unit_yet, units_noun
from medborgarlofte.judge.evaluate import StatusReport
from medborgarlofte.judge.followup import FollowUpReport, PromiseFollowUp
from medborgarlofte.load.comments import Comment
from medborgarlofte.render.status_words import (
    current_unit_done_words,
    done_words,
    expected_words,
    missed_words,
    target_words,
)

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


def counted_words(item: PromiseFollowUp, promise_set: PromiseSet) -> str:
    """What counts toward the promise, in the promise file's own descriptions: "Trygghetsvandring
    tillsammans med kommunen, bara med Polisen eller Grannsamverkan" (never the slugs)."""
    target = item.promise.target
    text = promise_set.type_words(target.types)
    if target.participants:
        text += ", bara med " + promise_set.participant_words(target.participants)
    if target.tags:
        text += ", bara med taggen " + " eller ".join(target.tags)
    return text


def comment_title(comment: Comment, period: Period) -> str:
    """What a shown comment is called: the analysis written after the period ended is named
    so (its date is shown beside it), any other is the latest comment."""
    if comment.date > period.end:
        return "Analys efter periodens slut"
    return "Senaste kommentar"


def responsible_words(responsible: tuple[str, ...]) -> str:
    return " och ".join(PARTIES.get(r, r) for r in responsible).capitalize()


def reader_title(item: PromiseFollowUp) -> str:
    """A promise's name for citizens: its rubrik, else the first sentence of its text (never
    cut mid-sentence; the id is a word for the command line, not for readers)."""
    promise = item.promise
    if promise.title:
        return promise.title
    # A sentence ends at . ! or ? before a capital (or the end): "t.ex. i" does not end one.
    match = re.match(r"(.+?[.!?])(?=\s+[A-ZÅÄÖ]|$)", promise.text)
    return match.group(1) if match else promise.text


def outcome_words(item: PromiseFollowUp) -> str:
    return done_words(item.result)


def expected_so_far(item: PromiseFollowUp) -> str:
    return expected_words(item.result)


def target_of(item: PromiseFollowUp) -> str:
    return target_words(item.result)


def units_sentence(item: PromiseFollowUp) -> str:
    """An every-unit promise's chart in words: how many units met their need, which missed."""
    result = item.result
    target = result.promise.target
    judged = result.judged_units
    if not judged:
        done_now = current_unit_done_words(result)
        if done_now:
            return f"{done_now[0].upper()}{done_now[1:]}."
        return f"{no_whole_unit_yet(target.per, target.block).capitalize()}."
    met = len(judged) - len(result.missed_units)
    every = target_in_words(target.minimum, target.per, False, False, block=target.block)
    text = (
        f"{met} av {len(judged)} {units_noun(target.per, len(judged), target.block)} "
        f"nådde målet ({every})."
    )
    missed = missed_words(result)
    if missed:
        text += " " + missed.capitalize() + "."
    return text


def progress_sentence(item: PromiseFollowUp) -> str:
    """The chart in words, for its text alternative and for Markdown."""
    result = item.result
    if result.units is not None:
        return units_sentence(item)
    done = format_decimal_trimmed(result.done, 0)
    last = item.progress[-1][0] if item.progress else None
    until = f" till och med {format_date_long(last)}" if last else ""
    if item.period_target is None:
        return f"Utfört{until}: {done}. Löpande arbete utan antalsmål."
    expected = format_decimal_trimmed(float(result.expected or 0), 2)
    whole = format_decimal_trimmed(float(item.period_target), 2)
    return (
        f"Utfört{until}: {done}. Målets takt: {expected} vid den tidpunkten"
        f" och {whole} vid periodens slut. Krävs hittills: {expected_words(result)}."
    )


FOOTER_RULES = (
    "Så läser du uppföljningen. Utfört är vad polisen och kommunen har gjort och fört in i "
    "sin logg fram till dagen för uppföljningen. Krävs hittills är vad målet kräver fram "
    "till den dagen, räknat jämnt över perioden och avrundat nedåt till ett helt antal: ett "
    "löfte om fyra insatser på ett år har i slutet av september nått 2,99 av takten och "
    "kräver då minst 2. Ett löfte är i fas så länge minst så många är gjorda. Ett löfte som "
    "gäller varje vecka eller varje månad "
    "följs upp vecka för vecka eller månad för månad: det är uppfyllt när varje avslutad "
    "vecka eller månad har nått målet, och uppföljningen visar vilka som missades."
)


def summary_words(status: StatusReport) -> list[tuple[str, int]]:
    return [(status_key, count) for status_key, count in status.summary.items() if count]


def summary_label(status_key: str) -> str:
    return STATUS_LABELS[status_key]
