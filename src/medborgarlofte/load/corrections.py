"""Loading: the corrections beside a log (`logs/<stem>.rattelser.csv`): struck and erased rows.

The log itself is never edited to correct it (docs/garantier.md, Rättelser; the file's
columns: docs/format.md §4). A correction is a row of its own
in a side file, so every reader of the log keeps reading the log as it is, and the side file
is append-only like the log (`check --sedan` compares it too). Columns:
`åtgärd,rad,ny_rad,skäl,registrerad_av,registrerad`; `åtgärd` is `stryk` (the row counts for
nothing), `rätta` (struck and replaced by the row `ny_rad`, appended to the log), `radera`
(the row's free-text cells were replaced by `[raderad]`), `ångra` (a strike or correction of
`rad` is taken back: the row counts again, and the corrected copy `ny_rad` it had is struck),
`stryk-mätning` or `stryk-kommentar` (a row of the period's measurements or comments is
struck: it is shown nowhere any more). Records are read in file order, so a row struck,
taken back and struck again is struck (docs/garantier.md).

A row is named by a *reference* that survives a `merge=union` merge, where a line number does
not (the merge puts one branch's new rows after the other's): a short hash of the cells an
erasure keeps (datum, typ, antal, deltagare, registrerad_av, registrerad), so erasing a row's
text never changes its reference and the reference never carries a hash of personal data.
Rows with equal kept cells are told apart by their order: `a1b2c3d4e5`, `a1b2c3d4e5-2`, ….
Every row the tool writes has its own `registrerad` timestamp, so equal kept cells only
happen for hand-written rows. A measurement's reference hashes its `datum, indikator, värde,
registrerad_av, registrerad`, a comment's its `datum, löfte, registrerad_av, registrerad`
(never its text).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Final

from medborgarlofte.core.frozen import frozen, mutable
from medborgarlofte.core.model import PromiseSet
from medborgarlofte.core.problems import Problem, Severity, problem
from medborgarlofte.core.slugs import fold_slug, split_list
from medborgarlofte.load.log_file import LogRows
from medborgarlofte.load.repo import outside_repo
from medborgarlofte.load.side_files import CORRECTIONS_SUFFIX, beside_log

CORRECTIONS_HEADER: Final = ("åtgärd", "rad", "ny_rad", "skäl", "registrerad_av", "registrerad")
# The cells that make a row's reference: the ones an erasure keeps.
KEY_COLUMNS: Final = ("datum", "typ", "antal", "deltagare", "registrerad_av", "registrerad")
# The cells `log radera` replaces (taggar keeps the tags a target names: they are counts).
FREE_TEXT_COLUMNS: Final = ("plats", "beskrivning", "taggar")
TAGS_COLUMN: Final = "taggar"
ERASED: Final = "[raderad]"

_REFERENCE = re.compile(r"^[0-9a-f]{10}(-[1-9][0-9]*)?$")
_HASH_LENGTH = 10


# A measurement's and a comment's reference (their files: load/measurements.py, comments.py).
MEASUREMENT_KEY: Final[tuple[str, ...]] = (
    "datum",
    "indikator",
    "värde",
    "registrerad_av",
    "registrerad",
)
COMMENT_KEY: Final[tuple[str, ...]] = ("datum", "löfte", "registrerad_av", "registrerad")


class Action(StrEnum):
    STRIKE = "stryk"
    CORRECT = "rätta"
    ERASE = "radera"
    UNDO = "ångra"
    STRIKE_MEASUREMENT = "stryk-mätning"
    STRIKE_COMMENT = "stryk-kommentar"


class Kind(StrEnum):
    """What a strike names: a row of the log, a measurement or a comment."""

    LOG = "log"
    MEASUREMENT = "measurement"
    COMMENT = "comment"


_KIND_OF: Final = {
    Action.STRIKE: Kind.LOG,
    Action.CORRECT: Kind.LOG,
    Action.UNDO: Kind.LOG,  # an undo that strikes a corrected copy strikes a log row
    Action.STRIKE_MEASUREMENT: Kind.MEASUREMENT,
    Action.STRIKE_COMMENT: Kind.COMMENT,
}


def corrections_rel(log_rel: str) -> str:
    """The side file of a log, repo-relative: `logs/2019.csv` -> `logs/2019.rattelser.csv`."""
    return beside_log(log_rel, CORRECTIONS_SUFFIX)


def key_hash(cells: Sequence[str]) -> str:
    """The hash part of a reference, from the KEY_COLUMNS cells in that order."""
    joined = "\x1f".join(c.strip() for c in cells)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:_HASH_LENGTH]


def reference(hashed: str, occurrence: int) -> str:
    return hashed if occurrence == 1 else f"{hashed}-{occurrence}"


@frozen
class RefRow:
    """One log row as the corrections see it: its line, reference and cells by name."""

    line: int
    ref: str
    hashed: str
    cells: dict[str, str]


def referenced_rows(rows: LogRows) -> Iterator[RefRow]:
    """Every row of a log (valid or not, as `LogRows` yields them) with its reference."""
    from medborgarlofte.load.log_file import KNOWN_COLUMNS

    seen: Counter[str] = Counter()
    for line, row in rows:
        cells = {
            name: row[i] if (i := rows.columns.get(name)) is not None and i < len(row) else ""
            for name in KNOWN_COLUMNS
        }
        hashed = key_hash([cells[name] for name in KEY_COLUMNS])
        seen[hashed] += 1
        yield RefRow(line, reference(hashed, seen[hashed]), hashed, cells)


def side_references(rows: LogRows, key: Sequence[str]) -> Iterator[tuple[int, str, list[str]]]:
    """Every row of a measurement or comment file (valid or not) as (line, reference, cells)."""
    seen: Counter[str] = Counter()
    indices: list[int | None] | None = None
    for line, row in rows:
        if indices is None:
            indices = [rows.columns.get(name) for name in key]
        width = len(row)
        hashed = key_hash([row[i] if i is not None and i < width else "" for i in indices])
        seen[hashed] += 1
        yield line, reference(hashed, seen[hashed]), row


@frozen
class Correction:
    line: int  # in the corrections file
    action: Action
    ref: str
    new_ref: str
    reason: str
    registered_by: str
    registered: str


@mutable
class Corrections:
    """The valid records of one corrections file, and the problems of the others."""

    rel: str
    records: list[Correction] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def active(self) -> dict[tuple[Kind, str], Correction]:
        """What is struck now, by (kind, reference): the records read in file order, a strike
        kept until an `ångra` takes it back. An `ångra` of a correction strikes the corrected
        copy in its turn (that record is then the copy's strike). A second strike of a row
        already struck changes nothing (two branches may strike the same row)."""
        return self._replay([])

    def undo_problems(self) -> list[Problem]:
        """`ångra` records that take back nothing: no strike of their row came before them
        (E120), or the corrected copy they name is not the correction's (E121). An undo of a
        strike already taken back is no problem: two branches may take back the same one.
        A strike of a row already struck changes nothing and is said so (W007)."""
        found: list[Problem] = []
        self._replay(found)
        return found

    def _replay(self, problems: list[Problem]) -> dict[tuple[Kind, str], Correction]:
        found: dict[tuple[Kind, str], Correction] = {}
        ever: set[str] = set()
        for record in self.records:
            if record.action is Action.ERASE:
                continue
            if record.action is not Action.UNDO:
                ever.add(record.ref)
                key = (_KIND_OF[record.action], record.ref)
                first = found.setdefault(key, record)
                if first is not record and record.action is not Action.CORRECT:
                    problems.append(problem("W007", self.rel, record.line, first_line=first.line))
                continue
            undone = next((k for k in Kind if (k, record.ref) in found), None)
            if undone is None:
                if record.ref not in ever:
                    problems.append(problem("E120", self.rel, record.line, ref=record.ref))
                continue
            taken = found.pop((undone, record.ref))
            if taken.action is not Action.CORRECT:
                continue
            if record.new_ref != taken.new_ref:
                problems.append(
                    problem("E121", self.rel, record.line, got=record.new_ref, ref=taken.new_ref)
                )
            if taken.new_ref:
                found.setdefault((Kind.LOG, taken.new_ref), record)
        return found

    def struck(self, kind: Kind = Kind.LOG) -> dict[str, Correction]:
        """Struck rows of one kind by reference, with the record that strikes each."""
        return {ref: record for (k, ref), record in self.active().items() if k is kind}

    def erased(self) -> dict[str, Correction]:
        found: dict[str, Correction] = {}
        for record in self.records:
            if record.action is Action.ERASE:
                found.setdefault(record.ref, record)
        return found


def read_corrections(root: Path, log_rel: str) -> Corrections:
    """The corrections of the log `log_rel` (none when the side file does not exist)."""
    rel = corrections_rel(log_rel)
    found = Corrections(rel)
    path = root / rel
    refused = outside_repo(root, rel)
    if refused is not None:
        found.problems.append(refused)
        return found
    if not path.exists():
        return found
    rows = LogRows(path, rel, required=("åtgärd", "rad", "skäl"))
    for line, row in rows:
        cells = {
            name: row[i].strip()
            if (i := rows.columns.get(name)) is not None and i < len(row)
            else ""
            for name in CORRECTIONS_HEADER
        }
        record_problems = _record_problems(rel, line, cells)
        found.problems.extend(record_problems)
        if record_problems:
            continue
        found.records.append(
            Correction(
                line,
                _ACTIONS[fold_slug(cells["åtgärd"])],
                cells["rad"],
                cells["ny_rad"],
                cells["skäl"],
                cells["registrerad_av"],
                cells["registrerad"],
            )
        )
    found.problems.extend(rows.problems)
    return found


def struck_side_rows(
    root: Path, promise_set: PromiseSet, kind: Kind, rows: LogRows, *, strict: bool = False
) -> dict[int, Correction]:
    """The struck rows of the period's measurements or comments file (`rows`, of `kind`),
    line -> the record that struck it: a struck row is shown nowhere. `strict`: a command
    that judges, for which an unreadable corrections file is refused."""
    if strict:
        from medborgarlofte.load.struck import readable_corrections

        corrections = readable_corrections(root, promise_set)
    else:
        corrections = read_corrections(root, promise_set.log_path)
    struck = corrections.struck(kind)
    if not struck or not rows.path.is_file():
        return {}
    key = MEASUREMENT_KEY if kind is Kind.MEASUREMENT else COMMENT_KEY
    return {line: struck[ref] for line, ref, _ in side_references(rows, key) if ref in struck}


def without_struck_errors(problems: list[Problem], struck: dict[int, Correction]) -> list[Problem]:
    """Problems without the errors of struck rows: what was wrong with a struck row no longer
    matters. Warnings stay (a personnummer in a struck row is still in the file)."""
    return [p for p in problems if not (p.line in struck and p.severity is Severity.ERROR)]


_ACTIONS = {fold_slug(a.value): a for a in Action}


def _record_problems(rel: str, line: int, cells: dict[str, str]) -> list[Problem]:
    found: list[Problem] = []
    action = _ACTIONS.get(fold_slug(cells["åtgärd"]))
    if action is None:
        known = ", ".join(a.value for a in Action)
        found.append(problem("E070", rel, line, got=cells["åtgärd"], known=known))
    if not _REFERENCE.match(cells["rad"]):
        found.append(problem("E071", rel, line, name="rad", got=cells["rad"]))
    new_ref = cells["ny_rad"]
    if (action is Action.CORRECT or (action is Action.UNDO and new_ref)) and not _REFERENCE.match(
        new_ref
    ):
        found.append(problem("E071", rel, line, name="ny_rad", got=new_ref))
    if not cells["skäl"]:
        found.append(problem("E073", rel, line))
    if not _timestamp(cells["registrerad"]):
        found.append(problem("E072", rel, line, got=cells["registrerad"]))
    return found


def _timestamp(text: str) -> bool:
    try:
        return datetime.fromisoformat(text).tzinfo is not None
    except ValueError:
        return False


def erasure_kept_tags(promise_set: PromiseSet) -> frozenset[str]:
    """The tags (folded) an erasure keeps: every tag any target of the period names, since a
    target may count only the rows with one of them."""
    return frozenset(t for p in promise_set.promises for t in p.target.tags)


def kept_tags(cell: str, counted: frozenset[str]) -> list[str]:
    """The tags of a `taggar` cell that an erasure keeps, each as written, in order."""
    return [t for t in split_list(cell) if t != ERASED and fold_slug(t) in counted]


def erased_cells_ok(cells: dict[str, str], promise_set: PromiseSet) -> bool:
    """Whether a row's free-text cells are erased: `[raderad]` or empty, tags a target names."""
    if any(cells[c].strip() not in ("", ERASED) for c in ("plats", "beskrivning")):
        return False
    named = erasure_kept_tags(promise_set)
    return all(t == ERASED or fold_slug(t) in named for t in split_list(cells[TAGS_COLUMN]))


def erase_cells(cells: dict[str, str], promise_set: PromiseSet) -> dict[str, str]:
    """A row's cells with its free text replaced by `[raderad]`; the tags a target names stay,
    so every count stands (a target may count only rows with a given tag)."""
    erased = dict(cells)
    for column in ("plats", "beskrivning"):
        if cells[column].strip():
            erased[column] = ERASED
    tags = split_list(cells[TAGS_COLUMN])
    kept = kept_tags(cells[TAGS_COLUMN], erasure_kept_tags(promise_set))
    if len(kept) < len(tags):
        kept.append(ERASED)
    erased[TAGS_COLUMN] = ";".join(kept)
    return erased
