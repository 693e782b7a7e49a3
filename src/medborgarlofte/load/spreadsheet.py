"""Loading: a spreadsheet someone kept activities in (.xlsx, or CSV as Excel saves it) as rows.

`lofte import insatser` reads what people already have: an Excel sheet, or a Microsoft Forms
or Google Forms export. This turns the file into a header and numbered rows of text cells,
each row numbered as the spreadsheet shows it, so a refused row can be found again. What a
cell means for the log (which column, what value) is `judge/import_rows`'s business.

- `.xlsx` is read with openpyxl in read-only mode and with each formula's cached value
  (`data_only`): lofte never evaluates formula text. A formula cell with no cached value
  (a file written by a program that computes nothing) is marked, and its row refused.
- A CSV is read in any dialect Excel writes: `,` or `;`, UTF-8 with or without BOM, CRLF.
  A file in Windows-1252 (Excel's plain "CSV") is refused with advice to save as CSV UTF-8.
- A file is refused before it is read when it is larger than `MAX_BYTES`, is an encrypted
  (password-protected) workbook or an old `.xls` (both OLE containers, not zip), or is
  neither a workbook nor text.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import field
from datetime import date, datetime, time
from pathlib import Path
from typing import Final

from medborgarlofte.core.frozen import frozen, mutable
from medborgarlofte.core.problems import LofteError, refusal
from medborgarlofte.load.log_dialect import detect_delimiter, first_line, fold_column
from medborgarlofte.load.log_reader import RecordError, records_of

# A sheet of activities is a few thousand rows: 20 MB is far beyond that, and a file
# larger than it is refused before a byte of it is parsed.
MAX_BYTES: Final = 20 * 1024 * 1024
# An .xlsx is a zip: its parts unpacked may be many times the file. Refused beyond this.
MAX_UNPACKED_BYTES: Final = 200 * 1024 * 1024
ZIP_MAGIC: Final = b"PK\x03\x04"
OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx, or an old .xls


@frozen(slots=False)
class SheetRow:
    """One row of a sheet: its number as the spreadsheet shows it, its cells as text, and
    the indices of cells that hold only formula text (no cached value)."""

    number: int
    cells: tuple[str, ...]
    formulas: tuple[int, ...] = ()

    def cell(self, index: int | None) -> str:
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index]


@mutable
class Sheet:
    """A spreadsheet's first row (the header) and the rows below it, blank rows left out."""

    name: str
    header: list[str]
    rows: list[SheetRow] = field(default_factory=list)

    def columns(self) -> dict[str, int]:
        """Folded header name -> index (the first, when a name is there twice)."""
        found: dict[str, int] = {}
        for index, name in enumerate(self.header):
            folded = fold_column(name)
            if folded:
                found.setdefault(folded, index)
        return found


def read_sheet(path: Path, shown: str, sheet_name: str | None = None) -> Sheet:
    """The sheet in the file at `path` (`shown` names it in messages): an .xlsx file's first
    sheet, or the one `sheet_name` names; or a CSV file. Refused (LofteError, exit 1) when
    the file cannot be read as either."""
    try:
        if not path.is_file():
            raise refusal("sheet_missing", file=shown)
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise refusal(
                "sheet_too_large", file=shown, size=_megabytes(size), most=_megabytes(MAX_BYTES)
            )
        with path.open("rb") as handle:
            head = handle.read(8)
    except PermissionError:
        raise refusal("sheet_unreadable", file=shown, reason="filen får inte läsas") from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise refusal("sheet_unreadable", file=shown, reason=reason) from None
    if head.startswith(OLE_MAGIC):
        raise refusal("sheet_encrypted", file=shown)
    if head.startswith(ZIP_MAGIC):
        return _read_xlsx(path, shown, sheet_name)
    if sheet_name is not None:
        raise refusal("sheet_csv_has_no_sheets", file=shown)
    return _read_csv(path, shown)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


# ---- CSV


def _read_csv(path: Path, shown: str) -> Sheet:
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise refusal("sheet_utf16", file=shown)
    if b"\x00" in data:
        raise refusal("sheet_not_a_spreadsheet", file=shown)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            raise refusal("sheet_not_a_spreadsheet", file=shown) from None
        raise refusal("sheet_cp1252", file=shown, line=line) from None
    header_line = first_line(text).rstrip("\r\n")
    if not header_line.strip():
        raise refusal("sheet_no_header", file=shown)
    delimiter = detect_delimiter(header_line)
    try:
        records = list(records_of(text, delimiter))
    except RecordError as error:
        raise refusal("sheet_bad_csv", file=shown, line=error.line, error=error.error) from None
    if not records:
        raise refusal("sheet_no_header", file=shown)
    (_, header), rest = records[0], records[1:]
    rows = [
        SheetRow(number, tuple(cells), _formula_texts(cells))
        for number, cells in rest
        if any(cell.strip() for cell in cells)
    ]
    return Sheet(path.name, _trimmed(header), rows)


# A CSV cell that is a formula's text, not its value: `=SUMMA(A1:A3)`, `=B2*2`, `="x"`.
_FORMULA_TEXT = re.compile(r"=\s*[A-Za-zÅÄÖåäö0-9(\"'$]")


def _formula_texts(cells: list[str]) -> tuple[int, ...]:
    """The indices of cells that hold formula text: a CSV holds no value beside it."""
    return tuple(i for i, cell in enumerate(cells) if _FORMULA_TEXT.match(cell.strip()))


def _trimmed(header: list[str] | tuple[str, ...]) -> list[str]:
    """A header without the empty columns at its end (Excel keeps some)."""
    names = list(header)
    while names and not names[-1].strip():
        names.pop()
    return names


# ---- .xlsx


def _read_xlsx(path: Path, shown: str, sheet_name: str | None) -> Sheet:
    _refuse_zip_bomb(path, shown)
    from openpyxl import load_workbook

    try:
        values = load_workbook(path, read_only=True, data_only=True)
        formulas = load_workbook(path, read_only=True, data_only=False)
    except LofteError:
        raise
    except Exception as error:  # noqa: BLE001 - any reader failure is the file's
        raise refusal("sheet_unreadable", file=shown, reason=_reason(error)) from None
    try:
        name = _sheet_name(values.sheetnames, sheet_name, shown)
        try:
            return _sheet_rows(values[name], formulas[name], name, shown)
        except LofteError:
            raise
        except Exception as error:  # noqa: BLE001 - a broken part of the workbook
            raise refusal("sheet_unreadable", file=shown, reason=_reason(error)) from None
    finally:
        values.close()
        formulas.close()


def _reason(error: Exception) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return f"den kan inte läsas som en Excel-arbetsbok ({text[:120]})"


def _refuse_zip_bomb(path: Path, shown: str) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise refusal("sheet_unreadable", file=shown, reason=_reason(error)) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise refusal(
            "sheet_too_large",
            file=shown,
            size=_megabytes(unpacked),
            most=_megabytes(MAX_UNPACKED_BYTES),
        )


def _sheet_name(names: list[str], wanted: str | None, shown: str) -> str:
    if not names:
        raise refusal("sheet_no_header", file=shown)
    if wanted is None:
        return names[0]
    for name in names:
        if fold_column(name) == fold_column(wanted):
            return name
    raise refusal(
        "sheet_no_such_sheet", file=shown, sheet=wanted, known=", ".join(f"'{n}'" for n in names)
    )


def _sheet_rows(values: object, formulas: object, name: str, shown: str) -> Sheet:
    value_rows = _numbered(values)
    formula_rows = dict(_numbered(formulas))
    header: list[str] | None = None
    rows: list[SheetRow] = []
    for number, cells in value_rows:
        texts = tuple(cell_text(cell) for cell in cells)
        if header is None:
            if any(texts):
                header = _trimmed(texts)
            continue
        raw = formula_rows.get(number, ())
        only_formula = tuple(
            index
            for index, cell in enumerate(cells)
            if cell is None and index < len(raw) and _is_formula(raw[index])
        )
        if any(t.strip() for t in texts) or only_formula:
            rows.append(SheetRow(number, texts, only_formula))
    if header is None:
        raise refusal("sheet_no_header", file=shown)
    return Sheet(name, header, rows)


def _is_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith("=")


def _numbered(worksheet: object) -> Iterator[tuple[int, tuple[object, ...]]]:
    """(row number, cell values) of each row the worksheet's XML holds."""
    for cells in worksheet.iter_rows():  # type: ignore[attr-defined]
        number = next((c.row for c in cells if getattr(c, "row", None)), None)
        if number is None:
            continue
        yield number, _by_column(cells)


def _by_column(cells: tuple[object, ...]) -> tuple[object, ...]:
    """A row's values placed by their column (a read-only row may leave out empty cells)."""
    placed: dict[int, object] = {}
    for cell in cells:
        column = getattr(cell, "column", None)
        if isinstance(column, int):
            placed[column] = getattr(cell, "value", None)
    if not placed:
        return ()
    return tuple(placed.get(c) for c in range(1, max(placed) + 1))


def cell_text(value: object) -> str:
    """A cell's value as the text a log holds: a date as ÅÅÅÅ-MM-DD, a date and time as ISO
    8601, a whole number without decimals (Excel keeps every number as a float)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "SANT" if value else "FALSKT"
    if isinstance(value, datetime):
        if value.time() == time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat(sep="T", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="seconds")
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)
