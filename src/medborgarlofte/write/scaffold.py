"""Writing, from templates: `lofte init` lays out a promise repo that passes `lofte check`.

The templates are package data (`data/mall-*`, and the editor schema `data/loften.schema.json`).
Nothing here knows the command line; a refusal is a LofteError raised before anything is
written. Existing files are never overwritten without `overwrite`, and an existing log is
never touched at all: the tool never rewrites logged rows (docs/garantier.md).

Layout: a new repo gets the single-kommun layout (`promises/<period>.yaml` with `kommun:`
inside). A repo that already uses kommun folders (`promises/<kommun>/`) gets the new files in
the kommun's folder, named by its slug (`Överkalix` -> `overkalix`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import field
from importlib import resources
from pathlib import Path

from medborgarlofte.core import texts
from medborgarlofte.core.frozen import frozen, mutable
from medborgarlofte.core.model import LOG_HEADER
from medborgarlofte.core.problems import LofteError, refusal
from medborgarlofte.core.safe_text import CONTROL_CHARS, has_control, markdown, visible
from medborgarlofte.core.slugs import fold_slug
from medborgarlofte.core.texts import (
    INSTALL_NOTE_CHECKOUT,
    INSTALL_NOTE_GIT,
    INSTALL_NOTE_INDEX,
    INSTALL_NOTE_LOCAL,
    INSTALL_NOTE_URL,
)
from medborgarlofte.load.promise_file import FIRST_YEAR, LAST_YEAR, PERIOD_YEARS
from medborgarlofte.load.repo import LOGS_DIR, PROMISES_DIR, Repo, inside_repo
from medborgarlofte.write.safe_write import (
    check_writable,
    create_new,
    open_for_append,
    replace_whole,
)

SCHEMA_REL = "schema/loften.schema.json"
GITATTRIBUTES_RULES = ("logs/**/*.csv merge=union", "*.csv text eol=lf", "*.yaml text eol=lf")

_PLAIN_YAML = re.compile(r"^[\w][\w .\-]*$")


@frozen
class PlannedFile:
    rel: str  # repo-relative, forward slashes
    content: str
    essential: bool = False  # the promise file: refused when present, unless overwriting
    log: bool = False  # a log: never overwritten


@mutable
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
        raise refusal("init_period_backwards", first=first, last=last)
    if first < FIRST_YEAR or last > LAST_YEAR:
        raise LofteError(texts.INIT_YEARS.format(text=text.strip()), 2)
    if first == last:
        return str(first), str(first), first, last
    stem = f"{first}-{last}"
    return stem, f'"{stem}"', first, last


_NOT_IN_A_NAME = re.compile(f"[/\\\\{CONTROL_CHARS}]")


def _check_name(name: str, option: str) -> None:
    """A kommun's name can become a folder (`promises/<kommun>/`): no path separators, no
    `.`/`..` and nothing hidden, no control characters, so nothing lands outside the repo."""
    folder = kommun_folder(name)
    if _NOT_IN_A_NAME.search(name) or folder.startswith(".") or not folder:
        raise LofteError(texts.INIT_BAD_NAME.format(option=option, name=visible(name)))


def kommun_folder(kommun: str) -> str:
    """The folder name of a kommun in a multi-kommun repo: its slug, words joined by '-'."""
    return "-".join(fold_slug(kommun).split())


def _yaml_text(text: str) -> str:
    """A one-line text as a YAML scalar: bare when plain, else double-quoted (JSON is YAML)."""
    import json

    return text if _PLAIN_YAML.match(text) else json.dumps(text, ensure_ascii=False)


@frozen
class InstallLine:
    """How the generated README and workflow install lofte: what the user runs now."""

    requirement: str  # for pip: "medborgarlofte==0.1.0" or "medborgarlofte @ git+https://…"
    note: str  # one Swedish sentence on where it comes from and how to change it

    @property
    def command(self) -> str:
        return f"pip install '{self.requirement}'"


def _without_credentials(url: str) -> str:
    """`url` without a user name or token (`https://user:token@host/…` -> `https://host/…`):
    a generated file is committed, and must not carry a secret along."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def install_line(
    version: str,
    direct_url: str | None,
    checkout: Callable[[Path], tuple[str, str] | None] = lambda _: None,
) -> InstallLine:
    """The pip requirement that installs this very lofte, from the installation's own
    record (PEP 610 `direct_url.json`, None when installed from a package index).

    Installed from a local directory (`pip install -e .` in a clone), which CI cannot
    reach: `checkout(directory)` gives the clone's address and a pushed commit to install
    from instead, when it has them; else the line names the released version."""
    import json

    pinned = f"medborgarlofte=={version}"
    if direct_url is None:
        return InstallLine(pinned, INSTALL_NOTE_INDEX.format(version=version))
    try:
        record = json.loads(direct_url)
        url = _without_credentials(str(record["url"]))
    except (ValueError, KeyError, TypeError):
        return InstallLine(pinned, INSTALL_NOTE_INDEX.format(version=version))
    safe = all(c not in url for c in "'\"\n\r ") and url.startswith(("https://", "http://"))
    vcs = record.get("vcs_info")
    if isinstance(vcs, dict) and safe and vcs.get("vcs") == "git" and vcs.get("commit_id"):
        requirement = f"medborgarlofte @ git+{url}@{vcs['commit_id']}"
        return InstallLine(requirement, INSTALL_NOTE_GIT.format(version=version))
    if "archive_info" in record and safe:
        return InstallLine(f"medborgarlofte @ {url}", INSTALL_NOTE_URL.format(version=version))
    local = _local_directory(url) if "dir_info" in record else None
    found = checkout(local) if local is not None else None
    if found is not None:
        origin, commit = found
        remote = _without_credentials(_https_clone_url(origin))
        if remote.startswith("https://") and all(c not in remote for c in "'\"\n\r "):
            requirement = f"medborgarlofte @ git+{remote}@{commit}"
            return InstallLine(requirement, INSTALL_NOTE_CHECKOUT.format(version=version))
    return InstallLine(pinned, INSTALL_NOTE_LOCAL.format(version=version))


def _local_directory(url: str) -> Path | None:
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    return Path(unquote(parts.path)) if parts.scheme == "file" else None


def _https_clone_url(origin: str) -> str:
    """`git@host:group/repo.git` (scp-like ssh) as `https://host/group/repo.git`; an https
    address as it is; anything else (a path, ssh://) unchanged, and then not used."""
    found = re.fullmatch(r"[\w.-]+@([\w.-]+):(?!/)(.+)", origin)
    return f"https://{found[1]}/{found[2]}" if found else origin


def current_install_line() -> InstallLine:
    """The install line of the lofte that is running."""
    from importlib import metadata

    from medborgarlofte import __version__
    from medborgarlofte.load.git_history import pushed_checkout

    try:
        record = metadata.distribution("medborgarlofte").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        record = None
    return install_line(__version__, record, pushed_checkout)


def _yaml_comment(text: str, indent: int) -> str:
    """`text` as YAML comment lines at `indent` spaces, wrapped near 90 columns."""
    import textwrap

    prefix = " " * indent + "# "
    return "\n".join(
        textwrap.wrap(text, 92 - len(prefix), initial_indent=prefix, subsequent_indent=prefix)
    )


def _fill(template: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        template = template.replace("{{" + key + "}}", value)
    return template


def log_header_text(excel: bool = False) -> str:
    """A new log's header line: comma, UTF-8, LF (docs/format.md §3); with `excel` the dialect
    Swedish Excel opens with a double-click: `;` and a UTF-8 BOM. Line ends stay LF (the
    repo's .gitattributes keeps CSV files at LF; Excel reads them)."""
    if excel:
        return "\ufeff" + ";".join(LOG_HEADER) + "\n"
    return ",".join(LOG_HEADER) + "\n"


def plan_files(
    kommun: str,
    period: str,
    police_area: str | None,
    folder: str | None,
    excel: bool = False,
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
    install = current_install_line()
    readme_values = {
        **values,
        "kommun": markdown(kommun),
        "install": install.command,
        "install_note": install.note,
    }
    workflow_values = {
        "install": install.command,
        "install_note": _yaml_comment(install.note, 6).lstrip(),
    }
    gitlab_values = {
        "requirement": install.requirement,
        "install_note": _yaml_comment(install.note, 2).lstrip(),
    }
    return [
        PlannedFile(promise_rel, _fill(data_text("mall-loften.yaml"), values), essential=True),
        PlannedFile(log_rel, log_header_text(excel), log=True),
        PlannedFile(SCHEMA_REL, data_text("loften.schema.json")),
        PlannedFile(".gitattributes", data_text("mall-gitattributes")),
        PlannedFile(".pre-commit-config.yaml", data_text("mall-pre-commit-config.yaml")),
        PlannedFile(
            ".github/workflows/lofte.yml", _fill(data_text("mall-lofte.yml"), workflow_values)
        ),
        PlannedFile(
            ".github/workflows/lofte-plan.yml",
            _fill(data_text("mall-plan.yml"), workflow_values),
        ),
        PlannedFile(".gitlab-ci.yml", _fill(data_text("mall-gitlab-ci.yml"), gitlab_values)),
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


def check_existing_promises(
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
    root: Path,
    kommun: str,
    period: str,
    police_area: str | None = None,
    overwrite: bool = False,
    excel: bool = False,
) -> InitResult:
    """Write a promise repo (or add a kommun's period to one) under `root`."""
    kommun = kommun.strip()
    if not kommun:
        raise refusal("init_no_kommun")
    _check_name(kommun, "--kommun")
    if police_area and has_control(police_area):
        option = "--lokalpolisomrade"
        raise LofteError(texts.INIT_CONTROL.format(option=option, name=visible(police_area)))
    stem, _, first, last = parse_period(period)
    if root.exists() and not root.is_dir():
        raise refusal("init_not_a_folder", root=root)
    folder = _layout_folder(root, kommun)
    planned = plan_files(kommun, period, police_area, folder, excel)
    promise, log = planned[0], planned[1]
    if (root / promise.rel).exists() and not overwrite:
        raise LofteError(
            f"{promise.rel} finns redan; inget skrevs. Välj en annan --period, "
            "eller skriv över med --skriv-over."
        )
    check_existing_promises(root, kommun, promise.rel, stem, first, last)
    for item in planned:  # all, before anything is written
        if not inside_repo(root, root / item.rel):
            raise LofteError(texts.INIT_OUTSIDE.format(rel=item.rel))
        check_writable(root, root / item.rel)
    result = InitResult(root, promise.rel, log.rel)
    for item in planned:
        path = root / item.rel
        data = item.content.encode("utf-8")
        try:
            if path.exists() and (item.log or not overwrite):
                if item.rel == ".gitattributes" and _complete_gitattributes(root, path):
                    result.completed.append(item.rel)
                else:
                    result.kept.append(item.rel)
                continue
            if overwrite and not item.log:
                replace_whole(root, path, data)
            elif not create_new(root, path, data):
                result.kept.append(item.rel)  # made meanwhile by someone else: theirs stays
                continue
        except LofteError as error:
            if not result.written:
                raise
            done = ", ".join(result.written)
            said = error.message.removesuffix(" Inget skrevs.")
            raise LofteError(texts.INIT_ALREADY_WRITTEN.format(error=said, done=done)) from None
        result.written.append(item.rel)
    return result


def _complete_gitattributes(root: Path, path: Path) -> bool:
    """Append the rules an existing .gitattributes lacks; whether any were added."""
    import os

    fd = open_for_append(root, path)
    with os.fdopen(fd, "r+b") as handle:
        text = handle.read().decode("utf-8", "replace")
        present = {" ".join(line.split()) for line in text.splitlines()}
        missing = [rule for rule in GITATTRIBUTES_RULES if rule not in present]
        if not missing:
            return False
        added = "\n" if text and not text.endswith("\n") else ""
        added += "# Tillagt av lofte init: loggarna slås ihop utan konflikt.\n"
        added += "\n".join(missing) + "\n"
        handle.write(added.encode("utf-8"))
    return True
