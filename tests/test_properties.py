"""Property tests: no input crashes lofte, and the judgement keeps its promises.

- Any text as a promise file or a log: the loaders return problems, never raise, and the CLI
  exits 0 or 1 with its messages.
- Evaluation invariants for random promises and activities: done never decreases as the
  as-of date grows; a met `per: period` promise stays met; adding a counting row never
  lowers done; and every status, done and expected equals a small reference written here
  from the words of docs/bedomning.md alone, day by day with Fractions, sharing no code with
  evaluate.py or units.py (exempt days, `utom`, included: a day is asked whether it is
  exempt, never turned into ranges).
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import random
from collections.abc import Iterator
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import pytest
import typer.main
from conftest import MINIMAL_PROMISES
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from medborgarlofte.cli import app
from medborgarlofte.core.model import (
    LOG_HEADER,
    UNITS,
    Activity,
    Area,
    Exemption,
    Period,
    Promise,
    PromiseSet,
    Target,
)
from medborgarlofte.core.problems import Problem, Severity
from medborgarlofte.judge.evaluate import evaluate
from medborgarlofte.load.log_file import LogRows, read_activities
from medborgarlofte.load.promise_file import parse_promise_text

# LOFTE_PROPERTY_SCALE=10 runs ten times the examples (a thorough run); the default keeps
# the whole suite fast.
SCALE = float(os.environ.get("LOFTE_PROPERTY_SCALE", "1"))


def examples(n: int) -> int:
    return max(1, int(n * SCALE))


FAST = settings(max_examples=examples(80), deadline=None)
INVARIANTS = settings(max_examples=examples(40), deadline=None)
CLI = settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
COMMAND = typer.main.get_command(app)  # built once: app() would rebuild it every call

# --- any text ----------------------------------------------------------------------------

YAML_PIECES = [
    "kommun: Exempelby\n", "period: 2019\n", "period: 2020-2019\n", "period: {från: 2019-02-30}\n",
    "aktivitetstyper:\n", "  a: A\n", "  Å: B\n", "deltagare: [x]\n", "områden:\n",
    "  - namn: T\n", "    löften:\n", "      - id: p\n", "        text: t\n", "        mål:\n",
    "          typ: a\n", "          minst: 0\n", "          minst: 2.5\n",
    "          per: vecka\n", "          per: fortnight\n", "          snitt: ja\n",
    "          löpande: true\n", "undertecknat: 2019-02-30\n", "period: {från: 0000-00-00}\n",
    "mal: 1\n", "&a x\n", "*a\n", "!!python/object:os.system\n", "- \n", "? \n", ": \n",
    "{", "}", "[", "]", "'", '"', "#", "\t", "\ufeff", "\x00", "\r\n", " ", "ö",
]  # fmt: skip

promise_texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(YAML_PIECES), max_size=30).map("".join),
    st.lists(st.sampled_from(YAML_PIECES) | st.text(max_size=5), max_size=20).map("".join),
)

LOG_CELLS = [
    "2019-03-04", "2019-02-30", "5/6/2019", "43621", "2018-12-31", "2030-01-01", "", " ",
    "kontakt", "KONTAKT", "trygghetsvandring", "okänd", "kontakt ", "1", "0", "-1", "2,5", "7",
    "polis;kommun", "grannsamverkan", "x;;y", '"', '""', '"a,b"', "=1+1", "\x00", "ö", "o\u0308",
]  # fmt: skip
HEADERS = [
    "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad",
    "datum;typ;antal;deltagare",
    "typ,datum",
    "\ufeffdatum,typ,antal",
    "Datum , TYP ,extra",
    "",
    "antal",
]  # fmt: skip


@st.composite
def log_texts(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        return draw(st.text(max_size=300))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    rows = draw(
        st.lists(
            st.lists(st.sampled_from(LOG_CELLS) | st.text(max_size=4), max_size=10), max_size=12
        )
    )
    text = draw(st.sampled_from(HEADERS)) + newline
    text += newline.join(delimiter.join(row) for row in rows)
    return text + draw(st.sampled_from(["", newline]))


@FAST
@given(promise_texts)
def test_any_text_as_a_promise_file_gives_problems_never_an_exception(text: str) -> None:
    promise_set, problems = parse_promise_text(text, "promises/2019.yaml", "2019", "logs/2019.csv")
    assert all(isinstance(p, Problem) for p in problems)
    if promise_set is None:
        assert any(p.severity is Severity.ERROR for p in problems)
    for found in problems:
        assert found.message and found.code[0] in "EW"


REFERENCE_SET, _ = parse_promise_text(
    MINIMAL_PROMISES.format(period=2019), "promises/2019.yaml", "2019", "logs/2019.csv"
)


@FAST
@given(log_texts())
def test_any_text_as_a_log_gives_problems_never_an_exception(text: str) -> None:
    assert REFERENCE_SET is not None
    path = _scratch() / "2019.csv"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    rows = LogRows(path, "logs/2019.csv")
    activities = list(read_activities(rows, REFERENCE_SET, date(2019, 12, 31)))
    lines = text.count("\n") + text.count("\r") + 1
    for activity in activities:
        assert 2 <= activity.line <= lines and activity.count >= 1
        assert date(2019, 1, 1) <= activity.date <= date(2019, 12, 31)
    for found in rows.problems:
        assert found.message and (found.line is None or 1 <= found.line <= lines)


_SCRATCH: list[Path] = []


def _scratch() -> Path:
    if not _SCRATCH:
        import tempfile

        _SCRATCH.append(Path(tempfile.mkdtemp(prefix="lofte-properties-")))
    return _SCRATCH[0]


def _run(root: Path, *args: str) -> tuple[int, str, str]:
    """The CLI in-process; an exception (a traceback for the user) propagates and fails."""
    environment = {
        "LOFTE_IDAG": "2019-12-31",
        "LOFTE_KATALOG": str(root),
        "LOFTE_AV": "test",
        "NO_COLOR": "1",
        "COLUMNS": "100",
    }
    saved = {name: os.environ.get(name) for name in environment}
    stdout, stderr = io.StringIO(), io.StringIO()
    os.environ.update(environment)
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = COMMAND.main(list(args), prog_name="lofte", standalone_mode=False)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return code or 0, stdout.getvalue(), stderr.getvalue()


@pytest.fixture(scope="module")
def cli_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("repo")
    (root / "promises").mkdir()
    (root / "logs").mkdir()
    return root


@CLI
@given(promise_text=promise_texts, log_text=log_texts())
def test_the_cli_exits_0_or_1_with_messages_whatever_the_files_hold(
    cli_repo: Path, promise_text: str, log_text: str
) -> None:
    (cli_repo / "promises/2019.yaml").write_bytes(promise_text.encode("utf-8", "surrogatepass"))
    (cli_repo / "logs/2019.csv").write_bytes(log_text.encode("utf-8", "surrogatepass"))
    for args in (("status", "2019", "-f", "json"), ("check",)):
        code, stdout, stderr = _run(cli_repo, *args)
        assert code in (0, 1), (args, code, stderr)
        if code == 1:
            assert stderr.startswith(("promises/", "logs/", "lofte: ")) or stdout
        assert "Traceback" not in stderr


@CLI
@given(log_text=log_texts())
def test_status_on_any_log_with_a_valid_promise_file(cli_repo: Path, log_text: str) -> None:
    (cli_repo / "promises/2019.yaml").write_text(MINIMAL_PROMISES.format(period=2019), "utf-8")
    (cli_repo / "logs/2019.csv").write_bytes(log_text.encode("utf-8", "surrogatepass"))
    code, stdout, stderr = _run(cli_repo, "status", "2019", "-f", "json")
    assert code in (0, 1), stderr
    if code == 0:
        assert stdout.startswith("{") and stderr in ("",) or stderr.startswith("lofte: varning")
    else:
        assert stderr.rstrip().endswith("kan inte läsas.")


# --- the judgement -----------------------------------------------------------------------

TYPES = ("a", "b")


def _unit_key(day: date, per: str) -> object:
    """Which calendar unit a day belongs to, in the words of docs/bedomning.md §2."""
    if per == "dygn":
        return day
    if per == "vecka":
        return day.isocalendar()[:2]  # ISO week, Monday to Sunday
    if per == "månad":
        return day.year, day.month
    if per == "kvartal":
        return day.year, (day.month - 1) // 3
    if per == "tertial":
        return day.year, (day.month - 1) // 4  # Jan-Apr, May-Aug, Sep-Dec
    if per == "halvår":
        return day.year, (day.month - 1) // 6
    assert per == "år"
    return day.year


def _whole_unit_days(day: date, per: str) -> int:
    """Days in the whole calendar unit holding `day`, counted by walking to its edges."""
    key = _unit_key(day, per)
    first = last = day
    while _unit_key(first - timedelta(days=1), per) == key:
        first -= timedelta(days=1)
    while _unit_key(last + timedelta(days=1), per) == key:
        last += timedelta(days=1)
    return (last - first).days + 1


def _days(start: date, end: date) -> Iterator[date]:
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def _exempt(day: date, target: Target) -> bool:
    """§5: a month name means that month in every year; {från, till} a date range."""
    for exemption in target.exempt:
        if exemption.month is not None and day.month == exemption.month:
            return True
        if exemption.start is not None and exemption.end is not None:  # noqa: SIM102
            if exemption.start <= day <= exemption.end:
                return True
    return False


def reference(
    target: Target, period: Period, activities: list[Activity], as_of: date
) -> tuple[str, int, Fraction | None]:
    """(status, done, expected) straight from docs/bedomning.md, reading every "days" as
    "non-exempt days"."""

    def counts(activity: Activity) -> bool:
        wanted_participants, wanted_tags = set(target.participants), set(target.tags)
        return (
            activity.type in target.types
            and period.start <= activity.date <= period.end
            and activity.date <= as_of
            and (not wanted_participants or bool(wanted_participants & set(activity.participants)))
            and (not wanted_tags or bool(wanted_tags & set(activity.tags)))
        )

    done_by_day: dict[date, int] = {}
    for activity in filter(counts, activities):
        done_by_day[activity.date] = done_by_day.get(activity.date, 0) + activity.count
    done = sum(done_by_day.values())
    ended = as_of >= period.end
    if target.ongoing:
        if as_of < period.start:
            return "not_started", done, None
        if done >= 1:
            return ("met" if ended else "ongoing"), done, None
        return ("missed" if ended else "not_started"), done, None

    assert target.minimum is not None
    minimum = target.minimum
    per = target.per
    length: dict[object, int] = {}

    def unit_days(day: date) -> int:
        if per == "period":
            return period.days
        key = _unit_key(day, per)
        if key not in length:
            length[key] = _whole_unit_days(day, per)
        return length[key]

    def free(days: Iterator[date] | list[date]) -> list[date]:
        return [day for day in days if not _exempt(day, target)]

    elapsed_free = free(_days(period.start, min(as_of, period.end)))
    if per == "period":
        period_free = len(free(_days(period.start, period.end)))
        elapsed = Fraction(len(elapsed_free), period_free) if period_free else Fraction(0)
    else:
        elapsed = sum((Fraction(1, unit_days(day)) for day in elapsed_free), Fraction(0))
    expected = minimum * elapsed
    if as_of < period.start:
        return "not_started", done, expected
    if per == "period":
        if done >= minimum:
            return "met", done, expected
        if ended:
            return "missed", done, expected
        return ("on_track" if done >= math.floor(expected) else "behind"), done, expected
    if target.average:
        if ended:
            return ("met" if done >= expected else "missed"), done, expected
        return ("on_track" if done >= math.floor(expected) else "behind"), done, expected

    # Every unit: group the period's days by calendar unit.
    units: dict[object, list[date]] = {}
    for day in _days(period.start, period.end):
        units.setdefault(_unit_key(day, per), []).append(day)
    current = None
    for days in units.values():
        whole = unit_days(days[0])
        need = math.ceil(Fraction(minimum * len(free(days)), whole))
        unit_done = sum(done_by_day.get(day, 0) for day in days)
        if days[-1] <= as_of and unit_done < need:
            return "missed", done, expected
        if days[0] <= as_of <= days[-1]:
            current = (days, unit_done, whole)
    if ended:
        return "met", done, expected
    assert current is not None
    days, unit_done, whole = current
    share = Fraction(len(free([d for d in days if d <= as_of])), whole)
    return ("on_track" if unit_done >= math.floor(minimum * share) else "behind"), done, expected


@st.composite
def periods(draw: st.DrawFn) -> Period:
    start = draw(st.dates(date(2018, 1, 1), date(2024, 12, 31)))
    if draw(st.booleans()):  # whole years, as most promise files have
        start = date(start.year, 1, 1)
        years = draw(st.integers(1, 3))
        return Period("p", start, date(start.year + years - 1, 12, 31))
    return Period("p", start, start + timedelta(days=draw(st.integers(0, 800))))


@st.composite
def targets(draw: st.DrawFn) -> Target:
    types = tuple(draw(st.lists(st.sampled_from(TYPES), min_size=1, max_size=2, unique=True)))
    participants = draw(st.sampled_from([(), ("kommun",), ("kommun", "grannsamverkan")]))
    tags = draw(st.sampled_from([(), ("natt",)]))
    if draw(st.integers(0, 5)) == 0:
        return Target(types, None, participants=participants, tags=tags, ongoing=True)
    per = draw(st.sampled_from(UNITS))
    return Target(
        types,
        draw(st.integers(1, 12)),
        per=per,
        average=draw(st.booleans()),
        participants=participants,
        tags=tags,
        exempt=draw(exemptions()),
    )


@st.composite
def exemptions(draw: st.DrawFn) -> tuple[Exemption, ...]:
    """None half the time; else months and ranges, some reaching past the period's edges,
    some a leap day, one in twenty every day of every period drawn here."""
    choice = draw(st.integers(0, 19))
    if choice < 10:
        return ()
    if choice == 19:
        return (Exemption(start=date(2010, 1, 1), end=date(2030, 12, 31)),)
    months = st.integers(1, 12).map(lambda month: Exemption(month=month))
    ranges = st.tuples(st.dates(date(2017, 12, 1), date(2027, 12, 31)), st.integers(0, 120)).map(
        lambda r: Exemption(start=r[0], end=r[0] + timedelta(days=r[1]))
    )
    leap_day = st.just(Exemption(start=date(2020, 2, 29), end=date(2020, 2, 29)))
    return tuple(draw(st.lists(months | ranges | leap_day, min_size=1, max_size=4)))


@st.composite
def activities_in(draw: st.DrawFn, period: Period) -> list[Activity]:
    day_offsets = st.integers(-20, period.days + 20)
    # One case in five, a diligent logger: every target met on most days. The choice is made
    # by a seeded random, as Hypothesis otherwise leans hard toward the branch drawing less.
    gaps = random.Random(draw(st.integers(0, 1 << 32)))
    if gaps.randrange(5) == 0:
        filters = (("kommun", "grannsamverkan"), ("natt",))
        return [
            Activity(2 + offset, period.start + timedelta(days=offset), type_, 12, *filters)
            for offset in range(period.days)
            for type_ in TYPES
            if gaps.randrange(60)
        ]
    return [
        Activity(
            line,
            period.start + timedelta(days=draw(day_offsets)),
            draw(st.sampled_from(TYPES)),
            draw(st.integers(1, 4)),
            draw(st.sampled_from([(), ("polis",), ("kommun",), ("polis", "grannsamverkan")])),
            draw(st.sampled_from([(), ("natt",), ("dag",)])),
        )
        for line in range(2, 2 + draw(st.integers(0, 40)))
    ]


def _set_of(targets_: list[Target], period: Period) -> PromiseSet:
    promises = tuple(
        Promise(f"p{i}", "Ett löfte (exempeldata).", "Område", (), target)
        for i, target in enumerate(targets_)
    )
    return PromiseSet(
        path="promises/p.yaml",
        log_path="logs/p.csv",
        kommun="Exempelby",
        kommun_key=None,
        police_area="",
        period=period,
        activity_types={t: t for t in TYPES},
        participants={"polis": "", "kommun": "", "grannsamverkan": ""},
        areas=(Area("Område", (), promises),),
    )


@st.composite
def cases(draw: st.DrawFn) -> tuple[PromiseSet, list[Activity], date]:
    period = draw(periods())
    promise_set = _set_of(draw(st.lists(targets(), min_size=1, max_size=3)), period)
    activities = draw(activities_in(period))
    offsets = st.integers(-3, period.days + 3) | st.integers(period.days - 2, period.days + 3)
    as_of = period.start + timedelta(days=draw(offsets))
    return promise_set, activities, as_of


@settings(max_examples=examples(100), deadline=None)
@given(cases())
def test_statuses_match_the_reference_from_the_documents_words(
    case: tuple[PromiseSet, list[Activity], date],
) -> None:
    promise_set, activities, as_of = case
    report = evaluate(promise_set, activities, as_of)
    for result in report.results:
        status, done, expected = reference(
            result.promise.target, promise_set.period, activities, as_of
        )
        assert (result.status, result.done, result.expected) == (status, done, expected)


@INVARIANTS
@given(cases(), st.integers(0, 400))
def test_done_never_decreases_as_the_as_of_date_grows(
    case: tuple[PromiseSet, list[Activity], date], later_by: int
) -> None:
    promise_set, activities, as_of = case
    earlier = evaluate(promise_set, activities, as_of).results
    later = evaluate(promise_set, activities, as_of + timedelta(days=later_by)).results
    for before, after in zip(earlier, later, strict=True):
        assert after.done >= before.done


@st.composite
def per_period_cases(draw: st.DrawFn) -> tuple[PromiseSet, list[Activity], date]:
    period = draw(periods())
    target = Target(("a",), draw(st.integers(1, 3)), average=draw(st.booleans()))
    activities = [a for a in draw(activities_in(period)) if a.type == "a"]
    as_of = period.start + timedelta(days=draw(st.integers(-3, period.days + 3)))
    return _set_of([target], period), activities, as_of


@INVARIANTS
@given(per_period_cases(), st.integers(1, 400))
def test_a_met_per_period_promise_stays_met(
    case: tuple[PromiseSet, list[Activity], date], later_by: int
) -> None:
    promise_set, activities, as_of = case
    (before,) = evaluate(promise_set, activities, as_of).results
    (after,) = evaluate(promise_set, activities, as_of + timedelta(days=later_by)).results
    if before.status == "met":
        assert after.status == "met"


@INVARIANTS
@given(cases(), st.data())
def test_adding_a_counting_row_never_lowers_done(
    case: tuple[PromiseSet, list[Activity], date], data: st.DataObject
) -> None:
    promise_set, activities, as_of = case
    period = promise_set.period
    last = min(as_of, period.end)
    assume(last >= period.start)
    day = data.draw(st.dates(period.start, last))
    extra = Activity(
        999,
        day,
        data.draw(st.sampled_from(TYPES)),
        data.draw(st.integers(1, 4)),
        ("kommun", "grannsamverkan"),
        ("natt",),
    )
    before = evaluate(promise_set, activities, as_of).results
    after = evaluate(promise_set, [*activities, extra], as_of).results
    for old, new in zip(before, after, strict=True):
        counted = extra.type in new.promise.target.types
        assert new.done == old.done + (extra.count if counted else 0)


def teardown_module() -> None:
    import shutil

    for path in _SCRATCH:
        shutil.rmtree(path, ignore_errors=True)


# --- struck rows (docs/garantier.md) -------------------------------------------------------------


@INVARIANTS
@given(cases(), st.data())
def test_a_struck_row_counts_as_nothing_at_any_as_of_date(
    case: tuple[PromiseSet, list[Activity], date], data: st.DataObject
) -> None:
    """Through the real files and readers: a log, a side file striking some of its rows, and
    the tally status judges; the reference judges the rows that were not struck."""
    from medborgarlofte.judge.evaluate import judge
    from medborgarlofte.load.corrections import CORRECTIONS_HEADER, referenced_rows
    from medborgarlofte.load.workspace import tally_log

    promise_set, drawn, as_of = case
    activities = [
        Activity(line, a.date, a.type, a.count, a.participants, a.tags)
        for line, a in enumerate(drawn[:120], start=2)
    ]
    # Some rows without a registration time: equal kept cells, told apart by their order.
    stamps = data.draw(st.lists(st.booleans(), min_size=len(activities), max_size=len(activities)))
    root = _scratch() / "struck"
    (root / "logs").mkdir(parents=True, exist_ok=True)
    lines = [",".join(LOG_HEADER)]
    for activity, stamped in zip(activities, stamps, strict=True):
        registered = f"2019-01-01T00:00:{activity.line:04d}+01:00" if stamped else ""
        cells = [
            activity.date.isoformat(),
            activity.type,
            str(activity.count),
            "",
            ";".join(activity.participants),
            ";".join(activity.tags),
            "Exempeldata",
            "",
            registered,
        ]
        lines.append(",".join(cells))
    log = root / "logs/p.csv"
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    struck = (
        data.draw(st.sets(st.sampled_from([a.line for a in activities]))) if activities else set()
    )
    refs = {r.line: r.ref for r in referenced_rows(LogRows(log, "logs/p.csv"))}
    records = [",".join(CORRECTIONS_HEADER)]
    records += [
        f"stryk,{refs[line]},,fel,test,2019-01-01T00:00:00+01:00" for line in sorted(struck)
    ]
    (root / "logs/p.rattelser.csv").write_text("\n".join(records) + "\n", encoding="utf-8")

    report = judge(tally_log(root, promise_set, date(2200, 1, 1)).tally, as_of)
    kept = [a for a in activities if a.line not in struck]
    for result in report.results:
        expected = reference(result.promise.target, promise_set.period, kept, as_of)
        assert (result.status, result.done, result.expected) == expected
