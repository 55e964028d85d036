"""Brokers: the actors who hold the contact network together.

Per actor: betweenness centrality (Freeman 1977, computed with Brandes'
algorithm, 2001, in igraph's C core), degree, Burt's constraint and effective
size (Burt 1992, for the unweighted contact network as in Borgatti 1997 and
networkx); articulation points (actors whose departure splits the network),
components and isolated actors.

Betweenness is exact up to ``exact_limit`` actors. Above it, it is estimated
from ``samples`` source actors drawn with a fixed seed and scaled by
n / samples (Brandes & Pich 2007, the estimator of networkx's ``k``).
Betweenness is normalised as networkx does for undirected graphs: divided by
(n - 1)(n - 2) / 2.

References
----------
L. C. Freeman, "A set of measures of centrality based on betweenness",
Sociometry 40 (1977) 35-41.
U. Brandes, "A faster algorithm for betweenness centrality", Journal of
Mathematical Sociology 25 (2001) 163-177.
U. Brandes and C. Pich, "Centrality estimation in large networks",
International Journal of Bifurcation and Chaos 17 (2007) 2303-2318.
R. S. Burt, Structural Holes, Harvard University Press, 1992.
S. P. Borgatti, "Structural holes: unpacking Burt's redundancy measures",
Connections 20 (1997) 35-38.
"""

from __future__ import annotations

import math
import random
import weakref
from dataclasses import dataclass

import igraph
import numpy as np
from scipy.sparse.csgraph import reverse_cuthill_mckee

from stakeholders.analyses.common import NO_FILTERS, Filters, id_key
from stakeholders.analyses.contacts import ContactNetwork, contact_network
from stakeholders.model import Dataset

EXACT_LIMIT = 10_000
SAMPLES = 1_000
RENUMBER_FROM = 5_000  # actors; below, the network fits in the processor's cache


@dataclass(frozen=True, slots=True)
class BrokerScore:
    actor: str
    name: str
    betweenness: float
    degree: int
    constraint: float | None  # None for isolated actors
    effective_size: float | None
    articulation_point: bool

    def to_json(self) -> dict[str, object]:
        return {
            "actor": self.actor,
            "name": self.name,
            "betweenness": self.betweenness,
            "degree": self.degree,
            "constraint": self.constraint,
            "effective_size": self.effective_size,
            "articulation_point": self.articulation_point,
        }


@dataclass(frozen=True, slots=True)
class BrokerReport:
    brokers: tuple[BrokerScore, ...]
    articulation_points: tuple[str, ...]
    components: tuple[tuple[str, ...], ...]  # largest first; isolated actors excluded
    isolated: tuple[str, ...]
    method: str  # "exact" or "sampled (k sources, seed s)"

    def to_json(self) -> dict[str, object]:
        return {
            "brokers": [b.to_json() for b in self.brokers],
            "articulation_points": list(self.articulation_points),
            "components": [list(c) for c in self.components],
            "isolated": list(self.isolated),
            "betweenness_method": self.method,
        }


def brokers(
    dataset: Dataset,
    *,
    top: int = 20,
    filters: Filters = NO_FILTERS,
    exact_limit: int = EXACT_LIMIT,
    samples: int = SAMPLES,
    seed: int = 0,
) -> BrokerReport:
    """Broker metrics of every actor in the contact network.

    Parameters
    ----------
    dataset : Dataset
    top : int
        How many actors to list, highest betweenness first; 0 lists all.
    filters : Filters
        Only actors active in the filtered municipalities, serving the
        filtered target groups or with the filtered orientations are listed
        (the metrics are always computed on the whole network).
    exact_limit, samples, seed : int
        Above ``exact_limit`` actors, betweenness is estimated from ``samples``
        seeded random sources.

    Returns
    -------
    BrokerReport
    """
    key = (top, filters, exact_limit, samples, seed)
    cached = _REPORTS.setdefault(dataset, {})
    if key not in cached:
        cached[key] = _brokers(dataset, top, filters, exact_limit, samples, seed)
    return cached[key]


# A dataset's broker reports by their parameters: a report asks once for its brokers section and once for the
# proposals' introducers (BrokerReport is immutable, so both may hold the same one).
_REPORTS: weakref.WeakKeyDictionary[Dataset, dict[tuple, BrokerReport]] = weakref.WeakKeyDictionary()


def _brokers(dataset: Dataset, top: int, filters: Filters, exact_limit: int, samples: int, seed: int) -> BrokerReport:
    network = contact_network(dataset)
    n = len(network.ids)
    graph = igraph.Graph(n=n, edges=[(i, j) for i, ns in enumerate(network.neighbours) for j in ns if i < j])
    betweenness, method = _betweenness(network, graph, n, exact_limit, samples, seed)
    constraint, effective = structural_holes(network)
    cut = set(graph.articulation_points())
    rows = [
        BrokerScore(
            actor_id,
            dataset.actors[actor_id].name,
            round(betweenness[i], 6),
            len(network.neighbours[i]),
            None if math.isnan(constraint[i]) else round(constraint[i], 6),
            None if math.isnan(effective[i]) else round(effective[i], 6),
            i in cut,
        )
        for i, actor_id in enumerate(network.ids)
        if _listed(dataset, actor_id, filters)
    ]
    rows.sort(key=lambda r: (-r.betweenness, -r.degree, id_key((r.actor,))))
    groups = (c for c in graph.connected_components() if len(c) > 1)
    components = sorted(
        (tuple(sorted((network.ids[i] for i in c), key=str.casefold)) for c in groups),
        key=lambda c: (-len(c), id_key(c)),
    )
    return BrokerReport(
        brokers=tuple(rows if top == 0 else rows[:top]),
        articulation_points=tuple(sorted((network.ids[i] for i in cut), key=str.casefold)),
        components=tuple(components),
        isolated=tuple(sorted((network.ids[i] for i in range(n) if not network.neighbours[i]), key=str.casefold)),
        method=method,
    )


def _listed(dataset: Dataset, actor_id: str, filters: Filters) -> bool:
    actor = dataset.actors[actor_id]
    if not filters.record(actor):
        return False
    if filters.municipalities and filters.municipalities.isdisjoint(actor.municipalities):
        return False
    return not filters.target_groups or not filters.target_groups.isdisjoint(actor.target_groups)


def _betweenness(
    network: ContactNetwork, graph: igraph.Graph, n: int, exact_limit: int, samples: int, seed: int
) -> tuple[list[float], str]:
    scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    local, position = _cache_friendly(network, graph)
    if n <= exact_limit or samples >= n:
        raw = local.betweenness(directed=False)
        return [raw[position[i]] * scale for i in range(n)], "exact"
    sources = sorted(random.Random(seed).sample(range(n), samples))
    raw = local.betweenness(directed=False, sources=[position[s] for s in sources])
    return [raw[position[i]] * scale * n / samples for i in range(n)], f"sampled ({samples} sources, seed {seed})"


def _cache_friendly(network: ContactNetwork, graph: igraph.Graph) -> tuple[igraph.Graph, list[int]]:
    """The graph with its vertices renumbered so that neighbours are near each other in memory.

    Each breadth-first search of Brandes' algorithm visits every edge; on a large network in the
    input's order each visit is a cache miss (igraph took 120 ms per source at 100,000 actors,
    against 4 ms at 10,000). Numbering the vertices in reverse Cuthill-McKee order keeps the
    neighbourhoods close (about half the time at 100,000 actors). Returns the renumbered graph and
    each actor's position in it; small networks fit in the cache and are returned as they are.
    """
    n = graph.vcount()
    if n < RENUMBER_FROM:
        return graph, list(range(n))
    order = reverse_cuthill_mckee(network.matrix.tocsr(), symmetric_mode=True)  # position -> actor
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n)
    edges = position[np.array(graph.get_edgelist(), dtype=np.int64).reshape(-1, 2)]
    return igraph.Graph(n=n, edges=edges.tolist()), position.tolist()


def structural_holes(network: ContactNetwork) -> tuple[list[float], list[float]]:
    """Burt's constraint and effective size of every actor (NaN when isolated).

    For an unweighted network, with p_ij = 1 / degree(i) for a neighbour j:
    constraint(i) = sum over neighbours j of (p_ij + sum over common
    neighbours q of p_iq p_qj)^2, and effective size(i) = degree(i) - 2 t(i) /
    degree(i), t(i) being the ties among i's neighbours (Borgatti 1997).
    """
    neighbours = network.neighbours
    degree = [len(ns) for ns in neighbours]
    constraint, effective = [], []
    for i, own in enumerate(neighbours):
        if not own:
            constraint.append(math.nan)
            effective.append(math.nan)
            continue
        total, ties = 0.0, 0
        for j in own:
            common = own & neighbours[j]
            ties += len(common)
            total += (1 + sum(1 / degree[q] for q in common)) ** 2
        constraint.append(total / degree[i] ** 2)
        effective.append(degree[i] - ties / degree[i])  # ties counts each tie twice: 2t / d
    return constraint, effective
