"""Loading, outermost step: find the repo root, its promise files and logs, pick a period.

A repo is `promises/<period>.yaml` ↔ `logs/<period>.csv`, or with several kommuner
`promises/<kommun>/<period>.yaml` ↔ `logs/<kommun>/<period>.csv` (docs/format.md §1). Paths
never come from user input: a PERIOD argument is matched against the files found, so
`../../etc/passwd` is just a period that does not exist. Links that lead out of the repo
are refused.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import field
from datetime import date
from pathlib import Path

from medborgarlofte.core import texts
from medborgarlofte.core.frozen import frozen, mutable
from medborgarlofte.core.model import PromiseSet, PromiseSetHead
from medborgarlofte.core.problems import LofteError, Problem, did_you_mean, problem, refusal
from medborgarlofte.core.safe_text import has_control, has_undecodable
from medborgarlofte.core.slugs import fold_slug, suggest
from medborgarlofte.load.promise_cache import Loaded, cache_folder, keeps_new, load_promise_file
from medborgarlofte.load.side_files import CORRECTIONS_SUFFIX, beside_log

PROMISES_DIR = "promises"
LOGS_DIR = "logs"


def find_root(start: Path, explicit: str | None = None) -> Path:
    """The repo root: `explicit` (-C/--katalog or LOFTE_KATALOG), else the nearest ancestor
    of `start` that holds `promises/`."""
    chosen = explicit or os.environ.get("LOFTE_KATALOG")
    if chosen:
        root = Path(chosen).expanduser()
        if not (root / PROMISES_DIR).is_dir():
            raise refusal("no_promises_folder", folder=chosen)
        return root.resolve()
    current = start.resolve()
    for candidate in (current, *current.parents):
        if (candidate / PROMISES_DIR).is_dir():
            return candidate
    raise LofteError(
        "Hittar ingen löftesrepo: ingen promises/-katalog här eller i någon överliggande katalog. "
        "Gå till repots katalog, ange den med -C KATALOG, eller skapa ett nytt med 'lofte init'."
    )


@frozen
class PromiseFileRef:
    """A promise file found in the repo and the log that belongs to it."""

    path: Path
    rel: str
    name: str  # the file stem: the period's name
    kommun_key: str | None  # folder under promises/, None at the top level
    log_path: Path
    log_rel: str


def inside_repo(root: Path, path: Path) -> bool:
    """Whether `path`, with every link followed (even a dangling one), stays under `root`.

    A link loop counts as outside: it leads nowhere lofte should read or write.
    """
    try:
        below = path.relative_to(root).parts
    except ValueError:
        below = ("..",)
    if ".." not in below and not _any_link(root, below):
        return True  # written under root, and no link below it: nothing to follow
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop
        return False


def outside_repo(root: Path, rel: str) -> Problem | None:
    """E002 when the repo file `rel` (a log, its comments, its corrections, its
    measurements: any file lofte reads or appends to beside a promise file) is reached
    through a link that leads out of the repo, in a loop, or to nothing; None when it stays
    inside (or is simply absent). Checked before the file is even looked at, so nothing
    outside the repo is read, published or created, and a link that leads nowhere is
    never taken for an absent file."""
    detail = link_trouble(root, root / rel)
    return None if detail is None else problem("E002", rel, detail=detail)


def corrections_absent(root: Path, log_rel: str) -> bool:
    """True when the log `log_rel` has no corrections file and no link on the way to where
    it would be is wrong: then nothing is struck, and the corrections are not even read."""
    rel = beside_log(log_rel, CORRECTIONS_SUFFIX)
    return outside_repo(root, rel) is None and not (root / rel).exists()


def link_trouble(root: Path, path: Path) -> str | None:
    """Why `path` cannot be followed: a link on the way leads out of the repo, in a loop or
    to nothing (the detail of an E002); None when no link is on the way or every one leads
    to something inside the repo."""
    try:
        below = path.relative_to(root).parts
    except ValueError:
        below = ("..",)
    if ".." not in below and not _any_link(root, below):
        return None
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):  # RuntimeError (before Python 3.13): a link loop
        return texts.LINK_LOOP
    try:
        if not resolved.is_relative_to(root.resolve()):
            return texts.LINK_OUTSIDE
    except (OSError, RuntimeError):
        return texts.LINK_LOOP
    current = str(root)
    for part in below:
        current = os.path.join(current, part)
        if os.path.islink(current) and not os.path.exists(current):
            return texts.LINK_NOWHERE.format(target=_target(current))
    return None


def _target(link: str) -> str:
    try:
        return os.readlink(link)
    except OSError:
        return "?"


def followable_dir(entry: os.DirEntry[str]) -> bool:
    """Whether a listed entry is a folder (its link followed): False, never an exception,
    for a link in a loop."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def followable_file(entry: os.DirEntry[str]) -> bool:
    """Whether a listed entry is a regular file (its link followed); False for a link in a
    loop."""
    try:
        return entry.is_file()
    except OSError:
        return False


def protected_folder(root: Path, target: Path) -> str | None:
    """`promises` or `logs` when writing `target` would replace a file there (links and `..`
    followed), else None: a report's `-o` never overwrites the record (docs/garantier.md)."""
    try:
        resolved = target.expanduser().resolve()
        resolved_root = root.resolve()
    except (OSError, RuntimeError):
        return PROMISES_DIR  # a link loop: nothing to write through
    for folder in (PROMISES_DIR, LOGS_DIR):
        for base in (resolved_root / folder, (root / folder).resolve()):
            if resolved.is_relative_to(base):
                return folder
    return None


def _any_link(root: Path, parts: tuple[str, ...]) -> bool:
    """Whether any of root/a, root/a/b, … (for `parts` a, b, …) is a symbolic link: a few
    lstat calls, where resolving the whole path costs one per folder from /."""
    current = str(root)
    for part in parts:
        current = os.path.join(current, part)
        if os.path.islink(current):
            return True
    return False


def listing(folder: Path) -> list[os.DirEntry[str]]:
    """The entries of `folder` by name, [] when it cannot be listed: one system call for a
    folder where globbing and testing each path costs several per file."""
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=_name)
    except OSError:
        return []


def _bad_name(name: str) -> str:
    """Why a file name is refused: bytes that are not UTF-8, or control characters."""
    return texts.NAME_NOT_UTF8 if has_undecodable(name) else texts.NAME_WITH_CONTROL


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


@mutable
class Repo:
    root: Path
    refs: list[PromiseFileRef] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # problems found while scanning
    # The promise cache's folder (promise_cache.cache_folder) and whether new readings are
    # kept there (promise_cache.keeps_new), chosen at the first load.
    _cache: tuple[Path | None, bool] | None = field(default=None, repr=False)

    @classmethod
    def open(cls, root: Path) -> Repo:
        repo = cls(root)
        promises_dir = root / PROMISES_DIR
        if not inside_repo(root, promises_dir):
            raise refusal("promises_outside")
        try:
            with os.scandir(promises_dir) as listed:
                entries = sorted(listed, key=_name)
        except OSError as error:  # no read permission, or promises/ went away
            raise refusal("promises_unreadable", detail=error.strerror or error) from None
        for entry in entries:
            path = Path(entry.path)
            if has_control(entry.name):
                repo._refuse(path, _bad_name(entry.name))
                continue
            if entry.is_symlink() and not entry.name.startswith("."):
                # A link is followed to see where it leads; a plain folder stays inside. A
                # link that leads nowhere could have been a promise file or a kommun folder.
                trouble = link_trouble(root, path)
                if trouble is not None and (path.suffix in ("", ".yaml") or followable_dir(entry)):
                    repo._refuse(path, trouble)
                    continue
            # A directory named like a promise file is a broken promise file (reported
            # as such when loaded), not a kommun folder to look into.
            if followable_dir(entry) and not entry.name.startswith(".") and path.suffix != ".yaml":
                for inner in listing(path):
                    if not inner.name.endswith(".yaml"):
                        continue
                    if has_control(inner.name):
                        repo._refuse(Path(inner.path), _bad_name(inner.name))
                    elif inner.is_symlink() and (trouble := link_trouble(root, Path(inner.path))):
                        repo._refuse(Path(inner.path), trouble)
                    else:
                        linked = entry.is_symlink() or inner.is_symlink()
                        repo._add(path / inner.name, entry.name, linked)
            elif path.suffix == ".yaml":
                repo._add(path, None, entry.is_symlink())
        return repo

    def _refuse_link(self, path: Path) -> None:
        self._refuse(path, texts.LINK_OUTSIDE)

    def _refuse(self, path: Path, why: str) -> None:
        rel = path.relative_to(self.root).as_posix()
        self.problems.append(problem("E002", rel, detail=why))

    def _add(self, path: Path, kommun_key: str | None, linked: bool) -> None:
        """A promise file found by listing promises/ (itself inside the repo): `linked`
        when the file, or its kommun folder, is a link, which is followed to see where it
        leads; a plain file in a plain folder is inside as written."""
        if linked and not inside_repo(self.root, path):
            self._refuse_link(path)
            return
        name = path.name
        stem = name[: -len(".yaml")] if name.endswith(".yaml") else path.stem
        log_name = f"{stem}.csv"
        if kommun_key:
            rel = f"{PROMISES_DIR}/{kommun_key}/{name}"
            log_rel = f"{LOGS_DIR}/{kommun_key}/{log_name}"
        else:
            rel = f"{PROMISES_DIR}/{name}"
            log_rel = f"{LOGS_DIR}/{log_name}"
        self.refs.append(PromiseFileRef(path, rel, stem, kommun_key, self.root / log_rel, log_rel))

    def load(
        self, refs: Iterable[PromiseFileRef] | None = None
    ) -> tuple[list[PromiseSet], list[Problem]]:
        """The promise sets of `refs` (default all) that could be read, and every problem."""
        sets: list[PromiseSet] = []
        problems: list[Problem] = list(self.problems)
        for ref in self.refs if refs is None else refs:
            promise_set, found = self.load_file(ref)
            problems.extend(found)
            if promise_set is not None:
                sets.append(promise_set)
        return sets, problems

    def load_file(self, ref: PromiseFileRef) -> Loaded:
        """One promise file's PromiseSet (None when unusable) and its problems."""
        if self._cache is None:  # chosen once a command: it resolves real paths
            self._cache = (cache_folder(self.root), keeps_new())
        folder, keep = self._cache
        return load_promise_file(
            folder, ref.path, ref.rel, ref.name, ref.log_rel, ref.kommun_key, keep
        )

    def kommun_keys(self) -> list[str | None]:
        return sorted({r.kommun_key for r in self.refs}, key=lambda k: (k is not None, k or ""))

    def refs_for_kommun(self, kommun: str | None) -> list[PromiseFileRef]:
        """The refs of one kommun, or all when `kommun` is None: the one rule every command
        follows for `--kommun` (docs/garantier.md).

        A kommun is named by its folder (`promises/kalix/`), or in a single-kommun repo by
        the `kommun:` of its promise files; both compared folded (`overkalix` is
        `Överkalix`). A name that matches nothing is refused (LofteError, exit 1) with a
        did-you-mean and the kommuner the repo has, before anything is read or written.
        """
        if kommun is None:
            return list(self.refs)
        wanted = fold_slug(kommun)
        chosen = [r for r in self.refs if r.kommun_key and fold_slug(r.kommun_key) == wanted]
        names = {r.kommun_key for r in self.refs if r.kommun_key}
        top = [r for r in self.refs if r.kommun_key is None]
        if top:
            sets, _ = self.load(top)
            names.update(s.kommun for s in sets)
            named = {s.path for s in sets if fold_slug(s.kommun) == wanted}
            chosen += [r for r in top if r.rel in named]
            if not sets and not chosen:
                return top  # no readable file says its kommun: the command reports them
        if not chosen:
            shown = sorted(names, key=fold_slug)
            hint = did_you_mean(suggest(kommun, shown))
            template = texts.UNKNOWN_KOMMUN_ONLY_ONE if len(shown) == 1 else texts.UNKNOWN_KOMMUN
            raise LofteError(
                template.format(
                    kommun=kommun.strip(), hint=f" {hint}" if hint else "", known=", ".join(shown)
                )
            )
        return chosen


def overlap_problems(sets: Iterable[PromiseSetHead]) -> list[Problem]:
    """E013 for each promise file whose period overlaps an earlier one of the same kommun."""
    found = []
    by_kommun: dict[str, list[PromiseSetHead]] = {}
    for promise_set in sets:
        key = promise_set.kommun_key or fold_slug(promise_set.kommun)
        by_kommun.setdefault(key, []).append(promise_set)
    for group in by_kommun.values():
        ordered = sorted(group, key=lambda s: (s.period.start, s.path))
        for index, current in enumerate(ordered):
            for earlier in ordered[:index]:
                if earlier.period.end >= current.period.start:
                    found.append(
                        problem(
                            "E013",
                            current.path,
                            1,
                            period=current.period.name,
                            other=earlier.path,
                        )
                    )
    return found


def site_name_problems(sets: Iterable[PromiseSetHead]) -> list[Problem]:
    """E100 for each promise file the site would publish where an earlier one is already
    published (core/site_names.py): the site refuses rather than rename one of them."""
    from medborgarlofte.core.site_names import clashes  # `check` alone asks

    return [
        problem("E100", clash.second, 1, other=clash.first, slug=clash.slug)
        for clash in clashes(sets)
    ]


def resolve_period(sets: list[PromiseSet], wanted: str | None, today: date) -> PromiseSet:
    """The promise set a PERIOD argument names: a file stem, or a year inside a period.

    By default the period that holds today; when none does, the latest period that has
    ended (its follow-up is the one people are writing, in January), and before the first
    period has begun, the first."""
    if not sets:
        raise refusal("no_promise_files")
    if wanted is None:
        holding = [s for s in sets if s.period.contains(today)]
        if not holding:
            ended = [s for s in sets if s.period.end < today]
            if ended:
                latest = max(s.period.end for s in ended)
                holding = [s for s in ended if s.period.end == latest]
            else:
                first = min(s.period.start for s in sets)
                holding = [s for s in sets if s.period.start == first]
        return _one(holding, "dagens datum")
    by_name = [s for s in sets if s.period.name == wanted.strip()]
    if by_name:
        return _one(by_name, wanted)
    text = wanted.strip()
    if text.isdigit() and len(text) == 4:
        year = int(text)
        holding = [s for s in sets if s.period.start.year <= year <= s.period.end.year]
        if holding:
            return _one(holding, wanted)
    names = ", ".join(sorted({s.period.name for s in sets}))
    raise refusal("no_such_period", period=wanted, names=names)


def _one(candidates: list[PromiseSet], what: str) -> PromiseSet:
    if len(candidates) == 1:
        return candidates[0]
    kommuner = ", ".join(sorted(s.kommun_key or s.kommun for s in candidates))
    raise refusal("name_fits_several_kommuner", what=what, kommuner=kommuner)
