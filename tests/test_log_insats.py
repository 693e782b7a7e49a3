"""`lofte log insats`: rejections write nothing; a success appends one valid row and says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_lofte, write

HEADER = "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad"


def test_logging_a_trygghetsvandring_counts_toward_its_promise(example_repo: Path) -> None:
    before = (example_repo / "logs/2019.csv").read_bytes()
    lines_before = before.count(b"\n")
    result = run_lofte(
        "log", "insats", "--typ", "trygghetsvandring", "--deltagare", "kommun",
        "--datum", "2019-06-30", "--plats", "Töre", "--beskrivning", "Exempeldata: test",
        cwd=example_repo, today="2019-06-30",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"Sparad: logs/2019.csv:{lines_before + 1}",
        "Räknas mot (läge per 2019-06-30):",
        "  trygghetsvandringar: 2 utfört, mål minst 2 under perioden – ✔ Uppfyllt",
    ]
    after = (example_repo / "logs/2019.csv").read_bytes()
    assert after.startswith(before)
    new_row = after[len(before) :].decode()
    assert new_row.startswith("2019-06-30,trygghetsvandring,1,Töre,kommun,,Exempeldata: test,test,")
    assert new_row.endswith("\n") and new_row.count("\n") == 1
    check = run_lofte("status", "2019", "--per", "2019-06-30", "-f", "json", cwd=example_repo)
    assert check.stderr == ""


def test_the_row_can_count_toward_nothing(example_repo: Path) -> None:
    result = run_lofte(
        "log", "insats", "--typ", "trygghetsvandring", "--datum", "2019-03-01", cwd=example_repo
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == "Raden räknas inte mot något löfte."


def test_slugs_are_folded_and_stored_as_declared(example_repo: Path) -> None:
    result = run_lofte(
        "log", "insats", "--typ", "SKOTERSTOLD", "--deltagare", "Polis,grannsamverkan",
        "--tagg", "a-traktor", "--tagg", "natt", "--antal", "3", "--datum", "2019-02-02",
        cwd=example_repo,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    last = (example_repo / "logs/2019.csv").read_text().splitlines()[-1]
    assert last.startswith("2019-02-02,skoterstöld,3,,polis;grannsamverkan,a-traktor;natt,,test,")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--typ", "trygghetsvandring", "--datum", "2018-05-01"],
            "ligger inte i någon löftesperiod",
        ),
        (["--typ", "trygghetsvandring", "--datum", "2019-07-01"], "ligger i framtiden"),
        (["--typ", "tryghetsvandring"], "Menade du 'trygghetsvandring'? Kända: medborgarkontakt"),
        (["--typ", "trygghetsvandring", "--deltagare", "skolan"], "Menade du 'skola'?"),
        (["--typ", "trygghetsvandring", "--antal", "0"], "positivt heltal"),
        (["--typ", "trygghetsvandring", "--antal", "2,5"], "positivt heltal"),
        (["--typ", "trygghetsvandring", "--datum", "30/6"], "ÅÅÅÅ-MM-DD"),
    ],
)
def test_rejections_leave_the_log_byte_for_byte_unchanged(
    example_repo: Path, args: list[str], message: str
) -> None:
    before = (example_repo / "logs/2019.csv").read_bytes()
    result = run_lofte("log", "insats", *args, cwd=example_repo, today="2019-06-30")
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert (example_repo / "logs/2019.csv").read_bytes() == before


def test_append_to_a_file_without_trailing_newline(small_repo: Path) -> None:
    log = small_repo / "logs/2019.csv"
    log.parent.mkdir()
    log.write_bytes(f"{HEADER}\n2019-02-01,kontakt,1,,,,,,".encode())
    result = run_lofte("log", "insats", "--typ", "kontakt", "--datum", "2019-02-02", "--tyst",
                       cwd=small_repo)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Sparad i logs/2019.csv, rad 3.\n"  # the number `log stryk` takes
    lines = log.read_text().split("\n")
    assert lines[1] == "2019-02-01,kontakt,1,,,,,,"
    assert lines[2].startswith("2019-02-02,kontakt,1,,,,,test,")
    assert lines[3] == ""


def test_tyst_on_a_bulk_sized_log_says_where_the_row_number_is(
    small_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import medborgarlofte.write.append

    log = small_repo / "logs/2019.csv"
    log.parent.mkdir()
    log.write_text(f"{HEADER}\n" + "2019-02-01,kontakt,1,,,,,,\n" * 50, encoding="utf-8")
    monkeypatch.setattr(medborgarlofte.write.append, "QUIET_COUNT_BYTES", 100)
    result = run_lofte("log", "insats", "--typ", "kontakt", "--datum", "2019-02-02", "--tyst",
                       cwd=small_repo)  # fmt: skip
    assert result.stdout == (
        "Sparad sist i logs/2019.csv ('lofte log lista --senaste 1' visar radnumret).\n"
    )


def test_a_new_log_gets_the_header(small_repo: Path) -> None:
    result = run_lofte("log", "insats", "--typ", "kontakt", "--datum", "2019-02-02", "--av", "ana",
                       cwd=small_repo)  # fmt: skip
    assert result.stdout.splitlines()[0] == "Sparad: logs/2019.csv:2"
    lines = (small_repo / "logs/2019.csv").read_text().splitlines()
    assert lines[0] == HEADER
    assert lines[1].startswith("2019-02-02,kontakt,1,,,,,ana,2")


def test_an_excel_saved_log_keeps_its_own_layout(small_repo: Path) -> None:
    log = small_repo / "logs/2019.csv"
    log.parent.mkdir()
    log.write_bytes("\ufefftyp;datum;antal\r\nkontakt;2019-02-01;1\r\n".encode())
    result = run_lofte("log", "insats", "--typ", "kontakt", "--datum", "2019-02-03", cwd=small_repo)
    assert result.exit_code == 0
    assert log.read_bytes().endswith(b"kontakt;2019-02-01;1\r\nkontakt;2019-02-03;1\r\n")


def test_quoting_follows_rfc_4180(small_repo: Path) -> None:
    run_lofte("log", "insats", "--typ", "kontakt", "--datum", "2019-02-03",
              "--beskrivning", 'Sa "hej", sedan gick vi', cwd=small_repo)  # fmt: skip
    row = (small_repo / "logs/2019.csv").read_text().splitlines()[1]
    assert ',"Sa ""hej"", sedan gick vi",' in row


JANUARY = """
kommun: Exempelby
lokalpolisområde: Exempelområdet
period: 2026
aktivitetstyper:
  skolbesok: Skolbesök
områden:
  - namn: Unga
    löften:
      - id: skolbesok
        text: "Exempeldata: ett skolbesök varje månad."
        mål: {typ: skolbesok, minst: 1, per: månad}
"""


def test_a_visit_logged_in_january_shows_january_done(tmp_path: Path) -> None:
    write(tmp_path, "promises/2026.yaml", JANUARY)
    result = run_lofte("log", "insats", "--typ", "skolbesok", "--datum", "2026-01-07",
                       cwd=tmp_path, today="2026-01-08")  # fmt: skip
    assert result.stdout.splitlines()[1:] == [
        "Räknas mot (läge per 2026-01-08):",
        "  skolbesok: januari klar, mål minst 1 varje månad – ● I fas",
    ]
    status = run_lofte("status", "-f", "markdown", cwd=tmp_path, today="2026-01-08").stdout
    assert "| skolbesok | minst 1 varje månad | januari klar | – | ● I fas |" in status
