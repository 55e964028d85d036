"""Coverage of target groups by municipality, and the uncovered cells.

Expected findings: data/umearegionen/README.md, "Expected results", section 5 ("Coverage and uncovered cells"):
the complete list of uncovered cells U1-U3, largest first, and the near-misses.
"""

from __future__ import annotations

import pytest

from stakeholders.analyses import coverage, resolve_filters

# README section 5 table: the complete list of uncovered cells, largest first.
UNCOVERED = {
    "U1": ("utrfodda-kvinnor", "2404", 18),
    "U2": ("funktionsnedsattning", "2409", 4),
    "U3": ("funktionsnedsattning", "2401", 3),
}
# README section 5, near-misses (not uncovered): cell -> (size, serving actors, serving projects).
NEAR_MISSES = {
    ("foretagare", "2403"): (2, ("almi",), ()),
    ("foretagare", "2404"): (4, ("almi",), ()),
    ("foretagare", "2401"): (6, ("almi",), ()),
    ("foretagare", "2409"): (5, ("almi",), ()),
    ("utrfodda-kvinnor", "2401"): (110, (), ("p-jobbsparet",)),
    ("funktionsnedsattning", "2404"): (0, (), ()),
    ("funktionsnedsattning", "2403"): (3, ("fk-umea",), ()),
}


@pytest.fixture(scope="module")
def cells(sample):
    return {(c.target_group, c.municipality): c for c in coverage(sample, top=0)}


def test_the_hard_coded_expectations_are_the_readmes(sample_readme) -> None:
    for finding, (group, municipality, size) in UNCOVERED.items():
        columns = [c.strip() for c in sample_readme[finding].split("|")]
        assert columns[0] == group and columns[1].split()[0] == municipality and int(columns[2]) == size


def test_the_uncovered_cells_come_first_largest_first(sample) -> None:
    ranked = coverage(sample, top=0)
    uncovered = [(c.target_group, c.municipality, c.size) for c in ranked if c.uncovered]
    assert uncovered == [UNCOVERED[u] for u in ("U1", "U2", "U3")]
    assert [(c.target_group, c.municipality, c.size) for c in ranked[:3]] == uncovered
    assert coverage(sample, top=3) == ranked[:3]


@pytest.mark.parametrize("cell", sorted(NEAR_MISSES))
def test_near_misses_are_not_uncovered(cells, cell) -> None:
    size, actors, projects = NEAR_MISSES[cell]
    found = cells[cell]
    assert not found.uncovered
    assert found.size == size and found.actors == actors and found.projects == projects


def test_a_parent_group_does_not_serve_its_sub_groups(sample, cells) -> None:
    # region-vb, viva and p-forstudie list utrikes-fodda (the parent of U1-U3's groups) in those municipalities.
    parent = cells[("utrikes-fodda", "2404")]
    assert {"region-vb", "viva"} <= set(parent.actors) and "p-forstudie" in parent.projects
    assert parent.size is None and not parent.uncovered  # no size known for the parent group
    assert sample.target_groups["utrfodda-kvinnor"].parent == "utrikes-fodda"
    assert cells[("utrfodda-kvinnor", "2404")].uncovered


def test_people_per_actor_and_json(cells) -> None:
    umea_women = cells[("utrfodda-kvinnor", "2480")]
    assert umea_women.size == 2300 and len(umea_women.actors) == 6
    assert umea_women.people_per_actor == round(2300 / 6, 2)
    record = umea_women.to_json()
    assert [k for k in record if k != "uncovered"] == [
        "target_group",
        "municipality",
        "size",
        "actors",
        "projects",
        "people_per_actor",
    ]
    only_projects = cells[("utrfodda-kvinnor", "2401")]
    assert only_projects.people_per_actor is None  # no actor serves it
    assert cells[("utrikes-fodda", "2480")].people_per_actor is None  # size unknown


def test_the_ranking_is_deterministic_and_ties_go_by_id(sample) -> None:
    ranked = coverage(sample, top=0)
    covered = [c for c in ranked if not c.uncovered]
    with_ratio = [c for c in covered if c.people_per_actor is not None]
    assert [c.people_per_actor for c in with_ratio] == sorted((c.people_per_actor for c in with_ratio), reverse=True)
    assert covered[len(with_ratio) :] == [c for c in covered if c.people_per_actor is None]
    assert ranked == coverage(sample, top=0)


def test_filters(sample) -> None:
    filters = resolve_filters(sample, municipalities=["Vindeln"], target_groups=["utrfodda-kvinnor"])
    (cell,) = coverage(sample, top=0, filters=filters)
    assert (cell.target_group, cell.municipality, cell.uncovered) == ("utrfodda-kvinnor", "2404", True)
    # An orientation filter keeps only the serving actors and projects with that orientation.
    filters = resolve_filters(sample, municipalities=["2403"], target_groups=["foretagare"], orientations=["Språk"])
    (cell,) = coverage(sample, top=0, filters=filters)
    assert cell.actors == () and cell.uncovered  # almi (Entreprenörskap) is not counted under Språk


def test_the_latest_year_and_the_largest_size_of_a_year_count(load_csv) -> None:
    dataset = load_csv(
        target_group_sizes="target_group,municipality,size,year\nt,m,10,2020\nt,m,7,2021\nt,m,5,\n"
        "u,m,3,2020\nu,m,9,2020\nu,m,4,2019\n",
        actors="id,name,municipalities,target_groups\na,A,m,t\n",
    )
    found = {c.target_group: c for c in coverage(dataset, top=0)}
    assert found["t"].size == 7 and found["u"].size == 9
    assert found["u"].uncovered and not found["t"].uncovered
