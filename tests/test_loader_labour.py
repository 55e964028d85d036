"""Loading the labour-market files (issue 18): occupations, labour demand, employer needs, occupations columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from stakeholders import DatasetError, Problem, load_dataset
from stakeholders.schema import Outlook

ACTORS = (
    "id,name,municipalities,occupations\nvux,Vuxenutbildningen,2480,5321\nnus,Norrlands universitetssjukhus,2480,\n"
)
MUNICIPALITIES = "id,name\n2480,Umeå\n2460,Vännäs\n"
OCCUPATIONS = "id,name,parent\n5321,Undersköterskor,\n5311,Barnskötare,\n8332,Lastbilsförare,\n"


def errors_of(folder: Path) -> list[Problem]:
    with pytest.raises(DatasetError) as caught:
        load_dataset(folder)
    return caught.value.errors


def located(problem: Problem) -> tuple[object, ...]:
    return problem.file, problem.row, problem.column, problem.value


def test_the_files_load_into_the_dataset_tables(write_dataset) -> None:
    folder = write_dataset(
        actors=ACTORS,
        municipalities=MUNICIPALITIES,
        occupations=OCCUPATIONS,
        target_groups="id,name,occupations\nvard,Vårdutbildade,Undersköterskor; 5311\n",
        labour_demand="occupation,municipality,outlook,openings,year,source\n5321,2480,brist,120,2008,AF\n8332,Vännäs,2,,2008,\n",
        employer_needs="employer,occupation,count,requirements,barriers,date,source\n"
        'Norrlands universitetssjukhus,5321,40,"Svenska B1; legitimation",Få sökande,2008-04-10,HR meeting\n',
    )
    dataset = load_dataset(folder)
    assert list(dataset.occupations) == ["5321", "5311", "8332"]
    assert dataset.actors["vux"].occupations == ("5321",)
    assert dataset.target_groups["vard"].occupations == ("5321", "5311")  # the name resolves to its code
    first, second = dataset.labour_demand
    assert (first.occupation, first.municipality, first.outlook, first.level, first.openings) == (
        "5321",
        "2480",
        "shortage",
        Outlook.SHORTAGE,
        120,
    )
    assert (second.municipality, second.outlook, second.level) == ("2460", "2", Outlook.SURPLUS)  # 1-2: surplus
    (need,) = dataset.employer_needs
    assert (need.employer, need.occupation, need.count) == ("nus", "5321", 40)
    assert need.requirements == ("Svenska B1", "legitimation")


def test_a_dataset_without_the_files_loads_as_before(write_dataset) -> None:
    dataset = load_dataset(write_dataset(actors="id,name,municipalities\nvux,Vuxenutbildningen,Umeå\n"))
    assert (dict(dataset.occupations), dataset.labour_demand, dataset.employer_needs) == ({}, (), ())
    assert dataset.actors["vux"].occupations == ()


@pytest.mark.parametrize("code", ["532", "53210", "53a1", "5321.0"])
def test_an_occupation_code_that_is_not_four_digits(write_dataset, code: str) -> None:
    folder = write_dataset(actors=ACTORS, municipalities=MUNICIPALITIES, occupations=f"id,name\n5321,U\n{code},X\n")
    (error,) = errors_of(folder)
    assert located(error) == ("occupations.csv", 3, "id", code)
    assert "SSYK" in error.message and "scb.se" in error.hint


def test_an_unknown_occupation_names_the_nearest_codes(write_dataset) -> None:
    folder = write_dataset(
        actors=ACTORS,
        municipalities=MUNICIPALITIES,
        occupations=OCCUPATIONS,
        labour_demand="occupation,municipality,outlook\n5321,2480,shortage\n5322,2480,shortage\n",
    )
    (error,) = errors_of(folder)
    assert located(error) == ("labour_demand.csv", 3, "occupation", "5322")
    assert "unknown occupation" in error.message
    assert "did you mean '5321'" in error.hint and "occupations.csv" in error.hint


def test_without_the_occupations_file_the_codes_named_become_occupations(write_dataset) -> None:
    # As municipalities and target groups without their file: each one named is a record, named by its code.
    dataset = load_dataset(write_dataset(actors=ACTORS, municipalities=MUNICIPALITIES))
    assert {code: o.name for code, o in dataset.occupations.items()} == {"5321": "5321"}


def test_without_the_occupations_file_the_codes_are_checked_for_form(write_dataset) -> None:
    folder = write_dataset(
        actors=ACTORS,
        municipalities=MUNICIPALITIES,
        labour_demand="occupation,municipality,outlook\nUndersköterskor,2480,shortage\n",
    )
    (error,) = errors_of(folder)
    assert located(error) == ("labour_demand.csv", 2, "occupation", "Undersköterskor")
    assert "SSYK" in error.message and "occupations.csv" in error.hint


def test_an_occupations_file_with_no_rows_still_checks_the_references(write_dataset) -> None:
    (error,) = errors_of(write_dataset(actors=ACTORS, municipalities=MUNICIPALITIES, occupations="id,name\n"))
    assert located(error) == ("actors.csv", 2, "occupations", "5321")
    assert "unknown occupation" in error.message and "occupations.csv" in error.hint


@pytest.mark.parametrize("outlook", ["0", "6", "2,5", "great"])
def test_an_outlook_out_of_range(write_dataset, outlook: str) -> None:
    folder = write_dataset(
        actors=ACTORS,
        municipalities=MUNICIPALITIES,
        occupations=OCCUPATIONS,
        labour_demand=f'occupation,municipality,outlook\n5321,2480,"{outlook}"\n',
    )
    (error,) = errors_of(folder)
    assert located(error) == ("labour_demand.csv", 2, "outlook", outlook)
    assert "shortage" in error.hint and "1-5" in error.hint


def test_bad_values_of_employer_needs(write_dataset) -> None:
    folder = write_dataset(
        actors=ACTORS,
        municipalities=MUNICIPALITIES,
        occupations=OCCUPATIONS,
        employer_needs="employer,occupation,count\nnuss,5321,40\nnus,5321,many\nnus,,3\n",
    )
    assert [located(e) for e in errors_of(folder)] == [
        ("employer_needs.csv", 2, "employer", "nuss"),
        ("employer_needs.csv", 3, "count", "many"),
        ("employer_needs.csv", 4, "occupation", None),
    ]


def test_an_unknown_municipality_in_labour_demand(write_dataset) -> None:
    folder = write_dataset(
        actors=ACTORS,
        municipalities=MUNICIPALITIES,
        occupations=OCCUPATIONS,
        labour_demand="occupation,municipality,outlook\n5321,Umea,shortage\n",
    )
    (error,) = errors_of(folder)
    assert located(error) == ("labour_demand.csv", 2, "municipality", "Umea")
    assert "did you mean 'Umeå'" in error.hint


def test_a_pulled_dataset_names_the_occupations_its_records_refer_to(sample, tmp_path: Path) -> None:
    # Neo4j keeps the occupations columns (as properties) but not the labour-market files: what a pull
    # rebuilds from the records must load again (the pull itself is tested against a real server).
    import dataclasses

    from stakeholders.backends.neo4j_pull import occupations_named_in, write_dataset_csv

    named = occupations_named_in(sample.actors, sample.projects, sample.target_groups)
    assert set(named) == {"2221", "5120", "5321", "5322", "7111", "7212"}  # 8332 is only in labour_demand.csv
    pulled = dataclasses.replace(sample, occupations=named, labour_demand=(), employer_needs=())
    write_dataset_csv(pulled, tmp_path / "back")
    again = load_dataset(tmp_path / "back")
    assert list(again.actors.values()) == list(sample.actors.values())
    assert again.occupations["5321"].name == "5321"


def test_skip_invalid_leaves_out_the_rows_that_refer_to_a_bad_occupation(write_dataset) -> None:
    from stakeholders.loader import load

    folder = write_dataset(
        actors=ACTORS,
        municipalities=MUNICIPALITIES,
        occupations="id,name\n5321,U\n53x1,Bad\n",
        labour_demand="occupation,municipality,outlook\n53x1,2480,shortage\n5321,2480,7\n5321,2480,brist\n",
    )
    result = load(folder, skip_invalid=True)
    assert [(r.file, r.row, r.column) for r in result.rejected] == [
        ("occupations.csv", 3, "id"),
        ("labour_demand.csv", 2, "occupation"),  # refers to the row left out
        ("labour_demand.csv", 3, "outlook"),
    ]
    assert [(d.occupation, d.outlook) for d in result.dataset.labour_demand] == [("5321", "shortage")]


def test_codes_typed_as_numbers_in_a_workbook(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "actors"
    workbook.active.append(["id", "name", "occupations"])
    workbook.active.append(["vux", "Vuxenutbildningen", 5321])  # Excel keeps a typed code as a number
    occupations = workbook.create_sheet("occupations")
    occupations.append(["id", "name"])
    occupations.append([5321, "Undersköterskor"])
    workbook.save(tmp_path / "region.xlsx")
    dataset = load_dataset(tmp_path / "region.xlsx")
    assert list(dataset.occupations) == ["5321"] and dataset.actors["vux"].occupations == ("5321",)
