"""Privacy errs on the safe side (docs/garantier.md): a personnummer or samordningsnummer in
any option of any writer is refused without being echoed, and `check` warns (W001) in every
file, whatever the check digit and with `-`, `+`, one space or nothing before the last four."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_lofte, write

PROMISES = """
kommun: Exempelby
lokalpolisområde: Exempelområdet
period: 2019
aktivitetstyper:
  trygghetsvandring: Trygghetsvandring
områden:
  - namn: Trygghet
    löften:
      - id: vandringar
        text: Minst två trygghetsvandringar.
        mål: {typ: trygghetsvandring, minst: 2}
    indikatorer:
      - id: inbrott
        namn: Anmälda bostadsinbrott
        källa: Exempeldata
        enhet: antal per år
        riktning: minska
        utgångsläge: {datum: 2018-12-31, värde: 43}
"""
LOG = (
    "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad\n"
    "2019-03-01,trygghetsvandring,1,Exempeldata,kommun,,,anna,2019-03-01T20:00:00+01:00\n"
)
COMMENTS = (
    "datum,löfte,kommentar,registrerad_av,registrerad\n"
    "2019-04-02,vandringar,Exempeldata,anna,2019-04-02T09:00:00+02:00\n"
)
MEASUREMENTS = (
    "datum,indikator,värde,källa,registrerad_av,registrerad\n"
    "2019-03-31,inbrott,38,Exempeldata,anna,2019-04-01T09:00:00+02:00\n"
)
# The forms a user typed, all saved before: only the first has a valid check digit.
NUMBERS = ["ungdom 900312 4410", "900312-4417", "19900312-4417", "9003124417", "900372+4417"]
TODAY = "2019-06-30"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(tmp_path, "promises/2019.yaml", PROMISES)
    write(tmp_path, "logs/2019.csv", LOG)
    write(tmp_path, "logs/2019.kommentarer.csv", COMMENTS)
    write(tmp_path, "logs/2019.matningar.csv", MEASUREMENTS)
    return tmp_path


def files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "logs").iterdir())}


def writers(number: str) -> list[tuple[str, list[str]]]:
    """(the option named in the refusal, the command) for every free-text option."""
    insats = ["log", "insats", "--typ", "trygghetsvandring", "--datum", "2019-03-02"]
    return [
        ("--plats", [*insats, "--plats", number]),
        ("--beskrivning", [*insats, "--beskrivning", number]),
        ("--tagg", [*insats, "--tagg", number]),
        ("--av", [*insats, "--av", number]),
        ("TEXT", ["log", "kommentar", "vandringar", number]),
        ("--av", ["log", "kommentar", "vandringar", "text", "--av", number]),
        ("--kalla", ["log", "matning", "inbrott", "3", "--kalla", number]),
        ("--av", ["log", "matning", "inbrott", "3", "--av", number]),
        ("--skal", ["log", "stryk", "2", "--skal", number]),
        ("--av", ["log", "stryk", "2", "--skal", "x", "--av", number]),
        ("--skal", ["log", "ratta", "2", "--antal", "2", "--skal", number]),
        ("--beskrivning", ["log", "ratta", "2", "--beskrivning", number, "--skal", "x"]),
        ("--skal", ["log", "radera", "2", "--skal", number]),
        ("--skal", ["log", "stryk", "--matning", "2", "--skal", number]),
        ("--skal", ["log", "angra", "2", "--skal", number]),
    ]


@pytest.mark.parametrize("number", NUMBERS)
def test_every_writer_refuses_every_form_and_never_echoes_it(repo: Path, number: str) -> None:
    digits = "".join(c for c in number if c.isdigit())
    for option, args in writers(number):
        before = files(repo)
        result = run_lofte(*args, cwd=repo, today=TODAY)
        assert result.exit_code == 1, (args, result.stdout, result.stderr)
        assert f"{option} ser ut att innehålla ett " in result.stderr, args
        output = result.stdout + result.stderr
        assert digits[-4:] not in output and digits[:6] not in output, args
        assert files(repo) == before, args


def test_inte_personnummer_lets_a_known_non_number_through(repo: Path) -> None:
    args = ["log", "insats", "--typ", "trygghetsvandring", "--datum", "2019-03-02"]
    allowed = [*args, "--beskrivning", "ärende 900312-4417", "--inte-personnummer"]
    assert run_lofte(*allowed, cwd=repo, today=TODAY).exit_code == 0
    source = ["log", "matning", "inbrott", "3", "--kalla", "ärende 900312-4417"]
    assert run_lofte(*source, "--inte-personnummer", cwd=repo, today=TODAY).exit_code == 0


@pytest.mark.parametrize(
    "text", ["070-123 45 67", "0923-123 45", "+46 70 123 45 67", "952 31 Kalix, Storgatan 12"]
)
def test_what_is_not_a_personnummer_is_logged(repo: Path, text: str) -> None:
    args = ["log", "insats", "--typ", "trygghetsvandring", "--datum", "2019-03-02"]
    result = run_lofte(*args, "--plats", text, "--tyst", cwd=repo, today=TODAY)
    assert result.exit_code == 0, result.stderr


def test_check_warns_in_every_file_whatever_the_check_digit(repo: Path) -> None:
    log = LOG + (
        "2019-03-02,trygghetsvandring,1,900312 4417,kommun,,,anna,2019-03-02T20:00:00+01:00\n"
        "2019-03-03,trygghetsvandring,1,,kommun,,,9003124417,2019-03-03T20:00:00+01:00\n"
    )
    write(repo, "logs/2019.csv", log)
    comment = "2019-04-03,vandringar,ungdom 19900312-4417,bo,2019-04-03T09:00:00+02:00\n"
    write(repo, "logs/2019.kommentarer.csv", COMMENTS + comment)
    measurement = "2019-04-30,inbrott,37,900312+4417,900312-4417,2019-05-01T09:00:00+02:00\n"
    write(repo, "logs/2019.matningar.csv", MEASUREMENTS + measurement)
    write(
        repo,
        "logs/2019.rattelser.csv",
        "åtgärd,rad,ny_rad,skäl,registrerad_av,registrerad\n"
        "stryk,0123456789,,gällde 900312 4417,900372-4417,2019-04-06T10:00:00+02:00\n",
    )
    result = run_lofte("check", cwd=repo, today=TODAY)
    warnings = [line for line in result.stdout.splitlines() if " W001: " in line]
    places = [line.split(": varning")[0] + " " + line.split("'")[1] for line in warnings]
    assert places == [
        "logs/2019.csv:3 plats",
        "logs/2019.csv:4 registrerad_av",
        "logs/2019.kommentarer.csv:3 kommentar",
        "logs/2019.matningar.csv:3 källa",
        "logs/2019.matningar.csv:3 registrerad_av",
        "logs/2019.rattelser.csv:2 skäl",
        "logs/2019.rattelser.csv:2 registrerad_av",
    ]
    assert "4417" not in result.stdout
    assert "samordningsnummer i 'registrerad_av'" in warnings[-1]
