"""Planted findings: gaps, duplicates and uncovered cells that truly satisfy the analyses' definitions.

Every planted finding lives where the random part never goes: in the last
municipalities of the dataset (the "planted" ones) and in target groups only
the planted part uses (:data:`~stakeholders.generate.vocabulary.PLANTED_TARGET_GROUPS`).
Each actor gap, project gap, duplication group and uncovered cell gets a
(target group, municipality) cell of its own, and each sector gap a
municipality of its own, so nothing else can give them contact or overlap:

- actor gap: two actors serving the cell, no contact (every other pair an
  introducer: an actor in contact with both, distance 2);
- project gap: two concurrent projects in the cell with different
  orientations (specific and broad) and unrelated texts (so not a
  duplicate), each with owner and partner; no participant of one has
  contact with any of the other (every other pair through an introducer);
- duplication group: 2-4 projects with the same orientations in the cell,
  running together for more than a year, with similar, not identical, names
  and descriptions (:meth:`~stakeholders.generate.texts.Composer.variants`).
  Owners of even groups cooperate with each other; owners of odd groups do
  not, so every pair of their projects is also a project gap (and listed as
  one);
- sector gap: a municipality whose own public actors cooperate with each
  other and reach its employer only through a civil actor (distance 2);
- uncovered: a cell with a size above 0 that nobody serves.

Planted actors other than the gap pairs and the sector-gap public actors
serve no target group, so they add no overlap; no planted actor outside the
sector-gap municipalities is public and active in one municipality only, so
no other planted municipality is a sector gap.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from stakeholders.generate.draft import Draft, Draw, Row, contact_cells, joined
from stakeholders.generate.texts import Composer
from stakeholders.generate.vocabulary import (
    BROAD_OF_ORIENTATION,
    BROAD_ORIENTATIONS,
    COOPERATION_KINDS,
    ORIENTATIONS,
    PLANTED_TARGET_GROUPS,
)
from stakeholders.schema import ACTORS, TARGET_GROUP_SIZES, Sector

Cell = tuple[str, str]  # (target group id, municipality id)
_SIZE_YEAR = 2008
_GROUP_NAMES = dict(PLANTED_TARGET_GROUPS)


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


@dataclass(frozen=True, slots=True)
class PlantCounts:
    """How many findings of each kind to plant, and what they need."""

    actor_gaps: int
    project_gaps: int
    duplicates: int
    sector_gaps: int
    uncovered: int

    @classmethod
    def for_size(cls, actors: int, projects: int) -> PlantCounts:
        """More findings for bigger datasets (3-40 actor gaps, 2-20 of the others)."""
        return cls(
            actor_gaps=_clamp(actors // 2500, 3, 40),
            project_gaps=_clamp(projects // 2500, 2, 20),
            duplicates=_clamp(projects // 2500, 2, 20),
            sector_gaps=_clamp(actors // 10000, 2, 10),
            uncovered=_clamp(actors // 5000, 3, 20),
        )

    @property
    def cells(self) -> int:
        return self.actor_gaps + self.project_gaps + self.duplicates + self.uncovered

    @property
    def host_municipalities(self) -> int:
        """Municipalities holding the planted cells (one cell per target group and municipality)."""
        return math.ceil(self.cells / len(PLANTED_TARGET_GROUPS))

    @property
    def municipalities(self) -> int:
        return self.host_municipalities + self.sector_gaps

    @property
    def actors(self) -> int:
        return (
            sum(2 + g % 2 for g in range(self.actor_gaps))
            + sum(4 + g % 2 for g in range(self.project_gaps))
            + sum(_group_size(g) for g in range(self.duplicates))
            + sum(4 + g % 2 for g in range(self.sector_gaps))
        )

    @property
    def projects(self) -> int:
        return 2 * self.project_gaps + sum(_group_size(g) for g in range(self.duplicates))


def _group_size(g: int) -> int:
    return 2 + g % 3


@dataclass(frozen=True, slots=True)
class Planted:
    """The ids of every planted finding (``planted.json``)."""

    actor_gaps: tuple[tuple[str, str], ...]
    project_gaps: tuple[tuple[str, str], ...]
    duplicates: tuple[tuple[str, ...], ...]
    sector_gaps: tuple[str, ...]
    uncovered: tuple[Cell, ...]
    introducers: tuple[tuple[str, str, str], ...]  # (actor, actor, introducer) of actor gaps at distance 2
    municipalities: tuple[str, ...]  # the planted municipalities
    target_groups: tuple[str, ...]  # the planted target groups

    def to_json(self) -> dict[str, object]:
        return {
            "actor_gaps": [list(pair) for pair in self.actor_gaps],
            "project_gaps": [list(pair) for pair in self.project_gaps],
            "duplicates": [list(group) for group in self.duplicates],
            "sector_gaps": list(self.sector_gaps),
            "uncovered": [list(cell) for cell in self.uncovered],
            "introducers": [list(triple) for triple in self.introducers],
            "planted_municipalities": list(self.municipalities),
            "planted_target_groups": list(self.target_groups),
        }


class _Planter:
    def __init__(self, draft: Draft, draw: Draw, ids: Sequence[str], names: Sequence[str]) -> None:
        self.draft, self.draw, self.ids, self.names = draft, draw, ids, names
        self.names_by_id = dict(zip(ids, names, strict=True))
        self.sized: list[Cell] = []
        self.composer = Composer(draw)

    def actor(self, sector: Sector, kind: str, name: str, municipality: str, groups: Sequence[str] = ()) -> str:
        orientations = self.draw.some(ORIENTATIONS, 2)
        row: Row = {
            "name": name.format(m=self.names_by_id[municipality]),
            "type": kind,
            "sector": sector.value,
            "orientations": joined(orientations),
            "municipalities": municipality,
            "target_groups": joined(groups),
        }
        if self.draw.random() < 0.7:
            row.update(contact_cells(self.draw, len(self.draft.table(ACTORS)) + 1))
        return self.draft.add_actor(row)

    def texts(self, orientation: int, cell: Cell, count: int = 0, named: bool = True) -> list[tuple[str, str]]:
        """A name and description for a project of ``orientation`` in ``cell``, naming the cell or not;
        ``count`` similar ones if given."""
        group, place = _GROUP_NAMES[cell[0]].lower(), self.names_by_id[cell[1]]
        if count:
            return self.composer.variants(ORIENTATIONS[orientation], group, place, count)
        if not named:
            return [self.composer.text(ORIENTATIONS[orientation], None, None)]
        return [self.composer.text(ORIENTATIONS[orientation], group, place)]

    def project(
        self,
        owner: str,
        partners: Sequence[str],
        orientations: tuple[int, int],
        cell: Cell,
        start: dt.date,
        end: dt.date,
        text: tuple[str, str],
    ) -> str:
        """A project with a specific and a broad orientation (indexes), and its name and description."""
        group, municipality = cell
        specific, broad = orientations
        return self.draft.add_project(
            {
                "name": text[0],
                "owner": owner,
                "partners": joined(partners),
                "orientations": joined([ORIENTATIONS[specific], BROAD_ORIENTATIONS[broad]]),
                "target_groups": group,
                "municipalities": municipality,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "budget": 1000 * self.draw.between(300, 2999),
                "description": text[1],
            }
        )

    def _unrelated_texts(self, first: int, second: int, cell: Cell) -> tuple[tuple[str, str], tuple[str, str]]:
        """Texts for two projects of one cell that share at most one uncommon word.

        The first names the cell's target group and place, the second neither (as real texts often do):
        the gap is about whom and where, not about what they say they do.
        """
        p_text = self.texts(first, cell)[0]
        p_words = _words(p_text)
        q_text = self.texts(second, cell, named=False)[0]
        for _ in range(_REDRAWS):
            if len(_words(q_text) & p_words) <= 1:
                break
            q_text = self.texts(second, cell, named=False)[0]
        return p_text, q_text

    def cooperate(self, a: str, b: str) -> None:
        self.draft.cooperate(
            a, b, self.draw.pick(COOPERATION_KINDS), self.draw.between(1, 3), self.draw.between(2000, 2010)
        )

    def size(self, cell: Cell) -> None:
        self.sized.append(cell)
        self.draft.table(TARGET_GROUP_SIZES).append(
            {"target_group": cell[0], "municipality": cell[1], "size": self.draw.between(15, 400), "year": _SIZE_YEAR}
        )

    # -- the findings -------------------------------------------------------

    def actor_gap(self, g: int, cell: Cell) -> tuple[tuple[str, str], str | None]:
        group, municipality = cell
        a = self.actor(Sector.CIVIL, "ngo", "Stödföreningen {m}", municipality, [group])
        kind = (
            (Sector.PRIVATE, "employer", "{m} Omsorgsföretag AB")
            if g % 3
            else (Sector.ACADEMIC, "research", "Utvecklingscentrum {m}")
        )
        b = self.actor(*kind, municipality, [group])
        introducer = None
        if g % 2:
            introducer = self.actor(Sector.CIVIL, "association", "Nätverket för samverkan {m}", municipality)
            self.cooperate(a, introducer)
            self.cooperate(introducer, b)
        self.size(cell)
        return _pair(a, b), introducer

    def project_gap(self, g: int, cell: Cell) -> tuple[str, str]:
        municipality = cell[1]
        owner_1 = self.actor(Sector.CIVIL, "education", "Studiecirkeln {m}", municipality)
        partner_1 = self.actor(Sector.ACADEMIC, "research", "Lärcentrum {m}", municipality)
        owner_2 = self.actor(Sector.CIVIL, "ngo", "Medmänniskorna {m}", municipality)
        partner_2 = self.actor(Sector.PRIVATE, "employer", "{m} Service AB", municipality)
        if g % 2:
            introducer = self.actor(Sector.CIVIL, "association", "Föreningsrådet {m}", municipality)
            self.cooperate(partner_1, introducer)
            self.cooperate(introducer, partner_2)
        # Different specific and broad orientations, and texts of their own: a gap, not a duplicate.
        first, second = self.draw.some(range(len(ORIENTATIONS)), 2)
        broad = BROAD_OF_ORIENTATION[first]
        other = (broad + 1 + self.draw.below(len(BROAD_ORIENTATIONS) - 1)) % len(BROAD_ORIENTATIONS)
        year = 2007 + g % 4
        p_text, q_text = self._unrelated_texts(first, second, cell)
        p = self.project(
            owner_1, [partner_1], (first, broad), cell, dt.date(year, 1, 1), dt.date(year + 1, 6, 30), p_text
        )
        q = self.project(
            owner_2, [partner_2], (second, other), cell, dt.date(year, 9, 1), dt.date(year + 2, 3, 31), q_text
        )
        self.size(cell)
        return _pair(p, q)

    def duplicate_group(self, g: int, cell: Cell) -> tuple[tuple[str, ...], list[tuple[str, str]]]:
        municipality = cell[1]
        kinds = (
            (Sector.CIVIL, "ngo", "Vägledningsföreningen {m}"),
            (Sector.ACADEMIC, "research", "Kunskapsnoden {m}"),
            (Sector.PRIVATE, "employer", "{m} Utbildning AB"),
            (Sector.CIVIL, "education", "Folkbildarna {m}"),
        )
        owners = [self.actor(*kinds[k], municipality) for k in range(_group_size(g))]
        if g % 2 == 0:
            for a, b in itertools.combinations(owners, 2):
                self.cooperate(a, b)
        orientation = self.draw.below(len(ORIENTATIONS))
        orientations = (orientation, BROAD_OF_ORIENTATION[orientation])
        base = dt.date(2008 + g % 3, 2, 1)
        texts = self.texts(orientation, cell, len(owners))
        projects = [
            self.project(
                owner,
                [],
                orientations,
                cell,
                base + dt.timedelta(days=45 * k),
                base + dt.timedelta(days=45 * k + 540),
                texts[k],
            )
            for k, owner in enumerate(owners)
        ]
        self.size(cell)
        gaps = [] if g % 2 == 0 else [_pair(p, q) for p, q in itertools.combinations(projects, 2)]
        return tuple(sorted(projects)), gaps

    def sector_gap(self, g: int, municipality: str) -> None:
        group = PLANTED_TARGET_GROUPS[g % len(PLANTED_TARGET_GROUPS)][0]
        units = ("Arbetsmarknadsenheten", "Integrationsenheten", "Socialtjänsten")
        public = [
            self.actor(Sector.PUBLIC, "municipality", f"{{m}} kommun, {units[k]}", municipality, [group])
            for k in range(2 + g % 2)
        ]
        for a, b in itertools.combinations(public, 2):
            self.cooperate(a, b)
        employer = self.actor(Sector.PRIVATE, "employer", "{m} Industri AB", municipality)
        civil = self.actor(Sector.CIVIL, "ngo", "Röda Korset {m}", municipality)
        self.cooperate(public[0], civil)
        self.cooperate(civil, employer)
        self.size((group, municipality))


_REDRAWS = 50
_COMMON_WORDS = frozenset(("och", "att", "för", "med", "som", "till", "på", "av", "får", "ger", "vi", "är"))


def _words(text: tuple[str, str]) -> set[str]:
    """The words of a name and description that are not common ones, case folded."""
    words = {w.strip(".,–").casefold() for part in text for w in part.split()}
    return {w for w in words if len(w) > 2 and w not in _COMMON_WORDS}


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def plant(
    draft: Draft, draw: Draw, ids: Sequence[str], names: Sequence[str], first: int, counts: PlantCounts
) -> Planted:
    """Add the planted findings in municipalities ``ids[first:]`` and return their ids.

    Parameters
    ----------
    draft : Draft
    draw : Draw
    ids, names : sequence of str
        Every municipality's id and name, by index.
    first : int
        Index of the first planted municipality (the random part uses those before it).
    counts : PlantCounts
    """
    hosts = list(ids[first : first + counts.host_municipalities])
    sector_municipalities = list(ids[first + counts.host_municipalities : first + counts.municipalities])
    cells = [(PLANTED_TARGET_GROUPS[k // len(hosts)][0], hosts[k % len(hosts)]) for k in range(counts.cells)]
    planter = _Planter(draft, draw, ids, names)
    actor_gaps, introducers = [], []
    for g in range(counts.actor_gaps):
        pair, introducer = planter.actor_gap(g, cells.pop(0))
        actor_gaps.append(pair)
        if introducer:
            introducers.append((*pair, introducer))
    project_gaps = [planter.project_gap(g, cells.pop(0)) for g in range(counts.project_gaps)]
    duplicates = []
    for g in range(counts.duplicates):
        group, gaps = planter.duplicate_group(g, cells.pop(0))
        duplicates.append(group)
        project_gaps.extend(gaps)
    for g, municipality in enumerate(sector_municipalities):
        planter.sector_gap(g, municipality)
    uncovered = cells[: counts.uncovered]
    for cell in uncovered:
        draft.table(TARGET_GROUP_SIZES).append(
            {"target_group": cell[0], "municipality": cell[1], "size": draw.between(20, 500), "year": _SIZE_YEAR}
        )
    used_groups = dict.fromkeys([group for group, _ in planter.sized] + [group for group, _ in uncovered])
    return Planted(
        actor_gaps=tuple(actor_gaps),
        project_gaps=tuple(sorted(project_gaps)),
        duplicates=tuple(duplicates),
        sector_gaps=tuple(sector_municipalities),
        uncovered=tuple(uncovered),
        introducers=tuple(introducers),
        municipalities=tuple(hosts + sector_municipalities),
        target_groups=tuple(group for group, _ in PLANTED_TARGET_GROUPS if group in used_groups),
    )
