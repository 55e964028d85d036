"""Load a dataset into a validated :class:`~stakeholders.model.Dataset`.

Every error is collected before anything is built (pandera's way): the caller
gets either a whole, valid dataset or a :class:`DatasetError` listing every
problem with file, row, column, value and a hint. Never half a dataset.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from stakeholders import model
from stakeholders.problems import DatasetError, Problem, Severity
from stakeholders.schema import (
    ACTORS,
    ALL_MUNICIPALITIES,
    FILES,
    MUNICIPALITIES,
    PROJECTS,
    TARGET_GROUPS,
    Column,
    FileSpec,
    Ref,
    Value,
)
from stakeholders.tables import Row, Table, read_tables
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

_PARSERS: dict[Value, Callable[[str], Any]] = {
    Value.TEXT: str,
    Value.LIST: parse_list,
    Value.NUMBER: parse_number,
    Value.INTEGER: parse_integer,
    Value.DATE: parse_date,
    Value.DATE_OR_YEAR: parse_date_or_year,
    Value.SECTOR: parse_sector,
    Value.STRENGTH: parse_strength,
}
_MAX_HINTED = 50  # close-match hints are costly on huge datasets; hint the first ones
_AMBIGUOUS = "\x00ambiguous"


def load_dataset(path: str | Path) -> model.Dataset:
    """Read, validate and load the dataset at ``path`` (folder or .xlsx).

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
        raise DatasetError(
            [Problem(Severity.ERROR, str(path), "no such file or folder", hint="Check the path to the dataset")]
        )
    tables, problems = read_tables(path)
    if not problems and ACTORS.name not in tables:
        where = path.name
        problems.append(
            Problem(
                Severity.ERROR,
                where,
                f"the required {'sheet actors' if path.is_file() else 'file actors.csv'} is missing",
                hint="Every dataset needs an actors table; 'stakeholders init DIR' writes a template",
            )
        )
    builder = _Builder(tables, problems)
    dataset_parts = builder.build()
    if any(p.severity is Severity.ERROR for p in problems):
        raise DatasetError(problems)
    modified = dt.date.fromtimestamp(path.stat().st_mtime)
    dataset = model.Dataset(name=path.stem if path.is_file() else path.name, source=str(path), modified=modified, **dataset_parts)
    return dataset, [p for p in problems if p.severity is Severity.WARNING]


class _Index:
    """Resolves references by id or exact name, case-insensitively."""

    def __init__(self, ref: Ref) -> None:
        self.ref = ref
        self.by_id: dict[str, str] = {}
        self.by_name: dict[str, str] = {}
        self.names: dict[str, str] = {}

    def add(self, record_id: str, name: str) -> None:
        self.by_id[record_id.casefold()] = record_id
        key = name.casefold()
        self.by_name[key] = _AMBIGUOUS if key in self.by_name and self.by_name[key] != record_id else record_id
        self.names[record_id] = name

    def resolve(self, text: str) -> str | None:
        key = text.casefold()
        return self.by_id.get(key) or self.by_name.get(key)

    def close_matches(self, text: str) -> list[str]:
        candidates = list(self.by_id.values()) + list(self.names.values())
        return difflib.get_close_matches(text, candidates, n=3, cutoff=0.6)


class _Builder:
    def __init__(self, tables: dict[str, Table], problems: list[Problem]) -> None:
        self.tables = tables
        self.problems = problems
        self.indexes = {ref: _Index(ref) for ref in Ref}
        # Municipalities and target groups named without their file become nodes.
        self.implicit = {
            Ref.MUNICIPALITY: MUNICIPALITIES.name not in tables,
            Ref.TARGET_GROUP: TARGET_GROUPS.name not in tables,
        }
        self.hinted = 0
        self.orientations: dict[str, str] = {}

    def error(self, table: Table, message: str, row: Row | None = None, **kw: Any) -> None:
        self.problems.append(Problem(Severity.ERROR, table.location, message, row=row.number if row else None, **kw))

    def warning(self, table: Table, message: str, row: Row | None = None, **kw: Any) -> None:
        self.problems.append(Problem(Severity.WARNING, table.location, message, row=row.number if row else None, **kw))

    # -- the passes ---------------------------------------------------------

    def build(self) -> dict[str, Any]:
        usable = {name: t for name, t in self.tables.items() if self._check_columns(t)}
        for spec, ref in ((MUNICIPALITIES, Ref.MUNICIPALITY), (TARGET_GROUPS, Ref.TARGET_GROUP),
                          (ACTORS, Ref.ACTOR), (PROJECTS, Ref.PROJECT)):
            if spec.name in usable:
                self._index_ids(usable[spec.name], ref)
        parsed = {name: self._parse_rows(table) for name, table in usable.items()}
        if self.implicit[Ref.MUNICIPALITY] or self.implicit[Ref.TARGET_GROUP]:
            self._collect_implicit(parsed)
        return self._records(parsed, usable)

    def _check_columns(self, table: Table) -> bool:
        spec = _spec(table.name)
        missing = [c for c in spec.required_columns if c not in table.header]
        for column in missing:
            self.error(
                table, "a required column is missing", column=column,
                hint=f"Add a column named {column!r} to the header row (row 1)",
            )
        return not missing

    def _index_ids(self, table: Table, ref: Ref) -> None:
        index = self.indexes[ref]
        first_row: dict[str, int] = {}
        for row in table.rows:
            record_id, name = row.cells["id"], row.cells.get("name", "")
            key = record_id.casefold()
            if not record_id:
                continue  # reported as a missing value
            if key in first_row:
                self.error(
                    table, "duplicate id (ids are compared ignoring case)", row, column="id", value=record_id,
                    hint=f"The id is already used in row {first_row[key]}; give each record its own id",
                )
                continue
            first_row[key] = row.number
            index.add(record_id, name or record_id)

    def _parse_rows(self, table: Table) -> list[tuple[Row, dict[str, Any]]]:
        spec = _spec(table.name)
        result = []
        for row in table.rows:
            values: dict[str, Any] = {}
            for column in spec.columns:
                text = row.cells.get(column.name, "")
                if not text:
                    if column.required:
                        self.error(table, "a required value is missing", row, column=column.name,
                                   hint=f"Fill in the {column.name}")
                    continue
                try:
                    values[column.name] = _PARSERS[column.value](text)
                except ValueProblem as problem:
                    self.error(table, problem.message, row, column=column.name, value=text, hint=problem.hint)
            values["extra"] = MappingProxyType(
                {k: v for k, v in row.cells.items() if k not in spec.column_names and v}
            )
            result.append((row, values))
        return result

    def _collect_implicit(self, parsed: dict[str, list[tuple[Row, dict[str, Any]]]]) -> None:
        for spec in FILES:
            for row, values in parsed.get(spec.name, []):
                for column in spec.columns:
                    if column.ref in self.implicit and self.implicit[column.ref] and column.name in values:
                        items = values[column.name]
                        for item in items if isinstance(items, tuple) else (items,):
                            if item != ALL_MUNICIPALITIES and self.indexes[column.ref].resolve(item) is None:
                                self.indexes[column.ref].add(item, item)

    def _resolve(self, table: Table, row: Row, column: Column, text: str) -> str | None:
        assert column.ref is not None
        index = self.indexes[column.ref]
        found = index.resolve(text)
        if found == _AMBIGUOUS:
            self.error(table, f"the {column.ref.value} name matches several records", row, column=column.name,
                       value=text, hint="Refer to it by its id instead")
            return None
        if found is None:
            hint = f"No {column.ref.value} has this id or name"
            if self.hinted < _MAX_HINTED:
                self.hinted += 1
                matches = index.close_matches(text)
                if matches:
                    hint += "; did you mean " + " or ".join(repr(m) for m in matches) + "?"
            if column.ref in (Ref.MUNICIPALITY, Ref.TARGET_GROUP):
                hint += f" (add it to {_file_of(column.ref)} or correct the reference)"
            self.error(table, f"unknown {column.ref.value}", row, column=column.name, value=text, hint=hint)
        return found

    def _resolve_all(self, table: Table, row: Row, values: dict[str, Any]) -> dict[str, Any]:
        """Replace reference text by ids; expand ``*`` in municipality lists."""
        resolved = dict(values)
        if "orientations" in values:
            # Orientations are free text: one spelling per orientation, the first seen.
            resolved["orientations"] = tuple(
                dict.fromkeys(self.orientations.setdefault(o.casefold(), o) for o in values["orientations"])
            )
        for column in _spec(table.name).columns:
            if column.ref is None or column.name not in values:
                continue
            if column.value is Value.LIST:
                items = values[column.name]
                if column.ref is Ref.MUNICIPALITY and ALL_MUNICIPALITIES in items:
                    resolved["all_municipalities"] = True
                    ids = list(self.indexes[Ref.MUNICIPALITY].by_id.values())
                else:
                    ids = [self._resolve(table, row, column, item) for item in items]
                resolved[column.name] = tuple(dict.fromkeys(i for i in ids if i))
            else:
                resolved[column.name] = self._resolve(table, row, column, values[column.name])
        return resolved

    # -- records ------------------------------------------------------------

    def _records(self, parsed: dict[str, list[tuple[Row, dict[str, Any]]]], usable: Mapping[str, Table]) -> dict[str, Any]:
        out: dict[str, Any] = {}

        def rows(name: str):
            for row, values in parsed.get(name, []):
                yield usable[name], row, self._resolve_all(usable[name], row, values)

        municipalities = {}
        for _, _, v in rows("municipalities"):
            if "id" in v:
                municipalities.setdefault(self.indexes[Ref.MUNICIPALITY].resolve(v["id"]), model.Municipality(**v))
        if self.implicit[Ref.MUNICIPALITY]:
            municipalities = {i: model.Municipality(id=i, name=i) for i in self.indexes[Ref.MUNICIPALITY].by_id.values()}
        out["municipalities"] = _frozen(municipalities)

        groups = {}
        for table, row, v in rows("target_groups"):
            if v.get("parent") and v.get("id") and v["parent"] == self.indexes[Ref.TARGET_GROUP].resolve(v["id"]):
                self.error(table, "a target group cannot be its own parent", row, column="parent", value=v["parent"],
                           hint="Leave parent empty or name a broader group")
            if "id" in v:
                groups.setdefault(self.indexes[Ref.TARGET_GROUP].resolve(v["id"]), model.TargetGroup(**v))
        if self.implicit[Ref.TARGET_GROUP]:
            groups = {i: model.TargetGroup(id=i, name=i) for i in self.indexes[Ref.TARGET_GROUP].by_id.values()}
        out["target_groups"] = _frozen(groups)

        actors = {}
        for table, row, v in rows("actors"):
            if not v.get("municipalities"):
                self.warning(table, "the actor has no municipality", row, column="municipalities",
                             value=v.get("name", ""), hint="Coverage and gaps need where an actor works; use * for all")
            if "id" in v:
                actors.setdefault(self.indexes[Ref.ACTOR].resolve(v["id"]), v)
        out["actors"] = _frozen({k: model.Actor(**v) for k, v in actors.items() if _complete(v, ACTORS)})
        if "actors" in usable:
            self._warn_similar_names(usable["actors"], out["actors"])

        projects = {}
        for table, row, v in rows("projects"):
            if v.get("start") and v.get("end") and v["end"] < v["start"]:
                self.error(table, "the project ends before it starts", row, column="end", value=v["end"].isoformat(),
                           hint=f"The start is {v['start'].isoformat()}; swap or correct the dates")
            if "id" in v:
                projects.setdefault(self.indexes[Ref.PROJECT].resolve(v["id"]), v)
        out["projects"] = _frozen({k: model.Project(**v) for k, v in projects.items() if _complete(v, PROJECTS)})

        out["target_group_sizes"] = tuple(
            model.TargetGroupSize(**v) for _, _, v in rows("target_group_sizes") if _complete(v, _spec("target_group_sizes"))
        )
        cooperations = []
        for table, row, v in rows("cooperation"):
            if v.get("source") and v.get("source") == v.get("target"):
                self.error(table, "an actor cannot cooperate with itself", row, column="target", value=v["target"],
                           hint="Name two different actors in source and target")
            if _complete(v, _spec("cooperation")):
                cooperations.append(model.Cooperation(**v))
        out["cooperations"] = tuple(cooperations)
        out["fundings"] = tuple(model.Funding(**v) for _, _, v in rows("funding") if _complete(v, _spec("funding")))
        return out

    def _warn_similar_names(self, table: Table, actors: Mapping[str, model.Actor]) -> None:
        by_key: dict[str, list[model.Actor]] = defaultdict(list)
        for actor in actors.values():
            by_key[name_key(actor.name)].append(actor)
        rows = {r.cells.get("id", "").casefold(): r for r in table.rows}
        for same in by_key.values():
            for other in same[1:]:
                self.warning(
                    table, f"the name is nearly identical to {same[0].name!r} ({same[0].id})",
                    rows.get(other.id.casefold()), column="name", value=other.name,
                    hint="If they are the same organisation, keep one record and refer to it",
                )


_STOP_WORDS = frozenset({"i", "på", "av", "och", "för", "in", "of", "the", "and", "ab", "ek", "för."})
_NON_WORD = re.compile(r"[^\w]+")


def name_key(name: str) -> str:
    """A key that near-identical organisation names share ("KFUM i Umeå" ~ "KFUM Umeå")."""
    words = _NON_WORD.sub(" ", name.casefold()).split()
    return " ".join(w for w in words if w not in _STOP_WORDS)


def _complete(values: dict[str, Any], spec: FileSpec) -> bool:
    return all(values.get(c) not in (None, "") for c in spec.required_columns)


def _spec(name: str) -> FileSpec:
    return next(spec for spec in FILES if spec.name == name)


def _file_of(ref: Ref) -> str:
    return {Ref.MUNICIPALITY: MUNICIPALITIES.filename, Ref.TARGET_GROUP: TARGET_GROUPS.filename}[ref]


def _frozen(mapping: dict[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType({k: v for k, v in mapping.items() if k is not None})
