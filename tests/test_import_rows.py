"""`lofte import insatser`: real .xlsx files (written here by openpyxl) and CSV exports in
Excel's dialects into the log, validated like `log insats`, idempotent, refusals by row."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from conftest import run_lofte, write

HEADER = "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad"
NOW = "2019-07-01T09:00:00+02:00"


def _import(root: Path, *args: str, today: str = "2019-06-30"):  # type: ignore[no-untyped-def]
    return run_lofte("import", "insatser", *args, cwd=root, today=today, LOFTE_NU=NOW)


def _xlsx(path: Path, rows: list[list[object]], title: str = "Blad1") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _log(root: Path) -> str:
    return (root / "logs/2019.csv").read_text(encoding="utf-8")


def test_an_xlsx_with_date_cells_and_float_counts_is_appended_as_log_rows(
    small_repo: Path,
) -> None:
    _xlsx(
        small_repo / "insatser.xlsx",
        [
            ["Datum", "Typ", "Antal", "Plats", "Deltagare", "Beskrivning"],
            [datetime(2019, 3, 1), "trygghetsvandring", 1.0, "Centrum", "kommun", "Exempeldata"],
            [date(2019, 3, 5), "Kontakt", 3.0, "Torget", None, None],
            ["2019-03-07 00:00:00", "kontakt", "1 000", None, None, None],
            ["2019-03-08", "kontakt", "3,0", None, None, None],
        ],
    )
    result = _import(small_repo, "insatser.xlsx")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Importerade 4 rader till logs/2019.csv.",
        "  rad 2 → logs/2019.csv:2",
        "  rad 3 → logs/2019.csv:3",
        "  rad 4 → logs/2019.csv:4",
        "  rad 5 → logs/2019.csv:5",
    ]
    assert _log(small_repo) == "\n".join(
        [
            HEADER,
            f"2019-03-01,trygghetsvandring,1,Centrum,kommun,,Exempeldata,test,{NOW}",
            f"2019-03-05,kontakt,3,Torget,,,,test,{NOW}",
            f"2019-03-07,kontakt,1000,,,,,test,{NOW}",
            f"2019-03-08,kontakt,3,,,,,test,{NOW}",
            "",
        ]
    )
    check = run_lofte("check", cwd=small_repo, today="2019-06-30")
    assert check.exit_code == 0, check.stdout


def test_importing_the_same_file_twice_adds_nothing(small_repo: Path) -> None:
    _xlsx(
        small_repo / "insatser.xlsx",
        [["Datum", "Typ"], [date(2019, 3, 1), "kontakt"], [date(2019, 3, 1), "kontakt"]],
    )
    assert _import(small_repo, "insatser.xlsx").exit_code == 0
    before = _log(small_repo)
    again = _import(small_repo, "insatser.xlsx")
    assert again.exit_code == 0
    assert again.stdout == "Inga nya rader: alla 2 fanns redan i loggen.\n"
    assert _log(small_repo) == before
    assert before.count("2019-03-01,kontakt") == 2  # two like activities are two rows


def test_rows_already_logged_match_by_value_not_by_bytes(small_repo: Path) -> None:
    """The log's own rows, re-saved by Excel as `;`, BOM, CRLF with `antal` left empty,
    match what the log holds: only the new row goes in, in the log's own dialect."""
    log = small_repo / "logs/2019.csv"
    log.parent.mkdir()
    log.write_bytes("\ufeffdatum;typ;antal;plats\r\n2019-03-01;Kontakt;1;Torget\r\n".encode())
    write(
        small_repo,
        "export.csv",
        "Datum;Typ;Antal;Plats\n2019-03-01 00:00:00;kontakt;;Torget\n2019-03-02;kontakt;2;\n",
    )
    result = _import(small_repo, "export.csv")
    assert result.exit_code == 0, result.stderr
    assert "1 rad fanns redan i loggen och hoppades över." in result.stdout
    assert log.read_bytes() == (
        "\ufeffdatum;typ;antal;plats\r\n2019-03-01;Kontakt;1;Torget\r\n"
        "2019-03-02;kontakt;2;\r\n".encode()
    )


def test_a_forms_export_gives_registrerad_and_with_a_mapping_registrerad_av(
    small_repo: Path,
) -> None:
    _xlsx(
        small_repo / "formular.xlsx",
        [
            ["ID", "Starttid", "Tid för slutförande", "E-post", "Namn", "Typ av insats",
             "Datum", "Antal personer", "Var?"],
            [1, datetime(2019, 4, 2, 10, 1), datetime(2019, 4, 2, 10, 5, 30),
             "anna@example.org", "Anna Exempel", "Medborgarkontakt", datetime(2019, 4, 1),
             4.0, "Skolan"],
        ],
        title="Form1",
    )  # fmt: skip
    result = _import(
        small_repo, "formular.xlsx", "2019",
        "--kolumn", "typ=Typ av insats", "--kolumn", "antal=Antal personer",
        "--kolumn", "plats=Var?", "--kolumn", "registrerad_av=Namn",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert _log(small_repo).splitlines()[1] == (
        "2019-04-01,kontakt,4,Skolan,,,,Anna Exempel,2019-04-02T10:05:30+02:00"
    )
    assert "Kolumner som inte hör till loggen lästes inte: 'ID', 'Starttid', 'E-post'." in (
        result.stdout
    )
    again = _import(
        small_repo, "formular.xlsx", "2019",
        "--kolumn", "typ=Typ av insats", "--kolumn", "antal=Antal personer",
        "--kolumn", "plats=Var?", "--kolumn", "registrerad_av=Namn",
    )  # fmt: skip
    assert again.stdout.splitlines()[0] == "Inga nya rader: alla 1 fanns redan i loggen."


def test_a_google_forms_csv_without_a_date_column_is_dated_by_its_time(small_repo: Path) -> None:
    write(
        small_repo,
        "svar.csv",
        'Tidstämpel,Typ\n"2019/05/06 18:30:00",trygghetsvandring\n',
    )
    result = _import(small_repo, "svar.csv")
    assert result.exit_code == 0, result.stderr
    assert _log(small_repo).splitlines()[1] == (
        "2019-05-06,trygghetsvandring,1,,,,,test,2019-05-06T18:30:00+02:00"
    )


def test_a_bad_row_is_listed_with_its_row_number_and_the_others_still_go_in(
    small_repo: Path,
) -> None:
    _xlsx(
        small_repo / "insatser.xlsx",
        [
            ["Datum", "Typ", "Antal", "Beskrivning"],
            [date(2019, 3, 1), "kontakt", 1, None],
            [date(2019, 3, 2), "trygghetsvandrin", 1, None],
            [date(2019, 3, 3), "kontakt", 2.5, None],
            [date(2019, 3, 4), "kontakt", 1, "ungdom 121212-1212"],
            [date(2019, 8, 1), "kontakt", 1, None],
            [date(2018, 12, 31), "kontakt", 1, None],
            ["1/3/2019", "kontakt", 1, None],
            [date(2019, 3, 9), "kontakt", 1, None],
        ],
    )
    result = _import(small_repo, "insatser.xlsx", "2019")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "Importerade 2 rader till logs/2019.csv.",
        "  rad 2 → logs/2019.csv:2",
        "  rad 9 → logs/2019.csv:3",
    ]
    assert result.stderr.splitlines() == [
        "6 rader importerades inte (inget av dem skrevs; rätta i insatser.xlsx och importera "
        "igen, redan importerade rader läggs inte till två gånger):",
        "  insatser.xlsx rad 3: Okänd aktivitetstyp 'trygghetsvandrin'. Menade du "
        "'trygghetsvandring'? Kända: trygghetsvandring, kontakt.",
        "  insatser.xlsx rad 4: Ogiltigt antal '2.5': skriv ett positivt heltal, utan decimaler.",
        "  insatser.xlsx rad 5: Kolumnen 'Beskrivning' ser ut att innehålla ett personnummer; "
        "personuppgifter hör inte hemma i loggen. Inget skrevs. Är det inget personnummer: "
        "lägg till --inte-personnummer.",
        "  insatser.xlsx rad 6: Datumet 2019-08-01 ligger i framtiden (idag är 2019-06-30).",
        "  insatser.xlsx rad 7: Datumet 2018-12-31 ligger utanför perioden 2019 "
        "(2019-01-01–2019-12-31).",
        "  insatser.xlsx rad 8: Ogiltigt datum '1/3/2019' (ser ut som Excels datumformat): "
        "skriv ÅÅÅÅ-MM-DD, till exempel 2019-06-05.",
        "lofte: 6 rader i insatser.xlsx kunde inte importeras.",
    ]
    assert "121212" not in result.stdout + result.stderr


def test_torrkorning_shows_the_rows_and_writes_nothing(small_repo: Path) -> None:
    write(small_repo, "x.csv", "Datum,Typ\n2019-03-01,kontakt\n")
    result = _import(small_repo, "x.csv", "--torrkorning")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Skulle importera 1 rad till logs/2019.csv (--torrkorning: inget skrevs).",
        f"  rad 2 → logs/2019.csv: 2019-03-01,kontakt,1,,,,,test,{NOW}",
    ]
    assert not (small_repo / "logs/2019.csv").exists()


def test_a_formula_cell_gives_its_cached_value_and_formula_text_alone_is_refused(
    small_repo: Path,
) -> None:
    path = _xlsx(
        small_repo / "formler.xlsx",
        [["Datum", "Typ", "Antal"], [date(2019, 3, 1), "kontakt", "=1+1"],
         [date(2019, 3, 2), "kontakt", "=2+1"]],
    )  # fmt: skip
    # Excel saves a formula's value beside it; openpyxl writes none, so give one row its value.
    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(b"<f>1+1</f><v />", b"<f>1+1</f><v>2</v>")
    assert b"<f>1+1</f><v>2</v>" in parts[sheet]
    with zipfile.ZipFile(path, "w") as book:
        for name, data in parts.items():
            book.writestr(name, data)
    result = _import(small_repo, "formler.xlsx")
    assert result.exit_code == 1
    assert _log(small_repo).splitlines()[1:] == [f"2019-03-01,kontakt,2,,,,,test,{NOW}"]
    assert "formler.xlsx rad 3: kolumnen 'Antal' har bara en formel, utan sparat värde." in (
        result.stderr
    )


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "skyddad.xlsx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
            "lösenordsskyddad Excel-fil",
        ),
        ("bild.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "varken en Excel-fil"),
        ("trasig.xlsx", b"PK\x03\x04 inte en riktig zip", "kan inte läsas"),
        ("ansi.csv", "Datum;Typ;Plats\n2019-03-01;kontakt;Gärdet\n".encode("cp1252"),
         "Windows-1252"),
        ("utf16.csv", "Datum\tTyp\n".encode("utf-16"), "UTF-16"),
        ("tom.csv", b"", "ingen rubrikrad"),
        ("fel.csv", b"Datum,Vad\n2019-03-01,kontakt\n", "saknar kolumnen för typ"),
    ],
)  # fmt: skip
def test_a_file_that_cannot_be_imported_is_refused_in_swedish_and_nothing_is_written(
    small_repo: Path, name: str, content: bytes, expected: str
) -> None:
    (small_repo / name).write_bytes(content)
    result = _import(small_repo, name)
    assert result.exit_code == 1
    assert expected in result.stderr
    assert result.stderr.startswith("lofte: ") and "Traceback" not in result.stderr
    assert not (small_repo / "logs").exists()


def test_a_zip_that_is_no_workbook_is_refused(small_repo: Path) -> None:
    with zipfile.ZipFile(small_repo / "arkiv.xlsx", "w") as archive:
        archive.writestr("hej.txt", "inte en arbetsbok")
    result = _import(small_repo, "arkiv.xlsx")
    assert result.exit_code == 1
    assert "kan inte läsas som en Excel-arbetsbok" in result.stderr


def test_a_file_past_the_size_cap_is_refused_before_it_is_read(small_repo: Path) -> None:
    big = small_repo / "stor.csv"
    with big.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB on paper, nothing on disk
    result = _import(small_repo, "stor.csv")
    assert result.exit_code == 1
    assert result.stderr == (
        "lofte: stor.csv är för stor (100 MB; högst 20 MB) för en tabell med insatser. Dela "
        "upp den eller spara bara bladet med insatserna. Inget skrevs.\n"
    )


def test_blad_picks_a_sheet_and_an_unknown_one_is_named(small_repo: Path) -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "Instruktioner"
    first.append(["Fyll i bladet Insatser"])
    second = book.create_sheet("Insatser")
    second.append(["Datum", "Typ"])
    second.append([date(2019, 3, 1), "kontakt"])
    book.save(small_repo / "bok.xlsx")
    assert _import(small_repo, "bok.xlsx").exit_code == 1  # the first sheet has no Typ
    wrong = _import(small_repo, "bok.xlsx", "--blad", "Insats")
    assert wrong.exit_code == 1
    assert "Bladen: 'Instruktioner', 'Insatser'" in wrong.stderr
    right = _import(small_repo, "bok.xlsx", "--blad", "insatser")
    assert right.exit_code == 0, right.stderr
    assert _log(small_repo).splitlines()[1].startswith("2019-03-01,kontakt,1,")


def test_a_bad_column_mapping_is_a_usage_error(small_repo: Path) -> None:
    write(small_repo, "x.csv", "Datum,Vad\n2019-03-01,kontakt\n")
    unknown = _import(small_repo, "x.csv", "--kolumn", "tyyp=Vad")
    assert unknown.exit_code == 2
    assert "loggen har ingen kolumn 'tyyp'" in unknown.stderr
    no_heading = _import(small_repo, "x.csv", "--kolumn", "typ=Vilken")
    assert no_heading.exit_code == 1
    assert "ingen kolumn med rubriken 'Vilken'. Rubrikerna: 'Datum', 'Vad'." in no_heading.stderr
    mapped = _import(small_repo, "x.csv", "--kolumn", "typ=vad")
    assert mapped.exit_code == 0, mapped.stderr


def test_formula_text_in_a_csv_refuses_its_row(small_repo: Path) -> None:
    write(
        small_repo,
        "x.csv",
        "Datum;Typ;Antal\n2019-03-01;kontakt;=SUMMA(A1:A3)\n2019-03-02;kontakt;1\n",
    )
    result = _import(small_repo, "x.csv")
    assert result.exit_code == 1
    assert "x.csv rad 2: kolumnen 'Antal' har bara en formel, utan sparat värde." in result.stderr
    assert _log(small_repo).splitlines()[1:] == [f"2019-03-02,kontakt,1,,,,,test,{NOW}"]


def test_a_value_whose_column_the_log_lacks_refuses_that_row_only(small_repo: Path) -> None:
    write(small_repo, "logs/2019.csv", "datum,typ,antal\n")
    write(small_repo, "x.csv", "Datum,Typ,Plats\n2019-03-01,kontakt,Torget\n2019-03-02,kontakt,\n")
    result = _import(small_repo, "x.csv")
    assert result.exit_code == 1
    assert "x.csv rad 2: logs/2019.csv saknar kolumnen 'plats'" in result.stderr
    assert _log(small_repo) == "datum,typ,antal\n2019-03-02,kontakt,1\n"


def test_an_excel_csv_with_bom_crlf_and_semicolons_goes_into_a_comma_log_as_commas(
    small_repo: Path,
) -> None:
    write(small_repo, "logs/2019.csv", HEADER + "\n")
    export = (
        "\ufeffDatum;Typ;Antal;Plats;Beskrivning\r\n"
        "2019-03-01;Kontakt;3;Torget, norra;Exempeldata\r\n"
    )
    (small_repo / "export.csv").write_bytes(export.encode("utf-8"))
    result = _import(small_repo, "export.csv")
    assert result.exit_code == 0, result.stderr
    assert (small_repo / "logs/2019.csv").read_bytes() == (
        f'{HEADER}\n2019-03-01,kontakt,3,"Torget, norra",,,Exempeldata,test,{NOW}\n'.encode()
    )


def test_a_date_with_a_time_or_as_excels_day_number_is_read_back_to_the_date(
    small_repo: Path,
) -> None:
    _xlsx(
        small_repo / "datum.xlsx",
        [
            ["Datum", "Typ"],
            [datetime(2019, 3, 1, 14, 30), "kontakt"],
            [43526, "kontakt"],  # 2019-03-02 shown as a number (format "Allmänt")
            ["2019-03-03T09:15:00", "kontakt"],
        ],
    )
    result = _import(small_repo, "datum.xlsx")
    assert result.exit_code == 0, result.stderr
    assert [line[:10] for line in _log(small_repo).splitlines()[1:]] == [
        "2019-03-01",
        "2019-03-02",
        "2019-03-03",
    ]
