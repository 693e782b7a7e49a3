"""Loading from git: every committed version of a promise file (`lofte historik`, `lofte webb`).

Two git processes per file, whatever the length of its history: `git log --follow` lists the
commits that touched the file (and its name at each, across renames), and one
`git cat-file --batch` hands over the file's text at each of them. Nothing from git is run
or deserialized: the texts go to the ordinary safe promise-file loader.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from medborgarlofte.core.model import PromiseSet
from medborgarlofte.core.problems import LofteError
from medborgarlofte.core.slugs import fold_slug
from medborgarlofte.core.texts import GIT_FAILED, GIT_MISSING, NOT_A_GIT_REPO

_FIELD = "\x1f"


@dataclass(frozen=True, slots=True)
class Revision:
    commit: str  # the full hash
    short: str  # the abbreviated hash git shows
    date: date  # the author date
    author: str


@dataclass(frozen=True, slots=True)
class FileVersion:
    revision: Revision
    text: str | None  # None: the file is not in that commit (deleted there)


def _git(root: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(root), *args],
            input=stdin,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise LofteError(GIT_MISSING) from None


def git_toplevel(root: Path) -> Path | None:
    """The top of the git work tree holding `root`, or None when `root` is in none."""
    try:
        found = _git(root, "rev-parse", "--show-toplevel")
    except LofteError:
        return None
    if found.returncode != 0:
        return None
    return Path(found.stdout.decode("utf-8", "replace").strip())


def require_git(root: Path) -> Path:
    """The git top level of `root`; outside a git repo, a Swedish refusal (exit 1)."""
    top = git_toplevel(root)
    if top is None:
        _git(root, "--version")  # git missing altogether: say that instead
        raise LofteError(NOT_A_GIT_REPO.format(root=root))
    return top


def files_with_history(root: Path, folder: str) -> set[str]:
    """The paths under `folder` (relative to `root`) that can have changed since first
    committed: touched by two commits or more, or renamed into place. One git process for
    the whole folder, so a site of many kommuner asks git per file only where it matters."""
    log = _git(
        root, "log", "--no-color", "--format=", "--name-status", "-M", "--relative", "--", folder
    )
    if log.returncode != 0:
        return set()
    touched: dict[str, int] = {}
    renamed: set[str] = set()
    for line in log.stdout.decode("utf-8", "replace").splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        path = fields[-1]
        touched[path] = touched.get(path, 0) + 1
        if fields[0].startswith(("R", "C")):
            renamed.add(path)
    return renamed | {path for path, count in touched.items() if count > 1}


def file_versions(root: Path, rel: str) -> list[FileVersion]:
    """Every committed version of `rel` (relative to `root`), oldest first; none in a repo
    that has no commit yet (right after `git init`)."""
    if _git(root, "rev-parse", "--verify", "--quiet", "HEAD").returncode != 0:
        return []
    log = _git(
        root,
        "log",
        "--follow",
        "--no-color",
        "--format=%x1e%H%x1f%h%x1f%as%x1f%an",
        "--name-only",
        "--",
        rel,
    )
    if log.returncode != 0:
        detail = log.stderr.decode("utf-8", "replace").strip().splitlines()
        raise LofteError(GIT_FAILED.format(path=rel, detail=detail[-1] if detail else "?"))
    entries: list[tuple[Revision, str]] = []
    for record in log.stdout.decode("utf-8", "replace").split("\x1e"):
        lines = [line for line in record.splitlines() if line.strip()]
        if not lines:
            continue
        commit, short, day, author = lines[0].split(_FIELD, 3)
        path = lines[1] if len(lines) > 1 else ""
        entries.append((Revision(commit, short, date.fromisoformat(day), author), path))
    entries.reverse()
    texts = _blobs(root, [f"{r.commit}:{path}" for r, path in entries])
    return [FileVersion(r, text) for (r, _), text in zip(entries, texts, strict=True)]


def _blobs(root: Path, objects: list[str]) -> list[str | None]:
    """The text of each `commit:path` (top-level relative), None where it does not exist."""
    if not objects:
        return []
    if any("\n" in name for name in objects):
        return [None] * len(objects)
    found = _git(root, "cat-file", "--batch", stdin="".join(f"{o}\n" for o in objects).encode())
    data = found.stdout
    texts: list[str | None] = []
    offset = 0
    for _ in objects:
        end = data.index(b"\n", offset)
        header = data[offset:end].split()
        offset = end + 1
        if len(header) != 3 or header[1] != b"blob":
            texts.append(None)
            continue
        size = int(header[2])
        texts.append(data[offset : offset + size].decode("utf-8", "replace"))
        offset += size + 1
    return texts


@dataclass(frozen=True, slots=True)
class CommittedSet:
    """A committed version of a promise file that the loader could read."""

    revision: Revision
    promise_set: PromiseSet
    raw: dict[str, tuple[str | None, str]]  # per folded id: its rubrik and utom in words


def committed_sets(root: Path, promise_set: PromiseSet) -> tuple[list[CommittedSet], int]:
    """Every committed version of the period's promise file, oldest first, read by the
    ordinary safe loader; and how many versions could not be read (they are left out). A
    version where the file is gone has no promises (all removed)."""
    import yaml

    from medborgarlofte.load.promise_file import parse_promise_text

    found: list[CommittedSet] = []
    unreadable = 0
    for version in file_versions(root, promise_set.path):
        if version.text is None:
            empty = PromiseSet(
                promise_set.path,
                promise_set.log_path,
                promise_set.kommun,
                promise_set.kommun_key,
                promise_set.police_area,
                promise_set.period,
                {},
                {},
                (),
            )
            found.append(CommittedSet(version.revision, empty, {}))
            continue
        loaded, _ = parse_promise_text(
            version.text,
            promise_set.path,
            promise_set.period.name,
            promise_set.log_path,
            promise_set.kommun_key,
        )
        if loaded is None:
            unreadable += 1
            continue
        try:
            document = yaml.safe_load(version.text)
        except yaml.YAMLError:
            document = None
        found.append(CommittedSet(version.revision, loaded, raw_promise_fields(document)))
    return found, unreadable


def _mapping_value(mapping: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if key in mapping:
            return mapping[key]
    return None


def raw_promise_fields(document: Any) -> dict[str, tuple[str | None, str]]:
    """Per folded promise id, its `rubrik` and `utom` (as words) from a plain YAML document."""
    found: dict[str, tuple[str | None, str]] = {}
    if not isinstance(document, dict):
        return found
    areas = _mapping_value(document, "områden", "omraden")
    for area in areas if isinstance(areas, list) else []:
        if not isinstance(area, dict):
            continue
        promises = _mapping_value(area, "löften", "loften")
        for promise in promises if isinstance(promises, list) else []:
            if not isinstance(promise, dict) or not isinstance(promise.get("id"), str):
                continue
            rubrik = promise.get("rubrik")
            target = _mapping_value(promise, "mål", "mal")
            exempt = _mapping_value(target, "utom") if isinstance(target, dict) else None
            found[fold_slug(promise["id"])] = (
                rubrik if isinstance(rubrik, str) else None,
                _exempt_words(exempt),
            )
    return found


def _exempt_words(value: Any) -> str:
    if value is None:
        return ""
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if isinstance(item, dict):
            start = _mapping_value(item, "från", "fran")
            out.append(f"{start}–{item.get('till')}")
        else:
            out.append(str(item))
    return ", ".join(out)


@dataclass(frozen=True, slots=True)
class TextInHistory:
    """Where git holds a text that was just erased from a file (`log radera`)."""

    committed: bool  # in a commit that HEAD, a local branch or a tag reaches
    pushed_to: tuple[str, ...]  # the remote-tracking branches that reach such a commit


def text_in_history(root: Path, rel: str, values: list[str]) -> TextInHistory:
    """Whether any of `values` was ever committed in the file `rel` (git's pickaxe: a commit
    that changed how often the text occurs), and which remote-tracking branches reach such
    a commit, that is, whether it was pushed as far as this clone knows. Outside a git repo,
    or without git, nothing is committed. A short text also found elsewhere in the file
    counts as committed: the advice then errs on the safe side."""
    if git_toplevel(root) is None:
        return TextInHistory(False, ())
    committed = False
    pushed: set[str] = set()
    for value in dict.fromkeys(v for v in values if v.strip()):
        common = ("log", "--no-color", "--format=%S", "--source", "-S", value)
        local = _git(root, *common, "HEAD", "--branches", "--tags", "--", rel)
        if local.returncode == 0 and local.stdout.strip():
            committed = True
        remote = _git(root, *common, "--remotes", "--", rel)
        if remote.returncode == 0:
            for line in remote.stdout.decode("utf-8", "replace").splitlines():
                ref = line.strip().removeprefix("refs/remotes/")
                if ref:
                    pushed.add(ref)
    return TextInHistory(committed or bool(pushed), tuple(sorted(pushed)))


def pushed_checkout(directory: Path) -> tuple[str, str] | None:
    """For a git clone at `directory`: its `origin` address and HEAD commit, when a
    remote-tracking branch holds that commit (it was pushed, so CI can fetch it). None
    outside git, without an origin, or for a commit not pushed."""
    if git_toplevel(directory) is None:
        return None
    origin = _git(directory, "config", "--get", "remote.origin.url")
    head = _git(directory, "rev-parse", "--verify", "--quiet", "HEAD")
    if origin.returncode != 0 or head.returncode != 0:
        return None
    commit = head.stdout.decode("ascii", "replace").strip()
    holding = _git(directory, "branch", "--remotes", "--contains", commit)
    if holding.returncode != 0 or not holding.stdout.strip():
        return None
    return origin.stdout.decode("utf-8", "replace").strip(), commit
