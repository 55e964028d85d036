"""The map's look for an export: each node's colour, size and place as a workshop map draws them.

Every node of the dataset is placed (all layers: actors, projects, municipalities and target groups), with
the map's seeded layout, its colours (``color_by``) and its sizes (degree, as ``--size-by degree``: the
square root of the links, scaled between the map's smallest and largest node). Gephi then opens the GEXF
export looking like the map (``export --format gexf --map-look``).
"""

from __future__ import annotations

from collections import Counter

from stakeholders.exports.gexf import NodeViz
from stakeholders.map.build import community_membership, node_layout
from stakeholders.map.i18n import texts
from stakeholders.map.options import ColorBy, Layer, MapOptions
from stakeholders.map.select import select
from stakeholders.map.style import SIZE_MAX, SIZE_MIN, colouring, scaled_values
from stakeholders.model import Dataset


def node_viz(dataset: Dataset, color_by: ColorBy | str = ColorBy.KIND, seed: int = 1) -> dict[str, NodeViz]:
    """Node key -> colour (``#RRGGBB``), size and place, for every node of the dataset's graph."""
    options = MapOptions(layers=tuple(Layer), color_by=ColorBy(color_by), seed=seed)
    drawn = select(dataset, options)
    degree: Counter[str] = Counter()
    for edge in drawn.relation_edges():
        degree[edge.source] += 1
        degree[edge.target] += 1
    keys = list(drawn.nodes)
    community = {}
    if options.color_by is ColorBy.COMMUNITY:
        community = dict(zip(keys, community_membership(dataset, options, keys), strict=True))
    colours = colouring(dataset, list(drawn.nodes.values()), options.color_by, texts("en"), community)
    values = scaled_values({key: float(degree[key]) for key in keys})
    largest = max(values.values(), default=0.0) or 1.0
    xy = node_layout(drawn, seed)
    return {
        key: NodeViz(
            colour=colours.colour_of(key),
            size=round(SIZE_MIN + (SIZE_MAX - SIZE_MIN) * values[key] / largest, 2),
            x=float(xy[key][0]),
            y=float(xy[key][1]),
        )
        for key in keys
    }
