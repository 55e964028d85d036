"""Load a dataset into a validated :class:`~stakeholders.model.Dataset`.

Every error is collected before anything is built: the caller gets either a
whole, valid dataset or a :class:`DatasetError` listing every problem with
file, row, column, value and a hint. Never half a dataset.

The passes, in order: required columns; ids (unique, ignoring case); cell
values; implicit municipalities and target groups (when their file is absent);
references (by id or exact name, ignoring case); checks across a row or a file
(end before start, self-cooperation, parent cycles); warnings. Only a dataset
without errors is turned into model records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from types import MappingProxyType
from typing import Any

from stakeholders import model
from stakeholders.problems import DatasetError, Problem, Severity
from stakeholders.rules import AMBIGUOUS, ROW_CHECKS, ReferenceIndex, name_key, parent_cycles
from stakeholders.schema import (
    ACTORS,
    ALL_MUNICIPALITIES,
    COOPERATION,
    FILES,
    FILES_BY_NAME,
    FUNDING,
    MUNICIPALITIES,
    NODE_FILES,
    PROJECTS,
    REF_KINDS,
    TARGET_GROUP_SIZES,
    TARGET_GROUPS,
    Column,
    FileSpec,
    Ref,
    Value,
)
from stakeholders.tables import ReadResult, Row, Table, read_tables
from stakeholders.values import (
    ValueProblem,
    parse_date,
    parse_date_or_year,
    parse_integer,
    parse_list,
    parse_number,
    parse_sector,
    parse_strength,
)

# None: the text is the value.
_PARSERS: dict[Value, Callable[[str], Any] | None] = {
    Value.TEXT: None,
    Value.LIST: parse_list,
    Value.NUMBER: parse_number,
    Value.INTEGER: parse_integer,
    Value.DATE: parse_date,
    Value.DATE_OR_YEAR: parse_date_or_year,
    Value.SECTOR: parse_sector,
    Value.STRENGTH: parse_strength,
}
_MAX_HINTED = 20  # close-match hints cost a scan of all names: hint the first ones only
_NO_EXTRA: model.Extra = MappingProxyType({})
_REF_SPECS: dict[Ref, FileSpec] = {ref: NODE_FILES[kind] for ref, kind in REF_KINDS.items()}
_SPEC_REFS: dict[str, Ref] = {spec.name: ref for ref, spec in _REF_SPECS.items()}
_RECORD_TYPES: dict[str, type] = {
    MUNICIPALITIES.name: model.Municipality,
    TARGET_GROUPS.name: model.TargetGroup,
    ACTORS.name: model.Actor,
    PROJECTS.name: model.Project,
    TARGET_GROUP_SIZES.name: model.TargetGroupSize,
    COOPERATION.name: model.Cooperation,
    FUNDING.name: model.Funding,
}

Values = dict[str, Any]
Parsed = list[tuple[Row, Values]]


def load_dataset(path: str | Path) -> model.Dataset:
    """Read, validate and load the dataset at ``path`` (a folder of CSV files or an .xlsx workbook).

    Raises
    ------
    DatasetError
        With every error (and the warnings) when the dataset is invalid.
    """
    dataset, _ = load_with_warnings(path)
    return dataset


def load_with_warnings(path: str | Path) -> tuple[model.Dataset, list[Problem]]:
    """Like :func:`load_dataset`, also returning the warnings."""
    path = Path(path)
    if not path.exists():
        hint = "Check the path: a folder of CSV files, an .xlsx workbook, or sample:umearegionen"
        raise DatasetError([Problem(Severity.ERROR, str(path), "no such file or folder", hint=hint)])
    read = read_tables(path)
    loader = _Loader(read, workbook=path.is_file())
    parts = loader.run()
    problems = _in_file_order(read.problems + loader.problems, read.tables.values())
    if parts is None or any(p.severity is Severity.ERROR for p in problems):
        raise DatasetError(problems)
    name = path.stem if path.is_file() else path.resolve().name
    modified = dt.date.fromtimestamp(path.stat().st_mtime)
    dataset = model.Dataset(name=name, source=str(path), modified=modified, **parts)
    return dataset, [p for p in problems if p.severity is Severity.WARNING]


def _in_file_order(problems: list[Problem], tables: Iterable[Table]) -> list[Problem]:
    """Problems by file (in dataset order, file-level ones first), then by row; stable within a row."""
    order = {table.location: position for position, table in enumerate(tables)}
    return sorted(problems, key=lambda p: (order.get(p.file, -1), p.row or 0))


class _Loader:
    """One validation run over the tables read; ``run`` returns the model's parts or None."""

    def __init__(self, read: ReadResult, workbook: bool) -> None:
        self.read = read
        self.workbook = workbook
        self.problems: list[Problem] = []
        self.tables: dict[str, Table] = {}  # the tables with every required column
        self.indexes = {ref: ReferenceIndex() for ref in Ref}
        absent = {
            ref: spec.name not in read.tables and spec.name not in read.unreadable for ref, spec in _REF_SPECS.items()
        }
        # Municipalities and target groups named without their file become records of their own.
        self.implicit = {ref for ref in (Ref.MUNICIPALITY, Ref.TARGET_GROUP) if absent[ref]}
        # References into a file that exists but is broken are not checked: its errors say enough.
        self.unchecked = {ref for ref, spec in _REF_SPECS.items() if spec.name in read.unreadable}
        if absent[Ref.ACTOR]:
            self.unchecked.add(Ref.ACTOR)  # the missing actors file is reported once
        self.orientations: dict[str, str] = {}
        self.hints_left = _MAX_HINTED
        self._every_municipality: tuple[str, ...] | None = None

    def error(self, table: Table, row: Row | None, message: str, **where: Any) -> None:
        number = row.number if row else None
        self.problems.append(Problem(Severity.ERROR, table.location, message, row=number, **where))

    def warning(self, table: Table, row: Row | None, message: str, **where: Any) -> None:
        number = row.number if row else None
        self.problems.append(Problem(Severity.WARNING, table.location, message, row=number, **where))

    def run(self) -> dict[str, Any] | None:
        for name, table in self.read.tables.items():
            if self._has_required_columns(table):
                self.tables[name] = table
            elif name in _SPEC_REFS:
                self.unchecked.add(_SPEC_REFS[name])
        for ref, spec in _REF_SPECS.items():
            if spec.name in self.tables:
                self._index_ids(self.tables[spec.name], self.indexes[ref])
        parsed = {name: self._parse_table(table) for name, table in self.tables.items()}
        self._add_implicit(parsed)
        for name, rows in parsed.items():
            self._resolve_table(self.tables[name], rows)
        self._check_records(parsed)
        self._warn(parsed)
        if any(p.severity is Severity.ERROR for p in self.problems + self.read.problems):
            return None
        return self._construct(parsed)

    # -- pass 1: columns and ids -------------------------------------------

    def _has_required_columns(self, table: Table) -> bool:
        missing = [c for c in FILES_BY_NAME[table.name].required_columns if c not in table.header]
        for column in missing:
            hint = f"Add a column named {column!r} to the header row (row 1); columns found: {', '.join(table.header)}"
            self.error(table, None, "a required column is missing", column=column, hint=hint)
        return not missing

    def _index_ids(self, table: Table, index: ReferenceIndex) -> None:
        first_row: dict[str, int] = {}
        for row in table.rows:
            record_id = row.cells["id"]
            if not record_id:
                continue  # reported as a missing value
            key = record_id.casefold()
            if key in first_row:
                hint = f"The same id is used in row {first_row[key]}; give each record its own id"
                self.error(
                    table, row, "duplicate id (ids are compared ignoring case)", column="id", value=record_id, hint=hint
                )
                continue
            first_row[key] = row.number
            index.add(record_id, row.cells["name"] or record_id)

    # -- pass 2: cell values -----------------------------------------------

    def _parse_table(self, table: Table) -> Parsed:
        spec = FILES_BY_NAME[table.name]
        # Each column keeps a cache of the values parsed: lists and numbers repeat a lot.
        columns = [(c.name, _PARSERS[c.value], c.required, {}) for c in spec.columns if c.name in table.header]
        extra_columns = tuple(c for c in table.header if c not in spec.column_names)
        parsed: Parsed = []
        for row in table.rows:
            cells = row.cells
            values: Values = {}
            for name, parser, required, cache in columns:
                text = cells[name]
                if not text:
                    if required:
                        self.error(table, row, "a required value is missing", column=name, hint=f"Fill in the {name}")
                elif parser is None:
                    values[name] = text
                elif text in cache:
                    values[name] = cache[text]
                else:
                    try:
                        values[name] = cache[text] = parser(text)
                    except ValueProblem as problem:
                        self.error(table, row, problem.message, column=name, value=text, hint=problem.hint)
            if extra_columns:
                extra = {c: cells[c] for c in extra_columns if cells[c]}
                values["extra"] = MappingProxyType(extra) if extra else _NO_EXTRA
            parsed.append((row, values))
        return parsed

    def _add_implicit(self, parsed: dict[str, Parsed]) -> None:
        for spec in FILES:
            columns = [c for c in spec.columns if c.ref in self.implicit]
            if not columns:
                continue
            for _, values in parsed.get(spec.name, ()):
                for column in columns:
                    items = values.get(column.name)
                    for item in _as_items(items, column):
                        index = self.indexes[column.ref]  # type: ignore[index]
                        if item != ALL_MUNICIPALITIES and index.resolve(item) is None:
                            index.add(item, item)

    # -- pass 3: references ------------------------------------------------

    def _resolve_table(self, table: Table, rows: Parsed) -> None:
        spec = FILES_BY_NAME[table.name]
        # Per column, the resolutions found without error: the same cell text resolves the same way.
        columns = [(c, {}) for c in spec.columns if c.ref is not None and c.name in table.header]
        orientations: dict[tuple[str, ...], tuple[str, ...]] = {}
        for row, values in rows:
            if "orientations" in values:
                items = values["orientations"]
                values["orientations"] = orientations.get(items) or orientations.setdefault(items, self._spell(items))
            for column, cache in columns:
                text = values.get(column.name)
                if text is None:
                    continue
                resolved = cache.get(text)
                if resolved is None:
                    errors = len(self.problems)
                    resolved = self._resolve_cell(table, row, column, text)
                    if len(self.problems) == errors:
                        cache[text] = resolved
                values[column.name] = resolved
                if column.ref is Ref.MUNICIPALITY and column.value is Value.LIST and ALL_MUNICIPALITIES in text:
                    values["all_municipalities"] = True

    def _spell(self, items: tuple[str, ...]) -> tuple[str, ...]:
        # Orientations are free text: one spelling per orientation, the first seen.
        return tuple(dict.fromkeys(self.orientations.setdefault(o.casefold(), o) for o in items))

    def _resolve_cell(self, table: Table, row: Row, column: Column, text: Any) -> Any:
        """The id (or, for a list, the ids) that a cell refers to; ``*`` means every municipality."""
        if column.value is not Value.LIST:
            return self._resolve(table, row, column, text)
        ids = [self._resolve(table, row, column, item) for item in text if item != ALL_MUNICIPALITIES]
        if column.ref is Ref.MUNICIPALITY and ALL_MUNICIPALITIES in text:
            return self._all_municipalities()
        return tuple(dict.fromkeys(i for i in ids if i))

    def _all_municipalities(self) -> tuple[str, ...]:
        if self._every_municipality is None:
            self._every_municipality = self.indexes[Ref.MUNICIPALITY].ids()
        return self._every_municipality

    def _resolve(self, table: Table, row: Row, column: Column, text: str) -> str | None:
        assert column.ref is not None
        if column.ref in self.unchecked:
            return None
        index = self.indexes[column.ref]
        found = index.resolve(text)
        if found == AMBIGUOUS:
            hint = "Several records have this name; refer to the one you mean by its id"
            self.error(table, row, f"ambiguous {column.ref.value} name", column=column.name, value=text, hint=hint)
            return None
        if found is None:
            self.error(
                table,
                row,
                f"unknown {column.ref.value}",
                column=column.name,
                value=text,
                hint=self._hint(column.ref, text),
            )
        return found

    def _hint(self, ref: Ref, text: str) -> str:
        spec = _REF_SPECS[ref]
        where = f"the sheet {spec.name!r}" if self.workbook else spec.filename
        hint = f"No {ref.value} in {where} has this id or name"
        if self.hints_left > 0:
            self.hints_left -= 1
            matches = self.indexes[ref].close_matches(text)
            if matches:
                hint += "; did you mean " + " or ".join(repr(m) for m in matches) + "?"
        return hint + f" Correct the reference or add the {ref.value} to {where}"

    # -- pass 4: checks across rows and files --------------------------------

    def _check_records(self, parsed: dict[str, Parsed]) -> None:
        for name, check in ROW_CHECKS.items():
            if name in parsed:
                table = self.tables[name]
                for row, values in parsed[name]:
                    found = check(values)
                    if found:
                        column, message, value, hint = found
                        self.error(table, row, message, column=column, value=value, hint=hint)
        if TARGET_GROUPS.name in parsed:
            self._check_parent_cycles(self.tables[TARGET_GROUPS.name], parsed[TARGET_GROUPS.name])

    def _check_parent_cycles(self, table: Table, rows: Parsed) -> None:
        index = self.indexes[Ref.TARGET_GROUP]
        parent_of: dict[str, str] = {}
        row_of: dict[str, Row] = {}
        for row, values in rows:
            own = index.resolve(values.get("id", ""))
            if own and own != AMBIGUOUS and values.get("parent") and values["parent"] != own:
                parent_of.setdefault(own, values["parent"])
                row_of.setdefault(own, row)
        for cycle in parent_cycles(parent_of):
            first = min(cycle, key=lambda group: row_of[group].number)
            hint = "Parents must lead to a broadest group: " + " -> ".join([*cycle, cycle[0]])
            message = "the parents form a cycle"
            self.error(table, row_of[first], message, column="parent", value=parent_of[first], hint=hint)

    # -- pass 5: warnings --------------------------------------------------

    def _warn(self, parsed: dict[str, Parsed]) -> None:
        if ACTORS.name not in parsed:
            return
        table = self.tables[ACTORS.name]
        first_by_key: dict[str, Values] = {}
        for row, values in parsed[ACTORS.name]:
            name = values.get("name", "")
            if not values.get("municipalities") and not values.get("all_municipalities"):
                hint = "Coverage and gaps need where an actor works; list municipalities (or * for every one)"
                self.warning(
                    table, row, f"the actor {name!r} has no municipality", column="municipalities", value="", hint=hint
                )
            key = name_key(name)
            first = first_by_key.setdefault(key, values) if key else values
            if first is not values:
                hint = "If they are the same organisation, keep one record and refer to it by its id"
                message = f"the name is nearly identical to {first['name']!r} (id {first.get('id', '')!r})"
                self.warning(table, row, message, column="name", value=name, hint=hint)

    # -- the model ---------------------------------------------------------

    def _construct(self, parsed: dict[str, Parsed]) -> dict[str, Any]:
        def records(spec: FileSpec) -> list[Any]:
            cls = _RECORD_TYPES[spec.name]
            return [cls(**values) for _, values in parsed.get(spec.name, ())]

        def by_id(spec: FileSpec, ref: Ref) -> MappingProxyType[str, Any]:
            if ref in self.implicit:
                cls = _RECORD_TYPES[spec.name]
                return MappingProxyType({i: cls(id=i, name=i) for i in self.indexes[ref].ids()})
            return MappingProxyType({record.id: record for record in records(spec)})

        return {
            "municipalities": by_id(MUNICIPALITIES, Ref.MUNICIPALITY),
            "target_groups": by_id(TARGET_GROUPS, Ref.TARGET_GROUP),
            "actors": by_id(ACTORS, Ref.ACTOR),
            "projects": by_id(PROJECTS, Ref.PROJECT),
            "target_group_sizes": tuple(records(TARGET_GROUP_SIZES)),
            "cooperations": tuple(records(COOPERATION)),
            "fundings": tuple(records(FUNDING)),
        }


def _as_items(value: Any, column: Column) -> tuple[str, ...]:
    if value is None:
        return ()
    return value if column.value is Value.LIST else (value,)
