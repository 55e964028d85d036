"""Interactive, offline workshop maps of a dataset (one self-contained HTML file).

Use :func:`write_map` (or :func:`build_map` for the text); vis-network and
pyvis's page conventions are in :mod:`stakeholders.map.pyvis_page`. See docs/maps.md.
"""

from stakeholders.map.build import MapPage, MapSummary, build_map, write_map
from stakeholders.map.export_viz import node_viz
from stakeholders.map.options import (
    DEFAULT_LAYERS,
    DEFAULT_MAX_NODES,
    AggregateBy,
    ColorBy,
    Layer,
    MapOptions,
    SizeBy,
    parse_layers,
)
from stakeholders.map.select import resolve_focus

__all__ = [
    "DEFAULT_LAYERS",
    "DEFAULT_MAX_NODES",
    "AggregateBy",
    "ColorBy",
    "Layer",
    "MapOptions",
    "MapPage",
    "MapSummary",
    "SizeBy",
    "build_map",
    "node_viz",
    "parse_layers",
    "resolve_focus",
    "write_map",
]
