"""One readable line per analysis result, for tables and reports."""

from __future__ import annotations

from collections.abc import Iterable

from stakeholders.analyses import ActorGap, BrokerScore, CoverageCell, DuplicateGroup, ProjectGap, SectorGap
from stakeholders.model import Dataset


class Explainer:
    """Explains results with the dataset's names."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset

    def _names(self, table: str, ids: Iterable[str]) -> str:
        records = getattr(self.dataset, table)
        return ", ".join(records[i].name if i in records else i for i in ids)

    def actor_gap(self, gap: ActorGap) -> str:
        a, b = gap.names
        if gap.reasons:  # the analysis' own reasons: the most telling shared cell, broad actors, the distance
            return f"{a} and {b} have no contact: {'; '.join(gap.reasons)}; score {gap.score:g}"
        if gap.distance is None:
            reach = "they cannot reach each other through anyone"
        else:
            reach = f"{gap.distance} steps apart"
            if gap.introducers:
                reach += f"; {self._names('actors', gap.introducers)} could introduce them"
        return (
            f"{a} and {b} both serve {self._names('target_groups', gap.shared_target_groups)} in "
            f"{self._names('municipalities', gap.shared_municipalities)} without contact ({reach}); "
            f"score {gap.score:g}"
        )

    def project_gap(self, gap: ProjectGap) -> str:
        a, b = gap.names
        when = f"{gap.overlap_start or '…'} – {gap.overlap_end or '…'}"
        return (
            f"{a} and {b} run at the same time ({when}) for "
            f"{self._names('target_groups', gap.shared_target_groups)} in "
            f"{self._names('municipalities', gap.shared_municipalities)}, and none of their participants "
            f"has contact with the other's; score {gap.score:g}"
        )

    def sector_gap(self, gap: SectorGap) -> str:
        return (
            f"{gap.name}: its own public actors ({self._names('actors', gap.public_actors)}) have no contact with "
            f"the employers active there ({self._names('actors', gap.private_actors)})"
        )

    def duplicate(self, group: DuplicateGroup) -> str:
        coordinated = " (coordinated)" if group.coordinated else ""
        return f"{self._names('projects', group.projects)}{coordinated}: {group.reason}; score {group.score:g}"

    def coverage(self, cell: CoverageCell) -> str:
        group = self._names("target_groups", [cell.target_group])
        place = self._names("municipalities", [cell.municipality])
        size = "size unknown" if cell.size is None else f"{cell.size} people"
        if cell.uncovered:
            return f"UNCOVERED: {group} in {place} ({size}): no actor or project serves them"
        per = f", {cell.people_per_actor:g} per actor" if cell.people_per_actor is not None else ""
        return f"{group} in {place} ({size}{per}): {len(cell.actors)} actors, {len(cell.projects)} projects"

    def broker(self, row: BrokerScore) -> str:
        cut = "; the network splits without them" if row.articulation_point else ""
        holes = f", constraint {row.constraint:g}" if row.constraint is not None else ""
        return f"{row.name}: betweenness {row.betweenness:g}, {row.degree} contacts{holes}{cut}"
