"""Sector gaps: municipalities whose own public actors have no contact with any private actor active there.

Expected findings: data/umearegionen/README.md, "Expected results", section 4 ("Sector gaps"): the complete list
is S1 (2409 Robertsfors); the near-misses are Umeå, Vännäs, Nordmaling, Skellefteå and the municipalities where
no private actor is active.
"""

from __future__ import annotations

import pytest

from stakeholders.analyses import resolve_filters, sector_gaps

# README section 4, near-misses (not sector gaps), with the contact that closes each one.
NEAR_MISSES = {"2480": "umea-ame", "2460": "vannas-kommun", "2401": "nordmaling-kommun", "2482": "skelleftea-kommun"}
ACTORS_HEADER = "id,name,sector,municipalities\n"


def test_the_hard_coded_expectation_is_the_readmes(sample_readme) -> None:
    assert "2409 Robertsfors" in sample_readme["S1"]
    assert "`robertsfors-kommun`" in sample_readme["S1"] and "`robertsfors-mek`" in sample_readme["S1"]


def test_the_complete_list_is_robertsfors(sample) -> None:
    (gap,) = sector_gaps(sample, top=0)
    assert gap.municipality == "2409" and gap.name == "Robertsfors"
    assert gap.public_actors == ("robertsfors-kommun",)  # sector "offentlig", active only in 2409
    assert gap.private_actors == ("robertsfors-mek",)
    record = gap.to_json()
    assert record["kind"] == "sectors" and record["municipality"] == "2409"
    assert record["public_actors"] == ["robertsfors-kommun"] and record["private_actors"] == ["robertsfors-mek"]


@pytest.mark.parametrize("municipality", sorted(NEAR_MISSES))
def test_near_misses_are_not_gaps(sample, municipality: str) -> None:
    filters = resolve_filters(sample, municipalities=[municipality])
    assert sector_gaps(sample, top=0, filters=filters) == []


def test_municipality_filter_by_name(sample) -> None:
    found = sector_gaps(sample, top=0, filters=resolve_filters(sample, municipalities=["robertsfors"]))
    assert [g.municipality for g in found] == ["2409"]


@pytest.mark.parametrize(
    ("actors", "cooperation", "expected"),
    [
        # own public actor, private actor, no contact: a gap
        ("k,K,public,m\ne,E,private,m\n", "", ["m"]),
        # contact either way closes it
        ("k,K,public,m\ne,E,private,m\n", "e,k\n", []),
        # no private actor active there: not a gap
        ("k,K,public,m\nc,C,civil,m\n", "", []),
        # a public actor active in two municipalities is nobody's own public actor
        ("k,K,public,m; n\ne,E,private,m\n", "", []),
        # one own public actor with contact is enough; the private actor active in m and n counts in both
        ("k,K,public,m\nl,L,public,m\nj,J,public,n\ne,E,private,m; n\n", "l,e\n", ["n"]),
        # a private actor with * is active everywhere
        ("k,K,public,m\nj,J,public,n\ne,E,private,*\n", "", ["m", "n"]),
        # contact with a private actor active elsewhere does not count
        ("k,K,public,m\ne,E,private,m\nf,F,private,n\n", "k,f\n", ["m"]),
    ],
)
def test_definition(load_csv, actors: str, cooperation: str, expected: list[str]) -> None:
    files = {"municipalities": "id,name\nm,M\nn,N\n", "actors": ACTORS_HEADER + actors}
    if cooperation:
        files["cooperation"] = "source,target\n" + cooperation
    dataset = load_csv(**files)
    assert sorted(g.municipality for g in sector_gaps(dataset, top=0)) == expected


def test_ranking_by_pairs_then_municipality(load_csv) -> None:
    dataset = load_csv(
        municipalities="id,name\nb,B\na,A\nc,C\n",
        actors=ACTORS_HEADER + "k1,K1,public,a\nk2,K2,public,b\nk3,K3,public,c\nk4,K4,public,c\ne,E,private,*\n",
    )
    gaps = sector_gaps(dataset, top=0)
    assert [(g.municipality, g.score) for g in gaps] == [("c", 2), ("a", 1), ("b", 1)]
    assert sector_gaps(dataset, top=2) == gaps[:2]
