"""Loading: the corrections beside a log (`logs/<stem>.rattelser.csv`): struck and erased rows.

The log itself is never edited to correct it (CONTRACT §6). A correction is a row of its own
in a side file, so every reader of the log keeps reading the log as it is, and the side file
is append-only like the log (`check --sedan` compares it too). Columns:
`åtgärd,rad,ny_rad,skäl,registrerad_av,registrerad`; `åtgärd` is `stryk` (the row counts for
nothing), `rätta` (struck and replaced by the row `ny_rad`, appended to the log) or `radera`
(the row's free-text cells were replaced by `[raderad]`).

A row is named by a *reference* that survives a `merge=union` merge, where a line number does
not (the merge puts one branch's new rows after the other's): a short hash of the cells an
erasure keeps (datum, typ, antal, deltagare, registrerad_av, registrerad), so erasing a row's
text never changes its reference and the reference never carries a hash of personal data.
Rows with equal kept cells are told apart by their order: `a1b2c3d4e5`, `a1b2c3d4e5-2`, ….
Every row the tool writes has its own `registrerad` timestamp, so equal kept cells only
happen for hand-written rows.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Final

from medborgarlofte.core.model import PromiseSet
from medborgarlofte.core.problems import Problem, problem
from medborgarlofte.core.slugs import fold_slug, split_list
from medborgarlofte.load.log_dialect import CORRECTIONS_SUFFIX, beside_log
from medborgarlofte.load.log_file import LogRows
from medborgarlofte.load.repo import outside_repo

CORRECTIONS_HEADER: Final = ("åtgärd", "rad", "ny_rad", "skäl", "registrerad_av", "registrerad")
# The cells that make a row's reference: the ones an erasure keeps.
KEY_COLUMNS: Final = ("datum", "typ", "antal", "deltagare", "registrerad_av", "registrerad")
# The cells `log radera` replaces (taggar keeps the tags a target names: they are counts).
FREE_TEXT_COLUMNS: Final = ("plats", "beskrivning", "taggar")
ERASED: Final = "[raderad]"

_REFERENCE = re.compile(r"^[0-9a-f]{10}(-[1-9][0-9]*)?$")
_HASH_LENGTH = 10


class Action(StrEnum):
    STRIKE = "stryk"
    CORRECT = "rätta"
    ERASE = "radera"


def corrections_rel(log_rel: str) -> str:
    """The side file of a log, repo-relative: `logs/2019.csv` -> `logs/2019.rattelser.csv`."""
    return beside_log(log_rel, CORRECTIONS_SUFFIX)


def key_hash(cells: Sequence[str]) -> str:
    """The hash part of a reference, from the KEY_COLUMNS cells in that order."""
    joined = "\x1f".join(c.strip() for c in cells)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:_HASH_LENGTH]


def reference(hashed: str, occurrence: int) -> str:
    return hashed if occurrence == 1 else f"{hashed}-{occurrence}"


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Correction:
    line: int  # in the corrections file
    action: Action
    ref: str
    new_ref: str
    reason: str
    registered_by: str
    registered: str


@dataclass
class Corrections:
    """The valid records of one corrections file, and the problems of the others."""

    rel: str
    records: list[Correction] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def struck(self) -> dict[str, Correction]:
        """Struck rows by reference: the first record that strikes each (stryk or rätta)."""
        found: dict[str, Correction] = {}
        for record in self.records:
            if record.action is not Action.ERASE:
                found.setdefault(record.ref, record)
        return found

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


_ACTIONS = {fold_slug(a.value): a for a in Action}


def _record_problems(rel: str, line: int, cells: dict[str, str]) -> list[Problem]:
    found: list[Problem] = []
    action = _ACTIONS.get(fold_slug(cells["åtgärd"]))
    if action is None:
        known = ", ".join(a.value for a in Action)
        found.append(problem("E070", rel, line, got=cells["åtgärd"], known=known))
    if not _REFERENCE.match(cells["rad"]):
        found.append(problem("E071", rel, line, name="rad", got=cells["rad"]))
    if action is Action.CORRECT and not _REFERENCE.match(cells["ny_rad"]):
        found.append(problem("E071", rel, line, name="ny_rad", got=cells["ny_rad"]))
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


def erased_cells_ok(cells: dict[str, str], promise_set: PromiseSet) -> bool:
    """Whether a row's free-text cells are erased: `[raderad]` or empty, tags a target names."""
    if any(cells[c].strip() not in ("", ERASED) for c in ("plats", "beskrivning")):
        return False
    named = {t for p in promise_set.promises for t in p.target.tags}
    return all(t == ERASED or fold_slug(t) in named for t in split_list(cells["taggar"]))


def erase_cells(cells: dict[str, str], promise_set: PromiseSet) -> dict[str, str]:
    """A row's cells with its free text replaced by `[raderad]`; the tags a target names stay,
    so every count stands (a target may count only rows with a given tag)."""
    named = {t for p in promise_set.promises for t in p.target.tags}
    erased = dict(cells)
    for column in ("plats", "beskrivning"):
        if cells[column].strip():
            erased[column] = ERASED
    tags = split_list(cells["taggar"])
    kept = [t for t in tags if fold_slug(t) in named]
    if len(kept) < len(tags):
        kept.append(ERASED)
    erased["taggar"] = ";".join(kept)
    return erased
