"""Loading, kept and passed results: model values as plain JSON data, and back, validated.

The promise cache keeps what a promise file was read as, and a helper process sends back
what it loaded; both go through here. Only plain data is written (objects, lists, text,
numbers, true/false/null), so reading it back can never run code, and reading checks
every value against the type its dataclass field declares: a missing or extra field, a
number where text belongs, an unknown status, anything not made here is refused with
`NotOurs`. Fields are found from the dataclasses themselves, so a field added to the model
is kept too; a type this module does not know (a Fraction, say) is refused both ways.
"""

from __future__ import annotations

import dataclasses
import types
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints


class NotOurs(ValueError):
    """Plain data that is not a value of the asked type (damaged, foreign or outdated)."""


def to_plain(value: Any) -> Any:
    """`value` as JSON-ready data: dataclasses as objects, tuples and lists as lists, dicts as
    lists of [key, value] (keys keep their type and order), dates as ISO text."""
    if value is None or isinstance(value, bool | int | str) and not isinstance(value, Enum):
        return value
    if isinstance(value, Enum):
        return to_plain(value.value)
    if isinstance(value, float):
        return value
    if isinstance(value, datetime):
        raise TypeError("datetime")  # not in the model; refuse rather than guess its zone
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_plain(item) for item in value]
    if isinstance(value, dict):
        return [[to_plain(key), to_plain(item)] for key, item in value.items()]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in _fields(type(value))}
    raise TypeError(f"{type(value).__name__} hålls inte som data")


def from_plain(kind: Any, data: Any) -> Any:
    """The value of type `kind` that `data` describes; raises NotOurs when it describes none."""
    origin = get_origin(kind)
    if origin is Union or origin is types.UnionType:
        members = get_args(kind)
        if data is None:
            if type(None) in members:
                return None
            raise NotOurs("null")
        for member in members:
            if member is type(None):
                continue
            try:
                return from_plain(member, data)
            except NotOurs:
                continue
        raise NotOurs(f"inget av {kind}")
    if origin is tuple:
        items = _list(data)
        args = get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_plain(args[0], item) for item in items)
        if len(args) != len(items):
            raise NotOurs("fel antal")
        return tuple(from_plain(arg, item) for arg, item in zip(args, items, strict=True))
    if origin is list:
        (item_kind,) = get_args(kind)
        return [from_plain(item_kind, item) for item in _list(data)]
    if origin is dict:
        key_kind, value_kind = get_args(kind)
        pairs = _list(data)
        result = {}
        for pair in pairs:
            if type(pair) is not list or len(pair) != 2:
                raise NotOurs("inget par")
            result[from_plain(key_kind, pair[0])] = from_plain(value_kind, pair[1])
        if len(result) != len(pairs):
            raise NotOurs("dubbla nycklar")
        return result
    if kind is type(None):
        if data is None:
            return None
        raise NotOurs("inte null")
    if kind is bool or kind is int or kind is str:
        if type(data) is not kind:
            raise NotOurs(f"inte {kind.__name__}")
        return data
    if kind is float:
        if type(data) not in (int, float):
            raise NotOurs("inte ett tal")
        return float(data)
    if isinstance(kind, type) and issubclass(kind, Enum):
        try:
            return kind(data)
        except ValueError:
            raise NotOurs(f"inte {kind.__name__}") from None
    if kind is date:
        if type(data) is not str or len(data) != 10:
            raise NotOurs("inget datum")
        try:
            return date.fromisoformat(data)
        except ValueError:
            raise NotOurs("inget datum") from None
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        if type(data) is not dict:
            raise NotOurs("inget objekt")
        hints = _hints(kind)
        if set(data) != set(hints):
            raise NotOurs(f"andra fält än {kind.__name__}")
        return kind(**{name: from_plain(hint, data[name]) for name, hint in hints.items()})
    raise NotOurs(f"okänd typ {kind}")


def _list(data: Any) -> list[Any]:
    if type(data) is not list:
        raise NotOurs("ingen lista")
    return data


@cache
def _fields(kind: type) -> tuple[dataclasses.Field[Any], ...]:
    found = dataclasses.fields(kind)
    if not all(f.init for f in found):
        raise TypeError(f"{kind.__name__} har fält utanför __init__")
    return found


@cache
def _hints(kind: type) -> dict[str, Any]:
    hints = get_type_hints(kind)
    return {f.name: hints[f.name] for f in _fields(kind)}
