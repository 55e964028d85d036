"""The command line's conventions (issue 16, part 4): python -m, -o -, --quiet/--verbose, validate --format json,
exit codes in --help and docs, --version with the data format, shell completion."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner, Result

from stakeholders import __version__, load_dataset
from stakeholders.cli import main
from stakeholders.errors import EXIT_CODE_MEANINGS, ExitCode
from stakeholders.exports import RENDERERS, export_bytes
from stakeholders.schema import DATA_FORMAT_VERSION

REPOSITORY = Path(__file__).resolve().parent.parent
DOCS_CLI = REPOSITORY / "docs" / "cli.md"
BROKEN_ACTORS = "id,name,sector\na,A,kommunal\na,B,\n"  # two errors (sector, duplicate id), two warnings


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def python_m(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "stakeholders", *args], capture_output=True, timeout=300, check=False, **kwargs
    )


# -- python -m, --version, --help --------------------------------------------------------------------------------


def test_python_m_stakeholders_runs_a_command() -> None:
    done = python_m("validate", "sample:umearegionen", "--format", "json", text=True)
    assert done.returncode == ExitCode.OK, done.stderr
    assert json.loads(done.stdout)["valid"] is True


def test_version_names_the_package_and_the_data_format() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"stakeholders {__version__} (data format {DATA_FORMAT_VERSION})"


def test_help_lists_every_exit_code_and_docs_too() -> None:
    help_text = " ".join(run("--help").stdout.split())
    documented = DOCS_CLI.read_text(encoding="utf-8")
    for code in ExitCode:
        meaning = EXIT_CODE_MEANINGS[code]
        assert f"{int(code)} {meaning}" in help_text
        assert re.search(rf"^\| {int(code)} \| {re.escape(meaning)} \|", documented, flags=re.MULTILINE), code


def test_shell_completion_is_documented_and_click_writes_it() -> None:
    assert "_STAKEHOLDERS_COMPLETE=bash_source" in run("--help").stdout.replace("\n", "")
    assert "_STAKEHOLDERS_COMPLETE=zsh_source" in DOCS_CLI.read_text(encoding="utf-8")
    env = {**os.environ, "_STAKEHOLDERS_COMPLETE": "bash_source"}
    done = subprocess.run(
        [sys.executable, "-c", "from stakeholders.cli import main; main(prog_name='stakeholders')"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0 and "complete -o nosort -F _stakeholders_completion stakeholders" in done.stdout


# -- -o - ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_export_to_stdout_writes_the_bytes_of_the_file(sample, tmp_path: Path, fmt: str) -> None:
    done = python_m("export", "sample:umearegionen", "--format", fmt, "-o", "-", cwd=tmp_path)
    assert done.returncode == ExitCode.OK, done.stderr
    assert done.stdout == export_bytes(sample, fmt)
    assert list(tmp_path.iterdir()) == []  # no file named "-"


def test_export_to_stdout_reads_back(tmp_path: Path) -> None:
    done = python_m("export", "sample:umearegionen", "--format", "json", "-o", "-", cwd=tmp_path)
    graph = nx.node_link_graph(json.loads(done.stdout), edges="links")
    assert graph.number_of_edges() == load_dataset(REPOSITORY / "data" / "umearegionen").graph.number_of_edges()


def test_export_to_stdout_needs_a_text_format(tmp_path: Path) -> None:
    result = run("export", "sample:umearegionen", "-o", "-")
    assert result.exit_code == ExitCode.INVALID_DATA and "give --format" in result.stderr
    result = run("export", "sample:umearegionen", "--format", "gephi-csv", "-o", "-")
    assert result.exit_code == ExitCode.INVALID_DATA and "give -o FOLDER" in result.stderr


def test_gephi_csv_writes_two_files_into_the_folder(tmp_path: Path) -> None:
    result = run("export", "sample:umearegionen", "--format", "gephi-csv", "-o", str(tmp_path / "gephi"))
    assert result.exit_code == ExitCode.OK, result.output
    assert sorted(p.name for p in (tmp_path / "gephi").iterdir()) == ["edges.csv", "nodes.csv"]


def test_map_and_catalogue_to_stdout(tmp_path: Path) -> None:
    done = python_m("map", "sample:umearegionen", "-o", "-", cwd=tmp_path)
    assert done.returncode == ExitCode.OK, done.stderr
    assert done.stdout.startswith(b"<!DOCTYPE html>") and b"</html>" in done.stdout
    done = python_m("catalogue", "sample:umearegionen", "--format", "csv", "-o", "-", cwd=tmp_path)
    assert done.returncode == ExitCode.OK, done.stderr
    assert "Umeå universitet" in done.stdout.decode("utf-8")
    assert list(tmp_path.iterdir()) == []
    result = run("catalogue", "sample:umearegionen", "--format", "xlsx", "-o", "-")
    assert result.exit_code == ExitCode.INVALID_DATA and "a text format" in result.stderr


# -- --quiet and --verbose -------------------------------------------------------------------------------------------


def test_quiet_says_nothing_on_stderr_but_errors(write_dataset, tmp_path: Path) -> None:
    loud = run("export", "sample:umearegionen", "-o", str(tmp_path / "g.gexf"))
    assert "warning:" in loud.stderr  # the sample has warnings: there is something to hide
    quiet = run("--quiet", "export", "sample:umearegionen", "-o", str(tmp_path / "g.gexf"))
    assert quiet.exit_code == ExitCode.OK and quiet.stderr == ""
    assert quiet.stdout.strip() == str(tmp_path / "g.gexf")
    broken = run("-q", "validate", str(write_dataset(actors=BROKEN_ACTORS)), "--format", "table")
    assert broken.exit_code == ExitCode.INVALID_DATA
    assert [line for line in broken.stderr.splitlines() if not line.startswith("error: ")] == [
        "The dataset has 2 errors; nothing was loaded or written.",
        "Run again with --skip-invalid to load the valid rows and write the others to rejected.csv.",
    ]


def test_verbose_says_what_was_written(tmp_path: Path) -> None:
    result = run("--verbose", "export", "sample:umearegionen", "-o", str(tmp_path / "g.graphml"))
    graph = load_dataset(REPOSITORY / "data" / "umearegionen").graph
    counts = f"graphml: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} relations"
    assert counts in result.stderr
    assert counts not in run("export", "sample:umearegionen", "-o", str(tmp_path / "g.graphml")).stderr
    dataset = load_dataset(REPOSITORY / "data" / "umearegionen")
    read = f"read sample:umearegionen: {len(dataset.actors)} actors, {len(dataset.projects)} projects"
    assert read in run("-v", "info", "sample:umearegionen", "--format", "json").stderr
    assert run("-q", "-v", "info", "sample:umearegionen").exit_code == ExitCode.INVALID_DATA


# -- validate --format json ----------------------------------------------------------------------------------------


def test_validate_json_lists_every_problem_of_invalid_data(write_dataset) -> None:
    result = run("validate", str(write_dataset(actors=BROKEN_ACTORS)), "--format", "json")
    assert result.exit_code == ExitCode.INVALID_DATA == 2
    document = json.loads(result.stdout)
    assert document["valid"] is False and (document["errors"], document["warnings"]) == (2, 2)
    problems = document["problems"]
    assert all(set(p) == {"severity", "file", "row", "column", "value", "message", "hint"} for p in problems), problems
    errors = [(p["file"], p["row"], p["column"], p["value"]) for p in problems if p["severity"] == "error"]
    assert errors == [("actors.csv", 2, "sector", "kommunal"), ("actors.csv", 3, "id", "a")]
    stderr_errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(stderr_errors) == len(errors)  # the same problems as without --format json


def test_validate_json_of_valid_data_has_the_problems_too(write_dataset) -> None:
    result = run("validate", str(write_dataset(actors="id,name,municipalities\na,A,Umeå\nb,B,\n")), "--format", "json")
    assert result.exit_code == ExitCode.OK
    document = json.loads(result.stdout)
    assert document["valid"] is True
    assert [(p["severity"], p["row"], p["column"]) for p in document["problems"]] == [("warning", 3, "municipalities")]
