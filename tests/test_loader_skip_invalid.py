"""Keeping the good rows: load(path, skip_invalid=True), rejected.csv and the CLI's --skip-invalid (issue 13)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from stakeholders import DatasetError, load_dataset, load_with_warnings
from stakeholders.cli import main
from stakeholders.errors import ExitCode
from stakeholders.loader import load
from stakeholders.problems import REJECTED_COLUMNS, rejected_csv

ACTORS = "id,name,municipalities\nalfa,Alfa,Umeå\nbeta,Beta,Umeå\ngamma,Gamma,Umeå\n"


def hundred_projects() -> str:
    """100 projects, two with impossible dates: 2023-02-30 (row 12) and an end before its start (row 52)."""
    lines = ["id,name,owner,start,end"]
    for k in range(100):
        start, end = "2023-01-01", "2023-12-31"
        if k == 10:
            start = "2023-02-30"
        if k == 50:
            start, end = "2023-06-01", "2023-05-01"
        lines.append(f"p{k},Projekt {k},{'alfa' if k % 2 else 'Beta'},{start},{end}")
    return "\n".join(lines) + "\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def rows_of(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


# -- the library ---------------------------------------------------------------------------


def test_strict_is_the_default_and_names_both_rows(write_dataset) -> None:
    folder = write_dataset(actors=ACTORS, projects=hundred_projects())
    with pytest.raises(DatasetError) as caught:
        load_dataset(folder)
    assert [(e.file, e.row, e.column) for e in caught.value.errors] == [
        ("projects.csv", 12, "start"),
        ("projects.csv", 52, "end"),
    ]
    assert caught.value.skippable


def test_skip_invalid_loads_98_and_rejects_2(write_dataset) -> None:
    result = load(write_dataset(actors=ACTORS, projects=hundred_projects()), skip_invalid=True)
    assert len(result.dataset.projects) == 98
    assert "p10" not in result.dataset.projects and "p50" not in result.dataset.projects
    assert [(r.file, r.row, r.column, r.value) for r in result.rejected] == [
        ("projects.csv", 12, "start", "2023-02-30"),
        ("projects.csv", 52, "end", "2023-05-01"),
    ]
    assert "not a date" in result.rejected[0].reason
    assert "ends before it starts" in result.rejected[1].reason
    assert result.rejected_by_file() == {"projects.csv": 2}
    assert load_dataset(write_dataset(actors=ACTORS, projects=hundred_projects()), skip_invalid=True).projects


def test_rows_that_only_referred_to_a_rejected_row_are_named(write_dataset) -> None:
    actors = ACTORS.replace("id,name,", "id,name,sector,").replace(",Umeå", ",,Umeå")
    actors = actors.replace("gamma,Gamma,,", "gamma,Gamma,okänd,") + "delta,Delta,,Umeå\neps,Epsilon,,Umeå\n"
    projects = "id,name,owner,partners\np1,P1,Gamma,alfa\np2,P2,alfa,gamma; beta\np3,P3,beta,\n"
    funding = "funder,project,amount\nbeta,p1,100\nbeta,p3,lots\n"
    cooperation = "source,target\nalfa,gamma\nalfa,beta\n"
    folder = write_dataset(actors=actors, projects=projects, funding=funding, cooperation=cooperation)
    with pytest.raises(DatasetError):
        load(folder)
    result = load(folder, skip_invalid=True)
    assert sorted(result.dataset.actors) == ["alfa", "beta", "delta", "eps"]
    assert sorted(result.dataset.projects) == ["p3"]
    assert [(r.file, r.row, r.because_of) for r in result.rejected] == [
        ("actors.csv", 4, ""),
        ("projects.csv", 2, "actors.csv, row 4"),
        ("projects.csv", 3, "actors.csv, row 4"),
        ("cooperation.csv", 2, "actors.csv, row 4"),
        ("funding.csv", 2, "projects.csv, row 2"),
        ("funding.csv", 3, ""),
    ]
    assert "refers to actors.csv, row 4, which was rejected" in result.rejected[1].reason


def test_errors_outside_the_rows_still_refuse(write_dataset) -> None:
    folder = write_dataset(actors=ACTORS, projects="id,name\np,P\n")  # projects.csv without its owner column
    with pytest.raises(DatasetError) as caught:
        load(folder, skip_invalid=True)
    assert [(e.file, e.row, e.column) for e in caught.value.errors] == [("projects.csv", None, "owner")]
    assert not caught.value.skippable


def test_a_valid_dataset_rejects_nothing(write_dataset) -> None:
    result = load(write_dataset(actors=ACTORS), skip_invalid=True)
    assert result.rejected == () and len(result.dataset.actors) == 3
    assert load_with_warnings(write_dataset(actors=ACTORS))[0].actors == result.dataset.actors


def test_rejected_csv_is_neutralised_for_spreadsheets(write_dataset) -> None:
    actors = ACTORS + "=cmd,X,Umeå\n=cmd,Y,Umeå\n"
    result = load(write_dataset(actors=actors), skip_invalid=True)
    text = rejected_csv(result.rejected).decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(text))
    assert tuple(row) == REJECTED_COLUMNS
    assert row["file"] == "actors.csv" and row["row"] == "6" and row["value"] == "'=cmd"


# -- the command line ----------------------------------------------------------------------


def test_validate_hints_at_skip_invalid(write_dataset) -> None:
    result = run("validate", str(write_dataset(actors=ACTORS, projects=hundred_projects())))
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "projects.csv, row 12" in result.stderr and "projects.csv, row 52" in result.stderr
    assert result.stderr.rstrip().splitlines()[-1].startswith("Run again with --skip-invalid")


def test_no_hint_when_skipping_would_not_help(write_dataset) -> None:
    result = run("validate", str(write_dataset(actors="id\na\n")))
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "--skip-invalid" not in result.stderr


def test_validate_skip_invalid_writes_rejected_csv_here(write_dataset, tmp_path: Path, monkeypatch) -> None:
    folder = write_dataset(actors=ACTORS, projects=hundred_projects())
    monkeypatch.chdir(tmp_path)
    result = run("validate", str(folder), "--skip-invalid", "--format", "json")
    assert result.exit_code == ExitCode.OK, result.output
    rows = rows_of(tmp_path / "rejected.csv")
    assert [(r["file"], r["row"], r["column"], r["value"]) for r in rows] == [
        ("projects.csv", "12", "start", "2023-02-30"),
        ("projects.csv", "52", "end", "2023-05-01"),
    ]
    assert "skipped 2 rows of projects.csv: not a date" in result.stderr
    assert "the project ends before it starts" in result.stderr
    import json

    summary = json.loads(result.stdout)
    assert summary["projects"] == 98 and len(summary["rejected"]) == 2


def test_rejected_goes_where_asked(write_dataset, tmp_path: Path) -> None:
    folder = write_dataset(actors=ACTORS, projects=hundred_projects())
    target = tmp_path / "out" / "skipped.csv"
    result = run("info", str(folder), "--skip-invalid", "--rejected", str(target), "--format", "json")
    assert result.exit_code == ExitCode.OK, result.output
    assert len(rows_of(target)) == 2


def test_rejected_goes_next_to_the_output(write_dataset, tmp_path: Path) -> None:
    folder = write_dataset(actors=ACTORS, projects=hundred_projects())
    output = tmp_path / "exports" / "graph.json"
    result = run("export", str(folder), "-o", str(output), "--skip-invalid")
    assert result.exit_code == ExitCode.OK, result.output
    assert output.exists() and len(rows_of(tmp_path / "exports" / "rejected.csv")) == 2


def test_analysis_commands_take_skip_invalid(write_dataset, tmp_path: Path, monkeypatch) -> None:
    folder = write_dataset(actors=ACTORS, projects=hundred_projects())
    monkeypatch.chdir(tmp_path)
    assert run("gaps", str(folder), "--format", "json").exit_code == ExitCode.INVALID_DATA
    result = run("gaps", str(folder), "--format", "json", "--skip-invalid")
    assert result.exit_code == ExitCode.OK, result.output
    assert (tmp_path / "rejected.csv").exists()


def test_an_unwritable_rejected_file_exits_with_the_output_code(write_dataset, tmp_path: Path) -> None:
    folder = write_dataset(actors=ACTORS, projects=hundred_projects())
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    result = run("validate", str(folder), "--skip-invalid", "--rejected", str(tmp_path / "a-file" / "rejected.csv"))
    assert result.exit_code == ExitCode.OUTPUT


def test_no_hint_when_a_row_error_made_its_file_unreadable(write_dataset) -> None:
    folder = write_dataset(actors=ACTORS + "delta,Delta,Umeå,too many\n")  # a value right of the last column
    with pytest.raises(DatasetError) as caught:
        load(folder, skip_invalid=True)
    assert not caught.value.skippable
    result = run("validate", str(folder))
    assert result.exit_code == ExitCode.INVALID_DATA and "--skip-invalid" not in result.stderr


def test_rejected_csv_takes_the_spreadsheet_style_of_stakeholders_csv(write_dataset, monkeypatch) -> None:
    rejected = load(write_dataset(actors=ACTORS, projects=hundred_projects()), skip_invalid=True).rejected
    excel = rejected_csv(rejected).decode("utf-8")  # default: Excel's (a BOM, comma)
    assert excel.startswith("\ufeff" + ",".join(REJECTED_COLUMNS))
    monkeypatch.setenv("STAKEHOLDERS_CSV", "excel-sv")
    swedish = rejected_csv(rejected).decode("utf-8")
    assert swedish.startswith("\ufeff" + ";".join(REJECTED_COLUMNS))
    rows = list(csv.reader(io.StringIO(swedish[1:]), delimiter=";"))
    assert [row[:2] for row in rows[1:]] == [[r.file, str(r.row)] for r in rejected]
