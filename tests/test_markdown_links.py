"""Markdown as GitHub and GitLab show it: a bare address in any text stays one clickable link
(no escape inside it), everything else stays literal text. Rendered with a real CommonMark/GFM
renderer (markdown-it-py with linkify), and the links' targets compared (docs/publicering.md)."""

from __future__ import annotations

from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import run_lofte, write
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from medborgarlofte.core.safe_text import markdown

GFM = MarkdownIt("gfm-like")  # tables, strikethrough and linkify, as GitHub's extensions


class _Rendered(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "a":
            self.links.append(unquote(dict(attrs)["href"] or ""))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _render(source: str) -> _Rendered:
    parsed = _Rendered()
    parsed.feed(GFM.render(source))
    return parsed


@pytest.mark.parametrize(
    ("text", "links"),
    [
        (
            "Läs löftet på https://kalix.se/Medborgarlöfte_2019.pdf.",
            ["https://kalix.se/Medborgarlöfte_2019.pdf"],
        ),
        ("Sök (https://example.org/s?q=a&b=2#top) igen", ["https://example.org/s?q=a&b=2#top"]),
        (
            "Två: http://a.example/x_y_z, och https://b.example/*stjärna*/!",
            ["http://a.example/x_y_z", "https://b.example/*stjärna*/"],
        ),
        ("https://sv.wikipedia.org/wiki/Kalix_(ort) först", ["https://sv.wikipedia.org/wiki/Kalix_(ort)"]),
        ("- https://example.org/lista", ["https://example.org/lista"]),
        # Markdown's own link syntax stays text; the address in it is shown as itself.
        ("Ingen: javascript:alert(1) och [x](https://evil.example)", ["https://evil.example"]),
    ],
)
def test_a_bare_address_is_one_link_and_the_rest_literal(text: str, links: list[str]) -> None:
    rendered = _render(markdown(text))
    assert rendered.links == links
    assert "".join(rendered.text).strip() == text
    assert rendered.tags == ["p", *(["a"] * len(links))]


def test_the_old_escaping_broke_the_link() -> None:
    """What the escaping inside the address did: GitHub's linkify took the backslash along."""
    broken = _render("Läs https://kalix.se/Medborgarlöfte\\_2019.pdf")
    assert broken.links != ["https://kalix.se/Medborgarlöfte_2019.pdf"]


def test_an_address_in_a_table_cell_keeps_the_table() -> None:
    cell = markdown("Se https://example.org/a|b och x | y")
    rendered = _render(f"| Löfte | Mål |\n|---|---|\n| {cell} | 2 |\n")
    assert rendered.links == ["https://example.org/a|b"]
    assert rendered.tags.count("td") == 2


_PLAIN = st.text(alphabet="ab åö*_[]<>|#~&$!`\\-+=.,:;()'\" \n", max_size=30)
_URL = st.sampled_from(
    ["https://kalix.se/Medborgarlöfte_2019.pdf", "https://example.org/s?q=a&b=2#top", "http://x.se"]
)


@given(st.lists(st.tuples(_PLAIN, _URL), max_size=3), _PLAIN)
def test_any_text_with_addresses_renders_as_itself(
    pieces: list[tuple[str, str]], tail: str
) -> None:
    text = "".join(f"{plain} {url} " for plain, url in pieces) + tail
    rendered = _render(markdown(text))
    flat = " ".join(text.split())
    assert unescape("".join(rendered.text)).strip() == flat.strip()
    assert rendered.links == [url for _, url in pieces]


def test_rapport_markdown_links_every_address_in_every_text(tmp_path: Path) -> None:
    write(
        tmp_path,
        "promises/2019.yaml",
        """
        kommun: Exempelby
        period: 2019
        källa: https://kalix.se/Medborgarlöfte_2019.pdf
        aktivitetstyper:
          vandring: Trygghetsvandring
        områden:
          - namn: Trygghet
            lägesbild: Se https://bra.se/statistik_2018?kommun=2514&ar=2018#tabell för läget.
            löften:
              - id: vandringar
                rubrik: Vandringar enligt https://example.org/plan_a
                text: Minst två vandringar, se https://kalix.se/Medborgarlöfte_2019.pdf.
                mål: {typ: vandring, minst: 2}
        """,
    )
    write(tmp_path, "logs/2019.csv", "datum,typ\n2019-03-01,vandring\n")
    write(
        tmp_path,
        "logs/2019.kommentarer.csv",
        "datum,löfte,kommentar\n2019-04-01,vandringar,Exempeldata: se https://x.example/a_b_c.\n",
    )
    result = run_lofte("rapport", "2019", cwd=tmp_path, today="2019-06-30")
    assert result.exit_code == 0, result.stderr
    links = _render(result.stdout).links
    assert sorted(set(links)) == [
        "https://bra.se/statistik_2018?kommun=2514&ar=2018#tabell",
        "https://example.org/plan_a",
        "https://kalix.se/Medborgarlöfte_2019.pdf",
        "https://x.example/a_b_c",
    ]
    # The rubrik stands in the summary table and as a heading: both keep the link.
    assert links.count("https://example.org/plan_a") == 2
