"""The labour-market commands: demand and gaps --kind employers (formats, filters, --backend neo4j refused)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from stakeholders.cli import main
from stakeholders.errors import ExitCode

SAMPLE = "sample:umearegionen"
DEMAND_FIELDS = [
    "occupation",
    "occupation_name",
    "municipality",
    "municipality_name",
    "outlook",
    "openings",
    "target_groups",
    "actors",
    "projects",
    "unprepared",
    "unbridged_target_groups",
    "gap",
    "reason",
]
EMPLOYER_GAP_FIELDS = [
    "kind",
    "employer",
    "name",
    "occupation",
    "occupation_name",
    "count",
    "candidates",
    "introducers",
    "reason",
]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_demand_json(sample) -> None:
    result = run("demand", SAMPLE, "--format", "json", "--top", "0")
    assert result.exit_code == ExitCode.OK, result.output
    records = json.loads(result.stdout)
    assert all(list(record) == DEMAND_FIELDS for record in records)
    # README section 6: 7 shortage cells, L1-L3 with a gap first.
    assert len(records) == 7
    assert [(r["occupation"], r["municipality"]) for r in records if r["gap"]] == [
        ("5120", "2480"),
        ("5322", "2401"),
        ("8332", "2460"),
    ]


def test_demand_csv_and_table_with_a_filter() -> None:
    result = run("demand", SAMPLE, "--format", "csv", "--municipality", "Vännäs")
    assert result.exit_code == ExitCode.OK, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["occupation"], r["unprepared"]) for r in rows] == [("8332", "true"), ("7111", "false")]
    table = run("demand", SAMPLE, "--format", "table", "--top", "1")
    assert table.exit_code == ExitCode.OK and "Kockar och kallskänkor" in table.stdout and "anhoriga" in table.stdout


def test_gaps_employers_json() -> None:
    result = run("gaps", SAMPLE, "--kind", "employers", "--format", "json")
    assert result.exit_code == ExitCode.OK, result.output
    records = json.loads(result.stdout)
    assert all(list(record) == EMPLOYER_GAP_FIELDS for record in records)
    assert [(r["employer"], r["count"], r["introducers"]) for r in records] == [
        ("vannas-tra", 6, ["vannas-kommun"]),  # README E1
        ("robertsfors-mek", 4, []),  # README E2
    ]


def test_gaps_all_keeps_its_three_kinds() -> None:
    records = json.loads(run("gaps", SAMPLE, "--kind", "all", "--format", "json", "--top", "0").stdout)
    assert {r["kind"] for r in records} == {"actors", "projects", "sectors"}


@pytest.mark.parametrize(
    ("args", "what"),
    [(("demand",), "demand"), (("gaps", "--kind", "employers"), "gaps --kind employers")],
)
def test_neo4j_is_refused_before_connecting(args: tuple[str, ...], what: str) -> None:
    # The port is closed: an attempt to connect would fail with NEO4J_UNREACHABLE (3), not a usage error.
    result = run(*args, "--backend", "neo4j", "--dataset", "x", "--uri", "bolt://127.0.0.1:9")
    assert result.exit_code == ExitCode.INVALID_DATA
    assert f"{what} is not yet available with --backend neo4j" in result.output


def test_a_dataset_without_the_files_says_so(write_dataset) -> None:
    folder = write_dataset(actors="id,name,municipalities\na,A,Umeå\n")
    result = run("demand", str(folder), "--format", "json")
    assert result.exit_code == ExitCode.OK and json.loads(result.stdout) == []
    assert "no labour_demand.csv" in result.stderr
    gaps = run("gaps", str(folder), "--kind", "employers", "--format", "json")
    assert gaps.exit_code == ExitCode.OK and json.loads(gaps.stdout) == []
    assert "no employer_needs.csv" in gaps.stderr
