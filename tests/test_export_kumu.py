"""The Kumu export (issue 16): one .xlsx in the layout of Kumu's spreadsheet import, read by openpyxl and LibreOffice.

Kumu's guide "Structure your data for Kumu" (docs.kumu.io/guides/import/import): a sheet of elements with
``Label`` (or ``ID`` first), ``Type``, ``Description``, ``Tags`` (values separated by ``|``) and a sheet of
connections with ``From`` and ``To`` first; every other column is a field.
"""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from stakeholders import Dataset
from stakeholders.cli import main
from stakeholders.errors import ExitCode
from stakeholders.exports.kumu import write_kumu

ACTORS = (
    "id,name,orientations,municipalities,contact_name,email,phone,description\n"
    'a,=cmd|"/c calc"!A1,Språk; Fritid,m1,Eva Exempel,eva@example.se,090-123,Skriv till eva@example.se\n'
    "b,B,,m1,,,,\n"
)


def sheets(path: Path) -> dict[str, list[list[object]]]:
    workbook = load_workbook(path)
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook.worksheets}


def test_the_sample_as_kumu_elements_and_connections(sample: Dataset, tmp_path: Path) -> None:
    summary = write_kumu(sample, tmp_path / "map.xlsx", personal_data=True)
    read = sheets(tmp_path / "map.xlsx")
    assert list(read) == ["Elements", "Connections"]
    elements, connections = read["Elements"], read["Connections"]
    assert elements[0][:5] == ["ID", "Label", "Type", "Description", "Tags"]
    assert connections[0][:4] == ["From", "To", "Connection Type", "Direction"]
    # One row per node and per relation of the sample (105 nodes, 480 relations), after the header.
    assert (len(elements) - 1, len(connections) - 1) == (summary.nodes, summary.edges) == (105, 480)
    by_id = {row[0]: dict(zip(elements[0], row, strict=True)) for row in elements[1:]}
    kfum = sample.actors["kfum"]
    assert by_id["Actor:kfum"]["Label"] == kfum.name
    assert by_id["Actor:kfum"]["Tags"] == "|".join(kfum.orientations)
    assert by_id["Municipality:2480"]["Population"] == sample.municipalities["2480"].population
    types = {row[2] for row in connections[1:]}
    assert types == {"owner", "partner", "funder", "cooperation", "serves", "works in", "part of", "size"}


def test_formulas_are_neutralised_and_personal_data_left_out(load_csv, tmp_path: Path) -> None:
    dataset = load_csv(actors=ACTORS, municipalities="id,name\nm1,Umeå\n")
    write_kumu(dataset, tmp_path / "with.xlsx", personal_data=True)
    write_kumu(dataset, tmp_path / "without.xlsx", personal_data=False)
    header, *rows = sheets(tmp_path / "with.xlsx")["Elements"]
    actor = dict(zip(header, next(r for r in rows if r[0] == "Actor:a"), strict=True))
    assert actor["Label"] == "'" + '=cmd|"/c calc"!A1'  # text, never a formula
    assert load_workbook(tmp_path / "with.xlsx")["Elements"]["B3"].data_type == "s"
    assert (actor["Email"], actor["Phone"], actor["Contact name"]) == ("eva@example.se", "090-123", "Eva Exempel")
    header, *rows = sheets(tmp_path / "without.xlsx")["Elements"]
    assert not {"Email", "Phone", "Contact name"} & set(header)
    actor = dict(zip(header, next(r for r in rows if r[0] == "Actor:a"), strict=True))
    assert actor["Description"] == "Skriv till […]"
    assert "eva@example.se" not in str(rows)


def test_export_command_writes_kumu(sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.xlsx"
    args = ["export", str(sample_path), "--format", "kumu", "-o", str(out), "--no-personal-data"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == ExitCode.OK, result.stderr
    assert result.stdout.strip() == str(out)
    assert "Email" not in sheets(out)["Elements"][0]


def test_libreoffice_reads_both_sheets_with_every_row(sample: Dataset, tmp_path: Path, soffice: str) -> None:
    path = tmp_path / "map.xlsx"
    write_kumu(sample, path, personal_data=True)
    # CSV filter options: comma, double quote, UTF-8, from row 1, ..., the last token -1: every sheet, one file each
    # (LibreOffice 7.2 and later), named map-Elements.csv and map-Connections.csv.
    options = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    command = [soffice, profile, "--headless", "--convert-to", options, "--outdir", str(tmp_path / "csv"), str(path)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    read = {}
    for name in ("Elements", "Connections"):
        with (tmp_path / "csv" / f"map-{name}.csv").open(encoding="utf-8", newline="") as handle:
            read[name] = list(csv.reader(handle))
    assert len(read["Elements"]) - 1 == sample.graph.number_of_nodes()
    assert len(read["Connections"]) - 1 == sample.graph.number_of_edges()
    elements = {row[0]: dict(zip(read["Elements"][0], row, strict=True)) for row in read["Elements"][1:]}
    assert elements["Actor:kfum"]["Tags"] == "|".join(sample.actors["kfum"].orientations)
    assert elements["Municipality:2480"]["Population"] == str(sample.municipalities["2480"].population)
