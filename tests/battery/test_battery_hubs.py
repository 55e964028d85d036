"""Blow-up hubs: every analysis, the map and the report stay bounded around one huge hub (issue 20, item 4).

The datasets (tests/battery/hub_datasets.py) are small here so that the battery stays fast; the
issue's sizes and their timings are in benchmarks/bench_hubs.py and benchmarks/RESULTS.md. What is
asserted is what bounds the work, not a time: the contacts a huge project adds, the pairs whose
distance is searched, and that every command finishes with a whole output.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hub_datasets import HUBS, write_hub_dataset  # tests/battery is on sys.path (pytest rootdir-less import)

from stakeholders import load_dataset
from stakeholders.analyses import gaps as gaps_module
from stakeholders.analyses.contacts import contact_network
from stakeholders.analyses.gaps import actor_gaps
from stakeholders.analyses.limits import data_limits
from stakeholders.cli import main
from stakeholders.model import STAR_FROM, contact_pairs

ACTORS = 3 * STAR_FROM  # a hub project of 599 partners: past the star limit, small enough for a fast test


@pytest.fixture(scope="module")
def hubs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("hubs")
    return {hub: write_hub_dataset(root / hub, hub, ACTORS) for hub in HUBS}


def test_a_project_past_the_limit_is_a_star_around_its_owner(hubs: dict[str, Path]) -> None:
    dataset = load_dataset(hubs["partners"])
    hub = dataset.projects["hub"]
    assert len(hub.participants) == ACTORS > STAR_FROM
    pairs = {frozenset(p) for p in contact_pairs(dataset)}
    base = {frozenset(p) for p in contact_pairs(load_dataset(hubs["none"]))}
    added = pairs - base
    # a clique would add up to 599 * 598 / 2 = 179,101 contacts; a star adds at most one per partner
    assert 0 < len(added) <= ACTORS - 1
    assert all("a0" in pair for pair in added)
    network = contact_network(dataset)
    assert len(network.neighbours[network.index["a0"]]) == ACTORS - 1


def test_a_project_at_the_limit_keeps_every_pair(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "actors.csv").write_text("id,name\n" + "".join(f"a{k},A{k}\n" for k in range(STAR_FROM)))
    partners = ";".join(f"a{k}" for k in range(1, STAR_FROM))
    (folder / "projects.csv").write_text(f"id,name,owner,partners\np,P,a0,{partners}\n")
    pairs = {frozenset(p) for p in contact_pairs(load_dataset(folder))}
    assert len(pairs) == STAR_FROM * (STAR_FROM - 1) // 2  # 200 participants: every pair, as before


def test_the_star_is_said_by_the_analyses_it_affects(hubs: dict[str, Path]) -> None:
    limits = data_limits(load_dataset(hubs["partners"]))
    (star,) = [limit for limit in limits if limit.code == "star_projects"]
    assert {"gaps", "brokers", "map", "report"} <= set(star.affects)
    assert "Hub project, 600" in star.text() and f"more than {STAR_FROM} participants" in star.text()
    result = CliRunner().invoke(main, ["brokers", str(hubs["partners"]), "--top", "3", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "in contact with the project's owner only" in result.stderr
    assert json.loads(result.stdout)["brokers"][0]["actor"] == "a0"  # the owner holds the star together
    assert not [limit for limit in data_limits(load_dataset(hubs["none"])) if limit.code == "star_projects"]


def test_top_gaps_among_thousands_of_equal_overlaps_search_few_distances(
    hubs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset = load_dataset(hubs["shared-cell"])  # 600 actors in one cell: 179,700 pairs, mostly of one overlap
    searched: list[int] = []
    real = gaps_module._distances

    def counting(network, first, second):  # type: ignore[no-untyped-def]
        searched.append(len(first))
        return real(network, first, second)

    monkeypatch.setattr(gaps_module, "_distances", counting)
    monkeypatch.setattr(gaps_module, "_PRODUCTS", 20_000)  # blocks of about 33 actors: many blocks, as at scale
    top = actor_gaps(dataset, top=20)
    assert len(top) == 20
    pairs = ACTORS * (ACTORS - 1) // 2
    # the best 4 x 20 overlaps are searched first and fill the top; then only pairs that could still enter
    # (of one overlap and all unreachable, only those whose ids come earlier). The code before searched all.
    assert searched and searched[0] == 4 * 20 and sum(searched) < pairs // 100
    monkeypatch.undo()
    assert top == actor_gaps(dataset, top=0)[:20]


def test_top_gaps_with_ties_mixed_case_ids_and_distances_are_the_first_of_all(tmp_path: Path) -> None:
    folder = tmp_path / "ties"
    folder.mkdir()
    ids = [f"{'Ab' if k % 3 else 'aB'}{k:03d}" if k % 2 else f"x{k}" for k in range(120)]
    (folder / "actors.csv").write_text(
        "id,name,municipalities,target_groups\n" + "".join(f"{i},Name {i},Umeå,Unga\n" for i in ids)
    )
    chain = "".join(f"{ids[k]},{ids[k + 1]}\n" for k in range(0, 119, 3))  # distances 2 to 5 and unreachable
    (folder / "cooperation.csv").write_text("source,target\n" + chain)
    dataset = load_dataset(folder)
    every = actor_gaps(dataset, top=0)
    for top in (1, 7, 20, 100, len(every) + 5):
        assert actor_gaps(dataset, top=top) == every[:top]


@pytest.mark.parametrize("hub", HUBS)
@pytest.mark.parametrize(
    "command",
    [
        ("brokers", "--format", "json"),
        ("gaps", "--kind", "all", "--top", "20", "--format", "json"),
        ("duplicates", "--format", "json"),
        ("coverage", "--format", "json"),
    ],
    ids=lambda c: c[0],
)
def test_every_analysis_runs_on_each_hub(hubs: dict[str, Path], hub: str, command: tuple[str, ...]) -> None:
    name, *options = command
    result = CliRunner().invoke(main, [name, str(hubs[hub]), *options])
    assert result.exit_code == 0, result.output[-2000:]
    assert json.loads(result.stdout) is not None


@pytest.mark.parametrize("hub", ["partners", "target-group", "municipality", "cooperation"])
def test_the_map_and_the_report_are_written_whole_on_each_hub(hubs: dict[str, Path], hub: str, tmp_path: Path) -> None:
    page = tmp_path / "map.html"
    result = CliRunner().invoke(main, ["map", str(hubs[hub]), "-o", str(page)])
    assert result.exit_code == 0, result.output[-2000:]
    assert page.read_text(encoding="utf-8").rstrip().endswith("</html>")
    report = tmp_path / "report"
    result = CliRunner().invoke(main, ["report", str(hubs[hub]), "-o", str(report)])
    assert result.exit_code == 0, result.output[-2000:]
    assert json.loads((report / "findings.json").read_text(encoding="utf-8"))
    if hub == "partners":
        codes = [limit["code"] for limit in json.loads((report / "findings.json").read_text())["data_limits"]]
        assert "star_projects" in codes
