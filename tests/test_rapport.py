"""`lofte rapport`: the follow-up report, golden in HTML and Markdown, and its pure parts."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import assert_golden, run_lofte, write

from medborgarlofte.core.model import Activity, Area, Period, Promise, PromiseSet, Target
from medborgarlofte.judge.followup import cumulative_done, target_pace

AS_OF_DATES = ("2019-06-30", "2019-09-30")


@pytest.mark.parametrize("as_of", AS_OF_DATES)
@pytest.mark.parametrize("fmt,suffix", [("markdown", "md"), ("html", "html")])
def test_rapport_golden(example_repo: Path, as_of: str, fmt: str, suffix: str) -> None:
    result = run_lofte("rapport", "2019", "--per", as_of, "--format", fmt, cwd=example_repo)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert_golden(f"rapport-2019-{as_of}.{suffix}", result.stdout)


def test_rapport_writes_the_file_named_by_o(example_repo: Path) -> None:
    result = run_lofte(
        "rapport", "2019", "--per", "2019-09-30", "-o", "uppfoljning.html", cwd=example_repo
    )
    assert (result.exit_code, result.stdout) == (0, "Skrev uppfoljning.html\n")
    page = (example_repo / "uppfoljning.html").read_text(encoding="utf-8")
    assert (
        page
        == run_lofte(
            "rapport", "2019", "--per", "2019-09-30", "-f", "html", cwd=example_repo
        ).stdout
    )
    assert [p.name for p in example_repo.iterdir() if p.name.startswith(".lofte-")] == []


def test_rapport_into_a_folder_that_does_not_exist_is_refused_in_swedish(
    example_repo: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "pub"
    result = run_lofte(
        "rapport", "2019", "--per", "2019-09-30", "-o", str(missing / "x.html"), cwd=example_repo
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"lofte: Mappen {missing} finns inte, så {missing}/x.html skrevs inte. Skapa mappen "
        f"först (mkdir -p {missing}) eller välj en fil i en mapp som finns.\n"
    )
    assert not missing.exists()


def test_rapport_onto_a_folder_says_why_in_swedish(example_repo: Path) -> None:
    (example_repo / "ut.html").mkdir()
    result = run_lofte("rapport", "2019", "--per", "2019-09-30", "-o", "ut.html", cwd=example_repo)
    assert (result.exit_code, result.stderr) == (
        1,
        "lofte: Kan inte öppna ut.html för skrivning: det är en katalog, inte en fil. "
        "Inget skrevs.\n",
    )


HOSTILE = """
kommun: <b>Exempelby</b>
lokalpolisområde: Område & "Co"
period: 2019
aktivitetstyper:
  kontakt: Kontakt
områden:
  - namn: <script>alert(1)</script>
    löften:
      - id: kontakter
        text: Minst <em>två</em> | *kontakter* [länk](javascript:x)
        mål: {typ: kontakt, minst: 2}
"""


def test_user_text_is_escaped_in_html_and_markdown(tmp_path: Path) -> None:
    write(tmp_path, "promises/2019.yaml", HOSTILE)
    write(
        tmp_path,
        "logs/2019.kommentarer.csv",
        '''
        datum,löfte,kommentar
        2019-03-01,kontakter,"Exempeldata: <img src=x onerror=alert(1)> & ""citat"""
        ''',
    )
    page = run_lofte("rapport", "2019", "--per", "2019-06-30", "-f", "html", cwd=tmp_path).stdout
    assert "<script>" not in page and "<b>" not in page and "<em>två" not in page
    assert "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Exempeldata: &lt;img src=x onerror=alert(1)&gt; &amp; &quot;citat&quot;" in page
    text = run_lofte("rapport", "2019", "--per", "2019-06-30", cwd=tmp_path).stdout
    assert "> Minst \\<em\\>två\\</em\\> \\| \\*kontakter\\* \\[länk\\](javascript:x)" in text


def test_rapport_usage_errors(example_repo: Path) -> None:
    result = run_lofte("rapport", "2019", "--per", "30/9", cwd=example_repo)
    assert result.exit_code == 2
    missing = run_lofte("rapport", "2018", cwd=example_repo)
    assert missing.exit_code == 1
    assert missing.stderr == "lofte: Perioden '2018' finns inte. Perioder i repot: 2019.\n"


PERIOD = Period("2019", date(2019, 1, 1), date(2019, 12, 31))


def test_cumulative_done_steps_by_week_and_stops_at_as_of() -> None:
    daily = {date(2018, 12, 31): 9, date(2019, 1, 2): 2, date(2019, 1, 7): 1, date(2019, 1, 9): 5}
    assert cumulative_done(daily, PERIOD, date(2019, 1, 8)) == (
        (date(2019, 1, 6), 2),
        (date(2019, 1, 8), 3),
    )
    assert cumulative_done(daily, PERIOD, date(2018, 12, 31)) == ()


def test_target_pace_ends_at_the_whole_periods_need() -> None:
    weekly = Promise("k", "", "", (), Target(("k",), 3, "vecka", average=True))
    pace = target_pace(weekly, PERIOD)
    assert pace[0] == (date(2019, 1, 6), Fraction(18, 7))  # six days of a week, 3 a week
    assert pace[-1][0] == date(2019, 12, 31)
    assert pace[-1][1] == Fraction(3 * PERIOD.days, 7)
    ongoing = Promise("g", "", "", (), Target(("g",), None, ongoing=True))
    assert target_pace(ongoing, PERIOD) == ()


def test_required_so_far_is_the_whole_number_the_status_is_judged_by() -> None:
    from medborgarlofte.judge.evaluate import evaluate
    from medborgarlofte.render.status_words import expected_words

    four = Promise("p", "", "", (), Target(("p",), 4))
    weekly = Promise("w", "", "", (), Target(("w",), 3, "vecka", average=True))
    promise_set = PromiseSet(
        "promises/2019.yaml",
        "logs/2019.csv",
        "Exempelby",
        None,
        "",
        PERIOD,
        {"p": "P", "w": "W"},
        {},
        (Area("Område", (), (four, weekly)),),
    )
    rows = [Activity(2, date(2019, 9, 1), "p", 2), Activity(3, date(2019, 2, 1), "w", 156)]
    # 30 september: 4 × 273/365 = 2,99, so "minst 2", and 2 done is on track.
    at_september = evaluate(promise_set, rows, date(2019, 9, 30)).results
    assert at_september[0].required_so_far == 2
    assert (expected_words(at_september[0]), at_september[0].status) == ("minst 2", "on_track")
    # At the end an on-average target needs its whole 3 × 365/7 = 156,43: 157 done.
    at_end = evaluate(promise_set, rows, date(2019, 12, 31)).results
    assert at_end[1].required_so_far == 157
    assert at_end[1].status == "missed"
    before = evaluate(promise_set, rows, date(2018, 12, 31)).results
    assert expected_words(before[0]) == "–"


def test_count_ticks_are_whole_numbers() -> None:
    from medborgarlofte.render.report_html import count_ticks

    assert count_ticks(1.0) == [0, 1]
    assert count_ticks(2.99) == [0, 1, 2, 3]
    assert count_ticks(12.5) == [0, 5, 10, 15]
    assert count_ticks(156.43) == [0, 50, 100, 150, 200]


def test_report_names_a_promise_by_rubrik_else_its_whole_first_sentence() -> None:
    from medborgarlofte.render.report_words import reader_title

    class Item:
        def __init__(self, promise: Promise) -> None:
            self.promise = promise

    target = Target(("p",), 2)
    text = "Genomföra minst två vandringar, t.ex. i centrum. Detta görs med kommunen."
    untitled = Promise("vandringar", text, "", (), target)
    titled = Promise("vandringar", text, "", (), target, title="Trygghetsvandringar")
    assert reader_title(Item(titled)) == "Trygghetsvandringar"  # type: ignore[arg-type]
    # Never cut mid-sentence: "t.ex. i" does not end the sentence.
    first = reader_title(Item(untitled))  # type: ignore[arg-type]
    assert first == "Genomföra minst två vandringar, t.ex. i centrum."
