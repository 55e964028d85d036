"""Read a dataset's tables from a folder of CSV files or one .xlsx workbook.

Files come from Swedish Excel as often as from scripts: UTF-8 with or without
BOM, UTF-16 with BOM and Windows-1252; comma, semicolon or tab delimiters;
quoted cells with newlines; trailing empty rows and columns. This module only
turns files into rows of text; :mod:`stakeholders.loader` gives them meaning.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from stakeholders.problems import Problem, Severity
from stakeholders.schema import ACTORS, FILES

DELIMITERS = (",", ";", "\t")
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm"})
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls (and other Office 97-2003 files)
_SAVE_AS_CSV = "Save it from Excel as 'CSV UTF-8' (or give the .xlsx workbook itself)"


@dataclass(frozen=True, slots=True)
class Row:
    """A data row: ``number`` as a spreadsheet shows it (header = 1)."""

    number: int
    cells: dict[str, str]


@dataclass(frozen=True, slots=True)
class Table:
    name: str  # the file spec's name, e.g. "actors"
    location: str  # what the user calls it: "actors.csv" or "workbook.xlsx, sheet actors"
    header: tuple[str, ...]
    rows: tuple[Row, ...]


@dataclass
class ReadResult:
    """The tables read (by spec name), the problems met, and the files that exist but could not be used."""

    tables: dict[str, Table] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)


class TableReadError(Exception):
    """A file could not be read at all; carries the problems found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(str(problems[0]))


def _error(location: str, message: str, hint: str = "", **where: object) -> Problem:
    return Problem(Severity.ERROR, location, message, hint=hint, **where)  # type: ignore[arg-type]


def read_tables(path: Path) -> ReadResult:
    """Read every known table of the dataset at ``path`` (a folder or a workbook).

    Unknown files and sheets are ignored; a missing actors table is an error.
    """
    if path.is_dir():
        return _read_folder(path)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return _read_workbook(path)
    hint = "Give a folder of CSV files (actors.csv, projects.csv, ...) or one .xlsx workbook"
    if path.suffix.lower() == ".csv":
        hint = f"Give the folder that holds {path.name}, not the file itself"
    elif path.suffix.lower() in {".xls", ".ods", ".numbers"}:
        hint = "Save the workbook as .xlsx (Excel Workbook), or as CSV files in one folder"
    return ReadResult(problems=[_error(path.name, "not a dataset (a folder of CSV files or an .xlsx workbook)", hint)])


def _read_folder(folder: Path) -> ReadResult:
    present = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
    result = ReadResult()
    for spec in FILES:
        file = present.get(spec.filename)
        if file is None:
            continue
        try:
            result.tables[spec.name] = parse_csv(spec.name, file.name, decode(file.read_bytes(), file.name))
        except OSError as error:
            result.problems.append(_error(file.name, f"cannot read the file: {error.strerror or error}"))
            result.unreadable.add(spec.name)
        except TableReadError as error:
            result.problems.extend(error.problems)
            result.unreadable.add(spec.name)
    if ACTORS.name not in result.tables and ACTORS.name not in result.unreadable:
        found = ", ".join(sorted(present)) or "nothing"
        result.problems.append(
            _error(
                folder.name or str(folder),
                f"the required file {ACTORS.filename} is missing",
                f"Every dataset needs {ACTORS.filename} (found: {found}); 'stakeholders init DIR' writes a template",
            )
        )
    return result


def decode(data: bytes, location: str = "the file") -> str:
    """Decode a CSV file: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252.

    Raises :class:`TableReadError` for what is clearly not text (a workbook, NUL bytes).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if data.startswith((_ZIP_MAGIC, _OLE_MAGIC)) or b"\x00" in data[:4096]:
        raise TableReadError(
            [_error(location, "not a text (CSV) file: it looks like a workbook or binary", _SAVE_AS_CSV)]
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    """The delimiter of the header line: the one that splits it most (comma on a tie)."""
    header = _first_record(text)
    counts = {d: len(next(csv.reader([header], delimiter=d), [])) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: (counts[d], -DELIMITERS.index(d)))


def _first_record(text: str) -> str:
    # A quoted header cell may hold a newline: read up to the first newline outside quotes.
    in_quotes = False
    for index, char in enumerate(text):
        if char == '"':
            in_quotes = not in_quotes
        elif char in "\r\n" and not in_quotes:
            return text[:index]
    return text


def parse_csv(name: str, location: str, text: str) -> Table:
    """Parse one CSV text into a :class:`Table`."""
    if not text.strip():
        raise TableReadError([_error(location, "the file is empty", "Row 1 must name the columns", row=1)])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        records = list(reader)
    except csv.Error as error:
        raise TableReadError(
            [_error(location, f"cannot parse the CSV: {error}", "Check the quotes on that line", row=reader.line_num)]
        ) from None
    return build_table(name, location, records)


def build_table(name: str, location: str, records: Iterable[list[str]]) -> Table:
    """Turn raw records (header first) into a table, checking the header.

    Empty rows are skipped (row numbers still count them); a column without a
    name is ignored while it is empty, like the trailing columns Excel leaves.
    """
    iterator: Iterator[list[str]] = iter(records)
    header_cells = next(iterator, None)
    if header_cells is None or not any(cell.strip() for cell in header_cells):
        raise TableReadError([_error(location, "the header row is empty", "Row 1 must name the columns", row=1)])
    header = [cell.strip().lstrip("\ufeff").strip().lower() for cell in header_cells]
    while header and not header[-1]:
        header.pop()
    problems = _header_problems(location, header)
    width = len(header)
    nameless = [i for i, column in enumerate(header) if not column]
    rows: list[Row] = []
    for number, cells in enumerate(iterator, start=2):
        values = list(map(str.strip, cells))
        if not any(values):
            continue  # an empty row, e.g. trailing ones left by Excel
        if len(values) < width:
            values.extend([""] * (width - len(values)))
        elif len(values) > width:
            _check_overflow(location, number, values[width:], width, problems)
        for position in nameless:
            if values[position]:
                problems.append(_nameless_value(location, number, position, values[position]))
        rows.append(Row(number, dict(zip(header, values, strict=False))))
    if problems:
        raise TableReadError(problems)
    if nameless:
        for row in rows:
            row.cells.pop("", None)
        header = [column for column in header if column]
    return Table(name, location, tuple(header), tuple(rows))


def _header_problems(location: str, header: list[str]) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for column in header:
        if column and column in seen:
            problems.append(_error(location, "the column appears twice", "Keep one of them", row=1, column=column))
        seen.add(column)
    return problems


def _check_overflow(location: str, number: int, overflow: list[str], width: int, problems: list[Problem]) -> None:
    for offset, value in enumerate(overflow):
        if value:
            problems.append(
                _error(
                    location,
                    f"a value stands right of the last named column (in column {column_letter(width + offset)})",
                    "Add a header for that column, or check the row's delimiters and quotes",
                    row=number,
                    value=value,
                )
            )
            return


def _nameless_value(location: str, number: int, position: int, value: str) -> Problem:
    letter = column_letter(position)
    return _error(
        location,
        f"a value stands in column {letter}, which has no name in row 1",
        "Name the column in row 1 (unknown columns are kept as attributes) or delete the value",
        row=number,
        column=letter,
        value=value,
    )


def column_letter(position: int) -> str:
    """The spreadsheet letter of a 0-based column position: 0 -> A, 26 -> AA."""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _read_workbook(path: Path) -> ReadResult:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    hint = "Save it from Excel as .xlsx (Excel Workbook), or give a folder of CSV files"
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except OSError as error:
        return ReadResult(problems=[_error(path.name, f"cannot read the file: {error.strerror or error}", hint)])
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError):
        return ReadResult(problems=[_error(path.name, "not an Excel workbook (.xlsx)", hint)])
    try:
        return _read_sheets(path, workbook)
    finally:
        workbook.close()


def _read_sheets(path: Path, workbook: object) -> ReadResult:
    sheets = {sheet.title.strip().lower(): sheet for sheet in workbook.worksheets}  # type: ignore[attr-defined]
    result = ReadResult()
    for spec in FILES:
        sheet = sheets.get(spec.name) or sheets.get(spec.filename)
        if sheet is None:
            continue
        sheet.reset_dimensions()  # some writers store a wrong size; read what is there
        records = ([cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True))
        try:
            result.tables[spec.name] = build_table(spec.name, f"{path.name}, sheet {sheet.title}", records)
        except TableReadError as error:
            result.problems.extend(error.problems)
            result.unreadable.add(spec.name)
    if ACTORS.name not in result.tables and ACTORS.name not in result.unreadable:
        found = ", ".join(repr(sheet.title) for sheet in sheets.values()) or "none"
        result.problems.append(
            _error(
                path.name,
                f"the required sheet {ACTORS.name!r} is missing",
                f"Name a sheet {ACTORS.name!r} (sheets found: {found}); 'stakeholders init DIR --xlsx' writes one",
            )
        )
    return result


def cell_text(value: object) -> str:
    """An Excel cell as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
