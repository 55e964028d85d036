"""Onodo import (issue 16): a workbook in Onodo's layout becomes a dataset.

Onodo (Civio's network tool, source at github.com/civio/onodo; its upload takes an .xlsx made from its template
``public/downloads/onodo_template.xlsx``) reads a sheet of nodes with the columns ``Name``, ``Type``,
``Description``, ``Visible`` and a sheet of relations with ``Source``, ``Type``, ``Target``, ``Directed``, ``At``,
``From``, ``To``; further columns are custom fields (its API merges ``custom_fields`` into nodes and relations).
The workbook below is written in that layout, with Onodo's sheet names ``Nodes`` and ``Relations``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from stakeholders import load_dataset
from stakeholders.cli import main
from stakeholders.errors import ExitCode
from stakeholders.importers.graph_import import import_map
from stakeholders.importers.graph_read import detect_map_format
from stakeholders.problems import DatasetError
from stakeholders.template import write_template

NODES = [
    ["Name", "Type", "Description", "Visible", "Website"],
    ["Red Cross Umeå", "Organization", "Volunteers", True, "https://redcross.se"],
    ["Municipality of Umeå", "Organisation", None, True, None],
    ["Language café", "Project", "Swedish practice", True, None],
    ["Umeå", "Place", None, True, None],
    ["Newly arrived", "Group", None, False, None],
    ["Anna Andersson", "Person", None, True, None],
]
RELATIONS = [
    ["Source", "Type", "Target", "Directed", "At", "From", "To", "Channel"],
    ["Red Cross Umeå", "cooperation", "Municipality of Umeå", False, dt.datetime(2015, 3, 1), None, None, "meetings"],
    ["Municipality of Umeå", "owner", "Language café", True, None, None, None, None],
    ["Language café", "partner", "Red Cross Umeå", True, None, None, None, None],
    ["Language café", "serves", "Newly arrived", True, None, None, None, None],
    ["Language café", "works in", "Umeå", True, None, None, None, None],
    ["Anna Andersson", "volunteers at", "Red Cross Umeå", True, None, dt.datetime(2018, 1, 1), None, None],
]


def onodo_workbook(path: Path, nodes: list[list[object]] = NODES, relations: list[list[object]] = RELATIONS) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Nodes"
    for row in nodes:
        sheet.append(row)
    other = workbook.create_sheet("Relations")
    for row in relations:
        other.append(row)
    workbook.save(path)
    return path


def test_an_onodo_workbook_becomes_a_dataset(tmp_path: Path) -> None:
    result = import_map(onodo_workbook(tmp_path / "onodo.xlsx"), tmp_path / "out")
    assert result.format == "onodo"
    dataset = load_dataset(tmp_path / "out")
    # The rows above: 2 organisations and the person (an unknown type: an actor), 1 project, 1 place, 1 group.
    counts = len(dataset.actors), len(dataset.projects), len(dataset.municipalities), len(dataset.target_groups)
    assert counts == (3, 1, 1, 1)
    project = dataset.projects["language-cafe"]
    assert (project.owner, project.partners, project.description) == (
        "municipality-of-umea",
        ("red-cross-umea",),
        "Swedish practice",
    )
    assert (project.target_groups, project.municipalities) == (("newly-arrived",), ("umea",))
    first, second = dataset.cooperations
    # At is the date a relation began: our "since"; custom columns are extra columns.
    assert (first.source, first.target, first.since, first.extra) == (
        "red-cross-umea",
        "municipality-of-umea",
        "2015-03-01",
        {"channel": "meetings"},
    )
    # Between two actors an unknown relation type is a cooperation of that kind; From stands in for a missing At.
    assert (second.source, second.kind, second.since) == ("anna-andersson", "volunteers at", "2018-01-01")
    assert dataset.actors["anna-andersson"].type == "Person"
    assert dataset.actors["red-cross-umea"].website == "https://redcross.se"
    assert dataset.target_groups["newly-arrived"].extra == {"visible": "false"}


def test_the_layout_is_detected_from_the_sheets_by_the_import_command(tmp_path: Path) -> None:
    path = onodo_workbook(tmp_path / "onodo.xlsx")
    result = CliRunner().invoke(main, ["import", str(path), "-o", str(tmp_path / "out")], catch_exceptions=False)
    assert result.exit_code == ExitCode.OK, result.stderr
    assert "3 actors" in result.stdout and "(read as a onodo map)" in result.stdout
    assert "'Person'" in result.stderr  # the warning on the unknown element type
    assert CliRunner().invoke(main, ["validate", str(tmp_path / "out")]).exit_code == ExitCode.OK


def test_a_relation_to_an_unknown_node_is_an_error_naming_sheet_row_and_column(tmp_path: Path) -> None:
    relations = [*RELATIONS, ["Red Cross Umea", "cooperation", "Municipality of Umeå", False, None, None, None, None]]
    path = onodo_workbook(tmp_path / "onodo.xlsx", relations=relations)
    with pytest.raises(DatasetError) as caught:
        import_map(path, tmp_path / "out")
    (error,) = caught.value.errors
    assert str(error).startswith("onodo.xlsx, sheet Relations, row 8, column 'Source': no element has this ID or label")
    assert "Did you mean 'Red Cross Umeå'" in str(error)
    assert not (tmp_path / "out").exists()


def test_a_missing_name_column_is_reported_with_the_columns_found(tmp_path: Path) -> None:
    nodes = [["Label", "Type"], ["A", "Organization"]]
    relations = [["Source", "Type", "Target"]]
    path = onodo_workbook(tmp_path / "onodo.xlsx", nodes=nodes, relations=relations)
    with pytest.raises(DatasetError) as caught:
        import_map(path, tmp_path / "out", format="onodo")
    (error,) = caught.value.errors
    assert "sheet Nodes, row 1: the required column 'Name' is missing" in str(error)
    assert "Label, Type" in str(error)


def test_our_own_dataset_workbook_is_not_taken_for_an_onodo_map(tmp_path: Path) -> None:
    (workbook,) = (p for p in write_template(tmp_path / "template", xlsx=True) if p.suffix == ".xlsx")
    assert detect_map_format(workbook) is None
    assert detect_map_format(onodo_workbook(tmp_path / "onodo.xlsx")) == "onodo"
