"""Evaluation of history: how a period's promises changed from one committed version to the
next (`lofte historik`, and "Ändringar i löftet" on the follow-up page). Pure: the versions
come from load/git_history, each parsed by the ordinary promise-file loader.

Compared per promise id (folded): the target (minst, per, snitt, typ, deltagare, taggar,
löpande, utom), the text and the rubrik, and promises added or removed. `rubrik` and `utom`
come from the file's plain YAML (load/git_history), so a version written before lofte knew
a key is still compared on it.

A target is shown lowered however it was lowered: a promise that comes back after it was
removed (or its whole file deleted) is compared with the version it had when last seen, and
a promise whose id changed while its text stayed the same is the same promise renamed
(`id a → b`), compared with what it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from medborgarlofte.core.frozen import frozen
from medborgarlofte.core.model import Promise
from medborgarlofte.core.slugs import fold_slug
from medborgarlofte.core.texts import (
    HISTORY_ADDED,
    HISTORY_FIELD_CHANGED,
    HISTORY_ID_CHANGED,
    HISTORY_LOWERED,
    HISTORY_NONE,
    HISTORY_REMOVED,
    HISTORY_RUBRIK_CHANGED,
    HISTORY_TEXT_CHANGED,
    HISTORY_YES_NO,
)
from medborgarlofte.load.git_history import CommittedSet, Revision

ADDED, REMOVED, CHANGED = "added", "removed", "changed"


@frozen
class PromiseVersion:
    """What one committed version says about one promise."""

    promise: Promise
    rubrik: str | None
    exempt: str  # `utom` as written, in words; "" when none


@frozen
class PeriodVersion:
    revision: Revision
    promises: dict[str, PromiseVersion]  # by folded id


@frozen
class PromiseChange:
    revision: Revision
    promise_id: str
    kind: str  # added | removed | changed
    details: tuple[str, ...]  # each change in words: "minst 4 → 3 (sänkt)"
    lowered: bool = False  # the target asks for less than before
    previous_id: str | None = None  # the id it had before, when this change renamed it

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
    last_seen: dict[str, PromiseVersion] = {}  # every promise ever seen, as it was last
    for index, version in enumerate(period_version(c) for c in committed):
        current = version.promises
        revision = version.revision
        renamed = _renamed(current, previous, last_seen)
        for key, new in current.items():
            old_key = renamed.get(key, key)
            old = previous.get(old_key) if old_key == key else last_seen.get(old_key)
            if old is None:
                old = last_seen.get(key)  # back after it was removed
                if old is None:
                    if index > 0 or first_as_added:
                        changes.append(PromiseChange(revision, new.promise.id, ADDED, ()))
                    continue
            details, lowered = _differences(old, new)
            previous_id = None
            if old_key != key:
                previous_id = old.promise.id
                details = (HISTORY_ID_CHANGED.format(old=previous_id, new=new.promise.id), *details)
            elif key not in previous and not details:
                changes.append(PromiseChange(revision, new.promise.id, ADDED, ()))
                continue
            if details:
                changes.append(
                    PromiseChange(revision, new.promise.id, CHANGED, details, lowered, previous_id)
                )
        gone = set(renamed.values())
        for key, old in previous.items():
            if key not in current and key not in gone:
                changes.append(PromiseChange(revision, old.promise.id, REMOVED, ()))
        for key in gone:
            last_seen.pop(key, None)
        last_seen.update(current)
        previous = current
    return changes


def _renamed(
    current: dict[str, PromiseVersion],
    previous: dict[str, PromiseVersion],
    last_seen: dict[str, PromiseVersion],
) -> dict[str, str]:
    """New key -> old key, for each promise that is new here under an id never seen before
    while a promise gone from here had the very same text: the same promise, renamed. Only
    a match that is one of a kind on both sides is taken."""
    new = {k: v for k, v in current.items() if k not in previous and k not in last_seen}
    gone = {k: v for k, v in last_seen.items() if k not in current}
    if not new or not gone:
        return {}
    by_text: dict[tuple[str, ...], list[str]] = {}
    for key, version in gone.items():
        by_text.setdefault(tuple(version.promise.text.split()), []).append(key)
    found: dict[str, str] = {}
    taken: dict[str, int] = {}
    for key, version in new.items():
        olds = by_text.get(tuple(version.promise.text.split()), [])
        if len(olds) == 1:
            found[key] = olds[0]
            taken[olds[0]] = taken.get(olds[0], 0) + 1
    return {k: v for k, v in found.items() if taken[v] == 1}


def changes_by_promise(changes: Iterable[PromiseChange]) -> dict[str, list[PromiseChange]]:
    """Per promise id (as its latest change spells it, folded-equal ids together); a renamed
    promise's changes from before the rename go with its new id."""
    grouped: dict[str, list[PromiseChange]] = {}
    for change in changes:
        key = fold_slug(change.promise_id)
        if change.previous_id is not None:
            earlier = grouped.pop(fold_slug(change.previous_id), [])
            grouped[key] = earlier + grouped.get(key, [])
        grouped.setdefault(key, []).append(change)
    return grouped
