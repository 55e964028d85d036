"""Cytoscape.js JSON: ``{"data": {"name"}, "elements": {"nodes": [...], "edges": [...]}}``.

Each element's ``data`` has ``id`` (the node key, or the edge id), an edge's ``source`` and
``target``, a ``label`` and every attribute: what ``cytoscape({elements})`` and Cytoscape
desktop's "Import network from file" (Cytoscape.js JSON) read.
"""

from __future__ import annotations

import json
from pathlib import Path

from stakeholders.exports.common import EDGE_LABEL, WEIGHT, ExportSummary, graph_table, write_file
from stakeholders.model import Dataset

LABEL = "label"


def cytoscape_elements(dataset: Dataset, *, personal_data: bool = True) -> dict[str, object]:
    """The graph as a Cytoscape.js document (see the module's notes)."""
    table = graph_table(dataset, personal_data=personal_data, lists=True)
    nodes = [{"data": {"id": node.key, LABEL: node.label, **node.values}} for node in table.nodes]
    edges = [
        {
            "data": {
                "id": edge.id,
                "source": edge.source,
                "target": edge.target,
                EDGE_LABEL: edge.kind,
                WEIGHT: edge.weight,
                **edge.values,
            }
        }
        for edge in table.edges
    ]
    return {"data": {"name": table.name}, "elements": {"nodes": nodes, "edges": edges}}


def render(dataset: Dataset, personal_data: bool = True) -> bytes:
    """The JSON file's content (UTF-8)."""
    document = cytoscape_elements(dataset, personal_data=personal_data)
    return (json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False) + "\n").encode("utf-8")


def write(dataset: Dataset, path: Path, personal_data: bool = True) -> ExportSummary:
    return write_file(dataset, path, "cytoscape", render(dataset, personal_data))
