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

import collections
import contextlib
import dataclasses
import datetime as dt
import gc
import itertools
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from stakeholders import model
from stakeholders.problems import DatasetError, Problem, Severity
from stakeholders.rules import AMBIGUOUS, COLUMN_CHECKS, ReferenceIndex, name_keys, parent_cycles
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
from stakeholders.tables import ReadResult, Table, read_tables
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

Columns = dict[str, list[Any]]  # a table's values by column, one per row


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
    with _no_gc_pauses():
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


@contextlib.contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Pause the cyclic garbage collector while loading.

    Loading allocates millions of objects that all stay alive (cells, records); each
    allocation burst would trigger a full-heap collection that finds nothing, costing
    about a third of the load time on 100,000 actors. Reference counting still frees
    whatever is dropped; the collector runs again afterwards.

    What is still alive then (the dataset) goes straight to the oldest generation, sparing the
    next collection a scan of 400,000 young objects (0.14 s); loading makes no garbage cycles.
    Not if the caller has frozen objects of its own, which :func:`gc.unfreeze` would release.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()  # into the permanent generation, then back into the oldest one: no scan
            gc.unfreeze()
        if enabled:
            gc.enable()


def _in_file_order(problems: list[Problem], tables: Iterable[Table]) -> list[Problem]:
    """Problems by file (in dataset order, file-level ones first), then by row; stable within a row."""
    order = {table.location: position for position, table in enumerate(tables)}
    return sorted(problems, key=lambda p: (order.get(p.file, -1), p.row or 0))


class _Loader:
    """One validation run over the tables read; ``run`` returns the model's parts or None.

    The tables are validated a column at a time: each distinct text of a column is parsed and
    resolved once, and only the rows with a problem are visited one by one (in row order, so
    the problems and their hints come as a row-by-row pass would give them).
    """

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
        self.values_by_text: dict[str, dict[str, dict[str, Any]]] = {}  # file -> parsed column -> text -> value

    def error(self, table: Table, number: int | None, message: str, **where: Any) -> None:
        self.problems.append(Problem(Severity.ERROR, table.location, message, row=number, **where))

    def warning(self, table: Table, number: int | None, message: str, **where: Any) -> None:
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
        for name, columns in parsed.items():
            self._resolve_table(self.tables[name], columns)
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
        ids, names = table.columns["id"], table.columns["name"]
        joined = "\x00".join(ids)
        # Casefolding leaves the joined ids alone only if it leaves each id alone (no character folds to
        # itself and more): then, as usual, the ids are their own keys and no new strings need hashing.
        keys = ids if joined.casefold() == joined else list(map(str.casefold, ids))
        by_key = dict(zip(keys, ids, strict=True))
        if len(by_key) == len(ids) and "" not in by_key:  # the common case: every id there, once
            if not all(names):  # (all(): a truth test per text, cheaper than comparing each with "")
                names = [name or record_id for record_id, name in zip(ids, names, strict=True)]
            index.add_many(ids, names, by_key)
            return
        first_row: dict[str, int] = {}
        kept_ids, kept_names = [], []
        for k, (record_id, key) in enumerate(zip(ids, keys, strict=True)):
            if not record_id:
                continue  # reported as a missing value
            if key in first_row:
                hint = f"The same id is used in row {first_row[key]}; give each record its own id"
                self.error(
                    table,
                    table.numbers[k],
                    "duplicate id (ids are compared ignoring case)",
                    column="id",
                    value=record_id,
                    hint=hint,
                )
                continue
            first_row[key] = table.numbers[k]
            kept_ids.append(record_id)
            kept_names.append(names[k] or record_id)
        index.add_many(kept_ids, kept_names)

    # -- pass 2: cell values -----------------------------------------------

    def _parse_table(self, table: Table) -> Columns:
        """The table's values by column: the text for text columns ("" when empty), else the parsed value.

        An empty cell of a parsed column holds the record's default (None, (), 1, ""); a value that
        cannot be parsed holds None (and is reported).
        """
        spec = FILES_BY_NAME[table.name]
        defaults = _DEFAULTS[table.name]
        parsed: Columns = {}
        for column in spec.columns:
            texts = table.columns.get(column.name)
            if texts is None:
                continue
            if column.required and not all(texts):  # some text is ""
                hint = f"Fill in the {column.name}"
                for k in _positions(texts, ""):
                    self.error(table, table.numbers[k], "a required value is missing", column=column.name, hint=hint)
            parser = _PARSERS[column.value]
            if parser is None:
                parsed[column.name] = texts
            else:
                empty = defaults.get(column.name)  # an empty cell takes the record's default
                parsed[column.name] = self._parse_column(table, column.name, texts, parser, empty)
        extra_columns = tuple(c for c in table.header if c not in spec.column_names)
        if extra_columns:
            parsed["extra"] = [
                MappingProxyType(extra)
                if (extra := {c: v for c, v in zip(extra_columns, row, strict=True) if v})
                else _NO_EXTRA
                for row in zip(*(table.columns[c] for c in extra_columns), strict=True)
            ]
        return parsed

    def _parse_column(
        self, table: Table, name: str, texts: list[str], parser: Callable[[str], Any], empty: Any
    ) -> list[Any]:
        # Each distinct text is parsed once: lists, dates and numbers repeat a lot.
        values: dict[str, Any] = dict.fromkeys(texts)  # (filled in place: no keys come or go)
        failed: dict[str, ValueProblem] = {}
        for text in values:
            if not text:
                values[text] = empty
                continue
            try:
                values[text] = parser(text)
            except ValueProblem as problem:
                failed[text] = problem  # its value stays None
        if failed:
            for k, text in enumerate(texts):
                problem = failed.get(text)
                if problem is not None:
                    self.error(table, table.numbers[k], problem.message, column=name, value=text, hint=problem.hint)
        self.values_by_text.setdefault(table.name, {})[name] = values
        return list(map(values.__getitem__, texts))

    def _add_implicit(self, parsed: dict[str, Columns]) -> None:
        for spec in FILES:
            if spec.name not in parsed:
                continue
            by_ref: dict[Ref, list[tuple[Column, list[Any]]]] = {}
            for column in spec.columns:
                if column.ref in self.implicit and column.name in parsed[spec.name]:
                    by_ref.setdefault(column.ref, []).append((column, parsed[spec.name][column.name]))
            for ref, present in by_ref.items():
                # Records come in the order of first mention: row by row, then column by column.
                if len(present) == 1:
                    column, values = present[0]
                    cells: Iterable[tuple[Column, Any]] = ((column, value) for value in dict.fromkeys(values))
                else:
                    cells = (
                        (column, value)
                        for row in zip(*(values for _, values in present), strict=True)
                        for (column, _), value in zip(present, row, strict=True)
                    )
                items = (item for column, value in cells if value for item in _as_items(value, column))
                index = self.indexes[ref]
                for item in dict.fromkeys(items):
                    if item != ALL_MUNICIPALITIES and index.resolve(item) is None:
                        index.add(item, item)

    # -- pass 3: references ------------------------------------------------

    def _resolve_table(self, table: Table, columns: Columns) -> None:
        spec = FILES_BY_NAME[table.name]
        if "orientations" in columns:
            # (None: unparsable, () empty: each stays as it is.)
            columns["orientations"] = self._mapped(table, "orientations", lambda items: items and self._spell(items))
        refs = [c for c in spec.columns if c.ref is not None and c.name in columns]
        failing: dict[str, tuple[list[Any], set[Any]]] = {}  # column -> (its texts, the texts with a problem)
        for column in refs:
            values = columns[column.name]
            if column.ref is Ref.MUNICIPALITY and column.value is Value.LIST:
                star = self._mapped(table, column.name, lambda items: bool(items) and ALL_MUNICIPALITIES in items)
                columns["all_municipalities"] = star
            if column.value is not Value.LIST and self._all_exact_ids(column, values):
                continue  # each text is its own resolution
            by_text = self.values_by_text.get(table.name, {}).get(column.name)  # (fewer than the rows)
            distinct = dict.fromkeys(values if by_text is None else by_text.values())
            for empty in (None, "", ()):  # empty cells (and unparsable ones) stay as they are
                distinct.pop(empty, None)
            exact = self._exact_ids(column, distinct)
            if exact is not None:
                if exact is not True and exact:
                    columns[column.name] = self._mapped(table, column.name, lambda v, found=exact: found.get(v, v))
                continue
            resolved: dict[Any, Any] = {}
            bad: set[Any] = set()
            for text in distinct:
                resolved[text], ok = self._resolve_quietly(column, text)
                if not ok:
                    bad.add(text)
            columns[column.name] = self._mapped(table, column.name, lambda v, found=resolved: found.get(v, v))
            if bad:
                failing[column.name] = (values, bad)
        if failing:
            self._report_references(table, refs, failing)

    def _mapped(self, table: Table, name: str, function: Callable[[Any], Any]) -> list[Any]:
        """``function`` of the value of each cell of a column as it was parsed, called once per distinct value.

        The cells are mapped by their texts: looking up a text again costs less than hashing a tuple.
        """
        texts = table.columns[name]
        by_text = self.values_by_text.get(table.name, {}).get(name) or dict(zip(texts, texts, strict=True))
        results = {value: function(value) for value in dict.fromkeys(by_text.values())}
        return list(map({text: results[value] for text, value in by_text.items()}.__getitem__, texts))

    def _all_exact_ids(self, column: Column, texts: list[str]) -> bool:
        """Whether every text of a (non-list) reference column is an exact id, which resolves to itself."""
        if column.ref in self.unchecked:
            return False
        return all(map(self.indexes[column.ref].names.__contains__, texts))  # type: ignore[index]

    def _exact_ids(self, column: Column, distinct: dict[Any, None]) -> Literal[True] | dict[Any, Any] | None:
        """When every reference of a column is an exact id (the common case), what they resolve to, fast.

        True: each text is its own resolution. A dict: the resolution of each list that is not its
        own (see :meth:`ReferenceIndex.exact_lists`). None: some reference needs the full rules.
        """
        if column.ref in self.unchecked:
            return None
        index = self.indexes[column.ref]  # type: ignore[index]
        if column.value is not Value.LIST:
            return True if index.names.keys() >= distinct.keys() else None
        # As _resolve_quietly: "*" means every municipality, and is passed over in other lists.
        return index.exact_lists(distinct, self._all_municipalities() if column.ref is Ref.MUNICIPALITY else None)

    def _resolve_quietly(self, column: Column, text: Any) -> tuple[Any, bool]:
        """What :meth:`_resolve_cell` gives for ``text``, and whether it gives it without a problem."""
        assert column.ref is not None
        if column.value is not Value.LIST:
            return self._lookup(column.ref, text)
        ids, ok = [], True
        for item in text:
            if item != ALL_MUNICIPALITIES:
                found, fine = self._lookup(column.ref, item)
                ok = ok and fine
                if found:
                    ids.append(found)
        if column.ref is Ref.MUNICIPALITY and ALL_MUNICIPALITIES in text:
            return self._all_municipalities(), ok
        return tuple(dict.fromkeys(ids)), ok

    def _lookup(self, ref: Ref, text: str) -> tuple[str | None, bool]:
        if ref in self.unchecked:
            return None, True
        found = self.indexes[ref].resolve(text)
        if found is None or found == AMBIGUOUS:
            return None, False
        return found, True

    def _report_references(
        self, table: Table, refs: list[Column], failing: dict[str, tuple[list[Any], set[Any]]]
    ) -> None:
        """Report the references with a problem row by row, as they come (the first ones get close-match hints)."""
        rows = sorted({k for texts, bad in failing.values() for k, text in enumerate(texts) if text in bad})
        for k in rows:
            for column in refs:
                if column.name in failing:
                    texts, bad = failing[column.name]
                    if texts[k] in bad:
                        self._resolve_cell(table, table.numbers[k], column, texts[k])

    def _spell(self, items: tuple[str, ...]) -> tuple[str, ...]:
        # Orientations are free text: one spelling per orientation, the first seen.
        return tuple(dict.fromkeys(self.orientations.setdefault(o.casefold(), o) for o in items))

    def _resolve_cell(self, table: Table, number: int, column: Column, text: Any) -> Any:
        """The id (or, for a list, the ids) that a cell refers to; ``*`` means every municipality."""
        if column.value is not Value.LIST:
            return self._resolve(table, number, column, text)
        ids = [self._resolve(table, number, column, item) for item in text if item != ALL_MUNICIPALITIES]
        if column.ref is Ref.MUNICIPALITY and ALL_MUNICIPALITIES in text:
            return self._all_municipalities()
        return tuple(dict.fromkeys(i for i in ids if i))

    def _all_municipalities(self) -> tuple[str, ...]:
        if self._every_municipality is None:
            self._every_municipality = self.indexes[Ref.MUNICIPALITY].ids()
        return self._every_municipality

    def _resolve(self, table: Table, number: int, column: Column, text: str) -> str | None:
        assert column.ref is not None
        if column.ref in self.unchecked:
            return None
        index = self.indexes[column.ref]
        found = index.resolve(text)
        if found == AMBIGUOUS:
            hint = "Several records have this name; refer to the one you mean by its id"
            self.error(table, number, f"ambiguous {column.ref.value} name", column=column.name, value=text, hint=hint)
            return None
        if found is None:
            self.error(
                table,
                number,
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

    def _check_records(self, parsed: dict[str, Columns]) -> None:
        for name, check in COLUMN_CHECKS.items():
            if name in parsed:
                table = self.tables[name]
                for k, (column, message, value, hint) in check(parsed[name]):
                    self.error(table, table.numbers[k], message, column=column, value=value, hint=hint)
        if TARGET_GROUPS.name in parsed:
            self._check_parent_cycles(self.tables[TARGET_GROUPS.name], parsed[TARGET_GROUPS.name])

    def _check_parent_cycles(self, table: Table, columns: Columns) -> None:
        if "parent" not in columns:
            return
        index = self.indexes[Ref.TARGET_GROUP]
        parent_of: dict[str, str] = {}
        number_of: dict[str, int] = {}
        for number, record_id, parent in zip(table.numbers, columns["id"], columns["parent"], strict=True):
            own = index.resolve(record_id) if record_id else None
            if own and own != AMBIGUOUS and parent and parent != own:
                parent_of.setdefault(own, parent)
                number_of.setdefault(own, number)
        for cycle in parent_cycles(parent_of):
            first = min(cycle, key=lambda group: number_of[group])
            hint = "Parents must lead to a broadest group: " + " -> ".join([*cycle, cycle[0]])
            message = "the parents form a cycle"
            self.error(table, number_of[first], message, column="parent", value=parent_of[first], hint=hint)

    # -- pass 5: warnings --------------------------------------------------

    def _warn(self, parsed: dict[str, Columns]) -> None:
        if ACTORS.name not in parsed:
            return
        table = self.tables[ACTORS.name]
        columns = parsed[ACTORS.name]
        count = len(table)
        names = columns["name"]
        ids = columns.get("id") or [""] * count
        municipalities = columns.get("municipalities") or [None] * count
        every = columns.get("all_municipalities") or [False] * count
        hint = "Coverage and gaps need where an actor works; list municipalities (or * for every one)"
        nowhere = [] if all(municipalities) else [k for k, where in enumerate(municipalities) if not where]
        for k in [k for k in nowhere if not every[k]]:
            message = f"the actor {names[k]!r} has no municipality"
            self.warning(table, table.numbers[k], message, column="municipalities", value="", hint=hint)
        keys = name_keys(names)
        if len(set(keys)) == count:
            return  # no two names alike, the common case: a set is cheaper than the dict below
        first_by_key = dict(zip(reversed(keys), range(count - 1, -1, -1), strict=True))  # the first row wins
        hint = "If they are the same organisation, keep one record and refer to it by its id"
        for k, key in enumerate(keys):
            if key and first_by_key[key] != k:
                first = first_by_key[key]
                message = f"the name is nearly identical to {names[first]!r} (id {ids[first]!r})"
                self.warning(table, table.numbers[k], message, column="name", value=names[k], hint=hint)

    # -- the model ---------------------------------------------------------

    def _construct(self, parsed: dict[str, Columns]) -> dict[str, Any]:
        def records(spec: FileSpec) -> list[Any]:
            if spec.name not in parsed:
                return []
            return _records(_RECORD_TYPES[spec.name], parsed[spec.name], len(self.tables[spec.name]), _TEXTS[spec.name])

        def by_id(spec: FileSpec, ref: Ref) -> MappingProxyType[str, Any]:
            if ref in self.implicit:
                cls = _RECORD_TYPES[spec.name]
                return MappingProxyType({i: cls(id=i, name=i) for i in self.indexes[ref].ids()})
            if spec.name not in parsed:
                return MappingProxyType({})
            return MappingProxyType(dict(zip(parsed[spec.name]["id"], records(spec), strict=True)))  # each record's id

        return {
            "municipalities": by_id(MUNICIPALITIES, Ref.MUNICIPALITY),
            "target_groups": by_id(TARGET_GROUPS, Ref.TARGET_GROUP),
            "actors": by_id(ACTORS, Ref.ACTOR),
            "projects": by_id(PROJECTS, Ref.PROJECT),
            "target_group_sizes": tuple(records(TARGET_GROUP_SIZES)),
            "cooperations": tuple(records(COOPERATION)),
            "fundings": tuple(records(FUNDING)),
        }


def _defaults(cls: type) -> dict[str, Any]:
    """The default of each field of a record type that has one."""
    defaults = {}
    for spec_field in dataclasses.fields(cls):
        if spec_field.default is not dataclasses.MISSING:
            defaults[spec_field.name] = spec_field.default
        elif spec_field.default_factory is not dataclasses.MISSING:
            defaults[spec_field.name] = spec_field.default_factory()
    return defaults


_DEFAULTS_BY_TYPE: dict[type, dict[str, Any]] = {cls: _defaults(cls) for cls in _RECORD_TYPES.values()}
_DEFAULTS: dict[str, dict[str, Any]] = {name: _DEFAULTS_BY_TYPE[cls] for name, cls in _RECORD_TYPES.items()}
_TEXTS: dict[str, frozenset[str]] = {
    spec.name: frozenset(c.name for c in spec.columns if c.value is Value.TEXT) for spec in FILES
}  # the columns whose values stay text: the only ones where an empty cell is still ""


def _records(cls: type, columns: Columns, count: int, texts: frozenset[str]) -> list[Any]:
    """``count`` records of ``cls`` from its columns (``texts``: the names of the text columns).

    Parsed columns already hold the field's default for an empty cell; an empty text cell ("")
    takes the field's default where that is not "" (a target group's parent: None).
    """
    defaults = _DEFAULTS_BY_TYPE[cls]
    arguments: list[Iterable[Any]] = []
    for spec_field in dataclasses.fields(cls):
        values = columns.get(spec_field.name)
        default = defaults.get(spec_field.name, dataclasses.MISSING)
        if values is None:
            arguments.append(itertools.repeat(default, count))
        elif default is dataclasses.MISSING or default == "" or spec_field.name not in texts or "" not in values:
            arguments.append(values)  # (looking for "" among tuples and numbers would cost a comparison each)
        else:
            arguments.append([default if value == "" else value for value in values])
    return _BUILDERS[cls](count, *arguments)


def _builder(cls: type) -> Callable[..., list[Any]]:
    """A function that builds many records of ``cls`` (a frozen, slotted dataclass) from columns of field values.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``, which made
    building the records the largest part of loading (0.37 s for 100,000 actors). The builder
    makes objects of a twin class, a subclass of ``cls`` that adds nothing but plain attribute
    setting, fills in their slots with a plain ``__init__`` and then gives each the record's class:
    the same layout, so the result is exactly what ``cls(*values)`` gives. If ``cls`` is not such a
    class (no slots, a ``__post_init__``, another layout), ``cls`` itself is used.
    The builder takes the number of records, then the columns.
    """
    names = [spec_field.name for spec_field in dataclasses.fields(cls)]

    def plainly(count: int, *columns: Iterable[Any]) -> list[Any]:
        return list(map(cls, *columns))

    if tuple(getattr(cls, "__slots__", ())) != tuple(names) or hasattr(cls, "__post_init__"):
        return plainly
    # self.<field> = <field> for each field, in order (the __init__ of a plain dataclass).
    init = dataclasses.make_dataclass(f"_{cls.__name__}Fields", names, slots=True).__init__
    new = object.__new__
    try:
        # Being a subclass that adds no slots, the twin passes its class on without a slot by slot
        # comparison of the layouts; object's own __setattr__ and __delattr__ make setting plain.
        plain = {"__slots__": (), "__setattr__": object.__setattr__, "__delattr__": object.__delattr__}
        twin = type(f"_{cls.__name__}Twin", (cls,), plain)
        probe = new(twin)
        init(probe, *names)
        probe.__class__ = cls
    except TypeError:
        return plainly
    if type(probe) is not cls or probe != cls(*names):
        return plainly

    def build(count: int, *columns: Iterable[Any]) -> list[Any]:
        # Calling __init__ on objects made beforehand skips what calling the class costs per record
        # (an argument tuple, a lookup of __init__); deque(..., 0) runs the map without keeping anything.
        records = list(map(new, itertools.repeat(twin, count)))
        collections.deque(map(init, records, *columns), 0)
        for record in records:
            record.__class__ = cls
        return records

    return build


_BUILDERS: dict[type, Callable[..., list[Any]]] = {cls: _builder(cls) for cls in _RECORD_TYPES.values()}


def _positions(values: list[Any], wanted: Any) -> list[int]:
    return [k for k, value in enumerate(values) if value == wanted]


def _as_items(value: Any, column: Column) -> tuple[str, ...]:
    if value is None:
        return ()
    return value if column.value is Value.LIST else (value,)
