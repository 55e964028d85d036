"""Each export opened in the tool it is for: NetworkX, igraph, graphology, Cytoscape.js, the Gephi toolkit, lxml.

Every test compares what the consumer read with the dataset itself: the node and edge counts of
``sample.graph``, and three values (a project's name and budget, a cooperation's strength as the
edge weight) taken from the sample's records. The JavaScript readers are tests/js (``npm ci --prefix
tests/js``), the Gephi toolkit the Maven artifact org.gephi:gephi-toolkit:0.10.1:jar:all (``.ci/run``
fetches both); where they are missing the tests skip, and fail in CI (STAKEHOLDERS_REQUIRE_CONSUMERS=1).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pytest

from stakeholders import Dataset
from stakeholders.exports import export_graph
from stakeholders.exports.common import graph_table
from tests.test_export import SMALL

HERE = Path(__file__).resolve().parent
JS = HERE / "js"
GEXF_GRAMMAR = HERE / "schemas" / "gexf-1.3" / "gexf.rng"
GEPHI_RUNNER = HERE / "java" / "GephiRead.java"
GEPHI_TOOLKIT = Path(
    os.environ.get(
        "STAKEHOLDERS_GEPHI_TOOLKIT",
        Path.home() / ".m2/repository/org/gephi/gephi-toolkit/0.10.1/gephi-toolkit-0.10.1-all.jar",
    )
)
REQUIRE = os.environ.get("STAKEHOLDERS_REQUIRE_CONSUMERS") == "1"


def missing(message: str) -> None:
    if REQUIRE:
        pytest.fail(message)
    pytest.skip(message)


@dataclass(frozen=True)
class Expected:
    """What every consumer must read: counts and three values, from the sample's records."""

    nodes: int
    edges: int
    node_key: str  # a project with a budget
    name: str
    budget: float
    edge_id: str  # a cooperation stronger than the default
    edge_ends: tuple[str, str]
    strength: int


@pytest.fixture(scope="module")
def expected(sample: Dataset) -> Expected:
    project = next(p for p in sample.projects.values() if p.budget)
    coop = next(c for c in sample.cooperations if c.strength and c.strength > 1)
    source, target = f"Actor:{coop.source}", f"Actor:{coop.target}"
    edge = next(
        e for e in graph_table(sample).edges if e.kind == "COOPERATES_WITH" and (e.source, e.target) == (source, target)
    )
    graph = sample.graph
    return Expected(
        graph.number_of_nodes(),
        graph.number_of_edges(),
        f"Project:{project.id}",
        project.name,
        float(project.budget),
        edge.id,
        (source, target),
        int(coop.strength),
    )


@pytest.fixture(scope="module")
def exported(sample: Dataset, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exports")
    names = {"gexf": "g.gexf", "graphml": "g.graphml", "json": "g.json", "cytoscape": "g.cyjs", "gephi-csv": "csv"}
    return {fmt: export_graph(sample, folder / name, fmt).path for fmt, name in names.items()}


def assert_same_graph(graph: nx.MultiDiGraph, sample: Dataset, expected: Expected) -> None:
    assert set(graph.nodes) == set(sample.graph.nodes)
    assert graph.number_of_edges() == expected.edges
    kinds = sorted(d["kind"] for *_, d in graph.edges(data=True))
    assert kinds == sorted(d["kind"] for *_, d in sample.graph.edges(data=True))
    node = graph.nodes[expected.node_key]
    assert (node["name"], float(node["budget"])) == (expected.name, expected.budget)
    weights = [d["weight"] for *_, d in graph.edges(data=True) if d.get("id") == expected.edge_id]
    if not weights:  # NetworkX's GEXF reader keeps the edge id as the key of a multigraph
        weights = [d["weight"] for u, v, d in graph.edges(data=True) if (u, v) == expected.edge_ends]
    assert expected.strength in weights


# --- GEXF 1.3 grammar (lxml) -------------------------------------------------------------------------------------


def test_gexf_is_valid_gexf_1_3(exported: dict[str, Path]) -> None:
    from lxml import etree

    grammar = etree.RelaxNG(etree.parse(str(GEXF_GRAMMAR)))
    document = etree.parse(str(exported["gexf"]))
    assert grammar.validate(document), grammar.error_log
    assert document.getroot().get("version") == "1.3"
    # The grammar can fail: what the export wrote before issue 16 (``<graph name=...>``) is refused.
    document.getroot()[1].set("name", "umearegionen")
    assert not grammar.validate(document)


def test_gexf_with_parallel_relations_is_valid_gexf_1_3(parallel: dict[str, Path]) -> None:
    from lxml import etree

    grammar = etree.RelaxNG(etree.parse(str(GEXF_GRAMMAR)))
    assert grammar.validate(etree.parse(str(parallel["gexf"]))), grammar.error_log


# --- NetworkX ----------------------------------------------------------------------------------------------------


def test_networkx_reads_the_gexf(exported: dict[str, Path], sample: Dataset, expected: Expected) -> None:
    graph = nx.read_gexf(exported["gexf"])
    assert_same_graph(graph, sample, expected)
    assert "networkx_key" not in {name for *_, d in graph.edges(data=True) for name in d}


def test_networkx_reads_the_graphml(exported: dict[str, Path], sample: Dataset, expected: Expected) -> None:
    graph = nx.read_graphml(exported["graphml"], force_multigraph=True)
    assert_same_graph(graph, sample, expected)
    assert graph.nodes[expected.node_key]["label"] == expected.name


def test_networkx_reads_the_node_link_json_with_the_documented_arguments(
    exported: dict[str, Path], sample: Dataset, expected: Expected
) -> None:
    data = json.loads(exported["json"].read_text(encoding="utf-8"))
    graph = nx.node_link_graph(data, edges="links")  # docs/export.md
    assert graph.is_directed() and graph.is_multigraph()
    assert_same_graph(graph, sample, expected)
    assert sorted(graph.edges(keys=True)) == sorted(sample.graph.edges(keys=True))


# --- igraph ------------------------------------------------------------------------------------------------------


def test_igraph_reads_the_graphml(exported: dict[str, Path], expected: Expected) -> None:
    import igraph

    graph = igraph.Graph.Read_GraphML(str(exported["graphml"]))
    assert (graph.vcount(), graph.ecount()) == (expected.nodes, expected.edges)
    node = graph.vs.find(id=expected.node_key)  # the node key is igraph's "id", kept
    assert (node["name"], node["budget"], node["label"]) == (expected.name, expected.budget, expected.name)
    # Found by its ends: python-igraph 1.0.0 fills the edges' "id" with their source's id, not the edge's.
    source, target = (graph.vs.find(id=key).index for key in expected.edge_ends)
    edges = graph.es.select(_source=source, _target=target)
    assert expected.strength in edges["weight"] and "COOPERATES_WITH" in edges["kind"]


# --- graphology and Cytoscape.js under node ----------------------------------------------------------------------


def run_node(fmt: str, path: Path, expected: Expected) -> dict:
    if shutil.which("node") is None:
        missing("node not found: install Node.js 20")
    if not (JS / "node_modules" / "graphology").is_dir():
        missing("the JavaScript readers are not installed: npm ci --prefix tests/js")
    arguments = ["node", str(JS / "read.js"), fmt, str(path), expected.node_key, expected.edge_id]
    done = subprocess.run(arguments, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_graphology_reads_every_node_and_edge(exported: dict[str, Path], expected: Expected, fmt: str) -> None:
    read = run_node(fmt, exported[fmt], expected)
    assert (read["nodes"], read["edges"]) == (expected.nodes, expected.edges)
    assert (read["node"]["name"], read["node"]["budget"]) == (expected.name, expected.budget)
    assert read["edge"]["weight"] == expected.strength and read["edge"]["kind"] == "COOPERATES_WITH"
    assert tuple(read["edgeEnds"]) == expected.edge_ends


def test_cytoscape_js_loads_the_elements(exported: dict[str, Path], expected: Expected) -> None:
    read = run_node("cytoscape", exported["cytoscape"], expected)
    assert (read["nodes"], read["edges"]) == (expected.nodes, expected.edges)
    assert (read["node"]["name"], read["node"]["budget"]) == (expected.name, expected.budget)
    assert read["edge"]["weight"] == expected.strength
    assert tuple(read["edgeEnds"]) == expected.edge_ends


GEPHI_FORMATS = ("gexf", "graphml", "gephi-csv")


@pytest.fixture(scope="module")
def parallel_dataset(tmp_path_factory) -> Dataset:
    """tests/test_export.py's small dataset: two sizes of one group in one municipality (2022, 2023), and an owner
    that funds its project (OWNS and FUNDS between the same two nodes)."""
    from stakeholders import load_dataset

    folder = tmp_path_factory.mktemp("parallel-data")
    for name, text in SMALL.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return load_dataset(folder)


@pytest.fixture(scope="module")
def parallel(parallel_dataset: Dataset, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("parallel-exports")
    names = {"gexf": "p.gexf", "graphml": "p.graphml", "gephi-csv": "csv"}
    return {fmt: export_graph(parallel_dataset, folder / name, fmt).path for fmt, name in names.items()}


def test_the_small_dataset_has_parallel_relations(parallel_dataset: Dataset) -> None:
    pairs = [(u, v) for u, v, _ in parallel_dataset.graph.edges(keys=True)]
    repeated = {pair for pair in pairs if pairs.count(pair) > 1}
    assert ("TargetGroup:new", "Municipality:2480") in repeated and ("Actor:kom", "Project:p1") in repeated


# --- The Gephi toolkit 0.10.1 ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gephi(
    exported: dict[str, Path], parallel: dict[str, Path], expected: Expected, tmp_path_factory
) -> dict[str, dict]:
    """What the Gephi toolkit read from the GEXF, the GraphML and the gephi-csv folder (one JVM for all)."""
    if shutil.which("javac") is None or shutil.which("java") is None:
        missing("javac/java not found: install a JDK 17")
    if not GEPHI_TOOLKIT.is_file():
        missing(f"the Gephi toolkit is not at {GEPHI_TOOLKIT}: .ci/run fetches org.gephi:gephi-toolkit:0.10.1:jar:all")
    classes = tmp_path_factory.mktemp("gephi-classes")
    compiled = subprocess.run(
        ["javac", "-cp", str(GEPHI_TOOLKIT), "-d", str(classes), str(GEPHI_RUNNER)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert compiled.returncode == 0, compiled.stderr
    files = [str(exported[fmt]) for fmt in GEPHI_FORMATS] + [str(parallel[fmt]) for fmt in GEPHI_FORMATS]
    classpath = f"{GEPHI_TOOLKIT}{os.pathsep}{classes}"
    command = ["java", "-Djava.awt.headless=true", "-cp", classpath, "GephiRead", expected.node_key, expected.edge_id]
    done = subprocess.run([*command, *files], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    names = [*GEPHI_FORMATS, *(f"parallel {fmt}" for fmt in GEPHI_FORMATS)]
    return dict(zip(names, lines, strict=True))


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "gephi-csv"])
def test_gephi_loads_every_node_and_edge(gephi: dict[str, dict], expected: Expected, fmt: str) -> None:
    read = gephi[fmt]
    assert (read["nodes"], read["edges"]) == (expected.nodes, expected.edges)
    assert [issue for issue in read["issues"] if not issue.startswith("INFO")] == []
    assert read["nodeLabel"] == expected.name
    assert read["node"]["name"] == f"String:{expected.name}"
    assert float(read["node"]["budget"].partition(":")[2]) == expected.budget
    assert read["edgeWeight"] == expected.strength
    assert tuple(read["edgeEnds"]) == expected.edge_ends


@pytest.mark.parametrize("fmt", GEPHI_FORMATS)
def test_gephi_keeps_parallel_relations(gephi: dict[str, dict], parallel_dataset: Dataset, fmt: str) -> None:
    # Gephi keeps one edge per two nodes and edge type: the export numbers the types of parallel relations.
    read = gephi[f"parallel {fmt}"]
    graph = parallel_dataset.graph
    assert (read["nodes"], read["edges"]) == (graph.number_of_nodes(), graph.number_of_edges())
    assert [issue for issue in read["issues"] if "Parallel edges" in issue or "SEVERE" in issue] == []


def test_gephi_takes_the_gexf_kind_as_the_edge_type(gephi: dict[str, dict]) -> None:
    assert gephi["gexf"]["edgeKind"] == "COOPERATES_WITH"
    assert gephi["gephi-csv"]["edgeKind"] == "COOPERATES_WITH"  # the kind column of edges.csv


# --- Parallel relations in the other readers -----------------------------------------------------------------------


def test_networkx_and_graphology_keep_parallel_relations(parallel: dict[str, Path], parallel_dataset: Dataset) -> None:
    edges = parallel_dataset.graph.number_of_edges()
    assert nx.read_gexf(parallel["gexf"]).number_of_edges() == edges
    assert nx.read_graphml(parallel["graphml"], force_multigraph=True).number_of_edges() == edges
    placeholder = Expected(0, 0, "Actor:umu", "", 0.0, "e0", ("", ""), 0)
    for fmt in ("gexf", "graphml"):
        assert run_node(fmt, parallel[fmt], placeholder)["edges"] == edges, fmt
