"""Issue 18: Arbetsförmedlingen's occupational forecast (Yrkesbarometern) as a dataset's labour_demand.csv.

tests/import_data/yrkesbarometer-sample.csv is a small file in the published layout: the columns of the
Yrkesbarometer open data (ssyk, ssyk_text, lan, jobbmojligheter, rekryteringssituation, prognos, omgang, ...), as
Arbetsförmedlingen's JobTech documentation of the forecast describes them; the values are illustrative.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from stakeholders import load_dataset
from stakeholders.analyses import demand
from stakeholders.cli import main
from stakeholders.errors import ExitCode
from stakeholders.importers.forecast import convert_forecast
from stakeholders.problems import DatasetError

SAMPLE = Path(__file__).resolve().parent / "import_data" / "yrkesbarometer-sample.csv"


@pytest.fixture
def region(tmp_path: Path, sample_path: Path) -> Path:
    folder = tmp_path / "region"
    shutil.copytree(sample_path, folder)
    return folder


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_published_forecast_becomes_the_labour_demand_of_each_municipality(region: Path) -> None:
    result = convert_forecast(SAMPLE, region)
    rows = _rows(region / "labour_demand.csv")
    places = [row["id"] for row in _rows(region / "municipalities.csv")]
    västerbotten = [p for p in places if p.startswith("24")]  # county 24 (the rest of the sample: 25, Norrbotten)
    assert västerbotten and len(västerbotten) < len(places)
    # 5321: Västerbotten's own row (brist), the national row (brist) elsewhere; 8332: Västerbotten's row (balans),
    # and no row for Norrbotten (Stockholm's överskott is Stockholm's); 5120: only a national row, so everywhere.
    expected = {("5321", p, "shortage") for p in places} | {("8332", p, "balance") for p in västerbotten}
    expected |= {("5120", p, "shortage") for p in places}
    assert {(r["occupation"], r["municipality"], r["outlook"]) for r in rows} == expected
    assert result.rows == len(rows) == 2 * len(places) + len(västerbotten)
    assert result.municipalities_without_forecast == ()
    assert {r["year"] for r in rows} == {"2026"} and all("Yrkesbarometern" in r["source"] for r in rows)
    dataset = load_dataset(region)  # the loader accepts what was written, occupations included
    assert {"5321", "8332", "5120"} <= set(dataset.occupations)
    assert {r.occupation for r in demand(dataset, top=0)} >= {"5321", "5120"}  # the two shortages


def test_bad_codes_outlooks_and_counties_are_errors_naming_row_and_column(region: Path, tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").splitlines()
    bad = [text[0], text[1].replace(",5321,", ",532,"), text[2].replace(",brist,", ",lagom,"),
           text[3].replace(",24,", ",99,")]  # fmt: skip
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(bad) + "\n", encoding="utf-8")
    with pytest.raises(DatasetError) as raised:
        convert_forecast(path, region)
    found = [(p.row, p.column, p.value) for p in raised.value.errors]
    assert found == [(2, "ssyk", "532"), (3, "rekryteringssituation", "lagom"), (4, "lan", "99")]
    before = (Path(__file__).resolve().parents[1] / "data" / "umearegionen" / "labour_demand.csv").read_bytes()
    assert (region / "labour_demand.csv").read_bytes() == before, "nothing was written"


def test_the_command_and_a_file_that_is_not_a_forecast(region: Path, tmp_path: Path) -> None:
    done = CliRunner().invoke(main, ["forecast", str(SAMPLE), str(region)])
    assert done.exit_code == ExitCode.OK, done.output
    assert done.stdout.strip() == str(region / "labour_demand.csv")
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    refused = CliRunner().invoke(main, ["forecast", str(other), str(region)])
    assert refused.exit_code == ExitCode.INVALID_DATA
    assert "not a Yrkesbarometer file" in refused.output and "ssyk" in refused.output
