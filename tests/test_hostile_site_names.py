"""No promise file takes another's place on the site (docs/felkoder.md, E100–E102): a file
named for no period, two kommuner with one published name, a kommun without a name. Each
case here passed `check` before, and `webb` published one file over the other or renamed
its folder (`kalix-2/`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from conftest import MINIMAL_PROMISES, run_lofte, write
from hypothesis import given
from hypothesis import strategies as st

from medborgarlofte.core.model import Period
from medborgarlofte.core.site_names import (
    clashes,
    kommun_identity,
    kommun_slug,
    period_slug,
    unpublishable,
)


def promises(period: str = "2019", kommun: str = "Exempelby") -> str:
    return MINIMAL_PROMISES.format(period=period).replace("kommun: Exempelby", f"kommun: {kommun}")


def check(root: Path) -> list[tuple[str, str, int | None]]:
    result = run_lofte("check", "--format", "json", cwd=root)
    assert result.stderr == ""
    return [(p["path"], p["code"], p["line"]) for p in json.loads(result.stdout)]


def refused_site(root: Path, *files: str) -> str:
    result = run_lofte("webb", "--per", "2019-12-31", cwd=root, today="2020-01-01")
    assert (result.exit_code, result.stdout) == (1, "")
    assert not (root / "_site").exists()
    for name in files:
        assert name in result.stderr
    return result.stderr


# --- two promise files, one place ------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # A stem that is no period is published under its period's slug: 2019_ → 2019.
        (
            {"promises/2019.yaml": ("2019", "Testby"), "promises/2019_.yaml": ("2018", "Testby")},
            [
                ("promises/2019_.yaml", "E100", 1),
                ("promises/2019_.yaml", "E101", 3),
            ],
        ),
        # Two kommun folders that differ in case only.
        (
            {
                "promises/Kalix/2019.yaml": ("2019", "Kalix"),
                "promises/kalix/2019.yaml": ("2019", "Kalix"),
            },
            [("promises/kalix/2019.yaml", "E100", 1)],
        ),
        # Folders that differ only in case, å/ä/ö or punctuation, on different periods.
        (
            {
                "promises/Åsele/2019.yaml": ("2019", "Åsele"),
                "promises/ASELE/2020.yaml": ("2020", "Åsele"),
                "promises/asele!/2021.yaml": ("2021", "Åsele"),
            },
            [("promises/asele!/2021.yaml", "E100", 1), ("promises/Åsele/2019.yaml", "E100", 1)],
        ),
        # A kommun named -Testby beside Testby, in a repo without kommun folders.
        (
            {"promises/2019.yaml": ("2019", "Testby"), "promises/2020.yaml": ("2020", '"-Testby"')},
            [("promises/2020.yaml", "E100", 1)],
        ),
        # A kommun folder and a top-level file of the same kommun.
        (
            {
                "promises/2019.yaml": ("2019", "Kalix"),
                "promises/kalix/2020.yaml": ("2020", "Kalix"),
            },
            [("promises/kalix/2020.yaml", "E100", 1)],
        ),
    ],
    ids=["stem 2019_", "Kalix/kalix", "Åsele/ASELE/asele!", "-Testby", "mapp och topp"],
)
def test_two_files_published_under_one_name_are_refused(
    tmp_path: Path, files: dict[str, tuple[str, str]], expected: list[tuple[str, str, int]]
) -> None:
    for rel, (period, kommun) in files.items():
        write(tmp_path, rel, promises(period, kommun))
    assert check(tmp_path) == expected
    refused_site(tmp_path, next(rel for rel, code, _ in expected if code == "E100"))


def test_the_site_names_both_files_and_writes_nothing(tmp_path: Path) -> None:
    write(tmp_path, "promises/Kalix/2019.yaml", promises())
    write(tmp_path, "promises/kalix/2019.yaml", promises())
    assert refused_site(tmp_path) == (
        "lofte: Webbplatsen skrivs inte: promises/Kalix/2019.yaml och promises/kalix/2019.yaml "
        "skulle publiceras under samma namn (kalix), så den ena skulle ta den andras sidor. "
        "Inget skrevs. Se 'lofte check'.\n"
    )


def test_one_kommun_spelt_two_ways_is_one_kommun_on_the_site(tmp_path: Path) -> None:
    """`Kalix` and `KALIX` fold alike: one kommun with two periods, not a clash."""
    write(tmp_path, "promises/2019.yaml", promises("2019", "Kalix"))
    write(tmp_path, "promises/2020.yaml", promises("2020", "KALIX"))
    assert check(tmp_path) == []
    result = run_lofte("webb", "--per", "2019-12-31", cwd=tmp_path, today="2020-01-01")
    assert result.exit_code == 0, result.stderr
    pages = sorted(
        p.relative_to(tmp_path / "_site").as_posix() for p in tmp_path.glob("_site/**/*.html")
    )
    assert pages == ["index.html", "kalix/2019.html", "kalix/2020.html"]


# --- a file name that is no period ------------------------------------------------------------


@pytest.mark.parametrize("side", ["rattelser", "kommentarer", "matningar"])
def test_a_period_named_like_a_side_file_is_refused(tmp_path: Path, side: str) -> None:
    write(tmp_path, "promises/2019.yaml", promises())
    write(tmp_path, f"promises/2019.{side}.yaml", promises("2018"))
    result = run_lofte("check", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stdout == (
        f"promises/2019.{side}.yaml:3:9: fel E101: Filnamnet 2019.{side}.yaml är ingen period: "
        "en löftesfil heter efter sitt år (2019.yaml) eller sina år (2020-2021.yaml), och "
        "loggen, webbplatsens sida och kommandonas PERIOD går efter namnet. Loggen skulle heta "
        f"2019.{side}.csv, som slutar som en fil bredvid en annan periods logg (.{side}.csv). "
        "Byt namn på filen (och loggen).\n"
        "1 fel i 1 fil.\n"
    )
    refused_site(tmp_path, f"promises/2019.{side}.yaml")


@pytest.mark.parametrize("stem", ["kalix-2019", "2019 ", "2019–2020", "२०१९", "2019-20", "19"])
def test_a_stem_that_is_no_period_is_refused(tmp_path: Path, stem: str) -> None:
    write(tmp_path, f"promises/{stem}.yaml", promises())
    assert check(tmp_path) == [(f"promises/{stem}.yaml", "E101", 3)]


# --- a kommun without a name ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kommun", "line"),
    [
        ('""', (1, 9, "namnet är tomt; skriv kommunens namn")),
        ('"  "', (1, 9, "namnet är tomt; skriv kommunens namn")),
        ('"---"', (1, 9, "namnet har ingen bokstav eller siffra som webbplatsen kan använda")),
        ("Data", (1, 9, "webbplatsen skulle ge den namnet 'data', som webbplatsen använder själv")),
        (
            "Index",
            (1, 9, "webbplatsen skulle ge den namnet 'index', som webbplatsen använder själv"),
        ),
    ],
)
def test_a_kommun_the_site_cannot_name_is_refused(
    tmp_path: Path, kommun: str, line: tuple[int, int, str]
) -> None:
    write(tmp_path, "promises/2019.yaml", promises(kommun=kommun))
    result = run_lofte("check", "--format", "json", cwd=tmp_path)
    found = [(p["code"], p["line"], p["column"], p["message"]) for p in json.loads(result.stdout)]
    shown = kommun.strip('"').strip()
    assert found == [
        ("E102", line[0], line[1], f"Kommunen '{shown}' kan inte publiceras: {line[2]}.")
    ]
    refused_site(tmp_path, "promises/2019.yaml")


@pytest.mark.parametrize("folder", ["---", "data", "_"])
def test_a_kommun_folder_the_site_cannot_name_is_refused(tmp_path: Path, folder: str) -> None:
    write(tmp_path, f"promises/{folder}/2019.yaml", promises())
    assert check(tmp_path) == [(f"promises/{folder}/2019.yaml", "E102", 1)]
    refused_site(tmp_path, f"promises/{folder}/2019.yaml")


# --- the rule itself, for any names ------------------------------------------------------------


@dataclass(frozen=True)
class _File:
    path: str
    kommun: str
    kommun_key: str | None
    period: Period


_NAMES = st.text(alphabet="aAåÅäöÖ-_. !1", min_size=0, max_size=4)


@given(
    st.lists(
        st.tuples(st.one_of(st.none(), _NAMES), _NAMES, st.sampled_from(["2019", "2019_", "2020"])),
        max_size=6,
    )
)
def test_files_without_a_clash_have_pages_and_folders_of_their_own(
    files: list[tuple[str | None, str, str]],
) -> None:
    """Where the rule finds no clash, no two files share a page and no two kommuner share a
    folder: the site could never publish one over another."""
    items = [
        _File(f"promises/{i}.yaml", kommun, key, Period(stem, date(2019, 1, 1), date(2019, 12, 31)))
        for i, (key, kommun, stem) in enumerate(files)
    ]
    published = [item for item in items if unpublishable(item) is None]
    if clashes(published):
        return
    pages = [f"{kommun_slug(i)}/{period_slug(i)}" for i in published]
    assert len(pages) == len(set(pages))
    folders: dict[str, set[tuple[str, str]]] = {}
    for item in published:
        folders.setdefault(kommun_slug(item), set()).add(kommun_identity(item))
    assert all(len(kommuner) == 1 for kommuner in folders.values())
