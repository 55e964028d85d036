"""--csv excel-sv|excel|rfc4180 and STAKEHOLDERS_CSV (issue 16): CSV as Excel with Swedish settings, Excel elsewhere
and scripts read it; the excel-sv file read back by LibreOffice headless (Debian libreoffice-calc)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from stakeholders.cli import main
from stakeholders.csv_styles import BOM, CsvStyle, csv_text
from stakeholders.errors import ExitCode

SAMPLE = "sample:umearegionen"
ROW = ["Umeå", 0.25, 3, True, dt.date(2008, 3, 1), ["a", "b"], "=1+1", -0.5]


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_the_three_styles() -> None:
    header = ["name", "share", "count", "coordinated", "date", "items", "note", "change"]
    sv = csv_text(header, [ROW], CsvStyle.EXCEL_SV)
    # A list holds the delimiter ";": quoted. A negative number is a number, not a formula.
    assert sv.splitlines()[1] == 'Umeå;0,25;3;ja;2008-03-01;"a; b";\'=1+1;-0,5'
    assert sv.startswith(BOM + "name;share;") and sv.endswith("\r\n")
    assert list(csv.reader(io.StringIO(sv[1:]), delimiter=";"))[1] == [
        "Umeå", "0,25", "3", "ja", "2008-03-01", "a; b", "'=1+1", "-0,5"
    ]  # fmt: skip
    excel = csv_text(header, [ROW], CsvStyle.EXCEL)
    assert excel.startswith(BOM + "name,share,")
    assert list(csv.reader(io.StringIO(excel[1:])))[1] == [
        "Umeå", "0.25", "3", "true", "2008-03-01", "a; b", "'=1+1", "-0.5"
    ]  # fmt: skip
    plain = csv_text(header, [ROW], CsvStyle.RFC4180)
    assert plain.startswith("name,share,") and list(csv.reader(io.StringIO(plain)))[1][1] == "0.25"


def test_analyses_take_csv_from_the_option_and_the_environment() -> None:
    plain = run("coverage", SAMPLE, "--format", "csv", "--top", "3").stdout
    assert plain.startswith("target_group,municipality,")  # rfc4180 by default: no BOM
    swedish = run("coverage", SAMPLE, "--format", "csv", "--top", "3", "--csv", "excel-sv").stdout
    assert swedish.startswith(BOM + "target_group;municipality;")
    from_env = run("coverage", SAMPLE, "--format", "csv", "--top", "3", env={"STAKEHOLDERS_CSV": "excel-sv"}).stdout
    assert from_env == swedish
    option_wins = run(
        "coverage", SAMPLE, "--format", "csv", "--top", "3", "--csv", "excel", env={"STAKEHOLDERS_CSV": "excel-sv"}
    )
    assert option_wins.stdout.startswith(BOM + "target_group,municipality,")


def test_excel_sv_says_ja_and_nej_where_json_says_true_and_false() -> None:
    records = json.loads(run("coverage", SAMPLE, "--format", "json", "--top", "0").stdout)
    text = run("coverage", SAMPLE, "--format", "csv", "--top", "0", "--csv", "excel-sv").stdout.removeprefix(BOM)
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [row["uncovered"] for row in rows] == ["ja" if r["uncovered"] else "nej" for r in records]
    assert {"ja", "nej"} == {row["uncovered"] for row in rows}  # both occur in the sample, so both words are checked


def test_proposals_take_the_style_too() -> None:
    text = run("propose", SAMPLE, "--format", "csv", "--top", "2", "--csv", "excel-sv").stdout
    assert text.startswith(BOM) and ";" in text.splitlines()[0] and "," not in text.splitlines()[0]


def test_an_unknown_style_in_the_environment_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["coverage", SAMPLE, "--format", "csv"], env={"STAKEHOLDERS_CSV": "semicolons"})
    assert result.exit_code == ExitCode.INVALID_DATA, result.output
    assert "semicolons" in result.stderr and "excel-sv" in result.stderr


def test_the_catalogue_is_excel_csv_by_default_and_takes_a_style(tmp_path: Path) -> None:
    run("catalogue", SAMPLE, "-o", str(tmp_path / "default.csv"))
    assert (tmp_path / "default.csv").read_bytes().startswith(BOM.encode() + b"Orientation,")
    run("catalogue", SAMPLE, "-o", str(tmp_path / "sv.csv"), "--csv", "excel-sv", "--lang", "sv")
    assert ";" in (tmp_path / "sv.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    run("catalogue", SAMPLE, "-o", str(tmp_path / "plain.csv"), "--csv", "rfc4180")
    assert not (tmp_path / "plain.csv").read_bytes().startswith(BOM.encode())


def test_libreoffice_reads_excel_sv_numbers_as_numbers(tmp_path: Path, soffice: str) -> None:
    text = run("coverage", SAMPLE, "--format", "csv", "--top", "0", "--csv", "excel-sv").stdout
    path = tmp_path / "coverage.csv"
    path.write_text(text, encoding="utf-8", newline="")
    # Import filter: separator 59 (;), text in 34 ("), charset 76 (UTF-8), from line 1, all columns standard,
    # language 1053 (Swedish: decimal comma) - what Excel with Swedish settings does when it opens the file.
    options = "--infilter=CSV:59,34,76,1,,1053"
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    command = [soffice, profile, "--headless", options, "--convert-to", "xlsx", "--outdir", str(tmp_path), str(path)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    rows = list(load_workbook(tmp_path / "coverage.xlsx").active.iter_rows(values_only=True))
    expected = list(csv.reader(io.StringIO(text.removeprefix(BOM)), delimiter=";"))
    assert list(rows[0]) == expected[0]  # the header, one cell per column
    assert len(rows) == len(expected)
    header = expected[0]
    numbers_seen = set()
    for got, wanted in zip(rows[1:], expected[1:], strict=True):
        for column, value, written in zip(header, got, wanted, strict=True):
            if re.fullmatch(r"-?[0-9]+(,[0-9]+)?", written):  # a number as excel-sv writes it
                assert isinstance(value, int | float), (column, value)
                assert value == pytest.approx(float(written.replace(",", "."))), column
                numbers_seen.add(column)
            else:
                assert (value or "") == written, column
    # size and people_per_actor are numbers of coverage (docs/analyses.md); the latter has decimals.
    assert {"size", "people_per_actor"} <= numbers_seen
    assert any("," in row[header.index("people_per_actor")] for row in expected[1:])  # a decimal comma was read
