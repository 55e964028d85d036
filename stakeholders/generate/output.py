"""Write a generated dataset: CSV files or one workbook, and planted.json, all or nothing.

Everything is written into a hidden folder next to the target and renamed
into place at the end, so an interrupted run leaves no half dataset. The
bytes depend only on the rows: no timestamps (the workbook's zip entries
and document properties get a fixed date).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from stakeholders.errors import OutputError
from stakeholders.files import staged_folder
from stakeholders.generate.draft import Row
from stakeholders.schema import GRAPH_FILES

PLANTED_FILE = "planted.json"
WORKBOOK_FILE = "dataset.xlsx"
_FIXED_TIME = dt.datetime(2008, 1, 1)
_ZIP_TIME = (2008, 1, 1, 0, 0, 0)
_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*")


def check_target(directory: Path) -> None:
    """Refuse a target that is a file or a non-empty folder.

    Raises
    ------
    OutputError
    """
    if directory.is_symlink() or (directory.exists() and not directory.is_dir()):
        raise OutputError(f"{directory} exists and is not a folder; choose a new folder (nothing was written)")
    if directory.is_dir() and any(directory.iterdir()):
        raise OutputError(f"{directory} exists and is not empty; choose a new folder (nothing was written)")


def write_output(
    directory: Path, rows: Mapping[str, Sequence[Row]], planted: Mapping[str, object], xlsx: bool
) -> tuple[Path, ...]:
    """Write every table and ``planted.json`` into ``directory`` (created; must be new or empty).

    Returns
    -------
    tuple of Path
        The files written, in the final folder.

    Raises
    ------
    OutputError
        When the folder exists and is not empty, or cannot be written.
    """
    check_target(directory)
    with staged_folder(directory) as staging:
        names = _write_workbook(staging, rows) if xlsx else _write_csv(staging, rows)
        (staging / PLANTED_FILE).write_text(planted_text(planted), encoding="utf-8")
        names.append(PLANTED_FILE)
    return tuple(directory / name for name in names)


def planted_text(document: Mapping[str, object]) -> str:
    """JSON with one line per key, readable and diffable."""
    lines = [
        f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False, allow_nan=False)}"
        for key, value in document.items()
    ]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _cells(row: Row, columns: Sequence[str]) -> list[object]:
    return [row.get(column, "") for column in columns]


def _write_csv(folder: Path, rows: Mapping[str, Sequence[Row]]) -> list[str]:
    names = []
    for spec in GRAPH_FILES:  # (the generator plants no labour market yet)
        with (folder / spec.filename).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(spec.column_names)
            columns = spec.column_names
            writer.writerows(_cells(row, columns) for row in rows[spec.name])
        names.append(spec.filename)
    return names


def _write_workbook(folder: Path, rows: Mapping[str, Sequence[Row]]) -> list[str]:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    workbook.properties.created = _FIXED_TIME
    workbook.properties.creator = "stakeholders generate"
    for spec in GRAPH_FILES:  # (the generator plants no labour market yet)
        sheet = workbook.create_sheet(spec.name)
        sheet.append(list(spec.column_names))
        columns = spec.column_names
        for row in rows[spec.name]:
            sheet.append(_cells(row, columns))
    path = folder / WORKBOOK_FILE
    workbook.save(path)
    _fix_zip_dates(path)
    return [WORKBOOK_FILE]


def _fix_zip_dates(path: Path) -> None:
    """Rewrite the workbook with fixed entry dates and document dates, for identical bytes."""
    fixed = path.with_suffix(".fixed")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            if entry.filename == "docProps/core.xml":
                stamp = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                target.writestr(info, _CORE_DATES.sub(rb"\g<1>" + stamp, source.read(entry)))
                continue
            with source.open(entry) as reader, target.open(info, "w", force_zip64=entry.file_size >= 1 << 31) as writer:
                shutil.copyfileobj(reader, writer, 1 << 20)
    fixed.replace(path)
