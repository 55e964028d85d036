"""The exports' own promises: every node, relation and schema attribute, typed, no personal data when asked.

That each file opens in the tool it is for is tested in tests/test_export_consumers.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from pathlib import Path

import networkx as nx
import pytest

from stakeholders import Dataset
from stakeholders.errors import OutputError, UsageError
from stakeholders.exports import FORMATS, RENDERERS, choose_format, export_bytes, export_graph, node_link_data
from stakeholders.exports.common import graph_table, remove_email_addresses
from stakeholders.exports.gephi_csv import EDGES_FILE, NODES_FILE
from stakeholders.schema import NODE_FILES, PERSONAL_ATTRIBUTES

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
GOLDEN = Path(__file__).parent / "golden" / "exports"
UPDATE_GOLDEN = os.environ.get("STAKEHOLDERS_UPDATE_GOLDEN") == "1"
# A small dataset with every node kind and relation, a list, a date, a decimal, a boolean and a parallel edge.
SMALL = {
    "municipalities": "id,name,region,population,year\n2480,Umeå,Västerbottens län,130000,2023\n0180,Stockholm,,,\n",
    "target_groups": "id,name,parent\nnew,Newly arrived,\nyoung,Young newly arrived,new\n",
    "actors": "id,name,sector,orientations,municipalities,target_groups,email\n"
    "umu,Umeå universitet,academic,Forskning;Validering,2480,young,a@example.se\nkom,Kommunen,public,,*,new,\n",
    "projects": "id,name,owner,partners,start,end,budget\np1,Språkstöd,kom,umu,2021-01-01,2022-06-30,1250000.5\n",
    "target_group_sizes": "target_group,municipality,size,year\nnew,2480,640,2022\nnew,2480,700,2023\n",
    "cooperation": 'source,target,kind,strength,since,note\numu,kom,contract,3,2019,"Avtal, ""nytt"""\n',
    "funding": "funder,project,amount,year\nkom,p1,250000,2021\n",
}


def exported_text(dataset: Dataset, fmt: str, tmp_path: Path, personal_data: bool = True) -> str:
    """The whole export as text (both CSV files for gephi-csv)."""
    summary = export_graph(dataset, tmp_path / f"out-{fmt}-{personal_data}", fmt, personal_data=personal_data)
    if fmt == "gephi-csv":
        return "".join((summary.path / name).read_text(encoding="utf-8") for name in (NODES_FILE, EDGES_FILE))
    return summary.path.read_text(encoding="utf-8")


# The graph formats (text); the Kumu workbook has its own tests (tests/test_export_kumu.py).
GRAPH_FORMATS = tuple(f for f in FORMATS if f != "kumu")


def test_the_formats_are_the_ones_the_issue_names() -> None:
    assert FORMATS == ("gexf", "graphml", "json", "cytoscape", "gephi-csv", "kumu")
    assert set(RENDERERS) == set(FORMATS) - {"gephi-csv", "kumu"}
    assert choose_format("map.xlsx") == "kumu"


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_summary_counts_what_the_graph_holds(sample: Dataset, tmp_path: Path, fmt: str) -> None:
    summary = export_graph(sample, tmp_path / "out", fmt)
    assert (summary.format, summary.nodes, summary.edges) == (
        fmt,
        sample.graph.number_of_nodes(),
        sample.graph.number_of_edges(),
    )
    assert summary.bytes > 0


def test_every_schema_attribute_is_declared_with_a_type(sample: Dataset) -> None:
    table = graph_table(sample)
    declared = {a.name: a.type for a in table.node_attributes}
    renamed = {"id": "record_id", "start": "start_date", "end": "end_date", "parent": "parent_group"}
    for spec in NODE_FILES.values():
        for column in spec.columns:
            assert renamed.get(column.name, column.name) in declared, column.name
    assert declared["population"] == "long" and declared["budget"] == "double"
    assert declared["all_municipalities"] == "boolean" and declared["name"] == "string"
    edges = {a.name: a.type for a in table.edge_attributes}
    assert edges["kind"] == "string" and edges["strength"] == "long" and edges["amount"] == "double"


def test_relation_attributes_are_declared_without_any_relation(write_dataset) -> None:
    from stakeholders import load_dataset

    table = graph_table(load_dataset(write_dataset(actors="id,name\na,A\n")))
    assert table.edges == ()
    declared = {a.name: a.type for a in table.edge_attributes}
    assert declared == {
        "kind": "string",
        "size": "long",
        "year": "long",
        "cooperation_kind": "string",
        "strength": "long",
        "since": "string",
        "note": "string",
        "amount": "double",
    }


def test_edges_have_unique_ids_and_strength_as_weight(sample: Dataset) -> None:
    table = graph_table(sample)
    assert len({e.id for e in table.edges}) == len(table.edges) == sample.graph.number_of_edges()
    coop = next(c for c in sample.cooperations if c.strength and c.strength > 1)
    weights = [e.weight for e in table.edges if e.kind == "COOPERATES_WITH" and e.source == f"Actor:{coop.source}"]
    assert float(coop.strength) in weights
    assert {e.weight for e in table.edges if e.kind != "COOPERATES_WITH"} == {1.0}


def test_values_are_plain_and_renamed(sample: Dataset) -> None:
    project = next(p for p in sample.projects.values() if len(p.orientations) > 1 and p.start and p.budget)
    node = next(n for n in graph_table(sample).nodes if n.key == f"Project:{project.id}")
    assert node.label == project.name and node.values["record_id"] == project.id
    assert node.values["orientations"] == ";".join(project.orientations)
    assert node.values["start_date"] == project.start.isoformat()
    assert dt.date.fromisoformat(str(node.values["start_date"])) == project.start
    assert node.values["budget"] == project.budget
    for n in graph_table(sample).nodes:
        assert all(value not in (None, "", "None") for value in n.values.values())


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_no_personal_data(sample: Dataset, tmp_path: Path, fmt: str) -> None:
    assert any(a.email for a in sample.actors.values())
    assert EMAIL.search(exported_text(sample, fmt, tmp_path))
    text = exported_text(sample, fmt, tmp_path, personal_data=False)
    assert EMAIL.findall(text) == []
    for name in PERSONAL_ATTRIBUTES:
        assert not re.search(rf"\b{name}\b", text), name
    for actor in sample.actors.values():
        assert not actor.contact_name or actor.contact_name not in text
        assert not actor.phone or actor.phone not in text


def test_e_mail_addresses_in_free_text_are_removed() -> None:
    assert remove_email_addresses("write to a.b@example.se or x+y@sub.example.org.") == "write to […] or […]."


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_same_data_same_bytes(sample: Dataset, fmt: str) -> None:
    assert export_bytes(sample, fmt) == export_bytes(sample, fmt)


def test_format_from_suffix_and_errors(sample: Dataset, tmp_path: Path) -> None:
    assert choose_format("x.GEXF") == "gexf" and choose_format("x.txt", "json") == "json"
    assert choose_format("x.cyjs") == "cytoscape"
    with pytest.raises(UsageError, match="cannot tell the format"):
        choose_format("graph.txt")
    with pytest.raises(UsageError, match="unknown export format 'dot'"):
        export_graph(sample, tmp_path / "g.dot", "dot")
    with pytest.raises(OutputError, match="is a folder"):
        export_graph(sample, tmp_path, "json")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="into a folder"):
        export_graph(sample, tmp_path / "file", "gephi-csv")
    with pytest.raises(UsageError, match="into a folder"):
        export_bytes(sample, "gephi-csv")


def test_json_is_node_link_with_links(sample: Dataset) -> None:
    data = node_link_data(sample)
    assert data["directed"] is True and data["multigraph"] is True and data["graph"] == {"name": sample.name}
    node = next(n for n in data["nodes"] if n["id"] == "Actor:umu")
    actor = sample.actors["umu"]
    assert node["kind"] == "Actor" and node["record_id"] == "umu" and node["name"] == actor.name
    assert node["orientations"] == list(actor.orientations)  # lists stay lists in JSON
    edge = next(e for e in data["links"] if e["kind"] == "FUNDS")
    assert set(edge) >= {"source", "target", "key", "id", "kind", "weight", "amount"}
    assert nx.node_link_graph(data, edges="links").number_of_edges() == len(data["links"])


def test_gephi_csv_columns_and_formula_cells(write_dataset, tmp_path: Path) -> None:
    from stakeholders import load_dataset

    folder = write_dataset(actors="id,name,description\na,=HYPERLINK(1),plain\nb,B,\n")
    summary = export_graph(load_dataset(folder), tmp_path / "gephi", "gephi-csv")
    nodes = list(csv.reader(io.StringIO((summary.path / NODES_FILE).read_text(encoding="utf-8"))))
    assert nodes[0][:3] == ["Id", "Label", "kind"]
    row = next(r for r in nodes if r[0] == "Actor:a")
    assert row[1] == "'=HYPERLINK(1)"  # neutralised, as in every CSV the tool writes
    edges = (summary.path / EDGES_FILE).read_text(encoding="utf-8").splitlines()
    assert edges[0].startswith("Source,Target,Type,Id,Label,Weight,Kind")


def test_json_keeps_text_of_every_kind(sample: Dataset) -> None:
    text = export_bytes(sample, "json").decode("utf-8")
    assert json.loads(text)["graph"]["name"] == sample.name
    assert "Umeå" in text  # UTF-8, not \\u escapes


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_golden_files_of_a_small_dataset(write_dataset, tmp_path: Path, fmt: str) -> None:
    from stakeholders import load_dataset

    summary = export_graph(load_dataset(write_dataset(**SMALL)), tmp_path / "out", fmt)
    files = sorted(summary.path.iterdir()) if fmt == "gephi-csv" else [summary.path]
    for path in files:
        name = f"small-{fmt}-{path.name}" if fmt == "gephi-csv" else f"small.{fmt}"
        golden = GOLDEN / name
        if UPDATE_GOLDEN:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_bytes(path.read_bytes())
        assert golden.exists(), f"{golden} is missing: run STAKEHOLDERS_UPDATE_GOLDEN=1 pytest {__file__}"
        assert path.read_text(encoding="utf-8") == golden.read_text(encoding="utf-8"), f"{name} changed"


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_characters_xml_cannot_hold_do_not_break_the_file(write_dataset, tmp_path: Path, fmt: str) -> None:
    from lxml import etree

    from stakeholders import load_dataset

    # A control character pasted from another program, and U+FFFE: XML 1.0 allows neither.
    folder = write_dataset(actors="id,name,description\na,A\x01B,one\x0btwo \ufffe three\n")
    path = export_graph(load_dataset(folder), tmp_path / f"g.{fmt}").path
    etree.parse(str(path))  # a reader refuses the whole file on one such character
    graph = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path)
    assert graph.nodes["Actor:a"]["name"] == "A\ufffdB"
    assert graph.nodes["Actor:a"]["description"] == "one\ufffdtwo \ufffd three"
