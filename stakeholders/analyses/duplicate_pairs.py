"""Candidate pairs of duplicated efforts and their scores (docs/analyses.md, "Duplicated efforts").

Two projects are **candidates** when they share a municipality and a target
group (an orientation when the dataset has no target groups; the municipality
is left out when no project of the dataset names one) and run side by side
(see ``MIN_OVERLAP_DAYS`` below). Candidates are found through a sparse incidence
matrix (project x (target group, municipality) cell), multiplied by its
transpose block by block, never by enumerating all pairs of projects.

Each candidate pair (a, b) is scored in [0, 1]:

    context = mean of the highest specificity of a shared orientation, target group and municipality
    what    = similarity(a, b) + (1 - similarity(a, b)) x 0.5 x context
    time    = sqrt(min(1, days the two run together / min(days of the shorter project, 365)))
    score   = what x time

``similarity`` is the TF-IDF text similarity of :mod:`text_similarity`;
specificity is the scaled inverse frequency of :mod:`specificity` over all
the dataset's projects (0 for a facet they do not share; target groups are
left out of the mean in a dataset without target groups). What the projects
say they do carries the score; a shared and specific context lifts it at most
halfway to 1, and a broad category or a county that every project names
lifts it hardly at all. The overlap counts relative to the shorter project,
or to a year when both run longer: a year side by side is a parallel effort
however long the projects run. A pair must run together for at least
:data:`MIN_OVERLAP_DAYS` days (or half the shorter project, if that is
less): a few weeks of overlap is not a parallel effort. Open ends are clipped
to the dataset's earliest and latest dates.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy import sparse

from stakeholders.analyses.common import NO_FILTERS, Filters, in_chunks, period
from stakeholders.analyses.specificity import frequencies, specificities
from stakeholders.analyses.text_similarity import TextVectors, project_text, text_vectors
from stakeholders.model import Dataset, Project

_BLOCK = 1024  # projects per block of the sparse products: bounds memory around region-wide projects
_CHUNK = 262_144  # pairs per chunk when gathering rows
_DENSE_VALUES = 4096  # a facet with at most this many distinct values is compared as dense rows
_DENSE_CELLS = 16_000_000  # pairs x values per chunk of dense rows (128 MB of float64)
MIN_OVERLAP_DAYS = 90
CONTEXT_WEIGHT = 0.5
_YEAR = 365


class Facet:
    """One kind of value a project carries (orientations, target groups, municipalities), as a sparse matrix."""

    def __init__(self, values: Sequence[Sequence[str]], specificity: dict[str, float]) -> None:
        self.ids: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        for row, items in enumerate(values):
            for item in dict.fromkeys(items):
                rows.append(row)
                cols.append(self.ids.setdefault(item, len(self.ids)))
        shape = (len(values), max(len(self.ids), 1))
        self.matrix = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)
        weights = np.zeros(shape[1])
        for item, column in self.ids.items():
            weights[column] = specificity.get(item, 1.0)
        self.weighted = sparse.csr_matrix(self.matrix @ sparse.diags(weights))

    @cached_property
    def dense(self) -> tuple[np.ndarray, np.ndarray]:
        """The specificities and the booleans of the values each project carries, as dense rows."""
        return self.weighted.toarray(), self.matrix.toarray() > 0

    def shared_max(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """For each pair, the highest specificity among the values both carry (0 when none)."""
        width = self.matrix.shape[1]
        if width <= _DENSE_VALUES:
            # Few distinct values (municipalities, target groups, categories): rows as dense arrays, so a
            # project in every municipality costs a row of booleans, not a sparse gather per pair.
            weighted, carried = self.dense

            def dense(start: int, stop: int) -> np.ndarray:
                i, j = left[start:stop], right[start:stop]
                return np.where(carried[j], weighted[i], 0.0).max(axis=1, initial=0.0)

            return in_chunks(dense, len(left), max(1, _DENSE_CELLS // width))

        def gathered(start: int, stop: int) -> np.ndarray:
            both = self.weighted[left[start:stop]].multiply(self.matrix[right[start:stop]])
            return both.max(axis=1).toarray().ravel()

        return in_chunks(gathered, len(left), _CHUNK)


@dataclass(frozen=True)
class ScoredPairs:
    """Candidate pairs as parallel arrays of project indices (i < j) and their score components."""

    i: np.ndarray
    j: np.ndarray
    similarity: np.ndarray
    context: np.ndarray
    time: np.ndarray
    overlap_days: np.ndarray

    @property
    def score(self) -> np.ndarray:
        what = self.similarity + (1 - self.similarity) * CONTEXT_WEIGHT * self.context
        return what * self.time

    def keep(self, mask: np.ndarray) -> ScoredPairs:
        return ScoredPairs(*(getattr(self, f)[mask] for f in self.__dataclass_fields__))


class ProjectTable:
    """The projects an analysis looks at, with their facets, periods and texts, indexed 0..n-1."""

    def __init__(self, dataset: Dataset, filters: Filters = NO_FILTERS) -> None:
        self.dataset = dataset
        self.projects: list[Project] = [p for p in dataset.projects.values() if filters.record(p)]
        everything = list(dataset.projects.values())
        total = len(everything)
        self.has_target_groups = any(p.target_groups for p in everything)
        self.has_places = any(p.municipalities for p in everything)
        # The shared facets of a pair are reported restricted to the filters, like cells are.
        municipalities = [
            [m for m in p.municipalities if not filters.municipalities or m in filters.municipalities]
            for p in self.projects
        ]
        target_groups = [
            [t for t in p.target_groups if not filters.target_groups or t in filters.target_groups]
            for p in self.projects
        ]
        self._target_groups, self._municipalities = target_groups, municipalities
        self.frequency = {
            name: frequencies(getattr(p, name) for p in everything)
            for name in ("orientations", "target_groups", "municipalities")
        }
        self.total = total
        self.specificity = {name: specificities(counts, total) for name, counts in self.frequency.items()}
        self.orientations = Facet([p.orientations for p in self.projects], self.specificity["orientations"])
        self.target_groups = Facet(target_groups, self.specificity["target_groups"])
        self.municipalities = Facet(municipalities, self.specificity["municipalities"])
        low, high = _date_bounds(everything)
        periods = np.array([period(p) for p in self.projects], dtype=np.int64).reshape(-1, 2)
        self.start = np.clip(periods[:, 0], low, high)
        self.end = np.clip(periods[:, 1], low, high)

    def target_groups_of(self, k: int) -> list[str]:
        """The target groups of project k that the filters keep."""
        return self._target_groups[k]

    def municipalities_of(self, k: int) -> list[str]:
        """The municipalities of project k that the filters keep."""
        return self._municipalities[k]

    @property
    def key_facet(self) -> Facet:
        """Who a pair must serve alike: target groups, or orientations in a dataset without target groups."""
        return self.target_groups if self.has_target_groups else self.orientations

    @cached_property
    def texts(self) -> TextVectors:
        return text_vectors([project_text(p) for p in self.projects])

    @cached_property
    def cells(self) -> sparse.csr_matrix:
        """Projects x (key value, municipality) cells: two projects share a cell iff they are alike in both."""
        key = self.key_facet.matrix.tocsr()
        places = self.municipalities.matrix.tocsr()
        if not self.has_places:  # a list without places: alike in who they serve is enough
            places = sparse.csr_matrix(np.ones((len(self.projects), 1)))
        width = places.shape[1]
        rows: list[np.ndarray] = []
        cols: list[np.ndarray] = []
        for k in range(len(self.projects)):
            keys = key.indices[key.indptr[k] : key.indptr[k + 1]]
            where = places.indices[places.indptr[k] : places.indptr[k + 1]]
            if len(keys) and len(where):
                cols.append((keys[:, None] * width + where[None, :]).ravel())
                rows.append(np.full(len(keys) * len(where), k))
        row = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
        col = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
        shape = (len(self.projects), max(key.shape[1] * width, 1))
        return sparse.csr_matrix((np.ones(len(row), dtype=np.float32), (row, col)), shape=shape)

    def candidates(self) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """(i, j, overlap in days) of the candidate pairs, block by block."""
        cells = self.cells
        cells_t = cells.T.tocsr()
        n = len(self.projects)
        for first in range(0, n, _BLOCK):
            last = min(first + _BLOCK, n)
            shared = (cells[first:last] @ cells_t).tocoo()
            i = shared.row.astype(np.int64) + first
            j = shared.col.astype(np.int64)
            upper = j > i
            i, j = i[upper], j[upper]
            overlap = np.minimum(self.end[i], self.end[j]) - np.maximum(self.start[i], self.start[j]) + 1
            running = overlap > 0
            yield i[running], j[running], overlap[running]

    def scored_pairs(self, min_score: float) -> ScoredPairs:
        """Every candidate pair whose score reaches ``min_score``, with its components."""
        found = []
        facets = [self.orientations]
        facets += [self.municipalities] if self.has_places else []
        facets += [self.target_groups] if self.has_target_groups else []
        for i, j, overlap in self.candidates():
            shorter = np.minimum(self.end[i] - self.start[i], self.end[j] - self.start[j]) + 1
            time = np.sqrt(np.minimum(1.0, overlap / np.minimum(shorter, _YEAR)))
            # what <= 1, so time alone bounds the score: skip the text of pairs that cannot reach min_score.
            possible = (time >= min_score) & (overlap >= np.minimum(MIN_OVERLAP_DAYS, shorter / 2))
            i, j, overlap, time = i[possible], j[possible], overlap[possible], time[possible]
            context = np.mean([f.shared_max(i, j) for f in facets], axis=0) if len(i) else np.zeros(0)
            pairs = ScoredPairs(i, j, self.texts.similarity(i, j), context, time, overlap)
            found.append(pairs.keep(pairs.score >= min_score))
        if not found:
            empty = np.zeros(0)
            return ScoredPairs(empty.astype(np.int64), empty.astype(np.int64), empty, empty, empty, empty)
        return ScoredPairs(*(np.concatenate([getattr(p, f) for p in found]) for f in ScoredPairs.__dataclass_fields__))


def _date_bounds(projects: list[Project]) -> tuple[int, int]:
    days = [d.toordinal() for p in projects for d in (p.start, p.end) if d is not None]
    return (min(days), max(days)) if days else (0, 1)
