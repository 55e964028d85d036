"""Consortia for unserved needs: a team for each uncovered or under-served cell, and who could convene it.

The definitions (need, completeness, the four roles, the convener) are in
:mod:`stakeholders.analyses.proposals` and docs/proposals.md.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass

from stakeholders.analyses.common import (
    NO_FILTERS,
    Filters,
    cell_weight,
    id_key,
    rounded,
)
from stakeholders.analyses.coverage import coverage
from stakeholders.analyses.proposal_parts import Member, Proposal, ProposalContext, running
from stakeholders.model import Actor, Dataset, Project
from stakeholders.schema import Sector

ROLES = ("nearby", "local", "employer", "public")  # the four roles of a consortium's completeness
UNDER_SERVED_FACTOR = 2.0  # people per server at least this times the median: under-served
UNDER_SERVED_NEED = 0.5  # an under-served cell's need, relative to an uncovered one of its size
NEARBY, LOCAL = 3, 3  # how many nearby and local actors a consortium takes at most
_UNCOVERED_FIRST = 1e9  # added to an uncovered cell's rank (never to its score)


@dataclass
class Cell:
    """A target group x municipality cell in need, with who serves it at the date (actors, running projects)."""

    target_group: str
    municipality: str
    size: int
    uncovered: bool
    actors: tuple[str, ...]
    running: tuple[str, ...]
    ended: tuple[str, ...]


def needs(dataset: Dataset, as_of: dt.date | None, filters: Filters = NO_FILTERS) -> list[Cell]:
    """The uncovered and under-served cells at ``as_of`` (module docstring), uncovered first, largest first."""
    rows = []
    for cell in coverage(dataset, top=0, filters=filters):
        if not cell.size:
            continue
        live = tuple(p for p in cell.projects if running(dataset.projects[p], as_of))
        ended = tuple(p for p in cell.projects if p not in live)
        rows.append((cell, cell.size, live, ended))
    ratios = [size / (len(cell.actors) + len(live)) for cell, size, live, _ in rows if cell.actors or live]
    median = statistics.median(ratios) if ratios else 0.0
    found = []
    for cell, size, live, ended in rows:
        servers = len(cell.actors) + len(live)
        uncovered = servers == 0
        under = not uncovered and (not cell.actors or size / servers >= UNDER_SERVED_FACTOR * median)
        if uncovered or under:
            found.append(Cell(cell.target_group, cell.municipality, size, uncovered, cell.actors, live, ended))
    found.sort(key=lambda c: (not c.uncovered, -c.size, id_key((c.target_group, c.municipality))))
    return found


def consortia(context: ProposalContext, filters: Filters) -> list[tuple[float, tuple[str, ...], Proposal]]:
    dataset = context.dataset
    live_projects = [p for p in dataset.projects.values() if running(p, context.as_of)]
    found = []
    for cell in needs(dataset, context.as_of, filters):
        proposal = _consortium(context, cell, live_projects)
        if proposal is not None:
            # Uncovered cells first: the rank key's score is lifted above every under-served one.
            rank = proposal.score + (_UNCOVERED_FIRST if cell.uncovered else 0.0)
            found.append((rank, id_key((cell.target_group, cell.municipality)), proposal))
    return found


def _region_places(dataset: Dataset, municipality: str) -> list[str]:
    """The other municipalities of the municipality's region (every other one when it has no region)."""
    own = dataset.municipalities.get(municipality)
    region = own.region if own else ""
    others = [m for m in dataset.municipalities if m != municipality]
    if not region:
        return others
    return [m for m in others if dataset.municipalities[m].region == region]


def _consortium(context: ProposalContext, cell: Cell, live_projects: list[Project]) -> Proposal | None:
    dataset, t = context.dataset, context.t
    group, place = cell.target_group, cell.municipality
    actors = dataset.actors
    region_places = set(_region_places(dataset, place))
    region = dataset.municipalities[place].region if place in dataset.municipalities else ""
    region_text = f", {region}" if region else ""
    chosen: dict[str, tuple[str, str]] = {}  # actor -> (role, reason)

    # Who serves the target group, and with which orientations (for the local actors' fit).
    serving_records: list[Actor | Project] = [a for a in actors.values() if group in a.target_groups]
    serving_records += [p for p in live_projects if group in p.target_groups]
    orientation_count = Counter(o for r in serving_records for o in set(r.orientations))
    total = len(serving_records)

    def fit(actor: Actor) -> float:
        return sum(orientation_count[o] / total for o in set(actor.orientations)) if total else 0.0

    def degree(actor_id: str) -> int:
        return len(context.network.neighbours[context.network.index[actor_id]])

    local_here = [a for a in actors.values() if place in a.municipalities]

    # public: an own public actor of the municipality first, then any public actor working there.
    public = [a for a in local_here if a.sector is Sector.PUBLIC]
    if public:
        best = min(
            public,
            key=lambda a: (tuple(a.municipalities) != (place,), -fit(a), len(a.municipalities), -degree(a.id), a.id),
        )
        key = "public" if tuple(best.municipalities) == (place,) else "public_wide"
        chosen[best.id] = ("public", t(key, place=context.place(place)))
    # employer: a private actor working there, the most fitting and local first.
    private = [a for a in local_here if a.sector is Sector.PRIVATE]
    if private:
        best = min(private, key=lambda a: (-fit(a), len(a.municipalities), -degree(a.id), a.id.casefold()))
        chosen[best.id] = ("employer", t("employer", place=context.place(place)))

    # nearby: serving the group in other municipalities of the region (own record or a running project).
    nearby: dict[str, set[str]] = defaultdict(set)
    through: dict[str, str] = {}
    for actor in actors.values():
        if group in actor.target_groups:
            nearby[actor.id].update(m for m in actor.municipalities if m in region_places)
    for project in live_projects:
        if group in project.target_groups:
            places = {m for m in project.municipalities if m in region_places}
            if places:
                for participant in project.participants:
                    if not nearby.get(participant):
                        through.setdefault(participant, project.id)
                    nearby[participant].update(places)
    nearby_ranked = sorted(
        (a for a, places in nearby.items() if places and a not in chosen),
        key=lambda a: (-len(nearby[a]) / math.sqrt(max(1, _cells(actors[a]))), a.casefold()),
    )
    for actor_id in nearby_ranked[:NEARBY]:
        ordered = sorted(nearby[actor_id], key=lambda m: context.place(m).casefold())
        shown = ", ".join(context.place(m) for m in ordered[:3]) + (f" +{len(ordered) - 3}" if len(ordered) > 3 else "")
        if actor_id in through and group not in actors[actor_id].target_groups:
            reason = t(
                "nearby_project",
                group=context.group(group),
                places=shown,
                project=context.project_name(through[actor_id]),
                region=region_text,
            )
        else:
            reason = t("nearby", group=context.group(group), places=shown, region=region_text)
        chosen[actor_id] = ("nearby", reason)

    # local: working in the municipality with an orientation that fits the group.
    local_ranked = sorted(
        (a for a in local_here if a.id not in chosen and fit(a) > 0),
        key=lambda a: (-fit(a) / math.sqrt(max(1, len(a.municipalities))), a.id.casefold()),
    )
    for actor in local_ranked[:LOCAL]:
        fitting = max(set(actor.orientations), key=lambda o: (orientation_count[o], o))
        chosen[actor.id] = (
            "local",
            t(
                "local",
                place=context.place(place),
                orientations=fitting,
                count=orientation_count[fitting],
                total=total,
                group=context.group(group),
            ),
        )
    if not chosen:
        return None

    covered = {role for role, _ in chosen.values()}
    if any(fit(actors[a]) > 0 and place in actors[a].municipalities for a in chosen):
        covered.add("local")
    completeness = len(covered & set(ROLES)) / len(ROLES)
    need_weight = cell_weight(cell.size) * (1.0 if cell.uncovered else UNDER_SERVED_NEED)
    score = rounded(need_weight * completeness)

    members = [Member(a, context.name(a), role, reason) for a, (role, reason) in chosen.items()]
    members = _with_convener(context, members)
    state = t("uncovered" if cell.uncovered else "under_served")
    need = {
        "target_group": group,
        "target_group_name": context.group(group),
        "municipality": place,
        "municipality_name": context.place(place),
        "size": cell.size,
        "uncovered": cell.uncovered,
        "serving_actors": list(cell.actors),
        "running_projects": list(cell.running),
        "ended_projects": list(cell.ended),
        "roles_filled": sorted(covered & set(ROLES), key=ROLES.index),
    }
    return Proposal(
        id="",
        kind="consortium",
        title=t("consortium", group=context.group(group), place=context.place(place)),
        members=tuple(members),
        need=need,
        score=score,
        need_text=t(
            "need_consortium", state=state, group=context.group(group), place=context.place(place), size=cell.size
        ),
        as_of=context.as_of_text,
    )


def _cells(actor: Actor) -> int:
    return len(actor.target_groups) * len(actor.municipalities)


def _with_convener(context: ProposalContext, members: list[Member]) -> list[Member]:
    """The team with its convener: most contacts among the team, else the member of highest betweenness."""
    network = context.network
    team = {m.actor for m in members}
    team_index = {network.index[a] for a in team}
    counts: Counter[str] = Counter()
    for i in team_index:
        for j in network.neighbours[i]:
            counts[network.ids[j]] += 1
    if counts:
        convener = min(
            counts,
            key=lambda a: (-counts[a], a not in team, -context.betweenness(a), a.casefold()),
        )
        linked = sorted(
            (network.ids[j] for j in network.neighbours[network.index[convener]] if network.ids[j] in team),
            key=str.casefold,
        )
        why = context.t(
            "convener",
            count=counts[convener],
            total=len(team - {convener}),
            names=", ".join(context.name(a) for a in linked),
        )
    else:
        convener = min(team, key=lambda a: (-context.betweenness(a), a.casefold()))
        why = context.t("convener_none", b=round(context.betweenness(convener), 4))
    result = []
    for member in members:
        if member.actor == convener:
            result.append(Member(member.actor, member.name, "convener", f"{why}; {member.reason}"))
        else:
            result.append(member)
    if convener not in team:
        result.append(Member(convener, context.name(convener), "convener", why))
    result.sort(key=lambda m: (m.role != "convener", m.actor.casefold()))
    return result
