"""Reading files as Swedish Excel and scripts write them: encodings, delimiters, quotes, workbooks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from stakeholders import DatasetError, load_dataset
from stakeholders.tables import cell_text, column_letter, decode, parse_csv, read_tables, sniff_delimiter

ROWS = [
    ["id", "name", "sector", "municipalities", "description"],
    ["ume-kfum", "KFUM Umeå", "ideell", "Umeå; Vännäs", "Öppen verksamhet för unga"],
    ["ark", "Arbetsförmedlingen Skellefteå", "offentlig", "Skellefteå", "Åtgärder; praktik, coachning"],
]


def csv_text(rows: list[list[str]], delimiter: str, newline: str = "\n") -> str:
    def cell(value: str) -> str:
        if any(c in value for c in (delimiter, '"', "\n", ",", ";")):
            return '"' + value.replace('"', '""') + '"'
        return value

    return "".join(delimiter.join(cell(v) for v in row) + newline for row in rows)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_encodings_and_delimiters(write_dataset, encoding: str, delimiter: str, newline: str) -> None:
    folder = write_dataset(encoding=encoding, actors=csv_text(ROWS, delimiter, newline))
    dataset = load_dataset(folder)
    kfum = dataset.actors["ume-kfum"]
    assert kfum.name == "KFUM Umeå"
    assert kfum.municipalities == ("Umeå", "Vännäs")
    assert kfum.description == "Öppen verksamhet för unga"
    assert dataset.actors["ark"].description == "Åtgärder; praktik, coachning"
    assert set(dataset.municipalities) == {"Umeå", "Vännäs", "Skellefteå"}


def test_quoted_cells_with_newlines_keep_spreadsheet_row_numbers(write_dataset) -> None:
    text = 'id,name,description\na,A,"two\nlines"\nb,B,"three\r\nlines\nhere"\nc,C,\nc,D,\n'
    with pytest.raises(DatasetError) as caught:
        load_dataset(write_dataset(actors=text))
    (error,) = caught.value.errors
    assert (error.row, error.column, error.value) == (5, "id", "c")  # records, not lines, are rows
    dataset = load_dataset(write_dataset(actors=text.replace("c,D", "d,D")))
    assert dataset.actors["b"].description == "three\r\nlines\nhere"


def test_trailing_empty_rows_and_columns_are_ignored(write_dataset) -> None:
    text = "id;name;;;\na;A;;;\n;;;;\nb;B;;;\n;;;;\n\n\n"
    dataset = load_dataset(write_dataset(actors=text))
    assert list(dataset.actors) == ["a", "b"]


def test_header_names_are_trimmed_and_case_insensitive(write_dataset) -> None:
    dataset = load_dataset(write_dataset(actors=" ID , Name ,Sector\na,A,public\n"))
    assert dataset.actors["a"].sector == "public"


def test_short_rows_are_padded(write_dataset) -> None:
    dataset = load_dataset(write_dataset(actors="id,name,type,website\na,A\n"))
    assert dataset.actors["a"].type == ""


def test_a_value_right_of_the_last_named_column_is_an_error(write_dataset) -> None:
    with pytest.raises(DatasetError) as caught:
        load_dataset(write_dataset(actors="id,name\na,A\nb,B,stray\n"))
    (error,) = caught.value.errors
    assert (error.file, error.row, error.value) == ("actors.csv", 3, "stray")
    assert "column C" in error.message


def test_a_nameless_column_is_ignored_while_empty_and_an_error_when_filled(write_dataset) -> None:
    assert load_dataset(write_dataset(actors="id,,name\na,,A\n")).actors["a"].name == "A"
    with pytest.raises(DatasetError) as caught:
        load_dataset(write_dataset(folder="other", actors="id,,name\na,x,A\n"))
    (error,) = caught.value.errors
    assert (error.row, error.column, error.value) == (2, "B", "x")
    assert "no name" in error.message


def test_a_column_named_twice_is_an_error(write_dataset) -> None:
    with pytest.raises(DatasetError) as caught:
        load_dataset(write_dataset(actors="id,name,Name\na,A,B\n"))
    (error,) = caught.value.errors
    assert (error.file, error.row, error.column) == ("actors.csv", 1, "name")


def test_file_names_are_case_insensitive_and_unknown_files_ignored(tmp_path: Path) -> None:
    (tmp_path / "Actors.CSV").write_text("id,name\na,A\n", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("anything at all\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# hello\n", encoding="utf-8")
    assert list(load_dataset(tmp_path).actors) == ["a"]


def test_sniff_delimiter_prefers_the_one_that_splits_the_header() -> None:
    assert sniff_delimiter("id;name;type\na;A, with comma;x\n") == ";"
    assert sniff_delimiter("id,name\n") == ","
    assert sniff_delimiter("id\tname\n") == "\t"
    assert sniff_delimiter('"id;x",name,type\n') == ","
    assert sniff_delimiter("id\n") == ","


def test_decode() -> None:
    assert decode("Umeå".encode()) == "Umeå"
    assert decode(b"\xef\xbb\xbf" + "Umeå".encode()) == "Umeå"
    assert decode("Umeå".encode("cp1252")) == "Umeå"
    assert decode("Umeå".encode("utf-16")) == "Umeå"


def test_cell_text_matches_what_a_csv_export_holds() -> None:
    assert cell_text(None) == ""
    assert cell_text(2480) == "2480"
    assert cell_text(2480.0) == "2480"
    assert cell_text(1500.5) == "1500.5"
    assert cell_text(dt.datetime(2008, 3, 1)) == "2008-03-01"
    assert cell_text(dt.date(2008, 3, 1)) == "2008-03-01"
    assert cell_text(True) == "true"
    assert cell_text(" text ") == " text "


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 701, 702)] == ["A", "B", "Z", "AA", "AB", "ZZ", "AAA"]


def test_workbook_sheets_are_matched_by_name_and_gaps_keep_row_numbers(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Actors"
    sheet.append(["id", "name"])
    sheet.append(["a", "A"])
    sheet.append([])
    sheet.append(["a", "B"])  # row 4
    workbook.create_sheet("notes").append(["ignored"])
    path = tmp_path / "dataset.xlsx"
    workbook.save(path)
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    (error,) = caught.value.errors
    assert (error.file, error.row, error.column) == ("dataset.xlsx, sheet Actors", 4, "id")


def test_workbook_sheet_may_carry_the_csv_name(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.title = "actors.csv"
    workbook.active.append(["id", "name"])
    workbook.active.append(["a", "A"])
    workbook.save(tmp_path / "d.xlsx")
    assert list(load_dataset(tmp_path / "d.xlsx").actors) == ["a"]


def test_read_tables_marks_unreadable_files(tmp_path: Path) -> None:
    (tmp_path / "actors.csv").write_text("id,name\na,A\n", encoding="utf-8")
    (tmp_path / "projects.csv").write_bytes(b"")
    read = read_tables(tmp_path)
    assert set(read.tables) == {"actors"}
    assert read.unreadable == {"projects"}
    assert [p.file for p in read.problems] == ["projects.csv"]


@pytest.mark.parametrize("name", ["actors.xls", "actors.ods", "actors.txt"])
def test_other_files_are_not_datasets(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"id,name\n")
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    (error,) = caught.value.errors
    assert error.file == name
    assert "not a dataset" in error.message
    assert error.hint


def test_a_single_csv_file_points_to_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "actors.csv"
    path.write_text("id,name\na,A\n", encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    assert "folder that holds actors.csv" in caught.value.errors[0].hint


def test_a_header_cell_with_a_quoted_line_break_is_read_not_a_crash() -> None:
    # Found by review: the header line was sniffed as if it held no line break (a csv.Error escaped).
    table = parse_csv("actors", "actors.csv", 'id,"na\nme";x\na,b;c\n')
    assert table.header == ("id", "na\nme;x")
    assert table.columns["id"] == ["a"]
