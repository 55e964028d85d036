"""What every kind of proposal shares: its records, its texts in English and Swedish, the context it is read in.

See :mod:`stakeholders.analyses.proposals` for the kinds of proposal and their scores.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from stakeholders.analyses.brokers import brokers
from stakeholders.analyses.contacts import ContactNetwork, contact_network
from stakeholders.model import Dataset, Project

_TEXT = {
    "en": {
        "forum": "Forum for parallel projects: {names}",
        "consortium": "Consortium for {group} in {place}",
        "introductions": "Introductions by {name}",
        "owner": "owns {project}",
        "partner": "partner in {project}",
        "side_by_side": "side by side with {others}",
        "nearby": "serves {group} in {places} (same region{region})",
        "nearby_project": "serves {group} in {places} through {project} (same region{region})",
        "local": "works in {place}; {orientations} as {count} of {total} serving {group}",
        "employer": "employer side (sector private) in {place}",
        "public": "public actor of {place}",
        "public_wide": "public actor working in {place}",
        "convener": "in contact with {count} of the {total} team members ({names})",
        "convener_none": "nobody has contact with the team; the member best placed between others (betweenness {b})",
        "introducer": "in contact with both sides of {count} gap(s)",
        "introduced": "to meet {other}: {why}",
        "uncovered": "uncovered",
        "under_served": "under-served",
        "need_forum": "projects {projects}, side by side {start} to {end} ({months} months)",
        "need_consortium": "{state}: {group} in {place}, {size} people",
        "need_gap": "{a} and {b}",
        "open": "open",
    },
    "sv": {
        "forum": "Forum för parallella projekt: {names}",
        "consortium": "Konsortium för {group} i {place}",
        "introductions": "Kontakter att förmedla genom {name}",
        "owner": "äger {project}",
        "partner": "partner i {project}",
        "side_by_side": "parallellt med {others}",
        "nearby": "når {group} i {places} (samma region{region})",
        "nearby_project": "når {group} i {places} genom {project} (samma region{region})",
        "local": "verkar i {place}; {orientations} som {count} av {total} som når {group}",
        "employer": "arbetsgivarsidan (privat sektor) i {place}",
        "public": "offentlig aktör i {place}",
        "public_wide": "offentlig aktör som verkar i {place}",
        "convener": "har kontakt med {count} av de {total} i teamet ({names})",
        "convener_none": "ingen har kontakt med teamet; den medlem som bäst förbinder andra (mellanhandsvärde {b})",
        "introducer": "har kontakt med båda sidor av {count} lucka/luckor",
        "introduced": "att träffa {other}: {why}",
        "uncovered": "ingen når",
        "under_served": "för få når",
        "need_forum": "projekten {projects}, parallellt {start} till {end} ({months} månader)",
        "need_consortium": "{state}: {group} i {place}, {size} personer",
        "need_gap": "{a} och {b}",
        "open": "öppet",
    },
}


def _t(lang: str, key: str, **values: object) -> str:
    return _TEXT[lang if lang in _TEXT else "en"][key].format(**values)


@dataclass(frozen=True, slots=True)
class Member:
    """One actor of a proposal, with its role and why it is there."""

    actor: str
    name: str
    role: str  # owner, partner, nearby, local, employer, public, convener, introduced
    reason: str

    def to_json(self) -> dict[str, object]:
        return {"actor": self.actor, "name": self.name, "role": self.role, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Proposal:
    """A proposal for joint work: who, why, for which finding (``need``), how urgent (``score``)."""

    id: str
    kind: str  # forum, consortium, introductions
    title: str
    members: tuple[Member, ...]
    need: Mapping[str, object]
    score: float
    need_text: str = ""
    as_of: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "members": [m.to_json() for m in self.members],
            "need": dict(self.need),
            "need_text": self.need_text,
            "score": self.score,
            "as_of": self.as_of,
        }


def running(project: Project, as_of: dt.date | None) -> bool:
    """The project has not ended before ``as_of`` (one that has not started yet counts)."""
    return as_of is None or project.end is None or project.end >= as_of


class ProposalContext:
    """What every kind of proposal needs: names, the contact network, betweenness, the date."""

    def __init__(self, dataset: Dataset, as_of: dt.date | None, lang: str) -> None:
        self.dataset = dataset
        self.as_of = as_of
        self.lang = lang if lang in _TEXT else "en"
        self.network: ContactNetwork = contact_network(dataset)
        self._betweenness: dict[str, float] | None = None

    @property
    def as_of_text(self) -> str | None:
        return self.as_of.isoformat() if self.as_of else None

    def betweenness(self, actor: str) -> float:
        if self._betweenness is None:
            report = brokers(self.dataset, top=0)
            self._betweenness = {row.actor: row.betweenness for row in report.brokers}
        return self._betweenness.get(actor, 0.0)

    def name(self, actor: str) -> str:
        record = self.dataset.actors.get(actor)
        return record.name if record else actor

    def place(self, municipality: str) -> str:
        record = self.dataset.municipalities.get(municipality)
        return record.name if record else municipality

    def group(self, target_group: str) -> str:
        record = self.dataset.target_groups.get(target_group)
        return record.name if record else target_group

    def project_name(self, project: str) -> str:
        record = self.dataset.projects.get(project)
        return record.name if record else project

    def t(self, key: str, **values: object) -> str:
        return _t(self.lang, key, **values)
