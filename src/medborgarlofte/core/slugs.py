"""Core helper: slug folding and did-you-mean suggestions, shared by loading and the CLI."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


@lru_cache(maxsize=1 << 12)  # a national repo's 290 promise files fold the same few slugs
def fold_slug(text: str) -> str:
    """The comparison form of a slug: NFC, case-folded, å/ä/ö folded, outer space trimmed.

    NFC first so that an NFD `ö` from a macOS file folds like a composed one.
    """
    return unicodedata.normalize("NFC", text).strip().casefold().translate(_FOLD)


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest known spelling to `word`, if one is close enough to be a likely typo."""
    choice_list = list(choices)
    by_fold = {fold_slug(c): c for c in choice_list}
    matches = difflib.get_close_matches(fold_slug(word), list(by_fold), n=1, cutoff=0.6)
    return by_fold[matches[0]] if matches else None


def split_list(cell: str) -> tuple[str, ...]:
    """A `;`-separated list cell (deltagare, taggar) as its non-empty, trimmed items."""
    if not cell:
        return ()
    return tuple(item.strip() for item in cell.split(";") if item.strip())


def path_slug(text: str, fallback: str) -> str:
    """A folder or file name made from `text` that is safe anywhere in a URL or a path: only
    a-z, 0-9 and single '-' (å/ä/ö folded, other accents dropped, `..` and `/` gone);
    `fallback` when nothing is left."""
    folded = unicodedata.normalize("NFKD", fold_slug(text))
    out: list[str] = []
    for char in folded:
        if char.isascii() and char.isalnum():
            out.append(char)
        elif not unicodedata.combining(char) and out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-") or fallback
