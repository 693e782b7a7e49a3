"""Tests for the personnummer/samordningsnummer detector behind check's warning and every
writer's refusal: any check digit, `-`, `+`, one space or nothing before the last four."""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medborgarlofte.core.personnummer import (
    PersonalNumberKind,
    PersonalNumberMatch,
    find_personal_numbers,
    may_contain_personal_number,
)


def luhn_is_valid(number: str) -> bool:
    """Textbook Luhn over a whole digit string: double every second digit from the right."""
    total = 0
    for index, char in enumerate(reversed(number)):
        value = int(char) * (2 if index % 2 == 1 else 1)
        total += sum(int(d) for d in str(value))
    return total % 10 == 0


def with_check_digit(nine_digits: str) -> str:
    """The ten-digit number whose last digit makes ``nine_digits`` pass Luhn."""
    return next(nine_digits + str(d) for d in range(10) if luhn_is_valid(nine_digits + str(d)))


def wrong_check_digit(nine_digits: str) -> str:
    right = with_check_digit(nine_digits)
    return nine_digits + str((int(right[-1]) + 1) % 10)


def kinds_and_texts(text: str) -> list[tuple[str, str]]:
    return [(m.kind, m.text) for m in find_personal_numbers(text)]


def test_the_hard_coded_test_numbers_really_pass_luhn() -> None:
    assert luhn_is_valid("8112189876")
    assert luhn_is_valid("7010632391")
    # Kalix kommun's organisation number passes Luhn too: only its month 20 stops it.
    assert luhn_is_valid("2120002411")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("811218-9876", [("personnummer", "811218-9876")]),
        ("8112189876", [("personnummer", "8112189876")]),
        ("811218 9876", [("personnummer", "811218 9876")]),
        ("811218-9877", [("personnummer", "811218-9877")]),  # a mistyped check digit
        # The examples a user tried: all were saved before, none passes Luhn but one.
        ("ungdom 900312 4410", [("personnummer", "900312 4410")]),
        ("900312-4417", [("personnummer", "900312-4417")]),
        ("19900312-4417", [("personnummer", "19900312-4417")]),
        ("9003124417", [("personnummer", "9003124417")]),
        ("19900312 4417", [("personnummer", "19900312 4417")]),
        # A mobile number written without separators forms a date (2007-01-23): the safe
        # side reports it, and --inte-personnummer lets it through.
        ("0701234567", [("personnummer", "0701234567")]),
        ("811218+9876", [("personnummer", "811218+9876")]),
        ("19811218-9876", [("personnummer", "19811218-9876")]),
        ("198112189876", [("personnummer", "198112189876")]),
        ("701063-2391", [("samordningsnummer", "701063-2391")]),
        ("197010632391", [("samordningsnummer", "197010632391")]),
        ("ring 811218-9876 imorgon", [("personnummer", "811218-9876")]),
        ("pnr:811218-9876.", [("personnummer", "811218-9876")]),
        ("(811218-9876)", [("personnummer", "811218-9876")]),
        ('"811218-9876",', [("personnummer", "811218-9876")]),
        (
            "811218-9876 och 701063-2391",
            [("personnummer", "811218-9876"), ("samordningsnummer", "701063-2391")],
        ),
    ],
)
def test_finds_personal_numbers(text: str, expected: list[tuple[str, str]]) -> None:
    assert kinds_and_texts(text) == expected


def test_match_carries_its_position() -> None:
    text = "ring 811218-9876 imorgon"
    assert find_personal_numbers(text) == [
        PersonalNumberMatch(start=5, end=16, kind="personnummer", text="811218-9876")
    ]
    assert text[5:16] == "811218-9876"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "trygghetsvandring i centrum",
        "1234567890",  # an ordinary number: month 56
        "2019-06-30",
        "20190630",
        "070-123 45 67",
        "0923-65000",
        "+46701234567",
        "952 31 Kalix",
        "95231",
        "212000-2411",  # Kalix kommun's organisation number: month 20
        "2120002411",
        "16212000-2411",  # organisation number written with the 16 prefix
        "811218-987",
        "811218--9876",
        "811218  9876",  # two spaces: no longer one number
        "811218 - 9876",
        "811218\t9876",
        "811218\n9876",
        "8112189876543",
        "10811218987612",  # a 14-digit number holding a valid 12-digit one
        "4198112189876",
        "98112189876",
        "811218-98761",
        "1811218-9876",
        "abc811218-9876",
        "811218-9876abc",
        "x_811218-9876",
        "ärende811218-9876",
        "ä811218-9876",
        "811218-9876ö",
        "Ω811218-9876",
        "0,8112189876",
        "8112189876,5",
        "17811218-9876",  # century 17
        "21811218-9876",  # century 21
    ],
)
def test_rejects(text: str) -> None:
    assert find_personal_numbers(text) == []


@pytest.mark.parametrize(
    "nine_digits",
    [
        "811232987",  # day 32
        "811318987",  # month 13
        "811300987",  # month 13, day 0
        "810018987",  # month 0
        "811200987",  # day 0
        "810231987",  # 31 February
        "810431987",  # 31 April
        "810229987",  # 29 February 1981 and 2081: neither a leap year
        "811292987",  # samordningsnummer day 92 = 32
        "811260987",  # day 60: neither a day nor a samordningsnummer
    ],
)
def test_rejects_impossible_dates_even_with_a_valid_check_digit(nine_digits: str) -> None:
    number = with_check_digit(nine_digits)
    assert find_personal_numbers(number) == []
    assert find_personal_numbers(number[:6] + "-" + number[6:]) == []


def test_leap_day_needs_a_leap_year() -> None:
    leap_2019 = with_check_digit("190229123")
    assert find_personal_numbers("2019" + leap_2019[2:]) == []
    assert find_personal_numbers("2019" + leap_2019[2:6] + "-" + leap_2019[6:]) == []

    leap_2020 = with_check_digit("200229123")
    assert kinds_and_texts("20" + leap_2020) == [("personnummer", "20" + leap_2020)]
    # Ten digits: 1920 and 2020 are both leap years.
    assert kinds_and_texts(leap_2020) == [("personnummer", leap_2020)]

    # 00-02-29 exists in 2000 but not in 1900.
    leap_00 = with_check_digit("000229123")
    assert kinds_and_texts(leap_00) == [("personnummer", leap_00)]
    assert kinds_and_texts("20" + leap_00) == [("personnummer", "20" + leap_00)]
    assert find_personal_numbers("19" + leap_00) == []
    # With "+" the holder is 100 or older: 1900 or 1800, neither a leap year.
    assert find_personal_numbers(leap_00[:6] + "+" + leap_00[6:]) == []


def test_samordningsnummer_on_the_last_day_of_a_month() -> None:
    number = with_check_digit("810191123")  # 31 January + 60
    assert kinds_and_texts(number) == [("samordningsnummer", number)]
    number = with_check_digit("810291123")  # 31 February + 60
    assert find_personal_numbers(number) == []


def test_a_wrong_check_digit_is_still_found_in_every_form() -> None:
    number = wrong_check_digit("811218987")
    for text in (
        number,
        number[:6] + "-" + number[6:],
        number[:6] + "+" + number[6:],
        number[:6] + " " + number[6:],
        "19" + number,
        "19" + number[:6] + " " + number[6:],
    ):
        assert [m.text for m in find_personal_numbers(text)] == [text]


# Things that are NOT personnummer and must pass: what a log really holds.
NOT_PERSONAL_NUMBERS = [
    "070-123 45 67",
    "070-1234567",
    "070 123 45 67",
    "0923-123 45",
    "0923-12345",
    "08-123 456 78",
    "+46 70 123 45 67",
    "+46701234567",
    "0046 70 123 45 67",
    "952 31 Kalix, Storgatan 12",
    "Storgatan 12, 952 31 Kalix",
    "95231 Kalix",
    "2019-03-12 14:10",
    "2019-03-12 14:10:00",
    "2019-03-12T14:10:00+01:00",
    "12/3 2019 kl 14.10",
    "ordernr 4500123456",
    "order 2019-123456",
    "ärende A123-456789",
    "diarienummer KS 2019/1234",
    "faktura 1234567890",
    "organisationsnummer 212000-2411",
    "Kalix kommun 16212000-2411",
    "bankgiro 5050-1055",
    "plusgiro 90 20 01-0",
    "IBAN SE45 5000 0000 0583 9825 7466",
    "koordinater 65.8557, 23.1364",
    "kostnad 12 500 kr",
    "1 000 000 kronor",
    "vecka 11, 2019",
    "registreringsnummer ABC 123",
]


@pytest.mark.parametrize("text", NOT_PERSONAL_NUMBERS)
def test_what_is_not_a_personnummer_passes(text: str) -> None:
    assert find_personal_numbers(text) == []


def test_prefilter() -> None:
    assert may_contain_personal_number("ring 811218-9876 imorgon")
    assert may_contain_personal_number("8112189876")
    assert not may_contain_personal_number("")
    assert not may_contain_personal_number("81121-89876")
    assert not may_contain_personal_number("070-123 45 67")
    assert not may_contain_personal_number("2019-06-30 trygghetsvandring i centrum")


@st.composite
def valid_numbers(draw: st.DrawFn) -> tuple[str, PersonalNumberKind]:
    """A number in one of the accepted written forms, with ANY check digit, and its kind."""
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
    samordning = draw(st.booleans())
    day = born.day + (60 if samordning else 0)
    serial = draw(st.integers(min_value=0, max_value=9999))
    ten = f"{born:%y%m}{day:02d}{serial:04d}"
    form = draw(st.sampled_from(["10", "10-", "10+", "10 ", "12", "12-", "12 ", "12+"]))
    if form == "12+" and born.year < 2000:
        form = "12-"  # "+" with the century written marks nothing more
    elif form == "12+":
        form = "12"
    century = f"{born.year // 100:02d}"
    if form == "10+" and born.year >= 2000 and (born.month, born.day) == (2, 29):
        # Only 2000 has this leap day, and "+" says the holder was born a century earlier.
        form = "10-"
    if form.startswith("12"):
        ten = century + ten
    if form.endswith(("-", "+", " ")):
        ten = ten[:-4] + form[-1] + ten[-4:]
    kind: PersonalNumberKind = "samordningsnummer" if samordning else "personnummer"
    return ten, kind


# Generation's speed depends on how busy the machine is, not on the code: no timing here.
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    number_and_kind=valid_numbers(),
    before=st.sampled_from(["", " ", "pnr ", "(", "nr:", "\n", "ring ", "ungdom "]),
    after=st.sampled_from(["", " ", ".", ")", ", imorgon", "\n", " ringde"]),
)
def test_valid_numbers_are_found(
    number_and_kind: tuple[str, PersonalNumberKind], before: str, after: str
) -> None:
    number, kind = number_and_kind
    text = before + number + after
    assert find_personal_numbers(text) == [
        PersonalNumberMatch(len(before), len(before) + len(number), kind, number)
    ]


@given(st.text())
def test_any_text_is_safe(text: str) -> None:
    matches = find_personal_numbers(text)
    if matches:
        assert may_contain_personal_number(text)
    for match in matches:
        assert text[match.start : match.end] == match.text
        assert_is_a_dated_number(match)


def assert_is_a_dated_number(match: PersonalNumberMatch) -> None:
    """The reference rule, written out apart from the detector: 10 or 12 digits, at most one
    separator before the last four, and a real date (day + 60: samordningsnummer)."""
    text = match.text
    body, tail = text[:-4], text[-4:]
    if body[-1] in "-+ ":
        body = body[:-1]
    assert body.isdigit() and tail.isdigit() and len(body) in (6, 8)
    yymmdd = body[-6:]
    day = int(yymmdd[4:])
    kind = "samordningsnummer" if day > 60 else "personnummer"
    assert match.kind == kind
    day -= 60 if day > 60 else 0
    centuries = [int(body[:2])] if len(body) == 8 else [18, 19, 20]
    years = [c * 100 + int(yymmdd[:2]) for c in centuries]
    assert any(_is_date(y, int(yymmdd[2:4]), day) for y in years)


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


@given(st.text(alphabet="0123456789-+ ,.aZ", max_size=40))
def test_digit_heavy_text_is_safe(text: str) -> None:
    for match in find_personal_numbers(text):
        assert text[match.start : match.end] == match.text
        assert_is_a_dated_number(match)


@given(
    born=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    samordning=st.booleans(),
    serial=st.integers(min_value=0, max_value=999),
    check=st.integers(min_value=0, max_value=9),
    separator=st.sampled_from(["", "-", "+", " "]),
    century=st.booleans(),
)
def test_every_date_separator_and_check_digit_is_found(
    born: date, samordning: bool, serial: int, check: int, separator: str, century: bool
) -> None:
    day = born.day + (60 if samordning else 0)
    if separator == "+" and (born.month, born.day) == (2, 29) and born.year % 400 == 0:
        separator = "-"  # "+" says 100 years earlier: 1900 and 1800 had no 29 February
    head = f"{born.year // 100 if century else ''}{born:%y%m}{day:02d}"
    number = f"{head}{separator}{serial:03d}{check}"
    found = find_personal_numbers(f"ungdom {number} ringde")
    assert [(m.text, m.kind) for m in found] == [
        (number, "samordningsnummer" if samordning else "personnummer")
    ]


def test_every_day_of_a_leap_year_is_found() -> None:
    for month in range(1, 13):
        for day in range(1, calendar.monthrange(2024, month)[1] + 1):
            number = with_check_digit(f"24{month:02d}{day:02d}123")
            assert kinds_and_texts("20" + number) == [("personnummer", "20" + number)]
