"""The dataset commands (validate, info, init) and the help of every command."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from stakeholders import load_dataset
from stakeholders.cli import main
from stakeholders.errors import ExitCode

REPOSITORY = Path(__file__).resolve().parent.parent


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# -- validate --------------------------------------------------------------------------


def test_validate_the_sample() -> None:
    result = run("validate", "sample:umearegionen", "--format", "table")
    assert result.exit_code == ExitCode.OK, result.output
    assert "umearegionen: valid" in result.stdout


def test_validate_json_lists_counts_and_warnings(write_dataset) -> None:
    folder = write_dataset(actors="id,name,municipalities\na,A,Umeå\nb,B,\n")
    result = run("validate", str(folder), "--format", "json")
    assert result.exit_code == ExitCode.OK
    summary = json.loads(result.stdout)
    assert summary["valid"] is True
    assert (summary["actors"], summary["municipalities"]) == (2, 1)
    assert [(w["file"], w["row"], w["column"]) for w in summary["warnings"]] == [("actors.csv", 3, "municipalities")]
    assert "warning: actors.csv, row 3" in result.stderr


BROKEN = {
    "missing file": {"projects": "id,name,owner\np,P,a\n"},
    "missing column": {"actors": "id\na\n"},
    "missing value": {"actors": "id,name\na,\n"},
    "duplicate id": {"actors": "id,name\na,A\nA,B\n"},
    "unknown reference": {"actors": "id,name\na,A\n", "projects": "id,name,owner\np,P,b\n"},
    "self-cooperation": {"actors": "id,name\na,A\n", "cooperation": "source,target\na,A\n"},
    "end before start": {
        "actors": "id,name\na,A\n",
        "projects": "id,name,owner,start,end\np,P,a,2009-01-01,2008-01-01\n",
    },
    "negative number": {"actors": "id,name\na,A\n", "projects": "id,name,owner,budget\np,P,a,-1\n"},
    "unknown sector": {"actors": "id,name,sector\na,A,kommunal\n"},
    "strength": {"actors": "id,name\na,A\nb,B\n", "cooperation": "source,target,strength\na,b,9\n"},
    "empty file": {"actors": ""},
    "bad date": {"actors": "id,name\na,A\n", "projects": "id,name,owner,start\np,P,a,2008-02-30\n"},
}


@pytest.mark.parametrize("kind", BROKEN)
def test_validate_refuses_broken_data_with_exit_code_2(write_dataset, tmp_path: Path, kind: str) -> None:
    folder = write_dataset(**BROKEN[kind])
    before = snapshot(tmp_path)
    result = run("validate", str(folder), "--format", "table")
    assert result.exit_code == ExitCode.INVALID_DATA == 2
    assert result.stdout == ""
    assert "error: " in result.stderr
    assert "nothing was loaded or written" in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(tmp_path) == before


def test_every_error_goes_to_stderr_with_its_location(write_dataset) -> None:
    folder = write_dataset(actors="id,name,sector\na,A,kommunal\na,B,\n")
    result = run("validate", str(folder))
    lines = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert lines == [
        "error: actors.csv, row 2, column 'sector': unknown sector (value: 'kommunal'). "
        "Use public, private, civil or academic (offentlig, privat, ideell or akademisk), or leave it empty",
        "error: actors.csv, row 3, column 'id': duplicate id (ids are compared ignoring case) (value: 'a'). "
        "The same id is used in row 2; give each record its own id",
    ]
    assert "The dataset has 2 errors" in result.stderr


def test_validate_a_workbook_that_is_not_one(tmp_path: Path) -> None:
    (tmp_path / "region.xlsx").write_text("id,name\n", encoding="utf-8")
    result = run("validate", str(tmp_path / "region.xlsx"))
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "region.xlsx: not an Excel workbook" in result.stderr


def test_validate_a_missing_path(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "nowhere"))
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "no such file or folder" in result.stderr


def test_info_counts_and_quantifies(write_dataset) -> None:
    folder = write_dataset(
        actors="id,name,municipalities\na,A,2480\nb,B,*\n",
        municipalities="id,name,population,foreign_born,expected_arrivals\n2480,Umeå,114075,9000,300\n2403,Bjurholm,2500,90,30\n",
        projects="id,name,owner,municipalities\np,P,a,2480\n",
    )
    result = run("info", str(folder), "--format", "json")
    assert result.exit_code == ExitCode.OK, result.output
    document = json.loads(result.stdout)
    umea = next(m for m in document["municipalities"] if m["municipality"] == "2480")
    assert (umea["population"], umea["actors"], umea["projects"]) == (114075, 2, 1)


def test_info_refuses_broken_data(write_dataset) -> None:
    result = run("info", str(write_dataset(actors="id\na\n")))
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "Traceback" not in result.output


# -- init ------------------------------------------------------------------------------


def test_init_writes_csv_files_that_validate(tmp_path: Path) -> None:
    target = tmp_path / "region"
    result = run("init", str(target))
    assert result.exit_code == ExitCode.OK, result.output
    assert sorted(p.name for p in target.iterdir()) == sorted(
        ["actors.csv", "projects.csv", "municipalities.csv", "target_groups.csv", "target_group_sizes.csv",
         "cooperation.csv", "funding.csv", "occupations.csv", "labour_demand.csv", "employer_needs.csv"]
    )  # fmt: skip
    validated = run("validate", str(target), "--format", "json")
    assert validated.exit_code == ExitCode.OK, validated.output
    assert json.loads(validated.stdout)["warnings"] == []
    dataset = load_dataset(target)
    assert dataset.projects and dataset.cooperations and dataset.fundings and dataset.target_group_sizes
    assert dataset.occupations and dataset.labour_demand and dataset.employer_needs


def test_init_xlsx_writes_a_workbook_that_validates(tmp_path: Path) -> None:
    result = run("init", str(tmp_path / "region"), "--xlsx")
    assert result.exit_code == ExitCode.OK, result.output
    workbook = tmp_path / "region" / "dataset.xlsx"
    assert result.stdout.strip() == str(workbook)
    validated = run("validate", str(workbook), "--format", "json")
    assert validated.exit_code == ExitCode.OK, validated.output
    assert json.loads(validated.stdout)["warnings"] == []
    csv_form = tmp_path / "csv"
    run("init", str(csv_form))
    assert dict(load_dataset(workbook).graph.nodes(data=True)) == dict(load_dataset(csv_form).graph.nodes(data=True))


@pytest.mark.parametrize("xlsx", [False, True])
def test_init_refuses_to_overwrite(tmp_path: Path, xlsx: bool) -> None:
    flag = ["--xlsx"] if xlsx else []
    target = tmp_path / "region"
    assert run("init", str(target), *flag).exit_code == ExitCode.OK
    (target / ("dataset.xlsx" if xlsx else "actors.csv")).write_bytes(b"my own work")
    before = snapshot(tmp_path)
    result = run("init", str(target), *flag)
    assert result.exit_code == ExitCode.OUTPUT
    assert "exists already" in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(tmp_path) == before


def test_init_into_a_file_is_refused_cleanly(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file", encoding="utf-8")
    result = run("init", str(tmp_path / "taken"))
    assert result.exit_code == ExitCode.OUTPUT
    assert "Traceback" not in result.output


# -- help ------------------------------------------------------------------------------


def walk(command: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command under ``command`` (groups included), with its path of names."""
    yield path, command
    if isinstance(command, click.Group):
        context = click.Context(command)
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            assert sub is not None, name
            yield from walk(sub, (*path, name))


COMMANDS = [" ".join(path) or "(main)" for path, _ in walk(main)]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_a_one_line_summary_and_an_example(name: str) -> None:
    path, command = next((p, c) for p, c in walk(main) if (" ".join(p) or "(main)") == name)
    text = (command.help or "").strip()
    summary, _, rest = text.partition("\n\n")
    assert summary and "\n" not in summary, f"{name}: the help must open with a one-line summary"
    assert summary.endswith("."), f"{name}: the summary is a sentence"
    examples = [line.strip() for line in rest.splitlines() if line.strip().startswith("Example")]
    assert examples, f"{name}: the help needs an 'Example: stakeholders ...' line"
    assert all(" ".join(("stakeholders", *path)) in line for line in examples), examples
    result = run(*path, "--help")
    assert result.exit_code == 0
    assert summary.split()[0] in result.stdout and "Example" in result.stdout


def test_the_walk_sees_the_dataset_commands() -> None:
    assert {"validate", "info", "init"} <= set(COMMANDS)


def test_cli_py_runs_from_a_checkout_in_another_directory(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(REPOSITORY / "cli.py"), "validate", "sample:umearegionen", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["valid"] is True


def test_python_m_stakeholders_and_exit_codes_in_help() -> None:
    import subprocess
    import sys

    from stakeholders.cli.app import EXIT_CODES
    from stakeholders.errors import ExitCode

    done = subprocess.run([sys.executable, "-m", "stakeholders", "--help"], capture_output=True, text=True, check=True)
    assert "Usage: stakeholders" in done.stdout and "Exit codes" in done.stdout
    for code in ExitCode:  # every code of the one IntEnum is explained
        assert f"{code.value} " in EXIT_CODES
