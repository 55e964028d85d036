"""What projects say they do: TF-IDF vectors of their texts and the cosine similarity of pairs.

A project's text is its name and description (and an English name and summary
where an import kept them, in the extra columns ``name_en`` and
``description_en``). Two TF-IDF models are fitted on the dataset's texts:

- words (Unicode word tokens, case folded), which match the same vocabulary;
- character n-grams of 3 to 5 characters inside word boundaries
  (scikit-learn's ``analyzer="char_wb"``), which match Swedish and Danish
  compounds and spelling variants ("språkcafé" / "språkkafé",
  "yrkessvenska" / "svenska för yrkeslivet").

The word model leaves out the commonest function words of Swedish, Danish,
Norwegian and English (:data:`STOP_WORDS`), which say nothing of what a
project does. Both use sublinear term frequency ``1 + ln(tf)`` and the smoothed inverse
document frequency ``idf(t) = 1 + ln((1 + n) / (1 + df(t)))`` (scikit-learn's
defaults), and each vector is scaled to unit length. The text similarity of
two projects is the mean of the two cosines:

    similarity(a, b) = (cos_words(a, b) + cos_chars(a, b)) / 2

so it lies in [0, 1], is 1 for identical texts and 0 for texts that share no
word and no n-gram.

References
----------
K. Spärck Jones, "A statistical interpretation of term specificity and its
application in retrieval", Journal of Documentation 28 (1972) 11-21.
G. Salton and C. Buckley, "Term-weighting approaches in automatic text
retrieval", Information Processing & Management 24 (1988) 513-523.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from stakeholders.analyses.common import in_chunks
from stakeholders.model import Project

_CHUNK = 65_536  # pairs per chunk of row products: bounds the memory of the gathered rows
WORD_PATTERN = r"(?u)\b\w\w+\b"  # scikit-learn's default: words of two or more letters or digits
_EXTRA_TEXT = ("name_en", "description_en")
_STOP_WORDS_TEXT = (
    # Swedish
    """och att det som en på är av för med till den har de inte om ett han men var jag sig från vi så kan man
    när år säger hon under också efter eller nu sin där vid mot ska skulle kommer ut får finns vara hade alla
    andra mycket än här då sedan över bara in blir upp även vad få två vill ha många hur mer går sitt samt genom"""
    # Danish and Norwegian
    """ og af til på med er det den for ikke et har fra der ved mod skal vil være havde meget end her da kun ind
    bliver op hvad to mange hvordan mere sit gennem av ett når hvor samt dels"""
    # English
    """ the and of to in a is for on with as by at an be are this that from or it its which their into will"""
)
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


def project_text(project: Project) -> str:
    """The text a project is compared by: name, description, and English versions where kept."""
    parts = [project.name, project.description, *(project.extra.get(c, "") for c in _EXTRA_TEXT)]
    return " ".join(p for p in parts if p)


@dataclass(frozen=True)
class TextVectors:
    """Unit-length TF-IDF rows (one per text) of the word and the character model."""

    words: sparse.csr_matrix
    chars: sparse.csr_matrix
    vocabulary: np.ndarray  # the word model's terms, by column

    def similarity(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """The text similarity of each pair (left[k], right[k]), as float64 in [0, 1].

        On a list of 50,000 projects these row products are most of the analysis: chunks of pairs run on
        two threads (:func:`~stakeholders.analyses.common.in_chunks`).
        """

        def chunk(start: int, stop: int) -> np.ndarray:
            i, j = left[start:stop], right[start:stop]
            words = np.asarray(self.words[i].multiply(self.words[j]).sum(axis=1)).ravel()
            chars = np.asarray(self.chars[i].multiply(self.chars[j]).sum(axis=1)).ravel()
            return (words + chars) / 2

        return np.clip(in_chunks(chunk, len(left), _CHUNK), 0.0, 1.0)

    def common_terms(self, i: int, j: int, limit: int = 5) -> tuple[str, ...]:
        """The words that contribute most to the word cosine of texts i and j."""
        words = self.words
        row_i = slice(words.indptr[i], words.indptr[i + 1])
        row_j = slice(words.indptr[j], words.indptr[j + 1])
        shared, at_i, at_j = np.intersect1d(words.indices[row_i], words.indices[row_j], return_indices=True)
        contribution = words.data[row_i][at_i] * words.data[row_j][at_j]
        order = np.argsort(-contribution, kind="stable")[:limit]
        return tuple(str(self.vocabulary[shared[k]]) for k in order)


def text_vectors(texts: Sequence[str]) -> TextVectors:
    """Fit the word and character TF-IDF models on ``texts`` and return their rows.

    Texts without any word give zero rows (similar to nothing). The result is exactly what scikit-learn's
    ``TfidfVectorizer`` gives (word model: ``token_pattern=WORD_PATTERN``, ``stop_words=STOP_WORDS``; character
    model: ``analyzer="char_wb"``, ``ngram_range=(3, 5)``; both ``sublinear_tf=True``), computed faster: a list of
    thousands of projects repeats the same few thousand whitespace-separated tokens, and neither model's terms
    cross whitespace (a word of ``WORD_PATTERN`` holds no space; ``char_wb`` pads each whitespace-separated
    token with one space). So the texts are split once, each distinct token is cut into words and n-grams once,
    and a text's term counts are its token counts times each token's term counts (two sparse products).
    """
    from sklearn.feature_extraction.text import CountVectorizer  # heavy: only when needed

    n = len(texts)
    tokens = CountVectorizer(tokenizer=str.split, token_pattern=None, lowercase=True, dtype=np.int64)
    try:
        by_token = tokens.fit_transform(texts)
    except ValueError:  # no token at all
        empty = sparse.csr_matrix((n, 1), dtype=np.float64)
        return TextVectors(empty, empty, np.array([""], dtype=object))
    distinct = tokens.get_feature_names_out()
    words_model = CountVectorizer(
        token_pattern=WORD_PATTERN, stop_words=sorted(STOP_WORDS), lowercase=False, dtype=np.int64
    )
    try:
        words = _tfidf(by_token @ words_model.fit_transform(distinct))
        vocabulary = words_model.get_feature_names_out()
    except ValueError:  # no word of two or more letters (or only stop words)
        words, vocabulary = sparse.csr_matrix((n, 1), dtype=np.float64), np.array([""], dtype=object)
    ngrams = CountVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=False, dtype=np.int64)
    chars = _tfidf(by_token @ ngrams.fit_transform(distinct))
    return TextVectors(words, chars, vocabulary)


def _tfidf(counts: sparse.spmatrix) -> sparse.csr_matrix:
    from sklearn.feature_extraction.text import TfidfTransformer

    rows = TfidfTransformer(sublinear_tf=True).fit_transform(sparse.csr_matrix(counts))
    return sparse.csr_matrix(rows, dtype=np.float64)
