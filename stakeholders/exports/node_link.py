"""JSON node-link (NetworkX, d3): ``{"directed", "multigraph", "graph", "nodes", "links"}``.

Nodes carry the node key as ``id`` and their attributes; links ``source``, ``target``, ``key``
(the parallel edge's NetworkX key), ``id``, ``kind``, ``label`` and ``weight``. Both
``networkx.node_link_graph(data, edges="links")`` and ``json_graph.node_link_graph(data)``
with its defaults read it back to the same graph (docs/export.md).
"""

from __future__ import annotations

import json
from pathlib import Path

from stakeholders.exports.common import EDGE_ID, EDGE_LABEL, WEIGHT, ExportSummary, graph_table, write_file
from stakeholders.model import Dataset

LABEL = "label"


def node_link(dataset: Dataset, *, personal_data: bool = True) -> dict[str, object]:
    """The graph as NetworkX node-link data (see the module's notes)."""
    table = graph_table(dataset, personal_data=personal_data, lists=True)
    nodes = [{"id": node.key, LABEL: node.label, **node.values} for node in table.nodes]
    links = [
        {
            "source": edge.source,
            "target": edge.target,
            "key": edge.key,
            EDGE_ID: edge.id,
            EDGE_LABEL: edge.kind,
            WEIGHT: edge.weight,
            **edge.values,
        }
        for edge in table.edges
    ]
    return {"directed": True, "multigraph": True, "graph": {"name": table.name}, "nodes": nodes, "links": links}


def render(dataset: Dataset, personal_data: bool = True) -> bytes:
    """The JSON file's content (UTF-8)."""
    text = json.dumps(node_link(dataset, personal_data=personal_data), ensure_ascii=False, indent=1, allow_nan=False)
    return (text + "\n").encode("utf-8")


def write(dataset: Dataset, path: Path, personal_data: bool = True) -> ExportSummary:
    return write_file(dataset, path, "json", render(dataset, personal_data))
