"""`lofte rapport --fragment`: the report's body only, its style sheet scoped to it (the
browser test embeds it in a hostile page and runs axe-core)."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import run_lofte

from medborgarlofte.render.css_scope import scope_css


def test_fragment_is_the_body_only_with_every_rule_scoped(example_repo: Path) -> None:
    result = run_lofte(
        "rapport", "2019", "--per", "2019-09-30", "--fragment", cwd=example_repo, today="2019-10-01"
    )
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.startswith('<div class="lofte-rapport" lang="sv">\n<style>\n')
    assert text.endswith("</div>\n")
    for tag in ("<html", "<head", "<body", "<main", "<header", "<footer", "<script", "<meta"):
        assert tag not in text
    css = text.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "@page" not in css
    rules = re.sub(r"@media[^{]*\{", "", css).replace("}", "}\n")
    selectors = [
        s.strip()
        for rule in rules.split("}")
        if "{" in rule
        for s in _top_level_commas(rule.split("{", 1)[0])
        if s.strip()
    ]
    assert len(selectors) > 60
    assert [s for s in selectors if not s.startswith(".lofte-rapport")] == []
    assert ".lofte-rapport, .lofte-rapport * { box-sizing: border-box; }" in css
    assert "<h3" in text and "Löfte 1.1" in text
    # Its ids cannot collide with the host page's: each has the wrapper's prefix.
    ids = re.findall(r'\bid="([^"]*)"', text)
    assert len(ids) > 20 and all(i.startswith("lofte-rapport-") for i in ids)
    for reference in re.findall(r'href="#([^"]*)"|aria-labelledby="([^"]*)"', text):
        for name in " ".join(reference).split():
            assert name in ids


def _top_level_commas(selector_list: str) -> list[str]:
    """`a, b:not(c, d)` -> `a`, `b:not(c, d)`."""
    parts, depth, current = [], 0, ""
    for char in selector_list:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def test_scope_css_maps_root_selectors_to_the_wrapper() -> None:
    css = """
    :root { color-scheme: light; }
    html { font-size: 100%; }
    body, p a { margin: 0; }
    @page { size: A4; }
    @media print {
      html { font-size: 10pt; }
      h2 { break-after: avoid; }
    }
    """
    assert scope_css(css, ".s") == (
        ".s { color-scheme: light; }\n"
        ".s { font-size: 100%; }\n"
        ".s, .s p a { margin: 0; }\n"
        "@media print {\n.s { font-size: 10pt; }\n.s h2 { break-after: avoid; }\n}\n"
    )


def test_fragment_needs_html(example_repo: Path) -> None:
    result = run_lofte("rapport", "2019", "--fragment", "-f", "markdown", cwd=example_repo)
    assert result.exit_code == 2
    assert result.stderr == (
        "lofte: --fragment och --historik finns bara för html: ta bort -f markdown.\n"
    )
