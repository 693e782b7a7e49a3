"""One rule for `--kommun` in every command (docs/garantier.md): a kommun the repo does not have is
refused with exit 1 and a did-you-mean, and nothing is written. Before, `log insats` wrote
to the only kommun of a single-kommun repo and `check` left with exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINIMAL_PROMISES, run_lofte, write

HEADER = "datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad\n"
COMMANDS = [
    ("status", "2019"),
    ("status", "2019", "kontakter"),
    ("rapport", "2019"),
    ("oversikt",),
    ("loften", "2019"),
    ("typer", "2019"),
    ("check",),
    ("log", "insats", "--typ", "kontakt", "--datum", "2019-03-05"),
    ("log", "kommentar", "kontakter", "Exempeldata", "--datum", "2019-03-05"),
    ("log", "lista", "2019"),
    ("webb",),
]
# Commands that need rows, indicators or a file the fixture lacks: checked for refusal only.
REFUSING = [
    *COMMANDS,
    ("log", "stryk", "2", "--skal", "Exempeldata", "--period", "2019"),
    ("log", "ratta", "2", "--antal", "2", "--skal", "Exempeldata", "--period", "2019"),
    ("log", "radera", "2", "--skal", "Exempeldata", "--period", "2019"),
    ("log", "matning", "inbrott", "3", "--datum", "2019-03-05"),
    ("import", "kolada", "kolada.json", "--indikator", "inbrott"),
]


def single(root: Path) -> Path:
    write(
        root,
        "promises/2019.yaml",
        MINIMAL_PROMISES.format(period=2019).replace("Exempelby", "Haparanda"),
    )
    write(root, "logs/2019.csv", HEADER)
    return root


def several(root: Path) -> Path:
    for kommun in ("Haparanda", "Kalix"):
        text = MINIMAL_PROMISES.format(period=2019).replace("Exempelby", kommun)
        write(root, f"promises/{kommun.lower()}/2019.yaml", text)
        write(root, f"logs/{kommun.lower()}/2019.csv", HEADER)
    return root


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("layout", [single, several], ids=["en kommun", "flera kommuner"])
@pytest.mark.parametrize("args", REFUSING, ids=" ".join)
def test_an_unknown_kommun_is_refused_by_every_command(
    tmp_path: Path, layout: object, args: tuple[str, ...]
) -> None:
    root = layout(tmp_path)  # type: ignore[operator]
    before = files(root)
    result = run_lofte(*args, "--kommun", "Haparnda", cwd=root)
    assert (result.exit_code, result.stdout) == (1, "")
    known = "Repot gäller Haparanda." if layout is single else "Kommuner i repot: haparanda, kalix."
    assert result.stderr == (
        f"lofte: Okänd kommun 'Haparnda'. Menade du 'haparanda'? {known}\n"
        if layout is several
        else f"lofte: Okänd kommun 'Haparnda'. Menade du 'Haparanda'? {known}\n"
    )
    assert files(root) == before


@pytest.mark.parametrize("layout", [single, several], ids=["en kommun", "flera kommuner"])
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_known_kommun_is_folded(tmp_path: Path, layout: object, args: tuple[str, ...]) -> None:
    root = layout(tmp_path)  # type: ignore[operator]
    result = run_lofte(*args, "--kommun", " HAPARANDA ", cwd=root)
    assert result.exit_code == 0, result.stderr
