"""Employer gaps: employers with needs and no contact to anybody who could fill them.

An *employer* is an actor with rows in ``employer_needs.csv``; each row is a *need* (an occupation
and a count). The *candidates* for a need are the other actors, working in a municipality of the
employer's (any municipality when the employer lists none), that

- prepare people for the occupation: their own ``occupations`` list it, or they take part (owner
  or partner) in a project whose ``occupations`` list it and that works there; or
- serve a target group that fits the occupation (the group's ``occupations`` list it).

A need is a gap when it has candidates and the employer has contact (a cooperation row, or a
shared project) with none of them, and the employer is not a candidate itself. A need nobody
could fill is no employer gap (``demand`` shows the occupation as unprepared). The
*introducers* are the actors in contact with both the employer and at least one candidate.
Several rows of one employer and occupation are one need (their counts added up).
Ranked by the need's size (count; none counts as 0), largest first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from stakeholders.analyses.common import NO_FILTERS, Filters, id_key
from stakeholders.analyses.contacts import contact_network
from stakeholders.analyses.demand import fitting_groups
from stakeholders.model import Actor, Dataset


@dataclass(frozen=True, slots=True)
class EmployerGap:
    employer: str
    name: str
    occupation: str
    occupation_name: str
    count: int | None
    candidates: tuple[str, ...]
    introducers: tuple[str, ...]

    @property
    def reason(self) -> str:
        need = f"{self.count} × " if self.count is not None else ""
        via = (
            f"; could be introduced by {', '.join(self.introducers)}"
            if self.introducers
            else "; no common contact to introduce them"
        )
        return (
            f"{self.name} needs {need}{self.occupation_name} ({self.occupation}) and has no contact with "
            f"{', '.join(self.candidates)}, who prepare people for it or serve people who fit it{via}"
        )

    def to_json(self) -> dict[str, object]:
        return {
            "kind": "employers",
            "employer": self.employer,
            "name": self.name,
            "occupation": self.occupation,
            "occupation_name": self.occupation_name,
            "count": self.count,
            "candidates": list(self.candidates),
            "introducers": list(self.introducers),
            "reason": self.reason,
        }


def employer_gaps(dataset: Dataset, *, top: int = 20, filters: Filters = NO_FILTERS) -> list[EmployerGap]:
    """The employers' needs that no contact of theirs could fill.

    Parameters
    ----------
    dataset : Dataset
    top : int
        How many to return; 0 returns all.
    filters : Filters
        Municipalities: only employers working in one of them; target groups: the fitting groups
        considered; orientations: the candidate actors considered.

    Returns
    -------
    list of EmployerGap
        Largest need first, ties by employer and occupation id.
    """
    network = contact_network(dataset)
    fitting = {occupation: set(groups) for occupation, groups in fitting_groups(dataset, filters).items()}
    index = _Index(dataset, filters)
    counts: dict[tuple[str, str], int | None] = {}
    for need in dataset.employer_needs:
        key = (need.employer, need.occupation)
        before = counts.get(key)
        counts[key] = None if before is None and need.count is None else (before or 0) + (need.count or 0)
    gaps = []
    for (employer_id, occupation), count in counts.items():
        employer = dataset.actors[employer_id]
        if filters.municipalities and filters.municipalities.isdisjoint(employer.municipalities):
            continue
        candidates = index.candidates(employer, occupation, fitting.get(occupation, set()))
        if not candidates or employer_id in candidates:
            continue
        own = network.index[employer_id]
        indices = {network.index[c] for c in candidates}
        if network.neighbours[own] & indices:
            continue
        introducers = [network.ids[n] for n in network.neighbours[own] if network.neighbours[n] & indices]
        name = dataset.occupations[occupation].name if occupation in dataset.occupations else occupation
        gaps.append(
            EmployerGap(
                employer_id,
                employer.name,
                occupation,
                name,
                count,
                tuple(sorted(candidates, key=str.casefold)),
                tuple(sorted(introducers, key=str.casefold)),
            )
        )
    gaps.sort(key=lambda g: (-(g.count or 0), id_key((g.employer, g.occupation))))
    return gaps if top == 0 else gaps[:top]


class _Index:
    """Who prepares for each occupation and who serves each target group, with where they work, built once."""

    def __init__(self, dataset: Dataset, filters: Filters) -> None:
        self.preparing: defaultdict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)  # (where, actor)
        self.serving: defaultdict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        considered = {a.id for a in dataset.actors.values() if filters.record(a)}
        for actor in dataset.actors.values():
            if actor.id in considered:
                for occupation in actor.occupations:
                    self.preparing[occupation].append((actor.municipalities, actor.id))
                for group in actor.target_groups:
                    self.serving[group].append((actor.municipalities, actor.id))
        for project in dataset.projects.values():
            for occupation in project.occupations:
                for participant in project.participants:
                    if participant in considered:
                        self.preparing[occupation].append((project.municipalities, participant))

    def candidates(self, employer: Actor, occupation: str, groups: set[str]) -> set[str]:
        """The actors who could fill the employer's need (see the module's docstring), the employer included."""
        where = set(employer.municipalities)
        entries = [*self.preparing.get(occupation, ()), *(e for g in groups for e in self.serving.get(g, ()))]
        return {actor for places, actor in entries if not where or not where.isdisjoint(places)}
