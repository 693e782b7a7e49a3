"""The command line uses only the public API of its dependencies, and starts fast by public
means: Typer before 0.26 builds on Click as a package of its own and imports no pydantic.

Swedish help and usage errors come from Click's public help formatter, context class and
exceptions (cli/swedish.py; tests/test_swedish_cli.py checks every page and error).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import click
import pytest
from typer.main import get_command

from medborgarlofte.cli import app
from medborgarlofte.cli.swedish import value_placeholder

SRC = Path(__file__).resolve().parent.parent / "src"


def private_imports(source: str) -> list[str]:
    """Every import of a private module or name (one whose dotted path has a part that
    starts with `_`, dunders aside) and every attribute read through one (`typer._click`)."""
    found = []

    def private(dotted: str) -> bool:
        return any(p.startswith("_") and not p.endswith("__") for p in dotted.split("."))

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if private(alias.name)]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if private(node.module):
                found.append(node.module)
            found += [f"{node.module}.{a.name}" for a in node.names if private(a.name)]
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in {"typer", "click", "rich", "yaml"}
            and private(node.attr)
        ):
            found.append(f"{node.value.id}.{node.attr}")
    return found


def test_the_private_import_finder_finds_each_kind() -> None:
    source = (
        "import typer._click\n"
        "from typer import _coercion, core\n"
        "from typer._click.exceptions import UsageError\n"
        "from click.core import _flag_needs_value\n"
        "x = typer._click.Context\n"
        "from __future__ import annotations\n"
        "import click\n"
        "from click.exceptions import NoArgsIsHelpError\n"
        "from medborgarlofte.load import repo\n"
        "y = str.__name__\n"
    )
    assert private_imports(source) == [
        "typer._click",
        "typer._coercion",
        "typer._click.exceptions",
        "click.core._flag_needs_value",
        "typer._click",
    ]


def test_no_module_imports_a_private_module_or_name_of_a_dependency() -> None:
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        names = [
            name
            for name in private_imports(path.read_text(encoding="utf-8"))
            if not name.startswith("medborgarlofte.")
        ]
        if names:
            found[str(path.relative_to(SRC))] = names
    assert found == {}


def test_every_option_that_takes_a_value_shows_a_swedish_placeholder() -> None:
    placeholders = set()
    stack: list[click.Command] = [get_command(app)]
    while stack:
        command = stack.pop()
        for param in command.params:
            if isinstance(param, click.Option) and not param.is_flag:
                placeholder = value_placeholder(param) or param.metavar
                assert placeholder is not None, (command.name, param.name)
                placeholders.add(placeholder)
        stack.extend(getattr(command, "commands", {}).values())
    assert {"<text>", "<heltal>", "<tabell|json>"} <= placeholders


@pytest.mark.parametrize(
    ("option", "placeholder"),
    [
        (click.Option(["--a"]), "<text>"),
        (click.Option(["--a"], type=int), "<heltal>"),
        (click.Option(["--a"], type=click.IntRange(min=1)), "<heltal>"),
        (click.Option(["--a"], type=float), "<tal>"),
        (click.Option(["--a"], type=click.Path()), "<fil>"),
        (click.Option(["--a"], type=click.Choice(["x", "y"])), "<x|y>"),
        (click.Option(["--a"], type=bool, is_flag=False), "<ja/nej>"),
        (click.Option(["--a"], is_flag=True), None),
        (click.Option(["--a"], metavar="KATALOG"), None),
        (click.Argument(["a"]), None),
    ],
)
def test_the_placeholder_of_each_kind_of_value(
    option: click.Parameter, placeholder: str | None
) -> None:
    assert value_placeholder(option) == placeholder


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
