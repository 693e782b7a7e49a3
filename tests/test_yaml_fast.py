"""The short cuts of reading a promise file's YAML agree with the long way round.

`yamlnodes.scalar` returns a plain string's text without PyYAML's constructor; each such
short cut is compared with the reference (PyYAML itself, or the full check) on generated
input, and a test for each guard fails if the guard is weakened.
"""

from __future__ import annotations

import os
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml.nodes import ScalarNode

from medborgarlofte.load import yamlnodes

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
