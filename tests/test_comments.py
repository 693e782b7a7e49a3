"""Comments: `lofte log kommentar` appends, validates and refuses; the loader and its problems;
comments in `status --format json` and in the report."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

from conftest import run_lofte, write

from medborgarlofte.load.comments import COMMENT_HEADER, comment_problems, load_comments
from medborgarlofte.load.repo import Repo
from medborgarlofte.write.append import append_row

COMMENTS = "logs/2019.kommentarer.csv"


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row[:4] for row in csv.reader(handle)]


def test_kommentar_appends_a_dated_row(small_repo: Path) -> None:
    first = run_lofte(
        "log", "kommentar", "vandringar", "Exempeldata: Inställd, snöstorm.",
        "--datum", "2019-03-02", "--av", "Anna", cwd=small_repo, today="2019-03-05",
    )  # fmt: skip
    second = run_lofte(
        "log", "kommentar", "Kontakter", "Exempeldata: \"Över takten\", bra vår.",
        cwd=small_repo, today="2019-03-05",
    )  # fmt: skip
    assert (first.exit_code, first.stdout, first.stderr) == (
        0,
        f"Sparad: {COMMENTS}:2\nKommentar till vandringar, daterad 2019-03-02.\n",
        "",
    )
    assert second.stdout == f"Sparad: {COMMENTS}:3\nKommentar till kontakter, daterad 2019-03-05.\n"
    assert _rows(small_repo / COMMENTS) == [
        list(COMMENT_HEADER[:4]),
        ["2019-03-02", "vandringar", "Exempeldata: Inställd, snöstorm.", "Anna"],
        ["2019-03-05", "kontakter", 'Exempeldata: "Över takten", bra vår.', "test"],
    ]
    text = (small_repo / COMMENTS).read_text(encoding="utf-8")
    assert text.startswith("datum,löfte,kommentar,registrerad_av,registrerad\n")
    assert text.count("\n") == 3 and "\r" not in text


def test_kommentar_refuses_and_writes_nothing(small_repo: Path) -> None:
    cases = {
        ("vandringr", "text"): "lofte: Okänt löfte 'vandringr' i perioden 2019. Menade du"
        " 'vandringar'? Kända löften: vandringar, kontakter. Inget skrevs.\n",
        ("vandringar", "   "): "lofte: Kommentaren är tom. Skriv texten inom citattecken."
        " Inget skrevs.\n",
        ("vandringar", "text", "--datum", "2019-07-01"): "lofte: Datumet 2019-07-01 ligger i"
        " framtiden (idag är 2019-06-30). Inget skrevs.\n",
        ("vandringar", "text", "--datum", "2018-12-31"): "lofte: Datumet 2018-12-31 ligger inte"
        " i någon löftesperiod. Perioder: 2019 (2019-01-01–2019-12-31).\n",
    }
    for args, message in cases.items():
        result = run_lofte("log", "kommentar", *args, cwd=small_repo, today="2019-06-30")
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", message), args
    assert not (small_repo / COMMENTS).exists()


def test_append_row_keeps_an_existing_comment_files_layout(tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_bytes("\ufeffdatum;löfte;kommentar\r\n2019-01-02;a;x".encode())
    line = append_row(path, {"datum": "2019-01-03", "löfte": "b", "kommentar": "y;z"},
                      header=COMMENT_HEADER)  # fmt: skip
    assert line == 3
    assert path.read_bytes() == (
        '\ufeffdatum;löfte;kommentar\r\n2019-01-02;a;x\r\n2019-01-03;b;"y;z"\r\n'.encode()
    )


BROKEN = """
datum;löfte;kommentar;registrerad_av
2019-02-01;vandringar;Exempeldata: bra;a
2019-13-01;vandringar;fel datum;a
2018-12-31;kontakter;före perioden;a
2019-07-01;kontakter;i framtiden;a
2019-03-01;vandringr;stavfel;a
2019-03-02;kontakter;   ;a
2019-03-03;KONTAKTER;Exempeldata: ring 811218-9876;a
"""


def test_comment_problems_for_check(small_repo: Path) -> None:
    write(small_repo, COMMENTS, BROKEN)
    promise_set = Repo.open(small_repo).load()[0][0]
    found = comment_problems(small_repo, promise_set, date(2019, 6, 30))
    assert [f"{p.location()}: {p.severity} {p.code}: {p.message}" for p in found] == [
        f"{COMMENTS}:3: fel E021: Ogiltigt datum '2019-13-01' (datumet finns inte): skriv"
        " ÅÅÅÅ-MM-DD, till exempel 2019-06-05.",
        f"{COMMENTS}:4: fel E022: Datumet 2018-12-31 ligger utanför perioden 2019"
        " (2019-01-01–2019-12-31).",
        f"{COMMENTS}:5: fel E023: Datumet 2019-07-01 ligger i framtiden (idag är 2019-06-30).",
        f"{COMMENTS}:6: fel E040: Okänt löfte 'vandringr' i kommentaren. Kända löften:"
        " vandringar, kontakter. Menade du 'vandringar'?",
        f"{COMMENTS}:7: fel E041: Kommentaren är tom.",
        f"{COMMENTS}:8: varning W001: Ser ut som ett personnummer i 'kommentar':"
        " personuppgifter hör inte hemma i loggen.",
    ]
    comments, _ = load_comments(small_repo, promise_set, date(2019, 6, 30))
    assert [(c.line, c.promise_id, c.text) for c in comments] == [
        (2, "vandringar", "Exempeldata: bra"),
        (8, "kontakter", "Exempeldata: ring 811218-9876"),
    ]


def test_comment_file_without_its_columns_is_reported(small_repo: Path) -> None:
    write(small_repo, COMMENTS, "datum,text\n2019-01-01,x\n")
    promise_set = Repo.open(small_repo).load()[0][0]
    found = comment_problems(small_repo, promise_set, date(2019, 6, 30))
    assert [(p.line, p.code, p.message) for p in found] == [
        (1, "E020", "Rubrikraden saknar kolumnen 'löfte'."),
        (1, "E020", "Rubrikraden saknar kolumnen 'kommentar'."),
    ]
    assert comment_problems(small_repo / "nowhere", promise_set, date(2019, 6, 30)) == []


def test_comments_in_status_json_up_to_the_as_of_date(small_repo: Path) -> None:
    write(
        small_repo,
        COMMENTS,
        """
        datum,löfte,kommentar,registrerad_av
        2019-05-02,vandringar,Exempeldata: andra,Bo
        2019-02-01,vandringar,Exempeldata: första,Anna
        2019-06-01,vandringar,Exempeldata: efter per-datumet,Anna
        """,
    )
    result = run_lofte("status", "2019", "--per", "2019-05-31", "-f", "json", cwd=small_repo)
    promises = json.loads(result.stdout)["promises"]
    assert [p["comments"] for p in promises] == [
        [
            {"date": "2019-02-01", "text": "Exempeldata: första", "by": "Anna"},
            {"date": "2019-05-02", "text": "Exempeldata: andra", "by": "Bo"},
        ],
        [],
    ]
    report = run_lofte("rapport", "2019", "--per", "2019-05-31", cwd=small_repo).stdout
    assert "**Senaste kommentar, 2 maj 2019:** Exempeldata: andra\n" in report
    assert "efter per-datumet" not in report
