"""Project gaps ("no forum") on the sample dataset and on small hand-made datasets.

Expected findings: data/umearegionen/README.md, "Expected results", section 2 ("Project gaps"): the complete
list PG1-PG4 and the near-misses PN1-PN5.
"""

from __future__ import annotations

import math
import re

import pytest

from stakeholders.analyses import project_gaps, resolve_filters

# README section 2 table: the complete list, with the shared cell and the concurrent period.
EXPECTED = {
    "PG1": (("p-sommarjobb", "p-unga-forening"), ("unga",), ("2480",), ("2009-03-01", "2009-12-31")),
    "PG2": (("p-kvinnors-foretag", "p-starta-eget"), ("foretagare",), ("2480",), ("2009-03-01", "2009-12-31")),
    "PG3": (("p-mentor-ingenjorer", "p-vagen-in"), ("akademiker",), ("2480",), ("2009-01-01", "2009-12-31")),
    "PG4": (("p-unga-forening", "p-yrkessvenska-2"), ("nyanlanda",), ("2480",), ("2009-01-01", "2009-12-31")),
}
# README section 2, near-misses (not project gaps).
NEAR_MISSES = {
    "PN1": ("p-anhoriga", "p-kvinnors-foretag"),
    "PN2": ("p-sprak-vannas", "p-sprakcafe-vannas"),
    "PN3": ("p-foretagsam", "p-starta-eget"),
    "PN4": ("p-foretagsam", "p-kvinnors-foretag"),
    "PN5": ("p-yrkessvenska-1", "p-yrkessvenska-2"),
}

PROJECTS_HEADER = "id,name,owner,partners,target_groups,municipalities,start,end\n"
ACTORS = "id,name\n" + "".join(f"{x},{x.upper()}\n" for x in "abcdefgh")


def test_the_hard_coded_expectations_are_the_readmes(sample_readme) -> None:
    for finding, (pair, groups, municipalities, (start, end)) in EXPECTED.items():
        row = sample_readme[finding]
        assert re.findall(r"`([^`]+)`", row) == list(pair)
        assert f"{groups[0]}, {municipalities[0]}" in row and f"{start} – {end}" in row
    for finding, pair in NEAR_MISSES.items():
        assert re.findall(r"`([^`]+)`", sample_readme[finding])[:2] == list(pair)


def test_the_complete_list_is_pg1_to_pg4(sample) -> None:
    found = {g.projects: g for g in project_gaps(sample, top=0)}
    assert set(found) == {pair for pair, *_ in EXPECTED.values()}
    for pair, groups, municipalities, (start, end) in EXPECTED.values():
        gap = found[pair]
        assert gap.shared_target_groups == groups and gap.shared_municipalities == municipalities
        assert (gap.overlap_start, gap.overlap_end) == (start, end)


@pytest.mark.parametrize("finding", sorted(NEAR_MISSES))
def test_no_near_miss_is_reported(sample, finding: str) -> None:
    assert NEAR_MISSES[finding] not in {g.projects for g in project_gaps(sample, top=0)}


def test_ranking_score_and_json(sample) -> None:
    gaps = project_gaps(sample, top=0)
    keys = [(-g.score, g.projects) for g in gaps]
    assert keys == sorted(keys)
    # One shared cell each: 1 + log10(1 + size); PG3 (akademiker, 2480) has 760 people.
    pg3 = next(g for g in gaps if g.projects == ("p-mentor-ingenjorer", "p-vagen-in"))
    assert pg3.score == pytest.approx(1 + math.log10(761), abs=1e-6)
    record = pg3.to_json()
    assert record["kind"] == "projects" and record["projects"] == ["p-mentor-ingenjorer", "p-vagen-in"]
    assert {"kind", "projects", "names", "score", "shared_target_groups", "shared_municipalities"} <= set(record)
    assert record["overlap"] == {"start": "2009-01-01", "end": "2009-12-31"}
    for top in range(1, 5):
        assert project_gaps(sample, top=top) == gaps[:top]


def test_filters(sample) -> None:
    by_group = project_gaps(sample, top=0, filters=resolve_filters(sample, target_groups=["unga"]))
    assert [g.projects for g in by_group] == [("p-sommarjobb", "p-unga-forening")]
    by_orientation = project_gaps(sample, top=0, filters=resolve_filters(sample, orientations=["Validering"]))
    assert [g.projects for g in by_orientation] == [("p-mentor-ingenjorer", "p-vagen-in")]
    assert project_gaps(sample, top=0, filters=resolve_filters(sample, municipalities=["Vännäs"])) == []


@pytest.mark.parametrize(
    ("first", "second", "concurrent"),
    [
        (("2020-01-01", "2020-03-31"), ("2020-03-31", "2020-06-30"), True),  # ends are inclusive: one shared day
        (("2020-01-01", "2020-03-30"), ("2020-03-31", "2020-06-30"), False),
        (("", "2020-03-30"), ("2020-03-31", ""), False),
        (("", ""), ("1999-01-01", "1999-01-01"), True),  # open start and end: unbounded
        (("2020-01-01", ""), ("2030-01-01", "2030-01-02"), True),
        (("", "2020-01-01"), ("1900-01-01", "1900-01-01"), True),
    ],
)
def test_projects_must_be_concurrent(load_csv, first, second, concurrent: bool) -> None:
    dataset = load_csv(
        actors=ACTORS,
        projects=PROJECTS_HEADER + f"p,P,a,,t,m,{first[0]},{first[1]}\nq,Q,b,,t,m,{second[0]},{second[1]}\n",
    )
    gaps = project_gaps(dataset, top=0)
    assert [g.projects for g in gaps] == ([("p", "q")] if concurrent else [])
    if concurrent:
        start = max(first[0] or "0000", second[0] or "0000")
        end = min(first[1] or "9999", second[1] or "9999")
        assert (gaps[0].overlap_start, gaps[0].overlap_end) == (
            None if start == "0000" else start,
            None if end == "9999" else end,
        )


@pytest.mark.parametrize(
    ("extra_projects", "cooperation", "gap"),
    [
        ("", "", True),
        ("", "d,a\n", False),  # partner of q cooperates with owner of p (direction does not matter)
        ("", "c,e\n", True),  # a participant's contact with an outsider is no contact between the projects
        ("", "a,e\ne,b\n", True),  # two steps apart is not contact
        ("r,R,c,d,,,,\n", "", False),  # partners of p and q meet in a third project (no cell, no dates needed)
        ("r,R,e,a; b,,,,\n", "", False),  # owners of p and q are both partners of a third project
    ],
)
def test_any_contact_between_participants_closes_the_gap(load_csv, extra_projects, cooperation, gap) -> None:
    # p: owner a, partner c; q: owner b, partner d.
    files = {"actors": ACTORS, "projects": PROJECTS_HEADER + "p,P,a,c,t,m,,\nq,Q,b,d,t,m,,\n" + extra_projects}
    if cooperation:
        files["cooperation"] = "source,target\n" + cooperation
    dataset = load_csv(**files)
    assert [g.projects for g in project_gaps(dataset, top=0)] == ([("p", "q")] if gap else [])


def test_a_shared_participant_is_contact(load_csv) -> None:
    dataset = load_csv(actors=ACTORS, projects=PROJECTS_HEADER + "p,P,a,c,t,m,,\nq,Q,b,c,t,m,,\n")
    assert project_gaps(dataset, top=0) == []


def test_a_project_owned_by_a_partner_of_the_other_is_not_a_gap(load_csv) -> None:
    dataset = load_csv(actors=ACTORS, projects=PROJECTS_HEADER + "p,P,a,b,t,m,,\nq,Q,b,,t,m,,\n")
    assert project_gaps(dataset, top=0) == []


def test_sharing_a_target_group_and_a_municipality_means_one_common_cell(load_csv) -> None:
    # p serves (t, m1) and (u, m2); q serves (t, m2) and (u, m1): same groups and places, no common cell.
    dataset = load_csv(
        actors=ACTORS,
        projects=PROJECTS_HEADER + "p,P,a,,t,m1,,\np2,P2,a,,u,m2,,\nq,Q,b,,t,m2,,\nq2,Q2,b,,u,m1,,\n",
    )
    assert project_gaps(dataset, top=0) == []
