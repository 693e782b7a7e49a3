"""Command line: plain option values taken as they are, without loading a validation library.

Typer 0.29 checks every parameter's value with a pydantic `TypeAdapter`, built on first use,
and importing pydantic for that costs more start-up time than the rest of lofte's command
line together (about 60 ms of a 100 ms start). Nearly every value lofte's commands get is
already what its annotation asks for: a text for a `str` option, a bool for a flag, an
enum member or the exact value of one, or nothing at all. Such a value is returned here as
it is, which is what the adapter returns for it too (tests compare the two on every option
of every command). Anything else (a number, a path, a text with a lone surrogate, a
choice spelt in another case, an option with its own parser) goes to Typer's own
coercion, built only then, so its checks and error messages are unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, get_args

from typer import _coercion, core
from typer._click import Context

_BUILD = _coercion.build_runtime_param


def _plain_annotation(descriptor: _coercion.TypeDescriptor) -> type | None:
    """The one plain type (str, bool, an Enum) an option's annotation names, or None."""
    info = descriptor.parameter_info
    if descriptor.file_annotation is not None or getattr(info, "parser", None) is not None:
        return None
    if getattr(info, "click_type", None) is not None:
        return None
    annotation: Any = descriptor.annotation
    if not isinstance(annotation, type):  # `str | None` and the like
        members = [a for a in get_args(annotation) if a is not type(None)]
        annotation = members[0] if len(members) == 1 else None
    if not isinstance(annotation, type):
        return None
    if annotation in (str, bool) or issubclass(annotation, Enum):
        return annotation
    return None


@dataclass(frozen=True)
class PlainRuntimeParam(_coercion.RuntimeParam):
    """A value already of its plain type passes as it is; anything else goes to Typer's
    own coercion (`full`, built on first need)."""

    descriptor: _coercion.TypeDescriptor = field(compare=False)
    plain: type = str
    built: list[_coercion.RuntimeParam] = field(default_factory=list, compare=False)

    def _coerce_value(self, value: Any, param: Any, ctx: Context) -> Any:
        plain = self.plain
        if plain is str:
            if type(value) is str and _encodable(value):
                return value
        elif plain is bool:
            if type(value) is bool:
                return value
        elif isinstance(value, plain):
            return value
        elif type(value) is str and issubclass(plain, Enum):
            for member in plain:
                if member.value == value:
                    return member
        return self.full()._coerce_value(value, param=param, ctx=ctx)

    def full(self) -> _coercion.RuntimeParam:
        if not self.built:
            self.built.append(_BUILD(self.descriptor))
        return self.built[0]


def _encodable(text: str) -> bool:
    """No lone surrogate (an undecodable byte of the command line): those go to Typer."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def build_runtime_param(descriptor: _coercion.TypeDescriptor) -> _coercion.RuntimeParam:
    plain = _plain_annotation(descriptor)
    if plain is None:
        return _BUILD(descriptor)
    return PlainRuntimeParam(
        parameter_info=descriptor.parameter_info,
        annotation=descriptor.annotation,
        descriptor=descriptor,
        plain=plain,
    )


def install() -> None:
    """Have Typer's parameters use `build_runtime_param` (idempotent)."""
    core.build_runtime_param = build_runtime_param  # type: ignore[attr-defined]
