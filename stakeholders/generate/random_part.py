"""The random part of a generated dataset: the background the planted findings hide in.

Municipalities with lognormal populations; actors of every sector placed in
municipalities in proportion to population (a few region-wide, ``*``, and the
bodies of each county, active in all its municipalities); a cooperation
network grown by preferential attachment, mostly within a municipality (most
actors have one or two contacts, a few are hubs); projects owned by actors,
with partners from the owner's municipality and often a county body, one
broad programme orientation besides their specific ones, and names and
descriptions of their own (:mod:`stakeholders.generate.texts`); target-group
sizes and funding. It only ever uses the first ``random_count``
municipalities and the random target groups, so it cannot touch what the
planted part builds.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

import numpy as np

from stakeholders.generate.draft import Draft, Draw, Row, contact_cells, joined
from stakeholders.generate.texts import EVERYWHERE, Composer
from stakeholders.generate.vocabulary import (
    ACTOR_KINDS,
    BROAD_OF_ORIENTATION,
    BROAD_ORIENTATIONS,
    COOPERATION_KINDS,
    COUNTY_BODIES,
    FUNDERS,
    MUNICIPALITIES_PER_REGION,
    ORIENTATIONS,
    PLACE_ENDS,
    PLACE_PREFIXES,
    PLACE_STARTS,
    RANDOM_TARGET_GROUPS,
    REGION_WIDE,
    REGIONS,
    SECTOR_ORIENTATIONS,
)
from stakeholders.schema import (
    ACTORS,
    ALL_MUNICIPALITIES,
    FUNDING,
    MUNICIPALITIES,
    PROJECTS,
    TARGET_GROUP_SIZES,
    TARGET_GROUPS,
    Sector,
)

YEAR = 2008  # the year of populations and sizes
FIRST_START_YEAR, LAST_START_YEAR = 2005, 2013
_OWNER_WEIGHT = {Sector.PUBLIC: 1.0, Sector.CIVIL: 0.8, Sector.ACADEMIC: 0.6, Sector.PRIVATE: 0.15}
_TARGET_GROUP_COUNT = {Sector.PUBLIC: (1, 3), Sector.CIVIL: (1, 2), Sector.ACADEMIC: (1, 2), Sector.PRIVATE: (0, 1)}
COUNTY_PARTNER_SHARE = 0.2  # projects that get a body of their county as a partner
BROAD_SHARE = 0.7  # projects whose broad orientation is the one of their first specific orientation


@dataclass(frozen=True, slots=True)
class Area:
    """The municipalities: ids, names, regions and populations, by index."""

    ids: list[str]
    names: list[str]
    regions: list[str]
    populations: np.ndarray
    foreign_born: np.ndarray


@dataclass(slots=True)
class _Actor:
    """What the project step needs to know about a random actor."""

    id: str
    home: int  # municipality index; -1 for region-wide actors
    places: list[int]
    sector: Sector
    target_groups: list[str]
    orientations: list[str]
    funder: bool = False
    hub: float = 1.0


def add_municipalities(draft: Draft, rng: np.random.Generator, total: int) -> Area:
    """Write ``total`` municipalities with skewed (lognormal) populations."""
    populations = np.exp(rng.normal(9.6, 1.0, total)).clip(2_400, 980_000).round(-2).astype(np.int64)
    foreign_born = (populations * rng.beta(3, 17, total)).round().astype(np.int64)
    arrivals = (populations * rng.uniform(0.001, 0.006, total)).round().astype(np.int64)
    combos = len(PLACE_STARTS) * len(PLACE_ENDS)
    order = rng.permutation(combos).tolist()
    ids, names, regions = [], [], []
    for i in range(total):
        region = i // MUNICIPALITIES_PER_REGION
        combo = order[i % combos]
        name = PLACE_STARTS[combo // len(PLACE_ENDS)] + PLACE_ENDS[combo % len(PLACE_ENDS)]
        if i >= combos:
            name = f"{PLACE_PREFIXES[i // combos - 1]} {name}"
        ids.append(f"{region + 1:02d}{i % MUNICIPALITIES_PER_REGION + 1:02d}")
        names.append(name)
        regions.append(REGIONS[region] if region < len(REGIONS) else f"Län {region + 1}")
    table = draft.table(MUNICIPALITIES)
    for i in range(total):
        table.append(
            {
                "id": ids[i],
                "name": names[i],
                "region": regions[i],
                "population": int(populations[i]),
                "foreign_born": int(foreign_born[i]),
                "expected_arrivals": int(arrivals[i]),
                "year": YEAR,
            }
        )
    return Area(ids, names, regions, populations, foreign_born)


def add_target_groups(draft: Draft, planted: tuple[tuple[str, str], ...]) -> None:
    table = draft.table(TARGET_GROUPS)
    for group_id, name, parent, _ in RANDOM_TARGET_GROUPS:
        table.append({"id": group_id, "name": name, "parent": parent, "description": ""})
    for group_id, name in planted:
        table.append({"id": group_id, "name": name, "parent": "", "description": "Särskild målgrupp"})


class RandomPart:
    """Builds the random actors, cooperation, projects, sizes and funding.

    Parameters
    ----------
    draft : Draft
    rng : numpy.random.Generator
        Seeded from the dataset's seed; the only source of randomness.
    area : Area
    random_count : int
        Only municipalities ``0 .. random_count - 1`` are used.
    """

    def __init__(self, draft: Draft, rng: np.random.Generator, area: Area, random_count: int) -> None:
        self.draft, self.rng, self.area, self.count = draft, rng, area, random_count
        self.draw = Draw(rng)
        self.composer = Composer(self.draw)
        self.actors: list[_Actor] = []
        self.county_bodies: dict[int, list[int]] = {}  # county index -> actor indexes
        self.neighbours = [self._neighbours(i) for i in range(random_count)]
        weights = area.populations[:random_count].astype(float) ** 0.9
        self.place_p = weights / weights.sum()

    def _neighbours(self, i: int) -> list[int]:
        region = i // MUNICIPALITIES_PER_REGION
        return [
            j
            for j in range(max(0, i - 2), min(self.count, i + 3))
            if j != i and j // MUNICIPALITIES_PER_REGION == region
        ]

    # -- actors -------------------------------------------------------------

    def add_actors(self, n: int) -> None:
        """``n`` actors: a few region-wide ones, county bodies, funders, and local actors of every sector."""
        draw = self.draw
        region = self.area.regions[0]
        n_wide = min(max(1, round(n**0.5 / 8)), 3 * len(REGION_WIDE), n // 4)
        n_funders = min(max(2, self.count // 8 + 2), 40, n // 4)
        for k in range(n_wide):
            sector, kind, pattern = REGION_WIDE[k % len(REGION_WIDE)]
            self._actor(sector, kind, pattern.format(r=region), -1, [], hub=6.0)
        n_bodies = self._add_county_bodies(n // 8)
        for k in range(n_funders):
            if k < 3:
                places, name = [], FUNDERS[k].format(r=region)
            else:
                home = int(self.rng.choice(self.count, p=self.place_p))  # a county funder: its whole region
                region_of = home // MUNICIPALITIES_PER_REGION
                places = [j for j in range(self.count) if j // MUNICIPALITIES_PER_REGION == region_of]
                name = FUNDERS[k % len(FUNDERS)].format(r=self.area.regions[home])
            self._actor(Sector.PUBLIC, "funder", name, places[0] if places else -1, places, funder=True)
        n_local = n - n_wide - n_bodies - n_funders
        kind_p = np.array([k[3] for k in ACTOR_KINDS])
        kinds = self.rng.choice(len(ACTOR_KINDS), size=n_local, p=kind_p / kind_p.sum()).tolist()
        homes = self.rng.choice(self.count, size=n_local, p=self.place_p).tolist()
        for kind_index, home in zip(kinds, homes, strict=True):
            sector, kind, pattern, _ = ACTOR_KINDS[kind_index]
            places = [home]
            if kind != "municipality" and self.neighbours[home] and draw.random() < 0.25:
                places += draw.some(self.neighbours[home], draw.between(1, 2))
            hub = 2.5 if kind in ("agency", "business association") else 1.0
            self._actor(sector, kind, pattern.format(m=self.area.names[home]), home, places, hub=hub)

    def _add_county_bodies(self, most: int) -> int:
        """The region and the county board of each county of the random part, active in all its municipalities.

        Each lives in the county's most populous municipality. Returns how many were added (at most ``most``).
        """
        added = 0
        for county in range(-(-self.count // MUNICIPALITIES_PER_REGION)):
            places = [j for j in range(self.count) if j // MUNICIPALITIES_PER_REGION == county]
            home = max(places, key=lambda j: (int(self.area.populations[j]), -j))
            name = self.area.regions[home]
            short = name.removesuffix("s län") if name.endswith("s län") else name.removesuffix(" län")
            for sector, kind, pattern in COUNTY_BODIES:
                if added >= most:
                    return added
                self.county_bodies.setdefault(county, []).append(len(self.actors))
                self._actor(sector, kind, pattern.format(r=short, c=name), home, places, hub=4.0)
                added += 1
        return added

    def _actor(
        self,
        sector: Sector,
        kind: str,
        name: str,
        home: int,
        places: list[int],
        hub: float = 1.0,
        funder: bool = False,
    ) -> None:
        draw = self.draw
        if funder:
            groups: list[str] = []
            orientations = ["Finansiering"]
        else:
            low, high = _TARGET_GROUP_COUNT[sector]
            count = draw.between(low, high) if sector is not Sector.PRIVATE or draw.random() < 0.3 else 0
            groups = list(dict.fromkeys(_GROUP_IDS[draw.weighted(_GROUP_CUMULATIVE)] for _ in range(count)))
            preferred = SECTOR_ORIENTATIONS[sector]
            orientations = [ORIENTATIONS[i] for i in draw.some(preferred, draw.between(1, 3))]
        municipality_cell = (
            ALL_MUNICIPALITIES if home == -1 and not places else joined([self.area.ids[p] for p in places])
        )
        row: Row = {
            "name": name,
            "type": kind,
            "sector": sector.value,
            "orientations": joined(orientations),
            "municipalities": municipality_cell,
            "target_groups": joined(groups),
        }
        number = len(self.draft.table(ACTORS)) + 1
        if draw.random() < 0.7:
            row.update(contact_cells(draw, number))
        if draw.random() < 0.4:
            row["website"] = f"https://www.example.se/{number}"
        actor_id = self.draft.add_actor(row)
        self.actors.append(_Actor(actor_id, home, places, sector, groups, orientations, funder, hub))

    # -- cooperation ----------------------------------------------------------

    def add_cooperation(self) -> None:
        """Grow the network by preferential attachment, 3 links in 4 within the actor's municipality."""
        draw, draft = self.draw, self.draft
        local_ends: list[list[int]] = [[] for _ in range(self.count)]
        global_ends: list[int] = []
        wide = [i for i, a in enumerate(self.actors) if a.home == -1]
        rest = [i for i, a in enumerate(self.actors) if a.home != -1]
        order = wide + draw.some(rest, len(rest))
        for i in order:
            actor = self.actors[i]
            links = _LINKS[draw.weighted(_LINKS_CUMULATIVE)]
            for _ in range(links):
                ends = local_ends[actor.home] if actor.home >= 0 else []
                pool = ends if ends and draw.random() < 0.75 else global_ends
                if not pool:
                    break
                j = draw.pick(pool)
                if draft.cooperate(actor.id, self.actors[j].id, *self._cooperation_cells()):
                    global_ends.append(j)
                    global_ends.append(i)
                    if self.actors[j].home >= 0:
                        local_ends[self.actors[j].home].append(j)
                    if actor.home >= 0:
                        local_ends[actor.home].append(i)
            weight = max(1, round(actor.hub))
            global_ends.extend([i] * weight)
            if actor.home >= 0:
                local_ends[actor.home].extend([i] * weight)

    def _cooperation_cells(self) -> tuple[str, int, int]:
        draw = self.draw
        return draw.pick(COOPERATION_KINDS), 1 + draw.weighted(_STRENGTH_CUMULATIVE), draw.between(1998, 2010)

    def link_sectors(self) -> None:
        """Give every random municipality one public-private contact, so only planted sector gaps exist."""
        own_public: list[list[str]] = [[] for _ in range(self.count)]
        private: list[list[str]] = [[] for _ in range(self.count)]
        wide_private = [a.id for a in self.actors if a.home == -1 and not a.places and a.sector is Sector.PRIVATE]
        for actor in self.actors:
            if actor.sector is Sector.PUBLIC and len(actor.places) == 1:
                own_public[actor.places[0]].append(actor.id)
            elif actor.sector is Sector.PRIVATE:
                for place in actor.places:
                    private[place].append(actor.id)
        for m in range(self.count):
            employers = private[m] or wide_private
            if own_public[m] and employers:
                a, b = self.draw.pick(own_public[m]), self.draw.pick(employers)
                self.draft.cooperate(a, b, "praktikavtal", 2, self.draw.between(2000, 2010))

    # -- projects -------------------------------------------------------------

    def add_projects(self, n: int) -> None:
        """``n`` projects with owners, partners from the owner's area, periods, budgets and funding."""
        if n <= 0:
            return
        draw, rng, area = self.draw, self.rng, self.area
        weights = np.array([0.0 if a.funder else _OWNER_WEIGHT[a.sector] * a.hub for a in self.actors])
        owners = rng.choice(len(self.actors), size=n, p=weights / weights.sum()).tolist()
        fallback_homes = rng.choice(self.count, size=n, p=self.place_p).tolist()
        partner_counts = np.minimum(rng.poisson(1.3, n), 6).tolist()
        budgets = (np.exp(rng.normal(np.log(1.5e6), 0.9, n)).clip(50_000, 60e6).round(-3)).astype(np.int64).tolist()
        active: list[list[int]] = [[] for _ in range(self.count)]
        for i, actor in enumerate(self.actors):
            if not actor.funder:
                for place in actor.places:
                    active[place].append(i)
        wide = [i for i, a in enumerate(self.actors) if a.home == -1 and not a.funder]
        funders_wide = [a.id for a in self.actors if a.funder and not a.places]
        funders_local: dict[str, list[str]] = {}
        for a in self.actors:
            if a.funder and a.places:
                funders_local.setdefault(area.regions[a.home], []).append(a.id)
        about: list[str] = []  # the first orientation, target group and place of each project, for its text
        whom: list[str] = []
        where: list[str] = []
        for k in range(n):
            owner = self.actors[owners[k]]
            home = owner.home if owner.home >= 0 else fallback_homes[k]
            if owner.home == -1 and draw.random() < 0.35:
                municipality_cell = ALL_MUNICIPALITIES
            else:
                places = [home]
                if self.neighbours[home] and draw.random() < 0.25:
                    places += draw.some(self.neighbours[home], draw.between(1, 2))
                municipality_cell = joined([area.ids[p] for p in places])
            partners = self._partners(owners[k], active[home], wide, partner_counts[k])
            bodies = self.county_bodies.get(home // MUNICIPALITIES_PER_REGION)
            if bodies and draw.random() < COUNTY_PARTNER_SHARE:
                body = draw.pick(bodies)
                if body != owners[k] and self.actors[body].id not in partners:
                    partners.append(self.actors[body].id)
            groups = draw.some(owner.target_groups, draw.between(1, 2))
            if not groups:
                groups = [_GROUP_IDS[draw.weighted(_GROUP_CUMULATIVE)]]
            orientations = draw.some(owner.orientations, draw.between(1, 2))
            first = _ORIENTATION_INDEX[orientations[0]]
            broad = BROAD_OF_ORIENTATION[first] if draw.random() < BROAD_SHARE else draw.below(len(BROAD_ORIENTATIONS))
            start, end = self._period()
            budget = budgets[k]
            about.append(orientations[0])
            whom.append(_GROUP_TEXTS[groups[0]])
            where.append(EVERYWHERE if municipality_cell == ALL_MUNICIPALITIES else area.names[home])
            project_id = self.draft.add_project(
                {
                    "name": "",
                    "owner": owner.id,
                    "partners": joined(partners),
                    "orientations": joined([*orientations, BROAD_ORIENTATIONS[broad]]),
                    "target_groups": joined(groups),
                    "municipalities": municipality_cell,
                    "start": start.isoformat(),
                    "end": end.isoformat() if end else "",
                    "budget": budget,
                    "description": "",
                }
            )
            funders = funders_local.get(area.regions[home], []) + funders_wide
            if funders and draw.random() < 0.75:
                for funder in draw.some(funders, 1 if draw.random() < 0.8 else 2):
                    amount = int(round(budget * (0.2 + 0.4 * draw.random()), -3))
                    self.draft.table(FUNDING).append(
                        {"funder": funder, "project": project_id, "amount": amount, "year": start.year}
                    )
        rows = self.draft.table(PROJECTS)[-n:]
        for row, (name, description) in zip(rows, self.composer.many(rng, about, whom, where), strict=True):
            row["name"], row["description"] = name, description

    def _partners(self, owner: int, local: list[int], wide: list[int], count: int) -> list[str]:
        draw = self.draw
        chosen: dict[int, None] = {}
        for _ in range(count * 2):
            if len(chosen) >= count:
                break
            pool = wide if wide and (not local or draw.random() < 0.1) else local
            if not pool:
                break
            candidate = draw.pick(pool)
            if candidate != owner:
                chosen[candidate] = None
        return [self.actors[i].id for i in chosen]

    def _period(self) -> tuple[dt.date, dt.date | None]:
        draw = self.draw
        year, month = draw.between(FIRST_START_YEAR, LAST_START_YEAR), draw.between(1, 12)
        start = dt.date(year, month, 15 if draw.random() < 0.3 else 1)
        if draw.random() < 0.005:
            return start, None  # an open end
        following = month - 1 + draw.between(6, 36)  # index of the month after the last one
        return start, dt.date(year + following // 12, following % 12 + 1, 1) - dt.timedelta(days=1)

    # -- sizes ----------------------------------------------------------------

    def add_sizes(self) -> None:
        """A size per random target group and random municipality (``utrikes-fodda`` = foreign-born)."""
        shares = np.array([share for *_, share in RANDOM_TARGET_GROUPS])
        noise = np.exp(self.rng.normal(0.0, 0.35, (self.count, len(RANDOM_TARGET_GROUPS))))
        sizes = (self.area.populations[: self.count, None] * shares[None, :] * noise).round().astype(np.int64)
        sizes[:, 0] = self.area.foreign_born[: self.count]
        table = self.draft.table(TARGET_GROUP_SIZES)
        for m in range(self.count):
            municipality, row = self.area.ids[m], sizes[m].tolist()
            for g, (group_id, *_) in enumerate(RANDOM_TARGET_GROUPS):
                table.append({"target_group": group_id, "municipality": municipality, "size": row[g], "year": YEAR})


_GROUP_IDS = [group_id for group_id, *_ in RANDOM_TARGET_GROUPS]
_GROUP_CUMULATIVE = list(itertools.accumulate(max(share, 0.01) for *_, share in RANDOM_TARGET_GROUPS))
_LINKS = (0, 1, 2, 3, 5)  # new cooperation links per actor, with these weights:
_LINKS_CUMULATIVE = list(itertools.accumulate((20, 45, 22, 10, 3)))
_STRENGTH_CUMULATIVE = list(itertools.accumulate((5, 3, 2)))  # strengths 1, 2, 3
_GROUP_TEXTS = {group_id: name.lower() for group_id, name, *_ in RANDOM_TARGET_GROUPS}
_ORIENTATION_INDEX = {name: k for k, name in enumerate(ORIENTATIONS)}
