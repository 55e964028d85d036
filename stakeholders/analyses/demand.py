"""Demand: occupations in shortage per municipality, who fits them, who prepares for them, and the gaps.

A *shortage cell* is an (occupation, municipality) pair whose latest labour-demand row (by year; a row
without a year counts as the oldest; several rows of one year: the largest shortage wins) says
shortage (``shortage``/``brist`` or 4-5 on a forecast's 1-5 scale). For each shortage cell:

- the *fitting target groups*: the groups whose ``occupations`` list the occupation (exactly: a
  broader or narrower group does not fit in their place);
- the *preparing actors* and *projects*: those whose ``occupations`` list the occupation and that
  work in the municipality (``*`` = every municipality);
- *unprepared*: no actor and no project prepares for it there;
- the *unbridged* target groups: fitting groups that no preparing actor or project there serves
  (lists in its ``target_groups``): people with the skills, and nobody bridging them to the jobs.

A cell with a gap (unprepared, or an unbridged group) comes first; then the most openings first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from stakeholders.analyses.common import NO_FILTERS, Filters, id_key
from stakeholders.model import Actor, Dataset, LabourDemand, Project
from stakeholders.schema import OUTLOOK_SCALE, Outlook

DemandCell = tuple[str, str]  # (occupation, municipality)


@dataclass(frozen=True, slots=True)
class DemandRow:
    occupation: str
    occupation_name: str
    municipality: str
    outlook: str  # as the forecast wrote it (normalised): shortage, or 4 or 5
    openings: int | None
    target_groups: tuple[str, ...]  # fitting
    actors: tuple[str, ...]  # preparing, in the municipality
    projects: tuple[str, ...]
    unbridged_target_groups: tuple[str, ...]
    municipality_name: str = ""

    @property
    def unprepared(self) -> bool:
        return not self.actors and not self.projects

    @property
    def gap(self) -> bool:
        return self.unprepared or bool(self.unbridged_target_groups)

    @property
    def reason(self) -> str:
        place = f"{self.municipality_name} ({self.municipality})" if self.municipality_name else self.municipality
        what = f"{self.occupation_name} ({self.occupation}) in short supply in {place}"
        parts = []
        if self.unprepared:
            parts.append("nobody there prepares people for it")
        if self.unbridged_target_groups:
            groups = ", ".join(self.unbridged_target_groups)
            parts.append(f"people in {groups} have the skills and no preparing actor or project serves them")
        if not parts:
            who = [*self.actors, *self.projects]
            parts.append(f"{', '.join(who)} prepare{'s' if len(who) == 1 else ''} people for it there")
        return f"{what}: {'; '.join(parts)}"

    def to_json(self) -> dict[str, object]:
        return {
            "occupation": self.occupation,
            "occupation_name": self.occupation_name,
            "municipality": self.municipality,
            "municipality_name": self.municipality_name,
            "outlook": self.outlook,
            "openings": self.openings,
            "target_groups": list(self.target_groups),
            "actors": list(self.actors),
            "projects": list(self.projects),
            "unprepared": self.unprepared,
            "unbridged_target_groups": list(self.unbridged_target_groups),
            "gap": self.gap,
            "reason": self.reason,
        }


def demand(dataset: Dataset, *, top: int = 20, filters: Filters = NO_FILTERS) -> list[DemandRow]:
    """The shortage occupations per municipality, with who fits them and who prepares for them.

    Parameters
    ----------
    dataset : Dataset
    top : int
        How many rows to return; 0 returns all.
    filters : Filters
        Municipalities: the cells looked at; target groups: the fitting groups considered;
        orientations: the preparing actors and projects considered.

    Returns
    -------
    list of DemandRow
        Rows with a gap first, then by openings (most first), ties by occupation and municipality id.
    """
    fitting = fitting_groups(dataset, filters)
    actors = preparing(dataset.actors.values(), filters)
    projects = preparing(dataset.projects.values(), filters)
    rows = []
    for (occupation, municipality), row in shortage_cells(dataset).items():
        if filters.municipalities and municipality not in filters.municipalities:
            continue
        groups = fitting.get(occupation, ())
        ready = [dataset.actors[a] for a in actors.get((occupation, municipality), ())]
        ready_projects = [dataset.projects[p] for p in projects.get((occupation, municipality), ())]
        preparers: list[Actor | Project] = [*ready, *ready_projects]
        served = {group for record in preparers for group in record.target_groups}
        name = dataset.occupations[occupation].name if occupation in dataset.occupations else occupation
        rows.append(
            DemandRow(
                occupation,
                name,
                municipality,
                row.outlook,
                row.openings,
                groups,
                _sorted(a.id for a in ready),
                _sorted(p.id for p in ready_projects),
                tuple(group for group in groups if group not in served),
                dataset.municipalities[municipality].name if municipality in dataset.municipalities else "",
            )
        )
    rows.sort(key=lambda r: (not r.gap, -(r.openings or 0), id_key((r.occupation, r.municipality))))
    return rows if top == 0 else rows[:top]


def shortage_cells(dataset: Dataset) -> dict[DemandCell, LabourDemand]:
    """The latest labour-demand row of each (occupation, municipality) cell that says shortage."""
    latest: dict[DemandCell, tuple[tuple[int, int], LabourDemand]] = {}
    for row in dataset.labour_demand:
        key = (row.occupation, row.municipality)
        rank = (row.year if row.year is not None else -1, _shortage_rank(row))
        if key not in latest or rank > latest[key][0]:
            latest[key] = (rank, row)
    return {key: row for key, (_, row) in latest.items() if row.level is Outlook.SHORTAGE}


def _shortage_rank(row: LabourDemand) -> int:
    """How strong a shortage the row says (5 the largest; the words as 5, 3 and 1)."""
    if row.outlook.isdigit():
        return int(row.outlook)
    return {Outlook.SHORTAGE: max(OUTLOOK_SCALE), Outlook.BALANCE: 3, Outlook.SURPLUS: min(OUTLOOK_SCALE)}[row.level]


def fitting_groups(dataset: Dataset, filters: Filters = NO_FILTERS) -> dict[str, tuple[str, ...]]:
    """The target groups whose people fit each occupation (their ``occupations`` list it), sorted by id."""
    found: defaultdict[str, list[str]] = defaultdict(list)
    for group in dataset.target_groups.values():
        if filters.target_groups and group.id not in filters.target_groups:
            continue
        for occupation in group.occupations:
            found[occupation].append(group.id)
    return {occupation: _sorted(groups) for occupation, groups in found.items()}


def preparing(records: Iterable[Actor | Project], filters: Filters = NO_FILTERS) -> Mapping[DemandCell, list[str]]:
    """The ids of the records preparing for each (occupation, municipality) cell."""
    found: defaultdict[DemandCell, list[str]] = defaultdict(list)
    for record in records:
        if filters.record(record):
            for occupation in record.occupations:
                for municipality in record.municipalities:
                    found[(occupation, municipality)].append(record.id)
    return found


def _sorted(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(dict.fromkeys(ids), key=str.casefold))
