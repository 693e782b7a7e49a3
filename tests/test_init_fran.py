"""`lofte init --fran PERIOD`: the yearly renewal, a new period from the last one's promises."""

from __future__ import annotations

import textwrap
from pathlib import Path

from conftest import run_lofte, write

from medborgarlofte.write.renewal import renewed_text

OLD = """
# Löften för Exempelby (exempeldata)
kommun: Exempelby
lokalpolisområde: Exempelområdet
period: {from: 2019-01-01, till: 2019-12-31}
undertecknat: 2019-01-20
undertecknare:
  - Exempel Exempelsson, kommunstyrelsens ordförande
  - Exempla Exempelsdotter, lokalpolisområdeschef
källa: https://example.org/loften-2019
aktivitetstyper:
  trygghetsvandring: Trygghetsvandring  # med grannsamverkan
deltagare:
  grannsamverkan: Grannsamverkan
områden:
  - namn: Trygghet
    ansvar: [polis, kommun]
    löften:
      - id: vandringar
        text: Minst två trygghetsvandringar.
        mål:
          typ: trygghetsvandring
          minst: 2
          deltagare: [grannsamverkan]
""".replace("from:", "från:")


def test_a_new_period_copies_the_promises_and_drops_the_old_signing(tmp_path: Path) -> None:
    write(tmp_path, "promises/2019.yaml", OLD)
    write(tmp_path, "logs/2019.csv", "datum,typ\n2019-03-01,trygghetsvandring\n")
    result = run_lofte("init", "--fran", "2019", cwd=tmp_path, today="2019-12-20")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:3] == [
        "Ny period 2020 för Exempelby, med löftena från promises/2019.yaml:",
        "  skapad       promises/2020.yaml",
        "  skapad       logs/2020.csv",
    ]
    new = (tmp_path / "promises/2020.yaml").read_text(encoding="utf-8")
    expected = textwrap.dedent(OLD).lstrip("\n")
    expected = expected.replace("{från: 2019-01-01, till: 2019-12-31}", "2020")
    signing = "förra periodens ({}) är borttaget; fyll i när de nya löftena är undertecknade"
    old_name = "2019"
    expected = expected.replace(
        "undertecknat: 2019-01-20\n", f"# undertecknat: {signing.format(old_name)}\n"
    )
    expected = expected.replace(
        "undertecknare:\n  - Exempel Exempelsson, kommunstyrelsens ordförande\n"
        "  - Exempla Exempelsdotter, lokalpolisområdeschef\n",
        f"# undertecknare: {signing.format(old_name)}\n",
    )
    expected = expected.replace(
        "källa: https://example.org/loften-2019\n", f"# källa: {signing.format(old_name)}\n"
    )
    assert new == expected
    assert (tmp_path / "logs/2020.csv").read_text(encoding="utf-8") == (
        "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad\n"
    )
    check = run_lofte("check", cwd=tmp_path, today="2019-12-20")
    assert (check.exit_code, check.stdout) == (0, "")
    status = run_lofte("status", "2020", "--format", "json", cwd=tmp_path, today="2019-12-20")
    assert '"start": "2020-01-01"' in status.stdout and '"done": 0' in status.stdout


def test_a_multi_year_period_is_followed_by_one_as_long(tmp_path: Path) -> None:
    write(
        tmp_path,
        "promises/kalix/2020-2021.yaml",
        OLD.replace("{från: 2019-01-01, till: 2019-12-31}", '"2020-2021"'),
    )
    write(
        tmp_path,
        "promises/haparanda/2020.yaml",
        OLD.replace("{från: 2019-01-01, till: 2019-12-31}", "2020").replace(
            "Exempelby", "Haparanda"
        ),
    )
    result = run_lofte(
        "init", "--fran", "2020", "--kommun", "kalix", cwd=tmp_path, today="2021-12-20"
    )
    assert result.exit_code == 0, result.stderr
    new = (tmp_path / "promises/kalix/2022-2023.yaml").read_text(encoding="utf-8")
    assert 'period: "2022-2023"\n' in new
    assert (tmp_path / "logs/kalix/2022-2023.csv").exists()


def test_renewal_refuses_an_existing_or_overlapping_period(tmp_path: Path) -> None:
    write(tmp_path, "promises/2019.yaml", OLD)
    assert run_lofte("init", "--fran", "2019", cwd=tmp_path).exit_code == 0
    again = run_lofte("init", "--fran", "2019", cwd=tmp_path)
    assert again.exit_code == 1 and "promises/2020.yaml finns redan" in again.stderr
    overlap = run_lofte("init", "--fran", "2019", "--period", "2019-2020", cwd=tmp_path)
    assert overlap.exit_code == 1 and "överlappar promises/2019.yaml" in overlap.stderr
    unknown = run_lofte("init", "--fran", "2017", cwd=tmp_path)
    assert unknown.exit_code == 1


def test_utom_dates_move_by_whole_years() -> None:
    text = textwrap.dedent(
        """
        period: 2020
        områden:
          - namn: A
            löften:
              - id: a
                text: A
                mål:
                  typ: a
                  minst: 1
                  per: vecka
                  utom: [juli, {från: 2020-02-29, till: 2021-01-06}]
        """
    )
    renewed = renewed_text(text, "2021", 1, "2020")
    assert "period: 2021\n" in renewed
    assert "utom: [juli, {från: 2021-02-28, till: 2022-01-06}]" in renewed


def test_the_new_log_keeps_the_excel_form_of_the_old(tmp_path: Path) -> None:
    """A repo made with `init --excel` gets next year's log in the form Excel opens too."""
    made = run_lofte("init", "--kommun", "Exempelby", "--period", "2020", "--excel", cwd=tmp_path)
    assert made.exit_code == 0, made.stderr
    renewed = run_lofte("init", "--fran", "2020", cwd=tmp_path, today="2021-01-05")
    assert renewed.exit_code == 0, renewed.stderr
    new_log = (tmp_path / "logs/2021.csv").read_bytes()
    assert new_log.startswith(b"\xef\xbb\xbfdatum;typ;antal;")
    assert new_log == (tmp_path / "logs/2020.csv").read_bytes()
    assert run_lofte("check", cwd=tmp_path, today="2021-01-05").exit_code == 0


def test_excel_with_fran_gives_an_excel_log_even_after_a_comma_log(tmp_path: Path) -> None:
    made = run_lofte("init", "--kommun", "Exempelby", "--period", "2020", cwd=tmp_path)
    assert made.exit_code == 0, made.stderr
    renewed = run_lofte("init", "--fran", "2020", "--excel", cwd=tmp_path, today="2021-01-05")
    assert renewed.exit_code == 0, renewed.stderr
    assert (tmp_path / "logs/2021.csv").read_bytes().startswith(b"\xef\xbb\xbfdatum;typ;")
