"""Which nodes and edges a map draws: layers, the focus neighbourhood, gap and duplicate overlays."""

from __future__ import annotations

import difflib
import itertools
import math
import weakref
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from stakeholders.analyses import ActorGap, DuplicateGroup
from stakeholders.analyses.common import cell_sizes
from stakeholders.errors import UsageError
from stakeholders.map.options import KIND_LAYER, LAYER_KINDS, LAYER_RELATIONS, MapOptions
from stakeholders.model import Dataset
from stakeholders.schema import NodeKind, RelKind, node_key, split_node_key

GAP = "gap"
DUPLICATE = "duplicate"


@dataclass(slots=True)
class DrawnNode:
    """A node on the map: its key in ``Dataset.graph``, kind, record id and name."""

    key: str
    kind: NodeKind
    record_id: str
    name: str
    outside: bool = False  # outside the focus neighbourhood, drawn for a gap or duplicate
    region_wide: bool = False  # on a municipality's map: an actor of many municipalities, drawn apart and smaller


@dataclass(slots=True)
class DrawnEdge:
    """One line on the map: parallel relations of one kind between two nodes are merged."""

    source: str
    target: str
    kind: str  # a RelKind value, GAP or DUPLICATE
    attributes: list[dict[str, object]] = field(default_factory=list)
    reason: object = None  # the ActorGap or DuplicateGroup of an overlay edge


@dataclass(slots=True)
class DrawnGraph:
    """The nodes and edges to draw, in a stable order (the dataset's)."""

    nodes: dict[str, DrawnNode]
    edges: list[DrawnEdge]
    focus: str | None = None
    gaps: list[ActorGap] = field(default_factory=list)
    duplicates: list[DuplicateGroup] = field(default_factory=list)
    duplicate_of: dict[str, list[str]] = field(default_factory=dict)  # project key -> other project keys

    def relation_edges(self) -> list[DrawnEdge]:
        return [edge for edge in self.edges if edge.kind not in (GAP, DUPLICATE)]


def _tables(dataset: Dataset) -> tuple[tuple[NodeKind, Mapping[str, Any]], ...]:
    return (
        (NodeKind.MUNICIPALITY, dataset.municipalities),
        (NodeKind.TARGET_GROUP, dataset.target_groups),
        (NodeKind.ACTOR, dataset.actors),
        (NodeKind.PROJECT, dataset.projects),
    )


def resolve_focus(dataset: Dataset, text: str) -> str:
    """The node key that ``text`` names: a node key, or an id or name of any kind (any case).

    Raises
    ------
    UsageError
        When nothing has that id or name (with close matches), or several nodes do.
    """
    wanted = text.strip()
    kind_text, _, record_id = wanted.partition(":")
    if record_id and kind_text in NodeKind.__members__.values():
        kind = NodeKind(kind_text)
        if record_id in dict(_tables(dataset))[kind]:
            return node_key(kind, record_id)
    folded = wanted.casefold()
    found = [
        node_key(kind, rid)
        for kind, table in _tables(dataset)
        for rid, record in table.items()
        if rid.casefold() == folded or record.name.casefold() == folded
    ]
    if len(found) == 1:
        return found[0]
    if found:
        listed = ", ".join(found[:6])
        raise UsageError(f"{text!r} names several nodes ({listed}); give the node key, e.g. --focus {found[0]!r}")
    names = [record.name for _, table in _tables(dataset) for record in table.values()]
    close = [n for n in names if folded and folded in n.casefold()][:3]
    close += [n for n in difflib.get_close_matches(wanted, names, n=3, cutoff=0.6) if n not in close]
    hint = f"; did you mean {' or '.join(map(repr, close[:3]))}?" if close else ""
    raise UsageError(f"no actor, project, municipality or target group {text!r} in the dataset{hint}")


def select(dataset: Dataset, options: MapOptions) -> DrawnGraph:
    """The nodes and merged edges of the chosen layers, or of the focus neighbourhood.

    All nodes of the drawn kinds are drawn (isolated ones too); an edge is
    drawn when its kind is in the layers and both ends are drawn. A focus
    node adds its own kind's layer (a municipality focus draws "active in").
    """
    relations = set(options.relations)
    kinds = set(options.node_kinds)
    focus = resolve_focus(dataset, options.focus) if options.focus else None
    if focus is not None:
        focus_kind = split_node_key(focus)[0]
        kinds.add(focus_kind)
        layer = KIND_LAYER[focus_kind]
        if layer is not None:
            relations.update(LAYER_RELATIONS[layer])
            kinds.update(LAYER_KINDS[layer])
    layers = _layers(dataset, frozenset(kinds), frozenset(rel.value for rel in relations))
    if focus is None:
        return DrawnGraph(dict(layers.nodes), list(layers.edges), None)  # copies: overlays add to them
    reached = _reach(focus, layers.adjacency, options.depth)
    # The neighbourhood's nodes and the edges between them, in the dataset's order, picked with arrays and
    # the cached adjacency: a report draws a focus map per municipality, and rebuilding the adjacency and
    # scanning every edge in Python for each of them took about a second per map at 100,000 actors.
    nodes = {key: node for key, node in layers.nodes.items() if key in reached}  # in the dataset's order
    return DrawnGraph(nodes, layers.between(nodes), focus)


@dataclass
class _Layers:
    """Every node of some kinds and the merged edges of some relations between them, with indexes made
    the first time a focus map needs them."""

    nodes: dict[str, DrawnNode]
    edges: list[DrawnEdge]

    @cached_property
    def keys(self) -> list[str]:
        return list(self.nodes)

    @cached_property
    def position(self) -> dict[str, int]:
        """Each node's place in ``nodes``."""
        return {key: i for i, key in enumerate(self.keys)}

    @cached_property
    def ends(self) -> tuple[np.ndarray, np.ndarray]:
        """The places in ``nodes`` of each edge's source and target."""
        count = len(self.edges)
        source = np.fromiter((self.position[e.source] for e in self.edges), dtype=np.int64, count=count)
        target = np.fromiter((self.position[e.target] for e in self.edges), dtype=np.int64, count=count)
        return source, target

    def between(self, keys: Iterable[str]) -> list[DrawnEdge]:
        """The edges with both ends among ``keys``, in the dataset's order (picked with arrays: a report asks
        this of every municipality's map)."""
        inside = np.zeros(len(self.position), dtype=bool)
        inside[[self.position[key] for key in keys]] = True
        source, target = self.ends
        return [self.edges[k] for k in np.flatnonzero(inside[source] & inside[target]).tolist()]

    @cached_property
    def adjacency(self) -> dict[str, list[str]]:
        """Each node's neighbours, as :func:`neighbourhood` walks them."""
        return _adjacency(self.edges)


_LAYERS: weakref.WeakKeyDictionary[Dataset, dict[tuple[frozenset, frozenset], _Layers]] = weakref.WeakKeyDictionary()


def _layers(dataset: Dataset, kinds: frozenset[NodeKind], relations: frozenset[str]) -> _Layers:
    """Every node of ``kinds`` and the merged edges of ``relations`` between them (cached per dataset).

    Several maps of one dataset (a report draws one per municipality) walk the graph's edges once.
    """
    cache = _LAYERS.setdefault(dataset, {})
    found = cache.get((kinds, relations))
    if found is not None:
        return found
    nodes = {
        node_key(kind, rid): DrawnNode(node_key(kind, rid), kind, rid, record.name)
        for kind, table in _tables(dataset)
        if kind in kinds
        for rid, record in table.items()
    }
    merged: dict[tuple[str, str, str], DrawnEdge] = {}
    for u, v, attributes in dataset.graph.edges(data=True):
        kind = attributes["kind"]
        if kind not in relations or u == v or u not in nodes or v not in nodes:
            continue
        pair = (u, v, kind) if u <= v else (v, u, kind)
        edge = merged.get(pair)
        if edge is None:
            edge = merged[pair] = DrawnEdge(u, v, kind)
        edge.attributes.append(attributes)
    cache[(kinds, relations)] = _Layers(nodes, list(merged.values()))
    return cache[(kinds, relations)]


def neighbourhood(start: str, edges: Iterable[DrawnEdge], depth: int) -> set[str]:
    """Nodes at most ``depth`` steps from ``start`` (edges taken both ways)."""
    return _reach(start, _adjacency(edges), depth)


def _adjacency(edges: Iterable[DrawnEdge]) -> dict[str, list[str]]:
    adjacency: dict[str, list[str]] = {}
    for edge in edges:
        adjacency.setdefault(edge.source, []).append(edge.target)
        adjacency.setdefault(edge.target, []).append(edge.source)
    return adjacency


def _reach(start: str, adjacency: dict[str, list[str]], depth: int) -> set[str]:
    """Breadth-first search from ``start``, at most ``depth`` steps."""
    seen = {start}
    queue = deque([(start, 0)])
    while queue:
        node, distance = queue.popleft()
        if distance == depth:
            continue
        for other in adjacency.get(node, ()):
            if other not in seen:
                seen.add(other)
                queue.append((other, distance + 1))
    return seen


def _add_outside(drawn: DrawnGraph, dataset: Dataset, kind: NodeKind, record_id: str) -> str:
    key = node_key(kind, record_id)
    if key not in drawn.nodes:
        table = dataset.actors if kind is NodeKind.ACTOR else dataset.projects
        drawn.nodes[key] = DrawnNode(key, kind, record_id, table[record_id].name, outside=True)
    return key


def add_gaps(drawn: DrawnGraph, dataset: Dataset, gaps: Iterable[ActorGap], top: int) -> None:
    """Draw the ``top`` gaps that touch the map as dashed edges; an actor outside the focus is added.

    On a focus map a gap counts when one of its actors is drawn, so the map
    shows who is missing from the neighbourhood.
    """
    kept = []
    for gap in gaps:
        keys = [node_key(NodeKind.ACTOR, a) for a in gap.actors]
        if any(key in drawn.nodes for key in keys):
            kept.append(gap)
        if len(kept) == top:
            break
    for gap in kept:
        a, b = (_add_outside(drawn, dataset, NodeKind.ACTOR, actor) for actor in gap.actors)
        drawn.edges.append(DrawnEdge(a, b, GAP, reason=gap))
    drawn.gaps = kept


def add_duplicates(drawn: DrawnGraph, dataset: Dataset, groups: Iterable[DuplicateGroup], top: int) -> None:
    """Highlight the ``top`` duplicate groups that touch the map; link their projects with dotted edges."""
    kept = []
    for group in groups:
        if any(node_key(NodeKind.PROJECT, p) in drawn.nodes for p in group.projects):
            kept.append(group)
        if len(kept) == top:
            break
    for group in kept:
        keys = [_add_outside(drawn, dataset, NodeKind.PROJECT, p) for p in group.projects]
        for i, a in enumerate(keys):
            others = drawn.duplicate_of.setdefault(a, [])
            others.extend(k for k in keys if k != a and k not in others)
            drawn.edges.extend(DrawnEdge(a, b, DUPLICATE, reason=group) for b in keys[i + 1 :])
    drawn.duplicates = kept


def overlay_filters(dataset: Dataset, focus: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(municipalities, target groups) to ask the analyses about for a focus map; empty means all.

    Every gap or duplicate touching the focus shares one of the focus's cells,
    so restricting the analyses to those cells loses none of them.
    """
    if focus is None:
        return (), ()
    kind, record_id = split_node_key(focus)
    if kind is NodeKind.MUNICIPALITY:
        return (record_id,), ()
    if kind is NodeKind.TARGET_GROUP:
        return (), (record_id,)
    record = dataset.actors[record_id] if kind is NodeKind.ACTOR else dataset.projects[record_id]
    return tuple(record.municipalities), tuple(record.target_groups)


REGION_WIDE_SHARE = 1 / 3  # an actor in at least this share of the municipalities (and 4) is region-wide
REGION_WIDE_MIN = 4
# What a municipality's map draws between its nodes.
MUNICIPALITY_RELATIONS = frozenset(
    rel.value
    for rel in (
        RelKind.COOPERATES_WITH,
        RelKind.OWNS,
        RelKind.PARTNER_IN,
        RelKind.FUNDS,
        RelKind.TARGETS,
        RelKind.PART_OF,
    )
)
_ALL_KINDS = frozenset(NodeKind)


def is_region_wide(dataset: Dataset, record: object) -> bool:
    """Whether an actor (or project) works in the whole region: ``*``, or in many of its municipalities."""
    if getattr(record, "all_municipalities", False):
        return True
    limit = max(REGION_WIDE_MIN, math.ceil(len(dataset.municipalities) * REGION_WIDE_SHARE))
    return len(getattr(record, "municipalities", ())) >= limit


def resolve_municipality(dataset: Dataset, text: str) -> str:
    """The id of the municipality ``text`` names (id, name or node key).

    Raises
    ------
    UsageError
        When ``text`` names no municipality.
    """
    if text in dataset.municipalities:
        return text
    key = resolve_focus(dataset, text)
    kind, record_id = split_node_key(key)
    if kind is not NodeKind.MUNICIPALITY:
        raise UsageError(f"{text!r} is a {kind.value}, not a municipality; give a municipality's id or name")
    return record_id


def select_municipality(dataset: Dataset, municipality: str) -> DrawnGraph:
    """A municipality's own network: the municipality, its actors and projects, its target groups.

    Actors working there (their municipalities include it) are drawn; those of
    many municipalities (:func:`is_region_wide`) are marked ``region_wide``.
    Projects are those active there; target groups those with a size there or
    served there by a local actor or a project. Edges are the relations between
    these nodes, except "active in" (every node is active here) and the
    region-wide actors' "serves" lines (they would tie every map to the same
    bodies). Nothing else is reached: no neighbour of a neighbour.
    """
    actors = {rid for rid, a in dataset.actors.items() if municipality in a.municipalities}
    wide = {rid for rid in actors if is_region_wide(dataset, dataset.actors[rid])}
    projects = {rid for rid, p in dataset.projects.items() if municipality in p.municipalities}
    groups = {g for g, m in cell_sizes(dataset) if m == municipality}
    for rid in actors - wide:
        groups.update(dataset.actors[rid].target_groups)
    for rid in projects:
        groups.update(dataset.projects[rid].target_groups)
    groups &= set(dataset.target_groups)
    chosen = {
        NodeKind.MUNICIPALITY: {municipality},
        NodeKind.TARGET_GROUP: groups,
        NodeKind.ACTOR: actors,
        NodeKind.PROJECT: projects,
    }
    layers = _layers(dataset, _ALL_KINDS, MUNICIPALITY_RELATIONS)
    nodes: dict[str, DrawnNode] = {}
    for kind, table in _tables(dataset):
        for rid in table:
            if rid in chosen[kind]:
                key = node_key(kind, rid)
                base = layers.nodes[key]
                nodes[key] = DrawnNode(key, kind, rid, base.name, region_wide=kind is NodeKind.ACTOR and rid in wide)
    quiet = (RelKind.TARGETS.value,)
    edges = [
        edge
        for edge in layers.between(nodes)
        if not (edge.kind in quiet and (nodes[edge.source].region_wide or nodes[edge.target].region_wide))
    ]
    return DrawnGraph(nodes, edges, node_key(NodeKind.MUNICIPALITY, municipality))


def add_duplicate_pairs(drawn: DrawnGraph, dataset: Dataset, groups: Iterable[DuplicateGroup], top: int) -> None:
    """Highlight the ``top`` duplicate groups touching the map, each linked as a chain, not a clique of lines.

    A group of k projects gets k - 1 dotted lines (each project to the next), so
    duplicates stay a quiet outline under the gaps.
    """
    kept = []
    for group in groups:
        if any(node_key(NodeKind.PROJECT, p) in drawn.nodes for p in group.projects):
            kept.append(group)
        if len(kept) == top:
            break
    for group in kept:
        keys = [_add_outside(drawn, dataset, NodeKind.PROJECT, p) for p in group.projects]
        for a in keys:
            others = drawn.duplicate_of.setdefault(a, [])
            others.extend(k for k in keys if k != a and k not in others)
        # Before every other edge: vis-network draws later edges on top, so gaps stay above duplicates.
        drawn.edges[:0] = [DrawnEdge(a, b, DUPLICATE, reason=group) for a, b in itertools.pairwise(keys)]
    drawn.duplicates = kept


RELATION_ORDER: tuple[str, ...] = (*(rel.value for rel in RelKind), GAP, DUPLICATE)
