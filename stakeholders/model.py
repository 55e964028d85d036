"""The immutable, typed in-memory model of a loaded dataset and its graph.

Every reference in the model is resolved: an actor's ``municipalities`` hold
municipality ids (``*`` already expanded, remembered in ``all_municipalities``),
a project's ``owner`` is an actor id, and so on. Analyses take a
:class:`Dataset` and never see raw text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

import networkx as nx

from stakeholders.schema import OUTLOOK_SCALE, NodeKind, Outlook, RelKind, Sector, node_key

Extra = Mapping[str, str]
_NO_EXTRA: Extra = MappingProxyType({})
# A project with more participants than this links each to its owner only (a star), not every pair:
# 5,000 partners would be 12.5 million contacts, and brokers and gaps would run for hours (issue 20).
STAR_FROM = 200


@dataclass(frozen=True, slots=True)
class Municipality:
    id: str
    name: str
    region: str = ""
    population: int | None = None
    foreign_born: int | None = None
    expected_arrivals: int | None = None
    year: int | None = None
    extra: Extra = field(default_factory=lambda: _NO_EXTRA)


@dataclass(frozen=True, slots=True)
class TargetGroup:
    id: str
    name: str
    parent: str | None = None
    description: str = ""
    occupations: tuple[str, ...] = ()  # what people in the group are trained or experienced for
    extra: Extra = field(default_factory=lambda: _NO_EXTRA)


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    type: str = ""
    sector: Sector | None = None
    orientations: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    all_municipalities: bool = False
    target_groups: tuple[str, ...] = ()
    contact_name: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""
    description: str = ""
    aliases: tuple[str, ...] = ()  # other spellings of the name (references accept them like the name)
    occupations: tuple[str, ...] = ()  # what the actor prepares people for (training, validation, language)
    extra: Extra = field(default_factory=lambda: _NO_EXTRA)


@dataclass(frozen=True, slots=True)
class Project:
    id: str
    name: str
    owner: str
    partners: tuple[str, ...] = ()
    orientations: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    all_municipalities: bool = False
    start: dt.date | None = None
    end: dt.date | None = None
    budget: float | None = None
    description: str = ""
    occupations: tuple[str, ...] = ()  # what the project prepares people for
    extra: Extra = field(default_factory=lambda: _NO_EXTRA)

    @property
    def participants(self) -> tuple[str, ...]:
        """Owner first, then the partners (without repeating the owner)."""
        return (self.owner, *(p for p in self.partners if p != self.owner))


@dataclass(frozen=True, slots=True)
class TargetGroupSize:
    target_group: str
    municipality: str
    size: int
    year: int | None = None
    extra: Extra = field(default_factory=lambda: _NO_EXTRA)


@dataclass(frozen=True, slots=True)
class Cooperation:
    source: str
    target: str
    kind: str = ""
    strength: int = 1
    since: str = ""
    note: str = ""
    extra: Extra = field(default_factory=lambda: _NO_EXTRA)


@dataclass(frozen=True, slots=True)
class Funding:
    funder: str
    project: str
    amount: float | None = None
    year: int | None = None
    extra: Extra = field(default_factory=lambda: _NO_EXTRA)


@dataclass(frozen=True, slots=True)
class Occupation:
    id: str  # an SSYK 2012 code
    name: str
    parent: str | None = None
    extra: Extra = field(default_factory=lambda: _NO_EXTRA)


@dataclass(frozen=True, slots=True)
class LabourDemand:
    occupation: str
    municipality: str
    outlook: str  # "shortage", "balance", "surplus" or the forecast's "1".."5"
    openings: int | None = None
    year: int | None = None
    source: str = ""
    extra: Extra = field(default_factory=lambda: _NO_EXTRA)

    @property
    def level(self) -> Outlook:
        """The outlook as shortage, balance or surplus (a 1-5 score read by :data:`OUTLOOK_SCALE`)."""
        return OUTLOOK_SCALE[int(self.outlook)] if self.outlook.isdigit() else Outlook(self.outlook)


@dataclass(frozen=True, slots=True)
class EmployerNeed:
    employer: str  # an actor id
    occupation: str
    count: int | None = None
    requirements: tuple[str, ...] = ()
    barriers: tuple[str, ...] = ()
    date: str = ""
    source: str = ""
    extra: Extra = field(default_factory=lambda: _NO_EXTRA)


@dataclass(frozen=True, eq=False)
class Dataset:
    """A validated dataset. Mappings keep the order of the input files.

    Datasets compare by identity, so analyses can cache derived data per dataset.
    """

    name: str
    source: str
    actors: Mapping[str, Actor]
    projects: Mapping[str, Project] = field(default_factory=dict)
    municipalities: Mapping[str, Municipality] = field(default_factory=dict)
    target_groups: Mapping[str, TargetGroup] = field(default_factory=dict)
    target_group_sizes: tuple[TargetGroupSize, ...] = ()
    cooperations: tuple[Cooperation, ...] = ()
    fundings: tuple[Funding, ...] = ()
    occupations: Mapping[str, Occupation] = field(default_factory=dict)
    labour_demand: tuple[LabourDemand, ...] = ()
    employer_needs: tuple[EmployerNeed, ...] = ()
    modified: dt.date | None = None

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The dataset as a frozen NetworkX multigraph (see :func:`build_graph`)."""
        return build_graph(self)


def build_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """Build the typed graph of ``dataset``.

    Node keys come from :func:`stakeholders.schema.node_key`; every node has a
    ``kind`` (a :class:`NodeKind` value), ``id`` and the record's attributes;
    every edge has its ``kind`` (a :class:`RelKind` value) as attribute
    (parallel edges, e.g. sizes of several years, are kept). The graph is frozen: analyses must not change it.
    """
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(name=dataset.name)
    records = (
        (NodeKind.MUNICIPALITY, dataset.municipalities),
        (NodeKind.TARGET_GROUP, dataset.target_groups),
        (NodeKind.ACTOR, dataset.actors),
        (NodeKind.PROJECT, dataset.projects),
    )
    for kind, table in records:
        graph.add_nodes_from(
            (node_key(kind, record_id), node_attributes(kind, record)) for record_id, record in table.items()
        )

    def edge(rel: RelKind, kind_a: NodeKind, a: str, kind_b: NodeKind, b: str, **attrs: object):
        return node_key(kind_a, a), node_key(kind_b, b), {"kind": rel.value, **attrs}

    A, P, M, T = NodeKind.ACTOR, NodeKind.PROJECT, NodeKind.MUNICIPALITY, NodeKind.TARGET_GROUP
    edges = []
    for group in dataset.target_groups.values():
        if group.parent:
            edges.append(edge(RelKind.PART_OF, T, group.id, T, group.parent))
    for kind, table in ((A, dataset.actors), (P, dataset.projects)):
        for record in table.values():
            edges.extend(edge(RelKind.ACTIVE_IN, kind, record.id, M, m) for m in record.municipalities)
            edges.extend(edge(RelKind.TARGETS, kind, record.id, T, t) for t in record.target_groups)
    for project in dataset.projects.values():
        edges.append(edge(RelKind.OWNS, A, project.owner, P, project.id))
        edges.extend(
            edge(RelKind.PARTNER_IN, A, partner, P, project.id)
            for partner in project.partners
            if partner != project.owner
        )
    for size in dataset.target_group_sizes:
        edges.append(edge(RelKind.SIZED_IN, T, size.target_group, M, size.municipality, size=size.size, year=size.year))
    for coop in dataset.cooperations:
        edges.append(
            edge(
                RelKind.COOPERATES_WITH,
                A,
                coop.source,
                A,
                coop.target,
                cooperation_kind=coop.kind,
                strength=coop.strength,
                since=coop.since,
                note=coop.note,
            )
        )
    for funding in dataset.fundings:
        edges.append(
            edge(RelKind.FUNDS, A, funding.funder, P, funding.project, amount=funding.amount, year=funding.year)
        )
    graph.add_edges_from(edges)
    return nx.freeze(graph)


def node_attributes(kind: NodeKind, record: object) -> dict[str, object]:
    """A record's attributes as plain values, for graph nodes and exports.

    Extra (unknown) columns come last and never override the record's own attributes or ``kind``.
    """
    attributes: dict[str, object] = {"kind": kind.value}
    for name in record.__slots__:  # type: ignore[attr-defined]
        value = getattr(record, name)
        if name == "extra":
            for key, text in value.items():
                attributes.setdefault(key, text)
        elif isinstance(value, Sector):
            attributes[name] = value.value
        else:
            attributes[name] = value
    return attributes


def contact_pairs(dataset: Dataset) -> Iterator[tuple[str, str]]:
    """Every pair of actors in contact (a pair may repeat).

    Two actors have contact when a cooperation row links them (either way) or
    when both take part in one project (as owner or partner).
    """
    for cooperation in dataset.cooperations:
        yield cooperation.source, cooperation.target
    for project in dataset.projects.values():
        yield from project_contacts(project.participants)


def project_contacts(people: Sequence[str]) -> Iterator[tuple[str, str]]:
    """The contacts within one project, its owner first in ``people``: every pair, or a star around the owner.

    A project with more than :data:`STAR_FROM` participants is a programme or a network rather than a
    group of people who all meet: each participant counts as in contact with the owner only
    (:func:`star_projects` names them, and the analyses say so).
    """
    if len(people) > STAR_FROM:
        owner = people[0]
        for other in people[1:]:
            yield owner, other
        return
    for k, a in enumerate(people):
        for b in people[k + 1 :]:
            yield a, b


def star_projects(dataset: Dataset) -> list[Project]:
    """The projects whose participants are linked as a star around the owner (see :func:`project_contacts`)."""
    return [p for p in dataset.projects.values() if len(p.participants) > STAR_FROM]


def contact_graph(dataset: Dataset) -> nx.Graph:
    """The undirected contact network between actors (see :func:`contact_pairs`).

    Every actor is a node, so isolated actors are kept.
    """
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(dataset.actors)
    graph.add_edges_from(contact_pairs(dataset))
    return graph
