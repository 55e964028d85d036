"""Deterministic positions and communities, computed with igraph's compiled algorithms.

igraph draws random numbers from its own generator; :func:`seeded` swaps in
a ``random.Random(seed)`` for the duration of a computation (and puts
Python's ``random`` module back), so the same graph and seed always give the
same coordinates and communities.

Each connected component is laid out on its own with Fruchterman-Reingold
(Fruchterman & Reingold 1991; links between hubs attract less, weight
1/sqrt(degree x degree)), scaled so that a typical link is ``EDGE_LENGTH``
pixels long; nodes closer than ``SPREAD`` links are then pushed apart. The
components are packed in rows, largest first, about as wide as a projector
screen; isolated nodes fill a grid below them. A component of more than
``DRL_LIMIT`` nodes uses DrL (Martin et al. 2011) instead.

References
----------
T. M. J. Fruchterman and E. M. Reingold, "Graph drawing by force-directed
placement", Software: Practice and Experience 21 (1991) 1129-1164.
S. Martin, W. M. Brown, R. Klavans and K. W. Boyack, "OpenOrd: an
open-source toolbox for large graph layout", Proc. SPIE 7868 (2011).
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import igraph
import numpy as np
from scipy.spatial import KDTree

EDGE_LENGTH = 150.0  # pixels of a typical link at zoom 1
DRL_LIMIT = 50_000
GRID_LIMIT = 300  # components above this size: Fruchterman-Reingold with igraph's grid (see _component_layout)
SPREAD_LIMIT = 1_000  # components up to this size get their crowded nodes pushed apart
ASPECT = 1.6  # width / height of the packed picture: a projector's screen
SPREAD = 0.9  # ... to at least this share of the typical link length
DENSITY = 0.8  # a component's box has at least (DENSITY links)^2 per node

Edge = tuple[int, int]


@contextmanager
def seeded(seed: int) -> Iterator[None]:
    """igraph's random numbers come from ``random.Random(seed)`` inside the block."""
    igraph.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


def _graph(n: int, edges: Sequence[Edge], weights: Sequence[float] | None) -> igraph.Graph:
    graph = igraph.Graph(n=n, edges=list(edges))
    if weights is not None:
        graph.es["weight"] = list(weights)
    return graph


def communities(n: int, edges: Sequence[Edge], seed: int) -> list[int]:
    """Community of each node (Leiden, Traag et al. 2019, maximising modularity), numbered by size, largest first.

    Isolated nodes are communities of their own. A report computes them once
    for the whole network and every map reuses them (:func:`renumbered`).
    """
    graph = _graph(n, edges, None)
    graph.simplify()
    with seeded(seed):
        if graph.ecount():
            membership = graph.community_leiden(objective_function="modularity", n_iterations=-1).membership
        else:
            membership = list(range(n))
    return renumbered(membership)


def renumbered(membership: Sequence[int]) -> list[int]:
    """Communities numbered by size (largest first; ties by first member): the part of a network a map draws."""
    sizes: dict[int, int] = {}
    first: dict[int, int] = {}
    for node, community in enumerate(membership):
        sizes[community] = sizes.get(community, 0) + 1
        first.setdefault(community, node)
    order = sorted(sizes, key=lambda c: (-sizes[c], first[c]))
    rank = {community: i for i, community in enumerate(order)}
    return [rank[c] for c in membership]


def positions(
    n: int,
    edges: Sequence[Edge],
    seed: int,
    weights: Sequence[float] | None = None,
    edge_length: float = EDGE_LENGTH,
) -> list[tuple[int, int]]:
    """Integer x, y of each node: components laid out apart and packed in rows.

    Parameters
    ----------
    n : int
        Number of nodes (0 .. n-1).
    edges : sequence of (int, int)
        Links; parallel links and loops are allowed.
    seed : int
        Seed of igraph's random numbers.
    weights : sequence of float, optional
        Link weights (attraction) for Fruchterman-Reingold.
    edge_length : float
        Pixels of a typical link.

    Returns
    -------
    list of (int, int)
    """
    if n == 0:
        return []
    graph = _graph(n, edges, weights)
    if weights is None:
        graph.simplify()
    else:
        graph.simplify(combine_edges="sum")
    pieces: list[tuple[list[int], list[tuple[float, float]]]] = []
    singles: list[int] = []
    with seeded(seed):
        for members in sorted(graph.connected_components(), key=lambda c: (-len(c), c[0])):
            if len(members) == 1:
                singles.append(members[0])
                continue
            layout = _component_layout(graph.induced_subgraph(members), weights is not None, edge_length)
            pieces.append((members, layout))
    xy: list[tuple[int, int]] = [(0, 0)] * n
    _pack(pieces, singles, xy, edge_length)
    return xy


def _component_layout(graph: igraph.Graph, weighted: bool, edge_length: float) -> list[tuple[float, float]]:
    n = graph.vcount()
    if n == 2:
        return [(0.0, 0.0), (edge_length, 0.0)]
    if weighted:
        weights = graph.es["weight"]
    else:
        # Links of hubs attract less, so a hub's many neighbours spread around it instead of piling up.
        degree = graph.degree()
        weights = [1.0 / math.sqrt(degree[a] * degree[b]) for a, b in graph.get_edgelist()]
    if n > DRL_LIMIT:
        coords = graph.layout_drl(weights=weights).coords
    else:
        niter = 500 if n <= 1_000 else 250
        # Above GRID_LIMIT nodes, repulsion only from nodes in nearby grid cells: at 900 nodes 18 times faster
        # (0.09 s against 1.75 s here), and a report at 100,000 actors draws 287 maps of 400-1,500 nodes.
        grid = "grid" if n > GRID_LIMIT else "nogrid"
        coords = graph.layout_fruchterman_reingold(weights=weights, niter=niter, grid=grid).coords
    lengths = sorted(math.dist(coords[a], coords[b]) for a, b in graph.get_edgelist())
    typical = lengths[len(lengths) // 2] if lengths else 1.0
    scale = edge_length / typical if typical > 0 else edge_length
    xy = np.asarray(coords, dtype=np.float64) * scale
    # A hub-heavy component collapses into a ball: give it at least DENSITY links of room per node.
    width, height = np.ptp(xy, axis=0) + edge_length
    room = n * (DENSITY * edge_length) ** 2
    if width * height < room:
        xy *= math.sqrt(room / (width * height))
    if n <= SPREAD_LIMIT:
        xy = spread(xy, SPREAD * edge_length)
    return [(float(x), float(y)) for x, y in xy]


def spread(xy: np.ndarray, distance: float, rounds: int = 40) -> np.ndarray:
    """Push apart nodes closer than ``distance`` (half the shortfall each, per round), keeping the shape.

    Force-directed layouts pack the hubs of a dense core on top of each
    other; this leaves room for their labels. A node's push is the mean of
    its pairs' pushes.
    """
    xy = xy.copy()
    n = len(xy)
    for _ in range(rounds):
        # Only close pairs push, and a layout has few of them: a k-d tree finds them without comparing
        # all n^2 pairs (which took seconds per map at 1 000 nodes). Its radius is a hair larger than
        # ``distance`` so that no pair is lost to rounding; the test below is the exact one.
        pairs = KDTree(xy).query_pairs(distance * (1 + 1e-9), output_type="ndarray")
        delta = xy[pairs[:, 0]] - xy[pairs[:, 1]]
        dist = np.sqrt((delta**2).sum(axis=1))
        short = dist < distance
        if not short.any():
            break
        pairs, delta, dist = pairs[short], delta[short], np.maximum(dist[short], 1e-9)
        push = (distance - dist) / (2 * dist)
        # Coincident nodes get a fixed, deterministic direction, as long as the distance it stands for
        # (a unit vector here would multiply the push by 1e9 and throw both nodes off the map).
        delta[(delta == 0).all(axis=1)] = (1e-9, 0.0)
        step = delta * push[:, None]
        # Each pair pushes both of its nodes, in opposite directions. Summed per node in the order of
        # the other node, so the sums (and the picture) are the same whatever order the tree gives.
        node = np.concatenate([pairs[:, 0], pairs[:, 1]])
        other = np.concatenate([pairs[:, 1], pairs[:, 0]])
        steps = np.concatenate([step, -step])
        order = np.lexsort((other, node))
        node, steps = node[order], steps[order]
        total = np.stack([np.bincount(node, steps[:, 0], n), np.bincount(node, steps[:, 1], n)], axis=1)
        xy += total / np.maximum(np.bincount(node, minlength=n), 1)[:, None]
    return xy


Box = tuple[list[int], list[tuple[float, float]], float, float, float, float]  # members, coords, left, top, w, h


def _shelves(boxes: list[Box], width: float, gap: float) -> tuple[list[tuple[float, float]], float, float]:
    """Shelf packing: boxes left to right in rows at most ``width`` wide; their corners and the used size."""
    corners = []
    x = y = row_height = used = 0.0
    for *_, w, h in boxes:
        if x > 0 and x + w > width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        corners.append((x, y))
        used = max(used, x + w)
        x += w + gap
        row_height = max(row_height, h)
    return corners, used, y + row_height


def _pack(pieces: list[tuple[list[int], list[tuple[float, float]]]], singles: list[int], xy: list, step: float) -> None:
    """The largest component on the left, the others (then isolated nodes) packed in rows to its right.

    The width of the rows is chosen so the whole picture is about ``ASPECT``
    times as wide as it is high.
    """
    gap = 1.5 * step
    boxes: list[Box] = []
    for members, coords in pieces:
        xs = [x for x, _ in coords]
        ys = [y for _, y in coords]
        boxes.append((members, coords, min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    boxes += [([node], [(0.0, 0.0)], 0.0, 0.0, 0.0, 0.0) for node in singles]
    main, rest = boxes[0], boxes[1:]
    main_w, main_h = main[4], main[5]
    corners: list[tuple[float, float]] = [(0.0, 0.0)]
    if rest:
        narrowest = max(b[4] for b in rest)
        widest = sum(b[4] + gap for b in rest)
        best: tuple[float, list[tuple[float, float]]] | None = None
        for k in range(25):
            width = narrowest + (widest - narrowest) * (k / 24) ** 2
            placed, used_w, used_h = _shelves(rest, width, gap)
            total_w = main_w + gap + used_w
            total_h = max(main_h, used_h, 1.0)
            score = abs(math.log(max(total_w, 1.0) / total_h / ASPECT))
            if best is None or score < best[0] - 1e-9:
                best = (score, placed)
        assert best is not None
        corners += [(main_w + gap + x, y) for x, y in best[1]]
    for (members, coords, left, top, _, _), (x, y) in zip(boxes, corners, strict=True):
        for node, (cx, cy) in zip(members, coords, strict=True):
            xy[node] = (x + cx - left, y + cy - top)
    # Centre on the origin, where vis-network starts.
    cx = (min(p[0] for p in xy) + max(p[0] for p in xy)) / 2
    cy = (min(p[1] for p in xy) + max(p[1] for p in xy)) / 2
    xy[:] = [(round(px - cx), round(py - cy)) for px, py in xy]


def row_below(main: Sequence[tuple[int, int]], count: int, step: float = 2.2 * EDGE_LENGTH) -> list[tuple[int, int]]:
    """Positions for ``count`` nodes in rows under the nodes at ``main``, as wide as they are (or 6 nodes).

    A municipality's map draws region-wide actors here, apart from the local network.
    """
    if count == 0:
        return []
    if main:
        left, right = min(x for x, _ in main), max(x for x, _ in main)
        bottom = max(y for _, y in main) + 1.5 * step
    else:
        left, right, bottom = 0, 0, 0.0
    per_row = max(6, int((right - left) // step) + 1)
    per_row = min(per_row, count)
    start = (left + right) / 2 - (per_row - 1) * step / 2
    return [(round(start + (i % per_row) * step), round(bottom + (i // per_row) * 0.6 * step)) for i in range(count)]
