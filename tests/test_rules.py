"""The loader's rules on their own: reference index, parent cycles, near-identical name keys."""

from __future__ import annotations

from stakeholders.rules import AMBIGUOUS, ReferenceIndex, name_key, parent_cycles


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


def test_parent_cycles() -> None:
    assert parent_cycles({"a": "b", "b": "c"}) == []
    assert parent_cycles({"a": "b", "b": "a", "x": "a", "c": "d", "d": "e", "e": "c"}) == [["a", "b"], ["c", "d", "e"]]
    assert parent_cycles({}) == []


def test_name_key_ignores_case_punctuation_and_small_words() -> None:
    assert name_key("KFUM i Umeå") == name_key("KFUM Umeå") == "kfum umeå"
    assert name_key("Företagarna, Umeå AB") == name_key("företagarna umeå")
    assert name_key("Umeå kommun") != name_key("Umeå universitet")
