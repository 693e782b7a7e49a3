"""`lofte init`: a new promise repo that passes `lofte check` at once, and whose logs merge."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT, git, run_lofte, write
from jsonschema import Draft202012Validator

from medborgarlofte.load.promise_file import parse_promise_text
from medborgarlofte.write.scaffold import data_text, parse_period

HEADER = "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad\n"
SUPPORT_FILES = [
    "schema/loften.schema.json",
    ".gitattributes",
    ".pre-commit-config.yaml",
    ".github/workflows/lofte.yml",
    ".github/workflows/lofte-plan.yml",
    ".gitlab-ci.yml",
    "README.md",
]


def _init(root: Path, *args: str, today: str = "2020-03-01") -> str:
    result = run_lofte("init", *args, cwd=root, today=today)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_init_then_check_and_status_pass(tmp_path: Path) -> None:
    output = _init(tmp_path, "--kommun", "Haparanda", "--period", "2020-2022")
    assert output == (
        "Löftesrepo för Haparanda i den här katalogen:\n"
        "  skapad       promises/2020-2022.yaml\n"
        "  skapad       logs/2020-2022.csv\n"
        "  skapad       schema/loften.schema.json\n"
        "  skapad       .gitattributes\n"
        "  skapad       .pre-commit-config.yaml\n"
        "  skapad       .github/workflows/lofte.yml\n"
        "  skapad       .github/workflows/lofte-plan.yml\n"
        "  skapad       .gitlab-ci.yml\n"
        "  skapad       README.md\n"
        "Nästa steg: byt exempellöftena i promises/2020-2022.yaml mot era egna och kör "
        "'lofte check'. Logga med 'lofte log insats --typ TYP'.\n"
    )
    assert (tmp_path / "logs/2020-2022.csv").read_text(encoding="utf-8") == HEADER
    status = run_lofte("status", "-f", "json", cwd=tmp_path, today="2020-03-01")
    assert status.exit_code == 0, status.stderr
    data = json.loads(status.stdout)
    assert (data["kommun"], data["period"]["name"]) == ("Haparanda", "2020-2022")
    check = run_lofte("check", cwd=tmp_path, today="2020-03-01")
    assert check.exit_code == 0, check.stdout + check.stderr


def test_the_template_has_one_promise_of_each_kind_and_no_problems(tmp_path: Path) -> None:
    _init(
        tmp_path, "--kommun", "Övertorneå", "--period", "2021", "--lokalpolisomrade", "Tornedalen"
    )
    text = (tmp_path / "promises/2021.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/loften.schema.json\n")
    promise_set, problems = parse_promise_text(text, "promises/2021.yaml", "2021", "logs/2021.csv")
    assert problems == []
    assert promise_set is not None
    assert (promise_set.kommun, promise_set.police_area) == ("Övertorneå", "Tornedalen")
    kinds = {
        p.id: (p.target.per_written, p.target.average, p.target.ongoing, p.target.participants)
        for p in promise_set.promises
    }
    assert kinds == {
        "trafikkontroller": ("period", False, False, ()),
        "medborgarkontakter": ("vecka", True, False, ()),
        "helgnarvaro": ("3 veckor", False, False, ()),
        "skolbesok": ("månad", False, False, ()),
        "grannsamverkan": ("period", False, True, ()),
        "trygghetsvandringar": ("period", False, False, ("kommun", "grannsamverkan")),
    }


def test_the_template_is_valid_for_the_editor_schema(tmp_path: Path) -> None:
    _init(tmp_path, "--kommun", "Haparanda", "--period", "2020-2022")
    schema = json.loads((tmp_path / "schema/loften.schema.json").read_text(encoding="utf-8"))
    # As an editor reads YAML: dates stay text.
    document = yaml.load(
        (tmp_path / "promises/2020-2022.yaml").read_text(encoding="utf-8"),
        Loader=yaml.BaseLoader,
    )
    document["områden"] = [
        {
            **area,
            "löften": [{**p, "mål": _typed_target(p["mål"])} for p in area["löften"]],
        }
        for area in document["områden"]
    ]
    errors = list(Draft202012Validator(schema).iter_errors(document))
    assert errors == []


def _typed_target(target: dict[str, object]) -> dict[str, object]:
    """BaseLoader keeps every scalar as text; give the target's numbers and flags their types."""
    typed: dict[str, object] = {}
    for key, value in target.items():
        if key == "minst":
            typed[key] = int(str(value))
        elif key in ("snitt", "löpande"):
            typed[key] = value == "true"
        else:
            typed[key] = value
    return typed


def test_packaged_schema_is_the_projects_schema() -> None:
    shipped = (PROJECT / "schema/loften.schema.json").read_text(encoding="utf-8")
    assert data_text("loften.schema.json") == shipped


def test_init_refuses_to_overwrite_and_keeps_logged_rows(tmp_path: Path) -> None:
    _init(tmp_path, "--kommun", "Kalix", "--period", "2020")
    promise = tmp_path / "promises/2020.yaml"
    promise.write_text(promise.read_text(encoding="utf-8") + "# egen ändring\n", encoding="utf-8")
    log = tmp_path / "logs/2020.csv"
    log.write_text(HEADER + "2020-02-01,trafikkontroll,1,,,,,test,\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    again = run_lofte("init", "--kommun", "Kalix", "--period", "2020", cwd=tmp_path)
    assert (again.exit_code, again.stderr) == (
        1,
        "lofte: promises/2020.yaml finns redan; inget skrevs. Välj en annan --period, "
        "eller skriv över med --skriv-over.\n",
    )
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before
    forced = _init(tmp_path, "--kommun", "Kalix", "--period", "2020", "--skriv-over")
    assert "  fanns redan  logs/2020.csv\n" in forced
    assert "egen ändring" not in promise.read_text(encoding="utf-8")
    assert log.read_bytes() == before[log]


def test_init_beside_existing_files_keeps_them_and_completes_gitattributes(
    tmp_path: Path,
) -> None:
    write(tmp_path, "README.md", "# Vårt eget repo\n")
    write(tmp_path, ".gitattributes", "*.png binary")
    output = _init(tmp_path, "--kommun", "Kalix", "--period", "2020")
    assert "  kompletterad .gitattributes\n  fanns redan  README.md\n" in output
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "# Vårt eget repo\n"
    assert (tmp_path / ".gitattributes").read_text(encoding="utf-8") == (
        "*.png binary\n"
        "# Tillagt av lofte init: loggarna slås ihop utan konflikt.\n"
        "logs/**/*.csv merge=union\n*.csv text eol=lf\n*.yaml text eol=lf\n"
    )


def test_a_second_period_and_the_checks_on_what_is_there(tmp_path: Path) -> None:
    _init(tmp_path, "--kommun", "Kalix", "--period", "2020-2021")
    second = _init(tmp_path, "--kommun", "kalix", "--period", "2022")
    assert second.startswith(
        "Löftesrepo för kalix i den här katalogen:\n"
        "  skapad       promises/2022.yaml\n"
        "  skapad       logs/2022.csv\n"
        "  fanns redan  schema/loften.schema.json\n"
    )
    overlap = run_lofte("init", "--kommun", "Kalix", "--period", "2021", cwd=tmp_path)
    assert (overlap.exit_code, overlap.stderr) == (
        1,
        "lofte: Perioden 2021 överlappar promises/2020-2021.yaml (2020-01-01–2021-12-31) "
        "för samma kommun. Inget skrevs.\n",
    )
    other = run_lofte("init", "--kommun", "Haparanda", "--period", "2023", cwd=tmp_path)
    assert other.exit_code == 1
    assert other.stderr.startswith("lofte: Repot har redan löften för Kalix (promises/")


def test_init_in_a_repo_with_kommun_folders_adds_a_folder(tmp_path: Path) -> None:
    _init(tmp_path, "lpo", "--kommun", "Kalix", "--period", "2020")
    root = tmp_path / "lpo"
    (root / "promises/kalix").mkdir()
    (root / "promises/2020.yaml").rename(root / "promises/kalix/2020.yaml")
    (root / "logs/kalix").mkdir()
    (root / "logs/2020.csv").rename(root / "logs/kalix/2020.csv")
    output = _init(root, "--kommun", "Överkalix", "--period", "2020")
    assert output.splitlines()[1:3] == [
        "  skapad       promises/overkalix/2020.yaml",
        "  skapad       logs/overkalix/2020.csv",
    ]
    text = (root / "promises/overkalix/2020.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/loften.schema.json\n")
    status = run_lofte("status", "2020", "--kommun", "överkalix", "-f", "json", cwd=root)
    assert json.loads(status.stdout)["kommun"] == "Överkalix"


def test_katalog_argument_creates_the_directory(tmp_path: Path) -> None:
    output = _init(tmp_path, "ny/repo", "--kommun", "Kalix", "--period", "2020")
    assert output.startswith("Löftesrepo för Kalix i ny/repo:\n")
    assert (tmp_path / "ny/repo/promises/2020.yaml").is_file()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020", ("2020", "2020", 2020, 2020)),
        ("2020-2022", ("2020-2022", '"2020-2022"', 2020, 2022)),
        (" 2020 – 2022 ", ("2020-2022", '"2020-2022"', 2020, 2022)),
    ],
)
def test_period_forms(text: str, expected: tuple[str, str, int, int]) -> None:
    assert parse_period(text) == expected


def test_usage_errors(tmp_path: Path) -> None:
    no_kommun = run_lofte("init", cwd=tmp_path)
    assert (no_kommun.exit_code, no_kommun.stderr) == (
        2,
        "lofte: Ange kommunen med --kommun, till exempel --kommun Haparanda.\n",
    )
    backwards = run_lofte("init", "--kommun", "Kalix", "--period", "2022-2020", cwd=tmp_path)
    assert (backwards.exit_code, backwards.stderr) == (
        2,
        "lofte: --period: perioden 2022-2020 slutar innan den börjar.\n",
    )
    words = run_lofte("init", "--kommun", "Kalix", "--period", "i år", cwd=tmp_path)
    assert words.exit_code == 2
    assert list(tmp_path.iterdir()) == []


# --- two loggers on two branches --------------------------------------------------------------


def _log_on_branch(root: Path, branch: str, typ: str, day: str, place: str) -> None:
    assert git(root, "checkout", "-q", "-b", branch, "main", check=False).returncode == 0
    logged = run_lofte(
        "log",
        "insats",
        "--typ",
        typ,
        "--datum",
        day,
        "--plats",
        place,
        "--tyst",
        cwd=root,
        today="2020-03-01",
    )
    assert logged.exit_code == 0, logged.stderr
    assert git(root, "commit", "-q", "-am", f"Logga {typ}", check=False).returncode == 0


def _two_branches(root: Path) -> None:
    assert git(root, "init", "-q", "-b", "main", check=False).returncode == 0
    assert git(root, "add", ".", check=False).returncode == 0
    assert git(root, "commit", "-q", "-m", "lofte init", check=False).returncode == 0
    _log_on_branch(root, "polisen", "trafikkontroll", "2020-02-03", "E4 Haparanda")
    _log_on_branch(root, "kommunen", "skolbesok", "2020-02-04", "Centralskolan")
    assert git(root, "checkout", "-q", "main", check=False).returncode == 0
    assert git(root, "merge", "-q", "polisen", check=False).returncode == 0


def test_two_branches_that_each_log_merge_without_conflict(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    _init(root.parent, "repo", "--kommun", "Haparanda", "--period", "2020")
    _two_branches(root)
    merged = git(root, "merge", "--no-edit", "kommunen", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    rows = (root / "logs/2020.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] + "\n" == HEADER
    assert [row.split(",")[:4] for row in rows[1:]] == [
        ["2020-02-03", "trafikkontroll", "1", "E4 Haparanda"],
        ["2020-02-04", "skolbesök", "1", "Centralskolan"],
    ]
    status = run_lofte("status", "2020", "-f", "json", cwd=root, today="2020-03-01")
    done = {p["id"]: p["done"] for p in json.loads(status.stdout)["promises"]}
    assert (done["trafikkontroller"], done["skolbesok"]) == (1, 1)
    check = run_lofte("check", cwd=root, today="2020-03-01")
    assert check.exit_code == 0, check.stdout + check.stderr


def test_the_union_rule_covers_kommun_folders_too(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    _init(root.parent, "repo", "--kommun", "Haparanda", "--period", "2020")
    assert git(root, "init", "-q", check=False).returncode == 0
    paths = ["logs/2020.csv", "logs/haparanda/2020.csv", "logs/2019.kommentarer.csv"]
    result = git(root, "check-attr", "merge", "eol", "--", *paths)
    assert result.stdout.splitlines() == [
        f"{path}: {attribute}: {value}"
        for path in paths
        for attribute, value in (("merge", "union"), ("eol", "lf"))
    ]


def test_without_the_union_rule_the_same_merge_conflicts(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    _init(root.parent, "repo", "--kommun", "Haparanda", "--period", "2020")
    (root / ".gitattributes").write_text("*.csv text eol=lf\n", encoding="utf-8")
    _two_branches(root)
    assert git(root, "merge", "--no-edit", "kommunen", check=False).returncode != 0


def test_init_excel_writes_the_log_excel_opens_and_lofte_appends_in_it(tmp_path: Path) -> None:
    made = run_lofte("init", "--kommun", "Haparanda", "--period", "2019", "--excel", cwd=tmp_path)
    assert made.exit_code == 0, made.stderr
    log = tmp_path / "logs/2019.csv"
    assert log.read_bytes() == (
        b"\xef\xbb\xbfdatum;typ;antal;plats;deltagare;taggar;beskrivning;registrerad_av;"
        b"registrerad\n"
    )
    logged = run_lofte(
        "log", "insats", "--typ", "trygghetsvandring", "--deltagare", "kommun",
        "--plats", "Töre", "--tyst", cwd=tmp_path, today="2019-05-05",
    )  # fmt: skip
    assert logged.exit_code == 0, logged.stderr
    lines = log.read_bytes().split(b"\n")
    assert lines[1].startswith(b"2019-05-05;trygghetsvandring;1;T\xc3\xb6re;kommun;;;test;")
    check = run_lofte("check", cwd=tmp_path, today="2019-05-05")
    assert (check.exit_code, check.stderr) == (0, "")
    plain = run_lofte("init", "--kommun", "Haparanda", "--period", "2020", cwd=tmp_path)
    assert plain.exit_code == 0
    assert (tmp_path / "logs/2020.csv").read_bytes().startswith(b"datum,typ,antal,")


def test_the_templates_commented_indicator_and_kolada_work_when_uncommented(
    tmp_path: Path,
) -> None:
    _init(tmp_path, "--kommun", "Haparanda", "--period", "2020")
    path = tmp_path / "promises/2020.yaml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    start = lines.index("    # indikatorer:")
    uncommented = [line.replace("# ", "", 1) for line in lines[start:] if line.strip()]
    lines = lines[:start] + uncommented
    text = "\n".join(lines).replace('# kolada: "0000"', 'kolada: "2583"')
    text = text.replace("    # lägesbild:", "    lägesbild:")
    path.write_text(text + "\n", encoding="utf-8")
    promise_set, problems = parse_promise_text(text, "promises/2020.yaml", "2020", "logs/2020.csv")
    assert problems == []
    assert promise_set is not None and promise_set.kolada == "2583"
    assert [i.id for i in promise_set.indicators] == ["otrygghet-kvall"]
    assert promise_set.areas[0].situation is not None
    check = run_lofte("check", cwd=tmp_path, today="2020-03-01")
    assert check.exit_code == 0, check.stdout + check.stderr


def test_measurements_merge_like_the_log(tmp_path: Path, no_outer_git: None) -> None:
    _init(tmp_path, "--kommun", "Haparanda", "--period", "2020")
    git(tmp_path, "init", "-q")
    attributes = git(tmp_path, "check-attr", "merge", "--", "logs/2020.matningar.csv").stdout
    assert attributes == "logs/2020.matningar.csv: merge: union\n"
