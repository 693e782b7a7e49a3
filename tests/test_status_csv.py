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
        text: "=HYPERLINK(\\"http://exempel.invalid\\"; \\"klicka\\")"
        mål: {typ: kontakt, minst: 3, per: vecka, snitt: true}
      - id: minus
        text: "-1+2 är ingen formel här; ok"
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
