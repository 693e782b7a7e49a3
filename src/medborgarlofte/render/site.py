"""Renderers: the whole repo as a static web site (`lofte webb`), as a mapping of relative
paths to bytes. Nothing here touches the disk; write/site_dir writes the mapping.

Layout (every name a safe slug, every link relative, so the site opens from `file://` and
from any sub-path of a web host):

    index.html                       every kommun and period, latest first, with status counts
    <kommun>/<period>.html           the follow-up report (the rapport page), with navigation
    data/<kommun>/<period>.json      the status JSON (= `lofte status --format json`)
    data/<kommun>/<period>.csv       the same for machines: RFC 4180, the JSON's keys (open_data)
    data/<kommun>/<period>.excel.csv the Excel export (= `lofte status --format csv`)
    data/index.json                  every page and data file, with URLs relative to itself
    data/datapackage.json            every data file as a Frictionless Data Package
    data/status.schema.json          the JSON Schema of the status JSON
    data/index.schema.json           the JSON Schema of data/index.json
    <kommun>/plan.ics                what is due in the period holding the as-of date
                                     (`lofte plan --format ics`), to subscribe to

The same input gives the same bytes: no build time anywhere (the as-of date is data), and
everything sorted.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from html import escape

from medborgarlofte.core.frozen import frozen
from medborgarlofte.core.problems import LofteError
from medborgarlofte.core.site_names import clashes, kommun_slug, period_slug, unpublishable
from medborgarlofte.core.slugs import path_slug
from medborgarlofte.core.svformat import format_date_long
from medborgarlofte.core.texts import (
    SITE_CSV_LINK,
    SITE_EXCEL_LINK,
    SITE_HOME_LINK,
    SITE_JSON_LINK,
    SITE_NAME_REFUSED,
    SITE_NAME_TAKEN,
    SITE_PERIOD_LINK,
    SITE_PLAN_LINK,
    SITE_TITLE,
    STATUS_LABELS,
)
from medborgarlofte.judge.evaluate import StatusReport
from medborgarlofte.judge.followup import FollowUpReport
from medborgarlofte.judge.history import PromiseChange
from medborgarlofte.judge.plan import Plan
from medborgarlofte.render import report_words as words
from medborgarlofte.render.open_data import DataFile, data_package, render_open_csv
from medborgarlofte.render.plan_ics import render_ics
from medborgarlofte.render.report_html import CSS, render_report_html, status_badge
from medborgarlofte.render.status_data import FORMAT_VERSION, CommentsById, render_csv, render_json

CSV_BOM = b"\xef\xbb\xbf"


@frozen(slots=False)
class SiteEntry:
    """One kommun's period, judged and ready to render."""

    report: FollowUpReport
    comments: CommentsById
    changes: Mapping[str, Sequence[PromiseChange]] | None = None  # by folded promise id
    left_out: int = 0  # rows of this period's files that could not be read
    plan: Plan | None = None  # the current period's plan, published as <kommun>/plan.ics

    @property
    def status(self) -> StatusReport:
        return self.report.status


@frozen(slots=False)
class _Placed:
    entry: SiteEntry
    kommun_slug: str
    period_slug: str

    @property
    def page(self) -> str:
        return f"{self.kommun_slug}/{self.period_slug}.html"

    @property
    def data(self) -> str:
        return f"data/{self.kommun_slug}/{self.period_slug}"


def _place(entries: Sequence[SiteEntry]) -> list[_Placed]:
    """Each entry with its folder and file names (core/site_names.py): kommuner by name,
    periods latest first. Two entries that would share a name are refused, never renamed:
    a page that moved to make room (`kalix-2/`) would break every link to it."""
    sets = [entry.status.promise_set for entry in entries]
    for promise_set in sets:
        if unpublishable(promise_set) is not None:
            raise LofteError(SITE_NAME_REFUSED.format(path=promise_set.path))
    found = clashes(sets)
    if found:
        clash = found[0]
        raise LofteError(
            SITE_NAME_TAKEN.format(first=clash.first, second=clash.second, slug=clash.slug)
        )
    order: dict[str, tuple[str, str]] = {}
    for promise_set in sets:
        slug = kommun_slug(promise_set)
        key = (path_slug(promise_set.kommun, ""), slug)
        order[slug] = min(order.get(slug, key), key)
    kommuner = sorted(order, key=order.__getitem__)
    placed = [
        _Placed(entry, kommun_slug(entry.status.promise_set), period_slug(entry.status.promise_set))
        for entry in entries
    ]
    placed.sort(
        key=lambda p: (
            kommuner.index(p.kommun_slug),
            -p.entry.status.promise_set.period.start.toordinal(),
            p.period_slug,
        )
    )
    return placed


def _e(text: str) -> str:
    return escape(text, quote=True)


INDEX_CSS = """
.kommun { margin: 0 0 2rem; }
.perioder td ul { display: flex; flex-wrap: wrap; gap: .3rem .6rem; margin: 0; padding: 0;
  list-style: none; }
.perioder .data a { white-space: nowrap; }
.dold { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
@media (max-width: 40rem) {
  /* On a phone the period's dates are left to its page (its name says the years), so that
     the table fits the screen without breaking a word. */
  .perioder .period { display: none; }
}
"""


def _index_html(placed: Sequence[_Placed]) -> str:
    sections = []
    groups: dict[str, list[_Placed]] = {}
    for item in placed:
        groups.setdefault(item.kommun_slug, []).append(item)
    for slug, items in groups.items():
        first = items[0].entry.status.promise_set
        rows = []
        for item in items:
            status = item.entry.status
            period = status.promise_set.period
            counts = "".join(
                f"<li>{status_badge(key)} {n}</li>" for key, n in words.summary_words(status)
            )
            # Each data link says what it is when read out of the table's context.
            hidden = f'<span class="dold"> för {_e(first.kommun)} {_e(period.name)}</span>'
            rows.append(
                "<tr>"
                f'<th scope="row"><a href="{_e(item.page)}">'
                f"{_e(SITE_PERIOD_LINK)} {_e(period.name)}</a></th>"
                f'<td class="period">{_e(words.period_words(period))}</td>'
                f'<td><time datetime="{status.as_of.isoformat()}">'
                f"{_e(format_date_long(status.as_of))}</time></td>"
                f'<td><ul aria-label="Antal löften per status">{counts}</ul></td>'
                f'<td class="data"><ul><li><a href="{_e(item.data)}.json">JSON{hidden}</a></li>'
                f'<li><a href="{_e(item.data)}.csv">CSV{hidden}</a></li>'
                f'<li><a href="{_e(item.data)}.excel.csv">Excel{hidden}</a></li></ul></td>'
                "</tr>"
            )
        police = first.police_area
        heading = _e(first.kommun) + (f" och lokalpolisområde {_e(police)}" if police else "")
        sections.append(
            f'<section class="kommun" aria-labelledby="kommun-{slug}">'
            f'<h2 id="kommun-{slug}">{heading}</h2>'
            f'<table class="perioder"><caption>Perioder för {_e(first.kommun)}, '
            "senaste först</caption>"
            '<thead><tr><th scope="col">Uppföljning</th><th scope="col" class="period">Period</th>'
            '<th scope="col">Läge per</th><th scope="col">Löften per status</th>'
            '<th scope="col">Öppna data</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></section>"
        )
    names = sorted({p.entry.status.promise_set.kommun for p in placed})
    lead = (
        f"Uppföljningen av de medborgarlöften som {_e(', '.join(names))} och polisen har gett."
        if len(names) <= 3
        else f"Uppföljningen av medborgarlöftena i {len(names)} kommuner och polisen."
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(SITE_TITLE)}</title>\n"
        f"<style>{CSS}{INDEX_CSS}</style>\n</head>\n<body>\n"
        '<header class="rubrik"><div class="sida">'
        f"<h1>{_e(SITE_TITLE)}</h1><p>{lead}</p>"
        "</div></header>\n"
        '<main class="sida huvud">\n' + "\n".join(sections) + "\n</main>\n"
        '<footer class="sida fot">'
        "<p>Varje uppföljning finns också som öppna data: JSON (beskriven av "
        '<a href="data/status.schema.json">schemat status.schema.json</a>), CSV med samma '
        "engelska nycklar (komma, punkt som decimaltecken, UTF-8) och CSV för Excel. "
        '<a href="data/datapackage.json">Alla datafiler som Data Package</a> · '
        '<a href="data/index.json">Förteckning över alla filer (JSON)</a>.</p>'
        f"<p>Statusord: {' · '.join(status_badge(s) for s in STATUS_LABELS)}</p>"
        "</footer>\n</body>\n</html>\n"
    )


def _data_index(placed: Sequence[_Placed]) -> str:
    """data/index.json: every kommun and period with URLs relative to data/index.json."""
    kommuner: dict[str, dict[str, object]] = {}
    for item in placed:
        status = item.entry.status
        promise_set = status.promise_set
        kommun = kommuner.setdefault(
            item.kommun_slug,
            {"kommun": promise_set.kommun, "slug": item.kommun_slug, "periods": []},
        )
        periods = kommun["periods"]
        assert isinstance(periods, list)
        periods.append(
            {
                "period": {
                    "name": promise_set.period.name,
                    "start": promise_set.period.start.isoformat(),
                    "end": promise_set.period.end.isoformat(),
                },
                "as_of": status.as_of.isoformat(),
                "summary": dict(status.summary),
                "page": f"../{item.page}",
                "json": item.data.removeprefix("data/") + ".json",
                "csv": item.data.removeprefix("data/") + ".csv",
                "excel_csv": item.data.removeprefix("data/") + ".excel.csv",
            }
        )
    data = {
        "format_version": FORMAT_VERSION,
        "description": "Alla uppföljningar på webbplatsen. Adresserna är relativa till den här "
        "filen.",
        "schema": INDEX_SCHEMA,
        "status_schema": STATUS_SCHEMA,
        "datapackage": "datapackage.json",
        "kommuner": list(kommuner.values()),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


STATUS_SCHEMA = "status.schema.json"
INDEX_SCHEMA = "index.schema.json"


def _data_files(placed: Sequence[_Placed]) -> list[DataFile]:
    """Every data file of the site, for data/datapackage.json."""
    files = [
        DataFile("index", "index.json", "Alla uppföljningar", "json", INDEX_SCHEMA),
        DataFile("status-schema", STATUS_SCHEMA, "JSON-schemat för uppföljningarnas JSON", "json"),
        DataFile("index-schema", INDEX_SCHEMA, "JSON-schemat för index.json", "json"),
    ]
    for item in placed:
        promise_set = item.entry.status.promise_set
        base = item.data.removeprefix("data/")
        name = f"{item.kommun_slug}-{item.period_slug}".lower()
        title = f"{promise_set.kommun} {promise_set.period.name}"
        files += [
            DataFile(name, f"{base}.csv", f"{title} (CSV)", "open-csv"),
            DataFile(f"{name}-excel", f"{base}.excel.csv", f"{title} (CSV för Excel)", "excel-csv"),
            DataFile(f"{name}-json", f"{base}.json", f"{title} (JSON)", "json", STATUS_SCHEMA),
        ]
    return files


def render_site(entries: Sequence[SiteEntry], schemas: Mapping[str, str]) -> dict[str, bytes]:
    """Every file of the site, by its path relative to the site's root. `schemas` holds the
    text of the JSON Schemas published in data/, by file name."""
    placed = _place(entries)
    files: dict[str, bytes] = {
        "index.html": _index_html(placed).encode("utf-8"),
        "data/index.json": _data_index(placed).encode("utf-8"),
        "data/datapackage.json": data_package(_data_files(placed)).encode("utf-8"),
    }
    for name in (STATUS_SCHEMA, INDEX_SCHEMA):
        files[f"data/{name}"] = schemas[name].encode("utf-8")
    for item in placed:
        entry = item.entry
        links: tuple[tuple[str, str], ...] = (
            (SITE_HOME_LINK, "../index.html"),
            (SITE_JSON_LINK, f"../{item.data}.json"),
            (SITE_CSV_LINK, f"../{item.data}.csv"),
            (SITE_EXCEL_LINK, f"../{item.data}.excel.csv"),
        )
        if entry.plan is not None:
            files[f"{item.kommun_slug}/plan.ics"] = render_ics([entry.plan]).encode("utf-8")
            links += ((SITE_PLAN_LINK, "plan.ics"),)
        page = render_report_html(
            entry.report, changes=entry.changes, links=links, left_out=entry.left_out
        )
        files[item.page] = page.encode("utf-8")
        indicators = tuple(i for area in entry.report.areas for i in area.indicators)
        files[f"{item.data}.json"] = render_json(
            [entry.status], [entry.comments], [indicators]
        ).encode("utf-8")
        files[f"{item.data}.csv"] = render_open_csv(entry.status).encode("utf-8")
        files[f"{item.data}.excel.csv"] = CSV_BOM + render_csv([entry.status]).encode("utf-8")
    return dict(sorted(files.items()))
