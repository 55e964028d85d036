"""The contact network between actors, indexed for fast distance queries.

Two actors have contact when a cooperation row links them (either way) or
when both take part in one project (as owner or partner).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from stakeholders.model import Dataset, contact_pairs

_WORD_BITS = 64  # sources searched together, one bit each
_CACHE: weakref.WeakKeyDictionary[Dataset, ContactNetwork] = weakref.WeakKeyDictionary()


class ContactNetwork:
    """Actors as integer indices with neighbour sets, a CSR matrix and components."""

    def __init__(self, actor_ids: list[str], pairs: Iterable[tuple[str, str]]) -> None:
        self.ids = actor_ids
        self.index = {actor_id: i for i, actor_id in enumerate(actor_ids)}
        self.neighbours: list[set[int]] = [set() for _ in actor_ids]
        for a, b in pairs:
            i, j = self.index[a], self.index[b]
            if i != j:
                self.neighbours[i].add(j)
                self.neighbours[j].add(i)
        rows = np.fromiter((i for i, ns in enumerate(self.neighbours) for _ in ns), dtype=np.int64)
        cols = np.fromiter((j for ns in self.neighbours for j in ns), dtype=np.int64)
        n = len(actor_ids)
        self.matrix = sparse.csr_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n))
        _, self.component = connected_components(self.matrix, directed=False)

    def in_contact(self, i: int, j: int) -> bool:
        return j in self.neighbours[i]

    def distance(self, i: int, j: int) -> int | None:
        """Shortest path length (bidirectional breadth-first search); None when unreachable."""
        if i == j:
            return 0
        if self.component[i] != self.component[j]:
            return None
        seen_a, seen_b = {i}, {j}
        frontier_a, frontier_b = {i}, {j}
        length = 0
        while frontier_a and frontier_b:
            length += 1
            # Expand the smaller frontier: cheaper around hubs.
            if len(frontier_a) > len(frontier_b):
                frontier_a, frontier_b, seen_a, seen_b = frontier_b, frontier_a, seen_b, seen_a
            nxt = set()
            for node in frontier_a:
                for other in self.neighbours[node]:
                    if other in seen_b:
                        return length
                    if other not in seen_a:
                        seen_a.add(other)
                        nxt.add(other)
            frontier_a = nxt
        return None

    def pair_distances(self, first: np.ndarray, second: np.ndarray) -> list[int | None]:
        """The shortest path length of each pair (``first[k]``, ``second[k]``), None when unreachable.

        The same lengths as :meth:`distance`, for many pairs at once: a breadth-first search from 64
        sources at a time, each source one bit of a 64-bit word per actor (a frontier step is one
        gather and one OR-reduction over the adjacency arrays), stopping when every pair of those
        sources is reached.
        """
        return [None if d < 0 else d for d in self.pair_distance_array(first, second).tolist()]

    def pair_distance_array(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        """:meth:`pair_distances` as an array, -1 where unreachable."""
        found = np.full(len(first), -1, dtype=np.int64)
        found[first == second] = 0
        todo = np.flatnonzero((self.component[first] == self.component[second]) & (first != second))
        if todo.size:
            sources, batch_of = np.unique(first[todo], return_inverse=True)
            for start in range(0, len(sources), _WORD_BITS):
                chosen = (batch_of >= start) & (batch_of < start + _WORD_BITS)
                pairs = todo[chosen]
                bits = np.left_shift(np.uint64(1), (batch_of[chosen] - start).astype(np.uint64))
                found[pairs] = self._search(sources[start : start + _WORD_BITS], bits, second[pairs])
        return found

    def _search(self, sources: np.ndarray, bits: np.ndarray, targets: np.ndarray) -> np.ndarray:
        indptr, indices = self.matrix.indptr, self.matrix.indices
        starts = indptr[:-1]
        isolated = starts == indptr[1:]
        frontier = np.zeros(len(self.ids), dtype=np.uint64)
        frontier[sources] = np.left_shift(np.uint64(1), np.arange(len(sources), dtype=np.uint64))
        visited = frontier.copy()
        distance = np.full(len(targets), -1, dtype=np.int64)
        pending = np.ones(len(targets), dtype=bool)
        level = 0
        while pending.any() and frontier.any():
            level += 1
            reached = np.bitwise_or.reduceat(np.append(frontier[indices], np.uint64(0)), starts)
            reached[isolated] = 0  # reduceat gives an empty range the next value, not 0
            frontier = reached & ~visited
            visited |= frontier
            hit = pending & ((frontier[targets] & bits) != 0)
            distance[hit] = level
            pending &= ~hit
        return distance

    def common_neighbours(self, i: int, j: int) -> list[str]:
        return [self.ids[k] for k in self.neighbours[i] & self.neighbours[j]]


def contact_network(dataset: Dataset) -> ContactNetwork:
    """The (cached) contact network of ``dataset``."""
    network = _CACHE.get(dataset)
    if network is None:
        network = ContactNetwork(list(dataset.actors), contact_pairs(dataset))
        _CACHE[dataset] = network
    return network
