"""Cell parsing: numbers as Swedes write them, dates, years, lists, sectors, strengths."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stakeholders.schema import Sector
from stakeholders.values import (
    ValueProblem,
    parse_date,
    parse_date_or_year,
    parse_integer,
    parse_list,
    parse_number,
    parse_sector,
    parse_strength,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("200000", 200000),
        ("200 000", 200000),
        ("200\u00a0000", 200000),  # Excel's non-breaking space
        ("200\u202f000", 200000),  # narrow no-break space
        ("1 500,50", 1500.5),
        ("1500.50", 1500.5),
        ("1,500.50", 1500.5),
        ("1.500,50", 1500.5),
        ("1.500.000", 1500000),
        ("1,500,000", 1500000),
        ("200000 kr", 200000),
        ("200 000 kr", 200000),
        ("200 000 kronor", 200000),
        ("200000 SEK", 200000),
        ("200000:-", 200000),
        ("0", 0),
        ("0,5", 0.5),
    ],
)
def test_swedish_and_plain_numbers(text: str, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["abc", "12 apples", "1e6", "--5", "kr", "١٢", "12-3", "nan", "inf", "1,2,3.4.5"])
def test_unparsable_numbers_are_refused_with_a_hint(text: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_number(text)
    assert caught.value.message == "not a number"
    assert "200 000" in caught.value.hint


@pytest.mark.parametrize("text", ["-5", "-200 000", "\u22125", "-1,5 kr"])
def test_negative_numbers_are_refused(text: str) -> None:
    with pytest.raises(ValueProblem, match="negative"):
        parse_number(text)


@given(st.integers(min_value=0, max_value=10**12))
def test_any_grouped_integer_round_trips(number: int) -> None:
    grouped = f"{number:,}".replace(",", " ")
    assert parse_number(grouped) == number
    assert parse_integer(grouped) == number
    assert parse_number(f"{grouped} kr") == number


def test_integers_must_be_whole() -> None:
    assert parse_integer("1 200") == 1200
    assert parse_integer("1200,0") == 1200
    with pytest.raises(ValueProblem, match="whole number"):
        parse_integer("2,5")


def test_dates() -> None:
    assert parse_date("2008-03-01") == dt.date(2008, 3, 1)
    for bad in ("2008-02-30", "2008-3-1", "01/03/2008", "1 mars 2008", "2008"):
        with pytest.raises(ValueProblem, match="not a date") as caught:
            parse_date(bad)
        assert "YYYY-MM-DD" in caught.value.hint


def test_date_or_year() -> None:
    assert parse_date_or_year("2007") == "2007"
    assert parse_date_or_year("2007-03-01") == "2007-03-01"
    with pytest.raises(ValueProblem, match="not a date or a year"):
        parse_date_or_year("last spring")


def test_lists_split_on_semicolons_and_ignore_spaces_and_empty_items() -> None:
    assert parse_list(" Entreprenörskap ;Yrkesutbildning;; ") == ("Entreprenörskap", "Yrkesutbildning")
    assert parse_list("one, with comma") == ("one, with comma",)


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("public", Sector.PUBLIC),
        ("Offentlig", Sector.PUBLIC),
        ("privat", Sector.PRIVATE),
        ("PRIVATE", Sector.PRIVATE),
        ("ideell", Sector.CIVIL),
        ("civil", Sector.CIVIL),
        ("akademisk", Sector.ACADEMIC),
        (" academic ", Sector.ACADEMIC),
    ],
)
def test_sectors_in_english_and_swedish(text: str, sector: Sector) -> None:
    assert parse_sector(text) is sector


def test_unknown_sector_hint_lists_the_choices() -> None:
    with pytest.raises(ValueProblem, match="unknown sector") as caught:
        parse_sector("kommunal")
    assert "public, private, civil or academic" in caught.value.hint


@pytest.mark.parametrize("text", ["0", "4", "1,5", "strong", "-1"])
def test_strength_outside_one_to_three(text: str) -> None:
    with pytest.raises(ValueProblem, match="from 1 to 3"):
        parse_strength(text)


def test_strength_inside_one_to_three() -> None:
    assert [parse_strength(t) for t in ("1", "2", "3", "3,0")] == [1, 2, 3, 3]


@pytest.mark.parametrize("text", ["1" * 310, "1" * 16 + ",5", "1 000 000 000 000 001", "9" * 400 + " kr"])
def test_numbers_beyond_the_documented_range_are_refused(text: str) -> None:
    """A budget of 310 digits was read as infinity: validated, then broke the map and the JSON export."""
    with pytest.raises(ValueProblem, match="too large") as caught:
        parse_number(text)
    assert "1 000 000 000 000 000" in caught.value.hint


def test_the_largest_number_is_taken() -> None:
    from stakeholders.values import MAX_NUMBER

    assert parse_number("1 000 000 000 000 000") == MAX_NUMBER
    assert parse_integer(str(MAX_NUMBER)) == MAX_NUMBER
