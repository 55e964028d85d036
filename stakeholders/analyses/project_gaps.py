"""Project gaps ("no forum"): concurrent projects for the same people in the same place, with no contact.

Two concurrent projects that share a target group and a municipality (a
cell) form a gap when no participant (owner or partner) of one has contact
with any participant of the other. A participant taking part in both is a
contact. The score is the shared cells, each counting ``1 + log10(1 + size)``
as for actor gaps.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from stakeholders.analyses.common import (
    NO_FILTERS,
    Cell,
    Filters,
    cell_sizes,
    cell_weight,
    day_text,
    period,
    record_cells,
    rounded,
)
from stakeholders.analyses.contacts import ContactNetwork, contact_network
from stakeholders.model import Dataset, Project

_BLOCK = 2048
_CHUNK = 16_384  # candidate pairs checked for contact at a time
_COMBINATIONS = 1 << 20  # pairs of their participants compared at a time


@dataclass(frozen=True, slots=True)
class ProjectGap:
    projects: tuple[str, str]
    names: tuple[str, str]
    score: float
    shared_target_groups: tuple[str, ...]
    shared_municipalities: tuple[str, ...]
    overlap_start: str | None
    overlap_end: str | None

    def to_json(self) -> dict[str, object]:
        return {
            "kind": "projects",
            "projects": list(self.projects),
            "names": list(self.names),
            "score": self.score,
            "shared_target_groups": list(self.shared_target_groups),
            "shared_municipalities": list(self.shared_municipalities),
            "overlap": {"start": self.overlap_start, "end": self.overlap_end},
        }


def project_gaps(dataset: Dataset, *, top: int = 20, filters: Filters = NO_FILTERS) -> list[ProjectGap]:
    """Rank pairs of concurrent projects that share a cell and have no contact between them.

    Parameters
    ----------
    dataset : Dataset
    top : int
        How many to return, best first; 0 returns all.
    filters : Filters
        Restrict the cells (municipalities, target groups) and projects (orientations).

    Returns
    -------
    list of ProjectGap
        Highest score first, ties by the projects' ids.
    """
    projects = [p for p in dataset.projects.values() if filters.record(p)]
    cells = {p.id: record_cells(p, filters) for p in projects}
    projects = [p for p in projects if cells[p.id]]
    lookup = _Lookup(projects, cells, contact_network(dataset))
    i_all, j_all, scores = _candidates(dataset, projects, cells, lookup.periods)
    # Rounded as the definition says, once per distinct score (a score is a sum of cell weights: few values).
    distinct, which = np.unique(scores, return_inverse=True)
    scores = np.array([rounded(score) for score in distinct.tolist()], dtype=np.float64)[which]
    # Candidates in the order of the result (highest score first, ties by the projects' ids ignoring case,
    # then by place), so the first ``top`` of them without contact are the answer.
    first, second = lookup.rank[i_all], lookup.rank[j_all]
    order = np.lexsort((j_all, i_all, np.maximum(first, second), np.minimum(first, second), -scores))
    # Checked for contact a chunk at a time, small first when only the top few are wanted.
    found: list[np.ndarray] = []
    count, start, size = 0, 0, min(_CHUNK, 16 * top) if top else _CHUNK
    while start < len(order) and not (top and count >= top):
        chunk = order[start : start + size]
        found.append(chunk[lookup.without_contact(i_all[chunk], j_all[chunk])])
        count, start, size = count + len(found[-1]), start + size, min(2 * size, _CHUNK)
    kept = np.concatenate(found)[: top or None] if found else np.zeros(0, dtype=np.int64)
    return lookup.gaps(i_all[kept], j_all[kept], scores[kept])


def _candidates(dataset: Dataset, projects: list[Project], cells: dict[str, list[Cell]], periods: np.ndarray):
    """Concurrent pairs i < j sharing a cell, with their scores."""
    sizes = cell_sizes(dataset)
    cell_ids: dict[Cell, int] = {}
    rows, cols = [], []
    for row, project in enumerate(projects):
        for cell in cells[project.id]:
            rows.append(row)
            cols.append(cell_ids.setdefault(cell, len(cell_ids)))
    n = len(projects)
    if not cell_ids:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    weights = np.array([cell_weight(sizes.get(c)) for c in cell_ids])
    matrix = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, len(cell_ids)))
    weighted_t = (matrix @ sparse.diags(weights)).T.tocsr()
    parts_i, parts_j, parts_s = [], [], []
    for start in range(0, n, _BLOCK):
        shared = (matrix[start : start + _BLOCK] @ weighted_t).tocoo()
        i = shared.row + start
        j = shared.col
        keep = (j > i) & (periods[i, 0] <= periods[j, 1]) & (periods[j, 0] <= periods[i, 1])
        parts_i.append(i[keep])
        parts_j.append(j[keep])
        parts_s.append(np.round(shared.data[keep], 6))
    return np.concatenate(parts_i), np.concatenate(parts_j), np.concatenate(parts_s)


class _Lookup:
    """What the pairs of projects need, computed once per project: participants, contacts, cells, dates, ids."""

    def __init__(self, projects: list[Project], cells: dict[str, list[Cell]], network: ContactNetwork) -> None:
        self.ids = [project.id for project in projects]
        self.names = [project.name for project in projects]
        # The participants of all projects in one array, project k's from offsets[k], counts[k] of them.
        people = [[network.index[a] for a in project.participants] for project in projects]
        self.counts = np.array([len(p) for p in people], dtype=np.int64)
        self.offsets = np.cumsum(self.counts) - self.counts
        self.people = np.fromiter((a for p in people for a in p), dtype=np.int64, count=int(self.counts.sum()))
        # Each contact (both ways) as one number, sorted, to look pairs up with a binary search.
        matrix, self.actors = network.matrix, len(network.ids)
        rows = np.repeat(np.arange(self.actors, dtype=np.int64), np.diff(matrix.indptr))
        self.contacts = np.sort(rows * self.actors + matrix.indices)
        # Each project's place among the ids ignoring case (equal ids ignoring case, equal places).
        folded = [project.id.casefold() for project in projects]
        places = {text: place for place, text in enumerate(sorted(set(folded)))}
        self.rank = np.array([places[text] for text in folded], dtype=np.int64)
        # Projects with the same cells share a number, so that pairs can share their sorted cells.
        numbers: dict[frozenset[Cell], int] = {}
        self.cell_set = np.array(
            [numbers.setdefault(frozenset(cells[project.id]), len(numbers)) for project in projects], dtype=np.int64
        )
        self.cell_sets = list(numbers)
        self.periods = np.array([period(project) for project in projects], dtype=np.int64).reshape(len(projects), 2)

    def without_contact(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """For each pair (``i[k]``, ``j[k]``): whether no participant of ``j`` is a participant of ``i`` or in
        contact with one.

        Every combination of a participant of ``i`` and one of ``j`` is checked at once (a project has a
        few participants), instead of a loop over the pairs; at most about ``_COMBINATIONS`` at a time,
        which bounds the memory when projects have many partners.
        """
        combinations = self.counts[i] * self.counts[j]
        ends = np.cumsum(combinations)
        free = np.ones(len(i), dtype=bool)
        start = 0
        while start < len(i):
            stop = max(int(np.searchsorted(ends, ends[start] - combinations[start] + _COMBINATIONS)), start + 1)
            free[start:stop] = self._without_contact(i[start:stop], j[start:stop], combinations[start:stop])
            start = stop
        return free

    def _without_contact(self, i: np.ndarray, j: np.ndarray, combinations: np.ndarray) -> np.ndarray:
        pair = np.repeat(np.arange(len(i)), combinations)
        step = np.arange(len(pair)) - (np.cumsum(combinations) - combinations)[pair]
        width = self.counts[j][pair]
        a = self.people[self.offsets[i][pair] + step // width]
        b = self.people[self.offsets[j][pair] + step % width]
        linked = a == b
        if len(self.contacts):
            keys = a * self.actors + b
            place = np.minimum(np.searchsorted(self.contacts, keys), len(self.contacts) - 1)
            linked |= self.contacts[place] == keys
        return np.bincount(pair[linked], minlength=len(i)) == 0

    def gaps(self, i: np.ndarray, j: np.ndarray, scores: np.ndarray) -> list[ProjectGap]:
        """The gaps of the pairs (``i[k]``, ``j[k]``), each with the project first whose id sorts first.

        What pairs have in common is worked out with arrays, and once per distinct value (the days, the
        shared cells of two cell sets), not once per pair: a complete list has tens of thousands of pairs.
        """
        swap = self.rank[j] < self.rank[i]
        i, j = np.where(swap, j, i), np.where(swap, i, j)
        starts = np.maximum(self.periods[i, 0], self.periods[j, 0])
        ends = np.minimum(self.periods[i, 1], self.periods[j, 1])
        days = {day: day_text(day) for day in np.unique(np.concatenate([starts, ends])).tolist()}
        # Shared cells depend only on the two cell sets: intersected once per pair of sets, sorted once
        # per intersection.
        a, b = self.cell_set[i], self.cell_set[j]
        count = len(self.cell_sets)
        pairs, which = np.unique(np.minimum(a, b) * count + np.maximum(a, b), return_inverse=True)
        sorted_cells: dict[frozenset[Cell], tuple[tuple[str, ...], tuple[str, ...]]] = {}
        shared_cells = []
        for pair in pairs.tolist():
            x, y = divmod(pair, count)
            shared = self.cell_sets[x] & self.cell_sets[y]
            if shared not in sorted_cells:
                sorted_cells[shared] = (
                    tuple(sorted({t for t, _ in shared}, key=str.casefold)),
                    tuple(sorted({m for _, m in shared}, key=str.casefold)),
                )
            shared_cells.append(sorted_cells[shared])
        ids, names = self.ids, self.names
        # In the order of the fields (projects, names, score, shared target groups, shared municipalities,
        # overlap start, overlap end): keyword arguments cost about a tenth more here.
        return [
            ProjectGap((ids[x], ids[y]), (names[x], names[y]), score, groups, places, days[start], days[end])
            for x, y, score, (groups, places), start, end in zip(
                i.tolist(),
                j.tolist(),
                scores.tolist(),
                [shared_cells[k] for k in which.tolist()],
                starts.tolist(),
                ends.tolist(),
                strict=True,
            )
        ]
