"""Loading: a promise file (YAML) to a PromiseSet, collecting every problem with its line.

Nothing here raises for a user's mistake: each problem becomes a `Problem` and loading goes
on, so `lofte check` can report every mistake in one run.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import field
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from medborgarlofte.core import texts
from medborgarlofte.core.frozen import mutable
from medborgarlofte.core.model import (
    BUILTIN_PARTICIPANTS,
    MAX_BLOCK,
    MIN_BLOCK,
    UNITS,
    Area,
    Direction,
    Exemption,
    Indicator,
    Period,
    Promise,
    PromiseSet,
    Target,
    Unit,
)
from medborgarlofte.core.problems import Problem, did_you_mean, problem
from medborgarlofte.core.safe_text import has_control, refused_link_scheme, visible
from medborgarlofte.core.site_names import slug_refused
from medborgarlofte.core.slugs import fold_slug, path_slug, suggest
from medborgarlofte.core.svformat import MONTH_NAMES, parse_decimal
from medborgarlofte.load.side_files import SIDE_FILE_SUFFIXES
from medborgarlofte.load.textfiles import MAX_PROMISE_FILE_BYTES, read_text_file
from medborgarlofte.load.yamlnodes import (
    STR_TAG,
    YamlRefused,
    column_of,
    compose_checked,
    line_of,
    scalar,
    syntax_advice,
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
    "kolada",
)
AREA_KEYS = ("namn", "ansvar", "lägesbild", "löften", "indikatorer")
INDICATOR_KEYS = ("id", "namn", "källa", "enhet", "riktning", "utgångsläge", "mål")
BASELINE_KEYS = ("datum", "värde")
PROMISE_KEYS = ("id", "rubrik", "text", "ansvar", "mål")
TITLE_MAX_CHARS = 80  # a rubrik fits one line of a table or a heading
TARGET_KEYS = ("typ", "minst", "per", "snitt", "deltagare", "taggar", "löpande", "utom")
PERIOD_KEYS = ("från", "till")
EXEMPT_RANGE_KEYS = ("från", "till", "namn")
# An exempt range's name stands in a sentence ("minst 1 varje vecka utom jullovet"): a short
# text on one line.
EXEMPT_NAME_MAX = 40
RESPONSIBLE = tuple(BUILTIN_PARTICIPANTS)  # who can answer for an area: the two parties

_DOUBLED_KEY_HINTS = {"löftet": texts.E063_HINT_ID, "området": texts.E063_HINT_NAME}
_SLUG_BAD = re.compile(r"[\s;,]")
# A period written as years: "2019" or "2020-2021" (a file stem, `period:`, `lofte init`).
# Compiled here, where promise files are read, not by every start (which imports the model).
PERIOD_YEARS: Final = re.compile(r"^\s*(\d{4})\s*(?:[-–]\s*(\d{4})\s*)?$")
# Years a promise period or date may name: any real follow-up, and far from where dates
# stop (year 1 and 9999), so week and month arithmetic never leaves the calendar.
FIRST_YEAR, LAST_YEAR = 1900, 2200
MAX_MINIMUM = 999_999_999
_KOLADA_CODE = re.compile(r"^\d{4}$")
_LOOKS_LIKE_ADDRESS = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)", re.IGNORECASE)


@mutable
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
    text = str(value)
    if len(text) > _SHOWN_CHARS:  # a value of thousands of digits: its start says enough
        text = f"{text[:_SHOWN_CHARS]}… ({len(text)} tecken)"
    return f"'{text}'"


_SHOWN_CHARS = 40


def _mapping(
    ctx: _Context, node: Node, keys: tuple[str, ...], where: str, required: tuple[str, ...]
) -> dict[str, Node] | None:
    """The mapping's values by canonical key; unknown, doubled and missing keys reported."""
    if not isinstance(node, MappingNode):
        ctx.add("E006", node, key=where, expected="en mappning", got=_describe(node))
        return None
    by_fold = _KEYS_BY_FOLD.get(keys) or _keys_by_fold(keys)
    found: dict[str, Node] = {}
    spelled: dict[str, str] = {}
    key_nodes: dict[str, Node] = {}
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
        if canonical in found:
            if raw != spelled[canonical]:
                ctx.add("E004", key_node, key=canonical, first=spelled[canonical], second=raw)
                continue
            # The same key twice: in a promise or an area most likely the '- ' that starts
            # the next one fell away, so its keys landed in this one. Said once.
            hint = _DOUBLED_KEY_HINTS.get(where, texts.E063_HINT_OTHER)
            if not (doubled and where in _DOUBLED_KEY_HINTS):
                first_line = line_of(key_nodes[canonical])
                ctx.add("E063", key_node, key=raw, first_line=first_line, hint=hint)
            doubled = True
            continue
        found[canonical] = value_node
        spelled[canonical] = raw
        key_nodes[canonical] = key_node
    for key in required:
        if key not in found:
            ctx.add("E005", node, key=key, where=where)
    return found


_KEYS_BY_FOLD: dict[tuple[str, ...], dict[str, str]] = {}


def _keys_by_fold(keys: tuple[str, ...]) -> dict[str, str]:
    """Each of `keys` by its folded form, made once per tuple of keys."""
    by_fold = _KEYS_BY_FOLD[keys] = {fold_slug(k): k for k in keys}
    return by_fold


def _text(ctx: _Context, node: Node | None, key: str) -> str | None:
    if node is None:
        return None
    if isinstance(node, ScalarNode) and node.tag == STR_TAG:
        return str(node.value).strip()  # what follows makes of a string (most texts)
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


_SWEDISH_BOOLEANS = {"ja": True, "nej": False}


def _bool(ctx: _Context, node: Node | None, key: str) -> bool | None:
    """A yes or no: true/false, or ja/nej in any case; None (reported) when it is neither."""
    if node is None:
        return False
    value = scalar(node) if isinstance(node, ScalarNode) else None
    if isinstance(value, str) and value.strip().casefold() in _SWEDISH_BOOLEANS:
        return _SWEDISH_BOOLEANS[value.strip().casefold()]
    if not isinstance(value, bool):
        ctx.add(
            "E006", node, key=key, expected="ja eller nej (true eller false)", got=_describe(node)
        )
        return None
    return value


def _date(ctx: _Context, node: Node | None, key: str) -> dt.date | None:
    if node is None:
        return None
    day = _date_value(scalar(node) if isinstance(node, ScalarNode) else None)
    if day is None:
        value = scalar(node) if isinstance(node, ScalarNode) else None
        ctx.add("E018", node, got=value if value is not None else _describe(node), key=key)
        return None
    return day if _year_in_range(ctx, node, day.year, key) else None


def _date_value(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _year_in_range(ctx: _Context, node: Node, year: int, key: str) -> bool:
    """E055 for a year no promise period is in: it would only end in a crash further on
    (a week past 9999-12-31) or in a period no one can mean."""
    if FIRST_YEAR <= year <= LAST_YEAR:
        return True
    ctx.add("E055", node, year=str(year).zfill(4), key=key)
    return False


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
        if not all(_year_in_range(ctx, node, year, "period") for year in {first, last}):
            return None
        start, end = dt.date(first, 1, 1), dt.date(last, 12, 31)
    if end < start:
        ctx.add("E007", node, detail=f"slutet {end} ligger före början {start}")
        return None
    _check_stem(ctx, node, name, start, end)
    return Period(name, start, end)


def _check_stem(ctx: _Context, node: Node, name: str, start: dt.date, end: dt.date) -> None:
    """E054 when a file named for years (`2019.yaml`, `2020-2021.yaml`) holds a period of
    other years: the log beside it, and every command's PERIOD, go by the name. A stem
    that is no period (`kalix-2019`, `2019–2020`) is E101 instead."""
    match = PERIOD_YEARS.match(name) if _STEM.match(name) else None
    if match is None:
        return
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if (start.year, end.year) == (first, last):
        return
    named = str(first) if first == last else f"{first}–{last}"
    held = str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    ctx.add("E054", node, period=f"{start}–{end}", file=f"{name}.yaml", named=named, held=held)


# A file's stem is its period: a year or two (docs/felkoder.md, E101). Stricter than what
# `period:` accepts: no space, no en dash, so a stem is also a safe name for the page.
_STEM = re.compile(r"^[0-9]{4}(?:-[0-9]{4})?$")


def _check_name(ctx: _Context, node: Node, name: str) -> None:
    """E101 when the file's name is no period: its log, its page on the site and every
    command's PERIOD go by the name, so `2019_.yaml` (published as 2019) or
    `2019.rattelser.yaml` (whose log would be 2019's corrections file) takes another's."""
    if _STEM.match(name):
        return
    detail = ""
    side = next((s for s in SIDE_FILE_SUFFIXES if f"{name}.csv".endswith(s)), None)
    if side is not None:
        detail = texts.E101_SIDE_FILE.format(log=f"{name}.csv", suffix=side)
    ctx.add("E101", node, file=f"{name}.yaml", detail=detail)


def _check_published(ctx: _Context, node: Node, kommun: str, kommun_key: str | None) -> None:
    """E102 when the site could give the kommun no name of its own (docs/felkoder.md)."""
    if not kommun:
        ctx.add("E102", node, kommun=kommun, detail=texts.E102_EMPTY)
        return
    folder = f"promises/{kommun_key}/" if kommun_key is not None else None
    slug = path_slug(kommun_key if kommun_key is not None else kommun, "")
    why = slug_refused(slug)
    if why is None:
        return
    named = folder or kommun
    detail = texts.E102_NO_LETTER if why == "empty" else texts.E102_RESERVED.format(slug=slug)
    ctx.add("E102", node, kommun=named, detail=detail)


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


def _exempt_name(ctx: _Context, node: Node | None) -> str | None:
    """An exempt range's `namn`: a short text on one line (E130 otherwise)."""
    if node is None:
        return None
    value = scalar(node) if isinstance(node, ScalarNode) else None
    text = value if isinstance(value, str) else None
    if text is None or not text.strip() or len(text) > EXEMPT_NAME_MAX or has_control(text):
        got = _describe(node)
        if text is not None:
            cut = "…" if len(text) > EXEMPT_NAME_MAX else ""
            got = f"'{visible(text[:EXEMPT_NAME_MAX])}{cut}'"
        ctx.add("E130", node, got=got, most=EXEMPT_NAME_MAX)
        return None
    return " ".join(text.split())


def _exemptions(ctx: _Context, node: Node | None, period: Period | None) -> tuple[Exemption, ...]:
    """`utom`: month names (that month in every year of the period) and {från, till} ranges."""
    if node is None:
        return ()
    items = node.value if isinstance(node, SequenceNode) else [node]
    found: list[Exemption] = []
    by_fold = {fold_slug(name): number for number, name in enumerate(MONTH_NAMES, start=1)}
    for item in items:
        if isinstance(item, MappingNode):
            keys = _mapping(ctx, item, EXEMPT_RANGE_KEYS, "utom", PERIOD_KEYS)
            if keys is None:
                continue
            start = _date(ctx, keys.get("från"), "från")
            end = _date(ctx, keys.get("till"), "till")
            name = _exempt_name(ctx, keys.get("namn"))
            if start is None or end is None:
                continue
            if end < start:
                ctx.add("E061", item, start=start, end=end)
                continue
            if period is not None and (end < period.start or start > period.end):
                ctx.add(
                    "E062",
                    item,
                    start=start,
                    end=end,
                    period=period.name,
                    period_start=period.start,
                    period_end=period.end,
                )
                continue
            found.append(Exemption(start=start, end=end, name=name))
            continue
        value = scalar(item) if isinstance(item, ScalarNode) else None
        month = by_fold.get(fold_slug(value)) if isinstance(value, str) else None
        if month is None:
            got = f"'{value}'" if isinstance(value, (str, int, dt.date)) else _describe(item)
            hint = did_you_mean(suggest(value, MONTH_NAMES)) if isinstance(value, str) else ""
            ctx.add("E060", item, got=got, hint=hint)
            continue
        found.append(Exemption(month=month))
    return tuple(found)


def _tags(ctx: _Context, node: Node | None) -> tuple[str, ...]:
    """The tag filter, folded. A tag the log cannot hold is refused (E052): the log writes a
    row's tags `;`-separated and reads `,` as a separator too, and trims blanks."""
    result = []
    for text, item in _text_list(ctx, node, "taggar"):
        if not text:
            ctx.add("E052", item, tag=text, detail=texts.TAG_EMPTY)
        elif ";" in text or "," in text:
            ctx.add("E052", item, tag=text, detail=texts.TAG_SEPARATOR)
        else:
            result.append(fold_slug(text))
    return tuple(result)


_UNITS_BY_FOLD = {fold_slug(u): u for u in UNITS}
# A block's unit, singular or plural after its number: "3 veckor", "2 vecka", "2 månader".
_BLOCK_UNITS_BY_FOLD = {
    fold_slug(word): u
    for u in UNITS
    if u != Unit.PERIOD
    for word in (u.value, texts.UNIT_PLURALS[u])
}
_BLOCK = re.compile(r"^([+-]?[0-9]+)\s*(.*)$")


def _per(ctx: _Context, node: Node, raw: str) -> tuple[Unit, int, str]:
    """`per`: a unit ("vecka"), or a block of N ≥ 2 units ("3 veckor", docs/block.md), as
    (unit, block size, the text as written for a block); the whole period when unreadable."""
    folded = fold_slug(raw)
    if folded in _UNITS_BY_FOLD:
        return _UNITS_BY_FOLD[folded], 1, ""
    match = _BLOCK.match(raw.strip())
    if match is None:
        hint = did_you_mean(suggest(raw, UNITS))
        ctx.add("E012", node, got=raw, allowed=", ".join(UNITS), hint=hint)
        return Unit.PERIOD, 1, ""
    number, word = int(match.group(1)), match.group(2)
    unit = _BLOCK_UNITS_BY_FOLD.get(fold_slug(word))
    if unit is None:
        words = [w for u in UNITS if u != Unit.PERIOD for w in (u.value, texts.UNIT_PLURALS[u])]
        hint = did_you_mean(
            f"{number} {suggested}" if (suggested := suggest(word, words)) else None
        )
        if fold_slug(word) in ("period", "perioder"):
            hint = texts.BLOCK_OF_PERIODS
        ctx.add("E012", node, got=raw, allowed=", ".join(UNITS), hint=hint)
        return Unit.PERIOD, 1, ""
    if number == 1:
        ctx.add("E140", node, got=raw, detail=texts.BLOCK_OF_ONE.format(unit=unit.value))
        return Unit.PERIOD, 1, ""
    if not MIN_BLOCK <= number <= MAX_BLOCK:
        ctx.add(
            "E140", node, got=raw, detail=texts.BLOCK_SIZE.format(least=MIN_BLOCK, most=MAX_BLOCK)
        )
        return Unit.PERIOD, 1, ""
    return unit, number, f"{number} {' '.join(word.split())}"


def _target(
    ctx: _Context,
    node: Node,
    types: dict[str, str],
    participants: dict[str, str],
    period: Period | None = None,
) -> Target | None:
    keys = _mapping(ctx, node, TARGET_KEYS, "mål", ("typ",))
    if keys is None:
        return None
    target_types = _slugs(ctx, keys.get("typ"), "typ", types, "E009")
    type_node = keys.get("typ")
    if isinstance(type_node, SequenceNode) and not type_node.value:
        ctx.add("E051", type_node)
    target_participants = _slugs(ctx, keys.get("deltagare"), "deltagare", participants, "E010")
    tags = _tags(ctx, keys.get("taggar"))
    ongoing_given = _bool(ctx, keys.get("löpande"), "löpande")
    ongoing = bool(ongoing_given)
    average = bool(_bool(ctx, keys.get("snitt"), "snitt"))
    if average and "per" not in keys:
        ctx.add("E053", keys["snitt"])
    exempt = _exemptions(ctx, keys.get("utom"), period)
    per, block, per_text = Unit.PERIOD, 1, ""
    if "per" in keys:
        raw = _text(ctx, keys["per"], "per")
        if raw is not None:
            per, block, per_text = _per(ctx, keys["per"], raw)
    minimum: int | None = None
    if "minst" in keys:
        value = scalar(keys["minst"]) if isinstance(keys["minst"], ScalarNode) else None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            ctx.add("E011", keys["minst"], got=_describe(keys["minst"]))
        elif value > MAX_MINIMUM:
            # Like a log row's antal (at most 9 digits): no real target is larger, and the
            # arithmetic and the Swedish number formats stay exact below it.
            hint = texts.MINIMUM_TOO_LARGE.format(most=f"{MAX_MINIMUM:,}".replace(",", " "))
            ctx.add("E011", keys["minst"], got=_describe(keys["minst"]), hint=hint)
        else:
            minimum = value
        if ongoing:
            ctx.add("E015", keys["minst"])
    elif ongoing_given is False:  # not when 'löpande' was there but unreadable (E006 said so)
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
        exempt=exempt,
        block=block,
        per_text=per_text,
    )


def parse_promise_text(
    text: str, path: str, name: str, log_path: str, kommun_key: str | None = None
) -> tuple[PromiseSet | None, list[Problem]]:
    """A promise file's text to its PromiseSet (None when unusable) and every problem found."""
    ctx = _Context(path)
    try:
        root = compose_checked(text)
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
        line, column, detail = syntax_advice(error)
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
    if kommun is not None:
        _check_published(ctx, top["kommun"], kommun, kommun_key)
    _check_name(ctx, top.get("period") or root, name)
    police_area = _text(ctx, top.get("lokalpolisområde"), "lokalpolisområde") or ""
    period = _period(ctx, top["period"], name) if "period" in top else None
    signed = _date(ctx, top.get("undertecknat"), "undertecknat")
    signatories = tuple(t for t, _ in _text_list(ctx, top.get("undertecknare"), "undertecknare"))
    source = _text(ctx, top.get("källa"), "källa")
    scheme = refused_link_scheme(source) if source else None
    if scheme is not None:
        ctx.add("E050", top["källa"], source=source, scheme=scheme)
    types, type_names = _vocabulary(ctx, top.get("aktivitetstyper"), "aktivitetstyper")
    declared, _ = _vocabulary(ctx, top.get("deltagare"), "deltagare")
    participants = {**BUILTIN_PARTICIPANTS, **declared}

    areas: list[Area] = []
    seen_ids: dict[str, tuple[int, str]] = {}
    area_nodes = top.get("områden")
    if area_nodes is not None and not isinstance(area_nodes, SequenceNode):
        ctx.add("E006", area_nodes, key="områden", expected="en lista", got=_describe(area_nodes))
    elif area_nodes is not None:
        for area_node in area_nodes.value:
            area = _area(ctx, area_node, types, participants, seen_ids, period)
            if area is not None:
                areas.append(area)
    _clashing_ids(ctx, areas)
    kolada = _kolada(ctx, top.get("kolada"))
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
        kolada=kolada,
    )
    return promise_set, ctx.problems


def _area(
    ctx: _Context,
    node: Node,
    types: dict[str, str],
    participants: dict[str, str],
    seen_ids: dict[str, tuple[int, str]],
    period: Period | None = None,
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
            promise = _promise(
                ctx, promise_node, name, responsible, types, participants, seen_ids, period
            )
            if promise is not None:
                promises.append(promise)
    situation = _text(ctx, keys.get("lägesbild"), "lägesbild")
    indicators: list[Indicator] = []
    indicator_nodes = keys.get("indikatorer")
    if indicator_nodes is not None and not isinstance(indicator_nodes, SequenceNode):
        ctx.add(
            "E006",
            indicator_nodes,
            key="indikatorer",
            expected="en lista",
            got=_describe(indicator_nodes),
        )
    elif indicator_nodes is not None:
        for indicator_node in indicator_nodes.value:
            indicator = _indicator(ctx, indicator_node, name)
            if indicator is not None:
                indicators.append(indicator)
    return Area(name, responsible, tuple(promises), situation or None, tuple(indicators))


def _number(ctx: _Context, node: Node | None, key: str) -> Decimal | None:
    """A number as written (`43`, `12.5`, `12,5`), exact: read from the text, never a float."""
    if node is None:
        return None
    raw = node.value if isinstance(node, ScalarNode) else None
    value = parse_decimal(raw) if isinstance(raw, str) and node.tag != BOOL_TAG else None
    if value is None:
        ctx.add("E084", node, key=key, got=_describe(node))
    return value


BOOL_TAG = "tag:yaml.org,2002:bool"


def _indicator(ctx: _Context, node: Node, area: str) -> Indicator | None:
    keys = _mapping(
        ctx,
        node,
        INDICATOR_KEYS,
        "indikatorn",
        ("id", "namn", "källa", "enhet", "riktning"),
    )
    if keys is None:
        return None
    indicator_id = _text(ctx, keys.get("id"), "id")
    if indicator_id is not None and (not indicator_id or _SLUG_BAD.search(indicator_id)):
        detail = "skriv ett id utan mellanslag, ',' och ';'"
        ctx.add("E017", keys["id"], slug=indicator_id, detail=detail)
        indicator_id = None
    name = _text(ctx, keys.get("namn"), "namn")
    source = _text(ctx, keys.get("källa"), "källa")
    looks_like_address = source is not None and _LOOKS_LIKE_ADDRESS.match(source)
    if source is not None and looks_like_address and not source.lower().startswith("https://"):
        ctx.add("E086", keys["källa"], got=source)
        source = None
    unit = _text(ctx, keys.get("enhet"), "enhet")
    direction = None
    raw_direction = _text(ctx, keys.get("riktning"), "riktning")
    if raw_direction is not None:
        by_fold = {fold_slug(d.value): d for d in Direction}
        direction = by_fold.get(fold_slug(raw_direction))
        if direction is None:
            ctx.add("E083", keys["riktning"], got=raw_direction)
    baseline_date = baseline_value = None
    if "utgångsläge" in keys:
        baseline = _mapping(ctx, keys["utgångsläge"], BASELINE_KEYS, "utgångsläge", BASELINE_KEYS)
        if baseline is not None:
            baseline_date = _date(ctx, baseline.get("datum"), "datum")
            baseline_value = _number(ctx, baseline.get("värde"), "värde")
    target = _number(ctx, keys.get("mål"), "mål")
    if (
        indicator_id is None
        or name is None
        or source is None
        or unit is None
        or direction is None
        or ("utgångsläge" in keys and (baseline_date is None or baseline_value is None))
        or ("mål" in keys and target is None)
    ):
        return None
    return Indicator(
        indicator_id,
        " ".join(name.split()),
        source,
        unit,
        direction,
        baseline_date,
        baseline_value,
        area,
        target,
        line_of(node),
    )


def _clashing_ids(ctx: _Context, areas: list[Area]) -> None:
    """E082 for an indicator id that an earlier promise or indicator already uses (compared
    folded): `lofte status PERIOD ID` must know which one an id names."""
    entries = [(p.line, p.id, "ett löfte") for a in areas for p in a.promises]
    entries += [(i.line, i.id, "en indikator") for a in areas for i in a.indicators]
    first: dict[str, tuple[int, str]] = {}
    for line, entry_id, what in sorted(entries):
        folded = fold_slug(entry_id)
        if folded not in first:
            first[folded] = (line, what)
            continue
        first_line, first_what = first[folded]
        if what == first_what == "ett löfte":
            continue  # two promises: E008 already said so
        ctx.problems.append(
            problem("E082", ctx.path, line, id=entry_id, first_line=first_line, what=first_what)
        )


def _kolada(ctx: _Context, node: Node | None) -> str | None:
    """The kommun's Kolada code, from the text as written: `0114` unquoted stays 0114."""
    if node is None:
        return None
    raw = node.value if isinstance(node, ScalarNode) else None
    if isinstance(raw, str) and _KOLADA_CODE.match(raw.strip()):
        return raw.strip()
    ctx.add("E085", node, got=_describe(node))
    return None


def _promise(
    ctx: _Context,
    node: Node,
    area: str,
    area_responsible: tuple[str, ...],
    types: dict[str, str],
    participants: dict[str, str],
    seen_ids: dict[str, tuple[int, str]],
    period: Period | None = None,
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
        elif fold_slug(promise_id) in seen_ids:
            first_line, first_id = seen_ids[fold_slug(promise_id)]
            hint = "" if first_id == promise_id else texts.SAME_ID_FOLDED.format(first=first_id)
            ctx.add("E008", keys["id"], id=promise_id, first_line=first_line, hint=hint)
            promise_id = None
        else:
            seen_ids[fold_slug(promise_id)] = (line_of(keys["id"]), promise_id)
    text = _text(ctx, keys.get("text"), "text")
    title = _title(ctx, keys.get("rubrik"))
    responsible = _responsible(ctx, keys.get("ansvar"), area_responsible)
    target = _target(ctx, keys["mål"], types, participants, period) if "mål" in keys else None
    if promise_id is None or text is None or target is None:
        return None
    return Promise(
        promise_id, " ".join(text.split()), area, responsible, target, line_of(node), title
    )


def _title(ctx: _Context, node: Node | None) -> str | None:
    """The optional `rubrik`, on one line; empty or past TITLE_MAX_CHARS is E065."""
    raw = _text(ctx, node, "rubrik")
    if raw is None:
        return None
    title = " ".join(raw.split())
    if not 1 <= len(title) <= TITLE_MAX_CHARS:
        ctx.add("E065", node, length=len(title), limit=TITLE_MAX_CHARS)
        return None
    return title


def load_promise_file(
    path: Path, rel: str, name: str, log_rel: str, kommun_key: str | None = None
) -> tuple[PromiseSet | None, list[Problem]]:
    text, problems = read_text_file(path, rel, MAX_PROMISE_FILE_BYTES)
    if text is None:
        return None, problems
    return parse_promise_text(text, rel, name, log_rel, kommun_key)
