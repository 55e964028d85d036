"""Read one list of operations into checked rows: every bad cell found, nothing half-read."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from stakeholders.importers.cells import (
    last_segment,
    one_line,
    parse_amount,
    parse_list_date,
    split_items,
    split_partners,
)
from stakeholders.importers.layouts import PERSONAL_FIELDS, ColumnMap, Layout, map_columns
from stakeholders.problems import DatasetError, Problem, Severity
from stakeholders.tables import TableReadError, decode, parse_csv, sniff_delimiter
from stakeholders.values import ValueProblem

SKIP_HINT = "or run with --skip-invalid to import the other rows (rejected rows go to rejected.csv)"
_TEXT_FIELDS = ("name_en", "description", "description_en", "postcode", "country", "fund", "programme", "period")


@dataclass(frozen=True)
class Rejected:
    """A value that made a row unusable: where it is and why."""

    file: str
    row: int
    column: str
    value: str
    reason: str

    def to_row(self) -> dict[str, str]:
        return {
            "file": self.file,
            "row": str(self.row),
            "column": self.column,
            "value": self.value,
            "reason": self.reason,
        }


REJECTED_COLUMNS = ("file", "row", "column", "value", "reason")


@dataclass
class Operation:
    """One checked row of a list of operations, in our fields."""

    file: str
    row: int
    id: str
    name: str
    owner: str
    owner_number: str = ""
    partners: list[str] = field(default_factory=list)
    start: dt.date | None = None
    end: dt.date | None = None
    budget: float | None = None
    currency: str = ""
    orientations: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    municipalities: list[str] = field(default_factory=list)
    municipality_codes: list[str] = field(default_factory=list)
    region: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    contact: dict[str, str] = field(default_factory=dict)


@dataclass
class FileRead:
    """What one file gave: its layout, the good operations and the rejected values."""

    location: str
    layout: Layout
    rows: int
    operations: list[Operation]
    problems: list[Problem]
    rejected: list[Rejected]


def read_operations(
    path: Path, layout: Layout | None, mapping: Mapping[str, str] | None, *, keep_personal_data: bool
) -> FileRead:
    """Read and check every row of one list of operations.

    Raises
    ------
    DatasetError
        When the file cannot be read as a table (not text, bad quotes).
    UsageError
        When its layout is unknown (see :func:`~stakeholders.importers.layouts.map_columns`).
    """
    location = path.name
    try:
        text = decode(path.read_bytes(), location)
        table = parse_csv("operations", location, text)
    except OSError as error:
        problem = Problem(Severity.ERROR, location, f"cannot read the file: {error.strerror or error}")
        raise DatasetError([problem]) from None
    except TableReadError as error:
        raise DatasetError(error.problems) from None
    original = _original_header(text)
    header = [original.get(column, column) for column in table.header]
    columns = map_columns(location, header, layout, mapping)
    cells = {f: table.columns[_lower(h)] for f, h in columns.headers.items() if _lower(h) in table.columns}
    reader = _RowReader(location, columns, cells, keep_personal_data)
    for k, number in enumerate(table.numbers):
        reader.read(k, number)
    return FileRead(location, columns.layout, len(table), reader.operations, reader.problems, reader.rejected)


def _lower(header: str) -> str:
    return header.strip().lstrip("\ufeff").strip().lower()


def _original_header(text: str) -> dict[str, str]:
    """The header cells as written, by the lower-case name the table knows them by."""
    first = next(csv.reader(io.StringIO(text[: 1 << 16], newline=""), delimiter=sniff_delimiter(text[: 1 << 16])), [])
    return {_lower(cell): cell.strip().lstrip("\ufeff").strip() for cell in first}


class _RowReader:
    def __init__(
        self, location: str, columns: ColumnMap, cells: dict[str, list[str]], keep_personal_data: bool
    ) -> None:
        self.location = location
        self.columns = columns
        self.cells = cells
        self.personal = keep_personal_data
        self.operations: list[Operation] = []
        self.problems: list[Problem] = []
        self.rejected: list[Rejected] = []

    def _bad(self, number: int, field_name: str, value: str, problem: ValueProblem | str, hint: str = "") -> None:
        message = problem if isinstance(problem, str) else problem.message
        hint = hint or (problem.hint if isinstance(problem, ValueProblem) else "")
        column = self.columns.headers[field_name]
        full_hint = f"{hint}; {SKIP_HINT}" if hint else SKIP_HINT.capitalize()
        self.problems.append(Problem(Severity.ERROR, self.location, message, number, column, value, full_hint))
        self.rejected.append(Rejected(self.location, number, column, value, message))

    def read(self, k: int, number: int) -> None:
        cells = self.cells

        def get(name: str) -> str:
            column = cells.get(name)
            return column[k] if column is not None else ""

        before = len(self.problems)
        name, owner = get("name"), get("owner")
        for required, value in (("name", name), ("owner", owner)):
            if not value:
                self._bad(number, required, value, "a required value is missing", f"Every operation needs a {required}")
        start = self._date(number, "start", get("start"))
        end = self._date(number, "end", get("end"))
        if start and end and end < start:
            self._bad(
                number, "end", get("end"), "the operation ends before it starts", f"It starts {start.isoformat()}"
            )
        budget, currency = None, ""
        if get("budget"):
            try:
                budget, currency = parse_amount(get("budget"))
            except ValueProblem as problem:
                self._bad(number, "budget", get("budget"), problem)
        if len(self.problems) > before:
            return
        operation = Operation(self.location, number, self._id(get), one_line(name), one_line(owner))
        operation.owner_number = get("owner_number")
        operation.partners = [one_line(p) for p in split_partners(get("partners"))]
        operation.start, operation.end, operation.budget = start, end, budget
        operation.currency = get("currency") or currency
        operation.orientations = _orientations(get)
        operation.target_groups = [one_line(t) for t in split_items(get("target_groups"))]
        places = get("municipalities") or get("city")
        operation.municipalities = [one_line(m) for m in split_items(places)]
        codes = split_items(get("municipality_codes")) if get("municipalities") else []
        operation.municipality_codes = codes if len(codes) == len(operation.municipalities) else []
        operation.region = one_line(get("region"))
        operation.extra = {f: get(f) for f in _TEXT_FIELDS if get(f)}
        for f in ("eu_cofinancing", "cofinancing_rate"):
            if get(f):
                operation.extra[f] = one_line(get(f))
        if self.personal:
            operation.contact = _contact({f: get(f) for f in PERSONAL_FIELDS})
        self.operations.append(operation)

    def _date(self, number: int, name: str, text: str) -> dt.date | None:
        if not text:
            return None
        try:
            return parse_list_date(text)
        except ValueProblem as problem:
            self._bad(number, name, text, problem)
            return None

    def _id(self, get) -> str:  # type: ignore[no-untyped-def]
        if get("id"):
            return one_line(get("id"))
        if get("unique_id"):
            return last_segment(get("unique_id"))
        return ""


def _orientations(get) -> list[str]:  # type: ignore[no-untyped-def]
    found: dict[str, str] = {}
    for item in split_items(get("category").replace("\n", " ")):
        found.setdefault(one_line(item).casefold(), one_line(item))
    for name in ("priority", "objective"):
        if get(name):
            found.setdefault(one_line(get(name)).casefold(), one_line(get(name)))
    return list(found.values())


def _contact(cells: Mapping[str, str]) -> dict[str, str]:
    """contact_name, email and phone of the first contact (only called with --keep-personal-data)."""
    contact = {k: one_line(cells[k]) for k in ("contact_name", "email", "phone") if cells.get(k)}
    combined = cells.get("contacts", "")
    if combined and not contact:
        first = split_partners(combined)[0] if split_partners(combined) else ""
        for part in (p.strip() for p in first.split(",")):
            if "@" in part:
                contact.setdefault("email", part)
            elif part and sum(c.isdigit() for c in part) >= 6:
                contact.setdefault("phone", part)
            elif part:
                contact.setdefault("contact_name", part)
    return contact
