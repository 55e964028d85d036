"""Pull a dataset from Neo4j: read it back into the model, and write it in the CSV format.

Push then pull reproduces the input: loading the pulled folder gives the same
records and relations as loading the pushed one (same ids, values, lists in
their order, ``*`` kept as ``*``, extra columns kept). Cells and headers are
neutralised for spreadsheets (``=HYPERLINK(...)`` is written ``'=HYPERLINK(...)``),
since anyone who can edit the graph could plant a formula; the loader reads the
``'`` back (:func:`stakeholders.safety.restore_cell`), so values round-trip.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

from stakeholders import cypher, model
from stakeholders.backends.neo4j_store import in_file_order, ordered, record
from stakeholders.cypher import Runner
from stakeholders.files import check_folder_target, staged_folder
from stakeholders.safety import neutralise_cell
from stakeholders.schema import ALL_MUNICIPALITIES, FILES, LIST_SEPARATOR, FileSpec, Sector


def read_dataset(runner: Runner, name: str, source: str = "") -> model.Dataset:
    """Read the dataset ``name`` from Neo4j into the in-memory model."""

    def rows(query: str) -> list[Any]:
        return list(cypher.query(query).run(runner, dataset=name))

    municipalities = {
        r["properties"]["id"]: record(model.Municipality, r["properties"])
        for r in in_file_order(rows("pull/municipalities"))
    }
    target_groups = {
        r["properties"]["id"]: record(model.TargetGroup, r["properties"], parent=_first(sorted(r["parents"])))
        for r in in_file_order(rows("pull/target_groups"))
    }
    actors = {}
    for r in in_file_order(rows("pull/actors")):
        actors[r["properties"]["id"]] = record(
            model.Actor,
            r["properties"],
            municipalities=ordered(r["municipalities"]),
            target_groups=ordered(r["target_groups"]),
        )
    projects = {}
    for r in in_file_order(rows("pull/projects")):
        owners = sorted(r["owners"], key=lambda pair: pair[1])
        owner = owners[0][1] if owners else ""
        partners = list(r["partners"])
        if owners and owners[0][0] is not None:
            partners.append(owners[0])
        projects[r["properties"]["id"]] = record(
            model.Project,
            r["properties"],
            owner=owner,
            partners=ordered(partners),
            municipalities=ordered(r["municipalities"]),
            target_groups=ordered(r["target_groups"]),
        )
    return model.Dataset(
        name=name,
        source=source or name,
        actors=MappingProxyType(actors),
        projects=MappingProxyType(projects),
        municipalities=MappingProxyType(municipalities),
        target_groups=MappingProxyType(target_groups),
        occupations=occupations_named_in(actors, projects, target_groups),
        target_group_sizes=_row_records(rows("pull/sizes"), model.TargetGroupSize, "target_group", "municipality"),
        cooperations=_row_records(rows("pull/cooperations"), model.Cooperation, "source", "target"),
        fundings=_row_records(rows("pull/fundings"), model.Funding, "funder", "project"),
    )


def occupations_named_in(*tables: Mapping[str, Any]) -> MappingProxyType[str, model.Occupation]:
    """The occupations the records' ``occupations`` name, each named by its code, in order of first mention.

    The labour-market files are not pushed to Neo4j (only the occupations columns, as properties): a pulled
    dataset gets an occupations table that its own references need, so that it loads again; the names,
    the labour demand and the employers' needs stay with the files.
    """
    codes = dict.fromkeys(code for table in tables for record in table.values() for code in record.occupations)
    return MappingProxyType({code: model.Occupation(id=code, name=code) for code in codes})


def _first(items: Sequence[str]) -> str | None:
    return items[0] if items else None


def _row_records(rows: list[Any], cls: type, source: str, target: str) -> tuple[Any, ...]:
    ranked = sorted(
        rows,
        key=lambda r: (r["properties"].get("seq") is None, r["properties"].get("seq") or 0, r["source"], r["target"]),
    )
    return tuple(record(cls, r["properties"], **{source: r["source"], target: r["target"]}) for r in ranked)


# -- writing the CSV format -------------------------------------------------------------------------------


def dataset_tables(dataset: model.Dataset) -> dict[str, tuple[list[str], list[list[str]]]]:
    """Every file of the format as (header, rows of cell text); extra columns follow the format's."""
    records: dict[str, Sequence[Any]] = {
        "municipalities": list(dataset.municipalities.values()),
        "target_groups": list(dataset.target_groups.values()),
        "actors": list(dataset.actors.values()),
        "projects": list(dataset.projects.values()),
        "target_group_sizes": dataset.target_group_sizes,
        "cooperation": dataset.cooperations,
        "funding": dataset.fundings,
        "occupations": list(dataset.occupations.values()),
        "labour_demand": dataset.labour_demand,
        "employer_needs": dataset.employer_needs,
    }
    tables = {}
    for spec in FILES:
        rows = records[spec.name]
        extra_columns = list(dict.fromkeys(key for row in rows for key in row.extra))
        header = [*spec.column_names, *extra_columns]
        tables[spec.name] = (header, [_cells(spec, row, extra_columns) for row in rows])
    return tables


def _cells(spec: FileSpec, row: Any, extra_columns: list[str]) -> list[str]:
    cells = []
    for column in spec.column_names:
        if column == "municipalities" and getattr(row, "all_municipalities", False):
            cells.append(ALL_MUNICIPALITIES)
        elif column == "partners":
            cells.append(cell_text(row.partners))
        else:
            cells.append(cell_text(getattr(row, column, None)))
    return cells + [row.extra.get(column, "") for column in extra_columns]


def cell_text(value: Any) -> str:
    """A model value as the text the loader reads back as the same value."""
    if value is None:
        return ""
    if isinstance(value, Sector):
        return value.value
    if isinstance(value, tuple | list):
        return f"{LIST_SEPARATOR} ".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(Decimal(repr(value)), "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def check_target(directory: Path) -> None:
    """Refuse a target that is a file or a folder that is not empty.

    Raises
    ------
    OutputError
    """
    check_folder_target(directory)


def write_dataset_csv(dataset: model.Dataset, directory: Path) -> list[Path]:
    """Write ``dataset`` as CSV files (UTF-8) into the new or empty folder ``directory``, all or nothing.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    OutputError
        When ``directory`` is a file or a folder that is not empty, or cannot be written.
    """
    check_target(directory)
    tables = dataset_tables(dataset)
    with staged_folder(directory) as staging:
        for spec in FILES:
            header, rows = tables[spec.name]
            with (staging / spec.filename).open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(map(neutralise_cell, header))
                writer.writerows(map(neutralise_cell, row) for row in rows)
    return [directory / spec.filename for spec in FILES]
