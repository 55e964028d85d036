"""The named Cypher files: validated when loaded, and every one of them run against a real Neo4j."""

from __future__ import annotations

from pathlib import Path

import pytest

from stakeholders import cypher
from stakeholders.backends import Query
from stakeholders.backends.neo4j import Neo4jBackend, pull_dataset
from stakeholders.backends.neo4j_push import delete_dataset, push_dataset
from stakeholders.cypher import CypherFileError, parse
from stakeholders.errors import UsageError
from stakeholders.resources import cypher_dir


def test_every_file_loads_and_is_valid() -> None:
    files = cypher.load_all()
    assert len(files) == len(list(cypher_dir().rglob("*.cypher"))) > 30
    for name, file in files.items():
        assert file.statements, name
        assert all(s.text for s in file.statements)


def test_every_query_takes_the_dataset_as_a_parameter() -> None:
    for name, file in cypher.load_all().items():
        if name not in ("schema", "server/components", "datasets/names"):
            assert "dataset" in file.parameters, name


def test_parameters_are_listed_without_strings_and_comments() -> None:
    file = parse("x", "// uses $nothing\nMATCH (n:Actor {dataset: $dataset}) WHERE n.name = '$not' RETURN n")
    assert file.parameters == {"dataset"}


@pytest.mark.parametrize(
    "text",
    [
        "MATCH (n:Actor) WHERE n.id = '%s' RETURN n",
        "MATCH (n:Actor) WHERE n.id = %(id)s RETURN n",
        "MATCH (n:Actor {id: {id}}) RETURN n",
        "MATCH (n:{label}) RETURN n",
        "MATCH (n:Actor) WHERE n.id = ${id} RETURN n",
        "MATCH (n:Actor) RETURN {{}}",
    ],
)
def test_string_interpolation_markers_are_refused(text: str) -> None:
    with pytest.raises(CypherFileError, match="interpolation"):
        parse("bad", text)


@pytest.mark.parametrize(
    "text",
    ["MATCH (n:Person) RETURN n", "MATCH (a:Actor)-[:KNOWS]->(b:Actor) RETURN a", "MATCH (n:Actor|Thing) RETURN n"],
)
def test_labels_and_types_must_be_the_schemas(text: str) -> None:
    with pytest.raises(CypherFileError, match=r"not in stakeholders\.schema"):
        parse("bad", text)


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(CypherFileError, match="no statement"):
        parse("empty", "// only a comment\n  ;\n")


def test_statements_split_at_semicolons_ending_a_line_only() -> None:
    file = parse("two", "MATCH (n:Actor) WHERE n.name = 'a;\nb' RETURN n;\nMATCH (n:Project) RETURN n;\n")
    assert len(file.statements) == 2
    assert "'a;\nb'" in file.statements[0].text


def test_running_with_a_missing_or_unknown_parameter_is_refused_before_the_server() -> None:
    class NoServer:
        def run(self, *args: object, **kwargs: object) -> None:
            raise AssertionError("must not be reached")

    query = cypher.query("pull/actors")
    with pytest.raises(CypherFileError, match="missing dataset"):
        query.run(NoServer())
    with pytest.raises(CypherFileError, match="unknown datset"):
        query.run(NoServer(), dataset="x", datset="x")
    with pytest.raises(CypherFileError, match="statements"):
        cypher.query("schema").run(NoServer())


def test_a_missing_file_is_an_error() -> None:
    with pytest.raises(CypherFileError, match="cannot read"):
        cypher.query("no/such/file")


@pytest.mark.neo4j
def test_every_cypher_file_on_disk_is_run(neo4j_server, neo4j_dataset, sample, tmp_path: Path) -> None:
    """Push, pull, info and every analysis (with and without filters) run every file at least once."""
    cypher.reset_usage()
    settings = neo4j_server.settings(neo4j_dataset)
    push_dataset(sample, settings, replace=True)
    pull_dataset(settings, tmp_path / "pulled")
    with Neo4jBackend(settings) as backend:
        for query in (Query(top=0), Query(top=3, municipalities=("Umeå",), orientations=("Språk",))):
            backend.actor_gaps(query)
            backend.project_gaps(query)
            backend.sector_gaps(query)
            backend.duplicate_groups(query)
            backend.coverage(query)
            backend.brokers(query)
        backend.info()
    with pytest.raises(UsageError, match="no dataset"):
        Neo4jBackend(neo4j_server.settings(neo4j_dataset + "-absent"))
    nodes = sum(len(table) for table in (sample.actors, sample.projects, sample.municipalities, sample.target_groups))
    assert delete_dataset(settings) == nodes
    assert cypher.used() == set(cypher.names())
