"""Command line: the framework's own words in Swedish: help pages, usage lines, usage errors.

Click formats help and usage errors with English words. Everything here goes through
Click's public API (`click.HelpFormatter`, `Context.formatter_class`, `click.UsageError`):
`SwedishGroup` is the root command's class; before it parses anything it gives every
command in the tree a context whose help formatter writes Swedish headings and phrases
(before the text is wrapped, so widths stay right), and it shows usage errors itself, in
Swedish, with the usual exit code 2. The words live in core/texts.py.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import click
import typer
from click.exceptions import NoArgsIsHelpError
from typer.core import TyperGroup

from medborgarlofte.core import texts


@functools.cache
def _compiled(phrases: tuple[tuple[str, str], ...]) -> list[tuple[re.Pattern[str], str]]:
    # Compiled on first use: most runs show neither help nor a usage error.
    return [(re.compile(english), swedish) for english, swedish in phrases]


def help_words(text: str) -> str:
    """`text` from the framework's help with its English phrases in Swedish."""
    for english, swedish in _compiled(texts.HELP_PHRASES):
        text = english.sub(swedish, text)
    return text


def error_words(text: str) -> str:
    """A usage error's message from the framework, in Swedish."""
    for english, swedish in _compiled(texts.USAGE_ERROR_PHRASES):
        text = english.sub(swedish, text)
    return text


class SwedishHelpFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        # The framework writes a required argument as {ID}; Swedish help pages write it bare,
        # as the argument list below the usage line does.
        args = re.sub(r"\{([^{}\s]+)\}", r"\1", help_words(args))
        super().write_usage(prog, args, texts.HELP_USAGE_PREFIX)

    def write_heading(self, heading: str) -> None:
        super().write_heading(texts.HELP_HEADINGS.get(heading, heading))

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        swedish = [(help_words(first), help_words(second)) for first, second in rows]
        super().write_dl(swedish, col_max, col_spacing)


class SwedishContext(typer.Context):
    formatter_class = SwedishHelpFormatter


def value_placeholder(param: click.Parameter) -> str | None:
    """The Swedish placeholder for what an option takes (`<text>`, `<heltal>`, `<fil>`,
    `<tabell|json>`), or None: a flag, an argument, or an option that names its own."""
    if not isinstance(param, click.Option) or param.is_flag or param.metavar is not None:
        return None
    kind = param.type
    if isinstance(kind, click.Choice):
        return "<" + "|".join(str(choice) for choice in kind.choices) + ">"
    if isinstance(kind, click.types.IntParamType):
        return "<heltal>"
    if isinstance(kind, click.types.FloatParamType):
        return "<tal>"
    if isinstance(kind, click.Path | click.File):
        return "<fil>"
    if isinstance(kind, click.types.BoolParamType):
        return "<ja/nej>"
    return "<text>"


def _speak_swedish(command: click.Command) -> None:
    """Give `command` and every command under it the Swedish context and placeholders."""
    command.context_class = SwedishContext
    for param in command.params:
        placeholder = value_placeholder(param)
        if placeholder is not None:
            param.metavar = placeholder
    for sub in getattr(command, "commands", {}).values():
        _speak_swedish(sub)


def show_usage_error(error: click.UsageError) -> None:
    """Print `error` the way the framework would, in Swedish, on stderr."""
    if isinstance(error, NoArgsIsHelpError):
        print(error.format_message(), file=sys.stderr)
        return
    ctx = error.ctx
    if ctx is not None:
        print(ctx.get_usage(), file=sys.stderr)
        if ctx.command.get_help_option(ctx) is not None:
            hint = texts.USAGE_HELP_HINT.format(
                command=ctx.command_path, option=ctx.help_option_names[0]
            )
            print(hint + "\n", file=sys.stderr)
    print(texts.USAGE_ERROR_PREFIX + error_words(error.format_message()), file=sys.stderr)


class SwedishGroup(TyperGroup):
    """The root command: Swedish help for the whole tree, usage errors shown in Swedish."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        _speak_swedish(self)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = result if isinstance(result, int) else 0
        except click.UsageError as error:
            show_usage_error(error)
            code = error.exit_code
        except click.ClickException as error:
            print(texts.USAGE_ERROR_PREFIX + error_words(error.format_message()), file=sys.stderr)
            code = error.exit_code
        except click.Abort:
            print(texts.USAGE_ABORTED, file=sys.stderr)
            code = 1
        if standalone_mode:
            sys.exit(code)
        return code
