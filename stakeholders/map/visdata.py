"""The drawn graph as vis-network items: nodes with fixed positions, groups, tooltips and filter data; edges."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from stakeholders.map.aggregate import Aggregate, group_tooltip, link_width
from stakeholders.map.i18n import Texts
from stakeholders.map.select import DUPLICATE, GAP, DrawnGraph, DrawnNode
from stakeholders.map.style import (
    DUPLICATE_COLOUR,
    KIND_SHAPES,
    LABEL_MAX,
    LABEL_MIN,
    LABEL_THRESHOLD,
    LINE_STYLES,
    SIZE_MAX,
    SIZE_MIN,
    Colouring,
    node_colour,
)
from stakeholders.map.tooltips import Tooltips
from stakeholders.model import Dataset
from stakeholders.schema import NodeKind

Item = dict[str, object]
OUTSIDE_OPACITY = 0.6
LARGE = 1_000  # nodes above which the map is drawn for speed (see vis_options)
LABELLED = 300  # on a large map, only this many nodes (the largest) carry a label


def is_large(node_count: int) -> bool:
    return node_count > LARGE


def vis_options(
    node_count: int, edge_count: int, groups: Mapping[str, object], aggregated: bool = False
) -> dict[str, object]:
    """vis-network options: fixed positions (physics off), tooltips on hover, readable labels.

    vis-network measures every label when it creates the nodes, word by word
    when labels wrap. On a large map (more than ``LARGE`` nodes) labels do not
    wrap or scale and use vis-network's default font, only the ``LABELLED``
    largest nodes have one (the page shows a node's name when it is selected),
    and edges hide while dragging or zooming. On an aggregated map every group's label is drawn, larger for
    larger groups.
    """
    large = is_large(node_count) or edge_count > 3 * LARGE
    label_scaling = {
        "enabled": not large,
        "min": LABEL_MIN + 2 if aggregated else LABEL_MIN,
        "max": LABEL_MAX + 6 if aggregated else LABEL_MAX,
        "maxVisible": 40,
        "drawThreshold": 1 if aggregated else LABEL_THRESHOLD,
    }
    options: dict[str, object] = {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
        },
        "nodes": {
            "borderWidth": 2,
            "borderWidthSelected": 4,
            "font": {
                "size": LABEL_MIN,
                "face": "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif",
                "color": "#1a1a1a",
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
            },
            "scaling": {"min": SIZE_MIN, "max": SIZE_MAX, "label": label_scaling},
        },
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 0.5, "color": {"inherit": False}},
        "groups": dict(groups),
    }
    if large:
        # Custom fonts cost vis-network a merge per node (about 0.3 s at 5 000 nodes); few labels show anyway.
        del options["nodes"]["font"]  # type: ignore[attr-defined]
    else:
        options["nodes"]["widthConstraint"] = {"maximum": 180}  # type: ignore[index]
    return options


def ancestors(dataset: Dataset, group_ids: Sequence[str]) -> list[str]:
    """Target groups and every group they are part of, each once, in order."""
    seen: dict[str, None] = {}
    for group_id in group_ids:
        current: str | None = group_id
        while current is not None and current not in seen:
            seen[current] = None
            parent = dataset.target_groups.get(current)
            current = parent.parent if parent is not None else None
    return list(seen)


def _filter_fields(dataset: Dataset, node: DrawnNode) -> Item:
    """``m``: municipality ids ("*" = all), ``t``: target-group ids with their parents; absent = not filtered."""
    if node.kind is NodeKind.MUNICIPALITY:
        return {"m": [node.record_id]}
    if node.kind is NodeKind.TARGET_GROUP:
        return {"t": ancestors(dataset, [node.record_id])}
    record = dataset.actors[node.record_id] if node.kind is NodeKind.ACTOR else dataset.projects[node.record_id]
    places = ["*"] if record.all_municipalities else list(record.municipalities)
    return {"m": places, "t": ancestors(dataset, record.target_groups)}


def node_items(
    dataset: Dataset,
    drawn: DrawnGraph,
    xy: Mapping[str, tuple[int, int]],
    colours: Colouring,
    values: Mapping[str, float],
    metrics: Mapping[str, Mapping[str, object]],
    tips: Tooltips,
) -> list[Item]:
    """One vis node per drawn node, in the drawn order.

    On a large map only the ``LABELLED`` nodes of highest value (and the
    focus) have a ``label``; the others carry their ``name``.
    """
    labelled: set[str] | None = None
    if is_large(len(drawn.nodes)):
        ranked = sorted(drawn.nodes, key=lambda key: -values[key])
        labelled = set(ranked[:LABELLED]) | ({drawn.focus} if drawn.focus else set())
    items = []
    for key, node in drawn.nodes.items():
        x, y = xy[key]
        item: Item = {
            "id": key,
            "label" if labelled is None or key in labelled else "name": node.name,
            "x": x,
            "y": y,
            "group": colours.group_of[key],
            "shape": KIND_SHAPES[node.kind],
            "value": values[key],
            "title": tips.node(node, metrics.get(key, {})),
            "kind": node.kind.value,
            **_filter_fields(dataset, node),
        }
        if key in drawn.duplicate_of:
            # A node's colour object replaces its group's, so it is given whole.
            background = colours.colour_of(key)
            item["borderWidth"] = 5
            item["borderWidthSelected"] = 7
            item["color"] = {
                "background": background,
                "border": DUPLICATE_COLOUR,
                "highlight": {"background": background, "border": DUPLICATE_COLOUR},
                "hover": {"background": background, "border": DUPLICATE_COLOUR},
            }
        if node.outside:
            item["opacity"] = OUTSIDE_OPACITY
        items.append(item)
    return items


def edge_items(drawn: DrawnGraph, tips: Tooltips) -> list[Item]:
    """One vis edge per drawn edge; cooperation lines are as wide as the strongest tie.

    A relation's line gives its colour, width and dashes only where they differ
    from its kind's style (:data:`LINE_STYLES`, in the page as ``lineStyles``;
    the page's script fills them in): a report writes hundreds of maps. Its
    tooltip's first line, "A — relation — B", is written by the page from the
    node names (``relations`` in the page); ``note`` holds the further lines.
    Gap and duplicate lines carry their style and tooltip.
    """
    names = {key: node.name for key, node in drawn.nodes.items()}
    items = []
    for edge in drawn.edges:
        style = LINE_STYLES[edge.kind]
        width = style.width
        strengths = [s for a in edge.attributes if isinstance(s := a.get("strength"), int)]
        if strengths:
            width = 1.0 + max(strengths)
        item: Item = {"from": edge.source, "to": edge.target}  # the page numbers them e0, e1, ...
        overlay = edge.kind in (GAP, DUPLICATE)
        if overlay:
            item["color"] = style.colour
        if overlay or width != style.width:
            item["width"] = width
        title = tips.edge(edge, names)
        if overlay:
            item["title"] = title
        else:
            # "A — relation — B" is written by the page from the node names; only further lines are here.
            rest = title.partition("\n")[2]
            if rest:
                item["note"] = rest
        item["rel"] = edge.kind
        if overlay and style.dashes:
            item["dashes"] = list(style.dashes)
        items.append(item)
    return items


def relation_labels(words: Texts) -> dict[str, str]:
    """Each relation kind's words in a tooltip ("partner in"), for the page's script."""
    return {kind: words.relation(kind) for kind in LINE_STYLES if kind not in (GAP, DUPLICATE, "aggregate")}


def line_styles() -> dict[str, list[object]]:
    """Each relation kind's line as [colour, width, dashes], for the page's script."""
    return {kind: [style.colour, style.width, list(style.dashes)] for kind, style in LINE_STYLES.items()}


def aggregate_items(aggregate: Aggregate, degree: Mapping[str, int], words: Texts) -> tuple[list[Item], list[Item]]:
    """Group nodes (size by members) and group links (width by count)."""
    nodes = []
    for group in aggregate.groups:
        nodes.append(
            {
                "id": group.key,
                "label": group.label,
                "x": group.x,
                "y": group.y,
                "shape": "dot",
                "value": round(len(group.members) ** 0.5, 4),
                "title": group_tooltip(group, degree, words),
                "kind": "group",
                **node_colour(group.colour),
            }
        )
    style = LINE_STYLES["aggregate"]
    most = max((link.count for link in aggregate.links), default=1)
    edges = [
        {
            "id": f"e{number}",
            "from": link.source,
            "to": link.target,
            # weak links fade: opacity from 0.15 (one link) to 0.9 (the most links between two groups)
            "color": {
                "color": style.colour,
                "opacity": round(0.15 + 0.75 * math.log1p(link.count) / math.log1p(most), 2),
            },
            "width": link_width(link.count),
            "title": words.format("tip.links", count=words.number(link.count)),
            "rel": "aggregate",
        }
        for number, link in enumerate(aggregate.links)
    ]
    return nodes, edges
