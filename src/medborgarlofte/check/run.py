"""Checking, the whole repo: every promise file and log loaded, every problem returned, sorted.

`run_check` is what `lofte check` (and CI, pre-commit, an editor) runs. It never stops at the
first problem: loaders collect problems and go on, and this module adds what only a view of
the whole repo can see (overlapping periods, logs without a promise file), the warnings
that protect people (personnummer, formula cells, duplicate rows), the append-only
comparison with a git revision (`since`), and, for `--strikt`, the promises behind plan.

Each log is read once, as a stream: the raw-row warnings ride on the same pass that
validates rows, and memory holds one hash per row for the duplicate check, never the rows.
"""

from __future__ import annotations

import dataclasses
import os
import unicodedata
from collections import deque
from dataclasses import field
from datetime import date
from pathlib import Path

from medborgarlofte.check.check_blocks import check_log
from medborgarlofte.check.copies import one_error_for_copies
from medborgarlofte.check.scanned_rows import ScannedRows
from medborgarlofte.core.frozen import frozen, mutable
from medborgarlofte.core.model import PromiseSet, PromiseSetHead, Status
from medborgarlofte.core.problems import Problem, Severity, problem
from medborgarlofte.core.slugs import fold_slug, suggest
from medborgarlofte.core.svformat import unit_list_words, unit_name
from medborgarlofte.core.tally import Tally
from medborgarlofte.core.texts import CHECK_TEXTS, units_noun
from medborgarlofte.judge.evaluate import PromiseResult, judge
from medborgarlofte.judge.required import required_count
from medborgarlofte.load.comments import comment_problems, comments_rel
from medborgarlofte.load.corrections import corrections_rel
from medborgarlofte.load.log_dialect import ISO_DATE
from medborgarlofte.load.log_file import LogRows
from medborgarlofte.load.log_tally import count_log
from medborgarlofte.load.measurements import measurement_problems, measurements_rel
from medborgarlofte.load.promise_cache import Loaded
from medborgarlofte.load.repo import (
    LOGS_DIR,
    PROMISES_DIR,
    PromiseFileRef,
    Repo,
    followable_dir,
    followable_file,
    listing,
    outside_repo,
    overlap_problems,
    site_name_problems,
)
from medborgarlofte.load.struck import (
    correction_problems,
    without_struck,
    without_struck_problems,
)
from medborgarlofte.load.workspace import each_promise_result

# Codes `--strikt` adds for promises behind plan or missed (warnings: the data is valid).
BEHIND_CODES = frozenset({"S001", "S002"})


@mutable
class CheckResult:
    """Every problem found, sorted by file and line, and how `lofte check` should exit."""

    problems: list[Problem] = field(default_factory=list)
    judged_as_of: date | None = None  # set when promises were judged (`per`)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.WARNING)

    @property
    def behind(self) -> int:
        return sum(1 for p in self.problems if p.code in BEHIND_CODES)

    @property
    def exit_code(self) -> int:
        """0 valid (warnings allowed), 1 errors, 3 valid but a promise behind or missed."""
        if self.errors:
            return 1
        return 3 if self.behind else 0


def run_check(
    root: Path,
    today: date,
    per: date | None = None,
    since: str | None = None,
    *,
    kommun: str | None = None,
) -> CheckResult:
    """Check the repo at `root`: every promise file and log (of `kommun`, when given).

    `today` is the real date that rejects future log rows. `per`, when given, also judges
    the promises of every period that holds `per` (as `--strikt` does): S001/S002 for each
    behind or missed. `since` is a git revision whose log rows must all still be there,
    unchanged, at the start of each log (E030). Raises LofteError (exit 2) for a usage
    mistake: a directory that is not a git repo, an unknown revision; exit 1 for an
    unknown kommun, as every command.
    """
    repo = Repo.open(root)
    refs = repo.refs_for_kommun(kommun)

    def checked(ref: PromiseFileRef, loaded: Loaded) -> _Checked:
        """One promise file's log and the files beside it (comments, corrections,
        measurements), checked; the judgement `--strikt` needs, too."""
        promise_set, found = loaded
        head = PromiseSetHead.of(promise_set) if promise_set is not None else None
        loading = (head, tuple(found))
        folder = _LogFolder.of(root, ref.log_rel)
        beside: list[Problem] = []
        corrected = True  # whether the log may have corrections
        if promise_set is not None:
            # A file that is surely absent gives no problem: it is not read for them.
            if not folder.surely_absent(comments_rel(promise_set)):
                beside.extend(comment_problems(root, promise_set, today))
            corrected = not folder.surely_absent(corrections_rel(promise_set.log_path))
            if corrected and outside_repo(root, promise_set.log_path) is None:
                beside.extend(correction_problems(root, promise_set))
            if not folder.surely_absent(measurements_rel(promise_set)):
                beside.extend(measurement_problems(root, promise_set, today))
        if not folder.plain_file(ref.log_rel):
            if not ref.log_path.exists() and not ref.log_path.is_symlink():
                return _Checked(*loading, (), tuple(beside))
            refused = outside_repo(root, ref.log_rel)
            if refused is not None:
                return _Checked(*loading, (refused,), tuple(beside))
        rows = ScannedRows(ref.log_path, ref.log_rel)
        tally = None
        log: list[Problem]
        if promise_set is None:
            deque(rows, maxlen=0)  # the promise file is broken: the raw checks still apply
            log = list(rows.problems)
        else:
            check_log(rows, promise_set, today)
            if per is not None:  # the tally status counts, on its own fast path
                own = LogRows(ref.log_path, ref.log_rel)
                tally = without_struck(
                    count_log(own, promise_set, today), root, promise_set, today, strict=False
                )
            log = list(rows.problems)
            if corrected:
                log = without_struck_problems(log, root, promise_set)
        log = one_error_for_copies(ref.log_path, ref.log_rel, log)
        behind = tuple(_behind([tally], per)) if tally is not None and per is not None else ()
        return _Checked(*loading, tuple(log), tuple(beside), behind)

    log_files: list[tuple[str, str]] = []  # the logs folder, listed once
    results: list[_Checked] = each_promise_result(
        repo, refs, checked, lambda: log_files.extend(_log_files(root, kommun, refs))
    )
    heads = [outcome.head for outcome in results if outcome.head is not None]
    problems = list(repo.problems)
    for outcome in results:
        problems.extend(outcome.found)
    problems.extend(overlap_problems(heads))
    problems.extend(site_name_problems(heads))
    same_kommun: dict[tuple[str | None, str], list[PromiseSetHead]] = {}
    for head in heads:
        same_kommun.setdefault(_kommun_of(head), []).append(head)
    for outcome in results:
        log_problems = list(outcome.log)
        if outcome.head is not None:
            home = same_kommun[_kommun_of(outcome.head)]
            _point_to_home_period(log_problems, outcome.head, home)
        problems.extend(log_problems)
    for outcome in results:
        problems.extend(outcome.comments)

    known_logs = {r.log_rel for r in repo.refs}
    for file, rel in log_files:
        folder, _, name = rel.rpartition("/")
        if f"{folder}/{name.split('.', 1)[0]}.csv" in known_logs:
            continue
        path = Path(file)
        refused = outside_repo(root, rel)
        if refused is not None:  # a link that leads nowhere is no log to read
            problems.append(refused)
            continue
        if not path.is_file():
            continue
        problems.append(_orphan_log(root, rel))
        if "." not in path.stem:  # a companion file (2019.kommentarer.csv) has its own rows
            rows = ScannedRows(path, rel)
            deque(rows, maxlen=0)
            problems.extend(rows.problems)

    if since is not None:
        from medborgarlofte.check.append_only import changed_rows

        log_dirs = sorted({_log_dir(r.log_rel) for r in refs}) if kommun else [LOGS_DIR]
        problems.extend(changed_rows(root, since, log_dirs))

    judged_as_of = None
    if per is not None and not any(p.severity is Severity.ERROR for p in problems):
        judged_as_of = per
        for outcome in results:
            problems.extend(outcome.behind)

    problems.sort(key=Problem.sort_key)
    return CheckResult(problems, judged_as_of)


@frozen(slots=False)
class _LogFolder:
    """One listing of a log's folder, and what it proves about the files lofte reads
    there without asking for each (a file's checks cost a dozen system calls and as many
    paths made): a file it does not hold is surely absent, one it holds as a regular file
    under no link is surely there and inside the repo.

    It proves nothing (each file is asked for as before) when the folder cannot be
    listed, or a link is on the way to it: a link could lead out of the repo, and that
    is a problem even for a file that is not there. A name is only absent when no entry
    matches it with case and Unicode form folded, as a file system may match names.
    """

    rel: str
    names: frozenset[str] | None  # the entries' folded names; None when nothing is proved
    plain: frozenset[str]  # the exact names of the regular files (links not followed)

    @classmethod
    def of(cls, root: Path, log_rel: str) -> _LogFolder:
        rel = log_rel.rpartition("/")[0]
        nothing = cls(rel, None, frozenset())
        path = str(root)
        for part in rel.split("/") if rel else ():
            path = os.path.join(path, part)
            if part in ("", ".", "..") or os.path.islink(path):
                return nothing
        try:
            with os.scandir(path) as entries:
                listed = [(e.name, e.is_file(follow_symlinks=False)) for e in entries]
        except OSError:
            return nothing
        names = frozenset(_folded(name) for name, _ in listed)
        return cls(rel, names, frozenset(name for name, plain in listed if plain))

    def _holds(self, rel: str) -> bool:
        return self.names is not None and rel.rpartition("/")[0] == self.rel

    def surely_absent(self, rel: str) -> bool:
        return self._holds(rel) and _folded(rel.rpartition("/")[2]) not in (self.names or ())

    def plain_file(self, rel: str) -> bool:
        return self._holds(rel) and rel.rpartition("/")[2] in self.plain


def _folded(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


@frozen
class _Checked:
    """What checking one promise file's log and comments found, and (for `--strikt`) its
    promises behind plan; with what the checks across files need of the promise file
    (None when it could not be read) and the problems loading it found (not the whole
    promise set, which is not kept)."""

    head: PromiseSetHead | None
    found: tuple[Problem, ...]
    log: tuple[Problem, ...]
    comments: tuple[Problem, ...]
    behind: tuple[Problem, ...] = ()


def _kommun_of(head: PromiseSetHead) -> tuple[str | None, str]:
    return head.kommun_key, fold_slug(head.kommun)


def _point_to_home_period(
    found: list[Problem], promise_set: PromiseSetHead, same_kommun: list[PromiseSetHead]
) -> None:
    """Tell an E022 row (a date outside the period) which log of the same kommun it belongs
    in, when another period holds its date: the likely fix is to move the row there."""
    others = [s for s in same_kommun if s is not promise_set]
    if not others:
        return
    for index, found_problem in enumerate(found):
        if found_problem.code != "E022":
            continue
        match = ISO_DATE.search(found_problem.message)  # the row's date comes first
        day = date.fromisoformat(match.group()) if match else None
        home = next((s for s in others if day and s.period.contains(day)), None)
        if home is not None:
            belongs = CHECK_TEXTS["belongs_in"].format(log=home.log_path)
            message = f"{found_problem.message} {belongs}"
            found[index] = dataclasses.replace(found_problem, message=message)


def _log_dir(log_rel: str) -> str:
    return log_rel.rsplit("/", 1)[0]


def _log_files(root: Path, kommun: str | None, refs: list[PromiseFileRef]) -> list[tuple[str, str]]:
    """The CSV files under logs/ (top level and one folder per kommun), as (path, rel):
    the logs and the files beside them (`2019.kommentarer.csv`)."""
    logs = root / LOGS_DIR
    if not logs.is_dir():
        return []
    if kommun is not None:
        folders = sorted({r.kommun_key for r in refs if r.kommun_key})
        places = [(logs / f, f"{LOGS_DIR}/{f}") for f in folders] if folders else [(logs, LOGS_DIR)]
    else:
        places = [(logs, LOGS_DIR)]
        places += [
            (Path(e.path), f"{LOGS_DIR}/{e.name}") for e in listing(logs) if followable_dir(e)
        ]
    return [
        (entry.path, f"{place_rel}/{entry.name}")
        for place, place_rel in places
        for entry in listing(place)
        if entry.name.endswith(".csv") and (followable_file(entry) or entry.is_symlink())
    ]


def _orphan_log(root: Path, rel: str) -> Problem:
    """E031 for a log with no promise file, naming the file it needs and a likely typo."""
    parts = rel.split("/")[1:]
    stem = parts[-1].split(".", 1)[0]
    folder = root.joinpath(PROMISES_DIR, *parts[:-1])
    expected = "/".join((PROMISES_DIR, *parts[:-1], f"{stem}.yaml"))
    stems = [p.stem for p in folder.glob("*.yaml")] if folder.is_dir() else []
    close = suggest(stem, stems)
    hint = ""
    if close is not None:
        promise_file = f"{PROMISES_DIR}/{'/'.join((*parts[:-1], close))}.yaml"
        hint = CHECK_TEXTS["misspelt_log"].format(promise_file=promise_file)
    return problem("E031", rel, expected=expected, hint=hint)


def _behind(tallies: list[Tally], per: date) -> list[Problem]:
    """S001/S002 for each promise behind plan or missed, in the periods that hold `per`.

    A period that has ended is history and one that has not begun has nothing to judge, so
    only the periods that hold `per` can fail `--strikt`.
    """
    found: list[Problem] = []
    for tally in tallies:
        promise_set: PromiseSet = tally.promise_set
        if not promise_set.period.contains(per):
            continue
        for result in judge(tally, per).results:
            if result.status not in (Status.BEHIND, Status.MISSED):
                continue
            code = "S001" if result.status == Status.BEHIND else "S002"
            line = result.promise.line or None
            detail = _shortfall(result, per)
            promise = result.promise
            name = f"'{promise.title}' ({promise.id})" if promise.title else f"'{promise.id}'"
            found.append(problem(code, promise_set.path, line, name=name, per=per, detail=detail))
    return found


def _shortfall(result: PromiseResult, per: date) -> str:
    """What is missing, in the target's own terms: every unit that fell short, the current
    unit behind, or the count against what is required so far."""
    target = result.promise.target
    if target.ongoing or result.expected is None:
        return CHECK_TEXTS["nothing_logged"]
    judged, missed = result.judged_units, result.missed_units
    spans = result.units or ()
    years = bool(spans) and spans[0].start.year != spans[-1].end.year
    if missed:
        units = unit_list_words(
            [(u.start, u.end) for u in missed],
            target.per,
            with_year=years,
            limit=12,
            block=target.block,
        )
        noun = units_noun(target.per, len(judged), target.block)
        met = f"{len(judged) - len(missed)} av {len(judged)} {noun}"
        return f"{met} nådde målet, missade: {units}"
    current = next((u for u in result.units or () if u.start <= per <= u.end), None)
    if current is not None:
        name = unit_name(
            current.start, current.end, target.per, with_year=years, block=target.block
        )
        return f"{current.done} av {current.need} hittills under {name}"
    if result.status == Status.BEHIND:
        required = required_count(result.expected, False)
        return f"{result.done} utfört, minst {required} krävs hittills"
    whole = required_count(result.expected, True)
    return f"{result.done} utfört, {whole} krävs för perioden"
