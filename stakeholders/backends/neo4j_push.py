"""Push a dataset to Neo4j: all or nothing, in batches, idempotent.

The constraints and indexes of ``cypher/schema.cypher`` are created first (a
schema change has its own transaction). Then the whole dataset is written in
ONE explicit transaction, each file in batches of ``batch_size`` rows with
``UNWIND $rows AS row MERGE ...``: if anything fails half-way, nothing is
committed and the database is as it was. Pushing the same data again changes
nothing; ``replace=True`` replaces the dataset's graph, in the same
transaction: every node and relationship written is marked with a token of
this push, then whatever is not marked is deleted and the marks removed.
(Deleting first and writing after would be slower: in one transaction, index
lookups after many index deletions are slow.)
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j import exceptions as neo4j_exceptions

from stakeholders import cypher
from stakeholders.backends import Neo4jSettings
from stakeholders.backends.neo4j_connect import Neo4jError, neo4j_errors, open_driver, where
from stakeholders.backends.neo4j_store import PARTNER_POSITION, POSITION, PUSH_TOKEN, properties
from stakeholders.errors import ExitCode, StakeholdersError, UsageError
from stakeholders.model import Dataset
from stakeholders.schema import DATASET_PROPERTY, ID

DEFAULT_BATCH_SIZE = 5_000
# Rows of these files are keyed by their number (seq): push --replace first deletes a row whose number the new
# data gives to other ends.
_STALE_ROWS = {
    "push/sizes": "push/stale_sizes",
    "push/cooperations": "push/stale_cooperations",
    "push/fundings": "push/stale_fundings",
}
_SWEEP = ("push/sweep_relationships", "push/sweep_nodes", "push/unmark_relationships", "push/unmark_nodes")
Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class PushSummary:
    """What a push did."""

    dataset: str
    records: int  # nodes and row relationships pushed (created or already there)
    nodes_created: int
    relationships_created: int
    nodes_deleted: int
    properties_set: int
    seconds: float

    def to_json(self) -> dict[str, object]:
        return {
            "dataset": self.dataset,
            "nodes_created": self.nodes_created,
            "relationships_created": self.relationships_created,
            "nodes_deleted": self.nodes_deleted,
            "properties_set": self.properties_set,
            "seconds": round(self.seconds, 3),
        }


def push_dataset(
    dataset: Dataset,
    settings: Neo4jSettings,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    replace: bool = False,
    driver: neo4j.Driver | None = None,
) -> PushSummary:
    """Write ``dataset`` to Neo4j as the dataset ``settings.dataset`` (default: the dataset's name).

    Parameters
    ----------
    dataset : Dataset
    settings : Neo4jSettings
    batch_size : int
        Rows per ``UNWIND`` query.
    replace : bool
        Replace the dataset's graph by this one (in the same transaction): what the push did not write
        is deleted.
    driver : neo4j.Driver, optional
        An open driver to use (it is left open); else one is opened and closed.

    Returns
    -------
    PushSummary

    Raises
    ------
    UsageError
        For a batch size below 1.
    Neo4jError
        When the server cannot be used, or the push is refused (nothing is written then).
    """
    if batch_size < 1:
        raise UsageError(f"the batch size must be at least 1, not {batch_size}")
    name = settings.dataset or dataset.name
    own = driver is None
    driver = driver or open_driver(settings)
    started = time.perf_counter()
    counters = {"nodes_created": 0, "relationships_created": 0, "nodes_deleted": 0, "properties_set": 0}
    try:
        with neo4j_errors(settings), driver.session(database=settings.database) as session:
            cypher.query("schema").run_each(session)
            try:
                with session.begin_transaction() as tx:
                    records = _write(tx, dataset, name, batch_size, replace, counters)
                    tx.commit()
            except neo4j_exceptions.TransientError as error:
                if "memory" not in (error.code or "").lower() and "memory" not in (error.message or "").lower():
                    raise
                raise Neo4jError(
                    f"push of {name!r} to {where(settings)} needs more transaction memory than the server allows, "
                    f"nothing was written ({error.message}); raise dbms.memory.transaction.total.max or the "
                    "server's heap (a push is one transaction: about 2 KB per record and relation)",
                    ExitCode.ERROR,
                ) from None
            except neo4j_exceptions.ConstraintError as error:
                raise StakeholdersError(
                    f"push of {name!r} to {where(settings)} refused, nothing was written: {error.message}. "
                    "If the dataset there differs from this one, push again with --replace",
                    ExitCode.INVALID_DATA,
                ) from None
    finally:
        if own:
            driver.close()
    return PushSummary(name, records, seconds=time.perf_counter() - started, **counters)


def _write(tx: Any, dataset: Dataset, name: str, batch_size: int, replace: bool, counters: dict[str, int]) -> int:
    """Run the push plan in the transaction ``tx``; returns the rows written."""
    token = uuid.uuid4().hex if replace else None
    records = 0
    for query, rows in push_plan(dataset, name, token):
        if token and query in _STALE_ROWS:
            for batch in batches(rows, batch_size):
                _run(tx, _STALE_ROWS[query], counters, dataset=name, rows=batch)
        for batch in batches(rows, batch_size):
            result = cypher.query(query).run(tx, dataset=name, rows=batch)
            written = result.single(strict=True)["written"]
            _count(result.consume(), counters)
            if written != len(batch):
                raise Neo4jError(
                    f"push of {name!r} stopped: {len(batch) - written} rows of {query} found no node to link "
                    "(was the dataset changed meanwhile?); nothing was written",
                    ExitCode.ERROR,
                )
            records += len(batch)
    if token:
        for query in _SWEEP:
            _run(tx, query, counters, dataset=name, token=token)
    return records


def _run(tx: Any, query: str, counters: dict[str, int], **parameters: Any) -> None:
    _count(cypher.query(query).run(tx, **parameters).consume(), counters)


def delete_dataset(settings: Neo4jSettings, driver: neo4j.Driver | None = None) -> int:
    """Delete the dataset ``settings.dataset`` from Neo4j; returns the nodes deleted.

    Raises
    ------
    Neo4jError
        When the server cannot be used.
    """
    own = driver is None
    driver = driver or open_driver(settings)
    try:
        with neo4j_errors(settings), driver.session(database=settings.database) as session:
            result = cypher.query("push/delete_dataset").run(session, dataset=settings.dataset)
            return int(result.single(strict=True)["deleted"])
    finally:
        if own:
            driver.close()


def _count(summary: Any, counters: dict[str, int]) -> None:
    for key in counters:
        counters[key] += getattr(summary.counters, key)


def batches(rows: Sequence[Row], size: int) -> Iterator[list[Row]]:
    """``rows`` in lists of at most ``size``."""
    for start in range(0, len(rows), size):
        yield list(rows[start : start + size])


def push_plan(dataset: Dataset, name: str, token: str | None = None) -> list[tuple[str, list[Row]]]:
    """The push queries in order (nodes before the relationships between them) with their rows.

    ``token`` (push --replace) marks every node and relationship written, as ``push_token``.
    """
    mark = {PUSH_TOKEN: token} if token else {}
    tables = (
        ("push/municipalities", dataset.municipalities),
        ("push/target_groups", dataset.target_groups),
        ("push/actors", dataset.actors),
        ("push/projects", dataset.projects),
    )
    plan: list[tuple[str, list[Row]]] = [
        (
            query,
            [
                {ID: key, "properties": properties(record, name, seq, mark)}
                for seq, (key, record) in enumerate(table.items())
            ],
        )
        for query, table in tables
    ]
    actors, projects = dataset.actors.values(), dataset.projects.values()
    plan += [
        ("push/parents", [_link(g.id, g.parent, name, **mark) for g in dataset.target_groups.values() if g.parent]),
        ("push/actor_municipalities", _positional(actors, lambda a: a.municipalities, name, mark)),
        ("push/actor_target_groups", _positional(actors, lambda a: a.target_groups, name, mark)),
        ("push/project_municipalities", _positional(projects, lambda p: p.municipalities, name, mark)),
        ("push/project_target_groups", _positional(projects, lambda p: p.target_groups, name, mark)),
        ("push/owners", [_owner(p, name, mark) for p in projects]),
        (
            "push/partners",
            [
                _link(partner, p.id, name, **{POSITION: k}, **mark)
                for p in projects
                for k, partner in enumerate(p.partners)
                if partner != p.owner
            ],
        ),
        ("push/sizes", _rows(dataset.target_group_sizes, lambda s: (s.target_group, s.municipality), name, mark)),
        ("push/cooperations", _rows(dataset.cooperations, lambda c: (c.source, c.target), name, mark)),
        ("push/fundings", _rows(dataset.fundings, lambda f: (f.funder, f.project), name, mark)),
    ]
    return plan


def _link(source: str, target: str, name: str, **values: Any) -> Row:
    return {"source": source, "target": target, "properties": {DATASET_PROPERTY: name, **values}}


def _positional(records: Iterable[Any], items: Callable[[Any], Sequence[str]], name: str, mark: Row) -> list[Row]:
    return [_link(r.id, item, name, **{POSITION: k}, **mark) for r in records for k, item in enumerate(items(r))]


def _owner(project: Any, name: str, mark: Row) -> Row:
    values = dict(mark)
    if project.owner in project.partners:
        values[PARTNER_POSITION] = project.partners.index(project.owner)
    return _link(project.owner, project.id, name, **values)


def _rows(rows: Sequence[Any], ends: Callable[[Any], tuple[str, str]], name: str, mark: Row) -> list[Row]:
    out = []
    for seq, row in enumerate(rows):
        source, target = ends(row)
        out.append({"source": source, "target": target, "seq": seq, "properties": properties(row, name, seq, mark)})
    return out
