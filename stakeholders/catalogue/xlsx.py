"""The catalogue as an Excel workbook: an overview sheet and one sheet per group."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from stakeholders.catalogue.build import Catalogue, Cell
from stakeholders.catalogue.text import spreadsheet_cell

SHEET_NAME_MAX = 31  # Excel's limit
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
# Excel keeps "History" for its change tracking.
_RESERVED_SHEET_NAMES = frozenset({"history"})
MIN_WIDTH, MAX_WIDTH = 8, 50
CELL_TEXT_MAX = 32_767  # Excel's limit; longer text makes Excel "repair" the workbook
_HEADER_FONT = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


def sheet_names(labels: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """Valid, unique sheet names for ``labels``, in order.

    Excel's rules: 1 to 31 characters, none of ``[]:*?/\\``, not starting
    or ending with ``'``, unique regardless of case. Forbidden characters
    become ``-``; a clash gets a suffix " (2)", " (3)", ...

    Parameters
    ----------
    labels : iterable of str
        The wanted names (group labels).
    taken : iterable of str
        Names already used in the workbook (e.g. the overview sheet).

    Returns
    -------
    list of str
        One name per label.
    """
    used = {name.casefold() for name in taken} | _RESERVED_SHEET_NAMES
    names = []
    for label in labels:
        base = " ".join(_SHEET_NAME_FORBIDDEN.sub("-", label).split()).strip("'").strip() or "-"
        name = base[:SHEET_NAME_MAX].rstrip("'")
        number = 2
        while name.casefold() in used:
            suffix = f" ({number})"
            name = base[: SHEET_NAME_MAX - len(suffix)].rstrip("'") + suffix
            number += 1
        used.add(name.casefold())
        names.append(name)
    return names


def _xlsx_value(value: Cell) -> Cell:
    value = spreadsheet_cell(value)
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value if len(value) <= CELL_TEXT_MAX else value[: CELL_TEXT_MAX - 1] + "…"


def _fill_sheet(sheet: Worksheet, headings: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
    """Header row (bold, frozen, autofilter), rows, readable column widths."""
    sheet.append(list(headings))
    for cell in sheet[1]:
        cell.font = _HEADER_FONT
    for row in rows:
        sheet.append([_xlsx_value(value) for value in row])
    for sheet_row in sheet.iter_rows(min_row=2):
        for sheet_cell in sheet_row:
            sheet_cell.alignment = _WRAP
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(headings))
    sheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    for index, heading in enumerate(headings, start=1):
        longest = max((len(str(row[index - 1])) for row in rows), default=0)
        width = max(MIN_WIDTH, min(MAX_WIDTH, max(len(heading), longest) + 2))
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def render_xlsx(catalogue: Catalogue) -> bytes:
    """The workbook as bytes: "Overview" (group, number of actors, a link to each sheet), then a sheet per group."""
    workbook = Workbook()
    overview = workbook.active
    assert isinstance(overview, Worksheet)  # a new workbook's one sheet
    overview.title = catalogue.text("overview")
    workbook.properties.title = f"{catalogue.title}: {catalogue.dataset}"
    names = sheet_names((group.label for group in catalogue.groups), taken=[overview.title])
    _fill_sheet(
        overview,
        [catalogue.group_heading, catalogue.text("actors")],
        [[group.label, len(group.rows)] for group in catalogue.groups],
    )
    for row, name in enumerate(names, start=2):
        cell = overview.cell(row=row, column=1)
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"{quote_sheetname(name)}!A1")
        cell.style = "Hyperlink"
    for group, name in zip(catalogue.groups, names, strict=True):
        sheet = workbook.create_sheet(name)
        _fill_sheet(sheet, catalogue.headings, [row.cells for row in group.rows])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
