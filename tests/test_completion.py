"""Shell completion through Typer's protocol: commands, options and the repo's own words."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import write
from typer.testing import CliRunner

from medborgarlofte.cli import app

KALIX = """
kommun: Kalix
period: 2019
aktivitetstyper:
  skoterstöld: Insats mot skoterstölder
  trygghetsvandring: Trygghetsvandring
deltagare:
  grannsamverkan: Grannsamverkan
områden:
  - namn: Mängdbrott
    löften:
      - id: skoter
        text: Minst två insatser mot skoterstölder.
        mål: {typ: skoterstöld, minst: 2}
      - id: vandringar
        text: Minst två vandringar med grannsamverkan.
        mål: {typ: trygghetsvandring, minst: 2, deltagare: grannsamverkan, taggar: [kväll]}
"""

HAPARANDA = """
kommun: Haparanda
period: 2019-2020
aktivitetstyper:
  skolbesök: Skolbesök
områden:
  - namn: Unga
    löften:
      - id: skolbesok
        text: Två skolbesök varje år.
        mål: {typ: skolbesök, minst: 2, per: år}
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(tmp_path, "promises/kalix/2019.yaml", KALIX)
    write(tmp_path, "promises/haparanda/2019-2020.yaml", HAPARANDA)
    return tmp_path


def complete(cwd: Path, shell: str, line: str, today: str = "2019-06-30") -> str:
    """What the completion script of `shell` receives for the command line typed so far."""
    env = {"_LOFTE_COMPLETE": f"complete_{shell}", "LOFTE_IDAG": today, "LOFTE_KATALOG": ""}
    if shell == "bash":
        words = line.split(" ")
        env |= {"COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    else:
        env |= {"_TYPER_COMPLETE_ARGS": line, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, [], env=env, prog_name="lofte")
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_commands_and_options(repo: Path) -> None:
    commands = complete(repo, "bash", "lofte ").split()
    assert {"status", "log", "init", "loften", "typer", "oversikt"} <= set(commands)
    options = complete(repo, "bash", "lofte status --").split()
    assert {"--per", "--format", "--kommun"} <= set(options)
    assert complete(repo, "bash", "lofte log insats --ty") == "--typ\n--tyst\n"


def test_kommun_offers_the_kommun_folders(repo: Path) -> None:
    assert complete(repo, "bash", "lofte status --kommun ") == "haparanda\nkalix\n"
    assert complete(repo, "bash", "lofte status --kommun ka") == "kalix\n"


def test_kommun_in_a_single_kommun_repo_is_its_name(tmp_path: Path) -> None:
    write(tmp_path, "promises/2019.yaml", KALIX)
    assert complete(tmp_path, "bash", "lofte status --kommun ") == "Kalix\n"


def test_periods_of_the_kommun_given(repo: Path) -> None:
    assert complete(repo, "bash", "lofte status ") == "2019\n2019-2020\n"
    assert complete(repo, "bash", "lofte status --kommun kalix ") == "2019\n"
    assert complete(repo, "bash", "lofte oversikt 2019-") == "2019-2020\n"


def test_typ_offers_the_types_of_the_period_and_kommun(repo: Path) -> None:
    # On 2019-06-30 both kommuner's periods hold the day; in 2020 only Haparanda's.
    assert complete(repo, "bash", "lofte log insats --typ ") == (
        "skolbesök\nskoterstöld\ntrygghetsvandring\n"
    )
    assert complete(repo, "bash", "lofte log insats --kommun kalix --typ ") == (
        "skoterstöld\ntrygghetsvandring\n"
    )
    assert complete(repo, "bash", "lofte log insats --datum 2020-02-01 --typ ") == "skolbesök\n"
    assert complete(repo, "bash", "lofte log insats --typ ", today="2020-03-01") == "skolbesök\n"


def test_typ_typed_without_swedish_letters_is_offered_folded(repo: Path) -> None:
    assert complete(repo, "bash", "lofte log insats --typ skoterstö") == "skoterstöld\n"
    assert complete(repo, "bash", "lofte log insats --typ skoterstol") == "skoterstold\n"


def test_deltagare_completes_each_item_of_a_list(repo: Path) -> None:
    assert complete(repo, "bash", "lofte log insats --kommun kalix --deltagare ") == (
        "polis\nkommun\ngrannsamverkan\n"
    )
    assert complete(repo, "bash", "lofte log insats --kommun kalix --deltagare polis,") == (
        "polis,kommun\npolis,grannsamverkan\n"
    )


def test_tagg_offers_the_tags_targets_count_with(repo: Path) -> None:
    assert complete(repo, "bash", "lofte log insats --kommun kalix --tagg ") == "kvall\n"
    assert complete(repo, "zsh", "lofte log insats --kommun kalix --tagg k") == (
        """_arguments '*: :(("kvall":"räknas för vandringar"))'\n"""
    )


def test_promise_ids_for_status_and_kommentar(repo: Path) -> None:
    assert complete(repo, "bash", "lofte status 2019 --kommun kalix ") == "skoter\nvandringar\n"
    assert complete(repo, "bash", "lofte status 2020 ") == "skolbesok\n"
    assert complete(repo, "bash", "lofte log kommentar --kommun kalix v") == "vandringar\n"


def test_zsh_and_fish_get_the_words_with_their_descriptions(repo: Path) -> None:
    assert complete(repo, "zsh", "lofte log insats --kommun kalix --typ skot") == (
        """_arguments '*: :(("skoterstöld":"Insats mot skoterstölder"))'\n"""
    )
    assert complete(repo, "fish", "lofte status 2019 --kommun kalix ") == (
        "skoter\tMinst två insatser mot skoterstölder.\n"
        "vandringar\tMinst två vandringar med grannsamverkan.\n"
    )


def test_katalog_before_the_command_is_honoured(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("annan")
    assert complete(elsewhere, "bash", f"lofte -C {repo} status --kommun ") == "haparanda\nkalix\n"


def test_no_repo_or_a_broken_file_gives_no_words_and_no_error(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    nowhere = tmp_path_factory.mktemp("tom")
    assert complete(nowhere, "bash", "lofte log insats --typ ") == "\n"
    assert complete(nowhere, "zsh", "lofte status --kommun ") == "_files\n"
    (repo / "promises/kalix/2019.yaml").write_text("kommun: [\n", encoding="utf-8")
    assert complete(repo, "bash", "lofte log insats --kommun kalix --typ ") == "\n"
    assert complete(repo, "bash", "lofte status --kommun ") == "haparanda\nkalix\n"


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash saknas")
def test_the_installed_bash_script_completes_the_repos_types(repo: Path) -> None:
    """The real thing: bash sources `lofte --show-completion bash` and presses Tab."""
    bin_dir = Path(sys.executable).parent
    assert (bin_dir / "lofte").exists()
    script = (
        "source <(lofte --show-completion bash)\n"
        'COMP_WORDS=(lofte log insats --kommun kalix --typ "")\n'
        "COMP_CWORD=6\n"
        "_lofte_completion lofte\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1",
        "LOFTE_IDAG": "2019-06-30",
        "LOFTE_KATALOG": "",
    }
    result = subprocess.run(
        ["bash", "--norc", "-c", script], cwd=repo, env=env, capture_output=True, text=True
    )
    assert result.stdout == "skoterstöld\ntrygghetsvandring\n", result.stderr


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_prints_each_shells_script(
    shell: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Set before the command is built: Typer reads it when it creates --show-completion.
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    result = CliRunner().invoke(app, ["--show-completion", shell], prog_name="lofte")
    assert result.exit_code == 0, result.output
    assert f"_LOFTE_COMPLETE=complete_{shell}" in result.stdout


def test_indicator_ids_for_status_and_log_matning(tmp_path: Path) -> None:
    with_indicator = KALIX + (
        "    indikatorer:\n"
        "      - {id: inbrott, namn: Anmälda bostadsinbrott, källa: Brå, enhet: antal,\n"
        "         riktning: minska, utgångsläge: {datum: 2018-12-31, värde: 43}}\n"
    )
    write(tmp_path, "promises/2019.yaml", with_indicator)
    assert complete(tmp_path, "bash", "lofte status 2019 ") == "skoter\nvandringar\ninbrott\n"
    assert complete(tmp_path, "bash", "lofte log matning ") == "inbrott\n"
    assert complete(tmp_path, "bash", "lofte import kolada fil.json --indikator i") == "inbrott\n"


def test_a_word_with_a_control_character_is_never_offered(tmp_path: Path) -> None:
    hostile = KALIX.replace("id: skoter\n", 'id: "skoter\\e[8m"\n').replace(
        "kommun: Kalix", 'kommun: "Kalix\\e]0;titel\\a"'
    )
    write(tmp_path, "promises/2019.yaml", hostile)
    assert complete(tmp_path, "bash", "lofte status 2019 ") == "vandringar\n"
    assert complete(tmp_path, "bash", "lofte status --kommun ").strip() == ""
