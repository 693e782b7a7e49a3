"""Code and tests cite the project's own rules under docs/, never a file a clone lacks.

The rules the code is held to live in the repository (docs/bedomning.md, docs/format.md,
docs/garantier.md, docs/felkoder.md). A citation of a document outside it would send a
reader of a fresh clone to nothing, so none may come back; and every `docs/…` a module
cites, with its section number, must exist.
"""

from __future__ import annotations

import re
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
# Spelt in pieces so that this file does not find itself.
OUTSIDE = re.compile(r"\b" + "CON" + r"TRACT\b|\.\./" + "shared|" + "STY" + r"LE\.md")
DOCS_CITATION = re.compile(r"docs/([\w-]+\.md)(?: §(\d+))?")


def _sources() -> list[Path]:
    files = []
    for folder in ("src", "tests", "bench"):
        files += [p for p in (PROJECT / folder).rglob("*") if p.suffix in {".py", ".md", ".toml"}]
    return sorted(files)


def outside_citations(text: str) -> list[str]:
    return [m.group(0) for m in OUTSIDE.finditer(text)]


def test_the_pattern_finds_each_outside_citation() -> None:
    assert outside_citations("(" + "CON" + "TRACT §5)") == ["CON" + "TRACT"]
    assert outside_citations("see ../" + "shared/x") == ["../" + "shared"]
    assert outside_citations("what " + "STY" + "LE.md asks") == ["STY" + "LE.md"]
    assert outside_citations("CON" + "TRACT_EXAMPLE, contract, docs/bedomning.md §3") == []


def test_no_source_or_test_cites_a_document_outside_the_repository() -> None:
    found = []
    for path in _sources():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if outside_citations(line):
                found.append(f"{path.relative_to(PROJECT)}:{number}: {line.strip()}")
    assert found == []


def test_every_cited_docs_file_and_section_exists() -> None:
    cited = 0
    for path in _sources():
        for name, section in DOCS_CITATION.findall(path.read_text(encoding="utf-8")):
            doc = PROJECT / "docs" / name
            assert doc.is_file(), f"{path.relative_to(PROJECT)} cites docs/{name}"
            if section:
                headings = re.findall(r"^## (\d+)\. ", doc.read_text(encoding="utf-8"), re.M)
                assert section in headings, f"{path.relative_to(PROJECT)}: docs/{name} §{section}"
            cited += 1
    assert cited > 30
