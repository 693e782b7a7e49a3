"""Core rule: where each kommun and period is published on the site (`lofte webb`), and
which promise files would take each other's place there.

One rule for `lofte check` (E100, before anything is published) and for the site itself
(which refuses rather than rename a page to make room for another): a kommun is published
under the slug of its folder (`promises/kalix/`), or in a repo without kommun folders under
the slug of its `kommun:`; a period under its file's stem. Two kommuner with one slug would
share a folder, so one would replace the other's pages (docs/felkoder.md, E100).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from medborgarlofte.core.frozen import frozen
from medborgarlofte.core.model import Period
from medborgarlofte.core.slugs import fold_slug, path_slug

# Names the site uses itself: a kommun published as `data` would share data/ with the
# open data of every kommun, one as `index` would sit beside index.html.
RESERVED_SLUGS = frozenset({"data", "index"})


class Published(Protocol):
    """What the site needs of a promise file to place it (a PromiseSet or its head)."""

    @property
    def path(self) -> str: ...
    @property
    def kommun(self) -> str: ...
    @property
    def kommun_key(self) -> str | None: ...
    @property
    def period(self) -> Period: ...


def kommun_identity(item: Published) -> tuple[str, str]:
    """Which kommun a promise file belongs to on the site: its folder, or (in a repo without
    kommun folders) its `kommun:` compared folded, so `Kalix` and `kalix` are one kommun."""
    if item.kommun_key is not None:
        return ("folder", item.kommun_key)
    return ("name", fold_slug(item.kommun))


def kommun_slug(item: Published) -> str:
    """The kommun's folder name on the site; empty when its name has no letter or digit."""
    return path_slug(item.kommun_key or item.kommun, "")


def period_slug(item: Published) -> str:
    return path_slug(item.period.name, "")


@frozen
class Clash:
    """Two promise files (`first` sorts before `second`) the site would publish under one
    name: `slug`, the folder or page they would share."""

    first: str
    second: str
    slug: str


def clashes(items: Iterable[Published]) -> list[Clash]:
    """Every pair of promise files that would share a place on the site: two kommuner with
    one slug, two periods of a kommun with one page. Each
    file is named once, at its first clash."""
    found: list[Clash] = []
    by_slug: dict[str, tuple[tuple[str, str], str]] = {}  # slug -> (kommun, its first file)
    pages: dict[tuple[tuple[str, str], str], str] = {}
    for item in sorted(items, key=lambda i: i.path):
        identity = kommun_identity(item)
        slug = kommun_slug(item)
        if unpublishable(item) is not None:
            continue  # the file's own problem (E102)
        earlier = by_slug.setdefault(slug, (identity, item.path))
        if earlier[0] != identity:
            found.append(Clash(earlier[1], item.path, slug))
            continue
        page = f"{slug}/{period_slug(item)}"
        first = pages.setdefault((identity, page), item.path)
        if first != item.path:
            found.append(Clash(first, item.path, page))
    return found


def unpublishable(item: Published) -> str | None:
    """Why the site has no name for this kommun: its name (or folder) has no letter or
    digit, or its slug is one the site uses itself; None when it has one."""
    return slug_refused(kommun_slug(item))


def slug_refused(slug: str) -> str | None:
    if not slug:
        return "empty"
    if slug in RESERVED_SLUGS:
        return "reserved"
    return None
