"""`lofte check` as a command: the shipped repo passes, formats, exit codes, privacy warnings."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import MINIMAL_PROMISES, PROJECT, run_lofte, write

from medborgarlofte.cli.check import render_github
from medborgarlofte.core.problems import Problem, Severity, problem

HEADER = "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad\n"


def test_the_shipped_repo_passes_silently() -> None:
    result = run_lofte("check", cwd=PROJECT, today="2020-01-15")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    as_json = run_lofte("check", "--format", "json", cwd=PROJECT, today="2020-01-15")
    assert (as_json.exit_code, as_json.stdout) == (0, "[]\n")


def test_strict_exits_3_when_a_promise_is_missed_and_the_data_is_valid() -> None:
    on_track = run_lofte("check", "--strikt", "--per", "2019-06-30", cwd=PROJECT)
    assert (on_track.exit_code, on_track.stdout) == (0, "")
    missed = run_lofte("check", "--strikt", "--per", "2019-12-31", cwd=PROJECT)
    assert missed.exit_code == 3
    assert missed.stdout == (
        "promises/2019.yaml:73: varning S002: Löftet 'Insatser mot narkotikamissbruk'"
        " (narkotikainsatser) är inte uppfyllt per 2019-12-31: 1 utfört, 2 krävs för perioden.\n"
        "1 löfte efter plan eller ej uppfyllt i 1 fil.\n"
    )


def test_strict_with_invalid_data_exits_1_and_judges_nothing(example_repo: Path) -> None:
    with (example_repo / "logs/2019.csv").open("a", encoding="utf-8") as log:
        log.write("2019-13-01,hundsök,1,,,,Exempeldata,exempel,\n")
    result = run_lofte("check", "--strikt", "--per", "2019-12-31", cwd=example_repo)
    assert result.exit_code == 1
    assert "S002" not in result.stdout and "E021" in result.stdout


def test_usage_mistakes_exit_2(small_repo: Path) -> None:
    bad_date = run_lofte("check", "--strikt", "--per", "30/6", cwd=small_repo)
    assert bad_date.exit_code == 2
    assert bad_date.stderr == (
        "lofte: --per: '30/6' är inget giltigt datum. Skriv ÅÅÅÅ-MM-DD, idag, igår, förrgår, "
        "en veckodag (måndag … söndag) eller -N (N dagar sedan).\n"
    )
    assert run_lofte("check", "--format", "xml", cwd=small_repo).exit_code == 2
    # An unknown kommun is refused as by every command: exit 1 (tests/test_kommun_rule.py).
    kommun = run_lofte("check", "--kommun", "Annanby", cwd=small_repo)
    assert kommun.exit_code == 1
    assert kommun.stderr == "lofte: Okänd kommun 'Annanby'. Repot gäller Exempelby.\n"
    assert run_lofte("check", "--kommun", "exempelby", cwd=small_repo).exit_code == 0


def test_personnummer_in_a_log_cell_warns_and_ordinary_numbers_do_not(small_repo: Path) -> None:
    # Example data; 811218-9876 and 19701063-2391 are the tax agency's test numbers.
    write(
        small_repo,
        "logs/2019.csv",
        HEADER
        + "2019-03-01,kontakt,1,Torget,,,Exempeldata: ringde 070-123 45 67,exempel,\n"
        + "2019-03-02,kontakt,1,Torget,,,Exempeldata: ärende 1234567890 den 2019-03-02,x,\n"
        + "2019-03-03,kontakt,1,Torget,,,Exempeldata: fel kontrollsiffra 811218-9875,x,\n"
        + '2019-03-04,kontakt,1,Torget,,,"Exempeldata: postnr 952 31, kvot 0,8112189876",x,\n'
        + "2019-03-05,kontakt,1,Torget 811218-9876,,,Exempeldata,exempel,\n"
        + "2019-03-06,kontakt,1,Torget,,,Exempeldata,19701063-2391,\n",
    )
    result = run_lofte("check", cwd=small_repo, today="2019-06-30")
    assert result.exit_code == 0
    assert result.stdout == (
        # A mistyped check digit is still a person's number (docs/garantier.md).
        "logs/2019.csv:4: varning W001: Ser ut som ett personnummer i 'beskrivning':"
        " personuppgifter hör inte hemma i loggen.\n"
        "logs/2019.csv:6: varning W001: Ser ut som ett personnummer i 'plats':"
        " personuppgifter hör inte hemma i loggen.\n"
        "logs/2019.csv:7: varning W001: Ser ut som ett samordningsnummer i 'registrerad_av':"
        " personuppgifter hör inte hemma i loggen.\n"
        "3 varningar i 1 fil.\n"
    )
    assert "9876" not in result.stdout  # the warning never repeats the number


ANNOTATION = re.compile(
    r"^::(error|warning) file=[^,:\r\n]+(,line=\d+(,col=\d+)?)?,title=[A-Z]\d{3}::[^\r\n]*$"
)


def test_github_format_is_one_valid_annotation_per_problem(tmp_path: Path) -> None:
    write(tmp_path, "promises/2019.yaml", "kommun: Exempelby\nperiod: 20x9\n")
    write(tmp_path, "logs/2018.csv", HEADER + "2018-01-01,x,1,=1+1,,,Exempeldata,x,\n")
    result = run_lofte("check", "--format", "github", cwd=tmp_path, today="2019-06-30")
    assert result.exit_code == 1
    *annotations, summary = result.stdout.splitlines()
    assert summary == "4 fel, 1 varning i 2 filer."
    assert all(ANNOTATION.match(line) for line in annotations), annotations
    assert annotations[0] == (
        "::error file=logs/2018.csv,title=E031::Loggen saknar löftesfil: förväntade"
        " promises/2018.yaml. Är loggen felstavad? promises/2019.yaml finns."
    )
    assert annotations[1] == (
        "::warning file=logs/2018.csv,line=2,title=W002::Cellen i 'plats' börjar med '='"
        " och kan tolkas som formel i Excel."
    )
    assert annotations[2].startswith("::error file=promises/2019.yaml,line=1,col=1,title=E005::")


def test_github_annotations_escape_what_github_reads_as_syntax() -> None:
    found = Problem("logs/a,b:c.csv", 3, None, "E021", Severity.ERROR, "100% fel\r\nrad två")
    assert render_github([found]) == (
        "::error file=logs/a%2Cb%3Ac.csv,line=3,title=E021::100%25 fel%0D%0Arad två\n"
    )


def test_github_paths_are_relative_to_the_workspace(tmp_path: Path) -> None:
    root = tmp_path / "loften"
    write(root, "promises/2019.yaml", "kommun: Exempelby\n")
    result = run_lofte(
        "check", "-f", "github", cwd=root, today="2019-06-30", GITHUB_WORKSPACE=str(tmp_path)
    )
    assert result.stdout.startswith("::error file=loften/promises/2019.yaml,line=1,col=1,")


def test_json_is_the_problem_list() -> None:
    found = problem("W003", "logs/2019.csv", 4, first_line=2)
    assert found.to_dict() == {
        "path": "logs/2019.csv",
        "line": 4,
        "column": None,
        "code": "W003",
        "severity": "warning",
        "message": "Raden är en exakt kopia av rad 2.",
    }
    result = run_lofte("check", "-f", "json", cwd=PROJECT / "tests/errors/W003", today="2019-06-30")
    assert json.loads(result.stdout) == [found.to_dict()]


def test_kommun_limits_the_check_to_one_kommun(tmp_path: Path) -> None:
    for kommun in ("kalix", "haparanda"):
        write(
            tmp_path, f"promises/{kommun}/2019.yaml", (PROJECT / "promises/2019.yaml").read_text()
        )
    write(tmp_path, "logs/haparanda/2019.csv", HEADER + "2019-01-01,okänd,1,,,,Exempeldata,x,\n")
    assert run_lofte("check", "--kommun", "kalix", cwd=tmp_path).exit_code == 0
    other = run_lofte("check", "--kommun", "haparanda", cwd=tmp_path)
    assert other.exit_code == 1
    assert other.stdout.startswith("logs/haparanda/2019.csv:2: fel E024: ")
    unknown = run_lofte("check", "--kommun", "lulea", cwd=tmp_path)
    assert unknown.exit_code == 1
    assert "Okänd kommun 'lulea'" in unknown.stderr


def test_a_row_outside_its_period_is_pointed_to_the_log_it_belongs_in(tmp_path: Path) -> None:
    for period in (2018, 2019):
        write(tmp_path, f"promises/{period}.yaml", MINIMAL_PROMISES.format(period=period))
    write(tmp_path, "logs/2019.csv", HEADER + "2018-12-30,kontakt,1,,,,Exempeldata,x,\n")
    result = run_lofte("check", cwd=tmp_path, today="2019-06-30")
    assert result.stdout == (
        "logs/2019.csv:2: fel E022: Datumet 2018-12-30 ligger utanför perioden 2019"
        " (2019-01-01–2019-12-31). Raden hör hemma i logs/2018.csv.\n"
        "1 fel i 1 fil.\n"
    )
