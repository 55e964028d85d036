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
    i_all, j_all, scores = _candidates(dataset, projects, cells)
    lookup = _Lookup(projects, cells, contact_network(dataset))
    order = np.lexsort((j_all, i_all, -scores))
    found: list[tuple[int, int, float]] = []
    for i, j, score in zip(i_all[order].tolist(), j_all[order].tolist(), scores[order].tolist(), strict=True):
        if top and len(found) >= top and score < found[top - 1][2]:
            break
        if not lookup.in_contact(i, j):
            found.append((i, j, score))
    # Highest score first, ties by the projects' ids (ignoring case), before building the results.
    folded = lookup.folded
    found.sort(key=lambda f: (-rounded(f[2]), *sorted((folded[f[0]], folded[f[1]]))))
    return [lookup.gap(i, j, score) for i, j, score in (found if top == 0 else found[:top])]


def _candidates(dataset: Dataset, projects: list[Project], cells: dict[str, list[Cell]]):
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
    periods = np.array([period(p) for p in projects], dtype=np.int64).reshape(n, 2)
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
    """What the pairs of projects need, computed once per project: participants, reach, cells, dates, ids."""

    def __init__(self, projects: list[Project], cells: dict[str, list[Cell]], network: ContactNetwork) -> None:
        self.projects = projects
        self.network = network
        self.people = [tuple(network.index[a] for a in project.participants) for project in projects]
        self.reach: dict[int, set[int]] = {}  # participants and their contacts, when first needed
        self.cell_sets = [frozenset(cells[project.id]) for project in projects]
        self.periods = [period(project) for project in projects]
        self.folded = [project.id.casefold() for project in projects]
        self.days: dict[int, str | None] = {}
        self.shared: dict[frozenset[Cell], tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def in_contact(self, i: int, j: int) -> bool:
        """Whether any participant of project ``j`` is a participant of ``i`` or in contact with one."""
        reach = self.reach.get(i)
        if reach is None:
            people = self.people[i]
            reach = self.reach[i] = set(people).union(*(self.network.neighbours[p] for p in people))
        return not reach.isdisjoint(self.people[j])

    def _day(self, day: int) -> str | None:
        if day not in self.days:
            self.days[day] = day_text(day)
        return self.days[day]

    def gap(self, i: int, j: int, score: float) -> ProjectGap:
        if self.folded[j] < self.folded[i]:
            i, j = j, i
        a, b = self.projects[i], self.projects[j]
        shared = self.cell_sets[i] & self.cell_sets[j]
        groups_and_places = self.shared.get(shared)
        if groups_and_places is None:  # many pairs share the same cells: sort them once
            groups_and_places = self.shared[shared] = (
                tuple(sorted({t for t, _ in shared}, key=str.casefold)),
                tuple(sorted({m for _, m in shared}, key=str.casefold)),
            )
        (start_a, end_a), (start_b, end_b) = self.periods[i], self.periods[j]
        return ProjectGap(
            projects=(a.id, b.id),
            names=(a.name, b.name),
            score=rounded(score),
            shared_target_groups=groups_and_places[0],
            shared_municipalities=groups_and_places[1],
            overlap_start=self._day(max(start_a, start_b)),
            overlap_end=self._day(min(end_a, end_b)),
        )
