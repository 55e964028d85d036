"""Read a dataset's tables from a folder of CSV files or one .xlsx workbook.

Files come from Swedish Excel as often as from scripts: UTF-8 with or without
BOM, UTF-16 with BOM and Windows-1252; comma, semicolon or tab delimiters;
quoted cells with newlines; trailing empty rows and columns. This module only
turns files into rows of text; :mod:`stakeholders.loader` gives them meaning.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import stat
import sys
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from stakeholders.input_limits import (
    MAX_CELL_CHARS,
    MAX_WORKBOOK_BYTES,
    MAX_WORKBOOK_CELLS,
    MAX_WORKBOOK_RATIO,
    RATIO_FROM_BYTES,
)
from stakeholders.problems import Problem, Severity
from stakeholders.safety import restore_cell
from stakeholders.schema import ACTORS, FILES

DELIMITERS = (",", ";", "\t")
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm"})
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls (and other Office 97-2003 files)
_SAVE_AS_CSV = "Save it from Excel as 'CSV UTF-8' (or give the .xlsx workbook itself)"


_SHOWN_CHARS = 60  # of an overlong cell, in a message


@dataclass(frozen=True, slots=True)
class Row:
    """A data row: ``number`` as a spreadsheet shows it (header = 1)."""

    number: int
    cells: dict[str, str]


@dataclass(frozen=True)
class Table:
    """A table by columns: ``columns[name][k]`` is the (stripped) text of data row ``k``.

    ``numbers[k]`` is that row's number as a spreadsheet shows it (header = 1;
    empty rows are dropped but still counted). Column-wise, so that the loader
    can validate a column at a time; :attr:`rows` gives the same data by row.
    """

    name: str  # the file spec's name, e.g. "actors"
    location: str  # what the user calls it: "actors.csv" or "workbook.xlsx, sheet actors"
    header: tuple[str, ...]
    numbers: tuple[int, ...]
    columns: Mapping[str, list[str]]

    def __len__(self) -> int:
        return len(self.numbers)

    @cached_property
    def rows(self) -> tuple[Row, ...]:
        cells = zip(*(self.columns[column] for column in self.header), strict=True)
        return tuple(
            Row(number, dict(zip(self.header, values, strict=True)))
            for number, values in zip(self.numbers, cells, strict=True)
        )


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
    entries: dict[str, list[Path]] = {}
    for entry in sorted(folder.iterdir()):
        entries.setdefault(entry.name.lower(), []).append(entry)
    root = folder.resolve()
    result = ReadResult()
    for spec in FILES:
        found = entries.get(spec.filename)
        if not found:
            continue
        problem = _same_but_case(found) or _not_a_dataset_file(root, found[0])
        if problem is not None:
            result.problems.append(problem)
            result.unreadable.add(spec.name)
            continue
        file = found[0]
        try:
            data = file.read_bytes()
            table = _parse_big_utf8(spec.name, file.name, data)
            if table is None:
                text, utf8 = _decode(data, file.name)
                table = parse_csv(spec.name, file.name, text, utf8=utf8)
            result.tables[spec.name] = table
        except OSError as error:
            result.problems.append(_error(file.name, f"cannot read the file: {error.strerror or error}"))
            result.unreadable.add(spec.name)
        except TableReadError as error:
            result.problems.extend(error.problems)
            result.unreadable.add(spec.name)
    if ACTORS.name not in result.tables and ACTORS.name not in result.unreadable:
        present = ", ".join(sorted(name for name, paths in entries.items() if paths[0].is_file())) or "nothing"
        result.problems.append(
            _error(
                folder.name or str(folder),
                f"the required file {ACTORS.filename} is missing",
                f"Every dataset needs {ACTORS.filename} (found: {present}); 'stakeholders init DIR' writes a template",
            )
        )
    return result


def _same_but_case(found: list[Path]) -> Problem | None:
    if len(found) < 2:
        return None
    names = " and ".join(p.name for p in found)
    return _error(
        found[0].name,
        f"{len(found)} files differ only in case ({names}); it is not clear which one to read",
        "Keep one of them: file names are read without regard to case",
    )


def _not_a_dataset_file(root: Path, file: Path) -> Problem | None:
    """Why ``file`` (in the dataset folder ``root``) cannot be read as a table, or None.

    A link is followed only within the dataset folder; what lies outside is not read (nor shown).
    """
    try:
        target = file.resolve(strict=True)
        mode = target.stat().st_mode
    except (OSError, RuntimeError):  # a broken link, a loop of links
        return _error(
            file.name,
            "is a link that leads to no file (broken, or a loop of links)",
            "Put the file itself in the folder",
        )
    if file.is_symlink() and not target.is_relative_to(root):
        return _error(
            file.name,
            "is a link to a file outside the dataset folder; it was not read",
            "Copy the file into the dataset folder instead of linking to it",
        )
    if stat.S_ISDIR(mode):
        return _error(file.name, "is a folder, not a file", "Put the CSV file itself there, or rename the folder")
    if not stat.S_ISREG(mode):
        return _error(file.name, "is not a regular file (a device, pipe or socket); it was not read", "Give a CSV file")
    return None


def decode(data: bytes, location: str = "the file") -> str:
    """Decode a CSV file: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252.

    Raises :class:`TableReadError` for what is clearly not text (a workbook, NUL bytes).
    """
    return _decode(data, location)[0]


def _decode(data: bytes, location: str) -> tuple[str, bytes | None]:
    """The text, and the UTF-8 bytes it was decoded from (without a BOM) or None for another encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
        return text, (data[3:] if "\ufffd" not in text else None)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), None
    if data.startswith((_ZIP_MAGIC, _OLE_MAGIC)) or b"\x00" in data[:4096]:
        raise TableReadError(
            [_error(location, "not a text (CSV) file: it looks like a workbook or binary", _SAVE_AS_CSV)]
        )
    try:
        return data.decode("utf-8"), data
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), None


def sniff_delimiter(text: str) -> str:
    """The delimiter of the header line: the one that splits it most (comma on a tie)."""
    return _sniff(text)[0]


def _sniff(text: str) -> tuple[str, int]:
    """The delimiter and the number of cells it gives the header line."""
    header = _first_record(text)
    counts = {d: len(next(csv.reader(io.StringIO(header, newline=""), delimiter=d), [])) for d in DELIMITERS}
    delimiter = max(DELIMITERS, key=lambda d: (counts[d], -DELIMITERS.index(d)))
    return delimiter, counts[delimiter]


def _first_record(text: str) -> str:
    # A quoted header cell may hold a newline: read up to the first newline outside quotes.
    in_quotes = False
    for index, char in enumerate(text):
        if char == '"':
            in_quotes = not in_quotes
        elif char in "\r\n" and not in_quotes:
            return text[:index]
    return text


# Texts of at least this many characters are parsed with pandas' C parser when pandas is
# importable; smaller ones (and anything the C parser refuses) with the csv module. Both give
# the same records (tests/test_tables_fast.py); the C parser is faster but pandas is slow to import.
FAST_PARSE_CHARS = 1 << 20
_HEAD_BYTES = 1 << 16  # the start of a big file that _parse_big_utf8 decodes to find the header


def parse_csv(name: str, location: str, text: str, *, utf8: bytes | None = None) -> Table:
    """Parse one CSV text into a :class:`Table`.

    ``utf8``: the text's UTF-8 bytes, if at hand (the C parser reads them faster than the text).
    """
    if not text or text.isspace():
        raise TableReadError([_error(location, "the file is empty", "Row 1 must name the columns", row=1)])
    delimiter, fields = _sniff(text)
    columns = _c_parser_columns(text, delimiter, fields, utf8) if len(text) >= FAST_PARSE_CHARS else None
    if columns is None:
        return build_table(name, location, _csv_records(location, text, delimiter))
    return _table(location, name, columns)


def _parse_big_utf8(name: str, location: str, data: bytes) -> Table | None:
    """What :func:`parse_csv` makes of a big file, read by the C parser straight from the bytes; None otherwise.

    Decoding a file of megabytes just to check that it is UTF-8 and to find its header took a tenth
    of reading it. Here only the start is decoded; pandas decodes the rest as it reads, and fails
    if that is not UTF-8 (the usual way then decodes the file as Windows-1252). Taken only where the
    usual way surely takes the C parser too: at least a megabyte of characters (UTF-8 has at most 4
    bytes per character) and pandas already imported.
    """
    if (
        len(data) < 4 * FAST_PARSE_CHARS
        or "pandas" not in sys.modules
        or data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", _ZIP_MAGIC, _OLE_MAGIC))
        or b"\x00" in data[:4096]
    ):
        return None
    try:
        head = codecs.getincrementaldecoder("utf-8")().decode(data[:_HEAD_BYTES])  # (a cut character waits)
    except UnicodeDecodeError:
        return None
    if head.isspace() or _first_record(head) == head:  # the header must end within the start
        return None
    delimiter, fields = _sniff(head)
    columns = _c_parser_columns(None, delimiter, fields, data)
    return None if columns is None else _table(location, name, columns)


def _csv_records(location: str, text: str, delimiter: str) -> list[list[str]]:
    opened = _unclosed_quote(text, delimiter)
    if opened is not None:
        row, start = opened
        raise TableReadError(
            [
                _error(
                    location,
                    "a quote opens a cell here that no quote closes, so the rest of the file would be read into it",
                    'Close the quote (") in that cell or remove it; a quote inside a quoted cell is written twice ("")',
                    row=row,
                    value=_shown(start),
                )
            ]
        )
    # The cell limit is checked alike for both readers (in _table); the csv module's own would differ.
    if csv.field_size_limit() < sys.maxsize >> 1:
        csv.field_size_limit(sys.maxsize >> 1)
    records: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records.extend(reader)
    except csv.Error as error:
        raise TableReadError(
            [_error(location, f"cannot parse the CSV: {error}", "Check the quotes on that row", row=len(records) + 1)]
        ) from None
    return records


_QUOTED_CELLS: dict[str, re.Pattern[str]] = {}


def _unclosed_quote(text: str, delimiter: str) -> tuple[int, str] | None:
    """The row (record number) and start of a quoted cell that no quote closes, or None.

    As the csv module reads: a quote opens a quoted cell only at the start of a cell; inside it
    ``""`` is a quote; after the closing quote the cell's rest is plain text. The csv module
    would read everything after an unclosed quote into one cell, silently.
    """
    if '"' not in text:
        return None
    pattern = _QUOTED_CELLS.get(delimiter)
    if pattern is None:
        separators = re.escape(delimiter) + r"\r\n"
        pattern = re.compile(rf'(?:^|(?<=[{separators}]))"(?:[^"]+|"")*("?)')
        _QUOTED_CELLS[delimiter] = pattern
    for match in pattern.finditer(text):
        if not match.group(1):
            start = match.start()
            before = text[:start]
            count = sum(1 for _ in csv.reader(io.StringIO(before, newline=""), delimiter=delimiter))
            row = count + 1 if not before or before[-1] in "\r\n" else count
            return row, text[start : start + _SHOWN_CHARS * 2].splitlines()[0]
    return None


def _shown(value: str) -> str:
    """A value as a message shows it: at most a line's worth."""
    return value if len(value) <= _SHOWN_CHARS else value[:_SHOWN_CHARS] + "..."


def _c_parser_columns(text: str | None, delimiter: str, fields: int, utf8: bytes | None) -> list[list[str]] | None:
    """The records of ``text`` as columns (header cell first), read by pandas' C parser; None to use the csv module.

    The C parser needs the number of columns beforehand: the header's plus one spare column, which
    stays empty unless a record is longer; then once more with a bound from the lines' delimiters
    (only with the ``text`` at hand: without it, from ``utf8`` alone, None).
    """
    if text is not None and "pandas" not in sys.modules and len(text) < 4 * FAST_PARSE_CHARS:
        return None  # importing pandas would cost more than it saves
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a dependency
        return None
    widths = [fields + 1]
    for width in widths:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # e.g. a first record longer than ``width``, which would be cut
                frame = pd.read_csv(
                    io.StringIO(text) if utf8 is None else io.BytesIO(utf8),
                    encoding="utf-8",
                    sep=delimiter,
                    header=None,
                    names=range(width),
                    index_col=False,
                    dtype=object,
                    na_filter=False,
                    keep_default_na=False,
                    skip_blank_lines=False,
                    engine="c",
                    quotechar='"',
                    doublequote=True,
                    quoting=csv.QUOTE_MINIMAL,
                    skipinitialspace=False,
                )
        except (ValueError, Warning):  # pandas' ParserError is a ValueError
            frame = None
        if frame is not None:
            columns = [frame[k].tolist() for k in range(width)]
            if not any(columns[-1]):
                return columns[:-1]
        if len(widths) == 1 and text is not None:
            # Quoted delimiters only raise the bound; a record over several lines can still exceed it.
            bound = max(line.count(delimiter) for line in text.splitlines()) + 1
            if bound + 1 > width and bound <= 4 * fields + 64:
                widths.append(bound + 1)
    return None


def build_table(name: str, location: str, records: Iterable[list[str]]) -> Table:
    """Turn raw records (header first) into a table, checking the header.

    Empty rows are skipped (row numbers still count them); a column without a
    name is ignored while it is empty, like the trailing columns Excel leaves.
    """
    rows = records if isinstance(records, list) else list(records)
    width = max(map(len, rows), default=0)
    if any(len(row) != width for row in rows):
        rows = [row if len(row) == width else [*row, *[""] * (width - len(row))] for row in rows]
    return _table(location, name, [list(column) for column in zip(*rows, strict=True)])


def _may_be_quoted(column: list[str]) -> bool:
    """Whether a cell of the column may start with ``'``: one search in the joined column, not a call per cell.

    A line of a multi-line cell that starts with ``'`` also answers yes; restore_cell then decides exactly.
    """
    return ("\n" + "\n".join(column)).find("\n'") != -1


def _table(location: str, name: str, raw: list[list[str]], numbers: Sequence[int] | None = None) -> Table:
    """The table of raw columns (each the header cell, then one cell per record).

    ``numbers``: the records' row numbers, when not 2, 3, ... (a workbook's sheet read sparsely).
    """
    count = len(raw[0]) - 1 if raw else 0
    rows: Sequence[int] = range(2, count + 2) if numbers is None else numbers
    _check_cell_sizes(location, raw, rows)
    header_cells = [restore_cell(column[0].strip()) for column in raw]
    if not any(cell.strip() for cell in header_cells):
        raise TableReadError([_error(location, "the header row is empty", "Row 1 must name the columns", row=1)])
    header = [cell.strip().lstrip("\ufeff").strip().lower() for cell in header_cells]
    while header and not header[-1]:
        header.pop()
    problems = _header_problems(location, header)
    width = len(header)
    cells = [list(map(str.strip, column)) for column in raw]
    for column in cells:
        del column[0]  # the header cell: cheaper than slicing each column
        if _may_be_quoted(column):  # what a writer neutralised for spreadsheets ('=...) is read back
            column[:] = map(restore_cell, column)
    while len(cells) < width:
        cells.append([""] * count)
    problems += _cell_problems(location, header, cells, rows)
    if problems:
        raise TableReadError(problems)
    cells = cells[:width]
    empty = _empty_rows(cells)
    if empty and empty[0] == count - len(empty):  # only trailing empty rows, as Excel leaves them
        rows = rows[: empty[0]]
        cells = [column[: empty[0]] for column in cells]
    elif empty:
        dropped = set(empty)
        keep = [k for k in range(count) if k not in dropped]
        rows = [rows[k] for k in keep]
        cells = [[column[k] for k in keep] for column in cells]
    numbers = rows
    columns = {column: cells[position] for position, column in enumerate(header) if column}
    return Table(name, location, tuple(columns), tuple(numbers), columns)


def _check_cell_sizes(location: str, raw: list[list[str]], numbers: Sequence[int]) -> None:
    """Refuse a cell longer than :data:`MAX_CELL_CHARS` (the first per column), whichever reader read it."""
    limit = MAX_CELL_CHARS.value()
    problems = []
    for position, column in enumerate(raw):
        if max(map(len, column), default=0) > limit:
            k = next(k for k, cell in enumerate(column) if len(cell) > limit)
            header = column[0].strip().lower() if k else ""
            problems.append(
                _error(
                    location,
                    f"a cell holds {len(column[k]):,} characters, more than a dataset cell may",
                    MAX_CELL_CHARS.hint() + " (or check the quotes before that cell)",
                    row=1 if k == 0 else numbers[k - 1],
                    column=header or column_letter(position),
                    value=_shown(column[k]),
                )
            )
    if problems:
        problems.sort(key=lambda p: p.row or 0)
        raise TableReadError(problems)


def _empty_rows(cells: list[list[str]]) -> list[int]:
    """The (sorted) positions of the records whose every cell is empty."""
    if not cells or all(cells[0]):  # no empty cell in the first column (all(): cheaper than looking for "")
        return []
    empty = [k for k, value in enumerate(cells[0]) if not value]
    for column in cells[1:]:
        if not empty:
            break
        empty = [k for k in empty if not column[k]]
    return empty


def _cell_problems(location: str, header: list[str], cells: list[list[str]], numbers: Sequence[int]) -> list[Problem]:
    """Values right of the last named column (the first per row) and in columns without a name, by row."""
    width = len(header)
    found: list[tuple[int, int, Problem]] = []  # (record, order within the record, problem)
    overflowing: set[int] = set()
    for position in range(width, len(cells)):
        column = cells[position]
        if any(column):
            for k, value in enumerate(column):
                if value and k not in overflowing:
                    overflowing.add(k)
                    found.append((k, -1, _overflow(location, numbers[k], position, value)))
    for position, name in enumerate(header):
        if not name and any(cells[position]):
            found.extend(
                (k, position, _nameless_value(location, numbers[k], position, value))
                for k, value in enumerate(cells[position])
                if value
            )
    found.sort(key=lambda item: (item[0], item[1]))
    return [problem for _, _, problem in found]


def _header_problems(location: str, header: list[str]) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for column in header:
        if column and column in seen:
            problems.append(_error(location, "the column appears twice", "Keep one of them", row=1, column=column))
        seen.add(column)
    return problems


def _overflow(location: str, number: int, position: int, value: str) -> Problem:
    return _error(
        location,
        f"a value stands right of the last named column (in column {column_letter(position)})",
        "Add a header for that column, or check the row's delimiters and quotes",
        row=number,
        value=value,
    )


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


_NOT_VALID = "not an Excel workbook, or not a valid Excel workbook (.xlsx): damaged or unsafe"


class _WorkbookRefused(Exception):
    """The workbook breaks a limit; carries the problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


# What openpyxl, zipfile and the XML parser raise for a file that is not a sound workbook
# (defusedxml's refusals of entity declarations and external entities are ValueErrors).
_NOT_A_WORKBOOK = (
    zipfile.BadZipFile,
    zlib.error,
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    EOFError,
    SyntaxError,  # xml.etree.ElementTree.ParseError
    NotImplementedError,
)


def _read_workbook(path: Path) -> ReadResult:
    """Read the sheets of a workbook by their actual cells, within the workbook limits.

    Never padded to the dimension a sheet declares: a single cell at XFD1048576 is one cell.
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    hint = "Save it from Excel as .xlsx (Excel Workbook), or give a folder of CSV files"
    if path.exists() and not path.is_file():  # a FIFO would block for ever
        return ReadResult(problems=[_error(path.name, "is not a regular file (a device, pipe or socket)", hint)])
    try:
        _check_archive(path)
        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            return _read_sheets(path, workbook)
        finally:
            workbook.close()
    except _WorkbookRefused as refused:
        return ReadResult(problems=[refused.problem])
    except OSError as error:
        return ReadResult(problems=[_error(path.name, f"cannot read the file: {error.strerror or error}", hint)])
    except (InvalidFileException, *_NOT_A_WORKBOOK):
        return ReadResult(problems=[_error(path.name, _NOT_VALID, hint)])


_PROLOG_BYTES = 4096  # a DTD stands before the root element, so in the start of a part


def _refuse_declarations(path: Path, archive: zipfile.ZipFile, parts: list[zipfile.ZipInfo]) -> None:
    """Refuse XML parts that declare a DTD (entities): Excel never writes one, and which parser openpyxl uses
    (lxml when installed, else the standard library behind defusedxml) decides whether one is refused or read
    with its entities dropped, so the workbook is refused here, before any parser sees it."""
    for part in parts:
        if part.filename.endswith((".xml", ".rels")) and part.file_size:
            with archive.open(part) as stream:
                prolog = stream.read(_PROLOG_BYTES)
            if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
                message = f"{_NOT_VALID} (its part {part.filename} declares XML entities, which Excel never writes)"
                raise _WorkbookRefused(_error(path.name, message, "Save it again from Excel as .xlsx"))


def _check_archive(path: Path) -> None:
    """Refuse a workbook that would inflate beyond the limits (a zip bomb), before reading any of it.

    The sizes are the ones the archive declares; zipfile never inflates a part beyond its declared
    size (it fails the part's checksum instead), so they bound what reading it can take.
    """
    with zipfile.ZipFile(path) as archive:
        parts = archive.infolist()
        _refuse_declarations(path, archive, parts)
    inflated = sum(part.file_size for part in parts)
    if inflated > MAX_WORKBOOK_BYTES.value():
        raise _WorkbookRefused(
            _error(
                path.name, f"the workbook inflates to {inflated:,} bytes, more than allowed", MAX_WORKBOOK_BYTES.hint()
            )
        )
    ratio = MAX_WORKBOOK_RATIO.value()
    for part in parts:
        if part.file_size > RATIO_FROM_BYTES and part.file_size > ratio * max(part.compress_size, 1):
            raise _WorkbookRefused(
                _error(
                    path.name,
                    f"the workbook's part {part.filename} inflates to "
                    f"{part.file_size // max(part.compress_size, 1):,} times its size (a zip bomb?)",
                    MAX_WORKBOOK_RATIO.hint(),
                )
            )


def _read_sheets(path: Path, workbook: object) -> ReadResult:
    by_name: dict[str, list[object]] = {}
    for sheet in workbook.worksheets:  # type: ignore[attr-defined]
        by_name.setdefault(sheet.title.strip().lower(), []).append(sheet)
    result = ReadResult()
    cells_left = [MAX_WORKBOOK_CELLS.value()]
    for spec in FILES:
        matching = [*by_name.get(spec.name, []), *by_name.get(spec.filename, [])]
        if not matching:
            continue
        if len(matching) > 1:
            titles = " and ".join(repr(sheet.title) for sheet in matching)  # type: ignore[attr-defined]
            result.problems.append(
                _error(
                    path.name,
                    f"{len(matching)} sheets differ only in case ({titles}); it is not clear which one to read",
                    "Keep one of them: sheet names are read without regard to case",
                )
            )
            result.unreadable.add(spec.name)
            continue
        sheet = matching[0]
        location = f"{path.name}, sheet {sheet.title}"  # type: ignore[attr-defined]
        try:
            result.tables[spec.name] = _sheet_table(spec.name, location, _sheet_cells(sheet, location, cells_left))
        except TableReadError as error:
            result.problems.extend(error.problems)
            result.unreadable.add(spec.name)
    if ACTORS.name not in result.tables and ACTORS.name not in result.unreadable:
        sheet_titles = [sheet.title for sheets in by_name.values() for sheet in sheets]  # type: ignore[attr-defined]
        found = ", ".join(map(repr, sheet_titles)) or "none"
        result.problems.append(
            _error(
                path.name,
                f"the required sheet {ACTORS.name!r} is missing",
                f"Name a sheet {ACTORS.name!r} (sheets found: {found}); 'stakeholders init DIR --xlsx' writes one",
            )
        )
    return result


def _sheet_cells(sheet: object, location: str, cells_left: list[int]) -> Iterator[tuple[int, list[tuple[int, str]]]]:
    """The sheet's rows as (row number, [(0-based column, text)]), only the cells that hold something.

    Read from the sheet's XML by openpyxl's parser, cell by cell; ``cells_left`` counts down the
    workbook's cell limit.
    """
    from openpyxl.worksheet._reader import WorkSheetParser

    parent = sheet.parent  # type: ignore[attr-defined]
    with sheet._get_source() as source:  # type: ignore[attr-defined]
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,  # type: ignore[attr-defined]
            data_only=parent.data_only,
            epoch=parent.epoch,
            date_formats=parent._date_formats,
            timedelta_formats=parent._timedelta_formats,
        )
        for number, cells in parser.parse():
            cells_left[0] -= len(cells)
            if cells_left[0] < 0:
                raise TableReadError(
                    [
                        _error(
                            location,
                            "the workbook holds more cells than allowed",
                            MAX_WORKBOOK_CELLS.hint(),
                            row=number,
                        )
                    ]
                )
            texts = [(cell["column"] - 1, cell_text(cell["value"])) for cell in cells]
            yield number, [(column, text) for column, text in texts if text]


def _sheet_table(name: str, location: str, rows: Iterable[tuple[int, list[tuple[int, str]]]]) -> Table:
    """A table from a sheet's cells as :func:`_sheet_cells` gives them (sparse: no row or column padded).

    Only the named columns are laid out in full; values in other columns are reported as
    :func:`build_table` reports them.
    """
    header_cells: dict[int, str] = {}
    records: list[tuple[int, dict[int, str]]] = []
    for number, cells in rows:
        if number == 1:
            header_cells = dict(cells)
        elif number > 1 and any(text.strip() for _, text in cells):
            records.append((number, dict(cells)))
    named = [position for position in sorted(header_cells) if header_cells[position].strip()]
    if not named:
        raise TableReadError([_error(location, "the header row is empty", "Row 1 must name the columns", row=1)])
    names = set(named)
    last = named[-1]
    found: list[tuple[int, int, Problem]] = []
    for k, (number, row_cells) in enumerate(records):
        stray = sorted(position for position, text in row_cells.items() if position not in names and text.strip())
        beyond = [position for position in stray if position > last]
        if beyond:
            found.append((k, -1, _overflow(location, number, beyond[0], row_cells[beyond[0]].strip())))
        found.extend(
            (k, position, _nameless_value(location, number, position, row_cells[position].strip()))
            for position in stray
            if position < last
        )
    raw = [[header_cells[position], *(by_column.get(position, "") for _, by_column in records)] for position in named]
    numbers = [number for number, _ in records]
    try:
        table = _table(location, name, raw, numbers)
    except TableReadError as error:
        error.problems[:0] = [problem for _, _, problem in sorted(found, key=lambda item: item[:2])]
        raise
    if found:
        raise TableReadError([problem for _, _, problem in sorted(found, key=lambda item: item[:2])])
    return table


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
