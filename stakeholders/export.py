"""The graph for other tools: GEXF (Gephi), GraphML (Cytoscape, yEd, Gephi) and JSON node-link.

Every node and relation of :attr:`Dataset.graph` is written with all its
attributes. GEXF and GraphML hold plain values only, so lists become
``;``-joined text (the dataset format's separator), dates ISO text
(YYYY-MM-DD), and missing values (None, empty text) are left out. GEXF reserves ``id``,
``label``, ``start`` and ``end`` on nodes (``start``/``end`` would make
Gephi treat the graph as dynamic): there the record id is ``record_id``, a
project's dates ``start_date``/``end_date``, and ``label`` is the name.
JSON keeps the schema's names, lists as arrays and empty text; it is the node-link
format of NetworkX (``networkx.node_link_graph(data, name="key",
edges="edges")`` reads it back).

``personal_data=False`` leaves out :data:`~stakeholders.schema.PERSONAL_ATTRIBUTES`
(contact person, e-mail, phone) and removes e-mail addresses from free text.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import networkx as nx

from stakeholders.errors import UsageError
from stakeholders.model import Dataset
from stakeholders.schema import LIST_SEPARATOR, PERSONAL_ATTRIBUTES

FORMATS = ("gexf", "graphml", "json")
SUFFIXES = {".gexf": "gexf", ".graphml": "graphml", ".json": "json"}
GEXF_RENAMES = {"id": "record_id", "start": "start_date", "end": "end_date", "label": "label_text"}
_GEXF_DATE = re.compile(rb' lastmodifieddate="[^"]*"')
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
EMAIL_REMOVED = "[…]"


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


def choose_format(path: Path | str, format: str | None = None) -> str:
    """``format``, or the one that ``path``'s suffix names.

    Raises
    ------
    UsageError
        For an unknown format, or no format and an unknown suffix.
    """
    if format is not None:
        if format not in FORMATS:
            raise UsageError(f"unknown export format {format!r}; use one of {', '.join(FORMATS)}")
        return format
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(f"cannot tell the format from {str(path)!r}; give --format {'|'.join(FORMATS)}")
    return SUFFIXES[suffix]


def _plain(value: object, personal_data: bool, lists: bool) -> object:
    """A value GEXF/GraphML (``lists=False``) or JSON (``lists=True``) can hold; None stays None."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value if personal_data else remove_email_addresses(value)
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v, personal_data, lists) for v in value]
        return items if lists else LIST_SEPARATOR.join(str(v) for v in items if v is not None)
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def _attributes(data: dict[str, object], personal_data: bool, lists: bool) -> dict[str, object]:
    """Plain attributes; None is left out, and for GEXF/GraphML (``lists=False``) empty text too."""
    result = {}
    for name, value in data.items():
        if not personal_data and name in PERSONAL_ATTRIBUTES:
            continue
        plain = _plain(value, personal_data, lists)
        if plain is None or (plain == "" and not lists):
            continue
        result[name] = plain
    return result


def plain_graph(dataset: Dataset, *, personal_data: bool = True, gexf: bool = False) -> nx.MultiDiGraph:
    """A copy of ``dataset.graph`` with plain attribute values (see the module's notes)."""
    graph = nx.MultiDiGraph(name=dataset.name)
    for key, data in dataset.graph.nodes(data=True):
        attributes = _attributes(dict(data), personal_data, lists=False)
        if gexf:
            attributes = {GEXF_RENAMES.get(name, name): value for name, value in attributes.items()}
            attributes["label"] = str(data.get("name", key))
        graph.add_node(key, **attributes)
    for u, v, data in dataset.graph.edges(data=True):
        attributes = _attributes(dict(data), personal_data, lists=False)
        if gexf:
            attributes = {GEXF_RENAMES.get(name, name): value for name, value in attributes.items()}
        graph.add_edge(u, v, **attributes)
    return graph


def node_link(dataset: Dataset, *, personal_data: bool = True) -> dict[str, object]:
    """The graph as NetworkX node-link data: ``nodes`` carry ``key`` (the node key) and the schema's attributes."""
    nodes = [
        {"key": key, **_attributes(dict(data), personal_data, lists=True)}
        for key, data in dataset.graph.nodes(data=True)
    ]
    edges = [
        {"source": u, "target": v, **_attributes(dict(data), personal_data, lists=True)}
        for u, v, data in dataset.graph.edges(data=True)
    ]
    return {"directed": True, "multigraph": True, "graph": {"name": dataset.name}, "nodes": nodes, "edges": edges}


def export_bytes(dataset: Dataset, format: str, *, personal_data: bool = True) -> bytes:
    """The exported file's content (UTF-8)."""
    format = choose_format("", format)
    if format == "json":
        document = node_link(dataset, personal_data=personal_data)
        text = json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False)
        return (text + "\n").encode("utf-8")
    buffer = io.BytesIO()
    if format == "gexf":
        nx.write_gexf(plain_graph(dataset, personal_data=personal_data, gexf=True), buffer, encoding="utf-8")
        # NetworkX stamps today's date; without it the same data gives the same file.
        return _GEXF_DATE.sub(b"", buffer.getvalue(), count=1)
    nx.write_graphml(plain_graph(dataset, personal_data=personal_data), buffer, encoding="utf-8")
    return buffer.getvalue()


def export_graph(
    dataset: Dataset, path: Path | str, format: str | None = None, *, personal_data: bool = True
) -> ExportSummary:
    """Write the whole graph of ``dataset`` to ``path`` (atomically) for Gephi, Cytoscape or scripts.

    Parameters
    ----------
    dataset : Dataset
    path : path-like
        The file to write; its folder is created if needed.
    format : {"gexf", "graphml", "json"}, optional
        Default: from the suffix of ``path``.
    personal_data : bool
        False leaves contact persons, e-mails and phones out.

    Returns
    -------
    ExportSummary

    Raises
    ------
    UsageError
        For an unknown format.
    OutputError
        When ``path`` cannot be written.
    """
    from stakeholders.files import write_atomically

    chosen = choose_format(path, format)
    data = export_bytes(dataset, chosen, personal_data=personal_data)
    write_atomically(Path(path), data)
    size = len(data)
    graph = dataset.graph
    return ExportSummary(Path(path), chosen, graph.number_of_nodes(), graph.number_of_edges(), size)
