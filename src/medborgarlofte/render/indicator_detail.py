"""Renderers: one indicator in depth (`lofte status PERIOD ID` for an indicator's id): what it
measures, its standing, and every measurement with its source."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from rich.console import Console
from rich.text import Text

from medborgarlofte.core.model import Measurement, PromiseSet
from medborgarlofte.core.svformat import format_date_long, format_measure
from medborgarlofte.judge.indicators import IndicatorResult
from medborgarlofte.render.fit_table import Column, print_facts, print_fitted
from medborgarlofte.render.indicator_data import (
    baseline_words,
    change_from,
    change_words,
    direction_words,
    measurement_words,
    target_words,
    trend_words,
)
from medborgarlofte.render.status_table import TREND_STYLES


def print_indicator_detail(
    console: Console,
    promise_set: PromiseSet,
    result: IndicatorResult,
    as_of_words: str,
    later: Sequence[Measurement] = (),
    measurements_rel: str = "",
) -> None:
    indicator = result.indicator
    console.print(Text(f"Indikator {indicator.id} – {indicator.area}", style="bold"))
    console.print(
        f"Medborgarlöften {promise_set.period.name}, {promise_set.kommun} · läge per {as_of_words}"
    )
    console.print()
    console.print(indicator.name)
    console.print()
    facts: list[tuple[str, str | Text]] = [
        ("Källa", indicator.source),
        ("Enhet", indicator.unit),
        ("Riktning", direction_words(indicator)),
        ("Utgångsläge", baseline_words(result)),
        ("Senaste", measurement_words(result.latest)),
        ("Förändring", change_words(result)),
    ]
    if indicator.target is not None:
        facts.append(("Mål", target_words(result)))
    facts.append(("Trend", Text(trend_words(result), style=TREND_STYLES[result.trend.value])))
    print_facts(console, facts)
    console.print()
    if not result.measurements:
        console.print(f"Inga mätningar i {measurements_rel} till och med per-datumet.")
    else:
        # "Förändring" (against the baseline) as in the lines above; the dates and numbers
        # never wrap, the source's and the registrar's words wrap between words
        columns = [
            Column("Datum", False),
            Column("Värde", False, True),
            Column("Förändring", False, True),
            Column("Källa", True),
            Column("Registrerad av", True),
            Column("Rad", False, True),
        ]
        rows = [
            [
                measurement.date.isoformat(),
                format_measure(measurement.value),
                _signed(change_from(measurement, result)),
                measurement.source or "–",
                measurement.registered_by or "–",
                str(measurement.line),
            ]
            for measurement in result.measurements
        ]
        print_fitted(
            console,
            f"Mätningar ({len(result.measurements)}) i {measurements_rel}",
            columns,
            rows,
            lambda row: f"Rad {row['Rad']} · {row['Datum']} · {row['Värde']}",
            ("Rad", "Datum", "Värde"),
        )
    if later:
        console.print()
        dates = ", ".join(format_date_long(m.date) for m in later)
        console.print(f"Efter per-datumet, räknas inte här: {len(later)} ({dates}).")


def _signed(change: Decimal | None) -> str:
    return "–" if change is None else format_measure(change, signed=True)
