"""One readable line per analysis result, for tables, in English or Swedish (``--lang``).

The lines' words are in :data:`WORDS` (every key in both languages; tests/test_explain.py checks); names and
the analyses' own reasons (already in the language asked for) come from the data.
"""

from __future__ import annotations

from collections.abc import Iterable

from stakeholders.analyses import ActorGap, BrokerScore, CoverageCell, DuplicateGroup, ProjectGap, SectorGap
from stakeholders.model import Dataset

WORDS: dict[str, dict[str, str]] = {
    "no_contact": {"en": "{a} and {b} have no contact: {reasons}; score {score}",
                   "sv": "{a} och {b} har ingen kontakt: {reasons}; poäng {score}"},
    "unreachable": {"en": "they cannot reach each other through anyone",
                    "sv": "de når inte varandra genom någon"},
    "steps": {"en": "{n} steps apart", "sv": "{n} steg ifrån varandra"},
    "introduce": {"en": "{names} could introduce them", "sv": "{names} kan presentera dem för varandra"},
    "both_serve": {"en": "{a} and {b} both serve {groups} in {places} without contact ({reach}); score {score}",
                   "sv": "{a} och {b} når båda {groups} i {places} utan kontakt ({reach}); poäng {score}"},
    "project_gap": {
        "en": "{a} and {b} run at the same time ({when}) for {groups} in {places}, and none of their participants "
        "has contact with the other's; score {score}",
        "sv": "{a} och {b} pågår samtidigt ({when}) för {groups} i {places}, och ingen av deras deltagare har "
        "kontakt med den andras; poäng {score}",
    },
    "sector_gap": {
        "en": "{name}: its own public actors ({public}) have no contact with the employers active there ({private})",
        "sv": "{name}: dess egna offentliga aktörer ({public}) har ingen kontakt med arbetsgivarna där ({private})",
    },
    "coordinated": {"en": " (coordinated)", "sv": " (samordnade)"},
    "duplicate": {"en": "{projects}{coordinated}: {reason}; score {score}",
                  "sv": "{projects}{coordinated}: {reason}; poäng {score}"},
    "size_unknown": {"en": "size unknown", "sv": "antal okänt"},
    "people": {"en": "{n} people", "sv": "{n} personer"},
    "per_actor": {"en": ", {n} per actor", "sv": ", {n} per aktör"},
    "uncovered": {"en": "UNCOVERED: {group} in {place} ({size}): no actor or project serves them",
                  "sv": "INGEN NÅR: {group} i {place} ({size}): ingen aktör och inget projekt når dem"},
    "covered": {"en": "{group} in {place} ({size}{per}): {actors} actors, {projects} projects",
                "sv": "{group} i {place} ({size}{per}): {actors} aktörer, {projects} projekt"},
    "splits": {"en": "; the network splits without them", "sv": "; nätverket delas utan dem"},
    "constraint": {"en": ", constraint {n}", "sv": ", begränsning {n}"},
    "broker": {"en": "{name}: betweenness {betweenness}, {degree} contacts{holes}{cut}",
               "sv": "{name}: mellanhandsvärde {betweenness}, {degree} kontakter{holes}{cut}"},
    "components": {"en": "Components (actors): {sizes}; isolated actors: {isolated}; articulation points: "
                         "{articulation}; betweenness: {method}",
                   "sv": "Delnätverk (aktörer): {sizes}; isolerade aktörer: {isolated}; aktörer som håller ihop "
                         "nätverket: {articulation}; mellanhandsvärde: {method}"},
    "none": {"en": "none", "sv": "inga"},
}  # fmt: skip


class Explainer:
    """Explains results with the dataset's names, in ``lang`` ("en" or "sv")."""

    def __init__(self, dataset: Dataset, lang: str = "en") -> None:
        self.dataset = dataset
        self.lang = lang if lang in ("en", "sv") else "en"

    def _say(self, key: str, **values: object) -> str:
        return WORDS[key][self.lang].format(**values)

    def _number(self, value: float) -> str:
        """A score as the language writes it: 0.75 in English, 0,75 in Swedish."""
        text = f"{value:g}"
        return text.replace(".", ",") if self.lang == "sv" else text

    def _names(self, table: str, ids: Iterable[str]) -> str:
        records = getattr(self.dataset, table)
        return ", ".join(records[i].name if i in records else i for i in ids)

    def actor_gap(self, gap: ActorGap) -> str:
        a, b = gap.names
        score = self._number(gap.score)
        if gap.reasons:  # the analysis' own reasons: the most telling shared cell, broad actors, the distance
            return self._say("no_contact", a=a, b=b, reasons="; ".join(gap.reasons), score=score)
        if gap.distance is None:
            reach = self._say("unreachable")
        else:
            reach = self._say("steps", n=gap.distance)
            if gap.introducers:
                reach += "; " + self._say("introduce", names=self._names("actors", gap.introducers))
        groups = self._names("target_groups", gap.shared_target_groups)
        places = self._names("municipalities", gap.shared_municipalities)
        return self._say("both_serve", a=a, b=b, groups=groups, places=places, reach=reach, score=score)

    def project_gap(self, gap: ProjectGap) -> str:
        a, b = gap.names
        return self._say(
            "project_gap",
            a=a,
            b=b,
            when=f"{gap.overlap_start or '…'} – {gap.overlap_end or '…'}",
            groups=self._names("target_groups", gap.shared_target_groups),
            places=self._names("municipalities", gap.shared_municipalities),
            score=self._number(gap.score),
        )

    def sector_gap(self, gap: SectorGap) -> str:
        public, private = self._names("actors", gap.public_actors), self._names("actors", gap.private_actors)
        return self._say("sector_gap", name=gap.name, public=public, private=private)

    def duplicate(self, group: DuplicateGroup) -> str:
        coordinated = self._say("coordinated") if group.coordinated else ""
        projects = self._names("projects", group.projects)
        score = self._number(group.score)
        return self._say("duplicate", projects=projects, coordinated=coordinated, reason=group.reason, score=score)

    def coverage(self, cell: CoverageCell) -> str:
        group = self._names("target_groups", [cell.target_group])
        place = self._names("municipalities", [cell.municipality])
        size = self._say("size_unknown") if cell.size is None else self._say("people", n=cell.size)
        if cell.uncovered:
            return self._say("uncovered", group=group, place=place, size=size)
        per = self._say("per_actor", n=self._number(cell.people_per_actor)) if cell.people_per_actor is not None else ""
        actors, projects = len(cell.actors), len(cell.projects)
        return self._say("covered", group=group, place=place, size=size, per=per, actors=actors, projects=projects)

    def broker(self, row: BrokerScore) -> str:
        cut = self._say("splits") if row.articulation_point else ""
        holes = self._say("constraint", n=self._number(row.constraint)) if row.constraint is not None else ""
        return self._say(
            "broker", name=row.name, betweenness=self._number(row.betweenness), degree=row.degree, holes=holes, cut=cut
        )
