"""Loading: a saved Kolada API v2 data response (JSON) to plain values, or a clear refusal.

Kolada (kolada.se) publishes municipal key figures; its API v2 answers a data query with
`{"values": [{"kpi", "municipality", "period", "values": [{"gender", "value", …}]}]}`,
one entry per kommun and year, each with a value per gender (T totalt, K kvinnor, M män).
lofte never fetches it: the user saves the response and `lofte import kolada` reads it.

The file is parsed with `json` alone (nothing in it can run code), numbers as Decimals so a
value is kept exactly as Kolada wrote it.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

from medborgarlofte.core.frozen import frozen
from medborgarlofte.core.problems import LofteError
from medborgarlofte.core.svformat import parse_decimal
from medborgarlofte.core.texts import KOLADA_TEXTS as TEXTS

MAX_KOLADA_BYTES = 50 * 1024 * 1024  # a whole KPI for every kommun and year is a few MB
GENDERS = ("T", "K", "M")
# A number's size is checked on its text, before it is parsed: `1e999999` took 13-43 s and
# 2 GB to write out as a measurement, and `1e99999999999` crashed. Kolada's values have a
# handful of digits; a measurement holds 15 before the decimal sign and 10 after.
MAX_NUMBER_DIGITS = 25
MAX_EXPONENT = 25
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|-?[0-9][0-9.eE+-]*')


class _Unbounded(ValueError):
    """A number in the JSON text too long to parse: its text, as written."""

    def __init__(self, literal: str) -> None:
        super().__init__(literal)
        self.literal = literal


def bounded_number(literal: str) -> Decimal:
    """The Decimal a JSON number's text names, refused (`_Unbounded`) before it is parsed
    when it has more than MAX_NUMBER_DIGITS digits or an exponent past ±MAX_EXPONENT."""
    mantissa, _, exponent = literal.lower().partition("e")
    digits = sum(char.isdigit() for char in mantissa)
    exponent_digits = exponent.lstrip("+-")
    if digits > MAX_NUMBER_DIGITS or len(exponent_digits) > 3:
        raise _Unbounded(literal)
    if exponent_digits and int(exponent_digits) > MAX_EXPONENT:
        raise _Unbounded(literal)
    return Decimal(literal)


def _line_of(text: str, literal: str) -> int:
    """The line where the number `literal` first stands (not inside a string) in `text`."""
    for match in _JSON_TOKEN.finditer(text):
        if match.group() == literal:
            return text.count("\n", 0, match.start()) + 1
    return 1


@frozen
class KoladaValue:
    kpi: str
    municipality: str
    year: int
    gender: str
    value: Decimal | None  # None: Kolada has no value (null)


def _refuse(name: str, why: str, **fields: object) -> LofteError:
    """The refusal of a file that is not a Kolada response; `why` names a KOLADA_TEXTS entry."""
    return LofteError(TEXTS["not_kolada"].format(name=name, why=TEXTS[why].format(**fields)))


def _no_constants(name: str) -> None:
    raise ValueError(TEXTS["json_constant"].format(name=name))


def parse_kolada(text: str, name: str) -> list[KoladaValue]:
    """Every (kommun, year, gender) value of a Kolada v2 data response; LofteError (exit 1)
    for anything that is not that shape, naming what is wrong."""
    try:
        data = json.loads(
            text, parse_float=bounded_number, parse_int=bounded_number, parse_constant=_no_constants
        )
    except _Unbounded as unbounded:
        shown = unbounded.literal if len(unbounded.literal) <= 30 else unbounded.literal[:30] + "…"
        raise LofteError(
            TEXTS["number_too_long"].format(
                name=name,
                line=_line_of(text, unbounded.literal),
                number=shown,
                digits=MAX_NUMBER_DIGITS,
                exponent=MAX_EXPONENT,
            )
        ) from None
    except (ValueError, RecursionError) as error:
        raise _refuse(name, "bad_json", detail=error) from None
    if not isinstance(data, dict) or not isinstance(data.get("values"), list):
        raise _refuse(name, "no_values")
    found: list[KoladaValue] = []
    for index, entry in enumerate(data["values"], start=1):
        if not isinstance(entry, dict):
            raise _refuse(name, "entry_not_object", index=index)
        kpi, municipality, period = entry.get("kpi"), entry.get("municipality"), entry.get("period")
        if not isinstance(kpi, str) or not isinstance(municipality, str):
            raise _refuse(name, "entry_no_ids", index=index)
        year = _year(period)
        if year is None:
            raise _refuse(name, "entry_no_period", index=index)
        values = entry.get("values")
        if not isinstance(values, list):
            raise _refuse(name, "entry_no_list", index=index)
        for value_entry in values:
            if not isinstance(value_entry, dict) or value_entry.get("gender") not in GENDERS:
                raise _refuse(name, "entry_bad_gender", index=index)
            value = value_entry.get("value")
            if value is not None and not _measurable(value):
                raise _refuse(name, "entry_bad_value", index=index)
            found.append(
                KoladaValue(kpi.strip(), municipality.strip(), year, value_entry["gender"], value)
            )
    return found


def _measurable(value: object) -> bool:
    """A number that a measurements file can hold as written (see svformat.parse_decimal)."""
    return isinstance(value, Decimal) and parse_decimal(f"{value:f}") is not None


def _year(period: object) -> int | None:
    if isinstance(period, Decimal) and period == period.to_integral_value():
        year = int(period)
    elif isinstance(period, str) and re.fullmatch(r"[0-9]{4}", period.strip()):
        # Four digits, checked before int() is asked: a text of 5,000 digits made int()
        # raise past Python's 4,300-digit limit.
        year = int(period.strip())
    else:
        return None
    return year if 1900 <= year <= 2200 else None


def read_kolada_file(path: Path, shown: str) -> list[KoladaValue]:
    """Read and parse the saved response at `path` (`shown` names it in messages)."""
    try:
        if not path.is_file():
            raise LofteError(TEXTS["missing_file"].format(name=shown))
        if path.stat().st_size > MAX_KOLADA_BYTES:
            raise _refuse(shown, "too_big")
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refuse(shown, "not_utf8") from None
    except OSError as error:
        detail = error.strerror or error
        raise LofteError(TEXTS["unreadable"].format(name=shown, detail=detail)) from None
    return parse_kolada(text, shown)
