"""Writing, from templates: `lofte init` lays out a promise repo that passes `lofte check`.

The templates are package data (`data/mall-*`, and the editor schema `data/loften.schema.json`).
Nothing here knows the command line; a refusal is a LofteError raised before anything is
written. Existing files are never overwritten without `overwrite`, and an existing log is
never touched at all: the tool never rewrites logged rows (CONTRACT §3).

Layout: a new repo gets the single-kommun layout (`promises/<period>.yaml` with `kommun:`
inside). A repo that already uses kommun folders (`promises/<kommun>/`) gets the new files in
the kommun's folder, named by its slug (`Överkalix` -> `overkalix`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from medborgarlofte.core.model import LOG_HEADER, PERIOD_YEARS
from medborgarlofte.core.problems import LofteError
from medborgarlofte.core.slugs import fold_slug
from medborgarlofte.load.repo import LOGS_DIR, PROMISES_DIR, Repo

SCHEMA_REL = "schema/loften.schema.json"
GITATTRIBUTES_RULES = ("logs/**/*.csv merge=union", "*.csv text eol=lf", "*.yaml text eol=lf")

_PLAIN_YAML = re.compile(r"^[\w][\w .\-]*$")


@dataclass(frozen=True, slots=True)
class PlannedFile:
    rel: str  # repo-relative, forward slashes
    content: str
    essential: bool = False  # the promise file: refused when present, unless overwriting
    log: bool = False  # a log: never overwritten


@dataclass
class InitResult:
    root: Path
    promise_file: str
    log_file: str
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # present already, left as they were
    completed: list[str] = field(default_factory=list)  # present, missing lines appended


def data_text(name: str) -> str:
    """A packaged data file's text (templates and the schema)."""
    return resources.files("medborgarlofte").joinpath("data", name).read_text(encoding="utf-8")


def parse_period(text: str) -> tuple[str, str, int, int]:
    """A PERIOD argument, "2020" or "2020-2022": (file stem, YAML value, first, last year)."""
    match = PERIOD_YEARS.match(text)
    if match is None:
        raise LofteError(
            f"--period: '{text}' är ingen period. Skriv ett år (2020) eller flera (2020-2022).",
            2,
        )
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if last < first:
        raise LofteError(f"--period: perioden {first}-{last} slutar innan den börjar.", 2)
    if first == last:
        return str(first), str(first), first, last
    stem = f"{first}-{last}"
    return stem, f'"{stem}"', first, last


def kommun_folder(kommun: str) -> str:
    """The folder name of a kommun in a multi-kommun repo: its slug, words joined by '-'."""
    return "-".join(fold_slug(kommun).split())


def _yaml_text(text: str) -> str:
    """A one-line text as a YAML scalar: bare when plain, else double-quoted (JSON is YAML)."""
    import json

    return text if _PLAIN_YAML.match(text) else json.dumps(text, ensure_ascii=False)


def _fill(template: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        template = template.replace("{{" + key + "}}", value)
    return template


def plan_files(
    kommun: str, period: str, police_area: str | None, folder: str | None
) -> list[PlannedFile]:
    """The files of a new repo (or of a new kommun or period in one), with their content."""
    stem, value, _, _ = parse_period(period)
    parts = [folder, f"{stem}.yaml"] if folder else [f"{stem}.yaml"]
    promise_rel = "/".join([PROMISES_DIR, *parts])
    log_rel = "/".join([LOGS_DIR, *parts])[: -len(".yaml")] + ".csv"
    up = "../" * len(parts)
    police_line = (
        f"lokalpolisområde: {_yaml_text(police_area)}"
        if police_area
        else "# lokalpolisområde: Namn på lokalpolisområdet"
    )
    values = {
        "schema": up + SCHEMA_REL,
        "kommun": _yaml_text(kommun),
        "period": stem,
        "period_value": value,
        "lokalpolisomrade_line": police_line,
        "promise_file": promise_rel,
        "log_file": log_rel,
    }
    readme_values = {**values, "kommun": kommun}
    return [
        PlannedFile(promise_rel, _fill(data_text("mall-loften.yaml"), values), essential=True),
        PlannedFile(log_rel, ",".join(LOG_HEADER) + "\n", log=True),
        PlannedFile(SCHEMA_REL, data_text("loften.schema.json")),
        PlannedFile(".gitattributes", data_text("mall-gitattributes")),
        PlannedFile(".pre-commit-config.yaml", data_text("mall-pre-commit-config.yaml")),
        PlannedFile(".github/workflows/lofte.yml", data_text("mall-lofte.yml")),
        PlannedFile("README.md", _fill(data_text("mall-README.md"), readme_values)),
    ]


def _layout_folder(root: Path, kommun: str) -> str | None:
    """None for the single-kommun layout; the kommun's folder when the repo uses folders."""
    promises = root / PROMISES_DIR
    if not promises.is_dir():
        return None
    folders = [p for p in promises.iterdir() if p.is_dir() and not p.name.startswith(".")]
    top_files = list(promises.glob("*.yaml"))
    if folders and not top_files:
        wanted = kommun_folder(kommun)
        for existing in folders:  # keep an existing folder's spelling
            if fold_slug(existing.name) == wanted:
                return existing.name
        return wanted
    return None


def _check_existing_promises(
    root: Path, kommun: str, rel: str, stem: str, first: int, last: int
) -> None:
    """Refuse a second kommun at the top level, and a period overlapping one already there."""
    if not (root / PROMISES_DIR).is_dir():
        return
    repo = Repo.open(root)
    sets, _ = repo.load()
    for existing in sets:
        if existing.path == rel:
            continue
        same_folder = existing.kommun_key is not None and rel.startswith(
            f"{PROMISES_DIR}/{existing.kommun_key}/"
        )
        if existing.kommun_key is None and fold_slug(existing.kommun) != fold_slug(kommun):
            raise LofteError(
                f"Repot har redan löften för {existing.kommun} ({existing.path}). För flera "
                f"kommuner i samma repo: flytta dem till {PROMISES_DIR}/<kommun>/ och "
                f"{LOGS_DIR}/<kommun>/ och kör 'lofte init' igen."
            )
        if existing.kommun_key is None or same_folder:
            period = existing.period
            if period.start.year <= last and first <= period.end.year:
                raise LofteError(
                    f"Perioden {stem} överlappar {existing.path} "
                    f"({period.start}–{period.end}) för samma kommun. Inget skrevs."
                )


def init_repo(
    root: Path, kommun: str, period: str, police_area: str | None = None, overwrite: bool = False
) -> InitResult:
    """Write a promise repo (or add a kommun's period to one) under `root`."""
    kommun = kommun.strip()
    if not kommun:
        raise LofteError("Ange kommunen med --kommun, till exempel --kommun Haparanda.", 2)
    stem, _, first, last = parse_period(period)
    if root.exists() and not root.is_dir():
        raise LofteError(f"{root} finns redan och är ingen katalog.")
    folder = _layout_folder(root, kommun)
    planned = plan_files(kommun, period, police_area, folder)
    promise, log = planned[0], planned[1]
    if (root / promise.rel).exists() and not overwrite:
        raise LofteError(
            f"{promise.rel} finns redan; inget skrevs. Välj en annan --period, "
            "eller skriv över med --skriv-over."
        )
    _check_existing_promises(root, kommun, promise.rel, stem, first, last)
    result = InitResult(root, promise.rel, log.rel)
    for item in planned:
        path = root / item.rel
        if path.exists() and (item.log or not overwrite):
            if item.rel == ".gitattributes" and _complete_gitattributes(path):
                result.completed.append(item.rel)
            else:
                result.kept.append(item.rel)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(item.content)
        result.written.append(item.rel)
    return result


def _complete_gitattributes(path: Path) -> bool:
    """Append the rules an existing .gitattributes lacks; whether any were added."""
    text = path.read_text(encoding="utf-8")
    present = {" ".join(line.split()) for line in text.splitlines()}
    missing = [rule for rule in GITATTRIBUTES_RULES if rule not in present]
    if not missing:
        return False
    with path.open("a", encoding="utf-8", newline="\n") as handle:
        if text and not text.endswith("\n"):
            handle.write("\n")
        handle.write("# Tillagt av lofte init: loggarna slås ihop utan konflikt.\n")
        handle.write("\n".join(missing) + "\n")
    return True
