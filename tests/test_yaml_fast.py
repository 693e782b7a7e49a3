"""Reading a promise file's YAML: the one short cut kept, and the refusals.

`yamlnodes.scalar` returns a plain string's text without PyYAML's constructor; it is
compared with the constructor on generated input. Every text's events are vetted (anchors,
aliases, nesting deeper than MAX_DEPTH) and every tree's tags checked: the tests below
hold the refusals and what must stay only text.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import yaml
from conftest import MINIMAL_PROMISES
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml.events import MappingEndEvent, MappingStartEvent, SequenceEndEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from medborgarlofte.load import yamlnodes
from medborgarlofte.load.promise_file import parse_promise_text

SCALE = float(os.environ.get("LOFTE_PROPERTY_SCALE", "1"))
FAST = settings(max_examples=max(1, int(100 * SCALE)), deadline=None)


def _reference_scalar(node: ScalarNode) -> Any:
    """What PyYAML's own safe constructor makes of a scalar (its text when it raises)."""
    try:
        return yaml.SafeLoader("").construct_object(node, deep=True)
    except (ValueError, OverflowError):
        return node.value


# Plain scalars of every kind the resolver knows, and quoted and block ones.
scalar_words = st.one_of(
    st.sampled_from(
        [
            "ja", "nej", "true", "False", "on", "OFF", "yes", "~", "null", "", "0", "-12",
            "0x1f", "0o17", "1_000", "3.5", "1e3", ".inf", "-.Inf", ".nan", "2019-02-30",
            "2019-03-04", "2019-03-04T10:00:00+01:00", "0000-00-00", "12,5", "1:20",
            "<<", "=", "kontakt", "Östra Norrbotten",
        ]  # fmt: skip
    ),
    st.text(alphabet="ab01-.:_ +eEx", max_size=8),
)


@FAST
@given(word=scalar_words, style=st.sampled_from(["{}", "'{}'", '"{}"', "|\n  {}\n"]))
def test_scalar_agrees_with_the_constructor(word: str, style: str) -> None:
    text = "v: " + style.format(word.replace("'", "''").replace('"', '\\"'))
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return
    node = root.value[0][1]
    if not isinstance(node, ScalarNode) or node.tag not in yamlnodes._STANDARD_TAGS:
        return  # check_tags refuses `<<` and `=` before any scalar is read
    ours, theirs = yamlnodes.scalar(node), _reference_scalar(node)
    assert type(ours) is type(theirs)
    assert ours == theirs or (ours != ours and theirs != theirs)  # .nan is not itself


def test_scalar_forgets_the_nodes_it_built() -> None:
    """The shared constructor keeps no node (nor the file around it) after the call."""
    for text in ("v: 12", "v: 2019-03-04", "v: ja", "v: 2019-02-30"):
        node = yaml.compose(text, Loader=yaml.SafeLoader).value[0][1]
        yamlnodes.scalar(node)
        assert node not in yamlnodes._CONSTRUCTOR.constructed_objects
        assert node not in yamlnodes._CONSTRUCTOR.recursive_objects


# --- skipping the event vetting --------------------------------------------------------


def _tree(node: Node | None) -> Any:
    """Everything a node tree holds, as comparable data."""
    if node is None:
        return None
    marks = (node.start_mark.line, node.start_mark.column, node.end_mark.line)
    marks += (node.end_mark.column,)
    if isinstance(node, MappingNode):
        pairs = [(_tree(key), _tree(value)) for key, value in node.value]
        return ("map", node.tag, marks, node.flow_style, pairs)
    if isinstance(node, SequenceNode):
        return ("seq", node.tag, marks, node.flow_style, [_tree(item) for item in node.value])
    return ("scalar", node.tag, marks, node.style, node.value)


def _depth_reached(text: str) -> int:
    """How deep LibYAML's events nest before the end or the first error."""
    depth = deepest = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, MappingStartEvent | SequenceStartEvent):
                depth += 1
                deepest = max(deepest, depth)
            elif isinstance(event, MappingEndEvent | SequenceEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass
    return deepest


def _promises(kommun: str) -> str:
    return MINIMAL_PROMISES.format(period=2019).replace("Exempelby", kommun)


def test_anchor_and_alias_characters_in_text_are_only_text() -> None:
    for kommun in ('"Polis & kommun *"', "'&a *a'", "Polis & kommun", "a&b*c"):
        text = _promises(kommun)
        loaded, problems = parse_promise_text(text, "p.yaml", "2019", "l.csv")
        assert loaded is not None and loaded.kommun == yaml.safe_load(kommun)
        assert not problems


@pytest.mark.parametrize(
    ("kommun", "line", "column", "detail"),
    [("&a Kalix", 2, 9, "&a"), ("*a", 2, 9, "*a"), ("[&a x, y]", 2, 10, "&a")],
)
def test_anchors_and_aliases_are_still_refused(
    kommun: str, line: int, column: int, detail: str
) -> None:
    _, problems = parse_promise_text(_promises(kommun), "p.yaml", "2019", "l.csv")
    assert [(p.code, p.line, p.column) for p in problems] == [("E014", line, column)]
    assert detail in problems[0].message


def _indentless(levels: int) -> str:
    """`levels` mappings, each holding a sequence at its own indentation: 2 × levels deep,
    in levels + 1 columns."""
    steps = "".join(f"{'  ' * step}- k:\n" for step in range(levels - 1))
    return f"k:\n{steps}{'  ' * (levels - 1)}- x\n"


TOO_DEEP = [
    _indentless(26),  # 52 levels, 27 columns: the block bound must count each column twice
    "k: " + "[a: " * 26 + "x" + "]" * 26 + "\n",  # 52 levels: twice each `[`
    "k: " + "[a: " * 25 + "x" + "]" * 25 + "\n",  # 51 levels, bound 52: `> MAX_DEPTH`
    "k: " + "{a: " * 51 + "x" + "}" * 51 + "\n",
    "- " * 51 + "x\n",  # 51 levels on one line: every indicator's column counts
    "k:\n" + "".join(f"{' ' * n}? x\n{' ' * n}: " for n in range(0, 52, 2)) + "\n",
    "\ufeff" + "- " * 51 + "x\n",  # after a byte order mark LibYAML's columns move
    # 52 levels after another line break than \n: LibYAML reads each, undisturbed
    *["- x" + newline + "- " * 51 + "x\n" for newline in ("\r", "\r\n", "\x85", "\u2028")],
    "- x\u2029" + "- " * 51 + "x\n",
]


@pytest.mark.parametrize("text", TOO_DEEP)
def test_nesting_too_deep_is_still_refused(text: str) -> None:
    """Each of these is refused by the full check; a weaker guard would let it through."""
    with pytest.raises(yaml.YAMLError):
        yamlnodes.compose(text)
    try:
        yaml.compose(text, Loader=yaml.CSafeLoader)  # what skipping the vetting would do
    except yaml.YAMLError:
        return  # LibYAML breaks off before 50 levels (the Python parser says which)
    assert _depth_reached(text) > yamlnodes.MAX_DEPTH


def test_fifty_levels_are_read_as_before() -> None:
    deepest = _indentless(25)
    assert _depth_reached(deepest) == 50
    assert isinstance(yamlnodes.compose(deepest), MappingNode)


@pytest.mark.parametrize(
    ("kommun", "line", "column", "tag"),
    [
        ("<<", 2, 9, "merge"),  # resolved, not written: no `!` in the file
        ("=", 2, 9, "value"),
        ("!!python/object:os.system x", 2, 9, "python/object:os.system"),
        ("!lokal x", 2, 9, "!lokal"),
    ],
)
def test_foreign_tags_are_still_refused(kommun: str, line: int, column: int, tag: str) -> None:
    _, problems = parse_promise_text(_promises(kommun), "p.yaml", "2019", "l.csv")
    assert [(p.code, p.line, p.column) for p in problems] == [("E014", line, column)]
    assert tag in problems[0].message


def test_an_exclamation_mark_in_a_text_is_only_text() -> None:
    loaded, problems = parse_promise_text(_promises("Viktigt!"), "p.yaml", "2019", "l.csv")
    assert loaded is not None and loaded.kommun == "Viktigt!" and not problems
