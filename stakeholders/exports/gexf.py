"""GEXF 1.3 (Gephi, graphology, NetworkX): valid against the format's RelaxNG grammar.

The graph is static and directed; each edge has its relation as ``kind`` (GEXF 1.3's edge
attribute for parallel edges of several kinds, numbered for parallel edges of one kind: see
:mod:`stakeholders.exports.common`) and as a ``kind`` attribute value, and the cooperation's
strength as its ``weight``. Attributes are declared with their types
(``string``, ``long``, ``double``, ``boolean``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from stakeholders.exports.common import ExportSummary, GraphTable, graph_table, text_value, write_file, xml_bytes
from stakeholders.model import Dataset

NAMESPACE = "http://gexf.net/1.3"
VERSION = "1.3"
CREATOR = "stakeholders"


def _attributes(parent: ET.Element, table_class: str, attributes) -> None:
    element = ET.SubElement(parent, "attributes", {"class": table_class})
    for attribute in attributes:
        ET.SubElement(element, "attribute", {"id": attribute.name, "title": attribute.name, "type": attribute.type})


def _values(parent: ET.Element, values) -> None:
    if values:
        element = ET.SubElement(parent, "attvalues")
        for name, value in values.items():
            ET.SubElement(element, "attvalue", {"for": name, "value": text_value(value)})


def gexf_document(table: GraphTable) -> ET.Element:
    """The GEXF 1.3 document of ``table``."""
    root = ET.Element("gexf", {"xmlns": NAMESPACE, "version": VERSION})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = CREATOR
    ET.SubElement(meta, "description").text = table.name
    graph = ET.SubElement(root, "graph", {"mode": "static", "defaultedgetype": "directed"})
    _attributes(graph, "node", table.node_attributes)
    _attributes(graph, "edge", table.edge_attributes)
    nodes = ET.SubElement(graph, "nodes", {"count": str(len(table.nodes))})
    for node in table.nodes:
        _values(ET.SubElement(nodes, "node", {"id": node.key, "label": node.label}), node.values)
    edges = ET.SubElement(graph, "edges", {"count": str(len(table.edges))})
    for edge in table.edges:
        element = ET.SubElement(
            edges,
            "edge",
            {
                "id": edge.id,
                "source": edge.source,
                "target": edge.target,
                "kind": edge.type,
                "label": edge.kind,
                "weight": text_value(edge.weight),
            },
        )
        _values(element, edge.values)
    return root


def render(dataset: Dataset, personal_data: bool = True) -> bytes:
    """The GEXF file's content (UTF-8)."""
    root = gexf_document(graph_table(dataset, personal_data=personal_data))
    return xml_bytes(root)


def write(dataset: Dataset, path: Path, personal_data: bool = True) -> ExportSummary:
    return write_file(dataset, path, "gexf", render(dataset, personal_data))
