"""Broker metrics checked against published values on classic networks shipped with networkx.

To run :func:`brokers` on a network, each test writes a dataset whose actors are the network's nodes and whose
cooperation rows are its edges; the contact network of that dataset is then exactly the network.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
from scipy.stats import spearmanr

from stakeholders import Dataset, load_dataset
from stakeholders.analyses import brokers, resolve_filters
from stakeholders.model import contact_graph


def network_dataset(write_dataset, graph: nx.Graph, folder: str = "data") -> Dataset:
    """A dataset with one actor per node (id = the node's text) and one cooperation row per edge."""
    actors = "id,name\n" + "".join(f"{node},Actor {node}\n" for node in graph)
    cooperation = "source,target\n" + "".join(f"{a},{b}\n" for a, b in graph.edges())
    return load_dataset(write_dataset(folder=folder, actors=actors, cooperation=cooperation))


def metrics(dataset: Dataset, **options):
    return {row.actor: row for row in brokers(dataset, top=0, **options).brokers}


def test_florentine_families_betweenness(write_dataset) -> None:
    # Reference: networkx's own test suite, networkx/algorithms/centrality/tests/test_betweenness_centrality.py,
    # TestBetweennessCentrality.test_florentine_families_graph (normalised betweenness, 3 decimals), on the
    # marriage network of Padgett & Ansell (1993), "Robust action and the rise of the Medici", as shipped in
    # nx.florentine_families_graph() (15 families; Pucci, who has no marriage tie, is not in it).
    published = {
        "Acciaiuoli": 0.000, "Albizzi": 0.212, "Barbadori": 0.093, "Bischeri": 0.104, "Castellani": 0.055,
        "Ginori": 0.000, "Guadagni": 0.255, "Lamberteschi": 0.000, "Medici": 0.522, "Pazzi": 0.000,
        "Peruzzi": 0.022, "Ridolfi": 0.114, "Salviati": 0.143, "Strozzi": 0.103, "Tornabuoni": 0.092,
    }  # fmt: skip
    dataset = network_dataset(write_dataset, nx.florentine_families_graph())
    found = metrics(dataset)
    assert set(found) == set(published)
    for family, value in published.items():
        assert found[family].betweenness == pytest.approx(value, abs=1e-3), family
    report = brokers(dataset, top=3)
    assert [row.actor for row in report.brokers] == ["Medici", "Guadagni", "Albizzi"]
    assert report.method == "exact"
    # Families on whom a pendant family hangs: Medici (Acciaiuoli), Salviati (Pazzi), Albizzi (Ginori),
    # Guadagni (Lamberteschi).
    assert set(report.articulation_points) == {"Medici", "Salviati", "Albizzi", "Guadagni"}


def test_krackhardt_kite_betweenness(write_dataset) -> None:
    # Reference: networkx test_betweenness_centrality.py, test_krackhardt_kite_graph_normalized (3 decimals), on
    # Krackhardt's kite (D. Krackhardt, "Assessing the political landscape", Administrative Science Quarterly 35,
    # 1990): Heather (node 7) has the highest betweenness although Diane (node 3) has the most ties.
    published = {0: 0.023, 1: 0.023, 2: 0.000, 3: 0.102, 4: 0.000, 5: 0.231, 6: 0.231, 7: 0.389, 8: 0.222, 9: 0.000}
    graph = nx.relabel_nodes(nx.krackhardt_kite_graph(), lambda n: f"k{n}")
    found = metrics(network_dataset(write_dataset, graph))
    for node, value in published.items():
        assert found[f"k{node}"].betweenness == pytest.approx(value, abs=1e-3), node
    assert max(found.values(), key=lambda r: r.degree).actor == "k3"
    assert {row.actor for row in found.values() if row.articulation_point} == {"k7", "k8"}


def test_borgatti_constraint_and_effective_size(write_dataset) -> None:
    # Reference: S. P. Borgatti, "Structural holes: unpacking Burt's redundancy measures", Connections 20(1), 1997
    # (http://www.analytictech.com/connections/v20(1)/holes.htm), the example network; the values are those of
    # networkx's test suite, networkx/algorithms/tests/test_structuralholes.py (test_constraint_undirected,
    # test_effective_size_undirected_borgatti), computed with UCINET and igraph and checked by hand there.
    graph = nx.Graph(
        [("A", "B"), ("A", "F"), ("A", "G"), ("A", "E"), ("E", "G"), ("F", "G"), ("B", "G"), ("B", "D"), ("D", "G"),
         ("G", "C")]
    )  # fmt: skip
    found = metrics(network_dataset(write_dataset, graph))
    assert found["G"].constraint == pytest.approx(0.400, abs=1e-3)
    assert found["A"].constraint == pytest.approx(0.595, abs=1e-3)
    assert found["C"].constraint == pytest.approx(1.0, abs=1e-3)
    assert found["G"].effective_size == pytest.approx(4.67, abs=1e-2)
    assert found["A"].effective_size == pytest.approx(2.50, abs=1e-2)
    assert found["C"].effective_size == pytest.approx(1.0, abs=1e-2)


def test_every_metric_equals_networkx_on_the_karate_club(write_dataset) -> None:
    # Zachary's karate club (W. W. Zachary, Journal of Anthropological Research 33, 1977): a cross-check of every
    # node against networkx's implementations, not against published numbers.
    graph = nx.relabel_nodes(nx.karate_club_graph(), lambda n: f"m{n}")
    graph = nx.Graph(graph.edges())  # unweighted
    found = metrics(network_dataset(write_dataset, graph))
    betweenness = nx.betweenness_centrality(graph)
    constraint, effective = nx.constraint(graph), nx.effective_size(graph)
    cut = set(nx.articulation_points(graph))
    for node in graph:
        row = found[node]
        assert row.betweenness == pytest.approx(betweenness[node], abs=1e-6)
        assert row.constraint == pytest.approx(constraint[node], abs=1e-6)
        assert row.effective_size == pytest.approx(effective[node], abs=1e-6)
        assert row.degree == graph.degree(node)
        assert row.articulation_point == (node in cut)


def test_the_sample_agrees_with_networkx_on_its_contact_graph(sample) -> None:
    graph = contact_graph(sample)
    report = brokers(sample, top=0)
    betweenness, constraint, effective = (
        nx.betweenness_centrality(graph),
        nx.constraint(graph),
        nx.effective_size(graph),
    )
    for row in report.brokers:
        assert row.betweenness == pytest.approx(betweenness[row.actor], abs=1e-6)
        assert row.degree == graph.degree(row.actor)
        if row.degree == 0:
            assert row.constraint is None and row.effective_size is None
            assert math.isnan(constraint[row.actor])
        else:
            assert row.constraint == pytest.approx(constraint[row.actor], abs=1e-6)
            assert row.effective_size == pytest.approx(effective[row.actor], abs=1e-6)
    assert set(report.articulation_points) == set(nx.articulation_points(graph))
    components = sorted((sorted(c) for c in nx.connected_components(graph) if len(c) > 1), key=len, reverse=True)
    assert [sorted(c) for c in report.components] == components
    assert set(report.isolated) == set(nx.isolates(graph)) == {"radgivningsbyran", "robertsfors-mek"}


def test_ranking_top_json_and_filters(sample) -> None:
    rows = brokers(sample, top=0).brokers
    keys = [(-r.betweenness, -r.degree, r.actor) for r in rows]
    assert keys == sorted(keys)
    assert brokers(sample, top=5).brokers == rows[:5]
    assert list(rows[0].to_json()) == [
        "actor",
        "name",
        "betweenness",
        "degree",
        "constraint",
        "effective_size",
        "articulation_point",
    ]
    document = brokers(sample, top=2).to_json()
    assert {"brokers", "articulation_points", "components", "isolated"} <= set(document)
    # Filters choose which actors are listed; the metrics are those of the whole network.
    filtered = brokers(sample, top=0, filters=resolve_filters(sample, municipalities=["Robertsfors"])).brokers
    assert {r.actor for r in filtered} == {a.id for a in sample.actors.values() if "2409" in a.municipalities}
    assert all(r == next(x for x in rows if x.actor == r.actor) for r in filtered)


@pytest.fixture(scope="module")
def mid_size(tmp_path_factory) -> tuple[Dataset, np.ndarray, list[str]]:
    """A Barabási–Albert network of 600 actors (heavy-tailed degrees, like real contact networks)."""
    graph = nx.relabel_nodes(nx.barabasi_albert_graph(600, 2, seed=3), lambda n: f"a{n:03d}")
    folder = tmp_path_factory.mktemp("mid")
    (folder / "actors.csv").write_text("id,name\n" + "".join(f"{n},Actor {n}\n" for n in graph), encoding="utf-8")
    edges = "".join(f"{a},{b}\n" for a, b in graph.edges())
    (folder / "cooperation.csv").write_text("source,target\n" + edges, encoding="utf-8")
    dataset = load_dataset(folder)
    ids = sorted(graph)
    exact = metrics(dataset)
    return dataset, np.array([exact[i].betweenness for i in ids]), ids


def test_sampled_betweenness_stays_close_to_exact(mid_size) -> None:
    """Sampling 150 of 600 sources (exact_limit 100) stays close to the exact values.

    The estimator (Brandes & Pich 2007; networkx's ``k``) is unbiased and its error shrinks as 1/sqrt(samples).
    Tolerances, measured over seeds 0-29 on this network with a margin: the largest absolute error was 0.031
    (the largest exact value is 0.16), so 0.05; Spearman's rank correlation was never below 0.94, so 0.9; the 5
    best brokers were always among the sampled 15 best. The mean over 8 seeds is within 0.007, so 0.015.
    """
    dataset, exact, ids = mid_size
    runs = []
    for seed in range(8):
        report = brokers(dataset, top=0, exact_limit=100, samples=150, seed=seed)
        assert report.method == f"sampled (150 sources, seed {seed})"
        found = {row.actor: row.betweenness for row in report.brokers}
        runs.append(np.array([found[i] for i in ids]))
    first = runs[0]
    assert np.abs(first - exact).max() <= 0.05
    assert spearmanr(first, exact).statistic >= 0.9
    assert set(np.argsort(-exact)[:5]) <= set(np.argsort(-first)[:15])
    assert np.abs(np.mean(runs, axis=0) - exact).max() <= 0.015


def test_sampled_betweenness_is_deterministic_per_seed(mid_size) -> None:
    dataset, _, _ = mid_size
    once = brokers(dataset, top=0, exact_limit=100, samples=150, seed=1)
    again = brokers(dataset, top=0, exact_limit=100, samples=150, seed=1)
    other = brokers(dataset, top=0, exact_limit=100, samples=150, seed=2)
    assert once == again
    assert once.brokers != other.brokers
    # Only betweenness is sampled: the other metrics do not depend on the seed.
    by_actor = {r.actor: r for r in other.brokers}
    for row in once.brokers:
        twin = by_actor[row.actor]
        assert (row.degree, row.constraint, row.effective_size, row.articulation_point) == (
            twin.degree,
            twin.constraint,
            twin.effective_size,
            twin.articulation_point,
        )


def test_exact_up_to_the_limit(mid_size) -> None:
    dataset, _, _ = mid_size
    report = brokers(dataset, top=0, exact_limit=600, samples=150)
    assert report.method == "exact"
    assert brokers(dataset, top=0, exact_limit=100, samples=600).method == "exact"  # as many samples as actors


def test_articulation_points_components_and_isolated(write_dataset) -> None:
    # a - b - c   d - e   f (isolated): b splits the first component.
    dataset = load_dataset(
        write_dataset(
            actors="id,name\n" + "".join(f"{x},{x.upper()}\n" for x in "abcdef"),
            cooperation="source,target\na,b\nc,b\nd,e\n",
        )
    )
    report = brokers(dataset, top=0)
    assert report.articulation_points == ("b",)
    assert report.components == (("a", "b", "c"), ("d", "e"))
    assert report.isolated == ("f",)
    rows = {r.actor: r for r in report.brokers}
    assert rows["b"].betweenness == 1 / ((6 - 1) * (6 - 2) / 2)  # one pair of six actors' 10 pairs goes through b
    assert rows["f"].constraint is None and rows["f"].effective_size is None and rows["f"].degree == 0
