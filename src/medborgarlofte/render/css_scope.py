"""Renderers, helper: scope a style sheet under one class (`lofte rapport --fragment`).

A kommun pastes the fragment into a web publishing system whose own CSS it cannot see. Every
rule is rewritten to apply only inside the fragment's wrapper: `html`, `body` and `:root`
become the wrapper itself, `*` becomes the wrapper and everything in it, any other selector
is prefixed with the wrapper's class. `@page` is dropped (it would set the host's print
margins); `@media` blocks are scoped rule by rule. Written for lofte's own style sheet (no
strings holding braces, no nested at-rules other than @media), not for arbitrary CSS.
"""

from __future__ import annotations

_ROOT_SELECTORS = ("html", "body", ":root")


def _scope_selector(selector: str, scope: str) -> list[str]:
    selector = " ".join(selector.split())
    if not selector:
        return []
    first, _, rest = selector.partition(" ")
    if first in _ROOT_SELECTORS:
        return [f"{scope} {rest}" if rest else scope]
    if selector == "*":
        return [scope, f"{scope} *"]
    return [f"{scope} {selector}"]


def _blocks(css: str) -> list[tuple[str, str]]:
    """Top-level (prelude, body) pairs; a body holds nested blocks for @media."""
    blocks: list[tuple[str, str]] = []
    depth, start, prelude = 0, 0, ""
    for index, char in enumerate(css):
        if char == "{":
            if depth == 0:
                prelude = css[start:index].strip()
                start = index + 1
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                blocks.append((prelude, css[start:index].strip()))
                start = index + 1
    return blocks


def scope_css(css: str, scope: str) -> str:
    """`css` with every rule limited to elements under (and including) `scope`, a selector
    such as `.lofte-rapport`."""
    out: list[str] = []
    for prelude, body in _blocks(css):
        if prelude.startswith("@page"):
            continue
        if prelude.startswith("@media"):
            out.append(f"{prelude} {{\n{scope_css(body, scope)}}}")
            continue
        if prelude.startswith("@"):
            continue  # nothing else of ours; anything unknown would not be scoped
        selectors = [s for part in prelude.split(",") for s in _scope_selector(part, scope)]
        declarations = " ".join(body.split())
        out.append(f"{', '.join(selectors)} {{ {declarations} }}")
    return "\n".join(out) + "\n"
