"""Importing lists of operations: the layouts, name resolution across lists, bad rows, the output folder.

The fixtures in tests/import_data are synthetic, in the layouts of real lists: dk-synthetic.csv in the
Danish Business Authority's bilingual layout (as ../shared/data/dk-erdf-2014-2020.csv), kohesio-se.csv in
the Kohesio data specification's columns with the spellings the field notes found in Swedish lists, and
se-projektbank.csv with Swedish headers, semicolons and ISO dates. Contacts use example.invalid.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from stakeholders import load_dataset
from stakeholders.errors import OutputError, UsageError
from stakeholders.importers import IMPORT_LOG, Layout, import_lists
from stakeholders.importers import fast as fast_module
from stakeholders.importers.synthetic import write_kohesio_csv
from stakeholders.problems import DatasetError

DATA = Path(__file__).parent / "import_data"
DK = DATA / "dk-synthetic.csv"
KOHESIO = DATA / "kohesio-se.csv"
SWEDISH = DATA / "se-projektbank.csv"


def rows(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file (a BOM, as rejected.csv has one for Excel, is not part of the first name)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def by_id(path: Path) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in rows(path)}


def all_text(folder: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*")) if p.is_file())


# -- the Danish layout -------------------------------------------------------------------


def test_the_danish_layout_imports_without_a_mapping_file(tmp_path: Path) -> None:
    result = import_lists([DK], tmp_path / "dk")
    assert result.sources[0].layout is Layout.OPERATIONS
    assert (result.projects, result.actors) == (6, 11)
    projects = rows(tmp_path / "dk" / "projects.csv")
    first = projects[0]
    assert (first["name"], first["start"], first["end"], first["budget"]) == (
        "Vækst 3.0",
        "2014-04-24",
        "2017-02-28",
        "15414794",
    )
    assert first["orientations"] == "2 Flere vækstvirksomheder. Udvikle og genn.f. nye vækstpl. SMV"
    assert first["description"].startswith("Formålet er at skabe vækst.\nProjektet er faseopdelt:")
    assert (first["eu_cofinancing"], first["cofinancing_rate"], first["fund"]) == ("7.707.397", "50%", "R")
    assert first["municipalities"] == "aalborg-ost"
    places = by_id(tmp_path / "dk" / "municipalities.csv")
    assert places["aalborg-ost"] == {"id": "aalborg-ost", "name": "Aalborg Øst", "region": "Nordjylland"}
    load_dataset(tmp_path / "dk")  # validate accepts it


def test_partners_split_and_the_beneficiary_is_not_its_own_partner(tmp_path: Path) -> None:
    import_lists([DK], tmp_path / "dk")
    projects = by_id(tmp_path / "dk" / "projects.csv")
    assert projects["eksport-i-nord"]["owner"] == "vaeksthus-nordjylland"
    assert projects["eksport-i-nord"]["partners"] == "aalborg-universitet; euc-nord-a-s"
    assert projects["fodevarer-i-vaekst"]["partners"] == ""  # names only its own beneficiary
    assert projects["uddannelse-til-alle"]["partners"].split("; ") == [
        "euc-nord-a-s",
        "professionshojskolen-lillebaelt-university-college-lillebael",
        "sydfyns-fri-fagskole-s-i",
    ]


def test_spellings_of_one_organisation_are_one_actor_with_aliases(tmp_path: Path) -> None:
    import_lists([DK], tmp_path / "dk")
    actors = by_id(tmp_path / "dk" / "actors.csv")
    assert actors["vaeksthus-nordjylland"]["aliases"] == "VÆKSTHUS NORDJYLLAND"
    assert actors["agro-business-park-a-s"]["aliases"] == "Agro Business Park"
    assert actors["euc-nord-a-s"]["aliases"] == "EUC Nord"
    dataset = load_dataset(tmp_path / "dk")
    owned = [p for p in dataset.projects.values() if p.owner == "vaeksthus-nordjylland"]
    assert len(owned) == 2


def test_personal_data_is_left_out_unless_asked_for(tmp_path: Path) -> None:
    import_lists([DK], tmp_path / "dk")
    assert "example.invalid" not in all_text(tmp_path / "dk")
    assert "11223344" not in all_text(tmp_path / "dk")
    import_lists([DK], tmp_path / "kept", keep_personal_data=True)
    actor = by_id(tmp_path / "kept" / "actors.csv")["vaeksthus-nordjylland"]
    assert (actor["contact_name"], actor["phone"], actor["email"]) == (
        "Peter Eksempel",
        "11223344",
        "peter@example.invalid",
    )


# -- Kohesio -------------------------------------------------------------------------------


def test_kohesio_is_detected_and_resolves_spellings_but_keeps_places_apart(tmp_path: Path) -> None:
    result = import_lists([KOHESIO], tmp_path / "se")
    assert result.sources[0].layout is Layout.KOHESIO
    actors = by_id(tmp_path / "se" / "actors.csv")
    assert actors["lansstyrelsen-i-skane"]["aliases"] == "LÄNSSTYRELSEN I SKÅNE LÄN; Länsstyrelsen Skåne län"
    assert actors["energikontor-syd"]["aliases"] == "Energikontor Syd AB"
    assert actors["hogskolan-i-skovde"]["aliases"] == "Högskolan Skövde"
    different = {"lansstyrelsen-i-kalmar-lan", "region-vasterbotten", "region-norrbotten", "umea-kommun"}
    assert different | {"vannas-kommun"} <= set(actors)
    suggested = {(r["name"], r["candidate_name"]) for r in rows(tmp_path / "se" / "merge-suggestions.csv")}
    assert not suggested  # the counties, regions and municipalities of different places are not suggested
    load_dataset(tmp_path / "se")


def test_kohesio_ids_rows_of_one_operation_and_places(tmp_path: Path) -> None:
    import_lists([KOHESIO], tmp_path / "se")
    projects = by_id(tmp_path / "se" / "projects.csv")
    assert len(projects) == 11  # 12 rows, two of them one operation
    assert projects["SE-0007"]["owner"] == "energikontor-syd"
    assert projects["SE-0007"]["partners"] == "umea-kommun"  # the operation's second beneficiary
    assert projects["SE-0007"]["municipalities"] == "1280; 2480"
    assert "Q10" in projects  # no local id: the last segment of the unique identifier
    assert projects["SE-0002"]["budget"] == "1200000.5"
    assert projects["SE-0002"]["currency"] == "SEK"
    assert projects["SE-0005"]["municipalities"] == "2480; 2460"  # LAU codes as ids
    assert projects["SE-0001"]["name_en"] == "Grön omställning Skåne (en)"
    assert projects["SE-0001"]["description_en"] == "Summary of Grön omställning Skåne."
    assert projects["SE-0001"]["orientations"] == "Affärsutvecklingstjänster till små och medelstora företag"
    places = by_id(tmp_path / "se" / "municipalities.csv")
    assert places["2480"] == {"id": "2480", "name": "Umeå", "region": "Västerbottens län"}


# -- several lists ---------------------------------------------------------------------------


def test_several_lists_merge_into_one_dataset_with_actors_resolved_across_them(tmp_path: Path) -> None:
    result = import_lists([DK, KOHESIO, SWEDISH], tmp_path / "all")
    assert result.projects == 6 + 11 + 2
    actors = by_id(tmp_path / "all" / "actors.csv")
    assert sum(1 for a in actors.values() if a["name"] == "Aalborg Universitet") == 1
    assert sum(1 for a in actors.values() if a["name"] == "Umeå kommun") == 1
    projects = by_id(tmp_path / "all" / "projects.csv")
    assert projects["kompetens-i-norr"]["partners"] == "aalborg-universitet; region-vasterbotten"
    assert projects["kompetens-i-norr"]["budget"] == "1500000"
    assert projects["kompetens-i-norr"]["orientations"] == "Kompetensförsörjning"
    assert "example.invalid" not in all_text(tmp_path / "all")
    load_dataset(tmp_path / "all")


# -- bad input -------------------------------------------------------------------------------


def test_an_unknown_layout_says_what_it_found_what_it_needs_and_how_to_map(tmp_path: Path) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text("Rubrik,Huvudman,Från\nEtt projekt,KFUM,2020-01-01\n", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        import_lists([odd], tmp_path / "out")
    message = str(caught.value)
    assert "'Rubrik', 'Huvudman', 'Från'" in message
    assert "name, owner" in message
    assert "--columns mapping.toml" in message and 'owner = "<their header for owner>"' in message
    assert not (tmp_path / "out").exists()
    mapping = tmp_path / "mapping.toml"
    mapping.write_text('name = "Rubrik"\nowner = "Huvudman"\nstart = "Från"\n', encoding="utf-8")
    result = import_lists([odd], tmp_path / "out", columns=mapping)
    assert rows(tmp_path / "out" / "projects.csv")[0]["start"] == "2020-01-01"
    assert result.actors == 1


def test_a_wrong_mapping_file_is_explained(tmp_path: Path) -> None:
    mapping = tmp_path / "mapping.toml"
    mapping.write_text('title = "Rubrik"\n', encoding="utf-8")
    with pytest.raises(UsageError, match="unknown field 'title'"):
        import_lists([DK], tmp_path / "out", columns=mapping)
    mapping.write_text('name = "Rubrik"\n', encoding="utf-8")
    with pytest.raises(UsageError, match="not a column of the file"):
        import_lists([DK], tmp_path / "out", columns=mapping)
    mapping.write_text("name = \n", encoding="utf-8")
    with pytest.raises(UsageError, match="not a TOML mapping file"):
        import_lists([DK], tmp_path / "out", columns=mapping)


def _list_with_two_impossible_dates(path: Path) -> Path:
    write_kohesio_csv(path, 100, seed=3)
    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    start, end = records[0].index("Operation_Start_Date"), records[0].index("Operation_End_Date")
    records[10][start] = "30/02/2023"  # row 11 as a spreadsheet shows it
    records[50][start], records[50][end] = "01/06/2020", "01/01/2019"  # row 51: ends before it starts
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(records)
    return path


def test_bad_rows_refuse_the_list_naming_every_row_and_the_flag(tmp_path: Path) -> None:
    path = _list_with_two_impossible_dates(tmp_path / "list.csv")
    with pytest.raises(DatasetError) as caught:
        import_lists([path], tmp_path / "out")
    errors = caught.value.errors
    assert [(e.file, e.row, e.column, e.value) for e in errors] == [
        ("list.csv", 11, "Operation_Start_Date", "30/02/2023"),
        ("list.csv", 51, "Operation_End_Date", "01/01/2019"),
    ]
    assert errors[0].message == "a date that does not exist"
    assert "starts 2020-06-01" in errors[1].hint
    assert all("--skip-invalid" in e.hint for e in errors)
    assert not (tmp_path / "out").exists() and not (tmp_path / "rejected.csv").exists()


def test_skip_invalid_writes_the_good_rows_and_the_rejected_ones(tmp_path: Path) -> None:
    path = _list_with_two_impossible_dates(tmp_path / "list.csv")
    result = import_lists([path], tmp_path / "out", skip_invalid=True)
    assert result.projects == 98
    assert result.skipped_rows == 2
    assert result.sources[0].reasons == (("a date that does not exist", 1), ("the operation ends before it starts", 1))
    assert result.rejected_file == tmp_path / "rejected.csv"
    rejected = rows(tmp_path / "rejected.csv")
    assert [(r["file"], r["row"], r["column"], r["value"]) for r in rejected] == [
        ("list.csv", "11", "Operation_Start_Date", "30/02/2023"),
        ("list.csv", "51", "Operation_End_Date", "01/01/2019"),
    ]
    assert list(rejected[0]) == ["file", "row", "column", "value", "reason"]
    assert len(load_dataset(tmp_path / "out").projects) == 98
    elsewhere = tmp_path / "elsewhere" / "bad.csv"
    import_lists([path], tmp_path / "out2", skip_invalid=True, rejected=elsewhere)
    assert len(rows(elsewhere)) == 2


def test_bad_amounts_and_missing_beneficiaries_are_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Projektnamn;Stödmottagare;Budget\nA;KFUM;1 000\nB;;2 000\nC;KFUM;massor\n", encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        import_lists([path], tmp_path / "out")
    assert [(e.row, e.column, e.message) for e in caught.value.errors] == [
        (3, "Stödmottagare", "a required value is missing"),
        (4, "Budget", "not an amount"),
    ]
    assert import_lists([path], tmp_path / "out", skip_invalid=True).projects == 1


# -- the output folder -------------------------------------------------------------------------


def test_an_earlier_import_is_replaced_but_other_folders_are_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    import_lists([DK], out)
    assert (out / IMPORT_LOG).is_file()
    import_lists([KOHESIO], out)
    assert len(rows(out / "projects.csv")) == 11
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "actors.csv").write_text("id,name\na,A\n", encoding="utf-8")
    with pytest.raises(OutputError, match="holds no earlier import"):
        import_lists([DK], mine)
    assert [p.name for p in mine.iterdir()] == ["actors.csv"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging folder left


def test_target_groups_only_when_there_are_any(tmp_path: Path) -> None:
    import_lists([DK], tmp_path / "dk")
    assert not (tmp_path / "dk" / "target_groups.csv").exists()
    path = tmp_path / "list.csv"
    path.write_text("Projektnamn,Stödmottagare,Målgrupp\nA,KFUM,Unga; Nyanlända\n", encoding="utf-8")
    import_lists([path], tmp_path / "tg")
    assert [r["name"] for r in rows(tmp_path / "tg" / "target_groups.csv")] == ["Unga", "Nyanlända"]
    load_dataset(tmp_path / "tg")


def test_formula_like_names_are_made_safe_for_spreadsheets(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text('Projektnamn,Stödmottagare\n"=HYPERLINK(1)",+Plus AB\n', encoding="utf-8")
    import_lists([path], tmp_path / "out")
    assert rows(tmp_path / "out" / "projects.csv")[0]["name"] == "'=HYPERLINK(1)"
    assert rows(tmp_path / "out" / "actors.csv")[0]["name"] == "'+Plus AB"


def test_the_fast_reader_gives_what_the_usual_reader_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_kohesio_csv(tmp_path / "big.csv", 3000, seed=1)
    assert path.stat().st_size > fast_module.FAST_BYTES
    import_lists([path], tmp_path / "fast")
    monkeypatch.setattr(fast_module, "FAST_BYTES", 1 << 40)
    import_lists([path], tmp_path / "slow")
    for name in ("actors.csv", "projects.csv", "municipalities.csv", "merge-suggestions.csv"):
        assert (tmp_path / "fast" / name).read_bytes() == (tmp_path / "slow" / name).read_bytes(), name
    shutil.rmtree(tmp_path / "slow")


def test_the_synthetic_kohesio_list_imports_and_validates(tmp_path: Path) -> None:
    path = write_kohesio_csv(tmp_path / "k.csv", 400, seed=2, beneficiaries=60)
    result = import_lists([path], tmp_path / "k")
    assert result.projects == 400
    assert result.actors == 60  # every spelling variant resolved
    assert result.merged_actors > 0
    assert "example.se" not in all_text(tmp_path / "k")
    load_dataset(tmp_path / "k")


def test_organisation_numbers_make_one_actor_and_name_only_rows_join_it(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        "Operation_Name_Programme_Language,Beneficiary_Name,Beneficiary_Local_Identifier\n"
        "A,Acme AB,556123-4567\n"
        "B,Acme Sverige,5561234567\n"
        "C,ACME,\n"
        "D,Other AB,556000-0001\n"
        "E,Other AB,556000-0002\n",
        encoding="utf-8",
    )
    import_lists([path], tmp_path / "out")
    actors = rows(tmp_path / "out" / "actors.csv")
    assert [(a["name"], a["aliases"], a["org_number"]) for a in actors] == [
        ("Acme AB", "Acme Sverige; ACME", "556123-4567"),
        ("Other AB", "", "556000-0001"),
        ("Other AB", "", "556000-0002"),  # two numbers: two organisations, whatever the names
    ]
    assert len({a["id"] for a in actors}) == 3
    load_dataset(tmp_path / "out")


def test_several_beneficiaries_in_one_cell_own_and_partner(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Projektnamn,Stödmottagare\nA,Umeå kommun; Region Västerbotten\n", encoding="utf-8")
    import_lists([path], tmp_path / "out")
    (project,) = rows(tmp_path / "out" / "projects.csv")
    assert (project["owner"], project["partners"]) == ("umea-kommun", "region-vasterbotten")


def test_a_list_published_as_a_workbook_imports(tmp_path: Path) -> None:
    import datetime as dt

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Projekt"
    sheet.append(["Projektnamn", "Stödmottagare", "Startdatum", "Slutdatum", "Budget"])
    sheet.append(["Källan", "Umeå kommun", dt.datetime(2020, 1, 1), dt.datetime(2021, 6, 30), 1200000])
    sheet.append(["Bakåt", "KFUM", dt.datetime(2020, 1, 1), dt.datetime(2019, 6, 30), 5.5])
    workbook.save(tmp_path / "list.xlsx")
    with pytest.raises(DatasetError) as caught:
        import_lists([tmp_path / "list.xlsx"], tmp_path / "out")
    assert [(e.file, e.row, e.column) for e in caught.value.errors] == [("list.xlsx", 3, "Slutdatum")]
    assert caught.value.skippable
    result = import_lists([tmp_path / "list.xlsx"], tmp_path / "out", skip_invalid=True)
    (project,) = rows(tmp_path / "out" / "projects.csv")
    assert (project["name"], project["start"], project["end"], project["budget"]) == (
        "Källan",
        "2020-01-01",
        "2021-06-30",
        "1200000",
    )
    assert result.skipped_rows == 1
