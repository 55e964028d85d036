"""Tooltip texts of nodes and edges: plain text with line breaks, never markup.

vis-network 9 shows a string ``title`` as text, so nothing here is HTML;
the page still escapes the JSON it embeds (see :mod:`stakeholders.map.page`).
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from collections.abc import Iterable, Mapping

from stakeholders.analyses import ActorGap, DuplicateGroup
from stakeholders.exports.common import remove_email_addresses
from stakeholders.map.i18n import Texts
from stakeholders.map.select import DUPLICATE, GAP, DrawnEdge, DrawnNode
from stakeholders.model import Actor, Dataset, Municipality, Project, TargetGroup
from stakeholders.schema import NodeKind

DESCRIPTION_LIMIT = 200  # characters of a description in a tooltip (about three lines of it)
SEPARATOR = " · "


def redact(text: str, personal_data: bool) -> str:
    """Free text as shown; without personal data, e-mail addresses in it are removed too."""
    return text if personal_data else remove_email_addresses(text)


LIST_LIMIT = 12  # names shown of a list in a tooltip


def _short(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_FUNDERS: weakref.WeakKeyDictionary[Dataset, Mapping[str, list[str]]] = weakref.WeakKeyDictionary()


def _funders(dataset: Dataset) -> Mapping[str, list[str]]:
    """Each project's funders, once per dataset (a report draws a map per municipality)."""
    if dataset not in _FUNDERS:
        funders: dict[str, list[str]] = defaultdict(list)
        for funding in dataset.fundings:
            funders[funding.project].append(funding.funder)
        _FUNDERS[dataset] = dict(funders)
    return _FUNDERS[dataset]


class Tooltips:
    """Builds the tooltip of every node and edge of one dataset, in one language."""

    def __init__(self, dataset: Dataset, words: Texts, personal_data: bool) -> None:
        self.dataset = dataset
        self.words = words
        self.personal_data = personal_data
        self.funders = _funders(dataset)

    # -- helpers -------------------------------------------------------------------------------------------------
    def _names(self, table: Mapping[str, object], ids: Iterable[str]) -> str:
        """The names, the first :data:`LIST_LIMIT` of a long list and how many more (a region-wide body's
        hundred municipalities would fill the screen, and every map of a report that draws it)."""
        names = [getattr(table[i], "name", i) if i in table else i for i in ids]
        if len(names) <= LIST_LIMIT:
            return ", ".join(names)
        more = self.words.format("tip.more", count=self.words.number(len(names) - LIST_LIMIT))
        return ", ".join(names[:LIST_LIMIT]) + " " + more

    def _line(self, *parts: tuple[str, object]) -> str:
        shown = [f"{self.words[f'tip.{label}']}: {value}" for label, value in parts if value not in (None, "", ())]
        return SEPARATOR.join(shown)

    def _text(self, value: str) -> str:
        return _short(redact(value, self.personal_data))

    def _places(self, record: Actor | Project) -> str:
        if record.all_municipalities:
            return self.words["tip.all_municipalities"]
        return self._names(self.dataset.municipalities, record.municipalities)

    # -- nodes ---------------------------------------------------------------------------------------------------
    def node(self, node: DrawnNode, metrics: Mapping[str, object]) -> str:
        """The tooltip of a drawn node; ``metrics`` are extra "label: value" lines (degree, betweenness)."""
        kind = node.kind
        if kind is NodeKind.ACTOR:
            lines = self._actor(self.dataset.actors[node.record_id])
        elif kind is NodeKind.PROJECT:
            lines = self._project(self.dataset.projects[node.record_id])
        elif kind is NodeKind.MUNICIPALITY:
            lines = self._municipality(self.dataset.municipalities[node.record_id])
        else:
            lines = self._target_group(self.dataset.target_groups[node.record_id])
        lines.append(self._line(*((label, value) for label, value in metrics.items())))
        if node.outside:
            lines.append(self.words["tip.outside"])
        return "\n".join(line for line in lines if line)

    def _actor(self, actor: Actor) -> list[str]:
        words = self.words
        lines = [
            actor.name,
            self._line(
                ("kind", words.kind(NodeKind.ACTOR)),
                ("type", actor.type),
                ("sector", words.sector(actor.sector) if actor.sector else ""),
            ),
            self._line(("orientations", ", ".join(actor.orientations))),
            self._line(("municipalities", self._places(actor))),
            self._line(("target_groups", self._names(self.dataset.target_groups, actor.target_groups))),
        ]
        if self.personal_data:
            lines.append(self._line(("contact", actor.contact_name), ("email", actor.email), ("phone", actor.phone)))
        lines.append(self._line(("website", actor.website)))
        lines.append(self._line(("description", self._text(actor.description))))
        return lines

    def _project(self, project: Project) -> list[str]:
        words = self.words
        start = project.start.isoformat() if project.start else "…"
        end = project.end.isoformat() if project.end else "…"
        period = "" if project.start is None and project.end is None else f"{start} – {end}"
        budget = words.number(project.budget) if project.budget is not None else ""
        actors = self.dataset.actors
        partners = [p for p in project.partners if p != project.owner]
        return [
            project.name,
            self._line(("kind", words.kind(NodeKind.PROJECT)), ("period", period), ("budget", budget)),
            self._line(("owner", self._names(actors, [project.owner]))),
            self._line(("partners", self._names(actors, partners))),
            self._line(("funders", self._names(actors, dict.fromkeys(self.funders.get(project.id, ()))))),
            self._line(("orientations", ", ".join(project.orientations))),
            self._line(("target_groups", self._names(self.dataset.target_groups, project.target_groups))),
            self._line(("municipalities", self._places(project))),
            self._line(("description", self._text(project.description))),
        ]

    def _municipality(self, municipality: Municipality) -> list[str]:
        number = self.words.number
        return [
            municipality.name,
            self._line(("kind", self.words.kind(NodeKind.MUNICIPALITY)), ("region", municipality.region)),
            self._line(
                ("population", number(municipality.population) if municipality.population is not None else ""),
                ("foreign_born", number(municipality.foreign_born) if municipality.foreign_born is not None else ""),
                (
                    "expected_arrivals",
                    number(municipality.expected_arrivals) if municipality.expected_arrivals is not None else "",
                ),
                ("year", municipality.year),
            ),
        ]

    def _target_group(self, group: TargetGroup) -> list[str]:
        parent = self._names(self.dataset.target_groups, [group.parent]) if group.parent else ""
        return [
            group.name,
            self._line(("kind", self.words.kind(NodeKind.TARGET_GROUP)), ("parent", parent)),
            self._line(("description", self._text(group.description))),
        ]

    # -- edges ---------------------------------------------------------------------------------------------------
    def edge(self, edge: DrawnEdge, names: Mapping[str, str]) -> str:
        """The tooltip of a drawn edge; ``names`` maps node keys to names."""
        if edge.kind == GAP:
            return self.gap(edge.reason)  # type: ignore[arg-type]
        if edge.kind == DUPLICATE:
            return self.duplicate(edge.reason)  # type: ignore[arg-type]
        lines = [f"{names[edge.source]} — {self.words.relation(edge.kind)} — {names[edge.target]}"]
        for attributes in edge.attributes:
            amount = attributes.get("amount")
            lines.append(
                self._line(
                    ("type", attributes.get("cooperation_kind") or ""),
                    ("strength", attributes.get("strength") or ""),
                    ("since", attributes.get("since") or ""),
                    ("amount", self.words.number(amount) if isinstance(amount, int | float) and amount else ""),
                    ("year", attributes.get("year") or ""),
                    ("note", self._text(str(attributes.get("note") or ""))),
                )
            )
        return "\n".join(line for line in lines if line)

    def gap(self, gap: ActorGap) -> str:
        words = self.words
        if gap.distance is None:
            reach = words["gap.unreachable"]
        elif gap.introducers:
            reach = words.format(
                "gap.introducers", distance=gap.distance, names=self._names(self.dataset.actors, gap.introducers)
            )
        else:
            reach = words.format("gap.distance", distance=gap.distance)
        return words.format(
            "gap",
            a=gap.names[0],
            b=gap.names[1],
            target_groups=self._names(self.dataset.target_groups, gap.shared_target_groups),
            municipalities=self._names(self.dataset.municipalities, gap.shared_municipalities),
            reach=reach,
            score=f"{gap.score:g}",
        )

    def duplicate(self, group: DuplicateGroup) -> str:
        words = self.words
        period = f"{group.overlap_start or '…'} – {group.overlap_end or '…'}"
        return words.format(
            "duplicate",
            projects=", ".join(group.names),
            orientations=", ".join(group.shared_orientations),
            target_groups=self._names(self.dataset.target_groups, group.shared_target_groups),
            municipalities=self._names(self.dataset.municipalities, group.shared_municipalities),
            period=period,
            contact=words["duplicate.contact" if group.owners_in_contact else "duplicate.no_contact"],
            score=f"{group.score:g}",
        )
