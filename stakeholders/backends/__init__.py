"""Where the graph lives: embedded NetworkX (the default) or a Neo4j server.

Both backends answer the same small interface, :class:`Backend`; the
command line chooses one in one place, :func:`open_backend`. The behaviour
tests run against both.
"""

from __future__ import annotations

from stakeholders.backends.base import BACKENDS, Backend, Neo4jSettings, Query, duplicates_of

__all__ = ["BACKENDS", "Backend", "Neo4jSettings", "Query", "duplicates_of", "open_backend"]


def open_backend(kind: str, *, data: str | None = None, neo4j: Neo4jSettings | None = None) -> Backend:
    """The one place that chooses a backend.

    ``kind`` "networkx" loads ``data`` (a path or ``sample:NAME``);
    "neo4j" connects with ``neo4j`` settings.
    """
    from stakeholders.errors import UsageError

    if kind == "networkx":
        if not data:
            raise UsageError("give a DATA folder or workbook (or --backend neo4j --dataset NAME)")
        from stakeholders.backends.memory import MemoryBackend

        return MemoryBackend.load(data)
    if kind == "neo4j":
        if neo4j is None:
            raise UsageError("--backend neo4j needs --uri (or NEO4J_URI) and --dataset")
        from stakeholders.backends.neo4j import Neo4jBackend

        return Neo4jBackend(neo4j)
    raise UsageError(f"unknown backend {kind!r}; use one of {', '.join(BACKENDS)}")
