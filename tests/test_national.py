"""A repo of many kommuner: read in one process, and drawn without Rich laying out every
row, with exactly the output of Rich."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from conftest import MINIMAL_PROMISES, run_lofte, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from medborgarlofte.cli.rich_console import SafeConsole
from medborgarlofte.core.model import Period
from medborgarlofte.judge.evaluate import STATUSES
from medborgarlofte.judge.overview import Overview, OverviewRow
from medborgarlofte.load import halves, workspace
from medborgarlofte.load.promise_cache import Loaded
from medborgarlofte.load.repo import PromiseFileRef, Repo
from medborgarlofte.render import overview as render_overview

HEADER = "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad\n"


def _many_kommuner(root: Path, count: int = 12) -> Path:
    """`count` kommuner with small logs, and in some of them what check and oversikt report:
    bad rows, a broken promise file, a missing log, a period's row in the wrong log."""
    for n in range(count):
        folder = f"kommun-{n:02d}"
        text = MINIMAL_PROMISES.format(period=2019).replace("Exempelby", f"Exempelby {n}")
        write(root, f"promises/{folder}/2019.yaml", text)
        rows = [
            f"2019-0{1 + m % 9}-1{m % 10},kontakt,{1 + m % 3},Torget,,,Exempeldata,x,\n"
            for m in range(n * 7)
        ]
        if n % 4 == 1:
            rows.append("2019-02-30,kontakt,1,,,,Exempeldata,x,\n")  # E021
            rows.append("2018-12-31,kontakt,1,,,,Exempeldata,x,\n")  # E022, belongs in 2018
        if n % 5 == 2:
            rows.append("2019-03-03,okänd,1,,,,Exempeldata: 19121212-1212,x,\n")
        if n != 3:  # kommun 3 has no log yet
            write(root, f"logs/{folder}/2019.csv", HEADER + "".join(rows))
    write(root, "promises/kommun-01/2018.yaml", MINIMAL_PROMISES.format(period=2018))
    write(root, "promises/kommun-07/2019.yaml", "kommun: [oavslutad\n")
    return root


@pytest.mark.parametrize(
    "args",
    [
        ("check",),
        ("check", "--strikt", "--per", "2019-06-30", "--format", "json"),
        ("oversikt", "--per", "2019-06-30"),
        ("oversikt", "2019", "--format", "json"),
    ],
)
def test_many_kommuner_are_read_in_one_process(tmp_path: Path, args: tuple[str, ...]) -> None:
    """No helper process: nothing is forked for a repo of small logs, and the broken file
    and rows are reported."""
    root = _many_kommuner(tmp_path)
    forked: list[bool] = []
    real_fork = halves.os.fork

    def fork() -> int:
        forked.append(True)
        return real_fork()

    halves.os.fork = fork  # type: ignore[assignment]
    try:
        result = run_lofte(*args, cwd=root)
    finally:
        halves.os.fork = real_fork  # type: ignore[assignment]
    assert not forked
    assert result.exit_code == 1 and result.stdout  # the broken file and rows are reported


def test_each_promise_result_runs_meanwhile_first_and_keeps_the_order(tmp_path: Path) -> None:
    root = _many_kommuner(tmp_path)
    repo = Repo.open(root)
    done: list[str] = []

    def work(ref: PromiseFileRef, loaded: Loaded) -> str:
        assert loaded == repo.load_file(ref)
        done.append(ref.rel)
        return ref.rel

    results = workspace.each_promise_result(repo, repo.refs, work, lambda: done.append("först"))
    assert results == [ref.rel for ref in repo.refs]
    assert done == ["först", *results]


def _overview(rows: list[tuple[str, str, int, list[int]]]) -> Overview:
    return Overview(
        date(2019, 6, 30),
        [
            OverviewRow(
                kommun,
                None,
                "",
                f"promises/{n}.yaml",
                Period(name, date(2019, 1, 1), date(2019, 12, 31)),
                promises,
                dict(zip(STATUSES, counts, strict=True)),
            )
            for n, (kommun, name, promises, counts) in enumerate(rows)
        ],
    )


def _drawn(
    overview: Overview, width: int, kind: str, fast: bool, monkeypatch: pytest.MonkeyPatch
) -> str:
    """print_overview's output, with the plain drawing allowed (`fast`) or left to Rich."""
    file = io.StringIO()
    options = {"file": file, "width": width, "highlight": False, "soft_wrap": False}
    if kind == "safe":
        console: Console = SafeConsole(**options, markup=False, emoji=False)
    elif kind == "terminal":
        console = Console(**options, force_terminal=True)
    else:
        console = Console(**options)
    with monkeypatch.context() as patched:
        if not fast:
            patched.setattr(render_overview, "_plain_lines", lambda *args: None)
        render_overview.print_overview(console, overview)
    return file.getvalue()


NAMES = st.from_regex(r"[A-ZÅÄÖ][a-zåäöé]{0,12}( [A-Za-z0-9åäö]{1,9}){0,2}", fullmatch=True)
# Names the plain drawing must leave to Rich: markup, tabs, wide characters, doubled spaces.
ODD_NAMES = st.text(alphabet="ab  [\t日ü\u0301", min_size=1, max_size=12)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.tuples(
            NAMES,
            st.sampled_from(["2019", "2020-2021", "2019-2022"]),
            st.integers(0, 40),
            st.lists(st.one_of(st.integers(0, 99), st.integers(0, 12000)), min_size=6, max_size=6),
        ),
        min_size=1,
        max_size=12,
    ),
    # Wide enough for status words, for symbols only, and for neither (one block per kommun).
    width=st.one_of(st.integers(90, 200), st.integers(20, 220)),
    odd=st.one_of(st.none(), ODD_NAMES),
    kind=st.sampled_from(["plain", "safe", "terminal"]),
)
def test_the_plain_table_is_the_one_rich_draws(
    rows: list[tuple[str, str, int, list[int]]],
    width: int,
    odd: str | None,
    kind: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if odd is not None:
        rows[-1] = (odd, *rows[-1][1:])
    overview = _overview(rows)
    fast = _drawn(overview, width, kind, True, monkeypatch)
    assert fast == _drawn(overview, width, kind, False, monkeypatch)


@pytest.mark.parametrize("width", [120, 80])
def test_the_plain_table_is_used_for_a_national_repo(
    width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """290 kommuner, in the layout with status words (120 columns) and with symbols (80)."""
    rows = [(f"Exempelkommun {n}", "2019", 8, [8, 0, 0, 0, 0, n]) for n in range(290)]
    overview = _overview(rows)
    used = []
    plain_lines = render_overview._plain_lines

    def spy(*args: object) -> list[str] | None:
        lines = plain_lines(*args)  # type: ignore[arg-type]
        used.append(lines is not None)
        return lines

    monkeypatch.setattr(render_overview, "_plain_lines", spy)
    fast = _drawn(overview, width, "safe", True, monkeypatch)
    assert used == [True]
    assert fast == _drawn(overview, width, "safe", False, monkeypatch)
    assert fast.count("Exempelkommun") == 290
    assert ("┃ Uppfyllt" in fast) == (width == 120)
