"""Read a dataset's tables from a folder of CSV files or one .xlsx workbook.

Files come from Swedish Excel as often as from scripts: UTF-8 with or without
BOM and Windows-1252, comma, semicolon or tab delimiters, quoted cells with
newlines, trailing empty rows and columns. This module only turns files into
rows of text; :mod:`stakeholders.loader` gives them meaning.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from stakeholders.problems import Problem, Severity
from stakeholders.schema import FILES

DELIMITERS = (",", ";", "\t")


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


class TableReadError(Exception):
    """A file could not be read at all; carries the problems found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(str(problems[0]))


def read_tables(path: Path) -> tuple[dict[str, Table], list[Problem]]:
    """Read every known table of the dataset at ``path``.

    Returns the tables by spec name and the problems found while reading
    (unreadable files, bad headers). Unknown files and sheets are ignored.
    """
    if path.is_dir():
        return _read_folder(path)
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return _read_workbook(path)
    problem = Problem(
        Severity.ERROR,
        str(path),
        "not a dataset",
        hint="Give a folder of CSV files (actors.csv, projects.csv, ...) or one .xlsx workbook",
    )
    return {}, [problem]


def _read_folder(folder: Path) -> tuple[dict[str, Table], list[Problem]]:
    present = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
    tables: dict[str, Table] = {}
    problems: list[Problem] = []
    for spec in FILES:
        file = present.get(spec.filename)
        if file is None:
            continue
        try:
            text = decode(file.read_bytes())
            table = parse_csv(spec.name, file.name, text)
        except OSError as error:
            problems.append(Problem(Severity.ERROR, file.name, f"cannot read the file: {error.strerror}"))
            continue
        except TableReadError as error:
            problems.extend(error.problems)
            continue
        tables[spec.name] = table
    return tables, problems


def decode(data: bytes) -> str:
    """Decode a CSV file: UTF-8 (BOM or not), else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    """The delimiter of the header line: the one that splits it most."""
    header = _first_record(text)
    counts = {d: len(next(csv.reader([header], delimiter=d), [])) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: (counts[d], -DELIMITERS.index(d)))


def _first_record(text: str) -> str:
    # A quoted header cell may hold a newline: read up to the first newline
    # outside quotes.
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
        raise TableReadError([Problem(Severity.ERROR, location, "the file is empty", hint="Add a header row")])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        records = list(reader)
    except csv.Error as error:
        raise TableReadError(
            [Problem(Severity.ERROR, location, f"cannot parse the CSV: {error}", row=reader.line_num)]
        ) from None
    return build_table(name, location, records)


def build_table(name: str, location: str, records: Iterable[list[str]]) -> Table:
    """Turn raw records (header first) into a table, checking the header."""
    iterator: Iterator[list[str]] = iter(records)
    header_cells = next(iterator, None)
    if header_cells is None or not any(cell.strip() for cell in header_cells):
        raise TableReadError(
            [Problem(Severity.ERROR, location, "the header row is empty", row=1, hint="Row 1 must name the columns")]
        )
    header = [cell.strip().lstrip("\ufeff").lower() for cell in header_cells]
    while header and not header[-1]:
        header.pop()
    problems: list[Problem] = []
    seen: set[str] = set()
    for position, column in enumerate(header, start=1):
        if not column:
            problems.append(
                Problem(Severity.ERROR, location, f"column {position} has no name", row=1, hint="Name it or delete it")
            )
        elif column in seen:
            problems.append(
                Problem(Severity.ERROR, location, "the column appears twice", row=1, column=column, hint="Keep one")
            )
        seen.add(column)
    rows: list[Row] = []
    for number, cells in enumerate(iterator, start=2):
        values = [cell.strip() for cell in cells]
        if not any(values):
            continue  # an empty row, e.g. trailing ones left by Excel
        extra = [v for v in values[len(header) :] if v]
        if extra:
            problems.append(
                Problem(
                    Severity.ERROR,
                    location,
                    "a value stands right of the last named column",
                    row=number,
                    value=extra[0],
                    hint="Add a header for that column or check the row's delimiters and quotes",
                )
            )
        rows.append(Row(number, dict(zip(header, values + [""] * (len(header) - len(values)), strict=False))))
    if problems:
        raise TableReadError(problems)
    return Table(name, location, tuple(header), tuple(rows))


def _read_workbook(path: Path) -> tuple[dict[str, Table], list[Problem]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        hint = "Save it from Excel as .xlsx (Excel Workbook), or give a folder of CSV files"
        message = "not an Excel workbook (.xlsx)" if not isinstance(error, OSError) else f"cannot read: {error}"
        return {}, [Problem(Severity.ERROR, path.name, message, hint=hint)]
    try:
        sheets = {sheet.title.strip().lower(): sheet for sheet in workbook.worksheets}
        tables: dict[str, Table] = {}
        problems: list[Problem] = []
        for spec in FILES:
            sheet = sheets.get(spec.name) or sheets.get(spec.filename)
            if sheet is None:
                continue
            location = f"{path.name}, sheet {sheet.title}"
            records = ([cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True))
            try:
                tables[spec.name] = build_table(spec.name, location, records)
            except TableReadError as error:
                problems.extend(error.problems)
        return tables, problems
    finally:
        workbook.close()


def cell_text(value: object) -> str:
    """An Excel cell as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
