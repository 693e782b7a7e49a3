"""`status --format csv` for Excel with Swedish settings: BOM, `;`, CRLF, decimal comma, and
every cell that Excel would run as a formula (`= + - @`) neutralised with a leading `'`."""

from __future__ import annotations

from pathlib import Path

from conftest import run_lofte, write

PROMISES = """
kommun: "+46 Exempelby"
lokalpolisområde: Exempelområdet
period: 2019
aktivitetstyper:
  kontakt: Kontakt
områden:
  - namn: "@SUMMA(A1)"
    löften:
      - id: kontakter
        rubrik: "=HYPERLINK(\\"http://exempel.invalid\\"; \\"klicka\\")"
        text: Exempeldata. Minst tre kontakter i snitt per vecka.
        mål: {typ: kontakt, minst: 3, per: vecka, snitt: true}
      - id: minus
        rubrik: "-1+2 är ingen formel här; ok"
        text: Exempeldata. Löpande kontakter.
        mål: {typ: kontakt, löpande: true}
"""


def test_csv_whole_output_is_safe_for_swedish_excel(tmp_path: Path) -> None:
    write(tmp_path, "promises/2019.yaml", PROMISES)
    write(tmp_path, "logs/2019.csv", "datum,typ,antal\n2019-01-02,kontakt,2\n")
    result = run_lofte("status", "2019", "--per", "2019-01-09", "-f", "csv", cwd=tmp_path)
    assert result.exit_code == 0
    expected = (
        "\ufeffkommun;period;per_datum;område;id;löfte;mål;utfört;förväntat;status;"
        "senaste_aktivitet\r\n"
        "'+46 Exempelby;2019;2019-01-09;'@SUMMA(A1);kontakter;"
        '"\'=HYPERLINK(""http://exempel.invalid""; ""klicka"")";minst 3 i snitt per vecka;2;'
        "3,86;Efter plan;2019-01-02\r\n"
        "'+46 Exempelby;2019;2019-01-09;'@SUMMA(A1);minus;\"'-1+2 är ingen formel här; ok\";"
        "löpande;2;;Pågår;2019-01-02\r\n"
    )
    assert result.stdout_bytes == expected.encode("utf-8")


def test_the_loefte_column_holds_the_title_not_the_whole_text(tmp_path: Path) -> None:
    """A reader sees a promise called by its rubrik, else its id (as in the table); the
    whole promise text, often a paragraph, is not a name."""
    write(
        tmp_path,
        "promises/2019.yaml",
        """
        kommun: Exempelby
        period: 2019
        aktivitetstyper:
          kontakt: Kontakt
        områden:
          - namn: Dialog
            löften:
              - id: kontakter
                rubrik: Kontakter varje vecka
                text: Exempeldata. Polisen ska ha minst tre kontakter med medborgarna varje vecka.
                mål: {typ: kontakt, minst: 3, per: vecka}
              - id: vandringar
                text: Exempeldata. Minst två trygghetsvandringar under året.
                mål: {typ: kontakt, minst: 2}
        """,
    )
    write(tmp_path, "logs/2019.csv", "datum,typ,antal\n")
    result = run_lofte("status", "2019", "--per", "2019-01-09", "-f", "csv", cwd=tmp_path)
    assert result.exit_code == 0
    rows = [line.split(";") for line in result.stdout.lstrip("\ufeff").splitlines()]
    titles = [row[rows[0].index("löfte")] for row in rows[1:]]
    assert titles == ["Kontakter varje vecka", "vandringar"]
    assert "Exempeldata" not in result.stdout
