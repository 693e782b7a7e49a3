"""Command line: shell completion of the repo's own words: kommuner, periods, types, deltagare, ids.

Typer calls these with the command's context while the user presses Tab. They read the
promise files (never a log), so they stay fast, and they never raise: any error means no
suggestions, never a traceback in the middle of a command line. Each returns
(word, description) pairs; Typer keeps those that start with what is typed, so a word typed
without å/ä/ö (`skoterstol`) is offered in the folded spelling it will match.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from medborgarlofte.core.model import PromiseSet
    from medborgarlofte.load.repo import Repo

Suggestions = list[tuple[str, str]]


def _never_raises(function: Callable[[typer.Context, str], Suggestions]) -> Any:
    @functools.wraps(function)
    def wrapper(ctx: typer.Context, incomplete: str) -> Suggestions:
        try:
            return function(ctx, incomplete or "")
        except Exception:  # noqa: BLE001 - a completion must never break the shell
            return []

    return wrapper


def _matching(incomplete: str, words: Iterable[tuple[str, str]]) -> Suggestions:
    """The words that start with `incomplete`, as written or, failing that, folded."""
    from medborgarlofte.core.safe_text import has_control, visible
    from medborgarlofte.core.slugs import fold_slug

    typed = fold_slug(incomplete)
    found: Suggestions = []
    seen: set[str] = set()
    for word, raw_help in words:
        # A word from a file that holds a control character is never put on the command
        # line; a description is shown with its control characters made visible.
        if word in seen or has_control(word):
            continue
        help_text = visible(raw_help)
        seen.add(word)
        if word.startswith(incomplete):
            found.append((word, help_text))
        elif fold_slug(word).startswith(typed):
            found.append((incomplete + fold_slug(word)[len(typed) :], help_text))
    return found


def _param(ctx: typer.Context, name: str) -> Any:
    """A parameter's value from this command or any command above it."""
    current: Any = ctx
    while current is not None:
        value = (current.params or {}).get(name)
        if value:
            return value
        current = current.parent
    return None


def _repo(ctx: typer.Context) -> Repo:
    from medborgarlofte.load.repo import Repo, find_root

    return Repo.open(find_root(Path.cwd(), _param(ctx, "katalog")))


def _today() -> date:
    from medborgarlofte.cli.common import today

    return today()


def _sets(ctx: typer.Context) -> list[PromiseSet]:
    """The promise sets the command line points at: the --kommun given, and the PERIOD given
    (file stem or year), else the periods holding --datum or today, else all of them."""
    repo = _repo(ctx)
    refs = repo.refs_for_kommun(_param(ctx, "kommun"))
    sets, _ = repo.load(refs)
    period = _param(ctx, "period")
    if period:
        text = str(period).strip()
        named = [
            s
            for s in sets
            if s.period.name == text
            or (text.isdigit() and s.period.start.year <= int(text) <= s.period.end.year)
        ]
        if named:
            return named
    datum = _param(ctx, "datum")
    try:
        day = date.fromisoformat(str(datum).strip()) if datum else _today()
    except ValueError:
        day = _today()
    holding = [s for s in sets if s.period.contains(day)]
    return holding or sets


@_never_raises
def kommuner(ctx: typer.Context, incomplete: str) -> Suggestions:
    """--kommun: the kommun folders, or the one kommun of a single-kommun repo."""
    repo = _repo(ctx)
    folders = sorted({r.kommun_key for r in repo.refs if r.kommun_key})
    if folders:
        return _matching(incomplete, ((f, "") for f in folders))
    sets, _ = repo.load()
    return _matching(incomplete, ((s.kommun, "") for s in sets))


@_never_raises
def periods(ctx: typer.Context, incomplete: str) -> Suggestions:
    """PERIOD: the promise files' stems, of the --kommun given."""
    repo = _repo(ctx)
    refs = repo.refs_for_kommun(_param(ctx, "kommun"))
    names = sorted({r.name for r in refs})
    return _matching(incomplete, ((n, "") for n in names))


@_never_raises
def activity_types(ctx: typer.Context, incomplete: str) -> Suggestions:
    """--typ: the activity types declared for the period of --datum (or today)."""
    words = []
    for promise_set in _sets(ctx):
        for folded, description in promise_set.activity_types.items():
            words.append((promise_set.type_names.get(folded, folded), description))
    return _matching(incomplete, words)


@_never_raises
def participants(ctx: typer.Context, incomplete: str) -> Suggestions:
    """--deltagare: the known participants; after a comma, the next one of a list."""
    head, _, last = incomplete.rpartition(",")
    prefix = head + "," if head else ""
    chosen = {part.strip() for part in head.split(",")} if head else set()
    words = [
        (slug, description)
        for promise_set in _sets(ctx)
        for slug, description in promise_set.participants.items()
        if slug not in chosen
    ]
    return [(prefix + word, text) for word, text in _matching(last, words)]


@_never_raises
def tags(ctx: typer.Context, incomplete: str) -> Suggestions:
    """--tagg: the tags the period's targets count with (tags need no declaration)."""
    words = [
        (tag, f"räknas för {p.id}") for s in _sets(ctx) for p in s.promises for tag in p.target.tags
    ]
    return _matching(incomplete, words)


@_never_raises
def promise_ids(ctx: typer.Context, incomplete: str) -> Suggestions:
    """ID: the promise ids of the PERIOD given (or of the period holding --datum or today)."""
    words = [(p.id, p.text) for s in _sets(ctx) for p in s.promises]
    return _matching(incomplete, words)


@_never_raises
def indicator_ids(ctx: typer.Context, incomplete: str) -> Suggestions:
    """ID: the indicator ids of the PERIOD given (or of the period holding --datum or today)."""
    words = [(i.id, i.name) for s in _sets(ctx) for i in s.indicators]
    return _matching(incomplete, words)


@_never_raises
def promise_and_indicator_ids(ctx: typer.Context, incomplete: str) -> Suggestions:
    """ID for `status PERIOD ID`: a promise's id or an indicator's."""
    sets = _sets(ctx)
    words = [(p.id, p.text) for s in sets for p in s.promises]
    words += [(i.id, i.name) for s in sets for i in s.indicators]
    return _matching(incomplete, words)
