"""A map as read from a workbook (elements, connections) and the rows it becomes, with where each row came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from stakeholders.problems import Problem


@dataclass
class Element:
    """One element (node) as read: its row, built-in cells and its other fields (header as written -> text)."""

    row: int
    label: str
    type: str = ""
    description: str = ""
    tags: tuple[str, ...] = ()
    element_id: str = ""
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class Connection:
    """One connection (relation) as read; ``source``/``target`` name elements by ID or label."""

    row: int
    source: str
    target: str
    type: str = ""
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class MapSheets:
    """A map as read from a workbook, with the headers it used for the built-in cells (for messages)."""

    file: str
    elements_sheet: str
    connections_sheet: str
    headers: Mapping[str, str]  # label, type, id, from, to, connection type -> the header as written
    elements: list[Element]
    connections: list[Connection]
    format: str = ""  # kumu or onodo


@dataclass(frozen=True)
class Origin:
    """Where a row of one of our files came from."""

    sheet: str
    row: int
    columns: Mapping[str, str]  # our column -> their header


@dataclass
class Built:
    """Our files as rows (column -> text), where each row came from, and what was found on the way."""

    rows: dict[str, list[dict[str, str]]]
    origins: dict[str, list[Origin]]
    problems: list[Problem]
    unknown_types: dict[str, int]
