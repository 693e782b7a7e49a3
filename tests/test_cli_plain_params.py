"""Plain option values pass without Typer's pydantic coercion (cli/plain_params.py), and
what passes is exactly what that coercion would have returned, or raised."""

from __future__ import annotations

import subprocess
import sys
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from typer import _coercion
from typer._click import Context
from typer._click.exceptions import BadParameter
from typer.core import _TyperParameter
from typer.main import get_command

from medborgarlofte.cli import app, plain_params


def _parameters() -> list[tuple[Any, _TyperParameter]]:
    root = get_command(app)
    found = []
    stack = [root]
    while stack:
        command = stack.pop()
        found += [(command, p) for p in command.params if isinstance(p, _TyperParameter)]
        stack.extend(getattr(command, "commands", {}).values())
    return found


def _values(plain: type) -> list[Any]:
    values: list[Any] = ["abc", "Kalix kommun", "åäö", "x\udcff", "", "1", True, False, 3]
    if issubclass(plain, Enum):
        for member in plain:
            values += [member, member.value, str(member.value).upper()]
    return values


def _outcome(runtime: _coercion.RuntimeParam, value: Any, param: Any, ctx: Context) -> Any:
    try:
        result = runtime.coerce(value, param=param, ctx=ctx)
    except BadParameter as error:
        return ("fel", error.format_message())
    return ("värde", type(result), result)


def test_every_plain_option_of_every_command_coerces_as_typer_does() -> None:
    checked = 0
    for command, param in _parameters():
        descriptor = param.type_descriptor
        ours = plain_params.build_runtime_param(descriptor)
        if not isinstance(ours, plain_params.PlainRuntimeParam):
            continue
        theirs = plain_params._BUILD(descriptor)
        ctx = Context(command)
        for value in [None, param.default, *_values(ours.plain)]:
            assert _outcome(ours, value, param, ctx) == _outcome(theirs, value, param, ctx), (
                command.name,
                param.name,
                value,
            )
            checked += 1
    assert checked > 300  # every command's str, bool and choice options


def test_other_annotations_keep_typers_own_coercion() -> None:
    kinds = set()
    for _, param in _parameters():
        ours = plain_params.build_runtime_param(param.type_descriptor)
        kinds.add(type(ours).__name__)
    assert "PlainRuntimeParam" in kinds
    assert kinds - {"PlainRuntimeParam"}, "no option kept Typer's coercion: test is blind"


@pytest.mark.parametrize("command", [["oversikt"], ["check"], ["status", "2019"]])
def test_the_main_commands_start_without_pydantic_and_check_writes_without_rich(
    command: list[str], tmp_path: Path
) -> None:
    repo = Path(__file__).resolve().parent.parent
    code = (
        "import sys\n"
        "from medborgarlofte.cli import main\n"
        f"sys.argv = ['lofte', '-C', {str(repo)!r}, *{command!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('pydantic' in sys.modules, 'rich' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"LOFTE_IDAG": "2019-12-31", "XDG_CACHE_HOME": str(tmp_path), "PATH": ""},
    )
    pydantic, rich = result.stderr.strip().splitlines()[-1].split()
    assert pydantic == "False", result.stderr
    if command == ["check"]:  # plain text to a file or pipe: nothing drawn, no Rich
        assert rich == "False", result.stderr
