"""Duplicated efforts: projects that do the same thing for the same people in the same place at the same time.

Pairs of projects are found and scored in :mod:`duplicate_pairs` (the score
is documented there and in docs/analyses.md). A pair is **strong** when its
score reaches ``min_score`` (default :data:`DEFAULT_MIN_SCORE`). Strong pairs
are gathered into groups without chaining: taking the strongest pair first,
a project joins a group only when it is strongly paired with every project
already in it, and a group holds at most :data:`MAX_GROUP` projects; a strong
pair that fits no group is reported as a group of two. Every project of a
group is thus strongly paired with every other (a clique of the strong-pair
graph), and no hub can pull unrelated projects into one group.

A pair is **coordinated** when the two projects share an owner or a partner
(a forum exists between them); coordinated groups rank below uncoordinated
ones of the same score. A group's score and similarity are the lowest of its
pairs'.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from stakeholders.analyses.common import NO_FILTERS, SCORE_DIGITS, Filters, day_text, id_key, rounded
from stakeholders.analyses.contacts import contact_network
from stakeholders.analyses.duplicate_pairs import ProjectTable, ScoredPairs
from stakeholders.analyses.duplicate_reason import pair_reason
from stakeholders.model import Dataset

DEFAULT_MIN_SCORE = 0.5
MAX_GROUP = 8
_DAYS_PER_MONTH = 365.2425 / 12


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """The evidence for one pair of projects."""

    projects: tuple[str, str]
    score: float
    similarity: float
    common_terms: tuple[str, ...]
    shared_orientations: tuple[str, ...]
    shared_target_groups: tuple[str, ...]
    shared_municipalities: tuple[str, ...]
    overlap_months: float
    coordinated: bool

    def to_json(self) -> dict[str, object]:
        return {
            "projects": list(self.projects),
            "score": self.score,
            "similarity": self.similarity,
            "common_terms": list(self.common_terms),
            "shared_orientations": list(self.shared_orientations),
            "shared_target_groups": list(self.shared_target_groups),
            "shared_municipalities": list(self.shared_municipalities),
            "overlap_months": self.overlap_months,
            "coordinated": self.coordinated,
        }


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    """Projects that are pairwise strong duplicates of each other."""

    projects: tuple[str, ...]
    names: tuple[str, ...]
    owners: tuple[str, ...]
    score: float
    similarity: float
    shared_orientations: tuple[str, ...]
    shared_target_groups: tuple[str, ...]
    shared_municipalities: tuple[str, ...]
    overlap_start: str | None
    overlap_end: str | None
    overlap_months: float
    combined_budget: float | None
    coordinated: bool
    owners_in_contact: bool
    reason: str
    pairs: tuple[DuplicatePair, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "projects": list(self.projects),
            "names": list(self.names),
            "owners": list(self.owners),
            "score": self.score,
            "similarity": self.similarity,
            "shared_orientations": list(self.shared_orientations),
            "shared_target_groups": list(self.shared_target_groups),
            "shared_municipalities": list(self.shared_municipalities),
            "overlap": {"start": self.overlap_start, "end": self.overlap_end},
            "overlap_months": self.overlap_months,
            "combined_budget": self.combined_budget,
            "coordinated": self.coordinated,
            "owners_in_contact": self.owners_in_contact,
            "reason": self.reason,
            "pairs": [pair.to_json() for pair in self.pairs],
        }


def duplicate_groups(
    dataset: Dataset,
    *,
    top: int = 20,
    filters: Filters = NO_FILTERS,
    min_score: float = DEFAULT_MIN_SCORE,
    lang: str = "en",
) -> list[DuplicateGroup]:
    """Find the groups of duplicated efforts among a dataset's projects.

    Parameters
    ----------
    dataset : Dataset
    top : int
        How many groups to return, best first; 0 returns all.
    filters : Filters
        Restrict the shared municipalities and target groups, and the projects (orientations).
    min_score : float
        The score (0-1) a pair needs to count as a duplicated effort.
    lang : {"en", "sv"}
        The language of the ``reason`` lines.

    Returns
    -------
    list of DuplicateGroup
        Highest score first; uncoordinated before coordinated; ties by the projects' ids.
    """
    key = (top, filters, min_score, lang)
    cached = _GROUPS.setdefault(dataset, {})
    if key not in cached:
        cached[key] = tuple(_duplicate_groups(dataset, top, filters, min_score, lang))
    return list(cached[key])


# A dataset's groups by their parameters: a report asks once for its duplicates section and once for the
# proposals' forums (DuplicateGroup is immutable; each caller gets its own list).
_GROUPS: weakref.WeakKeyDictionary[Dataset, dict[tuple, tuple[DuplicateGroup, ...]]] = weakref.WeakKeyDictionary()


def _duplicate_groups(
    dataset: Dataset, top: int, filters: Filters, min_score: float, lang: str
) -> list[DuplicateGroup]:
    table = ProjectTable(dataset, filters)
    evidence = _Evidence(table, table.scored_pairs(min_score))
    ranked = sorted(
        _gather(evidence),
        key=lambda m: (-evidence.group_score(m), evidence.group_coordinated(m), id_key(_ids(table, m))),
    )
    if top:
        ranked = ranked[:top]
    return [_group(table, evidence, members, lang) for members in ranked]


class _Evidence:
    """The strong pairs by project index: scores for gathering and ranking, full evidence on demand."""

    def __init__(self, table: ProjectTable, scored: ScoredPairs) -> None:
        self.table = table
        self.scored = scored
        scores = np.round(scored.score, SCORE_DIGITS)
        self.index: dict[tuple[int, int], int] = {}
        self.partners: dict[int, set[int]] = {}
        self.score: dict[tuple[int, int], float] = {}
        for k, (i, j) in enumerate(zip(scored.i.tolist(), scored.j.tolist(), strict=True)):
            self.index[(i, j)] = k
            self.score[(i, j)] = float(scores[k])
            self.partners.setdefault(i, set()).add(j)
            self.partners.setdefault(j, set()).add(i)
        self._coordinated: dict[tuple[int, int], bool] = {}

    @staticmethod
    def key(i: int, j: int) -> tuple[int, int]:
        return (i, j) if i < j else (j, i)

    def coordinated(self, i: int, j: int) -> bool:
        """The two projects share an owner or partner."""
        key = self.key(i, j)
        if key not in self._coordinated:
            a, b = self.table.projects[i], self.table.projects[j]
            self._coordinated[key] = not set(a.participants).isdisjoint(b.participants)
        return self._coordinated[key]

    def ranked(self) -> list[tuple[int, int]]:
        """Strongest first; ties by the projects' ids (not their rows), so the groups never depend on row order."""
        projects = self.table.projects

        def key(ij: tuple[int, int]) -> tuple[float, bool, tuple[str, ...]]:
            ids = sorted((projects[ij[0]].id.casefold(), projects[ij[1]].id.casefold()))
            return -self.score[ij], self.coordinated(*ij), tuple(ids)

        return sorted(self.score, key=key)

    def group_score(self, members: list[int]) -> float:
        return min(self.score[self.key(a, b)] for n, a in enumerate(members) for b in members[n + 1 :])

    def group_coordinated(self, members: list[int]) -> bool:
        return all(self.coordinated(a, b) for n, a in enumerate(members) for b in members[n + 1 :])

    def pair(self, i: int, j: int) -> DuplicatePair:
        """The whole evidence of one strong pair."""
        i, j = self.key(i, j)
        k = self.index[(i, j)]
        table = self.table
        a, b = table.projects[i], table.projects[j]
        if a.id.casefold() > b.id.casefold():
            a, b = b, a
        return DuplicatePair(
            projects=(a.id, b.id),
            score=self.score[(i, j)],
            similarity=rounded(float(self.scored.similarity[k])),
            common_terms=table.texts.common_terms(i, j),
            shared_orientations=_shared([a.orientations, b.orientations]),
            shared_target_groups=_shared([table.target_groups_of(i), table.target_groups_of(j)]),
            shared_municipalities=_shared([table.municipalities_of(i), table.municipalities_of(j)]),
            overlap_months=round(float(self.scored.overlap_days[k]) / _DAYS_PER_MONTH, 1),
            coordinated=self.coordinated(i, j),
        )


def _ids(table: ProjectTable, members: list[int]) -> list[str]:
    return sorted((table.projects[k].id for k in members), key=str.casefold)


def _gather(evidence: _Evidence) -> list[list[int]]:
    """Groups of pairwise strong projects, strongest pair first (the rule in the module's docstring)."""
    groups: list[list[int]] = []
    group_of: dict[int, int] = {}
    for i, j in evidence.ranked():
        gi, gj = group_of.get(i), group_of.get(j)
        if gi is None and gj is None:
            group_of[i] = group_of[j] = len(groups)
            groups.append([i, j])
        elif gi is not None and gi == gj:
            continue
        elif gi is not None and gj is None and _fits(evidence, groups[gi], j):
            groups[gi].append(j)
            group_of[j] = gi
        elif gj is not None and gi is None and _fits(evidence, groups[gj], i):
            groups[gj].append(i)
            group_of[i] = gj
        else:
            groups.append([i, j])  # strong, but fits neither group whole: a group of two
    return groups


def _fits(evidence: _Evidence, group: list[int], candidate: int) -> bool:
    return len(group) < MAX_GROUP and all(member in evidence.partners[candidate] for member in group)


def _group(table: ProjectTable, evidence: _Evidence, members: list[int], lang: str) -> DuplicateGroup:
    members = sorted(members, key=lambda k: table.projects[k].id.casefold())
    projects = [table.projects[k] for k in members]
    pairs = [evidence.pair(a, b) for n, a in enumerate(members) for b in members[n + 1 :]]
    start, end = int(max(table.start[members])), int(min(table.end[members]))
    owners = sorted({p.owner for p in projects}, key=str.casefold)
    network = contact_network(table.dataset)
    indices = [network.index[o] for o in owners]
    budgets = [p.budget for p in projects if p.budget is not None]
    weakest = min(pairs, key=lambda p: (p.score, p.projects))
    shared = {
        "orientations": _shared([p.orientations for p in projects]),
        "target_groups": _shared([table.target_groups_of(k) for k in members]),
        "municipalities": _shared([table.municipalities_of(k) for k in members]),
    }
    months = round((end - start + 1) / _DAYS_PER_MONTH, 1)
    coordinated = all(p.coordinated for p in pairs)
    return DuplicateGroup(
        projects=tuple(p.id for p in projects),
        names=tuple(p.name for p in projects),
        owners=tuple(owners),
        score=weakest.score,
        similarity=min(p.similarity for p in pairs),
        shared_orientations=shared["orientations"],
        shared_target_groups=shared["target_groups"],
        shared_municipalities=shared["municipalities"],
        overlap_start=day_text(start),
        overlap_end=day_text(end),
        overlap_months=months,
        combined_budget=sum(budgets) if budgets else None,
        coordinated=coordinated,
        owners_in_contact=all(network.in_contact(a, b) for n, a in enumerate(indices) for b in indices[n + 1 :]),
        reason=pair_reason(table, weakest, shared, months, coordinated, lang),
        pairs=tuple(pairs),
    )


def _shared(value_lists: Iterable[Iterable[str]]) -> tuple[str, ...]:
    sets = [set(values) for values in value_lists]
    return tuple(sorted(set.intersection(*sets), key=str.casefold)) if sets else ()
