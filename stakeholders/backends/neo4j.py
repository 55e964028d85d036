"""The Neo4j backend: a dataset pushed to a Neo4j server, analysed with named Cypher files.

Every query is a file under ``cypher/`` run through :mod:`stakeholders.cypher`
with ``$parameters`` only; labels and relationship types are the schema's.
The analyses give the same results as the in-memory backend (see
:mod:`stakeholders.backends.neo4j_analyses`). Push is in
:mod:`stakeholders.backends.neo4j_push`; :func:`pull_dataset` reads a dataset through this backend and
writes it with :mod:`stakeholders.backends.neo4j_pull`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import neo4j

from stakeholders import analyses, cypher
from stakeholders.backends.base import Backend, Neo4jSettings, Query, duplicates_of
from stakeholders.backends.neo4j_analyses import CypherAnalyses
from stakeholders.backends.neo4j_connect import neo4j_errors, open_driver
from stakeholders.backends.neo4j_pull import check_target, read_dataset, write_dataset_csv
from stakeholders.backends.neo4j_versions import current_key, dataset_names
from stakeholders.errors import UsageError
from stakeholders.info import DatasetInfo, MunicipalityFigures
from stakeholders.model import Dataset
from stakeholders.schema import NodeKind, RelKind


class Neo4jBackend(Backend):
    """A dataset in Neo4j (``settings.dataset`` names it).

    Raises
    ------
    UsageError
        When no dataset is named or the database holds no such dataset.
    Neo4jError
        When the server is unreachable, refuses the credentials, lacks the database or is older than 5.
    """

    name = "neo4j"

    def __init__(self, settings: Neo4jSettings, driver: neo4j.Driver | None = None) -> None:
        if not settings.dataset:
            raise UsageError("name the dataset in Neo4j with --dataset NAME (the name given to push)")
        self.settings = settings
        self._own_driver = driver is None
        self._driver = driver or open_driver(settings)
        self._dataset: Dataset | None = None
        self._key = ""  # the key of the dataset's current version (stakeholders.backends.neo4j_versions)
        try:
            self._key = self._current_key()
        except BaseException:
            self.close()
            raise
        self._analyses = CypherAnalyses(self._rows)

    def _rows(self, name: str, **parameters: Any) -> list[Any]:
        """Run the Cypher file ``name`` on this dataset and return every record."""
        with (
            neo4j_errors(self.settings),
            self._driver.session(database=self.settings.database, default_access_mode=neo4j.READ_ACCESS) as session,
        ):
            return list(cypher.query(name).run(session, dataset=self._key, **parameters))

    def _current_key(self) -> str:
        """The key of the current version; read once, so that every answer comes from one version."""
        name = self.settings.dataset or ""
        with neo4j_errors(self.settings), self._driver.session(database=self.settings.database) as session:
            key = current_key(session, name)
            if key is not None:
                return key
            found = dataset_names(session)
        there = f"datasets there: {', '.join(map(repr, found))}" if found else "it holds no dataset yet (push one)"
        raise UsageError(
            f"no dataset {self.settings.dataset!r} in Neo4j at {self.settings.uri} "
            f"(database {self.settings.database!r}); {there}"
        )

    def close(self) -> None:
        if self._own_driver and self._driver is not None:
            self._driver.close()
        self._driver = None  # type: ignore[assignment]

    # -- the Backend interface --------------------------------------------------------------------------

    def dataset(self) -> Dataset:
        if self._dataset is None:
            with (
                neo4j_errors(self.settings),
                self._driver.session(database=self.settings.database, default_access_mode=neo4j.READ_ACCESS) as session,
            ):
                source = f"{self.settings.uri} (database {self.settings.database}, dataset {self.settings.dataset})"
                self._dataset = read_dataset(session, self._key, source)
        return self._dataset

    def info(self) -> DatasetInfo:
        nodes = {r["kind"]: r["count"] for r in self._rows("info/nodes", kinds=[k.value for k in NodeKind])}
        relations = {r["kind"]: r["count"] for r in self._rows("info/relations", relations=[k.value for k in RelKind])}
        rows = sorted(self._rows("info/municipalities"), key=lambda r: (r["seq"] is None, r["seq"] or 0, r["id"]))
        figures = tuple(
            MunicipalityFigures(
                r["id"],
                r["name"] or "",
                r["population"],
                r["foreign_born"],
                r["expected_arrivals"],
                r["actors"],
                r["projects"],
            )
            for r in rows
        )
        return DatasetInfo(
            self.settings.dataset,
            {kind.value: nodes.get(kind.value, 0) for kind in NodeKind},
            {kind.value: relations.get(kind.value, 0) for kind in RelKind},
            figures,
        )

    def _filters(self, query: Query) -> analyses.Filters:
        return analyses.resolve_filters(self.dataset(), query.municipalities, query.target_groups, query.orientations)

    # Actor gaps and duplicated efforts weigh what is shared by how many share it, and compare texts:
    # scored on the model read from the server (as the explanations already are).
    def actor_gaps(self, query: Query) -> list[analyses.ActorGap]:
        dataset = self.dataset()
        return analyses.actor_gaps(dataset, top=query.top, filters=self._filters(query), lang=query.lang)

    def project_gaps(self, query: Query) -> list[analyses.ProjectGap]:
        return self._analyses.project_gaps(query)

    def sector_gaps(self, query: Query) -> list[analyses.SectorGap]:
        return self._analyses.sector_gaps(query)

    def duplicate_groups(self, query: Query) -> list[analyses.DuplicateGroup]:
        return duplicates_of(self.dataset(), query, self._filters(query))

    def coverage(self, query: Query) -> list[analyses.CoverageCell]:
        return self._analyses.coverage(query)

    def brokers(self, query: Query) -> analyses.BrokerReport:
        return self._analyses.brokers(query)


def pull_dataset(settings: Neo4jSettings, directory: Path) -> tuple[Dataset, list[Path]]:
    """Read the dataset ``settings.dataset`` from Neo4j and write it as CSV files into ``directory``.

    Raises
    ------
    UsageError
        When no dataset is named, or the database has no such dataset.
    Neo4jError
        When the server cannot be used.
    OutputError
        When the folder cannot be written.
    """
    check_target(directory)
    with Neo4jBackend(settings) as backend:
        dataset = backend.dataset()
    return dataset, write_dataset_csv(dataset, directory)
