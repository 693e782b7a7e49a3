"""Loading: the names of the files kept beside a log (comments, corrections, measurements).

Apart from the CSV dialect (`log_dialect`), so that naming a side file, as every command
does to see whether one exists, loads no reader.
"""

from __future__ import annotations

from typing import Final

# The files kept beside a log, by the end of their names: a promise file's stem may never
# end so, or its log would be another period's side file (docs/felkoder.md, E101).
COMMENT_SUFFIX: Final = ".kommentarer.csv"
CORRECTIONS_SUFFIX: Final = ".rattelser.csv"
MEASUREMENT_SUFFIX: Final = ".matningar.csv"
SIDE_FILE_SUFFIXES: Final = (COMMENT_SUFFIX, CORRECTIONS_SUFFIX, MEASUREMENT_SUFFIX)


def beside_log(log_rel: str, suffix: str) -> str:
    """A file kept beside a log (comments, corrections, measurements), repo-relative:
    `logs/2019.csv` with `.kommentarer.csv` is `logs/2019.kommentarer.csv`."""
    return log_rel.removesuffix(".csv") + suffix
