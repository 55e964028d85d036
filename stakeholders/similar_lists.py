"""The lists that `similar` (and the report) search: read them, and keep their index in a folder if asked.

A list is a dataset folder or workbook of ours, or a CSV list of operations (a Kohesio export, a national
list), which is imported on the way (:func:`stakeholders.importers.import_lists` with ``skip_invalid``:
a few bad rows in somebody else's list do not stop the search). With an index folder, the index is reused
while the lists are unchanged (same paths, sizes and times) and rebuilt otherwise.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from stakeholders.analyses.similar_index import SimilarIndex, build_index, fingerprint, read_index
from stakeholders.model import Dataset
from stakeholders.resources import resolve_data_path


def open_lists(lists: Sequence[str], index_dir: str | Path | None = None) -> tuple[SimilarIndex, list[str]]:
    """The index of ``lists`` (built, or read from ``index_dir``), and notes for the user on what was done.

    Raises
    ------
    DatasetError, UsageError
        When a list cannot be read (as :func:`stakeholders.load_dataset` and ``import_lists`` raise).
    """
    notes: list[str] = []

    def load_all() -> list[tuple[str, Dataset]]:
        with tempfile.TemporaryDirectory() as workdir:
            return [_load_list(item, Path(workdir), notes) for item in lists]

    if index_dir is None:
        return build_index(load_all()), notes
    paths = [resolve_data_path(item) for item in lists]
    names = [p.stem if p.is_file() else p.resolve().name for p in paths]
    mark = fingerprint(paths, names)
    stored = read_index(Path(index_dir), mark)
    if stored is not None:
        return stored, [*notes, f"index in {index_dir} reused ({len(stored)} operations)"]
    index = build_index(load_all(), Path(index_dir), fingerprint=mark)
    return index, [*notes, f"index built in {index_dir} ({len(index)} operations)"]


def _load_list(text: str, workdir: Path, notes: list[str]) -> tuple[str, Dataset]:
    """A list to search, with the name its rows show: its file's stem or its folder's name."""
    from stakeholders.loader import load_dataset

    path = resolve_data_path(text)
    if path.is_file() and path.suffix.lower() == ".csv":
        from stakeholders.importers import import_lists

        target = workdir / f"list-{len(list(workdir.iterdir()))}"
        result = import_lists([path], target, skip_invalid=True, rejected=workdir / f"{target.name}.rejected.csv")
        notes.append(f"{path.name}: {result.projects} operations imported, {result.skipped_rows} rows left out")
        return path.stem, load_dataset(target)
    return (path.stem if path.is_file() else path.resolve().name), load_dataset(path)
