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

import contextlib
import datetime as dt
import gc
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from stakeholders import model
from stakeholders.loader_build import DEFAULTS, REF_SPECS, Columns, construct, fold_merged
from stakeholders.loader_resolve import Resolver, read_same_as
from stakeholders.loader_skip import file_order, rejected_rows, without_rows
from stakeholders.problems import DatasetError, Problem, Rejected, Severity, is_row_problem
from stakeholders.rules import AMBIGUOUS, COLUMN_CHECKS, ReferenceIndex, name_keys, parent_cycles
from stakeholders.schema import (
    ACTORS,
    ALL_MUNICIPALITIES,
    COOPERATION,
    FILES,
    FILES_BY_NAME,
    TARGET_GROUPS,
    Column,
    Ref,
    Value,
)
from stakeholders.tables import ReadResult, Table, read_tables
from stakeholders.values import (
    ValueNote,
    ValueProblem,
    parse_date,
    parse_date_or_year,
    parse_integer,
    parse_list,
    parse_number,
    parse_occupation_code,
    parse_outlook,
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
    Value.OCCUPATION_CODE: parse_occupation_code,
    Value.OUTLOOK: parse_outlook,
}
_MAX_HINTED = 20  # close-match hints cost a scan of all names: hint the first ones only
_NO_EXTRA: model.Extra = MappingProxyType({})
_SPEC_REFS: dict[str, Ref] = {spec.name: ref for ref, spec in REF_SPECS.items()}


@dataclass(frozen=True)
class LoadResult:
    """What :func:`load` gives: the dataset, its warnings and, with ``skip_invalid``, the rows left out."""

    dataset: model.Dataset
    warnings: tuple[Problem, ...] = ()
    rejected: tuple[Rejected, ...] = field(default=())

    def rejected_by_file(self) -> dict[str, int]:
        """How many rows of each file were left out."""
        counts: dict[str, int] = {}
        for row in self.rejected:
            counts[row.file] = counts.get(row.file, 0) + 1
        return counts


def load_dataset(path: str | Path, *, skip_invalid: bool = False) -> model.Dataset:
    """Read, validate and load the dataset at ``path`` (a folder of CSV files or an .xlsx workbook).

    ``skip_invalid``: leave out the rows with an error (see :func:`load`) instead of refusing the dataset.

    Raises
    ------
    DatasetError
        With every error (and the warnings) when the dataset is invalid.
    """
    return load(path, skip_invalid=skip_invalid).dataset


def load_with_warnings(path: str | Path) -> tuple[model.Dataset, list[Problem]]:
    """Like :func:`load_dataset` (strict), also returning the warnings."""
    result = load(path)
    return result.dataset, list(result.warnings)


def load(path: str | Path, *, skip_invalid: bool = False) -> LoadResult:
    """Read, validate and load the dataset at ``path``, with its warnings.

    Parameters
    ----------
    path
        A folder of CSV files or an .xlsx workbook.
    skip_invalid
        False (the default): a dataset with an error is refused whole. True: each data row with an
        error is left out, and so is each row that then refers to a row left out (named in
        :attr:`Rejected.because_of`); the rest loads. Errors that are not in one data row (a
        missing file or column, an unreadable file, a header) still refuse the dataset.

    Returns
    -------
    LoadResult
        The dataset, its warnings and the rows left out (in file and row order).

    Raises
    ------
    DatasetError
        With every error (and the warnings) when the dataset is invalid.
    """
    path = Path(path)
    if not path.exists():
        hint = "Check the path: a folder of CSV files, an .xlsx workbook, or sample:umearegionen"
        raise DatasetError([Problem(Severity.ERROR, str(path), "no such file or folder", hint=hint)])
    rejected: list[Rejected] = []
    dropped: dict[Ref, dict[str, str]] = {ref: {} for ref in Ref}  # casefolded id, name or alias -> "file, row N"
    with _no_gc_pauses():
        read = read_tables(path)
        same_as, same_as_problems = read_same_as(path) if path.is_dir() or read.tables else (None, [])
        read.problems.extend(same_as_problems)
        while True:
            loader = _Loader(read, workbook=path.is_file(), same_as=same_as)
            parts = loader.run()
            tables = [*read.tables.values(), *([same_as] if same_as is not None else [])]
            problems = _in_file_order(read.problems + loader.problems, tables)
            errors = [p for p in problems if p.severity is Severity.ERROR]
            if parts is not None and not errors:
                break
            by_location = {table.location: table for table in tables}
            skippable = all(is_row_problem(p) and p.file in by_location for p in errors)
            if not skip_invalid or not skippable:
                raise DatasetError(problems, skippable=skippable and not skip_invalid)
            rejected.extend(rejected_rows(errors, by_location, dropped))
            read, same_as = without_rows(read, same_as, errors)
    name = path.stem if path.is_file() else path.resolve().name
    modified = dt.date.fromtimestamp(path.stat().st_mtime)
    dataset = model.Dataset(name=name, source=str(path), modified=modified, **parts)
    warnings = tuple(p for p in problems if p.severity is Severity.WARNING)
    rejected.sort(key=file_order)
    return LoadResult(dataset, warnings, tuple(rejected))


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
    Worth its code: loading 100,000 actors takes 1.45x as long without it (benchmarks/bench_load_tricks.py).
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


class _Loader(Resolver):
    """One validation run over the tables read; ``run`` returns the model's parts or None.

    The tables are validated a column at a time: each distinct text of a column is parsed and
    resolved once, and only the rows with a problem are visited one by one (in row order, so
    the problems and their hints come as a row-by-row pass would give them).
    """

    def __init__(self, read: ReadResult, workbook: bool, same_as: Table | None = None) -> None:
        self.read = read
        self.workbook = workbook
        self.same_as = same_as
        self.merged_into: dict[int, int] = {}
        self.name_keys: list[str] | None = None
        self.row_counts: dict[str, int] = {}  # the files whose rows the loader left out (see Resolver)
        self.problems: list[Problem] = []
        self.tables: dict[str, Table] = {}  # the tables with every required column
        self.indexes = {ref: ReferenceIndex() for ref in Ref}
        absent = {
            ref: spec.name not in read.tables and spec.name not in read.unreadable for ref, spec in REF_SPECS.items()
        }
        # Municipalities, target groups and occupations named without their file become records of their own
        # (occupations checked for form, see _check_implicit_occupations).
        self.implicit = {ref for ref in (Ref.MUNICIPALITY, Ref.TARGET_GROUP, Ref.OCCUPATION) if absent[ref]}
        # References into a file that exists but is broken are not checked: its errors say enough.
        self.unchecked = {ref for ref, spec in REF_SPECS.items() if spec.name in read.unreadable}
        if absent[Ref.ACTOR]:
            self.unchecked.add(Ref.ACTOR)  # the missing actors file is reported once
        self.orientations: dict[str, str] = {}
        self.hints_left = _MAX_HINTED
        self._every_municipality: tuple[str, ...] | None = None
        self._code_width: int | None = None
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
        for ref, spec in REF_SPECS.items():
            if spec.name in self.tables:
                self._index_ids(self.tables[spec.name], self.indexes[ref])
        parsed = {name: self._parse_table(table) for name, table in self.tables.items()}
        self._merge_actors(parsed, self.same_as)
        self._add_implicit(parsed)
        for name, columns in parsed.items():
            self._resolve_table(self.tables[name], columns)
        self._check_records(parsed)
        self._warn(parsed)
        if any(p.severity is Severity.ERROR for p in self.problems + self.read.problems):
            return None
        return self._construct(parsed)

    def _construct(self, parsed: dict[str, Columns]) -> dict[str, Any]:
        counts = {name: self.row_counts.get(name, len(table)) for name, table in self.tables.items()}
        if ACTORS.name in parsed and self.merged_into:
            parsed[ACTORS.name], counts[ACTORS.name] = fold_merged(
                parsed[ACTORS.name], counts[ACTORS.name], self.merged_into
            )
        return construct(parsed, counts, {ref: self.indexes[ref].ids() for ref in self.implicit})

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
        defaults = DEFAULTS[table.name]
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
        noted: dict[str, ValueNote] = {}
        for text in values:
            if not text:
                values[text] = empty
                continue
            try:
                values[text] = parser(text)
            except ValueProblem as problem:
                failed[text] = problem  # its value stays None
            except ValueNote as note:  # read, with a warning
                values[text] = note.value
                noted[text] = note
        if failed or noted:
            for k, text in enumerate(texts):
                if text in failed:
                    message, hint = failed[text].message, failed[text].hint
                    self.error(table, table.numbers[k], message, column=name, value=text, hint=hint)
                elif text in noted:
                    message, hint = noted[text].message, noted[text].hint
                    self.warning(table, table.numbers[k], message, column=name, value=text, hint=hint)
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

    # -- pass 4: checks across rows and files --------------------------------

    def _check_records(self, parsed: dict[str, Columns]) -> None:
        if COOPERATION.name in parsed and self.merged_into:
            self._drop_merged_self_cooperation(parsed)
        for name, check in COLUMN_CHECKS.items():
            if name in parsed:
                table = self.tables[name]
                for k, (column, message, value, hint) in check(parsed[name]):
                    self.error(table, table.numbers[k], message, column=column, value=value, hint=hint)
        if TARGET_GROUPS.name in parsed:
            self._check_parent_cycles(self.tables[TARGET_GROUPS.name], parsed[TARGET_GROUPS.name])
        if Ref.OCCUPATION in self.implicit:
            self._check_implicit_occupations(parsed)

    def _check_implicit_occupations(self, parsed: dict[str, Columns]) -> None:
        """Without occupations.csv, each occupation a file names must at least be an SSYK 2012 code."""
        for spec in FILES:
            for column in spec.columns:
                if column.ref is not Ref.OCCUPATION or column.name not in parsed.get(spec.name, {}):
                    continue
                table = self.tables[spec.name]
                for k, value in enumerate(parsed[spec.name][column.name]):
                    for item in _as_items(value, column):
                        try:
                            parse_occupation_code(item)
                        except ValueProblem as problem:
                            hint = problem.hint + "; or list the occupations, with their names, in occupations.csv"
                            self.error(
                                table, table.numbers[k], problem.message, column=column.name, value=item, hint=hint
                            )

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
        for name, table in self.tables.items():
            if len(table) == 0:  # a header and no rows: it adds nothing, and without actors every finding is empty
                actors = name == ACTORS.name
                empty = "every analysis, map and report will be empty" if actors else "it adds nothing"
                hint = "Add the rows below the header" + ("" if actors else " (or remove the file if it is not needed)")
                self.warning(table, None, f"the file has a header but no rows: {empty}", hint=hint)
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
        if nowhere and self.merged_into:  # an actor works where any of its merged rows does
            placed = {self.merged_into.get(k, k) for k, where in enumerate(municipalities) if where or every[k]}
            nowhere = [k for k in nowhere if self.merged_into.get(k, k) not in placed and k not in self.merged_into]
        # A row whose municipalities did not resolve has its error already; "no municipality" would be a second.
        unresolved = {p.row for p in self.problems if p.file == table.location and p.column == "municipalities"}
        for k in [k for k in nowhere if not every[k] and table.numbers[k] not in unresolved]:
            message = f"the actor {names[k]!r} has no municipality"
            self.warning(table, table.numbers[k], message, column="municipalities", value="", hint=hint)
        keys = self.name_keys if self.name_keys is not None else name_keys(names)
        if len(set(keys)) == count:
            return  # no two names alike, the common case: a set is cheaper than the dict below
        first_by_key = dict(zip(reversed(keys), range(count - 1, -1, -1), strict=True))  # the first row wins
        hint = "If they are the same organisation, keep one record and refer to it by its id"
        merged = self.merged_into  # (warned about as one organisation)
        for k, key in enumerate(keys):
            if key and first_by_key[key] != k and k not in merged and merged.get(first_by_key[key]) != k:
                first = first_by_key[key]
                message = f"the name is nearly identical to {names[first]!r} (id {ids[first]!r})"
                self.warning(table, table.numbers[k], message, column="name", value=names[k], hint=hint)


def _positions(values: list[Any], wanted: Any) -> list[int]:
    return [k for k, value in enumerate(values) if value == wanted]


def _as_items(value: Any, column: Column) -> tuple[str, ...]:
    if value is None:
        return ()
    return value if column.value is Value.LIST else (value,)
