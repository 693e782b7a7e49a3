"""Renderers: the follow-up report (`lofte rapport --format markdown`) as Markdown that reads
well on GitHub and GitLab: plain headings, lists and tables, and a text bar for each chart."""

from __future__ import annotations

from medborgarlofte.core.model import PromiseSet
from medborgarlofte.core.safe_text import link_target, markdown_autolink
from medborgarlofte.core.safe_text import markdown as md
from medborgarlofte.core.svformat import format_date_long, per_words
from medborgarlofte.core.texts import left_out_words
from medborgarlofte.judge.followup import FollowUpReport, PromiseFollowUp
from medborgarlofte.render import report_words as words
from medborgarlofte.render.indicator_report import indicator_markdown
from medborgarlofte.render.status_columns import REPORT_COLUMNS, StatusColumn, markdown_rule
from medborgarlofte.render.status_words import missed_words, status_words

BAR_WIDTH = 30


def _source(text: str) -> str:
    """An `http(s):`/`mailto:` address as an autolink; anything else as plain text."""
    target = link_target(text)
    if target is None:
        return md(text)
    return markdown_autolink(target)


def progress_bar(item: PromiseFollowUp) -> str:
    """``████████│░░░░`` — done so far against the whole period's target; `│` marks where the
    target's pace is today. Empty for ongoing targets."""
    if item.period_target is None:
        return ""
    result = item.result
    expected = float(result.expected or 0)
    scale = max(float(item.period_target), result.done, 1)
    filled = min(BAR_WIDTH, round(result.done / scale * BAR_WIDTH))
    cells = ["█"] * filled + ["░"] * (BAR_WIDTH - filled)
    mark = min(BAR_WIDTH - 1, round(expected / scale * BAR_WIDTH))
    cells[mark] = "│"
    return "".join(cells)


def unit_strip(item: PromiseFollowUp) -> str:
    """Every-unit targets: one sign per unit so far, ✔ reached its need, ✘ missed, · under way."""
    signs = []
    for unit in item.result.units or ():
        if not unit.complete:
            signs.append("✔" if unit.met else "·")
        else:
            signs.append("✔" if unit.met or unit.need == 0 else "✘")
    return "".join(signs)


def _promise(item: PromiseFollowUp, promise_set: PromiseSet) -> list[str]:
    result = item.result
    period = promise_set.period
    out = [f"### {item.number} {md(words.reader_title(item))}", "", f"> {md(item.promise.text)}"]
    out.append("")
    out.append(f"- **Mål:** {md(words.target_of(item))}")
    out.append(f"- **Räknas:** {md(words.counted_words(item, promise_set))}")
    outcome = words.outcome_words(item)
    if result.expected is not None:
        outcome += f"; krävs hittills {words.expected_so_far(item)}"
    out.append(f"- **Utfört:** {outcome}")
    missed = missed_words(result)
    if missed:
        out.append(f"- **Missade:** {md(missed.removeprefix('missade: '))}")
    out.append(f"- **Status:** {status_words(result.status)}")
    if item.promise.responsible:
        out.append(f"- **Ansvar:** {md(words.responsible_words(item.promise.responsible))}")
    bar = progress_bar(item)
    if result.units is not None:
        strip = unit_strip(item)
        out.append(
            f"- **Per {per_words(result.promise.target.per, result.promise.target.block)}:** "
            + (f"`{strip}` " if strip else "")
            + md(words.progress_sentence(item))
        )
    elif bar:
        out.append(f"- **Utveckling:** `{bar}` {md(words.progress_sentence(item))}")
    else:
        out.append(f"- **Utveckling:** {md(words.progress_sentence(item))}")
    comment = item.latest_comment
    if comment is not None:
        out += [
            "",
            f"**{words.comment_title(comment, period)}, {format_date_long(comment.date)}:**"
            f" {md(comment.text)}",
        ]
    out.append("")
    return out


def render_report_markdown(report: FollowUpReport, left_out: int = 0) -> str:
    status = report.status
    promise_set = status.promise_set
    out = [f"# {md(words.title(report))}", ""]
    facts = [
        ("Kommun", promise_set.kommun),
        ("Lokalpolisområde", promise_set.police_area),
        ("Period", words.period_words(promise_set.period)),
        ("Läge per", words.as_of_words(status)),
    ]
    if promise_set.signed:
        facts.append(("Undertecknat", format_date_long(promise_set.signed)))
    if promise_set.signatories:
        facts.append(("Undertecknare", "; ".join(promise_set.signatories)))
    out += [f"- **{label}:** {md(value)}" for label, value in facts if value]
    if promise_set.source:
        out.append(f"- **Källa:** {_source(promise_set.source)}")
    if left_out:
        out += ["", f"> **{md(left_out_words(left_out))}**"]
    out += ["", "## Sammanfattning", ""]
    out.append(
        " · ".join(f"{words.summary_label(k)}: {n}" for k, n in words.summary_words(status))
        + f" (av {len(status.results)} löften)"
    )
    out += ["", "| " + " | ".join(c.header or "" for c in REPORT_COLUMNS) + " |"]
    out.append(markdown_rule(REPORT_COLUMNS))
    for item in report.promises:
        out.append("| " + " | ".join(_summary_cell(c, item) for c in REPORT_COLUMNS) + " |")
    out += [
        "",
        "Stapeln under *Utveckling* visar utfört hittills (█) mot hela periodens mål"
        " (hela stapelns längd); │ markerar målets takt vid uppföljningen. För löften som"
        " gäller varje vecka eller månad står ett tecken per vecka eller månad:"
        " ✔ målet nått, ✘ missad, · pågår.",
        "",
    ]
    for area in report.areas:
        out += [f"## {area.number}. {md(area.name)}", ""]
        if area.situation:
            out += [f"**Lägesbild:** {md(area.situation)}", ""]
        for item in area.promises:
            out += _promise(item, promise_set)
        for result in area.indicators:
            out += indicator_markdown(result, md)
    out += [
        "---",
        "",
        md(words.FOOTER_RULES),
        "",
        "Status: ✔ Uppfyllt · ● I fas · ▲ Efter plan · ✘ Ej uppfyllt · ↻ Pågår · ○ Ej påbörjat.",
        "",
        f"<sub>Källa: {md(promise_set.path)} och {md(promise_set.log_path)},"
        f" läget per {format_date_long(status.as_of)}.</sub>",
        "",
    ]
    return "\n".join(out)


def _summary_cell(column: StatusColumn, item: PromiseFollowUp) -> str:
    """A cell of the summary table: the promise numbered and named for readers, the status
    word as it is, every other column in its own words."""
    if column.key == "title":
        return f"{item.number} {md(words.reader_title(item))}"
    if column.key == "status":
        return status_words(item.result.status)
    return md(column.words(item.result, False, True)) if column.words else ""
