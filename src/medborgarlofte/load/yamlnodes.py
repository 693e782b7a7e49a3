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


def compose_checked(text: str) -> Node | None:
    """`compose`, then `check_tags`: the node tree of `text`, with only standard tags."""
    root = compose(text)
    if root is not None:
        check_tags(root)
    return root


def compose(text: str) -> Node | None:
    """Parse `text` to a node tree; raises yaml.YAMLError or YamlRefused.

    With LibYAML (PyYAML's C extension) the events are vetted first (`_vet_events`) and
    the tree composed in C, ten times faster than in Python; the refusals and marks are
    the same. (Skipping the vetting for a text that provably needs none, and a resolver
    that answered from memory, saved at most 10 % of a national `oversikt` and nothing of
    `check`: they are gone.)
    """
    if _LIBYAML:
        try:
            _vet_events(text)
            c_loader = yaml.CSafeLoader(text)
            try:
                root: Node | None = c_loader.get_single_node()
            finally:
                c_loader.dispose()
            return root
        except yaml.YAMLError:
            pass  # a broken file: let the Python parser word the error, as it always has
    loader = _StrictLoader(text)
    try:
        return loader.get_single_node()
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
