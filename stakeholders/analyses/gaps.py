"""Communication gaps: actors who serve the same people in the same place and have no contact.

Definitions (docs/analyses.md):

- Overlap of two actors: the (target group, municipality) cells both serve.
- Communication gap: two actors with at least one overlapping cell and no contact.
- Score: how telling the overlap is, times how far apart the actors are::

      score(a, b) = distance factor x sum over shared cells c of w(c) / sqrt(n(a) x n(b))
      w(t, m)     = (1 + log10(1 + size)) x idf(t) x idf(m)
      idf(v)      = 1 + ln((1 + N) / (1 + df(v)))

  where ``n(a)`` is the number of cells actor a serves, ``size`` the people in
  the cell where known (else the size term is 1), ``N`` the number of actors
  that serve any cell and ``df(v)`` how many of them serve target group v, or
  work in municipality v. A target group or municipality that few actors share
  counts much more than one nearly all share (inverse frequency, Spärck Jones
  1972); dividing by ``sqrt(n(a) n(b))`` (Salton's cosine normalisation) makes
  an actor active in every municipality, or serving every target group, add
  little to each of its many overlaps. The distance factor is 1.25 at distance
  2, 1.5 at 3, 1.75 at 4, 2 at 5 or more or when the actors cannot reach each
  other in the contact network.

Candidate pairs are found through the shared cells (a sparse actor x cell
matrix, multiplied block by block), never by enumerating all actor pairs.
With ``top`` given, pairs are ranked by an upper bound (twice the overlap) and
their distances computed only while they can still enter the top.

References
----------
K. Spärck Jones, "A statistical interpretation of term specificity and its
application in retrieval", Journal of Documentation 28 (1972) 11-21.
G. Salton and M. J. McGill, Introduction to Modern Information Retrieval,
McGraw-Hill, 1983 (the cosine measure).
"""

from __future__ import annotations

import heapq
import math
import weakref
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from stakeholders.analyses.common import (
    NO_FILTERS,
    SCORE_DIGITS,
    Cell,
    Filters,
    cell_sizes,
    cell_weight,
    distance_factor,
    id_key,
    record_cells,
    rounded,
)
from stakeholders.analyses.contacts import ContactNetwork, contact_network
from stakeholders.analyses.gap_reasons import GapReasons
from stakeholders.analyses.specificity import frequencies, inverse_frequency
from stakeholders.model import Actor, Dataset

_BLOCK = 2048  # actors per block of the sparse product: bounds memory on large datasets
_MIN_FACTOR, _MAX_FACTOR = distance_factor(2), distance_factor(None)
_SLACK = 2 * 10**-SCORE_DIGITS
# Per dataset: its actors in order, and the positions of those working in each municipality.
_BY_MUNICIPALITY: weakref.WeakKeyDictionary[Dataset, tuple[tuple[Actor, ...], dict[str, list[int]]]] = (
    weakref.WeakKeyDictionary()
)
_FREQUENCIES: weakref.WeakKeyDictionary[Dataset, tuple[tuple[Counter[str], Counter[str]], int]] = (
    weakref.WeakKeyDictionary()
)  # two rounded scores can be equal while the exact ones differ by up to 1e-6


@dataclass(frozen=True, slots=True)
class ActorGap:
    """Two actors who share cells and have no contact."""

    actors: tuple[str, str]
    names: tuple[str, str]
    score: float
    shared_target_groups: tuple[str, ...]
    shared_municipalities: tuple[str, ...]
    distance: int | None
    introducers: tuple[str, ...]
    reasons: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "kind": "actors",
            "actors": list(self.actors),
            "names": list(self.names),
            "score": self.score,
            "shared_target_groups": list(self.shared_target_groups),
            "shared_municipalities": list(self.shared_municipalities),
            "distance": self.distance,
            "introducers": list(self.introducers),
            "reasons": list(self.reasons),
        }


class _CellMatrix:
    """Actors x cells, each entry 1 / sqrt(cells of the actor), with each cell's weight w(c)."""

    def __init__(self, dataset: Dataset, filters: Filters) -> None:
        sizes = cell_sizes(dataset)
        self.cell_ids: dict[Cell, int] = {}
        self.actor_cells: dict[str, frozenset[Cell]] = {}
        # The shared target groups and municipalities of each set of shared cells, sorted once.
        self.shared_text: dict[frozenset[Cell], tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self.frequency, self.total = _frequencies(dataset)
        rows: list[int] = []
        cols: list[int] = []
        values: list[float] = []
        network = contact_network(dataset)
        for actor in _candidates(dataset, filters):
            if not filters.record(actor):
                continue
            cells = record_cells(actor, filters)
            if not cells:
                continue
            self.actor_cells[actor.id] = frozenset(cells)
            row = network.index[actor.id]
            breadth = 1.0 / math.sqrt(len(actor.target_groups) * len(actor.municipalities))
            for cell in cells:
                rows.append(row)
                cols.append(self.cell_ids.setdefault(cell, len(self.cell_ids)))
                values.append(breadth)
        n = len(network.ids)
        self.weights = np.array([self.weight(cell, sizes.get(cell)) for cell in self.cell_ids], dtype=np.float64)
        self.matrix = sparse.csr_matrix((values, (rows, cols)), shape=(n, max(len(self.cell_ids), 1)))
        if len(self.weights) == 0:
            self.weights = np.zeros(1)

    def idf(self, kind: int, value: str) -> float:
        """idf of a target group (kind 0) or municipality (kind 1)."""
        return inverse_frequency(self.frequency[kind].get(value, 0), self.total)

    def weight(self, cell: Cell, size: int | None) -> float:
        return cell_weight(size) * self.idf(0, cell[0]) * self.idf(1, cell[1])


def _candidates(dataset: Dataset, filters: Filters) -> Iterable[Actor]:
    """The actors that may serve a cell the filters keep, in the dataset's order.

    With municipalities given, only those working in one of them (from an index built once per dataset:
    a report asks for the gaps of every municipality, and each would otherwise look at every actor).
    """
    if not filters.municipalities:
        return dataset.actors.values()
    cached = _BY_MUNICIPALITY.get(dataset)
    if cached is None:
        actors = tuple(dataset.actors.values())
        index: dict[str, list[int]] = {}
        for position, actor in enumerate(actors):
            for municipality in actor.municipalities:
                index.setdefault(municipality, []).append(position)
        cached = _BY_MUNICIPALITY[dataset] = (actors, index)
    actors, index = cached
    positions = sorted({p for m in filters.municipalities for p in index.get(m, ())})
    return [actors[p] for p in positions]


def _frequencies(dataset: Dataset) -> tuple[tuple[Counter[str], Counter[str]], int]:
    """How many actors serve each target group and work in each municipality, and how many serve any cell.

    Once per dataset: a report asks for the gaps of every municipality.
    """
    if dataset in _FREQUENCIES:
        return _FREQUENCIES[dataset]
    serving = [a for a in dataset.actors.values() if a.target_groups and a.municipalities]
    groups = frequencies(a.target_groups for a in serving)
    places = frequencies(a.municipalities for a in serving)
    _FREQUENCIES[dataset] = (groups, places), len(serving)
    return _FREQUENCIES[dataset]


def _candidate_blocks(cells: _CellMatrix, network: ContactNetwork):
    """Yield (i, j, overlap) arrays of non-contact pairs i < j sharing a cell, block by block."""
    weighted_t = (cells.matrix @ sparse.diags(cells.weights)).T.tocsr()
    n = cells.matrix.shape[0]
    for start in range(0, n, _BLOCK):
        stop = min(start + _BLOCK, n)
        block = cells.matrix[start:stop]
        if block.nnz == 0:
            continue
        overlap = block @ weighted_t
        # Drop pairs in contact: every overlap is at least 1, so what is left non-zero has none.
        overlap = (overlap - overlap.multiply(network.matrix[start:stop] != 0)).tocsr()
        overlap.eliminate_zeros()
        overlap = overlap.tocoo()
        i = overlap.row + start
        keep = overlap.col > i
        yield i[keep], overlap.col[keep], overlap.data[keep]


def actor_gaps(dataset: Dataset, *, top: int = 20, filters: Filters = NO_FILTERS, lang: str = "en") -> list[ActorGap]:
    """Rank the communication gaps between actors.

    Parameters
    ----------
    dataset : Dataset
    top : int
        How many to return, best first; 0 returns every gap.
    filters : Filters
        Restrict the cells (municipalities, target groups) and actors (orientations).
    lang : {"en", "sv"}
        The language of the ``reasons``.

    Returns
    -------
    list of ActorGap
        Ordered by score (highest first), ties by the actors' ids.
    """
    network = contact_network(dataset)
    cells = _CellMatrix(dataset, filters)
    pairs = _all_pairs(cells, network) if top == 0 else _top_pairs(cells, network, top)
    ranked = sorted(pairs, key=lambda p: (-p[2], _pair_key(network, p[0], p[1])))
    if top:
        ranked = ranked[:top]
    reasons = GapReasons(dataset, cells, lang)
    return [_gap(dataset, network, cells, i, j, score, distance, reasons) for i, j, score, distance in ranked]


def _pair_key(network: ContactNetwork, i: int, j: int) -> tuple[str, ...]:
    return id_key(sorted((network.ids[i], network.ids[j]), key=str.casefold))


def _score(network: ContactNetwork, i: int, j: int, overlap: float) -> tuple[float, int | None]:
    distance = network.distance(i, j)
    return rounded(overlap * distance_factor(distance)), distance


def _all_pairs(cells: _CellMatrix, network: ContactNetwork):
    factors = {distance: distance_factor(distance) for distance in (None, *range(6))}
    for i_arr, j_arr, overlap in _candidate_blocks(cells, network):
        distances = network.pair_distances(i_arr, j_arr)  # all the block's pairs at once
        for i, j, value, distance in zip(i_arr.tolist(), j_arr.tolist(), overlap.tolist(), distances, strict=True):
            factor = factors[distance] if distance is None or distance < 6 else _MAX_FACTOR
            yield i, j, rounded(value * factor), distance


def _top_pairs(cells: _CellMatrix, network: ContactNetwork, top: int) -> list[tuple[int, int, float, int | None]]:
    # Keep only pairs whose upper bound (overlap x 2) can reach the lower bound
    # (overlap x 1.25) of the top-th best overlap seen so far. Scores are
    # rounded, so a bound just below can still tie after rounding: the slack
    # keeps every pair whose rounded upper bound may equal the rounded floor.
    kept_i, kept_j, kept_overlap = [], [], []
    best_overlaps: list[float] = []  # min-heap of the `top` largest overlaps
    for i, j, overlap in _candidate_blocks(cells, network):
        for value in np.sort(overlap)[-top:]:
            if len(best_overlaps) < top:
                heapq.heappush(best_overlaps, float(value))
            elif value > best_overlaps[0]:
                heapq.heapreplace(best_overlaps, float(value))
        floor = best_overlaps[0] * _MIN_FACTOR if len(best_overlaps) == top else 0.0
        keep = overlap * _MAX_FACTOR >= floor - _SLACK
        kept_i.append(i[keep])
        kept_j.append(j[keep])
        kept_overlap.append(overlap[keep])
    if not kept_i:
        return []
    i_all, j_all, overlap_all = np.concatenate(kept_i), np.concatenate(kept_j), np.concatenate(kept_overlap)
    order = np.argsort(-overlap_all, kind="stable")
    best_scores: list[float] = []  # min-heap of the `top` best scores so far
    evaluated = []
    for k in order.tolist():
        overlap = float(overlap_all[k])
        if len(best_scores) == top and rounded(overlap * _MAX_FACTOR) < best_scores[0]:
            break  # no pair left can reach the top
        i, j = int(i_all[k]), int(j_all[k])
        score, distance = _score(network, i, j, overlap)
        evaluated.append((i, j, score, distance))
        if len(best_scores) < top:
            heapq.heappush(best_scores, score)
        elif score > best_scores[0]:
            heapq.heapreplace(best_scores, score)
    return evaluated


def _gap(
    dataset: Dataset,
    network: ContactNetwork,
    cells: _CellMatrix,
    i: int,
    j: int,
    score: float,
    distance: int | None,
    reasons: GapReasons,
) -> ActorGap:
    a, b = sorted((network.ids[i], network.ids[j]), key=str.casefold)
    shared = cells.actor_cells[a] & cells.actor_cells[b]
    text = cells.shared_text.get(shared)
    if text is None:
        text = cells.shared_text[shared] = (
            tuple(sorted({t for t, _ in shared}, key=str.casefold)),
            tuple(sorted({m for _, m in shared}, key=str.casefold)),
        )
    introducers = tuple(sorted(network.common_neighbours(i, j), key=str.casefold)) if distance == 2 else ()
    return ActorGap(
        actors=(a, b),
        names=(dataset.actors[a].name, dataset.actors[b].name),
        score=score,
        shared_target_groups=text[0],
        shared_municipalities=text[1],
        distance=distance,
        introducers=introducers,
        reasons=reasons((a, b), shared, distance, introducers),
    )
