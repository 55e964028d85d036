"""Colours, shapes, sizes and line styles, and the legend that explains them.

Colours come from Tableau 10 (distinct on a projector and for most colour
vision deficiencies), red and grey kept for warnings and "other".
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from stakeholders.map.i18n import Texts
from stakeholders.map.options import ColorBy, SizeBy
from stakeholders.map.select import DUPLICATE, GAP, DrawnNode
from stakeholders.model import Actor, Dataset, Project
from stakeholders.schema import NodeKind, RelKind, Sector

KIND_ORDER = (NodeKind.ACTOR, NodeKind.PROJECT, NodeKind.MUNICIPALITY, NodeKind.TARGET_GROUP)
KIND_COLOURS = {
    NodeKind.ACTOR: "#4E79A7",
    NodeKind.PROJECT: "#F28E2B",
    NodeKind.MUNICIPALITY: "#59A14F",
    NodeKind.TARGET_GROUP: "#B07AA1",
}
KIND_SHAPES = {
    NodeKind.ACTOR: "dot",
    NodeKind.PROJECT: "square",
    NodeKind.MUNICIPALITY: "triangle",
    NodeKind.TARGET_GROUP: "diamond",
}
SECTOR_COLOURS = {
    Sector.PUBLIC: "#4E79A7",
    Sector.PRIVATE: "#F28E2B",
    Sector.CIVIL: "#59A14F",
    Sector.ACADEMIC: "#B07AA1",
}
PALETTE = ("#4E79A7", "#F28E2B", "#59A14F", "#B07AA1", "#76B7B2", "#EDC948", "#FF9DA7", "#9C755F")
OTHER = "#A0A0A0"
NOT_APPLICABLE = "#DADADA"
GAP_COLOUR = "#D62728"
DUPLICATE_COLOUR = "#E6007E"
SIZE_MIN, SIZE_MAX = 10, 40
LABEL_MIN, LABEL_MAX = 14, 22
LABEL_THRESHOLD = 8  # labels smaller than this many screen pixels are not drawn (zoom in to see them)


@dataclass(frozen=True, slots=True)
class LineStyle:
    colour: str
    width: float
    dashes: tuple[int, ...] = ()


LINE_STYLES: dict[str, LineStyle] = {
    RelKind.COOPERATES_WITH.value: LineStyle("#4D4D4D", 2.0),
    RelKind.OWNS.value: LineStyle("#C25F00", 3.0),
    RelKind.PARTNER_IN.value: LineStyle("#F28E2B", 2.0, (8, 5)),
    RelKind.FUNDS.value: LineStyle("#2E7D32", 2.0, (2, 5)),
    RelKind.TARGETS.value: LineStyle("#B07AA1", 1.0),
    RelKind.PART_OF.value: LineStyle("#7B4F74", 2.0, (10, 4)),
    RelKind.ACTIVE_IN.value: LineStyle("#59A14F", 1.0),
    RelKind.SIZED_IN.value: LineStyle("#59A14F", 1.0, (1, 3)),
    GAP: LineStyle(GAP_COLOUR, 4.0, (12, 8)),
    DUPLICATE: LineStyle(DUPLICATE_COLOUR, 4.0, (3, 6)),
    "aggregate": LineStyle("#8C8C8C", 2.0),
}


@dataclass(frozen=True, slots=True)
class Swatch:
    """One legend line: a colour (and shape) with its label and how many nodes have it."""

    label: str
    colour: str
    shape: str = "dot"
    count: int | None = None


@dataclass(slots=True)
class Legend:
    colour_title: str
    colours: list[Swatch]
    shapes: list[Swatch]
    size_title: str
    lines: list[tuple[str, LineStyle]]
    duplicate_nodes: bool = False


@dataclass(slots=True)
class Colouring:
    """The colour group of each node (``"c0"``, ``"c1"``, ...) and the legend's swatches, in the same order."""

    group_of: dict[str, str]
    swatches: list[Swatch]

    def colour_of(self, key: str) -> str:
        return self.swatches[int(self.group_of[key][1:])].colour

    def groups(self) -> dict[str, dict[str, object]]:
        """vis-network ``groups`` options: fill, darker border, black outline when selected."""
        return {f"c{i}": node_colour(s.colour) for i, s in enumerate(self.swatches)}


def darker(colour: str, factor: float = 0.7) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02X}{:02X}{:02X}".format(*(round(c * factor) for c in (r, g, b)))


def node_colour(colour: str) -> dict[str, object]:
    border = darker(colour)
    return {
        "color": {
            "background": colour,
            "border": border,
            "highlight": {"background": colour, "border": "#000000"},
            "hover": {"background": colour, "border": "#000000"},
        }
    }


def _categorise(nodes: Sequence[DrawnNode], category: Mapping[str, tuple[str, str]]) -> Colouring:
    """Nodes to colour groups from ``category``: node key -> (label, colour); swatches keep first-seen order."""
    counts: Counter[tuple[str, str]] = Counter(category[node.key] for node in nodes)
    index: dict[tuple[str, str], int] = {}
    group_of = {}
    for node in nodes:
        cat = category[node.key]
        group_of[node.key] = f"c{index.setdefault(cat, len(index))}"
    swatches = [Swatch(label, colour, count=counts[(label, colour)]) for (label, colour) in index]
    return Colouring(group_of, swatches)


def _ranked(
    values: Mapping[str, str | None], words: Texts, none_label: str, other_label: str
) -> dict[str, tuple[str, str]]:
    """The 8 most frequent values get palette colours (most frequent first); the rest are "other"."""
    frequency = Counter(v for v in values.values() if v is not None)
    top = [v for v, _ in sorted(frequency.items(), key=lambda item: (-item[1], item[0]))[: len(PALETTE)]]
    colour = {v: PALETTE[i] for i, v in enumerate(top)}
    result = {}
    for key, value in values.items():
        if value is None:
            result[key] = (none_label, NOT_APPLICABLE)
        elif value in colour:
            result[key] = (value, colour[value])
        else:
            result[key] = (other_label, OTHER)
    return result


def colouring(
    dataset: Dataset, nodes: Sequence[DrawnNode], color_by: ColorBy, words: Texts, community: Mapping[str, int]
) -> Colouring:
    """Colour groups of ``nodes``; ``community`` (node key -> rank, 0 largest) is used for ``color_by=community``."""
    ordered = sorted(nodes, key=lambda n: KIND_ORDER.index(n.kind))
    if color_by is ColorBy.KIND:
        category = {n.key: (words.kind(n.kind, plural=True), KIND_COLOURS[n.kind]) for n in nodes}
        result = _categorise(ordered, category)
        shape_of = {words.kind(k, plural=True): KIND_SHAPES[k] for k in KIND_ORDER}
        result.swatches = [replace(s, shape=shape_of[s.label]) for s in result.swatches]
        return result
    if color_by is ColorBy.SECTOR:
        category = {}
        for node in nodes:
            if node.kind is NodeKind.ACTOR:
                sector = dataset.actors[node.record_id].sector
                category[node.key] = (words.sector(sector), SECTOR_COLOURS[sector] if sector else OTHER)
            else:
                category[node.key] = (words["cat.not_applicable"], NOT_APPLICABLE)
        return _categorise(sorted(nodes, key=lambda n: _sector_rank(dataset, n)), category)
    if color_by is ColorBy.ORIENTATION:
        values = {n.key: _first_orientation(dataset, n) for n in nodes}
        category = _ranked(values, words, words["cat.no_orientation"], words["cat.other"])
    elif color_by is ColorBy.MUNICIPALITY:
        values = {n.key: _municipality_category(dataset, n, words) for n in nodes}
        category = _ranked(values, words, words["cat.target_groups"], words["cat.other"])
    else:
        sizes = Counter(community.values())
        values = {
            n.key: (
                None if sizes[community[n.key]] == 1 else words.format("cat.community", number=community[n.key] + 1)
            )
            for n in nodes
        }
        category = _ranked(values, words, words["cat.not_linked"], words["cat.other"])
    rank = {label: i for i, label in enumerate(_swatch_order(category))}
    return _categorise(sorted(nodes, key=lambda n: rank[category[n.key]]), category)


def _swatch_order(category: Mapping[str, tuple[str, str]]) -> list[tuple[str, str]]:
    """Palette colours first (in palette order), then "other", then "not applicable"."""

    def key(cat: tuple[str, str]) -> tuple[int, int]:
        _, colour = cat
        if colour in PALETTE:
            return (0, PALETTE.index(colour))
        return (1 if colour == OTHER else 2, 0)

    return sorted(set(category.values()), key=key)


def _sector_rank(dataset: Dataset, node: DrawnNode) -> int:
    if node.kind is not NodeKind.ACTOR:
        return 9
    sector = dataset.actors[node.record_id].sector
    return list(Sector).index(sector) if sector else 8


def _first_orientation(dataset: Dataset, node: DrawnNode) -> str | None:
    record: Actor | Project
    if node.kind is NodeKind.ACTOR:
        record = dataset.actors[node.record_id]
    elif node.kind is NodeKind.PROJECT:
        record = dataset.projects[node.record_id]
    else:
        return None
    return record.orientations[0] if record.orientations else None


def municipality_group(dataset: Dataset, node: DrawnNode, words: Texts) -> str | None:
    """The municipality a node belongs to for colouring and grouping; None for target groups."""
    if node.kind is NodeKind.MUNICIPALITY:
        return dataset.municipalities[node.record_id].name
    if node.kind is NodeKind.TARGET_GROUP:
        return None
    record = dataset.actors[node.record_id] if node.kind is NodeKind.ACTOR else dataset.projects[node.record_id]
    if record.all_municipalities:
        return words["cat.all_municipalities"]
    if len(record.municipalities) == 1:
        return dataset.municipalities[record.municipalities[0]].name
    return words["cat.several_municipalities" if record.municipalities else "cat.no_municipality"]


_municipality_category = municipality_group


def scaled_values(values: Mapping[str, float | None]) -> dict[str, float]:
    """vis-network ``value`` of each node: the square root of the metric (area grows with it); None counts 0.

    vis-network scales values linearly between ``SIZE_MIN`` and ``SIZE_MAX``
    pixels, and the labels of larger nodes with them.
    """
    return {key: round(math.sqrt(max(value, 0.0)), 4) if value is not None else 0.0 for key, value in values.items()}


def size_title(size_by: SizeBy, words: Texts) -> str:
    return words.format("legend.size", what=words[f"size.{size_by.value}"])


def shape_swatches(kinds: Sequence[NodeKind], words: Texts, coloured: bool) -> list[Swatch]:
    """The shape of each kind on the map (in the kind's colour when nodes are coloured by kind)."""
    return [
        Swatch(words.kind(kind, plural=True), KIND_COLOURS[kind] if coloured else "#7F7F7F", KIND_SHAPES[kind])
        for kind in KIND_ORDER
        if kind in kinds
    ]
