"""Evaluation, the record as it stands: the log rows `lofte log lista` shows, filtered. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from medborgarlofte.core.frozen import frozen
from medborgarlofte.core.slugs import fold_slug
from medborgarlofte.load.struck import ListedRow, ListedSideRow

DEFAULT_LATEST = 20


@frozen(slots=False)
class ListingFilter:
    activity_type: str | None = None
    registered_by: str | None = None
    start: date | None = None
    end: date | None = None
    latest: int | None = None  # None: DEFAULT_LATEST, unless a date range is given (then all)


@frozen(slots=False)
class Listing:
    log_rel: str
    rows: tuple[ListedRow, ...]  # newest (last in the file) last
    total: int  # rows in the log


def _in_range(cell: str, start: date | None, end: date | None) -> bool:
    if start is None and end is None:
        return True
    try:
        day = date.fromisoformat(cell.strip())
    except ValueError:
        return False
    return (start is None or day >= start) and (end is None or day <= end)


def list_rows(log_rel: str, rows: Sequence[ListedRow], chosen: ListingFilter) -> Listing:
    wanted_type = fold_slug(chosen.activity_type) if chosen.activity_type else None
    wanted_by = fold_slug(chosen.registered_by) if chosen.registered_by else None
    kept = [
        r
        for r in rows
        if (wanted_type is None or fold_slug(r.row.cells["typ"]) == wanted_type)
        and (wanted_by is None or fold_slug(r.row.cells["registrerad_av"]) == wanted_by)
        and _in_range(r.row.cells["datum"], chosen.start, chosen.end)
    ]
    latest = chosen.latest
    if latest is None and chosen.start is None and chosen.end is None:
        latest = DEFAULT_LATEST
    if latest is not None:
        kept = kept[-latest:] if latest > 0 else []
    return Listing(log_rel, tuple(kept), len(rows))


@frozen(slots=False)
class SideListing:
    rel: str
    rows: tuple[ListedSideRow, ...]  # newest (last in the file) last
    total: int


def list_side_rows(rel: str, rows: Sequence[ListedSideRow], chosen: ListingFilter) -> SideListing:
    """Measurements or comments, filtered like the log's rows (by who, date range, latest N)."""
    wanted_by = fold_slug(chosen.registered_by) if chosen.registered_by else None
    kept = [
        r
        for r in rows
        if (wanted_by is None or fold_slug(r.cells.get("registrerad_av", "")) == wanted_by)
        and _in_range(r.cells.get("datum", ""), chosen.start, chosen.end)
    ]
    latest = chosen.latest
    if latest is None and chosen.start is None and chosen.end is None:
        latest = DEFAULT_LATEST
    if latest is not None:
        kept = kept[-latest:] if latest > 0 else []
    return SideListing(rel, tuple(kept), len(rows))
