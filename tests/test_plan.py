"""`lofte plan`: what is due, proven against an independent reading of the judgement.

The property test draws random promise files and logs (the strategies of
test_properties.py) and checks each plan item with that file's `reference`, written from
the rules of docs/bedomning.md day by day and sharing no code with judge/: on `by` the
promise is behind or missed with nothing more logged; on every day from `as_of` to the day
before, it is not; `needed` rows logged on `log_on` keep it out of both on `by`, and
`needed - 1` do not.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import icalendar
import yaml
from conftest import PROJECT, assert_golden, run_lofte, write
from hypothesis import given, settings
from test_blocks import _blocks as block_days
from test_blocks import cases as block_cases
from test_blocks import reference as block_reference
from test_properties import cases, examples, reference
from test_workflows import _actionlint

from medborgarlofte.core.model import Activity, PromiseSet, Target
from medborgarlofte.core.tally import Tally
from medborgarlofte.judge.plan import plan
from medborgarlofte.render.plan_ics import fold

FAILING = ("behind", "missed")


def _counting_row(target: Target, day: date, count: int) -> Activity:
    return Activity(10_000, day, target.types[0], count, target.participants[:1], target.tags[:1])


@settings(max_examples=examples(120), deadline=None)
@given(cases())
def test_by_and_needed_hold_against_the_reference(
    case: tuple[PromiseSet, list[Activity], date],
) -> None:
    promise_set, activities, as_of = case
    period = promise_set.period
    logged = [a for a in activities if a.date <= as_of]
    result = plan(Tally.of(promise_set, logged), as_of)
    if as_of >= period.end:
        assert result.items == ()
        return
    assert len(result.items) == len(promise_set.promises)
    for item in result.items:
        target = item.promise.target

        def status_on(day: date, more: list[Activity] = [], t: Target = target) -> str:  # noqa: B006
            return reference(t, period, logged + more, day)[0]

        now = status_on(as_of)
        assert item.status == now
        first = max(as_of, period.start)
        if item.by is None:
            assert item.needed is None
            if target.ongoing or now in ("met", "missed", "ongoing"):
                continue
            # cannot fall behind: never behind or missed, up to and including the last day
            assert status_on(period.end) not in FAILING
            continue
        assert first <= item.by <= period.end
        assert now not in ("met", "missed", "ongoing")
        assert status_on(item.by) in FAILING
        day = first
        while day < item.by:
            assert status_on(day) not in FAILING, day
            day += timedelta(days=1)
        assert item.log_day is not None and item.needed is not None and item.needed >= 1
        assert item.log_day == max(first, _unit_start(item.by, target, period))
        keeps = [_counting_row(target, item.log_day, item.needed)]
        assert status_on(item.by, keeps) not in FAILING
        if item.needed > 1:
            short = [_counting_row(target, item.log_day, item.needed - 1)]
            assert status_on(item.by, short) in FAILING
        else:
            assert status_on(item.by) in FAILING


def _unit_start(day: date, target: Target, period: object) -> date:
    """The first day of the calendar unit holding `day`, read without judge/units.py."""
    per = target.per
    if per == "period":
        return date.min
    if per == "dygn":
        return day
    if per == "vecka":
        return day - timedelta(days=day.weekday())
    months = {"månad": 1, "kvartal": 3, "tertial": 4, "halvår": 6, "år": 12}[per]
    return date(day.year, (day.month - 1) // months * months + 1, 1)


@settings(max_examples=examples(80), deadline=None)
@given(cases())
def test_remaining_is_what_the_whole_target_still_needs(
    case: tuple[PromiseSet, list[Activity], date],
) -> None:
    promise_set, activities, as_of = case
    period = promise_set.period
    logged = [a for a in activities if a.date <= as_of]
    for item in plan(Tally.of(promise_set, logged), as_of).items:
        target = item.promise.target
        done = reference(target, period, logged, as_of)[1]
        if target.ongoing:
            assert item.remaining == (1 if done == 0 else 0)
        elif target.per == "period":
            assert item.remaining == max(0, (target.minimum or 0) - done)
        elif target.average:
            whole = reference(target, period, logged, period.end)[2]
            assert whole is not None
            assert item.remaining == max(0, math.ceil(Fraction(whole) - done))
        else:
            assert item.remaining >= 0


def test_an_ended_period_has_an_empty_plan() -> None:
    result = run_lofte("plan", "2019", "--per", "2019-12-31", "-f", "json", cwd=PROJECT)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == []
    table = run_lofte("plan", "2019", "--per", "2020-02-01", cwd=PROJECT, today="2020-02-01")
    assert "Perioden är slut" in table.stdout


def test_the_example_plan_golden() -> None:
    result = run_lofte("plan", "2019", "--per", "2019-06-30", cwd=PROJECT)
    assert result.exit_code == 0, result.stderr
    assert_golden("plan-2019-2019-06-30.txt", result.stdout)
    markdown = run_lofte("plan", "2019", "--per", "2019-06-30", "-f", "markdown", cwd=PROJECT)
    assert_golden("plan-2019-2019-06-30.md", markdown.stdout)


def test_json_is_sorted_by_by_and_has_the_documented_keys() -> None:
    result = run_lofte("plan", "2019", "--per", "2019-03-15", "-f", "json", cwd=PROJECT)
    items = json.loads(result.stdout)
    keys = {"id", "title", "status", "by", "needed", "remaining", "period_end"}
    assert all(keys <= set(item) for item in items)
    dated = [item["by"] for item in items if item["by"]]
    assert dated == sorted(dated)
    assert [item["by"] for item in items] == dated + [None] * (len(items) - len(dated))
    first = items[0]
    assert (first["id"], first["by"], first["needed"]) == ("medborgarkontakter", "2019-03-15", 7)


def test_a_period_not_yet_started_plans_from_its_first_day(tmp_path: Path) -> None:
    write(
        tmp_path,
        "promises/2020.yaml",
        """
        kommun: Exempelby
        period: 2020
        aktivitetstyper:
          vandring: Trygghetsvandring (exempeldata)
        områden:
          - namn: Trygghet
            löften:
              - id: vandringar
                rubrik: Vandringar
                text: Minst en vandring varje månad (exempeldata).
                mål: {typ: vandring, minst: 1, per: månad}
        """,
    )
    write(tmp_path, "logs/2020.csv", "datum,typ,antal\n")
    result = run_lofte("plan", "2020", "--per", "2019-12-01", "-f", "json", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    (item,) = json.loads(result.stdout)
    # Not behind before the month is half gone: floor(1 × 15/31) is 0 until 31 januari,
    # when January ends short.
    assert (item["status"], item["by"], item["needed"]) == ("not_started", "2020-01-31", 1)
    assert item["remaining"] == 12


def test_ics_is_rfc_5545_and_parses() -> None:
    result = run_lofte("plan", "2019", "--per", "2019-06-30", "-f", "ics", cwd=PROJECT)
    assert result.exit_code == 0, result.stderr
    raw = result.stdout_bytes
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    data = json.loads(
        run_lofte("plan", "2019", "--per", "2019-06-30", "-f", "json", cwd=PROJECT).stdout
    )
    assert len(events) == sum(1 for item in data if item["by"])
    first = events[0]
    assert first.decoded("DTSTART") == date(2019, 7, 2)
    assert first.decoded("DTEND") == date(2019, 7, 3)
    assert "senast 2 juli" in str(first["SUMMARY"])
    assert first.decoded("DTSTAMP").date() == date(2019, 6, 30)
    # The same plan gives the same bytes, UIDs included.
    again = run_lofte("plan", "2019", "--per", "2019-06-30", "-f", "ics", cwd=PROJECT)
    assert again.stdout_bytes == raw
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_ics_escapes_and_folds_text_from_files(tmp_path: Path) -> None:
    title = "Vandringar; kväll, natt\\dag " + "å" * 45
    write(
        tmp_path,
        "promises/2019.yaml",
        f"""
        kommun: "Exempelby, norra"
        period: 2019
        aktivitetstyper:
          vandring: Trygghetsvandring (exempeldata)
        områden:
          - namn: Trygghet
            löften:
              - id: vandringar
                rubrik: '{title}'
                text: Minst två vandringar (exempeldata).
                mål: {{typ: vandring, minst: 2}}
        """,
    )
    write(tmp_path, "logs/2019.csv", "datum,typ,antal\n")
    result = run_lofte("plan", "2019", "--per", "2019-03-01", "-f", "ics", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    raw = result.stdout_bytes
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    raw.decode("utf-8")  # never folded inside a character
    (event,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert str(event["SUMMARY"]).startswith(title + ": 1 vandring senast")


def test_fold_counts_octets_not_characters() -> None:
    folded = fold("SUMMARY:" + "ö" * 100)
    lines = folded.encode("utf-8").split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert "".join(line[1:] if i else line for i, line in enumerate(folded.split("\r\n"))) == (
        "SUMMARY:" + "ö" * 100
    )


def test_webb_publishes_the_current_periods_plan_and_links_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = run_lofte("webb", "-o", str(site), cwd=PROJECT, today="2019-06-30")
    assert result.exit_code == 0, result.stderr
    ics = (site / "kalix" / "plan.ics").read_bytes()
    alone = run_lofte("plan", "2019", "--per", "2019-06-30", "-f", "ics", cwd=PROJECT)
    assert ics == alone.stdout_bytes
    assert len(icalendar.Calendar.from_ical(ics).walk("VEVENT")) == 5
    page = (site / "kalix" / "2019.html").read_text(encoding="utf-8")
    assert '<a href="plan.ics">' in page


def test_webb_publishes_no_plan_once_the_period_has_ended(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = run_lofte("webb", "-o", str(site), cwd=PROJECT, today="2020-01-15")
    assert result.exit_code == 0, result.stderr
    assert not (site / "kalix" / "plan.ics").exists()
    assert "plan.ics" not in (site / "kalix" / "2019.html").read_text(encoding="utf-8")


# --- the weekly reminder that `lofte init` writes -------------------------------------


def _plan_workflow(tmp_path: Path) -> dict[str, object]:
    result = run_lofte("init", "--kommun", "Kalix", "--period", "2019", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    path = tmp_path / ".github/workflows/lofte-plan.yml"
    lint = subprocess.run(
        [_actionlint(), "-no-color", "-shellcheck=", "-pyflakes=", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert lint.stdout + lint.stderr == ""
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _run_post_step(tmp_path: Path, listed: str) -> list[list[str]]:
    """Run the workflow's posting step with a stand-in `gh` on PATH that answers
    `gh issue list` with `listed` and records every call's arguments."""
    workflow = _plan_workflow(tmp_path)
    (job,) = workflow["jobs"].values()  # type: ignore[attr-defined]
    (step,) = [s for s in job["steps"] if "gh issue" in s.get("run", "")]
    assert workflow["permissions"] == {"contents": "read", "issues": "write"}
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls.jsonl"
    fake = bin_dir / "gh"
    fake.write_text(
        "#!/usr/bin/env python3\n"
        "import json, os, sys\n"
        f"open({str(calls)!r}, 'a').write(json.dumps(sys.argv[1:]) + '\\n')\n"
        "if sys.argv[1:3] == ['issue', 'list']:\n"
        f"    sys.stdout.write({listed!r})\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    (tmp_path / "plan.md").write_text("## Att göra\n", encoding="utf-8")
    env = {
        **os.environ,
        **{k: str(v) for k, v in step["env"].items() if "${{" not in str(v)},
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
    }
    subprocess.run(["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, check=True)
    return [json.loads(line) for line in calls.read_text(encoding="utf-8").splitlines()]


def test_the_weekly_job_creates_the_issue_once(tmp_path: Path) -> None:
    calls = _run_post_step(tmp_path, "")
    assert calls[0][:2] == ["issue", "list"]
    assert calls[1] == [
        "issue", "create", "--title", "Medborgarlöften: att göra", "--body-file", "plan.md"
    ]  # fmt: skip
    assert len(calls) == 2


def test_the_weekly_job_edits_the_issue_it_made(tmp_path: Path) -> None:
    calls = _run_post_step(tmp_path, "17\n")
    assert calls[1] == ["issue", "edit", "17", "--body-file", "plan.md"]
    assert len(calls) == 2


def test_the_gitlab_example_posts_with_a_project_access_token() -> None:
    config = yaml.safe_load((PROJECT / "examples/gitlab-plan.yml").read_text(encoding="utf-8"))
    job = config["lofte-plan"]
    assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    script = "\n".join(job["script"])
    assert "lofte plan --format markdown" in script
    assert "PRIVATE-TOKEN: $LOFTE_PLAN_TOKEN" in script


def test_the_gitlab_job_edits_its_issue_through_the_api(tmp_path: Path) -> None:
    config = yaml.safe_load((PROJECT / "examples/gitlab-plan.yml").read_text(encoding="utf-8"))
    job = config["lofte-plan"]
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls.jsonl"
    listed = json.dumps(
        [{"iid": 3, "title": "Annat"}, {"iid": 9, "title": job["variables"]["RUBRIK"]}]
    )
    fake = bin_dir / "curl"
    fake.write_text(
        "#!/usr/bin/env python3\n"
        "import json, sys\n"
        f"open({str(calls)!r}, 'a').write(json.dumps(sys.argv[1:]) + '\\n')\n"
        "if '--get' in sys.argv:\n"
        f"    sys.stdout.write({listed!r})\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    (tmp_path / "plan.md").write_text("## Att göra\n", encoding="utf-8")
    env = {
        **os.environ,
        **job["variables"],
        "CI_API_V4_URL": "https://gitlab.example.org/api/v4",
        "CI_PROJECT_ID": "42",
        "LOFTE_PLAN_TOKEN": "exempeltoken",
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
    }
    subprocess.run(["bash", "-e", "-c", job["script"][1]], cwd=tmp_path, env=env, check=True)
    get, put = [json.loads(line) for line in calls.read_text(encoding="utf-8").splitlines()]
    assert "search=Medborgarlöften: att göra" in get
    assert put[-1] == "https://gitlab.example.org/api/v4/projects/42/issues/9"
    assert "PUT" in put and "description@plan.md" in put


@settings(max_examples=examples(60), deadline=None)
@given(block_cases())
def test_plan_holds_for_blocks_of_several_units(
    case: tuple[PromiseSet, list[Activity], date],
) -> None:
    """`per: 3 veckor` and the like: the same checks against test_blocks.py's reference."""
    promise_set, activities, as_of = case
    period = promise_set.period
    logged = [a for a in activities if a.date <= as_of]
    for item in plan(Tally.of(promise_set, logged), as_of).items:
        target = item.promise.target

        def status_on(day: date, more: list[Activity] = [], t: Target = target) -> str:  # noqa: B006
            return block_reference(t, period, logged + more, day)[0]

        if item.by is None:
            if status_on(as_of) not in ("met", "missed"):
                assert status_on(period.end) not in FAILING
            continue
        first = max(as_of, period.start)
        day = first
        while day < item.by:
            assert status_on(day) not in FAILING, day
            day += timedelta(days=1)
        assert status_on(item.by) in FAILING
        starts = [days[0] for days, _ in block_days(period, target.per, target.block)]
        holding = max(s for s in starts if s <= item.by)
        assert item.log_day == max(first, holding)
        assert item.needed is not None and item.log_day is not None
        keeps = [Activity(9_999, item.log_day, "a", item.needed)]
        assert status_on(item.by, keeps) not in FAILING
        short = [Activity(9_999, item.log_day, "a", item.needed - 1)] if item.needed > 1 else []
        assert status_on(item.by, short) in FAILING
