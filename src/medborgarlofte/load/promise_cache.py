"""Loading a promise file, remembering what an unchanged file was read as.

Every `lofte` command reads its promise files, and parsing YAML starts with importing
PyYAML (about 30 ms of a 300 ms start) and then costs about 2 ms a file (0.5 s for the 290
kommuner of a national repo). What `promise_file.parse_promise_text` made of a file (the
PromiseSet and every problem) is kept as plain JSON data (`plain_data`), under a SHA-256 of
everything it depends on: this format, lofte's own source code, the file's names and its
exact text. A changed byte, of the file or of lofte, is a new key, so a kept result is
never stale. Reading a kept file checks every field; anything odd about it (unreadable,
not this user's, writable by others, not ours, another key's) means reading the YAML
again. Nothing kept can run code: it is data, never unpickled.

Where (docs/garantier.md: only the user's cache folder, never the repo):
`$XDG_CACHE_HOME/lofte` (when that is an absolute path), else `~/.cache/lofte`, or the
absolute folder in `LOFTE_CACHE`. `LOFTE_CACHE` set to one of `OFF_WORDS` turns the cache
off. A relative `LOFTE_CACHE` (`.lofte-cache`, `1`, `true`) or any cache folder inside the
repo is refused: `refusal` words why, the command line says so once on stderr, and the
command runs without a cache. Writing is best effort: a read-only home costs only time.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from medborgarlofte import __version__
from medborgarlofte.core.model import PromiseSet
from medborgarlofte.core.problems import Problem
from medborgarlofte.core.texts import CACHE_INSIDE_REPO, CACHE_NOT_ABSOLUTE
from medborgarlofte.load.plain_data import NotOurs, from_plain, to_plain
from medborgarlofte.load.textfiles import MAX_PROMISE_FILE_BYTES, read_text_file

_FORMAT = 2  # 1 was a pickle; bump when what is kept changes shape in a way code can't see
_MARK = "lofte-löftescache"
# The documented values of LOFTE_CACHE that turn the cache off (compared folded to lower case).
OFF_WORDS = ("0", "av", "nej", "false", "off", "no")

Loaded = tuple[PromiseSet | None, list[Problem]]


def load_promise_file(
    folder: Path | None,
    path: Path,
    rel: str,
    name: str,
    log_rel: str,
    kommun_key: str | None,
    keep: bool = True,
) -> Loaded:
    """The PromiseSet of a promise file (None when unusable) and every problem found; taken
    from `folder` (the repo's `cache_folder`, None for no cache), and kept there when
    `keep` (see `keeps_new`)."""
    text, problems = read_text_file(path, rel, MAX_PROMISE_FILE_BYTES)
    if text is None:
        return None, problems
    key = _key(text, rel, name, log_rel, kommun_key)
    if folder is not None:
        kept = _read(folder / f"{key}.json", key)
        if kept is not None:
            return kept
    from medborgarlofte.load.promise_file import parse_promise_text  # imports PyYAML

    loaded = parse_promise_text(text, rel, name, log_rel, kommun_key)
    if folder is not None and keep:
        _write(folder, key, loaded)
    return loaded


# The values of CI (set by GitHub Actions, GitLab CI and most others) that mean "a CI job".
_CI_WORDS = ("true", "1", "yes", "ja")


def keeps_new() -> bool:
    """Whether what is read is kept in the cache folder: not in a CI job (`CI` set to
    true), whose machine is thrown away afterwards, unless `LOFTE_CACHE` names the folder
    (a job that saves it between runs). Writing a national repo's 290 files cost its cold
    run 0.06-0.2 s of waiting on the disk, for nothing on such a machine."""
    if os.environ.get("LOFTE_CACHE", "").strip():
        return True
    return os.environ.get("CI", "").strip().lower() not in _CI_WORDS


def cache_folder(root: Path) -> Path | None:
    """The folder promise files are kept in, or None: turned off, refused, or no home."""
    chosen, refused = _choose(root)
    return None if refused else chosen


def refusal(root: Path) -> str | None:
    """Why the cache folder asked for is refused (relative, or inside the repo at `root`),
    for the command line to say once; None when it is not."""
    return _choose(root)[1]


def _choose(root: Path) -> tuple[Path | None, str | None]:
    environ = os.environ
    return _choose_from(
        root, environ.get("LOFTE_CACHE", ""), environ.get("XDG_CACHE_HOME", ""), _home()
    )


def _home() -> str | None:
    try:
        return str(Path.home())
    except (RuntimeError, KeyError):  # no home folder to be found: no cache
        return None


@lru_cache(maxsize=16)
def _choose_from(
    root: Path, chosen: str, base: str, home: str | None
) -> tuple[Path | None, str | None]:
    """The cache folder for the repo at `root` and these settings, asked once a process
    (a national repo asks for each of its 290 logs; each answer costs two realpaths)."""
    if chosen.strip().lower() in OFF_WORDS:
        return None, None
    if chosen:
        folder = Path(chosen)
        if not folder.is_absolute():
            return None, CACHE_NOT_ABSOLUTE.format(value=chosen, off="/".join(OFF_WORDS))
        what = "LOFTE_CACHE"
    else:
        if not os.path.isabs(base):  # unset or relative: the XDG spec says ignore it
            if home is None:
                return None, None
            base = str(Path(home) / ".cache")
            what = "~/.cache"
        else:
            what = "XDG_CACHE_HOME"
        folder = Path(base) / "lofte"
    if _inside(folder, root):
        return None, CACHE_INSIDE_REPO.format(what=what, folder=folder, root=root)
    return folder, None


def _inside(folder: Path, root: Path) -> bool:
    try:
        return Path(os.path.realpath(folder)).is_relative_to(os.path.realpath(root))
    except (OSError, ValueError):
        return True  # cannot tell: do without


@cache
def source_hash() -> str:
    """A SHA-256 of lofte's own Python files, computed once a process (1-2 ms): an
    edited message or rule is a new key, even under the same version number."""
    return hash_sources(Path(__file__).resolve().parent.parent)


def hash_sources(package: Path) -> str:
    """A SHA-256 of the names and bytes of every .py file under `package`."""
    digest = hashlib.sha256()
    folder = str(package)
    below = len(folder) + 1  # every path found starts with the folder and a slash
    for path in sorted(_python_files(folder)):
        with open(path, "rb", buffering=0) as source:  # unbuffered: read whole, once
            text = source.readall()
        digest.update(path[below:].encode() + b"\0")
        digest.update(text)
        digest.update(b"\0")
    return digest.hexdigest()


def _python_files(folder: str) -> list[str]:
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                found += _python_files(entry.path)
            elif entry.name.endswith(".py"):
                found.append(entry.path)
    return found


def _key(text: str, *names: str | None) -> str:
    digest = hashlib.sha256()
    for part in (_FORMAT, __version__, source_hash(), *names):
        digest.update(repr(part).encode("utf-8") + b"\0")
    digest.update(text.encode("utf-8"))
    return digest.hexdigest()


def encode(loaded: Loaded) -> Any:
    """A loaded promise file as plain data (TypeError if the model holds what data can't)."""
    return [to_plain(loaded[0]), [to_plain(p) for p in loaded[1]]]


def decode(data: Any) -> Loaded:
    """What `encode` made, checked field by field; NotOurs when it is anything else."""
    if type(data) is not list or len(data) != 2 or type(data[1]) is not list:
        raise NotOurs("inget laddat resultat")
    return from_plain(PromiseSet | None, data[0]), [from_plain(Problem, p) for p in data[1]]


def _read(path: Path, key: str) -> Loaded | None:
    """A kept result, if the file is this user's own, not writable by others, ours, and
    kept under this key."""
    try:
        with path.open("rb") as kept:
            info = os.fstat(kept.fileno())
            if info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return None
            if not stat.S_ISREG(info.st_mode) or info.st_size > 4 * MAX_PROMISE_FILE_BYTES:
                return None
            data = json.loads(kept.read())
        if type(data) is not dict or set(data) != {"lofte", "format", "key", "loaded"}:
            return None
        if data["lofte"] != _MARK or data["format"] != _FORMAT or data["key"] != key:
            return None
        return decode(data["loaded"])
    except (OSError, ValueError, RecursionError):  # NotOurs and JSON errors are ValueErrors
        return None


def _write(folder: Path, key: str, loaded: Loaded) -> None:
    """Keep `loaded` as folder/key.json, only if reading it back gives exactly `loaded`.

    Reading it back is `decode(json.loads(text)["loaded"])`. JSON gives back exactly the
    plain data it was given: lists, dicts with text keys, text, int, float, bool and None
    are each read as what was written (tests/test_promise_cache.py holds it on generated
    results), so decoding the plain data itself is that reading, without parsing the text.
    """
    try:
        plain = encode(loaded)
        if decode(plain) != loaded:
            return  # the model holds something plain data does not carry exactly
        kept = {"lofte": _MARK, "format": _FORMAT, "key": key, "loaded": plain}
        data = json.dumps(kept).encode("utf-8")
        if not folder.is_dir():
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Written in place, not as a temporary file renamed: a file cut short (a crash, two
        # runs writing the same key at once) is no JSON object and is never read as one
        # (`_read` checks every byte), and one file-system change a file instead of two
        # made a national repo's cold runs wait less for the disk. A link planted in the
        # folder is not followed.
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW
        with os.fdopen(os.open(folder / f"{key}.json", flags, 0o600), "wb") as out:
            out.write(data)
    except (OSError, TypeError, ValueError):  # a cache that cannot be written is only slower
        return
