"""Kumu import (issue 16): a workbook as Kumu's guide describes it becomes a dataset; ours -> Kumu -> ours keeps all.

Kumu's guide "Structure your data for Kumu" (docs.kumu.io/guides/import/import): sheets of elements (``Label``
first, or ``ID``; ``Type``, ``Description``, ``Tags`` with ``|``, other columns are fields) and connections
(``From``, ``To``, a type, ``Direction``; other columns are fields; several elements in ``To`` separated by ``|``).

What cannot round-trip (ours -> Kumu -> ours), and why:

- an extra column's name is normalised on the way back: lower case, spaces and ``-`` as ``_`` (Kumu's fields are
  free text, ours are column names); an extra named like one of Kumu's built-in columns (``Label``, ``Type``,
  ``Tags``, ...) comes back as ``NAME (extra)``, since Kumu would read it as the built-in;
- an orientation or alias holding ``|`` comes back as two (``|`` separates Kumu's values).

Everything else (every node with its attributes and extra columns, every relation with its attributes, the
``*`` of all municipalities, text that looks like a formula) comes back as it was.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from openpyxl import Workbook

from stakeholders import Dataset, load_dataset
from stakeholders.cli import main
from stakeholders.errors import ExitCode
from stakeholders.exports.kumu import write_kumu
from stakeholders.generate import generate_dataset
from stakeholders.importers.graph_import import import_map
from stakeholders.problems import DatasetError


def graph_contents(dataset: Dataset) -> tuple[dict[str, dict[str, object]], Counter]:
    """Every node with its attributes, and every edge with its attributes (a multiset: parallel edges count)."""
    nodes = {key: dict(data) for key, data in dataset.graph.nodes(data=True)}
    edges = Counter((u, v, tuple(sorted(data.items()))) for u, v, data in dataset.graph.edges(data=True))
    return nodes, edges


def round_trip(dataset: Dataset, tmp_path: Path) -> Dataset:
    workbook = tmp_path / "kumu.xlsx"
    write_kumu(dataset, workbook, personal_data=True)
    result = import_map(workbook, tmp_path / "back", keep_personal_data=True)
    assert result.format == "kumu"
    return load_dataset(tmp_path / "back")


def test_the_sample_comes_back_with_every_node_relation_and_attribute(sample: Dataset, tmp_path: Path) -> None:
    back = round_trip(sample, tmp_path)
    nodes, edges = graph_contents(sample)
    back_nodes, back_edges = graph_contents(back)
    assert back_nodes == nodes
    assert back_edges == edges
    # The sample's sizes (counted in its files): 105 nodes, 480 relations.
    assert (len(back_nodes), sum(back_edges.values())) == (105, 480)


EXTRAS = {
    "actors": (
        "id,name,type,sector,orientations,municipalities,contact_name,email,aliases,org_number,note\n"
        'a,=HYPERLINK("x"),ngo,civil,Språk; Fritid,*,Eva,eva@example.se,A-föreningen; Föreningen A,802,"two\nlines"\n'
        "b,Bolaget,employer,private,,m1,,,,,\n"
    ),
    "municipalities": (
        "id,name,region,population,description\nm1,Umeå,Västerbotten,130000,Kommun vid kusten\nm2,Bjurholm,,,\n"
    ),
    "target_groups": "id,name,parent,description\nt1,Unga,,\nt2,Unga vuxna,t1,20-25 år\n",
    "projects": (
        "id,name,owner,partners,target_groups,municipalities,start,end,budget,currency\n"
        "p1,Projekt,a,b,t2,m1; m2,2020-01-01,2021-12-31,1500.5,SEK\n"
    ),
    "cooperation": "source,target,kind,strength,since,note,channel\na,b,nätverk,2,2019,-möten varje månad,mail\n",
    "funding": "funder,project,amount,year,decision\nb,p1,1000,2020,D-1\n",
    "target_group_sizes": "target_group,municipality,size,year\nt2,m1,40,2020\nt2,m1,45,2021\n",
}


def test_extra_columns_formulas_stars_and_parallel_sizes_come_back(load_csv, tmp_path: Path) -> None:
    dataset = load_csv(**EXTRAS)
    back = round_trip(dataset, tmp_path)
    assert graph_contents(back) == graph_contents(dataset)
    assert back.actors["a"].name == '=HYPERLINK("x")'  # neutralised in the workbook, restored on the way back
    assert back.actors["a"].all_municipalities
    assert back.actors["a"].extra == {"org_number": "802", "note": "two\nlines"}
    assert back.municipalities["m1"].extra == {"description": "Kommun vid kusten"}
    assert back.cooperations[0].extra == {"channel": "mail"}
    assert [s.size for s in back.target_group_sizes] == [40, 45]


def test_what_does_not_round_trip_is_as_the_module_says(load_csv, tmp_path: Path) -> None:
    dataset = load_csv(actors="id,name,orientations,Web Site,tags\na,A,Språk|Fritid,a.se,x\n")
    back = round_trip(dataset, tmp_path)
    assert back.actors["a"].orientations == ("Språk", "Fritid")
    assert back.actors["a"].extra == {"web_site": "a.se", "tags_(extra)": "x"}


def kumu_workbook(path: Path, elements: list[list[object]], connections: list[list[object]]) -> Path:
    """A workbook laid out as Kumu's guide shows: Elements and Connections, headers in row 1."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Elements"
    for row in elements:
        sheet.append(row)
    other = workbook.create_sheet("Connections")
    for row in connections:
        other.append(row)
    workbook.create_sheet("Notes (ignore)").append(["anything"])
    workbook.save(path)
    return path


def test_a_map_drawn_in_kumu_becomes_a_dataset_by_the_documented_rules(tmp_path: Path) -> None:
    path = kumu_workbook(
        tmp_path / "map.xlsx",
        [
            ["Label", "Type", "Description", "Tags", "Sector", "Population"],
            ["KFUM Umeå", "Organisation", "Öppen verksamhet", "Fritid|Språk", "ideell", None],
            ["Arbetsförmedlingen", "Myndighet", None, None, "offentlig", None],
            ["Jobbsteget", "Projekt", None, "Arbete", None, None],
            ["Umeå", "Kommun", None, None, None, 130000],
            ["Nyanlända", "Målgrupp", None, None, None, None],
        ],
        [
            ["From", "To", "Connection Type", "Direction", "Strength"],
            ["KFUM Umeå", "Arbetsförmedlingen", "", "mutual", 3],
            ["Arbetsförmedlingen", "Jobbsteget", "ägare", "directed", None],
            ["Jobbsteget", "KFUM Umeå", None, None, None],  # project -> actor: a partner, turned round
            ["KFUM Umeå", "Umeå|Nyanlända", None, None, None],  # "|" in To: one connection to each
        ],
    )
    result = import_map(path, tmp_path / "out")
    dataset = load_dataset(tmp_path / "out")
    kfum, agency = dataset.actors["kfum-umea"], dataset.actors["arbetsformedlingen"]
    assert (kfum.orientations, kfum.description, kfum.sector.value) == (
        ("Fritid", "Språk"),
        "Öppen verksamhet",
        "civil",
    )
    assert agency.type == "Myndighet"  # an unknown type: an actor that keeps it, with a warning
    assert any("Myndighet" in str(w) and "read as actors" in str(w) for w in result.warnings)
    project = dataset.projects["jobbsteget"]
    assert (project.owner, project.partners) == ("arbetsformedlingen", ("kfum-umea",))
    assert (kfum.municipalities, kfum.target_groups) == (("umea",), ("nyanlanda",))
    assert dataset.municipalities["umea"].population == 130000
    assert [(c.source, c.target, c.strength) for c in dataset.cooperations] == [("kfum-umea", "arbetsformedlingen", 3)]


def test_bad_input_is_named_by_sheet_row_column_and_value_and_nothing_is_written(tmp_path: Path) -> None:
    path = kumu_workbook(
        tmp_path / "bad.xlsx",
        [["Label", "Type", "Start"], ["A", "Actor", None], ["P", "Project", "1 mars"], ["Q", "Project", None]],
        [["From", "To", "Type"], ["A", "P", "owner"], ["A", "B", None], ["A", "Q", "part of"]],
    )
    with pytest.raises(DatasetError) as caught:
        import_map(path, tmp_path / "out")
    messages = [str(p) for p in caught.value.errors]
    assert any("bad.xlsx, sheet Connections, row 3, column 'To'" in m and "'B'" in m for m in messages), messages
    assert any(
        "sheet Connections, row 4, column 'Type'" in m and "'part of' connection cannot join" in m for m in messages
    )
    assert any("sheet Elements, row 4, column 'Label'" in m and "without an owner" in m for m in messages)
    assert not (tmp_path / "out").exists()


def test_a_bad_value_found_by_the_loader_is_reported_in_the_workbook(tmp_path: Path) -> None:
    path = kumu_workbook(
        tmp_path / "dates.xlsx",
        [["Label", "Type", "Start"], ["A", "Actor", None], ["P", "Project", "1 mars"]],
        [["From", "To", "Type"], ["A", "P", "owner"]],
    )
    with pytest.raises(DatasetError) as caught:
        import_map(path, tmp_path / "out")
    assert [str(p).split(":")[0] for p in caught.value.errors] == ["dates.xlsx, sheet Elements, row 3, column 'Start'"]
    assert "not a date" in str(caught.value.errors[0]) and "'1 mars'" in str(caught.value.errors[0])
    assert list(tmp_path.iterdir()) == [path]  # no staging folder left behind


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_the_import_command_detects_kumu_and_leaves_personal_data_out_unless_asked(
    sample_path: Path, tmp_path: Path
) -> None:
    workbook = tmp_path / "map.xlsx"
    assert run("export", str(sample_path), "--format", "kumu", "-o", str(workbook)).exit_code == ExitCode.OK
    result = run("import", str(workbook), "-o", str(tmp_path / "out"))
    assert result.exit_code == ExitCode.OK, result.stderr
    # The sample's counts: 47 actors, 20 projects, 29 municipalities, 9 target groups.
    assert "47 actors, 20 projects" in result.stdout and "(read as a kumu map)" in result.stdout
    assert not any(a.email for a in load_dataset(tmp_path / "out").actors.values())
    result = run("import", str(workbook), "--format", "kumu", "--keep-personal-data", "-o", str(tmp_path / "out"))
    assert result.exit_code == ExitCode.OK, result.stderr  # an earlier import is replaced
    assert any(a.email for a in load_dataset(tmp_path / "out").actors.values())


def test_the_import_command_refuses_bad_maps_with_exit_code_2_and_writes_nothing(tmp_path: Path) -> None:
    path = kumu_workbook(tmp_path / "bad.xlsx", [["Label", "Type"], ["A", "Actor"]], [["From", "To"], ["A", "Z"]])
    result = run("import", str(path), "-o", str(tmp_path / "out"))
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "error: bad.xlsx, sheet Connections, row 2, column 'To': no element has this ID or label" in result.stderr
    assert result.stdout == "" and not (tmp_path / "out").exists()
    assert "--skip-invalid" not in result.stderr  # it is for lists of operations only
    result = run("import", str(path), "--skip-invalid", "-o", str(tmp_path / "out"))
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "for lists of operations, not for a map" in result.stderr
    two = run("import", str(path), str(path), "-o", str(tmp_path / "out"))
    assert two.exit_code == ExitCode.INVALID_DATA and "give one workbook" in two.stderr


def test_our_own_kind_and_relation_names_are_read_as_what_they_name() -> None:
    # What our exports write (node kind, GEXF/Gephi "kind" columns, the Kumu export's words) reads back as itself.
    from stakeholders.importers.graph_rules import CONNECTION_TYPES, RELATION_NAMES, TYPE_NAMES, element_kind, normalise
    from stakeholders.schema import NodeKind, RelKind

    assert {kind: element_kind(kind.value) for kind in NodeKind} == {kind: kind for kind in NodeKind}
    assert {kind: element_kind(TYPE_NAMES[kind]) for kind in NodeKind} == {kind: kind for kind in NodeKind}
    assert {rel: CONNECTION_TYPES[normalise(rel.value)] for rel in RelKind} == {rel: rel for rel in RelKind}
    assert {rel: CONNECTION_TYPES[normalise(RELATION_NAMES[rel])] for rel in RelKind} == {rel: rel for rel in RelKind}


def test_duplicate_ids_shared_labels_and_second_owners_are_errors(tmp_path: Path) -> None:
    path = kumu_workbook(
        tmp_path / "map.xlsx",
        [["ID", "Label", "Type"], ["a", "A", "Actor"], ["a", "A2", "Actor"], ["b", "B", "Actor"],
         ["c", "B", "Actor"], ["p", "P", "Project"]],
        [["From", "To", "Connection Type"], ["a", "p", "owner"], ["b", "p", "owner"], ["B", "a", ""]],
    )  # fmt: skip
    with pytest.raises(DatasetError) as caught:
        import_map(path, tmp_path / "out")
    messages = sorted(str(p).split(": ", 1)[1].split(" (value")[0] for p in caught.value.errors)
    assert messages == [
        "a duplicate ID (row 2 has it too)",  # Elements row 3
        "a second owner of the project (a project has one owner)",  # Connections row 3
        "several elements have this label",  # Connections row 4, "B": rows 4 and 5 of Elements
    ]


def test_a_file_that_is_no_workbook_and_a_foreign_output_folder_are_refused(tmp_path: Path) -> None:
    fake = tmp_path / "map.xlsx"
    fake.write_text("Label,Type\nA,Actor\n", encoding="utf-8")
    result = run("import", str(fake), "--format", "kumu", "-o", str(tmp_path / "out"))
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "map.xlsx: not a readable Excel workbook" in result.stderr and "Save the map" in result.stderr
    good = kumu_workbook(tmp_path / "good.xlsx", [["Label", "Type"], ["A", "Actor"]], [["From", "To"]])
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    result = run("import", str(good), "-o", str(folder))
    assert result.exit_code == ExitCode.OUTPUT
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "keep me" and len(list(folder.iterdir())) == 1


def test_a_generated_dataset_comes_back_whole(tmp_path: Path) -> None:
    generate_dataset(tmp_path / "generated", actors=300, projects=100, seed=16)
    dataset = load_dataset(tmp_path / "generated")
    back = round_trip(dataset, tmp_path)
    assert graph_contents(back) == graph_contents(dataset)
    assert len(back.actors) == 300 and len(back.projects) == 100  # the numbers asked for
