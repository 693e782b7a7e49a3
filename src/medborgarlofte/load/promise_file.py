"""Loading: a promise file (YAML) to a PromiseSet, collecting every problem with its line.

Nothing here raises for a user's mistake: each problem becomes a `Problem` and loading goes
on, so `lofte check` can report every mistake in one run.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from medborgarlofte.core.model import (
    BUILTIN_PARTICIPANTS,
    PERIOD_YEARS,
    UNITS,
    Area,
    Period,
    Promise,
    PromiseSet,
    Target,
    Unit,
)
from medborgarlofte.core.problems import Problem, did_you_mean, problem
from medborgarlofte.core.slugs import fold_slug, suggest
from medborgarlofte.load.textfiles import MAX_PROMISE_FILE_BYTES, read_text_file
from medborgarlofte.load.yamlnodes import (
    YamlRefused,
    check_tags,
    column_of,
    compose,
    line_of,
    scalar,
)

# canonical key -> description of where it lives, per mapping kind
TOP_KEYS = (
    "kommun",
    "lokalpolisområde",
    "period",
    "undertecknat",
    "undertecknare",
    "källa",
    "aktivitetstyper",
    "deltagare",
    "områden",
)
AREA_KEYS = ("namn", "ansvar", "löften")
PROMISE_KEYS = ("id", "text", "ansvar", "mål")
TARGET_KEYS = ("typ", "minst", "per", "snitt", "deltagare", "taggar", "löpande")
PERIOD_KEYS = ("från", "till")
RESPONSIBLE = tuple(BUILTIN_PARTICIPANTS)  # who can answer for an area: the two parties

_SLUG_BAD = re.compile(r"[\s;,]")


@dataclass
class _Context:
    path: str
    problems: list[Problem] = field(default_factory=list)

    def add(self, code: str, node: Node | None, **fields: Any) -> None:
        line = line_of(node) if node is not None else None
        column = column_of(node) if node is not None else None
        self.problems.append(problem(code, self.path, line, column, **fields))


def _describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "en mappning"
    if isinstance(node, SequenceNode):
        return "en lista"
    value = scalar(node) if isinstance(node, ScalarNode) else None
    if value is None:
        return "tomt"
    return f"'{value}'"


def _mapping(
    ctx: _Context, node: Node, keys: tuple[str, ...], where: str, required: tuple[str, ...]
) -> dict[str, Node] | None:
    """The mapping's values by canonical key; unknown, doubled and missing keys reported."""
    if not isinstance(node, MappingNode):
        ctx.add("E006", node, key=where, expected="en mappning", got=_describe(node))
        return None
    by_fold = {fold_slug(k): k for k in keys}
    found: dict[str, Node] = {}
    spelled: dict[str, str] = {}
    for key_node, value_node in node.value:
        raw = scalar(key_node) if isinstance(key_node, ScalarNode) else None
        if not isinstance(raw, str):
            ctx.add("E003", key_node, key=str(raw), where=where)
            continue
        canonical = by_fold.get(fold_slug(raw))
        if canonical is None:
            ctx.add("E003", key_node, key=raw, where=where, hint=did_you_mean(suggest(raw, keys)))
            continue
        if canonical in found:
            ctx.add("E004", key_node, key=canonical, first=spelled[canonical], second=raw)
            continue
        found[canonical] = value_node
        spelled[canonical] = raw
    for key in required:
        if key not in found:
            ctx.add("E005", node, key=key, where=where)
    return found


def _text(ctx: _Context, node: Node | None, key: str) -> str | None:
    if node is None:
        return None
    value = scalar(node) if isinstance(node, ScalarNode) else None
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
        ctx.add("E006", node, key=key, expected="en text", got=_describe(node))
        return None
    return str(value).strip()


def _text_list(ctx: _Context, node: Node | None, key: str) -> list[tuple[str, Node]]:
    """A list of texts; a single text is taken as a list of one."""
    if node is None:
        return []
    items = node.value if isinstance(node, SequenceNode) else [node]
    result = []
    for item in items:
        text = _text(ctx, item, key)
        if text is not None:
            result.append((text, item))
    return result


def _bool(ctx: _Context, node: Node | None, key: str) -> bool:
    if node is None:
        return False
    value = scalar(node) if isinstance(node, ScalarNode) else None
    if not isinstance(value, bool):
        ctx.add("E006", node, key=key, expected="true eller false", got=_describe(node))
        return False
    return value


def _date(ctx: _Context, node: Node | None, key: str) -> dt.date | None:
    if node is None:
        return None
    value = scalar(node) if isinstance(node, ScalarNode) else None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    ctx.add("E018", node, got=value if value is not None else _describe(node), key=key)
    return None


def _period(ctx: _Context, node: Node, name: str) -> Period | None:
    if isinstance(node, MappingNode):
        keys = _mapping(ctx, node, PERIOD_KEYS, "period", PERIOD_KEYS)
        if keys is None:
            return None
        start = _date(ctx, keys.get("från"), "från")
        end = _date(ctx, keys.get("till"), "till")
        if start is None or end is None:
            return None
    else:
        value = scalar(node) if isinstance(node, ScalarNode) else None
        match = PERIOD_YEARS.match(str(value)) if isinstance(value, (int, str)) else None
        if match is None or isinstance(value, bool):
            ctx.add(
                "E007",
                node,
                detail=f"{_describe(node)}; skriv ett år (2019), två år (2020-2021) "
                "eller {från: ÅÅÅÅ-MM-DD, till: ÅÅÅÅ-MM-DD}",
            )
            return None
        first = int(match.group(1))
        last = int(match.group(2) or first)
        start, end = dt.date(first, 1, 1), dt.date(last, 12, 31)
    if end < start:
        ctx.add("E007", node, detail=f"slutet {end} ligger före början {start}")
        return None
    return Period(name, start, end)


def _vocabulary(
    ctx: _Context, node: Node | None, key: str
) -> tuple[dict[str, str], dict[str, str]]:
    """A slug -> description mapping as (folded -> description, folded -> as written)."""
    descriptions: dict[str, str] = {}
    names: dict[str, str] = {}
    if node is None:
        return descriptions, names
    if not isinstance(node, MappingNode):
        ctx.add(
            "E006", node, key=key, expected="en mappning slug: beskrivning", got=_describe(node)
        )
        return descriptions, names
    for key_node, value_node in node.value:
        slug = scalar(key_node) if isinstance(key_node, ScalarNode) else None
        if not isinstance(slug, str) or not slug.strip() or _SLUG_BAD.search(slug.strip()):
            ctx.add(
                "E017", key_node, slug=slug, detail="skriv ett ord utan mellanslag, ',' och ';'"
            )
            continue
        folded = fold_slug(slug)
        if folded in descriptions:
            ctx.add("E017", key_node, slug=slug, detail=f"finns redan som '{names[folded]}'")
            continue
        description = scalar(value_node) if isinstance(value_node, ScalarNode) else None
        descriptions[folded] = "" if description is None else str(description).strip()
        names[folded] = slug.strip()
    return descriptions, names


def _responsible(ctx: _Context, node: Node | None, default: tuple[str, ...]) -> tuple[str, ...]:
    if node is None:
        return default
    result = []
    for text, item in _text_list(ctx, node, "ansvar"):
        folded = fold_slug(text)
        if folded not in RESPONSIBLE:
            ctx.add("E006", item, key="ansvar", expected="polis eller kommun", got=f"'{text}'")
            continue
        result.append(folded)
    return tuple(result)


def _slugs(
    ctx: _Context, node: Node | None, key: str, known: dict[str, str], code: str
) -> tuple[str, ...]:
    result = []
    for text, item in _text_list(ctx, node, key):
        folded = fold_slug(text)
        if known is not None and folded not in known:
            ctx.add(code, item, slug=text, hint=did_you_mean(suggest(text, known)))
        result.append(folded)
    return tuple(result)


def _target(
    ctx: _Context, node: Node, types: dict[str, str], participants: dict[str, str]
) -> Target | None:
    keys = _mapping(ctx, node, TARGET_KEYS, "mål", ("typ",))
    if keys is None:
        return None
    target_types = _slugs(ctx, keys.get("typ"), "typ", types, "E009")
    target_participants = _slugs(ctx, keys.get("deltagare"), "deltagare", participants, "E010")
    tags = tuple(fold_slug(t) for t, _ in _text_list(ctx, keys.get("taggar"), "taggar"))
    ongoing = _bool(ctx, keys.get("löpande"), "löpande")
    average = _bool(ctx, keys.get("snitt"), "snitt")
    per = Unit.PERIOD
    if "per" in keys:
        raw = _text(ctx, keys["per"], "per")
        folded_units = {fold_slug(u): u for u in UNITS}
        if raw is not None and fold_slug(raw) in folded_units:
            per = folded_units[fold_slug(raw)]
        elif raw is not None:
            ctx.add("E012", keys["per"], got=raw, allowed=", ".join(UNITS))
    minimum: int | None = None
    if "minst" in keys:
        value = scalar(keys["minst"]) if isinstance(keys["minst"], ScalarNode) else None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            ctx.add("E011", keys["minst"], got=_describe(keys["minst"]))
        else:
            minimum = value
        if ongoing:
            ctx.add("E015", keys["minst"])
    elif not ongoing:
        ctx.add("E016", node)
    if not ongoing and minimum is None:
        return None
    return Target(
        types=target_types,
        minimum=None if ongoing else minimum,
        per=per,
        average=average,
        participants=target_participants,
        tags=tags,
        ongoing=ongoing,
    )


def parse_promise_text(
    text: str, path: str, name: str, log_path: str, kommun_key: str | None = None
) -> tuple[PromiseSet | None, list[Problem]]:
    """A promise file's text to its PromiseSet (None when unusable) and every problem found."""
    ctx = _Context(path)
    try:
        root = compose(text)
        if root is not None:
            check_tags(root)
    except YamlRefused as refused:
        ctx.problems.append(
            problem(
                "E014", path, refused.line, refused.column, what=refused.what, detail=refused.detail
            )
        )
        return None, ctx.problems
    except RecursionError:
        # The parser recurses once per nesting level: `[[[[…` a few thousand deep would
        # otherwise end in a traceback. No real promise file nests more than a handful.
        detail = "strukturen är för djupt nästlad"
        ctx.problems.append(problem("E001", path, None, None, detail=detail))
        return None, ctx.problems
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        detail = getattr(error, "problem", None) or str(error)
        ctx.problems.append(problem("E001", path, line, column, detail=detail))
        return None, ctx.problems
    if root is None:
        ctx.problems.append(problem("E002", path, 1, detail="filen är tom"))
        return None, ctx.problems
    top = _mapping(
        ctx, root, TOP_KEYS, "löftesfilen", ("kommun", "period", "aktivitetstyper", "områden")
    )
    if top is None:
        return None, ctx.problems
    kommun = _text(ctx, top.get("kommun"), "kommun")
    police_area = _text(ctx, top.get("lokalpolisområde"), "lokalpolisområde") or ""
    period = _period(ctx, top["period"], name) if "period" in top else None
    signed = _date(ctx, top.get("undertecknat"), "undertecknat")
    signatories = tuple(t for t, _ in _text_list(ctx, top.get("undertecknare"), "undertecknare"))
    source = _text(ctx, top.get("källa"), "källa")
    types, type_names = _vocabulary(ctx, top.get("aktivitetstyper"), "aktivitetstyper")
    declared, _ = _vocabulary(ctx, top.get("deltagare"), "deltagare")
    participants = {**BUILTIN_PARTICIPANTS, **declared}

    areas: list[Area] = []
    seen_ids: dict[str, int] = {}
    area_nodes = top.get("områden")
    if area_nodes is not None and not isinstance(area_nodes, SequenceNode):
        ctx.add("E006", area_nodes, key="områden", expected="en lista", got=_describe(area_nodes))
    elif area_nodes is not None:
        for area_node in area_nodes.value:
            area = _area(ctx, area_node, types, participants, seen_ids)
            if area is not None:
                areas.append(area)
    if kommun is None or period is None:
        return None, ctx.problems
    promise_set = PromiseSet(
        path=path,
        log_path=log_path,
        kommun=kommun,
        kommun_key=kommun_key,
        police_area=police_area,
        period=period,
        activity_types=types,
        participants=participants,
        areas=tuple(areas),
        signed=signed,
        signatories=signatories,
        source=source,
        type_names=type_names,
    )
    return promise_set, ctx.problems


def _area(
    ctx: _Context,
    node: Node,
    types: dict[str, str],
    participants: dict[str, str],
    seen_ids: dict[str, int],
) -> Area | None:
    keys = _mapping(ctx, node, AREA_KEYS, "området", ("namn", "löften"))
    if keys is None:
        return None
    name = _text(ctx, keys.get("namn"), "namn") or ""
    responsible = _responsible(ctx, keys.get("ansvar"), ())
    promises: list[Promise] = []
    promise_nodes = keys.get("löften")
    if promise_nodes is not None and not isinstance(promise_nodes, SequenceNode):
        ctx.add(
            "E006", promise_nodes, key="löften", expected="en lista", got=_describe(promise_nodes)
        )
    elif promise_nodes is not None:
        for promise_node in promise_nodes.value:
            promise = _promise(ctx, promise_node, name, responsible, types, participants, seen_ids)
            if promise is not None:
                promises.append(promise)
    return Area(name, responsible, tuple(promises))


def _promise(
    ctx: _Context,
    node: Node,
    area: str,
    area_responsible: tuple[str, ...],
    types: dict[str, str],
    participants: dict[str, str],
    seen_ids: dict[str, int],
) -> Promise | None:
    keys = _mapping(ctx, node, PROMISE_KEYS, "löftet", ("id", "text", "mål"))
    if keys is None:
        return None
    promise_id = _text(ctx, keys.get("id"), "id")
    if promise_id is not None:
        if not promise_id or _SLUG_BAD.search(promise_id):
            ctx.add(
                "E017",
                keys["id"],
                slug=promise_id,
                detail="skriv ett id utan mellanslag, ',' och ';'",
            )
            promise_id = None
        elif promise_id in seen_ids:
            ctx.add("E008", keys["id"], id=promise_id, first_line=seen_ids[promise_id])
            promise_id = None
        else:
            seen_ids[promise_id] = line_of(keys["id"])
    text = _text(ctx, keys.get("text"), "text")
    responsible = _responsible(ctx, keys.get("ansvar"), area_responsible)
    target = _target(ctx, keys["mål"], types, participants) if "mål" in keys else None
    if promise_id is None or text is None or target is None:
        return None
    return Promise(promise_id, " ".join(text.split()), area, responsible, target, line_of(node))


def load_promise_file(
    path: Path, rel: str, name: str, log_rel: str, kommun_key: str | None = None
) -> tuple[PromiseSet | None, list[Problem]]:
    text, problems = read_text_file(path, rel, MAX_PROMISE_FILE_BYTES)
    if text is None:
        return None, problems
    return parse_promise_text(text, rel, name, log_rel, kommun_key)
