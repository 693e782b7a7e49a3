"""A promise file's parsed result is kept under a hash of its text and reused, never stale."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINIMAL_PROMISES

from medborgarlofte.load import promise_cache, promise_file

PROMISES = MINIMAL_PROMISES.format(period=2023)


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


def _load(path: Path) -> promise_cache.Loaded:
    return promise_cache.load_promise_file(path, "promises/2023.yaml", "2023", "logs/2023.csv")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "2023.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_unchanged_file_is_parsed_once(tmp_path: Path, cache: Path, parses: list[str]) -> None:
    path = _write(tmp_path, PROMISES)
    first = _load(path)
    assert first[0] is not None and first[1] == []
    assert _load(path) == first
    assert len(parses) == 1
    (kept,) = cache.iterdir()  # one file, named by the SHA-256 of what it depends on
    assert kept.suffix == ".pickle" and len(kept.stem) == 64 and int(kept.stem, 16) >= 0
    assert oct(cache.stat().st_mode & 0o777) == "0o700"


def test_one_changed_byte_is_a_new_reading(tmp_path: Path, cache: Path, parses: list[str]) -> None:
    path = _write(tmp_path, PROMISES)
    before = _load(path)
    path.write_text(PROMISES.replace("minst: 2", "minst: 5"), encoding="utf-8")
    after = _load(path)
    assert len(parses) == 2
    assert before[0] is not None and after[0] is not None
    assert after[0].promises[0].target.minimum == 5
    # The same text under another name is another key too (paths are in the result).
    other = promise_cache.load_promise_file(path, "promises/x/2023.yaml", "2023", "logs/x/2023.csv")
    assert other[0] is not None and other[0].path == "promises/x/2023.yaml"
    assert len(parses) == 3


def test_a_broken_file_keeps_its_problems(tmp_path: Path, cache: Path, parses: list[str]) -> None:
    path = _write(tmp_path, "kommun: [oavslutad\n")
    first = _load(path)
    assert first[0] is None and [p.code for p in first[1]] == ["E001"]
    assert _load(path) == first
    assert len(parses) == 1


def test_a_damaged_or_foreign_kept_file_is_not_trusted(
    tmp_path: Path, cache: Path, parses: list[str]
) -> None:
    path = _write(tmp_path, PROMISES)
    expected = _load(path)
    (kept,) = cache.iterdir()
    kept.write_bytes(b"\x80\x05 inte en pickle")
    assert _load(path) == expected  # read again (and kept again)
    kept.write_bytes(__import__("pickle").dumps(("något annat", [])))
    assert _load(path) == expected
    kept.chmod(0o666)  # writable by others: someone else could have written it
    assert _load(path) == expected
    assert len(parses) == 4


def test_no_cache_folder_or_an_unusable_one_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: list[str]
) -> None:
    path = _write(tmp_path, PROMISES)
    monkeypatch.setenv("LOFTE_CACHE", "0")
    expected = _load(path)
    assert _load(path) == expected
    blocked = tmp_path / "en-fil"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setenv("LOFTE_CACHE", str(blocked / "lofte"))  # a file where a folder goes
    assert _load(path) == expected
    assert len(parses) == 3  # nothing kept, nothing half-written, no error
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["2023.yaml", "en-fil"]


def test_the_default_folder_is_the_users_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LOFTE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", "/x/cache")
    assert promise_cache.cache_folder() == Path("/x/cache/lofte")
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert promise_cache.cache_folder() == Path.home() / ".cache" / "lofte"

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", no_home)
    assert promise_cache.cache_folder() is None  # no cache, and no traceback


def test_a_second_run_does_not_import_yaml(tmp_path: Path, cache: Path) -> None:
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
