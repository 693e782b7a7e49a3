"""Correcting the record (docs/garantier.md): `log lista`, `stryk`, `ratta`, `radera`, and what
every reader makes of a struck or erased row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Run, assert_golden, git, run_lofte, write

from medborgarlofte.core.problems import LofteError
from medborgarlofte.load.corrections import (
    Action,
    corrections_rel,
    key_hash,
    read_corrections,
    reference,
    referenced_rows,
)
from medborgarlofte.load.log_file import LogRows

PROMISES = """
kommun: Exempelby
lokalpolisområde: Exempelområdet
period: 2019
aktivitetstyper:
  trygghetsvandring: Trygghetsvandring
  kontakt: Medborgarkontakt
deltagare:
  grannsamverkan: Grannsamverkan
områden:
  - namn: Trygghet
    löften:
      - id: vandringar
        text: Minst två trygghetsvandringar med kommunen eller grannsamverkan.
        mål:
          typ: trygghetsvandring
          minst: 2
          deltagare: [kommun, grannsamverkan]
      - id: kvallskontakter
        text: Minst tio kontakter på kvällen.
        mål: {typ: kontakt, minst: 10, taggar: [kvall]}
"""
HEADER = "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad\n"
# Example data: made-up rows.
ROWS = [
    "2019-03-01,trygghetsvandring,1,Torget,kommun,,Exempeldata: a,anna,2019-03-01T20:00:00+01:00\n",
    "2019-03-02,kontakt,4,Hamnen,,kvall;Exempeldata,Exempeldata: b,bo,2019-03-02T20:00:00+01:00\n",
    "2019-03-03,trygghetsvandring,1,Skolan,kommun,,Exempeldata: c,anna,2019-03-03T20:00:00+01:00\n",
]
TODAY = "2019-06-30"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(tmp_path, "promises/2019.yaml", PROMISES)
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs/2019.csv").write_text(HEADER + "".join(ROWS), encoding="utf-8")
    return tmp_path


def lofte(root: Path, *args: str, **env: str) -> Run:
    return run_lofte(*args, cwd=root, today=TODAY, **env)


def done(root: Path) -> dict[str, int]:
    result = lofte(root, "status", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return {p["id"]: p["done"] for p in json.loads(result.stdout)["promises"]}


def files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "logs").iterdir())}


# Row references


def test_a_reference_is_a_hash_of_the_kept_cells_and_counts_equal_rows(tmp_path: Path) -> None:
    same = "2019-03-01,kontakt,1,{},,,,,\n"
    path = write(tmp_path, "logs/2019.csv", HEADER + same.format("A") + same.format("B"))
    rows = list(referenced_rows(LogRows(path, "logs/2019.csv")))
    hashed = key_hash(["2019-03-01", "kontakt", "1", "", "", ""])
    # plats is free text: it is not in the reference, so erasing it changes nothing
    assert [r.ref for r in rows] == [hashed, f"{hashed}-2"]
    assert reference(hashed, 1) == hashed and len(hashed) == 10


def test_the_side_file_sits_beside_the_log() -> None:
    assert corrections_rel("logs/kalix/2019.csv") == "logs/kalix/2019.rattelser.csv"


# stryk


def test_stryk_makes_a_row_count_for_nothing_and_leaves_the_log_bytes(repo: Path) -> None:
    before = (repo / "logs/2019.csv").read_bytes()
    assert done(repo) == {"vandringar": 2, "kvallskontakter": 4}
    result = lofte(repo, "log", "stryk", "2", "--skal", "fel dag", "--av", "Cecilia")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Struken: logs/2019.csv:2 (")
    assert (repo / "logs/2019.csv").read_bytes() == before
    assert done(repo) == {"vandringar": 1, "kvallskontakter": 4}
    (record,) = read_corrections(repo, "logs/2019.csv").records
    assert (record.action, record.reason, record.registered_by) == (
        Action.STRIKE,
        "fel dag",
        "Cecilia",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["1", "--skal", "x"], "rubrikraden"),
        (["9", "--skal", "x"], "Rad 9 i logs/2019.csv är ingen loggrad (sista raden är 4)"),
        (["2", "--skal", "  "], "--skal får inte vara tomt"),
    ],
)
def test_stryk_refuses_and_writes_nothing(repo: Path, args: list[str], message: str) -> None:
    before = files(repo)
    result = lofte(repo, "log", "stryk", *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert files(repo) == before


def test_stryk_refuses_a_row_already_struck(repo: Path) -> None:
    assert lofte(repo, "log", "stryk", "2", "--skal", "fel dag", "--av", "Cecilia").exit_code == 0
    before = files(repo)
    result = lofte(repo, "log", "stryk", "2", "--skal", "igen")
    assert result.exit_code == 1
    assert "Rad 2 är redan struken av Cecilia" in result.stderr and "fel dag" in result.stderr
    assert files(repo) == before


def test_a_personnummer_in_the_reason_is_refused_unless_said_otherwise(repo: Path) -> None:
    result = lofte(repo, "log", "stryk", "2", "--skal", "gällde 19121212-1212")
    assert result.exit_code == 1
    assert "--skal ser ut att innehålla ett personnummer" in result.stderr
    assert "1212" not in result.stderr
    assert not (repo / "logs/2019.rattelser.csv").exists()
    ok = lofte(repo, "log", "stryk", "2", "--skal", "ärende 19121212-1212", "--inte-personnummer")
    assert ok.exit_code == 0


# ratta


def test_ratta_strikes_and_appends_the_corrected_copy(repo: Path) -> None:
    result = lofte(
        repo, "log", "ratta", "3", "--antal", "9", "--skal", "fel antal", "--av", "Cecilia"
    )
    assert result.exit_code == 0, result.stderr
    assert "Rättad: logs/2019.csv:3" in result.stdout and "ersatt av rad 5" in result.stdout
    lines = (repo / "logs/2019.csv").read_text(encoding="utf-8").splitlines()
    assert lines[:4] == [HEADER.rstrip("\n"), *(r.rstrip("\n") for r in ROWS)]
    cells = lines[4].split(",")
    assert cells[:7] == [
        "2019-03-02",
        "kontakt",
        "9",
        "Hamnen",
        "",
        "kvall;Exempeldata",
        "Exempeldata: b",
    ]
    assert cells[7] == "Cecilia"
    assert done(repo) == {"vandringar": 2, "kvallskontakter": 9}
    (record,) = read_corrections(repo, "logs/2019.csv").records
    rows = list(referenced_rows(LogRows(repo / "logs/2019.csv", "logs/2019.csv")))
    assert record.action is Action.CORRECT
    assert (record.ref, record.new_ref) == (rows[1].ref, rows[3].ref)
    assert lofte(repo, "check").exit_code == 0
    again = lofte(repo, "log", "ratta", "3", "--antal", "8", "--skal", "fel igen")
    assert again.exit_code == 1
    assert again.stderr == (
        "lofte: Rad 3 är redan struken av Cecilia"
        f" {again_date(repo)}: fel antal. Inget skrevs. "
        "Den rättade kopian är rad 5; rätta eller stryk den i stället.\n"
    )


def again_date(root: Path) -> str:
    return read_corrections(root, "logs/2019.csv").records[0].registered[:10]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["3", "--skal", "x"], "Ange minst ett fält att rätta"),
        (["3", "--typ", "kontroll", "--skal", "x"], "Okänd aktivitetstyp 'kontroll'"),
        (["3", "--datum", "2020-01-02", "--skal", "x"], "utanför perioden 2019"),
        (["3", "--antal", "0", "--skal", "x"], "--antal ska vara ett positivt heltal"),
        (["3", "--plats", "19121212-1212", "--skal", "x"], "--plats ser ut att innehålla"),
        (["1", "--antal", "2", "--skal", "x"], "rubrikraden"),
    ],
)
def test_ratta_refuses_and_writes_nothing(repo: Path, args: list[str], message: str) -> None:
    before = files(repo)
    result = lofte(repo, "log", "ratta", *args)
    assert result.exit_code == 1, result.stdout
    assert message in result.stderr
    assert files(repo) == before


def test_a_crash_between_the_two_writes_of_ratta_under_counts_and_check_says_so(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import medborgarlofte.write.corrections as corrections

    def crash(*_args: object, **_kwargs: object) -> None:
        raise LofteError("krasch")

    monkeypatch.setattr(corrections, "append_locked", crash)
    result = lofte(repo, "log", "ratta", "2", "--datum", "2019-03-05", "--skal", "fel dag")
    assert result.exit_code == 1
    assert (repo / "logs/2019.csv").read_text(encoding="utf-8") == HEADER + "".join(ROWS)
    assert done(repo) == {"vandringar": 1, "kvallskontakter": 4}  # never counted twice
    check = lofte(repo, "check")
    assert check.exit_code == 1
    assert "logs/2019.rattelser.csv:2: fel E075: Rättelsen strök rad 2" in check.stdout


# lista


def test_lista_json_has_the_documented_keys_and_marks_struck_rows(repo: Path) -> None:
    lofte(
        repo, "log", "ratta", "2", "--datum", "2019-03-05", "--skal", "fel dag", "--av", "Cecilia"
    )
    result = lofte(repo, "log", "lista", "--format", "json")
    assert result.exit_code == 0, result.stderr
    listed = json.loads(result.stdout)
    assert [r["line"] for r in listed] == [2, 3, 4, 5]
    assert listed[0] == {
        "line": 2,
        "date": "2019-03-01",
        "type": "trygghetsvandring",
        "count": 1,
        "place": "Torget",
        "participants": ["kommun"],
        "tags": [],
        "description": "Exempeldata: a",
        "registered_by": "anna",
        "registered": "2019-03-01T20:00:00+01:00",
        "struck": True,
        "struck_reason": "fel dag",
        "struck_by": "Cecilia",
    }
    assert [r["struck"] for r in listed] == [True, False, False, False]
    assert listed[3]["date"] == "2019-03-05" and listed[3]["struck_reason"] is None


def test_lista_filters_and_keeps_the_newest_last(repo: Path) -> None:
    def lines(*args: str) -> list[int]:
        result = lofte(repo, "log", "lista", "--format", "json", *args)
        assert result.exit_code == 0, result.stderr
        return [r["line"] for r in json.loads(result.stdout)]

    assert lines("--typ", "Trygghetsvandring") == [2, 4]
    assert lines("--av", "bo") == [3]
    assert lines("--fran", "2019-03-02") == [3, 4]
    assert lines("--till", "2019-03-02") == [2, 3]
    assert lines("--senaste", "1") == [4]


def test_lista_table_and_csv(repo: Path) -> None:
    now = "2019-06-30T10:00:00+02:00"
    lofte(repo, "log", "stryk", "3", "--skal", "dubbel", "--av", "Cecilia", LOFTE_NU=now)
    lofte(repo, "log", "radera", "4", "--skal", "namn", LOFTE_NU=now)
    table = lofte(repo, "log", "lista", LOFTE_NU="2019-06-30T10:00:00+02:00")
    assert table.exit_code == 0
    assert_golden("log-lista.txt", table.stdout)
    csv_text = lofte(repo, "log", "lista", "--format", "csv").stdout
    assert csv_text.startswith("\ufeff")  # a BOM: Swedish Excel reads UTF-8 only with one
    csv_text = csv_text[1:]
    assert csv_text.splitlines()[0] == (
        "rad;datum;typ;antal;plats;deltagare;taggar;beskrivning;registrerad_av;registrerad;struken"
    )
    assert csv_text.splitlines()[2].endswith(";struken: dubbel (Cecilia)")


def test_lista_is_a_table_when_it_fits_and_blocks_when_it_would_cut_words(repo: Path) -> None:
    """A table too wide for the terminal folded every word ('Beskrivnin' / 'g'); a block
    per row keeps every word whole."""
    wide = lofte(repo, "log", "lista", COLUMNS="200").stdout
    assert " Rad   Datum        Typ " in wide and "Beskrivning" in wide
    narrow = lofte(repo, "log", "lista", COLUMNS="60").stdout
    assert "Rad 2 · 2019-03-01 · trygghetsvandring · antal 1\n" in narrow
    assert "  Beskrivning  Exempeldata: a" in narrow
    assert max(len(line) for line in narrow.splitlines()) <= 60


# the other readers agree


def test_detail_rapport_and_check_strikt_leave_a_struck_row_out(repo: Path) -> None:
    lofte(repo, "log", "stryk", "2", "--skal", "fel dag", "--av", "Cecilia")
    detail = lofte(repo, "status", "2019", "vandringar")
    assert detail.exit_code == 0, detail.stderr
    assert "Rader som räknas (1)" in detail.stdout
    assert "struken: fel dag (Cecilia)" in detail.stdout
    assert "Registrerad av" in detail.stdout and "anna" in detail.stdout
    strict = lofte(repo, "check", "--strikt", "--per", "2019-12-31")
    assert "'vandringar' är inte uppfyllt" in strict.stdout
    assert "1 utfört" in strict.stdout
    report = lofte(repo, "rapport", "--format", "markdown", "-o", str(repo / "rapport.md"))
    assert report.exit_code == 0, report.stderr
    assert "- **Utfört:** 1; krävs hittills" in (repo / "rapport.md").read_text("utf-8")


# radera


def test_radera_erases_free_text_keeps_counts_and_records_no_text(repo: Path) -> None:
    result = lofte(repo, "log", "radera", "3", "--skal", "namn i platsen", "--av", "Cecilia")
    assert result.exit_code == 0, result.stderr
    # not a git repo: nothing was committed, so no history to purge
    assert "Texten har aldrig committats" in result.stdout
    assert "git filter-repo" not in result.stdout
    text = (repo / "logs/2019.csv").read_text(encoding="utf-8")
    assert (
        text
        == HEADER
        + ROWS[0]
        + (
            "2019-03-02,kontakt,4,[raderad],,kvall;[raderad],[raderad],bo,2019-03-02T20:00:00+01:00\n"
        )
        + ROWS[2]
    )
    side = (repo / "logs/2019.rattelser.csv").read_text(encoding="utf-8")
    assert "Hamnen" not in side and "Exempeldata: b" not in side
    assert "radera," in side and "namn i platsen" in side
    assert done(repo) == {"vandringar": 2, "kvallskontakter": 4}  # the kvall tag stays
    assert lofte(repo, "check").exit_code == 0
    again = lofte(repo, "log", "radera", "3", "--skal", "igen")
    assert again.exit_code == 1 and "redan raderad" in again.stderr


def test_radera_keeps_the_files_dialect(tmp_path: Path) -> None:
    write(tmp_path, "promises/2019.yaml", PROMISES)
    header = HEADER.replace(",", ";").rstrip("\n")
    row = "2019-03-02;kontakt;4;Hamnen;;kvall;Exempeldata: b;bo;2019-03-02T20:00:00+01:00"
    other = "2019-03-03;kontakt;1;Torget;;;Exempeldata: c;bo;2019-03-03T20:00:00+01:00"
    data = ("\ufeff" + "\r\n".join([header, row, other]) + "\r\n").encode("utf-8")
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs/2019.csv").write_bytes(data)
    assert lofte(tmp_path, "log", "radera", "2", "--skal", "x").exit_code == 0
    erased = "2019-03-02;kontakt;4;[raderad];;kvall;[raderad];bo;2019-03-02T20:00:00+01:00"
    expected = "\ufeff" + "\r\n".join([header, erased, other]) + "\r\n"
    assert (tmp_path / "logs/2019.csv").read_bytes() == expected.encode("utf-8")


def test_check_sedan_accepts_exactly_the_recorded_erasures(repo: Path, no_outer_git: None) -> None:
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Exempeldata")
    assert lofte(repo, "log", "radera", "3", "--skal", "personuppgift").exit_code == 0
    since = lofte(repo, "check", "--sedan", "HEAD")
    assert (since.exit_code, since.stdout) == (0, "")
    log = repo / "logs/2019.csv"
    log.write_text(log.read_text(encoding="utf-8").replace("Skolan", "Skolgården"), "utf-8")
    other = lofte(repo, "check", "--sedan", "HEAD")
    assert other.exit_code == 1
    assert "logs/2019.csv:4: fel E030" in other.stdout and "rad 4 har ändrats" in other.stdout
    log.write_text(log.read_text(encoding="utf-8").replace(",bo,", ",bodil,"), "utf-8")
    kept_cell = lofte(repo, "check", "--sedan", "HEAD")
    assert "logs/2019.csv:3: fel E030" in kept_cell.stdout  # an erasure keeps registrerad_av


@pytest.mark.parametrize(
    ("line", "tags", "passes"),
    [
        (3, "Exempeldata", False),  # the counted tag dropped: 4 -> 0
        (5, "kvall", False),  # a counted tag added: 4 -> 6
        (3, "Kvall;[raderad]", False),  # counts alike, but not the same bytes
        (3, "kvall;kvall", False),
        (2, "kvall", False),  # a tag some target of the period names
        (2, "[raderad]", True),  # no tag a target names, before or after
        (3, "[raderad];kvall", True),  # only the tag no target counts is gone
        (3, "kvall;[raderad]", True),
    ],
)
def test_check_sedan_compares_the_counted_tags_of_an_erased_row(
    repo: Path, no_outer_git: None, line: int, tags: str, passes: bool
) -> None:
    """A hand-made erasure record may not carry a changed count along: the tags a target
    names are key cells, like datum, typ, antal and deltagare."""
    (repo / "logs/2019.csv").write_text(
        HEADER + "".join(ROWS) + ROWS[1].replace("kvall;Exempeldata", "").replace("-02", "-05"),
        encoding="utf-8",
    )
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Exempeldata")
    assert done(repo)["kvallskontakter"] == 4
    rows = {r.line: r for r in referenced_rows(LogRows(repo / "logs/2019.csv", "logs/2019.csv"))}
    side = "åtgärd,rad,ny_rad,skäl,registrerad_av,registrerad\n"
    side += f"radera,{rows[line].ref},,personuppgift,x,2019-06-30T10:00:00+02:00\n"
    (repo / "logs/2019.rattelser.csv").write_text(side, encoding="utf-8")
    log = repo / "logs/2019.csv"
    lines = log.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[line - 1].split(",")
    cells[3], cells[5], cells[6] = "[raderad]", tags, "[raderad]"
    lines[line - 1] = ",".join(cells)
    log.write_text("".join(lines), encoding="utf-8")
    since = lofte(repo, "check", "--sedan", "HEAD")
    if passes:
        assert (since.exit_code, since.stdout) == (0, ""), since.stdout
    else:
        assert since.exit_code == 1
        assert since.stdout.startswith(
            f"logs/2019.csv:{line}: fel E030: Raderna från HEAD ska stå kvar oförändrade först "
            f"i loggen, men rad {line} har ändrats (den var rad {line} i HEAD)."
        )


def test_an_interrupted_radera_is_reported_and_finished_by_running_it_again(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import medborgarlofte.write.corrections as corrections

    def crash(*_args: object) -> None:
        raise LofteError("krasch")

    with monkeypatch.context() as patched:
        patched.setattr(corrections, "replace_whole", crash)
        assert lofte(repo, "log", "radera", "2", "--skal", "x").exit_code == 1
    check = lofte(repo, "check")
    assert "logs/2019.rattelser.csv:2: fel E076: Raderingen av rad 2" in check.stdout
    finished = lofte(repo, "log", "radera", "2", "--skal", "x")
    assert finished.exit_code == 0 and "var redan registrerad" in finished.stdout
    assert lofte(repo, "check").exit_code == 0
    assert len(read_corrections(repo, "logs/2019.csv").records) == 1


def test_a_struck_row_can_be_erased_and_stays_struck(repo: Path) -> None:
    assert lofte(repo, "log", "stryk", "2", "--skal", "fel").exit_code == 0
    assert lofte(repo, "log", "radera", "2", "--skal", "namn").exit_code == 0
    assert done(repo) == {"vandringar": 1, "kvallskontakter": 4}
    listed = json.loads(lofte(repo, "log", "lista", "--format", "json").stdout)
    assert (listed[0]["struck"], listed[0]["place"]) == (True, "[raderad]")
    assert lofte(repo, "check").exit_code == 0


# a merge of two branches


def test_a_strike_survives_a_union_merge_of_two_branches(repo: Path, no_outer_git: None) -> None:
    (repo / ".gitattributes").write_text("logs/**/*.csv merge=union\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Exempeldata")
    git(repo, "checkout", "-q", "-b", "polisen")
    insats = ["log", "insats", "--typ", "trygghetsvandring", "--deltagare", "kommun"]
    assert lofte(repo, *insats, "--datum", "2019-04-01", LOFTE_AV="polis").exit_code == 0
    assert lofte(repo, *insats, "--datum", "2019-04-02", LOFTE_AV="polis").exit_code == 0
    # the branch strikes one of its own new rows (line 6)
    assert lofte(repo, "log", "stryk", "6", "--skal", "fel dag", LOFTE_AV="polis").exit_code == 0
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Polisens insatser")
    git(repo, "checkout", "-q", "main")
    for day in ("2019-04-03", "2019-04-04", "2019-04-05"):
        assert lofte(repo, *insats, "--datum", day, LOFTE_AV="kommunen").exit_code == 0
    assert lofte(repo, "log", "stryk", "2", "--skal", "dubbel", LOFTE_AV="kommunen").exit_code == 0
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Kommunens insatser")
    merged = git(repo, "merge", "-q", "--no-edit", "polisen", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    # 2 old + 2 from polisen (1 struck) + 3 from kommunen, and old row 2 struck on main
    assert done(repo)["vandringar"] == 2 + 1 + 3 - 1
    listed = json.loads(lofte(repo, "log", "lista", "--format", "json").stdout)
    struck = {r["date"]: r["struck_reason"] for r in listed if r["struck"]}
    assert struck == {"2019-03-01": "dubbel", "2019-04-02": "fel dag"}
    assert lofte(repo, "check", "--sedan", "main~1").exit_code == 0


def test_two_branches_correcting_one_row_are_reported_not_counted_twice_silently(
    repo: Path, no_outer_git: None
) -> None:
    """A second strike of the same reference passed without a word: after a union merge of
    two branches that each corrected row 3, both new rows counted."""
    (repo / ".gitattributes").write_text("logs/**/*.csv merge=union\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Exempeldata")
    git(repo, "checkout", "-q", "-b", "polisen")
    assert lofte(repo, "log", "ratta", "3", "--antal", "5", "--skal", "fel antal").exit_code == 0
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Polisen rättar")
    git(repo, "checkout", "-q", "main")
    assert lofte(repo, "log", "ratta", "3", "--antal", "6", "--skal", "sex").exit_code == 0
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Kommunen rättar")
    merged = git(repo, "merge", "-q", "--no-edit", "polisen", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert done(repo)["kvallskontakter"] == 11  # 4 struck, 6 + 5: the same activity twice
    check = lofte(repo, "check")
    assert (check.exit_code, check.stdout) == (
        1,
        "logs/2019.rattelser.csv:3: fel E090: Loggens rad 3 ströks redan på rad 2 i "
        "rättelsefilen, så den här rättelsens nya rad 6 räknas utöver den förra rättelsens: "
        "samma insats räknas två gånger. Stryk den ena nya raden: 'lofte log stryk 6 --skal "
        "TEXT'.\n1 fel i 1 fil.\n",
    )
    assert lofte(repo, "log", "stryk", "6", "--skal", "dubbel rättelse").exit_code == 0
    assert done(repo)["kvallskontakter"] == 6
    check = lofte(repo, "check")
    assert (check.exit_code, check.stdout) == (
        0,
        "logs/2019.rattelser.csv:3: varning W007: Raden som rättelsen stryker är redan struken "
        "(rättelsefilens rad 2); den här rättelsen ändrar inget.\n1 varning i 1 fil.\n",
    )


def _side(repo: Path, *records: tuple[str, int, int | None]) -> None:
    """A corrections file written by hand: (action, row line, new row line or None)."""
    rows = {r.line: r.ref for r in referenced_rows(LogRows(repo / "logs/2019.csv", "x"))}
    text = "åtgärd,rad,ny_rad,skäl,registrerad_av,registrerad\n"
    for action, line, new in records:
        new_ref = rows[new] if new is not None else ""
        text += f"{action},{rows[line]},{new_ref},fel,x,2019-06-30T10:00:00+02:00\n"
    (repo / "logs/2019.rattelser.csv").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        (
            [("rätta", 3, 2)],
            "logs/2019.rattelser.csv:2: fel E091: Rättelsens nya rad ({ref}) är loggens rad 2, "
            "som står före raden den ersätter",
        ),
        (
            [("rätta", 2, 4), ("rätta", 3, 4)],
            "logs/2019.rattelser.csv:3: fel E091: Rättelsens nya rad ({ref}) är loggens rad 4, "
            "som redan är ny rad för rättelsen på rad 2 i rättelsefilen",
        ),
        (
            [("stryk", 4, None), ("rätta", 3, 4)],
            "logs/2019.rattelser.csv:3: fel E091: Rättelsens nya rad ({ref}) är loggens rad 4, "
            "som ströks redan på rad 2 i rättelsefilen",
        ),
        (
            [("stryk", 3, None), ("stryk", 3, None)],
            "logs/2019.rattelser.csv:3: varning W007: Raden som rättelsen stryker är redan "
            "struken (rättelsefilens rad 2); den här rättelsen ändrar inget.",
        ),
        (
            [("rätta", 2, 4), ("stryk", 2, None)],
            "logs/2019.rattelser.csv:3: varning W007: Raden som rättelsen stryker är redan "
            "struken (rättelsefilens rad 2); den här rättelsen ändrar inget.",
        ),
    ],
)
def test_a_correction_file_written_by_hand_never_passes_without_a_word(
    repo: Path, records: list[tuple[str, int, int | None]], expected: str
) -> None:
    """A rätta whose ny_rad is an old row struck its row with nothing in its place, and a
    second strike said nothing: both passed check."""
    _side(repo, *records)
    rows = {r.line: r.ref for r in referenced_rows(LogRows(repo / "logs/2019.csv", "x"))}
    check = lofte(repo, "check")
    assert check.stdout.splitlines()[0].startswith(expected.format(ref=rows[records[-1][2] or 2]))
    assert check.exit_code == (0 if "W007" in expected else 1)


def test_ratta_refuses_a_copy_whose_reference_the_side_file_names_already(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a `log ratta` cut off between its writes (E075), a second correction to the same
    cells would get the reference the first one names: refused, nothing written."""
    import medborgarlofte.write.corrections as corrections

    def crash(*_args: object, **_kwargs: object) -> None:
        raise LofteError("krasch")

    same = ["--datum", "2019-03-05", "--antal", "2", "--skal", "fel"]
    now = {"LOFTE_NU": "2019-06-30T10:00:00+02:00"}  # the copies' cells all alike
    with monkeypatch.context() as patched:
        patched.setattr(corrections, "append_locked", crash)
        assert lofte(repo, "log", "ratta", "2", *same, **now).exit_code == 1
    before = files(repo)
    refused = lofte(repo, "log", "ratta", "4", *same, **now)
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert refused.stderr.startswith("lofte: Den rättade raden skulle få referensen ")
    assert refused.stderr.endswith(
        ", men logs/2019.rattelser.csv nämner den redan på rad 2. Kör 'lofte check' och rätta "
        "det den visar först. Inget skrevs.\n"
    )
    assert files(repo) == before


def test_ratta_fixes_a_row_check_rejects(repo: Path) -> None:
    bad = (
        "2019-03-04,trygghetsvandrig,1,Torget,kommun,,Exempeldata: d,anna,"
        "2019-03-04T20:00:00+01:00\n"
    )
    with (repo / "logs/2019.csv").open("a", encoding="utf-8") as log:
        log.write(bad)
    before = lofte(repo, "check")
    assert before.exit_code == 1 and "logs/2019.csv:5: fel E024" in before.stdout
    assert "W004" in lofte(repo, "status").stderr
    fixed = lofte(repo, "log", "ratta", "5", "--typ", "trygghetsvandring", "--skal", "stavfel")
    assert fixed.exit_code == 0, fixed.stderr
    after = lofte(repo, "check")
    assert (after.exit_code, after.stdout) == (0, "")
    status = lofte(repo, "status")
    assert status.stderr == ""
    assert done(repo) == {"vandringar": 3, "kvallskontakter": 4}


def test_the_side_file_is_append_only_too(repo: Path, no_outer_git: None) -> None:
    assert lofte(repo, "log", "stryk", "2", "--skal", "fel dag").exit_code == 0
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Exempeldata")
    side = repo / "logs/2019.rattelser.csv"
    side.write_text(side.read_text(encoding="utf-8").replace("fel dag", "annat"), "utf-8")
    since = lofte(repo, "check", "--sedan", "HEAD")
    assert since.exit_code == 1
    assert "logs/2019.rattelser.csv:2: fel E030" in since.stdout


def test_several_kommuner_need_kommun_and_each_has_its_own_side_file(tmp_path: Path) -> None:
    for kommun in ("kalix", "haparanda"):
        write(tmp_path, f"promises/{kommun}/2019.yaml", PROMISES.replace("Exempelby", kommun))
        write(tmp_path, f"logs/{kommun}/2019.csv", HEADER + ROWS[0])
    refused = lofte(tmp_path, "log", "stryk", "2", "--skal", "fel")
    assert refused.exit_code == 1
    assert "finns för flera kommuner (haparanda, kalix): ange --kommun" in refused.stderr
    unknown = lofte(tmp_path, "log", "stryk", "2", "--skal", "fel", "--kommun", "kalx")
    assert unknown.exit_code == 1 and "kalix" in unknown.stderr
    assert not list(tmp_path.glob("logs/*/*.rattelser.csv"))
    ok = lofte(tmp_path, "log", "stryk", "2", "--skal", "fel", "--kommun", "kalix")
    assert ok.exit_code == 0, ok.stderr
    assert "logs/kalix/2019.csv:2" in ok.stdout
    assert [
        p.relative_to(tmp_path).as_posix() for p in tmp_path.glob("logs/*/*.rattelser.csv")
    ] == ["logs/kalix/2019.rattelser.csv"]
    listed = lofte(tmp_path, "log", "lista", "--kommun", "haparanda", "--format", "json")
    assert [r["struck"] for r in json.loads(listed.stdout)] == [False]


def test_init_gives_the_side_files_merge_union(tmp_path: Path, no_outer_git: None) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    assert (
        run_lofte("init", "--kommun", "Exempelby", "--period", "2019", cwd=tmp_path).exit_code == 0
    )
    for rel in ("logs/2019.rattelser.csv", "logs/kalix/2019.rattelser.csv"):
        attribute = git(tmp_path, "check-attr", "merge", "--", rel).stdout
        assert attribute == f"{rel}: merge: union\n"


def test_lista_shows_control_characters_and_guards_formulas(tmp_path: Path) -> None:
    write(tmp_path, "promises/2019.yaml", PROMISES)
    hostile = '2019-03-01,kontakt,1,"\x1b[31mröd",,,=SUMMA(A1),exempel,\n'
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs/2019.csv").write_text(HEADER + hostile, encoding="utf-8")
    table = lofte(tmp_path, "log", "lista")
    assert "\x1b" not in table.stdout and "\\x1b[31mröd" in table.stdout
    csv_text = lofte(tmp_path, "log", "lista", "--format", "csv").stdout
    assert ";'=SUMMA(A1);" in csv_text


def test_a_log_that_cannot_be_read_gets_one_error_not_one_per_correction(repo: Path) -> None:
    for line in ("2", "3", "4"):
        assert lofte(repo, "log", "stryk", line, "--skal", "fel").exit_code == 0
    log = repo / "logs/2019.csv"
    text = log.read_text(encoding="utf-8").replace("Torget", "Östra torget")
    log.write_bytes(text.encode("cp1252"))  # saved again by an older Excel
    result = lofte(repo, "check")
    assert result.exit_code == 1
    assert [line.split(": ")[1] for line in result.stdout.splitlines()[:-1]] == ["fel E027"]
