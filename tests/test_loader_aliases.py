"""Aliases in actors.csv, and one actor for the rows whose names certainly denote one organisation (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from stakeholders import DatasetError, load_with_warnings
from stakeholders.names import organisation_key
from stakeholders.rules import coarse_keys, same_organisations

ACTORS = "id,name,municipalities,orientations,target_groups,aliases\n"


def errors_of(folder: Path) -> list:
    with pytest.raises(DatasetError) as caught:
        load_with_warnings(folder)
    return caught.value.errors


# -- aliases -------------------------------------------------------------------------------


def test_a_reference_may_use_an_alias_in_any_case(write_dataset) -> None:
    actors = ACTORS + "kfum,KFUM Umeå,Umeå,,,KFUM i Umeå kommun; K.F.U.M.\nams,Arbetsförmedlingen,Umeå,,,AF\n"
    projects = "id,name,owner,partners\np,P,kfum i umeå kommun,af; K.F.U.M.\n"
    cooperation = "source,target\nAF,kfum\n"
    funding = "funder,project\naf,p\n"
    folder = write_dataset(actors=actors, projects=projects, cooperation=cooperation, funding=funding)
    dataset, warnings = load_with_warnings(folder)
    assert warnings == []
    project = dataset.projects["p"]
    assert project.owner == "kfum" and project.partners == ("ams", "kfum")
    assert (dataset.cooperations[0].source, dataset.fundings[0].funder) == ("ams", "ams")
    assert dataset.actors["kfum"].aliases == ("KFUM i Umeå kommun", "K.F.U.M.")


def test_an_id_wins_over_an_alias(write_dataset) -> None:
    actors = ACTORS + "a,Alfa,Umeå,,,\nb,Beta,Umeå,,,x\nx,Xylofon,Umeå,,,\n"
    # The alias 'x' is the id of another actor: an error where it is given.
    (error,) = errors_of(write_dataset(actors=actors))
    assert (error.file, error.row, error.column, error.value) == ("actors.csv", 3, "aliases", "x")
    assert "'x'" in error.message


@pytest.mark.parametrize(
    ("actors", "row", "value", "said"),
    [
        ("a,Alfa,Umeå,,,Beta\nb,Beta,Umeå,,,\n", 2, "Beta", "another actor 'b'"),
        ("a,Alfa,Umeå,,,Gemensam\nb,Beta,Umeå,,,gemensam\n", 3, "gemensam", "also an alias of the actor 'a' (row 2)"),
    ],
)
def test_an_alias_that_names_another_actor_is_an_error(write_dataset, actors, row, value, said) -> None:
    (error,) = errors_of(write_dataset(actors=ACTORS + actors))
    assert (error.file, error.row, error.column, error.value) == ("actors.csv", row, "aliases", value)
    assert said in error.message and error.hint


def test_an_alias_that_is_the_own_name_or_repeated_is_fine(write_dataset) -> None:
    dataset, warnings = load_with_warnings(write_dataset(actors=ACTORS + "a,Alfa,Umeå,,,alfa; A; a\n"))
    assert warnings == [] and list(dataset.actors) == ["a"]


# -- one organisation, one actor -----------------------------------------------------------


def test_names_of_one_organisation_make_one_actor(write_dataset) -> None:
    actors = ACTORS + (
        "lst,Länsstyrelsen i Skåne,Malmö,Tillsyn,unga,\n"
        "kalmar,Länsstyrelsen i Kalmar län,Kalmar,,,\n"
        "lst2,LÄNSSTYRELSEN I SKÅNE LÄN,Lund; Malmö,Integration; tillsyn,nyanlända,Lst Skåne\n"
        "lst3,Länsstyrelsen Skåne län,*,,,\n"
    )
    projects = "id,name,owner,partners\np,P,lst2,Länsstyrelsen Skåne län; kalmar\nq,Q,lst skåne,\n"
    dataset, warnings = load_with_warnings(write_dataset(actors=actors, projects=projects))
    assert list(dataset.actors) == ["lst", "kalmar"]
    kept = dataset.actors["lst"]
    assert kept.name == "Länsstyrelsen i Skåne"
    assert kept.orientations == ("Tillsyn", "Integration")  # one spelling per orientation, the first
    assert kept.target_groups == ("unga", "nyanlända")
    assert kept.all_municipalities and set(kept.municipalities) == {"Malmö", "Kalmar", "Lund"}
    assert kept.aliases == ("LÄNSSTYRELSEN I SKÅNE LÄN", "Lst Skåne", "Länsstyrelsen Skåne län")
    assert dataset.projects["p"].owner == "lst" and dataset.projects["p"].partners == ("lst", "kalmar")
    assert dataset.projects["q"].owner == "lst"
    merged = [w for w in warnings if w.column == "name"]
    assert [(w.file, w.row, w.value) for w in merged] == [
        ("actors.csv", 4, "LÄNSSTYRELSEN I SKÅNE LÄN"),
        ("actors.csv", 5, "Länsstyrelsen Skåne län"),
    ]
    assert all("'Länsstyrelsen i Skåne' (id 'lst', row 2)" in w.message for w in merged)
    assert not any("nearly identical" in w.message for w in warnings)


def test_names_only_alike_stay_apart_with_the_old_warning(write_dataset) -> None:
    actors = (
        ACTORS
        + "a,Hjälp för unga,Umeå,,,\nb,Hjälp unga,Umeå,,,\nc,Region Västerbotten,Umeå,,,\nd,Region Norrbotten,Umeå,,,\n"
    )
    dataset, warnings = load_with_warnings(write_dataset(actors=actors))
    assert list(dataset.actors) == ["a", "b", "c", "d"]
    (warning,) = warnings
    assert warning.row == 3 and "nearly identical" in warning.message


def test_the_graph_has_one_node_for_the_organisation(write_dataset) -> None:
    actors = ACTORS + "e,Energikontor Syd,Malmö,,,\ne2,Energikontor Syd AB,Lund,,,\n"
    dataset, _ = load_with_warnings(write_dataset(actors=actors, projects="id,name,owner\np,P,e2\n"))
    assert [n for n in dataset.graph if n.startswith("Actor:")] == ["Actor:e"]
    assert dataset.graph.has_edge("Actor:e", "Project:p")


@pytest.mark.parametrize(
    "names",
    [
        ["KFUM Umeå", "KFUM i Umeå"],
        ["Energikontor Syd", "Energikontor Syd AB", "ENERGIKONTOR SYD, Aktiebolag"],
        ["Væksthus Nordjylland", "VÆKSTHUS NORDJYLLAND A/S"],
        ["AB Volvo", "Volvo AB", "Volvo"],
        ["Skov & Natur", "Skov og Natur"],
        ["Ｆｏｏ", "Foo"],
        ["x_y", "x y"],
    ],
)
def test_the_bulk_resolution_finds_what_organisation_key_finds(names: list[str]) -> None:
    padding = [f"Organisation {k}" for k in range(20)]
    later = same_organisations([*padding, *names])
    assert later == {len(padding) + k: len(padding) for k in range(1, len(names))}
    assert len({organisation_key(name) for name in names}) == 1


def test_coarse_keys_never_part_names_of_one_organisation() -> None:
    names = [
        "Länsstyrelsen i Skåne",
        "LÄNSSTYRELSEN I SKÅNE LÄN",
        "Länsstyrelsen Skåne län",
        "Länsstyrelsen i Kalmar län",
        "Foo ek. för.",
        "Foo ekonomisk förening",
        "Foo A/S",
        "Foo ApS",
        "Bar Oy",
        "Oy Bar Ab",
        "Baz GmbH",
        "Baz",
    ]
    coarse = coarse_keys(names)
    for a, name_a in enumerate(names):
        for b, name_b in enumerate(names):
            if organisation_key(name_a) == organisation_key(name_b):
                assert coarse[a] == coarse[b], (name_a, name_b)


def test_cooperation_between_two_spellings_of_one_organisation_is_left_out(write_dataset) -> None:
    actors = ACTORS + "k,KFUM Umeå,Umeå,,,\nk2,KFUM i Umeå,Umeå,,,\nams,AF,Umeå,,,\n"
    cooperation = "source,target\nKFUM Umeå,k2\nams,k2\n"
    dataset, warnings = load_with_warnings(write_dataset(actors=actors, cooperation=cooperation))
    assert [(c.source, c.target) for c in dataset.cooperations] == [("ams", "k")]
    (left_out,) = [w for w in warnings if w.file == "cooperation.csv"]
    assert (left_out.row, left_out.column, left_out.value) == (2, "target", "k2")


def test_naming_one_actor_twice_in_a_cooperation_is_still_an_error(write_dataset) -> None:
    actors = ACTORS + "k,KFUM Umeå,Umeå,,,KFUM\nk2,KFUM i Umeå,Umeå,,,\n"
    errors = errors_of(write_dataset(actors=actors, cooperation="source,target\nk,KFUM\n"))
    assert [(e.file, e.row, e.column) for e in errors] == [("cooperation.csv", 2, "target")]


def test_a_merged_actor_works_where_any_of_its_rows_does(write_dataset) -> None:
    actors = ACTORS + "k,KFUM Umeå,,,,\nk2,KFUM i Umeå,Umeå,,,\nx,Ingenstans AB,,,,\nx2,Ingenstans,,,,\n"
    dataset, warnings = load_with_warnings(write_dataset(actors=actors))
    assert dataset.actors["k"].municipalities == ("Umeå",)
    assert [w.row for w in warnings if w.column == "municipalities"] == [4]


def test_coarse_keys_agree_with_the_name_resolution_tests() -> None:
    """The loader's bulk prefilter must never part two names that organisation_key makes one (tests/test_names.py)."""
    from tests.test_names import MUST_MERGE, MUST_NOT_MERGE

    names = [name for a, b, *_ in [*MUST_MERGE, *MUST_NOT_MERGE] for name in (a, b)]
    coarse = coarse_keys(names)
    single = [coarse_keys([name])[0] for name in names]
    for a, name_a in enumerate(names):
        assert coarse[a] == single[a], name_a
        for b, name_b in enumerate(names):
            if organisation_key(name_a) == organisation_key(name_b):
                assert coarse[a] == coarse[b], (name_a, name_b)
