"""The map of one proposal for joint work: its team, what the team would answer, and the ties among them.

A proposal (:mod:`stakeholders.analyses.proposals`) names its members and its
need. Its map draws:

- every member (actors; the convener among them);
- what the proposal answers: a forum's parallel projects, a consortium's
  target group and municipality, an introducer's gaps (as dashed gap lines
  between the actors to be introduced);
- every relation of the dataset between these nodes (cooperation, owner and
  partner, serves, works in, funds), so the map shows which ties exist and,
  by their absence, which the proposal would make.

Nothing else is drawn: no neighbour of a member that is not in the proposal.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

from stakeholders.analyses import ActorGap
from stakeholders.analyses.proposals import Proposal, declared_date, default_as_of, proposals
from stakeholders.errors import UsageError
from stakeholders.map.select import GAP, DrawnEdge, DrawnGraph, DrawnNode, _layers, _tables
from stakeholders.model import Dataset
from stakeholders.schema import NodeKind, RelKind, node_key

TEAM_RELATIONS = frozenset(rel.value for rel in RelKind)
_ALL_KINDS = frozenset(NodeKind)


def find_proposal(dataset: Dataset, proposal_id: str, known: Iterable[Proposal] | None, lang: str) -> Proposal:
    """The proposal with this id, from ``known`` or else from :func:`~stakeholders.analyses.proposals.proposals`
    of the dataset as of its own date (its dataset.toml's, else its latest project start), as ``stakeholders
    propose`` gives them.

    Raises
    ------
    UsageError
        For an id that no proposal has, with the closest ids.
    """
    if known is None:
        declared = declared_date(dataset.source) if dataset.source else None  # dataset.toml's date, as propose reads it
        known = proposals(dataset, as_of=default_as_of(dataset, declared), lang=lang)
    found = list(known)
    for proposal in found:
        if proposal.id == proposal_id:
            return proposal
    ids = [p.id for p in found]
    close = difflib.get_close_matches(proposal_id, ids, n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
    listed = ", ".join(ids[:10]) + (", ..." if len(ids) > 10 else "") if ids else "none"
    raise UsageError(
        f"no proposal {proposal_id!r} in the dataset{hint} (proposals: {listed}; `stakeholders propose` lists them)"
    )


def select_team(dataset: Dataset, proposal: Proposal) -> DrawnGraph:
    """The nodes and edges of a proposal's map (see the module's docstring), in the dataset's order."""
    chosen: dict[NodeKind, set[str]] = {kind: set() for kind in NodeKind}
    chosen[NodeKind.ACTOR].update(m.actor for m in proposal.members if m.actor in dataset.actors)
    need = proposal.need
    chosen[NodeKind.PROJECT].update(p for p in _texts(need.get("projects")) if p in dataset.projects)
    group, place = need.get("target_group"), need.get("municipality")
    if isinstance(group, str) and group in dataset.target_groups:
        chosen[NodeKind.TARGET_GROUP].add(group)
    if isinstance(place, str) and place in dataset.municipalities:
        chosen[NodeKind.MUNICIPALITY].add(place)
    gaps = _gaps(dataset, need.get("gaps"), proposal)
    for gap in gaps:
        chosen[NodeKind.ACTOR].update(gap.actors)
    layers = _layers(dataset, _ALL_KINDS, TEAM_RELATIONS)
    nodes: dict[str, DrawnNode] = {}
    for kind, table in _tables(dataset):
        for rid in table:
            if rid in chosen[kind]:
                key = node_key(kind, rid)
                nodes[key] = DrawnNode(key, kind, rid, layers.nodes[key].name)
    edges = layers.between(nodes)
    edges += [
        DrawnEdge(node_key(NodeKind.ACTOR, gap.actors[0]), node_key(NodeKind.ACTOR, gap.actors[1]), GAP, reason=gap)
        for gap in gaps
    ]
    return DrawnGraph(nodes, edges, None, gaps=gaps)


def _texts(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list | tuple) else []


def _gaps(dataset: Dataset, value: object, proposal: Proposal) -> list[ActorGap]:
    """An introducer's gaps (the need's rows) as gaps to draw, the introducer named as who can introduce."""
    convener = tuple(m.actor for m in proposal.members if m.role == "convener")
    gaps = []
    for row in value if isinstance(value, list | tuple) else ():
        if not isinstance(row, Mapping):
            continue
        actors = _texts(row.get("actors"))
        if len(actors) != 2 or not all(a in dataset.actors for a in actors):
            continue
        score = row.get("score")
        gaps.append(
            ActorGap(
                actors=(actors[0], actors[1]),
                names=(dataset.actors[actors[0]].name, dataset.actors[actors[1]].name),
                score=float(score) if isinstance(score, int | float) else 0.0,
                shared_target_groups=tuple(_texts(row.get("shared_target_groups"))),
                shared_municipalities=tuple(_texts(row.get("shared_municipalities"))),
                distance=None,
                introducers=convener,
            )
        )
    return gaps
