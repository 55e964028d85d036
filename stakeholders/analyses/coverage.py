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
from dataclasses import dataclass

from stakeholders.analyses.common import NO_FILTERS, Cell, Filters, cell_sizes, id_key, record_cells
from stakeholders.model import Dataset


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
    serving: dict[Cell, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for slot, table in ((0, dataset.actors), (1, dataset.projects)):
        for record in table.values():
            if filters.record(record):
                for cell in record_cells(record, filters):
                    serving[cell][slot].append(record.id)
    cells = [
        CoverageCell(
            target_group,
            municipality,
            sizes.get((target_group, municipality)),
            tuple(sorted(serving[(target_group, municipality)][0], key=str.casefold)),
            tuple(sorted(serving[(target_group, municipality)][1], key=str.casefold)),
        )
        for target_group, municipality in sizes.keys() | serving.keys()
    ]
    cells.sort(key=_rank)
    return cells if top == 0 else cells[:top]


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
