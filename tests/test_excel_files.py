"""Logs saved by Excel and other editors read exactly like the canonical file, and Excel's
habits that change meaning are refused with what to write instead (docs/format.md §3).

Each variant rewrites the shipped example log (example data) the way an editor would and
compares the whole `status --format json` with the canonical file's.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import run_lofte, write

HEADER = "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad"
Rows = list[list[str]]


def _rows(root: Path) -> Rows:
    with (root / "logs/2019.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _csv(rows: Rows, delimiter: str = ",", newline: str = "\n") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return buffer.getvalue()


def _upper_slugs(rows: Rows) -> Rows:
    header, *body = rows
    slug_columns = [header.index(c) for c in ("typ", "deltagare", "taggar")]
    return [header] + [
        [cell.upper() if i in slug_columns else cell for i, cell in enumerate(row)] for row in body
    ]


def _spaces(rows: Rows) -> Rows:
    header, *body = rows
    return [[f" {h} " for h in header]] + [[f"  {cell} " for cell in row] for row in body]


def _shuffled_columns(rows: Rows) -> Rows:
    order = [8, 6, 2, 0, 5, 1, 3, 4, 7]
    return [[row[i] for i in order] + ["extra"] for row in rows]


def _excel_swedish(rows: Rows) -> bytes:
    """Excel with Swedish settings, 'CSV UTF-8': BOM, semicolons, CRLF, a blank last row."""
    text = _csv(rows, ";", "\r\n") + ";;;;;;;;\r\n"
    return b"\xef\xbb\xbf" + text.encode("utf-8")


VARIANTS: dict[str, Callable[[Rows], bytes]] = {
    "semikolon": lambda rows: _csv(rows, ";").encode(),
    "bom": lambda rows: b"\xef\xbb\xbf" + _csv(rows).encode(),
    "crlf": lambda rows: _csv(rows, newline="\r\n").encode(),
    "tom-sista-rad": lambda rows: (_csv(rows) + "\n,,,,,,,,\n").encode(),
    "mellanslag": lambda rows: _csv(_spaces(rows)).encode(),
    "nfd": lambda rows: unicodedata.normalize("NFD", _csv(rows)).encode(),
    "versaler": lambda rows: _csv(_upper_slugs(rows)).encode(),
    "kolumnordning": lambda rows: _csv(_shuffled_columns(rows)).encode(),
    "excel-svenska": _excel_swedish,
    "allt-på-en-gång": lambda rows: (
        b"\xef\xbb\xbf"
        + unicodedata.normalize(
            "NFD", _csv(_spaces(_upper_slugs(_shuffled_columns(rows))), ";", "\r\n") + "\r\n"
        ).encode()
    ),
}


def _status(root: Path, per: str) -> tuple[int, str, str]:
    result = run_lofte("status", "2019", "--per", per, "-f", "json", cwd=root)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_an_edited_log_reads_exactly_like_the_canonical_one(
    example_repo: Path, variant: str
) -> None:
    canonical = [_status(example_repo, per) for per in ("2019-06-30", "2019-12-31")]
    assert canonical[0][0] == 0 and canonical[0][2] == ""
    log = example_repo / "logs/2019.csv"
    log.write_bytes(VARIANTS[variant](_rows(example_repo)))
    assert [_status(example_repo, per) for per in ("2019-06-30", "2019-12-31")] == canonical
    check = run_lofte("check", cwd=example_repo)
    assert (check.exit_code, check.stderr) == (0, "")


def _small_repo(root: Path, log_bytes: bytes) -> Path:
    write(
        root,
        "promises/2019.yaml",
        """
        kommun: Exempelby
        period: 2019
        aktivitetstyper:
          kontakt: Medborgarkontakt
        områden:
          - namn: Trygghet
            löften:
              - id: kontakter
                text: Minst tre kontakter.
                mål: {typ: kontakt, minst: 3}
        """,
    )
    (root / "logs").mkdir()
    (root / "logs/2019.csv").write_bytes(log_bytes)
    return root


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "5/6/2019;kontakt;1",
            "logs/2019.csv:3: fel E021: Ogiltigt datum '5/6/2019' (ser ut som Excels "
            "datumformat): skriv ÅÅÅÅ-MM-DD, till exempel 2019-06-05.",
        ),
        (
            "05.06.2019;kontakt;1",
            "logs/2019.csv:3: fel E021: Ogiltigt datum '05.06.2019' (ser ut som Excels "
            "datumformat): skriv ÅÅÅÅ-MM-DD, till exempel 2019-06-05.",
        ),
        (
            "2019-06-05;kontakt;2,5",
            "logs/2019.csv:3: fel E025: Ogiltigt antal '2,5': skriv ett positivt heltal, "
            "utan decimaler.",
        ),
        (
            "2019-06-05;kontakt;3,0",
            "logs/2019.csv:3: fel E025: Ogiltigt antal '3,0': skriv ett positivt heltal, "
            "utan decimaler.",
        ),
    ],
)
def test_excel_habits_that_change_meaning_are_refused_with_what_to_write(
    tmp_path: Path, row: str, expected: str
) -> None:
    log = f"datum;typ;antal\r\n2019-06-01;kontakt;1\r\n{row}\r\n2019-06-07;kontakt;1\r\n"
    root = _small_repo(tmp_path, b"\xef\xbb\xbf" + log.encode())
    check = run_lofte("check", cwd=root, today="2019-06-30")
    assert (check.exit_code, check.stdout) == (1, f"{expected}\n1 fel i 1 fil.\n")
    # status leaves the row out (it would change the count) and says so
    status = run_lofte("status", "--per", "2019-06-30", "-f", "json", cwd=root, today="2019-06-30")
    assert status.exit_code == 0
    assert '"done": 2,' in status.stdout
    assert status.stderr == (
        "lofte: varning W004: Rader som inte kunde läsas lämnades utanför: 1 st. "
        "Kör 'lofte check'.\n"
    )


def test_a_windows_1252_log_is_explained_not_misread(tmp_path: Path) -> None:
    text = f"{HEADER}\n2019-06-01,kontakt,1,Torget,,,,,\n2019-06-02,kontakt,1,Älvsbyn,,,,,\n"
    root = _small_repo(tmp_path, text.encode("cp1252"))
    expected = (
        "logs/2019.csv:3: fel E027: Filen är inte UTF-8 (den ser ut att vara sparad som "
        "Windows-1252/Latin-1, ett äldre Excel-format). Spara den som CSV UTF-8 (i Excel: "
        "'CSV UTF-8').\n"
    )
    status = run_lofte("status", "--per", "2019-06-30", cwd=root, today="2019-06-30")
    assert (status.exit_code, status.stdout) == (1, "")
    assert status.stderr == f"{expected}lofte: Loggen logs/2019.csv kan inte läsas.\n"
    check = run_lofte("check", cwd=root, today="2019-06-30")
    assert (check.exit_code, check.stdout) == (1, f"{expected}1 fel i 1 fil.\n")


def test_excels_unicode_text_utf16_is_named(tmp_path: Path) -> None:
    text = f"{HEADER}\n2019-06-01,kontakt,1,,,,,,\n".replace(",", "\t")
    root = _small_repo(tmp_path, text.encode("utf-16"))
    status = run_lofte("status", "--per", "2019-06-30", cwd=root, today="2019-06-30")
    assert status.exit_code == 1
    assert status.stderr.splitlines()[0] == (
        "logs/2019.csv:1: fel E027: Filen är inte UTF-8 (den är sparad som UTF-16, i Excel "
        "'Unicode-text'). Spara den som CSV UTF-8 (i Excel: 'CSV UTF-8')."
    )
