"""The published pages on a phone, in headless Chromium 390 px wide (docs/publicering.md): the
page's scroll width is its width (no sideways scroll), the page is Swedish with `hyphens: auto`,
and no word is broken across lines except where a hyphen shows. Hostile input (a promise title
of 80 wide characters, a comment of 100,000 characters, 10,000 measurements, the longest
numbers) keeps the page inside the screen. Skips, saying why, without Chromium (`.ci/run`
installs it)."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

from conftest import run_lofte, write
from test_rapport_browser import _axe_js, _axe_violations, _chromium, _run_chromium

PHONE_WIDTH = 390

# Run inside the page: its widths, its language and hyphenation, and the elements whose
# content runs out of their box (wider than it) or out of the screen.
MEASURE = """
<script>
(function () {
  var root = document.documentElement;
  var out = window.parent.document.createElement("pre");
  out.id = "mobil-resultat";
  var over = Array.prototype.filter.call(document.body.querySelectorAll("*"), function (e) {
    if (e.closest("svg, .dold")) return false;
    var box = e.getBoundingClientRect();
    return box.right > root.clientWidth + 0.5 || e.scrollWidth > e.clientWidth + 1
      && getComputedStyle(e).overflowX === "visible" && e.clientWidth > 0;
  }).slice(0, 8).map(function (e) { return e.tagName + "." + e.className; });
  out.textContent = JSON.stringify({
    width: root.clientWidth, scroll: root.scrollWidth, lang: root.lang,
    hyphens: getComputedStyle(document.querySelector(".lofte-rapport p") || document.body).hyphens,
    over: over
  });
  window.parent.document.body.appendChild(out);
})();
</script>
"""
# Without the last resort of breaking a word anywhere, a word can only break where a hyphen
# shows (hyphens: auto, or a soft hyphen): if the page still fits the screen like this, no
# word of it is broken without a hyphen.
NO_EMERGENCY_BREAKS = (
    "<style>*, *::before, *::after "
    "{ overflow-wrap: normal !important; word-break: normal !important; }</style>"
)


def measure(
    chromium: str, page: Path, profile: Path, strict: bool = False
) -> dict[str, object]:
    """The page, with the probe, in a frame as wide as a phone (a headless window cannot be
    made narrower than 500 px); `strict` takes away the breaking of words anywhere."""
    extra = NO_EMERGENCY_BREAKS if strict else ""
    probed = page.read_text(encoding="utf-8").replace("</body>", extra + MEASURE + "</body>")
    probe = page.with_name(f"mobil-{page.name}")
    probe.write_text(
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Telefon</title>'
        '<style>body { margin: 0; } iframe { border: 0; display: block; }</style></head><body>'
        f'<iframe title="Sidan" width="{PHONE_WIDTH}" height="800" '
        f'srcdoc="{html.escape(probed, quote=True)}"></iframe></body></html>',
        encoding="utf-8",
    )
    result = _run_chromium(
        chromium,
        profile,
        "--window-size=800,900",
        "--virtual-time-budget=5000",
        "--dump-dom",
        probe.as_uri(),
    )
    probe.unlink()
    found = re.search(r'<pre id="mobil-resultat">(.*?)</pre>', result.stdout, re.S)
    assert found, result.stderr[-2000:]
    data = json.loads(html.unescape(found.group(1)))
    assert isinstance(data, dict)
    return data


def _site(repo: Path) -> Path:
    result = run_lofte("webb", "--per", "2019-09-30", cwd=repo, today="2019-10-01")
    assert result.exit_code == 0, result.stderr
    return repo / "_site"


def test_every_page_fits_a_phone_without_breaking_a_word(
    example_repo: Path, tmp_path: Path
) -> None:
    chromium = _chromium()
    site = _site(example_repo)
    fragment = run_lofte("rapport", "2019", "--fragment", cwd=example_repo, today="2019-10-01")
    host = tmp_path / "vard.html"
    host.write_text(
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Kommunen</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>'
        f"<h1>Kommunen</h1>{fragment.stdout}</body></html>",
        encoding="utf-8",
    )
    for page in (site / "index.html", site / "kalix/2019.html", host):
        data = measure(chromium, page, tmp_path / "profil")
        assert data["width"] == PHONE_WIDTH, (page, data)
        assert data["scroll"] == data["width"] and data["over"] == [], (page, data)
        assert data["lang"] == "sv" and data["hyphens"] == "auto", (page, data)
        strict = measure(chromium, page, tmp_path / "profil", strict=True)
        assert strict["scroll"] == strict["width"] and strict["over"] == [], (page, strict)


HOSTILE = """
kommun: Exempelby
period: 2019
aktivitetstyper:
  vandring: Trygghetsvandring
områden:
  - namn: {wide}
    löften:
      - id: vandringar
        rubrik: {wide}
        text: Minst två vandringar, se {url}
        mål: {{typ: vandring, minst: 2, per: vecka}}
    indikatorer:
      - id: inbrott
        namn: {wide}
        källa: {url}
        enhet: antal
        riktning: minska
        utgångsläge: {{datum: 1990-12-31, värde: "123456789012345,1234567891"}}
        mål: "-987654321098765,9876543219"
"""


def test_hostile_input_keeps_the_page_inside_the_screen(tmp_path: Path) -> None:
    chromium = _chromium()
    repo = tmp_path / "repo"
    wide = "漢" * 80
    url = "https://example.org/" + "a" * 300
    write(repo, "promises/2019.yaml", HOSTILE.format(wide=wide, url=url))
    write(repo, "logs/2019.csv", "datum,typ,antal\n2019-03-01,vandring,999999999\n")
    comment = "Exempeldata: " + ("ordet " * 16_000) + "x" * 4_000
    header = "datum,löfte,kommentar\n"
    write(repo, "logs/2019.kommentarer.csv", f"{header}2019-04-01,vandringar,{comment}\n")
    first = date(1992, 8, 11)
    rows = "".join(f"{first + timedelta(days=n)},inbrott,{n % 97}\n" for n in range(10_000))
    rows += "2019-05-01,inbrott,1234567890123456789012345678901234567890\n"  # refused: E081
    write(repo, "logs/2019.matningar.csv", "datum,indikator,värde\n" + rows)
    site = _site(repo)
    page = site / "exempelby/2019.html"
    text = page.read_text(encoding="utf-8")
    assert len(comment) > 100_000 and comment[-50:] in text
    for each in (site / "index.html", page):
        data = measure(chromium, each, tmp_path / "profil")
        assert data["scroll"] == data["width"] == PHONE_WIDTH, (each, data)
    # Every chart is still well-formed SVG, and the page passes axe-core.
    for svg in re.findall(r"<svg viewBox=.*?</svg>", text, re.DOTALL):
        ET.fromstring(svg)
    _axe_js()
    for each in (site / "index.html", page):
        assert _axe_violations(chromium, each, tmp_path / "profil") == [], each


def test_the_probe_sees_sideways_scroll_and_a_word_that_does_not_fit(tmp_path: Path) -> None:
    """The measure itself: a page that is too wide; a word that fits only when broken."""
    chromium = _chromium()
    page = tmp_path / "bred.html"
    page.write_text(
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>t</title></head>'
        '<body><div style="width: 600px">bred</div>'
        '<p style="width: 5em; overflow-wrap: anywhere">medborgarlöftenas</p></body></html>',
        encoding="utf-8",
    )
    data = measure(chromium, page, tmp_path / "profil")
    assert data["scroll"] == 600 + 8  # and the body's margin
    strict = measure(chromium, page, tmp_path / "profil", strict=True)
    assert "P." in strict["over"]  # type: ignore[operator]
