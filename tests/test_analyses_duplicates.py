"""Duplicated efforts on the sample dataset and on small hand-made datasets.

Expected findings: data/umearegionen/README.md, "Expected results", section 3 ("Duplicated efforts"): the complete
list D1-D4 and the near-misses DN1-DN3.
"""

from __future__ import annotations

import re

import pytest

from stakeholders.analyses import duplicate_groups, resolve_filters
from stakeholders.analyses.duplicates import running_together

# README section 3 table: projects -> (cells, all running, combined budget, owners in contact (from the text)).
EXPECTED = {
    "D1": (
        ("p-foretagsam", "p-kvinnors-foretag", "p-starta-eget"),
        (("Entreprenörskap", "foretagare", "2480"),),
        ("2009-03-01", "2009-12-31"),
        2_500_000,
        False,  # "coompanion–nyforetagarcentrum do not"
    ),
    "D2": (
        ("p-sprak-vannas", "p-sprakcafe-vannas"),
        (("Språk", "anhoriga", "2460"), ("Språk", "nyanlanda", "2460")),
        ("2009-09-01", "2010-06-30"),
        880_000,
        True,
    ),
    "D3": (
        ("p-vagen-in", "p-validering-umu"),
        (("Validering", "akademiker", "2480"),),
        ("2008-03-01", "2008-06-30"),
        2_500_000,
        True,
    ),
    "D4": (
        ("p-mentor-ingenjorer", "p-vagen-in"),
        (("Validering", "akademiker", "2480"),),
        ("2009-01-01", "2009-12-31"),
        2_350_000,
        False,
    ),
}
# README section 3, near-misses: sets of projects that must not form a group.
NEAR_MISSES = {
    "DN1": {"p-validering-umu", "p-vagen-in", "p-mentor-ingenjorer"},
    "DN2": {"p-yrkessvenska-1", "p-yrkessvenska-2"},
    "DN3": {"p-mentor-ingenjorer", "p-mentor-skelleftea"},
}
PROJECTS_HEADER = "id,name,owner,orientations,target_groups,municipalities,start,end,budget\n"


def test_the_hard_coded_expectations_are_the_readmes(sample_readme) -> None:
    for finding, (projects, cells, (start, end), budget, _) in EXPECTED.items():
        row = sample_readme[finding]
        assert set(re.findall(r"`([^`]+)`", row)) == set(projects)
        assert f"{start} – {end}" in row and f"{budget:,}".replace(",", " ") in row
        for orientation, group, municipality in cells:
            assert f"{orientation}, {group}, {municipality}" in row
    for finding, projects in NEAR_MISSES.items():
        assert set(re.findall(r"`([^`]+)`", sample_readme[finding])) == projects


def test_the_complete_list_is_d1_to_d4(sample) -> None:
    found = {g.projects: g for g in duplicate_groups(sample, top=0)}
    assert set(found) == {projects for projects, *_ in EXPECTED.values()}
    for projects, cells, (start, end), budget, in_contact in EXPECTED.values():
        group = found[projects]
        assert group.cells == cells
        assert (group.overlap_start, group.overlap_end) == (start, end)
        assert group.combined_budget == budget
        assert group.owners_in_contact is in_contact
        assert group.shared_orientations == tuple(sorted({c[0] for c in cells}))
        assert group.shared_target_groups == tuple(sorted({c[1] for c in cells}))
        assert group.shared_municipalities == tuple(sorted({c[2] for c in cells}))


@pytest.mark.parametrize("finding", sorted(NEAR_MISSES))
def test_no_near_miss_is_a_group(sample, finding: str) -> None:
    groups = [set(g.projects) for g in duplicate_groups(sample, top=0)]
    assert NEAR_MISSES[finding] not in groups


def test_owners_and_json(sample) -> None:
    d1 = next(g for g in duplicate_groups(sample, top=0) if len(g.projects) == 3)
    assert d1.owners == ("almi", "coompanion", "nyforetagarcentrum")
    record = d1.to_json()
    for key in (
        "projects",
        "owners",
        "score",
        "shared_orientations",
        "shared_target_groups",
        "shared_municipalities",
        "overlap",
        "combined_budget",
        "owners_in_contact",
    ):
        assert key in record
    assert record["overlap"] == {"start": "2009-03-01", "end": "2009-12-31"}
    assert record["projects"] == ["p-foretagsam", "p-kvinnors-foretag", "p-starta-eget"]


def test_ranking_and_top(sample) -> None:
    groups = duplicate_groups(sample, top=0)
    keys = [(-g.score, g.projects) for g in groups]
    assert keys == sorted(keys)
    assert groups[0].projects == EXPECTED["D1"][0]  # three projects score highest
    for top in range(1, 5):
        assert duplicate_groups(sample, top=top) == groups[:top]


def test_the_score_formula(load_csv) -> None:
    # docs/analyses.md: (n - 1) x (0.5 + 0.5 x facet overlap) x (0.5 + 0.5 x period overlap).
    # p: o1; t; m, 2020-01-01..2020-01-10; q: o1, o2; t; m, 2020-01-06..2020-01-15.
    # facets: orientations 1/2, target groups 1, municipalities 1 -> 5/6; period: 5 common days of 15.
    dataset = load_csv(
        actors="id,name\na,A\nb,B\n",
        projects=PROJECTS_HEADER + "p,P,a,o1,t,m,2020-01-01,2020-01-10,\nq,Q,b,o1; o2,t,m,2020-01-06,2020-01-15,\n",
    )
    (group,) = duplicate_groups(dataset, top=0)
    assert group.score == pytest.approx(1 * (0.5 + 0.5 * 5 / 6) * (0.5 + 0.5 * 5 / 15), abs=1e-6)
    assert group.combined_budget is None and group.owners_in_contact is False


def test_the_orientation_filter_keeps_only_cells_of_that_orientation(load_csv) -> None:
    """Regression: with --orientation Språk, two projects that also share Föreningsliv were reported for it."""
    dataset = load_csv(
        actors="id,name\na,A\nb,B\n",
        projects=PROJECTS_HEADER + "p,P,a,Språk; Föreningsliv,t,m,,,\nq,Q,b,Språk; Föreningsliv,t,m,,,\n",
    )
    (group,) = duplicate_groups(dataset, top=0, filters=resolve_filters(dataset, orientations=["Språk"]))
    assert group.cells == (("Språk", "t", "m"),)
    assert group.shared_orientations == ("Språk",)


def test_filters_on_the_sample(sample) -> None:
    def projects(**filters):
        return [g.projects for g in duplicate_groups(sample, top=0, filters=resolve_filters(sample, **filters))]

    assert projects(municipalities=["Vännäs"]) == [EXPECTED["D2"][0]]
    assert projects(target_groups=["Nyanlända flyktingar"]) == [EXPECTED["D2"][0]]
    assert sorted(projects(orientations=["validering"])) == sorted([EXPECTED["D3"][0], EXPECTED["D4"][0]])


def test_a_set_found_in_several_cells_is_one_group(load_csv) -> None:
    dataset = load_csv(
        actors="id,name\na,A\nb,B\n",
        projects=PROJECTS_HEADER + "p,P,a,o,t; u,m; n,,,\nq,Q,b,o,t; u,m; n,,,\n",
    )
    (group,) = duplicate_groups(dataset, top=0)
    assert group.cells == (("o", "t", "m"), ("o", "t", "n"), ("o", "u", "m"), ("o", "u", "n"))


def test_groups_are_not_chained(load_csv) -> None:
    # p-q overlap in cell (o, t, m1), q-r in (o, t, m2): two groups, never {p, q, r}.
    dataset = load_csv(
        actors="id,name\na,A\n",
        projects=PROJECTS_HEADER + "p,P,a,o,t,m1,,,\nq,Q,a,o,t,m1; m2,,,\nr,R,a,o,t,m2,,,\n",
    )
    groups = duplicate_groups(dataset, top=0)
    assert sorted(g.projects for g in groups) == [("p", "q"), ("q", "r")]
    assert all(g.owners_in_contact for g in groups)  # one owner: nobody to lack contact with


def _project(project_id: str, start: str | None, end: str | None):
    import datetime as dt

    from stakeholders.model import Project

    def day(text: str | None):
        return dt.date.fromisoformat(text) if text else None

    return Project(id=project_id, name=project_id, owner="a", start=day(start), end=day(end))


@pytest.mark.parametrize(
    ("periods", "expected"),
    [
        # following each other: repeated, not duplicated (DN2)
        ({"a": ("2006-01-01", "2007-12-31"), "b": ("2008-01-01", "2009-12-31")}, []),
        # ends inclusive: one shared day is a common moment
        ({"a": ("2006-01-01", "2007-12-31"), "b": ("2007-12-31", "2009-12-31")}, [{"a", "b"}]),
        # chain a-b, b-c without a common moment of all three (DN1): two groups
        (
            {"a": ("2007-01-01", "2008-06-30"), "b": ("2008-03-01", "2009-12-31"), "c": ("2009-01-01", "2010-12-31")},
            [{"a", "b"}, {"b", "c"}],
        ),
        # open periods
        ({"a": (None, None), "b": (None, "2000-01-01"), "c": ("2001-01-01", None)}, [{"a", "b"}, {"a", "c"}]),
        # nested: one group of three
        (
            {"a": ("2000-01-01", "2000-12-31"), "b": ("2000-02-01", "2000-03-01"), "c": ("2000-02-15", "2000-02-20")},
            [{"a", "b", "c"}],
        ),
        # same start day, same end day
        ({"a": ("2000-01-01", "2000-01-01"), "b": ("2000-01-01", "2000-01-01")}, [{"a", "b"}]),
    ],
)
def test_running_together_finds_the_maximal_sets(periods, expected) -> None:
    projects = [_project(p, *period) for p, period in periods.items()]
    found = running_together(projects)
    assert sorted(map(sorted, found)) == sorted(map(sorted, expected))
    assert sorted(map(sorted, running_together(projects[::-1]))) == sorted(map(sorted, expected))
