"""Partner suggestions (issue 17): networkx's link-prediction values on its test graphs, and the sample's gaps."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from stakeholders.analyses.common import resolve_filters
from stakeholders.analyses.partners import link_scores, partners
from stakeholders.errors import UsageError
from stakeholders.model import contact_graph


def test_complete_graph_k5() -> None:
    # networkx's tests (link_prediction): K5, pair (0, 1) has the three other nodes in common, each of degree 4.
    scores = link_scores(nx.complete_graph(5), [(0, 1)])[(0, 1)]
    assert scores.resource_allocation == pytest.approx(0.75)
    assert scores.jaccard == pytest.approx(0.6)
    assert scores.adamic_adar == pytest.approx(3 / math.log(4)) == pytest.approx(2.1640425613)
    assert scores.preferential_attachment == 16
    assert scores.common_neighbours == (2, 3, 4)


def test_path_p3() -> None:
    scores = link_scores(nx.path_graph(3), [(0, 2)])[(0, 2)]
    assert scores.resource_allocation == pytest.approx(0.5)
    assert scores.adamic_adar == pytest.approx(1 / math.log(2))
    assert scores.jaccard == pytest.approx(1.0)
    assert scores.preferential_attachment == 1


def test_no_common_neighbour() -> None:
    scores = link_scores(nx.path_graph(4), [(0, 3)])[(0, 3)]
    assert scores.resource_allocation == 0 and scores.adamic_adar == 0 and scores.common_neighbours == ()


@pytest.mark.parametrize(
    ("actor", "expected", "introducer"),
    [
        ("umea-soc", "fub", "fk-umea"),  # G2
        ("umea-ame", "kfum", "umea-integration"),  # G3
        ("almi", "foretagarna", "nyforetagarcentrum"),  # G5
        ("robertsfors-kommun", "robertsfors-mek", None),  # G1, unreachable
    ],
)
def test_top_suggestion_is_the_planted_gap(sample, actor, expected, introducer) -> None:
    top = partners(sample, actor=actor)[0]
    assert top.actor == expected and top.name == sample.actors[expected].name
    if introducer is None:
        assert top.common_contacts == () and not top.two_steps
    else:
        assert top.common_contacts == (introducer,) and top.two_steps


def test_g2_from_fub_side_and_the_score_formula(sample) -> None:
    rows = partners(sample, actor="FUB Umeå", top=0)  # by name, any case
    by_actor = {r.actor: r for r in rows}
    soc = by_actor["umea-soc"]
    assert soc.shared_target_groups == ("funktionsnedsattning",) and soc.shared_municipalities == ("2480",)
    graph = contact_graph(sample)
    degree = graph.degree("fk-umea")
    assert soc.resource_allocation == pytest.approx(1 / degree, abs=1e-6)
    assert soc.adamic_adar == pytest.approx(1 / math.log(degree), abs=1e-6)
    assert soc.score == pytest.approx(soc.context * (1 + soc.resource_allocation), abs=1e-5)
    assert 0 < soc.context <= 1
    # Never an actor already in contact, never the actor itself; each shares a cell.
    for row in rows:
        assert row.actor != "fub" and not graph.has_edge("fub", row.actor)
        assert row.shared_target_groups and row.shared_municipalities
    assert [r.score for r in rows] == sorted((r.score for r in rows), reverse=True)


def test_project_perspective(sample) -> None:
    rows = partners(sample, project="p-rehab", top=0)  # owner fk-umea, partners samhall and umea-soc
    actors = {r.actor for r in rows}
    assert actors and actors.isdisjoint({"fk-umea", "samhall", "umea-soc"})
    assert all(not contact_graph(sample).has_edge("fk-umea", a) for a in actors)
    dhr = next(r for r in rows if r.actor == "dhr")  # shares the project's (funktionsnedsattning, Vännäs/Umeå)
    assert "funktionsnedsattning" in dhr.shared_target_groups


def test_filters_and_errors(sample) -> None:
    filters = resolve_filters(sample, municipalities=["Umeå"])
    for row in partners(sample, actor="kfum", top=0, filters=filters):
        assert row.shared_municipalities == ("2480",)
    with pytest.raises(UsageError, match="no actor"):
        partners(sample, actor="nobody")
    with pytest.raises(UsageError):
        partners(sample, actor="fub", project="p-rehab")
    with pytest.raises(UsageError):
        partners(sample)
    assert len(partners(sample, actor="umea-ame", top=2)) == 2
    assert partners(sample, actor="umea-ame", top=2) == partners(sample, actor="umea-ame", top=0)[:2]
