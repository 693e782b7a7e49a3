"""`lofte historik` and `rapport --historik`: a promise's changes from a real git repo."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import git, run_lofte, write

PROMISES = """
kommun: Exempelby
lokalpolisområde: Exempelområdet
period: 2019
aktivitetstyper:
  vandring: Trygghetsvandring
  kontakt: Medborgarkontakt
områden:
  - namn: Trygghet
    löften:
      - id: vandringar
        text: Minst fyra trygghetsvandringar.
        mål: {typ: vandring, minst: 4}
      - id: kontakter
        text: Minst tre kontakter i snitt per vecka.
        mål: {typ: kontakt, minst: 3, per: vecka, snitt: true}
"""


def _commit(repo: Path, message: str, date: str) -> None:
    git(repo, "add", "-A")
    env_date = f"{date}T12:00:00+01:00"
    git(repo, "-c", "core.quotepath=off", "commit", "-q", "-m", message, f"--date={env_date}")


@pytest.fixture
def history_repo(tmp_path: Path, no_outer_git: None) -> Path:
    repo = tmp_path / "repo"
    write(repo, "promises/2019.yaml", PROMISES)
    git(repo, "init", "-q", "-b", "main")
    _commit(repo, "Löftena som de skrevs under", "2019-01-20")
    path = repo / "promises/2019.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("minst: 4}", "minst: 3}").replace("fyra", "tre"), encoding="utf-8")
    _commit(repo, "Sänk målet", "2019-05-02")
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("per: vecka, snitt: true", "per: månad")
        + "      - id: skolor\n        text: Besöka skolorna.\n"
        "        mål: {typ: kontakt, löpande: true}\n",
        encoding="utf-8",
    )
    _commit(repo, "Ny enhet, nytt löfte", "2019-06-10")
    return repo


def test_lists_every_change_in_words(history_repo: Path) -> None:
    result = run_lofte("historik", "2019", cwd=history_repo)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Ändringar i promises/2019.yaml (Exempelby, 2019) enligt git, äldst först:"
    shortened = [line.split("  ", 2)[0] + "  " + line.split("  ", 3)[3] for line in lines[1:]]
    assert shortened == [
        "2019-01-20  vandringar: löftet lades till",
        "2019-01-20  kontakter: löftet lades till",
        "2019-05-02  vandringar: minst 4 → 3 (sänkt); texten ändrad",
        "2019-06-10  kontakter: per vecka → månad; snitt ja → nej",
        "2019-06-10  skolor: löftet lades till",
    ]
    assert all("  Exempel  " in line for line in lines[1:])


def test_one_promise_as_json(history_repo: Path) -> None:
    result = run_lofte("historik", "2019", "vandringar", "-f", "json", cwd=history_repo)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(d["date"], d["change"], d["details"], d["lowered"]) for d in data] == [
        ("2019-01-20", "added", [], False),
        ("2019-05-02", "changed", ["minst 4 → 3 (sänkt)", "texten ändrad"], True),
    ]
    assert all(len(d["commit"]) == 40 and d["author"] == "Exempel" for d in data)


def test_removed_promise_and_rubrik(history_repo: Path) -> None:
    path = history_repo / "promises/2019.yaml"
    text = path.read_text(encoding="utf-8")
    head, _, _ = text.partition("      - id: skolor")
    path.write_text(head, encoding="utf-8")
    _commit(history_repo, "Ta bort skolor", "2019-07-01")
    result = run_lofte("historik", "2019", "skolor", cwd=history_repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1].endswith("skolor: löftet togs bort")


def test_unknown_promise_is_refused(history_repo: Path) -> None:
    result = run_lofte("historik", "2019", "vandring", cwd=history_repo)
    assert result.exit_code == 1
    assert result.stderr == (
        "lofte: Okänt löfte 'vandring': det finns varken i perioden 2019 eller i dess historik. "
        "Löften: kontakter, skolor, vandringar.\n"
    )


def test_outside_a_git_repo_says_so(small_repo: Path, no_outer_git: None) -> None:
    result = run_lofte(
        "historik", "2019", cwd=small_repo, GIT_CEILING_DIRECTORIES=str(small_repo.parent)
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "ligger inte i ett git-repo, så det finns ingen historik att visa" in result.stderr


def test_a_repo_with_no_commit_yet_has_no_history(small_repo: Path, no_outer_git: None) -> None:
    """Right after `git init` git itself fails on HEAD; that is an empty history, not an error."""
    git(small_repo, "init", "-q")
    result = run_lofte("historik", "2019", cwd=small_repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Inga ändringar av löftenas mål, text eller rubrik")
    assert result.stderr == ""


def test_rapport_shows_the_lowered_target_under_the_promise(history_repo: Path) -> None:
    result = run_lofte(
        "rapport", "2019", "--per", "2019-06-30", "-f", "html", "--historik", cwd=history_repo
    )
    assert result.exit_code == 0, result.stderr
    article = result.stdout.split('id="lofte-1-1"', 1)[1].split("</article>", 1)[0]
    assert "<h4>Ändringar i löftet</h4>" in article
    assert (
        '<li class="sankt"><time datetime="2019-05-02">2 maj 2019</time>: minst 4 → 3 (sänkt)'
        in article
    )
    assert "löftet lades till" not in article  # the first version is not a change
    without = run_lofte("rapport", "2019", "--per", "2019-06-30", "-f", "html", cwd=history_repo)
    assert "Ändringar i löftet</h4>" not in without.stdout


def test_historik_and_fragment_need_html(history_repo: Path) -> None:
    result = run_lofte("rapport", "2019", "-f", "markdown", "--historik", cwd=history_repo)
    assert result.exit_code == 2
    assert "finns bara för html" in result.stderr


def test_rubrik_and_utom_are_compared_from_the_plain_yaml() -> None:
    """`rubrik` and `utom` are read from each version's YAML as written, so they are compared
    even where the loader of the day does not know them."""
    from datetime import date

    import yaml

    from medborgarlofte.judge.history import promise_changes
    from medborgarlofte.load.git_history import CommittedSet, Revision, raw_promise_fields
    from medborgarlofte.load.promise_file import parse_promise_text

    loaded, _ = parse_promise_text(PROMISES, "promises/2019.yaml", "2019", "logs/2019.csv")
    assert loaded is not None
    versions = []
    for number, (rubrik, utom) in enumerate(
        [(None, None), ("Vandringar", None), ("Trygghetsvandringar", ["juli"])], start=1
    ):
        extra = f"        rubrik: {rubrik}\n" if rubrik else ""
        text = PROMISES.replace("      - id: vandringar\n", "      - id: vandringar\n" + extra)
        if utom:
            text = text.replace("minst: 4}", f"minst: 4, utom: {utom}}}")
        revision = Revision(f"{number}" * 40, f"{number}" * 7, date(2019, number, 1), "Exempel")
        versions.append(CommittedSet(revision, loaded, raw_promise_fields(yaml.safe_load(text))))
    changes = [c for c in promise_changes(versions) if c.kind == "changed"]
    assert [c.words() for c in changes] == [
        "rubriken ändrad: (inga) → ”Vandringar”",
        "utom (inga) → juli; rubriken ändrad: ”Vandringar” → ”Trygghetsvandringar”",
    ]


# --- a lowered target however it was lowered, from any path, whatever a commit holds ------


def _lines(root: Path, *args: str) -> list[str]:
    """`historik`'s lines without the commit column (date, author, change)."""
    result = run_lofte("historik", "2019", *args, cwd=root)
    assert result.exit_code == 0, result.stderr
    parts = [line.split("  ", 3) for line in result.stdout.splitlines()[1:]]
    return [f"{day} {author} {change}" for day, _, author, change in parts]


def test_a_file_deleted_and_added_back_lowered_shows_the_lowering(history_repo: Path) -> None:
    path = history_repo / "promises/2019.yaml"
    text = path.read_text(encoding="utf-8")
    path.unlink()
    _commit(history_repo, "Ta bort löftena", "2019-07-01")
    path.write_text(text.replace("minst: 3}", "minst: 1}"), encoding="utf-8")
    _commit(history_repo, "Lägg tillbaka löftena", "2019-07-02")
    assert _lines(history_repo, "vandringar") == [
        "2019-01-20 Exempel vandringar: löftet lades till",
        "2019-05-02 Exempel vandringar: minst 4 → 3 (sänkt); texten ändrad",
        "2019-07-02 Exempel vandringar: minst 3 → 1 (sänkt)",
    ]
    site = run_lofte("webb", "-o", "ut", "--per", "2019-07-31", cwd=history_repo)
    assert site.exit_code == 0, site.stderr
    page = (history_repo / "ut/exempelby/2019.html").read_text(encoding="utf-8")
    assert ": minst 3 → 1 (sänkt) (av Exempel" in page and "löftet togs bort" not in page


def test_a_promise_removed_and_added_back_lowered_shows_the_lowering(history_repo: Path) -> None:
    path = history_repo / "promises/2019.yaml"
    text = path.read_text(encoding="utf-8")
    vandring = "      - id: vandringar\n        text: Minst tre trygghetsvandringar.\n"
    vandring += "        mål: {typ: vandring, minst: 3}\n"
    assert vandring in text
    path.write_text(text.replace(vandring, ""), encoding="utf-8")
    _commit(history_repo, "Ta bort vandringar", "2019-07-01")
    path.write_text(text.replace("minst: 3}", "minst: 1}"), encoding="utf-8")
    _commit(history_repo, "Vandringar igen", "2019-07-02")
    assert _lines(history_repo, "vandringar")[-2:] == [
        "2019-07-01 Exempel vandringar: löftet togs bort",
        "2019-07-02 Exempel vandringar: minst 3 → 1 (sänkt)",
    ]


def test_an_id_renamed_with_the_same_text_shows_the_lowering(history_repo: Path) -> None:
    path = history_repo / "promises/2019.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("id: vandringar", "id: promenader").replace("minst: 3}", "minst: 1}"),
        encoding="utf-8",
    )
    _commit(history_repo, "Nytt namn", "2019-07-02")
    expected = [
        "2019-01-20 Exempel vandringar: löftet lades till",
        "2019-05-02 Exempel vandringar: minst 4 → 3 (sänkt); texten ändrad",
        "2019-07-02 Exempel promenader: id vandringar → promenader; minst 3 → 1 (sänkt)",
    ]
    assert _lines(history_repo, "promenader") == expected
    assert _lines(history_repo, "vandringar") == expected
    data = json.loads(run_lofte("historik", "2019", "-f", "json", cwd=history_repo).stdout)
    assert [d["change"] for d in data if d["date"] == "2019-07-02"] == ["changed"]
    site = run_lofte("webb", "-o", "ut", "--per", "2019-07-31", cwd=history_repo)
    assert site.exit_code == 0, site.stderr
    page = (history_repo / "ut/exempelby/2019.html").read_text(encoding="utf-8")
    assert '<li class="sankt">' in page and "id vandringar → promenader; minst 3 → 1" in page


@pytest.mark.parametrize("folder", ["överkalix", "a b", "kalix\u00e5"])
def test_a_kommun_folder_with_any_characters_shows_its_history(
    tmp_path: Path, no_outer_git: None, folder: str
) -> None:
    """git quotes a path with å/ä/ö, so `promises/överkalix/` hid every change."""
    repo = tmp_path / "repo"
    write(repo, f"promises/{folder}/2019.yaml", PROMISES)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "-c", "core.quotepath=on", "commit", "-q", "-m", "Löftena", "--date=2019-01-20")
    path = repo / f"promises/{folder}/2019.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("minst: 4}", "minst: 2}"), "utf-8")
    git(repo, "-c", "core.quotepath=on", "commit", "-q", "-am", "Sänk", "--date=2019-05-02")
    result = run_lofte("historik", "2019", "vandringar", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1].endswith("vandringar: minst 4 → 2 (sänkt)")
    site = run_lofte("webb", "-o", "ut", "--per", "2019-06-30", cwd=repo)
    assert site.exit_code == 0, site.stderr
    (page,) = (repo / "ut").glob("*/2019.html")
    assert "minst 4 → 2 (sänkt) (av Exempel" in page.read_text(encoding="utf-8")


def test_an_old_version_above_the_size_limit_is_never_read(history_repo: Path) -> None:
    """One 5 MB old version made `webb` take 29 s and 700 MB: the working tree's limit for a
    promise file (256 KiB) holds for every version in git too."""
    path = history_repo / "promises/2019.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "# Exempeldata: utfyllnad\n" * 12_000, encoding="utf-8")
    _commit(history_repo, "Stor fil", "2019-07-01")
    path.write_text(text.replace("minst: 3}", "minst: 2}"), encoding="utf-8")
    _commit(history_repo, "Liten igen", "2019-07-02")
    result = run_lofte("historik", "2019", "vandringar", cwd=history_repo)
    assert result.exit_code == 0
    assert result.stderr == (
        "lofte: 1 version(er) av promises/2019.yaml i git kunde inte läsas och hoppades över.\n"
    )
    assert result.stdout.splitlines()[-1].endswith("vandringar: minst 3 → 2 (sänkt)")


def _odd_commit(repo: Path, author: bytes) -> None:
    """Commit the work tree's promise file as a commit object written byte for byte, with an
    author line git itself would never write."""
    git(repo, "add", "-A")
    tree = git(repo, "write-tree").stdout.strip()
    parent = git(repo, "rev-parse", "HEAD").stdout.strip()
    body = b"tree %s\nparent %s\nauthor %s\ncommitter Exempel <e@example.org> 1562000000 +0200\n"
    data = body % (tree.encode(), parent.encode(), author) + b"\nExempeldata\n"
    made = subprocess.run(
        ["git", "hash-object", "-t", "commit", "-w", "--stdin", "--literally"],
        cwd=repo, input=data, capture_output=True, check=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
    )  # fmt: skip
    git(repo, "update-ref", "refs/heads/main", made.stdout.decode().strip())


ODD_AUTHORS = {
    "styrtecken": (
        b"Ex\x1eem\x1fpel <e@example.org> 1562000000 +0200", "Ex\\x1eem\\x1fpel", "2019-07-01"
    ),
    "bidi": (
        "Eve\u202elpmaxE <e@example.org> 1562000000 +0200".encode(),
        "Eve\\u202elpmaxE",
        "2019-07-01",
    ),
    "år 10000": (b"Exempel <e@example.org> 253402300800 +0000", "Exempel", None),
    "-14:00 vid epok 0": (b"Exempel <e@example.org> 0 -1400", "Exempel", "1969-12-31"),
    "tidszon utan mening": (b"Exempel <e@example.org> 1562000000 +9999", "Exempel", None),
    "ingen författare": (b"<e@example.org> 1562000000 +0200", "okänd", "2019-07-01"),
    "trasig rad": (b"Exempel e@example.org 15620", "okänd", None),
    "inte UTF-8": (b"Ex\xffempel <e@example.org> 1562000000 +0200", "Ex\ufffdempel", "2019-07-01"),
}


@pytest.mark.parametrize("case", list(ODD_AUTHORS))
def test_an_author_or_date_that_cannot_be_shown_is_unknown_and_stops_nothing(
    history_repo: Path, case: str
) -> None:
    author, shown, day = ODD_AUTHORS[case]
    path = history_repo / "promises/2019.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("minst: 3}", "minst: 2}"), "utf-8")
    _odd_commit(history_repo, author)
    result = run_lofte("historik", "2019", "vandringar", "-f", "json", cwd=history_repo)
    assert result.exit_code == 0, result.stderr
    last = json.loads(result.stdout)[-1]
    assert (last["date"], last["author"], last["details"]) == (day, shown, ["minst 3 → 2 (sänkt)"])
    table = run_lofte("historik", "2019", "vandringar", cwd=history_repo)
    assert table.exit_code == 0 and "\u202e" not in table.stdout and "\x1e" not in table.stdout
    assert table.stdout.splitlines()[-1].startswith(day or "okänt datum")
    site = run_lofte("webb", "-o", "ut", "--per", "2019-07-31", cwd=history_repo)
    assert site.exit_code == 0, site.stderr
    page = (history_repo / "ut/exempelby/2019.html").read_text(encoding="utf-8")
    assert "minst 3 → 2 (sänkt) (av " in page
    assert not any(c in page for c in "\u202e\x1e\x1f\ufffe")
    if day is None:
        assert "<li class=\"sankt\">okänt datum: minst 3 → 2 (sänkt)" in page
