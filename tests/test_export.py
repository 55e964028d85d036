"""GEXF, GraphML and JSON node-link exports: every node, relation and attribute, readable back."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import networkx as nx
import pytest

from stakeholders import Dataset
from stakeholders.errors import OutputError, UsageError
from stakeholders.export import FORMATS, choose_format, export_bytes, export_graph, node_link, remove_email_addresses
from stakeholders.schema import PERSONAL_ATTRIBUTES

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def read(path: Path, fmt: str) -> nx.MultiDiGraph:
    if fmt == "gexf":
        return nx.read_gexf(path)
    if fmt == "graphml":
        return nx.read_graphml(path)
    return nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), name="key", edges="edges")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_node_and_relation_is_exported(sample: Dataset, tmp_path: Path, fmt: str) -> None:
    summary = export_graph(sample, tmp_path / f"g.{fmt}")
    graph = read(summary.path, fmt)
    assert summary.format == fmt
    assert set(graph.nodes) == set(sample.graph.nodes)
    assert graph.number_of_edges() == sample.graph.number_of_edges() == summary.edges
    kinds = sorted(d["kind"] for _, _, d in graph.edges(data=True))
    assert kinds == sorted(d["kind"] for _, _, d in sample.graph.edges(data=True))


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_attributes_are_plain_values(sample: Dataset, tmp_path: Path, fmt: str) -> None:
    graph = read(export_graph(sample, tmp_path / f"g.{fmt}").path, fmt)
    project = next(p for p in sample.projects.values() if len(p.orientations) > 1 and p.start and p.budget)
    data = graph.nodes[f"Project:{project.id}"]
    assert data["orientations"] == ";".join(project.orientations)
    start = "start_date" if fmt == "gexf" else "start"
    assert data[start] == project.start.isoformat()
    assert float(data["budget"]) == project.budget
    assert data["name"] == project.name
    municipality = next(iter(sample.municipalities.values()))
    assert int(graph.nodes[f"Municipality:{municipality.id}"]["population"]) == municipality.population
    for _, attributes in graph.nodes(data=True):
        assert all(value not in (None, "", "None") for value in attributes.values())
    coop = next(c for c in sample.cooperations if c.note)
    notes = [d.get("note") for _, _, d in graph.edges(data=True) if d["kind"] == "COOPERATES_WITH"]
    assert coop.note in notes


def test_gexf_has_labels_and_no_reserved_names_misused(sample: Dataset, tmp_path: Path) -> None:
    text = export_bytes(sample, "gexf").decode("utf-8")
    assert 'mode="static"' in text and "lastmodifieddate" not in text  # not a dynamic graph; no date stamp
    graph = nx.read_gexf(export_graph(sample, tmp_path / "g.gexf").path)
    assert graph.nodes["Actor:umu"]["label"] == sample.actors["umu"].name
    assert graph.nodes["Actor:umu"]["record_id"] == "umu"


def test_json_is_node_link_with_the_schemas_names(sample: Dataset) -> None:
    data = node_link(sample)
    assert data["directed"] is True and data["multigraph"] is True and data["graph"] == {"name": sample.name}
    node = next(n for n in data["nodes"] if n["key"] == "Actor:umu")
    actor = sample.actors["umu"]
    assert node["kind"] == "Actor" and node["id"] == "umu" and node["name"] == actor.name
    assert node["orientations"] == list(actor.orientations)
    edge = next(e for e in data["edges"] if e["kind"] == "FUNDS")
    assert set(edge) >= {"source", "target", "kind", "amount"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_personal_data(sample: Dataset, fmt: str) -> None:
    assert any(a.email for a in sample.actors.values())
    with_data = export_bytes(sample, fmt).decode("utf-8")
    assert EMAIL.search(with_data)
    text = export_bytes(sample, fmt, personal_data=False).decode("utf-8")
    assert EMAIL.findall(text) == []
    for name in PERSONAL_ATTRIBUTES:
        assert f'"{name}"' not in text
    for actor in sample.actors.values():
        assert not actor.contact_name or actor.contact_name not in text
        assert not actor.phone or actor.phone not in text


def test_e_mail_addresses_in_free_text_are_removed() -> None:
    assert remove_email_addresses("write to a.b@example.se or x+y@sub.example.org.") == "write to […] or […]."


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_data_same_bytes(sample: Dataset, fmt: str) -> None:
    assert export_bytes(sample, fmt) == export_bytes(sample, fmt)


def test_format_from_suffix_and_errors(sample: Dataset, tmp_path: Path) -> None:
    assert choose_format("x.GEXF") == "gexf" and choose_format("x.txt", "json") == "json"
    with pytest.raises(UsageError, match="cannot tell the format"):
        choose_format("graph.txt")
    with pytest.raises(UsageError, match="unknown export format 'dot'"):
        export_graph(sample, tmp_path / "g.dot", "dot")
    with pytest.raises(OutputError, match="is a folder"):
        export_graph(sample, tmp_path, "json")


def test_dates_are_iso_text(sample: Dataset) -> None:
    project = next(p for p in sample.projects.values() if p.start)
    node = next(n for n in node_link(sample)["nodes"] if n["key"] == f"Project:{project.id}")
    assert node["start"] == project.start.isoformat()
    assert dt.date.fromisoformat(node["start"]) == project.start
