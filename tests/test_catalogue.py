"""The actor catalogue (issue 5): grouping, order, formats, safety, personal data."""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from stakeholders import load_dataset
from stakeholders.catalogue import (
    build_catalogue,
    catalogue_file,
    catalogue_format,
    project_text,
    sheet_names,
    write_catalogue,
)
from stakeholders.catalogue.text import markdown_text
from stakeholders.cli import main
from stakeholders.collation import swedish_key
from stakeholders.errors import ExitCode, OutputError, UsageError
from stakeholders.model import Project, contact_graph
from stakeholders.safety import FORMULA_STARTS

GOLDEN = Path(__file__).parent / "golden" / "catalogue"
UPDATE_GOLDEN = os.environ.get("STAKEHOLDERS_UPDATE_GOLDEN") == "1"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
FORMATS = ("xlsx", "csv", "md", "html")

SMALL = {
    "municipalities": "id,name\n2480,Umeå\n2560,Älvsbyn\n2513,Överkalix\n1286,Ystad\n",
    "target_groups": "id,name\nnyanlanda,Nyanlända\nunga,Unga\n",
    "actors": (
        "id,name,type,sector,orientations,municipalities,target_groups,contact_name,email,phone,website,description\n"
        "a-ovk,Överkalix kommun,municipality,public,Språk; Arbetsmarknad,2513,nyanlanda,Anna A,anna@example.se,"
        "070-1,https://www.overkalix.se,Kommunen\n"
        "a-alv,Älvsbyns kommun,municipality,offentlig,språk,2560,unga,Bo B,bo@example.se,070-2,,\n"
        "a-yst,Ystads kommun,Municipality,public,Språk,1286,,,,,,\n"
        "a-esf,ESF-rådet,funder,public,Finansiering,*,,Cia C,cia@example.se,,javascript:alert(1),\n"
        "a-none,Ensam förening,ngo,ideell,,2480,,,,,,\n"
        "a-zeta,Zeta AB,,private,Övrigt,2480,unga; nyanlanda,,,,,\n"
    ),
    "projects": (
        "id,name,owner,partners,start,end\n"
        "p1,Språkprojektet,a-ovk,a-alv; a-yst,2008-01-01,2009-12-31\n"
        "p2,Öppet projekt,a-alv,,2010-01-01,\n"
        "p3,Utan datum,a-yst,a-ovk,,\n"
    ),
    "cooperation": "source,target\na-esf,a-zeta\n",
}
HOSTILE_NAMES = ['=HYPERLINK("http://x","y")', "+SUM(1)", "-2+3", "@cmd", "\tTab", "\rCR"]


@pytest.fixture
def small(write_dataset):
    return load_dataset(write_dataset(**SMALL))


@pytest.fixture
def hostile(write_dataset):
    rows = "".join(
        f'h{i},"{name.replace(chr(34), chr(34) * 2)}",=type,public,"=orient{i}",2480,,,,,,"@desc"\n'
        for i, name in enumerate(HOSTILE_NAMES)
    )
    actors = (
        "id,name,type,sector,orientations,municipalities,target_groups,contact_name,email,phone,website,description\n"
    )
    return load_dataset(write_dataset(municipalities="id,name\n2480,Umeå\n", actors=actors + rows))


def labels(catalogue) -> list[str]:
    return [group.label for group in catalogue.groups]


def names_in(catalogue, label: str) -> list[str]:
    group = next(g for g in catalogue.groups if g.label == label)
    return [row.cells[catalogue.columns.index("name")] for row in group.rows]


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# --- grouping and order -------------------------------------------------------------------------


def test_groups_and_actors_in_swedish_order_with_no_orientation_last(small) -> None:
    catalogue = build_catalogue(small)
    assert labels(catalogue) == ["Arbetsmarknad", "Finansiering", "Språk", "Övrigt", "(no orientation)"]
    assert names_in(catalogue, "Språk") == ["Ystads kommun", "Älvsbyns kommun", "Överkalix kommun"]
    assert names_in(catalogue, "(no orientation)") == ["Ensam förening"]
    assert build_catalogue(small, lang="sv").groups[-1].label == "(ingen inriktning)"


def test_every_actor_appears_under_each_of_its_orientations(sample) -> None:
    catalogue = build_catalogue(sample)
    members = {(g.label.casefold(), r.actor) for g in catalogue.groups for r in g.rows}
    for actor in sample.actors.values():
        for orientation in actor.orientations or ("(no orientation)",):
            assert (orientation.casefold(), actor.id) in members
    assert {r.actor for g in catalogue.groups for r in g.rows} == set(sample.actors)
    keys = [swedish_key(g.label) for g in catalogue.groups if not g.is_empty_value]
    assert keys == sorted(keys)


def test_orientations_differing_in_case_are_one_group_with_the_common_spelling(small) -> None:
    group = next(g for g in build_catalogue(small).groups if g.key == "språk")
    assert group.label == "Språk" and len(group.rows) == 3


def test_by_municipality_puts_an_actor_with_star_under_every_municipality(small) -> None:
    catalogue = build_catalogue(small, by="municipality", lang="sv")
    assert labels(catalogue) == ["Umeå", "Ystad", "Älvsbyn", "Överkalix"]
    for group in catalogue.groups:
        assert "ESF-rådet" in names_in(catalogue, group.label)
    esf = next(r for r in catalogue.groups[0].rows if r.actor == "a-esf")
    assert esf.cells[catalogue.columns.index("municipalities")] == "alla"
    english = build_catalogue(small, by="municipality")
    assert {r.cells[4] for g in english.groups for r in g.rows if r.actor == "a-esf"} == {"all"}


def test_by_sector_type_and_target_group(small) -> None:
    assert labels(build_catalogue(small, by="sector")) == ["Civil society", "Private", "Public"]
    assert labels(build_catalogue(small, by="sector", lang="sv")) == ["Ideell", "Offentlig", "Privat"]
    by_type = build_catalogue(small, by="type")
    assert labels(by_type) == ["funder", "municipality", "ngo", "(no type)"]
    assert len(by_type.groups[1].rows) == 3  # "Municipality" and "municipality" are one type
    assert labels(build_catalogue(small, by="target-group")) == ["Nyanlända", "Unga", "(no target group)"]


def test_unknown_grouping_or_language_is_a_usage_error(small) -> None:
    with pytest.raises(UsageError, match="orientation"):
        build_catalogue(small, by="colour")
    with pytest.raises(UsageError, match="en, sv"):
        build_catalogue(small, lang="fi")


# --- the cells ------------------------------------------------------------------------------------


def test_cells_of_an_actor(small) -> None:
    catalogue = build_catalogue(small)
    row = next(r for r in catalogue.groups[0].rows if r.actor == "a-ovk")
    cells = dict(zip(catalogue.columns, row.cells, strict=True))
    assert cells["sector"] == "Public"
    assert cells["municipalities"] == "Överkalix"
    assert cells["target_groups"] == "Nyanlända"
    assert cells["projects_owned"] == "Språkprojektet (2008-01-01 – 2009-12-31)"
    assert cells["projects_partner"] == "Utan datum"
    assert cells["contacts"] == 2
    assert cells["email"] == "anna@example.se"


def test_project_periods_show_open_ends() -> None:
    import datetime as dt

    assert project_text(Project("p", "P", "a", start=dt.date(2010, 1, 1))) == "P (2010-01-01 – …)"
    assert project_text(Project("p", "P", "a", end=dt.date(2010, 1, 1))) == "P (… – 2010-01-01)"
    assert project_text(Project("p", "P", "a")) == "P"


def test_number_of_contacts_is_the_degree_in_the_contact_graph(sample) -> None:
    catalogue = build_catalogue(sample)
    degree = dict(contact_graph(sample).degree())
    column = catalogue.columns.index("contacts")
    for group in catalogue.groups:
        for row in group.rows:
            assert row.cells[column] == degree[row.actor]


def test_no_personal_data_drops_the_personal_columns(small) -> None:
    catalogue = build_catalogue(small, personal_data=False)
    assert not {"contact_name", "email", "phone"} & set(catalogue.columns)
    assert "website" in catalogue.columns


# --- formats ----------------------------------------------------------------------------------------


def golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert path.exists(), f"{path} is missing: run STAKEHOLDERS_UPDATE_GOLDEN=1 pytest {__file__}"
    assert data.decode("utf-8-sig") == path.read_bytes().decode("utf-8-sig"), f"{name} changed (see {path})"


@pytest.mark.parametrize(
    ("name", "by", "lang"),
    [
        ("orientation-en.md", "orientation", "en"),
        ("orientation-en.csv", "orientation", "en"),
        ("municipality-sv.md", "municipality", "sv"),
    ],
)
def test_golden_files_of_the_sample(sample, tmp_path: Path, name: str, by: str, lang: str) -> None:
    path = write_catalogue(build_catalogue(sample, by=by, lang=lang), tmp_path / name)
    golden(name, path.read_bytes())


def test_csv_is_flat_with_a_group_column(small, tmp_path: Path) -> None:
    path = write_catalogue(build_catalogue(small, lang="sv"), tmp_path / "c.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # so Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    assert rows[0][:3] == ["Inriktning", "Namn", "Typ"]
    assert len(rows) == 1 + 7  # Överkalix kommun is under two orientations
    assert rows[-1][:2] == ["(ingen inriktning)", "Ensam förening"]


def test_markdown_escapes_what_would_break_a_table_or_become_markup() -> None:
    assert markdown_text("A | B") == r"A \| B"
    assert markdown_text("<script>x</script>") == r"\<script\>x\</script\>"
    assert markdown_text("![img](http://x)") == r"!\[img\](http://x)"
    assert markdown_text("rad 1\r\nrad 2") == "rad 1 rad 2"


def test_xlsx_read_back(sample, tmp_path: Path) -> None:
    catalogue = build_catalogue(sample, lang="sv")
    workbook = load_workbook(write_catalogue(catalogue, tmp_path / "c.xlsx"))
    assert workbook.sheetnames[0] == "Översikt"
    assert len(workbook.sheetnames) == 1 + len(catalogue.groups)
    overview = workbook["Översikt"]
    assert [c.value for c in overview[1]] == ["Inriktning", "Antal aktörer"]
    assert [(r[0].value, r[1].value) for r in overview.iter_rows(min_row=2)] == [
        (g.label, len(g.rows)) for g in catalogue.groups
    ]
    assert overview["A2"].hyperlink.location == f"'{workbook.sheetnames[1]}'!A1"
    names_by_sheet = {}
    for name, group in zip(workbook.sheetnames[1:], catalogue.groups, strict=True):
        sheet = workbook[name]
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:N{len(group.rows) + 1}"
        assert [c.value for c in sheet[1]][:2] == ["Namn", "Typ"]
        assert all(8 <= sheet.column_dimensions[letter].width <= 50 for letter in "ABCDEFGHIJKLMN")
        names_by_sheet[group.label.casefold()] = {r[0].value for r in sheet.iter_rows(min_row=2)}
    for actor in sample.actors.values():
        for orientation in actor.orientations:
            assert actor.name in names_by_sheet[orientation.casefold()]


def test_sheet_names_are_valid_and_unique() -> None:
    labels_ = ["A/B: [x]*?\\", "Språk", "SPRÅK", "x" * 40, "x" * 40, "'quoted'", "History", "Overview", ""]
    names = sheet_names(labels_, taken=["Overview"])
    assert len(set(n.casefold() for n in names)) == len(names)
    for name in names:
        assert 1 <= len(name) <= 31
        assert not set("[]:*?/\\") & set(name)
        assert not name.startswith("'") and not name.endswith("'")
    assert names[:3] == ["A-B- -x----", "Språk", "SPRÅK (2)"]
    assert names[3] == "x" * 31 and names[4] == "x" * 27 + " (2)"
    assert names[6] == "History (2)" and names[7] == "Overview (2)"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_formula_like_text_is_neutralised_in_spreadsheets(hostile, tmp_path: Path, fmt: str) -> None:
    path = write_catalogue(build_catalogue(hostile), tmp_path / f"c.{fmt}")
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"), newline="")))[1:]
        cells = [cell for row in rows for cell in row]
    else:
        workbook = load_workbook(path)
        assert all(c.data_type != "f" for sheet in workbook for row in sheet.iter_rows() for c in row)
        cells = [c.value for sheet in workbook.worksheets[1:] for row in sheet.iter_rows(min_row=2) for c in row]
        cells += [c.value for row in workbook.worksheets[0].iter_rows(min_row=2) for c in row]
    texts = [c for c in cells if isinstance(c, str) and c]
    assert texts
    assert not [c for c in texts if c.startswith(FORMULA_STARTS)]
    risky = [a.name for a in hostile.actors.values() if a.name.startswith(FORMULA_STARTS)]
    assert len(risky) >= 4  # the loader may strip a leading tab or CR; the rest must arrive neutralised
    for name in risky:
        assert "'" + name in texts
    assert "'=type" in texts and "'@desc" in texts and "'=orient0" in texts


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_personal_data_leaves_no_email_address(sample_path: Path, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"c.{fmt}"
    result = run("catalogue", str(sample_path), "-o", str(path), "--no-personal-data")
    assert result.exit_code == 0, result.output
    if fmt == "xlsx":
        with zipfile.ZipFile(path) as archive:
            text = "".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    else:
        text = path.read_text("utf-8-sig")
    assert not EMAIL.findall(text)
    sample = load_dataset(sample_path)
    for actor in sample.actors.values():
        for value in (actor.contact_name, actor.phone):
            assert not value or value not in text
    with_personal = tmp_path / f"p.{fmt}"
    run("catalogue", str(sample_path), "-o", str(with_personal))
    assert with_personal.stat().st_size > path.stat().st_size


# --- the HTML page in a real browser --------------------------------------------------------------


@pytest.mark.browser
def test_html_page_opens_offline_and_the_search_filters_rows(sample, tmp_path: Path, open_page) -> None:
    catalogue = build_catalogue(sample)
    page, log = open_page(write_catalogue(catalogue, tmp_path / "c.html"))
    assert log.console_errors == [] and log.page_errors == [] and log.external_requests == []
    total = sum(len(g.rows) for g in catalogue.groups)
    assert page.locator("nav li").count() == len(catalogue.groups)
    assert page.locator("tbody tr:visible").count() == total
    page.fill("#search", "volvo")
    visible = page.locator("tbody tr:visible")
    expected = sum(1 for g in catalogue.groups for r in g.rows if "volvo" in r.cells[0].casefold())
    assert 0 < visible.count() == expected
    assert all("Volvo" in visible.nth(i).inner_text() for i in range(visible.count()))
    assert page.locator("section.group:visible").count() == expected
    assert page.is_visible("#search-status")
    page.fill("#search", "inget sådant namn")
    assert page.locator("tbody tr:visible").count() == 0 and page.is_visible("#no-match")
    page.fill("#search", "")
    assert page.locator("tbody tr:visible").count() == total
    page.click("nav a >> nth=1")
    assert page.url.endswith("#g2")
    assert log.console_errors == [] and log.page_errors == [] and log.external_requests == []


@pytest.mark.browser
def test_html_shows_hostile_text_as_text(write_dataset, tmp_path: Path, open_page) -> None:
    name = '<img src="http://example.com/x.png" onerror="alert(1)">'
    actors = (
        "id,name,orientations,website\n"
        f'x,"{name.replace(chr(34), chr(34) * 2)}",<script>alert(2)</script>,javascript:alert(3)\n'
    )
    dataset = load_dataset(write_dataset(actors=actors))
    page, log = open_page(write_catalogue(build_catalogue(dataset), tmp_path / "c.html"))
    assert log.dialogs == [] and log.external_requests == [] and log.page_errors == []
    assert page.locator("tbody td").first.inner_text() == name
    assert page.locator("section h2").first.inner_text().startswith("<script>alert(2)</script>")
    assert page.locator("tbody a").count() == 0  # a javascript: website is not a link


# --- writing and the command line -----------------------------------------------------------------


def test_format_comes_from_the_option_or_the_file_name() -> None:
    assert catalogue_format(Path("k.XLSX")) == "xlsx"
    assert catalogue_format(Path("k.htm")) == "html"
    assert catalogue_format(Path("k.txt"), "md") == "md"
    with pytest.raises(UsageError, match="--format"):
        catalogue_format(Path("katalog"))
    with pytest.raises(UsageError, match="agree"):
        catalogue_format(Path("k.xlsx"), "csv")


def test_a_folder_is_not_a_file(small, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="folder"):
        catalogue_file(small, tmp_path, fmt="md")


@pytest.mark.parametrize("fmt", FORMATS)
def test_command_writes_each_format_in_swedish(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "ut" / f"katalog.{fmt}"
    result = run("catalogue", "sample:umearegionen", "--by", "municipality", "--lang", "sv", "-o", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(path)
    assert path.stat().st_size > 1000


def test_command_errors(tmp_path: Path, sample_path: Path) -> None:
    result = run("catalogue", str(sample_path), "-o", str(tmp_path / "katalog.txt"))
    assert result.exit_code == ExitCode.INVALID_DATA and "--format" in result.stderr
    result = run("catalogue", str(sample_path), "--format", "csv", "-o", str(tmp_path / "k.xlsx"))
    assert result.exit_code == ExitCode.INVALID_DATA
    folder = tmp_path / "k.md"
    folder.mkdir()
    result = run("catalogue", str(sample_path), "-o", str(folder))
    assert result.exit_code != 0
    assert list(tmp_path.iterdir()) == [folder]


def test_command_help_has_a_summary_and_an_example() -> None:
    result = run("catalogue", "--help")
    assert result.exit_code == 0
    assert "Example: stakeholders catalogue" in result.output
    assert "--no-personal-data" in result.output


def test_markdown_tables_keep_their_shape_with_hostile_text(write_dataset, tmp_path: Path) -> None:
    actors = "id,name,orientations,description\nx,A | B,C|D,rad 1\\\\|\n"
    dataset = load_dataset(write_dataset(actors=actors))
    text = write_catalogue(build_catalogue(dataset), tmp_path / "c.md").read_text("utf-8")
    table_rows = [line for line in text.splitlines() if line.startswith("|")]
    widths = {len(re.findall(r"(?<!\\)\|", line)) for line in table_rows[2:]}
    assert len(widths) == 2  # the overview table and the group's table, each with one width


def test_by_occupation_lists_who_prepares_people_for_each(sample) -> None:
    """Issue 18: the catalogue ordered by the occupation an actor prepares people for (its occupations column)."""
    catalogue = build_catalogue(sample, "occupation")
    expected = {code for actor in sample.actors.values() for code in actor.occupations}
    assert expected, "the sample's actors prepare for some occupations (data/umearegionen README, section 6)"
    assert {g.key for g in catalogue.groups if not g.is_empty_value} == expected
    for group in catalogue.groups:
        members = {row.actor for row in group.rows}
        if group.is_empty_value:
            assert members == {a.id for a in sample.actors.values() if not a.occupations}
        else:
            assert members == {a.id for a in sample.actors.values() if group.key in a.occupations}
            assert group.label == f"{sample.occupations[group.key].name} ({group.key})"
