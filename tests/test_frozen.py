"""`@frozen` and `@mutable` declare dataclasses that behave as the `@dataclass` they replace."""

from __future__ import annotations

import copy
import dataclasses
import inspect
from dataclasses import dataclass, field
from typing import cast

import pytest

from medborgarlofte.core.frozen import frozen, mutable


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


@mutable
class Counter:
    name: str
    seen: list[int] = field(default_factory=list)
    total: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        self.name = self.name.strip()


@dataclass
class CounterTwin:
    name: str
    seen: list[int] = field(default_factory=list)
    total: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        self.name = self.name.strip()


def test_a_mutable_is_the_plain_dataclass_it_replaces() -> None:
    one = Counter(" a ")
    assert one == Counter("a", [], 5) and one != Counter("a", [1])
    assert repr(one) == repr(CounterTwin(" a ")).replace("CounterTwin", "Counter")
    assert repr(one) == "Counter(name='a', seen=[], total=0)"
    one.total += 2
    one.seen.append(1)
    assert (one.total, one.seen, Counter("b").seen) == (2, [1], [])
    with pytest.raises(TypeError):
        hash(one)
    assert dataclasses.replace(one, name="c") == Counter("c", [1])
    assert copy.copy(one) == one and hasattr(one, "__dict__")


def test_init_sets_fields_defaults_and_factories_and_refuses_as_dataclass() -> None:
    """The compiled `__init__`: the same fields, defaults, factories, `__post_init__` and
    refusals as the dataclass it replaces, for every object."""

    @mutable
    class Made:
        name: str
        days: list[int] = field(default_factory=list)
        shown: bool = True
        later: int = field(default=7, init=False)
        unset: int = field(init=False)

        def __post_init__(self) -> None:
            self.name = self.name.upper()

    seen = []
    for index in range(6):
        one = Made("a", shown=bool(index % 2)) if index % 3 else Made(name="b", days=[index])
        seen.append((one.name, one.days, one.shown, one.later))
        assert not hasattr(one, "unset")
        with pytest.raises(TypeError):
            Made()  # type: ignore[call-arg]
        with pytest.raises(TypeError):
            Made("a", [], True, 4)  # type: ignore[call-arg]
        with pytest.raises(TypeError):
            Made("a", name="b")  # type: ignore[misc]
        with pytest.raises(TypeError):
            Made("a", nowhere=1)  # type: ignore[call-arg]
    expected = [
        ("A", [], bool(i % 2), 7) if i % 3 else ("B", [i], True, 7) for i in range(len(seen))
    ]
    assert seen == expected
    assert Made("a").days is not Made("a").days  # a new list from the factory each time


def test_init_is_compiled_at_the_first_object_and_keeps_its_signature() -> None:
    @frozen
    class Late:
        when: int
        what: str = "x"

    assert list(inspect.signature(Late).parameters) == ["when", "what"]  # before any object
    assert Late(1) == Late(when=1, what="x") != Late(2, "y")
    assert list(inspect.signature(Late).parameters) == ["when", "what"]
    with pytest.raises(TypeError):
        Late(1, "x", 3)  # type: ignore[call-arg]
