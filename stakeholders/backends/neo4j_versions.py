"""Versions of a dataset in Neo4j: a push writes a new version in batches and makes it current at once.

Every node and relationship of a dataset carries a *key* (the ``dataset`` property): ``NAME@<32 hex digits>``
for a version written by a staged push, or ``NAME`` itself for a dataset pushed in one transaction by an
earlier release. One node ``(:StakeholdersDataset {name: NAME, key: KEY})`` names the current version;
readers resolve the name to its key once (:func:`current_key`) and pass the key as ``$dataset`` to every
query, so no query knows about versions.

A staged push (:func:`stakeholders.backends.neo4j_push.push_dataset`) writes ``NAME@token`` in transactions
of one batch each, then sets the node's key in one small transaction, then deletes the replaced version in
batches. Until that small transaction, readers see the old version; a push killed before it leaves the old
version current and its own rows behind, which the next push of the name deletes (:func:`stale_keys`).
"""

from __future__ import annotations

import re
from typing import Any

from stakeholders import cypher
from stakeholders.cypher import Runner

_VERSION = re.compile(r"@[0-9a-f]{32}")
VERSIONED = r".*@[0-9a-f]{32}"  # a version's key, as a Cypher regular expression
DELETE_BATCH = 10_000  # nodes deleted per transaction


def version_key(name: str, token: str) -> str:
    """The key of the version ``token`` (32 hex digits) of the dataset ``name``."""
    if not _VERSION.fullmatch(f"@{token}"):
        raise ValueError(f"a version token is 32 hex digits, not {token!r}")
    return f"{name}@{token}"


def current_key(runner: Runner, name: str) -> str | None:
    """The key of the dataset's current version, or ``None`` when the database has no such dataset."""
    row = cypher.query("datasets/current").run(runner, dataset=name).single(strict=True)
    if row["key"] is not None:
        return str(row["key"])
    return name if row["plain"] else None


def dataset_names(runner: Runner) -> list[str]:
    """The names of the datasets in the database, sorted."""
    rows = cypher.query("datasets/names").run(runner, versioned=VERSIONED)
    return [str(r["dataset"]) for r in rows if r["dataset"] is not None]


def stale_keys(runner: Runner, name: str, current: str | None) -> list[str]:
    """The versions of ``name`` other than ``current``: left by an interrupted push, or just replaced."""
    rows = cypher.query("datasets/versions").run(runner, dataset=name, current=current or "")
    prefix = len(name)
    return sorted(str(r["key"]) for r in rows if _VERSION.fullmatch(str(r["key"])[prefix:]))


def make_current(runner: Runner, name: str, key: str) -> str | None:
    """Make ``key`` the current version of ``name`` (one small transaction); returns the key it replaces."""
    previous = cypher.query("datasets/make_current").run(runner, dataset=name, key=key).single(strict=True)
    return None if previous["previous"] is None else str(previous["previous"])


def delete_key(session: Any, key: str, batch: int = DELETE_BATCH) -> int:
    """Delete the nodes (and their relationships) stored under ``key``, in transactions of ``batch`` nodes.

    ``session`` must be a session, not a transaction: ``CALL ... IN TRANSACTIONS`` runs only in an
    auto-commit transaction. Returns the nodes deleted.
    """
    result = cypher.query("datasets/delete_version").run(session, dataset=key, batch=batch)
    return int(result.single(strict=True)["deleted"])


def forget(runner: Runner, name: str) -> None:
    """Delete the node that names the dataset's current version."""
    cypher.query("datasets/forget").run(runner, dataset=name).consume()
