"""The index of `similar --index DIR` (issue 17, part 3): reused, rebuilt when a list changes, filters, same results."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from pathlib import Path

from click.testing import CliRunner

from stakeholders import load_dataset
from stakeholders.analyses.similar import Filters, similar_projects
from stakeholders.analyses.similar_index import build_index, fingerprint, read_index
from stakeholders.cli import main
from tests.test_analyses_similar import ACTORS, PROJECTS

KOHESIO = Path(__file__).parent / "import_data" / "kohesio-se.csv"


def _run(*args: str):
    result = CliRunner().invoke(main, ["similar", "sample:umearegionen", *args, "--format", "json"])
    assert result.exit_code == 0, (result.stderr, result.exception)
    return json.loads(result.stdout), result.stderr


def test_the_index_gives_the_same_results(sample, write_dataset, tmp_path) -> None:
    folder = write_dataset(actors=ACTORS, projects=PROJECTS, folder="norrbotten")
    lists = [("norrbotten", load_dataset(folder)), ("sample", sample)]
    plain = similar_projects(sample, lists, top=3)
    mark = fingerprint([folder, Path(sample.source)], ["norrbotten", "sample"])
    built = build_index(lists, tmp_path / "index", fingerprint=mark, chunk=7)  # several chunks
    assert built.built and len(built.chunks) > 1
    again = read_index(tmp_path / "index", mark)
    assert again is not None and not again.built
    assert similar_projects(sample, index=again, top=3) == plain
    assert similar_projects(sample, index=build_index(lists), top=3) == plain
    found = similar_projects(sample, index=again, project="p-sprakcafe-vannas", top=0)
    assert next(r.id for r in found if r.list == "norrbotten") == "x-samtal"
    assert read_index(tmp_path / "index", [["other"]]) is None  # another fingerprint: not this index


def test_reused_then_rebuilt_when_a_list_changes(tmp_path) -> None:
    listed = tmp_path / "kohesio.csv"
    listed.write_bytes(KOHESIO.read_bytes())
    index = tmp_path / "index"
    plain, _ = _run("--in", str(listed), "--top", "2")
    rows, notes = _run("--in", str(listed), "--top", "2", "--index", str(index))
    assert "index built" in notes and rows == plain
    stamps = {p.name: p.stat().st_mtime_ns for p in index.iterdir()}
    rows, notes = _run("--in", str(listed), "--top", "2", "--index", str(index))
    assert "reused" in notes and "operations imported" not in notes and rows == plain
    assert {p.name: p.stat().st_mtime_ns for p in index.iterdir()} == stamps  # not rewritten
    with listed.open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    with listed.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(records[:-1])  # one operation fewer
    os.utime(listed, ns=(1, 1))
    rows, notes = _run("--in", str(listed), "--top", "0", "--index", str(index))
    assert "index built" in notes
    assert json.loads((index / "index.json").read_text(encoding="utf-8"))["operations"] == 10
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no work folder left


def test_filters(tmp_path) -> None:
    everything, _ = _run("--in", str(KOHESIO), "--top", "0", "--index", str(tmp_path / "i"))
    assert everything
    swedish, _ = _run("--in", str(KOHESIO), "--top", "0", "--index", str(tmp_path / "i"), "--country", "SVERIGE")
    assert swedish == everything and {r["country"] for r in swedish} == {"Sverige"}
    none, _ = _run("--in", str(KOHESIO), "--top", "0", "--index", str(tmp_path / "i"), "--country", "Danmark")
    assert none == []
    late, _ = _run("--in", str(KOHESIO), "--top", "0", "--from", "2019-01-01", "--to", "2019-12-31")
    assert late and len(late) < len(everything)
    for row in late:
        start, _, end = row["period"].partition(" – ")
        assert (not end or end >= "2019-01-01") and (not start or start <= "2019-12-31")
    meta = {
        "id": ["a", "b", "c"],
        "start": ["2010-01-01", "", "2020-01-01"],
        "end": ["2012-12-31", "", ""],
        "country": ["Sverige", "", "Danmark"],
        "region": ["Västerbotten; Norrbotten", "", "Region Nordjylland"],
    }
    assert Filters().mask(meta) is None
    assert Filters(start=dt.date(2013, 1, 1)).mask(meta).tolist() == [False, True, True]
    assert Filters(end=dt.date(2015, 1, 1)).mask(meta).tolist() == [True, True, False]
    assert Filters(regions=("norrbotten",)).mask(meta).tolist() == [True, False, False]
    assert Filters(countries=("danmark", "sverige")).mask(meta).tolist() == [True, False, True]
