"""GraphML (Gephi, yEd, Cytoscape, igraph, graphology, NetworkX).

Every key is declared with its type (``string``, ``long``, ``double``, ``boolean``) and its
name as id; nodes and edges have a ``label`` (the name, the relation), edges a unique ``id``,
their ``kind`` and a ``weight`` (the cooperation's strength, else 1). The ``label`` attribute of
``<edge>`` (not GraphML's, ignored by other readers) is the edge type Gephi reads, so that Gephi
keeps parallel relations apart.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from stakeholders.exports.common import (
    DOUBLE,
    EDGE_LABEL,
    STRING,
    WEIGHT,
    Attribute,
    ExportSummary,
    GraphTable,
    graph_table,
    text_value,
    write_file,
    xml_bytes,
)
from stakeholders.model import Dataset

NAMESPACE = "http://graphml.graphdrawing.org/xmlns"
LABEL = "label"


def _keys(root: ET.Element, domain: str, attributes: tuple[Attribute, ...]) -> None:
    for attribute in attributes:
        ET.SubElement(
            root,
            "key",
            {
                "id": f"{domain}_{attribute.name}",
                "for": domain,
                "attr.name": attribute.name,
                "attr.type": attribute.type,
            },
        )


def _data(parent: ET.Element, domain: str, values: dict) -> None:
    for name, value in values.items():
        ET.SubElement(parent, "data", {"key": f"{domain}_{name}"}).text = text_value(value)


def graphml_document(table: GraphTable) -> ET.Element:
    """The GraphML document of ``table``."""
    root = ET.Element("graphml", {"xmlns": NAMESPACE})
    node_attributes = (Attribute(LABEL, STRING), *table.node_attributes)
    edge_attributes = (Attribute(EDGE_LABEL, STRING), Attribute(WEIGHT, DOUBLE), *table.edge_attributes)
    _keys(root, "node", node_attributes)
    _keys(root, "edge", edge_attributes)
    graph = ET.SubElement(root, "graph", {"id": "G", "edgedefault": "directed"})
    for node in table.nodes:
        element = ET.SubElement(graph, "node", {"id": node.key})
        _data(element, "node", {LABEL: node.label, **node.values})
    for edge in table.edges:
        # label= on <edge> is Gephi's edge type (ImporterGraphML); other readers ignore it.
        attributes = {"id": edge.id, "source": edge.source, "target": edge.target, LABEL: edge.type}
        element = ET.SubElement(graph, "edge", attributes)
        _data(element, "edge", {EDGE_LABEL: edge.kind, WEIGHT: edge.weight, **edge.values})
    return root


def render(dataset: Dataset, personal_data: bool = True) -> bytes:
    """The GraphML file's content (UTF-8)."""
    root = graphml_document(graph_table(dataset, personal_data=personal_data))
    return xml_bytes(root)


def write(dataset: Dataset, path: Path, personal_data: bool = True) -> ExportSummary:
    return write_file(dataset, path, "graphml", render(dataset, personal_data))
