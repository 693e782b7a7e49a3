"""The log's CSV dialect at its hard edges (docs/format.md §3): open quotes, duplicate header
columns, lone-CR line ends, impossible counts, values without a column, a file replaced
while the writer waits, and personal data in every free-text cell of every CSV.

Each test reads through the CLI, so the reference reader (check's exact path), both fast
paths (status, check) and the writer are all exercised.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from conftest import run_lofte, write
from hypothesis import given, settings
from hypothesis import strategies as st

from medborgarlofte.core.problems import LofteError
from medborgarlofte.load.log_dialect import count_value
from medborgarlofte.load.log_reader import (
    CELL_BREAK,
    open_at_end,
    quotes_close_on_their_lines,
    unquoted_block,
)
from medborgarlofte.write import append

HEADER = "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad"
LOG = "logs/2019.csv"


def _log(repo: Path, text: str | bytes) -> Path:
    path = repo / LOG
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def _check(repo: Path) -> list[str]:
    result = run_lofte("check", cwd=repo, today="2019-06-30")
    assert "Traceback" not in result.stderr
    return [line for line in result.stdout.splitlines() if line.startswith("logs/")]


def _contacts_done(repo: Path) -> int:
    result = run_lofte("status", "2019", "--per", "2019-06-30", "-f", "json", cwd=repo)
    assert result.exit_code == 0, result.stderr
    promises = json.loads(result.stdout)["promises"]
    return int(next(p["done"] for p in promises if p["id"] == "kontakter"))


# --- open quotes ------------------------------------------------------------------------


def test_a_quote_open_to_the_end_of_the_file_is_an_error_where_it_opened(
    small_repo: Path,
) -> None:
    _log(
        small_repo,
        f"{HEADER}\n2019-03-04,kontakt,2,,,,,,\n"
        '2019-03-05,kontakt,3,"Torget med ett citat\n2019-03-06\n',
    )
    assert _check(small_repo) == [
        "logs/2019.csv:3: fel E042: Citattecknet som öppnar en cell på raden stängs inte före "
        "filens slut. Raden läses inte, och raderna efter den läses var för sig. Lägg till det "
        "avslutande citattecknet eller ta bort det.",
        "logs/2019.csv:4: fel E032: Typen saknas på raden.",
    ]
    assert _contacts_done(small_repo) == 2


def test_an_open_quote_does_not_swallow_the_rows_after_it(small_repo: Path) -> None:
    """A later cell closes the quote: before, rows 3 and 4 vanished into one cell."""
    _log(
        small_repo,
        f"{HEADER}\n2019-03-04,kontakt,1,\"Torget,,,,,\n"
        "2019-03-05,kontakt,2,,,,,,\n2019-03-06,kontakt,4,Hamnen\",,,,,\n",
    )
    assert _check(small_repo) == [
        "logs/2019.csv:2: fel E042: Citattecknet som öppnar en cell på raden stängs inte innan "
        "rad 3, som ser ut som en ny rad. Raden läses inte, och raderna efter den läses var för "
        "sig. Lägg till det avslutande citattecknet eller ta bort det.",
    ]
    assert _contacts_done(small_repo) == 6


def test_e042_names_the_first_line_that_reads_as_a_new_row(small_repo: Path) -> None:
    """A line starting with a date but no delimiter is text in the cell, not a new row."""
    _log(
        small_repo,
        f'{HEADER}\n2019-03-04,kontakt,1,"Torget\n2019-03-05 var det kallt\n'
        "2019-03-06,kontakt,2,,,,,,\n",
    )
    found = [line for line in _check(small_repo) if " E042: " in line]
    assert found == [
        "logs/2019.csv:2: fel E042: Citattecknet som öppnar en cell på raden stängs inte innan "
        "rad 4, som ser ut som en ny rad. Raden läses inte, och raderna efter den läses var för "
        "sig. Lägg till det avslutande citattecknet eller ta bort det.",
    ]
    assert _contacts_done(small_repo) == 2


def test_an_open_quote_in_a_large_log_is_found_by_both_fast_paths(small_repo: Path) -> None:
    rows = [f"2019-03-{1 + n % 28:02d},kontakt,1,Torget {n},,,,,\n" for n in range(6000)]
    before, after = "".join(rows[:3000]), "".join(rows[3000:])
    _log(small_repo, f'{HEADER}\n{before}2019-04-01,kontakt,5,"Torget,,,,,\n{after}')
    assert _check(small_repo) == [
        "logs/2019.csv:3002: fel E042: Citattecknet som öppnar en cell på raden stängs inte "
        "innan rad 3003, som ser ut som en ny rad. Raden läses inte, och raderna efter den läses "
        "var för sig. Lägg till det avslutande citattecknet eller ta bort det.",
    ]
    assert _contacts_done(small_repo) == 6000


def test_a_line_break_inside_a_closed_quoted_cell_is_still_one_row(small_repo: Path) -> None:
    _log(small_repo, f'{HEADER}\n2019-03-04,kontakt,2,"Torget\nnorra delen",,,,,\n')
    assert _check(small_repo) == []
    assert _contacts_done(small_repo) == 2
    written = run_lofte(
        "log", "insats", "--typ", "kontakt", "--datum", "2019-03-05", "--tyst", cwd=small_repo
    )
    assert written.exit_code == 0, written.stderr  # a closed quote is no reason to refuse
    assert _contacts_done(small_repo) == 3


def test_log_insats_refuses_to_write_into_an_open_quote(small_repo: Path) -> None:
    path = _log(small_repo, f'{HEADER}\n2019-03-04,kontakt,1,"Torget,,,,,\nsom fortsätter\n')
    before = path.read_bytes()
    result = run_lofte(
        "log", "insats", "--typ", "kontakt", "--datum", "2019-03-05", cwd=small_repo
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1] == (
        "lofte: logs/2019.csv:2: ett citattecken öppnar en cell som aldrig stängs, så en ny rad "
        "skulle hamna i den cellen. Rätta raden först (se 'lofte check'). Inget skrevs."
    )
    assert path.read_bytes() == before


def test_open_at_end_follows_the_csv_reading() -> None:
    assert open_at_end('a,"b\n', ",")
    assert not open_at_end('a,"b""c"\n', ",")
    assert not open_at_end('a,b"c\n', ",")  # a quote inside an unquoted cell is a character


# --- the header -------------------------------------------------------------------------


def test_a_column_named_twice_is_an_error_not_first_one_wins(small_repo: Path) -> None:
    _log(small_repo, "datum,typ,antal,Antal \n2019-03-04,kontakt,5,1\n")
    assert _check(small_repo) == [
        "logs/2019.csv:1: fel E043: Kolumnen 'antal' står 2 gånger i rubrikraden (kolumn 3, 4), "
        "så det är oklart vilken som gäller. Byt namn på eller ta bort dubbletten.",
    ]
    for view in ([], ["kontakter"]):  # the table and the detail view both refuse it
        result = run_lofte("status", "2019", *view, "--per", "2019-06-30", cwd=small_repo)
        assert result.exit_code == 1
        assert result.stderr.splitlines()[-1] == "lofte: Loggen logs/2019.csv kan inte läsas."
    written = run_lofte(
        "log", "insats", "--typ", "kontakt", "--datum", "2019-03-05", cwd=small_repo
    )
    assert written.exit_code == 1
    assert written.stderr.splitlines()[-1] == (
        "lofte: logs/2019.csv:1: rubrikraden kan inte läsas; inget skrevs."
    )


def test_excels_empty_trailing_columns_are_no_duplicates(small_repo: Path) -> None:
    _log(small_repo, "datum;typ;antal;;\n2019-03-04;kontakt;5;;\n")
    assert _check(small_repo) == []
    assert _contacts_done(small_repo) == 5


# --- line ends --------------------------------------------------------------------------


def test_a_lone_cr_log_is_read_and_appended_to_in_its_own_line_ends(small_repo: Path) -> None:
    path = _log(small_repo, f"{HEADER}\r2019-03-04,kontakt,2,Torget,,,,,\r".encode())
    assert _check(small_repo) == []
    result = run_lofte(
        "log", "insats", "--typ", "kontakt", "--datum", "2019-03-05", "--antal", "3",
        cwd=small_repo, today="2019-06-30",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Sparad: logs/2019.csv:3"
    data = path.read_bytes()
    assert b"\n" not in data and data.count(b"\r") == 3
    assert _check(small_repo) == []
    assert _contacts_done(small_repo) == 5


# --- counts -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("9" * 4300, "Ogiltigt antal '99999999999999999999999…': skriv ett positivt heltal med "
         "högst 9 siffror."),
        ("１２", "Ogiltigt antal '１２': skriv ett positivt heltal med siffrorna 0–9."),
        ("²", "Ogiltigt antal '²': skriv ett positivt heltal med siffrorna 0–9."),
    ],
)  # fmt: skip
def test_an_impossible_antal_is_a_row_error_not_a_crash(
    small_repo: Path, cell: str, message: str
) -> None:
    _log(small_repo, f"{HEADER}\n2019-03-04,kontakt,{cell},,,,,,\n2019-03-05,kontakt,2,,,,,,\n")
    assert _check(small_repo) == [f"logs/2019.csv:2: fel E025: {message}"]
    assert _contacts_done(small_repo) == 2
    report = run_lofte("rapport", "2019", "--per", "2019-06-30", cwd=small_repo)
    assert report.exit_code == 0 and "Traceback" not in report.stderr


@pytest.mark.parametrize("antal", ["²", "３", "1" * 10])
def test_log_insats_refuses_what_the_reader_would_reject(small_repo: Path, antal: str) -> None:
    result = run_lofte(
        "log", "insats", "--typ", "kontakt", "--datum", "2019-03-05", "--antal", antal,
        cwd=small_repo,
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.startswith("lofte: --antal ska vara ett positivt heltal med ")
    assert not (small_repo / LOG).exists()


def test_count_value_takes_one_to_nine_ascii_digits() -> None:
    assert count_value("999999999") == 999999999
    assert [isinstance(count_value(t), str) for t in ("0", "1234567890", "٣", "-1", "1.5")] == [
        True
    ] * 5


# --- values without a column ------------------------------------------------------------


def test_a_value_whose_column_the_log_lacks_is_refused_naming_it(small_repo: Path) -> None:
    path = _log(small_repo, "datum,typ\n2019-03-04,kontakt\n")
    before = path.read_bytes()
    result = run_lofte(
        "log", "insats", "--typ", "kontakt", "--datum", "2019-03-05", "--antal", "5",
        "--deltagare", "kommun", cwd=small_repo,
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (
        1,
        "lofte: logs/2019.csv:1: rubrikraden saknar kolumnen 'antal', 'deltagare', så värdet "
        "skulle inte sparas. Lägg till kolumnen i rubrikraden eller logga utan värdet. "
        "Inget skrevs.\n",
    )
    assert path.read_bytes() == before
    plain = run_lofte("log", "insats", "--typ", "kontakt", "--datum", "2019-03-05", cwd=small_repo)
    assert plain.exit_code == 0, plain.stderr  # antal 1 is what an absent column reads as
    assert path.read_text().splitlines()[-1] == "2019-03-05,kontakt"


# --- a file replaced while the writer waits for the lock ---------------------------------


def test_a_log_replaced_while_waiting_for_the_lock_gets_the_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "2019.csv"
    path.write_text(f"{HEADER}\n2019-03-04,kontakt,1,,,,,,\n")
    real_flock = append.fcntl.flock
    replaced: list[bool] = []

    def flock(fd: int, operation: int) -> None:
        if not replaced:  # an editor saves a new file over the log meanwhile
            replaced.append(True)
            fresh = tmp_path / "ny.csv"
            fresh.write_text(f"{HEADER}\n2019-03-04,kontakt,1,,,,,,\n2019-03-05,kontakt,1,,,,,,\n")
            os.replace(fresh, path)
        real_flock(fd, operation)

    monkeypatch.setattr(append.fcntl, "flock", flock)
    line = append.append_row(path, {"datum": "2019-03-06", "typ": "kontakt"})
    assert line == 4
    assert path.read_text().splitlines()[1:] == [
        "2019-03-04,kontakt,1,,,,,,",
        "2019-03-05,kontakt,1,,,,,,",
        "2019-03-06,kontakt,,,,,,,",
    ]


def test_a_log_erased_in_many_times_while_waiting_still_gets_the_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each `log radera` renames a new log into place; a colleague erasing seven rows while
    another logs made the logger give up after five ('byttes ut … flera gånger')."""
    path = tmp_path / "2019.csv"
    path.write_text(f"{HEADER}\n2019-03-04,kontakt,1,,,,,,\n")
    real_flock = append.fcntl.flock
    renames: list[int] = []

    def flock(fd: int, operation: int) -> None:
        if len(renames) < 7:
            renames.append(1)
            fresh = tmp_path / "ny.csv"
            fresh.write_text(path.read_text())
            os.replace(fresh, path)
        real_flock(fd, operation)

    monkeypatch.setattr(append.fcntl, "flock", flock)
    assert append.append_row(path, {"datum": "2019-03-06", "typ": "kontakt"}) == 3
    assert path.read_text().splitlines()[-1] == "2019-03-06,kontakt,,,,,,,"


# --- personal data and formulas in every free-text cell ---------------------------------


def test_w001_looks_at_registrerad_too(small_repo: Path) -> None:
    _log(small_repo, f"{HEADER}\n2019-03-04,kontakt,1,,,,,exempel,811218-9876\n")
    assert _check(small_repo) == [
        "logs/2019.csv:2: varning W001: Ser ut som ett personnummer i 'registrerad': "
        "personuppgifter hör inte hemma i loggen.",
    ]


def test_the_comment_file_is_looked_at_cell_by_cell(small_repo: Path) -> None:
    write(
        small_repo,
        "logs/2019.kommentarer.csv",
        """
        datum,löfte,kommentar,registrerad_av,registrerad
        2019-03-04,kontakter,Exempeldata: bra,811218-9876,
        2019-03-05,kontakter,=HYPERLINK("x"),exempel,
        """,
    )
    assert _check(small_repo) == [
        "logs/2019.kommentarer.csv:2: varning W001: Ser ut som ett personnummer i "
        "'registrerad_av': personuppgifter hör inte hemma i loggen.",
        "logs/2019.kommentarer.csv:3: varning W002: Cellen i 'kommentar' börjar med '=' och kan "
        "tolkas som formel i Excel.",
    ]


# --- values that are no UTF-8 -----------------------------------------------------------


def test_an_argument_with_bytes_that_are_not_utf8_is_refused(small_repo: Path) -> None:
    """A shell passes such bytes as lone surrogates; writing them crashed with a traceback."""
    result = run_lofte(
        "log", "insats", "--typ", "kontakt", "--datum", "2019-03-05", "--plats", "Torg\udcff",
        cwd=small_repo,
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (
        1,
        "lofte: --plats innehåller tecken som inte är UTF-8 (terminalens teckenkodning?). "
        "Skriv texten igen med vanliga tecken. Inget skrevs.\n",
    )
    assert not (small_repo / LOG).exists()


@pytest.mark.parametrize(
    "text",
    ['a,"b, c",d\n', 'a,"b\n', 'a,b"c\n', 'a,"b""c",d\n', 'a,"b"c,d\n', 'a,"b\nc",d\n',
     '"a"\r"b', '"a""\n', 'x,"a"",b\n', '"a,"b"\n', '"""\n'],
)  # fmt: skip
def test_the_writers_quick_proof_never_calls_an_open_quote_closed(text: str) -> None:
    assert not (quotes_close_on_their_lines(text, ",") and open_at_end(text, ","))


_PIECES = ["2019-03-05,", "2019-03-05;", "x", ",", '"', '""', "\n", "\r\n", "a b", "5"]


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(_PIECES), max_size=40), tail=st.sampled_from([0, 1, 7]))
def test_the_tail_proof_refuses_exactly_what_reading_the_whole_log_refuses(
    tmp_path_factory: pytest.TempPathFactory, pieces: list[str], tail: int
) -> None:
    """`log insats` reads only a large log's tail to prove no quote is left open at its end;
    it must refuse to append exactly when reading the whole file would (the tail bytes
    here are tiny, so most logs go through the tail and the full path alike)."""
    folder = tmp_path_factory.mktemp("svans")
    text = HEADER + "\n" + "".join(pieces)
    outcomes = []
    for tail_bytes in (tail, 1 << 20, 0):
        path = folder / f"{tail_bytes}.csv"
        path.write_text(text, encoding="utf-8", newline="")
        before = path.read_bytes()
        saved = append._TAIL_PROOF_BYTES
        append._TAIL_PROOF_BYTES = tail_bytes
        try:
            append.append_row(path, {"datum": "2019-03-06", "typ": "kontakt"})
            outcomes.append("skrevs")
        except LofteError as error:
            assert path.read_bytes() == before
            outcomes.append(error.message.replace(path.name, "LOGG"))
        finally:
            append._TAIL_PROOF_BYTES = saved
    assert outcomes[0] == outcomes[1] == outcomes[2]


# ---- the fast paths' whole-block unquoting (log_dialect.unquoted_block)


def _bare_rows(text: str, delimiter: str) -> list[list[str]] | None:
    """The rows unquoted_block gives for whole lines `text`, or None when it declines."""
    bare = unquoted_block(text.encode().replace(delimiter.encode(), CELL_BREAK), delimiter.encode())
    if bare is None:
        return None
    lines = bare.split(b"\n")
    assert lines.pop() == b""
    return [[cell.decode() for cell in line.split(CELL_BREAK)] for line in lines]


@given(
    lines=st.lists(
        st.text(alphabet=['"', ",", ";", "a", "ö", " ", "\n"], max_size=14), max_size=8
    ),
    delimiter=st.sampled_from([",", ";"]),
)
@settings(max_examples=400)
def test_unquoted_blocks_are_read_as_the_csv_module_reads_them(
    lines: list[str], delimiter: str
) -> None:
    """Whatever the text, the block reader either declines or gives, line for line, the
    cells the csv module reads (an empty line is one empty cell, as the fast paths count)."""
    text = "".join(line + "\n" for line in lines)
    rows = _bare_rows(text, delimiter)
    if rows is None:
        return
    expected = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    assert rows == [row or [""] for row in expected]


_PLAIN_CELLS = st.text(alphabet=["a", "ö", " ", ",", ";"], max_size=5)
_QUOTED_CELLS = st.text(alphabet=["a", "ö", " ", ",", ";", '"', "\n"], max_size=6).map(
    lambda cell: '"' + cell.replace('"', '""') + '"'
)


@given(
    rows=st.lists(
        st.lists(st.one_of(_PLAIN_CELLS, _QUOTED_CELLS), min_size=1, max_size=5), max_size=8
    ),
    delimiter=st.sampled_from([",", ";"]),
)
@settings(max_examples=300)
def test_unquoted_blocks_of_quoted_cells_are_read_as_the_csv_module_reads_them(
    rows: list[list[str]], delimiter: str
) -> None:
    """Lines of whole cells, quoted (with delimiters, doubled quotes, line ends) or not:
    the block reader gives exactly the csv module's cells, and declines only a quoted cell
    that spans lines."""
    plain = [
        [cell if cell[:1] == '"' else cell.replace(delimiter, "") for cell in row]
        for row in rows
    ]
    text = "".join(delimiter.join(row) + "\n" for row in plain)
    found = _bare_rows(text, delimiter)
    if any("\n" in cell for row in plain for cell in row):
        assert found is None
        return
    expected = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    assert found == [row or [""] for row in expected]


def test_unquoted_blocks_take_whole_quoted_cells_and_decline_the_rest() -> None:
    assert _bare_rows('a,"b, c",d\n"",x\n"sa ""hej""",y\n', ",") == [
        ["a", "b, c", "d"],
        ["", "x"],
        ['sa "hej"', "y"],
    ]
    assert _bare_rows('a;"b; c"\n', ";") == [["a", "b; c"]]
    for declined in ['a"b",c\n', '"a"b,c\n', '"a,b\n', '"a\nb",c\n', 'a, "b"\n', '"a" ,b\n']:
        assert _bare_rows(declined, ",") is None, declined

