"""TF-IDF text similarity (stakeholders/analyses/text_similarity.py) against values computed by hand.

The formulas are scikit-learn's TfidfVectorizer with ``sublinear_tf=True`` and its default smoothed idf,
``idf(t) = 1 + ln((1 + n) / (1 + df(t)))``, rows scaled to unit length; the similarity is the mean of the
word cosine and the character n-gram (3-5, within word boundaries) cosine.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stakeholders.analyses.specificity import inverse_frequency, specificity
from stakeholders.analyses.text_similarity import STOP_WORDS, WORD_PATTERN, text_vectors


def idf(n: int, df: int) -> float:
    return 1 + math.log((1 + n) / (1 + df))


def test_word_cosine_by_hand() -> None:
    # Corpus of 3: "språk mentor", "språk språk kafé", "mentor". Stop words none; all words have 2+ letters.
    vectors = text_vectors(["språk mentor", "språk språk kafé", "mentor"])
    n = 3
    w_sprak, w_mentor, w_kafe = idf(n, 2), idf(n, 2), idf(n, 1)
    # doc 0: språk tf 1 -> 1, mentor 1; doc 1: språk tf 2 -> 1 + ln 2, kafé 1.
    doc0 = {"språk": w_sprak, "mentor": w_mentor}
    doc1 = {"språk": (1 + math.log(2)) * w_sprak, "kafé": w_kafe}

    def cosine(a: dict[str, float], b: dict[str, float]) -> float:
        dot = sum(a[t] * b.get(t, 0.0) for t in a)
        return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))

    words = vectors.words
    assert float(words[0].multiply(words[1]).sum()) == pytest.approx(cosine(doc0, doc1), abs=1e-12)
    assert float(words[1].multiply(words[2]).sum()) == pytest.approx(0.0, abs=1e-12)


def test_character_ngrams_by_hand() -> None:
    # "abcd" vs "abce": no word in common. char_wb pads each word with a space: " abcd " has the 3- to 5-grams
    # " ab", "abc", "bcd", "cd ", " abc", "abcd", "bcd ", " abcd", "abcd " (9); 3 of them (" ab", "abc", " abc")
    # are in both texts (idf 1), 6 only in one (idf 1 + ln 1.5). Every tf is 1.
    # cos_chars = 3 / (3 + 6 u^2), u = 1 + ln 1.5; similarity = (0 + cos_chars) / 2.
    vectors = text_vectors(["abcd", "abce"])
    u = idf(2, 1)
    chars = 3 / (3 + 6 * u * u)
    assert float(vectors.similarity(np.array([0]), np.array([1]))[0]) == pytest.approx(chars / 2, abs=1e-12)


def test_identical_texts_are_similar_1_and_unrelated_0() -> None:
    vectors = text_vectors(["Språkcafé i Vännäs", "Språkcafé i Vännäs", "xyz"])
    similarity = vectors.similarity(np.array([0, 0]), np.array([1, 2]))
    assert similarity[0] == pytest.approx(1.0) and similarity[1] == pytest.approx(0.0)


def test_swedish_compounds_match_through_character_ngrams() -> None:
    # field-notes.md: "språkcafé" / "språkkafé" and "yrkessvenska" / "svenska för yrkeslivet" share no word.
    texts = ["språkcafé", "språkkafé", "yrkessvenska", "svenska för yrkeslivet", "mentorer i industrin"]
    vectors = text_vectors(texts)
    pairs = vectors.similarity(np.array([0, 2, 0, 2]), np.array([1, 3, 4, 4]))
    assert pairs[0] > 0.15 and pairs[1] > 0.1  # the compounds match (through n-grams only: the word cosine is 0) ...
    assert pairs[2] < pairs[0] and pairs[3] < pairs[1]  # ... better than unrelated texts


def test_stop_words_say_nothing() -> None:
    assert {"och", "og", "the", "för", "af"} <= STOP_WORDS
    vectors = text_vectors(["kurser och praktik", "mentorer och nätverk"])
    assert vectors.common_terms(0, 1) == ()


def test_empty_texts_are_similar_to_nothing() -> None:
    vectors = text_vectors(["", ""])
    assert vectors.similarity(np.array([0]), np.array([1]))[0] == 0.0


@pytest.mark.parametrize(
    ("frequency", "total", "expected"),
    [
        (2, 100, 1.0),  # only the pair itself carries it
        (100, 100, 0.0),  # everyone carries it
        (10, 100, math.log(10) / math.log(50)),
        (5, 2, 1.0),  # two records or fewer: every value counts 1
    ],
)
def test_specificity(frequency: int, total: int, expected: float) -> None:
    assert specificity(frequency, total) == pytest.approx(expected)


def test_inverse_frequency_is_scikit_learns_smooth_idf() -> None:
    assert inverse_frequency(9, 9) == 1.0
    assert inverse_frequency(1, 9) == pytest.approx(1 + math.log(10 / 2))


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(
        st.text(alphabet=st.sampled_from(list("abcåäö ÅÄÖ\t\n-.,!1éE")), max_size=40), min_size=1, max_size=8
    )
)
def test_the_fast_vectors_are_scikit_learns(texts: list[str]) -> None:
    """text_vectors splits texts once and cuts each distinct token once; the rows must be TfidfVectorizer's."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    ours = text_vectors(texts)

    def reference(**options) -> np.ndarray | None:
        try:
            rows = TfidfVectorizer(sublinear_tf=True, **options).fit_transform(texts)
        except ValueError:  # empty vocabulary: ours gives zero rows
            return None
        return (rows @ rows.T).toarray()

    words = reference(token_pattern=WORD_PATTERN, stop_words=sorted(STOP_WORDS))
    chars = reference(analyzer="char_wb", ngram_range=(3, 5))
    for mine, theirs in ((ours.words, words), (ours.chars, chars)):
        gram = (mine @ mine.T).toarray()
        expected = np.zeros_like(gram) if theirs is None else theirs
        np.testing.assert_allclose(gram, expected, atol=1e-12)
