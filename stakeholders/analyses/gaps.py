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

import math
import weakref
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

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
_PRODUCTS = 1 << 21  # and at most about this many entries of the product per block
_FEW_PAIRS = 512  # up to this many pairs, distances are searched one pair at a time
_MIN_FACTOR, _MAX_FACTOR = distance_factor(2), distance_factor(None)
_FACTORS = np.array([distance_factor(d) for d in range(6)] + [_MAX_FACTOR])  # by distance; the last: unreachable
_SLACK = 2 * 10**-SCORE_DIGITS
_RANKS: weakref.WeakKeyDictionary[ContactNetwork, np.ndarray] = weakref.WeakKeyDictionary()
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
    for start, stop in _blocks(cells.matrix):
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


def _blocks(matrix: sparse.csr_matrix) -> list[tuple[int, int]]:
    """Row ranges of at most ``_BLOCK`` actors whose products with the cells stay under ``_PRODUCTS`` entries.

    An actor's row of the product has at most as many entries as the actors sharing its cells: a few
    on real data, every actor when thousands share one cell (a block of 2,048 such actors would be
    a dense 2,048 x n block, 6 million entries at 3,000 actors and several times that in temporaries).
    """
    n = matrix.shape[0]
    sharing = np.asarray((matrix != 0).sum(axis=0)).ravel()  # actors per cell
    work = np.asarray((matrix != 0) @ sharing).ravel()  # an upper bound of each row's entries
    ranges, start = [], 0
    ends = np.cumsum(work)
    while start < n:
        # the first row where the block's work reaches _PRODUCTS (at least one row, at most _BLOCK)
        done = int(ends[start - 1]) if start else 0
        stop = int(np.searchsorted(ends, done + _PRODUCTS, side="left")) + 1
        stop = min(max(stop, start + 1), start + _BLOCK, n)
        ranges.append((start, stop))
        start = stop
    return ranges


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


def _all_pairs(cells: _CellMatrix, network: ContactNetwork):
    factors = {distance: distance_factor(distance) for distance in (None, *range(6))}
    for i_arr, j_arr, overlap in _candidate_blocks(cells, network):
        distances = network.pair_distances(i_arr, j_arr)  # all the block's pairs at once
        for i, j, value, distance in zip(i_arr.tolist(), j_arr.tolist(), overlap.tolist(), distances, strict=True):
            factor = factors[distance] if distance is None or distance < 6 else _MAX_FACTOR
            yield i, j, rounded(value * factor), distance


def _top_pairs(cells: _CellMatrix, network: ContactNetwork, top: int) -> list[tuple[int, int, float, int | None]]:
    """The ``top`` best pairs by score, then by the pairs' ids (as :func:`_pair_key`), block by block.

    A running top of ``top`` pairs is kept. Of each block, a pair is dropped before its distance is
    searched when its upper bound (overlap x 2) is below the floor: the ``top``-th best lower bound
    (overlap x 1.25) or the worst score of the running top; or equal to that worst score while its ids
    come later (so thousands of actors sharing one cell, millions of pairs of equal overlap, cost a
    block's arithmetic and not a search each: issue 20). The others' distances are searched together.
    """
    rank = _casefold_ranks(network)
    n = len(network.ids)
    best = _Top(np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0), np.empty(0, np.int64), np.empty(0, np.int64))
    for i, j, overlap in _candidate_blocks(cells, network):
        # at least `top` pairs of this block score this much (their lower bound): no pair below it can enter
        floor = (
            float(np.partition(overlap, len(overlap) - top)[len(overlap) - top]) * _MIN_FACTOR
            if len(overlap) >= top
            else 0.0
        )
        keep = np.flatnonzero(overlap * _MAX_FACTOR >= floor - _SLACK)
        if len(best.score) == top:  # what cannot enter the top goes before sorting (a huge block of ties)
            keep = keep[_may_enter(best, overlap[keep], _pair_keys(rank, n, i[keep], j[keep]))]
        order = keep[np.argsort(-overlap[keep], kind="stable")]  # best overlaps first
        start, size = 0, 4 * top
        while start < len(order):
            chunk = order[start : start + size]
            start, size = start + size, size * 4  # few searches on real data, few steps on a huge block
            best, done = _add_chunk(best, network, rank, n, i[chunk], j[chunk], overlap[chunk], top)
            if done:
                break  # the rest of the block, with lower overlaps, cannot enter
    return [
        (int(i), int(j), float(score), None if distance < 0 else int(distance))
        for i, j, score, distance in zip(best.i, best.j, best.score, best.distance, strict=True)
    ]


def _add_chunk(
    best: _Top,
    network: ContactNetwork,
    rank: np.ndarray,
    n: int,
    i: np.ndarray,
    j: np.ndarray,
    overlap: np.ndarray,
    top: int,
) -> tuple[_Top, bool]:
    """The running top with the pairs of ``i``, ``j`` (by overlap, best first) that can enter it.

    A pair is dropped before its distance is searched when its upper bound (overlap x 2) is below the
    worst score of a full top, or equal to it while its ids come later (so millions of pairs of equal
    overlap cost arithmetic, not a search each). Returns the new top and whether even the chunk's
    first pair could not enter (then no later pair of lower overlap can).
    """
    key = _pair_keys(rank, n, i, j)
    if len(best.score) == top:
        if _rounded_array(overlap[:1] * _MAX_FACTOR)[0] < float(best.score[-1]):
            return best, True
        keep = _may_enter(best, overlap, key)
        i, j, overlap, key = i[keep], j[keep], overlap[keep], key[keep]
    if not len(i):
        return best, False
    distance = _distances(network, i, j)
    score = _rounded_array(overlap * _FACTORS[np.where(distance < 0, len(_FACTORS) - 1, np.minimum(distance, 5))])
    merged = _Top(*(np.concatenate(pair) for pair in zip(best, (i, j, score, distance, key), strict=True)))
    chosen = _select(merged.score, merged.key, top)
    return _Top(*(column[chosen] for column in merged)), False


def _pair_keys(rank: np.ndarray, n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Each pair's place in the order of :func:`_pair_key`, as one integer."""
    return np.minimum(rank[i], rank[j]) * n + np.maximum(rank[i], rank[j])


def _may_enter(best: _Top, overlap: np.ndarray, key: np.ndarray) -> np.ndarray:
    """Whether each pair could enter the full top ``best``: its bound above the worst score, or equal and earlier."""
    worst_score, worst_key = float(best.score[-1]), int(best.key[-1])
    upper = _rounded_array(overlap * _MAX_FACTOR)
    return (upper > worst_score) | ((upper == worst_score) & (key < worst_key))


def _distances(network: ContactNetwork, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Each pair's distance, -1 when unreachable: one search per pair for a few (a bidirectional search
    stops near its ends), all together for many (each step of that search sweeps the whole network)."""
    if len(i) > _FEW_PAIRS:
        return network.pair_distance_array(i, j)
    found = (network.distance(a, b) for a, b in zip(i.tolist(), j.tolist(), strict=True))
    return np.fromiter((-1 if d is None else d for d in found), dtype=np.int64, count=len(i))


class _Top(NamedTuple):
    """A running top of pairs, best first: actors, score, distance (-1 unreachable), pair key."""

    i: np.ndarray
    j: np.ndarray
    score: np.ndarray
    distance: np.ndarray
    key: np.ndarray


def _select(score: np.ndarray, key: np.ndarray, top: int) -> np.ndarray:
    """The positions of the ``top`` best by score (highest first), then key (lowest first), in that order."""
    if len(score) > top:
        kth = np.partition(score, len(score) - top)[len(score) - top]  # the top-th best score
        better, tied = np.flatnonzero(score > kth), np.flatnonzero(score == kth)
        need = top - len(better)
        if len(tied) > need:
            tied = tied[np.argpartition(key[tied], need - 1)[:need]]
        chosen = np.concatenate((better, tied))
    else:
        chosen = np.arange(len(score))
    return chosen[np.lexsort((key[chosen], -score[chosen]))]


def _rounded_array(values: np.ndarray) -> np.ndarray:
    """:func:`rounded` of every value, exactly: numpy's rounding where it agrees, Python's near a half."""
    scale = 10.0**SCORE_DIGITS
    scaled = values * scale
    result = np.rint(scaled) / scale
    # rint of the scaled product and Python's correctly rounded decimal can differ only within an ulp or so
    # of a half; those few (or many equal ones: memoised) are rounded by Python.
    near = np.abs(scaled - np.floor(scaled) - 0.5) <= 4 * np.spacing(np.abs(scaled)) + 1e-9
    if near.any():
        memo: dict[float, float] = {}
        result[near] = [memo[v] if v in memo else memo.setdefault(v, rounded(v)) for v in values[near].tolist()]
    return result


def _casefold_ranks(network: ContactNetwork) -> np.ndarray:
    """Each actor's place among all actors by casefolded id: the order :func:`_pair_key` compares.

    Once per network: a report asks for the gaps of every municipality.
    """
    if network in _RANKS:
        return _RANKS[network]
    order = sorted(range(len(network.ids)), key=lambda k: (network.ids[k].casefold(), network.ids[k]))
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    _RANKS[network] = rank
    return rank


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
