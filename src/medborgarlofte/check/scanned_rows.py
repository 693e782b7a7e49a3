"""A log's raw rows with the warnings a raw row can carry, found as the rows stream by.

`lofte check` reads every log through `ScannedRows` (the reference path) or through the
block reader in `check_blocks`, which must find exactly what this finds: personnummer and
samordningsnummer (W001), cells Excel would run as a formula (W002), exact duplicate rows
(W003, see duplicates.py).
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Callable, Iterator

from medborgarlofte.check.duplicates import RowHashes
from medborgarlofte.core.problems import Problem, problem
from medborgarlofte.load.log_dialect import FORMULA_STARTS, cell_warnings, fold_column
from medborgarlofte.load.log_file import LogRows

# Cells are joined with NUL to look at a row at once: LogRows drops rows holding NUL, so the
# join is unambiguous (it doubles as the row's identity for the duplicate check). A cell
# start of = + - @ is a formula in Excel; six digits in a row is the personnummer
# pre-filter, searched only in the free-text cells since dates and timestamps are full of
# digits that would make every row a suspect (and the search slow).
SEPARATOR = "\x00"
_FORMULA_CELL = re.compile("\x00[-=+@]")
_SIX_DIGITS = re.compile("[0-9][0-9][0-9][0-9][0-9][0-9]")  # spelt out: re scans faster


class ScannedRows(LogRows):
    """A log's raw rows, with the warnings a raw row can carry found as the rows stream by:
    personnummer/samordningsnummer (W001), formula cells (W002), exact duplicates (W003).

    Per row this costs two joins, a hash and two C-level searches; a cell is looked at one
    by one only when a search hits, which in a clean log is never.
    """

    # A row's identity for the duplicate check, from its cells joined by NUL.
    row_hash: Callable[[str], int] = hash

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        hashes = RowHashes()
        yield from self.scanned(super().__iter__(), hashes)
        self.problems.extend(
            problem("W003", self.rel, line, first_line=first_line)
            for line, first_line in hashes.found()
        )

    def scanned(
        self, rows: Iterator[tuple[int, list[str]]], hashes: RowHashes
    ) -> Iterator[tuple[int, list[str]]]:
        """`rows` as they are, each row's hash added to `hashes` and its W001/W002 found."""
        first = next(rows, None)
        if first is None:
            return
        add_hash = hashes.add
        row_hash = self.row_hash
        join = SEPARATOR.join
        formula = _FORMULA_CELL.search
        digits = _SIX_DIGITS.search
        free_text = self._free_text()
        for line, row in itertools.chain((first,), rows):
            joined = join(row)
            add_hash(row_hash(joined), line)
            try:
                text = join(free_text(row))
            except IndexError:  # a short row: its missing cells are empty
                text = joined
            if formula(joined) or joined.startswith(FORMULA_STARTS) or digits(text):
                self.problems.extend(self._cell_warnings(line, row))
            yield line, row

    def _free_text(self) -> Callable[[list[str]], tuple[str, ...]]:
        """Picks the cells where a personnummer could hide: all but the fixed-format ones."""
        fixed = self.kind.fixed_format
        indices = [i for i, name in enumerate(self.header) if fold_column(name) not in fixed]
        if len(indices) == 1:
            only = indices[0]
            return lambda row: (row[only],)
        if not indices:
            return lambda row: ()
        return operator.itemgetter(*indices)

    def _cell_warnings(self, line: int, row: list[str]) -> list[Problem]:
        return cell_warnings(self.rel, line, self.header, row, self.kind)
