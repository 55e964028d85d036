"""Import published lists of operations (Kohesio exports, national Article 49 lists) as a dataset folder.

>>> from stakeholders.importers import import_lists  # doctest: +SKIP
>>> result = import_lists(["dk-erdf-2014-2020.csv"], "dk")  # doctest: +SKIP

The library never prints: :func:`import_lists` returns an :class:`ImportResult` (what was written, what
was skipped) or raises :class:`~stakeholders.problems.DatasetError` / :class:`~stakeholders.errors.UsageError`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from stakeholders.errors import UsageError
from stakeholders.importers.layouts import FIELDS, Layout, read_mapping
from stakeholders.importers.read import REJECTED_COLUMNS, FileRead, Rejected, read_operations
from stakeholders.importers.resolve import (
    ACTOR_COLUMNS,
    MUNICIPALITY_COLUMNS,
    PROJECT_COLUMNS,
    TARGET_GROUP_COLUMNS,
    build_tables,
)
from stakeholders.importers.write import IMPORT_LOG, csv_bytes, rows_to_columns, write_folder, write_rejected
from stakeholders.names import MERGE_SUGGESTION_COLUMNS
from stakeholders.problems import DatasetError

__all__ = ["FIELDS", "IMPORT_LOG", "FileSummary", "ImportResult", "Layout", "Rejected", "import_lists"]

MERGE_SUGGESTIONS_FILE = "merge-suggestions.csv"
PROJECTS_OWN = frozenset(PROJECT_COLUMNS[:11])  # the columns of projects.csv in our format; then extras
REJECTED_FILE = "rejected.csv"


@dataclass(frozen=True)
class FileSummary:
    """One input file: its layout, its rows, and how many of them were imported and skipped."""

    file: str
    layout: Layout
    rows: int
    imported: int
    skipped: int
    reasons: tuple[tuple[str, int], ...]  # reason -> rejected values, most frequent first


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote and what it left out."""

    directory: Path
    files: tuple[Path, ...]
    projects: int
    actors: int
    municipalities: int
    target_groups: int
    merged_actors: int  # actors that gathered several spellings (see their aliases)
    suggestions: int  # rows of merge-suggestions.csv
    sources: tuple[FileSummary, ...]
    rejected: tuple[Rejected, ...]
    rejected_file: Path | None

    @property
    def skipped_rows(self) -> int:
        return sum(source.skipped for source in self.sources)


def import_lists(
    paths: Sequence[str | Path],
    output: str | Path,
    *,
    layout: Layout | str | None = None,
    columns: str | Path | None = None,
    keep_personal_data: bool = False,
    skip_invalid: bool = False,
    rejected: str | Path | None = None,
    threshold: float = 0.85,
) -> ImportResult:
    """Import lists of operations into one dataset folder that ``stakeholders validate`` accepts.

    Parameters
    ----------
    paths
        The lists (CSV files), merged in this order into one dataset; actors resolve across them.
    output
        The dataset folder to write (new, empty, or an earlier import, which is replaced).
    layout
        ``kohesio`` or ``operations``; None detects it from each file's headers.
    columns
        A TOML mapping file, ``our_field = "their header"``, for headers the built-in names miss.
    keep_personal_data
        Copy contact persons, e-mails and phones (left out by default).
    skip_invalid
        Import the good rows and write each rejected value to ``rejected`` instead of refusing the lists.
    rejected
        Where to write the rejected values; default ``rejected.csv`` next to the output folder.
    threshold
        The least similarity of a merge suggestion (0-1).

    Returns
    -------
    ImportResult

    Raises
    ------
    DatasetError
        Without ``skip_invalid``, when some row has a bad value (every one is listed); or a file is unreadable.
    UsageError
        When a file's layout is unknown or the mapping file is wrong.
    OutputError
        When the output cannot be written. Nothing is written on any error.
    """
    if not paths:
        raise UsageError("give at least one list of operations to import")
    chosen = Layout(layout) if layout else None
    mapping = read_mapping(Path(columns)) if columns else None
    reads: list[FileRead] = []
    for path in map(Path, paths):
        if not path.is_file():
            raise UsageError(f"{path} is not a file; give the CSV file of a list of operations")
        reads.append(read_operations(path, chosen, mapping, keep_personal_data=keep_personal_data))
    problems = [problem for read in reads for problem in read.problems]
    if problems and not skip_invalid:
        raise DatasetError(problems)
    tables = build_tables([read.operations for read in reads], threshold=threshold)
    files = {
        "actors.csv": csv_bytes(ACTOR_COLUMNS, tables.actors),
        "projects.csv": csv_bytes(_used(PROJECT_COLUMNS, tables.projects), tables.projects),
        "municipalities.csv": csv_bytes(MUNICIPALITY_COLUMNS, tables.municipalities),
        MERGE_SUGGESTIONS_FILE: csv_bytes(
            MERGE_SUGGESTION_COLUMNS,
            rows_to_columns(MERGE_SUGGESTION_COLUMNS, [s.to_row() for s in tables.suggestions]),
        ),
    }
    if tables.target_groups["id"]:
        files["target_groups.csv"] = csv_bytes(TARGET_GROUP_COLUMNS, tables.target_groups)
    sources = tuple(_summary(read) for read in reads)
    directory = Path(output)
    log = {
        "sources": [{"file": s.file, "layout": s.layout.value, "rows": s.rows, "skipped": s.skipped} for s in sources],
        "personal_data": keep_personal_data,
    }
    all_rejected = tuple(r for read in reads for r in read.rejected)
    rejected_file = None
    if all_rejected:
        target = Path(rejected) if rejected else directory.parent / REJECTED_FILE
        if target.resolve().parent == directory.resolve():
            raise UsageError(f"--rejected {target}: give a path outside the output folder {directory}")
        rejected_file = target
    written = write_folder(directory, files, log)
    if rejected_file is not None:
        write_rejected(rejected_file, REJECTED_COLUMNS, [r.to_row() for r in all_rejected])
    return ImportResult(
        directory,
        written,
        len(tables.projects["id"]),
        len(tables.actors["id"]),
        len(tables.municipalities["id"]),
        len(tables.target_groups["id"]),
        tables.merged,
        len(tables.suggestions),
        sources,
        all_rejected,
        rejected_file,
    )


def _summary(read: FileRead) -> FileSummary:
    skipped = len({r.row for r in read.rejected})
    reasons = tuple(Counter(r.reason for r in read.rejected).most_common())
    return FileSummary(read.location, read.layout, read.rows, len(read.operations), skipped, reasons)


def _used(names: Sequence[str], columns: dict[str, list[str]]) -> list[str]:
    """Our own columns, and the extra ones that hold some value (an empty extra column says nothing)."""
    return [n for n in names if n in PROJECTS_OWN or any(columns[n])]
