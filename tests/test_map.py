"""The workshop map as a library: selection, focus, overlays, privacy, safety and stable output (no browser)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from stakeholders import Dataset, load_dataset
from stakeholders.errors import OutputError, UsageError
from stakeholders.map import (
    AggregateBy,
    ColorBy,
    Layer,
    MapOptions,
    SizeBy,
    build_map,
    i18n,
    parse_layers,
    pyvis_page,
    resolve_focus,
    write_map,
)
from stakeholders.map.layout import spread
from stakeholders.map.page import script_json
from stakeholders.map.template import fill

REPO = Path(__file__).resolve().parents[1]
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def page_data(html: str) -> dict:
    """The JSON the page embeds (what its script hands to vis-network)."""
    match = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S)
    assert match, "the page has no data element"
    return json.loads(match.group(1))


# -- expectations derived from the dataset's records, independently of the map code ------------------------------


def default_layer_edges(dataset: Dataset) -> set[tuple[frozenset[str], str]]:
    """Cooperation, owner, partner and funding links as (unordered pair of node keys, kind), each once."""
    edges: set[tuple[frozenset[str], str]] = set()
    for coop in dataset.cooperations:
        if coop.source != coop.target:
            edges.add((frozenset({f"Actor:{coop.source}", f"Actor:{coop.target}"}), "COOPERATES_WITH"))
    for project in dataset.projects.values():
        edges.add((frozenset({f"Actor:{project.owner}", f"Project:{project.id}"}), "OWNS"))
        for partner in project.partners:
            if partner != project.owner:
                edges.add((frozenset({f"Actor:{partner}", f"Project:{project.id}"}), "PARTNER_IN"))
    for funding in dataset.fundings:
        edges.add((frozenset({f"Actor:{funding.funder}", f"Project:{funding.project}"}), "FUNDS"))
    return edges


def neighbourhood(edges: set[tuple[frozenset[str], str]], start: str, depth: int) -> set[str]:
    reached, frontier = {start}, {start}
    for _ in range(depth):
        frontier = {other for pair, _ in edges if pair & frontier for other in pair} - reached
        reached |= frontier
    return reached


# -- the whole sample ----------------------------------------------------------------------------------------------


def test_sample_map_draws_every_actor_and_project_and_each_relation_once(sample: Dataset) -> None:
    page = build_map(sample)
    expected_edges = default_layer_edges(sample)
    assert page.summary.nodes == len(sample.actors) + len(sample.projects) == 67
    assert page.summary.edges == len(expected_edges)
    data = page_data(page.html)
    assert len(data["nodes"]) == page.summary.nodes
    assert {(frozenset({e["from"], e["to"]}), e["rel"]) for e in data["edges"]} == expected_edges
    assert not page.summary.aggregated
    assert page.summary.node_kinds == {"Actor": 47, "Project": 20}


def test_every_layer_adds_its_nodes_and_relations(sample: Dataset) -> None:
    page = build_map(sample, MapOptions(layers=tuple(Layer)))
    kinds = page.summary.node_kinds
    assert kinds == {
        "Actor": len(sample.actors),
        "Project": len(sample.projects),
        "Municipality": len(sample.municipalities),
        "TargetGroup": len(sample.target_groups),
    }
    assert {"TARGETS", "ACTIVE_IN", "PART_OF"} <= set(page.summary.edge_kinds)
    assert "SIZED_IN" not in page.summary.edge_kinds  # statistics are in tooltips, not lines


def test_cooperation_layer_alone_draws_actors_only(sample: Dataset) -> None:
    summary = build_map(sample, MapOptions(layers=(Layer.COOPERATION,))).summary
    pairs = {frozenset({c.source, c.target}) for c in sample.cooperations if c.source != c.target}
    assert summary.node_kinds == {"Actor": len(sample.actors)}
    assert summary.edges == len(pairs)


def test_positions_are_fixed_and_physics_off(sample: Dataset) -> None:
    data = page_data(build_map(sample).html)
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == len(data["nodes"])  # no two nodes on one spot


def all_pairs_spread(xy: np.ndarray, distance: float, rounds: int = 40) -> np.ndarray:
    """spread's definition, comparing every pair: each short pair pushes both nodes half its shortfall apart,
    a node moves by the mean of its pairs' pushes."""
    xy = xy.copy()
    for _ in range(rounds):
        delta = xy[:, None, :] - xy[None, :, :]
        dist = np.sqrt((delta**2).sum(axis=2))
        np.fill_diagonal(dist, distance)
        short = dist < distance
        if not short.any():
            break
        dist = np.maximum(dist, 1e-9)
        push = np.where(short, (distance - dist) / (2 * dist), 0.0)
        i, j = np.nonzero(np.triu((delta == 0).all(axis=2) & short))
        delta[i, j], delta[j, i] = (1e-9, 0.0), (-1e-9, 0.0)
        xy += (delta * push[:, :, None]).sum(axis=1) / np.maximum(short.sum(axis=1), 1)[:, None]
    return xy


@pytest.mark.parametrize("seed", range(20))
def test_spread_pushes_exactly_the_close_pairs(seed: int) -> None:
    rng = np.random.default_rng(seed)
    xy = rng.normal(size=(int(rng.integers(2, 120)), 2)) * rng.uniform(10, 400)
    if seed % 2:
        xy = np.round(xy / 60) * 60  # nodes on one spot and at exactly the distance
    rounds = int(rng.integers(1, 41))
    assert np.array_equal(spread(xy, 100.0, rounds), all_pairs_spread(xy, 100.0, rounds))


def test_spread_moves_nodes_on_one_spot_half_the_distance_each() -> None:
    moved = spread(np.array([[0.0, 0.0], [0.0, 0.0], [500.0, 0.0]]), 100.0, rounds=1)
    assert np.allclose(moved, [[50.0, 0.0], [-50.0, 0.0], [500.0, 0.0]])


# -- focus -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [0, 1, 2, 3])
def test_focus_draws_the_neighbourhood(sample: Dataset, depth: int) -> None:
    edges = default_layer_edges(sample)
    reached = neighbourhood(edges, "Actor:umu", depth)
    summary = build_map(sample, MapOptions(focus="umu", depth=depth)).summary
    assert summary.focus == "Actor:umu"
    assert summary.nodes == len(reached)
    assert summary.edges == sum(1 for pair, _ in edges if pair <= reached)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("umu", "Actor:umu"),
        ("UMEÅ UNIVERSITET", "Actor:umu"),
        ("Actor:umu", "Actor:umu"),
        ("2480", "Municipality:2480"),
        ("Umeå", "Municipality:2480"),
        ("Nyanlända flyktingar", "TargetGroup:nyanlanda"),
        ("p-forstudie", "Project:p-forstudie"),
    ],
)
def test_focus_accepts_ids_names_and_node_keys(sample: Dataset, text: str, key: str) -> None:
    assert resolve_focus(sample, text) == key


def test_a_municipality_focus_draws_who_is_active_there(sample: Dataset) -> None:
    summary = build_map(sample, MapOptions(focus="Bjurholm", depth=1)).summary
    active = [a for a in sample.actors.values() if "2403" in a.municipalities]
    active += [p for p in sample.projects.values() if "2403" in p.municipalities]
    assert summary.nodes == 1 + len(active)
    assert summary.edge_kinds["ACTIVE_IN"] == len(active)  # and the other relations among them


def test_unknown_focus_is_a_usage_error_with_close_matches(sample: Dataset) -> None:
    with pytest.raises(UsageError, match=r"no actor, project, municipality or target group 'Umea'.*Umeå"):
        build_map(sample, MapOptions(focus="Umea"))
    with pytest.raises(UsageError, match="did you mean"):
        resolve_focus(sample, "Umeå universite")


# -- overlays ----------------------------------------------------------------------------------------------------


def test_gaps_are_dashed_warning_edges_with_the_reason(sample: Dataset) -> None:
    from stakeholders.analyses import actor_gaps

    page = build_map(sample, MapOptions(show_gaps=True, top=5))
    gaps = actor_gaps(sample, top=5)
    drawn = [e for e in page_data(page.html)["edges"] if e["rel"] == "gap"]
    assert page.summary.gaps == len(drawn) == len(gaps) == 5
    assert {frozenset({e["from"], e["to"]}) for e in drawn} == {
        frozenset(f"Actor:{a}" for a in gap.actors) for gap in gaps
    }
    for edge in drawn:
        assert edge["dashes"] and edge["color"] == "#D62728"
        assert edge["title"].startswith("Communication gap:") and "without contact" in edge["title"]


def test_focus_gaps_bring_in_the_missing_actors(sample: Dataset) -> None:
    plain = build_map(sample, MapOptions(focus="umu", depth=1)).summary
    page = build_map(sample, MapOptions(focus="umu", depth=1, show_gaps=True))
    outside = [n for n in page_data(page.html)["nodes"] if n.get("opacity")]
    assert page.summary.gaps > 0
    assert page.summary.nodes == plain.nodes + len(outside)
    assert all("Outside the neighbourhood" in n["title"] for n in outside)


def test_duplicates_are_outlined_and_linked(sample: Dataset) -> None:
    from stakeholders.analyses import duplicate_groups

    groups = duplicate_groups(sample, top=10)
    page = build_map(sample, MapOptions(show_duplicates=True))
    nodes = {n["id"]: n for n in page_data(page.html)["nodes"]}
    members = {f"Project:{p}" for g in groups for p in g.projects}
    assert page.summary.duplicate_groups == len(groups) > 0
    assert {key for key, n in nodes.items() if n.get("borderWidth") == 5} == members
    assert page.summary.edge_kinds["duplicate"] == sum(len(g.projects) * (len(g.projects) - 1) // 2 for g in groups)


# -- colours, sizes, language ------------------------------------------------------------------------------------


@pytest.mark.parametrize("color_by", list(ColorBy))
@pytest.mark.parametrize("size_by", list(SizeBy))
def test_every_colouring_and_sizing_renders(sample: Dataset, color_by: ColorBy, size_by: SizeBy) -> None:
    page = build_map(sample, MapOptions(color_by=color_by, size_by=size_by))
    data = page_data(page.html)
    groups = data["options"]["groups"]
    assert all(n["group"] in groups for n in data["nodes"])
    assert len(data["legend"]["items"]) == len(groups)


def test_sector_colours_in_the_legend_with_counts(sample: Dataset) -> None:
    html = build_map(sample, MapOptions(color_by="sector")).html
    labels = [item[0] for item in page_data(html)["legend"]["items"]]
    assert labels == ["Public", "Private", "Civil society", "Academic", "Not an actor"]
    public = sum(1 for a in sample.actors.values() if a.sector == "public")
    assert f'Public <span class="count">({public})</span>' in html


def test_swedish_page(sample: Dataset) -> None:
    html = build_map(sample, MapOptions(lang="sv", show_gaps=True)).html
    assert '<html lang="sv">' in html
    assert "Teckenförklaring" in html and "Aktörer" in html and "Spara bild (PNG)" in html
    assert "Kommunikationsglapp:" in html
    assert "Legend" not in re.sub(r"<script.*?</script>", "", html, flags=re.S)


def test_both_languages_have_the_same_words() -> None:
    assert i18n.same_keys()


# -- large networks ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("by", list(AggregateBy))
def test_above_the_limit_groups_are_drawn_and_the_page_says_so(sample: Dataset, by: AggregateBy) -> None:
    page = build_map(sample, MapOptions(max_nodes=30, aggregate_by=by, show_gaps=True))
    data = page_data(page.html)
    assert page.summary.aggregated and page.summary.network_nodes == 67
    assert page.summary.nodes == len(data["nodes"]) < 30
    assert "more than 30" in page.html and "Gaps and duplicates are drawn on maps that show every node" in page.html
    # every node is in exactly one group, and searching a member finds its group
    members = {name for name, _ in data["search"]}
    assert {a.name for a in sample.actors.values()} <= members
    assert 'id="filters"' not in page.html


# -- privacy and safety ------------------------------------------------------------------------------------------


def test_personal_data_is_shown_by_default_and_can_be_left_out(sample: Dataset) -> None:
    actor = next(a for a in sample.actors.values() if a.email)
    with_data = build_map(sample).html
    assert actor.email in with_data and actor.contact_name in with_data
    without = build_map(
        sample, MapOptions(personal_data=False, show_gaps=True, show_duplicates=True, layers=tuple(Layer))
    ).html
    assert EMAIL.findall(without) == []
    for record in sample.actors.values():
        for value in (record.contact_name, record.email, record.phone):
            if value:
                assert value not in without
    assert "Without personal data" in without


def test_script_json_cannot_end_its_script_element() -> None:
    text = script_json({"name": "</script><script>alert(1)</script>", "s": "\u2028<!--&"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script>", "s": "\u2028<!--&"}


def test_user_text_is_escaped_everywhere(write_dataset) -> None:
    evil = "<img src=x onerror=alert(1)>"
    breakout = "</script><script>alert(1)</script>"
    folder = write_dataset(
        actors=f'id,name,municipalities,target_groups\na,"{evil}",m1,t1\nb,"{breakout}",m1,t1\nc,Plain,m1,t1\n',
        municipalities=f'id,name\nm1,"<b>{evil}</b>"\n',
        target_groups=f'id,name\nt1,"{breakout}"\n',
        cooperation='source,target,note\na,b,"<i>note</i>"\n',
    )
    dataset = load_dataset(folder)
    html = build_map(dataset, MapOptions(title=evil, layers=tuple(Layer), show_gaps=True)).html
    ours = html.replace(pyvis_page.vis_network_js(), "")  # vis-network's own code mentions <b> and <i>
    assert evil not in ours and "<b>" not in ours and "<i>" not in ours
    assert html.count("</script>") == 3  # vis-network, the data, the page script: nothing else closes a script
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # title and filter options, escaped
    data = page_data(html)
    assert {n["label"] for n in data["nodes"]} >= {evil, breakout}


# -- the file ----------------------------------------------------------------------------------------------------


def test_the_page_loads_nothing_from_the_network(sample: Dataset) -> None:
    html = build_map(sample).html
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html)
    assert "cdnjs.cloudflare.com" not in html and "jsdelivr" not in html and "bootstrap.min" not in html
    assert "@import" not in html and "sourceMappingURL" not in html
    assert "default-src 'none'" in html


def test_vis_network_is_our_resource_with_its_licences_and_checksum(sample: Dataset) -> None:
    path = pyvis_page.vis_network_path()
    assert path.parent == REPO / "stakeholders" / "vendor" / "vis-network"
    assert {"LICENSE-APACHE-2.0", "LICENSE-MIT", "README.md"} <= {p.name for p in path.parent.iterdir()}
    # The checksum its README gives (the file of the pyvis 0.3.2 wheel).
    readme = (path.parent / "README.md").read_text(encoding="utf-8")
    assert hashlib.sha256(path.read_bytes()).hexdigest() in readme
    assert f"@version {pyvis_page.VIS_VERSION}" in path.read_text(encoding="utf-8")[:500]
    assert pyvis_page.vis_network_js()[:2000] in build_map(sample).html


def test_same_data_and_options_give_the_same_bytes(sample: Dataset, tmp_path: Path) -> None:
    options = MapOptions(show_gaps=True, show_duplicates=True, color_by="community", size_by="betweenness")
    first = write_map(sample, tmp_path / "a.html", options)
    second = write_map(load_dataset(sample.source), tmp_path / "b.html", options)
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
    assert first.bytes == second.bytes == (tmp_path / "a.html").stat().st_size
    other_seed = build_map(
        sample, MapOptions(show_gaps=True, show_duplicates=True, color_by="community", size_by="betweenness", seed=2)
    ).html
    assert other_seed != (tmp_path / "a.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_same_bytes_across_processes_with_different_hash_seeds(tmp_path: Path) -> None:
    digests = set()
    for hash_seed in ("1", "2"):
        out = tmp_path / f"map-{hash_seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run(
            [
                sys.executable,
                str(REPO / "cli.py"),
                "map",
                "sample:umearegionen",
                "-o",
                str(out),
                "--show-gaps",
                "--show-duplicates",
                "--color-by",
                "community",
            ],
            check=True,
            env=env,
            capture_output=True,
        )
        digests.add(hashlib.sha256(out.read_bytes()).hexdigest())
    assert len(digests) == 1


def test_written_as_utf8_atomically(sample: Dataset, tmp_path: Path) -> None:
    target = tmp_path / "new" / "folder" / "map.html"
    summary = write_map(sample, target, MapOptions(lang="sv"))
    assert summary.path == target
    text = target.read_bytes().decode("utf-8")
    assert "Umeå" in text
    assert [p.name for p in target.parent.iterdir()] == ["map.html"]  # no temporary file left


def test_a_folder_is_not_a_map_file(sample: Dataset, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder"):
        write_map(sample, tmp_path)


# -- options -----------------------------------------------------------------------------------------------------


def test_layers_are_parsed_and_checked() -> None:
    assert parse_layers("cooperation, projects") == (Layer.COOPERATION, Layer.PROJECTS)
    assert parse_layers("all") == tuple(Layer)
    assert parse_layers("target_groups") == (Layer.TARGET_GROUPS,)
    with pytest.raises(UsageError, match="unknown layer 'friends'"):
        parse_layers("cooperation,friends")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"color_by": "mood"}, "unknown --color-by"),
        ({"size_by": "height"}, "unknown --size-by"),
        ({"lang": "de"}, "unknown language"),
        ({"depth": -1}, "--depth"),
        ({"max_nodes": 0}, "--max-nodes"),
    ],
)
def test_invalid_options_are_usage_errors(options: dict, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        MapOptions(**options)


def test_template_fill_is_a_single_pass() -> None:
    assert fill("{{a}} {{b}}", {"a": "{{b}}", "b": "x"}) == "{{b}} x"
