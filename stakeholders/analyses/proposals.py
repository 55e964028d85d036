"""From findings to action: proposals for joint projects, each built from a finding and explained.

Three kinds of proposal (docs/proposals.md):

- **forum** for each group of duplicated efforts (:func:`~stakeholders.analyses.duplicate_groups`)
  with at least two projects still running at ``as_of``: the owners and partners of those projects.
  ``score`` = the group's score (0-1, the weakest pair's, docs/analyses.md).
- **consortium** for each target group x municipality cell that is uncovered or under-served at
  ``as_of`` (the uncovered ones first, each by score): a team that could serve it, and who could
  convene it::

      need         = (1 + log10(1 + size)) x (1 if uncovered else 0.5)
      completeness = roles filled / 4        the roles: nearby, local, employer, public
      score        = need x completeness

  *nearby*: actors serving the target group in other municipalities of the same region
  (``municipalities.csv`` ``region``; every other municipality when the cell's has none), ranked by
  ``cells of that group in the region / sqrt(cells the actor serves)`` (a focused actor first, as in
  Salton's cosine normalisation); *local*: actors working in the municipality whose orientations fit
  the target group, ranked by ``sum over their orientations o of fit(o) / sqrt(municipalities of the
  actor)``, ``fit(o)`` = the share of the actors and running projects serving the group that carry
  ``o``; *employer*: an actor of sector private working in the municipality; *public*: an actor of
  sector public of the municipality (its own, active there only, first). The **convener** is the actor
  with most contacts among the team (a team member first on ties, then the highest betweenness), or,
  when nobody has any contact with the team, the team member of highest betweenness.
- **introductions**: the best actor gaps at distance 2 (:func:`~stakeholders.analyses.actor_gaps`),
  each given to the introducer who can introduce most of them (ties: betweenness, then id), one
  proposal per introducer. ``score`` = the sum of its gaps' scores.

**As of a date.** A project that ended before ``as_of`` no longer serves anybody and is no member's
reason; a forum is proposed only for the projects of a group still running then (not ended; a
project that has not started yet counts). :func:`default_as_of` gives the dataset's own date.

A cell is **uncovered** at ``as_of`` when its size is above 0 and no actor and no running project
serves it; **under-served** when its size is above 0 and only running projects serve it (no actor), or
its people per serving actor or running project is at least twice the median of the dataset's cells.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from stakeholders.analyses.brokers import brokers
from stakeholders.analyses.common import (
    DAY_MAX,
    DAY_MIN,
    NO_FILTERS,
    Filters,
    cell_weight,
    day_text,
    id_key,
    period,
    rounded,
)
from stakeholders.analyses.contacts import ContactNetwork, contact_network
from stakeholders.analyses.coverage import coverage
from stakeholders.analyses.duplicates import DEFAULT_MIN_SCORE, duplicate_groups
from stakeholders.analyses.gaps import actor_gaps
from stakeholders.model import Actor, Dataset, Project
from stakeholders.schema import Sector

KINDS = ("forum", "consortium", "introductions")
ROLES = ("nearby", "local", "employer", "public")  # the four roles of a consortium's completeness
UNDER_SERVED_FACTOR = 2.0  # people per server at least this times the median: under-served
UNDER_SERVED_NEED = 0.5  # an under-served cell's need, relative to an uncovered one of its size
NEARBY, LOCAL = 3, 3  # how many nearby and local actors a consortium takes at most
_DAYS_PER_MONTH = 365.2425 / 12
_UNCOVERED_FIRST = 1e9  # added to an uncovered cell's rank (never to its score)
GAP_POOL = 500  # the best actor gaps looked at for introductions
GAPS_PER_INTRODUCTIONS = 40  # the best gaps at distance 2 given to introducers

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


# ---------------------------------------------------------------- the date


def declared_date(data: str | Path) -> dt.date | None:
    """The ``date`` of a ``dataset.toml`` in the dataset folder ``data``, if there is one.

    The only function of this module that reads a file (the command line calls it); ``None`` when
    ``data`` is no folder, has no ``dataset.toml``, or it has no valid ``date``.
    """
    path = Path(data) / "dataset.toml"
    if not path.is_file():
        return None
    try:
        value = tomllib.loads(path.read_text(encoding="utf-8")).get("date")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def default_as_of(dataset: Dataset, declared: dt.date | None = None) -> dt.date | None:
    """The date a dataset is read as of: ``declared`` (its ``dataset.toml`` date), else its latest project start.

    Not the files' modification date (``Dataset.modified``): a historical dataset checked out today
    would have every project ended. ``None`` when no project has a start (then every project runs).
    """
    if declared is not None:
        return declared
    starts = [p.start for p in dataset.projects.values() if p.start is not None]
    return max(starts) if starts else None


def running(project: Project, as_of: dt.date | None) -> bool:
    """The project has not ended before ``as_of`` (one that has not started yet counts)."""
    return as_of is None or project.end is None or project.end >= as_of


# ---------------------------------------------------------------- the proposals


def proposals(
    dataset: Dataset,
    *,
    as_of: dt.date | None = None,
    top: int = 20,
    kinds: Iterable[str] = KINDS,
    filters: Filters = NO_FILTERS,
    min_score: float = DEFAULT_MIN_SCORE,
    lang: str = "en",
) -> list[Proposal]:
    """Proposals for joint work built from a dataset's findings.

    Parameters
    ----------
    dataset : Dataset
    as_of : datetime.date, optional
        Read the dataset as of this date (see the module's docstring); ``None`` means every project runs.
        Callers usually pass :func:`default_as_of`.
    top : int
        How many proposals of each kind, best first; 0 gives all.
    kinds : iterable of {"forum", "consortium", "introductions"}
    filters : Filters
        Passed to the analyses the proposals come from (duplicates, coverage, gaps).
    min_score : float
        The pair score of duplicated efforts (see :func:`~stakeholders.analyses.duplicate_groups`).
    lang : {"en", "sv"}
        The language of titles and reasons.

    Returns
    -------
    list of Proposal
        Forums, then consortia, then introductions; within a kind highest score first, ties by ids.
    """
    context = _Context(dataset, as_of, lang)
    wanted = set(kinds)
    found: list[Proposal] = []
    if "forum" in wanted:
        found += _numbered(_forums(context, filters, min_score), top)
    if "consortium" in wanted:
        found += _numbered(_consortia(context, filters), top)
    if "introductions" in wanted:
        found += _numbered(_introductions(context, filters), top)
    return found


def _numbered(found: list[tuple[float, tuple[str, ...], Proposal]], top: int) -> list[Proposal]:
    found.sort(key=lambda item: (-item[0], item[1]))
    if top:
        found = found[:top]
    result = []
    for n, (_, _, proposal) in enumerate(found, start=1):
        result.append(replace(proposal, id=f"{proposal.kind}-{n}"))
    return result


class _Context:
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


def _names(ids: Sequence[str]) -> str:
    return ", ".join(ids)


# ---------------------------------------------------------------- forums


def _forums(context: _Context, filters: Filters, min_score: float) -> list[tuple[float, tuple[str, ...], Proposal]]:
    dataset = context.dataset
    found = []
    for group in duplicate_groups(dataset, top=0, filters=filters, min_score=min_score, lang=context.lang):
        projects = [dataset.projects[p] for p in group.projects]
        live = [p for p in projects if running(p, context.as_of)]
        if len(live) < 2:
            continue
        members: dict[str, list[tuple[str, str]]] = {}
        for project in live:
            others = [p.name for p in live if p.id != project.id]
            side = context.t("side_by_side", others="; ".join(others))
            members.setdefault(project.owner, []).append(
                ("owner", f"{context.t('owner', project=project.name)}, {side}")
            )
            for partner in project.partners:
                if partner != project.owner:
                    members.setdefault(partner, []).append(
                        ("partner", f"{context.t('partner', project=project.name)}, {side}")
                    )
        rows = []
        for actor, roles in members.items():
            role = "owner" if any(r == "owner" for r, _ in roles) else "partner"
            rows.append(Member(actor, context.name(actor), role, "; ".join(reason for _, reason in roles)))
        rows.sort(key=lambda m: (m.role != "owner", m.actor.casefold()))
        ids = tuple(p.id for p in live)
        ended = [p.id for p in projects if p not in live]
        start, end = max(period(p)[0] for p in live), min(period(p)[1] for p in live)
        months = round((end - start + 1) / _DAYS_PER_MONTH, 1) if start > DAY_MIN and end < DAY_MAX else None
        need = {
            "projects": list(ids),
            "names": [p.name for p in live],
            "ended_projects": ended,
            "shared_orientations": list(group.shared_orientations),
            "shared_target_groups": list(group.shared_target_groups),
            "shared_municipalities": list(group.shared_municipalities),
            "overlap": {"start": day_text(start), "end": day_text(end)},
            "overlap_months": months if months is not None else group.overlap_months,
            "coordinated": group.coordinated,
            "reason": group.reason,
        }
        need_text = context.t(
            "need_forum",
            projects=", ".join(ids),
            start=day_text(start) or context.t("open"),
            end=day_text(end) or context.t("open"),
            months=months if months is not None else group.overlap_months,
        )
        proposal = Proposal(
            id="",
            kind="forum",
            title=context.t("forum", names="; ".join(p.name for p in live)),
            members=tuple(rows),
            need=need,
            score=group.score,
            need_text=f"{need_text}; {group.reason}",
            as_of=context.as_of_text,
        )
        found.append((group.score, id_key(ids), proposal))
    return found


# ---------------------------------------------------------------- consortia


@dataclass
class _Cell:
    target_group: str
    municipality: str
    size: int
    uncovered: bool
    actors: tuple[str, ...]
    running: tuple[str, ...]
    ended: tuple[str, ...]


def needs(dataset: Dataset, as_of: dt.date | None, filters: Filters = NO_FILTERS) -> list[_Cell]:
    """The uncovered and under-served cells at ``as_of`` (module docstring), uncovered first, largest first."""
    rows = []
    for cell in coverage(dataset, top=0, filters=filters):
        if not cell.size:
            continue
        live = tuple(p for p in cell.projects if running(dataset.projects[p], as_of))
        ended = tuple(p for p in cell.projects if p not in live)
        rows.append((cell, live, ended))
    ratios = [cell.size / (len(cell.actors) + len(live)) for cell, live, _ in rows if cell.actors or live]
    median = statistics.median(ratios) if ratios else 0.0
    found = []
    for cell, live, ended in rows:
        servers = len(cell.actors) + len(live)
        uncovered = servers == 0
        under = not uncovered and (not cell.actors or cell.size / servers >= UNDER_SERVED_FACTOR * median)
        if uncovered or under:
            found.append(_Cell(cell.target_group, cell.municipality, cell.size, uncovered, cell.actors, live, ended))
    found.sort(key=lambda c: (not c.uncovered, -c.size, id_key((c.target_group, c.municipality))))
    return found


def _consortia(context: _Context, filters: Filters) -> list[tuple[float, tuple[str, ...], Proposal]]:
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


def _consortium(context: _Context, cell: _Cell, live_projects: list[Project]) -> Proposal | None:
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
        places = sorted(nearby[actor_id], key=lambda m: context.place(m).casefold())
        shown = ", ".join(context.place(m) for m in places[:3]) + (f" +{len(places) - 3}" if len(places) > 3 else "")
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
        best = max(set(actor.orientations), key=lambda o: (orientation_count[o], o))
        chosen[actor.id] = (
            "local",
            t(
                "local",
                place=context.place(place),
                orientations=best,
                count=orientation_count[best],
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


def _with_convener(context: _Context, members: list[Member]) -> list[Member]:
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


# ---------------------------------------------------------------- introductions


def _introductions(context: _Context, filters: Filters) -> list[tuple[float, tuple[str, ...], Proposal]]:
    dataset = context.dataset
    gaps = [g for g in actor_gaps(dataset, top=GAP_POOL, filters=filters, lang=context.lang) if g.distance == 2]
    gaps = [g for g in gaps if g.introducers][:GAPS_PER_INTRODUCTIONS]
    load = Counter(i for g in gaps for i in g.introducers)
    by_introducer: dict[str, list] = defaultdict(list)
    for gap in gaps:
        introducer = min(gap.introducers, key=lambda i: (-load[i], -context.betweenness(i), i.casefold()))
        by_introducer[introducer].append(gap)
    found = []
    for introducer, assigned in by_introducer.items():
        members = [
            Member(
                introducer,
                context.name(introducer),
                "convener",
                context.t("introducer", count=len(assigned)),
            )
        ]
        reasons: dict[str, list[str]] = defaultdict(list)
        for gap in assigned:
            a, b = gap.actors
            why = gap.reasons[0] if gap.reasons else ""
            reasons[a].append(context.t("introduced", other=context.name(b), why=why))
            reasons[b].append(context.t("introduced", other=context.name(a), why=why))
        members += [
            Member(actor, context.name(actor), "introduced", "; ".join(texts))
            for actor, texts in sorted(reasons.items(), key=lambda item: item[0].casefold())
        ]
        score = rounded(sum(g.score for g in assigned))
        need = {
            "gaps": [
                {
                    "actors": list(g.actors),
                    "names": list(g.names),
                    "shared_target_groups": list(g.shared_target_groups),
                    "shared_municipalities": list(g.shared_municipalities),
                    "score": g.score,
                }
                for g in assigned
            ]
        }
        need_text = "; ".join(context.t("need_gap", a=g.names[0], b=g.names[1]) for g in assigned)
        proposal = Proposal(
            id="",
            kind="introductions",
            title=context.t("introductions", name=context.name(introducer)),
            members=tuple(members),
            need=need,
            score=score,
            need_text=need_text,
            as_of=context.as_of_text,
        )
        found.append((score, id_key((introducer,)), proposal))
    return found


# ---------------------------------------------------------------- output


_MARKDOWN_SPECIALS = "\\`*_[]!|~"  # inline specials; user text never starts a line


def escape_markdown(value: object) -> str:
    """User text safe in Markdown and in the HTML a Markdown renderer makes of it.

    Markdown's special characters get a backslash, then ``&``, ``<``, ``>`` and quotes become HTML
    entities (so no tag, link or emphasis can come from the data).
    """
    import html

    text = "" if value is None else str(value)
    text = "".join("\\" + c if c in _MARKDOWN_SPECIALS else c for c in text)
    text = " ".join(text.split())  # a line break in user text would end the list item
    return html.escape(text, quote=True)


_MD_WORDS = {
    "en": {"heading": "Proposals", "as_of": "as of", "need": "Need", "score": "score", "none": "No proposals."},
    "sv": {"heading": "Förslag", "as_of": "per", "need": "Behov", "score": "poäng", "none": "Inga förslag."},
}


def proposals_markdown(found: Sequence[Proposal], lang: str = "en") -> str:
    """The proposals as a readable Markdown list (user text escaped with :func:`escape_markdown`)."""
    words = _MD_WORDS[lang if lang in _MD_WORDS else "en"]
    as_of = next((p.as_of for p in found if p.as_of), None)
    lines = [f"# {words['heading']}" + (f" ({words['as_of']} {as_of})" if as_of else ""), ""]
    if not found:
        lines.append(words["none"])
    for proposal in found:
        lines.append(
            f"## {escape_markdown(proposal.id)}: {escape_markdown(proposal.title)} ({words['score']} {proposal.score})"
        )
        lines.append("")
        lines.append(f"{words['need']}: {escape_markdown(proposal.need_text)}")
        lines.append("")
        for member in proposal.members:
            lines.append(
                f"- **{escape_markdown(member.name)}** ({escape_markdown(member.actor)}), "
                f"{escape_markdown(member.role)}: {escape_markdown(member.reason)}"
            )
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def proposal_line(proposal: Proposal) -> str:
    """One readable line: id, title, score, need and members with their roles."""
    members = ", ".join(f"{m.name} ({m.role})" for m in proposal.members)
    return f"{proposal.id}: {proposal.title}; score {proposal.score}; {proposal.need_text}; members: {members}"


def proposal_row(proposal: Proposal) -> dict[str, object]:
    """A flat record for CSV: members as ``name (role)`` and the need as text."""
    return {
        "id": proposal.id,
        "kind": proposal.kind,
        "title": proposal.title,
        "score": proposal.score,
        "need": proposal.need_text,
        "members": [f"{m.name} ({m.role})" for m in proposal.members],
        "member_ids": [m.actor for m in proposal.members],
        "as_of": proposal.as_of,
    }
