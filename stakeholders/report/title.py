"""The report's title: the dataset's own name.

A dataset folder may hold a ``dataset.toml`` with ``name = "Umeåregionen 2026"``
(beside the ``date`` that ``stakeholders propose`` reads); without one, the
folder's (or workbook's) name is made readable: ``_`` and ``-`` become spaces
except a hyphen between digits (a period such as ``2014-2020``), and a name
written all in lower case gets a capital first letter
(``dk-erdf-2014-2020`` -> ``Dk erdf 2014-2020``, ``umearegionen`` ->
``Umearegionen``). Anything else is kept as written.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from stakeholders.model import Dataset

SETTINGS_FILE = "dataset.toml"
_SEPARATOR = re.compile(r"(?<!\d)-|-(?!\d)|_+")


def declared_name(source: str | Path) -> str | None:
    """The ``name`` of a ``dataset.toml`` in the folder ``source``: a non-empty string, else ``None``.

    A dataset.toml that cannot be read names nothing (``stakeholders validate`` is where a dataset's files
    are checked; a title is not worth refusing a report for).
    """
    path = Path(source) / SETTINGS_FILE
    try:
        if not path.is_file():
            return None
        value = tomllib.loads(path.read_text(encoding="utf-8")).get("name")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError, ValueError):
        return None
    return value.strip() if isinstance(value, str) and value.strip() else None


def readable(name: str) -> str:
    """A folder name as a title: ``dk-erdf-2014-2020`` -> ``Dk erdf 2014-2020``."""
    text = " ".join(_SEPARATOR.sub(" ", name).split())
    if text and text == text.lower():
        text = text[0].upper() + text[1:]
    return text or name


def dataset_title(dataset: Dataset) -> str:
    """``dataset.toml``'s name, else the dataset's name made readable."""
    declared = declared_name(dataset.source) if dataset.source else None
    return declared or readable(dataset.name)
