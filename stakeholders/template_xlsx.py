"""The template as one workbook, the way people open it: bold frozen headers with a filter, fitted widths,
drop-down lists, text-formatted id and code columns (0180 stays 0180), typed examples, and a "Read me" sheet.

The "Read me" sheet names no file of the format, so the loader passes over it (:func:`stakeholders.tables.read_tables`
reads only the sheets named like the files).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from stakeholders.schema import FILES, REF_FILES, SECTOR_WORDS, Column, FileSpec, Value
from stakeholders.template_help import COLUMN_HELP, INTRODUCTION, VALUE_WORDS
from stakeholders.values import parse_date, parse_list, parse_number

README_TITLE = "Read me"
# The words the free-text drop-downs suggest, one column each; people add their own (orientations are free text,
# and one list keeps their spelling the same across sheets). No file of the format: the loader passes over it.
LISTS_TITLE = "Lists"
LIST_ROWS = 500
# Drop-downs and formats reach down to this row: room for a region's data.
TEMPLATE_ROWS = 2000
TEXT_FORMAT = "@"
DATE_FORMAT = "yyyy-mm-dd"
MIN_WIDTH, MAX_WIDTH = 10, 50
# Suggestions for the free-text column actors.type (docs/data-format.md); other words are allowed.
ACTOR_TYPES = ("municipality", "agency", "ngo", "employer", "education", "university", "region", "funder")
_BOLD = Font(bold=True)
_TEXT_VALUES = frozenset({Value.TEXT, Value.LIST, Value.SECTOR})
_REF_SHEETS = REF_FILES  # the sheet whose ids a reference column names


def workbook_bytes(rows_by_file: dict[str, list[list[str]]]) -> bytes:
    """The template workbook: "Read me" first, then one sheet per file with ``rows_by_file[name]`` (header first)."""
    workbook = Workbook()
    readme = workbook.active
    assert isinstance(readme, Worksheet)  # a new workbook's one sheet
    readme.title = README_TITLE
    _fill_readme(readme)
    lists = {"orientations": _orientations(rows_by_file), "type": list(ACTOR_TYPES)}
    for spec in FILES:
        sheet = workbook.create_sheet(spec.name)
        _fill_sheet(sheet, spec, rows_by_file[spec.name], list(lists))
    _fill_lists(workbook.create_sheet(LISTS_TITLE), lists)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def typed_value(column: Column, text: str) -> object:
    """An example cell as Excel would hold it: numbers as numbers, dates as dates, the rest as text."""
    if not text:
        return None
    if column.value in (Value.NUMBER, Value.INTEGER, Value.STRENGTH):
        number = parse_number(text)
        return int(number) if number.is_integer() else number
    if column.value is Value.DATE:
        return parse_date(text)
    if column.value is Value.DATE_OR_YEAR:
        return int(text) if text.isdigit() else parse_date(text)
    return text


def _number_format(column: Column) -> str:
    if column.value in _TEXT_VALUES:
        return TEXT_FORMAT
    if column.value is Value.DATE:
        return DATE_FORMAT
    return "General"


def _orientations(rows_by_file: dict[str, list[list[str]]]) -> list[str]:
    """The orientations of the example rows, in order of first use."""
    found: dict[str, None] = {}
    for rows in rows_by_file.values():
        if "orientations" in rows[0]:
            position = rows[0].index("orientations")
            found.update(dict.fromkeys(item for row in rows[1:] for item in parse_list(row[position])))
    return list(found)


def _fill_lists(sheet: Worksheet, lists: dict[str, list[str]]) -> None:
    sheet.append(list(lists))
    for cell in sheet[1]:
        cell.font = _BOLD
    for position, words in enumerate(lists.values(), start=1):
        for row, word in enumerate(words, start=2):
            sheet.cell(row, position, word)
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = 30
        sheet.column_dimensions[letter].number_format = TEXT_FORMAT
    sheet.freeze_panes = "A2"


def _fill_sheet(sheet: Worksheet, spec: FileSpec, rows: list[list[str]], lists: list[str]) -> None:
    header, examples = rows[0], rows[1:]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = _BOLD
    for example in examples:
        sheet.append([typed_value(column, text) for column, text in zip(spec.columns, example, strict=True)])
    for position, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(position)
        number_format = _number_format(column)
        # The column's style formats the cells typed later; the example cells carry it themselves.
        sheet.column_dimensions[letter].number_format = number_format
        for (cell,) in sheet.iter_rows(min_row=2, min_col=position, max_col=position):
            # A "date or year" column holds both: a year stays a number, a date is shown as one.
            cell.number_format = DATE_FORMAT if isinstance(cell.value, dt.date) else number_format
        longest = max((len(str(example[position - 1])) for example in examples), default=0)
        validation = _validation(column, lists)
        wanted = max(len(column.name), longest) + 2 + (3 if validation else 0)  # room for the arrow
        sheet.column_dimensions[letter].width = max(MIN_WIDTH, min(MAX_WIDTH, wanted))
        if validation is not None:
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows)}"


def _validation(column: Column, lists: list[str]) -> DataValidation | None:
    """The drop-down of a column, if it has one: sector words, strengths, the ids of another sheet, or the
    words of its column of the "Lists" sheet (``lists``: the headers of that sheet).

    Only sector and strength refuse other values: a reference may also be a name, a list holds several
    items separated by ``;`` and orientations and types are free text, so those drop-downs only suggest.
    """
    if column.value is Value.SECTOR:
        return _list_validation(_quoted(SECTOR_WORDS), "sector", "public, private, civil, academic")
    if column.value is Value.STRENGTH:
        return _list_validation('"1,2,3"', "strength", "1 (weak), 2 or 3 (strong)")
    if column.name in lists:
        letter = get_column_letter(lists.index(column.name) + 1)
        return _list_validation(f"{quote_sheetname(LISTS_TITLE)}!${letter}$2:${letter}${LIST_ROWS}", None, "")
    if column.ref is not None:
        spec = _REF_SHEETS[column.ref]
        letter = get_column_letter(spec.column_names.index("id") + 1)
        source = f"{quote_sheetname(spec.name)}!${letter}$2:${letter}${TEMPLATE_ROWS}"
        single = column.value is not Value.LIST
        why = f"not an id of the sheet {spec.name}" if single else None
        return _list_validation(source, why, f"an id or the exact name from the sheet {spec.name}")
    return None


def _quoted(words: Iterable[str]) -> str:
    return '"' + ",".join(words) + '"'


def _list_validation(source: str, refused: str | None, hint: str) -> DataValidation:
    """A drop-down; ``refused``: the message for another value (a warning the user may override), None: no message."""
    validation = DataValidation(type="list", formula1=source, allow_blank=True, showDropDown=False)
    validation.showErrorMessage = refused is not None
    if refused is not None:
        validation.errorStyle = "warning"
        validation.errorTitle = refused
        validation.error = f"Expected {hint}"
    return validation


def _fill_readme(sheet: Worksheet) -> None:
    sheet.append(["Läs mig", "Read me"])
    for cell in sheet[1]:
        cell.font = Font(bold=True, size=14)
    for swedish, english in INTRODUCTION:
        sheet.append([swedish, english])
    sheet.append([])
    header = ["blad / sheet", "kolumn / column", "krävs / required", "typ / type", "svenska", "English"]
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = _BOLD
    for spec in FILES:
        for column in spec.columns:
            swedish, english = COLUMN_HELP[spec.name][column.name]
            kind_sv, kind_en = VALUE_WORDS[column.value]
            if column.ref is not None:
                target = _REF_SHEETS[column.ref].name
                kind_sv, kind_en = f"{kind_sv}, id i {target}", f"{kind_en}, ids of {target}"
            required = "ja / yes" if column.required else ""
            sheet.append([spec.name, column.name, required, f"{kind_sv} / {kind_en}", swedish, english])
    widths = (20, 20, 16, 44, 60, 60)
    for position, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = width
    for row in sheet.iter_rows(min_row=2, max_col=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = f"A{len(INTRODUCTION) + 4}"
