"""The synthetic dataset generator: same seed same bytes, valid output, planted findings that are true.

The planted findings are checked against the definitions of docs/analyses.md (issue 3) with small, independent
code written here (brute force over the small datasets), and then against the analyses themselves.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import random
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from stakeholders import Dataset, load_dataset, load_with_warnings
from stakeholders.cli import main
from stakeholders.errors import ExitCode, OutputError, UsageError
from stakeholders.generate import PLANTED_FILE, GeneratedDataset, generate_dataset
from stakeholders.generate.texts import vocabulary_size
from stakeholders.generate.vocabulary import BROAD_ORIENTATIONS
from stakeholders.model import Project, contact_graph
from stakeholders.schema import Sector

ACTORS, PROJECTS, SEED = 300, 150, 7


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> GeneratedDataset:
    return generate_dataset(tmp_path_factory.mktemp("gen") / "out", ACTORS, PROJECTS, seed=SEED)


@pytest.fixture(scope="module")
def dataset(generated: GeneratedDataset) -> Dataset:
    return load_dataset(generated.dataset)


@pytest.fixture(scope="module")
def planted(generated: GeneratedDataset) -> dict:
    return json.loads((generated.directory / PLANTED_FILE).read_text(encoding="utf-8"))


# -- the same seed, the same bytes ---------------------------------------------------------


def test_same_seed_gives_the_same_bytes(tmp_path: Path, generated: GeneratedDataset) -> None:
    again = generate_dataset(tmp_path / "again", ACTORS, PROJECTS, seed=SEED)
    assert digests(again.directory) == digests(generated.directory)
    assert again.planted == generated.planted


def test_another_seed_gives_other_data(tmp_path: Path, generated: GeneratedDataset) -> None:
    other = digests(generate_dataset(tmp_path / "other", ACTORS, PROJECTS, seed=SEED + 1).directory)
    mine = digests(generated.directory)
    assert other["actors.csv"] != mine["actors.csv"]
    assert other["cooperation.csv"] != mine["cooperation.csv"]
    assert other["projects.csv"] != mine["projects.csv"]


def test_the_workbook_has_the_same_bytes_for_the_same_seed(tmp_path: Path) -> None:
    first = generate_dataset(tmp_path / "x1", 120, 40, seed=3, xlsx=True)
    second = generate_dataset(tmp_path / "x2", 120, 40, seed=3, xlsx=True)
    assert digests(first.directory) == digests(second.directory)
    assert sorted(p.name for p in first.directory.iterdir()) == ["dataset.xlsx", "planted.json"]


# -- a valid dataset with the requested counts -----------------------------------------------


def test_the_output_validates_with_the_requested_counts(generated: GeneratedDataset) -> None:
    dataset, warnings = load_with_warnings(generated.dataset)
    assert warnings == []
    assert (len(dataset.actors), len(dataset.projects)) == (ACTORS, PROJECTS)
    assert len(dataset.municipalities) == generated.counts["municipalities"] == 12
    assert len(dataset.cooperations) == generated.counts["cooperation"] > ACTORS // 2
    assert len(dataset.fundings) == generated.counts["funding"] > 0
    assert len(dataset.target_group_sizes) == generated.counts["target_group_sizes"]
    assert {a.sector for a in dataset.actors.values()} == set(Sector)
    assert sum(a.all_municipalities for a in dataset.actors.values()) >= 1  # a few region-wide actors


def test_explicit_municipalities_and_files(tmp_path: Path) -> None:
    result = generate_dataset(tmp_path / "m", 200, 60, municipalities=30, seed=1)
    dataset = load_dataset(result.dataset)
    assert (len(dataset.actors), len(dataset.projects), len(dataset.municipalities)) == (200, 60, 30)
    names = sorted(p.name for p in result.files)
    assert names == sorted(
        [f"{n}.csv" for n in ("actors", "projects", "municipalities", "target_groups")]
        + ["target_group_sizes.csv", "cooperation.csv", "funding.csv", "planted.json"]
    )


def test_the_workbook_loads_to_the_same_dataset_as_the_csv_files(tmp_path: Path, generated: GeneratedDataset) -> None:
    workbook = generate_dataset(tmp_path / "xlsx", ACTORS, PROJECTS, seed=SEED, xlsx=True)
    assert workbook.dataset == workbook.directory / "dataset.xlsx"
    from_csv, from_xlsx = load_dataset(generated.dataset), load_dataset(workbook.dataset)
    for table in ("actors", "projects", "municipalities", "target_groups"):
        assert dict(getattr(from_xlsx, table)) == dict(getattr(from_csv, table)), table
    for table in ("target_group_sizes", "cooperations", "fundings"):
        assert getattr(from_xlsx, table) == getattr(from_csv, table), table
    assert workbook.planted == generated.planted


def test_realistic_shape(dataset: Dataset) -> None:
    populations = sorted(m.population for m in dataset.municipalities.values())
    assert populations[-1] > 3 * populations[len(populations) // 2]  # skewed
    for m in dataset.municipalities.values():
        assert 0 < m.foreign_born < m.population and m.expected_arrivals is not None
    for p in dataset.projects.values():
        assert p.start is not None and (p.end is None or p.start <= p.end)
        assert p.owner not in p.partners and len(set(p.partners)) == len(p.partners)
        assert p.budget and p.budget > 0 and p.orientations and p.target_groups and p.municipalities
    pairs = [frozenset((c.source, c.target)) for c in dataset.cooperations]
    assert all(len(pair) == 2 for pair in pairs) and len(set(pairs)) == len(pairs)  # no self, no repeats
    funders = {f.funder for f in dataset.fundings}
    assert all(dataset.actors[f].type == "funder" for f in funders)


def test_the_contact_network_is_heavy_tailed(tmp_path: Path) -> None:
    dataset = load_dataset(generate_dataset(tmp_path / "net", 3000, 1500, seed=2).dataset)
    degrees = sorted((d for _, d in contact_graph(dataset).degree()), reverse=True)
    median = degrees[len(degrees) // 2]
    assert median <= 4  # most actors have few contacts
    assert degrees[0] >= 15 * max(median, 1)  # some hubs


def random_projects(dataset: Dataset, planted: dict) -> list[Project]:
    _, mine = planted_records(dataset, planted)
    return [p for p in dataset.projects.values() if p.id not in mine]


def test_unrelated_projects_say_different_things(dataset: Dataset, planted: dict) -> None:
    """Names and descriptions of 1-3 sentences from a vocabulary of several hundred words."""
    assert vocabulary_size() >= 400
    projects = random_projects(dataset, planted)
    assert len({p.name for p in projects}) >= 0.9 * len(projects)
    assert len({p.description for p in projects}) >= 0.95 * len(projects)
    assert all(1 <= p.description.count(". ") + 1 <= 3 and p.description.endswith(".") for p in projects)
    draw = random.Random(1)
    overlaps = sorted(word_overlap(*draw.sample(projects, 2)) for _ in range(2000))
    assert sum(overlaps) / len(overlaps) < 0.1 and overlaps[int(0.9 * len(overlaps))] < 0.25


def test_every_project_carries_one_broad_orientation(dataset: Dataset) -> None:
    counts = Counter(o for p in dataset.projects.values() for o in p.orientations if o in BROAD_ORIENTATIONS)
    assert sum(counts.values()) == len(dataset.projects)  # one each
    assert all(sum(o in BROAD_ORIENTATIONS for o in p.orientations) == 1 for p in dataset.projects.values())
    assert all(p.orientations[0] not in BROAD_ORIENTATIONS for p in dataset.projects.values())  # a specific one too
    assert min(counts[o] for o in BROAD_ORIENTATIONS) >= 0.1 * len(dataset.projects)


def test_county_bodies_are_partners_in_many_projects(dataset: Dataset, planted: dict) -> None:
    planted_places = set(planted["planted_municipalities"])
    random_places = set(dataset.municipalities) - planted_places
    region = {m.id: m.region for m in dataset.municipalities.values()}
    bodies = [a for a in dataset.actors.values() if a.type in ("region", "county board")]
    assert {a.type for a in bodies} == {"region", "county board"}
    partner_in = Counter(x for p in dataset.projects.values() for x in p.partners)
    for body in bodies:
        county = {region[m] for m in body.municipalities}
        assert len(county) == 1  # all the random municipalities of its county
        assert set(body.municipalities) == {m for m in random_places if region[m] in county}
        assert partner_in[body.id] >= 0.05 * len(dataset.projects)


def test_duplicates_are_rare_in_the_random_part(tmp_path: Path) -> None:
    """At the default threshold a few percent of the projects are flagged, the planted groups among them."""
    module = pytest.importorskip("stakeholders.analyses.duplicates")
    generated = generate_dataset(tmp_path / "dup", 2000, 1000, seed=3)
    dataset = load_dataset(generated.dataset)
    groups = module.duplicate_groups(dataset, top=0)
    flagged = {p for g in groups for p in g.projects}
    assert len(flagged) < 0.1 * len(dataset.projects)
    assert {frozenset(g) for g in generated.planted.duplicates} <= {frozenset(g.projects) for g in groups}


# -- the planted findings satisfy the definitions (independent brute force) -----------------------


def cells(record) -> set[tuple[str, str]]:
    return {(t, m) for t in record.target_groups for m in record.municipalities}


def days(project: Project) -> tuple[dt.date, dt.date]:
    return project.start or dt.date.min, project.end or dt.date.max


def concurrent(a: Project, b: Project) -> bool:
    (start_a, end_a), (start_b, end_b) = days(a), days(b)
    return start_a <= end_b and start_b <= end_a


def project_gap(dataset: Dataset, graph, a: Project, b: Project) -> bool:
    shared = {
        (t, m)
        for t in set(a.target_groups) & set(b.target_groups)
        for m in set(a.municipalities) & set(b.municipalities)
    }
    touching = any(x == y or graph.has_edge(x, y) for x in a.participants for y in b.participants)
    return bool(shared) and concurrent(a, b) and not touching


MIN_OVERLAP_DAYS = 90  # docs/analyses.md, "Duplicated efforts"


def duplicate_candidate(a: Project, b: Project) -> bool:
    """A candidate pair of duplicated efforts (the definition, brute force): a shared municipality and target
    group, and running together for 90 days (or half the shorter project, if that is less)."""
    if not (set(a.municipalities) & set(b.municipalities) and set(a.target_groups) & set(b.target_groups)):
        return False
    (start_a, end_a), (start_b, end_b) = days(a), days(b)
    together = (min(end_a, end_b) - max(start_a, start_b)).days + 1
    shorter = min((end_a - start_a).days, (end_b - start_b).days) + 1
    return together >= min(MIN_OVERLAP_DAYS, shorter / 2)


def words(project: Project) -> set[str]:
    """The words of four letters or more of a project's name and description, case folded."""
    return {w for w in re.findall(r"\w+", f"{project.name} {project.description}".casefold()) if len(w) >= 4}


def word_overlap(a: Project, b: Project) -> float:
    """Jaccard overlap of the two projects' words."""
    x, y = words(a), words(b)
    return len(x & y) / len(x | y) if x | y else 0.0


def planted_records(dataset: Dataset, planted: dict) -> tuple[set[str], set[str]]:
    places = set(planted["planted_municipalities"])
    actors = {
        a.id
        for a in dataset.actors.values()
        if a.municipalities and set(a.municipalities) <= places and not a.all_municipalities
    }
    projects = {p.id for p in dataset.projects.values() if set(p.municipalities) <= places and not p.all_municipalities}
    return actors, projects


def test_planted_actor_gaps_share_a_cell_and_have_no_contact(dataset: Dataset, planted: dict) -> None:
    graph = contact_graph(dataset)
    assert len(planted["actor_gaps"]) >= 3
    for a, b in planted["actor_gaps"]:
        assert cells(dataset.actors[a]) & cells(dataset.actors[b])
        assert not graph.has_edge(a, b)
    for a, b, introducer in planted["introducers"]:
        assert [a, b] in planted["actor_gaps"] and graph.has_edge(a, introducer) and graph.has_edge(introducer, b)


def test_every_gap_of_a_planted_actor_is_listed(dataset: Dataset, planted: dict) -> None:
    graph = contact_graph(dataset)
    mine, _ = planted_records(dataset, planted)
    found = {
        tuple(sorted((a.id, b.id)))
        for a in (dataset.actors[i] for i in mine)
        for b in dataset.actors.values()
        if a.id != b.id and cells(a) & cells(b) and not graph.has_edge(a.id, b.id)
    }
    assert found == {tuple(pair) for pair in planted["actor_gaps"]}


def test_planted_project_gaps_are_exactly_the_gaps_of_planted_projects(dataset: Dataset, planted: dict) -> None:
    graph = contact_graph(dataset)
    _, mine = planted_records(dataset, planted)
    projects = dataset.projects
    for a, b in planted["project_gaps"]:
        assert project_gap(dataset, graph, projects[a], projects[b])
    found = {
        tuple(sorted((a, b.id)))
        for a in mine
        for b in projects.values()
        if a != b.id and project_gap(dataset, graph, projects[a], b)
    }
    assert found == {tuple(pair) for pair in planted["project_gaps"]}
    assert len(found) >= 2


def test_the_candidates_of_planted_projects_are_the_planted_duplicates_and_project_gaps(
    dataset: Dataset, planted: dict
) -> None:
    """Whom, where and when: a planted project is a candidate duplicate only of its group or its gap partner."""
    _, mine = planted_records(dataset, planted)
    projects = dataset.projects
    found = {
        tuple(sorted((a, b.id)))
        for a in mine
        for b in projects.values()
        if a != b.id and duplicate_candidate(projects[a], b)
    }
    in_groups = {tuple(sorted(pair)) for group in planted["duplicates"] for pair in itertools.combinations(group, 2)}
    assert found == in_groups | {tuple(pair) for pair in planted["project_gaps"]}
    for group in planted["duplicates"]:
        members = [projects[p] for p in group]
        assert max(days(p)[0] for p in members) + dt.timedelta(days=365) <= min(days(p)[1] for p in members)
        assert set.intersection(*(set(p.orientations) for p in members))  # one specific and one broad orientation


def test_planted_duplicates_say_alike_what_they_do_and_project_gaps_do_not(dataset: Dataset, planted: dict) -> None:
    """What: similar, not identical texts in a group; texts of their own for a project gap's two projects."""
    projects = dataset.projects
    for group in planted["duplicates"]:
        members = [projects[p] for p in group]
        assert len({p.name for p in members}) == len(members)  # not identical
        assert len({p.description for p in members}) == len(members)
        for a, b in itertools.combinations(members, 2):
            assert word_overlap(a, b) >= 0.2, (a.name, b.name)
    in_groups = {p for group in planted["duplicates"] for p in group}
    for a, b in planted["project_gaps"]:
        if a not in in_groups:
            assert word_overlap(projects[a], projects[b]) <= 0.15, (projects[a].name, projects[b].name)
            assert not set(projects[a].orientations) & set(projects[b].orientations)


def sector_gap_municipalities(dataset: Dataset) -> set[str]:
    graph = contact_graph(dataset)
    found = set()
    for m in dataset.municipalities:
        public = [a.id for a in dataset.actors.values() if a.sector is Sector.PUBLIC and a.municipalities == (m,)]
        private = [a.id for a in dataset.actors.values() if a.sector is Sector.PRIVATE and m in a.municipalities]
        if public and private and not any(graph.has_edge(p, q) for p in public for q in private):
            found.add(m)
    return found


def test_planted_sector_gaps_are_the_only_ones(dataset: Dataset, planted: dict) -> None:
    assert sector_gap_municipalities(dataset) == set(planted["sector_gaps"])
    assert len(planted["sector_gaps"]) >= 2


def test_planted_uncovered_cells_are_the_uncovered_planted_cells(dataset: Dataset, planted: dict) -> None:
    served = set().union(*(cells(r) for table in (dataset.actors, dataset.projects) for r in table.values()))
    sizes = {(s.target_group, s.municipality): s.size for s in dataset.target_group_sizes}
    uncovered = {cell for cell, size in sizes.items() if size > 0 and cell not in served}
    mine = {cell for cell in uncovered if cell[0] in planted["planted_target_groups"]}
    assert mine == {tuple(cell) for cell in planted["uncovered"]} and len(mine) >= 3


def test_the_random_part_never_uses_planted_target_groups(dataset: Dataset, planted: dict) -> None:
    mine_actors, mine_projects = planted_records(dataset, planted)
    groups = set(planted["planted_target_groups"])
    for table, mine in ((dataset.actors, mine_actors), (dataset.projects, mine_projects)):
        for record in table.values():
            if record.id not in mine:
                assert not groups & set(record.target_groups), record.id


# -- the analyses find the planted findings (they run as soon as the analyses exist) -------------


def test_actor_gaps_finds_the_planted_pairs(dataset: Dataset, planted: dict) -> None:
    gaps = pytest.importorskip("stakeholders.analyses.gaps")
    found = {tuple(g.to_json()["actors"]) for g in gaps.actor_gaps(dataset, top=0)}
    assert {tuple(pair) for pair in planted["actor_gaps"]} <= found
    by_pair = {tuple(g.to_json()["actors"]): g.to_json() for g in gaps.actor_gaps(dataset, top=0)}
    for a, b, introducer in planted["introducers"]:
        assert by_pair[(a, b)]["distance"] == 2 and introducer in by_pair[(a, b)]["introducers"]


def test_project_gaps_finds_the_planted_pairs(dataset: Dataset, planted: dict) -> None:
    module = pytest.importorskip("stakeholders.analyses.project_gaps")
    found = {tuple(g.to_json()["projects"]) for g in module.project_gaps(dataset, top=0)}
    _, mine = planted_records(dataset, planted)
    assert {pair for pair in found if set(pair) & mine} == {tuple(pair) for pair in planted["project_gaps"]}


def test_sector_gaps_finds_the_planted_municipalities(dataset: Dataset, planted: dict) -> None:
    module = pytest.importorskip("stakeholders.analyses.sector_gaps")
    assert {g.to_json()["municipality"] for g in module.sector_gaps(dataset, top=0)} == set(planted["sector_gaps"])


def test_duplicates_finds_the_planted_groups(dataset: Dataset, planted: dict) -> None:
    module = pytest.importorskip("stakeholders.analyses.duplicates")
    found = {frozenset(g.to_json()["projects"]) for g in module.duplicate_groups(dataset, top=0)}
    _, mine = planted_records(dataset, planted)
    assert {g for g in found if g & mine} == {frozenset(g) for g in planted["duplicates"]}


def test_coverage_finds_the_planted_uncovered_cells(dataset: Dataset, planted: dict) -> None:
    module = pytest.importorskip("stakeholders.analyses.coverage")
    rows = [c.to_json() for c in module.coverage(dataset, top=0)]
    uncovered = {
        (r["target_group"], r["municipality"]) for r in rows if r["size"] and not r["actors"] and not r["projects"]
    }
    assert {tuple(cell) for cell in planted["uncovered"]} <= uncovered
    assert {c for c in uncovered if c[0] in planted["planted_target_groups"]} == {
        tuple(c) for c in planted["uncovered"]
    }


# -- refusing, all or nothing -------------------------------------------------------------------


def test_refuses_a_non_empty_folder_and_leaves_it_alone(tmp_path: Path) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    with pytest.raises(OutputError, match="not empty"):
        generate_dataset(target, 100, 20)
    assert [p.name for p in target.iterdir()] == ["keep.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["busy"]  # no staging folder left behind


def test_refuses_a_file_and_accepts_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError):
        generate_dataset(tmp_path / "file", 100, 20)
    (tmp_path / "empty").mkdir()
    result = generate_dataset(tmp_path / "empty", 100, 20)
    assert len(load_dataset(result.dataset).actors) == 100
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "file"]


def test_creates_missing_parent_folders(tmp_path: Path) -> None:
    result = generate_dataset(tmp_path / "a" / "b" / "c", 100, 20)
    assert (result.directory / "actors.csv").is_file()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"actors": 10, "projects": 20}, "--actors must be at least"),
        ({"actors": 300, "projects": 2}, "--projects must be at least"),
        ({"actors": 300, "projects": 20, "municipalities": 3}, "--municipalities must be at least"),
        ({"actors": 300, "projects": 20, "seed": -1}, "seed"),
    ],
)
def test_sizes_too_small_for_the_planted_findings(tmp_path: Path, kwargs: dict, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        generate_dataset(tmp_path / "small", **kwargs)
    assert not (tmp_path / "small").exists()


# -- the command --------------------------------------------------------------------------------


def test_the_command_writes_a_dataset_that_validates(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "cli"
    result = runner.invoke(main, ["generate", "--actors", "200", "--seed", "5", "-o", str(out)])
    assert result.exit_code == ExitCode.OK, result.output
    assert "200 actors, 100 projects" in result.stdout and "actor gaps" in result.stdout
    assert runner.invoke(main, ["validate", str(out), "--format", "json"]).exit_code == ExitCode.OK
    again = runner.invoke(main, ["generate", "--actors", "200", "-o", str(out)])
    assert again.exit_code == ExitCode.OUTPUT and "not empty" in again.stderr
    small = runner.invoke(main, ["generate", "--actors", "20", "-o", str(tmp_path / "tiny")])
    assert small.exit_code == ExitCode.INVALID_DATA and "--actors must be at least" in small.stderr


def test_the_command_writes_a_workbook(tmp_path: Path) -> None:
    out = tmp_path / "wb"
    result = CliRunner().invoke(main, ["generate", "--actors", "100", "--projects", "30", "-o", str(out), "--xlsx"])
    assert result.exit_code == ExitCode.OK, result.output
    assert len(load_dataset(out / "dataset.xlsx").projects) == 30
