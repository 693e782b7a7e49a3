"""`lofte import kolada`: a saved Kolada API v2 response to measurements dated 31 December."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_lofte, write

from medborgarlofte.core.problems import LofteError
from medborgarlofte.load.kolada import KoladaValue, parse_kolada

FIXTURE = Path(__file__).resolve().parent / "kolada" / "exempel-n07403.json"
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
        källa: Kolada N07403
        enhet: antal per 100 000 invånare
        riktning: minska
        utgångsläge: {datum: 2018-12-31, värde: 43}
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(tmp_path, "promises/2019-2020.yaml", PROMISES)
    return tmp_path


def _import(root: Path, *args: str, today: str = "2021-06-30") -> tuple[int, str, str]:
    result = run_lofte(
        "import", "kolada", str(FIXTURE), "--indikator", "inbrott", *args, cwd=root, today=today
    )
    return result.exit_code, result.stdout, result.stderr


def _rows(root: Path) -> list[list[str]]:
    lines = (root / MEASURED).read_text(encoding="utf-8").splitlines()
    return [line.split(",")[:3] for line in lines[1:]]


def test_parse_keeps_every_kommun_year_and_gender_exactly() -> None:
    values = parse_kolada(FIXTURE.read_text(encoding="utf-8"), "fil.json")
    assert len(values) == 10
    assert values[5] == KoladaValue("N07403", "2514", 2019, "M", None)
    assert str(values[6].value) == "38.5"
    assert values[-1].municipality == "2584"


def test_first_import_adds_the_kommuns_total_for_years_in_the_period(repo: Path) -> None:
    """Years before the period are kept as its history; a year after it is not."""
    assert _import(repo) == (
        0,
        f"Inläst i {MEASURED} från rad 2: 3 värden (2017, 2018, 2019).\n"
        "Inget värde i Kolada (null), hoppades över: 2020.\n"
        "Utanför perioden (2019-2020), hoppades över: 2021.\n"
        "Kommunkod 2514, totalt: 3 nya mätningar.\n",
        "",
    )
    assert _rows(repo) == [
        ["2017-12-31", "inbrott", "51"],
        ["2018-12-31", "inbrott", "43"],
        ["2019-12-31", "inbrott", "38.5"],
    ]
    line = (repo / MEASURED).read_text(encoding="utf-8").splitlines()[3]
    assert '"Kolada N07403, totalt",test,' in line


def test_importing_twice_adds_nothing(repo: Path) -> None:
    _import(repo)
    before = (repo / MEASURED).read_bytes()
    exit_code, stdout, _ = _import(repo)
    assert exit_code == 0
    assert "Fanns redan: 2017, 2018, 2019.\n" in stdout
    assert stdout.endswith("Kommunkod 2514, totalt: inga nya mätningar.\n")
    assert (repo / MEASURED).read_bytes() == before


def test_a_measurement_already_on_31_december_is_kept(repo: Path) -> None:
    run_lofte(
        "log", "matning", "inbrott", "40", "--datum", "2019-12-31", cwd=repo, today="2020-01-10"
    )
    exit_code, stdout, _ = _import(repo)
    assert exit_code == 0 and "Fanns redan: 2019." in stdout
    assert [r for r in _rows(repo) if r[0] == "2019-12-31"] == [["2019-12-31", "inbrott", "40"]]


def test_gender_rows_are_chosen_with_kon(repo: Path) -> None:
    exit_code, stdout, _ = _import(repo, "--kon", "k")
    assert exit_code == 0
    assert stdout.endswith("Kommunkod 2514, kvinnor: 2 nya mätningar.\n")
    assert _rows(repo)[-1] == ["2019-12-31", "inbrott", "17.5"]
    exit_code, stdout, _ = _import(repo, "--kon", "M")
    assert "Inget värde i Kolada (null), hoppades över: 2019." in stdout


def test_kommunkod_picks_another_kommun(repo: Path) -> None:
    exit_code, stdout, _ = _import(repo, "--kommunkod", "2584")
    assert exit_code == 0
    assert _rows(repo) == [["2020-12-31", "inbrott", "812.25"]]


def test_a_year_whose_end_has_not_come_is_skipped(repo: Path) -> None:
    exit_code, stdout, _ = _import(repo, "--kommunkod", "2584", today="2020-12-30")
    assert exit_code == 0
    assert "Årets slut har inte kommit, hoppades över: 2020." in stdout
    assert not (repo / MEASURED).exists()


def test_no_kolada_code_is_a_clear_error(tmp_path: Path) -> None:
    write(tmp_path, "promises/2019-2020.yaml", PROMISES.replace('kolada: "2514"\n', ""))
    exit_code, stdout, stderr = _import(tmp_path)
    assert exit_code == 1
    assert stderr == (
        'lofte: Kommunens kod i Kolada saknas: skriv till exempel kolada: "2514" överst i '
        "promises/2019-2020.yaml, eller ange --kommunkod. Inget skrevs.\n"
    )


def test_a_kommun_not_in_the_file_is_refused(repo: Path) -> None:
    exit_code, _, stderr = _import(repo, "--kommunkod", "0180")
    assert exit_code == 1
    assert stderr == (
        f"lofte: {FIXTURE}: inga värden för kommunkod 0180 (filen har 2514, 2584). Inget skrevs.\n"
    )


def test_an_unknown_indicator_is_refused_with_a_suggestion(repo: Path) -> None:
    result = run_lofte("import", "kolada", str(FIXTURE), "--indikator", "inbrot", cwd=repo)
    assert result.exit_code == 1
    assert "Okänd indikator 'inbrot' i perioden 2019-2020. Menade du 'inbrott'?" in result.stderr
    assert not (repo / MEASURED).exists()


def test_a_bad_gender_is_a_usage_error(repo: Path) -> None:
    exit_code, _, stderr = _import(repo, "--kon", "X")
    assert (exit_code, stderr) == (2, "lofte: --kon ska vara T, K eller M, inte 'X'.\n")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("inte json", "ogiltig JSON"),
        ("[1, 2]", "listan 'values' saknas på översta nivån"),
        ('{"values": [1]}', "post 1 i 'values' är inget objekt"),
        (
            '{"values": [{"kpi": "N1", "municipality": "2514", "values": []}]}',
            "post 1 i 'values' har ingen period",
        ),
        (
            '{"values": [{"kpi": "N1", "municipality": "2514", "period": 2019,'
            ' "values": [{"gender": "X", "value": 1}]}]}',
            "post 1 i 'values' har ett värde utan 'gender' T, K eller M",
        ),
        (
            '{"values": [{"kpi": "N1", "municipality": "2514", "period": 2019,'
            ' "values": [{"gender": "T", "value": "1"}]}]}',
            "post 1 i 'values' har ett värde som inte är ett tal",
        ),
        (
            '{"values": [{"kpi": "N1", "municipality": "2514", "period": 2019,'
            ' "values": [{"gender": "T", "value": NaN}]}]}',
            "ogiltig JSON",
        ),
        ("[" * 100_000, "ogiltig JSON"),
        (
            '{"values": [{"kpi": "N1", "municipality": "2514", "period": 2019,'
            ' "values": [{"gender": "T", "value": 1e20}]}]}',
            "post 1 i 'values' har ett värde som inte är ett tal",
        ),
    ],
)
def test_a_file_of_another_shape_is_refused(text: str, why: str) -> None:
    with pytest.raises(LofteError) as refused:
        parse_kolada(text, "fil.json")
    assert refused.value.message.startswith(
        f"fil.json är inget sparat svar från Koladas API v2 ({why}"
    )
    assert refused.value.message.endswith("Inget skrevs.")


def test_a_refused_file_writes_nothing(repo: Path, tmp_path: Path) -> None:
    bad = tmp_path / "svar.json"
    bad.write_text('{"rows": []}', encoding="utf-8")
    result = run_lofte("import", "kolada", str(bad), "--indikator", "inbrott", cwd=repo)
    assert result.exit_code == 1
    assert "listan 'values' saknas på översta nivån" in result.stderr
    assert not (repo / MEASURED).exists()
    missing = run_lofte("import", "kolada", "finns-inte.json", "--indikator", "inbrott", cwd=repo)
    assert (missing.exit_code, missing.stderr) == (
        1,
        "lofte: Filen finns-inte.json finns inte (eller är ingen vanlig fil). Inget skrevs.\n",
    )


def test_a_file_with_several_key_figures_is_refused(repo: Path, tmp_path: Path) -> None:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data["values"][2]["kpi"] = "N07404"
    two = tmp_path / "tva.json"
    two.write_text(json.dumps(data), encoding="utf-8")
    result = run_lofte("import", "kolada", str(two), "--indikator", "inbrott", cwd=repo)
    assert result.exit_code == 1
    assert "har flera nyckeltal (N07403, N07404)" in result.stderr
    assert not (repo / MEASURED).exists()


def test_imported_values_are_judged_by_status(repo: Path) -> None:
    _import(repo)
    result = run_lofte("status", "2019-2020", "-f", "json", cwd=repo, today="2021-06-30")
    indicator = json.loads(result.stdout)["indicators"][0]
    assert (indicator["latest"], indicator["change"], indicator["trend"]) == (
        {"date": "2019-12-31", "value": 38.5},
        -4.5,
        "improved",
    )
