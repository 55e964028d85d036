"""Partner suggestions: whom an actor should talk to and does not yet.

Link prediction on the actor contact network (:func:`stakeholders.model.contact_graph`), in the
context of the work the two share. For an actor ``a`` and every actor ``c`` not in contact with it
that serves at least one (target group, municipality) cell ``a`` serves:

    network(a, c) = RA(a, c) = sum over common contacts z of 1 / degree(z)       resource allocation
    context(a, c) = sum over shared cells (t, m) of s(t) x s(m) / sqrt(n(a) x n(c))
    score(a, c)   = context(a, c) x (1 + RA(a, c))

- ``RA`` is the resource allocation index of Zhou, Lü and Zhang (2009), computed with networkx's
  :func:`networkx.resource_allocation_index`; the Adamic-Adar index (Adamic and Adar 2003,
  ``sum 1 / ln degree(z)``, :func:`networkx.adamic_adar_index`) is reported next to it. Both are 0
  without a common contact; a common contact of few contacts counts more than a hub.
- ``s(v)`` is the specificity of :mod:`stakeholders.analyses.specificity` (inverse frequency scaled to
  [0, 1]) of the target group or municipality among the actors serving any cell, so a cell that only
  a few actors share counts nearly 1 and one that everybody shares about 0; ``n(a)`` is the number of
  cells actor ``a`` serves (Salton's cosine normalisation, as for gaps). ``context`` lies in [0, 1].
- Shared work is the reason to talk; a common contact makes the introduction easy and multiplies the
  score (twice it with one common contact who has two contacts). Actors with no shared cell are not
  suggested, whatever their position in the network.

``--project P`` takes the perspective of the project's owner with the owner's cells and the
project's cells, and leaves out the project's participants.

References
----------
T. Zhou, L. Lü and Y.-C. Zhang, "Predicting missing links via local information", European Physical
Journal B 71 (2009) 623-630.
L. A. Adamic and E. Adar, "Friends and neighbors on the Web", Social Networks 25 (2003) 211-230.
D. Liben-Nowell and J. Kleinberg, "The link-prediction problem for social networks", Journal of the
American Society for Information Science and Technology 58 (2007) 1019-1031.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from stakeholders.analyses.common import NO_FILTERS, Cell, Filters, id_key, record_cells, rounded
from stakeholders.analyses.specificity import frequencies, specificity
from stakeholders.errors import UsageError
from stakeholders.model import Dataset, contact_graph


@dataclass(frozen=True, slots=True)
class LinkScores:
    """networkx's link-prediction indices of one pair of nodes."""

    resource_allocation: float
    adamic_adar: float
    jaccard: float
    preferential_attachment: int
    common_neighbours: tuple[object, ...]


def link_scores(graph: nx.Graph, pairs: Iterable[tuple[object, object]]) -> dict[tuple[object, object], LinkScores]:
    """The resource allocation, Adamic-Adar, Jaccard and preferential attachment indices of ``pairs``.

    Each is networkx's own function (:func:`networkx.resource_allocation_index`,
    :func:`networkx.adamic_adar_index`, :func:`networkx.jaccard_coefficient`,
    :func:`networkx.preferential_attachment`), so the values are the literature's: for the complete
    graph K5 and the pair (0, 1), 0.75, 3 / ln 4, 0.6 and 16.
    """
    pairs = list(pairs)
    ra = {(u, v): p for u, v, p in nx.resource_allocation_index(graph, pairs)}
    aa = {(u, v): p for u, v, p in nx.adamic_adar_index(graph, pairs)}
    jc = {(u, v): p for u, v, p in nx.jaccard_coefficient(graph, pairs)}
    pa = {(u, v): p for u, v, p in nx.preferential_attachment(graph, pairs)}
    return {
        (u, v): LinkScores(
            ra[(u, v)], aa[(u, v)], jc[(u, v)], pa[(u, v)], tuple(sorted(nx.common_neighbors(graph, u, v), key=str))
        )
        for u, v in pairs
    }


@dataclass(frozen=True, slots=True)
class PartnerSuggestion:
    """An actor to talk to, why (shared cells), and how close it already is (common contacts)."""

    actor: str
    name: str
    score: float
    context: float
    resource_allocation: float
    adamic_adar: float
    shared_target_groups: tuple[str, ...]
    shared_municipalities: tuple[str, ...]
    common_contacts: tuple[str, ...]
    two_steps: bool

    def to_json(self) -> dict[str, object]:
        return {
            "actor": self.actor,
            "name": self.name,
            "score": self.score,
            "context": self.context,
            "resource_allocation": self.resource_allocation,
            "adamic_adar": self.adamic_adar,
            "shared_target_groups": list(self.shared_target_groups),
            "shared_municipalities": list(self.shared_municipalities),
            "common_contacts": list(self.common_contacts),
            "two_steps": self.two_steps,
        }


def _resolve(dataset: Dataset, kind: str, value: str, table) -> str:
    lookup = {key.casefold(): record_id for record_id, record in table.items() for key in (record_id, record.name)}
    found = lookup.get(value.strip().casefold())
    if found is None:
        import difflib

        close = difflib.get_close_matches(value.strip().casefold(), list(lookup), n=3)
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise UsageError(f"no {kind} {value!r} in the dataset{hint}")
    return found


def partners(
    dataset: Dataset,
    *,
    actor: str | None = None,
    project: str | None = None,
    top: int = 20,
    filters: Filters = NO_FILTERS,
) -> list[PartnerSuggestion]:
    """Rank the actors ``actor`` (or the owner of ``project``) should talk to and does not yet.

    Parameters
    ----------
    dataset : Dataset
    actor : str, optional
        An actor's id or name (any case).
    project : str, optional
        A project's id or name: its owner's perspective, with the project's cells added.
    top : int
        How many suggestions; 0 gives all.
    filters : Filters
        Municipality and target-group filters keep only those cells; an orientation filter keeps only
        candidates with one of those orientations.

    Returns
    -------
    list of PartnerSuggestion
        Highest score first, ties by id (ignoring case). The score is in the module's docstring.

    Raises
    ------
    UsageError
        When neither or both of ``actor`` and ``project`` are given, or one names nothing.
    """
    if (actor is None) == (project is None):
        raise UsageError("give either an actor or a project")
    excluded: set[str] = set()
    if project is not None:
        record = dataset.projects[_resolve(dataset, "project", project, dataset.projects)]
        me = record.owner
        own_cells = set(record_cells(dataset.actors[me], filters)) | set(record_cells(record, filters))
        excluded.update(record.participants)
    else:
        me = _resolve(dataset, "actor", actor or "", dataset.actors)
        own_cells = set(record_cells(dataset.actors[me], filters))
    graph = contact_graph(dataset)
    excluded.update(graph.neighbors(me))
    excluded.add(me)

    serving = [a for a in dataset.actors.values() if a.target_groups and a.municipalities]
    total = len(serving)
    group_spec = {v: specificity(n, total) for v, n in frequencies(a.target_groups for a in serving).items()}
    place_spec = {v: specificity(n, total) for v, n in frequencies(a.municipalities for a in serving).items()}

    candidates: dict[str, tuple[float, frozenset[Cell]]] = {}
    for other in dataset.actors.values():
        if other.id in excluded or not filters.record(other):
            continue
        cells = set(record_cells(other, filters))
        shared = own_cells & cells
        if not shared:
            continue
        weight = sum(group_spec.get(t, 1.0) * place_spec.get(m, 1.0) for t, m in shared)
        candidates[other.id] = (weight / math.sqrt(len(own_cells) * len(cells)), frozenset(shared))
    network = link_scores(graph, [(me, c) for c in candidates])
    rows = []
    for other_id, (context, shared_cells) in candidates.items():
        link = network[(me, other_id)]
        common = tuple(sorted((str(z) for z in link.common_neighbours), key=str.casefold))
        rows.append(
            PartnerSuggestion(
                actor=other_id,
                name=dataset.actors[other_id].name,
                score=rounded(context * (1 + link.resource_allocation)),
                context=rounded(context),
                resource_allocation=rounded(link.resource_allocation),
                adamic_adar=rounded(link.adamic_adar),
                shared_target_groups=tuple(sorted({t for t, _ in shared_cells}, key=str.casefold)),
                shared_municipalities=tuple(sorted({m for _, m in shared_cells}, key=str.casefold)),
                common_contacts=common,
                two_steps=bool(common),
            )
        )
    rows.sort(key=lambda r: (-r.score, id_key((r.actor,))))
    return rows if top == 0 else rows[:top]
