"""The import command: results on stdout, messages on stderr, exit codes."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner, Result

from stakeholders.cli import main
from stakeholders.errors import ExitCode
from stakeholders.importers.synthetic import write_kohesio_csv

DATA = Path(__file__).parent / "import_data"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_import_writes_a_dataset_that_validates(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("import", str(DATA / "dk-synthetic.csv"), str(DATA / "kohesio-se.csv"), "-o", str(out))
    assert result.exit_code == ExitCode.OK, result.stderr
    assert f"{out}: 17 projects" in result.stdout
    assert "merge-suggestions.csv" in result.stdout
    assert result.stderr == ""
    assert run("validate", str(out)).exit_code == ExitCode.OK


def test_format_can_be_given(tmp_path: Path) -> None:
    result = run("import", str(DATA / "kohesio-se.csv"), "--format", "kohesio", "-o", str(tmp_path / "o"))
    assert result.exit_code == ExitCode.OK
    result = run("import", str(DATA / "dk-synthetic.csv"), "--format", "kohesio", "-o", str(tmp_path / "p"))
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "unknown layout: read as kohesio" in result.stderr


def _bad_list(tmp_path: Path) -> Path:
    path = write_kohesio_csv(tmp_path / "list.csv", 100, seed=5)
    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    column = records[0].index("Operation_Start_Date")
    records[3][column] = "2023-02-30"
    records[40][column] = "31/04/2016"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(records)
    return path


def test_bad_rows_fail_naming_each_and_the_flag(tmp_path: Path) -> None:
    result = run("import", str(_bad_list(tmp_path)), "-o", str(tmp_path / "out"))
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "list.csv, row 4, column 'Operation_Start_Date'" in result.stderr
    assert "list.csv, row 41, column 'Operation_Start_Date'" in result.stderr
    assert "--skip-invalid" in result.stderr
    assert result.stdout == ""
    assert not (tmp_path / "out").exists()


def test_skip_invalid_summarises_on_stderr(tmp_path: Path) -> None:
    rejected = tmp_path / "bad" / "rejected.csv"
    args = ("import", str(_bad_list(tmp_path)), "-o", str(tmp_path / "out"), "--skip-invalid")
    result = run(*args, "--rejected", str(rejected))
    assert result.exit_code == ExitCode.OK, result.stderr
    assert "98 projects" in result.stdout
    assert "skipped 2 of 100 rows of list.csv: a date that does not exist (2)" in result.stderr
    assert str(rejected) in result.stderr
    assert len(rejected.read_text(encoding="utf-8").splitlines()) == 3


def test_an_unknown_layout_exits_2_with_advice(tmp_path: Path) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text("a,b\n1,2\n", encoding="utf-8")
    result = run("import", str(odd), "-o", str(tmp_path / "out"))
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "Columns found: 'a', 'b'" in result.stderr and "--columns mapping.toml" in result.stderr


def test_an_output_that_is_not_an_earlier_import_exits_7(tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("import", str(DATA / "dk-synthetic.csv"), "-o", str(tmp_path / "full"))
    assert result.exit_code == ExitCode.OUTPUT


def test_help_documents_the_exit_codes() -> None:
    result = run("import", "--help")
    assert result.exit_code == 0
    assert (
        "Exit codes" in result.stdout and "--skip-invalid" in result.stdout and "--keep-personal-data" in result.stdout
    )
