"""Loading promise files and logs: keys, slugs, line numbers from the parser, CSV variants."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

from medborgarlofte.core.model import PromiseSet
from medborgarlofte.core.slugs import fold_slug
from medborgarlofte.load.log_file import LogRows, read_activities
from medborgarlofte.load.promise_file import parse_promise_text

TODAY = date(2019, 12, 31)


def parse(text: str) -> tuple[PromiseSet | None, list[str]]:
    promise_set, problems = parse_promise_text(
        textwrap.dedent(text).lstrip("\n"), "promises/2019.yaml", "2019", "logs/2019.csv"
    )
    return promise_set, [f"{p.line}:{p.code}" for p in problems]


GOOD = """
kommun: Exempelby
lokalpolisomrade: Exempelområdet
period: 2019
aktivitetstyper:
  skoterstöld: Insats mot skoterstölder
  trygghetsvandring: Trygghetsvandring
omraden:
  - namn: Mängdbrott
    ansvar: [polis]
    loften:
      - id: skoter
        text: Minst två insatser.
        mal:
          typ: skoterstold
          minst: 2
      - id: vandring
        text: Löpande.
        ansvar: [polis, kommun]
        mål: {typ: Trygghetsvandring, löpande: true}
"""


def test_folded_keys_and_slugs_are_accepted() -> None:
    promise_set, problems = parse(GOOD)
    assert problems == []
    assert promise_set is not None
    assert promise_set.police_area == "Exempelområdet"
    first, second = promise_set.promises
    assert first.target.types == ("skoterstold",)
    assert first.responsible == ("polis",)
    assert second.responsible == ("polis", "kommun")
    assert second.target.ongoing and second.target.minimum is None


def test_fold_slug_handles_nfc_case_and_swedish_letters() -> None:
    nfd = "sko\u0308terSTO\u0308LD"
    assert fold_slug(nfd) == fold_slug("skoterstöld") == "skoterstold"
    assert fold_slug(" Ålder ") == "alder"


def test_problems_carry_the_parsers_line_numbers() -> None:
    text = GOOD.replace("          minst: 2", "          minst: 0\n          perr: vecka").replace(
        "mål: {typ: Trygghetsvandring", "mål: {typ: trygghet"
    )
    _, problems = parse(text)
    assert sorted(problems) == ["15:E011", "16:E003", "20:E009"]


def test_both_spellings_of_a_key_is_an_error() -> None:
    _, problems = parse(GOOD.replace("period: 2019", "period: 2019\nområden: []"))
    assert problems == ["8:E004"]  # the second spelling is the one reported


def test_unknown_key_suggests_the_right_one() -> None:
    promise_set, problems = parse_promise_text(
        GOOD.lstrip("\n").replace("ansvar: [polis]", "ansvr: [polis]"),
        "promises/2019.yaml",
        "2019",
        "logs/2019.csv",
    )
    assert promise_set is not None
    [found] = problems
    assert (found.code, found.line) == ("E003", 9)
    assert "Menade du 'ansvar'?" in found.message


def test_duplicate_ids_are_reported_at_the_second_occurrence() -> None:
    _, problems = parse(GOOD.replace("id: vandring", "id: skoter"))
    assert problems == ["16:E008"]


def test_period_forms_and_an_end_before_the_start() -> None:
    promise_set, _ = parse(GOOD.replace("period: 2019", "period: 2020-2021"))
    assert promise_set is not None
    assert (promise_set.period.start, promise_set.period.end) == (
        date(2020, 1, 1),
        date(2021, 12, 31),
    )
    promise_set, _ = parse(
        GOOD.replace("period: 2019", "period: {från: 2019-03-01, till: 2019-09-30}")
    )
    assert promise_set is not None and promise_set.period.days == 214
    _, problems = parse(
        GOOD.replace("period: 2019", "period: {fran: 2019-09-01, till: 2019-03-01}")
    )
    assert problems == ["3:E007"]


def test_yaml_syntax_error_has_a_line() -> None:
    _, problems = parse("kommun: [Exempelby\nperiod: 2019\n")
    assert problems[0].endswith(":E001")


def test_python_tags_and_aliases_are_refused() -> None:
    _, problems = parse("kommun: !!python/object/apply:os.system ['true']\n")
    assert problems == ["1:E014"]
    _, problems = parse("a: &x [1, 2]\nb: *x\n")
    assert problems == ["1:E014"]


PROMISES = textwrap.dedent(GOOD).lstrip("\n")


def load_log(tmp_path: Path, content: bytes) -> tuple[list[tuple[int, str, int]], list[str]]:
    promise_set, _ = parse_promise_text(PROMISES, "promises/2019.yaml", "2019", "logs/2019.csv")
    assert promise_set is not None
    path = tmp_path / "2019.csv"
    path.write_bytes(content)
    rows = LogRows(path, "logs/2019.csv")
    activities = [(a.line, a.type, a.count) for a in read_activities(rows, promise_set, TODAY)]
    return activities, [f"{p.line}:{p.code}" for p in rows.problems]


CANONICAL = (
    "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad\n"
    "2019-02-01,skoterstöld,2,Töre,polis,,Exempeldata,test,2019-02-01T10:00:00+01:00\n"
    "2019-03-01,trygghetsvandring,,Nyborg,polis;kommun,,Exempeldata,test,\n"
)


def test_canonical_log(tmp_path: Path) -> None:
    assert load_log(tmp_path, CANONICAL.encode()) == (
        [(2, "skoterstold", 2), (3, "trygghetsvandring", 1)],
        [],
    )


def test_excel_style_log_reads_the_same(tmp_path: Path) -> None:
    excel = (
        "\ufeffTyp;Datum;Antal;Extra\r\n"
        "SKOTERSTO\u0308LD ; 2019-02-01 ; 2 ;x\r\n"
        "Trygghetsvandring;2019-03-01;;\r\n"
        ";;;\r\n"
    )
    assert load_log(tmp_path, excel.encode()) == (
        [(2, "skoterstold", 2), (3, "trygghetsvandring", 1)],
        [],
    )


def test_bad_rows_are_reported_with_their_lines(tmp_path: Path) -> None:
    log = (
        "datum,typ,antal\n"
        "5/6/2019,skoterstöld,1\n"
        "2019-02-30,skoterstöld,1\n"
        "2018-12-31,skoterstöld,1\n"
        "2020-01-01,skoterstöld,1\n"
        "2019-02-01,skoterstold,2,5\n"
        '2019-02-01,skoterstold,"2,5"\n'
        "2019-02-01,skoterstold,0\n"
        "2019-02-01,skotrstöld,1\n"
        "2019-02-01,skoterstöld,1\n"
        "2019-02-01,skoterstöld"
    )
    activities, problems = load_log(tmp_path, log.encode())
    assert activities == [(10, "skoterstold", 1)]
    assert problems == [
        "2:E021",
        "3:E021",
        "4:E022",
        "5:E022",
        "6:E029",
        "7:E025",
        "8:E025",
        "9:E024",
        "11:E026",
    ]


def test_latin1_log_is_explained_not_misread(tmp_path: Path) -> None:
    log = "datum,typ\n2019-02-01,skoterstöld\n".encode("cp1252")
    activities, problems = load_log(tmp_path, log)
    assert problems == ["2:E027"]


def test_rubrik_is_the_readers_label_and_the_id_stays_for_typing() -> None:
    with_titles = GOOD.replace(
        "      - id: skoter\n",
        "      - id: skoter\n        Rubrik: >-\n          Insatser mot\n          skoterstölder\n",
    )
    promise_set, problems = parse(with_titles)
    assert problems == []
    assert promise_set is not None
    first, second = promise_set.promises
    assert (first.id, first.title, first.label) == (
        "skoter",
        "Insatser mot skoterstölder",
        "Insatser mot skoterstölder",
    )
    assert (second.id, second.title, second.label) == ("vandring", None, "vandring")


def test_rubrik_empty_or_past_80_characters_is_an_error_at_its_line() -> None:
    too_long = GOOD.replace(
        "      - id: skoter\n", f"      - id: skoter\n        rubrik: {'x' * 81}\n"
    )
    assert parse(too_long)[1] == ["12:E065"]
    assert parse(GOOD.replace("      - id: skoter\n", "      - id: skoter\n        rubrik: ' '\n"))[
        1
    ] == ["12:E065"]
    exact = GOOD.replace(
        "      - id: skoter\n", f"      - id: skoter\n        rubrik: {'x' * 80}\n"
    )
    assert parse(exact)[1] == []
