"""Hostile text and links never end in a traceback (docs/felkoder.md, E001 and E002). Each
case here passed `check` and crashed `status`, `rapport`, `webb` or `oversikt`, or crashed
`check` itself: a YAML escape that is no Unicode character, a link in a loop or to nothing,
a file name of bytes that are not UTF-8."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import MINIMAL_PROMISES, run_lofte, write

from medborgarlofte.load.yamlnodes import compose

HEADER = "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad\n"
ROW = "2019-03-04,kontakt,1,Torget,,,Exempeldata,test,2019-03-04T10:00:00+01:00\n"
COMMANDS = [
    ("check",),
    ("status",),
    ("status", "--format", "json"),
    ("rapport", "2019"),
    ("webb",),
    ("oversikt",),
    ("loften", "2019"),
    ("log", "lista", "2019"),
]
ESCAPE_ADVICE = (
    "YAML-syntaxfel: en escape-kod som inte är ett tecken: \\ud800–\\udfff (surrogat, också "
    "i par som \\ud83d\\ude00) eller över \\U0010FFFF. Skriv tecknet självt, eller med åtta "
    "siffror (\\U0001F600)."
)


def promises(kommun: str = "Exempelby") -> str:
    return MINIMAL_PROMISES.format(period=2019).replace("kommun: Exempelby", f"kommun: {kommun}")


def every_command(root: Path) -> dict[tuple[str, ...], int]:
    """Each command's exit code; run_lofte lets a traceback through, failing the test."""
    return {command: run_lofte(*command, cwd=root).exit_code for command in COMMANDS}


# --- YAML escapes that are no character -------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "text", "line", "column"),
    [
        ("kommun", 'kommun: "\\ud800"', 1, 16),
        ("par", 'kommun: "\\ud83d\\ude00"', 1, 22),
        ("efter sista", 'kommun: "\\U00110000"', 1, 12),
        ("nyckel", '"\\udfff": x\nkommun: Exempelby', 1, 8),
        ("text på två rader", 'kommun: "Exempel\n  by \\ud800"', 2, 12),
    ],
)
def test_an_escape_that_is_no_character_is_an_error_with_its_line(
    tmp_path: Path, where: str, text: str, line: int, column: int
) -> None:
    body = promises().split("\n", 1)[1]  # without its kommun line
    (tmp_path / "promises").mkdir()
    (tmp_path / "promises/2019.yaml").write_text(f"{text}\n{body}", encoding="utf-8")
    result = run_lofte("check", "--format", "json", cwd=tmp_path)
    found = [(p["code"], p["line"], p["column"], p["message"]) for p in json.loads(result.stdout)]
    assert found == [("E001", line, column, ESCAPE_ADVICE)]
    assert set(every_command(tmp_path).values()) == {1}


def test_an_escape_of_a_whole_character_is_read_as_that_character(tmp_path: Path) -> None:
    write(tmp_path, "promises/2019.yaml", promises('"Exempelby \\U0001F600 \\u00e5"'))
    assert every_command(tmp_path) == dict.fromkeys(COMMANDS, 0)
    result = run_lofte("status", "--format", "json", cwd=tmp_path)
    assert json.loads(result.stdout)["kommun"] == "Exempelby \U0001f600 å"


@pytest.mark.parametrize("libyaml", [True, False], ids=["LibYAML", "Python"])
def test_both_parsers_refuse_a_surrogate(libyaml: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without LibYAML (a wheel without it), the Python parser read `\\ud800` as a lone
    surrogate that no output could encode."""
    import yaml

    from medborgarlofte.load import yamlnodes

    monkeypatch.setattr(yamlnodes, "_LIBYAML", libyaml and yamlnodes._LIBYAML)
    with pytest.raises(yaml.YAMLError, match="invalid Unicode character escape"):
        compose('kommun: "\\ud83d\\ude00"\n')
    assert compose('kommun: "\\U0001F600"\n') is not None


# --- links in a loop or to nothing ------------------------------------------------------------


def _repo(root: Path) -> Path:
    write(root, "promises/2019.yaml", promises())
    write(root, "logs/2019.csv", HEADER + ROW)
    return root


LOOP = "länken leder i en slinga och når aldrig en fil"


@pytest.mark.parametrize(
    ("links", "expected", "refused_by_readers"),
    [
        ({"promises/2020.yaml": "2020.yaml"}, [("promises/2020.yaml", LOOP)], False),
        ({"promises/kalix": "kalix"}, [("promises/kalix", LOOP)], False),
        (
            {"promises/a.yaml": "b.yaml", "promises/b.yaml": "a.yaml"},
            [("promises/a.yaml", LOOP), ("promises/b.yaml", LOOP)],
            False,
        ),
        (
            {"logs/a.csv": "b.csv", "logs/b.csv": "a.csv"},
            [("logs/a.csv", LOOP), ("logs/b.csv", LOOP)],
            False,
        ),
        (
            {"promises/2020.yaml": "saknas.yaml"},
            [("promises/2020.yaml", "länken pekar på saknas.yaml, som inte finns")],
            False,
        ),
        (
            {"logs/2018.csv": "saknas.csv"},
            [("logs/2018.csv", "länken pekar på saknas.csv, som inte finns")],
            False,
        ),
        ({"logs/2019.csv": "2019.csv"}, [("logs/2019.csv", LOOP)], True),
        (
            {"logs/2019.csv": "saknas.csv"},
            [("logs/2019.csv", "länken pekar på saknas.csv, som inte finns")],
            True,
        ),
        (
            {"logs/2019.rattelser.csv": "saknas.csv"},
            [("logs/2019.rattelser.csv", "länken pekar på saknas.csv, som inte finns")],
            True,
        ),
        (
            {"logs/2019.kommentarer.csv": "2019.kommentarer.csv"},
            [("logs/2019.kommentarer.csv", LOOP)],
            True,
        ),
        (
            {"logs/2019.matningar.csv": "2019.matningar.csv"},
            [("logs/2019.matningar.csv", LOOP)],
            True,
        ),
    ],
    ids=[
        "slinga promises/2020.yaml",
        "slinga kommunmapp",
        "slinga mellan två löftesfiler",
        "slinga mellan två loggar",
        "löftesfil utan mål",
        "logg utan löftesfil och utan mål",
        "loggen i slinga",
        "loggen utan mål",
        "rättelser utan mål",
        "kommentarer i slinga",
        "mätningar i slinga",
    ],
)
def test_a_link_in_a_loop_or_to_nothing_is_e002_and_no_traceback(
    tmp_path: Path,
    links: dict[str, str],
    expected: list[tuple[str, str]],
    refused_by_readers: bool,
) -> None:
    root = _repo(tmp_path)
    if "logs/2019.csv" in links:
        (root / "logs/2019.csv").unlink()
    for rel, target in links.items():
        (root / rel).symlink_to(target)
    result = run_lofte("check", "--format", "json", cwd=root)
    found = [(p["path"], p["code"], p["message"]) for p in json.loads(result.stdout)]
    assert found == [(rel, "E002", f"Filen kan inte läsas: {detail}.") for rel, detail in expected]
    codes = every_command(root)
    assert codes[("check",)] == 1
    if refused_by_readers:  # a file a judgement needs: never taken for an absent one
        assert codes[("rapport", "2019")] == codes[("webb",)] == 1


def test_log_insats_never_writes_through_a_link_to_nothing(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / "logs/2019.csv").unlink()
    (root / "logs/2019.csv").symlink_to("saknas.csv")
    result = run_lofte("log", "insats", "--typ", "kontakt", "--datum", "2019-03-05", cwd=root)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "lofte: logs/2019.csv: logs/2019.csv är en symbolisk länk, och lofte skriver aldrig "
        "genom en länk i repot. Ersätt länken med en vanlig fil eller katalog. Inget skrevs.\n"
    )
    assert not (root / "logs/saknas.csv").exists()


# --- file names that are not UTF-8 ------------------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "shown"),
    [
        (b"promises/\xff.yaml", "promises/\\udcff.yaml"),
        (b"promises/k\xff", "promises/k\\udcff"),
    ],
)
def test_a_promise_file_or_folder_named_in_bytes_that_are_not_utf8(
    tmp_path: Path, rel: bytes, shown: str
) -> None:
    root = _repo(tmp_path)
    path = root / os.fsdecode(rel)
    if path.suffix == ".yaml":
        path.write_text(promises(), encoding="utf-8")
    else:
        path.mkdir()
        (path / "2019.yaml").write_text(promises(), encoding="utf-8")
    result = run_lofte("check", cwd=root)
    assert (result.exit_code, result.stdout) == (
        1,
        f"{shown}: fel E002: Filen kan inte läsas: namnet är inte UTF-8; byt namn på filen "
        "eller katalogen.\n1 fel i 1 fil.\n",
    )
    codes = every_command(root)
    assert codes[("webb",)] == codes[("oversikt",)] == 1


def test_a_log_named_in_bytes_that_are_not_utf8_is_shown_escaped(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / os.fsdecode(b"logs/\xff.csv")).write_text(HEADER + ROW, encoding="utf-8")
    result = run_lofte("check", cwd=root)
    assert result.exit_code == 1
    assert result.stdout.startswith("logs/\\udcff.csv: fel E031: ")
    result.stdout.encode("utf-8")


def test_a_promises_folder_that_cannot_be_listed_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root no folder is unreadable, so the listing is made to fail as it would."""
    root = _repo(tmp_path)
    real = os.scandir

    def refused(path: object = ".") -> object:
        if str(path).endswith("promises"):
            raise PermissionError(13, "Åtkomst nekas")
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", refused)
    result = run_lofte("status", cwd=root)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "lofte: promises/ kan inte läsas: Åtkomst nekas.\n"
