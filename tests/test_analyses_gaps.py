"""Actor gaps (communication gaps) on the sample dataset and on small hand-made datasets.

The expected findings are those of data/umearegionen/README.md, "Expected results", section 1
("Communication gaps between actors"): the planted gaps G1-G5 and the near-misses N1-N6.
"""

from __future__ import annotations

import math
import re

import pytest

from stakeholders.analyses import ActorGap, actor_gaps, resolve_filters
from stakeholders.analyses import gaps as gaps_module
from stakeholders.model import contact_graph

# README section 1, table of planted gaps: pair -> (shared cells, distance, introducers).
PLANTED = {
    "G1": (("robertsfors-kommun", "robertsfors-mek"), {("nyanlanda", "2409")}, None, ()),
    "G2": (("fub", "umea-soc"), {("funktionsnedsattning", "2480")}, 2, ("fk-umea",)),
    "G3": (("kfum", "umea-ame"), {("nyanlanda", "2480"), ("unga", "2480")}, 2, ("umea-integration",)),
    "G4": (("ica", "umea-integration"), {("utrfodda-kvinnor", "2480")}, 2, ("umea-ame",)),
    "G5": (("almi", "foretagarna"), {("foretagare", "2480")}, 2, ("nyforetagarcentrum",)),
}
# README section 1, "Near-misses, which share a cell but are not gaps".
NEAR_MISSES = {
    "N1": ("umea-ame", "volvo"),
    "N2": ("fk-umea", "fub"),
    "N3": ("vannas-kommun", "vannas-tra"),
    "N4": ("abf", "rodakorset"),
    "N5": ("kfum", "umea-integration"),
    "N6": ("nordmaling-kommun", "sca-rundvik"),
}
ALL_GAPS = 77  # README section 1: "With --top 0 there are 77 actor gaps in all"


def ticked(text: str) -> list[str]:
    return re.findall(r"`([^`]+)`", text)


@pytest.fixture(scope="module")
def all_gaps(sample) -> dict[tuple[str, str], ActorGap]:
    return {gap.actors: gap for gap in actor_gaps(sample, top=0)}


def test_the_hard_coded_expectations_are_the_readmes(sample_readme, sample_path) -> None:
    for finding, (pair, _, distance, introducers) in PLANTED.items():
        row = sample_readme[finding]
        assert set(ticked(row)[:2]) == set(pair)
        assert ("null" in row) == (distance is None)
        assert all(i in ticked(row) for i in introducers)
    for finding, pair in NEAR_MISSES.items():
        assert set(ticked(sample_readme[finding])[:2]) == set(pair)
    readme = " ".join((sample_path / "README.md").read_text(encoding="utf-8").split())
    assert f"there are {ALL_GAPS} actor gaps in all" in readme


@pytest.mark.parametrize("finding", sorted(PLANTED))
def test_every_planted_gap_is_reported(all_gaps, finding: str) -> None:
    pair, cells, distance, introducers = PLANTED[finding]
    gap = all_gaps[tuple(sorted(pair))]
    assert set(gap.shared_target_groups) == {t for t, _ in cells}
    assert set(gap.shared_municipalities) == {m for _, m in cells}
    assert gap.distance == distance
    assert gap.introducers == introducers  # "each planted pair has exactly the one listed"


@pytest.mark.parametrize("finding", sorted(NEAR_MISSES))
def test_no_near_miss_is_reported(all_gaps, finding: str) -> None:
    assert tuple(sorted(NEAR_MISSES[finding])) not in all_gaps


def test_the_sample_has_77_gaps_in_all(all_gaps) -> None:
    assert len(all_gaps) == ALL_GAPS


def test_no_gap_has_contact_and_every_gap_shares_a_cell(sample, all_gaps) -> None:
    contacts = contact_graph(sample)
    for (a, b), gap in all_gaps.items():
        assert not contacts.has_edge(a, b)
        cells_a = {(t, m) for t in sample.actors[a].target_groups for m in sample.actors[a].municipalities}
        cells_b = {(t, m) for t in sample.actors[b].target_groups for m in sample.actors[b].municipalities}
        shared = cells_a & cells_b
        assert shared and {t for t, _ in shared} == set(gap.shared_target_groups)


def test_the_score_is_the_weighted_overlap_times_the_distance_factor(sample, all_gaps) -> None:
    # docs/analyses.md ("Communication gaps"): score = factor x sum over shared cells of w(c) / sqrt(n(a) n(b)),
    # w(t, m) = (1 + log10(1 + size)) x idf(t) x idf(m), idf(v) = 1 + ln((1 + N) / (1 + df(v))); x2 when unreachable,
    # x1.25 at distance 2. Sizes from data/umearegionen/target_group_sizes.csv: (nyanlanda, 2409) 55,
    # (nyanlanda, 2480) 640, (unga, 2480) 520. N, df and n are counted here from the sample's actors.
    serving = [a for a in sample.actors.values() if a.target_groups and a.municipalities]
    total = len(serving)

    def idf(attribute: str, value: str) -> float:
        df = sum(value in getattr(a, attribute) for a in serving)
        return 1 + math.log((1 + total) / (1 + df))

    def cells(actor_id: str) -> int:
        actor = sample.actors[actor_id]
        return len(actor.target_groups) * len(actor.municipalities)

    def weight(group: str, place: str, size: int) -> float:
        return (1 + math.log10(1 + size)) * idf("target_groups", group) * idf("municipalities", place)

    g1 = all_gaps[("robertsfors-kommun", "robertsfors-mek")]
    expected = weight("nyanlanda", "2409", 55) / math.sqrt(cells("robertsfors-kommun") * cells("robertsfors-mek"))
    assert g1.score == pytest.approx(2 * expected, abs=1e-6)
    g3 = all_gaps[("kfum", "umea-ame")]
    overlap = weight("nyanlanda", "2480", 640) + weight("unga", "2480", 520)
    assert g3.score == pytest.approx(1.25 * overlap / math.sqrt(cells("kfum") * cells("umea-ame")), abs=1e-6)


def test_a_rare_target_group_outranks_two_common_ones(load_csv) -> None:
    # Ten actors serve "common1" and "common2" in m; a and b also share "rare" in m, which only they serve.
    # Pairs among c..j share the two common groups; a-b shares the rare one (and the two common ones too,
    # which all pairs share). Nobody has contact.
    rows = ["a,A,rare; common1; common2,m", "b,B,rare; common1; common2,m"]
    rows += [f"{x},{x.upper()},common1; common2,m" for x in "cdefghij"]
    dataset = load_csv(actors="id,name,target_groups,municipalities\n" + "\n".join(rows) + "\n")
    ranked = actor_gaps(dataset, top=0)
    assert ranked[0].actors == ("a", "b")
    assert ranked[0].score > ranked[1].score
    assert "Rare" not in ranked[0].reasons[0] and "rare" in ranked[0].reasons[0]  # the most telling cell is named


def test_local_actors_outrank_an_actor_that_is_everywhere(load_csv) -> None:
    # a and b work in m only; r works in all 20 municipalities. All three serve t. a-b and a-r both share (t, m).
    places = [f"m{k}" for k in range(20)]
    municipalities = "id,name\n" + "".join(f"{p},{p.upper()}\n" for p in places)
    actors = "id,name,target_groups,municipalities\na,A,t,m0\nb,B,t,m0\nr,R,t,*\n"
    dataset = load_csv(actors=actors, municipalities=municipalities)
    ranked = {gap.actors: gap for gap in actor_gaps(dataset, top=0)}
    assert ranked[("a", "b")].score > ranked[("a", "r")].score
    assert any("20" in reason for reason in ranked[("a", "r")].reasons)  # r is named as broad


def test_gaps_are_ranked_by_score_then_ids(sample) -> None:
    ranked = actor_gaps(sample, top=0)
    keys = [(-g.score, tuple(a.casefold() for a in g.actors)) for g in ranked]
    assert keys == sorted(keys)
    assert all(list(g.actors) == sorted(g.actors, key=str.casefold) for g in ranked)


@pytest.mark.parametrize("top", [1, 2, 3, 5, 10, 20, 40, 76, 77, 100])
def test_top_n_is_the_first_n_of_all(sample, top: int) -> None:
    assert actor_gaps(sample, top=top) == actor_gaps(sample, top=0)[:top]


def test_json_fields(all_gaps) -> None:
    record = all_gaps[("robertsfors-kommun", "robertsfors-mek")].to_json()
    assert list(record) == [
        "kind",
        "actors",
        "names",
        "score",
        "shared_target_groups",
        "shared_municipalities",
        "distance",
        "introducers",
        "reasons",
    ]
    assert record["kind"] == "actors"
    assert record["actors"] == ["robertsfors-kommun", "robertsfors-mek"]
    assert record["names"] == ["Robertsfors kommun Integration", "Robertsfors Mekaniska AB"]
    assert record["distance"] is None and record["introducers"] == []


def test_filters_keep_only_gaps_in_the_filtered_cells(sample) -> None:
    filters = resolve_filters(sample, municipalities=["Robertsfors"], target_groups=["Nyanlända flyktingar"])
    gaps = actor_gaps(sample, top=0, filters=filters)
    assert {g.actors for g in gaps} == {("af-umea", "robertsfors-mek"), ("robertsfors-kommun", "robertsfors-mek")}
    for gap in gaps:
        assert gap.shared_municipalities == ("2409",) and gap.shared_target_groups == ("nyanlanda",)


def test_an_orientation_filter_keeps_only_actors_with_that_orientation(sample) -> None:
    filters = resolve_filters(sample, orientations=["entreprenörskap"])  # any case
    gaps = actor_gaps(sample, top=0, filters=filters)
    assert {g.actors for g in gaps} == {("coompanion", "nyforetagarcentrum")}
    # distances are still measured in the whole contact network: through almi
    assert gaps[0].distance == 2 and gaps[0].introducers == ("almi",)


def test_a_parent_group_does_not_overlap_its_sub_groups(load_csv) -> None:
    dataset = load_csv(
        target_groups="id,name,parent\nall,All,\nsub,Sub,all\n",
        municipalities="id,name\nm,M\n",
        actors="id,name,municipalities,target_groups\na,A,m,all\nb,B,m,sub\nc,C,m,all\n",
    )
    assert [g.actors for g in actor_gaps(dataset, top=0)] == [("a", "c")]


def test_star_means_every_municipality(load_csv) -> None:
    dataset = load_csv(
        municipalities="id,name\nm1,One\nm2,Two\n",
        actors="id,name,municipalities,target_groups\na,A,*,t\nb,B,m2,t\nc,C,m1,u\n",
    )
    (gap,) = actor_gaps(dataset, top=0)
    assert gap.actors == ("a", "b") and gap.shared_municipalities == ("m2",)


def test_contact_in_either_direction_or_through_a_project_is_contact(load_csv) -> None:
    dataset = load_csv(
        actors="id,name,municipalities,target_groups\n" + "".join(f"{x},{x.upper()},m,t\n" for x in "abcdef"),
        cooperation="source,target\nb,a\n",
        projects="id,name,owner,partners\np,P,c,d\nq,Q,e,\n",  # e owns a project alone: no contact from it
    )
    pairs = {g.actors for g in actor_gaps(dataset, top=0)}
    assert ("a", "b") not in pairs and ("c", "d") not in pairs
    assert len(pairs) == 15 - 2


def test_distances_and_introducers(load_csv) -> None:
    # a - x - b (distance 2, introducer x); a - x - y - c (distance 3, no introducer); d unreachable.
    dataset = load_csv(
        actors="id,name,municipalities,target_groups\na,A,m,t\nb,B,m,t\nc,C,m,t\nd,D,m,t\nx,X,,\ny,Y,,\n",
        cooperation="source,target\na,x\nx,b\nx,y\ny,c\nb,c\n",
    )
    gaps = {g.actors: g for g in actor_gaps(dataset, top=0)}
    assert set(gaps) == {("a", "b"), ("a", "c"), ("a", "d"), ("b", "d"), ("c", "d")}
    assert (gaps[("a", "b")].distance, gaps[("a", "b")].introducers) == (2, ("x",))
    assert (gaps[("a", "c")].distance, gaps[("a", "c")].introducers) == (3, ())
    assert gaps[("a", "d")].distance is None
    # no size known: each cell counts 1; factors 1.25 (2), 1.5 (3), 2 (unreachable)
    assert [gaps[p].score for p in (("a", "b"), ("a", "c"), ("a", "d"))] == [1.25, 1.5, 2.0]


def test_the_distance_factor_grows_to_2_at_five_steps() -> None:
    factors = [gaps_module.distance_factor(d) for d in (2, 3, 4, 5, 6, 50, None)]
    assert factors == [1.25, 1.5, 1.75, 2.0, 2.0, 2.0, 2.0]


def test_top_pruning_keeps_a_pair_that_ties_after_rounding(load_csv) -> None:
    """Regression: the pruning bound compared unrounded scores, so it dropped a pair whose rounded score tied.

    (nyanlanda-like) cell X of size 201 and cell V of size 19433: 2 x (1 + log10(202)) = 6.6107027389 and
    1.25 x (1 + log10(19434)) = 6.6107027480 differ by 9e-9, and both round to 6.610703. The unreachable pair
    (aa, ab) on X ties with the pair (ba, bb) on V at distance 2, and wins the tie by its ids.
    """
    dataset = load_csv(
        municipalities="id,name\nm,M\n",
        target_groups="id,name\nx,X\nv,V\n",
        target_group_sizes="target_group,municipality,size\nx,m,201\nv,m,19433\n",
        actors="id,name,municipalities,target_groups\naa,AA,m,x\nab,AB,m,x\nba,BA,m,v\nbb,BB,m,v\nzz,ZZ,,\n",
        cooperation="source,target\nba,zz\nzz,bb\n",
    )
    everything = actor_gaps(dataset, top=0)
    assert [g.actors for g in everything] == [("aa", "ab"), ("ba", "bb")]
    # Both pairs' overlaps carry the same factor idf(x) = idf(v) = 1 + ln(5 / 3) (2 of 4 actors), idf(m) = 1 (all);
    # every actor serves one cell, so the tie survives: 6.6107027389 x 1.5108256238 = 9.98761...
    assert everything[0].score == everything[1].score == round(2 * (1 + math.log10(202)) * (1 + math.log(5 / 3)), 6)
    assert actor_gaps(dataset, top=1) == everything[:1]


def test_pruning_across_many_blocks(sample, monkeypatch) -> None:
    # Blocks of 3 actors: the pruning floor rises from block to block.
    monkeypatch.setattr(gaps_module, "_BLOCK", 3)
    full = actor_gaps(sample, top=0)
    for top in (1, 4, 9, 30):
        assert actor_gaps(sample, top=top) == full[:top]


def test_an_actor_without_cells_or_without_municipality_has_no_gap(sample, all_gaps) -> None:
    # radgivningsbyran has target groups but no municipality (README: the one warning); svn has no target group.
    assert not any({"radgivningsbyran", "svn"} & set(pair) for pair in all_gaps)
    assert sample.actors["radgivningsbyran"].municipalities == ()
