"""Loading with ``skip_invalid``: which rows to leave out, why, and the tables without them.

Used by :func:`stakeholders.loader.load`: each round of validation that finds errors only in data
rows leaves those rows out and validates again, until no error is left; a row that then fails
only because it referred to a row left out is named with that row (:attr:`Rejected.because_of`).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from stakeholders.problems import Problem, Rejected, Severity
from stakeholders.schema import FILES, FILES_BY_NAME, REF_FILES, SAME_AS, Ref
from stakeholders.tables import ReadResult, Table
from stakeholders.values import parse_list

_SPEC_REFS: dict[str, Ref] = {spec.name: ref for ref, spec in REF_FILES.items()}
_ORDER = {spec.name: k for k, spec in enumerate([*FILES, SAME_AS])}


def file_order(row: Rejected) -> tuple[int, int]:
    """Rejected rows in dataset order: by file (as the dataset lists them), then by row."""
    return _ORDER.get(_file_name(row.file), len(_ORDER)), row.row


def _file_name(location: str) -> str:
    """The spec name of a location ("actors.csv" or "region.xlsx, sheet actors" -> "actors")."""
    name = location.rsplit("sheet ", 1)[-1] if ", sheet " in location else location
    return name.strip().lower().removesuffix(".csv")


def rejected_rows(
    errors: list[Problem], by_location: Mapping[str, Table], dropped: dict[Ref, dict[str, str]]
) -> list[Rejected]:
    """The rows with these errors, each once; ``dropped`` learns what they could be referred to by."""
    by_row: dict[tuple[str, int], list[Problem]] = {}
    for problem in errors:
        by_row.setdefault((problem.file, problem.row or 0), []).append(problem)
    rows = []
    for (location, number), problems in by_row.items():
        because_of = ""
        for problem in problems:
            ref = _ref_of(by_location[location].name, problem.column)
            if ref is not None and problem.message == f"unknown {ref.value}" and problem.value:
                because_of = dropped[ref].get(problem.value.casefold(), because_of)
        if because_of and len(problems) > 1 and not all(p.message.startswith("unknown ") for p in problems):
            because_of = ""  # the row has errors of its own
        rows.append(Rejected(location, number, tuple(problems), because_of))
    positions: dict[str, dict[int, int]] = {}  # location -> row number -> position
    for row in rows:  # what the rejected records were called, for the rows that refer to them
        table = by_location[row.file]
        ref = _SPEC_REFS.get(table.name)
        if ref is None:
            continue
        if row.file not in positions:
            positions[row.file] = {number: k for k, number in enumerate(table.numbers)}
        k = positions[row.file][row.row]
        where = f"{row.file}, row {row.row}"
        for column in ("id", "name"):
            if column in table.columns and table.columns[column][k]:
                dropped[ref].setdefault(table.columns[column][k].casefold(), where)
        for alias in parse_list(table.columns["aliases"][k]) if "aliases" in table.columns else ():
            dropped[ref].setdefault(alias.casefold(), where)
    return rows


def _ref_of(file: str, column: str | None) -> Ref | None:
    spec = SAME_AS if file == SAME_AS.name else FILES_BY_NAME.get(file)
    if spec is None or column is None:
        return None
    return next((c.ref for c in spec.columns if c.name == column), None)


def without_rows(read: ReadResult, same_as: Table | None, errors: list[Problem]) -> tuple[ReadResult, Table | None]:
    """The tables without the rows that have these errors (and the problems of reading them)."""
    rows: dict[str, set[int]] = {}
    for problem in errors:
        rows.setdefault(problem.file, set()).add(problem.row or 0)

    def without(table: Table) -> Table:
        bad = rows.get(table.location)
        if not bad:
            return table
        keep = [number not in bad for number in table.numbers]
        columns = {name: list(itertools.compress(values, keep)) for name, values in table.columns.items()}
        return Table(table.name, table.location, table.header, tuple(itertools.compress(table.numbers, keep)), columns)

    tables = {name: without(table) for name, table in read.tables.items()}
    kept = [p for p in read.problems if p.severity is not Severity.ERROR]
    result = ReadResult(tables=tables, problems=kept, unreadable=set(read.unreadable))
    return result, (without(same_as) if same_as is not None else None)
