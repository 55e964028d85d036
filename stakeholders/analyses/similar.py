"""Similar projects elsewhere: the projects of other lists most alike a dataset's projects, by their texts.

The lists are other datasets (a dataset folder of ours, or a list of operations imported with
:mod:`stakeholders.importers`). Each query (a project of the dataset, or a free text) is compared with
every project of the lists by the text similarity of :mod:`stakeholders.analyses.text_similarity`:

    similarity(q, p) = (cos_words(q, p) + cos_chars(q, p)) / 2

two TF-IDF models (words without function words; character 3- to 5-grams within words) fitted once on
the texts of the queries and of the lists together, sublinear term frequency and smoothed idf, unit-length
rows, so each cosine is a dot product. The character model matches compounds and spelling variants
("språkcafé" / "språkkafé"), so a near-copy in other words still ranks high. ``matched_terms`` are the
words that contribute most to the word cosine. Everything is computed offline, in memory.

A project is never its own match: when a list is the dataset itself, the same id is left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from stakeholders.analyses.common import id_key, rounded
from stakeholders.analyses.text_similarity import project_text, text_vectors
from stakeholders.errors import UsageError
from stakeholders.model import Dataset, Project

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
        }


def _period(project: Project) -> str:
    start = project.start.isoformat() if project.start else ""
    end = project.end.isoformat() if project.end else ""
    return f"{start} – {end}" if start or end else ""


def similar_projects(
    dataset: Dataset,
    lists: Sequence[tuple[str, Dataset]],
    *,
    project: str | None = None,
    text: str | None = None,
    top: int = 5,
    min_similarity: float = 0.0,
) -> list[SimilarProject]:
    """The most similar projects of ``lists`` for each project of ``dataset`` (or one project, or a text).

    Parameters
    ----------
    dataset : Dataset
    lists : sequence of (name, Dataset)
        The lists searched, each with the name shown in the ``list`` column.
    project : str, optional
        Only this project of the dataset (id or name, any case).
    text : str, optional
        Search for this text instead of the dataset's projects (the rows' ``project`` is ``"text"``).
    top : int
        How many matches per query, best first; 0 gives all with a similarity above 0.
    min_similarity : float
        Leave out matches below this similarity (0-1).

    Returns
    -------
    list of SimilarProject
        By query (in the dataset's order), then highest similarity first, ties by list and id.
    """
    if project is not None and text is not None:
        raise UsageError("give either a project or a text, not both")
    if text is not None:
        queries: list[tuple[str, str]] = [("text", text)]
    elif project is not None:
        lookup = {k.casefold(): p for p in dataset.projects.values() for k in (p.id, p.name)}
        found = lookup.get(project.strip().casefold())
        if found is None:
            raise UsageError(f"no project {project!r} in the dataset")
        queries = [(found.id, project_text(found))]
    else:
        queries = [(p.id, project_text(p)) for p in dataset.projects.values()]
    targets = [(name, listed, p) for name, listed in lists for p in listed.projects.values()]
    if not queries or not targets:
        return []
    vectors = text_vectors([q for _, q in queries] + [project_text(p) for _, _, p in targets])
    n = len(queries)
    words_q, chars_q = vectors.words[:n], vectors.chars[:n]
    words_t, chars_t = vectors.words[n:].T.tocsc(), vectors.chars[n:].T.tocsc()
    rows: list[SimilarProject] = []
    for start in range(0, n, _QUERY_BLOCK):
        stop = min(start + _QUERY_BLOCK, n)
        scores = ((words_q[start:stop] @ words_t) + (chars_q[start:stop] @ chars_t)).toarray() / 2
        for offset, row in enumerate(scores):
            k = start + offset
            query_id = queries[k][0]
            order = np.lexsort((np.arange(len(row)), -row))
            picked = []
            for j in order.tolist():
                value = float(min(1.0, row[j]))
                if value <= 0 or value < min_similarity:
                    break
                name, listed, match = targets[j]
                if listed.source == dataset.source and match.id == query_id:
                    continue  # a project is not its own match
                picked.append((value, name, match, j, listed))
                if top and len(picked) >= top * 4:  # enough to sort ties by ids
                    break
            picked.sort(key=lambda item: (-rounded(item[0]), item[1].casefold(), id_key((item[2].id,))))
            for value, name, match, j, listed in picked[: top or None]:
                owner = listed.actors.get(match.owner)
                rows.append(
                    SimilarProject(
                        project=query_id,
                        list=name,
                        id=match.id,
                        name=match.name,
                        owner=owner.name if owner else match.owner,
                        period=_period(match),
                        similarity=rounded(value),
                        matched_terms=vectors.common_terms(k, n + j),
                        budget=match.budget,
                    )
                )
    return rows
