"""Numbers from files are bounded before they are parsed (docs/garantier.md): a Kolada value
`1e999999` took 13-43 s and 2 GB and `1e99999999999` crashed `import kolada`; a `minst` of
`0x` and 5,000 digits crashed `check`. And two Kolada values for one year no longer let the
last one win in silence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import MINIMAL_PROMISES, run_lofte, write

MEASURED = "logs/2019-2020.matningar.csv"
PROMISES = """
kommun: Exempelby
period: 2019-2020
kolada: "2514"
aktivitetstyper:
  trygghetsvandring: Trygghetsvandring
områden:
  - namn: Mängdbrott
    löften:
      - id: vandringar
        text: Minst två trygghetsvandringar.
        mål: {typ: trygghetsvandring, minst: 2}
    indikatorer:
      - id: inbrott
        namn: Anmälda bostadsinbrott
        källa: Exempeldata
        enhet: antal per 100 000 invånare
        riktning: minska
        utgångsläge: {datum: 2018-12-31, värde: 43}
"""


def kolada(values: list[tuple[object, str, str]]) -> str:
    """A Kolada v2 response (example data) with one entry per (period, gender, value), its
    numbers written as given, one per line so a line can be named."""
    entries = [
        f'    {{"kpi": "N07403", "municipality": "2514", "period": {period},\n'
        '     "values": [\n'
        f'      {{"gender": "{gender}",\n'
        f'       "value": {value}}}]}}'
        for period, gender, value in values
    ]
    return '{\n  "values": [\n' + ",\n".join(entries) + "\n  ]\n}\n"


def run_import(root: Path, text: str) -> tuple[int, str, str]:
    (root / "svar.json").write_text(text, encoding="utf-8")
    result = run_lofte(
        "import", "kolada", "svar.json", "--indikator", "inbrott", cwd=root, today="2021-06-30"
    )
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(tmp_path, "promises/2019-2020.yaml", PROMISES)
    return tmp_path


def refused_number(number: str, line: int) -> str:
    return (
        f"lofte: svar.json:{line}: talet {number} har fler än 25 siffror eller en exponent över "
        "25, och läses inte: inget av Koladas nyckeltal är så stort. Spara svaret från Kolada "
        "igen. Inget skrevs.\n"
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("1e999999", "1e999999"),
        ("1e99999999999", "1e99999999999"),
        ("-1E-9999999", "-1E-9999999"),
        ("1e26", "1e26"),
        ("1" * 100_000, "1" * 30 + "…"),
        ("0." + "0" * 50 + "1", "0." + "0" * 28 + "…"),
    ],
    ids=["1e999999", "1e99999999999", "-1E-9999999", "1e26", "100000 siffror", "52 decimaler"],
)
def test_a_kolada_number_too_long_to_be_a_key_figure_is_refused_at_its_line(
    repo: Path, value: str, shown: str
) -> None:
    text = kolada([(2019, "T", "38"), (2020, "T", value)])
    assert run_import(repo, text) == (1, "", refused_number(shown, 10))
    assert not (repo / MEASURED).exists()


def test_a_kolada_period_too_long_is_refused_at_its_line(repo: Path) -> None:
    text = kolada([(2019, "T", "38"), ("1e99999999999", "T", "40")])
    assert run_import(repo, text) == (1, "", refused_number("1e99999999999", 7))


@pytest.mark.parametrize("period", ['"' + "9" * 5000 + '"', '"२०१९"', '" 2019x"'])
def test_a_kolada_period_that_is_no_year_is_refused(repo: Path, period: str) -> None:
    code, stdout, stderr = run_import(repo, kolada([(period, "T", "40")]))
    assert (code, stdout) == (1, "")
    assert stderr.startswith(
        "lofte: svar.json är inget sparat svar från Koladas API v2 (post 1 i 'values' har "
        "ingen period (ett årtal))."
    )


def test_a_number_inside_a_string_is_not_the_one_named(repo: Path) -> None:
    """The line is that of the number, not of a text that holds the same characters."""
    text = kolada([(2019, "T", "38"), (2020, "T", "1e999")]).replace(
        '"kpi": "N07403", "municipality": "2514", "period": 2019',
        '"kpi": "N07403", "municipality": "2514", "period": 2019, "title": "1e999"',
    )
    assert run_import(repo, text) == (1, "", refused_number("1e999", 10))


def test_a_key_figure_of_ordinary_size_is_read(repo: Path) -> None:
    text = kolada([(2019, "T", "1234567.25"), (2020, "T", "4.3e1")])
    code, _, stderr = run_import(repo, text)
    assert (code, stderr) == (0, "")
    rows = (repo / MEASURED).read_text(encoding="utf-8").splitlines()[1:]
    assert [row.split(",")[:3] for row in rows] == [
        ["2019-12-31", "inbrott", "1234567.25"],
        ["2020-12-31", "inbrott", "43"],
    ]


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        ("41", "38 och 41"),
        ("null", "38 och null"),
    ],
)
def test_two_values_for_one_year_are_refused(repo: Path, second: str, expected: str) -> None:
    text = kolada([(2019, "T", "38"), (2019, "K", "20"), (2019, "T", second)])
    assert run_import(repo, text) == (
        1,
        "",
        f"lofte: svar.json: två olika värden för 2019 (kommunkod 2514, kön T): {expected}. Det "
        "går inte att veta vilket som gäller; spara svaret från Kolada igen. Inget skrevs.\n",
    )
    assert not (repo / MEASURED).exists()


def test_the_same_value_twice_for_one_year_is_one_value(repo: Path) -> None:
    text = kolada([(2019, "T", "38"), (2019, "T", "38.0")])
    code, _, stderr = run_import(repo, text)
    assert (code, stderr) == (0, "")
    assert (repo / MEASURED).read_text(encoding="utf-8").count("\n") == 2


# --- numbers in promise files and measurement files ------------------------------------------


@pytest.mark.parametrize(
    "minimum",
    ["9" * 5000, "0x" + "f" * 5000, "0b" + "1" * 20000, "1" + ":59" * 3000, "1_" * 3000 + "1"],
    ids=["5000 siffror", "0x", "0b", "sexagesimalt", "understreck"],
)
def test_a_minimum_of_thousands_of_digits_is_e011_at_its_line(tmp_path: Path, minimum: str) -> None:
    text = MINIMAL_PROMISES.format(period=2019).replace("minst: 2\n", f"minst: {minimum}\n")
    write(tmp_path, "promises/2019.yaml", text)
    result = run_lofte("check", "--format", "json", cwd=tmp_path)
    found = json.loads(result.stdout)
    assert [(p["code"], p["line"]) for p in found] == [("E011", 16)]
    shown = f"'{minimum[:40]}… ({len(minimum)} tecken)'"
    assert shown in found[0]["message"]
    assert len(found[0]["message"]) < 300


def test_a_baseline_of_thousands_of_digits_is_e084(tmp_path: Path) -> None:
    write(
        tmp_path, "promises/2019-2020.yaml", PROMISES.replace("värde: 43", "värde: " + "4" * 5000)
    )
    result = run_lofte("check", "--format", "json", cwd=tmp_path)
    assert [(p["code"], p["line"]) for p in json.loads(result.stdout)] == [("E084", 18)]


@pytest.mark.parametrize("value", ["1e999999", "1" * 100_000, "1e99999999999"])
def test_a_measured_value_too_long_is_e081(repo: Path, value: str) -> None:
    write(
        repo,
        MEASURED,
        "datum,indikator,värde,källa,registrerad_av,registrerad\n"
        f"2019-12-31,inbrott,{value},Exempeldata,test,2020-01-02T10:00:00+01:00\n",
    )
    result = run_lofte("check", "--format", "json", cwd=repo, today="2021-06-30")
    assert [(p["code"], p["line"]) for p in json.loads(result.stdout)] == [("E081", 2)]


@pytest.mark.parametrize("format", ["tabell", "json", "csv"])
def test_a_count_of_thousands_of_digits_is_listed_as_its_text(tmp_path: Path, format: str) -> None:
    """`log lista --format json` raised past Python's 4,300-digit limit for int()."""
    count = "9" * 5000
    write(tmp_path, "promises/2019.yaml", MINIMAL_PROMISES.format(period=2019))
    write(
        tmp_path,
        "logs/2019.csv",
        "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad\n"
        f"2019-03-04,kontakt,{count},Torget,,,Exempeldata,test,2019-03-04T10:00:00+01:00\n",
    )
    result = run_lofte("log", "lista", "2019", "--format", format, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    if format == "json":
        assert json.loads(result.stdout)[0]["count"] == count
