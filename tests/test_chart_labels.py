"""Chart labels never overlap and are never cut at the edge (docs/publicering.md).

Every `<text>` of every chart `lofte rapport` draws gets a box computed from the SVG's own
coordinates and font size: a character is taken as 0.6 em wide (wider than the digits and
most letters of the system fonts the page names), the glyphs reach 0.8 em above the baseline
and 0.25 em below it. No two boxes may overlap and none may reach past the viewBox. Charts
for single- and multi-year periods, every unit, every-unit and average targets, long titles,
huge counts and indicators with long, large and negative series."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import run_lofte, write

SVG = "{http://www.w3.org/2000/svg}"
CHAR_WIDTH = 0.6
ASCENT, DESCENT = 0.8, 0.25


@dataclass(frozen=True)
class Box:
    text: str
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )


def text_boxes(svg: str) -> tuple[list[Box], tuple[float, float]]:
    root = ET.fromstring(svg)
    _, _, width, height = (float(v) for v in root.attrib["viewBox"].split())
    boxes = []
    for element in root.iter(f"{SVG}text"):
        text = "".join(element.itertext())
        size = float(element.attrib["font-size"])
        x, y = float(element.attrib["x"]), float(element.attrib["y"])
        wide = len(text) * size * CHAR_WIDTH
        anchor = element.attrib.get("text-anchor", "start")
        left = {"start": x, "middle": x - wide / 2, "end": x - wide}[anchor]
        boxes.append(Box(text, left, y - ASCENT * size, left + wide, y + DESCENT * size))
    return boxes, (width, height)


def label_problems(svg: str) -> list[str]:
    boxes, (width, height) = text_boxes(svg)
    problems = [
        f"{b.text!r} past the edge ({b.left:.1f}, {b.top:.1f}, {b.right:.1f}, {b.bottom:.1f})"
        for b in boxes
        if b.left < 0 or b.top < 0 or b.right > width or b.bottom > height
    ]
    for index, box in enumerate(boxes):
        for other in boxes[index + 1 :]:
            if box.overlaps(other):
                problems.append(f"{box.text!r} overlaps {other.text!r}")
    return problems


def charts(html: str) -> list[str]:
    """Every chart of a report page (the legends' swatches hold no text)."""
    found = re.findall(r"<svg viewBox=\"0 0 \d+ \d+\" role=\"img\".*?</svg>", html, re.DOTALL)
    assert found
    return found


def test_the_box_test_finds_overlaps_and_cut_labels() -> None:
    """The measure itself: the old multi-year axis ("2019" on top of "apr") and a baseline label
    past the right edge both fail it."""
    svg = (
        '<svg viewBox="0 0 360 150" xmlns="http://www.w3.org/2000/svg">'
        '<text x="41" y="138" font-size="10.5">2019</text>'
        '<text x="60" y="138" font-size="10.5">apr</text>'
        '<text x="272" y="40" font-size="10.5">Utgångsläge 71,5</text></svg>'
    )
    assert label_problems(svg) == [
        "'Utgångsläge 71,5' past the edge (272.0, 31.6, 372.8, 42.6)",
        "'2019' overlaps 'apr'",
    ]


UNITS = ["dygn", "vecka", "månad", "kvartal", "tertial", "halvår", "år"]
LONG_TITLE = "Ett mycket långt löfte om " + "trygghetsvandringar och medborgardialoger " * 2


def _promises(period: str) -> str:
    promises = []
    for unit in UNITS:
        promises.append(
            f"      - id: varje-{unit}\n        rubrik: {LONG_TITLE[:80].strip()}\n"
            f"        text: Minst två varje {unit}.\n"
            f"        mål: {{typ: vandring, minst: 2, per: {unit}}}\n"
            f"      - id: snitt-{unit}\n        text: Minst tre i snitt per {unit}.\n"
            f"        mål: {{typ: vandring, minst: 3, per: {unit}, snitt: true}}\n"
        )
    promises.append(
        "      - id: period\n        text: Minst 40 under perioden.\n"
        "        mål: {typ: vandring, minst: 40}\n"
        "      - id: stort\n        text: Minst en miljard under perioden.\n"
        "        mål: {typ: stort, minst: 999999999}\n"
    )
    return (
        f"kommun: Exempelby\nperiod: {period}\naktivitetstyper:\n  vandring: Vandring\n"
        "  stort: Stort antal\n"
        "områden:\n  - namn: Trygghet\n    löften:\n" + "".join(promises)
    )


@pytest.mark.parametrize(
    ("period", "as_of", "rows"),
    [
        ("2019", "2019-09-30", ["2019-02-01,vandring,3", "2019-06-01,vandring,1"]),
        ("2019", "2019-12-31", ["2019-01-01,stort,999999999", "2019-12-31,stort,999999999"]),
        ("2019-2020", "2020-11-30", ["2019-04-01,vandring,2", "2020-03-01,vandring,5"]),
        ("2020-2022", "2022-12-31", ["2021-04-01,vandring,700", "2022-03-01,stort,999999999"]),
        ("2020-2029", "2025-06-30", ["2021-04-01,vandring,7"]),
    ],
)
def test_promise_charts_have_no_overlapping_or_cut_labels(
    tmp_path: Path, period: str, as_of: str, rows: list[str]
) -> None:
    write(tmp_path, f"promises/{period}.yaml", _promises(period))
    write(tmp_path, f"logs/{period}.csv", "datum,typ,antal\n" + "\n".join(rows) + "\n")
    result = run_lofte("rapport", period, "-f", "html", "--per", as_of, cwd=tmp_path, today=as_of)
    assert result.exit_code == 0, result.stderr
    found = charts(result.stdout)
    assert len(found) == 2 * len(UNITS) + 2
    for svg in found:
        assert label_problems(svg) == [], svg[:300]


INDICATOR = """
kommun: Exempelby
period: {period}
aktivitetstyper:
  vandring: Vandring
områden:
  - namn: Trygghet
    löften:
      - id: vandringar
        text: Minst två.
        mål: {{typ: vandring, minst: 2}}
    indikatorer:
      - id: inbrott
        namn: Anmälda bostadsinbrott i hela kommunen under året enligt Brå
        källa: Exempeldata
        enhet: antal per år
        riktning: minska
        utgångsläge: {{datum: {baseline_day}, värde: "{baseline}"}}
        mål: "{target}"
"""


@pytest.mark.parametrize(
    ("period", "baseline_day", "baseline", "target", "values"),
    [
        ("2019", "2018-12-31", "71,5", "60", [("2019-06-30", "68,25"), ("2019-12-31", "59")]),
        ("2019", "2018-12-31", "71,5", "71", [("2019-12-31", "71,4")]),  # labels close together
        ("2019-2020", "2018-12-31", "-12,5", "4", [("2019-04-30", "-40"), ("2020-11-30", "3")]),
        (
            "2019",
            "2018-12-31",
            "123456789012345,1234567891",  # the longest number a file may hold
            "-987654321098765,9876543219",
            [("2019-12-31", "555555555555555,5555555555")],
        ),
        (
            "2019",
            "1990-12-31",
            "100",
            "0,5",
            [(f"{y}-12-31", str(y % 7)) for y in range(1991, 2020)],
        ),
    ],
)
def test_indicator_charts_have_no_overlapping_or_cut_labels(
    tmp_path: Path,
    period: str,
    baseline_day: str,
    baseline: str,
    target: str,
    values: list[tuple[str, str]],
) -> None:
    write(
        tmp_path,
        f"promises/{period}.yaml",
        INDICATOR.format(
            period=period, baseline_day=baseline_day, baseline=baseline, target=target
        ),
    )
    rows = "".join(f'{day},inbrott,"{value}"\n' for day, value in values)
    write(tmp_path, f"logs/{period}.matningar.csv", "datum,indikator,värde\n" + rows)
    end = f"{period[-4:]}-12-31"
    result = run_lofte("rapport", period, "-f", "html", cwd=tmp_path, today=end)
    assert result.exit_code == 0, result.stderr
    svg = charts(result.stdout.split('class="indikator"', 1)[1])[0]
    assert label_problems(svg) == [], svg


def test_a_long_daily_series_is_drawn_whole_with_apart_labels(tmp_path: Path) -> None:
    """10,000 measurements, one a day: every one is drawn, and the labels stay apart."""
    write(
        tmp_path,
        "promises/2019.yaml",
        INDICATOR.format(period=2019, baseline_day="1992-01-01", baseline="50", target="40"),
    )
    from datetime import date, timedelta

    first = date(1992, 8, 11)
    rows = "".join(
        f"{first + timedelta(days=n)},inbrott,{40 + n % 17}\n" for n in range(10_000)
    )
    write(tmp_path, "logs/2019.matningar.csv", "datum,indikator,värde\n" + rows)
    result = run_lofte("rapport", "2019", "-f", "html", cwd=tmp_path, today="2019-12-31")
    assert result.exit_code == 0, result.stderr
    svg = charts(result.stdout.split('class="indikator"', 1)[1])[0]
    assert label_problems(svg) == []
    points = re.search(r'<polyline points="([^"]*)"', svg.split("</title>", 1)[1])
    assert points is not None and len(points.group(1).split()) == 10_000
    # Its text alternative says it in a few words, not ten thousand values.
    desc = re.search(r"<desc [^>]*>([^<]*)</desc>", svg)
    assert desc is not None and len(desc.group(1)) < 400
    assert "10000 mätningar från 11 augusti 1992 till 27 december 2019" in desc.group(1)
