"""What both backends share: the query, the Neo4j settings, the :class:`Backend` interface.

Its own module, so that the backends import it and :mod:`stakeholders.backends` imports them, without a cycle.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING

from stakeholders.errors import UsageError
from stakeholders.info import DatasetInfo
from stakeholders.model import Dataset
from stakeholders.problems import Problem

if TYPE_CHECKING:  # the analyses (igraph, scipy, scikit-learn) load when an analysis runs, not for --help
    from stakeholders.analyses import (
        ActorGap,
        BrokerReport,
        CoverageCell,
        DemandRow,
        DuplicateGroup,
        EmployerGap,
        Filters,
        ProjectGap,
        SectorGap,
    )

BACKENDS = ("networkx", "neo4j")


@dataclass(frozen=True, slots=True)
class Query:
    """What the user asked of an analysis: how many rows, which filters (ids or names), threshold, language."""

    top: int = 20
    municipalities: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    orientations: tuple[str, ...] = ()
    min_score: float | None = None  # duplicates: the pair score to reach; None = the analysis' default
    lang: str = "en"  # the language of reasons


@dataclass(frozen=True, slots=True)
class Neo4jSettings:
    """How to reach a Neo4j server; the password never comes from an option."""

    uri: str
    user: str
    password: str
    database: str
    dataset: str


class Backend(ABC):
    """The analyses and the dataset, wherever the graph lives."""

    warnings: tuple[Problem, ...] = ()  # found while loading, for the user to see
    name: str = ""  # as --backend names it

    @abstractmethod
    def dataset(self) -> Dataset:
        """The whole dataset as the in-memory model (for maps, catalogues, reports)."""

    @abstractmethod
    def info(self) -> DatasetInfo: ...

    @abstractmethod
    def actor_gaps(self, query: Query) -> list[ActorGap]: ...

    @abstractmethod
    def project_gaps(self, query: Query) -> list[ProjectGap]: ...

    @abstractmethod
    def sector_gaps(self, query: Query) -> list[SectorGap]: ...

    @abstractmethod
    def duplicate_groups(self, query: Query) -> list[DuplicateGroup]: ...

    @abstractmethod
    def coverage(self, query: Query) -> list[CoverageCell]: ...

    @abstractmethod
    def brokers(self, query: Query) -> BrokerReport: ...

    # The labour-market analyses read dataset tables that only the in-memory backend has (not in Neo4j yet).
    def demand(self, query: Query) -> list[DemandRow]:
        raise UsageError(f"demand is not yet available with --backend {self.name}")

    def employer_gaps(self, query: Query) -> list[EmployerGap]:
        raise UsageError(f"gaps --kind employers is not yet available with --backend {self.name}")

    def close(self) -> None:  # noqa: B027  (optional)
        """Release connections."""

    def __enter__(self) -> Backend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def duplicates_of(dataset: Dataset, query: Query, filters: Filters) -> list[DuplicateGroup]:
    """The duplicated efforts of a dataset for a query (both backends score them on the in-memory model)."""
    from stakeholders.analyses.duplicates import DEFAULT_MIN_SCORE, duplicate_groups

    min_score = DEFAULT_MIN_SCORE if query.min_score is None else query.min_score
    return duplicate_groups(dataset, top=query.top, filters=filters, min_score=min_score, lang=query.lang)
