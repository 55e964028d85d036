"""Gephi's spreadsheet import: ``nodes.csv`` (``Id,Label,...``) and ``edges.csv`` (``Source,Target,Type,...``).

In ``edges.csv`` the relation is ``Label``, and ``Kind`` is Gephi's edge type (the relation, numbered
for parallel relations of one kind: see :mod:`stakeholders.exports.common`).

Both go into the folder given (created if needed; each file is written atomically). UTF-8
without a byte order mark, comma-separated (RFC 4180), ``true``/``false``; the columns after
Gephi's own are every attribute, in the order of the other formats. Text that a spreadsheet
would run as a formula is neutralised (:func:`stakeholders.safety.neutralise_cell`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from stakeholders.exports.common import STRING, ExportSummary, GraphTable, Plain, graph_table, text_value
from stakeholders.files import write_atomically
from stakeholders.model import Dataset
from stakeholders.safety import neutralise_cell
from stakeholders.schema import KIND

NODES_FILE, EDGES_FILE = "nodes.csv", "edges.csv"
NODE_COLUMNS = ("Id", "Label")
# Kind: Gephi's edge type (see stakeholders.exports.common); the relation itself is Label, so the kind attribute is
# not repeated (Gephi would take a "kind" column for Kind too).
EDGE_COLUMNS = ("Source", "Target", "Type", "Id", "Label", "Weight", "Kind")
DIRECTED = "Directed"


def _cell(value: Plain | None) -> str:
    return "" if value is None else str(neutralise_cell(text_value(value)))


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _telling_rows_first(rows: list[list[str]], kind_column: int, text_columns: Sequence[int]) -> list[list[str]]:
    """``rows`` with the ones that tell each column's type moved to the top, the rest in their order.

    Gephi guesses a column's type from the first 25 rows only: with municipalities first, a record
    id such as 2480 makes ``record_id`` a number and every actor's id an error, and a cooperation
    ``since`` 2015 makes a later 2015-03-01 one. So the first row of each kind, and for each text
    column the first row whose value is not a number, come first.
    """
    telling: dict[object, int] = {}
    for number, row in enumerate(rows):
        telling.setdefault(("kind", row[kind_column]), number)
        for column in text_columns:
            if row[column] and not _numeric(row[column]):
                telling.setdefault(column, number)
    head = sorted(set(telling.values()))
    chosen = set(head)
    return [rows[n] for n in head] + [row for n, row in enumerate(rows) if n not in chosen]


def gephi_tables(table: GraphTable) -> tuple[bytes, bytes]:
    """The content of ``nodes.csv`` and ``edges.csv``."""
    node_names = [a.name for a in table.node_attributes]
    nodes = [[_cell(n.key), _cell(n.label), *(_cell(n.values.get(name)) for name in node_names)] for n in table.nodes]
    text = [len(NODE_COLUMNS) + i for i, a in enumerate(table.node_attributes) if a.type == STRING]
    nodes = _telling_rows_first(nodes, len(NODE_COLUMNS) + node_names.index(KIND), text)
    edge_attributes = [a for a in table.edge_attributes if a.name != KIND]
    edge_names = [a.name for a in edge_attributes]
    edges = [
        [_cell(e.source), _cell(e.target), DIRECTED, e.id, _cell(e.kind), text_value(e.weight), _cell(e.type)]
        + [_cell(e.values.get(name)) for name in edge_names]
        for e in table.edges
    ]
    text = [len(EDGE_COLUMNS) + i for i, a in enumerate(edge_attributes) if a.type == STRING]
    edges = _telling_rows_first(edges, EDGE_COLUMNS.index("Label"), text)
    return _csv([*NODE_COLUMNS, *node_names], nodes), _csv([*EDGE_COLUMNS, *edge_names], edges)


def write(dataset: Dataset, path: Path, personal_data: bool = True) -> ExportSummary:
    """Write ``nodes.csv`` and ``edges.csv`` into the folder ``path``."""
    from stakeholders.errors import OutputError

    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise OutputError(
            f"{folder} is a file; gephi-csv writes nodes.csv and edges.csv into a folder (nothing was written)"
        )
    nodes, edges = gephi_tables(graph_table(dataset, personal_data=personal_data))
    write_atomically(folder / NODES_FILE, nodes)
    write_atomically(folder / EDGES_FILE, edges)
    graph = dataset.graph
    return ExportSummary(folder, "gephi-csv", graph.number_of_nodes(), graph.number_of_edges(), len(nodes) + len(edges))
