"""Text from files is made safe for where it goes (docs/garantier.md): terminal escapes shown
visibly, no line that a CI runner reads as a workflow command, Markdown and HTML escaped,
links only http(s)/mailto. Every command that prints file text is tried with hostile text."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from conftest import run_lofte, write

from medborgarlofte.cli.terminal import SafeStream
from medborgarlofte.core.safe_text import html, link_target, markdown, visible
from medborgarlofte.core.tally import Tally
from medborgarlofte.judge.followup import FollowUpReport, followup_report
from medborgarlofte.load.promise_file import load_promise_file
from medborgarlofte.render.report_html import render_report_html
from medborgarlofte.render.report_markdown import render_report_markdown

ESC_TITLE = "\x1b]0;pwned\x07"
OSC8 = "\x1b]8;;https://evil.invalid\x1b\\klicka\x1b]8;;\x1b\\"
CONCEAL = "\x1b[8m"
KOMMUN = f"Kalix{ESC_TITLE}[link=https://evil.invalid]x[/link]"
POLICE_AREA = "Öst\u009b31m <b>ra</b> | *fet*"
AREA = f"Trygg{CONCEAL}het # _x_ \n::error::omrade"
TEXT = f"Minst tre {OSC8} kontakter\r\n::error file=a::text"
SOURCE = "https://exempel.invalid/löften?a=1&b=<2>"
# JSON strings are YAML double-quoted scalars: the control characters arrive as escapes.
HOSTILE_PROMISES = f"""
kommun: {json.dumps(KOMMUN)}
lokalpolisområde: {json.dumps(POLICE_AREA)}
period: 2019
källa: {json.dumps(SOURCE)}
aktivitetstyper:
  kontakt: {json.dumps(f"Kontakt{CONCEAL}dold")}
områden:
  - namn: {json.dumps(AREA)}
    löften:
      - id: kontakter
        text: {json.dumps(TEXT)}
        mål: {{typ: kontakt, minst: 3}}
"""
HEADER = "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad"
HOSTILE_LOG = (
    f"{HEADER}\n"
    f'2019-03-04,kontakt,1,"Torget{CONCEAL}\n::error file=x::pwned",,,"a\u009b31m",'
    "test,2019-03-04T10:00:00+01:00\n"
    '2019-03-05,kontakt,x,"b\n::warning::y ##[error]z",,,,test,\n'
)
HOSTILE_COMMENTS = (
    "datum,löfte,kommentar,registrerad_av,registrerad\n"
    f'2019-03-06,kontakter,"Notis{ESC_TITLE}\n##[error]kommentar",test,\n'
)
# Raw control characters (line breaks aside) and lines a runner would read as a command.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
WORKFLOW_LINE = re.compile(r"^\s*(::|##\[|##vso\[)")


@pytest.fixture
def hostile_repo(tmp_path: Path) -> Path:
    write(tmp_path, "promises/2019.yaml", HOSTILE_PROMISES)
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs/2019.csv").write_text(HOSTILE_LOG, encoding="utf-8")
    (tmp_path / "logs/2019.kommentarer.csv").write_text(HOSTILE_COMMENTS, encoding="utf-8")
    return tmp_path


def assert_safe(text: str) -> None:
    assert not RAW_CONTROL.search(text), repr(RAW_CONTROL.search(text))
    commands = [line for line in text.split("\n") if WORKFLOW_LINE.match(line)]
    assert commands == []


COMMANDS = [
    ("status", "2019"),
    ("status", "2019", "kontakter"),
    ("status", "2019", "--format", "markdown"),
    ("status", "2019", "--format", "csv"),
    ("status", "2019", "--format", "json"),
    ("typer", "2019"),
    ("loften", "2019"),
    ("check",),
    ("check", "--strikt", "--per", "2019-06-30"),
    ("oversikt",),
    ("rapport", "2019"),
    ("rapport", "2019", "--format", "html"),
    ("log", "insats", "--typ", "kontakt", "--datum", "2019-03-07"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_command_prints_raw_control_characters_or_workflow_commands(
    hostile_repo: Path, args: tuple[str, ...]
) -> None:
    result = run_lofte(*args, cwd=hostile_repo)
    assert result.exit_code in (0, 1, 3), result.stderr
    assert_safe(result.stdout)
    assert_safe(result.stderr)


@pytest.mark.parametrize("args", [("typer", "2019"), ("status", "2019", "kontakter")])
def test_control_characters_are_shown_as_visible_escapes(
    hostile_repo: Path, args: tuple[str, ...]
) -> None:
    result = run_lofte(*args, cwd=hostile_repo)
    assert "\\x1b[8m" in result.stdout
    assert "[link=https://evil.invalid]x[/link]" in result.stdout.replace("\n", "")


def test_detail_view_shows_a_cell_with_a_line_break_as_one_line(hostile_repo: Path) -> None:
    result = run_lofte("status", "2019", "kontakter", cwd=hostile_repo)
    assert "Torget\\x1b[8m\\n::error file=x::pwned" in result.stdout


def test_check_text_keeps_each_problem_on_its_line(tmp_path: Path) -> None:
    write(tmp_path, "promises/2019.yaml", HOSTILE_PROMISES)
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs/2019.csv").write_text(
        f'{HEADER}\n2019-03-05,"x\n::error file=a.py::pwned{CONCEAL}",1,,,,,,\n', encoding="utf-8"
    )
    result = run_lofte("check", cwd=tmp_path)
    assert result.stdout.splitlines() == [
        "logs/2019.csv:2: fel E024: Okänd aktivitetstyp 'x\\n::error file=a.py::pw…'."
        " Kända typer: kontakt.",
        "1 fel i 1 fil.",
    ]


def test_check_github_prints_only_its_own_workflow_commands(tmp_path: Path) -> None:
    write(tmp_path, "promises/2019.yaml", HOSTILE_PROMISES)
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs/2019.csv").write_text(
        f'{HEADER}\n2019-03-05,"kontakt\n::error::x{CONCEAL}",1,,,,,,\n', encoding="utf-8"
    )
    result = run_lofte("check", "--format", "github", cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert lines == [
        "::error file=logs/2019.csv,line=2,title=E024::Okänd aktivitetstyp "
        "'kontakt\\n::error::x\\x1b[8m'. Kända typer: kontakt.",
        "1 fel i 1 fil.",
    ]


def test_status_markdown_escapes_kommun_police_area_and_area_names(hostile_repo: Path) -> None:
    result = run_lofte("status", "2019", "--format", "markdown", cwd=hostile_repo)
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "# Medborgarlöften 2019 – Kalix\\\\x1b\\]0;pwned\\\\x07\\[link=<https://evil.invalid>\\]x"
        "\\[/link\\] och lokalpolisområde Öst\\\\u009b31m \\<b\\>ra\\</b\\> \\| \\*fet\\*"
    )
    assert "## Trygg\\\\x1b\\[8mhet \\# \\_x\\_ ::error::omrade" in lines


def _report(root: Path, source: str, renderer: Callable[[FollowUpReport], str]) -> str:
    """The report with `källa` set to `source`, rendered directly: `lofte rapport` refuses a
    promise file whose source is a refused link (E050), so the renderer's own rule is
    tried here."""
    promise_set, problems = load_promise_file(
        root / "promises/2019.yaml", "promises/2019.yaml", "2019", "logs/2019.csv"
    )
    assert promise_set is not None and not problems, problems
    changed = dataclasses.replace(promise_set, source=source)
    return renderer(followup_report(Tally.of(changed, ()), date(2019, 6, 30), []))


def test_report_markdown_never_passes_a_raw_tag_or_a_bad_link(hostile_repo: Path) -> None:
    source = "<img src=x onerror=alert(1)>"
    report = _report(hostile_repo, source, render_report_markdown)
    assert "- **Källa:** \\<img src=x onerror=alert(1)\\>" in report.splitlines()
    report = _report(hostile_repo, "javascript:alert(1)", render_report_markdown)
    assert "- **Källa:** javascript:alert(1)" in report.splitlines()
    report = _report(hostile_repo, "https://a.invalid/x y>z", render_report_markdown)
    assert "- **Källa:** <https://a.invalid/x%20y%3Ez>" in report.splitlines()


def test_report_links_only_http_and_mailto(hostile_repo: Path) -> None:
    page = run_lofte("rapport", "2019", "--format", "html", cwd=hostile_repo).stdout
    assert (
        '<a href="https://exempel.invalid/löften?a=1&amp;b=&lt;2&gt;">'
        "https://exempel.invalid/löften?a=1&amp;b=&lt;2&gt;</a>"
    ) in page
    markdown_report = run_lofte("rapport", "2019", cwd=hostile_repo).stdout
    assert "- **Källa:** <https://exempel.invalid/löften?a=1&b=%3C2%3E>" in markdown_report
    for source in ("javascript:alert(1)", " JaVa\tScRiPt:alert(1)", "data:text/html,x"):
        page = _report(hostile_repo, source, render_report_html)
        assert f"<dt>Källa</dt><dd>{html(source)}</dd>" in page
        assert page.count("<a href") == page.count('<a href="#')
    page = _report(hostile_repo, "mailto:samordnare@exempel.invalid", render_report_html)
    assert '<a href="mailto:samordnare@exempel.invalid">' in page


def test_check_and_rapport_refuse_a_source_that_is_no_link(tmp_path: Path) -> None:
    promises = HOSTILE_PROMISES.replace(json.dumps(SOURCE), json.dumps(" java\tscript:alert(1)"))
    write(tmp_path, "promises/2019.yaml", promises)
    result = run_lofte("check", "--format", "json", cwd=tmp_path)
    assert [(p["code"], p["line"]) for p in json.loads(result.stdout)] == [("E050", 4)]
    assert run_lofte("rapport", "2019", "--format", "html", cwd=tmp_path).exit_code == 1


def test_html_report_escapes_control_characters_and_tags(hostile_repo: Path) -> None:
    page = run_lofte("rapport", "2019", "--format", "html", cwd=hostile_repo).stdout
    assert "Öst\\u009b31m &lt;b&gt;ra&lt;/b&gt; | *fet*" in page
    assert "<b>" not in page


# --- the functions themselves -----------------------------------------------------------


def test_visible_names_every_control_character() -> None:
    assert visible("a\x1b[8mb\tc\r\nd\x00\x7f\x85\u202e") == (
        "a\\x1b[8mb\\tc\\r\\nd\\x00\\u007f\\u0085\\u202e"
    )
    assert visible("Ösby – vanlig text") == "Ösby – vanlig text"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- lista", "\\- lista"),
        ("1. lista", "1\\. lista"),
        ("# rubrik", "\\# rubrik"),
        ("<script>x</script>", "\\<script\\>x\\</script\\>"),
        ("[a](javascript:x)", "\\[a\\](javascript:x)"),
        ("&lt; $x$ ~~y~~ | `z` !", "\\&lt; \\$x\\$ \\~\\~y\\~\\~ \\| \\`z\\` \\!"),
        ("rad ett\nrad två", "rad ett rad två"),
        ("a\x1bb", "a\\\\x1bb"),
        ("2019-01-01 är ett datum", "2019-01-01 är ett datum"),
    ],
)
def test_markdown_escapes_text_from_files(text: str, expected: str) -> None:
    assert markdown(text) == expected


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("https://exempel.invalid/a", "https://exempel.invalid/a"),
        ("HTTP://exempel.invalid", "HTTP://exempel.invalid"),
        ("mailto:samordnare@exempel.invalid", "mailto:samordnare@exempel.invalid"),
        ("javascript:alert(1)", None),
        ("\x01 java\nscript:alert(1)", None),
        ("data:text/html,<b>", None),
        ("file:///etc/passwd", None),
        ("Kalix kommuns webbplats", None),
        ("https:", None),
    ],
)
def test_only_http_and_mailto_become_links(text: str, target: str | None) -> None:
    assert link_target(text) == target


def test_html_escapes_quotes_tags_and_control_characters() -> None:
    assert html('"><script>\x1b') == "&quot;&gt;&lt;script&gt;\\x1b"


def test_no_line_starts_a_workflow_command_however_it_is_written() -> None:
    target = io.StringIO()
    stream = SafeStream(target)  # type: ignore[arg-type]
    for piece in (":", ":error::a\n", "  ", "#", "#[x]\nok ::x\n", "##vso[task]\n", "\x1b[8m\n"):
        stream.write(piece)
    stream.styled.write("\x1b[1m::warning::b\x1b[0m\n")
    stream.finish()
    assert target.getvalue() == (
        "\\::error::a\n  \\##[x]\nok ::x\n\\##vso[task]\n\\x1b[8m\n\x1b[1m\\::warning::b\x1b[0m\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ("status", "2019", "--format", "json"),
        ("loften", "2019", "--format", "json"),
        ("check", "--format", "json"),
        ("oversikt", "--format", "json"),
    ],
    ids=" ".join,
)
def test_json_printed_to_a_terminal_stays_valid_json(
    hostile_repo: Path, args: tuple[str, ...]
) -> None:
    result = run_lofte(*args, cwd=hostile_repo)
    assert_safe(result.stdout)
    data = json.loads(result.stdout)
    if args[0] == "status":
        assert data["police_area"] == POLICE_AREA  # the data itself, unchanged
    if args[0] == "oversikt":
        assert data["rows"][0]["police_area"] == POLICE_AREA


def test_status_csv_never_starts_a_line_with_a_workflow_command(tmp_path: Path) -> None:
    write(
        tmp_path, "promises/2019.yaml", HOSTILE_PROMISES.replace(json.dumps(KOMMUN), '"::error::x"')
    )
    result = run_lofte("status", "2019", "--format", "csv", cwd=tmp_path)
    lines = result.stdout_bytes.decode("utf-8-sig").split("\r\n")
    assert lines[1].startswith("\\::error::x;2019;")
    assert_safe(result.stdout)


class _CountedText(str):
    """Text that counts the characters cut out of it (and out of what is cut from it), and
    stops the test once that is more than `budget`: a guard that cuts off the rest of the
    text at every line copies the text over and over, quadratic in its length."""

    copied = 0
    budget = 0

    def __getitem__(self, key):  # type: ignore[no-untyped-def]
        piece = str.__getitem__(self, key)
        _CountedText.copied += len(piece)
        if _CountedText.copied > _CountedText.budget:
            raise AssertionError(f"more than {_CountedText.budget} characters copied")
        return _CountedText(piece)


@pytest.mark.parametrize("lines", [2_000, 200_000])
def test_the_stream_guard_copies_each_character_of_its_output_once(lines: int) -> None:
    """Output costs the same per line however much there is: the guard cuts each line out
    of what is written once, so the characters it copies are the text's length, for 2,000
    warnings as for 200,000 (counted, not timed)."""
    line = "logs/2019.csv:12: varning W003: raden är en exakt kopia av rad 3\n"
    text = line * lines
    _CountedText.copied, _CountedText.budget = 0, 2 * len(text)
    target = io.StringIO()
    stream = SafeStream(target)  # type: ignore[arg-type]
    stream._emit(_CountedText(text))
    stream.finish()
    assert target.getvalue() == text
    assert _CountedText.copied == len(text)


def test_printable_text_skips_the_control_pattern_and_nothing_else_does() -> None:
    """`has_control`, `visible` and the stream guard take text that `str.isprintable` calls
    printable as it is: every character of CONTROL_CHARS must be unprintable, and every
    character the pattern finds must be, for every code point."""
    from medborgarlofte.core.safe_text import CONTROL_CHARS, has_control

    pattern = re.compile(f"[{CONTROL_CHARS}]")
    for code in range(0x110000):
        char = chr(code)
        if pattern.match(char):
            assert not char.isprintable(), hex(code)
            assert has_control(f"a{char}b") and visible(char) != char, hex(code)
    assert not has_control("Löfte ✔ Uppfyllt\u00a0v. 14") and visible("a\u00a0b") == "a\u00a0b"
    target = io.StringIO()
    stream = SafeStream(target)
    stream.write("rad ett\nrad två\n")
    stream.write("och\x1b[31m\n")
    stream.styled.write("\x1b[1mfet\x1b[0m\n")
    assert target.getvalue() == "rad ett\nrad två\noch\\x1b[31m\n\x1b[1mfet\x1b[0m\n"
