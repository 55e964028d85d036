"""The default backend: the dataset in memory, analysed with NetworkX, igraph and SciPy."""

from __future__ import annotations

from collections.abc import Sequence

from stakeholders import analyses
from stakeholders.analyses import Filters, resolve_filters
from stakeholders.backends.base import Backend, Query, duplicates_of
from stakeholders.info import DatasetInfo, dataset_info
from stakeholders.loader import load_with_warnings
from stakeholders.model import Dataset
from stakeholders.problems import Problem
from stakeholders.resources import resolve_data_path


class MemoryBackend(Backend):
    name = "networkx"

    def __init__(self, dataset: Dataset, warnings: Sequence[Problem] = ()) -> None:
        self._dataset = dataset
        self.warnings = tuple(warnings)

    @classmethod
    def load(cls, data: str) -> MemoryBackend:
        """Load and validate ``data``; its warnings are kept in ``warnings``."""
        return cls(*load_with_warnings(resolve_data_path(data)))

    def dataset(self) -> Dataset:
        return self._dataset

    def info(self) -> DatasetInfo:
        return dataset_info(self._dataset)

    def _filters(self, query: Query) -> Filters:
        return resolve_filters(self._dataset, query.municipalities, query.target_groups, query.orientations)

    def actor_gaps(self, query: Query) -> list[analyses.ActorGap]:
        return analyses.actor_gaps(self._dataset, top=query.top, filters=self._filters(query), lang=query.lang)

    def project_gaps(self, query: Query) -> list[analyses.ProjectGap]:
        return analyses.project_gaps(self._dataset, top=query.top, filters=self._filters(query))

    def sector_gaps(self, query: Query) -> list[analyses.SectorGap]:
        return analyses.sector_gaps(self._dataset, top=query.top, filters=self._filters(query))

    def duplicate_groups(self, query: Query) -> list[analyses.DuplicateGroup]:
        return duplicates_of(self._dataset, query, self._filters(query))

    def coverage(self, query: Query) -> list[analyses.CoverageCell]:
        return analyses.coverage(self._dataset, top=query.top, filters=self._filters(query))

    def brokers(self, query: Query) -> analyses.BrokerReport:
        return analyses.brokers(self._dataset, top=query.top, filters=self._filters(query))

    def demand(self, query: Query) -> list[analyses.DemandRow]:
        return analyses.demand(self._dataset, top=query.top, filters=self._filters(query))

    def employer_gaps(self, query: Query) -> list[analyses.EmployerGap]:
        return analyses.employer_gaps(self._dataset, top=query.top, filters=self._filters(query))
