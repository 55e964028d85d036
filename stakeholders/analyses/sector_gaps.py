"""Sector gaps: municipalities whose own public actors have no contact with any employer there.

A municipality is a sector gap when its own public actors (sector public,
active in that one municipality only) have no contact with any private-sector
actor active there, while at least one private-sector actor is active there.
The pre-study's first finding: too little contact between the municipalities,
who own the problem, and the employers, who have the jobs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from stakeholders.analyses.common import NO_FILTERS, Filters, id_key
from stakeholders.analyses.contacts import contact_network
from stakeholders.model import Dataset
from stakeholders.schema import Sector


@dataclass(frozen=True, slots=True)
class SectorGap:
    municipality: str
    name: str
    public_actors: tuple[str, ...]
    private_actors: tuple[str, ...]

    @property
    def score(self) -> int:
        """Public-private pairs without contact (all of them, in a gap)."""
        return len(self.public_actors) * len(self.private_actors)

    def to_json(self) -> dict[str, object]:
        return {
            "kind": "sectors",
            "municipality": self.municipality,
            "name": self.name,
            "score": self.score,
            "public_actors": list(self.public_actors),
            "private_actors": list(self.private_actors),
        }


def sector_gaps(dataset: Dataset, *, top: int = 20, filters: Filters = NO_FILTERS) -> list[SectorGap]:
    """Find the municipalities whose own public actors have no contact with its private actors.

    Parameters
    ----------
    dataset : Dataset
    top : int
        How many to return; 0 returns all.
    filters : Filters
        Municipalities to look at, and orientations of the actors considered.

    Returns
    -------
    list of SectorGap
        Most public-private pairs first, ties by municipality id.
    """
    network = contact_network(dataset)
    # Each municipality's own public actors and its private actors, in one pass over the actors.
    own_public: dict[str, list[str]] = defaultdict(list)
    private_in: dict[str, list[str]] = defaultdict(list)
    for actor in dataset.actors.values():
        if not filters.record(actor):
            continue
        if actor.sector is Sector.PUBLIC and len(actor.municipalities) == 1:
            own_public[actor.municipalities[0]].append(actor.id)
        elif actor.sector is Sector.PRIVATE:
            for municipality_id in dict.fromkeys(actor.municipalities):
                private_in[municipality_id].append(actor.id)
    gaps = []
    for municipality in dataset.municipalities.values():
        if filters.municipalities and municipality.id not in filters.municipalities:
            continue
        public = own_public.get(municipality.id, [])
        private = private_in.get(municipality.id, [])
        if not public or not private:
            continue
        private_index = {network.index[p] for p in private}
        if any(network.neighbours[network.index[p]] & private_index for p in public):
            continue
        gaps.append(
            SectorGap(
                municipality.id,
                municipality.name,
                tuple(sorted(public, key=str.casefold)),
                tuple(sorted(private, key=str.casefold)),
            )
        )
    gaps.sort(key=lambda g: (-g.score, id_key((g.municipality,))))
    return gaps if top == 0 else gaps[:top]
