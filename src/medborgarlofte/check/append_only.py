"""Checking, against history: every row a log held at a git revision must still open it.

A log only grows (docs/garantier.md): `lofte check --sedan REV` compares each log that existed at
REV with the file in the working tree. The old rows must come first, unchanged and in the
same order; rows after them are new and fine. Rows are compared as cells, so a log re-saved
with `;` or CRLF is not "changed". Git is run as a subprocess; no git library.
"""

from __future__ import annotations

import subprocess
from collections import Counter
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path

from medborgarlofte.core.problems import LofteError, Problem, problem, refusal
from medborgarlofte.load.corrections import (
    ERASED,
    FREE_TEXT_COLUMNS,
    KEY_COLUMNS,
    TAGS_COLUMN,
    erasure_kept_tags,
    kept_tags,
    key_hash,
    read_corrections,
    reference,
)
from medborgarlofte.load.log_dialect import fold_column
from medborgarlofte.load.log_reader import is_torn, raw_records

_GIT_TIMEOUT = 120


def changed_rows(root: Path, rev: str, log_dirs: list[str]) -> list[Problem]:
    """E030 for each old row of the logs under `log_dirs` (repo-relative) that is not in place.

    Raises LofteError (exit 2) when `root` is not in a git repo or `rev` is unknown.
    """
    if _unborn_head(root, rev):
        return []  # the first commit: nothing was committed, so nothing can be rewritten
    commit = _resolve(root, rev)
    problems: list[Problem] = []
    for rel, blob in _logs_at(root, commit, log_dirs):
        old = _blob(root, blob)
        path = root / rel
        if not path.is_file():
            problems.append(problem("E030", rel, rev=rev, detail="loggen har tagits bort"))
            continue
        new = path.read_bytes()
        old = _as_repaired(root, rel, old, new)
        if not _grew(old, new):
            erased = _erased(root, rel)
            counted = _counted_tags(root, rel) if erased else frozenset()
            problems.extend(_compare(rel, rev, old, new, erased, counted))
    return problems


def _as_repaired(root: Path, rel: str, old: bytes, new: bytes) -> bytes:
    """The log the revision held, as `lofte laga` repairs it when it held its rows twice
    (an Excel re-save merged with merge=union) and the working tree no longer does: then
    its rows must be the repair's rows, the kept copy first and unchanged, no row lost.
    Otherwise the revision's log as it was."""
    if b"\n" not in old[1:] or not _holds_copies(old) or _holds_copies(new):
        return old
    from medborgarlofte.judge.repair_plan import plan_repair

    try:
        plan = plan_repair(root, rel, old)
    except LofteError:
        return old
    return plan.data if plan is not None else old


def _holds_copies(data: bytes) -> bool:
    from medborgarlofte.load.two_copies import find_copies, lines_of

    return len(find_copies(lines_of(data.decode("utf-8", errors="replace")))) > 1


def _git(root: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],  # paths as they are, never quoted
            cwd=root,
            input=stdin,
            capture_output=True,
            timeout=_GIT_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise refusal("git_missing") from None
    except subprocess.TimeoutExpired:
        raise refusal("git_timeout", seconds=_GIT_TIMEOUT) from None


def _unborn_head(root: Path, rev: str) -> bool:
    """Whether `rev` is HEAD in a repo that has no commit yet (the pre-commit hook's first
    run compares with HEAD before there is one)."""
    if rev != "HEAD" or _git(root, "rev-parse", "--is-inside-work-tree").returncode != 0:
        return False
    return _git(root, "rev-parse", "--verify", "--quiet", "HEAD").returncode != 0 and (
        _git(root, "rev-list", "-n", "1", "--all").stdout.strip() == b""
    )


def _resolve(root: Path, rev: str) -> str:
    if _git(root, "rev-parse", "--is-inside-work-tree").returncode != 0:
        raise refusal("not_a_git_repo", root=root)
    found = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if found.returncode != 0:
        raise refusal("unknown_revision", rev=rev)
    return found.stdout.decode().strip()


def _logs_at(root: Path, commit: str, log_dirs: list[str]) -> list[tuple[str, str]]:
    """(path relative to root, blob id) of each CSV log under `log_dirs` at `commit`."""
    listing = _git(root, "ls-tree", "-r", "-z", commit, "--", *log_dirs)
    if listing.returncode != 0:
        raise refusal("git_failed", command="ls-tree", error=listing.stderr.decode().strip())
    found = []
    for entry in listing.stdout.decode("utf-8", "surrogateescape").split("\0"):
        if not entry:
            continue
        meta, _, rel = entry.partition("\t")
        _mode, kind, blob = meta.split()
        if kind == "blob" and rel.endswith(".csv"):  # logs and the comment files beside them
            found.append((rel, blob))
    return sorted(found)


def _blob(root: Path, blob: str) -> bytes:
    shown = _git(root, "cat-file", "blob", blob)
    if shown.returncode != 0:
        raise refusal("git_failed", command="cat-file", error=shown.stderr.decode().strip())
    return shown.stdout


def _grew(old: bytes, new: bytes) -> bool:
    """True when `new` is `old` with bytes added after it (the common case, checked fast)."""
    if not new.startswith(old):
        return False
    if not old or old.endswith((b"\n", b"\r")) or len(new) == len(old):
        return True
    return new[len(old) : len(old) + 1] in (b"\n", b"\r")  # a line ending closed the last row


def _erased(root: Path, rel: str) -> frozenset[str]:
    """The references of the rows `lofte log radera` erased in the log `rel` (docs/garantier.md):
    their free-text cells may differ from the revision's; every other cell may not."""
    if "." in rel.rsplit("/", 1)[-1].removesuffix(".csv"):
        return frozenset()  # a file beside a log (comments, corrections): never rewritten
    return frozenset(read_corrections(root, rel).erased())


def _counted_tags(root: Path, rel: str) -> frozenset[str]:
    """The tags (folded) a target of the log `rel`'s period names: an erasure keeps them, as
    every other cell a target can count on. Empty when the promise file cannot be read (then
    `check` reports that, and the log's erasures are compared without their tags)."""
    from medborgarlofte.load.repo import Repo

    repo = Repo.open(root)
    for ref in repo.refs:
        if ref.log_rel == rel:
            promise_set, _ = repo.load_file(ref)
            if promise_set is not None:
                return erasure_kept_tags(promise_set)
    return frozenset()


def _masked(
    erased: frozenset[str], counted: frozenset[str] = frozenset()
) -> Callable[[list[str]], list[str]]:
    """A function that blanks the free-text cells of each erased row, the rows read in order
    (the first is the header), so an erased row compares equal to the row it was. Of the
    tags, the ones a target counts (`counted`, folded) stay, byte for byte and in order: an
    erasure that changed one would change a count."""
    columns: dict[str, int] = {}
    seen: Counter[str] = Counter()

    def mask(row: list[str]) -> list[str]:
        if not columns:
            names = [fold_column(c) for c in row]
            for index, name in enumerate(names):
                columns.setdefault(name, index)
            return row
        keys = [
            row[i] if (i := columns.get(c)) is not None and i < len(row) else ""
            for c in KEY_COLUMNS
        ]
        hashed = key_hash(keys)
        seen[hashed] += 1
        if reference(hashed, seen[hashed]) not in erased:
            return row
        masked = list(row)
        for column in FREE_TEXT_COLUMNS:
            position = columns.get(column)
            if position is not None and position < len(masked):
                if column == TAGS_COLUMN:
                    masked[position] = ";".join(kept_tags(masked[position], counted))
                else:
                    masked[position] = ERASED
        return masked

    return mask


def _rows(
    data: bytes, erased: frozenset[str] = frozenset(), counted: frozenset[str] = frozenset()
) -> tuple[list[int], list[int]]:
    """The hash and first line of each non-blank row (header included), in the log's
    dialect; rows `check` rejects are compared too, so changing one is still a change.

    A torn last row (no line ending, too few fields) is left out, as `check` leaves it out.
    The free-text cells of rows `erased` names are compared as erased.
    """
    mask = _masked(erased, counted) if erased else None
    text = data.decode("utf-8-sig", errors="replace")
    hashes: list[int] = []
    lines: list[int] = []
    widths: list[int] = []
    for start, row in raw_records(text):
        if any(cell.strip() for cell in row):
            if mask is not None:
                row = mask(row)
            hashes.append(hash(tuple(row)))
            lines.append(start)
            widths.append(len(row))
    if len(hashes) > 1 and is_torn(widths[-1], widths[0], text.endswith(("\n", "\r"))):
        hashes.pop()
        lines.pop()
    return hashes, lines


def _compare(
    rel: str,
    rev: str,
    old: bytes,
    new: bytes,
    erased: frozenset[str] = frozenset(),
    counted: frozenset[str] = frozenset(),
) -> list[Problem]:
    old_hashes, old_lines = _rows(old, erased, counted)
    new_hashes, new_lines = _rows(new, erased, counted)
    same = 0
    limit = min(len(old_hashes), len(new_hashes))
    while same < limit and old_hashes[same] == new_hashes[same]:
        same += 1
    if same == len(old_hashes):
        return []
    old_tail, new_tail = old_hashes[same:], new_hashes[same:]
    opcodes = SequenceMatcher(None, old_tail, new_tail, autojunk=False).get_opcodes()
    unmatched_old: dict[int, int] = {}  # hash -> index in old_tail
    unmatched_new: dict[int, int] = {}  # hash -> index in new_tail
    for tag, i1, i2, j1, j2 in opcodes:
        if tag != "equal":
            for i in range(i1, i2):
                unmatched_old.setdefault(old_tail[i], i)
            for j in range(j1, j2):
                unmatched_new.setdefault(new_tail[j], j)

    def old_line(i: int) -> int:
        return old_lines[same + i]

    def new_line(j: int) -> int:
        return new_lines[same + j]

    found: list[tuple[int, str]] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        removed: list[int] = []
        for k, i in enumerate(range(i1, i2)):
            moved_to = unmatched_new.get(old_tail[i])
            if moved_to is not None:
                found.append(
                    (
                        new_line(moved_to),
                        f"rad {old_line(i)} i {rev} har flyttats till rad {new_line(moved_to)}",
                    )
                )
            elif k < paired:
                found.append(
                    (
                        new_line(j1 + k),
                        f"rad {new_line(j1 + k)} har ändrats (den var rad {old_line(i)} i {rev})",
                    )
                )
            else:
                removed.append(i)
        found.extend(_removed(removed, old_line, rev))
        if i2 >= len(old_tail):
            continue  # rows after the last old row are appended: fine
        for j in range(j1 + paired, j2):
            if new_tail[j] not in unmatched_old:
                found.append(
                    (
                        new_line(j),
                        f"rad {new_line(j)} är ny men står före rader från {rev}; "
                        "nya rader ska stå sist",
                    )
                )
    return [
        problem("E030", rel, line, rev=rev, detail=detail) for line, detail in sorted(set(found))
    ]


def _removed(indices: list[int], old_line: Callable[[int], int], rev: str) -> list[tuple[int, str]]:
    """One problem per run of removed rows, at the first one's line in the old file."""
    found: list[tuple[int, str]] = []
    run: list[int] = []
    for i in [*indices, -2]:
        if run and i != run[-1] + 1:
            first, last = old_line(run[0]), old_line(run[-1])
            if first == last:
                found.append((first, f"rad {first} i {rev} har tagits bort"))
            else:
                found.append((first, f"raderna {first}–{last} i {rev} har tagits bort"))
            run = []
        run.append(i)
    return found
