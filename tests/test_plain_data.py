"""plain_data.to_plain picks its writer once a class; it makes exactly what the reference,
which tests each value against each kind in turn (the way it was written first), makes,
and refuses exactly what the reference refuses, with the same words."""

from __future__ import annotations

import dataclasses
import os
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from medborgarlofte.core.model import Direction, Exemption, Period, Target, Unit
from medborgarlofte.core.problems import Problem, Severity
from medborgarlofte.load import plain_data

SCALE = float(os.environ.get("LOFTE_PROPERTY_SCALE", "1"))


def reference(value: Any) -> Any:
    """to_plain as it was first written: every value tested against every kind."""
    kind: Any = type(value)
    if kind is str or kind is int or kind is bool or value is None or kind is float:
        return value
    if isinstance(value, Enum):
        return reference(value.value)
    if kind is Decimal:
        if not value.is_finite():
            raise TypeError("Decimal")
        return {"decimal": str(value)}
    if isinstance(value, str | int | float):
        raise TypeError(f"{kind.__name__} hålls inte som data")
    if isinstance(value, datetime):
        raise TypeError("datetime")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [reference(item) for item in value]
    if isinstance(value, dict):
        return [[reference(key), reference(item)] for key, item in value.items()]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: reference(getattr(value, name)) for name in plain_data._hints(kind)}
    raise TypeError(f"{kind.__name__} hålls inte som data")


class Word(str):
    pass


class Count(int):
    pass


class Day(date):
    pass


class Moment(datetime):
    pass


@dataclasses.dataclass
class Hidden:
    shown: int
    hidden: int = dataclasses.field(default=0, init=False)


def _outcome(write: Any, value: Any) -> Any:
    try:
        return ("data", _typed(write(value)))
    except TypeError as error:
        return ("refused", str(error))


def _typed(data: Any) -> Any:
    """Plain data with every value's type beside it, so 1 and True and 1.0 differ."""
    if isinstance(data, list):
        return ["list", [_typed(item) for item in data]]
    if isinstance(data, dict):
        return ["dict", [[key, _typed(item)] for key, item in data.items()]]
    return [type(data).__name__, data if data == data else "nan"]


scalars = st.one_of(
    st.text(max_size=5),
    st.integers(),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
    st.sampled_from([*Unit, *Direction, Severity.ERROR]),
    st.builds(Word, st.text(max_size=3)),
    st.builds(Count, st.integers(0, 9)),
    st.builds(Day, st.integers(1, 9999), st.integers(1, 12), st.integers(1, 28)),
    st.builds(Moment, st.integers(1, 9999), st.integers(1, 12), st.integers(1, 28)),
    st.builds(Hidden, st.integers()),
    st.sampled_from([Period, Hidden, object(), frozenset({1}), b"x", 1j]),
    st.builds(Period, st.text(max_size=4), st.dates(), st.dates()),
    st.builds(Exemption, st.none() | st.integers(1, 12), st.none() | st.dates()),
    st.builds(Target, st.tuples(st.text(max_size=3)), st.none() | st.integers()),
    st.builds(
        Problem,
        code=st.just("E001"),
        severity=st.sampled_from(list(Severity)),
        path=st.text(max_size=3),
        line=st.none() | st.integers(),
        column=st.none() | st.integers(),
        message=st.text(max_size=5),
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3)
    | st.lists(inner, max_size=3).map(tuple)
    | st.dictionaries(st.text(max_size=2) | st.integers(), inner, max_size=3),
    max_leaves=12,
)


@settings(max_examples=max(1, int(300 * SCALE)), deadline=None)
@given(values)
def test_to_plain_makes_and_refuses_what_the_reference_does(value: Any) -> None:
    assert _outcome(plain_data.to_plain, value) == _outcome(reference, value)


def test_the_field_types_are_those_typing_gives_for_every_dataclass_of_lofte() -> None:
    """`_hints` evaluates the model's annotations itself (each text compiled once): for every
    dataclass lofte declares it must give what `typing.get_type_hints` gives."""
    import importlib
    import pkgutil
    import typing

    import medborgarlofte

    compared = 0
    for info in pkgutil.walk_packages(medborgarlofte.__path__, "medborgarlofte."):
        module = importlib.import_module(info.name)
        for kind in list(vars(module).values()):
            if not (isinstance(kind, type) and dataclasses.is_dataclass(kind)):
                continue
            if kind.__module__ != module.__name__:
                continue
            fields = dataclasses.fields(kind)
            if not all(f.init for f in fields):
                continue
            try:
                hints = typing.get_type_hints(kind)
            except NameError:  # a name imported for the type checker alone: never decoded
                continue
            assert plain_data._hints(kind) == {f.name: hints[f.name] for f in fields}, kind
            compared += 1
    assert compared > 50
