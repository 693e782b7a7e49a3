"""Hostile or broken files never crash lofte and never run code: each gives a Swedish error
and an exit code, never a traceback, and nothing outside the repo is read or written.

`run_lofte` runs the CLI in-process with exceptions propagating, so a traceback anywhere
fails the test. Tests run as root, which ignores file permissions: an unreadable file is
simulated by making the read itself raise PermissionError.
"""

from __future__ import annotations

import os
import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import MINIMAL_PROMISES, Run, run_lofte, write

HEADER = "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad"
ROW = "2019-03-04,kontakt,1,Torget,,,Exempeldata,test,2019-03-04T10:00:00+01:00"
LOG_INSATS = ("log", "insats", "--typ", "kontakt", "--datum", "2019-03-05", "--tyst")
OUTSIDE_PROMISES = MINIMAL_PROMISES.format(period=2019).replace("Exempelby", "Utanförby")


def _repo(root: Path, promises: str | bytes | None = None) -> Path:
    text = MINIMAL_PROMISES.format(period=2019) if promises is None else promises
    path = root / "repo/promises/2019.yaml"
    path.parent.mkdir(parents=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return root / "repo"


def _assert_refused(result: Run, *lines: str, exit_code: int = 1) -> None:
    """Exit code and the whole stderr; stdout empty."""
    assert (result.exit_code, result.stdout) == (exit_code, "")
    assert result.stderr.splitlines() == list(lines)


# --- promise files ---------------------------------------------------------------------

NO_PROMISES = "lofte: Repot har inga läsbara löftesfiler under promises/."


@pytest.mark.parametrize(
    ("yaml_text", "problem"),
    [
        (
            '!!python/object/apply:os.system ["touch {sentinel}"]\n',
            "promises/2019.yaml:1:1: fel E014: YAML-taggar är inte tillåtna i en löftesfil "
            "(tag:yaml.org,2002:python/object/apply:os.system).",
        ),
        (
            'kommun: !!python/object/apply:os.system ["touch {sentinel}"]\nperiod: 2019\n',
            "promises/2019.yaml:1:9: fel E014: YAML-taggar är inte tillåtna i en löftesfil "
            "(tag:yaml.org,2002:python/object/apply:os.system).",
        ),
        (
            "kommun: x\nperiod: !!python/name:os.system\n",
            "promises/2019.yaml:2:9: fel E014: YAML-taggar är inte tillåtna i en löftesfil "
            "(tag:yaml.org,2002:python/name:os.system).",
        ),
        (
            "kommun: !egen-tagg x\n",
            "promises/2019.yaml:1:9: fel E014: YAML-taggar är inte tillåtna i en löftesfil "
            "(!egen-tagg).",
        ),
    ],
)
def test_yaml_tags_that_could_run_code_are_refused(
    tmp_path: Path, yaml_text: str, problem: str
) -> None:
    sentinel = tmp_path / "pwned"
    root = _repo(tmp_path, yaml_text.format(sentinel=sentinel))
    _assert_refused(run_lofte("status", "2019", cwd=root), problem, NO_PROMISES)
    check = run_lofte("check", cwd=root)
    assert (check.exit_code, check.stdout.splitlines()[0]) == (1, problem)
    assert not sentinel.exists()


def test_billion_laughs_is_refused_at_its_first_anchor_in_no_time(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    root = _repo(tmp_path, "\n".join(lines) + "\n")
    started = time.perf_counter()
    result = run_lofte("status", "2019", cwd=root)
    assert time.perf_counter() - started < 2
    _assert_refused(
        result,
        "promises/2019.yaml:1:5: fel E014: YAML-ankare är inte tillåtna i en löftesfil (&a0).",
        NO_PROMISES,
    )


def test_an_alias_without_anchor_is_refused(tmp_path: Path) -> None:
    root = _repo(tmp_path, "kommun: *x\n")
    _assert_refused(
        run_lofte("status", "2019", cwd=root),
        "promises/2019.yaml:1:9: fel E014: YAML-alias är inte tillåtna i en löftesfil (*x).",
        NO_PROMISES,
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "promises/2019.yaml:1: fel E002: Filen kan inte läsas: filen är tom."),
        (
            bytes(random.Random(1).randrange(256) for _ in range(4000)) + b"\x00",
            "promises/2019.yaml: fel E002: Filen kan inte läsas: filen innehåller binära data "
            "(NUL-byte).",
        ),
        (
            "kommun: Kalix\nlokalpolisområde: Östra Norrbotten\n".encode("cp1252"),
            "promises/2019.yaml:2: fel E019: Filen är inte UTF-8 (ogiltig byte 0xe5). "
            "Spara den som UTF-8 i textredigeraren.",
        ),
        (
            b"[" * 5_000,
            "promises/2019.yaml:1:51: fel E001: YAML-syntaxfel: strukturen är för djupt "
            "nästlad (högst 50 nivåer).",
        ),
        (
            b"- en\n- lista\n",
            "promises/2019.yaml:1:1: fel E006: 'löftesfilen' ska vara en mappning, inte en lista.",
        ),  # fmt: skip
    ],
)
def test_broken_promise_files(tmp_path: Path, content: bytes, problem: str) -> None:
    root = _repo(tmp_path, content)
    _assert_refused(run_lofte("status", "2019", cwd=root), problem, NO_PROMISES)
    _assert_refused(
        run_lofte(*LOG_INSATS, cwd=root),
        problem,
        "lofte: Datumet 2019-03-05 ligger inte i någon löftesperiod. Perioder: inga.",
    )


def test_a_50_mb_promise_file_is_refused_by_its_size_unread(tmp_path: Path) -> None:
    root = _repo(tmp_path, b"")
    os.truncate(root / "promises/2019.yaml", 50 * 1024 * 1024)  # sparse: nothing to parse
    _assert_refused(
        run_lofte("status", "2019", cwd=root),
        "promises/2019.yaml: fel E002: Filen kan inte läsas: filen är för stor (52428800 byte, "
        "högst 262144).",
        NO_PROMISES,
    )


def test_a_directory_where_the_promise_file_should_be(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "promises/2019.yaml").mkdir(parents=True)
    _assert_refused(
        run_lofte("status", "2019", cwd=root),
        "promises/2019.yaml: fel E002: Filen kan inte läsas: det är en katalog, inte en fil.",
        NO_PROMISES,
    )


def test_an_unreadable_promise_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _repo(tmp_path)
    real_read_bytes = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path.name == "2019.yaml":
            raise PermissionError(13, "Permission denied", str(path))
        return real_read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    _assert_refused(
        run_lofte("status", "2019", cwd=root),
        "promises/2019.yaml: fel E002: Filen kan inte läsas: läsrättighet saknas.",
        NO_PROMISES,
    )


def test_promise_links_out_of_the_repo_are_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "promises").mkdir(parents=True)
    outside = write(tmp_path, "utanfor/2019.yaml", OUTSIDE_PROMISES)
    (root / "promises/2019.yaml").symlink_to(outside)
    refused = "promises/2019.yaml: fel E002: Filen kan inte läsas: länken pekar utanför repot."
    _assert_refused(run_lofte("status", "2019", cwd=root), refused, NO_PROMISES)
    _assert_refused(run_lofte("status", cwd=root), refused, NO_PROMISES)
    # a kommun folder linked out of the repo
    (root / "promises/2019.yaml").unlink()
    (root / "promises/utanfor").symlink_to(outside.parent)
    result = run_lofte("status", "2019", cwd=root)
    assert result.exit_code == 1 and "Utanförby" not in result.stdout + result.stderr
    assert result.stderr.splitlines()[0] == (
        "promises/utanfor: fel E002: Filen kan inte läsas: länken pekar utanför repot."
    )
    # a promise file in a plain kommun folder, linked out of the repo; and one linked to a
    # file inside the repo, which is read
    (root / "promises/utanfor").unlink()
    (root / "promises/kalix").mkdir()
    (root / "promises/kalix/2019.yaml").symlink_to(outside)
    result = run_lofte("status", "2019", cwd=root)
    assert result.exit_code == 1 and "Utanförby" not in result.stdout + result.stderr
    assert result.stderr.splitlines()[0] == (
        "promises/kalix/2019.yaml: fel E002: Filen kan inte läsas: länken pekar utanför repot."
    )
    inside = write(root, "arkiv/2019.yaml", OUTSIDE_PROMISES)
    (root / "promises/kalix/2019.yaml").unlink()
    (root / "promises/kalix/2019.yaml").symlink_to(inside)
    result = run_lofte("status", "2019", cwd=root)
    assert "Utanförby" in result.stdout, result.stdout + result.stderr


# --- logs ------------------------------------------------------------------------------


def _repo_with_log(tmp_path: Path, log: bytes | None) -> Path:
    root = _repo(tmp_path)
    (root / "logs").mkdir()
    if log is not None:
        (root / "logs/2019.csv").write_bytes(log)
    return root


def test_a_50_mb_cell_is_that_rows_problem_and_memory_stays_bounded(tmp_path: Path) -> None:
    root = _repo_with_log(tmp_path, None)
    with (root / "logs/2019.csv").open("w", encoding="utf-8") as log:
        log.write(f"{HEADER}\n{ROW}\n2019-03-04,kontakt,1,Torget,,,")
        for _ in range(50):
            log.write("x" * (1024 * 1024))
        log.write(f",test,\n{ROW.replace('03-04', '03-05')}\n")
    environment = {**os.environ, "LOFTE_IDAG": "2019-12-31", "LOFTE_KATALOG": str(root)}
    lofte = Path(sys.executable).with_name("lofte")
    status = subprocess.run(  # a line read in quadratic time once took minutes here
        [str(lofte), "status", "2019", "-f", "csv"],
        env=environment,
        capture_output=True,
        timeout=60,
    )
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert status.returncode == 0
    assert status.stderr.decode() == (
        "lofte: varning W004: Rader som inte kunde läsas lämnades utanför: 1 st. "
        "Kör 'lofte check'.\n"
    )
    assert peak_kib < 400 * 1024  # the 50 MB line is read once, never copied many times
    check = run_lofte("check", cwd=root)
    assert (check.exit_code, check.stdout) == (
        1,
        "logs/2019.csv:3: fel E033: Raden kan inte läsas som CSV: en cell är längre än 131072 "
        "tecken; korta texten eller ta bort raden.\n1 fel i 1 fil.\n",
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (
            f"{HEADER}\n{ROW}\n2019-03-05,kon\x00takt,1,,,,,,\n".encode(),
            "logs/2019.csv:3: fel E002: Filen kan inte läsas: binära data på raden.",
        ),
        (
            b"\x00\x01\x02" + bytes(range(256)),
            "logs/2019.csv:1: fel E002: Filen kan inte läsas: filen innehåller binära data.",
        ),
        (
            b"\x89PNG\r\n\x1a\n" + bytes(range(128, 256)),
            "logs/2019.csv:1: fel E027: Filen är inte UTF-8 (ogiltig byte 0x89). Spara den som "
            "CSV UTF-8 (i Excel: 'CSV UTF-8').",
        ),
        (b"\n\n", "logs/2019.csv:1: fel E020: Rubrikraden saknar kolumnen 'datum'."),
    ],
)
def test_binary_and_headerless_logs(tmp_path: Path, content: bytes, problem: str) -> None:
    root = _repo_with_log(tmp_path, content)
    _assert_refused(
        run_lofte("status", "2019", cwd=root),
        problem,
        "lofte: Loggen logs/2019.csv kan inte läsas.",
    )


def test_an_empty_log_is_an_empty_log(tmp_path: Path) -> None:
    root = _repo_with_log(tmp_path, b"")
    result = run_lofte("status", "2019", "-f", "json", cwd=root)
    assert (result.exit_code, result.stderr) == (0, "")
    assert '"done": 0,' in result.stdout
    assert run_lofte("check", cwd=root).exit_code == 0


def test_a_directory_where_the_log_should_be(tmp_path: Path) -> None:
    root = _repo_with_log(tmp_path, None)
    (root / "logs/2019.csv").mkdir()
    _assert_refused(
        run_lofte("status", "2019", cwd=root),
        "logs/2019.csv: fel E002: Filen kan inte läsas: det är en katalog, inte en fil.",
        "lofte: Loggen logs/2019.csv kan inte läsas.",
    )
    _assert_refused(
        run_lofte(*LOG_INSATS, cwd=root),
        "lofte: Kan inte öppna logs/2019.csv för skrivning: det är en katalog, inte en fil. "
        "Inget skrevs.",
    )


def test_an_unreadable_or_unwritable_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _repo_with_log(tmp_path, f"{HEADER}\n{ROW}\n".encode())
    real_open, real_os_open = Path.open, os.open

    def path_open(path: Path, *args: object, **kwargs: object) -> object:
        if path.name == "2019.csv":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    def os_open(path: object, *args: int, **kwargs: object) -> int:
        if str(path).endswith("2019.csv"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_os_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", path_open)
    monkeypatch.setattr(os, "open", os_open)
    _assert_refused(
        run_lofte("status", "2019", cwd=root),
        "logs/2019.csv: fel E002: Filen kan inte läsas: läsrättighet saknas.",
        "lofte: Loggen logs/2019.csv kan inte läsas.",
    )
    _assert_refused(
        run_lofte(*LOG_INSATS, cwd=root),
        "lofte: Kan inte öppna logs/2019.csv för skrivning: skrivrättighet saknas. Inget skrevs.",
    )


def _outside_log(tmp_path: Path) -> Path:
    outside = tmp_path / "utanfor/2019.csv"
    outside.parent.mkdir()
    outside.write_text(f"{HEADER}\n{ROW}\n{ROW}\n{ROW}\n", encoding="utf-8")
    return outside


LINKED_OUT = "logs/2019.csv: fel E002: Filen kan inte läsas: länken pekar utanför repot."


def test_a_log_linked_out_of_the_repo_is_neither_read_nor_written(tmp_path: Path) -> None:
    root = _repo_with_log(tmp_path, None)
    outside = _outside_log(tmp_path)
    before = outside.read_bytes()
    (root / "logs/2019.csv").symlink_to(outside)
    _assert_refused(
        run_lofte("status", "2019", cwd=root),
        LINKED_OUT,
        "lofte: Loggen logs/2019.csv läses inte.",
    )
    check = run_lofte("check", cwd=root)
    assert (check.exit_code, check.stdout) == (1, f"{LINKED_OUT}\n1 fel i 1 fil.\n")
    _assert_refused(
        run_lofte(*LOG_INSATS, cwd=root), "lofte: logs/2019.csv pekar utanför repot; inget skrevs."
    )
    assert outside.read_bytes() == before


@pytest.mark.parametrize("how", ["dangling link", "logs folder linked out", "link loop"])
def test_log_insats_never_creates_a_file_outside_the_repo(tmp_path: Path, how: str) -> None:
    root = _repo(tmp_path)
    target = tmp_path / "utanfor"
    if how == "dangling link":
        (root / "logs").mkdir()
        (root / "logs/2019.csv").symlink_to(target / "2019.csv")
        target.mkdir()
    elif how == "logs folder linked out":
        target.mkdir()
        (root / "logs").symlink_to(target)
    else:
        (root / "logs").mkdir()
        (root / "logs/2019.csv").symlink_to(root / "logs/2019.csv")
    _assert_refused(
        run_lofte(*LOG_INSATS, cwd=root), "lofte: logs/2019.csv pekar utanför repot; inget skrevs."
    )
    assert not target.exists() or list(target.iterdir()) == []
    status = run_lofte("status", "2019", cwd=root)
    assert status.exit_code in (0, 1) and "Traceback" not in status.stderr


# --- arguments that look like paths ------------------------------------------------------


@pytest.mark.parametrize(
    "period", ["../../etc/passwd", "/etc/passwd", "../promises/2019", "2019.yaml", "~", ""]
)
def test_a_period_argument_is_never_a_path(tmp_path: Path, period: str) -> None:
    root = _repo(tmp_path)
    _assert_refused(
        run_lofte("status", period, cwd=root),
        f"lofte: Perioden '{period}' finns inte. Perioder i repot: 2019.",
    )


@pytest.mark.parametrize("kommun", ["../../etc", "/etc"])
def test_a_kommun_argument_is_never_a_path(tmp_path: Path, kommun: str) -> None:
    root = _repo(tmp_path)
    _assert_refused(
        run_lofte("status", "2019", "--kommun", kommun, cwd=root),
        f"lofte: Okänd kommun '{kommun}'. Repot gäller Exempelby.",
    )


def test_dates_that_look_like_paths_are_usage_errors(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    result = run_lofte("status", "2019", "--per", "../../etc/passwd", cwd=root)
    _assert_refused(
        result,
        "lofte: --per: '../../etc/passwd' är inget giltigt datum. Skriv ÅÅÅÅ-MM-DD, idag, "
        "igår, förrgår, en veckodag (måndag … söndag) eller -N (N dagar sedan).",
        exit_code=2,
    )


# --- files that are no files -------------------------------------------------------------


def _fail_after(seconds: int) -> None:
    """A named pipe that is read blocks forever; fail the test instead of hanging CI."""

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError("lofte blocked on a named pipe")

    signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)


def test_a_named_pipe_for_a_log_is_refused_without_blocking(tmp_path: Path) -> None:
    root = _repo_with_log(tmp_path, None)
    os.mkfifo(root / "logs/2019.csv")
    refused = (
        "logs/2019.csv: fel E002: Filen kan inte läsas: det är ingen vanlig fil (en namngiven "
        "pipe eller en enhet)."
    )
    _fail_after(20)
    try:
        _assert_refused(
            run_lofte("status", "2019", cwd=root),
            refused,
            "lofte: Loggen logs/2019.csv kan inte läsas.",
        )
        check = run_lofte("check", cwd=root)
        assert (check.exit_code, check.stdout) == (1, f"{refused}\n1 fel i 1 fil.\n")
        _assert_refused(
            run_lofte(*LOG_INSATS, cwd=root),
            "lofte: logs/2019.csv är ingen vanlig fil (en namngiven pipe eller en enhet). "
            "Inget skrevs.",
        )
    finally:
        signal.alarm(0)


def test_a_named_pipe_for_a_promise_file_is_refused_without_blocking(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "promises").mkdir(parents=True)
    os.mkfifo(root / "promises/2019.yaml")
    _fail_after(20)
    try:
        _assert_refused(
            run_lofte("status", "2019", cwd=root),
            "promises/2019.yaml: fel E002: Filen kan inte läsas: det är ingen vanlig fil (en "
            "namngiven pipe eller en enhet).",
            NO_PROMISES,
        )
    finally:
        signal.alarm(0)
