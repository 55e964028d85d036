"""Validation and loading: one test per error kind, warnings, references, CSV = XLSX, random datasets."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import Workbook

from stakeholders import Dataset, DatasetError, Problem, load_dataset, load_with_warnings
from stakeholders.problems import Severity
from stakeholders.schema import FILES, NodeKind, RelKind, node_key

ACTORS = "id,name,sector,municipalities,target_groups\n"
A_B = ACTORS + "umea-ams,Arbetsförmedlingen Umeå,public,*,\nkfum,KFUM Umeå,civil,*,\n"


def errors_of(folder: Path) -> list[Problem]:
    with pytest.raises(DatasetError) as caught:
        load_dataset(folder)
    assert caught.value.errors, "a DatasetError must carry at least one error"
    return caught.value.errors


def only_error(folder: Path) -> Problem:
    errors = errors_of(folder)
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0]


def assert_located(problem: Problem, file: str, row: int | None, column: str | None, value: str | None = None) -> None:
    """The problem names file, row, column and value, in its fields and in its message."""
    assert (problem.file, problem.row, problem.column) == (file, row, column), str(problem)
    text = str(problem)
    assert text.startswith(file)
    if row is not None:
        assert f"row {row}" in text
    if column is not None:
        assert repr(column) in text
    if value is not None:
        assert problem.value == value
        assert repr(value) in text
    assert problem.hint, "every error carries a hint"


# -- one test per error kind ---------------------------------------------------


def test_missing_required_file(write_dataset) -> None:
    folder = write_dataset(projects="id,name,owner\np,P,a\n")
    error = only_error(folder)
    assert "actors.csv" in str(error)
    assert error.file == "data"
    assert "projects.csv" in error.hint  # what was found


def test_missing_required_sheet(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.title = "Aktörer"
    path = tmp_path / "region.xlsx"
    workbook.save(path)
    error = only_error(path)
    assert error.file == "region.xlsx"
    assert "'actors'" in error.message
    assert "Aktörer" in error.hint


def test_missing_required_column(write_dataset) -> None:
    error = only_error(write_dataset(actors="id,namn\na,A\n"))
    assert_located(error, "actors.csv", None, "name")
    assert "namn" in error.hint  # the columns found


def test_missing_required_column_does_not_cascade(write_dataset) -> None:
    folder = write_dataset(actors="id,namn\na,A\n", projects="id,name,owner\np,P,a\n")
    assert only_error(folder).column == "name"


def test_missing_required_value(write_dataset) -> None:
    error = only_error(write_dataset(actors="id,name\na,A\nb,\n"))
    assert_located(error, "actors.csv", 3, "name")
    assert "missing" in error.message


def test_missing_required_value_in_municipalities(write_dataset) -> None:
    folder = write_dataset(actors="id,name,municipalities\na,A,2480\n", municipalities="id,name\n2480,\n")
    assert_located(only_error(folder), "municipalities.csv", 2, "name")


def test_duplicate_ids_ignoring_case(write_dataset) -> None:
    error = only_error(write_dataset(actors="id,name\nUmea-AMS,A\nb,B\numea-ams,C\n"))
    assert_located(error, "actors.csv", 4, "id", "umea-ams")
    assert "row 2" in error.hint


def test_unresolved_reference_with_close_matches(write_dataset) -> None:
    folder = write_dataset(actors=A_B, projects="id,name,owner,partners\np1,P,umea-am,kfum; KFUM Umea\n")
    first, second = errors_of(folder)
    assert_located(first, "projects.csv", 2, "owner", "umea-am")
    assert "unknown actor" in first.message
    assert "did you mean 'umea-ams'" in first.hint
    assert_located(second, "projects.csv", 2, "partners", "KFUM Umea")
    assert "'KFUM Umeå'" in second.hint


def test_unresolved_project_reference(write_dataset) -> None:
    folder = write_dataset(actors=A_B, funding="funder,project,amount\nkfum,p-okänt,100\n")
    error = only_error(folder)
    assert_located(error, "funding.csv", 2, "project", "p-okänt")
    assert "unknown project" in error.message


def test_ambiguous_name_reference(write_dataset) -> None:
    # (Actors that share a name are one organisation, merged: see tests/test_loader_aliases.py.)
    groups = "id,name\nt1,Unga vuxna\nt2,unga vuxna\n"
    projects = "id,name,owner,target_groups\np,P,kfum,Unga vuxna\n"
    folder = write_dataset(actors=A_B, target_groups=groups, projects=projects)
    errors = [e for e in errors_of(folder) if e.file == "projects.csv"]
    assert len(errors) == 1
    assert_located(errors[0], "projects.csv", 2, "target_groups", "Unga vuxna")
    assert "id" in errors[0].hint


def test_self_cooperation_by_id_or_name(write_dataset) -> None:
    folder = write_dataset(actors=A_B, cooperation="source,target\nkfum,kfum umeå\n")
    error = only_error(folder)
    assert_located(error, "cooperation.csv", 2, "target", "kfum")
    assert "itself" in error.message


def test_end_before_start(write_dataset) -> None:
    projects = "id,name,owner,start,end\np,P,kfum,2009-06-01,2008-12-31\n"
    error = only_error(write_dataset(actors=A_B, projects=projects))
    assert_located(error, "projects.csv", 2, "end", "2008-12-31")
    assert "2009-06-01" in error.hint


@pytest.mark.parametrize(
    ("file", "text", "column", "value", "message"),
    [
        ("projects", "id,name,owner,budget\np,P,kfum,-200 000\n", "budget", "-200 000", "negative"),
        ("projects", "id,name,owner,budget\np,P,kfum,tvåhundra\n", "budget", "tvåhundra", "not a number"),
        ("municipalities", "id,name,population\n2480,Umeå,många\n", "population", "många", "not a number"),
        ("municipalities", "id,name,population\n2480,Umeå,-1\n", "population", "-1", "negative"),
        ("target_group_sizes", 'target_group,municipality,size\nunga,Umeå,"12,5"\n', "size", "12,5", "whole number"),
        ("funding", "funder,project,amount\nkfum,p,-5 kr\n", "amount", "-5 kr", "negative"),
    ],
)
def test_negative_or_unparsable_numbers(write_dataset, file, text, column, value, message) -> None:
    files = {"actors": A_B, file: text}
    if file == "funding":
        files["projects"] = "id,name,owner\np,P,kfum\n"
    error = only_error(write_dataset(**files))
    assert_located(error, f"{file}.csv", 2, column, value)
    assert message in error.message


def test_unknown_sector(write_dataset) -> None:
    error = only_error(write_dataset(actors="id,name,sector,municipalities\na,A,kommunal,Umeå\n"))
    assert_located(error, "actors.csv", 2, "sector", "kommunal")
    assert "offentlig" in error.hint


@pytest.mark.parametrize("strength", ["0", "4", "2,5", "stark"])
def test_strength_outside_one_to_three(write_dataset, strength: str) -> None:
    folder = write_dataset(actors=A_B, cooperation=f'source,target,strength\nkfum,umea-ams,"{strength}"\n')
    assert_located(only_error(folder), "cooperation.csv", 2, "strength", strength)


@pytest.mark.parametrize("content", [b"", b"  \r\n\r\n", b"\xef\xbb\xbf"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "actors.csv").write_bytes(content)
    error = only_error(tmp_path)
    assert error.file == "actors.csv"
    assert "empty" in error.message


def test_empty_optional_file_is_an_error_too(write_dataset) -> None:
    error = only_error(write_dataset(actors=A_B, projects=""))
    assert error.file == "projects.csv"


def test_empty_sheet(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.title = "actors"
    workbook.save(tmp_path / "d.xlsx")
    error = only_error(tmp_path / "d.xlsx")
    assert (error.file, error.row) == ("d.xlsx, sheet actors", 1)
    assert "header row is empty" in error.message


@pytest.mark.parametrize("content", [b"PK\x03\x04rest of a zip", b"\xd0\xcf\x11\xe0old xls", b"id,name\x00\x00\x01"])
def test_unreadable_file(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "actors.csv").write_bytes(content)
    error = only_error(tmp_path)
    assert error.file == "actors.csv"
    assert "not a text (CSV) file" in error.message
    assert "CSV UTF-8" in error.hint


def test_unreadable_actors_file_does_not_cascade(write_dataset) -> None:
    folder = write_dataset(actors="", projects="id,name,owner\np,P,kfum\n")
    assert only_error(folder).file == "actors.csv"


@pytest.mark.parametrize("content", [b"id,name\na,A\n", b"", b"PK\x03\x04broken zip"])
def test_xlsx_that_is_not_a_workbook(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "region.xlsx").write_bytes(content)
    error = only_error(tmp_path / "region.xlsx")
    assert error.file == "region.xlsx"
    assert "not an Excel workbook" in error.message
    assert ".xlsx" in error.hint


@pytest.mark.parametrize("column", ["start", "end"])
@pytest.mark.parametrize("value", ["2008-02-30", "1/3 2008", "2008"])
def test_bad_date(write_dataset, column: str, value: str) -> None:
    error = only_error(write_dataset(actors=A_B, projects=f"id,name,owner,{column}\np,P,kfum,{value}\n"))
    assert_located(error, "projects.csv", 2, column, value)
    assert "YYYY-MM-DD" in error.hint


def test_bad_date_or_year(write_dataset) -> None:
    folder = write_dataset(actors=A_B, cooperation="source,target,since\nkfum,umea-ams,i våras\n")
    assert_located(only_error(folder), "cooperation.csv", 2, "since", "i våras")


def test_target_group_cannot_be_its_own_parent(write_dataset) -> None:
    folder = write_dataset(actors=A_B, target_groups="id,name,parent\nunga,Unga,Unga\n")
    assert_located(only_error(folder), "target_groups.csv", 2, "parent", "unga")


def test_target_group_parents_must_not_form_a_cycle(write_dataset) -> None:
    groups = "id,name,parent\nalla,Alla,\na,A,c\nb,B,a\nc,C,b\n"
    error = only_error(write_dataset(actors=A_B, target_groups=groups))
    assert_located(error, "target_groups.csv", 3, "parent", "c")
    assert "a -> c -> b -> a" in error.hint


def test_nonexistent_path(tmp_path: Path) -> None:
    error = only_error(tmp_path / "nowhere")
    assert "no such file or folder" in error.message


def test_every_error_is_collected_in_file_and_row_order(write_dataset) -> None:
    folder = write_dataset(
        actors="id,name,sector\na,A,kommunal\na,B,public\nc,,x\n",
        projects="id,name,owner,budget,start,end\np,P,zzz,mycket,2009-01-01,2008-01-01\n",
        municipalities="id,name,population\n1,Ett,-4\n",
    )
    with pytest.raises(DatasetError) as caught:
        load_dataset(folder)
    located = [(e.file, e.row, e.column) for e in caught.value.errors]
    assert located == [
        ("municipalities.csv", 2, "population"),
        ("actors.csv", 2, "sector"),
        ("actors.csv", 3, "id"),
        ("actors.csv", 4, "name"),
        ("actors.csv", 4, "sector"),
        ("projects.csv", 2, "budget"),
        ("projects.csv", 2, "owner"),
        ("projects.csv", 2, "end"),
    ]
    assert "8 error(s)" in str(caught.value)


# -- warnings ------------------------------------------------------------------------


def test_warning_for_an_actor_without_municipality(write_dataset) -> None:
    dataset, warnings = load_with_warnings(write_dataset(actors="id,name,municipalities\na,A,Umeå\nb,Bee,\n"))
    (warning,) = warnings
    assert warning.severity is Severity.WARNING
    assert (warning.file, warning.row, warning.column) == ("actors.csv", 3, "municipalities")
    assert "'Bee'" in warning.message
    assert set(dataset.actors) == {"a", "b"}


@pytest.mark.parametrize(
    ("first", "second"),
    [("KFUM Umeå", "KFUM i Umeå"), ("Umeå kommun", "UMEÅ KOMMUN"), ("Företagarna, Umeå", "Företagarna Umeå")],
)
def test_warning_for_near_identical_names(write_dataset, first: str, second: str) -> None:
    # Names that certainly denote one organisation are one actor now (issue 13), with a warning naming both rows;
    # near-identical names that may be two organisations keep the old warning (tests/test_loader_aliases.py).
    actors = f'id,name,municipalities\nk1,"{first}",*\nother,Något annat,*\nk2,"{second}",*\n'
    dataset, warnings = load_with_warnings(write_dataset(actors=actors))
    (warning,) = warnings
    assert (warning.file, warning.row, warning.column, warning.value) == ("actors.csv", 4, "name", second)
    assert repr(first) in warning.message and "k1" in warning.message
    assert len(dataset.actors) == 2
    assert dataset.actors["k1"].aliases == (() if second.casefold() == first.casefold() else (second,))


def test_warnings_do_not_stop_loading_but_ride_along_with_errors(write_dataset) -> None:
    with pytest.raises(DatasetError) as caught:
        load_dataset(write_dataset(actors="id,name\na,A\na,B\n"))
    assert len(caught.value.errors) == 1
    assert len(caught.value.warnings) == 2  # neither actor has a municipality


# -- references and the model ----------------------------------------------------------


def test_references_by_id_or_exact_name_ignoring_case(write_dataset) -> None:
    folder = write_dataset(
        actors=A_B,
        projects="id,name,owner,partners\np,P,UMEA-AMS,kfum umeå; Kfum ; umea-ams\n",
        cooperation="source,target\narbetsförmedlingen umeå,KFUM\n",
        funding="funder,project\nkfum,P\n",
    )
    dataset = load_dataset(folder)
    project = dataset.projects["p"]
    assert project.owner == "umea-ams"
    assert project.partners == ("kfum", "umea-ams")
    assert project.participants == ("umea-ams", "kfum")
    assert (dataset.cooperations[0].source, dataset.cooperations[0].target) == ("umea-ams", "kfum")
    assert dataset.fundings[0].project == "p"


def test_star_means_every_municipality(write_dataset) -> None:
    folder = write_dataset(
        actors="id,name,municipalities\na,A,*\nb,B,Umeå; 2403\n",
        municipalities="id,name\n2480,Umeå\n2403,Bjurholm\n2460,Vännäs\n",
        projects="id,name,owner,municipalities\np,P,a,*\n",
    )
    dataset = load_dataset(folder)
    assert dataset.actors["a"].municipalities == ("2480", "2403", "2460")
    assert dataset.actors["a"].all_municipalities
    assert dataset.actors["b"].municipalities == ("2480", "2403")
    assert not dataset.actors["b"].all_municipalities
    assert dataset.projects["p"].all_municipalities


def test_a_single_actors_file_is_a_dataset_with_implicit_municipalities_and_groups(write_dataset) -> None:
    actors = "id,name,municipalities,target_groups\na,A,Umeå; Vännäs,unga\nb,B,umeå; *,Unga; nyanlända\n"
    dataset = load_dataset(write_dataset(actors=actors))
    assert list(dataset.municipalities) == ["Umeå", "Vännäs"]
    assert dataset.municipalities["Umeå"].name == "Umeå"
    assert list(dataset.target_groups) == ["unga", "nyanlända"]
    assert dataset.actors["b"].municipalities == ("Umeå", "Vännäs")
    assert dataset.actors["b"].target_groups == ("unga", "nyanlända")
    assert dataset.graph.has_edge(node_key(NodeKind.ACTOR, "b"), node_key(NodeKind.MUNICIPALITY, "Vännäs"))


def test_unknown_municipality_is_an_error_when_the_file_exists(write_dataset) -> None:
    folder = write_dataset(
        actors="id,name,municipalities\na,A,2480; Umea\n",
        municipalities="id,name\n2480,Umeå\n2403,Bjurholm\n",
    )
    error = only_error(folder)
    assert_located(error, "actors.csv", 2, "municipalities", "Umea")
    assert "unknown municipality" in error.message
    assert "did you mean 'Umeå'" in error.hint
    assert "municipalities.csv" in error.hint


def test_unknown_target_group_is_an_error_when_the_file_exists(write_dataset) -> None:
    folder = write_dataset(
        actors="id,name,municipalities,target_groups\na,A,*,unga; nyanlända\n",
        target_groups="id,name\nunga,Unga vuxna\n",
        target_group_sizes="target_group,municipality,size\nUnga vuxna,Umeå,10\nnyanlanda,Umeå,5\n",
    )
    errors = errors_of(folder)
    assert [(e.file, e.row, e.column, e.value) for e in errors] == [
        ("actors.csv", 2, "target_groups", "nyanlända"),
        ("target_group_sizes.csv", 3, "target_group", "nyanlanda"),
    ]


def test_unknown_columns_are_kept_as_attributes(write_dataset) -> None:
    folder = write_dataset(
        actors="id,name,Kontaktperson,antal_anställda\na,A,Eva,12\nb,B,,\n",
        projects="id,name,owner,diarienummer\np,P,a,ESF-2008-17\n",
    )
    dataset = load_dataset(folder)
    assert dict(dataset.actors["a"].extra) == {"kontaktperson": "Eva", "antal_anställda": "12"}
    assert dict(dataset.actors["b"].extra) == {}
    assert dataset.projects["p"].extra["diarienummer"] == "ESF-2008-17"
    assert dataset.graph.nodes[node_key(NodeKind.ACTOR, "a")]["kontaktperson"] == "Eva"


def test_unknown_columns_never_override_the_node_kind_or_own_attributes(write_dataset) -> None:
    dataset = load_dataset(write_dataset(actors="id,name,kind,website\na,A,ngo,x\n"))
    node = dataset.graph.nodes[node_key(NodeKind.ACTOR, "a")]
    assert node["kind"] == NodeKind.ACTOR
    assert dataset.actors["a"].extra == {"kind": "ngo"}


def test_typed_values_and_the_graph(write_dataset) -> None:
    folder = write_dataset(
        actors=(
            "id,name,sector,orientations,municipalities\na,A,offentlig,Språk; språk ;Praktik,2480\nb,B,ideell,SPRÅK,*\n"
        ),
        municipalities='id,name,population,year\n2480,Umeå,"114 075",2008\n',
        target_groups="id,name,parent\nalla,Alla,\nunga,Unga,Alla\n",
        target_group_sizes="target_group,municipality,size,year\nunga,2480,1 200,2008\nunga,umeå,1 300,2009\n",
        projects='id,name,owner,partners,start,end,budget\np,P,a,b,2008-01-01,,"1 500 000,50 kr"\n',
        cooperation="source,target,kind,since\na,b,avtal,2007\n",
        funding="funder,project,amount,year\nb,p,200 000,2008\n",
    )
    dataset = load_dataset(folder)
    assert dataset.actors["a"].sector == "public" and dataset.actors["b"].sector == "civil"
    assert dataset.actors["a"].orientations == ("Språk", "Praktik")
    assert dataset.actors["b"].orientations == ("Språk",)  # one spelling per orientation: the first seen
    assert dataset.municipalities["2480"].population == 114075
    assert dataset.target_groups["unga"].parent == "alla"
    assert [s.size for s in dataset.target_group_sizes] == [1200, 1300]
    project = dataset.projects["p"]
    assert (project.start, project.end, project.budget) == (dt.date(2008, 1, 1), None, 1500000.5)
    assert dataset.cooperations[0].strength == 1
    assert dataset.cooperations[0].since == "2007"
    assert dataset.fundings[0].amount == 200000
    relations = Counter(kind for _, _, kind in dataset.graph.edges(data="kind"))
    assert relations == {
        RelKind.ACTIVE_IN: 2,
        RelKind.PART_OF: 1,
        RelKind.SIZED_IN: 2,
        RelKind.OWNS: 1,
        RelKind.PARTNER_IN: 1,
        RelKind.COOPERATES_WITH: 1,
        RelKind.FUNDS: 1,
    }


def test_dataset_name_of_the_current_folder(write_dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_dataset(folder="region", actors="id,name,municipalities\na,A,x\n")
    monkeypatch.chdir(folder)
    assert load_dataset(".").name == "region"


def test_a_failed_load_returns_nothing(write_dataset) -> None:
    folder = write_dataset(actors="id,name\na,A\n", projects="id,name,owner\np,P,nobody\n")
    result = None
    with pytest.raises(DatasetError):
        result = load_dataset(folder)
    assert result is None


# -- the sample, and CSV and XLSX forms of the same dataset ---------------------------------


def test_the_sample_loads(sample: Dataset) -> None:
    assert len(sample.actors) >= 40
    assert len(sample.projects) >= 15
    assert {a.sector for a in sample.actors.values()} >= {"public", "private", "civil", "academic"}


def excel_value(text: str) -> object:
    """What Excel would store for a cell typed as ``text``: numbers and dates as such."""
    if re.fullmatch(r"[1-9][0-9]{0,11}", text):
        return int(text)
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return dt.datetime.fromisoformat(text)
    return text


def csv_folder_to_xlsx(folder: Path, path: Path) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for spec in FILES:
        file = folder / spec.filename
        if file.exists():
            sheet = workbook.create_sheet(spec.name)
            with file.open(encoding="utf-8-sig", newline="") as handle:
                for number, row in enumerate(csv.reader(handle)):
                    sheet.append(row if number == 0 else [excel_value(cell) for cell in row])
    workbook.save(path)
    return path


def graph_signature(dataset: Dataset) -> tuple[dict, Counter]:
    graph = dataset.graph
    nodes = {node: dict(attributes) for node, attributes in graph.nodes(data=True)}
    edges = Counter((u, v, tuple(sorted((k, repr(x)) for k, x in d.items()))) for u, v, d in graph.edges(data=True))
    return nodes, edges


def test_csv_and_xlsx_of_the_sample_give_the_same_graph(sample: Dataset, sample_path: Path, tmp_path: Path) -> None:
    workbook = load_dataset(csv_folder_to_xlsx(sample_path, tmp_path / "umearegionen.xlsx"))
    assert graph_signature(workbook) == graph_signature(sample)
    assert workbook.graph.number_of_nodes() > 0 and workbook.graph.number_of_edges() > 0


def test_csv_and_xlsx_of_a_small_dataset_give_the_same_graph(write_dataset, tmp_path: Path) -> None:
    folder = write_dataset(
        actors='id,name,sector,municipalities,notes\na,A,privat,"2480; 2403",x\nb,B,,*,\n',
        municipalities="id,name,population\n2480,Umeå,114075\n2403,Bjurholm,2500\n",
        projects="id,name,owner,partners,start,end,budget\np,P,a,b,2008-01-01,2009-12-31,1500.5\n",
        cooperation="source,target,strength,since\na,b,3,2007-05-01\n",
    )
    workbook = load_dataset(csv_folder_to_xlsx(folder, tmp_path / "small.xlsx"))
    assert graph_signature(workbook) == graph_signature(load_dataset(folder))
