"""Writing, a new period from the last: `lofte init --fran PERIOD` (the yearly renewal).

The new promise file is the old file's text with only what belongs to the old period changed,
so comments, order, `rubrik`, `ansvar` and every key survive as the kommun wrote them:
`period` gets the new period; `undertecknat`, `undertecknare` and `källa` (the old signing)
become a comment to fill in; dates in `utom` ranges move by whole years. The vocabulary,
areas, promises and targets are copied as they stand. The log starts empty, in the old log's
form (delimiter, BOM, line end: a log made with `init --excel` stays one Excel opens).
Edits are made by position in the text, found through the safe YAML node tree.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from medborgarlofte.core import texts
from medborgarlofte.core.frozen import frozen
from medborgarlofte.core.model import LOG_HEADER, PromiseSet
from medborgarlofte.core.problems import LofteError
from medborgarlofte.core.slugs import fold_slug
from medborgarlofte.load.repo import inside_repo
from medborgarlofte.load.yamlnodes import compose, scalar
from medborgarlofte.write.safe_write import check_writable, create_new
from medborgarlofte.write.scaffold import InitResult, log_header_text, parse_period

# Keys of the old signing: the new period is signed anew.
_SIGNING_KEYS = ("undertecknat", "undertecknare", "källa")


@frozen(slots=False)
class _Edit:
    start: int  # character offsets into the text
    end: int
    text: str


def next_period(old: PromiseSet) -> str:
    """The period after `old`, as many whole years long: 2019 -> 2020, 2020-2021 -> 2022-2023."""
    first, last = old.period.start.year, old.period.end.year
    years = last - first
    start = last + 1
    return str(start) if years == 0 else f"{start}-{start + years}"


def renew_period(
    root: Path, old: PromiseSet, period: str | None, excel: bool = False
) -> InitResult:
    """Write the promise file and an empty log of the period after `old` (or `period`): in
    the old log's form, or the form Excel opens with `excel`."""

    from medborgarlofte.write.scaffold import check_existing_promises

    stem, value, first, last = parse_period(period or next_period(old))
    folder = old.path.rsplit("/", 1)[0]
    promise_rel = f"{folder}/{stem}.yaml"
    log_rel = f"{old.log_path.rsplit('/', 1)[0]}/{stem}.csv"
    if os.path.lexists(root / promise_rel):
        raise LofteError(texts.RENEWAL_EXISTS.format(path=promise_rel))
    if first <= old.period.end.year and old.period.start.year <= last:
        raise LofteError(
            texts.RENEWAL_OVERLAPS.format(stem=stem, old=old.path, name=old.period.name)
        )
    check_existing_promises(root, old.kommun, promise_rel, stem, first, last)
    source = (root / old.path).read_text(encoding="utf-8-sig")
    text = renewed_text(source, value, first - old.period.start.year, old.period.name)
    result = InitResult(root, promise_rel, log_rel)
    log_path = root / log_rel
    for rel in (promise_rel, log_rel):  # both, before either is written
        if not inside_repo(root, root / rel):
            raise LofteError(texts.INIT_OUTSIDE.format(rel=rel))
        check_writable(root, root / rel)
    if not create_new(root, root / promise_rel, text.encode("utf-8")):
        raise LofteError(texts.RENEWAL_EXISTS.format(path=promise_rel))
    result.written.append(promise_rel)
    header = log_header_text(True).encode("utf-8") if excel else None
    if create_new(root, log_path, header or _header_like(root / old.log_path)):
        result.written.append(log_rel)
    else:
        result.kept.append(log_rel)
    return result


def _header_like(old_log: Path) -> bytes:
    """A new log's header line in the form of `old_log` (comma, UTF-8, LF when it is missing
    or unreadable)."""
    from medborgarlofte.load.log_dialect import detect_delimiter, first_line, line_end_of

    try:
        with old_log.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        head = b""
    bom = head.startswith(b"\xef\xbb\xbf")
    line = first_line(head.decode("utf-8", "replace").lstrip("\ufeff"))
    delimiter = detect_delimiter(line) if line else ","
    newline = line_end_of(line) if line.endswith(("\r", "\n")) else "\n"
    text = ("\ufeff" if bom else "") + delimiter.join(LOG_HEADER) + newline
    return text.encode("utf-8")


def renewed_text(text: str, period_value: str, years: int, old_name: str) -> str:
    """`text` (a promise file) for the new period: see the module's docstring."""
    root = compose(text)
    if not isinstance(root, MappingNode):
        raise LofteError(texts.RENEWAL_UNREADABLE)
    edits: list[_Edit] = []
    for key, value in root.value:
        name = fold_slug(str(key.value)) if isinstance(key, ScalarNode) else ""
        if name == "period":
            edits.append(_replace_value(text, value, period_value))
        elif name in {fold_slug(k) for k in _SIGNING_KEYS}:
            start = _line_start(text, key.start_mark.index)
            end = _after_node(text, value)
            label = str(key.value)
            edits.append(
                _Edit(start, end, f"# {label}: {texts.RENEWAL_SIGNING.format(old=old_name)}\n")
            )
        elif name in ("omraden",):
            edits.extend(_utom_edits(text, value, years))
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _after_node(text: str, node: Node) -> int:
    """The offset just past the line where `node` ends (its line break included)."""
    end = node.end_mark.index
    if end > 0 and text[end - 1] == "\n":
        return end
    newline = text.find("\n", end)
    return len(text) if newline < 0 else newline + 1


def _replace_value(text: str, node: Node, new: str) -> _Edit:
    start, end = node.start_mark.index, node.end_mark.index
    if end > 0 and text[end - 1] == "\n":  # a block mapping ends on the next line's start
        return _Edit(start, end, new + "\n")
    return _Edit(start, end, new)


def _children(node: Node, key: str) -> Node | None:
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if isinstance(k, ScalarNode) and fold_slug(str(k.value)) == key:
                found: Node = v
                return found
    return None


def _utom_edits(text: str, areas: Node, years: int) -> list[_Edit]:
    edits: list[_Edit] = []
    if not isinstance(areas, SequenceNode) or years == 0:
        return edits
    for area in areas.value:
        promises = _children(area, "loften")
        if not isinstance(promises, SequenceNode):
            continue
        for promise in promises.value:
            target = _children(promise, "mal")
            utom = _children(target, "utom") if target is not None else None
            if not isinstance(utom, SequenceNode):
                continue
            for item in utom.value:
                for key in ("fran", "till"):
                    day = _children(item, key)
                    if isinstance(day, ScalarNode) and isinstance(scalar(day), dt.date):
                        moved = _add_years(scalar(day), years)
                        edits.append(
                            _Edit(day.start_mark.index, day.end_mark.index, moved.isoformat())
                        )
    return edits


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a year without one
        return day.replace(year=day.year + years, day=28)
