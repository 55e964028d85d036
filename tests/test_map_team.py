"""Issue 17: the map of one proposal (`map --proposal ID`) draws its team, what it answers, and the ties among
them; nothing else."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from stakeholders.analyses.proposals import Proposal, default_as_of, proposals
from stakeholders.cli import main
from stakeholders.errors import ExitCode, UsageError
from stakeholders.map import MapOptions, build_map
from stakeholders.model import Dataset
from stakeholders.schema import NodeKind, node_key


def page_data(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S)
    assert found
    return json.loads(found.group(1))


@pytest.fixture(scope="module")
def sample_proposals(sample: Dataset) -> dict[str, Proposal]:
    """The first proposal of each kind, as `stakeholders propose` gives them (as of the dataset's own date)."""
    found: dict[str, Proposal] = {}
    for proposal in proposals(sample, as_of=default_as_of(sample, None)):
        found.setdefault(proposal.kind, proposal)
    assert set(found) == {"forum", "consortium", "introductions"}, "the sample has a proposal of each kind"
    return found


def _relations_between(dataset: Dataset, keys: set[str]) -> set[tuple[frozenset[str], str]]:
    """Every relation of the dataset between two of ``keys`` (self-loops aside), as the map merges them."""
    return {
        (frozenset((u, v)), kind)
        for u, v, kind in dataset.graph.edges(data="kind")
        if u in keys and v in keys and u != v
    }


@pytest.mark.parametrize("kind", ["forum", "consortium", "introductions"])
def test_a_proposal_map_draws_its_members_its_need_and_every_tie_among_them(
    sample: Dataset, sample_proposals: dict[str, Proposal], kind: str
) -> None:
    proposal = sample_proposals[kind]
    data = page_data(build_map(sample, MapOptions(proposal=proposal.id)).html)
    drawn = {n["id"] for n in data["nodes"]}
    expected = {node_key(NodeKind.ACTOR, m.actor) for m in proposal.members}
    expected |= {node_key(NodeKind.PROJECT, p) for p in proposal.need.get("projects", [])}  # type: ignore[union-attr]
    for field, node_kind in (("target_group", NodeKind.TARGET_GROUP), ("municipality", NodeKind.MUNICIPALITY)):
        if field in proposal.need:
            expected.add(node_key(node_kind, str(proposal.need[field])))
    for gap in proposal.need.get("gaps", []):  # type: ignore[union-attr]
        expected |= {node_key(NodeKind.ACTOR, a) for a in gap["actors"]}
    assert drawn == expected
    relations = {(frozenset((e["from"], e["to"])), e["rel"]) for e in data["edges"] if e["rel"] != "gap"}
    assert relations == _relations_between(sample, drawn)
    assert data["nodes"], proposal.id


def test_an_introducers_map_draws_each_of_its_gaps_as_a_gap_line(
    sample: Dataset, sample_proposals: dict[str, Proposal]
) -> None:
    proposal = sample_proposals["introductions"]
    data = page_data(build_map(sample, MapOptions(proposal=proposal.id)).html)
    gaps = {frozenset((e["from"], e["to"])) for e in data["edges"] if e["rel"] == "gap"}
    wanted = {frozenset(node_key(NodeKind.ACTOR, a) for a in g["actors"]) for g in proposal.need["gaps"]}  # type: ignore[union-attr]
    assert gaps == wanted and len(wanted) >= 2, "introductions-1 of the sample introduces several pairs"


def test_the_map_is_titled_by_the_proposal(sample: Dataset, sample_proposals: dict[str, Proposal]) -> None:
    proposal = sample_proposals["consortium"]
    page = build_map(sample, MapOptions(proposal=proposal.id))
    assert page.summary.title == proposal.title


def test_an_unknown_proposal_names_the_closest_ids(sample: Dataset) -> None:
    with pytest.raises(UsageError, match=r"no proposal 'forum-99'.*did you mean 'forum-"):
        build_map(sample, MapOptions(proposal="forum-99"))
    with pytest.raises(UsageError, match="one of --municipality, --focus and --proposal"):
        MapOptions(proposal="forum-1", municipality="2480")


def test_map_command_with_a_proposal(tmp_path: Path, sample_path: Path, open_page) -> None:
    out = tmp_path / "team.html"
    result = CliRunner().invoke(main, ["map", str(sample_path), "--proposal", "consortium-1", "-o", str(out)])
    assert result.exit_code == ExitCode.OK, result.output
    page, log = open_page(out)
    shown = page.evaluate("network.body.data.nodes.length")
    assert shown == len(page_data(out.read_text(encoding="utf-8"))["nodes"])
    assert not log.console_errors and not log.page_errors and not log.external_requests
    wrong = CliRunner().invoke(main, ["map", str(sample_path), "--proposal", "nothing-1", "-o", str(tmp_path / "x")])
    assert wrong.exit_code == ExitCode.INVALID_DATA and "no proposal 'nothing-1'" in wrong.output
    assert not (tmp_path / "x").exists()
