"""Cells as Excel and LibreOffice write them (issue 16): date and date-time cells, numbers stored as text, and
municipality codes that lost their leading zero."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from stakeholders import load_with_warnings
from stakeholders.problems import DatasetError, Severity
from stakeholders.values import ValueNote, parse_date, parse_date_or_year


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = Workbook()
    book.remove(book.worksheets[0])
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


MUNICIPALITIES = [["id", "name", "population"], ["0180", "Stockholm", "984 748"], ["2480", "Umeå", 130224]]


def test_excel_cells_read_as_their_values(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "region.xlsx",
        {
            "municipalities": MUNICIPALITIES,
            "actors": [["id", "name", "municipalities"], ["a", "A", "2480"], ["b", "B", 2480]],
            "projects": [
                ["id", "name", "owner", "start", "end", "budget"],
                ["p", "P", "a", dt.datetime(2008, 1, 1), dt.date(2009, 12, 31), "1200000"],  # a number as text
                ["q", "Q", "b", "2008-01-01 00:00:00", None, 1500.5],
            ],
            "cooperation": [["source", "target", "since"], ["a", "b", dt.datetime(2007, 5, 1)]],
        },
    )
    dataset, warnings = load_with_warnings(path)
    assert warnings == []
    p, q = dataset.projects["p"], dataset.projects["q"]
    assert (p.start, p.end, p.budget) == (dt.date(2008, 1, 1), dt.date(2009, 12, 31), 1200000)
    assert (q.start, q.budget) == (dt.date(2008, 1, 1), 1500.5)  # midnight: the date, no warning
    assert dataset.municipalities["0180"].population == 984748  # text with a space: a Swedish number
    assert dataset.actors["b"].municipalities == ("2480",)  # a number cell
    assert dataset.cooperations[0].since == "2007-05-01"


def test_a_date_time_is_its_date_with_a_warning(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "region.xlsx",
        {
            "actors": [["id", "name", "municipalities"], ["a", "A", "*"]],
            "projects": [["id", "name", "owner", "start"], ["p", "P", "a", dt.datetime(2008, 3, 1, 14, 30)]],
        },
    )
    dataset, warnings = load_with_warnings(path)
    assert dataset.projects["p"].start == dt.date(2008, 3, 1)
    (warning,) = warnings
    assert warning.severity is Severity.WARNING
    assert (warning.file, warning.row, warning.column, warning.value) == (
        "region.xlsx, sheet projects",
        2,
        "start",
        "2008-03-01 14:30:00",  # tables.cell_text of the cell
    )
    assert "time" in warning.message and "YYYY-MM-DD" in warning.hint


@pytest.mark.parametrize("text", ["2008-03-01 14:30", "2008-03-01T14:30:00", "2008-03-01 9:05"])
def test_date_times_as_csv_holds_them(text: str) -> None:
    with pytest.raises(ValueNote) as noted:
        parse_date(text)
    assert noted.value.value == dt.date(2008, 3, 1)
    with pytest.raises(ValueNote) as noted:
        parse_date_or_year(text)
    assert noted.value.value == "2008-03-01"


@pytest.mark.parametrize("text", ["2008-03-01 25:00", "2008-02-30 10:00", "2008-03-01 10"])
def test_impossible_date_times_are_refused(load_csv, text: str) -> None:
    with pytest.raises(DatasetError, match="not a date"):
        load_csv(actors="id,name\na,A\n", projects=f"id,name,owner,start\np,P,a,{text}\n")


def test_a_code_that_lost_its_leading_zero_is_matched_with_a_warning(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "region.xlsx",
        {
            "municipalities": MUNICIPALITIES,
            "actors": [["id", "name", "municipalities"], ["a", "A", 180], ["b", "B", "180; 2480"]],
            "target_group_sizes": [["target_group", "municipality", "size"], ["nyanlanda", 180, 12]],
        },
    )
    dataset, warnings = load_with_warnings(path)
    assert dataset.actors["a"].municipalities == ("0180",)
    assert dataset.actors["b"].municipalities == ("0180", "2480")
    assert dataset.target_group_sizes[0].municipality == "0180"
    where = [(w.file, w.row, w.column, w.value) for w in warnings]
    assert where == [
        ("region.xlsx, sheet actors", 2, "municipalities", "180"),
        ("region.xlsx, sheet actors", 3, "municipalities", "180"),
        ("region.xlsx, sheet target_group_sizes", 2, "municipality", "180"),
    ]
    assert "0180" in warnings[0].message and "4 digits" in warnings[0].hint


def test_codes_of_different_widths_are_not_padded(load_csv) -> None:
    # 114 and 2480: no one width, so 18 is no code that lost a zero.
    with pytest.raises(DatasetError, match="unknown municipality") as raised:
        load_csv(municipalities="id,name\n114,Upplands Väsby\n2480,Umeå\n", actors="id,name,municipalities\na,A,18\n")
    assert raised.value.problems[0].value == "18"


def test_a_padded_code_must_exist(load_csv) -> None:
    with pytest.raises(DatasetError, match="unknown municipality"):
        load_csv(municipalities="id,name\n0180,Stockholm\n2480,Umeå\n", actors="id,name,municipalities\na,A,181\n")


def test_a_reference_matches_a_municipality_whose_own_code_lost_its_zero(tmp_path: Path) -> None:
    # Excel read the typed 0180 of the municipalities sheet as the number 180; the list cell kept "0180".
    path = workbook(
        tmp_path / "region.xlsx",
        {
            "municipalities": [["id", "name"], [180, "Stockholm"], [2480, "Umeå"]],
            "actors": [["id", "name", "municipalities"], ["a", "A", "0180; 2480"]],
        },
    )
    dataset, warnings = load_with_warnings(path)
    assert dataset.actors["a"].municipalities == ("180", "2480")
    (warning,) = warnings
    assert (warning.file, warning.row, warning.column, warning.value) == (
        "region.xlsx, sheet actors",
        2,
        "municipalities",
        "0180",
    )
    assert "the sheet 'municipalities'" in warning.message
