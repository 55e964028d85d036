"""The analysis commands: gaps, duplicates, coverage, brokers (formats, --top, filters, errors, field names)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from stakeholders.cli import main

SAMPLE = "sample:umearegionen"

# The JSON field names of issue 3 ("Commands and output"); other tools depend on them.
ACTOR_GAP_FIELDS = [
    "kind",
    "actors",
    "names",
    "score",
    "shared_target_groups",
    "shared_municipalities",
    "distance",
    "introducers",
]
PROJECT_GAP_FIELDS = ["kind", "projects", "names", "score", "shared_target_groups", "shared_municipalities"]
SECTOR_GAP_FIELDS = ["kind", "municipality", "public_actors", "private_actors"]
DUPLICATE_FIELDS = [
    "projects",
    "owners",
    "score",
    "similarity",
    "shared_orientations",
    "shared_target_groups",
    "shared_municipalities",
    "overlap",
    "overlap_months",
    "combined_budget",
    "coordinated",
    "owners_in_contact",
    "reason",
    "pairs",
]
COVERAGE_FIELDS = ["target_group", "municipality", "size", "actors", "projects", "people_per_actor"]
BROKER_FIELDS = ["actor", "betweenness", "degree", "constraint", "effective_size", "articulation_point"]
COMMANDS = ["gaps", "duplicates", "coverage", "brokers"]


def run(*args: str, code: int = 0):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == code, (result.stdout, result.stderr, result.exception)
    return result


def as_json(*args: str):
    return json.loads(run(*args, "--format", "json").stdout)


def rows(document) -> list[dict]:
    """The rows of a command's JSON: a list, or for brokers the document's "brokers"."""
    return document["brokers"] if isinstance(document, dict) else document


def assert_fields(record: dict, fields: list[str]) -> None:
    """Every field of the issue is present, in that order (extra fields may follow or sit between)."""
    present = [key for key in record if key in fields]
    assert present == fields, list(record)


# -- JSON field names ------------------------------------------------------------------------------------------


def test_actor_gaps_json(sample) -> None:
    gaps = as_json("gaps", SAMPLE, "--top", "0")
    assert len(gaps) == 77  # data/umearegionen/README.md, section 1
    for gap in gaps:
        assert_fields(gap, ACTOR_GAP_FIELDS)
        assert gap["kind"] == "actors" and gap["actors"] == sorted(gap["actors"])
        assert gap["names"] == [sample.actors[a].name for a in gap["actors"]]
        assert isinstance(gap["score"], float) and (gap["distance"] is None or isinstance(gap["distance"], int))
    g1 = next(g for g in gaps if g["actors"] == ["robertsfors-kommun", "robertsfors-mek"])
    assert g1["distance"] is None and g1["introducers"] == []
    assert g1["shared_target_groups"] == ["nyanlanda"] and g1["shared_municipalities"] == ["2409"]


def test_project_and_sector_gaps_json() -> None:
    projects = as_json("gaps", SAMPLE, "--kind", "projects", "--top", "0")
    assert len(projects) == 4  # PG1-PG4
    for gap in projects:
        assert_fields(gap, PROJECT_GAP_FIELDS)
        assert gap["kind"] == "projects" and len(gap["projects"]) == 2
    (sector,) = as_json("gaps", SAMPLE, "--kind", "sectors", "--top", "0")  # S1
    assert_fields(sector, SECTOR_GAP_FIELDS)
    assert sector == sector | {
        "kind": "sectors",
        "municipality": "2409",
        "public_actors": ["robertsfors-kommun"],
        "private_actors": ["robertsfors-mek"],
    }


def test_all_kinds_of_gap_in_one_json_list() -> None:
    every = as_json("gaps", SAMPLE, "--kind", "all", "--top", "0")
    kinds = [gap["kind"] for gap in every]
    assert kinds == ["actors"] * 77 + ["projects"] * 4 + ["sectors"]


def test_duplicates_json() -> None:
    groups = as_json("duplicates", SAMPLE, "--top", "0")
    assert len(groups) == 4  # D1-D4
    for group in groups:
        assert_fields(group, DUPLICATE_FIELDS)
        assert set(group["overlap"]) == {"start", "end"}
        assert isinstance(group["owners_in_contact"], bool) and isinstance(group["coordinated"], bool)
        assert 0.5 <= group["score"] <= 1 and group["reason"]
    d1 = next(g for g in groups if g["projects"] == ["p-foretagsam", "p-kvinnors-foretag", "p-starta-eget"])
    assert d1["combined_budget"] == 2_500_000 and d1["owners_in_contact"] is False and len(d1["pairs"]) == 3


def test_duplicates_min_score_and_lang() -> None:
    everything = as_json("duplicates", SAMPLE, "--top", "0", "--min-score", "0")
    default = as_json("duplicates", SAMPLE, "--top", "0")
    assert len(everything) > len(default)  # the sample's weaker candidate pairs (README section 3) appear
    strict = as_json("duplicates", SAMPLE, "--top", "0", "--min-score", "0.7")
    assert all(g["score"] >= 0.7 for g in strict) and 0 < len(strict) < len(default)
    swedish = as_json("duplicates", SAMPLE, "--top", "1", "--lang", "sv")
    assert "liknande texter" in swedish[0]["reason"]


def test_coverage_json() -> None:
    cells = as_json("coverage", SAMPLE, "--top", "0")
    for cell in cells:
        assert_fields(cell, COVERAGE_FIELDS)
    first = [(c["target_group"], c["municipality"], c["size"]) for c in cells[:3]]
    u1_to_u3 = [
        ("utrfodda-kvinnor", "2404", 18),
        ("funktionsnedsattning", "2409", 4),
        ("funktionsnedsattning", "2401", 3),
    ]
    assert first == u1_to_u3
    assert all(c["actors"] == [] and c["projects"] == [] and c["people_per_actor"] is None for c in cells[:3])


def test_brokers_json() -> None:
    document = as_json("brokers", SAMPLE, "--top", "0")
    assert len(document["brokers"]) == 47  # every actor of the sample
    for row in document["brokers"]:
        assert_fields(row, BROKER_FIELDS)
    assert document["brokers"][0]["actor"] == "af-umea"
    assert {"articulation_points", "components", "isolated"} <= set(document)
    assert sorted(document["isolated"]) == ["radgivningsbyran", "robertsfors-mek"]


# -- formats ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "first_column"),
    [("gaps", "actors"), ("duplicates", "projects"), ("coverage", "target_group"), ("brokers", "actor")],
)
def test_csv_has_a_header_and_one_line_per_row(command: str, first_column: str) -> None:
    text = run(command, SAMPLE, "--format", "csv", "--top", "3").stdout
    table = list(csv.DictReader(io.StringIO(text)))
    assert len(table) == 3
    assert next(iter(table[0])) == first_column
    json_rows = rows(as_json(command, SAMPLE, "--top", "3"))
    assert [r[first_column] for r in table] == [
        "; ".join(r[first_column]) if isinstance(r[first_column], list) else str(r[first_column]) for r in json_rows
    ]


def test_csv_of_actor_gaps_lists_the_issue_fields() -> None:
    header = run("gaps", SAMPLE, "--format", "csv", "--top", "1").stdout.splitlines()[0]
    assert header.split(",") == ACTOR_GAP_FIELDS[1:]


@pytest.mark.parametrize("command", COMMANDS)
def test_table_explains_each_row_in_one_line(command: str) -> None:
    text = run(command, SAMPLE, "--format", "table", "--top", "3").stdout
    numbered = [line for line in text.splitlines() if line[:2] in ("1.", "2.", "3.")]
    assert len(numbered) == 3
    assert "{" not in text and "Traceback" not in text


def test_table_of_gaps_reads_as_a_sentence() -> None:
    text = run("gaps", SAMPLE, "--format", "table", "--top", "0").stdout
    line = next(line for line in text.splitlines() if "Robertsfors Mekaniska AB" in line and "Integration" in line)
    assert "no chain of contacts links them" in line and "Nyanlända flyktingar" in line and "Robertsfors" in line
    line = next(line for line in text.splitlines() if "KFUM Umeå" in line and "Arbetsmarknadsenheten" in line)
    assert "could introduce them" in line and "Umeå kommun Integrationsenheten" in line


def test_json_is_the_default_when_not_on_a_terminal() -> None:
    assert json.loads(run("coverage", SAMPLE, "--top", "2").stdout) == as_json("coverage", SAMPLE, "--top", "2")


def test_warnings_go_to_stderr_and_keep_stdout_clean() -> None:
    result = run("gaps", SAMPLE, "--format", "json")
    json.loads(result.stdout)
    assert "radgivningsbyran" in result.stderr or "Rådgivningsbyrån" in result.stderr


# -- --top ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_top_defaults_to_20_and_0_means_all(command: str) -> None:
    default = rows(as_json(command, SAMPLE))
    everything = rows(as_json(command, SAMPLE, "--top", "0"))
    three = rows(as_json(command, SAMPLE, "--top", "3"))
    assert len(default) == min(20, len(everything))
    assert default == everything[: len(default)] and three == everything[:3]


def test_top_must_not_be_negative() -> None:
    result = run("gaps", SAMPLE, "--top", "-1", code=2)
    assert "Traceback" not in result.output


# -- filters ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    ("option", "spellings"),
    [
        ("--municipality", ["2480", "Umeå", "UMEÅ"]),
        ("--target-group", ["nyanlanda", "Nyanlända flyktingar", "nyanlända FLYKTINGAR"]),
        ("--orientation", ["Språk", "språk"]),
    ],
)
def test_filters_by_id_or_name_in_any_case(command: str, option: str, spellings: list[str]) -> None:
    results = [as_json(command, SAMPLE, "--top", "0", option, value) for value in spellings]
    assert all(result == results[0] for result in results)
    assert results[0] != as_json(command, SAMPLE, "--top", "0")  # the filter did something


def test_filters_restrict_the_results() -> None:
    gaps = as_json("gaps", SAMPLE, "--top", "0", "--municipality", "Robertsfors", "--target-group", "nyanlanda")
    expected = {("af-umea", "robertsfors-mek"), ("robertsfors-kommun", "robertsfors-mek")}
    assert {tuple(g["actors"]) for g in gaps} == expected
    cells = as_json("coverage", SAMPLE, "--top", "0", "--municipality", "Vindeln", "--municipality", "Nordmaling")
    assert {c["municipality"] for c in cells} == {"2404", "2401"}
    groups = as_json("duplicates", SAMPLE, "--top", "0", "--orientation", "Validering")
    assert all(g["shared_orientations"] == ["Validering"] for g in groups) and len(groups) == 2  # D3, D4
    brokers = as_json("brokers", SAMPLE, "--top", "0", "--municipality", "2409")["brokers"]
    assert {b["actor"] for b in brokers} >= {"robertsfors-kommun", "robertsfors-mek"}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    ("option", "value", "suggestion"),
    [
        ("--municipality", "Umea", "'Umeå'"),
        ("--municipality", "umea", "'Umeå'"),
        ("--target-group", "nyanland", "'nyanlanda'"),
        ("--orientation", "Sprak", "'Språk'"),
    ],
)
def test_an_unknown_filter_value_is_a_usage_error_with_a_suggestion(command, option, value, suggestion) -> None:
    result = run(command, SAMPLE, option, value, "--format", "json", code=2)
    assert result.stdout == ""
    assert f"did you mean {suggestion}" in result.stderr
    assert result.stderr.count(suggestion) == 1  # each spelling suggested once
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)  # no uncaught error


def test_an_unknown_value_without_close_match_says_so() -> None:
    result = run("coverage", SAMPLE, "--target-group", "xyzzy", code=2)
    assert "no target group 'xyzzy' in the dataset" in result.stderr


# -- determinism --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("output_format", ["json", "csv", "table"])
def test_output_is_deterministic(command: str, output_format: str) -> None:
    once = run(command, SAMPLE, "--top", "0", "--format", output_format).stdout
    again = run(command, SAMPLE, "--top", "0", "--format", output_format).stdout
    assert once == again


def test_ties_are_broken_by_id() -> None:
    gaps = as_json("gaps", SAMPLE, "--top", "0")
    keys = [(-g["score"], [a.casefold() for a in g["actors"]]) for g in gaps]
    assert keys == sorted(keys)
    assert len({g["score"] for g in gaps}) < len(gaps)  # there are ties to break in the sample
    groups = as_json("duplicates", SAMPLE, "--top", "0")
    assert [(-g["score"], g["projects"]) for g in groups] == sorted((-g["score"], g["projects"]) for g in groups)


def test_a_dataset_folder_works_like_the_sample(sample_path) -> None:
    assert as_json("gaps", str(sample_path), "--top", "5") == as_json("gaps", SAMPLE, "--top", "5")
