"""`lofte webb`: the whole repo as a static site: every link resolves inside the site, the same
input gives the same bytes, the data files equal `lofte status`, and -o is guarded."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import PROJECT, git, run_lofte, write
from jsonschema import Draft202012Validator

SCHEMA = json.loads((PROJECT / "schema/status.schema.json").read_text(encoding="utf-8"))

OVERTORNEA = """
kommun: Övertorneå
lokalpolisområde: Haparanda/Övertorneå
period: 2020-2021
aktivitetstyper:
  kontakt: Medborgarkontakt
  vandring: Trygghetsvandring
områden:
  - namn: Närvaro
    löften:
      - id: kontakter
        text: Minst en kontakt varje månad.
        mål: {typ: kontakt, minst: 1, per: månad}
      - id: vandringar
        text: Minst två vandringar per år i snitt.
        mål: {typ: vandring, minst: 2, per: år, snitt: true}
      - id: grannar
        text: Löpande arbete med grannsamverkan.
        mål: {typ: vandring, löpande: true}
"""

KALIX = """
kommun: Kalix
lokalpolisområde: Östra Norrbotten
period: {period}
källa: https://example.org/kalix-loften
aktivitetstyper:
  vandring: Trygghetsvandring
områden:
  - namn: Mängdbrott <script>
    löften:
      - id: vandringar
        text: Minst två trygghetsvandringar <b>med</b> kommunen.
        mål: {{typ: vandring, minst: 2}}
"""


@pytest.fixture
def site_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    write(repo, "promises/övertorneå/2020-2021.yaml", OVERTORNEA)
    write(repo, "promises/kalix/2019.yaml", KALIX.format(period=2019))
    write(repo, "promises/kalix/2020.yaml", KALIX.format(period=2020))
    write(
        repo,
        "logs/övertorneå/2020-2021.csv",
        """
        datum,typ,antal
        2020-01-10,kontakt,1
        2020-02-10,kontakt,2
        2020-05-01,vandring,1
        2021-01-05,kontakt,1
        """,
    )
    write(repo, "logs/kalix/2019.csv", "datum,typ,antal\n2019-03-01,vandring,2\n")
    return repo


def _webb(repo: Path, *args: str) -> None:
    result = run_lofte("webb", "--per", "2021-02-28", *args, cwd=repo, today="2021-03-01")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Skrev webbplatsen till ")


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            if name in ("href", "src", "xlink:href") and value is not None:
                self.links.append((name, value))
            if name == "id" and value:
                self.ids.add(value)


def _check_links(site: Path) -> int:
    """Every link of every page resolves to a file in the site (or an id on the page); only
    a promise file's `källa` may lead out, as a plain link; nothing is loaded from anywhere."""
    checked = 0
    for page in site.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        assert not {"script", "link", "img", "iframe", "object"} & parser.tags, page
        for name, url in parser.links:
            parts = urlsplit(url)
            assert name == "href", (page, url)
            if url.startswith("#"):
                assert url[1:] in parser.ids, (page, url)
                continue
            if parts.scheme == "https":
                assert url == "https://example.org/kalix-loften", (page, url)
                continue
            assert not parts.scheme and not parts.netloc and not url.startswith("/"), (page, url)
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_relative_to(site.resolve()) and target.is_file(), (page, url)
            checked += 1
    return checked


def test_site_layout_and_every_link_resolves(site_repo: Path) -> None:
    _webb(site_repo)
    site = site_repo / "_site"
    assert sorted(_files(site)) == [
        ".lofte-webb",
        "data/datapackage.json",
        "data/index.json",
        "data/index.schema.json",
        "data/kalix/2019.csv",
        "data/kalix/2019.excel.csv",
        "data/kalix/2019.json",
        "data/kalix/2020.csv",
        "data/kalix/2020.excel.csv",
        "data/kalix/2020.json",
        "data/overtornea/2020-2021.csv",
        "data/overtornea/2020-2021.excel.csv",
        "data/overtornea/2020-2021.json",
        "data/status.schema.json",
        "index.html",
        "kalix/2019.html",
        "kalix/2020.html",
        "overtornea/2020-2021.html",
        "overtornea/plan.ics",
    ]
    checked = _check_links(site)
    assert checked >= 3 * 4 + 3 * 3 + 3  # every page's navigation, the index's links
    index = json.loads((site / "data/index.json").read_text(encoding="utf-8"))
    base = site / "data"
    for kommun in index["kommuner"]:
        for period in kommun["periods"]:
            for key in ("page", "json", "csv", "excel_csv"):
                assert (base / period[key]).resolve().is_file(), period[key]
    assert index["schema"] == "index.schema.json"
    index_schema = json.loads((base / index["schema"]).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(index_schema)
    checker = Draft202012Validator.FORMAT_CHECKER
    assert list(Draft202012Validator(index_schema, format_checker=checker).iter_errors(index)) == []
    assert index["status_schema"] == "status.schema.json"
    # Kommuner by name, each one's periods latest first.
    assert [
        (k["kommun"], [p["period"]["name"] for p in k["periods"]]) for k in index["kommuner"]
    ] == [
        ("Kalix", ["2020", "2019"]),
        ("Övertorneå", ["2020-2021"]),
    ]


def test_index_lists_every_kommun_and_period_latest_first(site_repo: Path) -> None:
    _webb(site_repo)
    text = (site_repo / "_site/index.html").read_text(encoding="utf-8")
    order = [text.index(s) for s in ('href="kalix/2020.html"', 'href="kalix/2019.html"')]
    assert order == sorted(order)
    assert text.index('id="kommun-kalix"') < text.index('id="kommun-overtornea"')
    assert '<h2 id="kommun-overtornea">Övertorneå och lokalpolisområde Haparanda/' in text
    page = (site_repo / "_site/kalix/2019.html").read_text(encoding="utf-8")
    assert "<script" not in page and "Mängdbrott &lt;script&gt;" in page
    assert '<a href="../index.html">Alla kommuner och perioder</a>' in page


def test_same_input_gives_the_same_bytes(site_repo: Path, tmp_path: Path) -> None:
    _webb(site_repo)
    first = _files(site_repo / "_site")
    _webb(site_repo, "-o", str(tmp_path / "annan"))
    assert _files(tmp_path / "annan") == first
    _webb(site_repo)  # again over its own output
    assert _files(site_repo / "_site") == first


def test_data_files_equal_status_and_validate_against_the_schema(site_repo: Path) -> None:
    _webb(site_repo)
    site = site_repo / "_site"
    validator = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
    for kommun, period, as_of in (
        ("kalix", "2019", "2019-12-31"),  # an ended period is shown as of its last day
        ("kalix", "2020", "2020-12-31"),
        ("overtornea", "2020-2021", "2021-02-28"),
    ):
        args = ("status", period, "--kommun", kommun, "--per", as_of)
        as_json = run_lofte(*args, "-f", "json", cwd=site_repo, today="2021-03-01")
        as_csv = run_lofte(*args, "-f", "csv", cwd=site_repo, today="2021-03-01")
        assert as_json.exit_code == 0, as_json.stderr
        published = (site / f"data/{kommun}/{period}.json").read_text(encoding="utf-8")
        assert published == as_json.stdout
        excel = (site / f"data/{kommun}/{period}.excel.csv").read_bytes()
        assert excel == as_csv.stdout_bytes
        data = json.loads(published)
        assert data["format_version"] == 1
        assert list(validator.iter_errors(data)) == []
    every_unit = json.loads((site / "data/overtornea/2020-2021.json").read_text(encoding="utf-8"))
    assert "units" in every_unit["promises"][0] and "years" in every_unit["promises"][0]


def test_a_single_kommun_repo_gets_the_same_site(example_repo: Path) -> None:
    result = run_lofte("webb", "--per", "2019-09-30", cwd=example_repo, today="2019-10-01")
    assert result.exit_code == 0, result.stderr
    assert sorted(_files(example_repo / "_site")) == [
        ".lofte-webb",
        "data/datapackage.json",
        "data/index.json",
        "data/index.schema.json",
        "data/kalix/2019.csv",
        "data/kalix/2019.excel.csv",
        "data/kalix/2019.json",
        "data/status.schema.json",
        "index.html",
        "kalix/2019.html",
        "kalix/plan.ics",
    ]
    # index: 7, the page's navigation: 4, and the calendar of what is due
    assert _check_links(example_repo / "_site") == 12


def test_kommun_option_builds_one_kommun(site_repo: Path) -> None:
    _webb(site_repo, "--kommun", "overtornea")
    assert "kalix/2019.html" not in _files(site_repo / "_site")
    refused = run_lofte("webb", "--kommun", "Kalx", cwd=site_repo, today="2021-03-01")
    assert refused.exit_code == 1
    assert "Okänd kommun 'Kalx'. Menade du 'kalix'?" in refused.stderr


@pytest.mark.parametrize("target", ["promises", "promises/kalix/ut", "logs", "."])
def test_never_writes_in_or_over_promises_or_logs(site_repo: Path, target: str) -> None:
    before = _files(site_repo / "promises") | _files(site_repo / "logs")
    result = run_lofte("webb", "-o", target, "--skriv-over", cwd=site_repo, today="2021-03-01")
    assert result.exit_code == 1
    assert "-o " + target in result.stderr
    assert "Inget skrevs. Välj en" in result.stderr
    assert _files(site_repo / "promises") | _files(site_repo / "logs") == before


def test_refuses_a_folder_it_did_not_write_unless_told(site_repo: Path) -> None:
    write(site_repo, "ut/egen.txt", "min fil\n")
    refused = run_lofte("webb", "-o", "ut", cwd=site_repo, today="2021-03-01")
    assert refused.exit_code == 1
    assert refused.stderr == (
        "lofte: -o ut: katalogen är inte tom och skrevs inte av 'lofte webb' (filen .lofte-webb "
        "saknas). Inget skrevs. Välj en tom katalog, eller skriv i den ändå med --skriv-over.\n"
    )
    assert sorted(_files(site_repo / "ut")) == ["egen.txt"]
    _webb(site_repo, "-o", "ut", "--skriv-over")
    assert (site_repo / "ut/egen.txt").read_text(encoding="utf-8") == "min fil\n"
    assert (site_repo / "ut/index.html").is_file()


def test_rewriting_removes_only_its_own_stale_files(site_repo: Path) -> None:
    _webb(site_repo)
    site = site_repo / "_site"
    write(site, "CNAME", "lofte.example.org\n")
    (site_repo / "promises/kalix/2019.yaml").unlink()
    (site_repo / "logs/kalix/2019.csv").unlink()
    _webb(site_repo)
    files = _files(site)
    assert "kalix/2019.html" not in files and "data/kalix/2019.json" not in files
    assert "kalix/2020.html" in files and files["CNAME"] == b"lofte.example.org\n"


def test_a_hostile_marker_cannot_remove_files_outside(site_repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "utanfor.txt"
    outside.write_text("kvar\n", encoding="utf-8")
    _webb(site_repo)
    marker = site_repo / "_site/.lofte-webb"
    marker.write_text(
        marker.read_text(encoding="utf-8") + "../../utanfor.txt\n/etc/hostname\n", encoding="utf-8"
    )
    _webb(site_repo)
    assert outside.read_text(encoding="utf-8") == "kvar\n"


def test_broken_promise_file_writes_nothing(site_repo: Path) -> None:
    write(site_repo, "promises/kalix/2020.yaml", "kommun: Kalix\nperiod: 2020\nfel: [\n")
    result = run_lofte("webb", cwd=site_repo, today="2021-03-01")
    assert result.exit_code == 1
    assert "promises/kalix/2020.yaml" in result.stderr and "Inget skrevs" in result.stderr
    assert not (site_repo / "_site").exists()


def test_pages_show_a_lowered_target_from_git(site_repo: Path, no_outer_git: None) -> None:
    git(site_repo, "init", "-q", "-b", "main")
    git(site_repo, "add", "-A")
    git(site_repo, "commit", "-q", "-m", "Löftena")
    path = site_repo / "promises/kalix/2020.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("minst: 2", "minst: 1"), encoding="utf-8"
    )
    git(site_repo, "commit", "-q", "-am", "Sänkt mål")
    _webb(site_repo)
    page = (site_repo / "_site/kalix/2020.html").read_text(encoding="utf-8")
    assert "<h4>Ändringar i löftet</h4>" in page
    # A commit is read by its date and message, never by its hash.
    assert "minst 2 → 1 (sänkt) (av Exempel, med kommentaren ”Sänkt mål”)</li>" in page
    assert not re.search(r"\b[0-9a-f]{7,40}\b", page.split("Ändringar i löftet")[1])
    untouched = (site_repo / "_site/kalix/2019.html").read_text(encoding="utf-8")
    assert "Ändringar i löftet" not in untouched  # first written down is not a change


def test_folder_names_are_safe_slugs() -> None:
    from medborgarlofte.core.slugs import path_slug

    assert [
        path_slug(name, "kommun")
        for name in ("Övertorneå", "../../etc", "Malå kommun", "Åre/Östersund", "..", "Sävsjö\n")
    ] == ["overtornea", "etc", "mala-kommun", "are-ostersund", "kommun", "savsjo"]


def test_kommuner_whose_names_fold_alike_are_refused_never_renamed(tmp_path: Path) -> None:
    """Before, the second got `asele-2/`: a page that moves to make room breaks every link
    to it, and which kommun keeps `asele/` depended on the sort order."""
    write(tmp_path, "promises/Åsele/2019.yaml", KALIX.format(period=2019))
    write(tmp_path, "promises/asele/2019.yaml", KALIX.format(period=2019))
    result = run_lofte("webb", "--per", "2019-12-31", cwd=tmp_path, today="2020-01-01")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "lofte: Webbplatsen skrivs inte: promises/asele/2019.yaml och promises/Åsele/2019.yaml "
        "skulle publiceras under samma namn (asele), så den ena skulle ta den andras sidor. "
        "Inget skrevs. Se 'lofte check'.\n"
    )
    assert not (tmp_path / "_site").exists()


def test_changes_follow_a_renamed_promise_file(site_repo: Path, no_outer_git: None) -> None:
    git(site_repo, "init", "-q", "-b", "main")
    git(site_repo, "add", "-A")
    git(site_repo, "commit", "-q", "-m", "Löftena")
    path = site_repo / "promises/kalix/2019.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("minst: 2", "minst: 1"), encoding="utf-8"
    )
    git(site_repo, "commit", "-q", "-am", "Sänkt mål")
    git(site_repo, "mv", "promises/kalix", "promises/kalix-kommun")
    git(site_repo, "mv", "logs/kalix", "logs/kalix-kommun")
    git(site_repo, "commit", "-q", "-m", "Nytt mappnamn")
    _webb(site_repo)
    page = (site_repo / "_site/kalix-kommun/2019.html").read_text(encoding="utf-8")
    assert "minst 2 → 1 (sänkt)" in page
    assert "Ändringar i löftet" not in (site_repo / "_site/kalix-kommun/2020.html").read_text(
        encoding="utf-8"
    )


def test_a_site_shows_indicators_struck_rows_and_utom_as_status_does(tmp_path: Path) -> None:
    """The features meet on one page: measurements, a struck row and days without a target."""
    write(
        tmp_path,
        "promises/2019.yaml",
        """\
        kommun: Exempelby
        lokalpolisområde: Exempelområdet
        period: 2019
        aktivitetstyper:
          skolbesok: Skolbesök
        områden:
          - namn: Skolan
            löften:
              - id: skolbesok
                text: Minst ett skolbesök varje månad under terminerna.
                mål: {typ: skolbesok, minst: 1, per: månad, utom: [juli]}
            indikatorer:
              - id: otrygghet
                namn: Andel otrygga elever
                källa: Exempeldata
                enhet: procent
                riktning: minska
                utgångsläge: {datum: 2018-12-31, värde: 30}
        """,
    )
    write(
        tmp_path,
        "logs/2019.csv",
        """\
        datum,typ,antal,plats,deltagare,taggar,beskrivning,registrerad_av,registrerad
        2019-01-10,skolbesok,1,,,,Exempeldata,anna,2019-01-10T10:00:00+01:00
        2019-02-10,skolbesok,1,,,,Exempeldata,anna,2019-02-10T10:00:00+01:00
        """,
    )
    write(
        tmp_path,
        "logs/2019.matningar.csv",
        """\
        datum,indikator,värde,källa,registrerad_av,registrerad
        2019-02-20,otrygghet,"27,5",Exempeldata,anna,2019-02-20T10:00:00+01:00
        """,
    )
    struck = run_lofte(
        "log",
        "stryk",
        "3",
        "--period",
        "2019",
        "--skal",
        "dubbel",
        cwd=tmp_path,
        today="2019-03-01",
    )
    assert struck.exit_code == 0, struck.stderr
    args = ("--per", "2019-02-28")
    status = run_lofte("status", "2019", *args, "-f", "json", cwd=tmp_path, today="2019-03-01")
    result = run_lofte("webb", *args, cwd=tmp_path, today="2019-03-01")
    assert result.exit_code == 0, result.stderr
    published = (tmp_path / "_site/data/exempelby/2019.json").read_text(encoding="utf-8")
    assert published == status.stdout
    data = json.loads(published)
    assert data["promises"][0]["done"] == 1  # the struck February visit does not count
    assert data["indicators"][0]["latest"] == {"date": "2019-02-20", "value": 27.5}
    page = (tmp_path / "_site/exempelby/2019.html").read_text(encoding="utf-8")
    assert "27,5" in page and "utom juli" in page and "ingen mätning" not in page
