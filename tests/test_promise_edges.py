"""Promise files that could never be met, or were silently wrong, are errors with their line
(docs/garantier.md): each case here passed `lofte check` (or crashed) before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_lofte, write

PROMISES = """
kommun: Exempelby
period: {period}
{extra}aktivitetstyper:
  skoterstöld: Insats mot skoterstölder
  kontakt: Kontakt
områden:
  - namn: Trygghet
    löften:
      - id: {first_id}
        text: Minst två insatser.
        mål: {{typ: skoterstöld, minst: 2{target}}}
      - id: {second_id}
        text: Minst en kontakt.
        mål: {{typ: kontakt, minst: 1}}
"""


def check(
    root: Path,
    stem: str = "2019",
    period: str = "2019",
    extra: str = "",
    target: str = "",
    first_id: str = "skoterstöld",
    second_id: str = "kontakter",
) -> list[tuple[str, int | None, str]]:
    text = PROMISES.format(
        period=period, extra=extra, target=target, first_id=first_id, second_id=second_id
    )
    write(root, f"promises/{stem}.yaml", text)
    result = run_lofte("check", "--format", "json", cwd=root)
    assert result.stderr == ""
    return [(p["code"], p["line"], p["message"]) for p in json.loads(result.stdout)]


def codes(found: list[tuple[str, int | None, str]]) -> list[tuple[str, int | None]]:
    return [(code, line) for code, line, _ in found]


def test_ids_equal_after_folding_are_a_duplicate_at_the_second(tmp_path: Path) -> None:
    found = check(tmp_path, second_id="Skoterstold")
    assert found == [
        (
            "E008",
            12,
            "Löftes-id 'Skoterstold' finns redan på rad 9. (som 'skoterstöld': id jämförs utan "
            "skillnad på versaler och å/ä/ö, så det andra löftet kunde aldrig nås från "
            "kommandoraden)",
        )
    ]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (", taggar: ['']", [("E052", 11)]),
        (", taggar: [a, 'b,c']", [("E052", 11)]),
        (", taggar: 'x;y'", [("E052", 11)]),
        (", snitt: true", [("E053", 11)]),
        (", snitt: true, per: period", []),
        (", snitt: true, per: vecka", []),
    ],
)
def test_targets_that_can_never_be_met(
    tmp_path: Path, target: str, expected: list[tuple[str, int]]
) -> None:
    assert codes(check(tmp_path, target=target)) == expected


def test_an_empty_typ_list(tmp_path: Path) -> None:
    write(
        tmp_path,
        "promises/2019.yaml",
        PROMISES.format(period=2019, extra="", target="", first_id="a", second_id="b").replace(
            "typ: kontakt", "typ: []"
        ),
    )
    result = run_lofte("check", cwd=tmp_path)
    assert result.stdout.splitlines()[0].startswith("promises/2019.yaml:14:20: fel E051: ")


@pytest.mark.parametrize(
    ("stem", "period", "expected"),
    [
        ("2019", "2019", []),
        ("2019", "2020", [("E054", 2)]),
        ("2020-2021", '"2020-2021"', []),
        ("2020-2021", '"2020-2022"', [("E054", 2)]),
        ("2020-2021", "2020", [("E054", 2)]),
        ("2020-2021", "{från: 2020-07-01, till: 2021-06-30}", []),
        ("2019", "{från: 2019-07-01, till: 2020-06-30}", [("E054", 2)]),
        ("kalix-2019", "2020", [("E101", 2)]),
        ("2019_", "2019", [("E101", 2)]),
        ("2019.rattelser", "2019", [("E101", 2)]),
    ],
)
def test_a_period_that_differs_from_the_file_name(
    tmp_path: Path, stem: str, period: str, expected: list[tuple[str, int]]
) -> None:
    assert codes(check(tmp_path, stem=stem, period=period)) == expected


@pytest.mark.parametrize(
    ("stem", "period", "extra", "expected"),
    [
        ("2019", '"0000"', "", [("E055", 2)]),
        ("9999", "9999", "", [("E055", 2)]),
        ("1899-1900", '"1899-1900"', "", [("E055", 2)]),
        ("2019", "2019", "undertecknat: 0001-01-01\n", [("E055", 3)]),
        ("2019", "{från: 2019-01-01, till: 9999-12-31}", "", [("E055", 2)]),
        ("2200", "2200", "", []),
    ],
)
def test_years_outside_1900_to_2200(
    tmp_path: Path, stem: str, period: str, extra: str, expected: list[tuple[str, int]]
) -> None:
    assert codes(check(tmp_path, stem=stem, period=period, extra=extra)) == expected


@pytest.mark.parametrize("period", ['"0000"', "9999", "{från: 9999-12-27, till: 9999-12-31}"])
def test_status_never_crashes_on_a_far_year(tmp_path: Path, period: str) -> None:
    write(
        tmp_path,
        "promises/9999.yaml",
        PROMISES.format(
            period=period, extra="", target=", per: vecka", first_id="a", second_id="b"
        ),
    )
    result = run_lofte("status", "9999", "--per", "9999-12-31", cwd=tmp_path)
    assert result.exit_code == 1
    assert "fel E055" in result.stderr
