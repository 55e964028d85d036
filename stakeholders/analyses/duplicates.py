"""Duplicated efforts: projects with the same scope running at the same time.

A duplication group is a maximal set of at least two projects that share one
scope cell (orientation, target group, municipality) and are all running at
one common moment. Within a cell the projects' periods are intervals on a
line, so the groups are the maximal cliques of an interval graph: the
projects running at the start of some project of the cell, keeping the
maximal sets (Gilmore & Hoffman 1964; found by one sweep over the starts and
ends). The same set found in several cells is one group listing all those
cells. Groups are not chained into connected components: regional projects
naming every municipality would chain hundreds of projects into one blob.

Score: ``(projects - 1) x (0.5 + 0.5 x facet overlap) x (0.5 + 0.5 x period overlap)``,
where the facet overlap is the mean, over orientations, target groups and
municipalities, of the share of the group's values that all its projects have
(intersection over union), and the period overlap is the length of the common
period over the length of the group's whole span (open ends clipped to the
dataset's earliest and latest dates).

References
----------
P. C. Gilmore and A. J. Hoffman, "A characterization of comparability graphs
and of interval graphs", Canadian Journal of Mathematics 16 (1964) 539-548.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from stakeholders.analyses.common import (
    DAY_MAX,
    DAY_MIN,
    NO_FILTERS,
    Filters,
    day_text,
    id_key,
    period,
    rounded,
)
from stakeholders.analyses.contacts import contact_network
from stakeholders.model import Dataset, Project

ScopeCell = tuple[str, str, str]  # (orientation, target group id, municipality id)


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    projects: tuple[str, ...]
    names: tuple[str, ...]
    owners: tuple[str, ...]
    score: float
    cells: tuple[ScopeCell, ...]
    shared_orientations: tuple[str, ...]
    shared_target_groups: tuple[str, ...]
    shared_municipalities: tuple[str, ...]
    overlap_start: str | None
    overlap_end: str | None
    combined_budget: float | None
    owners_in_contact: bool

    def to_json(self) -> dict[str, object]:
        return {
            "projects": list(self.projects),
            "names": list(self.names),
            "owners": list(self.owners),
            "score": self.score,
            "shared_orientations": list(self.shared_orientations),
            "shared_target_groups": list(self.shared_target_groups),
            "shared_municipalities": list(self.shared_municipalities),
            "cells": [list(cell) for cell in self.cells],
            "overlap": {"start": self.overlap_start, "end": self.overlap_end},
            "combined_budget": self.combined_budget,
            "owners_in_contact": self.owners_in_contact,
        }


def scope_cells(project: Project, filters: Filters = NO_FILTERS) -> Iterable[ScopeCell]:
    """The (orientation, target group, municipality) cells of a project.

    An orientation filter keeps only the cells of those orientations (as the
    municipality and target-group filters keep only the cells in them).
    """
    for orientation in project.orientations:
        if filters.orientations and orientation not in filters.orientations:
            continue
        for target_group in project.target_groups:
            for municipality in project.municipalities:
                if filters.cell(target_group, municipality):
                    yield orientation, target_group, municipality


def duplicate_groups(dataset: Dataset, *, top: int = 20, filters: Filters = NO_FILTERS) -> list[DuplicateGroup]:
    """Find the duplication groups of a dataset's projects.

    Parameters
    ----------
    dataset : Dataset
    top : int
        How many to return, best first; 0 returns all.
    filters : Filters
        Restrict the cells (municipalities, target groups) and projects (orientations).

    Returns
    -------
    list of DuplicateGroup
        Highest score first, ties by the projects' ids.
    """
    by_cell: dict[ScopeCell, list[Project]] = defaultdict(list)
    for project in dataset.projects.values():
        if filters.record(project):
            for cell in scope_cells(project, filters):
                by_cell[cell].append(project)
    groups: dict[frozenset[str], list[ScopeCell]] = defaultdict(list)
    for cell, projects in by_cell.items():
        if len(projects) > 1:
            for clique in running_together(projects):
                groups[clique].append(cell)
    bounds = _date_bounds(dataset)
    facets: dict[str, tuple[frozenset[str], ...]] = {}  # per project, shared by all its groups
    result = [_group(dataset, members, cells, bounds, facets) for members, cells in groups.items()]
    result.sort(key=lambda g: (-g.score, id_key(g.projects)))
    return result if top == 0 else result[:top]


def running_together(projects: list[Project]) -> list[frozenset[str]]:
    """Maximal sets (2 or more) of projects running at one common moment.

    A sweep over starts and ends (a start sorts before an end on the same
    day, since ends are inclusive): the running set is maximal when an end
    follows a start.
    """
    events = []
    for project in projects:
        start, end = period(project)
        events.append((start, 0, project.id))
        events.append((end, 1, project.id))
    events.sort()
    running: set[str] = set()
    cliques = []
    last_was_start = False
    for _, is_end, project_id in events:
        if is_end:
            if last_was_start and len(running) > 1:
                cliques.append(frozenset(running))
            running.discard(project_id)
            last_was_start = False
        else:
            running.add(project_id)
            last_was_start = True
    return cliques


def _date_bounds(dataset: Dataset) -> tuple[int, int]:
    days = [d for p in dataset.projects.values() for d in period(p) if d not in (DAY_MIN, DAY_MAX)]
    return (min(days), max(days)) if days else (0, 1)


def _group(
    dataset: Dataset,
    members: frozenset[str],
    cells: list[ScopeCell],
    bounds: tuple[int, int],
    facet_sets: dict[str, tuple[frozenset[str], ...]] | None = None,
) -> DuplicateGroup:
    projects = sorted((dataset.projects[p] for p in members), key=lambda p: p.id.casefold())
    periods = [period(p) for p in projects]
    start, end = max(s for s, _ in periods), min(e for _, e in periods)
    low, high = bounds

    def clip(day: int) -> int:
        return min(max(day, low), high)

    common = clip(end) - clip(start) + 1
    span = clip(max(e for _, e in periods)) - clip(min(s for s, _ in periods)) + 1
    if facet_sets is None:
        facet_sets = {}
    for p in projects:
        if p.id not in facet_sets:
            facet_sets[p.id] = (frozenset(p.orientations), frozenset(p.target_groups), frozenset(p.municipalities))
    facets = [_intersection_over_union([facet_sets[p.id][k] for p in projects]) for k in range(3)]
    score = (len(projects) - 1) * (0.5 + 0.5 * sum(facets) / 3) * (0.5 + 0.5 * max(common, 0) / max(span, 1))
    owners = sorted({p.owner for p in projects}, key=str.casefold)
    network = contact_network(dataset)
    indices = [network.index[o] for o in owners]
    budgets = [p.budget for p in projects if p.budget is not None]
    return DuplicateGroup(
        projects=tuple(p.id for p in projects),
        names=tuple(p.name for p in projects),
        owners=tuple(owners),
        score=rounded(score),
        cells=tuple(sorted(cells, key=lambda c: tuple(x.casefold() for x in c))),
        shared_orientations=_sorted_unique(c[0] for c in cells),
        shared_target_groups=_sorted_unique(c[1] for c in cells),
        shared_municipalities=_sorted_unique(c[2] for c in cells),
        overlap_start=day_text(start),
        overlap_end=day_text(end),
        combined_budget=sum(budgets) if budgets else None,
        owners_in_contact=all(network.in_contact(a, b) for k, a in enumerate(indices) for b in indices[k + 1 :]),
    )


def _intersection_over_union(sets: list[frozenset[str]]) -> float:
    union = frozenset().union(*sets)
    return len(sets[0].intersection(*sets[1:])) / len(union) if union else 0.0


def _sorted_unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(values), key=str.casefold))
