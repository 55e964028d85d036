"""What a dataset cannot show: missing contacts, target groups or dates, and what that means for the findings.

A list of operations published by a programme has projects, owners and
partners, but no record of who talks to whom, often no target groups and
sometimes no dates. The analyses still run, but their findings mean less:
without cooperation rows a "gap" is a pair nobody has recorded a contact
for, a candidate introduction rather than an observed gap. Each limitation
names the analyses it affects so that the command line, the map and the
report can say so next to them.
"""

from __future__ import annotations

from dataclasses import dataclass

from stakeholders.model import STAR_FROM, Actor, Dataset, Project, star_projects

FEW_COOPERATIONS = 0.5  # fewer cooperation rows than this per actor: contacts are mostly unknown

_TEXT = {
    "no_cooperation": {
        "en": "the dataset has no cooperation rows: who talks to whom is unknown beyond shared projects, so the "
        "gaps are candidate introductions, not observed gaps",
        "sv": "datamängden har inga samverkansrader: vem som talar med vem är okänt utöver gemensamma projekt, så "
        "luckorna är förslag på kontakter att förmedla, inte konstaterade luckor",
    },
    "few_cooperations": {
        "en": "the dataset has {rows} cooperation rows for {actors} actors: most contacts are probably unknown, so "
        "the gaps are candidate introductions rather than observed gaps",
        "sv": "datamängden har {rows} samverkansrader för {actors} aktörer: de flesta kontakter är troligen okända, "
        "så luckorna är snarare förslag på kontakter att förmedla än konstaterade luckor",
    },
    "no_target_groups": {
        "en": "the dataset has no target groups: gaps between actors and projects and coverage cannot be computed "
        "(they need who is served), and duplicated efforts are compared by orientation instead",
        "sv": "datamängden har inga målgrupper: luckor mellan aktörer och projekt och täckning kan inte beräknas "
        "(de kräver vilka som nås), och dubbla insatser jämförs i stället på inriktning",
    },
    "no_places": {
        "en": "no project names a municipality: duplicated efforts are compared without regard to place, and gaps "
        "and coverage need where actors work",
        "sv": "inget projekt anger någon kommun: dubbla insatser jämförs utan hänsyn till plats, och luckor och "
        "täckning kräver var aktörerna verkar",
    },
    "no_dates": {
        "en": "no project has a start or end date: every project is taken to run the whole time, so duplicated "
        "efforts and project gaps cannot tell parallel projects from successive ones",
        "sv": "inget projekt har start- eller slutdatum: alla projekt antas pågå hela tiden, så dubbla insatser och "
        "projektluckor kan inte skilja parallella projekt från sådana som följer på varandra",
    },
    "star_projects": {
        "en": "projects with more than {limit} participants ({projects}; the largest: {largest}): each of their "
        "participants counts as in contact with the project's owner only, not with every other participant",
        "sv": "projekt med fler än {limit} deltagare ({projects}; det största: {largest}): var och en av deras "
        "deltagare räknas ha kontakt bara med projektägaren, inte med alla andra deltagare",
    },
}
_AFFECTS = {
    "no_cooperation": ("gaps", "map", "report"),
    "few_cooperations": ("gaps", "map", "report"),
    "no_target_groups": ("gaps", "coverage", "duplicates", "map", "report"),
    "no_places": ("gaps", "coverage", "duplicates", "map", "report"),
    "no_dates": ("gaps", "duplicates", "map", "report"),
    "star_projects": ("gaps", "brokers", "map", "report"),
}


@dataclass(frozen=True, slots=True)
class Limitation:
    """One thing the dataset cannot show, with the analyses it affects."""

    code: str
    affects: tuple[str, ...]
    values: tuple[tuple[str, int | str], ...] = ()

    def text(self, lang: str = "en") -> str:
        return _TEXT[self.code][lang if lang in ("en", "sv") else "en"].format(**dict(self.values))

    def to_json(self, lang: str = "en") -> dict[str, object]:
        return {"code": self.code, "affects": list(self.affects), "message": self.text(lang)}


def data_limits(dataset: Dataset, analysis: str | None = None) -> list[Limitation]:
    """The limitations of a dataset, only those affecting ``analysis`` when one is named.

    Parameters
    ----------
    dataset : Dataset
    analysis : str, optional
        One of "gaps", "duplicates", "coverage", "brokers", "map", "report".
    """
    found: list[tuple[str, tuple[tuple[str, int | str], ...]]] = []
    actors, rows = len(dataset.actors), len(dataset.cooperations)
    if actors > 1 and rows == 0:
        found.append(("no_cooperation", ()))
    elif actors > 1 and rows < FEW_COOPERATIONS * actors:
        found.append(("few_cooperations", (("rows", rows), ("actors", actors))))
    records: tuple[Actor | Project, ...] = (*dataset.actors.values(), *dataset.projects.values())
    if records and not any(r.target_groups for r in records):
        found.append(("no_target_groups", ()))
    if dataset.projects and not any(p.municipalities for p in dataset.projects.values()):
        found.append(("no_places", ()))
    if dataset.projects and not any(p.start or p.end for p in dataset.projects.values()):
        found.append(("no_dates", ()))
    stars = star_projects(dataset)
    if stars:
        largest = max(stars, key=lambda p: len(p.participants))
        described = f"{largest.name or largest.id}, {len(largest.participants):,}"  # a name, its size
        found.append(("star_projects", (("projects", len(stars)), ("limit", STAR_FROM), ("largest", described))))
    limits = [Limitation(code, _AFFECTS[code], values) for code, values in found]
    return [limit for limit in limits if analysis is None or analysis in limit.affects]
