"""The flow of the README's Utveckling: the core imports no CLI or terminal library."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = [
    "medborgarlofte.core.model",
    "medborgarlofte.judge.units",
    "medborgarlofte.core.problems",
    "medborgarlofte.load.promise_file",
    "medborgarlofte.load.log_file",
    "medborgarlofte.judge.evaluate",
    "medborgarlofte.load.repo",
    "medborgarlofte.load.workspace",
    "medborgarlofte.write.append",
    "medborgarlofte.check.run",
    "medborgarlofte.check.check_blocks",
    "medborgarlofte.check.duplicates",
    "medborgarlofte.load.halves",
    "medborgarlofte.load.log_tally",
    "medborgarlofte.load.promise_cache",
    "medborgarlofte.load.textfiles",
]


def test_core_imports_neither_typer_nor_rich() -> None:
    code = (
        "import sys\n"
        f"for name in {CORE!r}: __import__(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich', 'click'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_every_command_has_swedish_help() -> None:
    from typer.main import get_command

    from medborgarlofte.cli import app

    root = get_command(app)
    stack = [root]
    while stack:
        command = stack.pop()
        assert command.help, f"{command.name} saknar hjälptext"
        for sub in getattr(command, "commands", {}).values():
            stack.append(sub)


def test_a_command_registers_only_itself_and_help_lists_every_command(tmp_path: Path) -> None:
    """Typer reads every registered command's signature at start-up: `lofte status` must
    not pay for `rapport` or `init`. Help still lists them all."""
    code = (
        "import sys\n"
        "from medborgarlofte.cli import main\n"
        "sys.argv = ['lofte', '-C', sys.argv[1], 'status', '--help']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "cli = sorted(m for m in sys.modules if m.startswith('medborgarlofte.cli.'))\n"
        "print(','.join(cli), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True
    )
    assert "Visa för varje löfte" in result.stdout
    assert result.stderr.strip() == (
        "medborgarlofte.cli.common,medborgarlofte.cli.complete,"
        "medborgarlofte.cli.status,medborgarlofte.cli.swedish"
    )
    every = "import sys\nfrom medborgarlofte.cli import main\nsys.argv[1:] = ['--help']\nmain()"
    listed = subprocess.run([sys.executable, "-c", every], capture_output=True, text=True)
    for name in (
        "check",
        "init",
        "log",
        "import",
        "loften",
        "typer",
        "oversikt",
        "rapport",
        "status",
        "webb",
        "historik",
    ):
        assert f"  {name} " in listed.stdout, name


def test_the_command_is_found_after_the_root_options() -> None:
    from medborgarlofte.cli import command_name

    assert command_name(["status", "2019"]) == "status"
    assert command_name(["-C", "status", "check"]) == "check"  # a folder named status
    assert command_name(["--katalog", "x", "log", "insats"]) == "log"
    assert command_name(["--katalog=x", "-Cy", "rapport"]) == "rapport"
    assert command_name(["--help", "status"]) is None
    assert command_name(["--version"]) is None
    assert command_name([]) is None


LAYERS = {"core": 0, "load": 1, "judge": 2, "check": 3, "write": 3, "render": 3, "cli": 4}


def test_imports_run_one_way_core_load_judge_then_check_write_render_then_cli() -> None:
    """The folders are the flow: a module imports only from its own folder or one below it
    (core → load → judge → check | write | render → cli); the three siblings of the
    third step never import one another."""
    import ast

    package = Path(__file__).parent.parent / "src" / "medborgarlofte"
    wrong: list[str] = []
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package).parts
        if len(parts) == 1:
            continue  # the package's own __init__ (its version) sits below everything
        own = parts[0]
        assert own in LAYERS, f"{path}: en mapp utanför flödet"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                pieces = name.split(".")
                if pieces[0] != "medborgarlofte" or len(pieces) < 2 or pieces[1] not in LAYERS:
                    continue
                other = pieces[1]
                if other == own:
                    continue
                if LAYERS[other] >= LAYERS[own]:
                    wrong.append(f"{path.relative_to(package)}:{node.lineno} importerar {name}")
    assert wrong == []


def _imports(module: str) -> list[str]:
    """The package's modules that import `module` (a plain `import` or a `from` import)."""
    package = Path(__file__).resolve().parents[1] / "src" / "medborgarlofte"
    found = []
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if module in names:
                found.append(path.relative_to(package).as_posix())
                break
    return found


def test_one_reader_reads_csv_and_at_most_three_modules_import_the_csv_module() -> None:
    """Rows are read by load/log_reader.py alone; the header and writing are the dialect's,
    and the status CSV view writes its own."""
    users = _imports("csv")
    assert "load/log_reader.py" in users
    assert len(users) <= 3, users


def test_nothing_is_pickled_or_marshalled() -> None:
    """Not even between lofte's own processes: what a forked child sends back is JSON and
    arrays of integers."""
    assert _imports("pickle") == _imports("marshal") == _imports("shelve") == []
