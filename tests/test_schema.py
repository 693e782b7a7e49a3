"""The editor schema (schema/loften.schema.json) accepts real promise files and rejects typos."""

import json
import textwrap
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = ROOT / "schema" / "loften.schema.json"

TARGET = "områden/0/löften/0/mål"


class _TextDateLoader(yaml.SafeLoader):
    """Loads YAML as an editor sees it: `2019-01-20` stays a string, not a date."""


_TextDateLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _errors(text: str) -> list[tuple[str, str]]:
    """Where (a /-path, "" for the top) and by which keyword a YAML document breaks the schema."""
    document: Any = yaml.load(text, Loader=_TextDateLoader)
    return sorted(
        ("/".join(str(part) for part in error.absolute_path), str(error.validator))
        for error in _validator().iter_errors(document)
    )


def _with_target(target: str) -> str:
    """A minimal promise file whose one promise has the given `mål:` line."""
    return textwrap.dedent("""\
        kommun: Exempelby
        period: 2019
        aktivitetstyper:
          x: Exempelaktivitet
        områden:
          - namn: Exempelområde
            löften:
              - id: exempel
                text: Exempeltext.
                TARGET
        """).replace("TARGET", target)


# A promise file with every key of docs/format.md §2, as a comment-free example.
FULL_EXAMPLE = textwrap.dedent("""\
    kommun: Kalix
    lokalpolisområde: Östra Norrbotten
    period: 2019                  # a year; "2020-2021"; or {från: 2020-01-01, till: 2021-12-31}
    undertecknat: 2019-01-20      # optional
    undertecknare:                # optional
      - Tommy Nilsson, kommunalråd Kalix kommun
      - Lars Öberg, lokalpolisområdeschef Östra Norrbotten
    källa: https://…              # optional: where the promise was published
    aktivitetstyper:              # the log's vocabulary: slug -> description
      trygghetsvandring: Trygghetsvandring tillsammans med kommunen och/eller grannsamverkan
      bostadsinbrott: Insats mot bostadsinbrott
      skoterstöld: Insats mot skoterstölder
    deltagare:                    # optional vocabulary; polis and kommun are always known
      grannsamverkan: Representanter från grannsamverkansområdet
    områden:
      - namn: Mängdbrott
        ansvar: [polis]
        löften:
          - id: trygghetsvandringar
            text: >-
              Genomföra minst två trygghetsvandringar tillsammans med kommunen
              och/eller representanter från grannsamverkansområdet.
            mål:
              typ: trygghetsvandring
              minst: 2
              per: period
              snitt: false
              deltagare: [kommun, grannsamverkan]
              taggar: [a-traktor]
          - id: grannsamverkan
            text: Löpande arbeta och bygga vidare med Grannsamverkan …
            ansvar: [polis, kommun]
            mål:
              typ: grannsamverkan
              löpande: true
    """)


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def test_every_property_has_a_title_and_a_description_for_editors() -> None:
    def undocumented(node: Any, where: str) -> list[str]:
        found: list[str] = []
        if isinstance(node, dict):
            # Only object schemas describe a document; `if`/`then` branches merely constrain it.
            properties = node.get("properties", {}) if node.get("type") == "object" else {}
            for key, value in properties.items():
                if not (value.get("title") and value.get("description")):
                    found.append(f"{where}/properties/{key}")
            for key, value in node.items():
                found += undocumented(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                found += undocumented(value, f"{where}/{index}")
        return found

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert undocumented(schema, "#") == []


def test_repo_promise_files_are_valid() -> None:
    files = sorted((ROOT / "promises").rglob("*.yaml"))
    assert ROOT / "promises" / "2019.yaml" in files
    problems = {
        str(path.relative_to(ROOT)): _errors(path.read_text(encoding="utf-8")) for path in files
    }
    assert problems == {str(path.relative_to(ROOT)): [] for path in files}


def test_full_example_is_valid() -> None:
    assert _errors(FULL_EXAMPLE) == []


def test_folded_spellings_period_forms_and_one_or_many_lists_are_valid() -> None:
    document = textwrap.dedent("""\
        kommun: Exempelby
        lokalpolisomrade: Exempelpolisområde
        period: {fran: 2020-01-01, till: 2021-12-31}
        kalla: Exempelkälla
        aktivitetstyper:
          trafikkontroll: Trafikkontroll
          skolbesok: Skolbesök
        omraden:
          - namn: Exempelområde
            ansvar: polis
            loften:
              - id: kontroller
                text: Exempeltext.
                mal: {typ: [trafikkontroll, skolbesok], minst: 1, per: manad, snitt: true}
              - id: lopande-arbete
                text: Exempeltext.
                mal: {typ: skolbesok, lopande: true, deltagare: kommun, taggar: a-traktor}
        """)
    assert _errors(document) == []
    periods = [
        '"2020-2021"',
        '"2020 – 2021"',
        '"2019"',
        "2019",
        "{från: 2019-01-01, till: 2019-12-31}",
    ]
    for period in periods:
        assert _errors(_with_target("mål: {typ: x, minst: 2}").replace("2019", period, 1)) == []


def test_unknown_key_in_target_is_an_error() -> None:
    assert _errors(_with_target("mål: {typ: x, minst: 2, perr: vecka}")) == [
        (TARGET, "additionalProperties"),
    ]


def test_minst_zero_is_an_error() -> None:
    assert _errors(_with_target("mål: {typ: x, minst: 0}")) == [
        (f"{TARGET}/minst", "minimum"),
    ]


def test_minst_in_words_is_an_error() -> None:
    assert _errors(_with_target("mål: {typ: x, minst: två}")) == [
        (f"{TARGET}/minst", "type"),
    ]


def test_missing_kommun_is_an_error() -> None:
    document = _with_target("mål: {typ: x, minst: 2}").replace("kommun: Exempelby\n", "")
    assert _errors(document) == [("", "required")]


def test_unknown_per_is_an_error() -> None:
    assert _errors(_with_target("mål: {typ: x, minst: 2, per: fortnight}")) == [
        (f"{TARGET}/per", "anyOf"),
    ]


def test_target_without_minst_or_lopande_is_an_error() -> None:
    assert _errors(_with_target("mål: {typ: x, per: vecka}")) == [(TARGET, "required")]
    assert _errors(_with_target("mål: {typ: x, löpande: false}")) == [(TARGET, "required")]


def test_lopande_with_a_number_is_an_error() -> None:
    assert _errors(_with_target("mål: {typ: x, löpande: true, minst: 2}")) == [
        (f"{TARGET}/minst", "not"),
    ]


def test_both_spellings_of_a_key_is_an_error() -> None:
    assert _errors(_with_target("mål: {typ: x, minst: 2}\n        mal: {typ: x, minst: 2}")) == [
        ("områden/0/löften/0", "oneOf"),
    ]


def test_bad_period_slug_and_date_are_errors() -> None:
    document = (
        _with_target("mål: {typ: [], minst: 2}")
        .replace("period: 2019", "period: 2019-20\nundertecknat: 20 januari 2019")
        .replace("id: exempel", "id: två ord")
    )
    assert _errors(document) == [
        ("områden/0/löften/0/id", "pattern"),
        (f"{TARGET}/typ", "anyOf"),
        ("period", "anyOf"),
        ("undertecknat", "format"),
        ("undertecknat", "pattern"),
    ]


def test_utom_takes_month_names_and_ranges_and_nothing_else() -> None:
    good = (
        "mål: {typ: x, minst: 1, per: månad,"
        " utom: [juli, Augusti, {från: 2019-12-21, till: 2020-01-06}]}"
    )
    assert _errors(_with_target(good)) == []
    assert _errors(_with_target("mål: {typ: x, minst: 1, per: månad, utom: juli}")) == []
    assert _errors(_with_target("mål: {typ: x, minst: 1, per: månad, utom: [jully]}")) == [
        (f"{TARGET}/utom", "anyOf"),
    ]


def test_ja_and_nej_are_booleans_for_snitt_and_lopande() -> None:
    assert _errors(_with_target("mål: {typ: x, minst: 1, per: vecka, snitt: ja}")) == []
    assert _errors(_with_target("mål: {typ: x, minst: 1, per: vecka, snitt: Nej}")) == []
    assert _errors(_with_target("mål: {typ: x, löpande: Ja}")) == []
    assert _errors(_with_target("mål: {typ: x, löpande: nej}")) == [(TARGET, "required")]
    assert _errors(_with_target("mål: {typ: x, minst: 1, snitt: kanske}")) == [
        (f"{TARGET}/snitt", "anyOf"),
    ]


def test_rubrik_is_optional_and_at_most_80_characters() -> None:
    promise = "områden/0/löften/0"
    with_title = _with_target("mål: {typ: x, minst: 2}").replace(
        "text: Exempeltext.", "rubrik: RUBRIK\n        text: Exempeltext."
    )
    assert _errors(with_title.replace("RUBRIK", "Exempelrubrik")) == []
    assert _errors(with_title.replace("RUBRIK", "x" * 80)) == []
    assert _errors(with_title.replace("RUBRIK", "x" * 81)) == [(f"{promise}/rubrik", "maxLength")]
    assert _errors(with_title.replace("RUBRIK", "''")) == [(f"{promise}/rubrik", "minLength")]


def test_the_schema_knows_the_promise_files_new_errors() -> None:
    """What `lofte check` refuses (E011 past nine digits, E053), the editor marks too."""
    assert _errors(_with_target("mål: {typ: x, minst: 1000000000}")) == [
        (f"{TARGET}/minst", "maximum"),
    ]
    assert _errors(_with_target("mål: {typ: x, minst: 2, snitt: true}")) == [
        (TARGET, "required"),
    ]
    assert _errors(_with_target("mål: {typ: x, minst: 2, snitt: true, per: vecka}")) == []
    assert _errors(_with_target("mål: {typ: x, minst: 2, snitt: false}")) == []


def test_a_block_of_several_units_is_valid_and_a_block_of_one_is_not() -> None:
    for per in ("3 veckor", "2 vecka", "2 månader", "2 manader", "4 halvår", "1000 dygn"):
        assert _errors(_with_target(f"mål: {{typ: x, minst: 1, per: {per}}}")) == [], per
    for per in ("1 vecka", "0 veckor", "3 vekor", "2 perioder", "1001 dygn"):
        assert _errors(_with_target(f"mål: {{typ: x, minst: 1, per: {per}}}")) == [
            (f"{TARGET}/per", "anyOf")
        ], per
