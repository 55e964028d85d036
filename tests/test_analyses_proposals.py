"""Proposals (issue 17): forums for the planted duplicate groups, consortia for the uncovered cells, introductions.

Reference values: data/umearegionen/README.md, "Expected results" (D1-D4, U1-U3, G2-G5).
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace

import pytest

from stakeholders import load_dataset
from stakeholders.analyses.proposals import (
    KINDS,
    Member,
    Proposal,
    declared_date,
    default_as_of,
    escape_markdown,
    needs,
    proposals,
    proposals_markdown,
    running,
)
from stakeholders.schema import Sector

# Every project of the four groups is still running (or yet to start) on this day.
BEFORE_ALL = dt.date(2008, 6, 1)
PLANTED_GROUPS = {
    ("p-foretagsam", "p-kvinnors-foretag", "p-starta-eget"): {"almi", "coompanion", "nyforetagarcentrum"},  # D1
    ("p-sprak-vannas", "p-sprakcafe-vannas"): {"vannas-kommun", "sv-vb"},  # D2
    ("p-vagen-in", "p-validering-umu"): {"nus", "umu"},  # D3
    ("p-mentor-ingenjorer", "p-vagen-in"): {"handelskammaren", "nus"},  # D4
}
UNCOVERED = [("utrfodda-kvinnor", "2404"), ("funktionsnedsattning", "2409"), ("funktionsnedsattning", "2401")]
PLANTED_INTRODUCTIONS = {  # G2-G5: the pair and its one introducer
    ("fub", "umea-soc"): "fk-umea",
    ("kfum", "umea-ame"): "umea-integration",
    ("ica", "umea-integration"): "umea-ame",
    ("almi", "foretagarna"): "nyforetagarcentrum",
}


def by_kind(found: list[Proposal], kind: str) -> list[Proposal]:
    return [p for p in found if p.kind == kind]


# -- the date ---------------------------------------------------------------------------------------------------


def test_the_default_date_is_the_latest_project_start(sample) -> None:
    assert default_as_of(sample) == dt.date(2010, 1, 1)  # p-glesbygd starts 2010-01-01
    assert default_as_of(sample, dt.date(2009, 6, 1)) == dt.date(2009, 6, 1)
    assert sample.modified is not None and default_as_of(sample) != sample.modified  # never the files' date


def test_dataset_toml_date(tmp_path, sample_path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(sample_path, folder)
    assert declared_date(folder) is None
    (folder / "dataset.toml").write_text('name = "x"\ndate = 2009-06-01\n', encoding="utf-8")
    assert declared_date(folder) == dt.date(2009, 6, 1)
    (folder / "dataset.toml").write_text('date = "2009-07-02"\n', encoding="utf-8")
    assert declared_date(folder) == dt.date(2009, 7, 2)
    (folder / "dataset.toml").write_text("date = [broken\n", encoding="utf-8")
    assert declared_date(folder) is None


def test_running(sample) -> None:
    project = sample.projects["p-starta-eget"]  # 2008-01-01 - 2009-12-31
    assert running(project, dt.date(2009, 12, 31)) and not running(project, dt.date(2010, 1, 1))
    assert running(project, dt.date(2007, 1, 1))  # not started yet: still to run
    assert running(project, None)


# -- forums -----------------------------------------------------------------------------------------------------


def test_every_planted_group_gets_a_forum_with_exactly_its_owners(sample) -> None:
    forums = proposals(sample, as_of=BEFORE_ALL, top=0, kinds=["forum"])
    found = {tuple(sorted(p.need["projects"])): p for p in forums}
    assert set(found) == set(PLANTED_GROUPS)
    for projects, owners in PLANTED_GROUPS.items():
        forum = found[projects]
        assert {m.actor for m in forum.members if m.role == "owner"} == owners
        participants = {a for p in projects for a in sample.projects[p].participants}
        assert {m.actor for m in forum.members} == participants  # owners and partners, nobody else
        partners = {m.actor for m in forum.members if m.role == "partner"}
        assert partners == participants - owners
        for member in forum.members:  # each reason names one of the member's real projects
            assert any(
                sample.projects[p].name in member.reason
                for p in projects
                if member.actor in sample.projects[p].participants
            )
    d1 = found[("p-foretagsam", "p-kvinnors-foretag", "p-starta-eget")]
    assert d1.score == 0.632644 and d1.need["overlap"] == {"start": "2009-03-01", "end": "2009-12-31"}
    assert [p.id for p in forums] == [f"forum-{n}" for n in range(1, 5)]
    # Groups with no shared owner or partner first (they have no forum yet), then by score (docs/proposals.md).
    ranks = [(p.need["coordinated"], -p.score) for p in forums]
    assert ranks == sorted(ranks)
    assert [p.need["coordinated"] for p in forums].count(True) == 1  # D3 shares a partner (docs/analyses.md)


def test_a_group_run_by_one_organisation_gets_no_forum(sample) -> None:
    # D1's three projects given one owner and no partners: nobody to gather, though duplicates still lists it.
    one = "almi"  # the owner of p-foretagsam in data/umearegionen/projects.csv
    changed = {
        p: replace(sample.projects[p], owner=one, partners=())
        for p in ("p-foretagsam", "p-kvinnors-foretag", "p-starta-eget")
    }
    alone = replace(sample, projects={**sample.projects, **changed})
    forums = proposals(alone, as_of=BEFORE_ALL, top=0, kinds=["forum"])
    assert all(set(p.need["projects"]) != set(changed) for p in forums)
    assert len(forums) == len(PLANTED_GROUPS) - 1


def test_a_forum_only_for_projects_still_running(sample) -> None:
    forums = proposals(sample, as_of=dt.date(2010, 1, 1), top=0, kinds=["forum"])
    # D3 (both ended 2008/2009) and D4 (p-vagen-in ended 2009-12-31) are over; D1 without p-starta-eget.
    assert sorted(tuple(p.need["projects"]) for p in forums) == [
        ("p-foretagsam", "p-kvinnors-foretag"),
        ("p-sprak-vannas", "p-sprakcafe-vannas"),
    ]
    d1 = next(p for p in forums if "p-foretagsam" in p.need["projects"])
    assert d1.need["ended_projects"] == ["p-starta-eget"]
    members = {m.actor for m in d1.members}
    assert "nyforetagarcentrum" not in members and "foretagarna" not in members  # p-starta-eget's people
    assert d1.need["overlap"] == {"start": "2009-03-01", "end": "2010-06-30"}
    assert proposals(sample, as_of=dt.date(2011, 1, 1), kinds=["forum"]) == []


# -- consortia --------------------------------------------------------------------------------------------------


def serves_nearby(dataset, actor: str, group: str, place: str, as_of) -> bool:
    """The actor serves the group in another municipality of the cell's region (own record or a running project)."""
    region = dataset.municipalities[place].region
    places = {m for m, record in dataset.municipalities.items() if record.region == region and m != place}
    record = dataset.actors[actor]
    if group in record.target_groups and places & set(record.municipalities):
        return True
    return any(
        running(p, as_of) and actor in p.participants and group in p.target_groups and places & set(p.municipalities)
        for p in dataset.projects.values()
    )


@pytest.mark.parametrize("as_of", [dt.date(2009, 6, 1), dt.date(2010, 1, 1)])
def test_every_uncovered_cell_gets_a_consortium_of_fitting_members(sample, as_of) -> None:
    consortia = proposals(sample, as_of=as_of, top=0, kinds=["consortium"])
    by_cell = {(p.need["target_group"], p.need["municipality"]): p for p in consortia}
    uncovered = [(c.target_group, c.municipality) for c in needs(sample, as_of) if c.uncovered]
    assert set(UNCOVERED) <= set(uncovered)
    for cell in uncovered:
        assert cell in by_cell
    # Uncovered cells come first.
    flags = [p.need["uncovered"] for p in consortia]
    assert flags == sorted(flags, reverse=True)
    for proposal in consortia:
        group, place = proposal.need["target_group"], proposal.need["municipality"]
        members = {m.actor: m for m in proposal.members}
        for actor, member in members.items():
            record = sample.actors[actor]
            if member.role == "nearby":
                assert serves_nearby(sample, actor, group, place, as_of), (proposal.id, actor)
                assert sample.target_groups[group].name in member.reason
            elif member.role in ("local", "employer", "public"):
                assert place in record.municipalities, (proposal.id, actor)
                assert sample.municipalities[place].name in member.reason
        local = [a for a in sample.actors.values() if place in a.municipalities]
        team = [sample.actors[a] for a in members]
        if any(a.sector is Sector.PRIVATE for a in local):
            assert any(a.sector is Sector.PRIVATE for a in team), proposal.id
        if any(a.sector is Sector.PUBLIC for a in local):
            assert any(a.sector is Sector.PUBLIC for a in team), proposal.id
        assert sum(m.role == "convener" for m in proposal.members) == 1


def test_uncovered_cells_planted(sample) -> None:
    consortia = proposals(sample, as_of=dt.date(2009, 6, 1), top=0, kinds=["consortium"])
    uncovered = [(p.need["target_group"], p.need["municipality"]) for p in consortia if p.need["uncovered"]]
    assert sorted(uncovered) == sorted(UNCOVERED)  # U1-U3 while p-jobbsparet still runs, ranked by score
    assert [(c.target_group, c.municipality) for c in needs(sample, dt.date(2009, 6, 1)) if c.uncovered] == UNCOVERED
    robertsfors = next(p for p in consortia if p.need["municipality"] == "2409" and p.need["uncovered"])
    roles = {m.actor: m.role for m in robertsfors.members}
    assert roles.get("robertsfors-mek") == "employer" and roles.get("robertsfors-kommun") == "public"
    vindeln = next(
        p for p in consortia if p.need["municipality"] == "2404" and p.need["uncovered"]
    )  # U1: Vindeln has no private actor, so no employer; the public one is its own
    assert vindeln.need["target_group"] == "utrfodda-kvinnor" and "employer" not in vindeln.need["roles_filled"]
    assert "vindeln-kommun" in {m.actor for m in vindeln.members}
    # score = (1 + log10(1 + 18)) x 3/4 roles filled
    assert vindeln.score == pytest.approx((1 + 1.2787536) * 0.75, abs=1e-6)


def test_an_ended_project_serves_nobody(sample) -> None:
    # (utrfodda-kvinnor, 2401 Nordmaling), size 110, is served only by p-jobbsparet (ends 2009-12-31).
    cell = ("utrfodda-kvinnor", "2401")
    before = {(c.target_group, c.municipality): c for c in needs(sample, dt.date(2009, 6, 1))}
    after = {(c.target_group, c.municipality): c for c in needs(sample, dt.date(2010, 1, 1))}
    assert not before[cell].uncovered and before[cell].running == ("p-jobbsparet",)  # under-served
    assert after[cell].uncovered and after[cell].ended == ("p-jobbsparet",)
    # Nobody is a nearby member through p-jobbsparet once it has ended.
    late = proposals(sample, as_of=dt.date(2010, 1, 1), top=0, kinds=["consortium"])
    for proposal in late:
        for member in proposal.members:
            assert sample.projects["p-jobbsparet"].name not in member.reason


# -- introductions ----------------------------------------------------------------------------------------------


def test_planted_gaps_are_introduced_by_their_introducer(sample) -> None:
    found = proposals(sample, as_of=default_as_of(sample), top=0, kinds=["introductions"])
    assert found
    given = {}
    for proposal in found:
        (convener,) = [m.actor for m in proposal.members if m.role == "convener"]
        assert convener == proposal.members[0].actor
        introduced = {m.actor for m in proposal.members if m.role == "introduced"}
        for gap in proposal.need["gaps"]:
            pair = tuple(gap["actors"])
            assert pair not in given  # each gap in one message
            given[pair] = convener
            assert set(pair) <= introduced
        assert proposal.score == pytest.approx(sum(g["score"] for g in proposal.need["gaps"]), abs=1e-5)
        assert sample.actors[convener].name in proposal.title
    for pair, introducer in PLANTED_INTRODUCTIONS.items():
        assert given[pair] == introducer, pair


# -- the whole ----------------------------------------------------------------------------------------------------


def test_fields_order_languages_and_determinism(sample) -> None:
    first = proposals(sample, as_of=default_as_of(sample), top=3)
    assert [p.kind for p in first] == sorted((p.kind for p in first), key=KINDS.index)
    assert len({p.id for p in first}) == len(first)
    for proposal in first:
        record = proposal.to_json()
        assert list(record)[:4] == ["id", "kind", "title", "members"]
        assert {"need", "score"} <= set(record)
        for member in record["members"]:
            assert list(member) == ["actor", "name", "role", "reason"]
            assert member["name"] == sample.actors[member["actor"]].name
    again = proposals(load_dataset(sample.source), as_of=default_as_of(sample), top=3)
    assert [p.to_json() for p in again] == [p.to_json() for p in first]
    swedish = proposals(sample, as_of=default_as_of(sample), top=1, lang="sv")
    titles = {p.kind: p.title for p in swedish}
    assert titles["forum"].startswith("Forum för parallella projekt")
    assert titles["consortium"].startswith("Konsortium för")


def test_top_per_kind(sample) -> None:
    every = proposals(sample, as_of=default_as_of(sample), top=0)
    two = proposals(sample, as_of=default_as_of(sample), top=2)
    for kind in KINDS:
        assert [p.to_json() for p in by_kind(two, kind)] == [p.to_json() for p in by_kind(every, kind)[:2]]


def test_markdown_escapes_user_text() -> None:
    evil = "<script>alert(1)</script> *bold* [link](http://x) `code` a|b"
    proposal = Proposal(
        id="forum-1",
        kind="forum",
        title=evil,
        members=(Member("a", evil, "owner", evil),),
        need={},
        score=1.0,
        need_text=evil,
        as_of="2010-01-01",
    )
    text = proposals_markdown([proposal])
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "*bold*" not in text and "\\*bold\\*" in text
    assert "[link]" not in text and "`code`" not in text and "a\\|b" in text
    assert escape_markdown("line\nbreak") == "line break"
    assert text.startswith("# Proposals (as of 2010-01-01)")


# -- generated data with planted findings ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    import json

    from stakeholders.generate import PLANTED_FILE, generate_dataset

    folder = tmp_path_factory.mktemp("gen") / "out"
    generate_dataset(folder, 600, 300, seed=3)
    return load_dataset(folder), json.loads((folder / PLANTED_FILE).read_text(encoding="utf-8"))


def test_generated_planted_findings(generated) -> None:
    dataset, planted = generated
    found = proposals(dataset, as_of=None, top=0)
    forums = {tuple(sorted(p.need["projects"])): p for p in found if p.kind == "forum"}
    for group in planted["duplicates"]:
        forum = forums[tuple(sorted(group))]
        owners = {dataset.projects[p].owner for p in group}
        assert {m.actor for m in forum.members if m.role == "owner"} == owners
    consortia = {(p.need["target_group"], p.need["municipality"]): p for p in found if p.kind == "consortium"}
    for group, place in planted["uncovered"]:
        consortium = consortia[(group, place)]
        roles = set(consortium.need["roles_filled"])
        sectors = {dataset.actors[m.actor].sector for m in consortium.members}
        local = {a.sector for a in dataset.actors.values() if place in a.municipalities}
        assert ("employer" in roles) == (Sector.PRIVATE in local) and ("public" in roles) == (Sector.PUBLIC in local)
        assert {Sector.PRIVATE, Sector.PUBLIC} & local <= sectors
    introduced = {
        tuple(g["actors"]): p.members[0].actor for p in found if p.kind == "introductions" for g in p.need["gaps"]
    }
    for a, b, introducer in planted["introducers"]:
        assert introduced[tuple(sorted((a, b), key=str.casefold))] == introducer
