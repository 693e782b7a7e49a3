"""`lofte status PERIOD ID`: one promise in detail, with the rows that did not count and why."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import assert_golden, run_lofte, write

from medborgarlofte.judge.detail import find_promise, promise_detail, read_matching_rows
from medborgarlofte.load.repo import Repo
from medborgarlofte.render.detail_table import chart_lines, reason_words


def test_detail_golden_lists_rows_that_did_not_count(example_repo: Path) -> None:
    result = run_lofte("status", "2019", "trygghetsvandringar", "--per", "2019-06-30",
                       cwd=example_repo, today="2019-10-01")  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    assert_golden("status-detalj-trygghetsvandringar-2019-06-30.txt", result.stdout)


def test_detail_golden_weekly_target(example_repo: Path) -> None:
    result = run_lofte("status", "2019", "medborgarkontakter", "--per", "2019-02-28",
                       cwd=example_repo)  # fmt: skip
    assert result.exit_code == 0
    assert_golden("status-detalj-medborgarkontakter-2019-02-28.txt", result.stdout)


PROMISES = """
kommun: Exempelby
lokalpolisområde: Exempelområdet
period: 2019
aktivitetstyper:
  trafik: Trafikkontroll
  annat: Annat
områden:
  - namn: Trafik
    löften:
      - id: a-traktorer
        text: Minst en kontroll av A-traktorer varje månad.
        mål: {typ: trafik, minst: 1, per: månad, taggar: [a-traktor]}
"""

LOG = """
datum,typ,antal,plats,deltagare,taggar
2018-12-30,trafik,1,Före,,a-traktor
2019-01-10,trafik,2,Centrum,,a-traktor
2019-01-11,annat,1,Centrum,,a-traktor
2019-01-12,trafik,1,Skolan,,hastighet
2019-01-13,trafik,x,Trasig,,a-traktor
2019-02-03,trafik,1,Efter per,,a-traktor
2019-03-01,trafik,1,Framtid,,a-traktor
"""


def test_every_reason_a_row_does_not_count(tmp_path: Path) -> None:
    write(tmp_path, "promises/2019.yaml", PROMISES)
    write(tmp_path, "logs/2019.csv", LOG)
    promise_set = Repo.open(tmp_path).load()[0][0]
    promise = find_promise(promise_set, "A-TRAKTORER")
    rows = read_matching_rows(tmp_path, promise_set, promise, date(2019, 2, 20))
    detail = promise_detail(promise_set, promise, rows, date(2019, 1, 31))
    assert [(o.row.line, o.row.cells["plats"]) for o in detail.counted] == [(3, "Centrum")]
    assert [(o.row.line, reason_words(detail, o)) for o in detail.not_counted] == [
        (2, "utanför perioden 2019-01-01–2019-12-31"),
        (5, "saknar taggen a-traktor"),
        (6, "ogiltig rad: Ogiltigt antal 'x': skriv ett positivt heltal (1 eller mer)."),
        (7, "efter per-datumet 31 januari 2019"),
        (8, "i framtiden (idag är 2019-02-20)"),
    ]
    assert (detail.result.done, detail.result.status) == (2, "on_track")
    assert chart_lines(detail) == [
        "Utfört per månad mot målet (│ = mål för månaden)",
        "jan 2019 " + "█" * 20 + "│" + "█" * 19 + "     2  mål 1",
    ]


def test_unknown_promise_id_suggests_one(example_repo: Path) -> None:
    result = run_lofte("status", "2019", "trygghetsvandring", cwd=example_repo)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "lofte: Okänt löfte 'trygghetsvandring' i perioden 2019. Menade du 'trygghetsvandringar'?"
    )
