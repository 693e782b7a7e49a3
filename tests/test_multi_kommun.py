"""A repo for a whole lokalpolisområde: several kommuner, multi-year periods, `lofte oversikt`."""

from __future__ import annotations

import json
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import assert_golden, run_lofte, write

KALIX_2019 = """
kommun: Kalix
lokalpolisområde: Östra Norrbotten
period: 2019
aktivitetstyper:
  trygghetsvandring: Trygghetsvandring
områden:
  - namn: Mängdbrott
    löften:
      - id: vandringar
        text: Minst två trygghetsvandringar.
        mål: {typ: trygghetsvandring, minst: 2}
"""

HAPARANDA_2019_2020 = """
kommun: Haparanda
lokalpolisområde: Östra Norrbotten
period: 2019-2020
aktivitetstyper:
  trygghetsvandring: Trygghetsvandring
  skolbesök: Skolbesök
  kontakt: Medborgarkontakt
områden:
  - namn: Unga
    löften:
      - id: skolbesok
        text: Minst två skolbesök varje år.
        mål: {typ: skolbesök, minst: 2, per: år}
      - id: kontakter
        text: Minst en kontakt i snitt per månad.
        mål: {typ: kontakt, minst: 1, per: månad, snitt: true}
      - id: vandring
        text: Minst en trygghetsvandring.
        mål: {typ: trygghetsvandring, minst: 1}
"""


@pytest.fixture
def lpo_repo(tmp_path: Path) -> Path:
    """Two kommuner in kommun folders; Haparanda's period runs two years."""
    write(tmp_path, "promises/kalix/2019.yaml", KALIX_2019)
    write(tmp_path, "promises/haparanda/2019-2020.yaml", HAPARANDA_2019_2020)
    write(
        tmp_path,
        "logs/kalix/2019.csv",
        """
        datum,typ,antal
        2019-03-01,trygghetsvandring,2
        """,
    )
    write(
        tmp_path,
        "logs/haparanda/2019-2020.csv",
        """
        datum,typ,antal
        2019-02-01,skolbesök,1
        2019-10-01,skolbesok,1
        2019-05-01,kontakt,6
        2020-02-01,skolbesök,1
        2020-03-01,kontakt,1
        """,
    )
    return tmp_path


def test_status_without_kommun_shows_each_kommun_in_turn(lpo_repo: Path) -> None:
    result = run_lofte("status", "2019", "--per", "2019-12-31", "-f", "json", cwd=lpo_repo)
    assert result.exit_code == 0, result.stderr
    reports = json.loads(result.stdout)
    assert [(r["kommun"], r["period"]["name"]) for r in reports] == [
        ("Haparanda", "2019-2020"),
        ("Kalix", "2019"),
    ]
    table = run_lofte("status", "2019", "--per", "2019-12-31", cwd=lpo_repo)
    assert table.stdout.count("Medborgarlöften 2019") == 2


def test_a_period_only_one_kommun_has(lpo_repo: Path) -> None:
    result = run_lofte("status", "2020", "--per", "2020-06-30", "-f", "json", cwd=lpo_repo)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["kommun"] == "Haparanda"
    none = run_lofte("status", "2021", cwd=lpo_repo)
    assert (none.exit_code, none.stderr) == (
        1,
        "lofte: Perioden '2021' finns inte för någon kommun i repot.\n",
    )


def test_kommun_is_slug_folded_with_did_you_mean(lpo_repo: Path) -> None:
    folded = run_lofte("status", "2019", "--kommun", "HAPARANDA", "-f", "json", cwd=lpo_repo)
    assert json.loads(folded.stdout)["kommun"] == "Haparanda"
    typo = run_lofte("status", "2019", "--kommun", "haprnda", cwd=lpo_repo)
    assert (typo.exit_code, typo.stderr) == (
        1,
        "lofte: Okänd kommun 'haprnda'. Menade du 'haparanda'? "
        "Kommuner i repot: haparanda, kalix.\n",
    )


def test_log_insats_needs_kommun_when_dates_overlap(lpo_repo: Path) -> None:
    ambiguous = run_lofte("log", "insats", "--typ", "trygghetsvandring", cwd=lpo_repo)
    assert (ambiguous.exit_code, ambiguous.stderr) == (
        1,
        "lofte: Datumet 2019-12-31 finns i flera kommuners perioder (haparanda, kalix): "
        "ange --kommun.\n",
    )
    log = lpo_repo / "logs/kalix/2019.csv"
    before = log.read_bytes()
    chosen = run_lofte(
        "log", "insats", "--typ", "trygghetsvandring", "--kommun", "Kalix", cwd=lpo_repo
    )
    assert chosen.exit_code == 0, chosen.stderr
    assert chosen.stdout.startswith("Sparad: logs/kalix/2019.csv:3\n")
    assert log.read_bytes().startswith(before)
    typo = run_lofte("log", "insats", "--typ", "x", "--kommun", "kalx", cwd=lpo_repo)
    assert typo.exit_code == 1
    assert "Menade du 'kalix'?" in typo.stderr


def test_status_detail_finds_the_kommun_by_its_promise_id(lpo_repo: Path) -> None:
    result = run_lofte("status", "2019", "vandringar", "--per", "2019-12-31", cwd=lpo_repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Löfte: vandringar – Mängdbrott\n")
    # Typed in capitals it is the same id, as everywhere else ids are compared folded.
    folded = run_lofte("status", "2019", "VANDRINGAR", "--per", "2019-12-31", cwd=lpo_repo)
    assert (folded.exit_code, folded.stdout) == (0, result.stdout)
    # Haparanda has a promise 'vandring' too, so an id both lack stays ambiguous.
    unknown = run_lofte("status", "2019", "okand", cwd=lpo_repo)
    assert unknown.exit_code == 2
    assert "ange --kommun" in unknown.stderr


def test_check_rapport_and_kommentar_work_across_kommun_folders(lpo_repo: Path) -> None:
    check = run_lofte("check", cwd=lpo_repo, today="2020-07-01")
    assert (check.exit_code, check.stderr) == (0, "")
    strict = run_lofte("check", "--strikt", "--per", "2019-12-31", cwd=lpo_repo, today="2020-07-01")
    assert strict.exit_code == 3  # Haparanda's contacts are behind on 2019-12-31
    both = run_lofte("rapport", "2019", cwd=lpo_repo)
    assert both.exit_code != 0
    assert "--kommun" in both.stderr
    kalix = run_lofte("rapport", "2019", "--kommun", "kalix", "-f", "markdown", cwd=lpo_repo)
    assert kalix.exit_code == 0, kalix.stderr
    assert "Kalix" in kalix.stdout
    # An id that no kommun has leaves the date ambiguous (one that only Kalix has would
    # name the kommun, as in the detail view).
    ambiguous = run_lofte("log", "kommentar", "okand", "Exempel.", cwd=lpo_repo)
    assert ambiguous.exit_code == 1 and "ange --kommun" in ambiguous.stderr
    noted = run_lofte(
        "log", "kommentar", "vandringar", "Exempel.", "--kommun", "kalix", cwd=lpo_repo
    )
    assert noted.exit_code == 0, noted.stderr
    assert (lpo_repo / "logs/kalix/2019.kommentarer.csv").is_file()


def test_a_new_kommun_folder_gets_its_log_created(lpo_repo: Path) -> None:
    write(lpo_repo, "promises/overkalix/2019.yaml", KALIX_2019.replace("Kalix", "Överkalix"))
    result = run_lofte(
        "log", "insats", "--typ", "trygghetsvandring", "--kommun", "Överkalix", cwd=lpo_repo
    )
    assert result.exit_code == 0, result.stderr
    assert (
        (lpo_repo / "logs/overkalix/2019.csv")
        .read_text(encoding="utf-8")
        .startswith(
            "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad\n"
        )
    )


def test_single_kommun_repo_accepts_its_own_name_only(tmp_path: Path) -> None:
    write(tmp_path, "promises/2019.yaml", KALIX_2019)
    same = run_lofte("status", "2019", "--kommun", "kalix", "-f", "json", cwd=tmp_path)
    assert json.loads(same.stdout)["kommun"] == "Kalix"
    other = run_lofte("status", "2019", "--kommun", "Luleå", cwd=tmp_path)
    assert (other.exit_code, other.stderr) == (
        1,
        "lofte: Okänd kommun 'Luleå'. Repot gäller Kalix.\n",
    )


# --- multi-year periods, year by year -------------------------------------------------------


def test_status_table_shows_each_year_of_a_multi_year_period(lpo_repo: Path) -> None:
    result = run_lofte(
        "status",
        "2020",
        "--kommun",
        "haparanda",
        "--per",
        "2020-06-30",
        cwd=lpo_repo,
        today="2020-07-01",
    )
    assert result.exit_code == 0, result.stderr
    assert_golden("status-flerarig-2020-06-30.txt", result.stdout)


def test_status_json_carries_the_years(lpo_repo: Path) -> None:
    result = run_lofte(
        "status",
        "2020",
        "--kommun",
        "haparanda",
        "--per",
        "2020-06-30",
        "-f",
        "json",
        cwd=lpo_repo,
        today="2020-07-01",
    )
    promises = {p["id"]: p for p in json.loads(result.stdout)["promises"]}
    assert promises["skolbesok"]["years"] == [
        {
            "year": 2019,
            "start": "2019-01-01",
            "end": "2019-12-31",
            "done": 2,
            "expected": 2.0,
            "status": "met",
            "units_met": 1,
            "units": 1,
        },
        {
            "year": 2020,
            "start": "2020-01-01",
            "end": "2020-12-31",
            "done": 1,
            "expected": 0.99,
            "status": "on_track",
            "units_met": 0,
            "units": 0,
        },
    ]
    assert promises["kontakter"]["years"] == [
        {
            "year": 2019,
            "start": "2019-01-01",
            "end": "2019-12-31",
            "done": 6,
            "expected": 12.0,
            "status": "missed",
        },
        {
            "year": 2020,
            "start": "2020-01-01",
            "end": "2020-12-31",
            "done": 1,
            "expected": 6.0,
            "status": "behind",
        },
    ]
    assert "years" not in promises["vandring"]  # a per-period target has no years
    kalix = run_lofte("status", "2019", "--kommun", "kalix", "-f", "json", cwd=lpo_repo)
    assert "years" not in json.loads(kalix.stdout)["promises"][0]


def test_every_week_across_new_year_belongs_to_its_iso_year() -> None:
    from medborgarlofte.core.model import Activity, Area, Period, Promise, PromiseSet, Target
    from medborgarlofte.judge.evaluate import evaluate

    target = Target(types=("x",), minimum=1, per="vecka")
    promise = Promise("veckovis", "Minst en varje vecka.", "Område", (), target)
    promise_set = PromiseSet(
        path="promises/2019-2020.yaml",
        log_path="logs/2019-2020.csv",
        kommun="Exempelby",
        kommun_key=None,
        police_area="",
        period=Period("2019-2020", date(2019, 1, 1), date(2020, 12, 31)),
        activity_types={"x": "X"},
        participants={},
        areas=(Area("Område", (), (promise,)),),
    )
    # A row on 2019-01-01 (week 1 of 2019, cut by the period's start) and every Monday from
    # 2019-01-07 up to 2020-01-06; week 2 of 2020 (from 2020-01-06) is under way on the as-of date.
    mondays = [date(2019, 1, 7) + timedelta(weeks=i) for i in range(53)]
    rows = [Activity(line=i + 2, date=day, type="x", count=1) for i, day in enumerate(mondays)]
    rows.append(Activity(line=99, date=date(2019, 1, 1), type="x", count=1))
    result = evaluate(promise_set, rows, date(2020, 1, 7)).results[0]
    assert result.years is not None
    first, second = result.years
    # 2019-12-30..2020-01-05 is week 1 of 2020: it belongs to 2020 and was met on 2019-12-30.
    assert (first.year, first.units_met, first.units, first.status) == (2019, 52, 52, "met")
    assert (second.year, second.units_met, second.units, second.status) == (2020, 2, 2, "on_track")
    assert first.expected + second.expected == result.expected
    assert second.expected == Fraction(7, 7)
    # The table counts completed weeks only, as the promise's own row does ("52 av 52"):
    # the week under way is met but not yet counted.
    from medborgarlofte.render.status_data import year_rows
    from medborgarlofte.render.status_words import done_words

    assert done_words(result) == "53 av 53 veckor"
    assert [cells[2] for cells, _ in year_rows(result)] == ["52 av 52 veckor", "1 av 1 vecka"]


# --- lofte oversikt ---------------------------------------------------------------------------


def test_oversikt_table(lpo_repo: Path) -> None:
    result = run_lofte("oversikt", "--per", "2019-12-31", cwd=lpo_repo)
    assert result.exit_code == 0, result.stderr
    assert_golden("oversikt-2019-12-31.txt", result.stdout)


@pytest.mark.parametrize("columns", ["80", "60", "40"])
def test_oversikt_fits_narrow_terminals(lpo_repo: Path, columns: str) -> None:
    """Status words as headers while they fit, then their symbols with a legend, then one
    block per kommun: never a header cut to `Uppfy…`."""
    result = run_lofte("oversikt", "--per", "2019-12-31", cwd=lpo_repo, COLUMNS=columns)
    assert result.exit_code == 0, result.stderr
    assert "…" not in result.stdout
    assert all(len(line.rstrip()) <= int(columns) for line in result.stdout.splitlines())
    assert_golden(f"oversikt-2019-12-31-bredd-{columns}.txt", result.stdout)


def test_oversikt_json_for_one_year(lpo_repo: Path) -> None:
    result = run_lofte(
        "oversikt", "2020", "--per", "2020-06-30", "-f", "json", cwd=lpo_repo, today="2020-07-01"
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {
        "as_of": "2020-06-30",
        "rows": [
            {
                "kommun": "Haparanda",
                "kommun_key": "haparanda",
                "police_area": "Östra Norrbotten",
                "file": "promises/haparanda/2019-2020.yaml",
                "period": {"name": "2019-2020", "start": "2019-01-01", "end": "2020-12-31"},
                "promises": 3,
                "summary": {
                    "met": 0,
                    "on_track": 2,
                    "behind": 1,
                    "missed": 0,
                    "ongoing": 0,
                    "not_started": 0,
                },
                "indicators": {"improved": 0, "worsened": 0, "unchanged": 0, "no_data": 0},
            }
        ],
        "promises": 3,
        "totals": {
            "met": 0,
            "on_track": 2,
            "behind": 1,
            "missed": 0,
            "ongoing": 0,
            "not_started": 0,
        },
        "indicator_totals": {"improved": 0, "worsened": 0, "unchanged": 0, "no_data": 0},
        "unreadable": [],
    }


def test_oversikt_matches_status_counts(lpo_repo: Path) -> None:
    status = run_lofte("status", "2019", "--per", "2019-12-31", "-f", "json", cwd=lpo_repo)
    overview = run_lofte("oversikt", "2019", "--per", "2019-12-31", "-f", "json", cwd=lpo_repo)
    by_kommun = {r["kommun"]: r["summary"] for r in json.loads(overview.stdout)["rows"]}
    assert by_kommun == {r["kommun"]: r["summary"] for r in json.loads(status.stdout)}


def test_oversikt_lists_a_broken_file_and_still_shows_the_rest(lpo_repo: Path) -> None:
    path = lpo_repo / "promises/kalix/2019.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("minst: 2", "minst: 0"))
    result = run_lofte("oversikt", "-f", "json", cwd=lpo_repo)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [r["kommun"] for r in data["rows"]] == ["Haparanda"]
    assert data["unreadable"] == ["promises/kalix/2019.yaml"]
    assert result.stderr.splitlines()[-1] == (
        "lofte: Utelämnade eftersom de har fel (se 'lofte check'): promises/kalix/2019.yaml."
    )


def test_oversikt_unknown_year_and_single_kommun_repo(tmp_path: Path) -> None:
    write(tmp_path, "promises/2019.yaml", KALIX_2019)
    single = run_lofte("oversikt", "--kommun", "kalix", "-f", "json", cwd=tmp_path)
    assert [r["kommun_key"] for r in json.loads(single.stdout)["rows"]] == [None]
    other = run_lofte("oversikt", "--kommun", "Luleå", cwd=tmp_path)
    assert (other.exit_code, other.stderr) == (
        1,
        "lofte: Okänd kommun 'Luleå'. Repot gäller Kalix.\n",
    )
    missing = run_lofte("oversikt", "2030", cwd=tmp_path)
    assert (missing.exit_code, missing.stderr) == (
        1,
        "lofte: Perioden '2030' finns inte i repot. Perioder i repot: 2019.\n",
    )
