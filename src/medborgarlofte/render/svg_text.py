"""Renderers: how much room a chart label takes, so labels never overlap or reach past the
chart's edge (docs/publicering.md).

A label's width is estimated as 0.6 em a character: wider than the digits and most letters
of the system fonts the pages name, so a label that fits by this estimate fits on screen.
tests/test_chart_labels.py measures every chart's labels the same way.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

CHAR_EM = 0.6
SMALLEST = 6.5  # below this a label is not readable: it is left out (the text says it)


def text_width(text: str, size: float) -> float:
    return len(text) * size * CHAR_EM


def fitted_size(text: str, room: float, size: float) -> float | None:
    """`size`, or a smaller one at which `text` fits in `room`; None when even the smallest
    readable size does not fit."""
    if text_width(text, size) <= room:
        return size
    fits = math.floor(room / (len(text) * CHAR_EM) * 10) / 10
    return fits if fits >= SMALLEST else None


def spaced_labels(
    candidates: Iterable[tuple[float, str]], size: float, low: float, high: float, gap: float = 4
) -> list[tuple[float, str]]:
    """Labels drawn left-aligned at their x, in order, keeping each one that starts at least
    `gap` after the last kept one ends and lies within [low, high]."""
    kept: list[tuple[float, str]] = []
    end = -math.inf
    for x, text in candidates:
        right = x + text_width(text, size)
        if x < low or right > high or x < end + gap:
            continue
        kept.append((x, text))
        end = right
    return kept


def apart(positions: list[float], gap: float, low: float, high: float) -> list[float]:
    """Positions (label baselines) moved apart, in order of height, so that no two are closer
    than `gap`, then moved together to lie within [low, high] when there is room for that."""
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = [min(max(p, low), high) for p in positions]
    for before, after in zip(order, order[1:], strict=False):
        placed[after] = max(placed[after], placed[before] + gap)
    if order and placed[order[-1]] > high:
        shift = placed[order[-1]] - high
        placed = [p - shift for p in placed]
    return placed
