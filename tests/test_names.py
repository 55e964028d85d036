"""Organisation name resolution: pairs that must merge, pairs that must stay apart, and suggestions.

Sources of the pairs:
- "field notes": two real Swedish lists (Interreg 2021-2027 partners; an ERDF project bank 2014-2020),
  summarised in /work/shared/field-notes.md and issue 13.
- "dk-erdf": Denmark's list of ERDF operations 2014-2020 (Danish Business Authority), ../shared/data.
- "Bolagsverket", "Erhvervsstyrelsen", "PRH": the legal forms registered in Sweden, Denmark and Finland.
- "SCB": Swedish counties (län), regions and municipality codes (field notes list Västerbotten and Norrbotten).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stakeholders.names import MergeSuggestion, merge_suggestions, organisation_key

# (a, b, why they are one organisation, source)
MUST_MERGE = [
    ("Länsstyrelsen i Skåne", "LÄNSSTYRELSEN I SKÅNE LÄN", "case, filler 'i' and 'län'", "field notes"),
    ("Länsstyrelsen i Skåne", "Länsstyrelsen Skåne län", "filler 'i' and 'län'", "field notes"),
    ("Energikontor Syd", "Energikontor Syd AB", "legal form AB", "field notes"),
    ("Länsstyrelsen i Västerbottens län", "Länsstyrelsen Västerbotten", "genitive county name", "SCB"),
    ("Länsstyrelsen i Stockholms län", "LÄNSSTYRELSEN STOCKHOLM", "genitive county name, capitals", "SCB"),
    ("Högskolan I Skövde", "Högskolan Skövde", "filler 'i' in capitals", "field notes"),
    ("Agro Business Park A/S", "Agro Business Park", "legal form A/S", "dk-erdf"),
    ("Udvikling Fyn A/S", "UDVIKLING FYN AS", "A/S written without slash, in capitals", "Erhvervsstyrelsen"),
    ("Blue Ocean Robotics ApS", "Blue Ocean Robotics", "legal form ApS", "dk-erdf"),
    ("Foreningen Nordjysk FødevareErhverv F.M.B.A", "Foreningen Nordjysk Fødevareerhverv", "F.M.B.A.", "dk-erdf"),
    ("Sydfyns Fri Fagskole I/S", "Sydfyns Fri Fagskole", "legal form I/S", "Erhvervsstyrelsen"),
    ("Nordisk Film IVS", "Nordisk Film", "legal form IVS", "Erhvervsstyrelsen"),
    ("Sydfyns Fri Fagskole S/I", "Sydfyns Fri Fagskole", "S/I, selvejende institution", "dk-erdf"),
    ("Lantmännen ek. för.", "Lantmännen ekonomisk förening", "ek. för. spelled out", "Bolagsverket"),
    ("Lantmännen ek för", "Lantmännen", "ek för without points", "Bolagsverket"),
    ("AB Volvo (publ)", "Volvo AB", "AB first or last, (publ)", "Bolagsverket"),
    ("Nokia Oyj", "Nokia", "legal form Oyj", "PRH"),
    ("Yritys Oy", "Yritys", "legal form Oy", "PRH"),
    ("Equinor ASA", "Equinor", "legal form ASA", "Brønnøysund"),
    ("Siemens GmbH", "Siemens", "legal form GmbH", "Handelsregister"),
    ("Acme Ltd.", "ACME Limited", "Ltd / Limited", "Companies House"),
    ("Skov & Natur", "Skov og Natur", "& written as 'og'", "dk-erdf"),
    ("  Region   Skåne ", "Region Skåne", "spaces", "field notes"),
    ("Væksthus Nordjylland", "Væksthus Nordjylland.", "a partner cell's sentence end", "dk-erdf"),
]

# (a, b, why they are different organisations, source)
MUST_NOT_MERGE = [
    ("Länsstyrelsen i Skåne län", "Länsstyrelsen i Kalmar län", "two counties", "field notes"),
    ("Region Västerbotten", "Region Norrbotten", "two regions", "SCB"),
    ("Länsstyrelsen i Västerbottens län", "Länsstyrelsen i Norrbottens län", "two counties, genitive", "SCB"),
    ("Umeå kommun", "Vännäs kommun", "two municipalities", "SCB"),
    ("Frederikshavn Kommune", "Rebild Kommune", "two Danish municipalities", "dk-erdf"),
    ("Væksthus Nordjylland", "Væksthus Midtjylland", "two regional growth houses", "dk-erdf"),
    ("EUC Syd", "EUC Vest", "two vocational colleges", "dk-erdf"),
    ("Energikontor Syd", "Energikontor Norr", "two energy agencies", "field notes"),
    ("Kolding Kommune", "Kolding Spildevand A/S", "a municipality and its utility company", "dk-erdf"),
    ("Aarhus Universitet", "Aalborg Universitet", "two universities", "dk-erdf"),
    ("Umeå kommun", "Umeå", "the municipality and the place (not certain)", "SCB"),
]


@pytest.mark.parametrize(("a", "b", "why", "source"), MUST_MERGE)
def test_names_that_certainly_denote_one_organisation_share_a_key(a: str, b: str, why: str, source: str) -> None:
    assert organisation_key(a) == organisation_key(b), f"{why} ({source})"


@pytest.mark.parametrize(("a", "b", "why", "source"), MUST_NOT_MERGE)
def test_different_organisations_keep_their_own_keys(a: str, b: str, why: str, source: str) -> None:
    assert organisation_key(a) != organisation_key(b), f"{why} ({source})"


@pytest.mark.parametrize(("a", "b", "why", "source"), MUST_NOT_MERGE[:7])
def test_different_places_and_units_are_not_even_suggested(a: str, b: str, why: str, source: str) -> None:
    assert merge_suggestions({"a": a, "b": b}, threshold=0.5) == [], f"{why} ({source})"


def test_the_county_region_and_municipality_pattern_is_never_suggested() -> None:
    names = {
        "skane": "Länsstyrelsen i Skåne län",
        "kalmar": "Länsstyrelsen i Kalmar län",
        "vasterbotten": "Region Västerbotten",
        "norrbotten": "Region Norrbotten",
        "umea": "Umeå kommun",
        "vannas": "Vännäs kommun",
        "lulea": "Luleå kommun",
        "skelleftea": "Skellefteå kommun",
        "region": "Region",
    }
    assert merge_suggestions(names, threshold=0.3) == []


def test_the_key_is_the_organisation_number_when_given() -> None:
    assert organisation_key("Acme", "556123-4567") == "org:5561234567"
    assert organisation_key("Acme AB", "556123 4567") == organisation_key("Something else", "5561234567")
    assert organisation_key("Acme", "") == organisation_key("Acme", "  -  ") == "acme"


def test_a_name_that_is_only_a_legal_form_keeps_its_words() -> None:
    assert organisation_key("AB") == "ab"
    assert organisation_key("A/S") == "as"


# (a, b, what the reason says): likely but uncertain, from the field notes and the Danish list.
LIKELY = [
    ("Högskolan i Skövde", "Högskola Skövde", "same words except 'högskolan' / 'högskola'"),
    ("Umeå kommun", "Umea kommun", "same words except accents"),
    ("Energikontor Syd", "Energikontoret Syd", "same words except 'energikontor' / 'energikontoret'"),
    ("Væksthus Sjælland", "Den Erhvervsdrivende Fond Væksthus Sjælland", "all words of one name are in the other"),
]


@pytest.mark.parametrize(("a", "b", "reason"), LIKELY)
def test_likely_pairs_are_suggested_with_a_reason(a: str, b: str, reason: str) -> None:
    (suggestion,) = merge_suggestions({"a": a, "b": b})
    assert isinstance(suggestion, MergeSuggestion)
    assert (suggestion.id, suggestion.name, suggestion.candidate_id, suggestion.candidate_name) == ("a", a, "b", b)
    assert suggestion.reason.startswith(reason)
    assert 0.85 <= suggestion.similarity <= 1
    assert "\n" not in suggestion.reason


def test_suggestions_come_strongest_first_and_respect_the_threshold() -> None:
    names = {
        "a": "Umeå kommun",
        "b": "Umea kommun",
        "c": "Energikontor Syd",
        "d": "Energikontoret Syd",
        "e": "Teknologisk Institut",
    }
    suggestions = merge_suggestions(names)
    assert [s.similarity for s in suggestions] == sorted((s.similarity for s in suggestions), reverse=True)
    assert [(s.id, s.candidate_id) for s in suggestions] == [("a", "b"), ("c", "d")]
    assert merge_suggestions(names, threshold=0.995) == []


def test_records_with_one_key_are_not_paired() -> None:
    assert merge_suggestions({"a": "Energikontor Syd", "b": "Energikontor Syd AB"}) == []


def test_many_names_are_compared_in_blocks() -> None:
    names = {f"m{i}": f"Företag {i:05d} Konsult" for i in range(3000)}
    names["x"] = "Teknologisk Institut"
    names["y"] = "Teknologiskt Institut"
    found = {(s.id, s.candidate_id) for s in merge_suggestions(names, threshold=0.9)}
    assert ("x", "y") in found


names_text = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), max_size=40)


@given(names_text)
def test_the_key_is_idempotent(name: str) -> None:
    key = organisation_key(name)
    assert organisation_key(key) == key


@given(names_text)
def test_the_key_ignores_case(name: str) -> None:
    assert organisation_key(name.casefold()) == organisation_key(name)
    if name.upper().casefold() == name.lower().casefold():  # not so for e.g. Turkish dotless "ı"
        assert organisation_key(name.upper()) == organisation_key(name.lower()) == organisation_key(name)


@given(names_text, st.sampled_from([" AB", " A/S", " ApS", " Oy", " GmbH", " Ltd", " ek. för.", " i", " län"]))
def test_a_legal_form_or_filler_word_at_the_end_does_not_count(name: str, suffix: str) -> None:
    key = organisation_key(name)
    if key and key not in {"ab", "as", "aps", "oy", "gmbh", "ltd", "i", "län"}:
        if suffix == " län" and key.endswith("s"):
            # A county's genitive s before "län" does not count either ("Västerbottens län" = "Västerbotten").
            assert organisation_key(name + suffix) == key[:-1]
        else:
            assert organisation_key(name + suffix) == key
