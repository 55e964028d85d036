"""The workshop map in a real headless Chromium: loads offline, draws what it says, search, filters, safety."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stakeholders import Dataset, load_dataset
from stakeholders.map import Layer, MapOptions, write_map

pytestmark = pytest.mark.browser


# The expectations come from the dataset's records, not from the map code (as in test_map.py).
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


OUTPUT = Path(__file__).resolve().parent / "output"


def ready(page) -> None:
    # Functions, not expressions: the page's Content-Security-Policy forbids eval, which expressions need.
    page.wait_for_function("() => window.mapReady === true", timeout=30_000)


def drawn_counts(page) -> tuple[int, int]:
    nodes, edges = page.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]")
    return nodes, edges


def assert_clean(log) -> None:
    assert log.page_errors == []
    assert log.console_errors == []
    assert log.external_requests == []
    assert log.dialogs == []


def test_sample_map_loads_offline_and_draws_what_the_library_says(sample: Dataset, tmp_path: Path, open_page) -> None:
    summary = write_map(sample, tmp_path / "sample.html", MapOptions(show_gaps=True, show_duplicates=True))
    page, log = open_page(summary.path)
    ready(page)
    nodes, edges = drawn_counts(page)
    assert (nodes, edges) == (summary.nodes, summary.edges)
    # independently: every actor and project; each relation once, plus the overlays
    assert nodes == len(sample.actors) + len(sample.projects)
    assert edges == len(default_layer_edges(sample)) + summary.edge_kinds["gap"] + summary.edge_kinds["duplicate"]
    # pyvis's page-level globals point at the same DataSets
    assert page.evaluate("nodes === network.body.data.nodes && edges === network.body.data.edges")
    assert page.evaluate("network.physics.options.enabled") is False
    assert_clean(log)
    OUTPUT.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.evaluate("network.fit()")
    page.wait_for_timeout(300)
    page.screenshot(path=str(OUTPUT / "map_sample.png"))


def test_focus_map_loads_and_draws_the_neighbourhood(sample: Dataset, tmp_path: Path, open_page) -> None:
    summary = write_map(sample, tmp_path / "focus.html", MapOptions(focus="Umeå universitet", depth=2, lang="sv"))
    page, log = open_page(summary.path)
    ready(page)
    edges = default_layer_edges(sample)
    reached = neighbourhood(edges, "Actor:umu", 2)
    assert (
        drawn_counts(page)
        == (summary.nodes, summary.edges)
        == (
            len(reached),
            sum(1 for pair, _ in edges if pair <= reached),
        )
    )
    assert sorted(page.evaluate("nodes.getIds()")) == sorted(reached)
    assert "Närområdet kring Umeå universitet" in page.inner_text("#sidebar")
    assert_clean(log)
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "map_focus.png"))


def test_search_finds_selects_and_centres_a_node(sample: Dataset, tmp_path: Path, open_page) -> None:
    summary = write_map(sample, tmp_path / "search.html")
    page, log = open_page(summary.path)
    ready(page)
    page.fill("#search", "volvo lastvagnar")  # any case, part of the name
    page.press("#search", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == ["Actor:volvo"]
    # after the centring animation the node is in the middle of the network's box
    page.wait_for_function(
        """() => {
            const p = network.canvasToDOM(network.getPositions(['Actor:volvo'])['Actor:volvo']);
            const box = container.getBoundingClientRect();
            return Math.abs(p.x - box.width / 2) < 5 && Math.abs(p.y - box.height / 2) < 5;
        }""",
        timeout=5_000,
    )
    assert "Volvo Lastvagnar Umeåverken" in page.inner_text("#search-status")
    page.fill("#search", "nobody by this name")
    page.press("#search", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == []
    assert "nobody by this name" in page.inner_text("#search-status")
    assert_clean(log)


def test_filters_hide_and_show_nodes(sample: Dataset, tmp_path: Path, open_page) -> None:
    summary = write_map(sample, tmp_path / "filters.html", MapOptions(layers=tuple(Layer)))
    page, log = open_page(summary.path)
    ready(page)
    visible = "nodes.get({filter: n => !n.hidden}).length"
    page.click("#filters summary")
    page.uncheck('input[data-kind="Project"]')
    assert page.evaluate(visible) == summary.nodes - len(sample.projects)
    page.click("#filter-reset")
    assert page.evaluate(visible) == summary.nodes
    page.select_option("#filter-municipality", "2403")
    in_bjurholm = [r for t in (sample.actors, sample.projects) for r in t.values() if "2403" in r.municipalities]
    shown = page.evaluate("nodes.get({filter: n => !n.hidden && (n.kind === 'Actor' || n.kind === 'Project')})")
    assert {n["id"].split(":", 1)[1] for n in shown} == {r.id for r in in_bjurholm}
    page.select_option("#filter-municipality", "")
    page.select_option("#filter-target-group", "akademiker")
    shown = page.evaluate("nodes.get({filter: n => !n.hidden && n.kind === 'Actor'}).map(n => n.id)")
    assert set(shown) == {f"Actor:{a.id}" for a in sample.actors.values() if "akademiker" in a.target_groups}
    assert_clean(log)


def test_tooltip_shows_details_as_text(sample: Dataset, tmp_path: Path, open_page) -> None:
    summary = write_map(sample, tmp_path / "tip.html")
    page, log = open_page(summary.path)
    ready(page)
    tip = hover(page, "Actor:umea-ame")
    assert "Umeå kommun Arbetsmarknadsenheten" in tip["text"] and "anna.exempel@example.se" in tip["text"]
    assert tip["children"] == 0
    assert_clean(log)


def hover(page, node_id: str) -> dict:
    """Move the mouse onto a node; the tooltip's text and its child elements other than line breaks.

    vis-network sets a string title as ``innerText``, which turns line breaks into ``<br>``; any other
    element would be markup from the data.
    """
    point = page.evaluate(f"network.canvasToDOM(network.getPositions(['{node_id}'])['{node_id}'])")
    box = page.locator("#mynetwork").bounding_box()
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_function(
        "() => { const t = document.querySelector('div.vis-tooltip'); return t && t.style.visibility === 'visible'; }",
        timeout=5_000,
    )
    return page.evaluate(
        "(() => { const t = document.querySelector('div.vis-tooltip');"
        " return {text: t.innerText, children: [...t.children].filter(c => c.tagName !== 'BR').length}; })()"
    )


def test_injected_names_render_as_text_and_run_nothing(write_dataset, tmp_path: Path, open_page) -> None:
    evil = "<img src=x onerror=alert(1)>"
    breakout = "</script><script>alert(1)</script>"
    folder = write_dataset(
        actors=f'id,name,municipalities,target_groups,description\na,"{evil}",m1,t1,"{breakout}"\n'
        f'b,"{breakout}",m1,t1,"<svg onload=alert(1)>"\nc,Plain,m1,t1,\n',
        municipalities=f'id,name\nm1,"{evil}"\n',
        target_groups=f'id,name\nt1,"{breakout}"\n',
        cooperation=f'source,target,note\na,c,"{evil}"\n',
    )
    dataset = load_dataset(folder)
    summary = write_map(dataset, tmp_path / "evil.html", MapOptions(title=evil, layers=tuple(Layer), show_gaps=True))
    page, log = open_page(summary.path)
    ready(page)
    labels = page.evaluate("nodes.get().map(n => n.label)")
    assert evil in labels and breakout in labels
    assert page.title() == evil
    assert page.inner_text("h1") == evil
    options = "id => [...document.querySelectorAll(`#${id} option`)].map(o => o.textContent)"
    assert evil in page.evaluate(f"({options})('filter-municipality')")
    assert breakout in page.evaluate(f"({options})('filter-target-group')")
    assert page.evaluate("document.querySelectorAll('img, svg image, iframe').length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 3
    for node_id in ("Actor:a", "Actor:b"):
        tip = hover(page, node_id)
        assert tip["children"] == 0
    assert breakout in tip["text"] and "<svg onload=alert(1)>" in tip["text"]
    page.fill("#search", evil)
    page.press("#search", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == ["Actor:a"]
    page.wait_for_timeout(300)
    assert_clean(log)


def test_no_personal_data_leaves_no_email_in_the_page(sample: Dataset, tmp_path: Path, open_page) -> None:
    summary = write_map(sample, tmp_path / "private.html", MapOptions(personal_data=False, layers=tuple(Layer)))
    text = summary.path.read_text(encoding="utf-8")
    assert re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text) == []
    page, log = open_page(summary.path)
    ready(page)
    titles = " ".join(page.evaluate("nodes.get().map(n => n.title)"))
    assert "@" not in titles and "Anna Exempel" not in titles
    assert_clean(log)


def test_png_button_saves_the_view(sample: Dataset, tmp_path: Path, open_page) -> None:
    summary = write_map(sample, tmp_path / "png.html", MapOptions(title="Workshop 3 mars", show_gaps=True))
    page, log = open_page(summary.path)
    ready(page)
    with page.expect_download() as download_info:
        page.click("#png")
    download = download_info.value
    assert download.suggested_filename == "Workshop-3-mars.png"
    data = Path(download.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    assert_clean(log)


def test_aggregated_map_loads_and_search_finds_a_member(sample: Dataset, tmp_path: Path, open_page) -> None:
    summary = write_map(sample, tmp_path / "groups.html", MapOptions(max_nodes=20))
    page, log = open_page(summary.path)
    ready(page)
    assert summary.aggregated and drawn_counts(page) == (summary.nodes, summary.edges)
    page.fill("#search", "Volvo Lastvagnar")
    page.press("#search", "Enter")
    selected = page.evaluate("network.getSelectedNodes()")
    assert len(selected) == 1 and selected[0].startswith("group:")
    assert "more than 20" in page.inner_text("#sidebar")
    assert_clean(log)


def test_large_map_labels_the_largest_nodes_and_names_a_selected_one(write_dataset, tmp_path: Path, open_page) -> None:
    from stakeholders.map.visdata import LABELLED, LARGE

    count = LARGE + 200
    actors = "".join(f"a{i},Actor number {i}\n" for i in range(count))
    # a star around a0 so that sizes differ; everyone else is isolated
    cooperation = "".join(f"a0,a{i}\n" for i in range(1, 40))
    dataset = load_dataset(write_dataset(actors="id,name\n" + actors, cooperation="source,target\n" + cooperation))
    summary = write_map(dataset, tmp_path / "large.html")
    page, log = open_page(summary.path)
    ready(page)
    assert drawn_counts(page) == (count, 39)
    assert page.evaluate("nodes.get({filter: n => Boolean(n.label)}).length") == LABELLED
    assert page.evaluate("nodes.get('Actor:a0').label") == "Actor number 0"
    unlabelled = page.evaluate("nodes.get({filter: n => !n.label})[0]")
    page.fill("#search", unlabelled["name"])
    page.press("#search", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == [unlabelled["id"]]
    assert page.evaluate(f"nodes.get('{unlabelled['id']}').label") == unlabelled["name"]
    assert_clean(log)
