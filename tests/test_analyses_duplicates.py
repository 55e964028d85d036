"""Duplicated efforts on the sample dataset and on small hand-made datasets.

Expected findings: data/umearegionen/README.md, "Expected results", section 3 ("Duplicated efforts"): the complete
list D1-D4 and the near-misses DN1-DN3. Score formula: stakeholders/analyses/duplicate_pairs.py and
docs/analyses.md ("Duplicated efforts").
"""

from __future__ import annotations

import math
import re

import pytest

from stakeholders.analyses import duplicate_groups, resolve_filters
from stakeholders.analyses.duplicate_pairs import MIN_OVERLAP_DAYS
from stakeholders.analyses.duplicates import MAX_GROUP

# README section 3 table: projects -> (shared orientation, target groups, municipality; all running; combined budget;
# coordinated (from the text: D3's projects share the partner umea-vux)).
EXPECTED = {
    "D1": (
        ("p-foretagsam", "p-kvinnors-foretag", "p-starta-eget"),
        ("Entreprenörskap", ("foretagare",), "2480"),
        ("2009-03-01", "2009-12-31"),
        2_500_000,
        False,
    ),
    "D2": (
        ("p-sprak-vannas", "p-sprakcafe-vannas"),
        ("Språk", ("anhoriga", "nyanlanda"), "2460"),
        ("2009-09-01", "2010-06-30"),
        880_000,
        False,
    ),
    "D3": (
        ("p-vagen-in", "p-validering-umu"),
        ("Validering", ("akademiker",), "2480"),
        ("2008-03-01", "2008-12-31"),
        2_500_000,
        True,
    ),
    "D4": (
        ("p-mentor-ingenjorer", "p-vagen-in"),
        ("Validering", ("akademiker",), "2480"),
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
PROJECTS_HEADER = "id,name,owner,partners,orientations,target_groups,municipalities,start,end,description\n"
ACTORS = "id,name\na,A\nb,B\nc,C\nd,D\n"


def test_the_hard_coded_expectations_are_the_readmes(sample_readme) -> None:
    for finding, (projects, (orientation, groups, municipality), (start, end), budget, _) in EXPECTED.items():
        row = sample_readme[finding]
        assert set(re.findall(r"`([^`]+)`", row)) == set(projects)
        assert f"{start} – {end}" in row and f"{budget:,}".replace(",", " ") in row
        assert f"({orientation}, {' and '.join(groups)}, {municipality})" in row
    for finding, projects in NEAR_MISSES.items():
        assert set(re.findall(r"`([^`]+)`", sample_readme[finding])) == projects


def test_the_complete_list_is_d1_to_d4(sample) -> None:
    found = {g.projects: g for g in duplicate_groups(sample, top=0)}
    assert set(found) == {projects for projects, *_ in EXPECTED.values()}
    for projects, (orientation, groups, municipality), (start, end), budget, coordinated in EXPECTED.values():
        group = found[projects]
        assert (group.overlap_start, group.overlap_end) == (start, end)
        assert group.combined_budget == budget
        assert group.coordinated is coordinated
        assert group.shared_orientations == (orientation,)
        assert group.shared_target_groups == groups
        assert group.shared_municipalities == (municipality,)
        assert 0.5 <= group.score <= 1 and group.score == min(p.score for p in group.pairs)
        assert len(group.pairs) == math.comb(len(projects), 2)


@pytest.mark.parametrize("finding", sorted(NEAR_MISSES))
def test_no_near_miss_is_a_group(sample, finding: str) -> None:
    groups = [set(g.projects) for g in duplicate_groups(sample, top=0)]
    assert NEAR_MISSES[finding] not in groups


def test_json_fields(sample) -> None:
    d1 = next(g for g in duplicate_groups(sample, top=0) if len(g.projects) == 3)
    assert d1.owners == ("almi", "coompanion", "nyforetagarcentrum")
    record = d1.to_json()
    # The fields the issue names, plus the evidence kept from before.
    for key in (
        "projects",
        "score",
        "similarity",
        "shared_orientations",
        "shared_target_groups",
        "shared_municipalities",
        "overlap_months",
        "coordinated",
        "reason",
        "pairs",
        "owners",
        "overlap",
        "combined_budget",
    ):
        assert key in record
    assert record["overlap"] == {"start": "2009-03-01", "end": "2009-12-31"}
    assert record["overlap_months"] == pytest.approx(10.1, abs=0.05)  # 2009-03-01..2009-12-31: 306 days
    assert record["projects"] == ["p-foretagsam", "p-kvinnors-foretag", "p-starta-eget"]
    assert {tuple(p["projects"]) for p in record["pairs"]} == {
        ("p-foretagsam", "p-kvinnors-foretag"),
        ("p-foretagsam", "p-starta-eget"),
        ("p-kvinnors-foretag", "p-starta-eget"),
    }
    assert "Entreprenörskap" in record["reason"] and "Umeå" in record["reason"]


def test_reason_in_swedish(sample) -> None:
    (group, *_) = duplicate_groups(sample, top=1, lang="sv")
    assert "liknande texter" in group.reason and "månader" in group.reason


def test_ranking_and_top(sample) -> None:
    groups = duplicate_groups(sample, top=0)
    keys = [(-g.score, g.coordinated) for g in groups]
    assert keys == sorted(keys)
    for top in range(1, 5):
        assert duplicate_groups(sample, top=top) == groups[:top]


def _two(load_csv, p: str, q: str, **more: str):
    return load_csv(actors=ACTORS, projects=PROJECTS_HEADER + p + "\n" + q + "\n" + "".join(more.values()))


def test_the_score_formula(load_csv) -> None:
    # duplicate_pairs.py: score = (s + (1 - s) x 0.5 x context) x sqrt(min(1, overlap / min(shorter, 365))).
    # Two projects of two: every shared value has specificity 1 (specificity.py: n <= 2), so context = 1;
    # identical texts: s = 1. Overlap 2020-01-01..2020-06-30 = 182 days; shorter (p) 182 days -> time 1.
    dataset = _two(
        load_csv,
        "p,Språkcafé,a,,o,t,m,2020-01-01,2020-06-30,för nyanlända",
        "q,Språkcafé,b,,o,t,m,2020-01-01,2021-12-31,för nyanlända",
    )
    (group,) = duplicate_groups(dataset, top=0)
    assert group.similarity == pytest.approx(1.0, abs=1e-6)
    assert group.score == pytest.approx(1.0, abs=1e-6)
    # Texts that share nothing (s = 0): the context alone gives 0.5, below the default threshold...
    unrelated = _two(
        load_csv,
        "p,xxxx,a,,o,t,m,2020-01-01,2020-06-30,",
        "q,yyyy,b,,o,t,m,2020-01-01,2021-12-31,",
    )
    (pair,) = duplicate_groups(unrelated, top=0, min_score=0.0)[0].pairs
    assert pair.similarity == 0 and pair.score == pytest.approx(0.5, abs=1e-6)
    # ... and half a year of overlap with a two-year project: time = sqrt(182 / 365).
    half = _two(
        load_csv,
        "p,Språkcafé,a,,o,t,m,2020-01-01,2021-12-31,",
        "q,Språkcafé,b,,o,t,m,2021-07-03,2023-12-31,",
    )
    (group,) = duplicate_groups(half, top=0, min_score=0.0)
    assert group.score == pytest.approx(math.sqrt(182 / 365), abs=1e-6)


def test_a_few_weeks_of_overlap_is_not_a_parallel_effort(load_csv) -> None:
    overlap_days = MIN_OVERLAP_DAYS - 30
    dataset = _two(
        load_csv,
        "p,P,a,,o,t,m,2020-01-01,2021-12-31,språkcafé",
        f"q,Q,b,,o,t,m,2021-{12 - overlap_days // 30 + 1:02d}-01,2023-12-31,språkcafé",
    )
    assert duplicate_groups(dataset, top=0, min_score=0.0) == []


def test_shared_owner_or_partner_is_coordinated(load_csv) -> None:
    dataset = _two(
        load_csv,
        "p,P,a,c,o,t,m,2020-01-01,2020-12-31,språkcafé",
        "q,Q,b,c,o,t,m,2020-01-01,2020-12-31,språkcafé",
    )
    (group,) = duplicate_groups(dataset, top=0)
    assert group.coordinated and group.pairs[0].coordinated


def test_uncoordinated_rank_above_coordinated_of_the_same_score(load_csv) -> None:
    rows = [
        "p,Språkcafé,a,c,o,t,m,2020-01-01,2020-12-31,",
        "q,Språkcafé,b,c,o,t,m,2020-01-01,2020-12-31,",
        "r,Mentorer,c,,o,t,n,2020-01-01,2020-12-31,",
        "s,Mentorer,d,,o,t,n,2020-01-01,2020-12-31,",
    ]
    dataset = load_csv(actors=ACTORS, projects=PROJECTS_HEADER + "\n".join(rows) + "\n")
    groups = duplicate_groups(dataset, top=0)
    assert [g.projects for g in groups] == [("r", "s"), ("p", "q")]
    assert groups[0].score == groups[1].score


def test_similar_compounds_match_through_character_ngrams(load_csv) -> None:
    # "språkcafé" / "språkkafé" share no word but most of their 3-5 character n-grams.
    dataset = _two(
        load_csv,
        "p,Språkcafé,a,,o,t,m,2020-01-01,2020-12-31,",
        "q,Språkkafé,b,,o,t,m,2020-01-01,2020-12-31,",
    )
    (pair,) = duplicate_groups(dataset, top=0, min_score=0.0)[0].pairs
    assert 0.1 < pair.similarity < 1


def test_the_orientation_filter_keeps_only_projects_of_that_orientation(load_csv) -> None:
    rows = [
        "p,P,a,,Språk,t,m,2020-01-01,2020-12-31,språkcafé",
        "q,Q,b,,Språk,t,m,2020-01-01,2020-12-31,språkcafé",
        "r,R,c,,Mentorskap,t,m,2020-01-01,2020-12-31,språkcafé",
    ]
    dataset = load_csv(actors=ACTORS, projects=PROJECTS_HEADER + "\n".join(rows) + "\n")
    (group,) = duplicate_groups(dataset, top=0, filters=resolve_filters(dataset, orientations=["Språk"]))
    assert group.projects == ("p", "q") and group.shared_orientations == ("Språk",)


def test_filters_on_the_sample(sample) -> None:
    def projects(**filters):
        return [g.projects for g in duplicate_groups(sample, top=0, filters=resolve_filters(sample, **filters))]

    assert projects(municipalities=["Vännäs"]) == [EXPECTED["D2"][0]]
    assert projects(target_groups=["Nyanlända flyktingar"]) == [EXPECTED["D2"][0]]
    assert sorted(projects(orientations=["validering"])) == sorted([EXPECTED["D3"][0], EXPECTED["D4"][0]])


def test_groups_are_not_chained(load_csv) -> None:
    # p-q share m1, q-r share m2; p and r share no municipality: two groups, never {p, q, r}.
    rows = [
        "p,P,a,,o,t,m1,2020-01-01,2020-12-31,språkcafé",
        "q,Q,b,,o,t,m1; m2,2020-01-01,2020-12-31,språkcafé",
        "r,R,c,,o,t,m2,2020-01-01,2020-12-31,språkcafé",
    ]
    dataset = load_csv(actors=ACTORS, projects=PROJECTS_HEADER + "\n".join(rows) + "\n")
    groups = duplicate_groups(dataset, top=0)
    assert sorted(g.projects for g in groups) == [("p", "q"), ("q", "r")]


def test_a_hub_cannot_make_a_group_larger_than_max_group(load_csv) -> None:
    # MAX_GROUP + 4 identical projects: all pairwise strong, but no group over MAX_GROUP.
    owners = "id,name\n" + "".join(f"a{k},A{k}\n" for k in range(MAX_GROUP + 4))
    rows = "".join(f"p{k:02d},P,a{k},,o,t,m,2020-01-01,2020-12-31,språkcafé\n" for k in range(MAX_GROUP + 4))
    dataset = load_csv(actors=owners, projects=PROJECTS_HEADER + rows)
    groups = duplicate_groups(dataset, top=0)
    assert max(len(g.projects) for g in groups) == MAX_GROUP
    assert {p for g in groups for p in g.projects} == {f"p{k:02d}" for k in range(MAX_GROUP + 4)}


def test_without_target_groups_orientations_decide_who_is_served_alike(load_csv) -> None:
    rows = [
        "p,P,a,,o,,m,2020-01-01,2020-12-31,språkcafé",
        "q,Q,b,,o,,m,2020-01-01,2020-12-31,språkcafé",
        "r,R,c,,other,,m,2020-01-01,2020-12-31,språkcafé",
    ]
    dataset = load_csv(actors=ACTORS, projects=PROJECTS_HEADER + "\n".join(rows) + "\n")
    assert [g.projects for g in duplicate_groups(dataset, top=0)] == [("p", "q")]


def test_without_any_place_projects_are_compared_without_regard_to_place(load_csv) -> None:
    rows = [
        "p,Språkcafé,a,,o,t,,2020-01-01,2020-12-31,",
        "q,Språkcafé,b,,o,t,,2020-01-01,2020-12-31,",
    ]
    dataset = load_csv(actors=ACTORS, projects=PROJECTS_HEADER + "\n".join(rows) + "\n")
    (group,) = duplicate_groups(dataset, top=0)
    assert group.projects == ("p", "q") and group.shared_municipalities == ()


def test_what_the_data_cannot_show(load_csv, sample) -> None:
    from stakeholders.analyses.limits import data_limits

    assert [limit.code for limit in data_limits(sample)] == []  # the sample has cooperation, groups, dates
    bare = load_csv(actors=ACTORS, projects=PROJECTS_HEADER + "p,P,a,,o,,,,,\nq,Q,b,,o,,,,,\n")
    codes = [limit.code for limit in data_limits(bare)]
    assert codes == ["no_cooperation", "no_target_groups", "no_places", "no_dates"]
    assert "candidate introductions" in data_limits(bare, "gaps")[0].text("en")
    assert "förslag på kontakter" in data_limits(bare, "gaps")[0].text("sv")
    assert [limit.code for limit in data_limits(bare, "coverage")] == ["no_target_groups", "no_places"]
