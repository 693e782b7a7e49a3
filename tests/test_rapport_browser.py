"""The HTML report in a real browser: headless Chromium renders it to a non-trivial PNG, and
axe-core, run inside that Chromium, finds no accessibility violations (WCAG 2.1 A/AA and
best practice). `.ci/run` installs both; without them these tests skip and say why."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from conftest import PROJECT, run_lofte

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def _chromium() -> str:
    for name in (os.environ.get("LOFTE_CHROMIUM", ""), "chromium", "chromium-browser"):
        found = shutil.which(name) if name else None
        if found:
            return found
    pytest.skip("chromium är inte installerat (apt-get install chromium; .ci/run gör det)")


def _axe_js() -> Path:
    candidates = [
        os.environ.get("LOFTE_AXE_JS", ""),
        str(PROJECT / ".ci/node_modules/axe-core/axe.min.js"),
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    pytest.skip("axe-core saknas (sätt LOFTE_AXE_JS; .ci/run installerar det med npm)")


def _report(repo: Path, directory: Path) -> Path:
    result = run_lofte(
        "rapport", "2019", "--per", "2019-09-30", "-f", "html", cwd=repo, today="2019-10-01"
    )
    assert result.exit_code == 0, result.stderr
    path = directory / "uppfoljning.html"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def _run_chromium(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def png_pixels(data: bytes, max_rows: int) -> tuple[int, int, list[bytes]]:
    """Width, height and every 4th pixel of the first `max_rows` rows of an 8-bit RGB/RGBA
    non-interlaced PNG (unfiltering is pure Python, so only the top of the page is read)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    offset, idat, header = 8, b"", b""
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert (depth, colour in (2, 6), interlace) == (8, True, 0)
    size = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * size
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(min(height, max_rows)):
        start = y * (stride + 1)
        kind = raw[start]
        line = bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - size] if i >= size else 0
            up = previous[i]
            corner = previous[i - size] if i >= size else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                best = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + best) & 0xFF
        rows.append(bytes(line))
        previous = line
    samples = [bytes(r[i : i + 3]) for r in rows[::4] for i in range(0, stride, size * 4)]
    return width, height, samples


def test_report_renders_in_chromium(example_repo: Path, tmp_path: Path) -> None:
    chromium = _chromium()
    page = _report(example_repo, tmp_path)
    shot = tmp_path / "uppfoljning.png"
    result = _run_chromium(
        chromium,
        tmp_path / "profil",
        f"--screenshot={shot}",
        "--window-size=800,1000",
        page.as_uri(),
    )
    assert shot.exists(), result.stderr[-2000:]
    data = shot.read_bytes()
    assert len(data) > 20_000
    width, height, samples = png_pixels(data, max_rows=480)
    assert (width, height) == (800, 1000)
    colours = set(samples)
    white = sum(1 for s in samples if s == b"\xff\xff\xff")
    assert len(colours) > 50  # text, the blue header, badges, charts: not one flat colour
    assert 0.05 < 1 - white / len(samples) < 0.9
    header_blue = b"\x0b\x3d\x6b"
    assert samples.count(header_blue) > 2000  # the heading band was drawn


AXE_RUNNER = """<script>
axe.run(document, {resultTypes: ["violations"]}).then(function (result) {
  var out = document.createElement("pre"); out.id = "axe-resultat";
  out.textContent = JSON.stringify({violations: result.violations, passes: result.passes.length});
  document.body.appendChild(out);
}, function (error) {
  var out = document.createElement("pre"); out.id = "axe-resultat";
  out.textContent = JSON.stringify({error: String(error)});
  document.body.appendChild(out);
});
</script>"""


@pytest.mark.parametrize("example", ["kalix", "varje-enhet", "indikatorer"])
def test_report_has_no_axe_violations(example_repo: Path, tmp_path: Path, example: str) -> None:
    """Kalix 2019; promises kept every week and month (their per-unit bar charts); and a
    repo with lägesbild and indicator charts."""
    chromium = _chromium()
    axe = _axe_js().read_text(encoding="utf-8").replace("</script", "<\\/script")
    repo = {
        "kalix": example_repo,
        "varje-enhet": PROJECT / "tests" / "exempel" / "varje-enhet",
        "indikatorer": PROJECT / "examples" / "indikatorer",
    }[example]
    page = _report(repo, tmp_path)
    if example == "varje-enhet":
        assert "utfört per vecka mot målet" in page.read_text(encoding="utf-8")
    with_axe = tmp_path / "med-axe.html"
    with_axe.write_text(
        page.read_text(encoding="utf-8").replace(
            "</body>", f"<script>{axe}</script>{AXE_RUNNER}</body>"
        ),
        encoding="utf-8",
    )
    result = _run_chromium(
        chromium,
        tmp_path / "profil",
        "--virtual-time-budget=10000",
        "--dump-dom",
        with_axe.as_uri(),
    )
    found = re.search(r'<pre id="axe-resultat">(.*?)</pre>', result.stdout, re.S)
    assert found, result.stderr[-2000:]
    outcome = json.loads(html.unescape(found.group(1)))
    assert "error" not in outcome
    summary = [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in outcome["violations"]
    ]
    assert summary == []
    assert outcome["passes"] > 20


def _axe_violations(chromium: str, page: Path, profile: Path) -> list[tuple[str, str, list[str]]]:
    """axe-core's violations on `page` (a copy with axe injected, beside the original so its
    relative links still resolve)."""
    axe = _axe_js().read_text(encoding="utf-8").replace("</script", "<\\/script")
    with_axe = page.with_name(f"axe-{page.name}")
    with_axe.write_text(
        page.read_text(encoding="utf-8").replace(
            "</body>", f"<script>{axe}</script>{AXE_RUNNER}</body>"
        ),
        encoding="utf-8",
    )
    result = _run_chromium(
        chromium, profile, "--virtual-time-budget=10000", "--dump-dom", with_axe.as_uri()
    )
    with_axe.unlink()
    found = re.search(r'<pre id="axe-resultat">(.*?)</pre>', result.stdout, re.S)
    assert found, result.stderr[-2000:]
    outcome = json.loads(html.unescape(found.group(1)))
    assert "error" not in outcome
    assert outcome["passes"] > 20
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in outcome["violations"]]


def test_every_page_kind_of_the_site_has_no_axe_violations(
    example_repo: Path, tmp_path: Path, no_outer_git: None
) -> None:
    """The index and a follow-up page with navigation and a promise's changes from git."""
    from conftest import git

    chromium = _chromium()
    _axe_js()
    git(example_repo, "init", "-q", "-b", "main")
    git(example_repo, "add", "-A")
    git(example_repo, "commit", "-q", "-m", "Löftena")
    promises = example_repo / "promises/2019.yaml"
    promises.write_text(
        promises.read_text(encoding="utf-8").replace("minst: 4", "minst: 3", 1), encoding="utf-8"
    )
    git(example_repo, "commit", "-q", "-am", "Sänkt mål")
    result = run_lofte("webb", "--per", "2019-09-30", cwd=example_repo, today="2019-10-01")
    assert result.exit_code == 0, result.stderr
    site = example_repo / "_site"
    page = site / "kalix/2019.html"
    assert "Ändringar i löftet" in page.read_text(encoding="utf-8")
    for each in (site / "index.html", page):
        assert _axe_violations(chromium, each, tmp_path / "profil") == [], each


HOSTILE_PAGE = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>Kommunens webbplats</title>
<style>
* {{ box-sizing: content-box; }}
html {{ font-size: 10px; }}
body {{ background: #111111; color: #eeeeee; font: 9px/1 serif; margin: 0; }}
h1, h2, h3, h4 {{ color: #333333; text-transform: uppercase; background: #222222; }}
p, li, dd, dt, td, th, span, caption {{ color: #555555; background: #444444; }}
a {{ color: #666666; }}
table {{ display: block; width: 10px; }}
ul {{ list-style: none; padding: 0; }}
div {{ float: left; padding: 0; }}
header, footer, main, section, article {{ background: #000000; color: #777777; }}
</style></head>
<body><header><p>Kommunen</p></header><main><h1>Trygghet i kommunen</h1>
<p id="sammanfattning">Kommunens egen sammanfattning, med samma id som rapportens.</p>
{fragment}
</main><footer><p>Kontakt</p></footer></body></html>
"""


def test_fragment_in_a_hostile_page_has_no_axe_violations(
    example_repo: Path, tmp_path: Path
) -> None:
    chromium = _chromium()
    _axe_js()
    result = run_lofte(
        "rapport", "2019", "--per", "2019-09-30", "--fragment", cwd=example_repo, today="2019-10-01"
    )
    assert result.exit_code == 0, result.stderr
    page = tmp_path / "kommunen.html"
    page.write_text(HOSTILE_PAGE.format(fragment=result.stdout), encoding="utf-8")
    assert _axe_violations(chromium, page, tmp_path / "profil") == []
