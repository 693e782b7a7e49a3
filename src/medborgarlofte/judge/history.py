"""Evaluation of history: how a period's promises changed from one committed version to the
next (`lofte historik`, and "Ändringar i löftet" on the follow-up page). Pure: the versions
come from load/git_history, each parsed by the ordinary promise-file loader.

Compared per promise id (folded): the target (minst, per, snitt, typ, deltagare, taggar,
löpande, utom), the text and the rubrik, and promises added or removed. `rubrik` and `utom`
come from the file's plain YAML (load/git_history), so a version written before lofte knew
a key is still compared on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from medborgarlofte.core.model import Promise
from medborgarlofte.core.slugs import fold_slug
from medborgarlofte.core.texts import (
    HISTORY_ADDED,
    HISTORY_FIELD_CHANGED,
    HISTORY_LOWERED,
    HISTORY_NONE,
    HISTORY_REMOVED,
    HISTORY_RUBRIK_CHANGED,
    HISTORY_TEXT_CHANGED,
    HISTORY_YES_NO,
)
from medborgarlofte.load.git_history import CommittedSet, Revision

ADDED, REMOVED, CHANGED = "added", "removed", "changed"


@dataclass(frozen=True, slots=True)
class PromiseVersion:
    """What one committed version says about one promise."""

    promise: Promise
    rubrik: str | None
    exempt: str  # `utom` as written, in words; "" when none


@dataclass(frozen=True, slots=True)
class PeriodVersion:
    revision: Revision
    promises: dict[str, PromiseVersion]  # by folded id


@dataclass(frozen=True, slots=True)
class PromiseChange:
    revision: Revision
    promise_id: str
    kind: str  # added | removed | changed
    details: tuple[str, ...]  # each change in words: "minst 4 → 3 (sänkt)"
    lowered: bool = False  # the target asks for less than before

    def words(self) -> str:
        if self.kind == ADDED:
            return HISTORY_ADDED
        if self.kind == REMOVED:
            return HISTORY_REMOVED
        return "; ".join(self.details)


def period_version(committed: CommittedSet) -> PeriodVersion:
    promises = {}
    for promise in committed.promise_set.promises:
        key = fold_slug(promise.id)
        rubrik, exempt = committed.raw.get(key, (None, ""))
        promises[key] = PromiseVersion(promise, rubrik, exempt)
    return PeriodVersion(committed.revision, promises)


def _words(values: Iterable[str]) -> str:
    listed = ", ".join(values)
    return listed or HISTORY_NONE


def _field(name: str, old: object, new: object) -> str:
    return HISTORY_FIELD_CHANGED.format(field=name, old=old, new=new)


def _differences(old: PromiseVersion, new: PromiseVersion) -> tuple[tuple[str, ...], bool]:
    """The changes from `old` to `new` in words, and whether the target was lowered."""
    before, after = old.promise.target, new.promise.target
    details: list[str] = []
    lowered = False
    if before.minimum != after.minimum:
        lowered = (
            before.minimum is not None
            and after.minimum is not None
            and after.minimum < before.minimum
        )
        shown = _field("minst", before.minimum or HISTORY_NONE, after.minimum or HISTORY_NONE)
        details.append(shown + (HISTORY_LOWERED if lowered else ""))
    if (before.per, before.block) != (after.per, after.block):
        details.append(_field("per", before.per_written, after.per_written))
    if before.average != after.average:
        details.append(
            _field("snitt", HISTORY_YES_NO[before.average], HISTORY_YES_NO[after.average])
        )
    if before.ongoing != after.ongoing:
        details.append(
            _field("löpande", HISTORY_YES_NO[before.ongoing], HISTORY_YES_NO[after.ongoing])
        )
    for name, old_values, new_values in (
        ("typ", before.types, after.types),
        ("deltagare", before.participants, after.participants),
        ("taggar", before.tags, after.tags),
    ):
        if sorted(old_values) != sorted(new_values):
            details.append(_field(name, _words(old_values), _words(new_values)))
    if old.exempt != new.exempt:
        details.append(_field("utom", old.exempt or HISTORY_NONE, new.exempt or HISTORY_NONE))
    if old.promise.text.split() != new.promise.text.split():
        details.append(HISTORY_TEXT_CHANGED)
    if old.rubrik != new.rubrik:
        details.append(
            HISTORY_RUBRIK_CHANGED.format(
                old=f"”{old.rubrik}”" if old.rubrik else HISTORY_NONE,
                new=f"”{new.rubrik}”" if new.rubrik else HISTORY_NONE,
            )
        )
    return tuple(details), lowered


def promise_changes(
    committed: Sequence[CommittedSet], first_as_added: bool = True
) -> list[PromiseChange]:
    """Every change between consecutive committed versions (oldest first), in order. The
    first version's promises count as added unless `first_as_added` is False (the follow-up
    page shows what changed after the promises were first written down)."""
    changes: list[PromiseChange] = []
    previous: dict[str, PromiseVersion] = {}
    for index, version in enumerate(period_version(c) for c in committed):
        current = version.promises
        for key, new in current.items():
            old = previous.get(key)
            if old is None:
                if index == 0 and not first_as_added:
                    continue
                changes.append(PromiseChange(version.revision, new.promise.id, ADDED, ()))
                continue
            details, lowered = _differences(old, new)
            if details:
                changes.append(
                    PromiseChange(version.revision, new.promise.id, CHANGED, details, lowered)
                )
        for key, old in previous.items():
            if key not in current:
                changes.append(PromiseChange(version.revision, old.promise.id, REMOVED, ()))
        previous = current
    return changes


def changes_by_promise(changes: Iterable[PromiseChange]) -> dict[str, list[PromiseChange]]:
    """Per promise id (as its latest change spells it, folded-equal ids together)."""
    grouped: dict[str, list[PromiseChange]] = {}
    for change in changes:
        grouped.setdefault(fold_slug(change.promise_id), []).append(change)
    return grouped
