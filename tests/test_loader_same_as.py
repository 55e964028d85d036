"""same_as.csv: merges the coordinator confirms (issue 13)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from openpyxl import Workbook

from stakeholders import DatasetError, load_with_warnings
from stakeholders.loader import load
from stakeholders.schema import SAME_AS

ACTORS = (
    "id,name,municipalities,orientations\n"
    "kfum,KFUM Umeå,Umeå,Fritid\n"
    "kfum-ung,KFUM ungdom Umeå,Vännäs,Språk\n"
    "ams,Arbetsförmedlingen,Umeå,\n"
    "vux,Vuxenutbildningen,Umeå,\n"
)
PROJECTS = "id,name,owner,partners\np,P,kfum-ung,KFUM ungdom Umeå; ams\n"
COOPERATION = "source,target\nams,kfum-ung\n"


def errors_of(folder: Path) -> list:
    with pytest.raises(DatasetError) as caught:
        load_with_warnings(folder)
    return caught.value.errors


def test_a_merge_suggestion_confirmed_in_same_as_gives_one_actor(write_dataset) -> None:
    # As `stakeholders import` writes merge-suggestions.csv: id, name, candidate_id, candidate_name, similarity, reason.
    suggestions = (
        "id,name,candidate_id,candidate_name,similarity,reason\n"
        "kfum-ung,KFUM ungdom Umeå,kfum,KFUM Umeå,0.91,one name holds the other\n"
    )
    (row,) = csv.DictReader(io.StringIO(suggestions))
    same_as = f"id,same_as\n{row['id']},{row['candidate_id']}\n"
    folder = write_dataset(actors=ACTORS, projects=PROJECTS, cooperation=COOPERATION, same_as=same_as)
    dataset, warnings = load_with_warnings(folder)
    assert warnings == []
    assert list(dataset.actors) == ["kfum", "ams", "vux"]
    kept = dataset.actors["kfum"]
    assert kept.municipalities == ("Umeå", "Vännäs") and kept.orientations == ("Fritid", "Språk")
    assert kept.aliases == ("KFUM ungdom Umeå",)
    assert dataset.projects["p"].owner == "kfum" and dataset.projects["p"].partners == ("kfum", "ams")
    assert (dataset.cooperations[0].source, dataset.cooperations[0].target) == ("ams", "kfum")


def test_same_as_takes_ids_in_any_case_and_builds_on_merges_by_name(write_dataset) -> None:
    actors = ACTORS + "vux2,VUXENUTBILDNINGEN AB,Vännäs,\n"
    same_as = "id,same_as\nKFUM-UNG,Kfum\nvux,ams\n"
    dataset, warnings = load_with_warnings(write_dataset(actors=actors, projects=PROJECTS, same_as=same_as))
    assert list(dataset.actors) == ["kfum", "ams"]
    assert dataset.actors["ams"].aliases == ("Vuxenutbildningen", "VUXENUTBILDNINGEN AB")
    assert dataset.actors["ams"].municipalities == ("Umeå", "Vännäs")
    assert [w.row for w in warnings] == [6]  # vux2 is vux by its name


@pytest.mark.parametrize(
    ("same_as", "row", "column", "value", "said"),
    [
        ("kfum-ung,kfum\nokänd,kfum\n", 3, "id", "okänd", "unknown actor"),
        ("kfum-ung,kfun\n", 2, "same_as", "kfun", "unknown actor"),
        ("kfum,KFUM\n", 2, "same_as", "KFUM", "itself"),
        ("kfum-ung,kfum\nkfum-ung,ams\n", 3, "id", "kfum-ung", "merged twice"),
        ("kfum-ung,kfum\nkfum,ams\n", 3, "same_as", "ams", "chain or a cycle"),
        ("kfum-ung,kfum\nams,kfum-ung\n", 3, "same_as", "kfum-ung", "chain or a cycle"),
        ("kfum-ung,kfum\nkfum,kfum-ung\n", 3, "same_as", "kfum-ung", "chain or a cycle"),
        ("kfum-ung,\n", 2, "same_as", None, "missing"),
    ],
)
def test_same_as_errors_name_file_row_column_value(write_dataset, same_as, row, column, value, said) -> None:
    folder = write_dataset(actors=ACTORS, same_as="id,same_as\n" + same_as)
    (error,) = errors_of(folder)
    assert (error.file, error.row, error.column, error.value) == ("same_as.csv", row, column, value)
    assert said in error.message and error.hint


def test_a_cycle_shows_in_the_hint(write_dataset) -> None:
    (error,) = errors_of(write_dataset(actors=ACTORS, same_as="id,same_as\nkfum-ung,kfum\nkfum,kfum-ung\n"))
    assert "kfum -> kfum-ung -> kfum" in error.hint


def test_the_unknown_id_hint_gives_close_matches(write_dataset) -> None:
    (error,) = errors_of(write_dataset(actors=ACTORS, same_as="id,same_as\nkfum-ung,kfun\n"))
    assert "did you mean 'kfum'" in error.hint


def test_a_missing_column_refuses_the_dataset_even_when_skipping(write_dataset) -> None:
    folder = write_dataset(actors=ACTORS, same_as="id,kept\nkfum-ung,kfum\n")
    with pytest.raises(DatasetError) as caught:
        load(folder, skip_invalid=True)
    (error,) = caught.value.errors
    assert (error.file, error.row, error.column) == ("same_as.csv", None, "same_as")


def test_a_bad_same_as_row_is_skipped_with_skip_invalid(write_dataset) -> None:
    folder = write_dataset(actors=ACTORS, same_as="id,same_as\nkfum-ung,kfum\nokänd,ams\n")
    result = load(folder, skip_invalid=True)
    assert list(result.dataset.actors) == ["kfum", "ams", "vux"]
    assert [(r.file, r.row, r.column, r.value) for r in result.rejected] == [("same_as.csv", 3, "id", "okänd")]


def test_same_as_in_a_workbook(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "actors"
    for row in csv.reader(io.StringIO(ACTORS)):
        sheet.append(row)
    merges = workbook.create_sheet("same_as")
    merges.append(["id", "same_as"])
    merges.append(["kfum-ung", "kfum"])
    workbook.save(tmp_path / "region.xlsx")
    dataset, _ = load_with_warnings(tmp_path / "region.xlsx")
    assert list(dataset.actors) == ["kfum", "ams", "vux"]


def test_the_format_documents_same_as() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "data-format.md").read_text(encoding="utf-8")
    section = doc.split("same_as.csv (optional)", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^\| (\w+) \| (yes|) *\|", section, flags=re.MULTILINE)
    assert [name for name, _ in documented] == list(SAME_AS.column_names)
    assert [name for name, required in documented if required] == list(SAME_AS.required_columns)
