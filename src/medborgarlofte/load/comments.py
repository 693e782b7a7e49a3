"""Loading and validating comments: `logs/<period>.kommentarer.csv`, a dated note per promise.

A comment explains or analyses a promise's standing ("vandringen i mars ställdes in på
grund av snöstorm"). The file sits beside the period's activity log and follows the same
rules: read by header name with `,` or `;`, UTF-8 with or without BOM, appended one locked
write at a time, never rewritten. Rows stream through `LogRows`; each rejected row leaves a
problem and is left out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Final

from medborgarlofte.core import texts
from medborgarlofte.core.frozen import frozen
from medborgarlofte.core.model import Period, PromiseSet
from medborgarlofte.core.problems import (
    LofteError,
    Problem,
    did_you_mean,
    problem,
    refusal,
    unknown_promise,
)
from medborgarlofte.core.slugs import suggest
from medborgarlofte.load.corrections import (
    Correction,
    Kind,
    struck_side_rows,
    without_struck_errors,
)
from medborgarlofte.load.log_dialect import (
    FATAL_CODES,
    CsvKind,
    cell_warnings,
    parse_date,
)
from medborgarlofte.load.log_file import LogRows
from medborgarlofte.load.repo import outside_repo
from medborgarlofte.load.side_files import COMMENT_SUFFIX, beside_log

COMMENT_HEADER: Final = ("datum", "löfte", "kommentar", "registrerad_av", "registrerad")
# The comment file in the log's dialect: every cell but the date and the promise id is
# free text, looked at for personnummer and formulas like the log's.
COMMENT_KIND: Final = CsvKind(
    header=COMMENT_HEADER,
    required=("datum", "löfte", "kommentar"),
    fixed_format=frozenset({"datum", "löfte"}),
)

# The year's analysis is written in January or February, after the period has ended: a
# comment may be dated up to this many days after its period's last day.
COMMENT_GRACE_DAYS: Final = 90


def takes_comment(period: Period, day: date) -> bool:
    """Whether a comment dated `day` belongs with `period`: inside it, or a short while after."""
    return period.start <= day <= period.end + timedelta(days=COMMENT_GRACE_DAYS)


@frozen
class Comment:
    line: int
    date: date
    promise_id: str  # as declared in the promise file
    text: str
    registered_by: str = ""
    registered: str = ""


def comments_rel(promise_set: PromiseSet) -> str:
    """A period's comment file, repo-relative: `logs/2019.csv` -> `logs/2019.kommentarer.csv`."""
    return beside_log(promise_set.log_path, COMMENT_SUFFIX)


def comment_rows(root: Path, promise_set: PromiseSet) -> LogRows:
    rel = comments_rel(promise_set)
    return LogRows(root / rel, rel, kind=COMMENT_KIND)


def _unknown_promise(raw: str, rel: str, promise_set: PromiseSet, line: int | None) -> Problem:
    ids = [p.id for p in promise_set.promises]
    return problem(
        "E040",
        rel,
        line,
        id=raw.strip(),
        known=", ".join(ids),
        hint=did_you_mean(suggest(raw, ids)),
    )


def read_comments(rows: LogRows, promise_set: PromiseSet, today: date) -> Iterator[Comment]:
    """The valid comments of a comment file, streaming; each rejected row adds a problem to
    `rows.problems`, and a personnummer-like text adds a warning (the comment still counts)."""
    rel = rows.rel
    for line, cells in rows:

        def cell(name: str, cells: list[str] = cells) -> str:
            index = rows.columns.get(name)
            return cells[index] if index is not None and index < len(cells) else ""

        day = parse_date(cell("datum"), rel, promise_set, today, COMMENT_GRACE_DAYS)
        promise = promise_set.promise(cell("löfte"))
        text = cell("kommentar").strip()
        found = [dataclasses.replace(day, line=line)] if isinstance(day, Problem) else []
        if promise is None:
            found.append(_unknown_promise(cell("löfte"), rel, promise_set, line))
        if not text:
            found.append(problem("E041", rel, line))
        rows.problems.extend(cell_warnings(rel, line, rows.header, cells, COMMENT_KIND))
        if found:
            rows.problems.extend(found)
            continue
        assert isinstance(day, date) and promise is not None
        yield Comment(
            line, day, promise.id, text, cell("registrerad_av").strip(), cell("registrerad").strip()
        )


def load_comments(
    root: Path, promise_set: PromiseSet, today: date
) -> tuple[list[Comment], list[Problem]]:
    """A period's comments (none when the file does not exist) and the problems found.

    An unreadable file (not UTF-8, a directory, no header, a link out of the repo) is fatal
    for a report."""
    refused = outside_repo(root, comments_rel(promise_set))
    if refused is not None:
        rel = comments_rel(promise_set)
        raise LofteError(texts.FILE_REFUSED.format(rel=f"Kommentarsfilen {rel}"), 1, [refused])
    rows = comment_rows(root, promise_set)
    if not rows.path.exists():
        return [], []
    comments = list(read_comments(rows, promise_set, today))
    fatal = [p for p in rows.problems if p.code in FATAL_CODES]
    if fatal:
        raise refusal("comments_unreadable", fatal, path=rows.rel)
    struck = struck_comments(root, promise_set, strict=True)
    if not struck:
        return comments, rows.problems
    kept = [c for c in comments if c.line not in struck]
    return kept, without_struck_errors(rows.problems, struck)


def struck_comments(
    root: Path, promise_set: PromiseSet, *, strict: bool = False
) -> dict[int, Correction]:
    """The period's struck comments, line -> the record that struck it (`log stryk
    --kommentar`, `log kommentar --flytta`): a struck comment is shown nowhere."""
    rows = comment_rows(root, promise_set)
    return struck_side_rows(root, promise_set, Kind.COMMENT, rows, strict=strict)


def comment_problems(root: Path, promise_set: PromiseSet, today: date) -> list[Problem]:
    """Every problem of a period's comment file, for `lofte check` (empty when it is absent)."""
    refused = outside_repo(root, comments_rel(promise_set))
    if refused is not None:
        return [refused]
    rows = comment_rows(root, promise_set)
    if not rows.path.exists():
        return []
    for _ in read_comments(rows, promise_set, today):
        pass
    return without_struck_errors(rows.problems, struck_comments(root, promise_set))


def comments_by_promise(comments: Iterable[Comment], as_of: date) -> dict[str, list[Comment]]:
    """Comments dated on or before `as_of`, per promise id, oldest first (file order on a tie)."""
    grouped: dict[str, list[Comment]] = {}
    for comment in sorted(comments, key=lambda c: (c.date, c.line)):
        if comment.date <= as_of:
            grouped.setdefault(comment.promise_id, []).append(comment)
    return grouped


def latest(comments: Mapping[str, list[Comment]], promise_id: str) -> Comment | None:
    found = comments.get(promise_id)
    return found[-1] if found else None


@frozen(slots=False)
class NewComment:
    day: date
    promise_id: str
    text: str
    registered_by: str
    registered: str

    def cells(self) -> dict[str, str]:
        values = (
            self.day.isoformat(),
            self.promise_id,
            self.text,
            self.registered_by,
            self.registered,
        )
        return dict(zip(COMMENT_HEADER, values, strict=True))


def build_comment(
    promise_set: PromiseSet,
    *,
    promise_id: str,
    day: date,
    today: date,
    text: str,
    registered_by: str,
    registered: str,
) -> NewComment:
    """Validate `lofte log kommentar` input; refuse with a LofteError (exit 1) before writing."""
    if day > today:
        raise refusal("future_date", day=day, today=today)
    promise = promise_set.promise(promise_id)
    if promise is None:
        raise unknown_promise(promise_set, promise_id, " Inget skrevs.")
    cleaned = text.strip()
    if not cleaned:
        raise refusal("empty_comment")
    return NewComment(day, promise.id, cleaned, registered_by.strip(), registered)
