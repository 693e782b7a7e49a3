"""A date after the latest period has ended: every writer says how to start the next period
(`lofte init --fran <latest>`), and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_lofte, write

PROMISES = """
kommun: Exempelby
lokalpolisområde: Exempelområdet
period: {period}
aktivitetstyper:
  trygghetsvandring: Trygghetsvandring
områden:
  - namn: Trygghet
    löften:
      - id: vandringar
        text: Minst två trygghetsvandringar.
        mål: {{typ: trygghetsvandring, minst: 2}}
    indikatorer:
      - id: inbrott
        namn: Anmälda bostadsinbrott
        källa: Exempeldata
        enhet: antal per år
        riktning: minska
        utgångsläge: {{datum: 2018-12-31, värde: 43}}
"""
HINT = (
    "lofte: Datumet 2020-05-12 ligger efter den senaste löftesperioden, 2019 "
    "(2019-01-01–2019-12-31), som har slutat. Börja nästa period med "
    "'lofte init --fran 2019{kommun}' (den får förra periodens löften att se över), och "
    "logga sedan igen. Inget skrevs.\n"
)
WRITERS = [
    ["log", "insats", "--typ", "trygghetsvandring"],
    ["log", "kommentar", "vandringar", "Exempeldata: en kommentar"],
    ["log", "matning", "inbrott", "38"],
]


@pytest.mark.parametrize("args", WRITERS)
def test_a_day_after_the_last_period_says_how_to_start_the_next(
    tmp_path: Path, args: list[str]
) -> None:
    write(tmp_path, "promises/2019.yaml", PROMISES.format(period=2019))
    result = run_lofte(*args, cwd=tmp_path, today="2020-05-12")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", HINT.format(kommun=""))
    assert not (tmp_path / "logs").exists()
    # and the command it names does start the next period, where the same logging works
    assert run_lofte("init", "--fran", "2019", cwd=tmp_path, today="2020-05-12").exit_code == 0
    again = run_lofte(*args, cwd=tmp_path, today="2020-05-12")
    assert again.exit_code == 0, again.stderr


def test_several_kommuner_name_the_kommun(tmp_path: Path) -> None:
    write(tmp_path, "promises/kalix/2019.yaml", PROMISES.format(period=2019))
    write(tmp_path, "promises/haparanda/2020.yaml", PROMISES.format(period=2020))
    args = ["log", "insats", "--typ", "trygghetsvandring", "--kommun", "kalix"]
    result = run_lofte(*args, cwd=tmp_path, today="2020-05-12")
    assert result.exit_code == 1
    assert result.stderr == HINT.format(kommun=" --kommun kalix")


def test_a_day_between_periods_still_lists_them(tmp_path: Path) -> None:
    write(tmp_path, "promises/2019.yaml", PROMISES.format(period=2019))
    write(tmp_path, "promises/2021.yaml", PROMISES.format(period=2021))
    args = ["log", "insats", "--typ", "trygghetsvandring", "--datum", "2020-05-12"]
    result = run_lofte(*args, cwd=tmp_path, today="2021-05-12")
    assert result.exit_code == 1
    assert "ligger inte i någon löftesperiod" in result.stderr


def test_import_names_the_next_period_for_each_late_row(tmp_path: Path) -> None:
    write(tmp_path, "promises/2019.yaml", PROMISES.format(period=2019))
    write(tmp_path, "insatser.csv", "Datum;Typ;Antal\n2020-01-05;trygghetsvandring;1\n")
    result = run_lofte("import", "insatser", "insatser.csv", cwd=tmp_path, today="2020-02-01")
    assert result.exit_code == 1
    output = result.stdout + result.stderr
    assert "insatser.csv rad 2: Datumet 2020-01-05 ligger efter den senaste löftesperioden" in (
        output
    )
    assert "'lofte init --fran 2019'" in output
    assert not (tmp_path / "logs/2019.csv").exists() or "2020-01-05" not in (
        tmp_path / "logs/2019.csv"
    ).read_text(encoding="utf-8")
