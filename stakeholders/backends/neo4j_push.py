"""Push a dataset to Neo4j: all or nothing, in batches, at any size.

The constraints and indexes of ``cypher/schema.cypher`` are created first (a schema change has its own
transaction). Then, for a new dataset or with ``replace=True``, the dataset is written as a new *version*
(:mod:`stakeholders.backends.neo4j_versions`): each batch of ``batch_size`` rows (``UNWIND $rows AS row
MERGE ...``) in a transaction of its own, so that the server's default transaction memory suffices at any
size; then one small transaction makes the version current; then the replaced version is deleted in batches.
Readers see the old version until that small transaction and the new one after it, never a mix. When a push
fails, its rows are deleted before the error is raised; when it is killed, the next push of the same name
deletes them.

Without ``replace``, a push into an existing dataset *merges* into its current version, in one
transaction (records updated, relations added, none removed): pushing the same data again changes nothing,
and a conflict (e.g. cooperation row 12 now links other actors) refuses the push with nothing written.
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j import exceptions as neo4j_exceptions

from stakeholders import cypher
from stakeholders.backends.base import Neo4jSettings
from stakeholders.backends.neo4j_connect import Neo4jError, neo4j_errors, open_driver, where
from stakeholders.backends.neo4j_store import PARTNER_POSITION, POSITION, properties
from stakeholders.backends.neo4j_versions import current_key, delete_key, forget, make_current, stale_keys, version_key
from stakeholders.errors import ExitCode, StakeholdersError, UsageError
from stakeholders.model import Dataset
from stakeholders.schema import DATASET_PROPERTY, ID

DEFAULT_BATCH_SIZE = 5_000
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
        Replace the dataset's graph by this one: what the push did not write is gone afterwards.
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
        with neo4j_errors(settings), driver.session(database=settings.database) as session, _refusals(name, settings):
            cypher.query("schema").run_each(session)
            current = current_key(session, name)
            for stale in stale_keys(session, name, current):  # left by a push that was killed
                counters["nodes_deleted"] += delete_key(session, stale)
            if current is not None and not replace:
                records = _merge(session, dataset, current, batch_size, counters)
            else:
                records = _write_version(session, dataset, name, current, batch_size, counters)
    finally:
        if own:
            driver.close()
    return PushSummary(name, records, seconds=time.perf_counter() - started, **counters)


def _merge(session: Any, dataset: Dataset, key: str, batch_size: int, counters: dict[str, int]) -> int:
    """Merge ``dataset`` into the version stored under ``key``, in one transaction."""
    with session.begin_transaction() as tx:

        def in_transaction(query: cypher.CypherFile, rows: list[Row]) -> tuple[int, Any]:
            return _ran(query.run(tx, dataset=key, rows=rows))

        records = _write(in_transaction, dataset, key, batch_size, counters)
        tx.commit()
    return records


def _write_version(
    session: Any, dataset: Dataset, name: str, current: str | None, batch_size: int, counters: dict[str, int]
) -> int:
    """Write ``dataset`` as a new version of ``name``, a transaction per batch, then make it current."""
    key = version_key(name, uuid.uuid4().hex)

    def committed(query: cypher.CypherFile, rows: list[Row]) -> tuple[int, Any]:
        result: tuple[int, Any] = session.execute_write(lambda tx: _ran(query.run(tx, dataset=key, rows=rows)))
        return result

    try:
        records = _write(committed, dataset, key, batch_size, counters)
    except BaseException:
        with contextlib.suppress(Exception):  # the error that stopped the push is the one to report
            delete_key(session, key)
        raise
    replaced = make_current(session, name, key)
    for old in {current, replaced} - {None, key}:
        counters["nodes_deleted"] += delete_key(session, str(old))
    return records


def _write(
    run: Callable[[cypher.CypherFile, list[Row]], tuple[int, Any]],
    dataset: Dataset,
    key: str,
    batch_size: int,
    counters: dict[str, int],
) -> int:
    """Run the push plan, each batch through ``run(query, rows)``; returns the rows written."""
    records = 0
    for query, rows in push_plan(dataset, key):
        for batch in batches(rows, batch_size):
            written, summary = run(cypher.query(query), batch)
            _count(summary, counters)
            if written != len(batch):
                raise Neo4jError(
                    f"push stopped: {len(batch) - written} rows of {query} found no node to link "
                    "(was the dataset changed meanwhile?); nothing was written",
                    ExitCode.ERROR,
                )
            records += len(batch)
    return records


def _ran(result: Any) -> tuple[int, Any]:
    """A batch's rows written and its summary, read while its transaction is open."""
    written = result.single(strict=True)["written"]
    return written, result.consume()


@contextlib.contextmanager
def _refusals(name: str, settings: Neo4jSettings) -> Iterator[None]:
    """The server's refusals of a push as messages that say nothing was written and what to do."""
    try:
        yield
    except neo4j_exceptions.TransientError as error:
        if "memory" not in (error.code or "").lower() and "memory" not in (error.message or "").lower():
            raise
        raise Neo4jError(
            f"push of {name!r} to {where(settings)} needs more transaction memory than the server allows, "
            f"nothing was written ({error.message}); push with --replace (a transaction per batch), or raise "
            "dbms.memory.transaction.total.max or the server's heap (a merging push is one transaction: about "
            "2 KB per record and relation)",
            ExitCode.ERROR,
        ) from None
    except neo4j_exceptions.ConstraintError as error:
        raise StakeholdersError(
            f"push of {name!r} to {where(settings)} refused, nothing was written: {error.message}. "
            "If the dataset there differs from this one, push again with --replace",
            ExitCode.INVALID_DATA,
        ) from None


def delete_dataset(settings: Neo4jSettings, driver: neo4j.Driver | None = None) -> int:
    """Delete the dataset ``settings.dataset`` from Neo4j, every version of it; returns the nodes deleted.

    Raises
    ------
    Neo4jError
        When the server cannot be used.
    """
    own = driver is None
    driver = driver or open_driver(settings)
    name = settings.dataset or ""
    try:
        with neo4j_errors(settings), driver.session(database=settings.database) as session:
            current = current_key(session, name)
            keys = {name, *stale_keys(session, name, current)} | ({current} if current else set())
            deleted = sum(delete_key(session, key) for key in sorted(keys))
            forget(session, name)
            return deleted
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


def push_plan(dataset: Dataset, name: str) -> list[tuple[str, list[Row]]]:
    """The push queries in order (nodes before the relationships between them) with their rows.

    ``name`` is the key the rows are stored under (see :mod:`stakeholders.backends.neo4j_versions`).
    """
    mark: Row = {}
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
