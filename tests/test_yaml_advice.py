"""YAML syntax errors say in Swedish what to do, at the line of the mistake (E001, E063)."""

from __future__ import annotations

import textwrap

from medborgarlofte.load.promise_file import parse_promise_text


def _problems(text: str) -> list[str]:
    _, problems = parse_promise_text(
        textwrap.dedent(text), "promises/2019.yaml", "2019", "logs/2019.csv"
    )
    return [f"{p.line}:{p.column}: {p.code}: {p.message}" for p in problems]


def test_a_tab_says_use_spaces() -> None:
    (found,) = _problems("kommun: Exempelby\nperiod: 2019\naktivitetstyper:\n\tbesok: Besök\n")
    assert found.startswith("4:1: E001: YAML-syntaxfel: ett tabbtecken;")
    assert "byt tabbtecknen mot mellanslag" in found
    assert "found character" not in found


def test_a_missing_colon_is_reported_on_its_own_line() -> None:
    text = """\
        kommun: Exempelby
        period 2019
        aktivitetstyper:
          besok: Besök
        """
    (found,) = _problems(text)
    assert found.startswith("2:1: E001: YAML-syntaxfel: kolon saknas:")


def test_an_unclosed_quote_is_reported_where_it_opens() -> None:
    (found,) = _problems("kommun: 'Exempelby\nperiod: 2019\naktivitetstyper: {}\n")
    assert found == (
        "1:9: E001: YAML-syntaxfel: ett citattecken som öppnas på rad 1 stängs aldrig; "
        "sätt ett likadant citattecken i slutet av texten."
    )


def test_bad_indentation_and_unclosed_lists_and_stray_characters_have_advice() -> None:
    indent = _problems("aktivitetstyper:\n  besok: Besök\n ovrigt: Övrigt\n")
    assert indent[0].startswith("3:2: E001: YAML-syntaxfel: fel indrag:")
    flow = _problems("kommun: Exempelby\nperiod: [2019\nx: 1\n")
    assert "listan [ … ] som börjar på rad 2 stängs inte" in flow[0]
    stray = _problems("kommun: @Exempelby\n")
    assert "tecknet '@' kan inte inleda ett värde; sätt värdet inom citattecken" in stray[0]


def test_a_forgotten_dash_before_a_promise_says_so_once() -> None:
    text = """\
        kommun: Exempelby
        period: 2019
        aktivitetstyper:
          besok: Besök
        områden:
          - namn: Skola
            löften:
              - id: forsta
                text: Ett löfte.
                mål: {typ: besok, minst: 1}
                id: andra
                text: Ett annat löfte.
        """
    assert _problems(text) == [
        "11:9: E063: Nyckeln 'id' står två gånger i samma avsnitt (första gången på rad 8). "
        "Har ett '- ' fallit bort före nästa löfte?"
    ]


def test_both_spellings_of_a_key_is_still_e004() -> None:
    text = "kommun: Exempelby\nperiod: 2019\naktivitetstyper: {}\nområden: []\nomraden: []\n"
    assert [p.split(": ")[1] for p in _problems(text)] == ["E004"]
