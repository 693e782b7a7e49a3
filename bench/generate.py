"""Benchmark data: a seeded promise repo of about 30 promises and an activity log of N rows.

Everything here is example data, invented for measuring lofte; nothing describes a real
kommun's work. The same seed and row count always give the same bytes.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from medborgarlofte.core.model import LOG_HEADER

PERIOD = "2022-2024"
PERIOD_START = date(2022, 1, 1)
PERIOD_END = date(2024, 12, 31)
TODAY = "2024-09-30"  # LOFTE_IDAG for every run: rows are never in the future

# (slug, weight): a few frequent types and some rare ones, so statuses vary.
TYPES = [
    ("medborgarkontakt", 400),
    ("trafikinsats", 150),
    ("narkotikainsats", 80),
    ("tidig-insats", 60),
    ("hundsök", 5),
    ("grannsamverkan", 50),
    ("trygghetsvandring", 20),
    ("bostadsinbrott", 30),
    ("skoterstöld", 3),
    ("skolbesök", 100),
    ("föreningsmöte", 40),
    ("ungdomsdialog", 60),
    ("båtstöld", 1),
]
PARTICIPANTS = ["polis", "kommun", "grannsamverkan", "skola", "ungdomsverksamhet", "förening"]
PARTICIPANT_COMBOS = [
    "polis",
    "polis",
    "polis;kommun",
    "kommun",
    "",
    "polis;grannsamverkan",
    "kommun;skola",
    "polis;kommun;grannsamverkan",
    "ungdomsverksamhet;kommun",
    "förening",
]
TAG_COMBOS = ["", "", "", "kvällstid", "helg", "a-traktor", "kvällstid;helg", "centrum", "skola"]
# antal: most rows record one activity; some several, some leave the cell empty (= 1).
COUNTS = ["1"] * 16 + ["2", "3", "5", ""]
PLACES = [f"Ort {n}" for n in range(1, 61)] + ["Centrum", "Hamnen", "Torget", "Skolan"]
WHO = [f"exempel-{n}" for n in range(1, 41)]
DESCRIPTIONS = [
    "Exempeldata",
    "Exempeldata: samtal",
    "Exempeldata: möte, info",
    "",
]

# (id, typ(s), minst, per, snitt, deltagare, taggar, löpande) over several areas.
PROMISES: list[tuple[str, list[tuple[str, object, object, str, bool, list[str], list[str]]]]] = [
    (
        "Närvaro och tillgänglighet",
        [
            ("kontakter-snitt-vecka", "medborgarkontakt", 300, "vecka", True, [], []),
            ("kontakter-varje-vecka", "medborgarkontakt", 250, "vecka", False, [], []),
            ("kontakter-kvall", "medborgarkontakt", 30, "månad", False, [], ["kvällstid"]),
            ("kontakter-dygn", "medborgarkontakt", 120, "dygn", False, [], []),
            ("kontakter-helg-snitt", "medborgarkontakt", 5, "dygn", True, [], ["helg"]),
            ("kontakter-period", "medborgarkontakt", 400000, "period", False, [], []),
        ],
    ),
    (
        "Trafik",
        [
            ("trafik-kvartal", "trafikinsats", 1000, "kvartal", False, [], []),
            ("trafik-a-traktor", "trafikinsats", 200, "tertial", True, [], ["a-traktor"]),
            ("trafik-halvar", "trafikinsats", 30000, "halvår", False, [], []),
            ("trafik-ar", "trafikinsats", 40000, "år", True, [], []),
            ("trafik-period-snitt", "trafikinsats", 150000, "period", True, [], []),
        ],
    ),
    (
        "Drogförebyggande",
        [
            ("narkotika-manad", "narkotikainsats", 600, "månad", False, ["polis"], []),
            ("tidiga-insatser", "tidig-insats", None, "period", False, [], []),
            ("hundsok-manad", "hundsök", 40, "månad", False, [], []),
            ("hundsok-skola", "hundsök", 1, "vecka", False, ["skola"], ["skola"]),
            ("skolbesok-dygn", "skolbesök", 80, "dygn", True, [], []),
            ("skolbesok-snitt", "skolbesök", 500, "vecka", True, ["kommun", "skola"], []),
        ],
    ),
    (
        "Mängdbrott",
        [
            ("grannsamverkan", "grannsamverkan", None, "period", False, [], []),
            (
                "vandringar",
                "trygghetsvandring",
                20,
                "vecka",
                False,
                ["kommun", "grannsamverkan"],
                [],
            ),
            ("inbrott-skoter", ["bostadsinbrott", "skoterstöld"], 800, "månad", False, [], []),
            ("skoter-vinter", "skoterstöld", 100, "tertial", False, [], []),
            ("batstold", "båtstöld", 1, "vecka", False, [], []),
            ("batstold-lopande", "båtstöld", None, "period", False, [], ["hamnen"]),
        ],
    ),
    (
        "Ungdomar och föreningar",
        [
            ("ungdomsdialog-vecka", "ungdomsdialog", 80, "vecka", False, [], []),
            ("ungdomsdialog-snitt", "ungdomsdialog", 12, "dygn", True, ["ungdomsverksamhet"], []),
            ("foreningsmoten-kvartal", "föreningsmöte", 3000, "kvartal", True, [], []),
            ("foreningsmoten-halvar", "föreningsmöte", 5000, "halvår", False, ["förening"], []),
            ("foreningsmoten-lopande", "föreningsmöte", None, "period", False, [], ["centrum"]),
            (
                "alla-ar",
                ["skolbesök", "ungdomsdialog", "föreningsmöte"],
                10000,
                "år",
                False,
                [],
                [],
            ),
        ],
    ),
]


def promise_yaml() -> str:
    lines = [
        "# Exempeldata för prestandamätning: påhittade löften, ingen verklig kommun.",
        "kommun: Exempelkommun",
        "lokalpolisområde: Exempelområdet",
        f"period: {PERIOD}",
        "aktivitetstyper:",
    ]
    lines += [f"  {slug}: Exempeldata, typen {slug}" for slug, _ in TYPES]
    lines.append("deltagare:")
    lines += [f"  {slug}: Exempeldata, {slug}" for slug in PARTICIPANTS[2:]]
    lines.append("områden:")
    for area, promises in PROMISES:
        lines += [f"  - namn: {area}", "    löften:"]
        for pid, types, minimum, per, average, participants, tags in promises:
            typ = f"[{', '.join(types)}]" if isinstance(types, list) else types
            lines += [
                f"      - id: {pid}",
                f"        text: Exempeldata, löftet {pid}.",
                "        mål:",
                f"          typ: {typ}",
            ]
            if minimum is None:
                lines.append("          löpande: true")
            else:
                lines += [f"          minst: {minimum}", f"          per: {per}"]
                if average:
                    lines.append("          snitt: true")
            if participants:
                lines.append(f"          deltagare: [{', '.join(participants)}]")
            if tags:
                lines.append(f"          taggar: [{', '.join(tags)}]")
    return "\n".join(lines) + "\n"


def promise_count() -> int:
    return sum(len(promises) for _, promises in PROMISES)


def _rows(count: int, seed: int) -> Iterator[tuple[str, ...]]:
    rng = random.Random(seed)
    last_day = (date.fromisoformat(TODAY) - PERIOD_START).days
    days = [(PERIOD_START + timedelta(days=n)).isoformat() for n in range(last_day + 1)]
    slugs = [slug for slug, _ in TYPES]
    weights = [weight for _, weight in TYPES]
    # One in ten thousand rows is broken in a way `check` rejects, as real logs are.
    broken = [
        ("2023-02-30", "medborgarkontakt", "1"),
        ("2024-12-24", "medborgarkontakt", "1"),  # in the future
        ("2023-05-05", "okänd-typ", "1"),
        ("2023-05-05", "medborgarkontakt", "1,5"),
    ]
    choice, choices, random_ = rng.choice, rng.choices, rng.random
    for n in range(count):
        # Rows are appended as the work is done: in date order, some logged a few days late.
        day_index = n * (last_day + 1) // count
        if random_() < 0.2:
            day_index = max(0, day_index - int(random_() * 14))
        day = days[day_index]
        typ = choices(slugs, weights)[0]
        antal = choice(COUNTS)
        if n % 10_000 == 9_999:
            day, typ, antal = broken[(n // 10_000) % len(broken)]
        yield (
            day,
            typ,
            antal,
            choice(PLACES),
            choice(PARTICIPANT_COMBOS),
            choice(TAG_COMBOS),
            choice(DESCRIPTIONS),
            choice(WHO),
            f"{day}T{8 + n % 12:02d}:{n % 60:02d}:00+01:00",
        )


def write_repo(root: Path, rows: int, seed: int = 7) -> Path:
    """Write promises/PERIOD.yaml and logs/PERIOD.csv under `root`; return the log's path."""
    (root / "promises").mkdir(parents=True, exist_ok=True)
    (root / "logs").mkdir(parents=True, exist_ok=True)
    (root / "promises" / f"{PERIOD}.yaml").write_text(promise_yaml(), encoding="utf-8")
    log = root / "logs" / f"{PERIOD}.csv"
    with log.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(LOG_HEADER)
        writer.writerows(_rows(rows, seed))
    return log


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(write_repo(args.root, args.rows, args.seed))
