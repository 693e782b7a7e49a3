"""A promise file's parsed result is kept as checked plain data, never stale, never code, and
only in the user's own cache folder (docs/garantier.md)."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import MINIMAL_PROMISES, run_lofte, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medborgarlofte.core.model import PromiseSet
from medborgarlofte.core.problems import Problem, Severity
from medborgarlofte.load import promise_cache, promise_file

PROMISES = MINIMAL_PROMISES.format(period=2023)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    write(root, "promises/2023.yaml", PROMISES)
    return root


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("LOFTE_CACHE", str(folder))
    return folder


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the YAML parser was asked to read."""
    calls: list[str] = []
    real = promise_file.parse_promise_text

    def counting(text: str, *args: object) -> object:
        calls.append(text)
        return real(text, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(promise_file, "parse_promise_text", counting)
    return calls


def _load(repo: Path, rel: str = "promises/2023.yaml") -> promise_cache.Loaded:
    log_rel = rel.replace("promises/", "logs/").replace(".yaml", ".csv")
    folder = promise_cache.cache_folder(repo)
    return promise_cache.load_promise_file(folder, repo / rel, rel, "2023", log_rel, None)


class Planted:
    """A pickle that, if ever unpickled, leaves a marker file behind."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


def test_an_unchanged_file_is_parsed_once(repo: Path, cache: Path, parses: list[str]) -> None:
    first = _load(repo)
    assert first[0] is not None and first[1] == []
    assert _load(repo) == first
    assert len(parses) == 1
    (kept,) = cache.iterdir()  # one file, named by the SHA-256 of what it depends on
    assert kept.suffix == ".json" and len(kept.stem) == 64 and int(kept.stem, 16) >= 0
    assert json.loads(kept.read_text(encoding="utf-8"))["lofte"] == "lofte-löftescache"
    assert oct(cache.stat().st_mode & 0o777) == "0o700"


def test_one_changed_byte_is_a_new_reading(repo: Path, cache: Path, parses: list[str]) -> None:
    before = _load(repo)
    write(repo, "promises/2023.yaml", PROMISES.replace("minst: 2", "minst: 5"))
    after = _load(repo)
    assert len(parses) == 2
    assert before[0] is not None and after[0] is not None
    assert after[0].promises[0].target.minimum == 5
    # The same text under another name is another key too (paths are in the result).
    write(repo, "promises/x/2023.yaml", PROMISES.replace("minst: 2", "minst: 5"))
    other = _load(repo, "promises/x/2023.yaml")
    assert other[0] is not None and other[0].path == "promises/x/2023.yaml"
    assert len(parses) == 3


def test_a_change_in_lofte_itself_is_a_new_key(
    repo: Path, cache: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _load(repo)
    monkeypatch.setattr(promise_cache, "source_hash", lambda: "ett annat lofte")
    _load(repo)
    assert len(parses) == 2 and len(list(cache.iterdir())) == 2


def test_the_source_hash_follows_every_byte_of_the_code(tmp_path: Path) -> None:
    write(tmp_path, "a.py", "MESSAGE = 'Löftet är uppfyllt.'\n")
    write(tmp_path, "core/texts.py", "X = 1\n")
    write(tmp_path, "core/__pycache__/texts.cpython-311.py", "ignored\n")
    before = promise_cache.hash_sources(tmp_path)
    assert promise_cache.hash_sources(tmp_path) == before
    write(tmp_path, "core/__pycache__/texts.cpython-311.py", "still ignored\n")
    assert promise_cache.hash_sources(tmp_path) == before
    write(tmp_path, "core/texts.py", "X = 2\n")  # same size, other text
    assert promise_cache.hash_sources(tmp_path) != before
    # The real one: computed from the installed package, the same within a process.
    assert promise_cache.source_hash() == promise_cache.source_hash()


def test_a_broken_file_keeps_its_problems(repo: Path, cache: Path, parses: list[str]) -> None:
    write(repo, "promises/2023.yaml", "kommun: [oavslutad\n")
    first = _load(repo)
    assert first[0] is None and [p.code for p in first[1]] == ["E001"]
    assert _load(repo) == first
    assert len(parses) == 1


def test_a_damaged_or_foreign_kept_file_is_not_trusted(
    repo: Path, cache: Path, parses: list[str]
) -> None:
    expected = _load(repo)
    (kept,) = cache.iterdir()
    good = json.loads(kept.read_text(encoding="utf-8"))

    def planted(data: object) -> None:
        kept.write_text(json.dumps(data), encoding="utf-8")
        kept.chmod(0o600)
        assert _load(repo) == expected  # read again, and kept again

    kept.write_bytes(b"\x80\x05 inte json")
    assert _load(repo) == expected
    planted(["något annat"])
    planted({**good, "key": "0" * 64})  # another file's result, copied under this name
    planted({**good, "format": 1})
    wrong_type = json.loads(json.dumps(good))
    wrong_type["loaded"][0]["kommun"] = 7  # a number where text belongs
    planted(wrong_type)
    extra = json.loads(json.dumps(good))
    extra["loaded"][0]["period"]["extra"] = 1
    planted(extra)
    bad_status = json.loads(json.dumps(good))
    bad_status["loaded"][1] = [
        {"path": "x", "line": 1, "column": 1, "code": "E001", "severity": "kanske", "message": ""}
    ]
    planted(bad_status)
    kept.write_text(json.dumps(good), encoding="utf-8")
    kept.chmod(0o666)  # writable by others: someone else could have written it
    assert _load(repo) == expected
    assert len(parses) == 9  # the first reading, then each damaged file read again


def test_a_ci_job_reads_kept_files_but_keeps_no_new_ones(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: list[str]
) -> None:
    """In a CI job (CI=true) the machine is thrown away: what is read is not kept, unless
    LOFTE_CACHE names the folder (a job that saves it between runs); a kept file is still
    read."""
    folder = tmp_path / "xdg"
    monkeypatch.delenv("LOFTE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.setenv("CI", "true")
    assert run_lofte("status", "2023", cwd=repo).exit_code == 0
    assert not (folder / "lofte").exists() and len(parses) == 1
    monkeypatch.setenv("CI", "false")
    assert run_lofte("status", "2023", cwd=repo).exit_code == 0  # kept now
    assert len(list((folder / "lofte").iterdir())) == 1 and len(parses) == 2
    monkeypatch.setenv("CI", "true")
    assert run_lofte("status", "2023", cwd=repo).exit_code == 0
    assert len(parses) == 2  # read from what was kept
    monkeypatch.setenv("LOFTE_CACHE", str(tmp_path / "sparad"))
    assert run_lofte("status", "2023", cwd=repo).exit_code == 0
    assert len(list((tmp_path / "sparad").iterdir())) == 1  # named: kept, CI or not


def test_a_kept_file_cut_short_is_read_again_and_kept_whole(
    repo: Path, cache: Path, parses: list[str]
) -> None:
    """A kept file is written in place: one cut short (a crash while writing, two runs
    writing it at once) is no JSON object, so it is never read as one, only replaced."""
    expected = _load(repo)
    (kept,) = cache.iterdir()
    whole = kept.read_bytes()
    for cut in (1, len(whole) // 2, len(whole) - 1):
        kept.write_bytes(whole[:cut])
        assert _load(repo) == expected
        assert kept.read_bytes() == whole
    assert len(parses) == 4


def test_a_link_planted_where_a_file_is_kept_is_not_followed(
    tmp_path: Path, repo: Path, cache: Path, parses: list[str]
) -> None:
    target = tmp_path / "någon-annans-fil"
    target.write_text("orörd", encoding="utf-8")
    text = (repo / "promises/2023.yaml").read_text(encoding="utf-8")
    key = promise_cache._key(text, "promises/2023.yaml", "2023", "logs/2023.csv", None)
    cache.mkdir(mode=0o700)
    (cache / f"{key}.json").symlink_to(target)
    expected = _load(repo)
    assert expected[0] is not None and len(parses) == 1
    assert [p.name for p in cache.iterdir()] == [f"{key}.json"]  # the link, still a link
    assert target.read_text(encoding="utf-8") == "orörd"  # nothing written through it
    assert _load(repo) == expected and len(parses) == 2  # and nothing read through it


def test_a_planted_pickle_never_runs(
    tmp_path: Path, repo: Path, cache: Path, monkeypatch: pytest.MonkeyPatch, parses: list[str]
) -> None:
    marker = tmp_path / "koden-kördes"
    payload = pickle.dumps(Planted(marker))
    text = (repo / "promises/2023.yaml").read_text(encoding="utf-8")
    key = promise_cache._key(text, "promises/2023.yaml", "2023", "logs/2023.csv", None)
    cache.mkdir(mode=0o700)
    for name in (f"{key}.pickle", f"{key}.json"):
        (cache / name).write_bytes(payload)
        (cache / name).chmod(0o600)
    # And one committed into the repo, found when CI points LOFTE_CACHE into it.
    in_repo = repo / ".lofte-cache"
    in_repo.mkdir()
    (in_repo / f"{key}.pickle").write_bytes(payload)
    (in_repo / f"{key}.json").write_bytes(payload)
    assert _load(repo)[0] is not None and len(parses) == 1
    # The planted file was this file's key: read, refused, and replaced by a kept result.
    assert json.loads((cache / f"{key}.json").read_text(encoding="utf-8"))["key"] == key
    for value in (".lofte-cache", str(in_repo)):
        monkeypatch.setenv("LOFTE_CACHE", value)
        assert _load(repo)[0] is not None
        result = run_lofte("status", "2023", "--per", "2023-06-30", cwd=repo, LOFTE_CACHE=value)
        assert result.exit_code == 0, result.stderr
    assert not marker.exists()


@pytest.mark.parametrize("value", [".lofte-cache", "1", "true", "ja", "cache/lofte"])
def test_a_relative_cache_folder_is_refused_once_and_nothing_is_created(
    repo: Path, value: str
) -> None:
    plain = run_lofte("status", "2023", "--per", "2023-06-30", cwd=repo, LOFTE_CACHE="0")
    result = run_lofte("status", "2023", "--per", "2023-06-30", cwd=repo, LOFTE_CACHE=value)
    assert result.exit_code == 0 and result.stdout == plain.stdout
    message = (
        f"lofte: varning: LOFTE_CACHE='{value}' används inte: ange en absolut sökväg till en "
        "mapp utanför repot, eller 0/av/nej/false/off/no för att stänga av cachen. "
        "Kör utan cache.\n"
    )
    assert result.stderr == message
    assert sorted(p.name for p in repo.iterdir()) == ["promises"]


def test_a_cache_folder_inside_the_repo_is_refused(repo: Path, tmp_path: Path) -> None:
    for env in (
        {"LOFTE_CACHE": str(repo / ".cache")},
        {"LOFTE_CACHE": "", "XDG_CACHE_HOME": str(repo / ".cache")},
    ):
        result = run_lofte("status", "2023", "--per", "2023-06-30", cwd=repo, **env)
        assert result.exit_code == 0
        what = "LOFTE_CACHE" if env["LOFTE_CACHE"] else "XDG_CACHE_HOME"
        folder = repo / ".cache" if env["LOFTE_CACHE"] else repo / ".cache" / "lofte"
        assert result.stderr == (
            f"lofte: varning: Cachemappen {folder} (från {what}) ligger i repot {repo} och "
            "används inte: det som ligger i repot ska inte kunna ändra hur löftesfilerna "
            "läses. Kör utan cache.\n"
        )
        assert sorted(p.name for p in repo.iterdir()) == ["promises"]
    # Outside the repo, an absolute folder is used, silently.
    outside = tmp_path / "min-cache"
    result = run_lofte("status", "2023", "--per", "2023-06-30", cwd=repo, LOFTE_CACHE=str(outside))
    assert result.exit_code == 0 and result.stderr == ""
    assert len(list(outside.iterdir())) == 1


@pytest.mark.parametrize("word", promise_cache.OFF_WORDS + ("AV", " Nej "))
def test_the_documented_words_turn_the_cache_off(
    repo: Path, word: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("LOFTE_CACHE", word)
    assert promise_cache.cache_folder(repo) is None and promise_cache.refusal(repo) is None
    result = run_lofte("status", "2023", "--per", "2023-06-30", cwd=repo, LOFTE_CACHE=word)
    assert result.exit_code == 0 and result.stderr == ""
    assert not (tmp_path / "xdg").exists()


def test_no_cache_folder_or_an_unusable_one_only_costs_time(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: list[str]
) -> None:
    monkeypatch.setenv("LOFTE_CACHE", "0")
    expected = _load(repo)
    assert _load(repo) == expected
    blocked = tmp_path / "en-fil"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setenv("LOFTE_CACHE", str(blocked / "lofte"))  # a file where a folder goes
    assert _load(repo) == expected
    assert len(parses) == 3  # nothing kept, nothing half-written, no error
    assert sorted(p.name for p in tmp_path.rglob("*")) == [
        "2023.yaml",
        "en-fil",
        "promises",
        "repo",
    ]


def test_the_default_folder_is_the_users_cache(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LOFTE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", "/x/cache")
    assert promise_cache.cache_folder(repo) == Path("/x/cache/lofte")
    monkeypatch.setenv("XDG_CACHE_HOME", "relativ/cache")  # the XDG rule: ignore a relative one
    assert promise_cache.cache_folder(repo) == Path.home() / ".cache" / "lofte"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert promise_cache.cache_folder(repo) == Path.home() / ".cache" / "lofte"
    monkeypatch.setenv("LOFTE_CACHE", "")  # empty: as if not set
    assert promise_cache.cache_folder(repo) == Path.home() / ".cache" / "lofte"

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", no_home)
    assert promise_cache.cache_folder(repo) is None  # no cache, and no traceback


def test_a_second_run_does_not_import_yaml(cache: Path) -> None:
    project = Path(__file__).resolve().parent.parent
    code = (
        "import sys\n"
        "from medborgarlofte.cli import main\n"
        "sys.argv = ['lofte', '-C', sys.argv[1], 'status', '2019']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('yaml' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "LOFTE_IDAG": "2019-12-31", "NO_COLOR": "1"}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code, str(project)], capture_output=True, text=True, env=env
        )
        for _ in range(2)
    ]
    assert [r.stderr.strip().splitlines()[-1] for r in runs] == ["True", "False"]
    assert runs[0].stdout == runs[1].stdout and "Medborgarlöften 2019" in runs[0].stdout


@pytest.mark.parametrize(
    "path",
    [
        "promises/2019.yaml",
        "examples/indikatorer/promises/2019.yaml",
        "tests/exempel/varje-enhet/promises/2019.yaml",
    ],
)
def test_every_shipped_promise_file_is_kept_exactly(path: str) -> None:
    """Every field of the model (rubrik, utom, indicators with decimal values) is plain data
    that reads back as what was kept; a field it could not carry would silently turn the
    cache off (the write checks the round trip)."""
    import json

    from medborgarlofte.load.promise_file import parse_promise_text

    project = Path(__file__).parent.parent
    text = (project / path).read_text(encoding="utf-8")
    loaded = parse_promise_text(text, path, "2019", "logs/2019.csv")
    assert loaded[0] is not None
    assert promise_cache.decode(json.loads(json.dumps(promise_cache.encode(loaded)))) == loaded


# --- writing: only what reads back exactly ----------------------------------------------


def _reads_back(loaded: promise_cache.Loaded) -> bool:
    """The reference: what the write made of `loaded` once, through the JSON text."""
    try:
        kept = {"loaded": promise_cache.encode(loaded)}
        return bool(promise_cache.decode(json.loads(json.dumps(kept))["loaded"]) == loaded)
    except (TypeError, ValueError):
        return False


loaded_results = st.tuples(
    st.none() | st.from_type(PromiseSet), st.lists(st.from_type(Problem), max_size=3)
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(loaded=loaded_results)
def test_a_kept_file_is_written_exactly_when_it_reads_back(loaded: promise_cache.Loaded) -> None:
    """`_write` checks the decoded plain data, not the decoded JSON text: it keeps a file
    for the same results as the reference, with the same bytes, and it reads back equal."""
    with tempfile.TemporaryDirectory() as folder:
        promise_cache._write(Path(folder), "k", loaded)
        path = Path(folder) / "k.json"
        assert path.exists() == _reads_back(loaded)
        if path.exists():
            kept = {"lofte": promise_cache._MARK, "format": promise_cache._FORMAT, "key": "k"}
            kept["loaded"] = promise_cache.encode(loaded)
            assert path.read_bytes() == json.dumps(kept).encode()
            assert promise_cache._read(path, "k") == loaded


def test_what_does_not_read_back_exactly_is_not_kept(tmp_path: Path) -> None:
    """A list where the model says tuple, a bool where it says int, a subclass of str: each
    would be read back as something else, or not at all, so none is kept."""
    loaded = promise_file.parse_promise_text(PROMISES, "p.yaml", "2023", "l.csv")
    assert loaded[0] is not None
    promise_cache._write(tmp_path, "kept", loaded)
    assert (tmp_path / "kept.json").exists()

    class Name(str):
        pass

    problem = Problem("p.yaml", 3, 1, "E001", Severity.ERROR, "x")
    for odd in (
        (dataclasses.replace(loaded[0], areas=list(loaded[0].areas)), []),
        (None, [dataclasses.replace(problem, line=True)]),
        (dataclasses.replace(loaded[0], kommun=Name("Exempelby")), []),
        (None, [dataclasses.replace(problem, line=3.0)]),
    ):
        promise_cache._write(tmp_path, "odd", odd)  # type: ignore[arg-type]
        assert not (tmp_path / "odd.json").exists()
