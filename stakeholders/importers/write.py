"""Write an imported dataset folder in one step: a staged folder that replaces the target when complete."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from stakeholders.errors import OutputError
from stakeholders.files import staged_folder, write_atomically

IMPORT_LOG = "import.json"  # what was imported from where; also marks a folder that import may replace


def check_target(directory: Path) -> None:
    """Refuse a target that is a file, or a non-empty folder that an earlier import did not write.

    Raises
    ------
    OutputError
    """
    if directory.is_symlink() or (directory.exists() and not directory.is_dir()):
        raise OutputError(f"{directory} exists and is not a folder; choose a new folder (nothing was written)")
    if directory.is_dir() and any(directory.iterdir()) and not (directory / IMPORT_LOG).is_file():
        raise OutputError(
            f"{directory} is not empty and holds no earlier import ({IMPORT_LOG}); choose a new folder "
            "(nothing was written)"
        )


def _earlier_import(directory: Path) -> bool:
    return (directory / IMPORT_LOG).is_file()


def csv_bytes(names: Sequence[str], columns: Mapping[str, Sequence[str]]) -> bytes:
    """A CSV file (UTF-8, comma, header first) of the ``columns`` named in ``names``, in that order.

    Column by column: a column with a comma, quote or line break anywhere has all its cells quoted (valid CSV,
    as the csv module reads it), the others none; about twice as fast as ``csv.writer`` on long summaries.
    """
    quoted = [[_quote(name) if _needs_quotes(name) else name, *_quoted(columns[name])] for name in names]
    lines = map(",".join, zip(*quoted, strict=True))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _needs_quotes(text: str) -> bool:
    return any(character in text for character in _SPECIAL)


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _quoted(cells: Sequence[str]) -> Sequence[str]:
    return list(map(_quote, cells)) if _needs_quotes("\x00".join(cells)) else cells


_SPECIAL = (",", '"', "\n", "\r")


def rows_to_columns(names: Sequence[str], rows: Sequence[Mapping[str, str]]) -> dict[str, list[str]]:
    """Rows (dicts) as columns, for :func:`csv_bytes`."""
    return {name: [row.get(name, "") for row in rows] for name in names}


def write_folder(directory: Path, files: Mapping[str, bytes], log: Mapping[str, object]) -> tuple[Path, ...]:
    """Write ``files`` (name -> bytes) and the import log into ``directory``, all or nothing.

    The files go to a hidden staging folder next to ``directory``, which then takes its place (an earlier
    import there is replaced only once the new one is complete).

    Raises
    ------
    OutputError
        When the target is refused (see :func:`check_target`) or cannot be written.
    """
    check_target(directory)
    with staged_folder(directory, replaceable=_earlier_import, private=False) as work:
        for name, data in files.items():
            (work / name).write_bytes(data)
        text = json.dumps(log, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
        (work / IMPORT_LOG).write_text(text, encoding="utf-8")
    return tuple(directory / name for name in files)


def write_rejected(path: Path, names: Sequence[str], rows: Sequence[Mapping[str, str]]) -> Path:
    """``rejected.csv``: each rejected value with file, row, column, value and reason, for a spreadsheet (the
    style of ``STAKEHOLDERS_CSV``, else Excel's; formulas neutralised), like problems.rejected_csv."""
    from stakeholders.csv_styles import CsvStyle, csv_style, csv_text

    table = ([row.get(name, "") for name in names] for row in rows)
    return write_atomically(path, csv_text(names, table, csv_style(None, CsvStyle.EXCEL)).encode("utf-8"))
