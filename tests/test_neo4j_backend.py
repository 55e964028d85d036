"""The Neo4j backend against a real server: parity with the in-memory backend, push and pull, errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from stakeholders import Dataset, load_dataset
from stakeholders.backends import Query
from stakeholders.backends.memory import MemoryBackend
from stakeholders.backends.neo4j import Neo4jBackend
from stakeholders.backends.neo4j_pull import write_dataset_csv
from stakeholders.backends.neo4j_push import push_dataset
from stakeholders.cli import main
from stakeholders.errors import ExitCode, StakeholdersError

pytestmark = pytest.mark.neo4j

ANALYSES = ("actor_gaps", "project_gaps", "sector_gaps", "duplicate_groups", "coverage")
QUERIES = (
    Query(top=0),
    Query(top=5),
    Query(top=1),
    Query(top=0, municipalities=("Umeå", "2460")),
    Query(top=3, target_groups=("nyanlanda",)),
    Query(top=0, orientations=("Språk", "arbetsmarknad")),
)


def results(backend: Any, query: Query) -> dict[str, Any]:
    """Every analysis of ``backend`` as JSON."""
    found: dict[str, Any] = {name: [r.to_json() for r in getattr(backend, name)(query)] for name in ANALYSES}
    found["brokers"] = backend.brokers(query).to_json()
    return found


def same_records(a: Dataset, b: Dataset) -> None:
    """The two datasets hold the same records and relations (names and sources aside)."""
    for table in ("municipalities", "target_groups", "actors", "projects"):
        assert list(getattr(a, table).items()) == list(getattr(b, table).items()), table
    for rows in ("target_group_sizes", "cooperations", "fundings"):
        assert getattr(a, rows) == getattr(b, rows), rows


def stored_key(server: Any, dataset: str) -> str:
    """The key of the dataset's current version, as docs/neo4j.md tells a user to find it (raw Cypher)."""
    with server.driver.session(database="neo4j") as session:
        row = session.run("MATCH (v:StakeholdersDataset {name: $name}) RETURN v.key AS key", name=dataset).single()
    return row["key"] if row else dataset  # a dataset pushed in one transaction by an earlier release: its name


def snapshot(server: Any, dataset: str) -> list[Any]:
    """Every node and relationship of a dataset's current version with its properties (a test's own raw Cypher).

    The ``dataset`` property (the version's key) is left out: two versions with the same graph compare equal.
    """
    key = stored_key(server, dataset)
    with server.driver.session(database="neo4j") as session:
        nodes = session.run(
            "MATCH (n {dataset: $key}) RETURN labels(n) AS labels, properties(n) AS properties", key=key
        ).data()
        relationships = session.run(
            "MATCH (a {dataset: $key})-[r]->(b) RETURN a.id AS a, type(r) AS type, b.id AS b, "
            "properties(r) AS properties",
            key=key,
        ).data()
    for item in nodes + relationships:
        assert item["properties"].pop("dataset") == key
    return sorted(json.dumps(item, sort_keys=True, default=str) for item in nodes + relationships)


def every_key(server: Any, dataset: str) -> list[str]:
    """The keys stored under the dataset's name: its name, or its name and a version (raw Cypher)."""
    with server.driver.session(database="neo4j") as session:
        rows = session.run(
            "MATCH (n) WHERE n.dataset = $name OR n.dataset STARTS WITH $name + '@' RETURN DISTINCT n.dataset AS k",
            name=dataset,
        ).data()
    return sorted(r["k"] for r in rows)


@pytest.fixture(scope="module")
def pushed_sample(neo4j_server, sample) -> str:
    name = "test-sample-parity"
    push_dataset(sample, neo4j_server.settings(name), replace=True)
    yield name
    from conftest import delete_neo4j_dataset

    delete_neo4j_dataset(neo4j_server, name)


@pytest.fixture(scope="module")
def sample_backend(neo4j_server, pushed_sample) -> Neo4jBackend:
    with Neo4jBackend(neo4j_server.settings(pushed_sample)) as backend:
        yield backend


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: repr(q))
def test_every_analysis_of_the_sample_is_the_same_on_both_backends(sample, sample_backend, query: Query) -> None:
    assert results(sample_backend, query) == results(MemoryBackend(sample), query)


def test_info_and_dataset_are_the_same_on_both_backends(sample, sample_backend) -> None:
    assert sample_backend.info().to_json() == {
        **MemoryBackend(sample).info().to_json(),
        "dataset": "test-sample-parity",
    }
    same_records(sample_backend.dataset(), sample)


def test_an_unknown_filter_value_is_a_usage_error_with_hints(sample_backend) -> None:
    with pytest.raises(StakeholdersError, match="no municipality 'Umea' in the dataset; did you mean 'Umeå'"):
        sample_backend.actor_gaps(Query(municipalities=("Umea",)))


def test_push_then_pull_reproduces_the_input(neo4j_server, neo4j_dataset, sample_path: Path, tmp_path: Path) -> None:
    env = neo4j_server.env()
    runner = CliRunner()
    pushed = runner.invoke(main, ["push", str(sample_path), "--dataset", neo4j_dataset, "--batch-size", "17"], env=env)
    assert pushed.exit_code == 0, pushed.output
    assert "nodes" in pushed.stdout
    pulled = runner.invoke(main, ["pull", "--dataset", neo4j_dataset, "-o", str(tmp_path / "back")], env=env)
    assert pulled.exit_code == 0, pulled.output
    assert sorted(p.name for p in (tmp_path / "back").iterdir()) == sorted(p.name for p in sample_path.glob("*.csv"))
    same_records(load_dataset(tmp_path / "back"), load_dataset(sample_path))


def test_pull_refuses_a_folder_that_is_not_empty(neo4j_server, pushed_sample, tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    result = CliRunner().invoke(main, ["pull", "--dataset", pushed_sample, "-o", str(tmp_path)], env=neo4j_server.env())
    assert result.exit_code == ExitCode.OUTPUT
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_pushing_the_same_data_twice_changes_nothing(neo4j_server, neo4j_dataset, sample) -> None:
    settings = neo4j_server.settings(neo4j_dataset)
    first = push_dataset(sample, settings)
    before = snapshot(neo4j_server, neo4j_dataset)
    again = push_dataset(sample, settings, batch_size=10)
    assert first.nodes_created > 0 and first.relationships_created > 0
    assert (again.nodes_created, again.relationships_created, again.nodes_deleted) == (0, 0, 0)
    assert snapshot(neo4j_server, neo4j_dataset) == before


def test_replace_replaces_the_datasets_graph(neo4j_server, neo4j_dataset, sample, load_csv) -> None:
    settings = neo4j_server.settings(neo4j_dataset)
    push_dataset(sample, settings)
    pushed = snapshot(neo4j_server, neo4j_dataset)
    small = load_csv(actors="id,name,municipalities\na,A,m1\nb,B,m1\n", cooperation="source,target\na,b\n")
    push_dataset(small, settings, replace=True)
    with Neo4jBackend(settings) as backend:
        same_records(backend.dataset(), small)
        assert backend.info().nodes == {"Actor": 2, "Project": 0, "Municipality": 1, "TargetGroup": 0}
    # Back to the sample, over a graph that shares nothing with it, then over itself: exactly a plain push's
    # graph each time, and only the current version is left.
    for _ in range(2):
        push_dataset(sample, settings, batch_size=7, replace=True)
        assert snapshot(neo4j_server, neo4j_dataset) == pushed
        assert every_key(neo4j_server, neo4j_dataset) == [stored_key(neo4j_server, neo4j_dataset)]


def test_a_push_failing_in_its_last_batch_leaves_the_database_unchanged(neo4j_server, neo4j_dataset, sample) -> None:
    # A FUNDS relationship of this dataset with the last funding row's number, between two other nodes:
    # the push's last batch then violates the uniqueness of (dataset, seq), after every other batch ran.
    last = len(sample.fundings) - 1
    with neo4j_server.driver.session(database="neo4j") as session:
        session.run(
            "CREATE (:Actor {dataset: $dataset, id: 'intruder', name: 'Intruder'})"
            "-[:FUNDS {dataset: $dataset, seq: $seq}]->(:Project {dataset: $dataset, id: 'intruded', name: 'X'})",
            dataset=neo4j_dataset,
            seq=last,
        ).consume()
    before = snapshot(neo4j_server, neo4j_dataset)
    with pytest.raises(StakeholdersError, match="nothing was written") as error:
        push_dataset(sample, neo4j_server.settings(neo4j_dataset), batch_size=3)
    assert error.value.exit_code == ExitCode.INVALID_DATA
    assert "--replace" in str(error.value)
    assert snapshot(neo4j_server, neo4j_dataset) == before
    # --replace deletes the intruders in the same transaction, so the push goes through.
    push_dataset(sample, neo4j_server.settings(neo4j_dataset), batch_size=3, replace=True)
    with Neo4jBackend(neo4j_server.settings(neo4j_dataset)) as backend:
        same_records(backend.dataset(), sample)


def test_two_datasets_in_one_database_do_not_see_each_other(neo4j_server, load_csv) -> None:
    from conftest import delete_neo4j_dataset

    # The same ids in both; each has its own overlap without contact.
    one = load_csv(actors="id,name,municipalities,target_groups\na,A,m,t\nb,B,m,t\nc,C,m,u\n")
    two = load_csv(actors="id,name,municipalities,target_groups\na,A2,m,u\nb,B2,m,t\nc,C2,m,u\n")
    names = ("test-side-one", "test-side-two")
    try:
        for dataset, name in zip((one, two), names, strict=True):
            push_dataset(dataset, neo4j_server.settings(name), replace=True)
        for dataset, name in zip((one, two), names, strict=True):
            with Neo4jBackend(neo4j_server.settings(name)) as backend:
                same_records(backend.dataset(), dataset)
                assert results(backend, Query(top=0)) == results(MemoryBackend(dataset), Query(top=0))
                assert backend.info().nodes["Actor"] == 3
        assert [g.actors for g in MemoryBackend(one).actor_gaps(Query(top=0))] == [("a", "b")]
        assert [g.actors for g in MemoryBackend(two).actor_gaps(Query(top=0))] == [("a", "c")]
    finally:
        for name in names:
            delete_neo4j_dataset(neo4j_server, name)


TRICKY = [
    'O\'Brien "the" \\ Co',
    "MATCH (n) DETACH DELETE n",
    "}) RETURN 1 //",
    "$dataset ${x} %s {name}",
    "back\\\\slash\\n",
    "Åsa; Örjan",
]


def test_names_with_quotes_backslashes_and_cypher_survive(neo4j_server, neo4j_dataset, tmp_path: Path) -> None:
    folder = tmp_path / "tricky"
    folder.mkdir()
    with (folder / "actors.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "municipalities", "target_groups", "note"])
        writer.writerows([f"x{k}'\\", name, "m", "t", name] for k, name in enumerate(TRICKY))
    dataset = load_dataset(folder)
    assert [a.name for a in dataset.actors.values()] == TRICKY
    name = neo4j_dataset + "'\" }) MATCH (n) DETACH DELETE n // \\"  # the dataset's name is data too
    try:
        push_dataset(dataset, neo4j_server.settings(name))
        with Neo4jBackend(neo4j_server.settings(name)) as backend:
            same_records(backend.dataset(), dataset)
            assert results(backend, Query(top=0)) == results(MemoryBackend(dataset), Query(top=0))
            write_dataset_csv(backend.dataset(), tmp_path / "back")
        same_records(load_dataset(tmp_path / "back"), dataset)
        assert snapshot(neo4j_server, name)
    finally:
        from conftest import delete_neo4j_dataset

        delete_neo4j_dataset(neo4j_server, name)


def test_a_property_added_by_hand_comes_back_as_an_extra_column(
    neo4j_server, neo4j_dataset, load_csv, tmp_path
) -> None:
    dataset = load_csv(actors="id,name,note\na,A,first\nb,B,\n")
    push_dataset(dataset, neo4j_server.settings(neo4j_dataset))
    with neo4j_server.driver.session(database="neo4j") as session:  # as docs/neo4j.md says to edit by hand
        session.run(
            "MATCH (v:StakeholdersDataset {name: $d}) MATCH (n:Actor {dataset: v.key, id: 'b'}) "
            "SET n.colour = 'red', n.rank = 2",
            d=neo4j_dataset,
        ).consume()
    with Neo4jBackend(neo4j_server.settings(neo4j_dataset)) as backend:
        actors = backend.dataset().actors
        write_dataset_csv(backend.dataset(), tmp_path / "back")
    assert dict(actors["a"].extra) == {"note": "first"}
    assert dict(actors["b"].extra) == {"colour": "red", "rank": "2"}
    header = (tmp_path / "back" / "actors.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith(",note,colour,rank")


# -- the command line ---------------------------------------------------------------------------------


def test_the_analysis_commands_run_on_neo4j(neo4j_server, pushed_sample, sample_path: Path) -> None:
    runner = CliRunner()
    for command in (["gaps", "--kind", "all"], ["duplicates"], ["coverage"], ["brokers"]):
        on_neo4j = runner.invoke(
            main,
            [*command, "--backend", "neo4j", "--dataset", pushed_sample, "--format", "json", "--top", "0"],
            env=neo4j_server.env(),
        )
        in_memory = runner.invoke(main, [*command, str(sample_path), "--format", "json", "--top", "0"])
        assert on_neo4j.exit_code == 0, on_neo4j.output
        assert json.loads(on_neo4j.stdout) == json.loads(in_memory.stdout), command


@pytest.mark.parametrize(
    ("change", "code", "message"),
    [
        ({"NEO4J_PASSWORD": "not-the-password"}, ExitCode.NEO4J_AUTH, "wrong user or password"),
        ({"NEO4J_URI": "bolt://127.0.0.1:1"}, ExitCode.NEO4J_UNREACHABLE, "cannot reach Neo4j"),
        ({"NEO4J_DATABASE": "nosuchdatabase"}, ExitCode.NEO4J_DATABASE, "no database 'nosuchdatabase'"),
        ({}, ExitCode.INVALID_DATA, "no dataset 'test-never-pushed'"),
        ({"NEO4J_URI": "http://127.0.0.1:7474"}, ExitCode.INVALID_DATA, "not a Neo4j address"),
    ],
    ids=["wrong password", "unreachable", "unknown database", "unknown dataset", "not bolt"],
)
def test_connection_errors_are_one_line_and_an_exit_code(neo4j_server, change, code, message) -> None:
    env = {**neo4j_server.env(), **change}
    result = CliRunner().invoke(main, ["gaps", "--backend", "neo4j", "--dataset", "test-never-pushed"], env=env)
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert env["NEO4J_PASSWORD"] not in result.output


def test_push_without_an_address_says_how(sample_path: Path) -> None:
    result = CliRunner().invoke(main, ["push", str(sample_path)], env={"NEO4J_URI": "", "NEO4J_PASSWORD": "x"})
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "--uri" in result.stderr


def test_push_and_pull_have_help_with_an_example() -> None:
    for command in ("push", "pull"):
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0
        assert "Example: stakeholders " + command in result.stdout


# -- a push in versions -------------------------------------------------------------------------------


def test_a_push_killed_half_way_leaves_the_current_version_and_the_next_push_cleans_up(
    neo4j_server, neo4j_dataset, sample, tmp_path: Path
) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    settings = neo4j_server.settings(neo4j_dataset)
    push_dataset(sample, settings, replace=True)
    before, current = snapshot(neo4j_server, neo4j_dataset), stored_key(neo4j_server, neo4j_dataset)
    # 1,500 generated actors in batches of 20 rows, each batch its own transaction: a few seconds of batches,
    # committed one by one (so a version of any size needs only a batch's transaction memory).
    big = tmp_path / "big"
    generate = [sys.executable, "-m", "stakeholders", "generate", "--actors", "1500", "--seed", "3", "-o", str(big)]
    subprocess.run(generate, check=True, capture_output=True)
    push = [sys.executable, "-m", "stakeholders", "push", str(big), "--dataset", neo4j_dataset, "--replace"]
    env = {**os.environ, **neo4j_server.env()}
    process = subprocess.Popen([*push, "--batch-size", "20"], env=env, stderr=subprocess.PIPE)
    staged: list[str] = []
    try:
        deadline = time.monotonic() + 120
        while not staged and time.monotonic() < deadline and process.poll() is None:
            staged = [k for k in every_key(neo4j_server, neo4j_dataset) if k != current]
            time.sleep(0.05)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert staged, "the push wrote no batch before it ended (make the generated dataset larger)"
    # Killed after some batches had committed: readers still see the version before, whole.
    assert stored_key(neo4j_server, neo4j_dataset) == current
    assert snapshot(neo4j_server, neo4j_dataset) == before
    with Neo4jBackend(settings) as backend:
        same_records(backend.dataset(), sample)
    # The next push of the name deletes what the killed one left.
    push_dataset(sample, settings)
    assert every_key(neo4j_server, neo4j_dataset) == [current]
    assert snapshot(neo4j_server, neo4j_dataset) == before
