"""The index that ``similar`` searches: TF-IDF models fitted on the lists, built in chunks, kept in a folder.

An index holds, for the operations of one or more lists (docs/similar.md):

- the two fitted vocabularies (words; character 3- to 5-grams within words) and their idf,
  ``idf(t) = 1 + ln((1 + n) / (1 + df(t)))`` over the n operations of the lists;
- each operation's unit-length TF-IDF rows (sublinear tf ``1 + ln(tf)``), float32, in chunks of
  :data:`CHUNK` operations;
- each operation's metadata: list, id, name, owner, partners, country, region, start, end, budget.

Building reads the texts once (tokens cut at whitespace, lower case), fits the models on the distinct tokens,
then makes the rows chunk by chunk, so that only one chunk of rows is in memory beside the token counts. In a
folder (``--index DIR``) the index is ``index.json`` (format, fingerprint of the lists, vocabularies, idf,
counts), ``meta.json`` (the metadata by column) and ``words-NNNN.npz`` / ``chars-NNNN.npz`` (scipy.sparse), written
in a work folder that replaces DIR in one rename. It is reused while the lists' paths, sizes and modification
times are those of its fingerprint, and rebuilt otherwise. Searching reads only the folder: no network.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse

from stakeholders.analyses.text_similarity import STOP_WORDS, WORD_PATTERN, project_text
from stakeholders.files import staged_folder
from stakeholders.model import Dataset, Project

FORMAT = 1
CHUNK = 20_000  # operations per chunk of rows: bounds the memory of a build
META_COLUMNS = ("list", "id", "name", "owner", "partners", "country", "region", "start", "end", "budget", "source")


@dataclass
class SimilarIndex:
    """The fitted models, the rows (by chunk) and the metadata of the operations of some lists."""

    words_vocabulary: dict[str, int]
    chars_vocabulary: dict[str, int]
    words_idf: np.ndarray
    chars_idf: np.ndarray
    chunks: list[tuple[sparse.csr_matrix, sparse.csr_matrix]] = field(default_factory=list)
    meta: dict[str, list] = field(default_factory=lambda: {c: [] for c in META_COLUMNS})
    built: bool = True  # False when read from a folder

    def __len__(self) -> int:
        return len(self.meta["id"])

    @property
    def terms(self) -> np.ndarray:
        """The word model's terms, by column."""
        terms = np.empty(len(self.words_vocabulary), dtype=object)
        for term, column in self.words_vocabulary.items():
            terms[column] = term
        return terms

    def vectors(self, texts: Sequence[str]) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        """The unit-length word and character rows of ``texts`` in this index's models (unknown terms count 0)."""
        by_token, distinct = _token_counts(texts, {})
        words = _term_counts(distinct, self.words_vocabulary, _words_model)
        chars = _term_counts(distinct, self.chars_vocabulary, _chars_model)
        return _rows(by_token @ words, self.words_idf), _rows(by_token @ chars, self.chars_idf)


def _words_model(vocabulary=None):
    from sklearn.feature_extraction.text import CountVectorizer

    stop = None if vocabulary is not None else sorted(STOP_WORDS)
    return CountVectorizer(
        token_pattern=WORD_PATTERN, stop_words=stop, lowercase=False, dtype=np.int64, vocabulary=vocabulary
    )


def _chars_model(vocabulary=None):
    from sklearn.feature_extraction.text import CountVectorizer

    return CountVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), lowercase=False, dtype=np.int64, vocabulary=vocabulary
    )


def _token_counts(texts: Iterable[str], tokens: dict[str, int]) -> tuple[sparse.csr_matrix, list[str]]:
    """Counts of whitespace-separated, lower-cased tokens by text; ``tokens`` grows with new ones."""
    indptr: list[int] = [0]
    indices: list[int] = []
    data: list[int] = []
    for text in texts:
        counts: dict[int, int] = {}
        for token in text.lower().split():
            column = tokens.setdefault(token, len(tokens))
            counts[column] = counts.get(column, 0) + 1
        indices.extend(counts)
        data.extend(counts.values())
        indptr.append(len(indices))
    matrix = sparse.csr_matrix(
        (np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
        shape=(len(indptr) - 1, max(len(tokens), 1)),
    )
    return matrix, list(tokens)


def _term_counts(distinct: list[str], vocabulary: dict[str, int], model) -> sparse.csr_matrix:
    """Token x term counts of a fixed vocabulary (no token or no term: an empty matrix)."""
    if not distinct or not vocabulary:
        return sparse.csr_matrix((max(len(distinct), 1), max(len(vocabulary), 1)), dtype=np.float64)
    return sparse.csr_matrix(model(vocabulary).transform(distinct), dtype=np.float64)


def _fit(distinct: list[str], model) -> tuple[sparse.csr_matrix, dict[str, int]]:
    try:
        fitted = model()
        counts = fitted.fit_transform(distinct)
    except ValueError:  # no term at all (no word of two letters, or only stop words)
        return sparse.csr_matrix((max(len(distinct), 1), 1), dtype=np.float64), {}
    vocabulary = {str(t): int(c) for t, c in fitted.vocabulary_.items()}
    return sparse.csr_matrix(counts, dtype=np.float64), vocabulary


def _rows(counts: sparse.spmatrix, idf: np.ndarray) -> sparse.csr_matrix:
    """Sublinear tf times idf, each row scaled to unit length (float32)."""
    rows = sparse.csr_matrix(counts, dtype=np.float64)
    rows.data = 1.0 + np.log(rows.data)
    rows = sparse.csr_matrix(rows @ sparse.diags(idf)) if idf.size == rows.shape[1] else rows
    norms = np.sqrt(np.asarray(rows.multiply(rows).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    rows = sparse.csr_matrix(sparse.diags(1.0 / norms) @ rows)
    rows.eliminate_zeros()
    return sparse.csr_matrix(rows, dtype=np.float32)


def _idf(df: np.ndarray, n: int) -> np.ndarray:
    return 1.0 + np.log((1.0 + n) / (1.0 + df))


def operation_meta(name: str, listed: Dataset, project: Project) -> dict[str, object]:
    """The metadata of one operation of a list, as the index keeps it."""
    actors = listed.actors
    regions = dict.fromkeys(
        listed.municipalities[m].region for m in project.municipalities if m in listed.municipalities
    )
    return {
        "list": name,
        "id": project.id,
        "name": project.name,
        "owner": actors[project.owner].name if project.owner in actors else project.owner,
        "partners": [actors[p].name if p in actors else p for p in project.partners if p != project.owner],
        "country": str(project.extra.get("country", "") or ""),
        "region": "; ".join(r for r in regions if r),
        "start": project.start.isoformat() if project.start else "",
        "end": project.end.isoformat() if project.end else "",
        "budget": project.budget,
        "source": str(listed.source or ""),
    }


def _operations(lists: Sequence[tuple[str, Dataset]]) -> Iterator[tuple[str, Project, Dataset]]:
    for name, listed in lists:
        for project in listed.projects.values():
            yield name, project, listed


def build_index(
    lists: Sequence[tuple[str, Dataset]], folder: Path | None = None, *, fingerprint: object = None, chunk: int = CHUNK
) -> SimilarIndex:
    """Fit the models on the lists' texts and make their rows, chunk by chunk; in ``folder`` when given.

    With ``folder``, each chunk's rows are written there (atomically: the folder appears whole or not at all)
    and the returned index reads them back; without, they are kept in memory.
    """
    tokens: dict[str, int] = {}
    by_token_chunks: list[sparse.csr_matrix] = []
    meta: dict[str, list] = {c: [] for c in META_COLUMNS}
    batch: list[str] = []
    for name, project, listed in _operations(lists):
        batch.append(project_text(project))
        for column, value in operation_meta(name, listed, project).items():
            meta[column].append(value)
        if len(batch) == chunk:
            by_token_chunks.append(_token_counts(batch, tokens)[0])
            batch = []
    if batch or not by_token_chunks:
        by_token_chunks.append(_token_counts(batch, tokens)[0])
    distinct = list(tokens)
    token_words, words_vocabulary = _fit(distinct, _words_model)
    token_chars, chars_vocabulary = _fit(distinct, _chars_model)
    n = len(meta["id"])
    words_df = np.zeros(token_words.shape[1])
    chars_df = np.zeros(token_chars.shape[1])
    for by_token in by_token_chunks:
        by_token = _widen(by_token, len(distinct))
        words_df += np.bincount((by_token @ token_words).indices, minlength=words_df.size)[: words_df.size]
        chars_df += np.bincount((by_token @ token_chars).indices, minlength=chars_df.size)[: chars_df.size]
    index = SimilarIndex(words_vocabulary, chars_vocabulary, _idf(words_df, n), _idf(chars_df, n), meta=meta)

    def rows() -> Iterator[tuple[sparse.csr_matrix, sparse.csr_matrix]]:
        for by_token in by_token_chunks:
            by_token = _widen(by_token, len(distinct))
            yield _rows(by_token @ token_words, index.words_idf), _rows(by_token @ token_chars, index.chars_idf)

    if folder is None:
        index.chunks = list(rows())
        return index
    with staged_folder(folder, replaceable=lambda p: (p / "index.json").is_file()) as work:
        count = 0
        for count, (words, chars) in enumerate(rows(), start=1):
            sparse.save_npz(work / f"words-{count - 1:04d}.npz", words, compressed=False)
            sparse.save_npz(work / f"chars-{count - 1:04d}.npz", chars, compressed=False)
        (work / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, allow_nan=False), encoding="utf-8")
        header = {
            "format": FORMAT,
            "fingerprint": fingerprint,
            "operations": n,
            "chunks": count,
            "words_vocabulary": words_vocabulary,
            "chars_vocabulary": chars_vocabulary,
            "words_idf": index.words_idf.tolist(),
            "chars_idf": index.chars_idf.tolist(),
        }
        (work / "index.json").write_text(json.dumps(header, ensure_ascii=False, allow_nan=False), encoding="utf-8")
    loaded = read_index(folder)
    assert loaded is not None
    loaded.built = True
    return loaded


def _widen(matrix: sparse.csr_matrix, columns: int) -> sparse.csr_matrix:
    """A chunk's token counts with the columns of tokens first seen in later chunks."""
    columns = max(columns, 1)
    if matrix.shape[1] == columns:
        return matrix
    return sparse.csr_matrix((matrix.data, matrix.indices, matrix.indptr), shape=(matrix.shape[0], columns))


def read_index(folder: Path, fingerprint: object = None) -> SimilarIndex | None:
    """The index in ``folder``, or None when there is none, it is of another format or its lists changed."""
    try:
        header = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if header.get("format") != FORMAT or (fingerprint is not None and header.get("fingerprint") != fingerprint):
        return None
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        chunks = [
            (
                sparse.load_npz(folder / f"words-{k:04d}.npz").tocsr(),
                sparse.load_npz(folder / f"chars-{k:04d}.npz").tocsr(),
            )
            for k in range(header["chunks"])
        ]
    except (OSError, ValueError, KeyError):
        return None
    return SimilarIndex(
        header["words_vocabulary"],
        header["chars_vocabulary"],
        np.asarray(header["words_idf"], dtype=np.float64),
        np.asarray(header["chars_idf"], dtype=np.float64),
        chunks=chunks,
        meta=meta,
        built=False,
    )


def fingerprint(paths: Sequence[Path], names: Sequence[str]) -> list[list[object]]:
    """What identifies the lists: each one's name, resolved path, and its files' sizes and modification times."""
    found: list[list[object]] = []
    for name, path in zip(names, paths, strict=True):
        path = path.resolve()
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        entry: list[object] = [name, str(path)]
        for file in files:
            info = os.stat(file)
            entry.append([os.path.relpath(file, path) if file != path else "", info.st_size, info.st_mtime_ns])
        found.append(entry)
    return found
