"""Cells of lists of operations: dates, amounts, partner cells, ids."""

from __future__ import annotations

import datetime as dt

import pytest

from stakeholders.importers.cells import last_segment, parse_amount, parse_list_date, slug, split_partners
from stakeholders.values import ValueProblem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24.04.2014", dt.date(2014, 4, 24)),  # the Danish list
        ("24/04/2014", dt.date(2014, 4, 24)),  # Kohesio
        ("1/3/2016", dt.date(2016, 3, 1)),
        ("2014-04-24", dt.date(2014, 4, 24)),
        ("24/04/2014 00:00:00", dt.date(2014, 4, 24)),
        ("2014-04-24T00:00:00Z", dt.date(2014, 4, 24)),
    ],
)
def test_dates_as_lists_write_them(text: str, expected: dt.date) -> None:
    assert parse_list_date(text) == expected


@pytest.mark.parametrize("text", ["2023-02-30", "30/02/2023", "31.04.2016", "2014", "i våras", "13/13/2013"])
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueProblem):
        parse_list_date(text)


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("15.414.794", 15414794, ""),  # the Danish list
        ("7.500", 7500, ""),  # one point and three digits: thousands
        ("1 200 000", 1200000, ""),
        ("1\u00a0200\u00a0000", 1200000, ""),  # Excel's non-breaking space
        ("1,200,000.50", 1200000.5, ""),
        ("1.200.000,50", 1200000.5, ""),
        ("1200000.50", 1200000.5, ""),
        ("1 500,50", 1500.5, ""),
        ("1,5", 1.5, ""),
        ("EUR 200 000", 200000, "EUR"),
        ("200 000 €", 200000, "EUR"),
        ("1 500 000 kr", 1500000, ""),
        ("250000 SEK", 250000, "SEK"),
        ("DKK 15.414.794", 15414794, "DKK"),
    ],
)
def test_amounts_in_local_formats(text: str, amount: float, currency: str) -> None:
    assert parse_amount(text) == (amount, currency)


@pytest.mark.parametrize("text", ["-5", "−5", "abc", "1e6", "1.200.000,50.3"])
def test_bad_amounts_are_refused(text: str) -> None:
    with pytest.raises(ValueProblem):
        parse_amount(text)


def test_partner_cells_split_on_sentence_ends_lines_and_semicolons() -> None:
    cell = "Udviklingsråd Sønderjylland (URS).\nUdvikling Fyn A/S.\nMadværket "  # the Danish list
    assert split_partners(cell) == ["Udviklingsråd Sønderjylland (URS)", "Udvikling Fyn A/S", "Madværket"]
    assert split_partners("A AB; B AB;;C") == ["A AB", "B AB", "C"]
    assert split_partners("Bryggeriet S.C. Fuglsang A/S") == ["Bryggeriet S.C. Fuglsang A/S"]
    assert split_partners("Foreningen F.M.B.A.\nX") == ["Foreningen F.M.B.A.", "X"]
    assert split_partners("Frederikshavn Kommune.\nFrederikshavn Kommune") == ["Frederikshavn Kommune"]
    assert split_partners("") == []


def test_ids() -> None:
    assert slug("Væksthus Nordjylland") == "vaeksthus-nordjylland"
    assert slug("Umeå kommun") == "umea-kommun"
    assert slug("!!!") == "x"
    assert last_segment("https://kohesio.ec.europa.eu/sv/projects/Q123/") == "Q123"
    assert last_segment("2014SE16RFOP008-1") == "2014SE16RFOP008-1"
