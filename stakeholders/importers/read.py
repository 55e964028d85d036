"""Read one list of operations into checked columns: every bad cell found, nothing half-read.

Column-wise, and each distinct cell text parsed once: lists repeat their dates, categories, places and
beneficiaries, and a 100,000-row export must import in a few times the time ``pandas.read_csv`` takes.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from stakeholders.importers.cells import (
    format_amount,
    last_segment,
    one_line,
    one_lines,
    parse_amount,
    parse_list_date,
    split_items,
    split_partners,
)
from stakeholders.importers.fast import read_columns
from stakeholders.importers.layouts import PERSONAL_FIELDS, ColumnMap, Layout, map_columns
from stakeholders.problems import DatasetError, Problem, Severity
from stakeholders.tables import (
    WORKBOOK_SUFFIXES,
    Table,
    TableReadError,
    build_table,
    cell_text,
    decode,
    parse_csv,
    sniff_delimiter,
)
from stakeholders.values import ValueProblem

SKIP_HINT = "or run with --skip-invalid to import the other rows (rejected rows go to rejected.csv)"
TEXT_EXTRAS = ("name_en", "description_en", "postcode", "country", "fund", "programme", "period")
ONE_LINE_EXTRAS = ("eu_cofinancing", "cofinancing_rate")
REJECTED_COLUMNS = ("file", "row", "column", "value", "reason")
T = TypeVar("T")


@dataclass(frozen=True)
class Rejected:
    """A value that made a row unusable: where it is and why."""

    file: str
    row: int
    column: str
    value: str
    reason: str

    def to_row(self) -> dict[str, str]:
        row, column, value, reason = str(self.row), self.column, self.value, self.reason
        return {"file": self.file, "row": row, "column": column, "value": value, "reason": reason}


@dataclass
class Operations:
    """The good rows of one list, by column, in our fields (dates ISO, amounts plain, lists as tuples)."""

    file: str
    rows: list[int]
    ids: list[str]
    names: list[str]
    descriptions: list[str]
    owners: list[str]
    owner_numbers: list[str]
    partners: list[tuple[str, ...]]
    starts: list[str]
    ends: list[str]
    budgets: list[str]
    currencies: list[str]
    orientations: list[tuple[str, ...]]
    target_groups: list[tuple[str, ...]]
    places: list[tuple[tuple[str, str], ...]]  # (LAU code or "", name) of each municipality
    regions: list[str]
    extra: dict[str, list[str]] = field(default_factory=dict)
    contacts: list[dict[str, str]] | None = None  # only with --keep-personal-data

    def __len__(self) -> int:
        return len(self.rows)


@dataclass
class FileRead:
    """What one file gave: its layout, the good rows and the rejected values."""

    location: str
    layout: Layout
    rows: int
    operations: Operations
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
        data = path.read_bytes()
    except OSError as error:
        problem = Problem(Severity.ERROR, location, f"cannot read the file: {error.strerror or error}")
        raise DatasetError([problem]) from None
    chosen: list[ColumnMap] = []

    def choose(header: list[str]) -> Sequence[str]:
        chosen.append(map_columns(location, header, layout, mapping))
        fields = chosen[0].headers.items()
        return [h for f, h in fields if keep_personal_data or f not in PERSONAL_FIELDS]  # never read, then

    fast = None if path.suffix.lower() in WORKBOOK_SUFFIXES else read_columns(data, choose)
    if fast is not None:
        _, numbers, by_header = fast
        columns = chosen[0]
    else:
        numbers, by_header, columns = _read_slowly(location, data, layout, mapping)
    count = len(numbers)
    empty = [""] * count
    cells = {f: by_header[h] for f, h in columns.headers.items() if h in by_header}
    for name in _ALL_FIELDS:
        cells.setdefault(name, empty)
    check = _Checker(location, columns.headers, numbers)
    starts = check.column("start", cells["start"], lambda t: parse_list_date(t).isoformat())
    ends = check.column("end", cells["end"], lambda t: parse_list_date(t).isoformat())
    amounts = check.column("budget", cells["budget"], _amount)
    check.required("name", cells["name"])
    check.required("owner", cells["owner"])
    for k in [k for k, (s, e) in enumerate(zip(starts, ends, strict=True)) if s and e and e < s]:
        check.bad(k, "end", cells["end"][k], "the operation ends before it starts", f"It starts {starts[k]}")
    keep = [k for k in range(count) if k not in check.bad_rows] if check.bad_rows else None
    pick = _picker(keep)
    currencies = [c or (a[1] if a else "") for c, a in zip(pick(cells["currency"]), pick(amounts), strict=True)]
    operations = Operations(
        file=location,
        rows=pick(list(numbers)),
        ids=_ids(pick(cells["id"]), pick(cells["unique_id"])),
        names=one_lines(pick(cells["name"])),
        descriptions=pick(cells["description"]),
        owners=_mapped(lambda t: one_line(split_partners(t)[0]), pick(cells["owner"])),
        owner_numbers=pick(cells["owner_number"]),
        partners=_partners(pick(cells["owner"]), pick(cells["partners"])),
        starts=[s or "" for s in pick(starts)],
        ends=[e or "" for e in pick(ends)],
        budgets=[a[0] if a else "" for a in pick(amounts)],
        currencies=currencies,
        orientations=_orientations(pick(cells["category"]), pick(cells["priority"]), pick(cells["objective"])),
        target_groups=_mapped(lambda t: tuple(map(one_line, split_items(t))), pick(cells["target_groups"])),
        places=_places(pick(cells["municipalities"]), pick(cells["city"]), pick(cells["municipality_codes"])),
        regions=one_lines(pick(cells["region"])),
        extra={f: pick(cells[f]) for f in TEXT_EXTRAS if f in columns.headers},
    )
    operations.extra.update((f, _mapped(one_line, pick(cells[f]))) for f in ONE_LINE_EXTRAS if f in columns.headers)
    if keep_personal_data:
        personal = {f: pick(cells[f]) for f in PERSONAL_FIELDS}
        operations.contacts = [_contact({f: personal[f][k] for f in PERSONAL_FIELDS}) for k in range(len(operations))]
    problems = sorted(check.problems, key=lambda p: p.row or 0)  # by row, as the user reads the file
    rejected = sorted(check.rejected, key=lambda r: r.row)
    return FileRead(location, columns.layout, count, operations, problems, rejected)


_ALL_FIELDS = (
    "id", "unique_id", "name", "description", "owner", "owner_number", "partners", "start", "end", "budget",
    "currency", "category", "priority", "objective", "target_groups", "municipalities", "city",
    "municipality_codes", "region", *TEXT_EXTRAS, *ONE_LINE_EXTRAS, *PERSONAL_FIELDS,
)  # fmt: skip


def _read_slowly(
    location: str, data: bytes, layout: Layout | None, mapping: Mapping[str, str] | None
) -> tuple[list[int], dict[str, list[str]], ColumnMap]:
    """Row numbers, columns by header (as written) and the column map, by the dataset reader's CSV parser."""
    try:
        if data.startswith(b"PK\x03\x04") and Path(location).suffix.lower() in WORKBOOK_SUFFIXES:
            table, original = _read_sheet(location, data)
        else:
            text = decode(data, location)
            table = parse_csv("operations", location, text)
            original = _original_header(text)
    except TableReadError as error:
        raise DatasetError(error.problems) from None
    header = [original.get(c, c) for c in table.header]
    columns = map_columns(location, header, layout, mapping)
    by_header = {original.get(c, c): table.columns[c] for c in table.header}
    return list(table.numbers), by_header, columns


_PLAIN_AMOUNT = re.compile(r"[0-9]+(?:\.[0-9]{1,2})?")
_SPACED_AMOUNT = re.compile(r"[0-9]{1,3}(?: [0-9]{3})+")


def _amount(text: str) -> tuple[str, str]:
    """An amount as our format writes it, and its currency; the common forms without a float."""
    if _PLAIN_AMOUNT.fullmatch(text):
        return text, ""
    if _SPACED_AMOUNT.fullmatch(text):
        return text.replace(" ", ""), ""
    value, currency = parse_amount(text)
    return format_amount(value), currency


def _read_sheet(location: str, data: bytes) -> tuple[Table, dict[str, str]]:
    """The first sheet of a workbook (a list published as .xlsx) as a table of cell texts, and its header."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        records = [[cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        title = sheet.title
        workbook.close()
    except Exception as error:  # openpyxl, zipfile and XML errors: the file is no sound workbook
        hint = "Save it from Excel as .xlsx (Excel Workbook) or as CSV UTF-8"
        problem = Problem(Severity.ERROR, location, f"not a readable Excel workbook ({error})", hint=hint)
        raise TableReadError([problem]) from None
    if not records:
        raise TableReadError([Problem(Severity.ERROR, location, "the first sheet is empty", 1)])
    header = {_lower(cell): cell.strip() for cell in records[0]}
    return build_table("operations", f"{location}, sheet {title}", records), header


def _lower(header: str) -> str:
    return header.strip().lstrip("\ufeff").strip().lower()


def _original_header(text: str) -> dict[str, str]:
    """The header cells as written, by the lower-case name the table knows them by."""
    head = text[: 1 << 16]
    first = next(csv.reader(io.StringIO(head, newline=""), delimiter=sniff_delimiter(head)), [])
    return {_lower(cell): cell.strip().lstrip("\ufeff").strip() for cell in first}


def _picker(keep: list[int] | None) -> Callable[[list[T]], list[T]]:
    if keep is None:
        return lambda values: values
    return lambda values: [values[k] for k in keep]


def _mapped(function: Callable[[str], T], texts: Sequence[str]) -> list[T]:
    """``function`` of each text, worked out once per distinct text."""
    distinct = dict.fromkeys(texts)
    results = {text: function(text) for text in distinct}
    return [results[text] for text in texts]


class _Checker:
    """Parses columns, collecting every bad value as a problem (strict) and a rejected value (--skip-invalid)."""

    def __init__(self, location: str, headers: Mapping[str, str], numbers: Sequence[int]) -> None:
        self.location = location
        self.headers = headers
        self.numbers = numbers
        self.problems: list[Problem] = []
        self.rejected: list[Rejected] = []
        self.bad_rows: set[int] = set()

    def bad(self, k: int, name: str, value: str, message: str, hint: str) -> None:
        number, column = self.numbers[k], self.headers.get(name, name)
        full_hint = f"{hint}; {SKIP_HINT}" if hint else SKIP_HINT.capitalize()
        self.problems.append(Problem(Severity.ERROR, self.location, message, number, column, value, full_hint))
        self.rejected.append(Rejected(self.location, number, column, value, message))
        self.bad_rows.add(k)

    def column(self, name: str, texts: list[str], parse: Callable[[str], T]) -> list[T | None]:
        results: dict[str, T | ValueProblem | None] = {"": None}
        for text in dict.fromkeys(texts):
            if text not in results:
                try:
                    results[text] = parse(text)
                except ValueProblem as problem:
                    results[text] = problem
        values = [results[text] for text in texts]
        if any(isinstance(value, ValueProblem) for value in results.values()):
            for k, value in enumerate(values):
                if isinstance(value, ValueProblem):
                    self.bad(k, name, texts[k], value.message, value.hint)
                    values[k] = None
        return values  # type: ignore[return-value]

    def required(self, name: str, texts: list[str]) -> None:
        if "" in texts:
            for k in [k for k, text in enumerate(texts) if not text]:
                self.bad(k, name, "", "a required value is missing", f"Every operation needs a {name}")


def _partners(owners: list[str], cells: list[str]) -> list[tuple[str, ...]]:
    """Each row's partners: the partner cell's, after any further beneficiaries named in the owner's cell."""

    def partners(pair: tuple[str, str]) -> tuple[str, ...]:
        owner, cell = pair
        extra = split_partners(owner)[1:] if owner and _BREAKS.search(owner) else []
        return tuple(map(one_line, [*extra, *split_partners(cell)]))

    pairs = list(zip(owners, cells, strict=True))
    results = {pair: partners(pair) for pair in dict.fromkeys(pairs)}
    return [results[pair] for pair in pairs]


_BREAKS = re.compile(r"[\n\r;|]")


def _ids(ids: list[str], unique_ids: list[str]) -> list[str]:
    """The id, else the last path segment of the unique id, else "" (the project gets a slug of its name)."""
    if all(ids):
        return one_lines(ids)
    return [one_line(i) if i else (last_segment(u) if u else "") for i, u in zip(ids, unique_ids, strict=True)]


def _orientations(categories: list[str], priorities: list[str], objectives: list[str]) -> list[tuple[str, ...]]:
    def orientations(cells: tuple[str, str, str]) -> tuple[str, ...]:
        category, priority, objective = cells
        items = [one_line(item) for item in split_items(category.replace("\n", " "))]
        items += [one_line(text) for text in (priority, objective) if text]
        first: dict[str, str] = {}
        for item in items:
            first.setdefault(item.casefold(), item)
        return tuple(first.values())

    triples = list(zip(categories, priorities, objectives, strict=True))
    results = {triple: orientations(triple) for triple in dict.fromkeys(triples)}
    return [results[triple] for triple in triples]


def _places(labels: list[str], cities: list[str], codes: list[str]) -> list[tuple[tuple[str, str], ...]]:
    """Each row's municipalities: the LAU labels or municipality column, else the city; with LAU codes if given."""

    def places(cells: tuple[str, str, str]) -> tuple[tuple[str, str], ...]:
        label, city, code = cells
        names = [one_line(name) for name in split_items(label or city)]
        numbers = split_items(code) if label else []
        if len(numbers) != len(names):
            numbers = [""] * len(names)
        return tuple(zip(numbers, names, strict=True))

    triples = list(zip(labels, cities, codes, strict=True))
    results = {triple: places(triple) for triple in dict.fromkeys(triples)}
    return [results[triple] for triple in triples]


def _contact(cells: Mapping[str, str]) -> dict[str, str]:
    """contact_name, email and phone of the first contact (only called with --keep-personal-data)."""
    contact = {k: one_line(cells[k]) for k in ("contact_name", "email", "phone") if cells.get(k)}
    combined = cells.get("contacts", "")
    if combined and not contact:
        first = (split_partners(combined) or [""])[0]
        for part in (p.strip() for p in first.split(",")):
            if "@" in part:
                contact.setdefault("email", part)
            elif part and sum(c.isdigit() for c in part) >= 6:
                contact.setdefault("phone", part)
            elif part:
                contact.setdefault("contact_name", part)
    return contact
