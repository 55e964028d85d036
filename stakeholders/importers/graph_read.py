"""Read a Kumu or an Onodo workbook into elements and connections (:class:`~.graph_build.MapSheets`).

Kumu (docs.kumu.io, "Structure your data for Kumu"): a sheet ``Elements`` (``Label`` required; ``Type``,
``Description``, ``Tags`` with ``|`` between values, an optional ``ID``; any other column is a field) and a sheet
``Connections`` (``From`` and ``To`` required, several elements in one cell separated by ``|``; ``Type`` or
``Connection Type``, ``Direction``; other columns are fields). Kumu ignores sheets whose name holds "(ignore)".

Onodo (civio/onodo, its template ``onodo_template.xlsx``): a sheet of nodes (``Name``, ``Type``, ``Description``,
``Visible`` and custom columns) and a sheet of relations (``Source``, ``Type``, ``Target``, ``Directed``, ``At``,
``From``, ``To`` and custom columns); ``At`` (else ``From``) becomes a cooperation's ``since``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from stakeholders.errors import UsageError
from stakeholders.importers.graph_rules import normalise
from stakeholders.importers.graph_sheets import Connection, Element, MapSheets
from stakeholders.problems import DatasetError, Problem, Severity
from stakeholders.safety import restore_cell
from stakeholders.tables import cell_text


class MapFormat(StrEnum):
    KUMU = "kumu"
    ONODO = "onodo"


@dataclass
class Sheet:
    title: str
    header: list[str]  # as written, stripped
    rows: list[tuple[int, list[str]]]  # (row number as a spreadsheet shows it, cells), empty rows left out

    def index(self) -> dict[str, int]:
        """Normalised header -> column position (unnamed columns left out)."""
        return {normalise(name): k for k, name in enumerate(self.header) if name}


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet of the workbook as text cells.

    Raises
    ------
    DatasetError
        When the file cannot be read or is no Excel workbook.
    """
    from openpyxl import load_workbook

    try:
        data = path.read_bytes()
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except OSError as error:
        raise DatasetError([Problem(Severity.ERROR, path.name, f"cannot read the file: {error.strerror}")]) from None
    except Exception as error:  # zipfile, XML and openpyxl errors: no sound workbook
        hint = "Save the map from Kumu (Export -> Excel) or from Excel as .xlsx (Excel Workbook)"
        problem = Problem(Severity.ERROR, path.name, f"not a readable Excel workbook ({error})", hint=hint)
        raise DatasetError([problem]) from None
    sheets = []
    for sheet in workbook.worksheets:
        records = [[restore_cell(cell_text(v).strip()) for v in row] for row in sheet.iter_rows(values_only=True)]
        header = records[0] if records else []
        rows = [(n, cells) for n, cells in enumerate(records[1:], start=2) if any(cells)]
        sheets.append(Sheet(sheet.title, header, rows))
    workbook.close()
    return sheets


def _by_name(sheets: list[Sheet], *names: str) -> Sheet | None:
    return next((s for s in sheets if normalise(s.title) in names and "(ignore)" not in s.title.casefold()), None)


def _onodo_sheets(sheets: list[Sheet]) -> tuple[Sheet | None, Sheet | None]:
    # By name, else by Onodo's headers (Name and Type; Source, Type and Target: our own cooperation sheet has no Type).
    nodes = _by_name(sheets, "nodes", "nodos") or next(
        (s for s in sheets if {"name", "type"} <= s.index().keys()), None
    )
    relations = _by_name(sheets, "relations", "relaciones") or next(
        (s for s in sheets if {"source", "type", "target"} <= s.index().keys()), None
    )
    return nodes, relations


def map_format_of(sheets: list[Sheet]) -> MapFormat | None:
    """Kumu when a sheet is named Elements; Onodo when there are sheets of nodes and relations; else None."""
    if _by_name(sheets, "elements") is not None:
        return MapFormat.KUMU
    nodes, relations = _onodo_sheets(sheets)
    if nodes is not None and relations is not None:
        return MapFormat.ONODO
    return None


def detect_map_format(path: Path) -> MapFormat | None:
    """The map format of a workbook, or None when ``path`` is no .xlsx file or no Kumu or Onodo map."""
    if path.suffix.lower() != ".xlsx" or not path.is_file():
        return None
    try:
        return map_format_of(read_sheets(path))
    except DatasetError:
        return None


def read_map(path: Path, format: MapFormat | None) -> MapSheets:
    """The elements and connections of a Kumu or Onodo workbook.

    Raises
    ------
    DatasetError
        When the workbook is unreadable or a sheet lacks a required column or value.
    UsageError
        When the workbook holds no map of ``format`` (or of either format when None).
    """
    sheets = read_sheets(path)
    found = map_format_of(sheets)
    chosen = format or found
    names = ", ".join(s.title for s in sheets) or "none"
    if chosen is None:
        raise UsageError(
            f"{path.name} is neither a Kumu map (sheets Elements and Connections) nor an Onodo map (sheets of "
            f"nodes and relations); its sheets: {names}. See docs/migrate.md"
        )
    if chosen is MapFormat.KUMU:
        elements, connections = _by_name(sheets, "elements"), _by_name(sheets, "connections")
        wanted = "a sheet named Elements"
    else:
        elements, connections = _onodo_sheets(sheets)
        wanted = "a sheet of nodes (Name, Type, ...) and one of relations (Source, Type, Target, ...)"
    if elements is None or (chosen is MapFormat.ONODO and connections is None):
        raise UsageError(f"{path.name} is no {chosen.value} map: it needs {wanted}; its sheets: {names}")
    reader = _Reader(path.name, chosen)
    read_elements = reader.elements(elements)
    read_connections = reader.connections(connections) if connections is not None else []
    if reader.problems:
        raise DatasetError(reader.problems, skippable=False)
    return MapSheets(
        path.name,
        elements.title,
        connections.title if connections else "Connections",
        reader.headers,
        read_elements,
        read_connections,
        chosen.value,
    )


# Built-in columns: our name -> the normalised headers that hold it, per format and sheet.
Columns = dict[str, tuple[str, ...]]
KUMU_ELEMENTS: Columns = {"label": ("label",), "type": ("type", "element type"), "description": ("description",),
                 "tags": ("tags",), "id": ("id",)}  # fmt: skip
KUMU_CONNECTIONS: Columns = {"from": ("from",), "to": ("to",), "connection type": ("connection type", "type"),
                    "direction": ("direction",), "connection id": ("id",)}  # fmt: skip
ONODO_NODES: Columns = {"label": ("name",), "type": ("type",), "description": ("description",)}
ONODO_RELATIONS: Columns = {
    "from": ("source",),
    "to": ("target",),
    "connection type": ("type",),
    "direction": ("directed",),
}
# Onodo's relation dates: At (else From) is when it began, our "since"; To is kept as "until".
ONODO_DATES = {"at": "since", "from": "from", "to": "until"}


class _Reader:
    def __init__(self, file: str, format: MapFormat) -> None:
        self.file = file
        self.format = format
        self.problems: list[Problem] = []
        self.headers: dict[str, str] = {}

    def _columns(self, sheet: Sheet, builtins: dict[str, tuple[str, ...]], required: tuple[str, ...]) -> dict[str, int]:
        where = f"{self.file}, sheet {sheet.title}"
        seen: dict[str, int] = {}
        for k, name in enumerate(sheet.header):
            if name and normalise(name) in seen:
                self.problems.append(
                    Problem(
                        Severity.ERROR,
                        where,
                        "a column named twice",
                        1,
                        name,
                        hint=f"Rename or remove one of the columns {name!r}",
                    )
                )
            seen.setdefault(normalise(name), k)
        positions = {}
        for ours, theirs in builtins.items():
            column = next((seen[h] for h in theirs if h in seen), None)
            if column is not None:
                positions[ours] = column
                self.headers[ours] = sheet.header[column]
        for ours in required:
            if ours not in positions:
                listed = ", ".join(h for h in sheet.header if h) or "none"
                message = f"the required column {builtins[ours][0].title()!r} is missing"
                hint = f"Row 1 must name it; the columns found: {listed}"
                self.problems.append(Problem(Severity.ERROR, where, message, 1, hint=hint))
        return positions

    def _fields(self, sheet: Sheet, cells: list[str], used: set[int]) -> dict[str, str]:
        return {
            sheet.header[k]: cells[k]
            for k in range(min(len(cells), len(sheet.header)))
            if k not in used and sheet.header[k] and cells[k]
        }

    def _required(self, sheet: Sheet, row: int, column: str, value: str) -> bool:
        if value:
            return True
        message, hint = "a required value is missing", f"Fill in {column!r} or delete the row"
        self.problems.append(
            Problem(Severity.ERROR, f"{self.file}, sheet {sheet.title}", message, row, column, hint=hint)
        )
        return False

    def elements(self, sheet: Sheet) -> list[Element]:
        kumu = self.format is MapFormat.KUMU
        columns = self._columns(sheet, KUMU_ELEMENTS if kumu else ONODO_NODES, ("label",))
        if "label" not in columns:
            return []
        used = set(columns.values())
        result = []
        for row, cells in sheet.rows:
            cells = cells + [""] * (len(sheet.header) - len(cells))

            def cell(name: str, cells: list[str] = cells) -> str:
                return cells[columns[name]] if name in columns else ""

            if not self._required(sheet, row, self.headers["label"], cell("label")):
                continue
            tags = tuple(t.strip() for t in cell("tags").split("|") if t.strip())
            result.append(
                Element(
                    row,
                    cell("label"),
                    cell("type"),
                    cell("description"),
                    tags,
                    cell("id"),
                    self._fields(sheet, cells, used),
                )
            )
        return result

    def connections(self, sheet: Sheet) -> list[Connection]:
        kumu = self.format is MapFormat.KUMU
        columns = self._columns(sheet, KUMU_CONNECTIONS if kumu else ONODO_RELATIONS, ("from", "to"))
        if "from" not in columns or "to" not in columns:
            return []
        used = set(columns.values())
        result = []
        for row, cells in sheet.rows:
            cells = cells + [""] * (len(sheet.header) - len(cells))
            source, target = cells[columns["from"]], cells[columns["to"]]
            if not (self._required(sheet, row, self.headers["from"], source)
                    and self._required(sheet, row, self.headers["to"], target)):  # fmt: skip
                continue
            fields = self._fields(sheet, cells, used)
            if not kumu:
                fields = _onodo_dates(fields)
            kind = cells[columns["connection type"]] if "connection type" in columns else ""
            result.append(Connection(row, source, target, kind, fields))
        return result


def _onodo_dates(fields: dict[str, str]) -> dict[str, str]:
    """Onodo's At/From/To as since/from/until; From is the since when At is empty."""
    renamed = {ONODO_DATES.get(normalise(h), h): v for h, v in fields.items()}
    if "since" not in renamed and "from" in renamed:
        renamed["since"] = renamed.pop("from")
    return renamed
