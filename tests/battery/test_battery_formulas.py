"""Formula injection: every CSV and XLSX the tool writes neutralises what a spreadsheet would run (issue 20).

Payloads go into every text field a writer shows; then no cell of any CSV or XLSX output may start
with ``=``, ``+``, ``-``, ``@``, tab or CR, unless it is a true number (which stays a number).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from stakeholders import load_dataset
from stakeholders.backends.neo4j_pull import write_dataset_csv
from stakeholders.cli import main
from stakeholders.safety import FORMULA_STARTS

PAYLOADS = [
    '=HYPERLINK("http://evil.example","click")',
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+46 90 00 00",
    "-2+3",
    "\t=1+1",
]


def rows(header: list[str], records: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *records])
    return buffer.getvalue()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "data"
    folder.mkdir()
    header = ["id", "name", "sector", "orientations", "municipalities", "target_groups", "contact_name", "email"]
    header += ["phone", "website", "description", "=extra()"]
    actors = [
        [
            f"a{k}",
            f"{payload} {k}",
            "public",
            payload,
            "Umeå",
            "Unga",
            payload,
            payload,
            payload,
            payload,
            payload,
            payload,
        ]
        for k, payload in enumerate(PAYLOADS)
    ]
    actors.append(["b", "Plain", "private", "Arbete", "Umeå", "Unga", "", "", "", "", "", ""])
    (folder / "actors.csv").write_text(rows(header, actors), encoding="utf-8")
    projects = [
        [f"p{k}", f"{payload} p{k}", f"a{k}", "b", "Unga", "Umeå", "1200"] for k, payload in enumerate(PAYLOADS)
    ]
    (folder / "projects.csv").write_text(
        rows(["id", "name", "owner", "partners", "target_groups", "municipalities", "budget"], projects),
        encoding="utf-8",
    )
    return folder


def number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def dangerous(cell: object) -> bool:
    return isinstance(cell, str) and cell.startswith(FORMULA_STARTS) and not number(cell)


def csv_cells(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8-sig")
    delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]


@pytest.mark.parametrize(
    "args",
    [
        ("catalogue", "--format", "csv"),
        ("gaps", "--kind", "all", "--format", "csv", "--top", "0"),
        ("coverage", "--format", "csv"),
        ("brokers", "--format", "csv"),
        ("duplicates", "--format", "csv"),
        ("info", "--format", "csv"),
        ("propose", "--format", "csv"),
        ("partners", "--actor", "b", "--format", "csv"),
        ("gaps", "--kind", "projects", "--format", "csv", "--top", "0"),
    ],
    ids=lambda args: args[0],
)
def test_csv_outputs_hold_no_formula(hostile: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    out = tmp_path / "out.csv"
    command, *options = args
    extra = ["-o", str(out)] if command == "catalogue" else []
    result = CliRunner().invoke(main, [command, str(hostile), *options, *extra])
    assert result.exit_code == 0, result.output
    cells = csv_cells(out) if extra else [c for row in csv.reader(io.StringIO(result.stdout)) for c in row]
    assert cells, "nothing written"
    assert [c for c in cells if dangerous(c)] == []


def test_the_xlsx_catalogue_holds_no_formula(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "catalogue.xlsx"
    result = CliRunner().invoke(main, ["catalogue", str(hostile), "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row]
    assert any(isinstance(c, str) and "evil.example" in c for c in cells)
    assert [c for c in cells if dangerous(c)] == []


def test_pulled_files_hold_no_formula_and_load_back_the_same(hostile: Path, tmp_path: Path) -> None:
    dataset = load_dataset(hostile)
    paths = write_dataset_csv(dataset, tmp_path / "pulled")
    for path in paths:
        assert [c for c in csv_cells(path) if dangerous(c)] == [], path.name
    again = load_dataset(tmp_path / "pulled")
    assert list(again.actors.values()) == list(dataset.actors.values())
    assert list(again.projects.values()) == list(dataset.projects.values())
