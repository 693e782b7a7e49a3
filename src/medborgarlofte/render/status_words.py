"""Renderers: a promise's status in words, shared by every human-readable view.

The cells of the status tables (terminal, Markdown, the report) and the detail view:
the promise's name, its target, what is done, what is required so far, its status.
No terminal libraries.
"""

from __future__ import annotations

from medborgarlofte.core.svformat import (
    format_number,
    rate_label,
    target_in_short_words,
    target_in_words,
    unit_list_words,
    unit_name,
)
from medborgarlofte.core.texts import (
    STATUS_LABELS,
    STATUS_SYMBOLS,
    UNIT_DONE,
    no_whole_unit_yet,
    units_noun,
)
from medborgarlofte.judge.evaluate import PromiseResult


def label(result: PromiseResult) -> str:
    """What a reader sees the promise called: its rubrik, else its id."""
    return result.promise.label


def target_words(result: PromiseResult, short: bool = False) -> str:
    target = result.promise.target
    if short:
        return target_in_short_words(
            target.minimum, target.per, target.average, target.ongoing, target.block
        )
    return target_in_words(
        target.minimum, target.per, target.average, target.ongoing, target.exempt, target.block
    )


def _several_years(result: PromiseResult) -> bool:
    units = result.units or ()
    return bool(units) and units[0].start.year != units[-1].end.year


def units_met_words(result: PromiseResult, short: bool = False) -> str:
    """Every-unit targets: the completed units met of those completed, "10 av 12 månader"."""
    target = result.promise.target
    judged = result.judged_units
    if not judged:
        done_now = current_unit_done_words(result)
        if done_now:
            return done_now
        return "–" if short else no_whole_unit_yet(target.per, target.block)
    met = len(judged) - len(result.missed_units)
    noun = units_noun(target.per, len(judged), target.block)
    return f"{met} av {len(judged)}" + ("" if short else f" {noun}")


def current_unit_done_words(result: PromiseResult) -> str:
    """ "januari klar": the unit under way has already reached its need (empty otherwise),
    so a visit logged in January is seen before January is over."""
    units = result.units or ()
    if not units or units[-1].complete or not units[-1].met or units[-1].need == 0:
        return ""
    current, target = units[-1], result.promise.target
    name = unit_name(
        current.start,
        current.end,
        target.per,
        with_year=_several_years(result),
        block=target.block,
    )
    return UNIT_DONE.format(name=name)


def missed_words(result: PromiseResult, limit: int = 0) -> str:
    """Every-unit targets: the completed units that fell short, "missade: mars, juli"."""
    missed = result.missed_units
    if not missed:
        return ""
    spans = [(u.start, u.end) for u in missed]
    target = result.promise.target
    return "missade: " + unit_list_words(
        spans, target.per, with_year=_several_years(result), limit=limit, block=target.block
    )


def done_words(result: PromiseResult, short: bool = False, rate: bool = True) -> str:
    if result.units is not None:
        return units_met_words(result, short)
    text = format_number(result.done)
    if result.rate is not None and rate and not short:
        target = result.promise.target
        text += f" ({rate_label(float(result.rate), target.per, target.block)})"
    return text


def expected_words(result: PromiseResult, short: bool = False) -> str:
    """ "Krävs hittills": `minst 2` (the whole number the status is judged by), `alla 12`
    for every-unit targets (every completed unit must reach its need), `–` otherwise."""
    if result.units is not None:
        judged = len(result.judged_units)
        if not judged:
            return "–"
        return str(judged) if short else f"alla {judged}"
    required = result.required_so_far
    if required is None:
        return "–"
    return format_number(required) if short else f"minst {format_number(required)}"


def status_words(status: str) -> str:
    return f"{STATUS_SYMBOLS[status]} {STATUS_LABELS[status]}"
