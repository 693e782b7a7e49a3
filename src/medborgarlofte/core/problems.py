"""Core values: a Problem is what every loader and check returns instead of raising.

A problem carries its place (repo-relative path, line, column), a stable code and a Swedish
message; the code's severity and wording live in `texts.MESSAGES`, so one catalogue
documents every code.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from medborgarlofte.core.frozen import frozen
from medborgarlofte.core.safe_text import visible
from medborgarlofte.core.texts import MESSAGES, REFUSALS

if TYPE_CHECKING:
    from medborgarlofte.core.model import PromiseSet


class Severity(StrEnum):
    ERROR = "fel"
    WARNING = "varning"


@frozen
class Problem:
    path: str
    line: int | None
    column: int | None
    code: str
    severity: Severity
    message: str

    def location(self) -> str:
        parts = [visible(self.path)]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line or 0, self.column or 0, self.code)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": "error" if self.severity is Severity.ERROR else "warning",
            "message": self.message,
        }


def problem(
    code: str, path: str, line: int | None = None, column: int | None = None, **fields: Any
) -> Problem:
    """Build a problem from the catalogue: the code decides severity and message template.

    A field is often a file's text (a cell, a slug, a key): it is shown with its control
    characters as visible escapes, so a message is always one safe line (docs/garantier.md)."""
    severity, template = MESSAGES[code]
    fields = {k: visible(v) if isinstance(v, str) else v for k, v in fields.items()}
    message = template.format(**fields)
    hint = fields.get("hint")
    if hint:
        message = f"{message} {hint}"
    return Problem(path, line, column, code, Severity(severity), message)


def did_you_mean(suggestion: str | None) -> str:
    return f"Menade du '{suggestion}'?" if suggestion else ""


class LofteError(Exception):
    """A fatal, user-facing failure: a Swedish message and the exit code to leave with.

    Raised by the core and the CLI, and turned into output and an exit code in exactly one
    place (`cli.main`).
    """

    def __init__(self, message: str, exit_code: int = 1, problems: list[Problem] | None = None):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.problems = problems or []


def refusal(key: str, problems: list[Problem] | None = None, **fields: Any) -> LofteError:
    """The fatal refusal `key` names in the catalogue (`texts.REFUSALS`), with its exit code:
    raise it. Its message and exit kind are decided there, not where it is raised."""
    exit_code, template = REFUSALS[key]
    return LofteError(template.format(**fields), exit_code, problems)


def unknown_promise(promise_set: PromiseSet, promise_id: str, after: str = "") -> LofteError:
    """The refusal for an ID that names no promise of the period, with a did-you-mean."""
    from medborgarlofte.core.slugs import suggest

    ids = [p.id for p in promise_set.promises]
    hint = did_you_mean(suggest(promise_id, ids))
    found = refusal(
        "unknown_promise",
        id=promise_id.strip(),
        period=promise_set.period.name,
        hint=" " + hint if hint else "",
        known=", ".join(ids),
    )
    return LofteError(found.message + after, found.exit_code)
