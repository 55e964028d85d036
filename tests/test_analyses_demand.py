"""Demand: shortage occupations per municipality, who fits them, who prepares for them, and the gaps.

Expected findings: data/umearegionen/README.md, "Expected results", section 6 ("Labour demand"): the complete
list of gaps is L1-L3; the near-misses are LN1-LN6.
"""

from __future__ import annotations

import pytest

from stakeholders.analyses import demand, resolve_filters

# README section 6: (occupation, municipality) -> what the gap is.
PLANTED = {("5120", "2480"): "unbridged", ("5322", "2401"): "unprepared", ("8332", "2460"): "unprepared"}
FINDING_IDS = {"L1": ("5120", "2480"), "L2": ("5322", "2401"), "L3": ("8332", "2460")}
# README section 6, near-misses: shortage cells without a gap, and cells that are no shortage at all.
BRIDGED = {"LN1": ("5321", "2480"), "LN2": ("2221", "2480"), "LN3a": ("7212", "2409"), "LN3b": ("7111", "2460")}
NO_SHORTAGE = {"LN4": ("8332", "2409"), "LN5": ("5321", "2460"), "LN6": ("5321", "2403")}


def test_the_hard_coded_expectations_are_the_readmes(sample_readme) -> None:
    for finding, (occupation, municipality) in FINDING_IDS.items():
        columns = [c.strip() for c in sample_readme[finding].split("|")]
        assert columns[0].startswith(occupation) and columns[1].startswith(municipality)
        assert PLANTED[(occupation, municipality)] in columns[2]
    for finding in ("LN1", "LN2", "LN3", "LN4", "LN5", "LN6"):
        assert finding in sample_readme


def test_the_gaps_are_exactly_the_planted_ones(sample) -> None:
    rows = demand(sample, top=0)
    gaps = {(r.occupation, r.municipality): r for r in rows if r.gap}
    assert set(gaps) == set(PLANTED)
    for cell, kind in PLANTED.items():
        assert gaps[cell].unprepared is (kind == "unprepared")
    assert gaps[("5120", "2480")].unbridged_target_groups == ("anhoriga",)
    assert gaps[("5120", "2480")].actors == ("umea-ame",)
    assert [(r.occupation, r.municipality) for r in rows[:3]] == [("5120", "2480"), ("5322", "2401"), ("8332", "2460")]
    # (gaps first, then by openings: 25, 12, 8 in labour_demand.csv)


@pytest.mark.parametrize("finding", sorted(BRIDGED))
def test_bridged_shortages_are_listed_without_a_gap(sample, finding: str) -> None:
    rows = {(r.occupation, r.municipality): r for r in demand(sample, top=0)}
    row = rows[BRIDGED[finding]]
    assert not row.gap and not row.unprepared and row.unbridged_target_groups == ()
    assert row.actors or row.projects


def test_a_project_alone_can_bridge(sample) -> None:
    (row,) = [r for r in demand(sample, top=0) if (r.occupation, r.municipality) == BRIDGED["LN2"]]
    assert row.actors == () and row.projects == ("p-vagen-in",) and row.target_groups == ("akademiker",)


@pytest.mark.parametrize("finding", sorted(NO_SHORTAGE))
def test_cells_without_a_shortage_are_not_listed(sample, finding: str) -> None:
    assert NO_SHORTAGE[finding] not in {(r.occupation, r.municipality) for r in demand(sample, top=0)}


def test_filters(sample) -> None:
    umea = demand(sample, top=0, filters=resolve_filters(sample, municipalities=["Umeå"]))
    assert {r.municipality for r in umea} == {"2480"} and len(umea) == 3  # 5321, 2221, 5120 in Umeå
    without_anhoriga = resolve_filters(sample, target_groups=["akademiker"])
    rows = {(r.occupation, r.municipality): r for r in demand(sample, top=0, filters=without_anhoriga)}
    assert rows[("5120", "2480")].unbridged_target_groups == ()  # anhoriga is filtered out
    assert demand(sample, top=1)[0].occupation == "5120"


def test_definitions_on_a_small_dataset(load_csv) -> None:
    dataset = load_csv(
        municipalities="id,name\nm1,M1\nm2,M2\n",
        occupations="id,name\n1111,A\n2222,B\n",
        target_groups="id,name,occupations\ng1,G1,1111\ng2,G2,1111\n",
        actors="id,name,municipalities,target_groups,occupations\nprep,Prep,*,g1,1111\nother,Other,m1,g2,\n",
        labour_demand="occupation,municipality,outlook,year\n1111,m1,5,2010\n2222,m2,brist,\n1111,m2,2,2010\n",
    )
    rows = {(r.occupation, r.municipality): r for r in demand(dataset, top=0)}
    assert set(rows) == {("1111", "m1"), ("2222", "m2")}  # 1111 in m2: 2 is a surplus
    assert rows[("1111", "m1")].actors == ("prep",)  # "*": every municipality
    assert rows[("1111", "m1")].unbridged_target_groups == ("g2",)  # g2 fits; "other" serves it but prepares nothing
    assert rows[("2222", "m2")].unprepared and rows[("2222", "m2")].outlook == "shortage"
    record = rows[("1111", "m1")].to_json()
    assert record["gap"] is True and record["unbridged_target_groups"] == ["g2"] and "g2" in record["reason"]


def test_the_orientation_filter_chooses_the_preparers(sample) -> None:
    # Coachning: umea-vux (Språk; Yrkesutbildning; Validering) and the p-yrkessvenska projects (Yrkesutbildning;
    # Språk), who prepare for 5321, are left out.
    rows = {
        (r.occupation, r.municipality): r
        for r in demand(sample, top=0, filters=resolve_filters(sample, orientations=["Coachning"]))
    }
    assert rows[("5321", "2480")].actors == () and rows[("5321", "2480")].unprepared
    assert rows[("5120", "2480")].actors == ("umea-ame",)  # Arbetsmarknad; Praktik; Coachning
