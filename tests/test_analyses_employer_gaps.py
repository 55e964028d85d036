"""Employer gaps: employers with needs and no contact to anybody who prepares people for them or serves people who fit.

Expected findings: data/umearegionen/README.md, "Expected results", section 7 ("Employer gaps"): the complete list is
E1, E2; the near-misses are EN1, EN2.
"""

from __future__ import annotations

from stakeholders.analyses import employer_gaps, resolve_filters


def test_the_hard_coded_expectations_are_the_readmes(sample_readme) -> None:
    assert "`vannas-tra`" in sample_readme["E1"] and "6 × 7111" in sample_readme["E1"]
    assert "`vannas-kommun`" in sample_readme["E1"]
    assert "`robertsfors-mek`" in sample_readme["E2"] and "4 × 7212" in sample_readme["E2"]
    assert "`nus`" in sample_readme["EN1"] and "`robertsfors-mek`" in sample_readme["EN2"]


def test_the_complete_list_is_e1_then_e2(sample) -> None:
    first, second = employer_gaps(sample, top=0)
    # E1: 6 people, before E2's 4 (employer_needs.csv).
    assert (first.employer, first.occupation, first.count) == ("vannas-tra", "7111", 6)
    assert first.candidates == ("af-umea",) and first.introducers == ("vannas-kommun",)
    assert (second.employer, second.occupation, second.count) == ("robertsfors-mek", "7212", 4)
    assert second.candidates == ("af-umea",) and second.introducers == ()
    record = first.to_json()
    assert record["kind"] == "employers" and "vannas-kommun" in record["reason"] and "6 ×" in record["reason"]


def test_en1_a_contact_that_prepares_closes_the_largest_need(sample) -> None:
    assert ("nus", "5322") not in {(g.employer, g.occupation) for g in employer_gaps(sample, top=0)}
    assert any(n.employer == "nus" and n.count == 40 for n in sample.employer_needs)  # the largest need


def test_en2_a_need_nobody_could_fill_is_no_gap(sample) -> None:
    assert ("robertsfors-mek", "8332") not in {(g.employer, g.occupation) for g in employer_gaps(sample, top=0)}


def test_filters(sample) -> None:
    vannas = employer_gaps(sample, top=0, filters=resolve_filters(sample, municipalities=["Vännäs"]))
    assert [g.employer for g in vannas] == ["vannas-tra"]
    assert [g.employer for g in employer_gaps(sample, top=1)] == ["vannas-tra"]


def test_definitions_on_a_small_dataset(load_csv) -> None:
    dataset = load_csv(
        municipalities="id,name\nm1,M1\nm2,M2\n",
        occupations="id,name\n1111,A\n2222,B\n3333,C\n",
        target_groups="id,name,occupations\ng,G,2222\n",
        actors="id,name,municipalities,target_groups,occupations\n"
        "emp,Employer,m1,,\nfar,Far away,m2,,1111\nnear,Near,m1,,1111\nserves,Serves g,m1,g,\n"
        "friend,Friend,m1,,\nown,Own trainer,m1,,3333\n",
        cooperation="source,target\nemp,friend\nfriend,serves\n",
        projects="id,name,owner,municipalities,occupations\np,P,own,m1,\n",
        employer_needs="employer,occupation,count\nemp,1111,3\nemp,1111,2\nemp,2222,4\nown,3333,9\n",
    )
    gaps = {(g.employer, g.occupation): g for g in employer_gaps(dataset, top=0)}
    assert set(gaps) == {("emp", "1111"), ("emp", "2222")}  # own prepares for 3333 itself: no gap
    assert gaps[("emp", "1111")].count == 5  # two rows of one need, added up
    assert gaps[("emp", "1111")].candidates == ("near",)  # "far" works elsewhere
    assert gaps[("emp", "2222")].candidates == ("serves",) and gaps[("emp", "2222")].introducers == ("friend",)
    assert [g.occupation for g in employer_gaps(dataset, top=0)] == ["1111", "2222"]  # 5 before 4


def test_the_orientation_filter_chooses_the_candidates(sample) -> None:
    # af-umea (Arbetsmarknad; Matchning; Validering) is E1's and E2's only candidate: without it, no gap is left.
    assert employer_gaps(sample, top=0, filters=resolve_filters(sample, orientations=["Språk"])) == []
    matching = employer_gaps(sample, top=0, filters=resolve_filters(sample, orientations=["Matchning"]))
    assert [g.employer for g in matching] == ["vannas-tra", "robertsfors-mek"]
