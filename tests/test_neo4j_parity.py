"""Random small datasets: every analysis gives identical JSON on Neo4j and in memory; push/pull round trip."""

from __future__ import annotations

import csv
import io
import os
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stakeholders import load_dataset
from stakeholders.backends import Query
from stakeholders.backends.memory import MemoryBackend
from stakeholders.backends.neo4j import Neo4jBackend
from stakeholders.backends.neo4j_pull import write_dataset_csv
from stakeholders.backends.neo4j_push import push_dataset
from stakeholders.schema import FILES_BY_NAME

pytestmark = pytest.mark.neo4j

# Quotes, backslashes, Cypher and format syntax, Swedish letters: all of it is data.
NAMES = st.text(alphabet="abcåäöÅ \"'\\{}$%()-:", min_size=1, max_size=8)
ID_SUFFIXES = st.sampled_from(["", "'", "\\", " x", '"', "Å", "}"])
ORIENTATIONS = st.lists(st.sampled_from(["Språk", "språk", "Arbete", "MATCH", "Coachning"]), max_size=3)
SECTORS = st.sampled_from(["", "public", "private", "privat", "civil"])


def _ids(draw: Callable, prefix: str, count: int) -> list[str]:
    return [f"{prefix}{k}{draw(ID_SUFFIXES)}" for k in range(count)]


def _subset(draw: Callable, pool: list[str], star: bool = False) -> str:
    if star and pool and draw(st.integers(0, 4)) == 0:
        return "*"
    return ";".join(draw(st.lists(st.sampled_from(pool), max_size=len(pool), unique=True))) if pool else ""


@st.composite
def datasets(draw: Callable) -> dict[str, list[dict[str, str]]]:
    """Rows of every file: overlapping cells, concurrent projects, sectors, sizes of several years."""
    municipalities = _ids(draw, "m", draw(st.integers(1, 3)))
    groups = _ids(draw, "t", draw(st.integers(1, 3)))
    actors = _ids(draw, "a", draw(st.integers(2, 7)))
    projects = _ids(draw, "p", draw(st.integers(0, 5)))
    files: dict[str, list[dict[str, str]]] = {
        "municipalities": [{"id": m, "name": draw(NAMES).strip() + f" {m}"} for m in municipalities],
        "target_groups": [
            {"id": t, "name": f"{draw(NAMES).strip()} {t}", "parent": groups[0] if k and draw(st.booleans()) else ""}
            for k, t in enumerate(groups)
        ],
        "actors": [
            {
                "id": a,
                "name": f"{draw(NAMES).strip()} {a}",
                "sector": draw(SECTORS),
                "orientations": ";".join(draw(ORIENTATIONS)),
                "municipalities": _subset(draw, municipalities, star=True),
                "target_groups": _subset(draw, groups),
                "anteckning": draw(NAMES),
            }
            for a in actors
        ],
    }
    files["projects"] = []
    for p in projects:
        start = draw(st.integers(2006, 2010))
        files["projects"].append(
            {
                "id": p,
                "name": f"{draw(NAMES).strip()} {p}",
                "owner": draw(st.sampled_from(actors)),
                "partners": _subset(draw, actors),
                "orientations": ";".join(draw(ORIENTATIONS)),
                "target_groups": _subset(draw, groups),
                "municipalities": _subset(draw, municipalities, star=True),
                "start": draw(st.sampled_from(["", f"{start}-01-01", f"{start}-07-01"])),
                "end": draw(st.sampled_from(["", f"{start}-12-31", f"{start + 1}-06-30"])),
                "budget": draw(st.sampled_from(["", "100 000", "1 500,50", "0"])),
            }
        )
    pairs = [(a, b) for a in actors for b in actors if a != b]
    files["cooperation"] = [
        {"source": a, "target": b, "strength": draw(st.sampled_from(["", "2"]))}
        for a, b in draw(st.lists(st.sampled_from(pairs), max_size=4))
    ]
    cells = [(t, m) for t in groups for m in municipalities]
    files["target_group_sizes"] = [
        {
            "target_group": t,
            "municipality": m,
            "size": str(draw(st.integers(0, 5000))),
            "year": draw(st.sampled_from(["", "2007", "2008"])),
        }
        for t, m in draw(st.lists(st.sampled_from(cells), max_size=5))
    ]
    files["funding"] = (
        [
            {"funder": a, "project": p, "amount": "1000"}
            for a, p in draw(st.lists(st.tuples(st.sampled_from(actors), st.sampled_from(projects)), max_size=2))
        ]
        if projects
        else []
    )
    return files


def write(files: dict[str, list[dict[str, str]]], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in files.items():
        header = list(dict.fromkeys([*FILES_BY_NAME[name].column_names, *(k for row in rows for k in row)]))
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        (folder / f"{name}.csv").write_text(buffer.getvalue(), encoding="utf-8")
    return folder


def analyses_json(backend, query: Query) -> dict[str, object]:
    found: dict[str, object] = {
        name: [r.to_json() for r in getattr(backend, name)(query)]
        for name in ("actor_gaps", "project_gaps", "sector_gaps", "duplicate_groups", "coverage")
    }
    found["brokers"] = backend.brokers(query).to_json()
    return found


# STAKEHOLDERS_PARITY_EXAMPLES=300 searches harder (the default keeps the suite fast).
EXAMPLES = int(os.environ.get("STAKEHOLDERS_PARITY_EXAMPLES", "15"))


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(files=datasets(), top=st.sampled_from([1, 3]))
def test_random_datasets_give_identical_results_and_survive_push_and_pull(neo4j_server, files, top: int) -> None:
    from conftest import delete_neo4j_dataset

    with tempfile.TemporaryDirectory() as scratch:
        dataset = load_dataset(write(files, Path(scratch) / "data"))
        name = f"test-parity-{uuid.uuid4().hex[:12]}"
        memory = MemoryBackend(dataset)
        municipality = next(iter(dataset.municipalities))
        queries = [Query(top=0), Query(top=top, municipalities=(municipality,))]
        try:
            push_dataset(dataset, neo4j_server.settings(name), batch_size=4)
            with Neo4jBackend(neo4j_server.settings(name), driver=neo4j_server.driver) as neo4j:
                for query in queries:
                    assert analyses_json(neo4j, query) == analyses_json(memory, query), query
                assert neo4j.info().to_json() == {**memory.info().to_json(), "dataset": name}
                pulled = write_dataset_csv(neo4j.dataset(), Path(scratch) / "pulled")[0].parent
        finally:
            delete_neo4j_dataset(neo4j_server, name)
        again = load_dataset(pulled)
        for table in ("municipalities", "target_groups", "actors", "projects"):
            assert list(getattr(again, table).items()) == list(getattr(dataset, table).items()), table
        for rows in ("target_group_sizes", "cooperations", "fundings"):
            assert getattr(again, rows) == getattr(dataset, rows), rows


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(files=datasets())
def test_projects_past_the_star_limit_give_identical_results(neo4j_server, files, monkeypatch) -> None:
    """The star rule (model.project_contacts) in Cypher too: with the limit at 2, a project of 3 or more
    participants links them to its owner only, in contact_pairs, project gaps and sector gaps (issue 20)."""
    from conftest import delete_neo4j_dataset

    from stakeholders import model

    monkeypatch.setattr(model, "STAR_FROM", 2)
    with tempfile.TemporaryDirectory() as scratch:
        dataset = load_dataset(write(files, Path(scratch) / "data"))
        name = f"test-star-{uuid.uuid4().hex[:12]}"
        try:
            push_dataset(dataset, neo4j_server.settings(name), batch_size=4)
            with Neo4jBackend(neo4j_server.settings(name), driver=neo4j_server.driver) as neo4j:
                assert analyses_json(neo4j, Query(top=0)) == analyses_json(MemoryBackend(dataset), Query(top=0))
        finally:
            delete_neo4j_dataset(neo4j_server, name)
