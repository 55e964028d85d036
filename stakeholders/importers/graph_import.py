"""Import a map drawn in Kumu or Onodo (an .xlsx workbook) as a dataset folder in our format.

>>> from stakeholders.importers.graph_import import import_map  # doctest: +SKIP
>>> result = import_map("kumu-export.xlsx", "my-region")  # doctest: +SKIP

The workbook is read (:mod:`stakeholders.importers.graph_read`), its elements and connections become our rows
(:mod:`stakeholders.importers.graph_build`), and the files are written to a staging folder that the loader
validates before it takes the output's place: a problem the loader finds is reported at the workbook's sheet,
row and column, and nothing is written.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from stakeholders.files import staged_folder
from stakeholders.importers.graph_build import build_rows
from stakeholders.importers.graph_read import MapFormat, detect_map_format, read_map
from stakeholders.importers.graph_sheets import Built, Origin
from stakeholders.importers.write import IMPORT_LOG, check_target, csv_bytes, rows_to_columns
from stakeholders.problems import DatasetError, Problem, Severity
from stakeholders.safety import neutralise_cell
from stakeholders.schema import FILES, FILES_BY_NAME

__all__ = ["MapFormat", "MapImportResult", "detect_map_format", "import_map"]


@dataclass(frozen=True)
class MapImportResult:
    """What a map import wrote: where, from which format, how many records of each file, and the warnings."""

    directory: Path
    format: MapFormat
    files: tuple[Path, ...]
    counts: Mapping[str, int]  # our file name (actors, cooperation, ...) -> rows written
    warnings: tuple[Problem, ...]


def import_map(
    path: str | Path,
    output: str | Path,
    *,
    format: MapFormat | str | None = None,
    keep_personal_data: bool = False,
) -> MapImportResult:
    """Import a Kumu or Onodo workbook into one dataset folder that ``stakeholders validate`` accepts.

    Parameters
    ----------
    path
        The workbook (.xlsx): Kumu's sheets ``Elements`` and ``Connections``, or Onodo's nodes and relations.
    output
        The dataset folder to write (new, empty, or an earlier import, which is replaced).
    format
        ``kumu`` or ``onodo``; None detects it from the workbook's sheets.
    keep_personal_data
        Copy contact persons, e-mails and phones (left out by default).

    Raises
    ------
    DatasetError
        When the workbook cannot be read or holds errors (every one, at its sheet, row and column).
    UsageError
        When the workbook is neither a Kumu nor an Onodo map (or not the ``format`` given).
    OutputError
        When the output cannot be written. Nothing is written on any error.
    """
    source = Path(path)
    sheets = read_map(source, MapFormat(format) if format else None)
    chosen = MapFormat(sheets.format)
    built = build_rows(sheets, keep_personal_data=keep_personal_data)
    errors = [p for p in built.problems if p.severity is Severity.ERROR]
    if errors:
        raise DatasetError(built.problems, skippable=False)  # --skip-invalid is for lists, not maps
    files = {f"{name}.csv": _csv(name, rows) for name, rows in built.rows.items() if rows or name == "actors"}
    log = {"sources": [{"file": source.name, "layout": chosen.value}], "personal_data": keep_personal_data}
    directory = Path(output)
    check_target(directory)
    with staged_folder(directory, replaceable=lambda d: (d / IMPORT_LOG).is_file(), private=False) as work:
        for name, data in files.items():
            (work / name).write_bytes(data)
        (work / IMPORT_LOG).write_text(json.dumps(log, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        warnings = _validate(work, built, sheets.file)
    counts = {name: len(rows) for name, rows in built.rows.items() if rows}
    found = [p for p in built.problems if p.severity is Severity.WARNING]
    return MapImportResult(directory, chosen, tuple(directory / name for name in files), counts, (*found, *warnings))


def _csv(name: str, rows: Sequence[Mapping[str, str]]) -> bytes:
    """One of our files: its own columns first (those any row fills, and the required ones), then the extras."""
    spec = FILES_BY_NAME[name]
    seen = dict.fromkeys(key for row in rows for key in row)
    names = [c.name for c in spec.columns if c.name in seen or c.required] + [
        k for k in seen if k not in spec.column_names
    ]
    safe = [{k: str(neutralise_cell(v)) for k, v in row.items()} for row in rows]
    return csv_bytes(names, rows_to_columns(names, safe))


def _validate(folder: Path, built: Built, workbook: str) -> list[Problem]:
    """Load the written folder; its problems are moved to where they came from in the workbook.

    Raises
    ------
    DatasetError
        With every problem of the written folder, located in the workbook.
    """
    from stakeholders.loader import load

    try:
        result = load(folder)
    except DatasetError as error:
        raise DatasetError([_located(p, built.origins, workbook) for p in error.problems], skippable=False) from None
    return [_located(p, built.origins, workbook) for p in result.warnings]


_FILE_NAMES = {spec.filename: spec.name for spec in FILES}


def _located(problem: Problem, origins: Mapping[str, Sequence[Origin]], workbook: str) -> Problem:
    """``problem`` (in one of our files) at the sheet, row and column of the workbook that the row came from."""
    name = _FILE_NAMES.get(Path(problem.file).name)
    if name is None or problem.row is None or not 2 <= problem.row < len(origins[name]) + 2:
        return problem
    origin = origins[name][problem.row - 2]
    column = origin.columns.get(problem.column or "", problem.column)
    return Problem(
        problem.severity,
        f"{workbook}, sheet {origin.sheet}",
        problem.message,
        origin.row,
        column,
        problem.value,
        problem.hint,
    )
