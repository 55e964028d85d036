"""The init template workbook as people open it (issue 16): headers, drop-downs, text formats, "Read me"; read back
by openpyxl, by LibreOffice headless (Debian libreoffice-calc) and by the loader."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from stakeholders import load_with_warnings
from stakeholders.schema import ACTORS, FILES
from stakeholders.template import template_rows, write_template
from stakeholders.template_help import COLUMN_HELP
from stakeholders.template_xlsx import LIST_ROWS, LISTS_TITLE, README_TITLE, TEMPLATE_ROWS


@pytest.fixture
def template(tmp_path: Path) -> Path:
    (path,) = write_template(tmp_path / "region.xlsx", xlsx=True)
    return path


def convert(soffice: str, path: Path, target: str, outdir: Path) -> None:
    profile = f"-env:UserInstallation=file://{outdir.parent / 'lo-profile'}"
    command = [soffice, profile, "--headless", "--convert-to", target, "--outdir", str(outdir), str(path)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)


def test_every_column_has_help_in_both_languages() -> None:
    for spec in FILES:
        assert list(COLUMN_HELP[spec.name]) == list(spec.column_names)
        assert all(swedish and english for swedish, english in COLUMN_HELP[spec.name].values())


def test_headers_are_bold_frozen_filtered_and_fitted(template: Path) -> None:
    workbook = load_workbook(template)
    assert workbook.sheetnames == [README_TITLE, *(spec.name for spec in FILES), LISTS_TITLE]
    actors = workbook["actors"]
    assert all(cell.font.bold for cell in actors[1])
    assert actors.freeze_panes == "A2"
    # Every column of actors (schema: 14 with occupations, so A to N), header and two example rows (template.py).
    assert actors.auto_filter.ref == f"A1:{get_column_letter(len(ACTORS.column_names))}3" == "A1:N3"
    widths = {letter: dimension.width for letter, dimension in actors.column_dimensions.items()}
    # The name column fits its example "Umeå kommun, Arbetsmarknadsenheten" (34 characters) and 2 more.
    assert widths["B"] == 36
    assert min(widths.values()) >= 10


def test_ids_and_codes_are_text_and_figures_numbers(template: Path) -> None:
    workbook = load_workbook(template)
    municipalities, projects = workbook["municipalities"], workbook["projects"]
    assert municipalities["A2"].value == "2480" and municipalities["A2"].number_format == "@"
    assert municipalities.column_dimensions["A"].number_format == "@"  # cells typed later: 0180 stays text
    assert municipalities["D2"].value == 114075 and municipalities["D2"].data_type == "n"
    start = projects["H2"]
    assert start.is_date and start.value.date().isoformat() == "2008-01-01"
    assert projects["J2"].value == 1200000  # the example "1 200 000"


def test_drop_downs_for_sector_type_strength_and_references(template: Path) -> None:
    workbook = load_workbook(template)
    validations = {
        (sheet.title, str(validation.sqref)): validation
        for sheet in workbook.worksheets
        for validation in sheet.data_validations.dataValidation
    }
    last = TEMPLATE_ROWS
    sector = validations[("actors", f"D2:D{last}")]
    assert sector.type == "list" and "offentlig" in sector.formula1 and sector.showErrorMessage
    # Orientations and types: the words of the Lists sheet, suggested (free text: no error message).
    assert validations[("actors", f"C2:C{last}")].formula1 == f"'Lists'!$B$2:$B${LIST_ROWS}"
    assert validations[("projects", f"E2:E{last}")].formula1 == f"'Lists'!$A$2:$A${LIST_ROWS}"
    assert not validations[("projects", f"E2:E{last}")].showErrorMessage
    lists = [row for row in workbook[LISTS_TITLE].iter_rows(values_only=True)]
    assert lists[0] == ("orientations", "type")
    # The example rows' orientations (template.py: "Arbetsmarknad; Språk", then "Språk").
    assert [row[0] for row in lists[1:] if row[0]] == ["Arbetsmarknad", "Språk"]
    assert "ngo" in [row[1] for row in lists[1:]]
    assert validations[("actors", f"F2:F{last}")].formula1 == f"'municipalities'!$A$2:$A${last}"
    assert validations[("projects", f"C2:C{last}")].formula1 == f"'actors'!$A$2:$A${last}"  # owner
    assert validations[("funding", f"B2:B{last}")].formula1 == f"'projects'!$A$2:$A${last}"
    assert validations[("cooperation", f"D2:D{last}")].formula1 == '"1,2,3"'
    assert not validations[("actors", f"F2:F{last}")].showErrorMessage  # a list: "2480; 0180" is fine


def test_the_read_me_sheet_explains_every_column_and_is_not_read_as_data(template: Path) -> None:
    readme = load_workbook(template)[README_TITLE]
    rows = {(row[0], row[1]): row for row in readme.iter_rows(values_only=True) if row and row[0]}
    for spec in FILES:
        for column in spec.columns:
            swedish, english = COLUMN_HELP[spec.name][column.name]
            assert rows[(spec.name, column.name)][4:6] == (swedish, english)
    dataset, warnings = load_with_warnings(template)
    assert warnings == [] and len(dataset.actors) == 2  # the two example actors


def test_libreoffice_reads_every_sheet_with_values_in_their_columns(
    template: Path, tmp_path: Path, soffice: str
) -> None:
    # CSV filter: comma, double quote, UTF-8, from row 1, ..., the last token -1: every sheet to its own file
    # (LibreOffice 7.2 and later), named region-SHEET.csv.
    every_sheet = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    convert(soffice, template, every_sheet, tmp_path / "csv")
    for spec in FILES:
        with (tmp_path / "csv" / f"region-{spec.name}.csv").open(encoding="utf-8", newline="") as handle:
            read = list(csv.reader(handle))
        expected = template_rows(spec)
        assert read[0] == expected[0]
        for got, wanted in zip(read[1:], expected[1:], strict=True):
            row = dict(zip(read[0], got, strict=True))
            for column in spec.columns:
                text = wanted[spec.column_names.index(column.name)]
                if column.name in ("budget", "amount"):  # "1 200 000" is the number 1200000
                    text = text.replace(" ", "")
                assert row[column.name] == text, (spec.name, column.name)


def test_the_template_saved_again_by_libreoffice_loads_the_same(template: Path, tmp_path: Path, soffice: str) -> None:
    convert(soffice, template, "xlsx:Calc MS Excel 2007 XML", tmp_path / "saved")
    saved, warnings = load_with_warnings(tmp_path / "saved" / "region.xlsx")
    original, _ = load_with_warnings(template)
    assert warnings == []
    assert dict(saved.graph.nodes(data=True)) == dict(original.graph.nodes(data=True))
    again = load_workbook(tmp_path / "saved" / "region.xlsx")
    assert any(v.type == "list" for v in again["actors"].data_validations.dataValidation)  # the drop-downs kept
