"""Loading, kept and passed results: model values as plain JSON data, and back, validated.

The promise cache keeps what a promise file was read as, and a helper process sends back
what it loaded; both go through here. Only plain data is written (objects, lists, text,
numbers, true/false/null), so reading it back can never run code, and reading checks
every value against the type its dataclass field declares: a missing or extra field, a
number where text belongs, an unknown status, anything not made here is refused with
`NotOurs`. Fields are found from the dataclasses themselves, so a field added to the model
is kept too; a type this module does not know (a Fraction, say) is refused both ways.
The reader for each type is built once, from its annotations, and reused.
"""

from __future__ import annotations

import dataclasses
import sys
import types
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints


class NotOurs(ValueError):
    """Plain data that is not a value of the asked type (damaged, foreign or outdated)."""


def to_plain(value: Any) -> Any:
    """`value` as JSON-ready data: dataclasses as objects, tuples and lists as lists, dicts as
    lists of [key, value] (keys keep their type and order), dates as ISO text."""
    kind: Any = type(value)
    return _writer(kind)(value)


Writer = Callable[[Any], Any]


@cache
def _writer(kind: Any) -> Writer:
    """The function that makes plain data of a value of exactly the class `kind`: which
    one is decided once a class, not by testing every value against every kind."""
    if kind in (str, int, bool, float, type(None)):
        return _same
    if issubclass(kind, Enum):
        return lambda value: to_plain(value.value)
    if kind is Decimal:  # tagged, so that it is never read back as the text it is kept as
        return _plain_decimal
    if issubclass(kind, str | int | float):
        return _refuse
    if issubclass(kind, datetime):
        return _refuse_datetime  # not in the model; refuse rather than guess its zone
    if issubclass(kind, date):
        return _plain_date
    if issubclass(kind, tuple | list):
        return lambda value: [to_plain(item) for item in value]
    if issubclass(kind, dict):
        return lambda value: [[to_plain(key), to_plain(item)] for key, item in value.items()]
    if not issubclass(kind, type) and dataclasses.is_dataclass(kind):
        names = tuple(_field_names(kind))  # raises TypeError for a field not kept, each time
        return lambda value: {name: to_plain(getattr(value, name)) for name in names}
    return _refuse


def _field_names(kind: Any) -> list[str]:
    return list(_hints(kind))


def _same(value: Any) -> Any:
    return value


def _refuse(value: Any) -> Any:
    raise TypeError(f"{type(value).__name__} hålls inte som data")


def _refuse_datetime(value: datetime) -> Any:
    raise TypeError("datetime")


def _plain_decimal(value: Decimal) -> Any:
    if not value.is_finite():
        raise TypeError("Decimal")
    return {"decimal": str(value)}


def _plain_date(value: date) -> str:
    return value.isoformat()


def from_plain(kind: Any, data: Any) -> Any:
    """The value of type `kind` that `data` describes; raises NotOurs when it describes none."""
    return reader(kind)(data)


Reader = Callable[[Any], Any]


@cache
def reader(kind: Any) -> Reader:
    """The function that turns plain data into a value of type `kind`, or raises NotOurs."""
    origin = get_origin(kind)
    if origin is Union or origin is types.UnionType:
        return _union(
            [reader(member) for member in get_args(kind) if member is not type(None)],
            type(None) in get_args(kind),
        )
    if origin is tuple:
        args = get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            item = reader(args[0])
            return lambda data: tuple([item(value) for value in _list(data)])
        items = [reader(arg) for arg in args]
        return lambda data: _fixed(items, _list(data))
    if origin is list:
        item = reader(get_args(kind)[0])
        return lambda data: [item(value) for value in _list(data)]
    if origin is dict:
        key_kind, value_kind = get_args(kind)
        return _mapping(reader(key_kind), reader(value_kind))
    if kind is type(None):
        return _null
    if kind in (bool, int, str):
        return _exactly(kind)
    if kind is float:
        return _float
    if isinstance(kind, type) and issubclass(kind, Enum):
        return _enum(kind)
    if kind is date:
        return _date
    if kind is Decimal:
        return _decimal
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass(kind)
    raise TypeError(f"{kind} hålls inte som data")


def _union(members: list[Reader], nullable: bool) -> Reader:
    def read(data: Any) -> Any:
        if data is None:
            if nullable:
                return None
            raise NotOurs("null")
        for member in members:
            try:
                return member(data)
            except NotOurs:
                continue
        raise NotOurs("inget av typerna")

    return read


def _fixed(items: list[Reader], data: list[Any]) -> tuple[Any, ...]:
    if len(items) != len(data):
        raise NotOurs("fel antal")
    return tuple([item(value) for item, value in zip(items, data, strict=True)])


def _mapping(key: Reader, value: Reader) -> Reader:
    def read(data: Any) -> dict[Any, Any]:
        pairs = _list(data)
        result = {}
        for pair in pairs:
            if type(pair) is not list or len(pair) != 2:
                raise NotOurs("inget par")
            result[key(pair[0])] = value(pair[1])
        if len(result) != len(pairs):
            raise NotOurs("dubbla nycklar")
        return result

    return read


def _exactly(kind: type) -> Reader:
    def read(data: Any) -> Any:
        if type(data) is not kind:
            raise NotOurs(f"inte {kind.__name__}")
        return data

    return read


def _null(data: Any) -> None:
    if data is not None:
        raise NotOurs("inte null")


def _float(data: Any) -> float:
    if type(data) not in (int, float):
        raise NotOurs("inte ett tal")
    return float(data)


def _enum(kind: type[Enum]) -> Reader:
    def read(data: Any) -> Enum:
        try:
            return kind(data)
        except ValueError:
            raise NotOurs(f"inte {kind.__name__}") from None

    return read


def _date(data: Any) -> date:
    if type(data) is not str or len(data) != 10:
        raise NotOurs("inget datum")
    try:
        return date.fromisoformat(data)
    except ValueError:
        raise NotOurs("inget datum") from None


def _dataclass(kind: type) -> Reader:
    hints = _hints(kind)
    names = frozenset(hints)
    fields = [(name, reader(hint)) for name, hint in hints.items()]

    def read(data: Any) -> Any:
        if type(data) is not dict or data.keys() != names:
            raise NotOurs(f"andra fält än {kind.__name__}")
        return kind(**{name: field(data[name]) for name, field in fields})

    return read


def _list(data: Any) -> list[Any]:
    if type(data) is not list:
        raise NotOurs("ingen lista")
    return data


@cache
def _hints(kind: type) -> dict[str, Any]:
    """The field types, as `get_type_hints` gives them. For a class of its own fields with
    plain annotations (the model's), each annotation's text is compiled once for every
    class (`get_type_hints` compiles it anew for each field, a third of a warm start's
    decoding) and evaluated as it does: the module's names first, then the class's."""
    found = dataclasses.fields(kind)
    if not all(f.init for f in found):
        raise TypeError(f"{kind.__name__} har fält utanför __init__")
    texts = [f.type for f in found]
    if kind.__bases__ != (object,) or not all(
        isinstance(text, str) and "Annotated" not in text and "'" not in text and '"' not in text
        for text in texts
    ):
        hints = get_type_hints(kind)
        return {f.name: hints[f.name] for f in found}
    module = vars(sys.modules[kind.__module__])
    own = dict(vars(kind))
    found_types = {}
    for f, text in zip(found, map(str, texts), strict=True):
        code = _COMPILED.get(text)
        if code is None:
            code = _COMPILED[text] = compile(text, "<string>", "eval")
        hint = eval(code, own, module)  # noqa: S307 - the class's own annotation, as typing does
        found_types[f.name] = type(None) if hint is None else hint
    return found_types


_COMPILED: dict[str, types.CodeType] = {}


def _decimal(data: Any) -> Decimal:
    if type(data) is not dict or set(data) != {"decimal"} or type(data["decimal"]) is not str:
        raise NotOurs("inget decimaltal")
    try:
        value = Decimal(data["decimal"])
    except InvalidOperation:
        raise NotOurs("inget decimaltal") from None
    if not value.is_finite():
        raise NotOurs("inget ändligt decimaltal")
    return value
