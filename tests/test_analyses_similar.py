"""Similar projects elsewhere (issue 17, part 3): a near-copy in other words ranks first; Kohesio lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from stakeholders import load_dataset
from stakeholders.analyses.similar import similar_projects
from stakeholders.cli import main
from stakeholders.errors import UsageError

ACTORS = "id,name\nstudieframjandet,Studiefrämjandet Lappland\nkiruna,Kiruna kommun\nskogsbolaget,Norrskog AB\n"
PROJECTS = (
    "id,name,owner,description,start,end\n"
    # A near-copy of p-sprakcafe-vannas (same topic, other words, another owner and place).
    'x-samtal,Samtalskafé på svenska i Kiruna,studieframjandet,"Språkcafé och samtalsgrupper på svenska för '
    'nyanlända och anhöriginvandrare i Kiruna, med studiecirkel varje vecka.",2015-01-01,2016-12-31\n'
    'x-skog,Skogsbruk och klimat,skogsbolaget,"Hållbart skogsbruk, gallring och virkesförsörjning.",2015-01-01,\n'
    'x-gruva,Gruvstadens flytt,kiruna,"Stadsomvandling och nya bostäder när staden flyttar.",,2020-12-31\n'
    'x-foretag,Starta företag i Kiruna,kiruna,"Rådgivning om affärsplan för nya företagare.",2016-01-01,2017-06-30\n'
)


@pytest.fixture
def other_list(write_dataset):
    return load_dataset(write_dataset(actors=ACTORS, projects=PROJECTS, folder="norrbotten"))


def test_a_near_copy_ranks_first(sample, other_list) -> None:
    rows = similar_projects(sample, [("norrbotten", other_list)], project="p-sprakcafe-vannas", top=0)
    assert rows[0].id == "x-samtal" and rows[0].list == "norrbotten"
    assert rows[0].owner == "Studiefrämjandet Lappland" and rows[0].period == "2015-01-01 – 2016-12-31"
    assert rows[0].similarity > 2 * rows[1].similarity
    assert {"svenska", "nyanlända"} & set(rows[0].matched_terms)
    record = rows[0].to_json()
    assert list(record)[:8] == ["project", "list", "id", "name", "owner", "period", "similarity", "matched_terms"]


def test_every_project_text_and_self(sample, other_list) -> None:
    rows = similar_projects(sample, [("norrbotten", other_list), ("sample", sample)], top=2)
    assert {r.project for r in rows} <= set(sample.projects)
    assert all(not (r.list == "sample" and r.id == r.project) for r in rows)  # never its own match
    per_query: dict[str, int] = {}
    for row in rows:
        per_query[row.project] = per_query.get(row.project, 0) + 1
    assert max(per_query.values()) <= 2
    found = similar_projects(sample, [("norrbotten", other_list)], text="affärsplan för nya företagare", top=1)
    assert found[0].project == "text" and found[0].id == "x-foretag"
    with pytest.raises(UsageError):
        similar_projects(sample, [("n", other_list)], project="nothing")


def test_cli_with_a_kohesio_list() -> None:
    result = CliRunner().invoke(
        main,
        [
            "similar",
            "sample:umearegionen",
            "--in",
            str(Path(__file__).parent / "import_data" / "kohesio-se.csv"),
            "--format",
            "json",
            "--top",
            "1",
        ],
    )
    assert result.exit_code == 0, (result.stderr, result.exception)
    rows = json.loads(result.stdout)
    assert rows and {r["list"] for r in rows} == {"kohesio-se"}
    assert "operations imported" in result.stderr
