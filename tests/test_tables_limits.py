"""Hostile and broken input files: quotes left open, overlong cells, workbooks that blow up, links out.

Each test here failed before its fix (issue 20, "Measured").
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from stakeholders import DatasetError, load_dataset
from stakeholders.safety import neutralise_cell, restore_cell
from stakeholders.tables import MAX_CELL_CHARS, TableReadError, parse_csv, read_tables


def errors_of(path: Path) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    return [str(p) for p in caught.value.errors]


# -- one CSV reader's rules for every size ---------------------------------------------------------------


@pytest.mark.parametrize("fast", [False, True])
def test_a_quote_left_open_is_an_error_naming_the_row_where_it_opened(fast: bool, monkeypatch) -> None:
    import stakeholders.tables as tables

    if fast:
        monkeypatch.setattr(tables, "FAST_PARSE_CHARS", 0)
    text = 'id,name\na0,Zero\na1,"X\na2,Y\na3,Z\n'
    with pytest.raises(TableReadError) as caught:
        parse_csv("actors", "actors.csv", text)
    (problem,) = caught.value.problems
    assert problem.row == 3
    assert "quote" in problem.message and problem.value == '"X'


def test_a_quote_left_open_after_a_cell_with_a_line_break_counts_records(write_dataset) -> None:
    text = 'id,name,description\na,A,"two\nlines"\nb,B,x\nc,C,"open\nd,D,\n'
    (message,) = errors_of(write_dataset(actors=text))
    assert "row 4" in message and "quote" in message


def test_closed_quotes_stay_fine(write_dataset) -> None:
    text = 'id,name,description\na,"A, ""the"" one","x"\nb,B"x,"y"z\n'
    dataset = load_dataset(write_dataset(actors=text))
    assert dataset.actors["a"].name == 'A, "the" one'
    assert dataset.actors["b"].name == 'B"x'


@pytest.mark.parametrize("fast", [False, True])
def test_a_cell_of_140_kb_loads_whichever_reader_reads_it(fast: bool, monkeypatch) -> None:
    import stakeholders.tables as tables

    if fast:
        monkeypatch.setattr(tables, "FAST_PARSE_CHARS", 0)
    long = "x" * 140_000
    table = parse_csv("actors", "actors.csv", f"id,name,description\na,A,{long}\n")
    assert table.columns["description"] == [long]


@pytest.mark.parametrize("fast", [False, True])
def test_a_cell_over_the_limit_is_refused_alike_by_both_readers(fast: bool, monkeypatch) -> None:
    import stakeholders.tables as tables

    if fast:
        monkeypatch.setattr(tables, "FAST_PARSE_CHARS", 0)
    monkeypatch.setenv(MAX_CELL_CHARS.variable, "1000")
    with pytest.raises(TableReadError) as caught:
        parse_csv("actors", "actors.csv", "id,name,description\na,A,x\nb,B," + "y" * 1001 + "\n")
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (3, "description")
    assert "1,001 characters" in problem.message and MAX_CELL_CHARS.variable in problem.hint
    assert len(problem.value or "") < 100  # not echoed whole


def test_the_default_cell_limit_is_a_million_characters() -> None:
    assert MAX_CELL_CHARS.value() == 1_000_000


def test_neutralised_cells_are_read_back_as_written(write_dataset) -> None:
    values = ['=HYPERLINK("http://x")', "@SUM(1)", "+46 90 00", "-minus", "'=already", "plain", "'plain"]
    cells = [str(neutralise_cell(v)) for v in values]
    assert all(not c.startswith(("=", "+", "-", "@")) for c in cells)
    assert [restore_cell(c) for c in cells] == values
    text = io.StringIO()
    rows = [["id", "name", "description"], *([f"a{k}", f"Actor {k}", c] for k, c in enumerate(cells))]
    csv.writer(text).writerows(rows)
    dataset = load_dataset(write_dataset(actors=text.getvalue()))
    assert [a.description for a in dataset.actors.values()] == values


# -- the dataset folder -----------------------------------------------------------------------------------


def test_a_link_to_a_file_outside_the_folder_is_refused_without_showing_it(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:*:19000:0:99999:7:::\n")
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "actors.csv").symlink_to(secret)
    (message,) = errors_of(folder)
    assert "outside the dataset folder" in message
    assert "root" not in message


def test_a_link_within_the_folder_is_followed(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "people.csv").write_text("id,name\na,A\n")
    (folder / "actors.csv").symlink_to("people.csv")
    assert list(load_dataset(folder).actors) == ["a"]


def test_files_that_differ_only_in_case_are_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "actors.csv").write_text("id,name\na,A\n")
    (folder / "ACTORS.csv").write_text("id,name\nb,B\n")
    (message,) = errors_of(folder)
    assert "differ only in case" in message and "ACTORS.csv" in message and "actors.csv" in message


def test_a_folder_named_like_a_table_is_reported_as_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    (folder / "actors.csv").mkdir(parents=True)
    (message,) = errors_of(folder)
    assert "actors.csv: is a folder" in message


def test_a_fifo_named_like_a_table_is_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    os.mkfifo(folder / "actors.csv")
    (message,) = errors_of(folder)  # would block for ever if read
    assert "not a regular file" in message


def test_a_loop_of_links_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "actors.csv").symlink_to("loop.csv")
    (folder / "loop.csv").symlink_to("actors.csv")
    (message,) = errors_of(folder)
    assert "loop" in message


# -- workbooks ------------------------------------------------------------------------------------------------


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def rewrite(path: Path, replace: dict[str, bytes], add: dict[str, bytes] | None = None) -> Path:
    """The workbook with some parts replaced and some added."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts.update(replace)
    parts.update(add or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def test_sheets_that_differ_only_in_case_are_an_error(tmp_path: Path) -> None:
    path = workbook(tmp_path / "d.xlsx", {"actors": [["id", "name"], ["a", "A"]], "other": [["id", "name"]]})
    with zipfile.ZipFile(path) as archive:  # openpyxl (like Excel) renames such a sheet: rename it back
        book = archive.read("xl/workbook.xml").replace(b'name="other"', b'name="ACTORS"')
    rewrite(path, {"xl/workbook.xml": book})
    (message,) = errors_of(path)
    assert "differ only in case" in message


def test_a_cell_far_right_and_down_is_one_cell_in_bounded_memory(tmp_path: Path) -> None:
    """A 5 KB workbook with a cell at XFD1048576 once grew to 24 GB (every row padded to the dimension)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "actors"
    sheet.append(["id", "name"])
    sheet.append(["a", "A"])
    sheet["XFD1048576"] = "far"
    path = tmp_path / "far.xlsx"
    book.save(path)
    assert path.stat().st_size < 10_000
    script = textwrap.dedent(
        f"""
        import resource, sys
        limit = 3 << 30
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        import openpyxl, pandas
        from stakeholders import DatasetError, load_dataset
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        try:
            load_dataset({str(path)!r})
        except DatasetError as error:
            print("\\n".join(str(p) for p in error.errors))
        print("grew", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
        """
    )
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "row 1048576" in done.stdout and "XFD" in done.stdout and "'far'" in done.stdout
    grown_kb = int(done.stdout.split("grew")[-1])
    assert grown_kb < 100_000  # padded, it grew past 24 GB


def test_a_workbook_read_sparsely_keeps_row_numbers_and_stray_values(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "actors"
    for cells in (["id", "name", None, "type"], ["a", "A"], [], [], ["b", "B", "x"], ["c", "C", None, None, "y"]):
        sheet.append(cells)
    path = tmp_path / "d.xlsx"
    book.save(path)
    result = read_tables(path)
    assert [(p.row, p.column, p.value) for p in result.problems] == [(5, "C", "x"), (6, None, "y")]
    book["actors"]["C5"] = None
    book["actors"]["E6"] = None
    book.save(path)
    table = read_tables(path).tables["actors"]
    assert table.numbers == (2, 5, 6) and table.columns["name"] == ["A", "B", "C"]


def test_a_workbook_over_the_cell_limit_is_refused_with_the_limit(tmp_path: Path, monkeypatch) -> None:
    path = workbook(tmp_path / "d.xlsx", {"actors": [["id", "name"], *[[f"a{k}", f"A{k}"] for k in range(10)]]})
    monkeypatch.setenv("STAKEHOLDERS_MAX_WORKBOOK_CELLS", "10")
    (message,) = errors_of(path)
    assert "more cells than allowed" in message and "STAKEHOLDERS_MAX_WORKBOOK_CELLS" in message
    monkeypatch.setenv("STAKEHOLDERS_MAX_WORKBOOK_CELLS", "100")
    assert len(load_dataset(path).actors) == 10


def test_a_zip_bomb_is_refused_before_it_inflates(tmp_path: Path) -> None:
    path = workbook(tmp_path / "bomb.xlsx", {"actors": [["id", "name"], ["a", "A"]]})
    rewrite(path, {}, {"xl/media/padding.bin": b"\0" * (50 << 20)})  # 50 MB in about 50 KB
    assert path.stat().st_size < 200_000
    (message,) = errors_of(path)
    assert "zip bomb" in message and "STAKEHOLDERS_MAX_WORKBOOK_RATIO" in message


def test_a_workbook_inflating_beyond_the_size_limit_is_refused(tmp_path: Path, monkeypatch) -> None:
    path = workbook(tmp_path / "big.xlsx", {"actors": [["id", "name"], ["a", "A"]]})
    monkeypatch.setenv("STAKEHOLDERS_MAX_WORKBOOK_BYTES", "2000")
    (message,) = errors_of(path)
    assert "inflates to" in message and "STAKEHOLDERS_MAX_WORKBOOK_BYTES" in message


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&secret;</t></is></c></row></sheetData></worksheet>"""


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml"])
@pytest.mark.parametrize(
    "xml", [BILLION_LAUGHS, EXTERNAL_ENTITY, b"<worksheet><unclosed>"], ids=["laughs", "xxe", "bad"]
)
def test_hostile_or_broken_xml_is_not_a_valid_workbook(tmp_path: Path, part: str, xml: bytes) -> None:
    path = workbook(tmp_path / "x.xlsx", {"actors": [["id", "name"], ["a", "A"]]})
    rewrite(path, {part: xml})
    (message,) = errors_of(path)
    assert "not a valid Excel workbook" in message
    assert "root:" not in message and "lol" not in message
