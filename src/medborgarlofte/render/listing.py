"""Renderers: a period's promises (`lofte loften`) and vocabulary (`lofte typer`), from the
loaded PromiseSet alone: no log is read and nothing is judged."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from medborgarlofte.core.model import Indicator, Promise, PromiseSet
from medborgarlofte.core.svformat import format_measure, target_in_words
from medborgarlofte.core.texts import DIRECTION_WORDS
from medborgarlofte.load.measurements import measurements_rel


def target_words(promise: Promise) -> str:
    target = promise.target
    return target_in_words(
        target.minimum, target.per, target.average, target.ongoing, target.exempt, target.block
    )


def counts_words(promise: Promise, promise_set: PromiseSet) -> str:
    """What counts toward a promise: its types, and the deltagare and taggar it asks for."""
    names = promise_set.type_names
    parts = [" eller ".join(names.get(t, t) for t in promise.target.types)]
    if promise.target.participants:
        parts.append("med " + " eller ".join(promise.target.participants))
    if promise.target.tags:
        parts.append("tagg " + " eller ".join(promise.target.tags))
    return ", ".join(parts)


def _heading(promise_set: PromiseSet, what: str) -> str:
    return f"{what} {promise_set.period.name} – {promise_set.kommun} ({promise_set.path})"


def _period(promise_set: PromiseSet) -> dict[str, str]:
    period = promise_set.period
    return {"name": period.name, "start": period.start.isoformat(), "end": period.end.isoformat()}


def _exempt_list(promise: Promise) -> list[dict[str, str]]:
    """`utom` as written: {"month": "juli"} or {"start": …, "end": …[, "name": …]} per entry."""
    from medborgarlofte.core.svformat import MONTH_NAMES

    return [
        {"month": MONTH_NAMES[e.month - 1]}
        if e.month is not None
        else {"start": str(e.start), "end": str(e.end), **({"name": e.name} if e.name else {})}
        for e in promise.target.exempt
    ]


def promises_to_dict(promise_set: PromiseSet) -> dict[str, Any]:
    names = promise_set.type_names
    return {
        "kommun": promise_set.kommun,
        "period": _period(promise_set),
        "file": promise_set.path,
        "promises": [
            {
                "id": p.id,
                "title": p.label,
                "area": p.area,
                "text": p.text,
                "responsible": list(p.responsible),
                "target": p.target.minimum,
                "per": p.target.per_written,
                "average": p.target.average,
                "ongoing": p.target.ongoing,
                "types": [names.get(t, t) for t in p.target.types],
                "participants": list(p.target.participants),
                "tags": list(p.target.tags),
                "exempt": _exempt_list(p),
                "target_words": target_words(p),
            }
            for p in promise_set.promises
        ],
        "situations": {a.name: a.situation for a in promise_set.areas if a.situation},
        "indicators": [indicator_to_dict(i) for i in promise_set.indicators],
        "kolada": promise_set.kolada,
    }


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def indicator_to_dict(indicator: Indicator) -> dict[str, Any]:
    return {
        "id": indicator.id,
        "area": indicator.area,
        "name": indicator.name,
        "source": indicator.source,
        "unit": indicator.unit,
        "direction": indicator.direction.value,
        "baseline": None
        if indicator.baseline_date is None or indicator.baseline_value is None
        else {
            "date": indicator.baseline_date.isoformat(),
            "value": _number(indicator.baseline_value),
        },
        "target": _number(indicator.target),
    }


def indicator_words(indicator: Indicator) -> tuple[str, str, str]:
    """Id, what is measured (name, unit, direction) and the baseline and target, in words."""
    what = f"{indicator.name} ({indicator.unit}, {DIRECTION_WORDS[indicator.direction.value]})"
    level = (
        "utgångsläge: senaste mätningen före perioden"
        if indicator.baseline_date is None or indicator.baseline_value is None
        else f"utgångsläge {format_measure(indicator.baseline_value)} "
        f"({indicator.baseline_date.isoformat()})"
    )
    if indicator.target is not None:
        level += f", mål {format_measure(indicator.target)}"
    return indicator.id, what, level


def vocabulary_to_dict(promise_set: PromiseSet) -> dict[str, Any]:
    names = promise_set.type_names
    return {
        "kommun": promise_set.kommun,
        "period": _period(promise_set),
        "file": promise_set.path,
        "types": [
            {
                "slug": names.get(slug, slug),
                "description": description,
                "promises": [p.id for p in promise_set.promises if slug in p.target.types],
            }
            for slug, description in promise_set.activity_types.items()
        ],
        "participants": [
            {"slug": slug, "description": description}
            for slug, description in promise_set.participants.items()
        ],
        "indicators": [indicator_to_dict(i) for i in promise_set.indicators],
    }


def render_json(dicts: list[dict[str, Any]]) -> str:
    """One promise set as an object; several (one per kommun) as a list."""
    data: Any = dicts[0] if len(dicts) == 1 else dicts
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def print_promises(console: Console, sets: list[PromiseSet]) -> None:
    for index, promise_set in enumerate(sets):
        if index:
            console.print()
        console.print(Text(_heading(promise_set, "Löften"), style="bold"))
        for area in promise_set.areas:
            table = Table(title=area.name, title_justify="left", title_style="bold")
            for column in ("Id", "Löfte", "Mål", "Räknas"):
                table.add_column(column, no_wrap=column == "Id")
            for promise in area.promises:
                table.add_row(
                    promise.id,
                    promise.title or "–",
                    target_words(promise),
                    counts_words(promise, promise_set),
                )
            console.print()
            console.print(table)
            if area.situation:
                console.print(Text.assemble(("Lägesbild: ", "bold"), area.situation))
            if area.indicators:
                effects = Table(title="Indikatorer", title_justify="left", title_style="bold")
                for column in ("Indikator", "Mäter", "Utgångsläge och mål"):
                    effects.add_column(column, no_wrap=column == "Indikator")
                for indicator in area.indicators:
                    effects.add_row(*indicator_words(indicator))
                console.print(effects)


def print_vocabulary(console: Console, sets: list[PromiseSet]) -> None:
    for index, promise_set in enumerate(sets):
        if index:
            console.print()
        data = vocabulary_to_dict(promise_set)
        console.print(Text(_heading(promise_set, "Aktivitetstyper"), style="bold"))
        types = Table(expand=False)
        for column in ("Typ", "Beskrivning", "Räknas mot"):
            types.add_column(column, no_wrap=column == "Typ")
        for item in data["types"]:
            types.add_row(item["slug"], item["description"], ", ".join(item["promises"]) or "–")
        console.print(types)
        console.print()
        console.print(Text("Deltagare", style="bold"))
        participants = Table(expand=False)
        participants.add_column("Deltagare", no_wrap=True)
        participants.add_column("Beskrivning")
        for item in data["participants"]:
            participants.add_row(item["slug"], item["description"])
        console.print(participants)
        if promise_set.indicators:
            console.print()
            measured = f"Indikatorer (mätningar i {measurements_rel(promise_set)})"
            console.print(Text(measured, style="bold"))
            effects = Table(expand=False)
            for column in ("Indikator", "Mäter", "Utgångsläge och mål"):
                effects.add_column(column, no_wrap=column == "Indikator")
            for indicator in promise_set.indicators:
                effects.add_row(*indicator_words(indicator))
            console.print(effects)
