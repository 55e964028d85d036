"""The graph for other tools: one module per format, and a registry of their writers (docs/export.md).

- ``gexf``: GEXF 1.3 (Gephi, graphology, NetworkX), :mod:`stakeholders.exports.gexf`
- ``graphml``: GraphML (Gephi, yEd, Cytoscape, igraph), :mod:`stakeholders.exports.graphml`
- ``json``: NetworkX/d3 node-link JSON, :mod:`stakeholders.exports.node_link`
- ``cytoscape``: Cytoscape.js JSON (``elements: {nodes, edges}``), :mod:`stakeholders.exports.cytoscape`
- ``gephi-csv``: ``nodes.csv`` and ``edges.csv`` for Gephi's spreadsheet import, :mod:`stakeholders.exports.gephi_csv`
- ``kumu``: one .xlsx workbook for Kumu's spreadsheet import, :mod:`stakeholders.exports.kumu`

Every writer is ``(dataset, path, personal_data) -> ExportSummary`` and writes atomically; the
text formats also have a renderer ``(dataset, personal_data) -> bytes`` (for ``-o -``).
How values and names are written, in every format: :mod:`stakeholders.exports.common`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from stakeholders.errors import UsageError
from stakeholders.exports import cytoscape, gephi_csv, gexf, graphml, kumu, node_link
from stakeholders.exports.common import ExportSummary, remove_email_addresses
from stakeholders.exports.node_link import node_link as node_link_data
from stakeholders.model import Dataset

Writer = Callable[[Dataset, Path, bool], ExportSummary]
Renderer = Callable[[Dataset, bool], bytes]

WRITERS: dict[str, Writer] = {
    "gexf": gexf.write,
    "graphml": graphml.write,
    "json": node_link.write,
    "cytoscape": cytoscape.write,
    "gephi-csv": gephi_csv.write,
    "kumu": kumu.write_kumu,  # one .xlsx workbook, so no renderer
}
# The formats that are one text file, so that ``-o -`` can write them to standard output.
RENDERERS: dict[str, Renderer] = {
    "gexf": gexf.render,
    "graphml": graphml.render,
    "json": node_link.render,
    "cytoscape": cytoscape.render,
}
FORMATS = tuple(WRITERS)
SUFFIXES = {".gexf": "gexf", ".graphml": "graphml", ".json": "json", ".cyjs": "cytoscape", ".xlsx": "kumu"}

__all__ = [
    "FORMATS",
    "RENDERERS",
    "WRITERS",
    "ExportSummary",
    "choose_format",
    "export_bytes",
    "export_graph",
    "node_link_data",
    "remove_email_addresses",
]


def choose_format(path: Path | str, format: str | None = None) -> str:
    """``format``, or the one that ``path``'s suffix names.

    Raises
    ------
    UsageError
        For an unknown format, or no format and an unknown suffix.
    """
    if format is not None:
        if format not in WRITERS:
            raise UsageError(f"unknown export format {format!r}; use one of {', '.join(FORMATS)}")
        return format
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(f"cannot tell the format from {str(path)!r}; give --format {'|'.join(FORMATS)}")
    return SUFFIXES[suffix]


def export_bytes(dataset: Dataset, format: str, *, personal_data: bool = True) -> bytes:
    """The exported file's content (UTF-8), for a format that is one text file.

    Raises
    ------
    UsageError
        For an unknown format, or one that is not one text file (``gephi-csv``).
    """
    format = choose_format("", format)
    if format not in RENDERERS:
        raise UsageError(f"--format {format} writes files into a folder, not one text file; give -o FOLDER")
    return RENDERERS[format](dataset, personal_data)


def export_graph(
    dataset: Dataset, path: Path | str, format: str | None = None, *, personal_data: bool = True
) -> ExportSummary:
    """Write the whole graph of ``dataset`` to ``path`` (atomically) for Gephi, Cytoscape or scripts.

    Parameters
    ----------
    dataset : Dataset
    path : path-like
        The file to write (for ``gephi-csv`` the folder); its folder is created if needed.
    format : one of :data:`FORMATS`, optional
        Default: from the suffix of ``path``.
    personal_data : bool
        False leaves contact persons, e-mails and phones out.

    Raises
    ------
    UsageError
        For an unknown format.
    OutputError
        When ``path`` cannot be written.
    """
    chosen = choose_format(path, format)
    return WRITERS[chosen](dataset, Path(path), personal_data)
