"""The node walk's short cuts in promise_file agree with the code they replaced.

`_text` returns a string scalar's text directly, and `_mapping` keeps each key's node
(its line is read only for E063) with its folded keys made once per tuple of keys. Both
are compared with the reference (the code as it was) on generated mappings and scalars:
same values, same problems (codes, lines, columns, messages).
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, ScalarNode

from medborgarlofte.core import texts
from medborgarlofte.core.problems import did_you_mean
from medborgarlofte.core.slugs import fold_slug, suggest
from medborgarlofte.load import promise_file, yamlnodes
from medborgarlofte.load.yamlnodes import line_of, scalar

SCALE = float(os.environ.get("LOFTE_PROPERTY_SCALE", "1"))
FAST = settings(max_examples=max(1, int(200 * SCALE)), deadline=None)


def reference_mapping(
    ctx: Any, node: Node, keys: tuple[str, ...], where: str, required: tuple[str, ...]
) -> dict[str, Node] | None:
    """promise_file._mapping as it was."""
    if not isinstance(node, MappingNode):
        ctx.add("E006", node, key=where, expected="en mappning", got=promise_file._describe(node))
        return None
    by_fold = {fold_slug(k): k for k in keys}
    found: dict[str, Node] = {}
    spelled: dict[str, str] = {}
    key_lines: dict[str, int] = {}
    doubled = False
    for key_node, value_node in node.value:
        raw = scalar(key_node) if isinstance(key_node, ScalarNode) else None
        if not isinstance(raw, str):
            ctx.add("E003", key_node, key=str(raw), where=where)
            continue
        canonical = by_fold.get(fold_slug(raw))
        if canonical is None:
            ctx.add("E003", key_node, key=raw, where=where, hint=did_you_mean(suggest(raw, keys)))
            continue
        if canonical in found and raw != spelled[canonical]:
            ctx.add("E004", key_node, key=canonical, first=spelled[canonical], second=raw)
            continue
        if canonical in found:
            hint = promise_file._DOUBLED_KEY_HINTS.get(where, texts.E063_HINT_OTHER)
            if not (doubled and where in promise_file._DOUBLED_KEY_HINTS):
                ctx.add("E063", key_node, key=raw, first_line=key_lines[canonical], hint=hint)
            doubled = True
            continue
        found[canonical] = value_node
        spelled[canonical] = raw
        key_lines[canonical] = line_of(key_node)
    for key in required:
        if key not in found:
            ctx.add("E005", node, key=key, where=where)
    return found


def reference_text(ctx: Any, node: Node | None, key: str) -> str | None:
    """promise_file._text as it was."""
    if node is None:
        return None
    value = scalar(node) if isinstance(node, ScalarNode) else None
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
        ctx.add("E006", node, key=key, expected="en text", got=promise_file._describe(node))
        return None
    return str(value).strip()


def _run(walk: Any, *args: Any) -> Any:
    ctx = promise_file._Context("p.yaml")
    result = walk(ctx, *args)
    if isinstance(result, dict):
        result = [(key, id(value)) for key, value in result.items()]
    return result, ctx.problems


KEY_WORDS = ["id", "ID", " id", "text", "Text", "mål", "mal", "MÅL", "typ", "tpy", "1", "ja", "~"]
WHERES = ["löftet", "området", "mål", "period"]


@FAST
@given(
    pairs=st.lists(st.tuples(st.sampled_from(KEY_WORDS), st.sampled_from(["x", "[a]", "{b: 1}"]))),
    where=st.sampled_from(WHERES),
    flow=st.booleans(),
)
def test_mapping_agrees_with_the_reference(
    pairs: list[tuple[str, str]], where: str, flow: bool
) -> None:
    lines = [f"{key!r}: {v}" if key.startswith(" ") else f"{key}: {v}" for key, v in pairs]
    text = "{" + ", ".join(lines) + "}" if flow else "\n".join(lines) or "{}"
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    keys, required = promise_file.PROMISE_KEYS, ("id", "text", "mål")
    ours = _run(promise_file._mapping, node, keys, where, required)
    assert ours == _run(reference_mapping, node, keys, where, required)


SCALARS = ["x", " text ", "ja", "true", "12", "1.5", "~", "", "2019-03-04", "'quoted'", "[a]", "{}"]


@FAST
@given(value=st.sampled_from(SCALARS) | st.text(max_size=6), style=st.sampled_from(["", "'"]))
def test_text_agrees_with_the_reference(value: str, style: str) -> None:
    quoted = style + value.replace("'", "''") + style if style else value
    try:
        node = yaml.compose(f"v: {quoted}", Loader=yaml.SafeLoader).value[0][1]
    except yaml.YAMLError:
        return
    if node.tag not in yamlnodes._STANDARD_TAGS:
        return  # `=` or `<<`: refused (check_tags) before the walk ever sees the node
    assert _run(promise_file._text, node, "v") == _run(reference_text, node, "v")


def test_text_of_a_value_tag_is_never_walked() -> None:
    """The one scalar the walk could not read, `=` (YAML's value tag), is refused first."""
    with pytest.raises(yamlnodes.YamlRefused):
        yamlnodes.compose_checked("v: =\n")
