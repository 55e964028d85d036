"""Similar projects elsewhere: the projects of other lists most alike a dataset's projects, by their texts.

The lists are other datasets (a dataset folder of ours, or a list of operations imported with
:mod:`stakeholders.importers`). Each query (a project of the dataset, or a free text) is compared with
every project of the lists by the text similarity of :mod:`stakeholders.analyses.text_similarity`:

    similarity(q, p) = (cos_words(q, p) + cos_chars(q, p)) / 2

two TF-IDF models (words without function words; character 3- to 5-grams within words) fitted on the
texts of the lists (:mod:`stakeholders.analyses.similar_index`, in memory or in a folder reused between runs),
sublinear term frequency and smoothed idf, unit-length rows, so each cosine is a dot product; a query is
weighed with the lists' idf. The character model matches compounds and spelling variants
("språkcafé" / "språkkafé"), so a near-copy in other words still ranks high. ``matched_terms`` are the
words that contribute most to the word cosine. Everything is computed offline. Filters: period overlap
and country/region (:class:`Filters`). Definitions: docs/similar.md.

A project is never its own match: when a list is the dataset itself, the same id is left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from stakeholders.analyses.common import id_key, rounded
from stakeholders.analyses.similar_index import SimilarIndex, build_index
from stakeholders.analyses.text_similarity import project_text
from stakeholders.errors import UsageError
from stakeholders.model import Dataset

_QUERY_BLOCK = 256  # queries per block of the sparse product: bounds memory on long lists


@dataclass(frozen=True, slots=True)
class SimilarProject:
    """A project of a list, and how alike it is to a query."""

    project: str  # the query: a project id of the dataset, or "text"
    list: str
    id: str
    name: str
    owner: str
    period: str
    similarity: float
    matched_terms: tuple[str, ...]
    budget: float | None = None
    partners: tuple[str, ...] = ()
    country: str = ""
    region: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "project": self.project,
            "list": self.list,
            "id": self.id,
            "name": self.name,
            "owner": self.owner,
            "period": self.period,
            "similarity": self.similarity,
            "matched_terms": list(self.matched_terms),
            "budget": self.budget,
            "partners": list(self.partners),
            "country": self.country,
            "region": self.region,
        }


@dataclass(frozen=True, slots=True)
class Filters:
    """Which operations of the lists may match: period overlap, country and region (case-insensitive).

    An operation runs from its start to its end; a missing date is open on that side. ``countries`` and
    ``regions``: any of them equals one of the operation's (a region list is "; "-separated).
    """

    start: dt.date | None = None
    end: dt.date | None = None
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()

    def mask(self, meta: dict[str, list]) -> np.ndarray | None:
        """True for the operations kept (None: all)."""
        if self.start is None and self.end is None and not self.countries and not self.regions:
            return None
        keep = np.ones(len(meta["id"]), dtype=bool)
        if self.start is not None:
            keep &= np.array([not e or e >= self.start.isoformat() for e in meta["end"]], dtype=bool)
        if self.end is not None:
            keep &= np.array([not s or s <= self.end.isoformat() for s in meta["start"]], dtype=bool)
        for wanted, column in ((self.countries, "country"), (self.regions, "region")):
            if wanted:
                folded = {w.strip().casefold() for w in wanted}
                keep &= np.array(
                    [bool(folded & {v.strip().casefold() for v in value.split(";")}) for value in meta[column]],
                    dtype=bool,
                )
        return keep


def _queries(dataset: Dataset, project: str | None, text: str | None) -> list[tuple[str, str]]:
    if project is not None and text is not None:
        raise UsageError("give either a project or a text, not both")
    if text is not None:
        return [("text", text)]
    if project is not None:
        lookup = {k.casefold(): p for p in dataset.projects.values() for k in (p.id, p.name)}
        found = lookup.get(project.strip().casefold())
        if found is None:
            raise UsageError(f"no project {project!r} in the dataset")
        return [(found.id, project_text(found))]
    return [(p.id, project_text(p)) for p in dataset.projects.values()]


def similar_projects(
    dataset: Dataset,
    lists: Sequence[tuple[str, Dataset]] = (),
    *,
    project: str | None = None,
    text: str | None = None,
    top: int = 5,
    min_similarity: float = 0.0,
    index: SimilarIndex | None = None,
    filters: Filters | None = None,
) -> list[SimilarProject]:
    """The most similar projects of ``lists`` for each project of ``dataset`` (or one project, or a text).

    Parameters
    ----------
    dataset : Dataset
    lists : sequence of (name, Dataset)
        The lists searched, each with the name shown in the ``list`` column (indexed in memory).
    project : str, optional
        Only this project of the dataset (id or name, any case).
    text : str, optional
        Search for this text instead of the dataset's projects (the rows' ``project`` is ``"text"``).
    top : int
        How many matches per query, best first; 0 gives all with a similarity above 0.
    min_similarity : float
        Leave out matches below this similarity (0-1).
    index : SimilarIndex, optional
        The lists already indexed (:func:`stakeholders.analyses.similar_index.build_index`, ``read_index``);
        then ``lists`` is not used. The results are the same as with the lists.
    filters : Filters, optional
        Only operations in this period, country or region.

    Returns
    -------
    list of SimilarProject
        By query (in the dataset's order), then highest similarity first, ties by list and id.
    """
    queries = _queries(dataset, project, text)
    if index is None:
        index = build_index(lists)
    if not queries or not len(index):
        return []
    meta = index.meta
    keep = (filters or Filters()).mask(meta)
    words_q, chars_q = index.vectors([q for _, q in queries])
    terms = index.terms
    source = str(dataset.source or "")
    # per chunk, the best candidates of each query: enough for the top and ties after self-exclusion
    offsets = np.cumsum([0] + [w.shape[0] for w, _ in index.chunks])
    rows: list[SimilarProject] = []
    for start in range(0, len(queries), _QUERY_BLOCK):
        stop = min(start + _QUERY_BLOCK, len(queries))
        found: list[list[tuple[np.ndarray, np.ndarray]]] = [[] for _ in range(stop - start)]
        words_b, chars_b = words_q[start:stop].T.tocsr(), chars_q[start:stop].T.tocsr()
        for (words_t, chars_t), offset in zip(index.chunks, offsets, strict=False):
            scores = ((words_t @ words_b) + (chars_t @ chars_b)).toarray().T / 2  # the chunk's rows stay as stored
            if keep is not None:
                scores[:, ~keep[offset : offset + scores.shape[1]]] = 0
            for k, row in enumerate(scores):
                _candidates(found[k], row, offset, top)
        for k in range(stop - start):
            query_id = queries[start + k][0]
            values = np.concatenate([v for v, _ in found[k]]) if found[k] else np.zeros(0)
            columns = np.concatenate([j for _, j in found[k]]) if found[k] else np.zeros(0, dtype=np.int64)
            order = np.lexsort((columns, -values))
            picked = []
            for at in order.tolist():
                value, j = float(min(1.0, values[at])), int(columns[at])
                if value <= 0 or value < min_similarity:
                    break
                if meta["source"][j] == source and meta["id"][j] == query_id:
                    continue  # a project is not its own match
                picked.append((value, j))
                if top and len(picked) >= top * 4:  # enough to sort ties by ids
                    break
            picked.sort(
                key=lambda item: (-rounded(item[0]), meta["list"][item[1]].casefold(), id_key((meta["id"][item[1]],)))
            )
            for value, j in picked[: top or None]:
                rows.append(
                    _row(meta, j, query_id, value, _common_terms(words_q, start + k, _row_of(index, offsets, j), terms))
                )
    return rows


def _candidates(found: list, row: np.ndarray, offset: int, top: int) -> None:
    positive = np.flatnonzero(row > 0)
    if top and positive.size > top * 4 + 2:
        best = np.argpartition(-row[positive], top * 4 + 1)[: top * 4 + 2]
        cut = row[positive[best]].min()
        positive = positive[row[positive] >= cut]  # every tie of the last kept value
    found.append((row[positive].astype(np.float64), positive + offset))


def _row_of(index: SimilarIndex, offsets: np.ndarray, j: int) -> sparse.csr_matrix:
    chunk = int(np.searchsorted(offsets, j, side="right") - 1)
    return index.chunks[chunk][0][j - int(offsets[chunk])]


def _common_terms(words_q: sparse.csr_matrix, k: int, target: sparse.csr_matrix, terms: np.ndarray, limit: int = 5):
    """The words that contribute most to the word cosine of query k and a target row."""
    query = words_q[k]
    shared, at_q, at_t = np.intersect1d(query.indices, target.indices, return_indices=True)
    contribution = query.data[at_q].astype(np.float64) * target.data[at_t]
    order = np.argsort(-contribution, kind="stable")[:limit]
    return tuple(str(terms[shared[o]]) for o in order)


def _row(meta: dict[str, list], j: int, query_id: str, value: float, matched: tuple[str, ...]) -> SimilarProject:
    start, end = meta["start"][j], meta["end"][j]
    return SimilarProject(
        project=query_id,
        list=meta["list"][j],
        id=meta["id"][j],
        name=meta["name"][j],
        owner=meta["owner"][j],
        period=f"{start} – {end}" if start or end else "",
        similarity=rounded(value),
        matched_terms=matched,
        budget=meta["budget"][j],
        partners=tuple(meta["partners"][j]),
        country=meta["country"][j],
        region=meta["region"][j],
    )
