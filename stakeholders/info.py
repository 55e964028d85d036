"""Counts of a dataset and the pre-study's "quantify" step per municipality."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from stakeholders.model import Dataset
from stakeholders.schema import NodeKind, RelKind


@dataclass(frozen=True, slots=True)
class MunicipalityFigures:
    municipality: str
    name: str
    population: int | None
    foreign_born: int | None
    expected_arrivals: int | None
    actors: int
    projects: int

    def to_json(self) -> dict[str, object]:
        return {
            "municipality": self.municipality,
            "name": self.name,
            "population": self.population,
            "foreign_born": self.foreign_born,
            "expected_arrivals": self.expected_arrivals,
            "actors": self.actors,
            "projects": self.projects,
        }


@dataclass(frozen=True, slots=True)
class DatasetInfo:
    name: str
    nodes: dict[str, int]  # per NodeKind value
    relations: dict[str, int]  # per RelKind value
    municipalities: tuple[MunicipalityFigures, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "dataset": self.name,
            "nodes": self.nodes,
            "relations": self.relations,
            "municipalities": [m.to_json() for m in self.municipalities],
        }


def dataset_info(dataset: Dataset) -> DatasetInfo:
    """Count nodes and relations per kind, and quantify each municipality.

    A municipality's actors and projects are those active in it (``*``
    counts as active everywhere).
    """
    graph = dataset.graph
    nodes: Counter[str] = Counter(nx.get_node_attributes(graph, "kind").values())
    relations: Counter[str] = Counter(nx.get_edge_attributes(graph, "kind").values())
    actors = Counter(m for a in dataset.actors.values() for m in a.municipalities)
    projects = Counter(m for p in dataset.projects.values() for m in p.municipalities)
    figures = tuple(
        MunicipalityFigures(
            m.id, m.name, m.population, m.foreign_born, m.expected_arrivals, actors[m.id], projects[m.id]
        )
        for m in dataset.municipalities.values()
    )
    return DatasetInfo(
        dataset.name,
        {kind.value: nodes[kind.value] for kind in NodeKind},
        {kind.value: relations[kind.value] for kind in RelKind},
        figures,
    )
