"""Loading, first step for promise files: safe YAML to nodes that remember their line.

Only plain YAML is accepted: no tags beyond the standard ones (so no Python objects), and
no anchors or aliases (so a small file cannot expand into gigabytes). Line numbers come
from the parser's marks, never from guessing.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.scanner import ScannerError

from medborgarlofte.core import texts

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


_LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))


class YamlRefused(Exception):
    """A structure we refuse on purpose (alias, anchor, foreign tag), with its line."""

    def __init__(self, what: str, detail: str, line: int, column: int):
        super().__init__(detail)
        self.what = what
        self.detail = detail
        self.line = line
        self.column = column


# A promise file nests about six levels. The parser's work per level grows with the depth,
# so `[[[[…` a few hundred deep would cost seconds before Python's recursion limit ends it.
MAX_DEPTH = 50


# An escape the text cannot hold: a UTF-16 surrogate (backslash-u d800 to dfff, also a
# pair, which LibYAML refuses too), so every text read is valid Unicode and can
# be written as UTF-8 (docs/felkoder.md, E001).
_SURROGATE = re.compile(r"[\ud800-\udfff]")
INVALID_ESCAPE = "found invalid Unicode character escape code"


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases while composing, before any expansion,
    structures nested deeper than MAX_DEPTH, and escapes that are no Unicode character."""

    depth = 0

    def scan_flow_scalar_non_spaces(self, double: bool, start_mark: Any) -> list[str]:
        """A quoted scalar's text up to its next space; a surrogate escape (alone or in a
        pair) and one past U+10FFFF (which made `chr` raise a ValueError) are refused as
        LibYAML refuses them, at the escape."""
        try:
            chunks: list[str] = super().scan_flow_scalar_non_spaces(double, start_mark)
        except ValueError:
            chunks = []
            refused = True
        else:
            refused = any(_SURROGATE.search(chunk) for chunk in chunks)
        if refused:
            raise ScannerError(
                "while scanning a double-quoted scalar",
                start_mark,
                INVALID_ESCAPE,
                self.get_mark(),
            )
        return chunks

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        _refuse_references(event)
        mark = event.start_mark
        if self.depth >= MAX_DEPTH:
            problem = f"strukturen är för djupt nästlad (högst {MAX_DEPTH} nivåer)"
            raise ComposerError(None, None, problem, mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def compose_checked(text: str, *, check_always: bool = False) -> Node | None:
    """`compose`, then `check_tags`: the node tree of `text`, with only standard tags.

    A tag other than a resolved one needs a `!` in the text; without one, LibYAML's
    composer asks the resolver for every tag, and `_NotingLoader` notes whether it ever
    answered with one outside the standard (`<<` and `=` resolve to merge and value), so
    the walk over the tree is needed only when one of the two may be so. `check_always`
    walks it every time, the reference for tests.
    """
    root, odd_tags = _compose(text)
    if root is not None and (check_always or odd_tags or "!" in text):
        check_tags(root)
    return root


def compose(text: str, *, vet_always: bool = False) -> Node | None:
    """Parse `text` to a node tree; raises yaml.YAMLError or YamlRefused.

    With LibYAML (PyYAML's C extension) the events are vetted first and the tree composed
    in C, ten times faster than in Python; the refusals and marks are the same. A text that
    cannot hold what the vetting refuses (`needs_vetting`) skips it; `vet_always` vets
    every text, the reference the tests hold the short cut to.
    """
    return _compose(text, vet_always)[0]


def _compose(text: str, vet_always: bool = False) -> tuple[Node | None, bool]:
    """The node tree of `text`, and whether it may hold a tag outside the standard ones
    other than a written one (True unless LibYAML's resolver was watched to give none)."""
    if _LIBYAML:
        try:
            if vet_always or needs_vetting(text):
                _vet_events(text)
            c_loader = _NotingLoader(text)
            try:
                root: Node | None = c_loader.get_single_node()
            finally:
                c_loader.dispose()
            return root, c_loader.odd_tag
        except yaml.YAMLError:
            pass  # a broken file: let the Python parser word the error, as it always has
    loader = _StrictLoader(text)
    try:
        return loader.get_single_node(), True
    finally:
        loader.dispose()


_ADVICE = [
    (re.compile(english), swedish, at_opening) for english, swedish, at_opening in texts.YAML_ADVICE
]


def syntax_advice(error: yaml.YAMLError) -> tuple[int | None, int | None, str]:
    """A YAML syntax error as (line, column, Swedish advice), at the line of the mistake.

    The parser notices some mistakes late: a line without its ':' is reported at the next
    line, an unclosed quote at the end of the file. For those the mistake is where the
    parser began scanning what it could not finish (its context mark).
    """
    problem = str(getattr(error, "problem", None) or error)
    mark = getattr(error, "problem_mark", None)
    opened = getattr(error, "context_mark", None)
    for english, swedish, at_opening in _ADVICE:
        found = english.search(problem)
        if found is None:
            continue
        if at_opening and opened is not None:
            mark = opened
        detail = swedish.format(
            opened=opened.line + 1 if opened is not None else "?", **found.groupdict()
        )
        break
    else:
        detail = texts.YAML_ADVICE_FALLBACK.format(problem=problem)
    if mark is None:
        return None, None, detail
    return mark.line + 1, mark.column + 1, detail


def _refuse_references(event: Any) -> None:
    """Refuse an alias or an anchor, at its line and column."""
    mark = event.start_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    if isinstance(event, AliasEvent):
        raise YamlRefused("alias", f"*{event.anchor}", line, column)
    anchor = getattr(event, "anchor", None)
    if anchor is not None:
        raise YamlRefused("ankare", f"&{anchor}", line, column)


class _NotingLoader(yaml.CSafeLoader if _LIBYAML else yaml.SafeLoader):  # type: ignore[misc]
    """LibYAML's safe loader, whose resolver notes a tag outside the standard ones and
    answers at once for a scalar no implicit resolver can match (most keys and texts), and
    from memory for a plain scalar it has resolved before."""

    odd_tag = False

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            if not implicit[0] or value[:1] not in _RESOLVED_FIRST:
                return _DEFAULT_SCALAR_TAG  # the path of Resolver.resolve for such a scalar
            tag = _PLAIN_TAGS.get(value)
            if tag is None:
                tag = str(super().resolve(kind, value, implicit))
                if len(value) <= 80 and len(_PLAIN_TAGS) < _PLAIN_TAGS_KEPT:
                    _PLAIN_TAGS[value] = tag
        elif kind is SequenceNode:
            tag = _DEFAULT_SEQUENCE_TAG
        elif kind is MappingNode:
            tag = _DEFAULT_MAPPING_TAG
        else:  # pragma: no cover - the composer makes no other kind
            tag = str(super().resolve(kind, value, implicit))
        if tag not in _STANDARD_TAGS:
            self.odd_tag = True
        return tag

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass  # only path resolvers descend, and there are none

    def ascend_resolver(self) -> None:
        pass


# Resolver.resolve tries the implicit resolvers for a plain scalar's first character
# (and the empty one for ''), then the wildcard ones, then path resolvers, then gives the
# kind's default tag. With no wildcard or path resolvers, a plain scalar's tag depends on
# its text alone, a plain scalar starting with any other character and every quoted or
# block one is a string, and a collection has its kind's default tag.
_RESOLVED_FIRST = frozenset(_NotingLoader.yaml_implicit_resolvers)
if None in _RESOLVED_FIRST or _NotingLoader.yaml_path_resolvers:  # pragma: no cover
    raise ImportError("PyYAML resolves in a way yamlnodes does not know")
_DEFAULT_SCALAR_TAG = "tag:yaml.org,2002:str"
_DEFAULT_SEQUENCE_TAG = "tag:yaml.org,2002:seq"
_DEFAULT_MAPPING_TAG = "tag:yaml.org,2002:map"
# Plain scalars' tags by their text (short ones, at most so many): keys and slugs recur
# within a file and from file to file.
_PLAIN_TAGS: dict[str, str] = {}
_PLAIN_TAGS_KEPT = 1 << 14


def needs_vetting(text: str) -> bool:
    """False when `text` provably holds no anchor, no alias and nothing nested deeper than
    MAX_DEPTH, so vetting its events (a third of the cost of reading a promise file) could
    refuse nothing; True otherwise, and for any text this cannot tell.

    Anchors and aliases need a `&` or a `*`. LibYAML skips a byte order mark at the start
    of a line and counts it, or not, as a column, so a text with one is vetted. Nesting is
    bounded by `nesting_bound`.
    """
    if "&" in text or "*" in text or "\ufeff" in text:
        return True
    return nesting_bound(text) > MAX_DEPTH


# What may come first on a line, before any other token: blanks and the indicators `-`,
# `?` and `:`, each followed by a blank (a superset of what LibYAML takes for them).
_CHAIN = r"[ \t]*(?:[-?:](?=[\s\x00]|\Z)[ \t]*)*"
_FIRST_CHAIN = re.compile(_CHAIN)
# LibYAML's line breaks are \r, \n, \r\n, NEL, LS and PS; most files have only \n, found
# twice as fast by a pattern that starts with it.
_CHAIN_AFTER_BREAK = re.compile(r"[\r\n\x85\u2028\u2029]" + _CHAIN)
_CHAIN_AFTER_NEWLINE = re.compile(r"\n" + _CHAIN)
_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


def nesting_bound(text: str) -> int:
    """An upper bound of how deep collections nest in `text`, read from the characters.

    Flow collections: each opens at a `{` or `[`, and a flow sequence may hold one implicit
    single-pair mapping (`[a: b]`) per level, so at most count(`{`) + 2 × count(`[`) are
    open at once, brackets in quotes and comments counted too.

    Block collections: LibYAML opens one (BLOCK-MAPPING-START or BLOCK-SEQUENCE-START) only
    by pushing a new indentation column, greater than every column open; the only other
    block collection is a sequence at the same indentation as the mapping it is the value
    of (at most one per open mapping). So at most 2 × (how many distinct columns can be
    pushed) are open at once. A push is at the column of a token read where a simple key is
    allowed, and in block context that is the first token of a line, or a token after a
    `-`, `?` or `:` indicator that is itself at such a place (after a scalar, a flow
    collection, a tag or a document marker no simple key is allowed before the next line).
    So every pushed column is in `_CHAIN`'s match at a line's start: an indicator's column
    or where the match ends. Columns are counted in characters, as LibYAML counts them.
    """
    first = _FIRST_CHAIN.match(text)  # always a match, perhaps empty
    chains = {first.group() if first else ""}
    other_breaks = any(other in text for other in _OTHER_BREAKS)
    after_break = _CHAIN_AFTER_BREAK if other_breaks else _CHAIN_AFTER_NEWLINE
    chains.update(found[1:] for found in set(after_break.findall(text)))  # less the break
    columns: set[int] = set()
    for chain in chains:
        columns.add(len(chain))
        columns.update(at for at, char in enumerate(chain) if char in "-?:")
    return 2 * len(columns) + text.count("{") + 2 * text.count("[")


def _vet_events(text: str) -> None:
    """Refuse aliases, anchors and too deep nesting from the event stream, before composing."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        _refuse_references(event)
        if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise yaml.YAMLError("för djupt nästlad")  # worded by the Python parser
        elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            depth -= 1


def check_tags(node: Node) -> None:
    """Refuse any non-standard tag, such as !!python/object, anywhere in the tree."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.tag not in _STANDARD_TAGS:
            mark = current.start_mark
            raise YamlRefused("taggar", current.tag, mark.line + 1, mark.column + 1)
        if isinstance(current, MappingNode):
            for key, value in current.value:
                stack.extend((key, value))
        elif isinstance(current, SequenceNode):
            stack.extend(current.value)


_CONSTRUCTOR = yaml.SafeLoader("")
STR_TAG = "tag:yaml.org,2002:str"


# The longest number a promise file needs (`minst: 999999999`, `värde: 1234567,25`), with
# room to spare; a longer one is read as its text and reported where it stands.
MAX_NUMBER_CHARS = 40
_NUMBER_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})


def scalar(node: ScalarNode) -> Any:
    """The Python value of a scalar node (str, int, float, bool, None, date).

    A value that looks like a date but is none (`2019-02-30`, `0000-00-00`) is returned as
    its text, so the caller reports it as a bad date with its line instead of crashing.
    """
    if node.tag == STR_TAG:
        # Nine in ten scalars of a promise file: the constructor would return `node.value`
        # itself (construct_yaml_str), at ten times the cost of its bookkeeping.
        return node.value
    if node.tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER_CHARS:
        # Bounded before it is parsed: `0x` and 5,000 digits made an int that no message
        # could show (Python refuses to write an int past 4,300 digits).
        return node.value
    try:
        value = _CONSTRUCTOR.construct_object(node, deep=True)
    except (ValueError, OverflowError):
        # The constructor marks a node as in progress and would call a second try of the
        # same node recursive; forget that mark.
        _CONSTRUCTOR.recursive_objects.pop(node, None)
        return node.value
    # The constructor remembers every node it built, for anchors we refuse anyway; forget
    # it, or each file's nodes would stay in memory (and in the collector's walks) for good.
    _CONSTRUCTOR.constructed_objects.pop(node, None)
    return value


def line_of(node: Node) -> int:
    return int(node.start_mark.line) + 1


def column_of(node: Node) -> int:
    return int(node.start_mark.column) + 1
