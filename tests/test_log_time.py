"""At log time (docs/format.md §3, §6): no personnummer in free text, why a row counts toward
nothing, a warning for a large antal, and the words `--datum` takes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import MINIMAL_PROMISES, Run, run_lofte, write

from medborgarlofte.core.daywords import parse_day

PROMISES = """
kommun: Exempelby
lokalpolisområde: Exempelområdet
period: 2019
aktivitetstyper:
  trygghetsvandring: Trygghetsvandring
  kontakt: Medborgarkontakt
  kontroll: Trafikkontroll
deltagare:
  grannsamverkan: Grannsamverkan
områden:
  - namn: Trygghet
    löften:
      - id: vandringar
        text: Minst två trygghetsvandringar med kommunen eller grannsamverkan.
        mål: {typ: trygghetsvandring, minst: 2, deltagare: [kommun, grannsamverkan]}
      - id: kvallskontakter
        text: Minst tio kontakter på kvällen.
        mål: {typ: kontakt, minst: 10, taggar: [kvall, natt]}
"""
TODAY = "2019-06-30"  # a Sunday


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(tmp_path, "promises/2019.yaml", PROMISES)
    return tmp_path


def insats(root: Path, *args: str) -> Run:
    return run_lofte("log", "insats", *args, cwd=root, today=TODAY)


def log_text(root: Path) -> str:
    path = root / "logs/2019.csv"
    return path.read_text(encoding="utf-8") if path.exists() else ""


# personnummer


@pytest.mark.parametrize(
    ("option", "value", "kind"),
    [
        ("--plats", "Hos 19121212-1212", "personnummer"),
        ("--beskrivning", "ringde 121212-1212 om cykeln", "personnummer"),
        ("--tagg", "191212121212", "personnummer"),
        ("--beskrivning", "1912127212+38", "personnummer"),
        ("--plats", "701063-2391", "samordningsnummer"),
    ],
)
def test_a_personnummer_in_free_text_is_refused_and_never_echoed(
    repo: Path, option: str, value: str, kind: str
) -> None:
    result = insats(repo, "--typ", "kontakt", option, value)
    assert result.exit_code == 1
    assert f"{option} ser ut att innehålla ett {kind}" in result.stderr
    assert "--inte-personnummer" in result.stderr
    digits = "".join(c for c in value if c.isdigit())
    assert digits[-4:] not in result.stderr + result.stdout
    assert log_text(repo) == ""


def test_inte_personnummer_lets_a_false_positive_through(repo: Path) -> None:
    result = insats(
        repo, "--typ", "kontakt", "--beskrivning", "ärende 19121212-1212", "--inte-personnummer"
    )
    assert result.exit_code == 0, result.stderr
    assert "ärende 19121212-1212" in log_text(repo)


# why a row counts toward nothing


def test_a_row_without_the_deltagare_says_which_would_count(repo: Path) -> None:
    result = insats(repo, "--typ", "trygghetsvandring", "--plats", "Torget")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:] == [
        "Raden räknas inte mot något löfte.",
        "  vandringar: räknar bara med kommun eller grannsamverkan",
    ]


def test_a_row_without_the_tag_says_which_tags_count(repo: Path) -> None:
    result = insats(repo, "--typ", "kontakt", "--tagg", "dag")
    assert result.stdout.splitlines()[1:] == [
        "Raden räknas inte mot något löfte.",
        "  kvallskontakter: räknar bara med taggen kvall eller natt",
    ]


def test_a_typ_no_promise_counts_says_so(repo: Path) -> None:
    result = insats(repo, "--typ", "kontroll")
    assert result.stdout.splitlines()[1:] == [
        "Raden räknas inte mot något löfte.",
        "  Inget löfte räknar typen kontroll.",
    ]


# antal


def test_a_large_antal_is_saved_with_a_warning(repo: Path) -> None:
    quiet = insats(repo, "--typ", "kontakt", "--tagg", "kvall", "--antal", "500")
    assert quiet.exit_code == 0 and "ovanligt stort" not in quiet.stderr
    loud = insats(repo, "--typ", "kontakt", "--tagg", "kvall", "--antal", "501")
    assert loud.exit_code == 0
    assert loud.stderr == (
        "lofte: varning: --antal 501 är ovanligt stort (över 500). Stämmer det? "
        "Annars: 'lofte log ratta 3 --antal N --skal \"fel antal\"'.\n"
    )


@pytest.mark.parametrize("count", ["99999999999999999999", "1000000000", "١٢"])
def test_an_antal_the_log_would_reject_is_refused(repo: Path, count: str) -> None:
    result = insats(repo, "--typ", "kontakt", "--antal", count)
    assert result.exit_code == 1
    assert "--antal ska vara ett positivt heltal" in result.stderr
    assert log_text(repo) == ""


# --datum


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("idag", "2019-06-30"),
        ("igår", "2019-06-29"),
        ("IGAR", "2019-06-29"),
        ("förrgår", "2019-06-28"),
        ("forrgar", "2019-06-28"),
        ("söndag", "2019-06-30"),  # today is a Sunday: the latest Sunday is today
        ("måndag", "2019-06-24"),
        ("Lördag", "2019-06-29"),
        ("-1", "2019-06-29"),
        ("-0", "2019-06-30"),
        ("-31", "2019-05-30"),
        ("2019-02-03", "2019-02-03"),
    ],
)
def test_day_words(text: str, expected: str) -> None:
    assert parse_day(text, date(2019, 6, 30)) == date.fromisoformat(expected)


def test_a_weekday_on_a_wednesday() -> None:
    wednesday = date(2019, 6, 26)
    assert parse_day("onsdag", wednesday) == wednesday
    assert parse_day("torsdag", wednesday) == date(2019, 6, 20)


@pytest.mark.parametrize("text", ["imorgon", "+2", "-", "2019-02-30", "30/6", "-1x"])
def test_no_day(text: str) -> None:
    assert parse_day(text, date(2019, 6, 30)) is None


def test_insats_and_kommentar_take_day_words(repo: Path) -> None:
    assert insats(repo, "--typ", "kontakt", "--datum", "fredag", "--tyst").exit_code == 0
    assert log_text(repo).splitlines()[1].startswith("2019-06-28,kontakt,")
    assert insats(repo, "--typ", "kontakt", "--datum", "-3", "--tyst").exit_code == 0
    assert log_text(repo).splitlines()[2].startswith("2019-06-27,kontakt,")
    comment = run_lofte(
        "log", "kommentar", "vandringar", "Inställd", "--datum", "igår", cwd=repo, today=TODAY
    )
    assert comment.exit_code == 0, comment.stderr
    assert "daterad 2019-06-29" in comment.stdout
    bad = insats(repo, "--typ", "kontakt", "--datum", "imorgon")
    assert bad.exit_code == 1
    assert "'imorgon' är inget giltigt datum" in bad.stderr and "förrgår" in bad.stderr


def test_a_comment_with_a_personnummer_is_refused(repo: Path) -> None:
    args = ["log", "kommentar", "vandringar", "Gällde 19121212-1212"]
    refused = run_lofte(*args, cwd=repo, today=TODAY)
    assert refused.exit_code == 1
    assert "TEXT ser ut att innehålla ett personnummer" in refused.stderr
    assert "1212" not in refused.stderr
    assert not (repo / "logs/2019.kommentarer.csv").exists()
    allowed = run_lofte(*args, "--inte-personnummer", cwd=repo, today=TODAY)
    assert allowed.exit_code == 0, allowed.stderr


def test_check_warns_of_a_personnummer_in_a_correction_reason(repo: Path) -> None:
    assert insats(repo, "--typ", "kontakt", "--tyst").exit_code == 0
    strike = run_lofte(
        "log", "stryk", "2", "--skal", "19121212-1212", "--inte-personnummer", cwd=repo, today=TODAY
    )
    assert strike.exit_code == 0
    check = run_lofte("check", cwd=repo, today=TODAY)
    assert check.exit_code == 0
    assert check.stdout.splitlines()[0] == (
        "logs/2019.rattelser.csv:2: varning W001: Ser ut som ett personnummer i 'skäl': "
        "personuppgifter hör inte hemma i loggen."
    )


def test_per_takes_the_same_day_words_as_datum(tmp_path: Path) -> None:
    """`--per igår` and `--per -7` name the same day as the date they stand for, in every
    command with --per; a word that is no day is wrong usage (exit 2)."""
    write(tmp_path, "promises/2019.yaml", MINIMAL_PROMISES.format(period=2019))
    for command in (["status", "2019"], ["rapport", "2019", "-f", "markdown"], ["oversikt"]):
        words = run_lofte(*command, "--per", "igår", cwd=tmp_path, today="2019-06-30")
        dated = run_lofte(*command, "--per", "2019-06-29", cwd=tmp_path, today="2019-06-30")
        assert words.exit_code == dated.exit_code == 0, words.stderr
        assert words.stdout == dated.stdout
    week = run_lofte("status", "2019", "--per=-7", "-f", "json", cwd=tmp_path, today="2019-06-30")
    assert week.exit_code == 0 and '"as_of": "2019-06-23"' in week.stdout
    bad = run_lofte("status", "2019", "--per", "imorgon", cwd=tmp_path, today="2019-06-30")
    assert bad.exit_code == 2 and "'imorgon' är inget giltigt datum" in bad.stderr
