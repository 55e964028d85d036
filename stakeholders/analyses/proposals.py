"""From findings to action: proposals for joint projects, each built from a finding and explained.

Three kinds of proposal (docs/proposals.md):

- **forum** for each group of duplicated efforts (:func:`~stakeholders.analyses.duplicate_groups`)
  with at least two projects still running at ``as_of``: the owners and partners of those projects
  (at least two organisations; a group run by one owner alone has nobody to gather).
  ``score`` = the group's score (0-1, the weakest pair's, docs/analyses.md); groups without a shared
  owner or partner (``coordinated: false``) come first, since they have no forum yet.
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
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from stakeholders.analyses.common import (
    DAY_MAX,
    DAY_MIN,
    NO_FILTERS,
    Filters,
    day_text,
    id_key,
    period,
    rounded,
)
from stakeholders.analyses.consortia import ROLES, consortia, needs
from stakeholders.analyses.duplicates import DEFAULT_MIN_SCORE, duplicate_groups
from stakeholders.analyses.gaps import actor_gaps
from stakeholders.analyses.proposal_output import escape_markdown, proposal_line, proposal_row, proposals_markdown
from stakeholders.analyses.proposal_parts import Member, Proposal, ProposalContext, running
from stakeholders.model import Dataset

__all__ = [
    "KINDS",
    "ROLES",
    "Member",
    "Proposal",
    "declared_date",
    "default_as_of",
    "escape_markdown",
    "needs",
    "proposal_line",
    "proposal_row",
    "proposals",
    "proposals_markdown",
    "running",
]

KINDS = ("forum", "consortium", "introductions")
_DAYS_PER_MONTH = 365.2425 / 12
_UNCOORDINATED_FIRST = 1.0  # added to an uncoordinated group's rank (never to its score; scores are 0-1)
GAP_POOL = 500  # the best actor gaps looked at for introductions
GAPS_PER_INTRODUCTIONS = 40  # the best gaps at distance 2 given to introducers

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
    context = ProposalContext(dataset, as_of, lang)
    wanted = set(kinds)
    found: list[Proposal] = []
    if "forum" in wanted:
        found += _numbered(_forums(context, filters, min_score), top)
    if "consortium" in wanted:
        found += _numbered(consortia(context, filters), top)
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


# ---------------------------------------------------------------- forums


def _forums(
    context: ProposalContext, filters: Filters, min_score: float
) -> list[tuple[float, tuple[str, ...], Proposal]]:
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
        if len(rows) < 2:
            continue  # one organisation runs them all: nobody to gather (duplicates lists it, coordinated)
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
        # Groups without a shared owner or partner first: they have no forum yet.
        rank = group.score + (0.0 if group.coordinated else _UNCOORDINATED_FIRST)
        found.append((rank, id_key(ids), proposal))
    return found


# ---------------------------------------------------------------- introductions


def _introductions(context: ProposalContext, filters: Filters) -> list[tuple[float, tuple[str, ...], Proposal]]:
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
