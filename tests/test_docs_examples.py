"""The worked examples of docs/bedomning.md, run through the real judgement: the rule text
and the code cannot drift apart.

Each example in the Markdown is a set of fenced blocks that share a name in their info
string: ```` ```yaml {exempel=NAME} ```` (the promise file), ```` ```csv {exempel=NAME} ````
(the log) and one or more ```` ```json {exempel=NAME per=DATE} ```` (what
`lofte status --format json` says about the promise as of DATE). Every example runs; none
is skipped.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from conftest import run_lofte

DOC = Path(__file__).resolve().parent.parent / "docs" / "bedomning.md"
FENCE = re.compile(r"^```(\w+) \{([^}]*)\}\n(.*?)^```$", re.MULTILINE | re.DOTALL)


@dataclass
class Example:
    name: str
    promises: str = ""
    log: str = ""
    results: list[tuple[str, dict[str, object]]] = field(default_factory=list)


def _attributes(info: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in info.split())


def examples(text: str) -> dict[str, Example]:
    found: dict[str, Example] = {}
    for language, info, body in FENCE.findall(text):
        attributes = _attributes(info)
        example = found.setdefault(attributes["exempel"], Example(attributes["exempel"]))
        if language == "yaml":
            example.promises = body
        elif language == "csv":
            example.log = body
        elif language == "json":
            example.results.append((attributes["per"], json.loads(body)))
        else:
            raise AssertionError(f"unknown block {language!r} in example {example.name}")
    return found


EXAMPLES = examples(DOC.read_text(encoding="utf-8"))
CASES = [(e, as_of, expected) for e in EXAMPLES.values() for as_of, expected in e.results]


def _stem(promises: str) -> str:
    period = yaml.safe_load(promises)["period"]
    if isinstance(period, dict):
        return f"{period['från'].year}"
    return str(period)


def test_the_document_holds_complete_examples_of_every_status() -> None:
    assert len(EXAMPLES) >= 8
    for example in EXAMPLES.values():
        assert example.promises and example.log and example.results, example.name
    statuses = {expected["status"] for e in EXAMPLES.values() for _, expected in e.results}
    assert statuses == {"met", "on_track", "behind", "missed", "ongoing", "not_started"}


def test_the_example_parser_reads_names_and_dates() -> None:
    text = textwrap.dedent(
        """\
        ```yaml {exempel=a}
        period: 2019
        ```

        ```csv {exempel=a}
        datum,typ
        ```

        ```json {exempel=a per=2019-01-31}
        {"status": "met"}
        ```
        """
    )
    (example,) = examples(text).values()
    assert (example.name, example.promises, example.log) == (
        "a",
        "period: 2019\n",
        "datum,typ\n",
    )
    assert example.results == [("2019-01-31", {"status": "met"})]


@pytest.mark.parametrize(
    ("example", "as_of", "expected"),
    CASES,
    ids=[f"{e.name}-{as_of}" for e, as_of, _ in CASES],
)
def test_worked_example(
    example: Example, as_of: str, expected: dict[str, object], tmp_path: Path
) -> None:
    stem = _stem(example.promises)
    (tmp_path / "promises").mkdir()
    (tmp_path / "logs").mkdir()
    (tmp_path / "promises" / f"{stem}.yaml").write_text(example.promises, encoding="utf-8")
    (tmp_path / "logs" / f"{stem}.csv").write_text(example.log, encoding="utf-8")
    run = run_lofte("status", stem, "--per", as_of, "--format", "json", cwd=tmp_path)
    assert run.exit_code == 0, run.stdout + run.stderr
    (promise,) = json.loads(run.stdout)["promises"]
    assert {key: promise[key] for key in expected} == expected


def test_the_readme_links_the_rules_in_the_repo() -> None:
    readme = (DOC.parent.parent / "README.md").read_text(encoding="utf-8")
    for name in ("bedomning.md", "format.md", "garantier.md", "felkoder.md"):
        assert f"(docs/{name})" in readme, name
        assert (DOC.parent / name).is_file(), name
