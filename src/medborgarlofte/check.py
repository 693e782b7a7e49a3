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

import csv
import dataclasses
import gc
import io
import itertools
import operator
import os
import pickle
import re
from array import array
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import compress, repeat
from operator import contains, methodcaller
from pathlib import Path
from typing import BinaryIO

from medborgarlofte.comments import comment_problems
from medborgarlofte.evaluate import PromiseResult, Tally, judge
from medborgarlofte.log_file import (
    LogRows,
    _ends_with_newline,
    _parse_count,
    _parse_date,
    _parse_participants,
    _parse_type,
    not_a_file,
    read_activities,
)
from medborgarlofte.log_tally import _TWO_PROCESS_BYTES, _cores, byte_blocks
from medborgarlofte.model import PromiseSet
from medborgarlofte.personnummer import find_personal_numbers, may_contain_personal_number
from medborgarlofte.problems import LofteError, Problem, Severity, problem
from medborgarlofte.repo import LOGS_DIR, PROMISES_DIR, PromiseFileRef, Repo, overlap_problems
from medborgarlofte.slugs import fold_slug, suggest
from medborgarlofte.svformat import format_decimal_trimmed

# Codes `--strikt` adds for promises behind plan or missed (warnings: the data is valid).
BEHIND_CODES = frozenset({"S001", "S002"})

# Cells are joined with NUL to look at a row at once: LogRows drops rows holding NUL, so the
# join is unambiguous (it doubles as the row's identity for the duplicate check). A cell
# start of = + - @ is a formula in Excel; six digits in a row is the personnummer
# pre-filter, searched only in the free-text cells since dates and timestamps are full of
# digits that would make every row a suspect (and the search slow).
_SEPARATOR = "\x00"
_FORMULA_CELL = re.compile("\x00[-=+@]")
_SIX_DIGITS = re.compile("[0-9][0-9][0-9][0-9][0-9][0-9]")  # spelt out: re scans faster
_FORMULA_STARTS = ("=", "+", "-", "@")
_SIGNED_NUMBER = re.compile(r"^[+-]\d+(?:[.,]\d+)?$")  # Excel reads these as numbers
_FIXED_FORMAT = frozenset({"datum", "antal", "registrerad"})  # validated or tool-written


@dataclass
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
    exact: bool = False,
) -> CheckResult:
    """Check the repo at `root`: every promise file and log (of `kommun`, when given).

    `today` is the real date that rejects future log rows. `per`, when given, also judges
    the promises of every period that holds `per` (as `--strikt` does): S001/S002 for each
    behind or missed. `since` is a git revision whose log rows must all still be there,
    unchanged, at the start of each log (E030). Raises LofteError (exit 2) for a usage
    mistake: an unknown kommun, a directory that is not a git repo, an unknown revision.
    `exact` reads every log row by row (the reference path the fast one must equal).
    """
    repo = Repo.open(root)
    try:
        refs = repo.refs_for_kommun(kommun)
    except LofteError as error:
        raise LofteError(error.message, 2) from None
    sets, problems = repo.load(refs)
    if kommun is not None and all(r.kommun_key is None for r in refs):
        for loaded in sets:
            if fold_slug(loaded.kommun) != fold_slug(kommun):
                raise LofteError(f"Okänd kommun '{kommun}'. Repot gäller {loaded.kommun}.", 2)
    problems.extend(overlap_problems(sets))

    by_path = {s.path: s for s in sets}
    tallies: list[Tally] = []
    for ref in refs:
        if not ref.log_path.exists() and not ref.log_path.is_symlink():
            continue
        if not repo.log_is_safe(ref):
            problems.append(problem("E002", ref.log_rel, detail="länken pekar utanför repot"))
            continue
        rows = ScannedRows(ref.log_path, ref.log_rel)
        promise_set = by_path.get(ref.rel)
        if promise_set is None:
            deque(rows, maxlen=0)  # the promise file is broken: the raw checks still apply
        else:
            activities = read_activities(rows, promise_set, today, with_text=False)
            if per is not None:
                tallies.append(Tally.of(promise_set, activities))
            elif exact:
                deque(activities, maxlen=0)
            else:
                check_log(rows, promise_set, today)
            _point_to_home_period(rows.problems, promise_set, sets)
        problems.extend(rows.problems)
    for promise_set in sets:
        problems.extend(comment_problems(root, promise_set, today))

    known_logs = {r.log_rel for r in repo.refs}
    for path, rel in _log_files(root, kommun, refs):
        folder, _, name = rel.rpartition("/")
        if f"{folder}/{name.split('.', 1)[0]}.csv" in known_logs:
            continue
        problems.append(_orphan_log(root, rel))
        if "." not in path.stem:  # a companion file (2019.kommentarer.csv) has its own rows
            rows = ScannedRows(path, rel)
            deque(rows, maxlen=0)
            problems.extend(rows.problems)

    if since is not None:
        from medborgarlofte.append_only import changed_rows

        log_dirs = sorted({_log_dir(r.log_rel) for r in refs}) if kommun else [LOGS_DIR]
        problems.extend(changed_rows(root, since, log_dirs))

    judged_as_of = None
    if per is not None and not any(p.severity is Severity.ERROR for p in problems):
        judged_as_of = per
        problems.extend(_behind(tallies, per))

    problems.sort(key=Problem.sort_key)
    return CheckResult(problems, judged_as_of)


class ScannedRows(LogRows):
    """A log's raw rows, with the warnings a raw row can carry found as the rows stream by:
    personnummer/samordningsnummer (W001), formula cells (W002), exact duplicates (W003).

    Per row this costs two joins, a hash and two C-level searches; a cell is looked at one
    by one only when a search hits, which in a clean log is never.
    """

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        duplicates = _Duplicates(self.path)
        yield from self.scanned(super().__iter__(), duplicates)
        self.problems.extend(
            problem("W003", self.rel, line, first_line=first_line)
            for line, first_line in duplicates.found()
        )

    def scanned(
        self, rows: Iterator[tuple[int, list[str]]], duplicates: _Duplicates
    ) -> Iterator[tuple[int, list[str]]]:
        """`rows` as they are, each row's hash added to `duplicates` and its W001/W002 found."""
        first = next(rows, None)
        if first is None:
            return
        problems = self.problems
        # The duplicate bookkeeping is inlined (see _Duplicates.add): a call per row costs.
        hashes_append = duplicates.hashes.append
        lines_append = duplicates.lines.append
        candidates_append = duplicates.candidates.append
        flags = duplicates.flags
        mask = duplicates.mask
        join = _SEPARATOR.join
        formula = _FORMULA_CELL.search
        digits = _SIX_DIGITS.search
        free_text = self._free_text()
        for line, row in itertools.chain((first,), rows):
            joined = join(row)
            row_hash = hash(joined)
            hashes_append(row_hash)
            lines_append(line)
            if flags[row_hash & mask]:
                candidates_append((row_hash, line))
            else:
                flags[row_hash & mask] = 1
            try:
                text = join(free_text(row))
            except IndexError:  # a short row: its missing cells are empty
                text = joined
            if formula(joined) or joined.startswith(_FORMULA_STARTS) or digits(text):
                problems.extend(self._cell_warnings(line, row))
            yield line, row

    def _free_text(self) -> Callable[[list[str]], tuple[str, ...]]:
        """Picks the cells where a personnummer could hide: all but the fixed-format ones."""
        indices = [i for i, name in enumerate(self.header) if _folded(name) not in _FIXED_FORMAT]
        if len(indices) == 1:
            only = indices[0]
            return lambda row: (row[only],)
        if not indices:
            return lambda row: ()
        return operator.itemgetter(*indices)

    def _cell_warnings(self, line: int, row: list[str]) -> list[Problem]:
        found: list[Problem] = []
        header = self.header
        for index, cell in enumerate(row):
            name = header[index] if index < len(header) else f"kolumn {index + 1}"
            if _folded(name) not in _FIXED_FORMAT and may_contain_personal_number(cell):
                found.extend(
                    problem("W001", self.rel, line, kind=match.kind, name=name)
                    for match in find_personal_numbers(cell)
                )
            if cell.startswith(_FORMULA_STARTS) and not _SIGNED_NUMBER.match(cell):
                found.append(problem("W002", self.rel, line, name=name, char=cell[0]))
        return found


def _folded(name: str) -> str:
    return name.strip().casefold()


class _Duplicates:
    """Exact duplicate rows in memory that grows by 16 bytes a row, not by the rows.

    Each row's hash and line go into compact arrays. A table of one byte per slot (sized
    from the file, at most 16 MB) flags a hash's slot as seen; a row landing on a flagged
    slot is a candidate. At the end one C-level pass over the hashes finds each
    candidate's first line; a candidate that is its own first line was a slot collision.
    """

    def __init__(self, path: Path) -> None:
        try:
            expected_rows = path.stat().st_size // 50
        except OSError:
            expected_rows = 0
        slots = 1 << min(22, max(12, (expected_rows * 16).bit_length()))
        self.mask = slots - 1
        self.flags = bytearray(slots)
        self.hashes = array("q")
        self.lines = array("l")
        self.candidates: list[tuple[int, int]] = []

    def add(self, row_hash: int, line: int) -> None:
        self.hashes.append(row_hash)
        self.lines.append(line)
        slot = row_hash & self.mask
        if self.flags[slot]:
            self.candidates.append((row_hash, line))
        else:
            self.flags[slot] = 1

    def found(self) -> list[tuple[int, int]]:
        """(line, first line) of each row that repeats an earlier one."""
        if not self.candidates:
            return []
        wanted = {row_hash for row_hash, _ in self.candidates}
        hits = itertools.compress(range(len(self.hashes)), map(wanted.__contains__, self.hashes))
        first_line: dict[int, int] = {}
        for index in hits:
            first_line.setdefault(self.hashes[index], self.lines[index])
        return [
            (line, first_line[row_hash])
            for row_hash, line in self.candidates
            if first_line[row_hash] != line
        ]


_DATE_IN_MESSAGE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _point_to_home_period(
    found: list[Problem], promise_set: PromiseSet, sets: list[PromiseSet]
) -> None:
    """Tell an E022 row (a date outside the period) which log of the same kommun it belongs
    in, when another period holds its date: the likely fix is to move the row there."""
    others = [
        s
        for s in sets
        if s is not promise_set
        and s.kommun_key == promise_set.kommun_key
        and fold_slug(s.kommun) == fold_slug(promise_set.kommun)
    ]
    if not others:
        return
    for index, found_problem in enumerate(found):
        if found_problem.code != "E022":
            continue
        match = _DATE_IN_MESSAGE.search(found_problem.message)  # the row's date comes first
        day = date.fromisoformat(match.group()) if match else None
        home = next((s for s in others if day and s.period.contains(day)), None)
        if home is not None:
            message = f"{found_problem.message} Raden hör hemma i {home.log_path}."
            found[index] = dataclasses.replace(found_problem, message=message)


def _log_dir(log_rel: str) -> str:
    return log_rel.rsplit("/", 1)[0]


def _log_files(
    root: Path, kommun: str | None, refs: list[PromiseFileRef]
) -> list[tuple[Path, str]]:
    """The CSV files under logs/ (top level and one folder per kommun), as (path, rel):
    the logs and the files beside them (`2019.kommentarer.csv`)."""
    logs = root / LOGS_DIR
    if not logs.is_dir():
        return []
    if kommun is not None:
        folders = sorted({r.kommun_key for r in refs if r.kommun_key})
        candidates = [p for f in folders for p in sorted((logs / f).glob("*.csv"))]
        if not folders:
            candidates = sorted(logs.glob("*.csv"))
    else:
        candidates = sorted(logs.glob("*.csv")) + sorted(logs.glob("*/*.csv"))
    return [(path, path.relative_to(root).as_posix()) for path in candidates if path.is_file()]


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
        hint = f"Är loggen felstavad? {PROMISES_DIR}/{'/'.join((*parts[:-1], close))}.yaml finns."
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
            if result.status not in ("behind", "missed"):
                continue
            code = "S001" if result.status == "behind" else "S002"
            line = result.promise.line or None
            detail = _shortfall(result, per)
            found.append(
                problem(code, promise_set.path, line, id=result.promise.id, per=per, detail=detail)
            )
    return found


def _shortfall(result: PromiseResult, per: date) -> str:
    """What is missing, in the target's own terms: a unit that fell short, or the count."""
    target = result.promise.target
    if target.ongoing or result.expected is None:
        return "ingen insats är loggad"
    units = result.units or ()
    short = next((u for u in units if u.complete and u.met is False), None)
    if short is None and result.status == "behind":
        short = next((u for u in units if u.start <= per <= u.end), None)
    if short is not None:
        return f"{short.done} av {short.need} under {short.start}–{short.end}"
    expected = format_decimal_trimmed(float(result.expected), 2)
    when = "hittills" if result.status == "behind" else "för perioden"
    return f"{result.done} utfört, {expected} förväntat {when}"


# ---- the fast path: a log checked in blocks of whole lines, C doing the per-row work

_HEADER_BYTES = 1 << 16


def check_log(rows: ScannedRows, promise_set: PromiseSet, today: date) -> None:
    """Check the log `rows` names against `promise_set`: every problem, line and order just
    as `read_activities` over `ScannedRows` finds them, into `rows.problems`.

    Blocks of whole lines are split in C and each distinct date, typ, antal and deltagare
    is judged once. A block with a row that is not plainly valid (a problem, a wrong
    field count, a possible personnummer or formula cell, a torn last line) goes through
    the reference reader row by row; so does the rest of the file from a block whose lines
    are not one record each. Any file-level trouble (bad encoding, an unreadable file)
    runs the whole log through the reference path again, so its output is that path's.
    """
    collecting = gc.isenabled()
    gc.disable()  # blocks hold many small lists; nothing here forms a cycle
    try:
        done = _check_fast(rows, promise_set, today)
    except (OSError, UnicodeDecodeError, csv.Error):
        done = False
    finally:
        if collecting:
            gc.enable()
    if not done:
        rows.problems.clear()
        deque(read_activities(rows, promise_set, today, with_text=False), maxlen=0)


def _check_fast(rows: ScannedRows, promise_set: PromiseSet, today: date) -> bool:
    """False when the reference path must do the whole log (nothing kept)."""
    if not_a_file(rows.path):
        return False
    with rows.path.open("rb") as binary:
        first = binary.readline(_HEADER_BYTES)
        header = first.decode("utf-8-sig")
        if "\r" in header.removesuffix("\r\n") or not first.endswith(b"\n"):
            return False
        if not rows.read_header(io.StringIO(header, newline="")):
            return True  # its problems (if any) are in rows.problems, as LogRows puts them
        scanner = _Scanner(rows, promise_set, today)
        if not scanner.scan_in_two(binary, len(first)):
            rows.problems.clear()
            scanner = _Scanner(rows, promise_set, today)
            scanner.scan(binary, len(first))
    rows.problems.extend(
        problem("W003", rows.rel, line, first_line=first_line)
        for line, first_line in scanner.duplicates.found()
    )
    return True


class _Feed(ScannedRows):
    """Rows handed to `read_activities` from a given source of (line, cells)."""

    source: Iterator[tuple[int, list[str]]] = iter(())
    duplicates: _Duplicates | None = None

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        assert self.duplicates is not None
        return self.scanned(self.source, self.duplicates)


class _Scanner:
    def __init__(self, rows: ScannedRows, promise_set: PromiseSet, today: date) -> None:
        self.rows = rows
        self.promise_set = promise_set
        self.today = today
        self.width = len(rows.header)
        self.delimiter = rows.delimiter
        self.split = methodcaller("split", rows.delimiter)
        self.limit = csv.field_size_limit()
        self.duplicates = _Duplicates(rows.path)
        rel = rows.rel
        columns = rows.columns
        parsers: list[tuple[str, Callable[[str], object]]] = [
            ("datum", lambda raw: _parse_date(raw, rel, promise_set, today)),
            ("typ", lambda raw: _parse_type(raw, rel, promise_set)),
            ("antal", lambda raw: _parse_count(raw, rel)),
            ("deltagare", lambda raw: _parse_participants(raw, rel, promise_set)),
        ]
        # (cell getter, raw -> valid, parser) for each validated column the log has; a
        # column it lacks reads as "", which is always valid for antal and deltagare.
        # (column index, values known valid, values known invalid, parser) for each
        # validated column the log has; a column it lacks reads as "", always valid.
        self.checks: list[tuple[int, set[str], set[str], Callable[[str], object]]] = [
            (columns[name], set(), set(), parse) for name, parse in parsers if name in columns
        ]
        # A line's cells, the last holding any cells beyond the header's: a line with
        # fewer cells gives a shorter list, one with more a last cell holding a NUL.
        self.cut = methodcaller("split", _SEPARATOR, self.width - 1)
        # Bytes that may start a formula cell become \x02, what may come before one \x01
        # (line end, delimiter, opening quote), digits 0: a block holds a formula cell or a
        # possible personnummer only if it has \x01\x02, starts with \x02 or has 000000 —
        # a superset of the rows ScannedRows looks at cell by cell.
        table = bytearray(range(256))
        table[1] = table[2] = ord("a")
        for byte in b'\n"' + rows.delimiter.encode():
            table[byte] = 1
        for byte in b"-=+@":
            table[byte] = 2
        for byte in b"0123456789":
            table[byte] = ord("0")
        self.table = bytes(table)

    def scan(self, binary: BinaryIO, start: int) -> None:
        """Check the rows from byte `start` on, handing the rest of the file to the reference
        reader from the first block whose lines may not be one record each."""
        line = 2  # the first line after the header
        for offset, data in byte_blocks(binary, start, None):
            block = data.decode("utf-8")
            if not self._block(data, block, line):
                path = self.rows.path
                with path.open("rb") as rest:
                    rest.seek(offset)
                    text = io.TextIOWrapper(rest, encoding="utf-8", newline="")
                    self._exact(self.rows.records(text, _ends_with_newline(path), line))
                return
            line += block.count("\n")

    def _scan_part(self, binary: BinaryIO, start: int, end: int | None) -> int | None:
        """Check the rows from byte `start` (a line start) up to `end`, numbering the first
        line 2; the next line's number, or None when a block needs the reference reader."""
        line = 2
        for _, data in byte_blocks(binary, start, end):
            block = data.decode("utf-8")
            if not self._block(data, block, line):
                return None
            line += block.count("\n")
        return line

    def scan_in_two(self, binary: BinaryIO, start: int) -> bool:
        """Check a large log in two processes, a half each, on a machine with two cores or
        more; False (and what was found must be dropped) when the log is small, the system
        cannot fork, or a half needs the reference reader."""
        size = os.fstat(binary.fileno()).st_size
        if size - start < _TWO_PROCESS_BYTES or not hasattr(os, "fork") or _cores() < 2:
            return False
        binary.seek((start + size) // 2)
        binary.readline()
        middle = binary.tell()  # a line start
        if middle >= size:
            return False
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: check the second half, send what it found, leave at once
            os.close(reader)
            status = 1
            try:
                with self.rows.path.open("rb") as own:
                    end = self._scan_part(own, middle, None)
                duplicates = self.duplicates
                found = (end, self.rows.problems, duplicates.hashes, duplicates.lines)
                payload = pickle.dumps(found if end is not None else (None, [], None, None))
                with os.fdopen(writer, "wb") as out:
                    out.write(payload)
                status = 0
            finally:
                os._exit(status)
        os.close(writer)
        try:
            line = self._scan_part(binary, start, middle)
        finally:
            with os.fdopen(reader, "rb") as incoming:
                payload = incoming.read()
            _, status = os.waitpid(pid, 0)
        if line is None or status != 0 or not payload:
            return False
        end, problems, hashes, lines = pickle.loads(payload)
        if end is None:
            return False
        shift = line - 2  # the child numbered its first line 2
        self.rows.problems.extend(
            dataclasses.replace(p, line=p.line + shift) if p.line is not None else p
            for p in problems
        )
        self._merge(hashes, array("l", map(shift.__add__, lines)))
        return True

    def _merge(self, hashes: array[int], lines: array[int]) -> None:
        """The other half's row hashes, in line order, after this half's."""
        duplicates = self.duplicates
        duplicates.hashes.extend(hashes)
        duplicates.lines.extend(lines)
        flags = duplicates.flags
        mask = duplicates.mask
        candidates_append = duplicates.candidates.append
        for row_hash, at in zip(hashes, lines, strict=True):
            slot = row_hash & mask
            if flags[slot]:
                candidates_append((row_hash, at))
            else:
                flags[slot] = 1

    def _exact(self, records: Iterator[tuple[int, list[str]]]) -> None:
        rows = self.rows
        feed = _Feed(
            rows.path,
            rows.rel,
            rows.problems,
            rows.columns,
            rows.header,
            rows.delimiter,
        )
        feed.source = records
        feed.duplicates = self.duplicates
        deque(read_activities(feed, self.promise_set, self.today, with_text=False), maxlen=0)

    def _block(self, data: bytes, block: str, line: int) -> bool:
        """Check a block of whole lines starting at `line`; False (nothing done) when a
        line may not be one record."""
        if not block.endswith("\n"):  # the file's last line, torn: the rest of the file
            source = io.StringIO(block, newline="")
            self._exact(self.rows.records(source, block.endswith("\r"), line))
            return True
        if "\x00" in block:
            return False
        if "\r" in block:
            if block.count("\r") != block.count("\r\n"):
                return False
            block = block.replace("\r\n", "\n")
        # Each line with its cells joined by NUL, as ScannedRows joins a row's cells.
        joined = block.replace(self.delimiter, _SEPARATOR).split("\n")
        joined.pop()  # "": the block ends with a line end
        if len(block) > self.limit and max(map(len, joined), default=0) > self.limit:
            return False  # the csv module refuses such a cell; the reference reader says so
        if '"' in block and not self._unquote(joined):
            return False
        translated = data.translate(self.table)
        if (
            b"\x01\x02" in translated
            or translated.startswith(b"\x02")
            or b"000000" in translated
            or not self._valid(joined)
        ):
            self._exact(self.rows.records(io.StringIO(block, newline=""), True, line))
        else:
            self._add(list(map(hash, joined)), line)
        return True

    def _unquote(self, joined: list[str]) -> bool:
        """Replace each line with quotes by its cells (as the csv module reads them) joined
        by NUL; False if a line may not be one record."""
        quoted = list(compress(range(len(joined)), map(contains, joined, repeat('"'))))
        delimiter = self.delimiter
        lines = [joined[i].replace(_SEPARATOR, delimiter) for i in quoted]
        try:
            parsed = list(csv.reader(lines, delimiter=delimiter, strict=True))
        except csv.Error:
            return False
        if len(parsed) != len(quoted):
            return False  # a quoted cell spans lines
        join = _SEPARATOR.join
        for index, row in zip(quoted, parsed, strict=True):
            joined[index] = join(row)
        return True

    def _valid(self, joined: list[str]) -> bool:
        """Whether every row's datum, typ, antal and deltagare are valid (each distinct
        value parsed once, by read_activities's own parsers)."""
        try:
            columns = list(zip(*map(self.cut, joined), strict=True))
        except ValueError:
            return False  # a line with too few cells
        if len(columns) != self.width or _SEPARATOR in "".join(columns[-1]):
            return False  # every line with too few cells, or a line with too many
        for index, good, bad, parse in self.checks:
            column = columns[index]
            if good.issuperset(column):
                continue
            for value in set(column).difference(good, bad):
                (bad if isinstance(parse(value), Problem) else good).add(value)
            if not good.issuperset(column):
                return False
        return True

    def _add(self, hashes: list[int], line: int) -> None:
        """The hashes of a valid block's rows into the duplicate bookkeeping, in line order."""
        duplicates = self.duplicates
        flags = duplicates.flags
        slots = list(map(duplicates.mask.__and__, hashes))
        lines = range(line, line + len(hashes))
        duplicates.hashes.extend(hashes)
        duplicates.lines.extend(lines)
        if len(set(slots)) == len(slots):
            seen = list(map(flags.__getitem__, slots))
            if 1 in seen:
                duplicates.candidates.extend(compress(zip(hashes, lines, strict=True), seen))
            deque(map(flags.__setitem__, slots, repeat(1)), maxlen=0)
            return
        for row_hash, slot, at in zip(hashes, slots, lines, strict=True):
            if flags[slot]:
                duplicates.candidates.append((row_hash, at))
            else:
                flags[slot] = 1
