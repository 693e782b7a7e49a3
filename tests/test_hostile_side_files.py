"""A file beside a log that cannot be read is an error for every command that judges, never
skipped in silence (docs/garantier.md). Before, an unreadable corrections file (not UTF-8, a
named pipe, a folder, /dev/zero, a link out of the repo) was taken as no corrections by
`status`, `rapport`, `webb` and `oversikt`, with exit 0 and no word: the struck rows counted
again."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import MINIMAL_PROMISES, run_lofte, write

HEADER = "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad\n"
ROWS = (
    "2019-03-04,kontakt,1,Torget,,,Exempeldata,test,2019-03-04T10:00:00+01:00\n"
    "2019-03-05,kontakt,1,Torget,,,Exempeldata,test,2019-03-05T10:00:00+01:00\n"
)
CORRECTIONS = "logs/2019.rattelser.csv"
COMMENTS = "logs/2019.kommentarer.csv"
MEASUREMENTS = "logs/2019.matningar.csv"
INDICATOR = (  # under the area of MINIMAL_PROMISES
    "    indikatorer:\n"
    "      - id: inbrott\n"
    "        namn: Anmälda bostadsinbrott\n"
    "        källa: Exempeldata\n"
    "        enhet: st\n"
    "        riktning: minska\n"
    "        utgångsläge: {datum: 2018-12-31, värde: 40}\n"
)


def repo(root: Path) -> Path:
    promises = MINIMAL_PROMISES.format(period=2019) + INDICATOR
    write(root, "repo/promises/2019.yaml", promises)
    write(root, "repo/logs/2019.csv", HEADER + ROWS)
    return root / "repo"


def struck(root: Path) -> str:
    """The corrections file `log stryk` writes for the log's second row."""
    result = run_lofte("log", "stryk", "2", "--skal", "Exempeldata", "--period", "2019", cwd=root)
    assert result.exit_code == 0, result.stderr
    return (root / CORRECTIONS).read_text(encoding="utf-8")


def _not_utf8(root: Path, rel: str, good: str) -> None:
    (root / rel).write_bytes(good.encode("utf-8") + b"stryk,\xff\xfe,,x,t,2019\n")


def _pipe(root: Path, rel: str, good: str) -> None:
    os.mkfifo(root / rel)


def _folder(root: Path, rel: str, good: str) -> None:
    (root / rel).mkdir()


def _dev_zero(root: Path, rel: str, good: str) -> None:
    (root / rel).symlink_to("/dev/zero")


def _link_out(root: Path, rel: str, good: str) -> None:
    outside = root.parent / "utanfor.csv"
    outside.write_text(good, encoding="utf-8")
    (root / rel).symlink_to(outside)


def _no_header(root: Path, rel: str, good: str) -> None:
    (root / rel).write_text("\n".join(good.splitlines()[1:]) + "\n", encoding="utf-8")


BROKEN: dict[str, Callable[[Path, str, str], None]] = {
    "inte UTF-8": _not_utf8,
    "namngiven pipe": _pipe,
    "katalog": _folder,
    "/dev/zero": _dev_zero,
    "länk ut ur repot": _link_out,
    "utan rubrikrad": _no_header,
}


@pytest.fixture(autouse=True)
def never_blocks() -> Iterator[None]:
    """A named pipe that is read blocks forever: fail the test instead of hanging CI."""

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError("lofte blocked on a side file")

    signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    yield
    signal.alarm(0)


JUDGING = [
    ("status",),
    ("status", "--format", "json"),
    ("status", "2019", "kontakter"),
    ("rapport", "2019"),
    ("oversikt",),
    ("webb",),
    ("log", "lista", "2019"),
    ("plan",),
]


@pytest.mark.parametrize("how", BROKEN)
@pytest.mark.parametrize("command", JUDGING, ids=" ".join)
def test_an_unreadable_corrections_file_is_refused_by_every_command_that_judges(
    tmp_path: Path, how: str, command: tuple[str, ...]
) -> None:
    root = repo(tmp_path)
    good = struck(root)
    (root / CORRECTIONS).unlink()
    BROKEN[how](root, CORRECTIONS, good)
    result = run_lofte(*command, cwd=root)
    assert result.exit_code == 1, result.stdout
    assert f"{CORRECTIONS}:" in result.stderr
    assert "fel E0" in result.stderr
    if command[0] not in ("oversikt", "plan"):  # these leave the period out, naming the file
        assert result.stdout == ""
        assert result.stderr.endswith(
            f"lofte: Rättelsefilen {CORRECTIONS} kan inte läsas, så de rader den stryker skulle "
            "räknas igen. Rätta den först (se 'lofte check').\n"
        )
    assert not (root / "_site").exists()


@pytest.mark.parametrize("how", BROKEN)
def test_check_reports_an_unreadable_corrections_file_and_goes_on(
    tmp_path: Path, how: str
) -> None:
    root = repo(tmp_path)
    good = struck(root)
    (root / CORRECTIONS).unlink()
    BROKEN[how](root, CORRECTIONS, good)
    for args in (("check",), ("check", "--strikt", "--per", "2019-06-30")):
        result = run_lofte(*args, cwd=root)
        assert result.exit_code == 1
        assert result.stdout.startswith(f"{CORRECTIONS}:")
        assert result.stdout.endswith(" i 1 fil.\n")


def test_a_strike_that_cannot_be_read_is_counted_as_a_skipped_row(tmp_path: Path) -> None:
    """A record with a broken reference is left out like a log row that cannot be read:
    W004 says so, where before the row it was meant to strike counted without a word."""
    root = repo(tmp_path)
    good = struck(root)
    (root / CORRECTIONS).write_text(
        good + "stryk,zz,,Exempeldata,test,2019-06-01T10:00:00+01:00\n", encoding="utf-8"
    )
    for command in (("status",), ("rapport", "2019"), ("oversikt",), ("webb",)):
        result = run_lofte(*command, cwd=root)
        assert result.exit_code == 0, result.stderr
        assert result.stderr == (
            "lofte: varning W004: Rader som inte kunde läsas lämnades utanför: 1 st. "
            "Kör 'lofte check'.\n"
        )


def test_the_counts_after_logging_are_left_out_when_corrections_cannot_be_read(
    tmp_path: Path,
) -> None:
    """`log insats` has written its row: it says why it shows no counts, and exits 0."""
    root = repo(tmp_path)
    (root / CORRECTIONS).mkdir()
    result = run_lofte("log", "insats", "--typ", "kontakt", "--datum", "2019-03-06", cwd=root)
    assert result.exit_code == 0
    assert result.stderr == (
        f"lofte: varning: Rättelsefilen {CORRECTIONS} kan inte läsas, så de rader den stryker "
        "skulle räknas igen. Rätta den först (se 'lofte check').\n"
    )
    assert (root / "logs/2019.csv").read_text(encoding="utf-8").count("\n") == 4


# Comments and measurements were refused already; the same cases keep them so.
@pytest.mark.parametrize("how", BROKEN)
@pytest.mark.parametrize(
    ("rel", "commands"),
    [
        (COMMENTS, [("status", "--format", "json"), ("rapport", "2019"), ("webb",)]),
        (MEASUREMENTS, [("status",), ("rapport", "2019"), ("oversikt",), ("webb",)]),
    ],
    ids=["kommentarer", "mätningar"],
)
def test_unreadable_comments_and_measurements_are_refused(
    tmp_path: Path, how: str, rel: str, commands: list[tuple[str, ...]]
) -> None:
    root = repo(tmp_path)
    header = (
        "datum,löfte,kommentar,registrerad_av,registrerad\n"
        if rel == COMMENTS
        else "datum,indikator,värde,källa,registrerad_av,registrerad\n"
    )
    BROKEN[how](root, rel, header)
    if how == "utan rubrikrad":
        (root / rel).write_text("\n", encoding="utf-8")
    for command in commands:
        result = run_lofte(*command, cwd=root)
        assert result.exit_code == 1, (command, result.stdout)
        assert rel in result.stderr
    assert not (root / "_site").exists()


@pytest.mark.parametrize("how", ["inte UTF-8", "katalog", "namngiven pipe"])
@pytest.mark.parametrize("command", [("rapport", "2019"), ("webb",)], ids=" ".join)
def test_struck_comments_never_show_again_when_the_corrections_cannot_be_read(
    tmp_path: Path, how: str, command: tuple[str, ...]
) -> None:
    """Without a log the tally never reads the corrections: the comments still must not
    come back from a strike nobody can read."""
    root = repo(tmp_path)
    (root / "logs/2019.csv").unlink()
    write(
        root,
        COMMENTS,
        "datum,löfte,kommentar,registrerad_av,registrerad\n"
        "2019-03-04,kontakter,Exempeldata som ströks,test,2019-03-04T10:00:00+01:00\n",
    )
    good = "åtgärd,rad,ny_rad,skäl,registrerad_av,registrerad\n"
    BROKEN[how](root, CORRECTIONS, good)
    result = run_lofte(*command, cwd=root)
    assert (result.exit_code, result.stdout) == (1, "")
    assert f"Rättelsefilen {CORRECTIONS} kan inte läsas" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ("log", "stryk", "3", "--skal", "Exempeldata: fel"),
        ("log", "ratta", "3", "--antal", "2", "--skal", "Exempeldata: fel"),
        ("log", "radera", "3", "--skal", "Exempeldata: fel"),
        ("log", "angra", "2", "--skal", "Exempeldata: fel"),
    ],
)
def test_a_correction_onto_an_unreadable_corrections_file_is_refused(
    command: tuple[str, ...], tmp_path: Path
) -> None:
    """A writer reads the corrections as strictly as the judgement: a strike appended to a
    file that cannot be read would leave the earlier strikes counting again unseen."""
    root = repo(tmp_path)
    good = struck(root)
    _not_utf8(root, CORRECTIONS, good)
    before = {rel: (root / rel).read_bytes() for rel in ("logs/2019.csv", CORRECTIONS)}
    result = run_lofte(*command, "--period", "2019", cwd=root)
    assert result.exit_code == 1, result.stdout
    assert "logs/2019.rattelser.csv" in result.stderr and "Traceback" not in result.stderr
    assert {rel: (root / rel).read_bytes() for rel in before} == before
