"""Invariants of the analyses on random small datasets (hypothesis).

A :class:`Spec` is an abstract dataset (actors, projects, cooperation rows, sizes, by index). :func:`render` turns
it into CSV text, either canonically (lower-case ids, references by id, rows in order) or as a variant (rows
shuffled, ids in another case, references by id or by name in any case); ``load_csv`` loads it with the real
loader. The expected results are computed from the spec by brute force, straight from the definitions of
docs/analyses.md, independently of the analyses' sparse matrices and pruning.
"""

from __future__ import annotations

import datetime as dt
import importlib
import itertools
import math
import random
from dataclasses import dataclass, replace
from unittest import mock

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stakeholders.analyses import (
    Filters,
    actor_gaps,
    brokers,
    coverage,
    duplicate_groups,
    project_gaps,
    resolve_filters,
    sector_gaps,
)
from stakeholders.analyses.duplicate_pairs import ProjectTable
from stakeholders.analyses.duplicates import MAX_GROUP
from stakeholders.model import contact_graph

# The modules (stakeholders.analyses re-exports functions of the same names).
gaps_module = importlib.import_module("stakeholders.analyses.gaps")
project_gaps_module = importlib.import_module("stakeholders.analyses.project_gaps")

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MUNICIPALITIES = 3
GROUPS = 3
ORIENTATIONS = ("Språk", "Praktik", "Mentorskap")
SECTORS = ("", "public", "private", "civil")
DAY0 = dt.date(2020, 1, 1)


@dataclass(frozen=True)
class ActorSpec:
    groups: tuple[int, ...]
    places: tuple[int, ...] | None  # None: "*"
    orientations: tuple[int, ...]
    sector: str


@dataclass(frozen=True)
class ProjectSpec:
    owner: int
    partners: tuple[int, ...]
    orientations: tuple[int, ...]
    groups: tuple[int, ...]
    places: tuple[int, ...] | None
    start: int | None  # days after DAY0; None: open
    end: int | None
    budget: int | None


@dataclass(frozen=True)
class Spec:
    actors: tuple[ActorSpec, ...]
    projects: tuple[ProjectSpec, ...]
    cooperation: tuple[tuple[int, int], ...]
    sizes: tuple[tuple[int, int, int, int | None], ...]  # group, place, size, year


def indices(count: int, max_size: int, min_size: int = 0) -> st.SearchStrategy[tuple[int, ...]]:
    return st.lists(st.integers(0, count - 1), min_size=min_size, max_size=max_size, unique=True).map(
        lambda xs: tuple(sorted(xs))
    )


def places() -> st.SearchStrategy[tuple[int, ...] | None]:
    return st.one_of(st.just(None), indices(MUNICIPALITIES, MUNICIPALITIES), indices(MUNICIPALITIES, 1, 1))


def scopes() -> st.SearchStrategy[tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...] | None]]:
    """(orientations, target groups, places)."""
    return st.tuples(indices(len(ORIENTATIONS), 2, 1), indices(GROUPS, 2, 1), places())


@st.composite
def specs(draw: st.DrawFn, max_actors: int = 8, max_projects: int = 6) -> Spec:
    """Small random datasets. Records often reuse one of a few scopes, so that overlaps are common."""
    palette = draw(st.lists(scopes(), min_size=1, max_size=3))

    def scope() -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...] | None]:
        kind = draw(st.integers(0, 5))  # mostly from the palette, sometimes new, sometimes nothing
        if kind <= 3:
            return draw(st.sampled_from(palette))
        return draw(scopes()) if kind == 4 else ((), (), ())

    n = draw(st.integers(3, max_actors))
    actors = []
    for _ in range(n):
        orientations, groups, where = scope()
        sector = draw(st.sampled_from(SECTORS))
        if sector == "public" and draw(st.booleans()):
            where = (draw(st.integers(0, MUNICIPALITIES - 1)),)  # a municipality's own public actor
        actors.append(ActorSpec(groups, where, orientations, sector))
    epochs = draw(st.lists(st.integers(0, 40), min_size=1, max_size=2))  # projects tend to start together
    projects = []
    for _ in range(draw(st.integers(2, max_projects))):
        when = draw(st.integers(0, 3))
        start = draw(st.sampled_from(epochs)) if when <= 1 else None if when == 2 else draw(st.integers(0, 40))
        end = draw(st.one_of(st.none(), st.integers(start or 0, (start or 0) + 20)))
        orientations, groups, where = scope()
        projects.append(
            ProjectSpec(
                owner=draw(st.integers(0, n - 1)),
                partners=draw(indices(n, draw(st.integers(0, 2)))),
                orientations=orientations,
                groups=groups,
                places=where,
                start=start,
                end=end,
                budget=draw(st.one_of(st.none(), st.integers(0, 10).map(lambda b: b * 1000))),
            )
        )
    pairs = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1])
    cooperation = tuple(draw(st.lists(pairs, max_size=n // 2 + 1)))
    size_rows = st.tuples(
        st.integers(0, GROUPS - 1),
        st.integers(0, MUNICIPALITIES - 1),
        st.integers(0, 900),
        st.sampled_from([None, 2019, 2020]),
    )
    sizes = tuple(draw(st.lists(size_rows, max_size=8)))
    return Spec(tuple(actors), tuple(projects), cooperation, sizes)


Choice = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]  # municipalities, groups, orientations
NO_CHOICE: Choice = ((), (), ())


def filter_choices() -> st.SearchStrategy[Choice]:
    def some(count: int) -> st.SearchStrategy[tuple[int, ...]]:
        return st.one_of(st.just(()), indices(count, 2, 1))

    return st.one_of(st.just(NO_CHOICE), st.tuples(some(MUNICIPALITIES), some(GROUPS), some(len(ORIENTATIONS))))


def usable(spec: Spec, choice: Choice) -> Choice:
    """The choice without orientations nobody has: resolve_filters rejects those (a usage error)."""
    used = {o for table in (spec.actors, spec.projects) for record in table for o in record.orientations}
    return choice[0], choice[1], tuple(o for o in choice[2] if o in used)


# -- rendering -----------------------------------------------------------------------------------------------


def actor_id(i: int) -> str:
    return f"a{i}"


def project_id(i: int) -> str:
    return f"p{i}"


def render(spec: Spec, rng: random.Random | None = None) -> dict[str, str]:
    """The spec as CSV texts: canonical without ``rng``, else shuffled rows, random id case, refs by id or name."""

    def case(text: str) -> str:
        return text if rng is None else rng.choice([str.lower, str.upper, str.swapcase])(text)

    def ref(identifier: str, name: str) -> str:
        if rng is None:
            return identifier
        return case(identifier) if rng.random() < 0.5 else case(name)

    def rows(lines: list[str]) -> str:
        if rng is not None:
            rng.shuffle(lines)
        return "".join(line + "\n" for line in lines)

    municipality = [(f"m{k}", f"Town {k}") for k in range(MUNICIPALITIES)]
    group = [(f"t{k}", f"Group {k}") for k in range(GROUPS)]
    actor = [(actor_id(i), f"Org {i}") for i in range(len(spec.actors))]
    project = [(project_id(i), f"Project {i}") for i in range(len(spec.projects))]
    written = {key: case(key) for key, _ in municipality + group + actor + project}  # each record's own id

    def refs(table: list[tuple[str, str]], chosen: tuple[int, ...]) -> str:
        return "; ".join(ref(*table[k]) for k in chosen)

    def where(chosen: tuple[int, ...] | None) -> str:
        return "*" if chosen is None else refs(municipality, chosen)

    def day(offset: int | None) -> str:
        return "" if offset is None else (DAY0 + dt.timedelta(days=offset)).isoformat()

    def orientations(chosen: tuple[int, ...]) -> str:
        return "; ".join(ORIENTATIONS[k] for k in chosen)

    return {
        "municipalities": "id,name\n" + rows([f"{written[i]},{n}" for i, n in municipality]),
        "target_groups": "id,name\n" + rows([f"{written[i]},{n}" for i, n in group]),
        "actors": "id,name,sector,orientations,municipalities,target_groups\n"
        + rows(
            [
                f"{written[actor[i][0]]},{actor[i][1]},{a.sector},{orientations(a.orientations)},"
                f"{where(a.places)},{refs(group, a.groups)}"
                for i, a in enumerate(spec.actors)
            ]
        ),
        "projects": "id,name,owner,partners,orientations,target_groups,municipalities,start,end,budget\n"
        + rows(
            [
                f"{written[project[i][0]]},{project[i][1]},{ref(*actor[p.owner])},{refs(actor, p.partners)},"
                f"{orientations(p.orientations)},{refs(group, p.groups)},{where(p.places)},"
                f"{day(p.start)},{day(p.end)},{'' if p.budget is None else p.budget}"
                for i, p in enumerate(spec.projects)
            ]
        ),
        "cooperation": "source,target\n" + rows([f"{ref(*actor[a])},{ref(*actor[b])}" for a, b in spec.cooperation]),
        "target_group_sizes": "target_group,municipality,size,year\n"
        + rows(
            [
                f"{ref(*group[t])},{ref(*municipality[m])},{size},{'' if year is None else year}"
                for t, m, size, year in spec.sizes
            ]
        ),
    }


def filters_for(dataset, spec: Spec, choice: Choice, rng: random.Random | None = None) -> Filters:
    """Resolve filter indices through resolve_filters, by id or (with ``rng``) by name in any case."""
    municipalities, groups, orientations = usable(spec, choice)

    def text(identifier: str, name: str) -> str:
        if rng is None:
            return identifier
        return rng.choice([identifier, name, name.upper(), identifier.upper()])

    return resolve_filters(
        dataset,
        [text(f"m{k}", f"Town {k}") for k in municipalities],
        [text(f"t{k}", f"Group {k}") for k in groups],
        [text(ORIENTATIONS[k], ORIENTATIONS[k]) for k in orientations],
    )


# -- brute force, straight from the definitions -------------------------------------------------------------


class Brute:
    """The expected results of a canonical spec, computed pair by pair and subset by subset."""

    def __init__(self, spec: Spec, choice: Choice = NO_CHOICE) -> None:
        self.spec = spec
        municipalities, groups, orientations = usable(spec, choice)
        self.municipalities = {f"m{k}" for k in municipalities}
        self.groups = {f"t{k}" for k in groups}
        self.orientations = {ORIENTATIONS[k] for k in orientations}
        self.contacts = nx.Graph()
        self.contacts.add_nodes_from(actor_id(i) for i in range(len(spec.actors)))
        self.contacts.add_edges_from((actor_id(a), actor_id(b)) for a, b in spec.cooperation)
        for p in spec.projects:
            people = {p.owner, *p.partners}
            self.contacts.add_edges_from((actor_id(a), actor_id(b)) for a, b in itertools.combinations(people, 2))
        latest: dict[tuple[str, str], tuple[int, int]] = {}
        for t, m, size, year in spec.sizes:
            key = (f"t{t}", f"m{m}")
            latest[key] = max(latest.get(key, (-2, 0)), (-1 if year is None else year, size))
        self.sizes = {key: size for key, (_, size) in latest.items()}

    def cell_ok(self, group: str, municipality: str) -> bool:
        return (not self.groups or group in self.groups) and (
            not self.municipalities or municipality in self.municipalities
        )

    def record_ok(self, orientations: tuple[int, ...]) -> bool:
        return not self.orientations or bool(self.orientations & {ORIENTATIONS[k] for k in orientations})

    def cells(self, record: ActorSpec | ProjectSpec) -> set[tuple[str, str]]:
        where = range(MUNICIPALITIES) if record.places is None else record.places
        return {(f"t{t}", f"m{m}") for t in record.groups for m in where if self.cell_ok(f"t{t}", f"m{m}")}

    def where(self, record: ActorSpec | ProjectSpec) -> range | tuple[int, ...]:
        return range(MUNICIPALITIES) if record.places is None else record.places

    def weight(self, cell: tuple[str, str]) -> float:
        """docs/analyses.md: w(t, m) = (1 + log10(1 + size)) x idf(t) x idf(m), idf over the actors serving a cell."""
        size = self.sizes.get(cell)
        serving = [a for a in self.spec.actors if a.groups and self.where(a)]

        def idf(df: int) -> float:
            return 1 + math.log((1 + len(serving)) / (1 + df))

        group, place = int(cell[0][1:]), int(cell[1][1:])
        groups = sum(group in a.groups for a in serving)
        places = sum(place in self.where(a) for a in serving)
        return (1.0 if size is None else 1 + math.log10(1 + size)) * idf(groups) * idf(places)

    def breadth(self, actor: ActorSpec) -> float:
        return len(actor.groups) * len(self.where(actor))

    def actor_gaps(self) -> dict[tuple[str, str], tuple[float, int | None, tuple[str, ...], set]]:
        found = {}
        for i, j in itertools.combinations(range(len(self.spec.actors)), 2):
            a, b = self.spec.actors[i], self.spec.actors[j]
            if not (self.record_ok(a.orientations) and self.record_ok(b.orientations)):
                continue
            shared = self.cells(a) & self.cells(b)
            x, y = actor_id(i), actor_id(j)
            if not shared or self.contacts.has_edge(x, y):
                continue
            try:
                distance: int | None = nx.shortest_path_length(self.contacts, x, y)
            except nx.NetworkXNoPath:
                distance = None
            factor = 2.0 if distance is None else 1 + min(distance - 1, 4) / 4
            score = sum(self.weight(c) for c in shared) / math.sqrt(self.breadth(a) * self.breadth(b)) * factor
            introducers = tuple(sorted(nx.common_neighbors(self.contacts, x, y)))
            found[(x, y)] = (score, distance, introducers, shared)
        return found

    def participants(self, p: ProjectSpec) -> set[str]:
        return {actor_id(k) for k in (p.owner, *p.partners)}

    def project_gaps(self) -> set[tuple[str, str]]:
        found = set()
        for i, j in itertools.combinations(range(len(self.spec.projects)), 2):
            p, q = self.spec.projects[i], self.spec.projects[j]
            if not (self.record_ok(p.orientations) and self.record_ok(q.orientations)):
                continue
            if not (self.cells(p) & self.cells(q)) or not concurrent([p, q]):
                continue
            ours, theirs = self.participants(p), self.participants(q)
            if ours & theirs or any(self.contacts.has_edge(x, y) for x in ours for y in theirs):
                continue
            found.add((project_id(i), project_id(j)))
        return found

    def duplicate_pairs(self, similarity) -> dict[tuple[str, str], float]:
        """duplicate_pairs.py: every candidate pair with its score, given the text similarity of each pair."""
        projects = self.spec.projects
        with_groups = any(p.groups for p in projects)
        with_places = any(self.where(p) for p in projects)  # else place is left out
        days = [d for p in projects for d in (p.start, p.end) if d is not None]
        low, high = (min(days), max(days)) if days else (None, None)

        def span(p: ProjectSpec) -> tuple[int, int]:
            if low is None:  # no dates at all: every project runs the same (whole) time
                return 0, 1
            return (low if p.start is None else p.start), (high if p.end is None else p.end)

        def places(p: ProjectSpec) -> set[int]:
            return {m for m in self.where(p) if not self.municipalities or f"m{m}" in self.municipalities}

        def groups(p: ProjectSpec) -> set[int]:
            return {t for t in p.groups if not self.groups or f"t{t}" in self.groups}

        def specificity(values: list[set[int]], value: int) -> float:
            total, df = len(projects), sum(value in v for v in values)
            return 1.0 if total <= 2 or df <= 2 else min(1.0, max(0.0, math.log(total / df) / math.log(total / 2)))

        facets = [[set(p.orientations) for p in projects]]
        if with_places:
            facets.append([set(self.where(p)) for p in projects])
        if with_groups:
            facets.append([set(p.groups) for p in projects])
        found = {}
        for i, j in itertools.combinations(range(len(projects)), 2):
            p, q = projects[i], projects[j]
            if not (self.record_ok(p.orientations) and self.record_ok(q.orientations)):
                continue
            key = (groups(p) & groups(q)) if with_groups else (set(p.orientations) & set(q.orientations))
            if (with_places and not places(p) & places(q)) or not key:
                continue
            (sp, ep), (sq, eq) = span(p), span(q)
            overlap, shorter = min(ep, eq) - max(sp, sq) + 1, min(ep - sp, eq - sq) + 1
            if overlap <= 0 or overlap < min(90, shorter / 2):
                continue
            shared = [set(p.orientations) & set(q.orientations)]
            if with_places:
                shared.append(places(p) & places(q))
            if with_groups:
                shared.append(groups(p) & groups(q))
            context = sum(
                max((specificity(values, v) for v in both), default=0.0)
                for values, both in zip(facets, shared, strict=True)
            ) / len(shared)
            time = math.sqrt(min(1.0, overlap / min(shorter, 365)))
            text = similarity(project_id(i), project_id(j))
            found[(project_id(i), project_id(j))] = (text + (1 - text) * 0.5 * context) * time
        return found

    def coverage(self) -> dict[tuple[str, str], tuple[int | None, set[str], set[str]]]:
        cells = {c: (self.sizes[c], set(), set()) for c in self.sizes if self.cell_ok(*c)}
        for table, make_id, slot in ((self.spec.actors, actor_id, 1), (self.spec.projects, project_id, 2)):
            for k, record in enumerate(table):
                if self.record_ok(record.orientations):
                    for cell in self.cells(record):
                        cells.setdefault(cell, (self.sizes.get(cell), set(), set()))[slot].add(make_id(k))
        return cells

    def sector_gaps(self) -> set[str]:
        found = set()
        for m in range(MUNICIPALITIES):
            if self.municipalities and f"m{m}" not in self.municipalities:
                continue
            usable = [(k, a) for k, a in enumerate(self.spec.actors) if self.record_ok(a.orientations)]
            public = [actor_id(k) for k, a in usable if a.sector == "public" and a.places == (m,)]
            private = [actor_id(k) for k, a in usable if a.sector == "private" and (a.places is None or m in a.places)]
            if public and private and not any(self.contacts.has_edge(x, y) for x in public for y in private):
                found.add(f"m{m}")
        return found


def concurrent(projects: list[ProjectSpec]) -> bool:
    """A common day of all: the latest start is not after the earliest end (open ends unbounded)."""
    starts = [p.start for p in projects if p.start is not None]
    ends = [p.end for p in projects if p.end is not None]
    return not starts or not ends or max(starts) <= min(ends)


# -- comparing results in a form that ignores id case ---------------------------------------------------------


def fold(values) -> tuple[str, ...]:
    return tuple(v.casefold() for v in values)


def canonical(dataset, filters: Filters, top: int = 0) -> dict[str, list]:
    """Every analysis's results with ids casefolded, in their order."""
    return {
        "actor_gaps": [
            (
                fold(g.actors),
                g.score,
                fold(g.shared_target_groups),
                fold(g.shared_municipalities),
                g.distance,
                fold(g.introducers),
            )
            for g in actor_gaps(dataset, top=top, filters=filters)
        ],
        "project_gaps": [
            (
                fold(g.projects),
                g.score,
                fold(g.shared_target_groups),
                fold(g.shared_municipalities),
                g.overlap_start,
                g.overlap_end,
            )
            for g in project_gaps(dataset, top=top, filters=filters)
        ],
        "duplicates": [
            (
                fold(g.projects),
                fold(g.owners),
                g.score,
                g.similarity,
                fold(g.shared_orientations),
                fold(g.shared_target_groups),
                fold(g.shared_municipalities),
                g.overlap_start,
                g.overlap_end,
                g.combined_budget,
                g.coordinated,
                g.owners_in_contact,
            )
            for g in duplicate_groups(dataset, top=top, filters=filters)
        ],
        "coverage": [
            (c.target_group.casefold(), c.municipality.casefold(), c.size, fold(c.actors), fold(c.projects))
            for c in coverage(dataset, top=top, filters=filters)
        ],
        "sector_gaps": [
            (g.municipality.casefold(), fold(g.public_actors), fold(g.private_actors))
            for g in sector_gaps(dataset, top=top, filters=filters)
        ],
        "brokers": [
            (b.actor.casefold(), b.betweenness, b.degree, b.constraint, b.effective_size, b.articulation_point)
            for b in brokers(dataset, top=top, filters=filters).brokers
        ],
    }


# -- the invariants ----------------------------------------------------------------------------------------


@SETTINGS
@given(spec=specs(), choice=filter_choices())
def test_every_overlapping_pair_without_contact_is_reported_and_nothing_else(load_csv, spec, choice) -> None:
    dataset = load_csv(**render(spec))
    expected = Brute(spec, choice).actor_gaps()
    reported = {g.actors: g for g in actor_gaps(dataset, top=0, filters=filters_for(dataset, spec, choice))}
    assert set(reported) == set(expected)
    for pair, (score, distance, introducers, shared) in expected.items():
        gap = reported[pair]
        assert gap.distance == distance
        assert gap.introducers == introducers
        assert math.isclose(gap.score, score, abs_tol=1e-5)
        assert set(gap.shared_target_groups) == {t for t, _ in shared}
        assert set(gap.shared_municipalities) == {m for _, m in shared}


@SETTINGS
@given(spec=specs())
def test_no_reported_gap_has_contact(load_csv, spec) -> None:
    dataset = load_csv(**render(spec))
    contacts = contact_graph(dataset)
    for gap in actor_gaps(dataset, top=0):
        assert not contacts.has_edge(*gap.actors)
        assert gap.distance is None or gap.distance >= 2


@SETTINGS
@given(spec=specs(), data=st.data())
def test_a_cooperation_row_between_a_reported_pair_removes_exactly_that_gap(load_csv, spec, data) -> None:
    before = {g.actors for g in actor_gaps(load_csv(**render(spec)), top=0)}
    if not before:
        return
    pair = data.draw(st.sampled_from(sorted(before)))
    a, b = (int(x[1:]) for x in pair)
    reverse = data.draw(st.booleans())  # either direction is contact
    row = (b, a) if reverse else (a, b)
    closed = load_csv(**render(replace(spec, cooperation=(*spec.cooperation, row))))
    after = {g.actors for g in actor_gaps(closed, top=0)}
    assert after == before - {pair}


@SETTINGS
@given(spec=specs(max_actors=9), choice=filter_choices(), block=st.integers(1, 4))
def test_top_n_is_the_first_n_of_all(load_csv, spec, choice, block) -> None:
    """Checks the pruning of gaps._top_pairs, with small blocks so that its floor rises block by block (and
    project gaps' contact checks, a few pairs at a time)."""
    dataset = load_csv(**render(spec))
    filters = filters_for(dataset, spec, choice)
    with (
        mock.patch.object(gaps_module, "_BLOCK", block),
        mock.patch.object(project_gaps_module, "_BLOCK", block),
        mock.patch.object(project_gaps_module, "_CHUNK", block),
        mock.patch.object(project_gaps_module, "_COMBINATIONS", block),
    ):
        everything = actor_gaps(dataset, top=0, filters=filters)
        projects = project_gaps(dataset, top=0, filters=filters)
        for top in range(1, len(everything) + 2):
            assert actor_gaps(dataset, top=top, filters=filters) == everything[:top]
        for top in range(1, len(projects) + 2):
            assert project_gaps(dataset, top=top, filters=filters) == projects[:top]


@SETTINGS
@given(spec=specs(), seed=st.integers(0, 2**32 - 1), choice=filter_choices())
def test_results_do_not_depend_on_row_order_id_case_or_references_by_name(load_csv, spec, seed, choice) -> None:
    """Gaps, duplicates (and the other analyses) of a shuffled, re-cased, partly-by-name copy are the same."""
    rng = random.Random(seed)
    plain = load_csv(**render(spec))
    variant = load_csv(**render(spec, rng))
    for top in (0, 3):
        assert canonical(variant, filters_for(variant, spec, choice, rng), top) == canonical(
            plain, filters_for(plain, spec, choice), top
        )


@SETTINGS
@given(spec=specs(), choice=filter_choices())
def test_project_gaps_are_exactly_the_definition(load_csv, spec, choice) -> None:
    dataset = load_csv(**render(spec))
    reported = project_gaps(dataset, top=0, filters=filters_for(dataset, spec, choice))
    assert {g.projects for g in reported} == Brute(spec, choice).project_gaps()


@SETTINGS
@given(spec=specs(), choice=filter_choices())
def test_duplicate_pairs_are_exactly_the_definition(load_csv, spec, choice) -> None:
    dataset = load_csv(**render(spec))
    table = ProjectTable(dataset, filters_for(dataset, spec, choice))
    scored = table.scored_pairs(0.0)
    ids = [p.id for p in table.projects]
    reported = {
        tuple(sorted((ids[i], ids[j]))): (score, text)
        for i, j, score, text in zip(scored.i, scored.j, scored.score, scored.similarity, strict=True)
    }
    texts = {pair: text for pair, (_, text) in reported.items()}
    expected = Brute(spec, choice).duplicate_pairs(lambda a, b: texts.get((a, b), 0.0))
    assert set(reported) == set(expected)
    for pair, score in expected.items():
        assert math.isclose(reported[pair][0], score, abs_tol=1e-9)


@SETTINGS
@given(spec=specs(), choice=filter_choices(), min_score=st.sampled_from([0.0, 0.3, 0.5]))
def test_duplicate_groups_are_pairwise_strong_and_cover_every_strong_pair(load_csv, spec, choice, min_score) -> None:
    dataset = load_csv(**render(spec))
    filters = filters_for(dataset, spec, choice)
    groups = duplicate_groups(dataset, top=0, filters=filters, min_score=min_score)
    table = ProjectTable(dataset, filters)
    scored = table.scored_pairs(min_score)
    strong = {
        tuple(sorted((table.projects[i].id, table.projects[j].id))) for i, j in zip(scored.i, scored.j, strict=True)
    }
    inside = set()
    for group in groups:
        assert 2 <= len(group.projects) <= MAX_GROUP
        pairs = {tuple(sorted(pair)) for pair in itertools.combinations(group.projects, 2)}
        assert pairs <= strong  # a clique of strong pairs: no chaining
        assert {tuple(sorted(p.projects)) for p in group.pairs} == pairs
        assert group.score == min(p.score for p in group.pairs) >= round(min_score, 6)
        projects = [dataset.projects[p] for p in group.projects]
        assert group.coordinated == all(
            not set(a.participants).isdisjoint(b.participants) for a, b in itertools.combinations(projects, 2)
        )
        budgets = [p.budget for p in projects if p.budget is not None]
        assert group.combined_budget == (sum(budgets) if budgets else None)
        inside |= pairs
    assert inside == strong
    keys = [(-g.score, g.coordinated) for g in groups]
    assert keys == sorted(keys)


@SETTINGS
@given(spec=specs(), choice=filter_choices())
def test_coverage_and_sector_gaps_are_exactly_the_definition(load_csv, spec, choice) -> None:
    dataset = load_csv(**render(spec))
    filters = filters_for(dataset, spec, choice)
    brute = Brute(spec, choice)
    cells = coverage(dataset, top=0, filters=filters)
    expected = brute.coverage()
    assert {(c.target_group, c.municipality): (c.size, set(c.actors), set(c.projects)) for c in cells} == expected
    uncovered = [c for c in cells if c.uncovered]
    assert cells[: len(uncovered)] == uncovered  # uncovered first, largest first
    assert [c.size for c in uncovered] == sorted((c.size for c in uncovered), reverse=True)
    assert all(c.size and not c.actors and not c.projects for c in uncovered)
    assert {g.municipality for g in sector_gaps(dataset, top=0, filters=filters)} == brute.sector_gaps()


def test_the_strategy_produces_interesting_datasets() -> None:
    """A guard against a strategy that rarely produces gaps, duplicates or sector gaps (derandomised: stable)."""
    seen: dict[str, int] = {"gaps": 0, "projects": 0, "duplicates": 0, "sectors": 0, "filtered duplicates": 0}

    @settings(max_examples=60, deadline=None, database=None, derandomize=True)
    @given(spec=specs(), choice=filter_choices())
    def count(spec: Spec, choice: Choice) -> None:
        brute = Brute(spec)
        seen["gaps"] += bool(brute.actor_gaps())
        seen["projects"] += bool(brute.project_gaps())
        seen["duplicates"] += bool(brute.duplicate_pairs(lambda a, b: 1.0))
        seen["sectors"] += bool(brute.sector_gaps())
        seen["filtered duplicates"] += bool(
            usable(spec, choice)[2] and Brute(spec, choice).duplicate_pairs(lambda a, b: 1.0)
        )

    count()
    assert all(count_ >= 3 for count_ in seen.values()), seen
