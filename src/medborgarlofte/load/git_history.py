"""Loading from git: every committed version of a promise file (`lofte historik`, `lofte webb`).

Three git processes per file, whatever the length of its history: `git log --follow --raw`
lists the commits that touched the file with the file's blob at each (across renames), and
`git cat-file` hands over, first, the size of each object, then the commit objects and the
file's text at each version. Nothing from git is run or deserialized: the texts go to the
ordinary safe promise-file loader, and the author and date are read from the commit object
here, so that nothing a commit holds can stop the history:

- paths with any characters (`promises/överkalix/2019.yaml`): every listing is read with
  `-z`, never in git's quoted form, and a version is fetched by its blob id, not its path;
- a version larger than the working tree's limit for a promise file (MAX_PROMISE_FILE_BYTES)
  is never read into memory: it counts as a version that could not be read;
- an author or a date that cannot be shown (an author name holding control characters, a
  date in year 10000, a time zone git itself would not write) is shown as unknown, and the
  name's control and bidi characters are made visible (core/safe_text.py) like every text.
"""

from __future__ import annotations

import re
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from medborgarlofte.core.frozen import frozen
from medborgarlofte.core.model import PromiseSet
from medborgarlofte.core.problems import LofteError
from medborgarlofte.core.safe_text import visible
from medborgarlofte.core.slugs import fold_slug
from medborgarlofte.core.texts import (
    GIT_FAILED,
    GIT_MISSING,
    HISTORY_UNKNOWN_AUTHOR,
    NOT_A_GIT_REPO,
)
from medborgarlofte.load.textfiles import MAX_PROMISE_FILE_BYTES

# A commit object is a few hundred bytes; one with a message of megabytes is not read for its
# author line alone.
MAX_COMMIT_BYTES = 64 * 1024
_OBJECT_ID = re.compile(rb"[0-9a-f]{40}([0-9a-f]{24})?")
_AUTHOR = re.compile(rb"author ?(.*?) ?<[^<>\n]*> ([0-9]{1,20}) ([+-])([0-9]{2})([0-9]{2})")


@frozen
class Revision:
    commit: str  # the full hash
    short: str  # the abbreviated hash git shows
    date: date | None  # the author date, in the author's time zone; None: cannot be shown
    author: str  # made visible (control characters as escapes); HISTORY_UNKNOWN_AUTHOR
    message: str = ""  # the commit message's first line (its subject), made visible


@frozen
class FileVersion:
    revision: Revision
    text: str | None  # None: the file is not in that commit (deleted there), or too large
    too_large: bool = False  # larger than the working tree's limit: never read


def _git(root: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(root), "-c", "core.quotePath=false", *args],
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
    return Path(found.stdout.decode("utf-8", "surrogateescape").strip())


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
        root, "log", "-z", "--no-color", "--format=", "--name-status", "-M", "--relative",
        "--", folder,
    )  # fmt: skip
    if log.returncode != 0:
        return set()
    touched: dict[str, int] = {}
    renamed: set[str] = set()
    fields = log.stdout.decode("utf-8", "surrogateescape").split("\0")
    index = 0
    while index < len(fields):
        status = fields[index].strip("\n")
        index += 1
        if not status:
            continue
        names = 2 if status[0] in "RC" else 1
        paths = fields[index : index + names]
        index += names
        if not paths:
            break
        path = paths[-1]
        touched[path] = touched.get(path, 0) + 1
        if names == 2:
            renamed.add(path)
    return renamed | {path for path, count in touched.items() if count > 1}


def file_versions(root: Path, rel: str) -> list[FileVersion]:
    """Every committed version of `rel` (relative to `root`), oldest first; none in a repo
    that has no commit yet (right after `git init`)."""
    if _git(root, "rev-parse", "--verify", "--quiet", "HEAD").returncode != 0:
        return []
    log = _git(
        root, "log", "--follow", "-z", "--raw", "--no-abbrev", "--no-color",
        "--format=%H %h", "--", rel,
    )  # fmt: skip
    if log.returncode != 0:
        detail = log.stderr.decode("utf-8", "replace").strip().splitlines()
        raise LofteError(GIT_FAILED.format(path=rel, detail=detail[-1] if detail else "?"))
    entries = _log_entries(log.stdout)
    entries.reverse()
    blobs = [blob for _, _, blob in entries if blob is not None]
    objects = _objects(root, [commit for commit, _, _ in entries], blobs)
    versions = []
    for commit, short, blob in entries:
        revision = _revision(commit, short, objects.get(commit))
        if blob is None:
            versions.append(FileVersion(revision, None))
            continue
        data = objects.get(blob)
        if data is None:
            versions.append(FileVersion(revision, None, too_large=True))
            continue
        versions.append(FileVersion(revision, data.decode("utf-8", "replace")))
    return versions


def _log_entries(output: bytes) -> list[tuple[str, str, str | None]]:
    """(commit, short hash, the file's blob at it or None when deleted) per commit, newest
    first, from `git log -z --raw --no-abbrev --format='%H %h'`: each commit's line, then
    per changed file `:mode mode blob blob status`, its path (two for a rename or copy), each
    ended by NUL. With `--follow` only the followed file is listed."""
    entries: list[tuple[str, str, str | None]] = []
    fields = output.split(b"\0")
    index = 0
    while index < len(fields):
        field = fields[index].lstrip(b"\n")
        index += 1
        if field.startswith(b":"):
            parts = field[1:].split()
            if len(parts) != 5 or not entries:
                continue
            status = parts[4][:1]
            index += 2 if status in (b"R", b"C") else 1
            commit, short, _ = entries[-1]
            blob = parts[3].decode("ascii", "replace")
            deleted = status == b"D" or set(blob) == {"0"}
            entries[-1] = (commit, short, None if deleted else blob)
            continue
        head = field.split(b" ")
        if len(head) == 2 and _OBJECT_ID.fullmatch(head[0]):
            commit = head[0].decode("ascii")
            entries.append((commit, head[1].decode("ascii", "replace"), None))
    return entries


def _objects(root: Path, commits: list[str], blobs: list[str]) -> dict[str, bytes]:
    """The content of each commit and blob not larger than its limit (MAX_COMMIT_BYTES,
    MAX_PROMISE_FILE_BYTES); one larger is left out, never read into memory."""
    wanted = list(dict.fromkeys([*commits, *blobs]))
    if not wanted:
        return {}
    request = "".join(f"{name}\n" for name in wanted).encode("ascii")
    checked = _git(root, "cat-file", "--batch-check", stdin=request)
    limits = dict.fromkeys(blobs, MAX_PROMISE_FILE_BYTES)
    limits.update(dict.fromkeys(commits, MAX_COMMIT_BYTES))
    small = []
    for line in checked.stdout.split(b"\n"):
        header = line.split()
        if len(header) == 3 and header[2].isdigit():
            name = header[0].decode("ascii", "replace")
            if name in limits and int(header[2]) <= limits[name]:
                small.append(name)
    if not small:
        return {}
    request = "".join(f"{name}\n" for name in small).encode("ascii")
    data = _git(root, "cat-file", "--batch", stdin=request).stdout
    found: dict[str, bytes] = {}
    offset = 0
    for _ in small:
        end = data.find(b"\n", offset)
        if end < 0:
            break
        header = data[offset:end].split()
        offset = end + 1
        if len(header) != 3 or not header[2].isdigit():
            continue
        size = int(header[2])
        found[header[0].decode("ascii", "replace")] = data[offset : offset + size]
        offset += size + 1
    return found


_SUBJECT_CHARS = 200  # a commit subject longer than this is shown cut


def _revision(commit: str, short: str, raw: bytes | None) -> Revision:
    """The revision's author, author date and subject from its commit object; unknown when
    missing or beyond what can be shown."""
    author, day = HISTORY_UNKNOWN_AUTHOR, None
    headers = (raw or b"").split(b"\n\n", 1)[0]
    for line in headers.split(b"\n"):
        if not line.startswith(b"author "):
            continue
        found = _AUTHOR.fullmatch(line)
        if found is not None:
            name = found.group(1).decode("utf-8", "replace").strip()
            author = visible(name) if name else HISTORY_UNKNOWN_AUTHOR
            day = _author_day(found)
        break
    body = (raw or b"").split(b"\n\n", 1)
    subject = body[1].split(b"\n", 1)[0].decode("utf-8", "replace").strip() if len(body) > 1 else ""
    return Revision(commit, short or commit[:7], day, author, visible(subject[:_SUBJECT_CHARS]))


def _author_day(found: re.Match[bytes]) -> date | None:
    """The date in the author's own time zone, as `git log --format=%as` shows it; None for a
    time or zone outside what a calendar date can hold."""
    seconds = int(found.group(2))
    hours, minutes = int(found.group(4)), int(found.group(5))
    if minutes >= 60 or hours >= 24:
        return None
    offset = timedelta(hours=hours, minutes=minutes)
    try:
        zone = timezone(-offset if found.group(3) == b"-" else offset)
        return datetime.fromtimestamp(seconds, zone).date()
    except (OverflowError, OSError, ValueError):
        return None


@frozen
class CommittedSet:
    """A committed version of a promise file that the loader could read."""

    revision: Revision
    promise_set: PromiseSet
    raw: dict[str, tuple[str | None, str]]  # per folded id: its rubrik and utom in words


def committed_sets(root: Path, promise_set: PromiseSet) -> tuple[list[CommittedSet], int]:
    """Every committed version of the period's promise file, oldest first, read by the
    ordinary safe loader; and how many versions could not be read (they are left out). A
    commit where the file is gone is left out too: the file coming back (lowered, say) is
    compared with the version before it was deleted, so deleting a promise file in one
    commit and adding it back changed in the next shows what changed."""
    import yaml

    from medborgarlofte.load.promise_file import parse_promise_text

    found: list[CommittedSet] = []
    unreadable = 0
    for version in file_versions(root, promise_set.path):
        if version.too_large:
            unreadable += 1
            continue
        if version.text is None:
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


@frozen
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
