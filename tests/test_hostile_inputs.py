"""Hostile values in promise files and on the command line, tried on every command: never a
traceback (`run_lofte` lets exceptions through), never a raw control character or a CI
workflow command in the output. Each case below crashed or leaked before."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import run_lofte, write

PROMISES = """
kommun: {kommun}
period: {period}
aktivitetstyper:
  kontakt: Kontakt
områden:
  - namn: {area}
    löften:
      - id: {id}
        text: Minst en kontakt.
        mål: {target}
"""
DEFAULTS = {
    "kommun": "Exempelby",
    "period": "2019",
    "area": "Trygghet",
    "id": "a",
    "target": "{typ: kontakt, minst: 1, per: vecka}",
}
HEADER = "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad\n"
COMMANDS = [
    ("status",),
    ("status", "2019", "a", "--per", "9999-12-31"),
    ("status", "2019", "--per", "0001-01-01", "--format", "markdown"),
    ("status", "--format", "csv"),
    ("rapport", "2019", "--per", "9999-12-31", "--format", "html"),
    ("oversikt", "--per", "9999-12-31"),
    ("check", "--strikt", "--per", "0001-01-01"),
    ("check", "--format", "github"),
    ("loften",),
    ("log", "insats", "--typ", "kontakt", "--datum", "2019-03-05", "--plats", "a\x1b[8m\n::x"),
]
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
COMMAND_LINE = re.compile(r"^\s*(::|##\[)")
CASES = {
    "minst med 26 siffror": {
        "target": "{typ: kontakt, minst: 99999999999999999999999999, per: dygn}"
    },
    "minst oändligt": {"target": "{typ: kontakt, minst: 1e400}"},
    "period 0000": {"period": '"0000"'},
    "period 9999 per vecka": {"period": "{från: 2019-01-01, till: 9999-12-31}"},
    "en dag lång period": {"period": "{från: 2019-05-05, till: 2019-05-05}"},
    "kommun med radbrytning": {"kommun": '"Kalix\\n::error::x\\e]0;titel\\a"'},
    "område med styrtecken": {"area": '"A\\e[8m\\u202eB\\n##[error]c"'},
    "id med ESC": {"id": '"a\\eb"'},
    "id som tal": {"id": "123"},
    "typ som mappning": {"target": "{typ: {a: b}, minst: 1}"},
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_hostile_promise_values_on_every_command(tmp_path: Path, case: str) -> None:
    write(tmp_path, "promises/2019.yaml", PROMISES.format(**{**DEFAULTS, **CASES[case]}))
    write(tmp_path, "logs/2019.csv", HEADER + "2019-03-04,kontakt,5,,,,,,\n")
    for args in COMMANDS:
        result = run_lofte(*args, cwd=tmp_path)
        assert result.exit_code in (0, 1, 3), (args, result.stderr)
        for text in (result.stdout.replace("\ufeff", ""), result.stderr):
            assert not RAW.search(text), (args, text)
            lines = text.split("\n") if "github" not in args else []
            assert not [line for line in lines if COMMAND_LINE.match(line)], (args, text)


def test_a_minimum_past_nine_digits_is_refused(tmp_path: Path) -> None:
    target = "{typ: kontakt, minst: 1000000000}"
    write(tmp_path, "promises/2019.yaml", PROMISES.format(**{**DEFAULTS, "target": target}))
    result = run_lofte("check", cwd=tmp_path)
    assert result.stdout.splitlines()[0] == (
        "promises/2019.yaml:10:36: fel E011: 'minst' ska vara ett positivt heltal, inte "
        "'1000000000'. Högst 999 999 999."
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("init", "/dev/null/x", "--kommun", "K"), "lofte: Kan inte öppna promises/"),
        (("init", "ny", "--kommun", "K", "--period", "0000"), "lofte: --period: '0000' ligger "),
        (("init", "ny", "--kommun", "K", "--period", "2019-9999"), "lofte: --period: '2019-9999'"),
    ],
)
def test_init_refuses_what_it_cannot_write(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    result = run_lofte(*args, cwd=tmp_path)
    assert result.exit_code in (1, 2)
    assert result.stderr.startswith(message)
    assert not (tmp_path / "ny").exists()
