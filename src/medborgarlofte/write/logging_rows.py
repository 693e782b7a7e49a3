"""Writing, validated: turn `lofte log insats` options into a log row, or refuse with why.

Every check happens before anything is written; a refusal raises LofteError (exit 1).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from medborgarlofte.core import texts
from medborgarlofte.core.frozen import frozen
from medborgarlofte.core.model import LOG_HEADER, PromiseSet
from medborgarlofte.core.personnummer import find_personal_numbers
from medborgarlofte.core.problems import LofteError, Severity, did_you_mean, refusal
from medborgarlofte.core.slugs import fold_slug, split_list, suggest
from medborgarlofte.load.log_dialect import LIST_SEPARATOR, count_value, join_list, shown
from medborgarlofte.load.repo import Repo, inside_repo


@frozen(slots=False)
class NewActivity:
    day: date
    type: str  # as declared
    count: int
    place: str
    participants: tuple[str, ...]  # as declared
    tags: tuple[str, ...]
    description: str
    registered_by: str
    registered: str

    def cells(self) -> dict[str, str]:
        values = (
            self.day.isoformat(),
            self.type,
            str(self.count),
            self.place,
            join_list(self.participants),
            join_list(self.tags),
            self.description,
            self.registered_by,
            self.registered,
        )
        return dict(zip(LOG_HEADER, values, strict=True))

    def folded(self) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        return (
            fold_slug(self.type),
            tuple(fold_slug(p) for p in self.participants),
            tuple(fold_slug(t) for t in self.tags),
        )


def period_for(sets: list[PromiseSet], day: date) -> PromiseSet:
    holding = [s for s in sets if s.period.contains(day)]
    if len(holding) == 1:
        return holding[0]
    if not holding and sets:
        latest = max(sets, key=lambda s: s.period.end)
        one_kommun = len({s.kommun_key or s.kommun for s in sets}) == 1
        if day > latest.period.end and one_kommun:
            raise refusal(
                "after_last_period",
                day=day,
                period=latest.period.name,
                start=latest.period.start,
                end=latest.period.end,
                kommun=f" --kommun {latest.kommun_key}" if latest.kommun_key else "",
            )
    if not holding:
        periods = ", ".join(
            f"{s.period.name} ({s.period.start}–{s.period.end})"
            for s in sorted(sets, key=lambda s: s.period.start)
        )
        raise refusal("no_period", day=day, periods=periods or "inga")
    kommuner = ", ".join(sorted(s.kommun_key or s.kommun for s in holding))
    raise refusal("several_kommuner", day=day, kommuner=kommuner)


def _one_of(word: str, known: dict[str, str], names: dict[str, str], what: str) -> str:
    folded = fold_slug(word)
    if folded in known:
        return names.get(folded, folded)
    shown = [names.get(k, k) for k in known]
    hint = did_you_mean(suggest(word, shown))
    raise refusal(
        "unknown_slug", what=what, word=word.strip(), hint=" " + hint if hint else "",
        known=", ".join(shown),
    )  # fmt: skip


def build_activity(
    promise_set: PromiseSet,
    *,
    day: date,
    today: date,
    activity_type: str,
    count: str,
    place: str,
    participants: list[str],
    tags: list[str],
    description: str,
    registered_by: str,
    registered: str,
) -> NewActivity:
    if day > today:
        raise refusal("future_date", day=day, today=today)
    type_name = _one_of(
        activity_type, promise_set.activity_types, promise_set.type_names, "aktivitetstyp"
    )
    number = count_value(count.strip())
    if isinstance(number, str):  # the reader's own rule: ³ or a 4,300-digit number is no count
        raise refusal("bad_count", got=shown(count.strip()), detail=number)
    declared = {k: k for k in promise_set.participants}
    who = tuple(
        _one_of(p, promise_set.participants, declared, "deltagare")
        for item in participants
        for p in split_list(item.replace(",", LIST_SEPARATOR))
    )
    tag_list = tuple(t for item in tags for t in split_list(item.replace(",", LIST_SEPARATOR)))
    return NewActivity(
        day,
        type_name,
        number,
        place.strip(),
        who,
        tag_list,
        description.strip(),
        registered_by.strip(),
        registered,
    )


def period_for_writing(root: Path, kommun: str | None, day: date) -> PromiseSet:
    """The promise set whose period holds `day`, for a command that appends to its files.

    Refuses (LofteError, exit 1) when no period or several kommuner's periods hold the
    date, naming any broken promise files that might have held it.
    """
    repo = Repo.open(root)
    sets, problems = repo.load(repo.refs_for_kommun(kommun))
    try:
        return period_for(sets, day)
    except LofteError as error:
        errors = [p for p in problems if p.severity is Severity.ERROR]
        raise LofteError(error.message, 1, errors) from None


def period_for_comment(
    root: Path, kommun: str | None, day: date, promise_id: str, period: str | None
) -> PromiseSet:
    """The promise set a comment dated `day` on `promise_id` belongs to: `period` when given;
    else the one holding the date that has the promise, else one that ended at most
    COMMENT_GRACE_DAYS before it (the year's analysis, written in January) and has it."""
    from medborgarlofte.load.comments import COMMENT_GRACE_DAYS, takes_comment
    from medborgarlofte.load.repo import resolve_period

    repo = Repo.open(root)
    sets, problems = repo.load(repo.refs_for_kommun(kommun))
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if period is not None:
        try:
            chosen = resolve_period(sets, period, day)
        except LofteError as error:
            raise LofteError(error.message, 1, errors) from None
        if not takes_comment(chosen.period, day):
            raise LofteError(
                texts.COMMENT_OUTSIDE_PERIOD.format(
                    day=day, period=chosen.period.name, days=COMMENT_GRACE_DAYS
                )
            )
        return chosen
    open_for_comments = [s for s in sets if takes_comment(s.period, day)]
    tiers = (
        [s for s in open_for_comments if s.period.contains(day) and s.promise(promise_id)],
        [s for s in open_for_comments if s.promise(promise_id)],
        [s for s in open_for_comments if s.period.contains(day)],
        open_for_comments,
    )
    for tier in tiers:
        if len(tier) == 1:
            return tier[0]
        if tier:
            kommuner = ", ".join(sorted(s.kommun_key or s.kommun for s in tier))
            if len({s.kommun_key or s.kommun for s in tier}) > 1:
                raise LofteError(texts.COMMENT_SEVERAL_KOMMUNER.format(day=day, kommuner=kommuner))
            names = ", ".join(sorted(s.period.name for s in tier))
            raise LofteError(texts.COMMENT_SEVERAL_PERIODS.format(day=day, periods=names))
    try:
        return period_for(sets, day)
    except LofteError as error:
        raise LofteError(error.message, 1, errors) from None


def writable_path(root: Path, rel: str) -> Path:
    """`root / rel`, refused when it (or a link on the way) leads out of the repo, in a
    loop or to nothing, when a link is on the way at all, when it is no regular file, or in
    `.git` (write/safe_write.py)."""
    from medborgarlofte.write.safe_write import check_writable

    if not inside_repo(root, root / rel):
        raise refusal("outside_repo", rel=rel)
    check_writable(root, root / rel)  # any other link, also one in a loop or to nothing
    return root / rel



# A row's `antal` above this gets a warning (not a refusal): one row records one activity,
# and even a large event (a market day's contacts, a school's classes) stays below it.
LARGE_COUNT_LIMIT = 500


def refuse_personal_numbers(options: dict[str, str]) -> None:
    """Refuse (exit 1) a free-text value that looks like a personnummer or
    samordningsnummer (the W001 rule), naming the option and never echoing the number."""
    for option, value in options.items():
        found = find_personal_numbers(value)
        if found:
            raise LofteError(
                texts.PERSONAL_NUMBER_REFUSED.format(option=option, kind=found[0].kind)
            )


def why_not_counted(promise_set: PromiseSet, activity: NewActivity) -> list[str]:
    """For a row that counts toward no promise: why not, per promise of its typ."""
    activity_type, participants, tags = activity.folded()
    period = promise_set.period
    lines = []
    for promise in promise_set.promises:
        target = promise.target
        if activity_type not in target.types:
            continue
        if not period.contains(activity.day):
            why = texts.WHY_AFTER_PERIOD.format(start=period.start, end=period.end)
        elif target.participants and not set(target.participants) & set(participants):
            why = texts.WHY_PARTICIPANTS.format(participants=" eller ".join(target.participants))
        elif target.tags and not set(target.tags) & set(tags):
            why = texts.WHY_TAGS.format(tags=" eller ".join(target.tags))
        else:
            continue
        lines.append(texts.NOT_COUNTED_BECAUSE.format(id=promise.id, why=why))
    if not lines:
        lines.append(texts.NO_PROMISE_OF_TYPE.format(type=activity.type))
    return lines
