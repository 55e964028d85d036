"""Swedish alphabetical order (SAOL: å, ä, ö after z; other accents with their base letter)."""

from __future__ import annotations

import random
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stakeholders.collation import _tokens, swedish_key, swedish_sorted


def ordered(*names: str) -> list[str]:
    return sorted(names, key=swedish_key)


def test_a_ring_a_umlaut_o_umlaut_come_after_z_in_that_order() -> None:
    assert ordered("Överkalix", "Älvsbyn", "Ystad", "Åsele", "Zinkgruvan", "Arjeplog") == [
        "Arjeplog",
        "Ystad",
        "Zinkgruvan",
        "Åsele",
        "Älvsbyn",
        "Överkalix",
    ]


def test_alvsbyn_comes_after_ystad_not_after_overkalix() -> None:
    names = ordered("Överkalix", "Ystad", "Älvsbyn")
    assert names.index("Älvsbyn") == names.index("Ystad") + 1
    assert names.index("Älvsbyn") < names.index("Överkalix")


def test_letters_inside_words_follow_the_same_order() -> None:
    assert ordered("Umeå", "Umea", "Umeä", "Umez") == ["Umea", "Umez", "Umeå", "Umeä"]


def test_case_is_ignored_except_to_break_ties() -> None:
    assert ordered("bjurholm", "Arvidsjaur", "Boden", "älvsbyn", "ÅSELE") == [
        "Arvidsjaur",
        "bjurholm",
        "Boden",
        "ÅSELE",
        "älvsbyn",
    ]
    assert swedish_key("Umeå")[0] == swedish_key("UMEÅ")[0] == swedish_key("umeå")[0]


def test_other_accents_sort_with_their_base_letter() -> None:
    assert ordered("Erik", "Émile", "Elin") == ["Elin", "Émile", "Erik"]
    assert ordered("Ångström", "Anders", "Àsa") == ["Anders", "Àsa", "Ångström"]
    assert swedish_key("Café")[0] == swedish_key("Cafe")[0]
    assert ordered("é", "e") == ["e", "é"]  # the accent breaks the tie


def test_swedish_equivalents_of_foreign_letters() -> None:
    assert ordered("Myra", "Müller", "Mylla") == ["Mylla", "Müller", "Myra"]  # ü as y
    assert ordered("Ærø", "Zeta", "Örn", "Åre") == ["Zeta", "Åre", "Ærø", "Örn"]  # æ as ä, ø as ö


def test_decomposed_text_sorts_like_composed_text() -> None:
    assert swedish_key("A\u030asele")[0] == swedish_key("Åsele")[0]
    assert swedish_key("e\u0301lan")[0] == swedish_key("élan")[0]


def test_digits_compare_as_numbers_and_before_letters() -> None:
    assert ordered("Etapp 10", "Etapp 2", "Etapp 1") == ["Etapp 1", "Etapp 2", "Etapp 10"]
    assert ordered("Alfa", "2010", "999") == ["999", "2010", "Alfa"]


def test_punctuation_and_spaces_count_as_one_space() -> None:
    assert ordered("Umeåregionen", "Umeå kommun") == ["Umeå kommun", "Umeåregionen"]
    assert swedish_key("Vuxenutbildningen/SFI")[0] == swedish_key("Vuxenutbildningen  SFI")[0]
    assert swedish_key("  KFUM ")[0] == swedish_key("KFUM")[0]


@pytest.mark.parametrize("value", [None, "", 2480])
def test_any_value_has_a_key(value: object) -> None:
    assert swedish_key(value)[2] == ("" if value is None else str(value))


def test_swedish_sorted_with_and_without_key() -> None:
    assert swedish_sorted(["Ö", "A", "Å"]) == ["A", "Å", "Ö"]
    records = [("x", "Överkalix"), ("y", "Älvsbyn"), ("z", "Ystad")]
    assert swedish_sorted(records, key=lambda r: r[1]) == [("z", "Ystad"), ("y", "Älvsbyn"), ("x", "Överkalix")]


def test_the_order_does_not_depend_on_the_input_order() -> None:
    names = ["umeå", "Umeå", "UMEÅ", "Umea", "Umeå ", "é", "e", "E", "10", "010"]
    expected = sorted(names, key=swedish_key)
    for seed in range(20):
        shuffled = names[:]
        random.Random(seed).shuffle(shuffled)
        assert sorted(shuffled, key=swedish_key) == expected


@given(st.lists(st.text(), max_size=20))
def test_every_text_has_a_key_and_the_order_is_total(texts: list[str]) -> None:
    keys = [swedish_key(t) for t in texts]
    assert sorted(keys) is not None
    assert len(set(keys)) == len(set(texts))  # different texts never tie


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ ", max_size=30))
def test_primary_key_ignores_case(text: str) -> None:
    assert swedish_key(text)[0] == swedish_key(text.upper())[0] == swedish_key(text.lower())[0]


def letters_one_by_one(folded: str) -> str:
    """The primary letters as the module docstring defines them, one character at a time."""
    after_z = {"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"}
    as_letter = {"ü": "y", "ð": "d", "þ": "th", "ł": "l", "đ": "d", "ı": "i", "ß": "ss"}
    out: list[str] = []
    for char in folded:
        if char in after_z:
            out.append(after_z[char])
        elif char in as_letter:
            out.append(as_letter[char])
        elif char.isalnum():
            base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
            out.append(base or char)
        elif unicodedata.combining(char):
            continue
        elif out and out[-1] != " ":
            out.append(" ")
    return "".join(out).strip()


# Letters that decompose to a space and an accent (U+037A, U+FC5E, U+FE70) or to words with spaces (U+FDFA),
# separators, accents alone, control characters.
TRICKY = "\u037a\ufc5e\ufe70\ufdfa ,.-/\t\u3000\xa0\x00\x01\u0301\u0308aeåäöüßÆØ1½"


@given(st.text(alphabet=TRICKY, max_size=12) | st.text(max_size=12))
def test_letters_are_the_character_by_character_definition(text: str) -> None:
    folded = unicodedata.normalize("NFC", text).casefold()
    assert swedish_key(text)[0] == _tokens(letters_one_by_one(folded))
