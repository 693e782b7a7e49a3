"""The kept log tally (load/instant_tally.py): always exactly what a count from scratch gives.

A property test drives a small repo through random sequences of what happens to a log in a
year — rows appended by `log insats` and by hand (a torn last line, completed later), a
same-size edit, a truncation, a replacement by a new file, `log stryk` and `log radera` —
and after every step compares the tally read with the cache (kept from the steps before)
with one counted from scratch. Damaged, foreign, planted and linked cache files are ignored
and replaced; a tally is only ever kept under the bytes it counted.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from datetime import date
from pathlib import Path

import pytest
from conftest import MINIMAL_PROMISES, run_lofte, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medborgarlofte.core.model import PromiseSet
from medborgarlofte.core.problems import LofteError
from medborgarlofte.load import instant_tally
from medborgarlofte.load.repo import Repo
from medborgarlofte.load.workspace import tally_log

TODAY = date(2019, 12, 31)
HEADER = "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad\n"
ROWS = [
    "2019-03-01,kontakt,2,Torget,,,Exempeldata,exempel,\n",
    "2019-03-02,trygghetsvandring,1,Centrum,kommun,,Exempeldata,exempel,\n",
    '2019-04-03,kontakt,1,"Torget, norra",,kväll,"Exempeldata, med ""citat""",exempel,\n',
    "2019-05-04,trygghetsvandring,1,Skolan,grannsamverkan;polis,,Exempeldata,exempel,\n",
    "2019-06-05,kontakt,7,Hamnen,,,Exempeldata,exempel,\n",
    "2019-02-30,kontakt,1,Fel datum,,,Exempeldata,exempel,\n",  # left out: no such day
    "2020-01-05,kontakt,1,Framtiden,,,Exempeldata,exempel,\n",  # left out: after today
]


def _promise_set(root: Path) -> PromiseSet:
    repo = Repo.open(root)
    sets, problems = repo.load(repo.refs_for_kommun(None))
    assert not [p for p in problems if p.severity == "fel"]
    return sets[0]


def _both(root: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    """The tally with the kept cache, and the tally counted from scratch."""
    promise_set = _promise_set(root)
    monkeypatch.setenv("LOFTE_CACHE", str(cache))
    kept = _tally(root, promise_set)
    monkeypatch.setenv("LOFTE_CACHE", "0")
    return kept, _tally(root, promise_set)


def _tally(root: Path, promise_set: PromiseSet) -> object:
    """The tally's sums and left-out rows, or the refusal (a log cut inside a character)."""
    try:
        tally = tally_log(root, promise_set, TODAY).tally
    except LofteError as error:
        return ("refused", error.message, [p.code for p in error.problems])
    return tally.by_promise, tally.skipped_rows


STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("insats"), st.sampled_from(["kontakt", "trygghetsvandring"])),
        st.tuples(st.just("rad"), st.sampled_from(range(len(ROWS)))),
        st.tuples(st.just("riven"), st.sampled_from(range(len(ROWS)))),
        st.tuples(st.just("samma_storlek"), st.integers(0, 10_000)),
        st.tuples(st.just("kapa"), st.integers(0, 10_000)),
        st.tuples(st.just("ersätt"), st.integers(0, 10_000)),
        st.tuples(st.just("stryk"), st.integers(0, 10_000)),
        st.tuples(st.just("radera"), st.integers(0, 10_000)),
    ),
    min_size=1,
    max_size=7,
)


def _apply(root: Path, step: tuple[str, object]) -> None:
    log = root / "logs/2019.csv"
    kind, value = step
    data = log.read_bytes()
    if kind == "insats":
        run_lofte("log", "insats", "--typ", str(value), "--datum", "2019-06-01", cwd=root)
    elif kind == "rad":
        with log.open("ab") as out:
            out.write(ROWS[int(str(value))].encode())  # by hand, after a complete line
    elif kind == "riven":
        row = ROWS[int(str(value))].encode()
        with log.open("ab") as out:
            out.write(row[: len(row) // 2])  # torn: no line end (the next append completes it)
    elif kind == "samma_storlek":
        digits = [i for i, b in enumerate(data) if 0x31 <= b <= 0x38 and i > len(HEADER)]
        if digits:
            at = digits[int(str(value)) % len(digits)]
            log.write_bytes(data[:at] + bytes([data[at] + 1]) + data[at + 1 :])
    elif kind == "kapa":
        if len(data) > len(HEADER):
            keep = len(HEADER) + int(str(value)) % (len(data) - len(HEADER))
            with log.open("r+b") as out:
                out.truncate(keep)
    elif kind == "ersätt":
        fresh = root / "logs/ny.csv"
        fresh.write_bytes(HEADER.encode() + "".join(ROWS[: int(str(value)) % 5]).encode())
        os.replace(fresh, log)
    else:  # stryk, radera: a row that `log lista` shows, by its number
        listed = run_lofte("log", "lista", "--format", "json", "--senaste", "50", cwd=root)
        rows = [r for r in json.loads(listed.stdout or "[]") if not r.get("struck")]
        if rows:
            line = str(rows[int(str(value)) % len(rows)]["line"])
            command = "stryk" if kind == "stryk" else "radera"
            run_lofte("log", command, line, "--skal", "Exempeldata: fel", cwd=root)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=STEPS)
def test_every_status_equals_a_count_from_scratch(
    steps: list[tuple[str, object]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.mktemp("repo")
    cache = tmp_path_factory.mktemp("cache")
    write(root, "promises/2019.yaml", MINIMAL_PROMISES.format(period=2019))
    write(root, "logs/2019.csv", HEADER + "".join(ROWS[:3]))
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("LOFTE_IDAG", TODAY.isoformat())
        kept, scratch = _both(root, cache, monkeypatch)
        assert kept == scratch
        for step in steps:
            _apply(root, step)
            kept, scratch = _both(root, cache, monkeypatch)
            assert kept == scratch, step


def _repo(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "repo"
    write(root, "promises/2019.yaml", MINIMAL_PROMISES.format(period=2019))
    write(root, "logs/2019.csv", HEADER + "".join(ROWS))
    return root, tmp_path / "cache"


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / "loggar").glob("*.json"))


def test_an_append_is_read_alone_and_a_rewrite_from_scratch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, cache = _repo(tmp_path)
    counts: list[int] = []
    real = instant_tally._with_tail

    def spy(*args: object, **kwargs: object) -> object:
        counts.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(instant_tally, "_with_tail", spy)
    kept, scratch = _both(root, cache, monkeypatch)
    assert kept == scratch and counts == []  # the first run counts it all, and keeps it
    (entry,) = _entries(cache)
    assert os.stat(entry).st_mode & 0o777 == 0o600
    with (root / "logs/2019.csv").open("a", encoding="utf-8") as out:
        out.write(ROWS[0])
    kept, scratch = _both(root, cache, monkeypatch)
    assert kept == scratch and counts == [1]  # the kept tally and the new row
    log = root / "logs/2019.csv"
    log.write_bytes(log.read_bytes().replace(b"Torget,", b"Torget;", 1))  # same size
    kept, scratch = _both(root, cache, monkeypatch)
    assert kept == scratch and counts == [1]  # the hash no longer holds: from scratch


@pytest.mark.parametrize(
    "planted",
    [
        b"not json",
        b'{"lofte": "lofte-loggsumma"}',
        b"[]",
        b"\x80\x81",
        json.dumps({"lofte": "lofte-loggsumma", "format": 1}).encode(),
    ],
)
def test_a_damaged_or_foreign_kept_file_is_ignored_and_replaced(
    planted: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, cache = _repo(tmp_path)
    _both(root, cache, monkeypatch)
    (entry,) = _entries(cache)
    entry.write_bytes(planted)
    kept, scratch = _both(root, cache, monkeypatch)
    assert kept == scratch
    assert json.loads(entry.read_bytes())["lofte"] == "lofte-loggsumma"


def test_a_kept_file_with_a_wrong_count_under_the_right_proof_is_only_used_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tally is checked as data, not trusted as truth: one written by another user or
    writable by others is not read at all."""
    root, cache = _repo(tmp_path)
    _both(root, cache, monkeypatch)
    (entry,) = _entries(cache)
    data = json.loads(entry.read_bytes())
    data["skipped"] = 99
    entry.write_text(json.dumps(data), encoding="utf-8")
    os.chmod(entry, 0o666)  # writable by others: never read
    kept, scratch = _both(root, cache, monkeypatch)
    assert kept == scratch


def test_a_link_planted_in_the_cache_folder_is_neither_read_nor_written_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, cache = _repo(tmp_path)
    _both(root, cache, monkeypatch)
    (entry,) = _entries(cache)
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes(entry.read_bytes())
    entry.unlink()
    entry.symlink_to(elsewhere)
    before = elsewhere.read_bytes()
    with (root / "logs/2019.csv").open("a", encoding="utf-8") as out:
        out.write(ROWS[1])
    kept, scratch = _both(root, cache, monkeypatch)
    assert kept == scratch
    assert elsewhere.read_bytes() == before
    assert not entry.is_symlink()  # replaced by a file of its own


def test_a_cache_folder_inside_the_repo_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, _ = _repo(tmp_path)
    kept, scratch = _both(root, root / ".cache", monkeypatch)
    assert kept == scratch
    assert not (root / ".cache").exists()


def _count_kept_bytes(root: str, cache: str, rounds: int) -> list[str]:
    """In another process: read the tally again and again while rows are appended, and
    check that what is kept always counts exactly the bytes it names."""
    os.environ["LOFTE_CACHE"] = cache
    path = Path(root)
    wrong = []
    for _ in range(rounds):
        promise_set = _promise_set(path)
        tally_log(path, promise_set, TODAY)
        for entry in (Path(cache) / "loggar").glob("*.json"):
            data = json.loads(entry.read_bytes())
            prefix = (path / "logs/2019.csv").read_bytes()[: data["size"]]
            check = path.parent / f"check-{os.getpid()}"
            write(check, "promises/2019.yaml", MINIMAL_PROMISES.format(period=2019))
            (check / "logs").mkdir(exist_ok=True)
            (check / "logs/2019.csv").write_bytes(prefix)
            os.environ["LOFTE_CACHE"] = "0"
            scratch = tally_log(check, _promise_set(check), TODAY).tally
            os.environ["LOFTE_CACHE"] = cache
            days = [sorted([d.toordinal(), n] for d, n in p.items()) for p in scratch.by_promise]
            if (days, scratch.skipped_rows) != (data["days"], data["skipped"]):
                wrong.append(f"{data['size']}")
    return wrong


def test_appending_and_reading_at_once_never_keeps_a_tally_of_other_bytes(
    tmp_path: Path,
) -> None:
    root, cache = _repo(tmp_path)
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        reader = pool.apply_async(_count_kept_bytes, (str(root), str(cache), 15))
        for index in range(40):
            run_lofte(
                "log", "insats", "--typ", "kontakt", "--datum", "2019-06-01",
                "--antal", str(index % 3 + 1), cwd=root,
            )  # fmt: skip
        assert reader.get(timeout=300) == []
