"""`@frozen` declares a frozen dataclass that behaves as `@dataclass(frozen=True, slots=True)`."""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from typing import cast

import pytest

from medborgarlofte.core.frozen import frozen


@frozen
class Spot:
    name: str
    days: tuple[int, ...] = ()
    notes: list[str] = field(default_factory=list, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Twin:
    name: str
    days: tuple[int, ...] = ()
    notes: list[str] = field(default_factory=list, compare=False, repr=False)


@frozen(slots=False)
class Loose:
    """A value with a `__dict__`."""

    amount: int


def test_a_value_is_equal_hashed_and_shown_as_the_dataclass_it_replaces() -> None:
    one, twin = Spot("a", (1, 2)), Twin("a", (1, 2))
    assert one == Spot("a", (1, 2), ["annat"])
    assert one != Spot("a", (1,))
    assert one != cast(object, twin)  # another class is never equal, as with dataclass
    assert hash(one) == hash(twin) == hash(Spot(name="a", days=(1, 2)))
    assert repr(one) == repr(twin).replace("Twin", "Spot") == "Spot(name='a', days=(1, 2))"
    assert Spot("b").notes == [] and Spot("b").notes is not Spot("b").notes
    assert {one: 1}[Spot("a", (1, 2))] == 1


def test_a_value_cannot_be_changed() -> None:
    one = Spot("a")
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.name = "b"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del one.name
    with pytest.raises(AttributeError):
        one.other = 1  # type: ignore[attr-defined]
    loose = Loose(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        loose.amount = 2  # type: ignore[misc]
    assert not hasattr(one, "__dict__") and hasattr(loose, "__dict__")


def test_a_value_is_still_a_dataclass_for_fields_replace_and_copy() -> None:
    one = Spot("a", (1,), ["n"])
    assert dataclasses.is_dataclass(one)
    assert [f.name for f in dataclasses.fields(Spot)] == ["name", "days", "notes"]
    assert dataclasses.replace(one, name="b") == Spot("b", (1,))
    assert dataclasses.asdict(one) == {"name": "a", "days": (1,), "notes": ["n"]}
    assert copy.copy(one) == one and copy.deepcopy(one).notes == ["n"]
    assert copy.copy(Loose(3)) == Loose(3)
    match one:
        case Spot(name, days):
            assert (name, days) == ("a", (1,))
    with pytest.raises(TypeError):
        Spot()  # type: ignore[call-arg]
