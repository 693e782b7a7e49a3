"""Every writer goes through one safe write (docs/garantier.md): never through a link at any
level inside the repo (one that leads out, one that stays inside, one that leads nowhere),
never into a device node, a named pipe or a folder, never into .git; refused in Swedish, exit
1, nothing written. And a killed rewrite's temporary copy of a log is removed by the next
writer that takes the lock. Each case here wrote through the link or left the file before."""

from __future__ import annotations

import ast
import csv
import io
import json
import os
import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MINIMAL_PROMISES, run_lofte, write
from hypothesis import assume, given
from hypothesis import strategies as st

from medborgarlofte.load.log_dialect import format_row

HEADER = "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad\n"
ROW = "2019-03-04,kontakt,1,Torget,,,Exempeldata: en rad,test,2019-03-04T10:00:00+01:00\n"
LOG_INSATS = ("log", "insats", "--typ", "kontakt", "--datum", "2019-05-01")


def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    write(root, "promises/2019.yaml", MINIMAL_PROMISES.format(period=2019))
    write(root, "logs/2019.csv", HEADER + ROW)
    return root


def files(folder: Path) -> dict[str, bytes | str]:
    """Every file and link under `folder` (a link by where it points), to compare whole."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        if path.is_symlink():
            found[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            found[rel] = path.read_bytes()
    return found


def _link_out(root: Path, outside: Path, rel: str) -> None:
    outside.mkdir(parents=True, exist_ok=True)
    (root / rel).symlink_to(outside / Path(rel).name)


def _link_in(root: Path, outside: Path, rel: str) -> None:
    (root / "arkiv").mkdir(exist_ok=True)
    (root / rel).symlink_to(root / "arkiv" / Path(rel).name)


def _dangling_out(root: Path, outside: Path, rel: str) -> None:
    (root / rel).symlink_to(outside / "finns-inte" / Path(rel).name)


LINKS: dict[str, Callable[[Path, Path, str], None]] = {
    "länk ut ur repot": _link_out,
    "länk inom repot": _link_in,
    "dinglande länk": _dangling_out,
}


# --- init --fran: the new period's files ---------------------------------------------------


@pytest.mark.parametrize("how", list(LINKS))
@pytest.mark.parametrize("rel", ["logs/2020.csv", "promises/2020.yaml"])
def test_init_fran_never_writes_through_a_committed_link(
    tmp_path: Path, rel: str, how: str
) -> None:
    root = repo(tmp_path)
    outside = tmp_path / "utanfor"
    LINKS[how](root, outside, rel)
    before, before_outside = files(root), files(tmp_path)
    result = run_lofte("init", "--fran", "2019", cwd=root, today="2019-12-20")
    assert (result.exit_code, result.stdout) == (1, "")
    if rel.startswith("promises/"):  # one that is there, even as a dangling link, stays
        assert result.stderr == f"lofte: {rel} finns redan; inget skrevs. Välj en annan --period.\n"
    elif how == "länk inom repot":
        assert result.stderr == (
            f"lofte: {rel}: {rel} är en symbolisk länk, och lofte skriver aldrig genom en "
            "länk i repot. Ersätt länken med en vanlig fil eller katalog. Inget skrevs.\n"
        )
    else:
        assert result.stderr == (
            f"lofte: {rel} skulle hamna utanför repot (en länk på vägen?). Inget skrevs.\n"
        )
    assert files(root) == before and files(tmp_path) == before_outside


def test_init_writes_nothing_through_a_folder_linked_inside_the_repo(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "delad").mkdir(parents=True)
    (root / ".github").symlink_to(root / "delad")
    result = run_lofte("init", ".", "--kommun", "Kalix", "--period", "2020", cwd=root)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "lofte: .github/workflows/lofte.yml: .github är en symbolisk länk, och lofte skriver "
        "aldrig genom en länk i repot. Ersätt länken med en vanlig fil eller katalog. "
        "Inget skrevs.\n"
    )
    assert files(root) == {".github": f"-> {root / 'delad'}"}


def test_init_completes_gitattributes_but_never_through_a_link(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "attribut").write_text("*.txt text\n", encoding="utf-8")
    (root / ".gitattributes").symlink_to(root / "attribut")
    result = run_lofte("init", ".", "--kommun", "Kalix", "--period", "2020", cwd=root)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("lofte: .gitattributes: .gitattributes är en symbolisk länk")
    assert (root / "attribut").read_text(encoding="utf-8") == "*.txt text\n"
    assert sorted(p.name for p in root.iterdir()) == [".gitattributes", "attribut"]


# --- log commands -------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["logs folder linked inside", "log linked inside"])
def test_log_insats_never_writes_through_a_link_that_stays_in_the_repo(
    tmp_path: Path, how: str
) -> None:
    root = repo(tmp_path)
    if how == "logs folder linked inside":
        (root / "logs").rename(root / "arkiv")
        (root / "logs").symlink_to(root / "arkiv")
        link = "logs"
    else:
        (root / "arkiv").mkdir()
        (root / "logs/2019.csv").rename(root / "arkiv/2019.csv")
        (root / "logs/2019.csv").symlink_to(root / "arkiv/2019.csv")
        link = "logs/2019.csv"
    before = files(root)
    result = run_lofte(*LOG_INSATS, cwd=root)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"lofte: logs/2019.csv: {link} är en symbolisk länk, och lofte skriver aldrig genom en "
        "länk i repot. Ersätt länken med en vanlig fil eller katalog. Inget skrevs.\n"
    )
    assert files(root) == before


@pytest.mark.parametrize(
    "command",
    [
        ("log", "stryk", "2", "--skal", "fel"),
        ("log", "radera", "2", "--skal", "personuppgift"),
        ("log", "kommentar", "kontakter", "Exempeldata: en kommentar", "--datum", "2019-05-01"),
    ],
    ids=["stryk", "radera", "kommentar"],
)
def test_a_side_file_linked_inside_the_repo_is_never_written_through(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    root = repo(tmp_path)
    (root / "arkiv").mkdir()
    side = "kommentarer" if command[1] == "kommentar" else "rattelser"
    (root / f"logs/2019.{side}.csv").symlink_to(root / f"arkiv/2019.{side}.csv")
    before = files(root)
    result = run_lofte(*command, cwd=root)
    assert (result.exit_code, result.stdout) == (1, "")
    assert "är en symbolisk länk" in result.stderr and result.stderr.endswith("Inget skrevs.\n")
    assert files(root) == before


# --- webb -o and rapport -o --------------------------------------------------------------


def test_webb_never_follows_a_site_folder_committed_as_a_link(tmp_path: Path) -> None:
    root = repo(tmp_path)
    outside = tmp_path / "utanfor"
    outside.mkdir()
    (root / "_site").symlink_to(outside)
    for args in ((), ("-o", "_site"), ("-o", "_site", "--skriv-over")):
        result = run_lofte("webb", *args, cwd=root)
        assert (result.exit_code, result.stdout) == (1, ""), args
        assert result.stderr == (
            "lofte: _site: _site är en symbolisk länk, och lofte skriver aldrig genom en länk "
            "i repot. Ersätt länken med en vanlig fil eller katalog. Inget skrevs.\n"
        )
    assert list(outside.iterdir()) == []


def test_webb_never_writes_below_a_link_inside_its_folder(tmp_path: Path) -> None:
    root = repo(tmp_path)
    site = tmp_path / "sajt"
    assert run_lofte("webb", "-o", str(site), cwd=root).exit_code == 0
    outside = tmp_path / "utanfor"
    outside.mkdir()
    (site / "data").rename(tmp_path / "gammal-data")
    (site / "data").symlink_to(outside)
    result = run_lofte("webb", "-o", str(site), cwd=root)
    assert result.exit_code == 1
    assert "data är en symbolisk länk" in result.stderr
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("target", [".git", ".git/sajt", "ut/.git"])
def test_webb_never_writes_into_git(tmp_path: Path, target: str) -> None:
    root = repo(tmp_path)
    (root / ".git").mkdir()
    (root / ".git/HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    before = files(root)
    result = run_lofte("webb", "-o", target, "--skriv-over", cwd=root)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.endswith(
        "ligger i en .git-katalog; lofte skriver aldrig i gits egna filer. Inget skrevs.\n"
    )
    assert files(root) == before


def test_rapport_never_writes_into_git(tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / ".git").mkdir()
    result = run_lofte("rapport", "2019", "-o", ".git/description.html", cwd=root)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "lofte: .git/description.html ligger i en .git-katalog; lofte skriver aldrig i gits "
        "egna filer. Inget skrevs.\n"
    )
    assert list((root / ".git").iterdir()) == []


def _special(path: Path, kind: str) -> object:
    if kind == "named pipe":
        os.mkfifo(path)
        return None
    if kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        return server
    os.mknod(path, 0o600 | 0o020000, os.makedev(1, 3))  # a character device, as /dev/null
    return None


SPECIAL = ["named pipe", "socket"] + (["device node"] if os.geteuid() == 0 else [])


@pytest.mark.parametrize("kind", SPECIAL)
@pytest.mark.parametrize("inside", [True, False], ids=["i repot", "utanför repot"])
def test_rapport_never_replaces_a_special_file(tmp_path: Path, kind: str, inside: bool) -> None:
    root = repo(tmp_path)
    folder = root if inside else tmp_path / "ut"
    folder.mkdir(exist_ok=True)
    target = folder / "rapport.html"
    kept = _special(target, kind)
    before = os.lstat(target)
    result = run_lofte("rapport", "2019", "-o", str(target), cwd=root)
    assert (result.exit_code, result.stdout) == (1, "")
    shown = "rapport.html" if inside else str(target)
    assert result.stderr == (
        f"lofte: {shown} är ingen vanlig fil (en namngiven pipe eller en enhet). Inget skrevs.\n"
    )
    after = os.lstat(target)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".lofte")) == []
    if isinstance(kept, socket.socket):
        kept.close()


# --- temporary files of a killed rewrite ---------------------------------------------------


def test_a_killed_rewrites_copies_are_removed_by_the_next_locked_run(tmp_path: Path) -> None:
    root = repo(tmp_path)
    logs = root / "logs"
    for pid in (4711, 99999, 123):  # what kill -9 during `log radera` leaves
        (logs / f".2019.csv.{pid}.ny").write_bytes((HEADER + ROW).encode())
    others = [".2019.csv.abc.ny", ".2020.csv.4711.ny", "2019.csv.4711.ny", ".2019.csv.4711.tmp"]
    for name in others:  # not a temporary copy of this log: left alone
        (logs / name).write_bytes(b"y")
    result = run_lofte(*LOG_INSATS, cwd=root)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in logs.iterdir()) == sorted(
        ["2019.csv", *others]
    )


def test_an_interrupted_rewrite_leaves_no_copy_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medborgarlofte.core.problems import LofteError
    from medborgarlofte.write import safe_write

    root = repo(tmp_path)
    before = files(root)

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(safe_write.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        safe_write.replace_whole(root, root / "logs/2019.csv", b"ny")
    assert files(root) == before

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(safe_write.os, "replace", full)
    failed = "Kunde inte skriva logs/2019.csv: No space left on device. Filen är oförändrad."
    with pytest.raises(LofteError, match=failed):
        safe_write.replace_whole(root, root / "logs/2019.csv", b"ny")
    assert files(root) == before


# --- rows that stay rows -----------------------------------------------------------------

CORRECTION_PROMISES = MINIMAL_PROMISES.format(period=2019)


@given(
    cells=st.lists(st.text(alphabet=st.sampled_from('ab \r\n,;"\t\x1e'), max_size=6), max_size=5),
    delimiter=st.sampled_from([",", ";"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_every_row_lofte_writes_reads_back_as_one_row(
    cells: list[str], delimiter: str, newline: str
) -> None:
    """A CR or LF is quoted wherever it stands, whatever the file's own line end: the csv
    module quotes only the characters of its line terminator."""
    assume(cells and cells != [""])
    text = format_row(cells, delimiter, newline).decode("utf-8")
    assert text.endswith(newline)
    assert list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)) == [cells]


@pytest.mark.parametrize("newline", ["\n", "\r", "\r\n"])
def test_log_radera_never_splits_a_row_with_a_line_break_in_a_kept_cell(
    tmp_path: Path, newline: str
) -> None:
    """A lone CR in an LF file (or an LF in a CR file) in a cell the erasure keeps went out
    bare: the row became two, and a refused row counted."""
    root = tmp_path / "repo"
    write(root, "promises/2019.yaml", CORRECTION_PROMISES)
    other = "\n" if newline == "\r" else "\r"
    rows = [
        HEADER.rstrip("\n"),
        f'2019-03-04,kontakt,2,Torget,,,Exempeldata: namn,"anna{other}berg",2019-03-04T10:00',
        "2019-03-06,kontakt,1,Hamnen,,,Exempeldata,bo,2019-03-06T10:00:00+01:00",
    ]
    (root / "logs").mkdir()
    (root / "logs/2019.csv").write_bytes((newline.join(rows) + newline).encode())
    before = run_lofte("log", "lista", "--format", "json", cwd=root)
    result = run_lofte("log", "radera", "2", "--skal", "personuppgift", cwd=root)
    assert result.exit_code == 0, result.stderr
    after = run_lofte("log", "lista", "--format", "json", cwd=root)
    listed_before, listed_after = json.loads(before.stdout), json.loads(after.stdout)
    assert len(listed_after) == len(listed_before) == 2
    assert listed_after[0]["registered_by"] == f"anna{other}berg"
    assert (listed_after[0]["place"], listed_after[0]["description"]) == ("[raderad]",) * 2
    assert listed_after[1] == listed_before[1]
    data = (root / "logs/2019.csv").read_bytes().decode()
    assert data.count(newline) == 3 and data.endswith(rows[2] + newline)


OPEN_QUOTE_LOGS = {
    "öppet till slutet": [
        "2019-03-04,kontakt,1,Torget,,,Exempeldata: namn,anna,2019-03-04T10:00:00+01:00",
        '2019-03-05,kontakt,1,"Hamnen,,,Exempeldata,bo,2019-03-05T10:00:00+01:00',
        "2019-03-06,kontakt,1,Skolan,,,Exempeldata: namn,bo,2019-03-06T10:00:00+01:00",
    ],
    "stängs på en ny rad": [
        "2019-03-04,kontakt,1,Torget,,,Exempeldata: namn,anna,2019-03-04T10:00:00+01:00",
        '2019-03-05,kontakt,1,"Hamnen,,,Exempeldata,bo,2019-03-05T10:00:00+01:00',
        '2019-03-06,kontakt,1,Skolan",,,Exempeldata: namn,bo,2019-03-06T10:00:00+01:00',
    ],
}


@pytest.mark.parametrize("log", list(OPEN_QUOTE_LOGS))
def test_log_radera_after_an_open_quote_refuses_before_recording(
    tmp_path: Path, log: str
) -> None:
    """The erasure was recorded, then the rewrite failed, and every retry failed alike:
    personal data that could not be erased, and a record (E076) that could never be met."""
    root = tmp_path / "repo"
    write(root, "promises/2019.yaml", CORRECTION_PROMISES)
    (root / "logs").mkdir()
    (root / "logs/2019.csv").write_text(HEADER + "\n".join(OPEN_QUOTE_LOGS[log]) + "\n")
    before = files(root)
    result = run_lofte("log", "radera", "4", "--skal", "personuppgift", cwd=root)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines()[-1].startswith(
        "lofte: logs/2019.csv:3: ett citattecken öppnar en cell som aldrig stängs, så det är "
        "osäkert var rad 4 börjar och slutar, och den raderas inte."
    )
    assert files(root) == before
    # a row before the quote is erased as ever
    assert run_lofte("log", "radera", "2", "--skal", "personuppgift", cwd=root).exit_code == 0
    check = run_lofte("check", cwd=root)
    assert " E076" not in check.stdout and " E042" in check.stdout


def test_log_ratta_on_a_log_open_at_its_end_refuses_before_recording(tmp_path: Path) -> None:
    """The strike was recorded, then the copy refused: a row struck with its copy missing."""
    root = tmp_path / "repo"
    write(root, "promises/2019.yaml", CORRECTION_PROMISES)
    (root / "logs").mkdir()
    rows = OPEN_QUOTE_LOGS["öppet till slutet"][:2]
    (root / "logs/2019.csv").write_text(HEADER + "\n".join(rows) + "\n")
    before = files(root)
    result = run_lofte("log", "ratta", "2", "--antal", "2", "--skal", "fel antal", cwd=root)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines()[-1].startswith(
        "lofte: logs/2019.csv:3: ett citattecken öppnar en cell som aldrig stängs"
    )
    assert files(root) == before


# --- every writer, now and later ----------------------------------------------------------

SOURCE = Path(__file__).resolve().parent.parent / "src" / "medborgarlofte"
# The only writes outside the safe write: the caches (in the user's cache folder, never in
# a repo) and the pipe between a process and its helper.
OWN_WRITES = {
    "load/promise_cache.py",
    "load/instant_tally.py",
    "load/halves.py",
    "write/safe_write.py",
}
_WRITE_FLAGS = {"O_WRONLY", "O_RDWR", "O_CREAT", "O_APPEND", "O_TRUNC"}


def _calls(tree: ast.AST) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)]


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _on_os(call: ast.Call) -> bool:
    func = call.func
    return isinstance(func, ast.Attribute) and getattr(func.value, "id", "") == "os"


def _opens_for_writing(call: ast.Call) -> bool:
    modes = [*call.args[1:2], *(k.value for k in call.keywords if k.arg == "mode")]
    texts = [m.value for m in modes if isinstance(m, ast.Constant) and isinstance(m.value, str)]
    return any(set(text) & set("wax+") for text in texts)


def _writes_flags(call: ast.Call) -> bool:
    """Whether `os.open`'s flags may open for writing (a flag named so, or a variable)."""
    flags = call.args[1] if len(call.args) > 1 else None
    if flags is None:
        return False
    names = {n.attr for n in ast.walk(flags) if isinstance(n, ast.Attribute)}
    variables = {n.id for n in ast.walk(flags) if isinstance(n, ast.Name)} - {"os"}
    return bool(names & _WRITE_FLAGS) or bool(variables)


def _own_write(call: ast.Call) -> str | None:
    """What the call writes on its own, past the safe write, or None."""
    name = _name(call)
    if name in ("replace", "rename") and _on_os(call):
        return f"os.{name}"
    if name == "open" and _on_os(call) and _writes_flags(call):
        return "os.open"
    if name in ("write_bytes", "write_text", "mkstemp", "symlink_to"):
        return name
    if name == "open" and _opens_for_writing(call):
        return "open for writing"
    return None


def test_every_writer_goes_through_the_safe_write_with_the_repo_root() -> None:
    """A writer that opened a file itself, or locked a log without the repo's root (so that
    a link on the way was followed), went past the rules: `lofte laga` and moving a comment
    did. Every module is read as code, so a new command cannot either."""
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        rel = str(path.relative_to(SOURCE))
        for call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            name = _name(call)
            given = {k.arg for k in call.keywords}
            positional = {"locked_file": 3, "append_row": 99}.get(name)
            rootless = "root" not in given and len(call.args) < (positional or 0)
            if positional and rootless and rel != "write/append.py":
                found.append(f"{rel}:{call.lineno}: {name} without root")
            written = _own_write(call)
            if written is not None and rel not in OWN_WRITES:
                found.append(f"{rel}:{call.lineno}: {written}")
    assert found == []
