"""A log saved again in Excel on one branch, logged on in another, merged by a real `git
merge` with `merge=union` (as `lofte init` sets up): `check` gives one error, `laga` repairs
it, and afterwards no row is lost, none counted twice, `check --sedan <base>` passes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import MINIMAL_PROMISES, git, run_lofte, write

from medborgarlofte.load.log_file import LogRows

pytestmark = pytest.mark.usefixtures("no_outer_git")

HEADER = "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad"
# Example data: made-up rows.
BASE_ROWS = [
    "2019-03-01,trygghetsvandring,1,Centrum,kommun,,Exempeldata: a,exempel,"
    "2019-03-01T20:00:00+01:00",
    "2019-03-05,kontakt,2,00123,,,Exempeldata: b,exempel,2019-03-05T12:00:00+01:00",
    '2019-03-09,kontakt,1,"Torget, norra",,,Exempeldata: c,exempel,2019-03-09T10:00:00+01:00',
    "2019-03-10,kontakt,1,Skolan,,,Exempeldata: d,exempel,2019-03-10T10:00:00+01:00",
]
TODAY = "2019-06-30"


def _lofte(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_lofte(*args, cwd=root, today=TODAY, LOFTE_NU="2019-06-30T10:00:00+02:00")


def _excel_resave(text: str) -> bytes:
    """The log as Excel in Swedish saves it: `;`, BOM, CRLF; a cell of digits loses its
    leading zeros, a date is shown day first; and a row typed in Excel at the end."""
    rows = list(csv.reader(io.StringIO(text)))
    for row in rows[1:]:
        row[3] = row[3].replace("00123", "123")
        if row[0] == "2019-03-10":
            row[0] = "10/03/2019"
    rows.append(["2019-04-02", "kontakt", "4", "Biblioteket", "", "", "Exempeldata: x", "", ""])
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


@pytest.fixture
def merged(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    write(root, "promises/2019.yaml", MINIMAL_PROMISES.format(period=2019))
    write(root, "logs/2019.csv", "\n".join([HEADER, *BASE_ROWS, ""]))
    init = run_lofte("init", str(tmp_path / "mall"), "--kommun", "Exempelby", cwd=tmp_path)
    assert init.exit_code == 0, init.stderr
    (root / ".gitattributes").write_bytes((tmp_path / "mall/.gitattributes").read_bytes())
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Exempeldata: loggen")
    git(root, "tag", "bas")
    # Branch A: a colleague opens the log in Excel and saves it.
    git(root, "checkout", "-q", "-b", "excel")
    log = root / "logs/2019.csv"
    log.write_bytes(_excel_resave(log.read_text(encoding="utf-8")))
    git(root, "commit", "-q", "-am", "Exempeldata: sparad i Excel")
    # Branch B: another logs two rows with lofte.
    git(root, "checkout", "-q", "main")
    for day, place in (("2019-04-01", "Hamnen"), ("2019-04-03", "Parken")):
        logged = _lofte(
            root, "log", "insats", "--typ", "kontakt", "--datum", day, "--plats", place,
            "--beskrivning", "Exempeldata: ny", "--tyst",
        )  # fmt: skip
        assert logged.exit_code == 0, logged.stderr
    git(root, "commit", "-q", "-am", "Exempeldata: två insatser")
    merge = git(root, "merge", "-q", "--no-edit", "excel", check=False)
    assert merge.returncode == 0, merge.stdout + merge.stderr  # merge=union: no conflict
    return root


def _rows(root: Path) -> list[list[str]]:
    rows = LogRows(root / "logs/2019.csv", "logs/2019.csv")
    read = [cells for _, cells in rows]
    assert rows.problems == []
    return read


def test_the_merge_stacks_two_copies_and_check_reports_one_error(merged: Path) -> None:
    text = (merged / "logs/2019.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == HEADER and lines.count(HEADER) == 1
    second = next(i for i, line in enumerate(lines) if line.lstrip("\ufeff").startswith("datum;"))
    assert second == 7  # 4 base rows and 2 logged rows come first: ours, then theirs
    check = _lofte(merged, "check", "--format", "json")
    assert check.exit_code == 1
    problems = json.loads(check.stdout)
    assert [(p["code"], p["line"]) for p in problems] == [("E110", 8)]
    assert "rad 1–7 (komma, LF)" in problems[0]["message"]
    assert "rad 8–13 (semikolon, BOM, LF)" in problems[0]["message"]
    assert "'lofte laga logs/2019.csv'" in problems[0]["message"]


def test_laga_keeps_the_first_committed_copy_and_appends_only_new_rows(merged: Path) -> None:
    before = (merged / "logs/2019.csv").read_bytes()
    dry = _lofte(merged, "laga", "--torrkorning")
    assert dry.exit_code == 0, dry.stderr
    assert (merged / "logs/2019.csv").read_bytes() == before
    result = _lofte(merged, "laga", "logs/2019.csv")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "logs/2019.csv: två kopior av raderna: rad 1–7 (komma, LF), "
        "rad 8–13 (semikolon, BOM, LF)."
    )
    assert lines[1].startswith("Behåller rad 1–7 (komma, LF) oförändrade: den kopian checkades")
    assert "Exempeldata: loggen" in lines[1]
    assert lines[2:] == [
        "2 rader i den andra kopian finns redan bland dem.",
        "1 rad i den andra kopian saknas där och läggs till sist, en gång:",
        "  rad 13: 2019-04-02, kontakt, 4, Biblioteket, Exempeldata: x",
        "2 rader i den andra kopian finns redan, men med celler som ett kalkylprogram ändrat, "
        "och läggs inte till (se efter att den behållna raden stämmer; är det en ny insats, "
        "logga den med 'lofte log insats'):",
        "  rad 10 är rad 3 med plats '00123' → '123'",
        "  rad 12 är rad 5 med datum '2019-03-10' → '10/03/2019'",
        "Lagad: logs/2019.csv. Kör 'lofte check' och checka in ändringen.",
    ]
    after = (merged / "logs/2019.csv").read_bytes()
    base = git(merged, "show", "bas:logs/2019.csv").stdout.encode()
    assert after.startswith(base)  # the first copy stays byte for byte
    assert after == before.split(b"\xef\xbb\xbf")[0] + (
        b"2019-04-02,kontakt,4,Biblioteket,,,Exempeldata: x,,\n"
    )
    rows = _rows(merged)
    assert len(rows) == 4 + 2 + 1  # base rows, the two logged, the one typed in Excel
    assert sorted(r[0] for r in rows) == [
        "2019-03-01", "2019-03-05", "2019-03-09", "2019-03-10",
        "2019-04-01", "2019-04-02", "2019-04-03",
    ]  # fmt: skip
    check = _lofte(merged, "check")
    assert check.exit_code == 0, check.stdout
    since = _lofte(merged, "check", "--sedan", "bas")
    assert since.exit_code == 0, since.stdout
    status = _lofte(merged, "status", "2019", "--per", TODAY, "--format", "json")
    assert status.exit_code == 0 and status.stderr == ""
    contacts = next(p for p in json.loads(status.stdout)["promises"] if p["id"] == "kontakter")
    assert contacts["done"] == 2 + 1 + 1 + 1 + 1 + 4  # every row once, none twice
    again = _lofte(merged, "laga")
    assert again.stdout == "Ingen logg har sina rader två gånger; inget att laga.\n"


def test_laga_keeps_the_first_committed_copy_when_it_is_not_on_top(merged: Path) -> None:
    """Merged the other way round, the Excel copy comes first; git says which came first."""
    git(merged, "reset", "-q", "--hard", "HEAD~1")
    git(merged, "checkout", "-q", "excel")
    merge = git(merged, "merge", "-q", "--no-edit", "main", check=False)
    assert merge.returncode == 0, merge.stderr
    assert (merged / "logs/2019.csv").read_bytes().startswith(b"\xef\xbb\xbfdatum;")
    result = _lofte(merged, "laga")
    assert result.exit_code == 0, result.stderr
    base = git(merged, "show", "bas:logs/2019.csv").stdout.encode()
    assert (merged / "logs/2019.csv").read_bytes().startswith(base)
    assert len(_rows(merged)) == 7
    assert _lofte(merged, "check").exit_code == 0
    assert _lofte(merged, "check", "--sedan", "bas").exit_code == 0


def test_a_whole_log_needs_no_repair(tmp_path: Path) -> None:
    write(tmp_path, "promises/2019.yaml", MINIMAL_PROMISES.format(period=2019))
    write(tmp_path, "logs/2019.csv", "\n".join([HEADER, *BASE_ROWS, ""]))
    result = _lofte(tmp_path, "laga", "logs/2019.csv")
    assert result.stdout == "logs/2019.csv har sina rader en gång; inget att laga.\n"
    unknown = _lofte(tmp_path, "laga", "promises/2019.yaml")
    assert unknown.exit_code == 1
    assert "ingen logg i repot" in unknown.stderr


def test_a_second_header_row_in_the_same_dialect_is_one_error_and_repaired(
    tmp_path: Path,
) -> None:
    write(tmp_path, "promises/2019.yaml", MINIMAL_PROMISES.format(period=2019))
    edited = BASE_ROWS[3].replace("2019-03-10,", "2019-03-11,")  # same registrerad: row 5
    new = "2019-03-12,kontakt,1,Hamnen,,,Exempeldata: e,exempel,2019-03-12T10:00:00+01:00"
    pasted = [HEADER, *BASE_ROWS, HEADER, *BASE_ROWS[:2], edited, new]
    write(tmp_path, "logs/2019.csv", "\n".join([*pasted, ""]))
    check = _lofte(tmp_path, "check", "--format", "json")
    assert [(p["code"], p["line"]) for p in json.loads(check.stdout)] == [("E110", 6)]
    result = _lofte(tmp_path, "laga")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        "Behåller rad 1–5 (komma, LF) oförändrade: kopian överst i filen.",
        "2 rader i den andra kopian finns redan bland dem.",
        "1 rad i den andra kopian saknas där och läggs till sist, en gång:",
        "  rad 10: 2019-03-12, kontakt, 1, Hamnen, Exempeldata: e, exempel, "
        "2019-03-12T10:00:00+01:00",
        "1 rad i den andra kopian finns redan, men med celler som ett kalkylprogram ändrat, "
        "och läggs inte till (se efter att den behållna raden stämmer; är det en ny insats, "
        "logga den med 'lofte log insats'):",
        "  rad 9 är rad 5 med datum '2019-03-10' → '2019-03-11'",
        "Lagad: logs/2019.csv. Kör 'lofte check' och checka in ändringen.",
    ]
    assert len(_rows(tmp_path)) == 5
    assert _lofte(tmp_path, "check").exit_code == 0


def test_check_sedan_the_merge_commit_accepts_the_repair_and_nothing_else(merged: Path) -> None:
    """CI on the pull request that repairs the log compares with a base that already holds
    both copies: laga's result passes, any other rewrite of it does not."""
    assert _lofte(merged, "laga").exit_code == 0
    log = merged / "logs/2019.csv"
    repaired = log.read_bytes()
    assert _lofte(merged, "check", "--sedan", "HEAD").exit_code == 0
    log.write_bytes(repaired + b"2019-04-05,kontakt,1,,,,Exempeldata: y,exempel,\n")
    assert _lofte(merged, "check", "--sedan", "HEAD").exit_code == 0  # rows may follow
    log.write_bytes(repaired.replace(b"Exempeldata: b", b"Exempeldata: B"))
    changed = _lofte(merged, "check", "--sedan", "HEAD")
    assert changed.exit_code == 1
    assert "E030" in changed.stdout
    lost = repaired.replace(b"2019-04-02,kontakt,4,Biblioteket,,,Exempeldata: x,,\n", b"")
    log.write_bytes(lost)
    assert _lofte(merged, "check", "--sedan", "HEAD").exit_code == 1  # the Excel row lost


def test_a_cell_a_spreadsheet_made_a_date_is_listed_and_a_new_row_is_not(tmp_path: Path) -> None:
    from medborgarlofte.judge.repair_plan import plan_repair

    kept = "datum,typ,antal,plats\n2019-03-01,kontakt,1,1/2\n2019-03-02,kontakt,2,Torget\n"
    other = (
        "\ufeffdatum;typ;antal;plats\r\n2019-03-01;kontakt;1;01-feb\r\n"
        "2019-03-02;kontakt;3;Torget\r\n"  # antal 2 → 3 is no reformatting: a new row
    )
    plan = plan_repair(tmp_path, "logs/2019.csv", (kept + other).encode())
    assert plan is not None
    assert [(c.line, c.kept_line, c.cells) for c in plan.changed] == [
        (5, 2, (("plats", "1/2", "01-feb"),))
    ]
    assert [r.line for r in plan.new] == [6]
    assert plan.data == (kept + "2019-03-02,kontakt,3,Torget\n").encode()
