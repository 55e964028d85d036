"""The propose and partners commands: formats, options, fields, errors (issue 17)."""

from __future__ import annotations

import csv
import io
import json
import shutil

from click.testing import CliRunner

from stakeholders.cli import main

SAMPLE = "sample:umearegionen"
PROPOSAL_FIELDS = ["id", "kind", "title", "members", "need", "score"]
PARTNER_FIELDS = [
    "actor",
    "name",
    "score",
    "shared_target_groups",
    "shared_municipalities",
    "common_contacts",
    "two_steps",
]


def run(*args: str, code: int = 0):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == code, (result.stdout, result.stderr, result.exception)
    return result


def present(record: dict, fields: list[str]) -> list[str]:
    return [key for key in record if key in fields]


def test_propose_json() -> None:
    result = run("propose", SAMPLE, "--format", "json", "--top", "2")
    found = json.loads(result.stdout)
    assert [p["kind"] for p in found] == ["forum"] * 2 + ["consortium"] * 2 + ["introductions"] * 2
    for proposal in found:
        assert present(proposal, PROPOSAL_FIELDS) == PROPOSAL_FIELDS
        assert proposal["as_of"] == "2010-01-01"
        for member in proposal["members"]:
            assert list(member) == ["actor", "name", "role", "reason"]
    assert "read as of 2010-01-01" in result.stderr and "read as of" not in result.stdout


def test_propose_as_of_kind_and_lang() -> None:
    found = json.loads(run("propose", SAMPLE, "--format", "json", "--as-of", "2008-06-01", "--kind", "forum").stdout)
    assert len(found) == 4 and {p["kind"] for p in found} == {"forum"}  # D1-D4
    swedish = json.loads(run("propose", SAMPLE, "--format", "json", "--kind", "consortium", "--lang", "sv").stdout)
    assert all(p["title"].startswith("Konsortium för") for p in swedish)
    run("propose", SAMPLE, "--as-of", "2008-13-01", code=2)


def test_propose_reads_dataset_toml(tmp_path, sample_path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(sample_path, folder)
    (folder / "dataset.toml").write_text("date = 2008-06-01\n", encoding="utf-8")
    result = run("propose", str(folder), "--format", "json", "--kind", "forum", "--top", "0")
    assert "read as of 2008-06-01" in result.stderr
    assert len(json.loads(result.stdout)) == 4


def test_propose_csv_md_table() -> None:
    text = run("propose", SAMPLE, "--format", "csv", "--top", "1").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["kind"] for r in rows] == ["forum", "consortium", "introductions"]
    assert rows[0]["id"] == "forum-1" and "(owner)" in rows[0]["members"]
    md = run("propose", SAMPLE, "--format", "md", "--top", "1").stdout
    assert md.startswith("# Proposals (as of 2010-01-01)") and "## forum\\-1" not in md and "## forum-1" in md
    assert md.count("\n## ") == 3
    table = run("propose", SAMPLE, "--format", "table", "--top", "1").stdout
    assert table.splitlines()[0].startswith("1. forum-1: Forum for parallel projects")


def test_partners_json_and_table() -> None:
    rows = json.loads(run("partners", SAMPLE, "--actor", "umea-soc", "--format", "json").stdout)
    for row in rows:
        assert present(row, PARTNER_FIELDS) == PARTNER_FIELDS
    assert rows[0]["actor"] == "fub" and rows[0]["common_contacts"] == ["fk-umea"] and rows[0]["two_steps"] is True
    table = run("partners", SAMPLE, "--actor", "umea-soc", "--format", "table").stdout
    assert (
        table.startswith("1. FUB Umeå (fub): score")
        and "two steps away through Försäkringskassan lokalkontor Umeå" in table
    )
    text = run("partners", SAMPLE, "--project", "p-rehab", "--format", "csv").stdout
    assert text.splitlines()[0] == ",".join(PARTNER_FIELDS)


def test_partners_errors() -> None:
    result = run("partners", SAMPLE, "--actor", "nobody", "--format", "json", code=2)
    assert "no actor 'nobody'" in result.stderr and result.stdout == ""
    run("partners", SAMPLE, "--format", "json", code=2)
    run("partners", SAMPLE, "--actor", "fub", "--project", "p-rehab", code=2)
