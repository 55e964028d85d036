"""The loader's rules on their own: reference index, parent cycles, near-identical name keys."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from stakeholders.rules import (
    _STOP_WORDS,
    AMBIGUOUS,
    ReferenceIndex,
    _folded_words,
    name_key,
    name_keys,
    parent_cycles,
)


def test_reference_index_resolves_id_first_then_name_ignoring_case() -> None:
    index = ReferenceIndex()
    index.add("kfum", "KFUM Umeå")
    index.add("ams", "Arbetsförmedlingen")
    index.add("ams-2", "arbetsförmedlingen")
    assert index.resolve("KFUM") == "kfum"
    assert index.resolve("kfum umeå") == "kfum"
    assert index.resolve("ARBETSFÖRMEDLINGEN") == AMBIGUOUS
    assert index.resolve("nobody") is None
    assert index.ids() == ("kfum", "ams", "ams-2")
    assert index.close_matches("KFUM Umea") == ["KFUM Umeå"]


def test_exact_lists_resolve_at_once_what_differs_from_the_list() -> None:
    index = ReferenceIndex()
    index.add_many(["a", "b", "c"], ["A", "B", "C"])
    lists = [("a",), ("a", "b", "a"), ("*", "c"), ()]
    assert index.exact_lists(lists, every=("x", "y")) == {("a", "b", "a"): ("a", "b"), ("*", "c"): ("x", "y")}
    assert index.exact_lists(lists, every=None) == {("a", "b", "a"): ("a", "b"), ("*", "c"): ("c",)}
    assert index.exact_lists([("a",), ("A",)], every=None) is None  # by name or ignoring case: the full rules
    assert index.exact_lists([], every=None) == {}


def test_parent_cycles() -> None:
    assert parent_cycles({"a": "b", "b": "c"}) == []
    assert parent_cycles({"a": "b", "b": "a", "x": "a", "c": "d", "d": "e", "e": "c"}) == [["a", "b"], ["c", "d", "e"]]
    assert parent_cycles({}) == []


def test_name_key_ignores_case_punctuation_and_small_words() -> None:
    assert name_key("KFUM i Umeå") == name_key("KFUM Umeå") == "kfum umeå"
    assert name_key("Företagarna, Umeå AB") == name_key("företagarna umeå")
    assert name_key("Umeå kommun") != name_key("Umeå universitet")


# Names that name_keys works out the fast way: Latin-1 text (with casefold expansions such as "ß" and
# "ﬀ" and Unicode separators, dashes and quotes, which part words) built of stop words (also adjacent,
# at either end), underscores, digits and runs of non-word characters.
LATIN1_WORDS = st.sampled_from([*sorted(_STOP_WORDS), "KFUM", "Umeå", "AB", "Straße", "ﬀ", "İ", "x_1", "42", "Ä"])
LATIN1_PIECES = st.one_of(LATIN1_WORDS, st.text(alphabet="aIåÄß_1 ,.-–’\t\n\r\xa0\x85\u2028\u3000", max_size=4))
LATIN1_NAMES = st.one_of(
    st.lists(LATIN1_PIECES, max_size=6).map("".join),
    st.lists(LATIN1_WORDS, max_size=5).map(" ".join),
    st.text(alphabet=st.characters(max_codepoint=255, exclude_characters="\x00µ")),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(LATIN1_NAMES, max_size=8))
@example(["KFUM i Umeå", "kfum  UMEÅ!", "i i i", "", " på av och ", "Straße", "in the", "ab-ek"])
def test_name_keys_are_name_key_of_each_name(names: list[str]) -> None:
    assert _folded_words("\x00".join(names)) is not None  # the fast way
    assert name_keys(names) == [name_key(name) for name in names]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(LATIN1_NAMES, st.text()), max_size=8))
@example(["a\x00b", "c"])  # a name holding the separator
@example(["µ i", "Ωmega"])  # word characters outside Latin-1
@example(["Straße µ i", "a"])  # "µ" is Latin-1 but folds to Greek mu
def test_name_keys_of_any_text(names: list[str]) -> None:
    assert name_keys(names) == [name_key(name) for name in names]
