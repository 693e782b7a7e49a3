"""Undo and the record beside the log (docs/garantier.md): `log angra`, `log stryk --matning`,
`log stryk --kommentar`, `log kommentar --flytta`, `log lista --matningar/--kommentarer`, and
what every reader makes of a struck measurement or comment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Run, run_lofte, write

PROMISES = """
kommun: Exempelby
lokalpolisområde: Exempelområdet
period: 2019
aktivitetstyper:
  trygghetsvandring: Trygghetsvandring
områden:
  - namn: Mängdbrott
    löften:
      - id: vandringar
        text: Minst två trygghetsvandringar.
        mål: {typ: trygghetsvandring, minst: 2}
      - id: kontakter
        text: Medborgarkontakter.
        mål: {typ: trygghetsvandring, löpande: true}
    indikatorer:
      - id: inbrott
        namn: Anmälda bostadsinbrott
        källa: Exempeldata
        enhet: antal per år
        riktning: minska
        utgångsläge: {datum: 2018-12-31, värde: 43}
        mål: 35
"""
PROMISES_2020 = PROMISES.replace("period: 2019", "period: 2020")
LOG = (
    "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad\n"
    "2019-03-01,trygghetsvandring,1,Exempeldata: Torget,kommun,,,anna,2019-03-01T20:00:00+01:00\n"
    "2019-03-03,trygghetsvandring,1,Exempeldata: Skolan,kommun,,,anna,2019-03-03T20:00:00+01:00\n"
)
MEASUREMENTS = (
    "datum,indikator,värde,källa,registrerad_av,registrerad\n"
    "2019-03-31,inbrott,38,Exempeldata,anna,2019-04-01T09:00:00+02:00\n"
    "2019-05-31,inbrott,380,Exempeldata,anna,2019-06-01T09:00:00+02:00\n"
)
COMMENTS = (
    "datum,löfte,kommentar,registrerad_av,registrerad\n"
    "2019-04-02,vandringar,Exempeldata: vandringen ställdes in,anna,2019-04-02T09:00:00+02:00\n"
    "2019-04-03,kontakter,Exempeldata: bra kontakt,bo,2019-04-03T09:00:00+02:00\n"
)
TODAY = "2019-06-30"
CORRECTIONS = "logs/2019.rattelser.csv"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(tmp_path, "promises/2019.yaml", PROMISES)
    write(tmp_path, "logs/2019.csv", LOG)
    write(tmp_path, "logs/2019.matningar.csv", MEASUREMENTS)
    write(tmp_path, "logs/2019.kommentarer.csv", COMMENTS)
    return tmp_path


def lofte(root: Path, *args: str, today: str = TODAY) -> Run:
    return run_lofte(*args, cwd=root, today=today)


def status(root: Path) -> dict[str, object]:
    result = lofte(root, "status", "--format", "json")
    assert result.exit_code == 0, result.stderr
    found: dict[str, object] = json.loads(result.stdout)
    return found


def done(root: Path) -> dict[str, int]:
    return {p["id"]: p["done"] for p in status(root)["promises"]}  # type: ignore[attr-defined]


def listed(root: Path, *option: str, today: str = TODAY) -> list[dict[str, object]]:
    result = lofte(root, "log", "lista", *option, "--format", "json", today=today)
    assert result.exit_code == 0, result.stderr
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "logs").iterdir())}


def check_passes(root: Path) -> None:
    result = lofte(root, "check")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


# --- log angra --------------------------------------------------------------------------------


def test_angra_takes_back_a_strike_and_the_row_counts_again(repo: Path) -> None:
    assert lofte(repo, "log", "stryk", "2", "--skal", "dubblett").exit_code == 0
    assert done(repo)["vandringar"] == 1
    before = files(repo)
    result = lofte(repo, "log", "angra", "2", "--skal", "var ingen dubblett")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Ångrad: logs/2019.csv:2 (")
    assert done(repo)["vandringar"] == 2
    assert [r["struck"] for r in listed(repo)] == [False, False]
    after = files(repo)
    # append-only: the log unchanged, one record added to the corrections
    assert after["2019.csv"] == before["2019.csv"]
    assert after["2019.rattelser.csv"].startswith(before["2019.rattelser.csv"])
    assert after["2019.rattelser.csv"].decode().splitlines()[-1].startswith("ångra,")
    check_passes(repo)


def test_angra_of_a_correction_strikes_its_copy(repo: Path) -> None:
    assert lofte(repo, "log", "ratta", "2", "--antal", "5", "--skal", "fel antal").exit_code == 0
    assert done(repo)["vandringar"] == 6
    result = lofte(repo, "log", "angra", "2", "--skal", "antalet var rätt")
    assert result.exit_code == 0, result.stderr
    assert "Den rättade kopian, rad 4, är struken" in result.stdout
    assert done(repo)["vandringar"] == 2
    rows = listed(repo)
    assert [(r["line"], r["struck"]) for r in rows] == [(2, False), (3, False), (4, True)]
    assert rows[2]["struck_reason"] == "antalet var rätt"
    detail = lofte(repo, "status", "2019", "vandringar", "--format", "json").stdout
    shown = [r for r in json.loads(detail)["not_counted"] if r["line"] == 4]
    assert shown and "antalet var rätt" in json.dumps(shown, ensure_ascii=False)
    check_passes(repo)


def test_angra_on_the_corrected_copy_takes_back_its_correction(repo: Path) -> None:
    assert lofte(repo, "log", "ratta", "2", "--antal", "5", "--skal", "fel antal").exit_code == 0
    result = lofte(repo, "log", "angra", "4", "--skal", "antalet var rätt")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Ångrad: logs/2019.csv:2 (")
    assert [r["struck"] for r in listed(repo)] == [False, False, True]


def test_a_chain_of_corrections_is_taken_back_one_step_at_a_time(repo: Path) -> None:
    assert lofte(repo, "log", "ratta", "2", "--antal", "5", "--skal", "fel").exit_code == 0
    assert lofte(repo, "log", "ratta", "4", "--antal", "7", "--skal", "fel igen").exit_code == 0
    assert done(repo)["vandringar"] == 8
    before = files(repo)
    refused = lofte(repo, "log", "angra", "2", "--skal", "x")
    assert refused.exit_code == 1
    assert "'lofte log angra 4', sedan 'lofte log angra 2'" in refused.stderr
    assert files(repo) == before
    assert lofte(repo, "log", "angra", "4", "--skal", "fem var rätt").exit_code == 0
    assert done(repo)["vandringar"] == 6
    assert lofte(repo, "log", "angra", "2", "--skal", "ett var rätt").exit_code == 0
    assert done(repo)["vandringar"] == 2
    assert [r["struck"] for r in listed(repo)] == [False, False, True, True]
    check_passes(repo)


def test_strike_again_after_an_undo(repo: Path) -> None:
    assert lofte(repo, "log", "stryk", "2", "--skal", "a").exit_code == 0
    assert lofte(repo, "log", "angra", "2", "--skal", "b").exit_code == 0
    assert lofte(repo, "log", "stryk", "2", "--skal", "c").exit_code == 0
    assert done(repo)["vandringar"] == 1
    assert listed(repo)[0]["struck_reason"] == "c"
    check_passes(repo)


@pytest.mark.parametrize(
    ("setup", "args", "words"),
    [
        ((), ("3",), "Rad 3 är varken struken eller rättad"),
        ((), ("1",), "rubrikraden"),
        ((), ("9",), "Rad 9 i logs/2019.csv är ingen loggrad"),
        ((("ratta", "2", "--antal", "5"), ("angra", "2")), ("4",), "Rad 4 ströks när rättningen"),
    ],
)
def test_angra_refuses_and_writes_nothing(
    repo: Path, setup: tuple[tuple[str, ...], ...], args: tuple[str, ...], words: str
) -> None:
    for step in setup:
        assert lofte(repo, "log", *step, "--skal", "x").exit_code == 0
    before = files(repo)
    result = lofte(repo, "log", "angra", *args, "--skal", "x")
    assert result.exit_code == 1
    assert words in result.stderr
    assert files(repo) == before


def test_angra_refuses_an_empty_reason_and_a_personnummer(repo: Path) -> None:
    assert lofte(repo, "log", "stryk", "2", "--skal", "x").exit_code == 0
    before = files(repo)
    assert lofte(repo, "log", "angra", "2", "--skal", " ").exit_code == 1
    refused = lofte(repo, "log", "angra", "2", "--skal", "gäller 19900312-4410")
    assert refused.exit_code == 1 and "4410" not in refused.stderr
    assert files(repo) == before


# --- measurements -----------------------------------------------------------------------------


def test_a_struck_measurement_is_gone_from_every_output(repo: Path) -> None:
    assert status(repo)["indicators"][0]["latest"] == {"date": "2019-05-31", "value": 380}  # type: ignore[index]
    result = lofte(repo, "log", "stryk", "--matning", "3", "--skal", "felskrivet")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Struken: logs/2019.matningar.csv:3 (")
    indicator = status(repo)["indicators"][0]  # type: ignore[index]
    assert indicator["latest"] == {"date": "2019-03-31", "value": 38}
    assert indicator["trend"] == "improved"
    for args in (
        ("status",),
        ("status", "2019", "inbrott"),
        ("rapport", "2019", "--format", "html"),
        ("rapport", "2019", "--format", "markdown"),
        ("oversikt",),
    ):
        shown = lofte(repo, *args)
        assert shown.exit_code == 0, (args, shown.stderr)
        assert "380" not in shown.stdout, args
    site = repo / "_site"
    assert lofte(repo, "webb", "-o", str(site)).exit_code == 0
    for page in site.rglob("*"):
        if page.is_file() and page.suffix in (".html", ".json", ".csv"):
            assert "380" not in page.read_text(encoding="utf-8"), page
    rows = listed(repo, "--matningar")
    assert [(r["line"], r["value"], r["struck"]) for r in rows] == [(2, 38, False), (3, 380, True)]
    assert rows[1]["struck_reason"] == "felskrivet"
    check_passes(repo)


def test_a_struck_bad_measurement_no_longer_fails_check(repo: Path) -> None:
    bad = "2019-06-01,inbrott,3..8,Exempeldata,anna,2019-06-02T09:00:00+02:00\n"
    (repo / "logs/2019.matningar.csv").write_text(MEASUREMENTS + bad, encoding="utf-8")
    assert "E081" in lofte(repo, "check").stdout
    assert lofte(repo, "log", "stryk", "--matning", "4", "--skal", "fel värde").exit_code == 0
    check_passes(repo)
    assert lofte(repo, "log", "angra", "--matning", "4", "--skal", "ångrat").exit_code == 0
    assert "E081" in lofte(repo, "check").stdout


def test_stryk_matning_refuses_what_is_not_there(repo: Path) -> None:
    before = files(repo)
    result = lofte(repo, "log", "stryk", "--matning", "7", "--skal", "x")
    assert result.exit_code == 1
    assert "'lofte log lista --matningar'" in result.stderr
    assert lofte(repo, "log", "stryk", "--matning", "2", "--skal", "x").exit_code == 0
    again = lofte(repo, "log", "stryk", "--matning", "2", "--skal", "x")
    assert again.exit_code == 1 and "redan struken" in again.stderr
    both = lofte(repo, "log", "stryk", "2", "--matning", "2", "--skal", "x")
    assert both.exit_code == 2
    assert files(repo)["2019.csv"] == before["2019.csv"]


def test_log_lista_matningar_as_csv_and_table(repo: Path) -> None:
    assert lofte(repo, "log", "stryk", "--matning", "3", "--skal", "felskrivet").exit_code == 0
    csv_text = lofte(repo, "log", "lista", "--matningar", "--format", "csv").stdout
    assert csv_text.splitlines()[1:] == [
        "2;2019-03-31;inbrott;38;Exempeldata;anna;2019-04-01T09:00:00+02:00;",
        "3;2019-05-31;inbrott;380;Exempeldata;anna;2019-06-01T09:00:00+02:00;"
        "struken: felskrivet (test)",
    ]
    table = lofte(repo, "log", "lista", "--matningar").stdout
    assert "3 ✘" in table and "✘ rad 3: struken: felskrivet (test)" in table
    typ = lofte(repo, "log", "lista", "--matningar", "--typ", "trygghetsvandring")
    assert typ.exit_code == 2


# --- comments ---------------------------------------------------------------------------------


def test_a_struck_comment_is_gone_from_every_output(repo: Path) -> None:
    gone = "vandringen ställdes in"
    assert gone in lofte(repo, "rapport", "2019", "--format", "markdown").stdout
    result = lofte(repo, "log", "stryk", "--kommentar", "2", "--skal", "fel löfte")
    assert result.exit_code == 0, result.stderr
    for args in (
        ("status", "2019", "vandringar"),
        ("rapport", "2019", "--format", "html"),
        ("rapport", "2019", "--format", "markdown"),
        ("status", "--format", "json"),
    ):
        assert gone not in lofte(repo, *args).stdout, args
    rows = listed(repo, "--kommentarer")
    assert [(r["line"], r["promise"], r["struck"]) for r in rows] == [
        (2, "vandringar", True),
        (3, "kontakter", False),
    ]
    check_passes(repo)


def test_flytta_moves_a_comment_to_another_promise(repo: Path) -> None:
    before = files(repo)
    result = lofte(repo, "log", "kommentar", "--flytta", "2", "--lofte", "kontakter")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Flyttad: kommentaren logs/2019.kommentarer.csv:2 är struken och sparad som "
        "logs/2019.kommentarer.csv:4 (löftet kontakter, perioden 2019).\n"
    )
    after = files(repo)
    assert after["2019.kommentarer.csv"].startswith(before["2019.kommentarer.csv"])
    rows = listed(repo, "--kommentarer")
    assert [(r["line"], r["promise"], r["struck"]) for r in rows] == [
        (2, "vandringar", True),
        (3, "kontakter", False),
        (4, "kontakter", False),
    ]
    assert rows[2]["date"] == "2019-04-02" and rows[2]["registered_by"] == "anna"
    assert "vandringen ställdes in" in lofte(repo, "status", "2019", "kontakter").stdout
    assert "vandringen ställdes in" not in lofte(repo, "status", "2019", "vandringar").stdout
    check_passes(repo)


def test_flytta_moves_a_comment_to_another_period(repo: Path) -> None:
    write(repo, "promises/2020.yaml", PROMISES_2020)
    comment = "2020-01-20,vandringar,Exempeldata: årets analys,anna,2020-01-20T09:00:00+01:00\n"
    write(repo, "logs/2020.kommentarer.csv", COMMENTS.splitlines(keepends=True)[0] + comment)
    result = lofte(
        repo, "log", "kommentar", "--flytta", "2", "--period", "2019", today="2020-02-01"
    )
    assert result.exit_code == 0, result.stderr
    assert "sparad som logs/2019.kommentarer.csv:4" in result.stdout
    moved = listed(repo, "2019", "--kommentarer", today="2020-02-01")[-1]
    assert (moved["line"], moved["date"], moved["comment"]) == (
        4,
        "2020-01-20",
        "Exempeldata: årets analys",
    )
    assert listed(repo, "2020", "--kommentarer", today="2020-02-01")[0]["struck"] is True
    result = lofte(repo, "check", today="2020-02-01")
    assert result.exit_code == 0, result.stdout


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("--flytta", "2"), 2, "--period, --lofte"),
        (("--flytta", "2", "--lofte", "vandringar"), 1, "står redan under löftet vandringar"),
        (("--flytta", "2", "--lofte", "okant"), 1, "okant"),
        (("--flytta", "9", "--lofte", "kontakter"), 1, "Rad 9 i logs/2019.kommentarer.csv"),
        (("vandringar", "text", "--flytta", "2"), 2, "--flytta"),
        (("vandringar",), 2, "Ange löftets id och kommentaren"),
    ],
)
def test_flytta_refuses_and_writes_nothing(
    repo: Path, args: tuple[str, ...], code: int, words: str
) -> None:
    before = files(repo)
    result = lofte(repo, "log", "kommentar", *args)
    assert result.exit_code == code
    assert words in result.stderr
    assert files(repo) == before


# --- W003 and struck rows ---------------------------------------------------------------------


def test_a_struck_row_is_never_counted_as_a_copy(repo: Path) -> None:
    row = LOG.splitlines(keepends=True)[1]
    (repo / "logs/2019.csv").write_text(LOG + row + row, encoding="utf-8")
    before = lofte(repo, "check").stdout
    assert "logs/2019.csv:4: varning W003: Raden är en exakt kopia av rad 2." in before
    assert "logs/2019.csv:5: varning W003: Raden är en exakt kopia av rad 2." in before
    assert lofte(repo, "log", "stryk", "2", "--skal", "dubblett").exit_code == 0
    after = lofte(repo, "check")
    assert after.stdout == (
        "logs/2019.csv:5: varning W003: Raden är en exakt kopia av rad 4.\n1 varning i 1 fil.\n"
    )
    assert lofte(repo, "log", "stryk", "5", "--skal", "dubblett").exit_code == 0
    check_passes(repo)
