"""`@frozen` and `@mutable`: dataclasses that cost a fraction of `@dataclass` to declare.

Every `lofte` start declares a few dozen small classes, and `@dataclass(frozen=True,
slots=True)` compiles six methods per class from source (`__init__`, `__repr__`, `__eq__`,
`__hash__`, `__setattr__`, `__delattr__`), a plain `@dataclass` three: together a sixth of
the start of `lofte status`. These decorators let `dataclasses.dataclass` collect the fields
(so `fields()`, `replace()`, `asdict()`, `is_dataclass()` and pattern matching work as
before), compile only `__init__` (the one method whose speed matters when a million rows
are made), and that when the class makes its first object (a command uses few of the
classes a start declares), and give the others as shared functions over the fields.
What a class does is the same as with the dataclass it replaces:

- `@frozen` is `@dataclass(frozen=True, slots=True)` (`@frozen(slots=False)`: without
  slots): equal and hashed by its compared fields, the same `repr`, assigning or deleting a
  field raises `dataclasses.FrozenInstanceError`;
- `@mutable` is `@dataclass`: mutable, equal by its compared fields, unhashable, the same
  `repr`.
"""

from __future__ import annotations

import dataclasses
import reprlib
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

_T = TypeVar("_T")

_MISSING: Any = dataclasses.MISSING
_FACTORY = object()  # an argument left out whose default a factory makes


@overload
def frozen(cls: type[_T], /) -> type[_T]: ...


@overload
def frozen(*, slots: bool = True) -> Callable[[type[_T]], type[_T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def frozen(cls: type[_T] | None = None, /, *, slots: bool = True) -> Any:
    """Declare `cls` as a frozen dataclass (with `__slots__` unless `slots=False`)."""
    if cls is None:
        return lambda later: _declare(later, slots, True)
    return _declare(cls, slots, True)


@dataclass_transform(field_specifiers=(dataclasses.field, dataclasses.Field))
def mutable(cls: type[_T], /) -> type[_T]:
    """Declare `cls` as a plain (mutable) dataclass."""
    return _declare(cls, False, False)


def _declare(cls: type[_T], slots: bool, is_frozen: bool) -> type[_T]:
    own = cls.__dict__
    if is_frozen and ("__setattr__" in own or "__delattr__" in own):
        raise TypeError(f"{cls.__name__}: en @frozen-klass har inga egna __setattr__/__delattr__")
    kept_hash = own.get("__hash__", _MISSING)
    explicit_hash = not (kept_hash is _MISSING or (kept_hash is None and "__eq__" in own))
    if cls.__doc__ is None:
        cls.__doc__ = cls.__name__  # else dataclass makes one from inspect.signature (slow)
    made: Any = dataclasses.dataclass(cls, init=False, repr=False, eq=False, slots=slots)
    fields = dataclasses.fields(made)
    names = frozenset(f.name for f in fields)
    shown = tuple(f.name for f in fields if f.repr)
    compared = _key(tuple(f.name for f in fields if f.compare))
    hashed = _key(tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash)))

    def compiled() -> Callable[..., None]:
        # At the first object (or when the signature is asked for): a start declares many
        # classes it makes no object of. made.__init__ is then the compiled one for good.
        if made.__dict__["__init__"] is __init__:
            made.__init__ = _init(made, fields, is_frozen)
        return made.__init__  # type: ignore[no-any-return]

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        compiled()(self, *args, **kwargs)

    @reprlib.recursive_repr()
    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({inner})"

    def __eq__(self: Any, other: object) -> Any:
        if other.__class__ is self.__class__:
            return compared(self) == compared(other)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(hashed(self))

    def __setattr__(self: Any, name: str, new: object) -> None:
        if type(self) is made or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(made, self).__setattr__(name, new)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is made or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(made, self).__delattr__(name)

    def __getstate__(self: Any) -> list[object]:
        return [getattr(self, f.name) for f in fields]

    def __setstate__(self: Any, state: list[object]) -> None:
        for f, kept in zip(fields, state, strict=True):
            object.__setattr__(self, f.name, kept)

    methods: dict[str, Callable[..., Any] | None] = {}
    if "__init__" not in own:
        methods["__init__"] = __init__
    if "__repr__" not in own:
        methods["__repr__"] = __repr__
    if "__eq__" not in own:
        methods["__eq__"] = __eq__
    if not explicit_hash:  # as dataclass: hashed when frozen, else unhashable
        methods["__hash__"] = __hash__ if is_frozen else None
    if is_frozen:
        methods |= {"__setattr__": __setattr__, "__delattr__": __delattr__}
    if is_frozen and slots:  # as dataclass: copy.copy would otherwise assign through __setattr__
        methods |= {"__getstate__": __getstate__, "__setstate__": __setstate__}
    for name, method in methods.items():
        if method is not None:
            method.__qualname__ = f"{made.__qualname__}.{name}"
        setattr(made, name, method)
    if "__init__" in methods:
        made.__signature__ = _CompiledFirst(compiled)
    return made  # type: ignore[no-any-return]


class _CompiledFirst:
    """`inspect.signature(cls)` asks the class for `__signature__` first: this compiles the
    real `__init__` and answers None, so inspect goes on to read that `__init__`."""

    def __init__(self, compiled: Callable[[], object]) -> None:
        self._compiled = compiled

    def __get__(self, instance: object, owner: type | None = None) -> None:
        self._compiled()


def _key(names: tuple[str, ...]) -> Callable[[Any], tuple[object, ...]]:
    """The tuple of these fields' values (`attrgetter` gives a bare value for one name)."""
    if not names:
        return lambda _: ()
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return attrgetter(*names)


def _init(
    cls: type, fields: tuple[dataclasses.Field[Any], ...], is_frozen: bool
) -> Callable[..., None]:
    """`__init__` compiled once for `cls`, as dataclass writes it (a frozen class's sets
    its fields through `object.__setattr__`)."""
    space: dict[str, Any] = {"__set": object.__setattr__, "__factory": _FACTORY}
    setting = " __set(self, {name!r}, {value})" if is_frozen else " self.{name} = {value}"
    params: list[str] = []
    keywords: list[str] = []
    body: list[str] = []
    for index, f in enumerate(fields):
        name = f.name
        if f.default is not _MISSING:
            space[f"__default{index}"] = f.default
        if f.default_factory is not _MISSING:
            space[f"__make{index}"] = f.default_factory
        if f.init:
            if f.default is not _MISSING:
                param = f"{name}=__default{index}"
            elif f.default_factory is not _MISSING:
                param = f"{name}=__factory"
                body.append(f" if {name} is __factory: {name} = __make{index}()")
            else:
                param = name
            (keywords if f.kw_only is True else params).append(param)
            body.append(setting.format(name=name, value=name))
        elif f.default is not _MISSING:
            body.append(setting.format(name=name, value=f"__default{index}"))
        elif f.default_factory is not _MISSING:
            body.append(setting.format(name=name, value=f"__make{index}()"))
    if hasattr(cls, "__post_init__"):
        body.append(" self.__post_init__()")
    signature = ", ".join(["self", *params, *(["*", *keywords] if keywords else [])])
    source = f"def __init__({signature}):\n" + ("\n".join(body) or " pass") + "\n"
    exec(source, space)  # noqa: S102 - the one method compiled, from the field names alone
    init: Callable[..., None] = space["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init
