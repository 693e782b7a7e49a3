"""Core helper: text from files made safe for where it goes (docs/garantier.md).

Everything a repo holds is untrusted: a promise text, an id, a log cell, a file name. Each
output has one function here, and every renderer of that output uses it:

- a terminal or a CI log: `visible` shows control characters as escapes (`\\x1b`), so
  no file can move the cursor, hide text, set the window title or make a link; no line
  may start a CI workflow command (`WORKFLOW_MARKERS`, guarded in cli/terminal.py);
- Markdown: `markdown` escapes every markup character, so text stays text;
- HTML: `html` escapes, and `link_target` lets only `http:`, `https:` and `mailto:`
  become links.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

# C0 controls (tab and line breaks included), DEL, C1 controls, the invisible characters
# that reorder or break lines on screen (bidi overrides, line separators), and lone UTF-16
# surrogates: what a file name of bytes that are not UTF-8 reads as (Python's
# surrogateescape), which no output can encode. Written as regex escapes, for regexes.
CONTROL_CHARS = (
    "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\\ud800-\\udfff"
)


# Every one of them is unprintable to `str.isprintable` (a control, format, separator or
# surrogate character), so printable text, most of what is shown, needs no pattern at all;
# the pattern is compiled when first some text is not printable.
@cache
def _control() -> re.Pattern[str]:
    return re.compile(f"[{CONTROL_CHARS}]")


_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    # C0 as `\x1b`, as terminals and Python write it; DEL, C1 and the rest as `\u009b`, which
    # also keeps a JSON document valid (JSON has no `\x` escape, and leaves them raw).
    return f"\\x{code:02x}" if code < 0x7F else f"\\u{code:04x}"


def has_control(text: str) -> bool:
    return not text.isprintable() and _control().search(text) is not None


def has_undecodable(text: str) -> bool:
    """Whether `text` holds bytes that were not UTF-8 (a file name read with
    surrogateescape): shown as `\\udcff`, never written raw."""
    try:
        text.encode("utf-8")  # strict UTF-8 fails on a lone surrogate and on nothing else
    except UnicodeEncodeError:
        return True
    return False


def visible(text: str) -> str:
    """`text` with every control character shown as a visible escape (ESC as `\\x1b`, a
    line break as `\\n`): one line of plain characters, safe to print anywhere."""
    if text.isprintable():
        return text
    control = _control()
    return control.sub(_escape, text) if control.search(text) else text


# A GitHub Actions (`::error …::`, `##[error]`) or Azure Pipelines (`##vso[`) workflow
# command: the runners look for these at the start of a line, after leading blanks. No line
# lofte prints may start with one (cli/terminal.py puts a backslash in front).
WORKFLOW_MARKERS = ("::", "##[", "##vso[")

# The patterns of Markdown, HTML and links below are compiled when first used: a command
# that writes none of them (`lofte status` in a terminal) never pays for them.


# --- Markdown -------------------------------------------------------------------------


@cache
def _markdown_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The markup characters, a list or heading marker at the start, a bare web address."""
    return (
        re.compile(r"([\\`*_\[\]<>|#~&$!])"),
        re.compile(r"^(\d+(?=[.)])|(?=[-+=]))"),
        re.compile(_BARE_URL, re.IGNORECASE),
    )


# A bare web address in running text: up to white space, `<`/`>` (which end an autolink) or
# a character no address holds unencoded (`[`, `]`, `"`, a backtick), without the
# punctuation that ends a sentence around it (`.`, `,`, `:` …, a closing quote, and a `)`
# that opens nowhere inside the address), as GitHub's own autolinks read it.
_BARE_URL = r"\bhttps?://[^\s<>\[\]\"`]+"
_URL_TRAILING = ".,:;!?*_~'\""
# Percent-encoded inside an autolink: what cannot stand there (space, `<`, `>`), what a table
# cell would split at (`|`), and what some renderers still read as markup.
_AUTOLINK_ENCODED = frozenset(' <>"`\\|')


def _url_end(candidate: str) -> int:
    """How much of `candidate` is the address: trailing punctuation and unbalanced `)` off."""
    end = len(candidate)
    while end:
        last = candidate[end - 1]
        unbalanced = last == ")" and candidate.count("(", 0, end) < candidate.count(")", 0, end)
        if last not in _URL_TRAILING and not unbalanced:
            break
        end -= 1
    return end


def markdown_autolink(target: str) -> str:
    """A link target as a CommonMark autolink, `<https://…>`: no escape is read inside it, so
    the address stays exactly one clickable link on GitHub and GitLab."""
    return "<" + "".join(f"%{ord(c):02X}" if c in _AUTOLINK_ENCODED else c for c in target) + ">"


def _markdown_plain(text: str) -> str:
    return _markdown_patterns()[0].sub(r"\\\1", text)


def markdown(text: str) -> str:
    """File text as literal Markdown on one line: runs of blanks and line breaks become one
    space, every character with a meaning in Markdown (CommonMark and GitHub's: emphasis,
    links, raw HTML and entities, tables, headings, strikethrough, math) is escaped, a
    list or heading marker at the start is escaped, control characters are made visible.
    A bare `http(s)` address is kept whole as an autolink (`markdown_autolink`), so no
    escape ends up inside it (`Medborgarlöfte\\_2019.pdf` would break the link)."""
    _, block_start, bare_url = _markdown_patterns()
    flat = visible(" ".join(text.split()))
    parts: list[str] = []
    done = 0
    for match in bare_url.finditer(flat):
        if match.start() < done:
            continue
        end = match.start() + _url_end(match.group())
        target = link_target(flat[match.start() : end])
        if target is None or end - match.start() <= len("https://"):
            continue
        parts.append(_markdown_plain(flat[done : match.start()]))
        parts.append(markdown_autolink(target))
        done = end
    parts.append(_markdown_plain(flat[done:]))
    return block_start.sub(r"\1\\", "".join(parts), count=1)


# --- HTML -----------------------------------------------------------------------------


@cache
def _html_parts() -> tuple[re.Pattern[str], Callable[[str, bool], str]]:
    """The controls HTML cannot hold (all but tab and line breaks, which are plain white space
    there), and the standard library's escape (its module is loaded only here)."""
    from html import escape

    return re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\\ud800-\\udfff]"), escape


def html(text: str) -> str:
    """File text escaped for HTML content and attribute values (quotes included)."""
    controls, escape = _html_parts()
    return escape(controls.sub(_escape, text), True)


# --- Links ----------------------------------------------------------------------------

LINK_SCHEMES = ("http", "https", "mailto")
# What a browser drops before it reads a URL's scheme: leading and trailing C0 controls and
# spaces, and tabs and line breaks anywhere (the WHATWG URL standard), so `java\tscript:`
# is `javascript:` to it and must be to us.
_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))


@cache
def _link_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A URL's scheme, and the characters a browser drops anywhere in a URL."""
    return re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):"), re.compile("[\t\n\r]")


def url_scheme(text: str) -> str | None:
    """The scheme a browser would read from `text` (lower case), or None for plain text."""
    scheme, stripped = _link_patterns()
    cleaned = stripped.sub("", text).strip(_C0_AND_SPACE)
    match = scheme.match(cleaned)
    return match.group(1).lower() if match else None


def link_target(text: str) -> str | None:
    """`text` as a link target when it is an `http:`, `https:` or `mailto:` address, else
    None: the text is then shown as text, never as a link."""
    if url_scheme(text) not in LINK_SCHEMES:
        return None
    cleaned = _link_patterns()[1].sub("", text).strip(_C0_AND_SPACE)
    if has_control(cleaned) or not cleaned.split(":", 1)[1].strip("/"):
        return None
    return cleaned


def refused_link_scheme(text: str) -> str | None:
    """The scheme of a `källa` that looks like an address but may not become a link
    (`javascript:`, `data:`, `file:` …), for `lofte check` to say why; None otherwise."""
    scheme = url_scheme(text)
    if scheme is None or link_target(text) is not None:
        return None
    return scheme
