"""Coverage: who serves each target group in each municipality, and which needs nobody serves.

For each (target group, municipality) cell: the actors and projects serving
it (listing both; ``*`` means every municipality) and, where the size is
known, the people per serving actor. A cell is uncovered when its known size
is above 0 and nobody serves it. A cell is exact: serving a broader (parent)
group does not serve its sub-groups, which is how "mainstream" measures miss
groups with special needs.

Cells are listed when their size is known or someone serves them: uncovered
cells first (largest first), then by people per actor (highest first).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from stakeholders.analyses.common import NO_FILTERS, Cell, Filters, cell_sizes, id_key, record_cells
from stakeholders.model import Actor, Dataset, Project


@dataclass(frozen=True, slots=True)
class CoverageCell:
    target_group: str
    municipality: str
    size: int | None
    actors: tuple[str, ...]
    projects: tuple[str, ...]

    @property
    def uncovered(self) -> bool:
        return bool(self.size) and not self.actors and not self.projects

    @property
    def people_per_actor(self) -> float | None:
        if self.size is None or not self.actors:
            return None
        return round(self.size / len(self.actors), 2)

    def to_json(self) -> dict[str, object]:
        return {
            "target_group": self.target_group,
            "municipality": self.municipality,
            "size": self.size,
            "actors": list(self.actors),
            "projects": list(self.projects),
            "people_per_actor": self.people_per_actor,
            "uncovered": self.uncovered,
        }


def coverage(dataset: Dataset, *, top: int = 20, filters: Filters = NO_FILTERS) -> list[CoverageCell]:
    """The coverage matrix of target groups by municipality.

    Parameters
    ----------
    dataset : Dataset
    top : int
        How many cells to return; 0 returns all.
    filters : Filters
        Restrict the cells (municipalities, target groups) and the serving
        actors and projects (orientations).

    Returns
    -------
    list of CoverageCell
        Uncovered cells first by size, then by people per actor, ties by ids.
    """
    sizes = {cell: size for cell, size in cell_sizes(dataset).items() if filters.cell(*cell)}
    actors, projects = _serving(dataset.actors, filters), _serving(dataset.projects, filters)
    cells = [
        CoverageCell(
            target_group,
            municipality,
            sizes.get((target_group, municipality)),
            _sorted_ids(actors.get((target_group, municipality))),
            _sorted_ids(projects.get((target_group, municipality))),
        )
        for target_group, municipality in sizes.keys() | actors.keys() | projects.keys()
    ]
    cells.sort(key=_rank)
    return cells if top == 0 else cells[:top]


def _serving(records: Mapping[str, Actor | Project], filters: Filters) -> dict[Cell, list[str]]:
    """The ids of the records serving each cell."""
    serving: defaultdict[Cell, list[str]] = defaultdict(list)
    for record in records.values():
        if filters.record(record):
            for cell in record_cells(record, filters):
                serving[cell].append(record.id)
    return serving


def _sorted_ids(ids: list[str] | None) -> tuple[str, ...]:
    return tuple(sorted(ids, key=str.casefold)) if ids else ()


def _rank(cell: CoverageCell) -> tuple[object, ...]:
    per_actor = cell.people_per_actor
    return (
        not cell.uncovered,
        -(cell.size or 0) if cell.uncovered else 0,
        per_actor is None,
        -(per_actor or 0),
        -(cell.size or 0),
        id_key((cell.target_group, cell.municipality)),
    )
