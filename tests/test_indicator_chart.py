"""The indicator chart of `lofte rapport`: well-formed SVG with a text alternative, whatever
the values (none yet, negative, a target on the baseline)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest

from medborgarlofte.core.model import Direction, Indicator, Measurement, Period
from medborgarlofte.judge.indicators import judge_indicator
from medborgarlofte.render.indicator_report import chart_svg, labels_apart

SVG = "{http://www.w3.org/2000/svg}"
PERIOD = Period("2020-2021", date(2020, 1, 1), date(2021, 12, 31))


def _indicator(baseline: str, target: str | None) -> Indicator:
    return Indicator(
        "i",
        "Exempeldata <&>",
        "K",
        "E",
        Direction.INCREASE,
        date(2019, 12, 31),
        Decimal(baseline),
        "A",
        None if target is None else Decimal(target),
    )


@pytest.mark.parametrize(
    ("baseline", "target", "values", "sentence"),
    [
        ("10", None, [], "Utgångsläge 10 (31 december 2019). Inga mätningar ännu."),
        (
            "-2.5",
            "1",
            ["-4", "0.5"],
            "Utgångsläge -2,5 (31 december 2019). Mätningar: -4 (31 december 2020), "
            "0,5 (31 december 2021). Mål 1. Senaste mot utgångsläget: +3, förbättrad.",
        ),
        (
            "7",
            "7",
            ["7"],
            "Utgångsläge 7 (31 december 2019). Mätningar: 7 (31 december 2020). Mål 7. "
            "Senaste mot utgångsläget: 0, oförändrad.",
        ),
    ],
)
def test_the_chart_is_well_formed_with_a_text_alternative(
    baseline: str, target: str | None, values: list[str], sentence: str
) -> None:
    measurements = [
        Measurement(line, date(2020 + index, 12, 31), "i", Decimal(value))
        for index, (line, value) in enumerate(zip((2, 3), values, strict=False))
    ]
    result = judge_indicator(_indicator(baseline, target), measurements, date(2021, 12, 31))
    root = ET.fromstring(chart_svg(result, PERIOD, "diagram"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "diagram-titel diagram-beskr"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == (
        "Exempeldata <&>: mätningar mot utgångsläge och mål"
    )
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.text == sentence
    labels = [t.text for t in root.iter(f"{SVG}text")]
    # Each label is its name over its value (two lines, so a long value stays inside).
    pairs = list(zip(labels, labels[1:], strict=False))
    assert ("Utgångsläge", baseline.replace(".", ",")) in pairs
    assert (("Mål", target) in pairs) if target else "Mål" not in labels
    assert len(list(root.iter(f"{SVG}circle"))) == len(values)


def test_labels_closer_than_the_gap_are_moved_apart_in_order() -> None:
    assert labels_apart([50.0, 45.0], 12) == [57.0, 45.0]
    assert labels_apart([10.0, 40.0], 12) == [10.0, 40.0]
    assert labels_apart([20.0, 20.0, 20.0], 12) == [20.0, 32.0, 44.0]
