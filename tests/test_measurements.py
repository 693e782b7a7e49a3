"""Measurements (logs/<period>.matningar.csv): check, log matning, status, rapport, oversikt."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from conftest import assert_golden, git, run_lofte, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PROMISES = """
kommun: Exempelby
lokalpolisområde: Exempelområdet
period: 2019
kolada: "2514"
aktivitetstyper:
  trygghetsvandring: Trygghetsvandring
områden:
  - namn: Mängdbrott
    lägesbild: "Exempeldata: bostadsinbrotten i centrum ökade under 2018."
    löften:
      - id: vandringar
        text: Minst två trygghetsvandringar.
        mål: {typ: trygghetsvandring, minst: 2}
    indikatorer:
      - id: inbrott
        namn: Anmälda bostadsinbrott
        källa: Brå, anmälda brott per kommun
        enhet: antal per år
        riktning: minska
        utgångsläge: {datum: 2018-12-31, värde: 43}
        mål: 35
  - namn: Trygghet
    löften:
      - id: kontakter
        text: Medborgarkontakter.
        mål: {typ: trygghetsvandring, löpande: true}
    indikatorer:
      - id: otrygghet
        namn: Andel som känner sig otrygga en kväll
        källa: https://example.org/exempeldata/trygghetsmatning
        enhet: procent
        riktning: minska
        utgångsläge: {datum: 2018-12-31, värde: "20,5"}
      - id: aldrig
        namn: Ännu inte mätt
        källa: Exempeldata
        enhet: antal
        riktning: öka
        utgångsläge: {datum: 2018-12-31, värde: 1}
"""

HEADER = "datum,indikator,värde,källa,registrerad_av,registrerad\n"
ROWS = (
    "2019-06-30,inbrott,38,Exempeldata: Brå,exempel,2019-07-01T09:00:00+02:00\n"
    '2019-09-30,otrygghet,"20,5",Exempeldata: enkät,exempel,2019-10-01T09:00:00+02:00\n'
    "2019-12-31,inbrott,36,Exempeldata: Brå,exempel,2020-01-02T09:00:00+01:00\n"
)
MEASURED = "logs/2019.matningar.csv"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(tmp_path, "promises/2019.yaml", PROMISES)
    (tmp_path / "logs").mkdir()
    (tmp_path / MEASURED).write_text(HEADER + ROWS, encoding="utf-8")
    return tmp_path


def _check(root: Path, today: str = "2019-12-31") -> tuple[int, str]:
    result = run_lofte("check", cwd=root, today=today)
    return result.exit_code, result.stdout + result.stderr


def test_a_valid_measurements_file_passes_check(repo: Path) -> None:
    assert _check(repo) == (0, "")


@pytest.mark.parametrize(
    ("row", "code"),
    [
        ("2019-03-01,inbrot,3,,,", "E080"),
        ("2019-03-01,inbrott,tre,,,", "E081"),
        ("2019-03-01,inbrott,,,,", "E081"),
        ("2019-03-01,,3,,,", "E087"),
        ("1/3/2019,inbrott,3,,,", "E021"),
        ("2020-01-01,inbrott,3,,,", "E022"),  # after the period (before it is history)
        ("2019-12-31,inbrott,3,,,", "E023"),
    ],
)
def test_a_bad_measurement_is_an_error_at_its_line(repo: Path, row: str, code: str) -> None:
    (repo / MEASURED).write_text(HEADER + ROWS + row + "\n", encoding="utf-8")
    exit_code, output = _check(repo, today="2019-12-30" if code == "E023" else "2019-12-31")
    assert exit_code == 1
    lines = [line for line in output.splitlines() if ": fel " in line]
    expected_line = 5
    if code == "E023":  # the last valid row is dated after that today as well
        assert f"{MEASURED}:4: fel E023" in output
    assert any(line.startswith(f"{MEASURED}:{expected_line}: fel {code}") for line in lines)


def test_unknown_indicator_suggests_the_known_one(repo: Path) -> None:
    (repo / MEASURED).write_text(HEADER + "2019-03-01,inbrot,3,,,\n", encoding="utf-8")
    assert _check(repo) == (
        1,
        f"{MEASURED}:2: fel E080: Okänd indikator 'inbrot' i mätningen. Kända indikatorer: "
        "inbrott, otrygghet, aldrig. Menade du 'inbrott'?\n1 fel i 1 fil.\n",
    )


def test_a_header_without_the_value_column_is_an_error(repo: Path) -> None:
    (repo / MEASURED).write_text("datum;indikator;källa\n2019-03-01;inbrott;x\n", encoding="utf-8")
    exit_code, output = _check(repo)
    assert exit_code == 1
    assert f"{MEASURED}:1: fel E020: Rubrikraden saknar kolumnen 'värde'." in output


def test_excel_dialects_read_alike(repo: Path) -> None:
    excel = HEADER.replace(",", ";") + ROWS.replace('"20,5"', "20,5").replace(",", ";")
    excel = excel.replace("20;5", "20,5")  # the decimal comma inside the cell
    (repo / MEASURED).write_bytes(b"\xef\xbb\xbf" + excel.replace("\n", "\r\n").encode())
    assert _check(repo) == (0, "")
    data = json.loads(run_lofte("status", "2019", "-f", "json", cwd=repo).stdout)
    assert [i["latest"] for i in data["indicators"]][:2] == [
        {"date": "2019-12-31", "value": 36},
        {"date": "2019-09-30", "value": 20.5},
    ]


def test_a_measurements_file_linked_out_of_the_repo_is_refused(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("utanfor") / "matningar.csv"
    outside.write_text(HEADER + ROWS, encoding="utf-8")
    (repo / MEASURED).unlink()
    os.symlink(outside, repo / MEASURED)
    exit_code, output = _check(repo)
    assert (exit_code, output) == (
        1,
        f"{MEASURED}: fel E002: Filen kan inte läsas: länken pekar utanför repot.\n"
        "1 fel i 1 fil.\n",
    )
    status = run_lofte("status", "2019", cwd=repo)
    assert status.exit_code == 1
    assert "länken pekar utanför repot" in status.stderr
    written = run_lofte("log", "matning", "inbrott", "30", "--datum", "2019-12-01", cwd=repo)
    assert written.exit_code == 1
    assert outside.read_text(encoding="utf-8") == HEADER + ROWS


def test_status_json_indicators(repo: Path) -> None:
    result = run_lofte("status", "2019", "--per", "2019-10-31", "-f", "json", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["indicators"] == [
        {
            "id": "inbrott",
            "name": "Anmälda bostadsinbrott",
            "unit": "antal per år",
            "direction": "minska",
            "baseline": {"date": "2018-12-31", "value": 43},
            "latest": {"date": "2019-06-30", "value": 38},
            "change": -5,
            "trend": "improved",
            "target": 35,
            "target_reached": False,
        },
        {
            "id": "otrygghet",
            "name": "Andel som känner sig otrygga en kväll",
            "unit": "procent",
            "direction": "minska",
            "baseline": {"date": "2018-12-31", "value": 20.5},
            "latest": {"date": "2019-09-30", "value": 20.5},
            "change": 0,
            "trend": "unchanged",
            "target": None,
            "target_reached": None,
        },
        {
            "id": "aldrig",
            "name": "Ännu inte mätt",
            "unit": "antal",
            "direction": "öka",
            "baseline": {"date": "2018-12-31", "value": 1},
            "latest": None,
            "change": None,
            "trend": "no_data",
            "target": None,
            "target_reached": None,
        },
    ]


def test_status_table_shows_indicators_per_area(repo: Path) -> None:
    result = run_lofte("status", "2019", "--per", "2019-12-31", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert_golden("status-indikatorer-2019-12-31.txt", result.stdout)


def test_status_markdown_shows_indicators(repo: Path) -> None:
    result = run_lofte("status", "2019", "--per", "2019-12-31", "-f", "markdown", cwd=repo)
    assert_golden("status-indikatorer-2019-12-31.md", result.stdout)


def test_detail_view_of_an_indicator_lists_every_measurement(repo: Path) -> None:
    result = run_lofte("status", "2019", "INBROTT", "--per", "2019-10-31", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert_golden("status-detalj-indikator-inbrott-2019-10-31.txt", result.stdout)


def test_detail_view_of_an_indicator_keeps_words_whole_at_80_columns(repo: Path) -> None:
    source = "Exempeldata: Polisens trygghetsmätning 2019"
    args = ("log", "matning", "otrygghet", "19", "--datum", "2019-11-30", "--kalla", source)
    assert run_lofte(*args, cwd=repo, today="2019-12-31").exit_code == 0
    result = run_lofte("status", "2019", "otrygghet", cwd=repo, today="2019-12-31", COLUMNS="80")
    assert result.exit_code == 0, result.stderr
    assert "trygghetsmätning" in result.stdout and "2019-11-30" in result.stdout


def test_detail_view_of_an_indicator_honours_format_json(repo: Path) -> None:
    result = run_lofte("status", "2019", "inbrott", "--per", "2019-10-31", "-f", "json", cwd=repo)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["kommun"] == "Exempelby" and data["as_of"] == "2019-10-31"
    assert data["period"] == {"name": "2019", "start": "2019-01-01", "end": "2019-12-31"}
    indicator = data["indicator"]
    assert indicator["id"] == "inbrott" and indicator["area"] == "Mängdbrott"
    assert indicator["latest"] == {"date": "2019-06-30", "value": 38}
    assert indicator["change"] == -5 and indicator["trend"] == "improved"
    assert indicator["source"] == "Brå, anmälda brott per kommun"
    assert data["measurements"] == [
        {
            "line": 2, "date": "2019-06-30", "value": 38, "change": -5,
            "source": "Exempeldata: Brå", "registered_by": "exempel",
            "registered": "2019-07-01T09:00:00+02:00",
        }
    ]  # fmt: skip
    assert [m["date"] for m in data["after_as_of"]] == ["2019-12-31"]


def test_an_unknown_id_names_promises_and_indicators(repo: Path) -> None:
    result = run_lofte("status", "2019", "inbrot", cwd=repo)
    assert result.exit_code == 1
    assert result.stderr == (
        "lofte: Okänt löfte eller indikator 'inbrot' i perioden 2019. Menade du 'inbrott'? "
        "Kända löften: vandringar, kontakter. Kända indikatorer: inbrott, otrygghet, aldrig.\n"
    )


def test_rejected_measurements_are_counted_in_the_status_warning(repo: Path) -> None:
    (repo / MEASURED).write_text(HEADER + ROWS + "2019-03-01,inbrot,x,,,\n", encoding="utf-8")
    result = run_lofte("status", "2019", cwd=repo)
    assert result.exit_code == 0
    assert "varning W004: Rader som inte kunde läsas lämnades utanför: 1 st." in result.stderr


# --- lofte log matning -----------------------------------------------------------------------


def test_log_matning_appends_a_row_and_tells_the_trend(repo: Path) -> None:
    result = run_lofte(
        "log",
        "matning",
        "Inbrott",
        "33,5",
        "--datum",
        "2019-12-31",
        "--kalla",
        "Exempeldata",
        cwd=repo,
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"Sparad: {MEASURED}:5\n"
        # the same date as row 4: the later row is the latest
        "Anmälda bostadsinbrott: senaste 33,5 (2019-12-31), utgångsläge 43 (2018-12-31), "
        "förändring -9,5 – ✔ förbättrad.\n"
    )
    last = (repo / MEASURED).read_text(encoding="utf-8").splitlines()[-1]
    assert last.startswith("2019-12-31,inbrott,33.5,Exempeldata,test,")


def test_log_matning_writes_the_header_of_a_new_file(small_repo: Path) -> None:
    write(small_repo, "promises/2019.yaml", PROMISES)
    result = run_lofte("log", "matning", "aldrig", "2", "--datum", "2019-05-01", cwd=small_repo)
    assert result.exit_code == 0, result.stderr
    lines = (small_repo / MEASURED).read_text(encoding="utf-8").splitlines()
    assert lines[0] == HEADER.strip()
    assert lines[1].startswith("2019-05-01,aldrig,2,,test,2")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("inbrot", "3"),
            "lofte: Okänd indikator 'inbrot' i perioden 2019. Menade du 'inbrott'? "
            "Kända indikatorer: inbrott, otrygghet, aldrig. Inget skrevs.\n",
        ),
        (
            ("inbrott", "tre"),
            "lofte: Värdet 'tre' är inget tal. Skriv till exempel 43 eller 12,5. Inget skrevs.\n",
        ),
        (
            ("inbrott", "3", "--datum", "2019-07-01"),
            "lofte: Datumet 2019-07-01 ligger i framtiden (idag är 2019-06-30). Inget skrevs.\n",
        ),
    ],
)
def test_log_matning_refuses_and_writes_nothing(
    repo: Path, args: tuple[str, ...], message: str
) -> None:
    before = (repo / MEASURED).read_bytes()
    result = run_lofte("log", "matning", *args, cwd=repo, today="2019-06-30")
    assert (result.exit_code, result.stderr) == (1, message)
    assert (repo / MEASURED).read_bytes() == before


def test_log_matning_refuses_a_header_without_the_column_it_would_fill(repo: Path) -> None:
    (repo / MEASURED).write_text("datum,indikator,värde\n", encoding="utf-8")
    result = run_lofte("log", "matning", "inbrott", "3", "--kalla", "Brå", cwd=repo)
    assert result.exit_code == 1
    assert "rubrikraden saknar kolumnen källa, registrerad_av, registrerad" in result.stderr
    assert (repo / MEASURED).read_text(encoding="utf-8") == "datum,indikator,värde\n"


# --- rapport and oversikt --------------------------------------------------------------------


def test_rapport_html_puts_the_lagesbild_above_the_promises_and_charts_each_indicator(
    repo: Path,
) -> None:
    result = run_lofte("rapport", "2019", "--per", "2019-12-31", "-f", "html", cwd=repo)
    assert result.exit_code == 0, result.stderr
    html = result.stdout
    area = html.index('<h2 id="omrade-1">')
    assert (
        area
        < html.index("Lägesbild:</strong> Exempeldata: bostadsinbrotten")
        < html.index('id="lofte-1-1"')
        < html.index('id="indikator-1-1"')
    )
    chart = html[html.index('id="indikator-1-1"') :]
    chart = chart[chart.index("<svg") : chart.index("</svg>")]
    assert 'role="img"' in chart
    assert (
        '<desc id="indikator-1-1-beskr">Utgångsläge 43 (31 december 2018). Mätningar: '
        "38 (30 juni 2019), 36 (31 december 2019). Mål 35. Senaste mot utgångsläget: -7, "
        "förbättrad.</desc>"
    ) in chart
    assert re.search(r">Mål</text><text [^>]*>35</text>", chart)
    assert re.search(r">Utgångsläge</text><text [^>]*>43</text>", chart)
    assert '<span aria-hidden="true">✔</span> förbättrad</span>' in html
    assert '<a href="https://example.org/exempeldata/trygghetsmatning">' in html


def test_rapport_markdown_lists_each_indicator(repo: Path) -> None:
    result = run_lofte("rapport", "2019", "--per", "2019-12-31", "-f", "markdown", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert_golden("rapport-indikatorer-2019-12-31.md", result.stdout)


def test_rapport_escapes_text_from_the_promise_file(repo: Path) -> None:
    text = PROMISES.replace("Anmälda bostadsinbrott", "<script>alert(1)</script>")
    write(repo, "promises/2019.yaml", text)
    result = run_lofte("rapport", "2019", "-f", "html", cwd=repo)
    assert "<script>" not in result.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.stdout


def test_oversikt_counts_indicators_per_kommun(repo: Path) -> None:
    result = run_lofte("oversikt", "--per", "2019-12-31", "-f", "json", cwd=repo)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    expected = {"improved": 1, "worsened": 0, "unchanged": 1, "no_data": 1}
    assert data["rows"][0]["indicators"] == expected
    assert data["indicator_totals"] == expected
    table = run_lofte("oversikt", "--per", "2019-12-31", cwd=repo).stdout
    assert table.splitlines()[-3:] == [
        " Kommun    ┃ Period ┃ Förbättrad ┃ Försämrad ┃ Oförändrad ┃ Ingen mätning ",
        "━━━━━━━━━━━╇━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━",
        " Exempelby │ 2019   │          1 │         0 │          1 │             1 ",
    ]


def test_loften_lists_indicators_and_their_baseline(repo: Path) -> None:
    data = json.loads(run_lofte("loften", "2019", "-f", "json", cwd=repo).stdout)
    assert data["kolada"] == "2514"
    assert data["indicators"][0] == {
        "id": "inbrott",
        "area": "Mängdbrott",
        "name": "Anmälda bostadsinbrott",
        "source": "Brå, anmälda brott per kommun",
        "unit": "antal per år",
        "direction": "minska",
        "baseline": {"date": "2018-12-31", "value": 43},
        "target": 35,
    }
    table = run_lofte("typer", "2019", cwd=repo).stdout
    assert f"Indikatorer (mätningar i {MEASURED})" in table
    assert "utgångsläge 20,5 (2018-12-31)" in table


# --- never a traceback -----------------------------------------------------------------------

_CELLS = st.sampled_from(
    [
        "2019-03-01",
        "2019-13-01",
        "2018-01-01",
        "inbrott",
        "INBROTT",
        "okänd",
        "12,5",
        "1.5",
        "-3",
        "x",
        "",
        '"',
        '"a,b"',
        "\x00",
        "é",
        "1 000",
        ";",
        "\r",
    ]
)


@given(
    st.lists(st.lists(_CELLS, min_size=0, max_size=7), max_size=6),
    st.sampled_from([",", ";"]),
    st.booleans(),
    st.text(max_size=20),
)
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_measurements_file_gives_exit_0_or_1_with_messages(
    repo: Path, rows: list[list[str]], delimiter: str, header: bool, tail: str
) -> None:
    text = HEADER.replace(",", delimiter) if header else ""
    text += "".join(delimiter.join(row) + "\n" for row in rows) + tail
    (repo / MEASURED).write_bytes(text.encode("utf-8", errors="surrogatepass"))
    check = run_lofte("check", cwd=repo)
    assert check.exit_code in (0, 1)
    if check.exit_code == 1:
        assert " fel E" in check.stdout + check.stderr
    status = run_lofte("status", "2019", "-f", "json", cwd=repo)
    assert status.exit_code in (0, 1)
    if status.exit_code == 1:
        assert status.stderr.startswith(("lofte:", MEASURED))
    else:
        assert json.loads(status.stdout)["indicators"]


def test_the_shipped_indicator_example_is_valid_and_judged() -> None:
    example = Path(__file__).resolve().parent.parent / "examples" / "indikatorer"
    assert run_lofte("check", cwd=example, today="2020-04-01").exit_code == 0
    result = run_lofte("status", "2019", "-f", "json", cwd=example, today="2020-04-01")
    assert [(i["id"], i["trend"]) for i in json.loads(result.stdout)["indicators"]] == [
        ("otrygghet-kvall", "improved"),
        ("anmalda-bostadsinbrott", "improved"),
    ]


def test_an_edited_measurement_fails_check_sedan(repo: Path, no_outer_git: None) -> None:
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Exempeldata")
    appended = HEADER + ROWS + "2019-12-30,otrygghet,19,Exempeldata,exempel,\n"
    (repo / MEASURED).write_text(appended, encoding="utf-8")
    assert run_lofte("check", "--sedan", "main", cwd=repo).exit_code == 0
    (repo / MEASURED).write_text(HEADER + ROWS.replace(",38,", ",30,"), encoding="utf-8")
    result = run_lofte("check", "--sedan", "main", cwd=repo)
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{MEASURED}:2: fel E030: ")


@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_bytes_as_a_measurements_file_give_exit_0_or_1(repo: Path, data: bytes) -> None:
    (repo / MEASURED).write_bytes(data)
    check = run_lofte("check", cwd=repo)
    assert check.exit_code in (0, 1)
    assert check.exit_code == 0 or " fel E" in check.stdout
    status = run_lofte("status", "2019", cwd=repo)
    assert status.exit_code in (0, 1)
    assert status.exit_code == 0 or status.stderr.startswith((MEASURED, "lofte:"))


def test_a_personnummer_in_the_source_is_a_warning(repo: Path) -> None:
    row = "2019-03-01,inbrott,3,Exempeldata: uppgift från 811218-9876,exempel,\n"
    (repo / MEASURED).write_text(HEADER + ROWS + row, encoding="utf-8")
    assert _check(repo) == (
        0,
        f"{MEASURED}:5: varning W001: Ser ut som ett personnummer i 'källa': "
        "personuppgifter hör inte hemma i loggen.\n1 varning i 1 fil.\n",
    )


def test_log_matning_refuses_a_personnummer_in_the_source(repo: Path) -> None:
    args = ("log", "matning", "inbrott", "3", "--datum", "2019-03-01", "--kalla", "811218-9876")
    result = run_lofte(*args, cwd=repo)
    assert result.exit_code == 1
    assert result.stderr == (
        "lofte: --kalla ser ut att innehålla ett personnummer; personuppgifter hör inte hemma "
        "i loggen. Inget skrevs. Är det inget personnummer: lägg till --inte-personnummer.\n"
    )
    assert (repo / MEASURED).read_text(encoding="utf-8") == HEADER + ROWS
    allowed = run_lofte(*args, "--inte-personnummer", cwd=repo)
    assert allowed.exit_code == 0, allowed.stderr


def test_indicators_survive_the_promise_cache(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The second run reads the promise file from the cache: lägesbild, indicators and the
    Kolada code must come back from it whole."""
    cache = str(tmp_path_factory.mktemp("cache"))
    first = run_lofte("loften", "2019", "-f", "json", cwd=repo, LOFTE_CACHE=cache)
    assert list(Path(cache).iterdir()), "the first run keeps what it read"
    second = run_lofte("loften", "2019", "-f", "json", cwd=repo, LOFTE_CACHE=cache)
    assert second.stdout == first.stdout
    data = json.loads(second.stdout)
    assert (data["kolada"], len(data["indicators"]), list(data["situations"])) == (
        "2514",
        3,
        ["Mängdbrott"],
    )
