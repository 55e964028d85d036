"""The straightforward way to compute each analysis: the baselines of the scale benchmark (issue 8).

Each function follows the definition in docs/analyses.md as literally as possible, the way one
would first write it: every pair of actors or projects in two nested loops, NetworkX for paths and
betweenness, pyvis's ``Network.from_nx`` with ``networkx.spring_layout`` for the map. They return
the library's own result types (or plain values), so the benchmark can check that both give the
same answer where both are exact. Not used by the library.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import networkx as nx

from stakeholders.analyses import ActorGap, CoverageCell, ProjectGap
from stakeholders.analyses.common import (
    cell_sizes,
    cell_weight,
    concurrent,
    day_text,
    distance_factor,
    id_key,
    period,
    record_cells,
    rounded,
)
from stakeholders.analyses.coverage import _rank
from stakeholders.analyses.text_similarity import project_text, text_vectors
from stakeholders.model import Dataset, contact_graph


def actor_gaps(dataset: Dataset) -> list[ActorGap]:
    """Every pair of actors: shared cells, no contact, then the distance by a search from the first actor."""
    graph = contact_graph(dataset)
    sizes = cell_sizes(dataset)
    cells = {actor.id: set(record_cells(actor)) for actor in dataset.actors.values()}
    serving = [a for a in dataset.actors.values() if a.target_groups and a.municipalities]
    groups = Counter(t for a in serving for t in set(a.target_groups))
    places = Counter(m for a in serving for m in set(a.municipalities))

    def idf(counts: Counter[str], value: str) -> float:
        return 1 + math.log((1 + len(serving)) / (1 + counts[value]))

    def weight(cell: tuple[str, str]) -> float:
        return cell_weight(sizes.get(cell)) * idf(groups, cell[0]) * idf(places, cell[1])

    ids = list(dataset.actors)
    gaps = []
    for x, a in enumerate(ids):
        distances = None  # from a, computed when a has a first gap
        for b in ids[x + 1 :]:
            shared = cells[a] & cells[b]
            if not shared or graph.has_edge(a, b):
                continue
            if distances is None:
                distances = nx.single_source_shortest_path_length(graph, a)
            distance = distances.get(b)
            overlap = sum(weight(cell) for cell in shared) / math.sqrt(len(cells[a]) * len(cells[b]))
            first, second = sorted((a, b), key=str.casefold)
            introducers = set(graph[a]) & set(graph[b]) if distance == 2 else set()
            gaps.append(
                ActorGap(
                    actors=(first, second),
                    names=(dataset.actors[first].name, dataset.actors[second].name),
                    score=rounded(overlap * distance_factor(distance)),
                    shared_target_groups=tuple(sorted({t for t, _ in shared}, key=str.casefold)),
                    shared_municipalities=tuple(sorted({m for _, m in shared}, key=str.casefold)),
                    distance=distance,
                    introducers=tuple(sorted(introducers, key=str.casefold)),
                )
            )
    gaps.sort(key=lambda g: (-g.score, id_key(g.actors)))
    return gaps


def project_gaps(dataset: Dataset) -> list[ProjectGap]:
    """Every pair of projects: concurrent, sharing a cell, and no participant of one in contact with the other."""
    graph = contact_graph(dataset)
    sizes = cell_sizes(dataset)
    projects = list(dataset.projects.values())
    cells = {p.id: set(record_cells(p)) for p in projects}
    gaps = []
    for x, a in enumerate(projects):
        for b in projects[x + 1 :]:
            shared = cells[a.id] & cells[b.id]
            if not shared or not concurrent(a, b):
                continue
            if any(p == q or graph.has_edge(p, q) for p in a.participants for q in b.participants):
                continue
            first, second = (a, b) if id_key((a.id,)) <= id_key((b.id,)) else (b, a)
            (start_a, end_a), (start_b, end_b) = period(a), period(b)
            gaps.append(
                ProjectGap(
                    projects=(first.id, second.id),
                    names=(first.name, second.name),
                    score=rounded(sum(cell_weight(sizes.get(cell)) for cell in shared)),
                    shared_target_groups=tuple(sorted({t for t, _ in shared}, key=str.casefold)),
                    shared_municipalities=tuple(sorted({m for _, m in shared}, key=str.casefold)),
                    overlap_start=day_text(max(start_a, start_b)),
                    overlap_end=day_text(min(end_a, end_b)),
                )
            )
    gaps.sort(key=lambda g: (-g.score, id_key(g.projects)))
    return gaps


def duplicate_pairs(dataset: Dataset, min_score: float = 0.5) -> dict[tuple[str, str], float]:
    """Every pair of projects: the candidate test and the score of docs/analyses.md, one pair at a time.

    The TF-IDF vectors are the library's (fitting them is not the pairwise part); each pair's similarity is
    the dot product of its two rows, taken pair by pair.
    """
    import numpy as np

    projects = list(dataset.projects.values())
    with_groups = any(p.target_groups for p in projects)
    with_places = any(p.municipalities for p in projects)
    vectors = text_vectors([project_text(p) for p in projects])
    days = [d.toordinal() for p in projects for d in (p.start, p.end) if d is not None]
    low, high = (min(days), max(days)) if days else (0, 1)
    total = len(projects)
    counts = {f: Counter(v for p in projects for v in set(getattr(p, f))) for f in FACETS}

    def specificity(facet: str, value: str) -> float:
        df = counts[facet][value]
        return 1.0 if total <= 2 or df <= 2 else min(1.0, max(0.0, math.log(total / df) / math.log(total / 2)))

    found = {}
    for x, a in enumerate(projects):
        for y in range(x + 1, total):
            b = projects[y]
            key = "target_groups" if with_groups else "orientations"
            if with_places and not set(a.municipalities) & set(b.municipalities):
                continue
            if not set(getattr(a, key)) & set(getattr(b, key)):
                continue
            (sa, ea), (sb, eb) = period(a), period(b)
            sa, ea, sb, eb = (min(max(d, low), high) for d in (sa, ea, sb, eb))
            overlap, shorter = min(ea, eb) - max(sa, sb) + 1, min(ea - sa, eb - sb) + 1
            if overlap <= 0 or overlap < min(90, shorter / 2):
                continue
            facets = [
                f for f in FACETS if (with_groups or f != "target_groups") and (with_places or f != "municipalities")
            ]
            context = sum(
                max((specificity(f, v) for v in set(getattr(a, f)) & set(getattr(b, f))), default=0.0) for f in facets
            ) / len(facets)
            text = float(vectors.similarity(np.array([x]), np.array([y]))[0])
            score = (text + (1 - text) * 0.5 * context) * math.sqrt(min(1.0, overlap / min(shorter, 365)))
            if score >= min_score:
                found[tuple(sorted((a.id, b.id), key=str.casefold))] = rounded(score)
    return found


FACETS = ("orientations", "target_groups", "municipalities")


def coverage(dataset: Dataset) -> list[CoverageCell]:
    """For every (target group, municipality) of the dataset, a scan of all actors and projects."""
    sizes = cell_sizes(dataset)
    grid = {(t, m) for t in dataset.target_groups for m in dataset.municipalities} | set(sizes)
    cells = []
    for target_group, municipality in grid:
        actors = [
            a.id
            for a in dataset.actors.values()
            if target_group in a.target_groups and municipality in a.municipalities
        ]
        projects = [
            p.id
            for p in dataset.projects.values()
            if target_group in p.target_groups and municipality in p.municipalities
        ]
        size = sizes.get((target_group, municipality))
        if size is None and not actors and not projects:
            continue
        cells.append(
            CoverageCell(
                target_group,
                municipality,
                size,
                tuple(sorted(actors, key=str.casefold)),
                tuple(sorted(projects, key=str.casefold)),
            )
        )
    cells.sort(key=_rank)
    return cells


def betweenness(dataset: Dataset) -> dict[str, float]:
    """Exact betweenness centrality of the contact network with NetworkX (normalised, as the brokers report)."""
    return nx.betweenness_centrality(contact_graph(dataset))


def pyvis_map(dataset: Dataset, path: Path, seed: int = 1) -> dict[str, int]:
    """Every node the default map selects, laid out by ``networkx.spring_layout``, drawn by ``pyvis.Network.from_nx``.

    The graph is built from the map's own selection (as benchmarks/bench_map.py builds its pyvis baseline),
    then positioned and written without aggregation.
    """
    from pyvis.network import Network

    from stakeholders.map import MapOptions
    from stakeholders.map.select import select

    drawn = select(dataset, MapOptions())
    graph = nx.Graph()
    graph.add_nodes_from((key, {"label": node.name}) for key, node in drawn.nodes.items())
    graph.add_edges_from((edge.source, edge.target) for edge in drawn.edges)
    positions = nx.spring_layout(graph, seed=seed)
    for key, (x, y) in positions.items():
        graph.nodes[key].update(x=float(x) * 1000, y=float(y) * 1000, physics=False)
    network = Network(cdn_resources="in_line")
    network.from_nx(graph)
    path.write_text(network.generate_html(), encoding="utf-8")
    return {"nodes": len(network.nodes), "edges": len(network.edges)}
