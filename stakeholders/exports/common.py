"""The graph as flat, typed rows that every export format writes (see docs/export.md).

:func:`graph_table` turns :attr:`Dataset.graph` into nodes and edges whose values are plain
(text, whole numbers, decimals, true/false) under names that no reader takes for its own:

- a record's ``id`` becomes ``record_id`` (every format keeps the node key ``Kind:id`` as the id),
  ``label``/``start``/``end``/``parent`` become ``label_text``/``start_date``/``end_date``/``parent_group``
  (GEXF and Gephi read ``label``, ``start`` and ``end`` as their own; Cytoscape.js reads ``parent``
  as a compound node);
- lists become ``;``-joined text (the dataset format's separator; the JSON formats keep them as lists),
  dates ISO text (YYYY-MM-DD);
- missing values (None, empty text, empty lists) are left out of the row, but every attribute of
  the schema is declared with its type, whether or not a record has a value for it.

Each edge has an ``id`` (``e0``, ``e1``, ... unique in the file), its ``kind``, a ``label`` (the
kind) and a ``weight``: the cooperation's strength, 1 for every other relation. Gephi keeps one edge
per two nodes and edge type, so the type it is given (GEXF ``kind``, GraphML ``<edge label>``, the
``Kind`` column of gephi-csv) is the kind, and ``KIND (2)``, ``KIND (3)`` ... for further relations of
the same kind between the same two nodes (sizes of several years, several cooperations): Gephi then
keeps every relation, and the ``kind`` attribute still says ``KIND``.

``personal_data=False`` leaves out :data:`~stakeholders.schema.PERSONAL_ATTRIBUTES` (contact
person, e-mail, phone) and removes e-mail addresses from free text.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from stakeholders.files import write_atomically
from stakeholders.model import Dataset
from stakeholders.schema import (
    COOPERATION,
    FUNDING,
    KIND,
    LIST_SEPARATOR,
    NAME,
    NODE_FILES,
    PERSONAL_ATTRIBUTES,
    STRENGTH_DEFAULT,
    TARGET_GROUP_SIZES,
    Value,
)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
EMAIL_REMOVED = "[…]"
# Names that a reader takes for its own (see the module's notes), and what they are written as.
RENAMES = {"id": "record_id", "label": "label_text", "start": "start_date", "end": "end_date", "parent": "parent_group"}
# Edge attributes that every edge gets, whatever its kind.
EDGE_ID, EDGE_LABEL, WEIGHT = "id", "label", "weight"
STRENGTH = "strength"
COOPERATION_KIND = "cooperation_kind"  # a cooperation row's kind, beside the relation's kind

# The attribute types of every format, as the names GEXF uses (GraphML and the others map them).
STRING, LONG, DOUBLE, BOOLEAN = "string", "long", "double", "boolean"
_SCHEMA_TYPES = {Value.NUMBER: DOUBLE, Value.INTEGER: LONG, Value.STRENGTH: LONG}
# Attributes of the model that no file names: a record that covers every municipality (``*``).
_MODEL_ATTRIBUTES = {"all_municipalities": BOOLEAN}


def remove_email_addresses(text: str) -> str:
    """``text`` with every e-mail address replaced by ``[…]``."""
    return _EMAIL.sub(EMAIL_REMOVED, text)


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """What was written: where, in which format, how many nodes and relations."""

    path: Path
    format: str
    nodes: int
    edges: int
    bytes: int

    def to_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "format": self.format,
            "nodes": self.nodes,
            "edges": self.edges,
            "bytes": self.bytes,
        }


Plain = str | int | float | bool | list[str]  # a list only with ``lists=True`` (the JSON formats)


@dataclass(frozen=True, slots=True)
class Attribute:
    """A declared attribute: its name in the file and its type (:data:`STRING`, :data:`LONG`, ...)."""

    name: str
    type: str


@dataclass(frozen=True, slots=True)
class Node:
    key: str  # the node key, Kind:id
    label: str  # the record's name
    values: Mapping[str, Plain]


@dataclass(frozen=True, slots=True)
class Edge:
    id: str
    source: str
    target: str
    key: int  # the edge's key among the parallel edges of source -> target (NetworkX)
    kind: str
    weight: float
    values: Mapping[str, Plain]
    # The edge type for Gephi, which keeps one edge per two nodes and type: the kind, and for the second, third ...
    # relation of the same kind between the same two nodes "KIND (2)", "KIND (3)" (see the module's notes).
    type: str


@dataclass(frozen=True, slots=True)
class GraphTable:
    """The whole graph as declared attributes and rows (see the module's notes)."""

    name: str
    node_attributes: tuple[Attribute, ...]
    edge_attributes: tuple[Attribute, ...]
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def plain(value: object, personal_data: bool, lists: bool = False) -> Plain | None:
    """A value every format can hold: text, a whole number, a decimal or true/false; None for no value.

    A list becomes ``;``-joined text, or with ``lists`` a list of texts (JSON).
    """
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        text = value if personal_data else remove_email_addresses(value)
        return text or None
    if isinstance(value, list | tuple | set | frozenset):
        items = [str(item) for item in (plain(v, personal_data) for v in value) if item is not None]
        if lists:
            return items or None
        return LIST_SEPARATOR.join(items) or None
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def _type_of(values: Iterable[Plain]) -> str:
    types = {type(value) for value in values}
    if types == {bool}:
        return BOOLEAN
    if types and types <= {int}:
        return LONG
    if types and types <= {int, float}:
        return DOUBLE
    return STRING


def _declare(rows: list[dict[str, Plain]], known: Mapping[str, str], first: Iterable[str]) -> tuple[Attribute, ...]:
    """Every attribute that ``known`` names or a row has, in a stable order, typed by ``known`` or its values."""
    names = list(dict.fromkeys([*first, *known, *(name for row in rows for name in row)]))
    declared = []
    for name in names:
        values = [row[name] for row in rows if name in row]
        observed = _type_of(values)
        kind = known.get(name, observed)
        if values and observed != kind and (kind, observed) != (DOUBLE, LONG):
            kind = STRING  # values of another type than the schema says: written as text, never lost
        declared.append(Attribute(name, kind))
    return tuple(declared)


def _schema_node_types(personal_data: bool) -> dict[str, str]:
    """The declared type of every node attribute that the schema names (renamed as written)."""
    known: dict[str, str] = {KIND: STRING}
    for spec in NODE_FILES.values():
        for column in spec.columns:
            if not personal_data and column.name in PERSONAL_ATTRIBUTES:
                continue
            known.setdefault(RENAMES.get(column.name, column.name), _SCHEMA_TYPES.get(column.value, STRING))
    known.update(_MODEL_ATTRIBUTES)
    return known


def _schema_edge_types() -> dict[str, str]:
    """The declared type of every relation attribute that the schema names (as model.build_graph names them)."""
    known: dict[str, str] = {KIND: STRING}
    for spec in (TARGET_GROUP_SIZES, COOPERATION, FUNDING):
        for column in spec.columns:
            if column.ref is None:
                name = COOPERATION_KIND if spec is COOPERATION and column.name == KIND else column.name
                known.setdefault(name, _SCHEMA_TYPES.get(column.value, STRING))
    return known


def _row(data: Mapping[str, object], personal_data: bool, lists: bool) -> dict[str, Plain]:
    row: dict[str, Plain] = {}
    for name, value in data.items():
        if not personal_data and name in PERSONAL_ATTRIBUTES:
            continue
        converted = plain(value, personal_data, lists)
        if converted is not None:
            row[RENAMES.get(name, name)] = converted
    return row


def graph_table(dataset: Dataset, *, personal_data: bool = True, lists: bool = False) -> GraphTable:
    """``dataset.graph`` as typed rows (see the module's notes); ``lists``: lists stay lists (for JSON)."""
    graph = dataset.graph
    node_rows = [(key, data, _row(data, personal_data, lists)) for key, data in graph.nodes(data=True)]
    nodes = tuple(Node(key, str(data.get(NAME) or key), row) for key, data, row in node_rows)
    edge_rows = []
    for number, (source, target, key, data) in enumerate(graph.edges(keys=True, data=True)):
        row = _row(data, personal_data, lists)
        strength = data.get(STRENGTH)
        weight = float(strength if isinstance(strength, int | float) else STRENGTH_DEFAULT)
        edge_rows.append((f"e{number}", source, target, key, row, weight))
    seen: Counter[tuple[str, str, str]] = Counter()
    edges = []
    for edge_id, source, target, key, row, weight in edge_rows:
        kind = str(row[KIND])
        seen[source, target, kind] += 1
        count = seen[source, target, kind]
        edges.append(Edge(edge_id, source, target, key, kind, weight, row, kind if count == 1 else f"{kind} ({count})"))
    node_attributes = _declare([row for _, _, row in node_rows], _schema_node_types(personal_data), [KIND])
    edge_attributes = _declare([row for *_, row, _ in edge_rows], _schema_edge_types(), [KIND])
    return GraphTable(dataset.name, node_attributes, edge_attributes, nodes, tuple(edges))


# What XML 1.0 cannot hold (control characters but tab and line breaks, U+FFFE, U+FFFF, lone surrogates): a reader
# refuses the whole file, so such a character is written as U+FFFD.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
REPLACEMENT = "\ufffd"


def xml_text(text: str) -> str:
    """``text`` with every character that XML 1.0 cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub(REPLACEMENT, text)


def xml_bytes(root: ET.Element) -> bytes:
    """The UTF-8 document of ``root``, indented, every text and attribute value passed through :func:`xml_text`."""
    for element in root.iter():
        if element.text:
            element.text = xml_text(element.text)
        for name, value in element.attrib.items():
            element.set(name, xml_text(value))
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def text_value(value: Plain) -> str:
    """A value as text in XML and CSV: ``true``/``false``, whole decimals without ``.0`` stay decimals."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_file(dataset: Dataset, path: Path, format: str, data: bytes) -> ExportSummary:
    """Write ``data`` to ``path`` atomically; the summary of ``dataset``'s graph written there."""
    write_atomically(Path(path), data)
    graph = dataset.graph
    return ExportSummary(Path(path), format, graph.number_of_nodes(), graph.number_of_edges(), len(data))
