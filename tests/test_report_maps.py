"""Issue 15: a report's maps share one copy of vis-network, exist only where there are findings, and a
municipality's map is about that municipality (in real headless Chromium where it matters)."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from stakeholders.backends import Query
from stakeholders.backends.memory import MemoryBackend
from stakeholders.cli import main
from stakeholders.map import MapOptions, build_map, layout
from stakeholders.map import build as map_build
from stakeholders.map.page import VIS_FILE
from stakeholders.map.pyvis_page import vis_network_js
from stakeholders.model import Dataset
from stakeholders.report.build import ASSETS, MAP_GAPS, MAPS, ReportOptions, municipality_overlays, write_report
from stakeholders.report.findings import collect_findings
from stakeholders.report.proposals_section import proposal_map_href
from stakeholders.schema import NodeKind, node_key

UMEA = "2480"
# Screenshots for CI to keep as artifacts (never committed).
ARTIFACTS = Path(os.environ.get("STAKEHOLDERS_ARTIFACTS", Path(tempfile.gettempdir()) / "stakeholders-artifacts"))


def page_data(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S)
    assert found
    return json.loads(found.group(1))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory, sample_path: Path) -> Path:
    target = tmp_path_factory.mktemp("report15") / "en"
    write_report(MemoryBackend.load(str(sample_path)), target, ReportOptions(lang="en"))
    return target


def _map_hrefs(report: Path) -> list[str]:
    html = (report / "index.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="maps">') :]
    section = section[: section.index("</section>")]
    return re.findall(r'href="([^"#]+)"', section)


def test_one_copy_of_vis_network_per_report(report: Path) -> None:
    assets = report / ASSETS
    assert all(p.suffix == ".html" and p.is_file() for p in (report / MAPS).iterdir())  # maps/ holds only maps
    assert sorted(p.name for p in assets.iterdir()) == sorted([VIS_FILE, "map.js", "map.css"])
    vis_start = vis_network_js()[:4000]
    maps = sorted((report / MAPS).glob("*.html"))
    assert maps
    for path in maps:
        html = path.read_text(encoding="utf-8")
        assert vis_start not in html, path.name
        assert f'src="../{ASSETS}/{VIS_FILE}"' in html and f'src="../{ASSETS}/map.js"' in html
        assert f'href="../{ASSETS}/map.css"' in html
        assert not re.search(r'(src|href)="(https?:)?//', html)  # websites in the data are text in tooltips


def test_a_standalone_map_stays_one_file(sample: Dataset) -> None:
    html = build_map(sample).html
    assert vis_network_js()[:4000] in html
    assert " src=" not in html and "<link" not in html


def test_the_report_links_exactly_the_maps_it_wrote(report: Path, sample_path: Path) -> None:
    hrefs = _map_hrefs(report)
    written = {f"{MAPS}/{p.name}" for p in (report / MAPS).glob("*.html")}
    assert set(hrefs) == written
    for href in hrefs:
        assert (report / href).is_file()


def test_municipality_maps_only_where_there_are_findings(report: Path, sample_path: Path) -> None:
    backend = MemoryBackend.load(str(sample_path))
    findings = collect_findings(backend, lang="en")
    pages = [p.read_text(encoding="utf-8") for p in (report / MAPS).glob("*.html")]
    titles = {html.split("<title>")[1].split("</title>")[0] for html in pages}
    for municipality, record in findings.dataset.municipalities.items():
        _, found = municipality_overlays(backend, findings, municipality)
        assert (f"Map: {record.name}" in titles) == found, record.name


def test_a_municipality_map_holds_its_actors_and_draws_its_gaps(sample: Dataset, sample_path: Path) -> None:
    page = build_map(sample, MapOptions(municipality=UMEA, top=MAP_GAPS))
    data = page_data(page.html)
    actor_keys = {n["id"] for n in data["nodes"] if n["kind"] == "Actor"}
    expected = {node_key(NodeKind.ACTOR, a.id) for a in sample.actors.values() if UMEA in a.municipalities}
    assert actor_keys == expected
    # Projects are those active there; no other municipality is drawn.
    project_keys = {n["id"] for n in data["nodes"] if n["kind"] == "Project"}
    projects = {p.id for p in sample.projects.values() if UMEA in p.municipalities}
    assert project_keys <= {node_key(NodeKind.PROJECT, p) for p in projects}
    assert {n["id"] for n in data["nodes"] if n["kind"] == "Municipality"} == {node_key(NodeKind.MUNICIPALITY, UMEA)}
    # Each gap `stakeholders gaps --municipality` lists is a dashed edge.
    result = CliRunner().invoke(
        main, ["gaps", str(sample_path), "--municipality", UMEA, "--format", "json"], catch_exceptions=False
    )
    gaps = json.loads(result.stdout)
    assert gaps, "the sample has gaps in Umeå"
    drawn = {frozenset((e["from"], e["to"])) for e in data["edges"] if e["rel"] == "gap"}
    for gap in gaps:
        assert frozenset(node_key(NodeKind.ACTOR, a) for a in gap["actors"]) in drawn, gap["names"]
    assert len(drawn) == len(gaps)


def test_region_wide_actors_are_drawn_apart_and_smaller(sample: Dataset) -> None:
    data = page_data(build_map(sample, MapOptions(municipality=UMEA)).html)
    wide = [n for n in data["nodes"] if n.get("value") == 0 and n["kind"] == "Actor"]
    local = [n for n in data["nodes"] if n["kind"] != "Actor" or n.get("value") != 0]
    assert wide, "the sample has region-wide actors"
    assert min(n["y"] for n in wide) > max(n["y"] for n in local)
    star = {node_key(NodeKind.ACTOR, a.id) for a in sample.actors.values() if a.all_municipalities}
    assert star <= {n["id"] for n in wide}


def test_municipality_map_target_groups_carry_sizes(sample: Dataset) -> None:
    data = page_data(build_map(sample, MapOptions(municipality=UMEA, lang="sv")).html)
    labels = [n["label"] for n in data["nodes"] if n["kind"] == "TargetGroup"]
    assert any(re.search(r"\((<\d+|[\d\u202f]+)\)$", label) for label in labels), labels


def test_municipality_map_unknown_or_not_a_municipality(sample: Dataset) -> None:
    from stakeholders.errors import UsageError

    with pytest.raises(UsageError):
        build_map(sample, MapOptions(municipality="Nowhere at all"))
    actor = next(iter(sample.actors))
    with pytest.raises(UsageError, match="not a municipality"):
        build_map(sample, MapOptions(municipality=actor))


def test_communities_are_found_once_per_network(sample: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = layout.communities

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(map_build, "communities", counting)
    map_build._COMMUNITIES.clear()
    for municipality in list(sample.municipalities)[:4]:
        build_map(sample, MapOptions(municipality=municipality, color_by="community", seed=7))
    build_map(sample, MapOptions(color_by="community", seed=7))
    build_map(sample, MapOptions(color_by="community", seed=7, max_nodes=5))
    assert len(calls) == 1


def test_municipality_gaps_match_the_backend(sample: Dataset) -> None:
    backend = MemoryBackend(sample)
    gaps = backend.actor_gaps(Query(top=MAP_GAPS, municipalities=(UMEA,)))
    page = build_map(sample, MapOptions(municipality=UMEA, top=MAP_GAPS))
    assert page.summary.gaps == len(gaps)


def test_a_municipalitys_gaps_looking_only_at_its_actors_equal_those_of_a_scan_of_every_actor(
    sample: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The report asks for the gaps of every municipality; each call looks only at the actors working there
    # (gaps._candidates). Every actor scanned instead must give the same gaps, in the same order.
    from stakeholders.analyses import gaps as gaps_module
    from stakeholders.analyses.common import resolve_filters

    queries = [(m,) for m in sample.municipalities] + [tuple(list(sample.municipalities)[:3])]
    indexed = [gaps_module.actor_gaps(sample, top=0, filters=resolve_filters(sample, q)) for q in queries]
    monkeypatch.setattr(gaps_module, "_candidates", lambda dataset, filters: dataset.actors.values())
    scanned = [gaps_module.actor_gaps(sample, top=0, filters=resolve_filters(sample, q)) for q in queries]
    assert indexed == scanned
    assert sum(map(len, indexed)) > 0


@pytest.mark.browser
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_every_report_map_opens_cleanly_and_projector_mode_works(report: Path, browser, size) -> None:
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    external: list[str] = []

    def route(r) -> None:
        if r.request.url.startswith(("file://", "data:", "blob:", "about:")):
            r.continue_()
        else:
            external.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    try:
        for href in _map_hrefs(report):
            page = context.new_page()
            errors: list[str] = []
            page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            page.goto((report / href).resolve().as_uri())
            page.wait_for_function("() => window.mapReady === true")
            assert errors == [], (href, errors)
            assert page.evaluate("() => network.body.data.nodes.length") > 0
            page.close()
        # Projector mode on a municipality map: labels >= 18 px, legend inside the viewport and collapsible.
        href = next(h for h in _map_hrefs(report) if not h.endswith("network.html"))
        page = context.new_page()
        page.goto((report / href).resolve().as_uri())
        page.wait_for_function("() => window.mapReady === true")
        page.click("#projector")
        page.wait_for_timeout(200)
        sizes = page.evaluate(
            "() => network.body.data.nodes.getIds().map(id => window.labelPixels(id)).filter(s => s !== null)"
        )
        assert sizes and min(sizes) >= 18, sizes[:5]
        box = page.locator("#legend").bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["y"] >= 0
        assert box["x"] + box["width"] <= width and box["y"] + box["height"] <= height, box
        page.click("#legend > summary")
        assert page.evaluate("() => document.getElementById('legend').open") is False
        # A tooltip closes on mouse-out and on Escape.
        node = page.evaluate(
            "() => { const id = network.body.data.nodes.getIds()[0];"
            " return network.canvasToDOM(network.getPosition(id)); }"
        )
        canvas = page.locator("#mynetwork canvas").bounding_box()
        assert canvas is not None
        page.mouse.move(canvas["x"] + node["x"], canvas["y"] + node["y"])
        page.wait_for_timeout(600)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"projector-{width}x{height}.png"))
        visible = "() => [...document.querySelectorAll('div.vis-tooltip')].some(t => t.style.visibility === 'visible')"
        if page.evaluate(visible):
            page.keyboard.press("Escape")
            assert not page.evaluate(visible)
            page.mouse.move(canvas["x"] + node["x"], canvas["y"] + node["y"] + 1)
            page.wait_for_timeout(600)
        page.mouse.move(2, height - 2)  # out of the network, over the panel
        page.wait_for_timeout(300)
        assert not page.evaluate(visible)
        page.close()
    finally:
        context.close()
    assert external == []


def test_map_command_draws_a_municipality_in_projector_mode(tmp_path: Path, sample_path: Path) -> None:
    out = tmp_path / "umea.html"
    result = CliRunner().invoke(
        main, ["map", str(sample_path), "--municipality", "Umeå", "--projector", "--lang", "sv", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    data = page_data(html)
    assert data["projector"] is True and 'class="projector"' in html
    assert "Projektorläge" in html and "Projector mode" not in html
    refused = CliRunner().invoke(main, ["map", str(sample_path), "--municipality", "Umeå", "--focus", "umu", "-o", "x"])
    assert refused.exit_code != 0 and "give one of --municipality, --focus and --proposal" in refused.output


@pytest.mark.browser
def test_relation_tooltips_are_written_by_the_page(sample: Dataset, tmp_path: Path, open_page) -> None:
    from stakeholders.map import write_map

    path = tmp_path / "map.html"
    write_map(sample, path, MapOptions(municipality=UMEA))
    page, log = open_page(path)
    page.wait_for_function("() => window.mapReady === true")
    assert log.console_errors == [] and log.page_errors == []
    titles = page.evaluate(
        "() => network.body.data.edges.get().filter(e => e.rel === 'OWNS').map(e => [e.title, e.id, e.color])"
    )
    assert titles and all(" — " in title and edge_id.startswith("e") and colour for title, edge_id, colour in titles)


def test_each_proposal_the_report_shows_links_the_map_of_its_team(report: Path) -> None:
    html = (report / "index.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="proposals">') :]
    section = section[: section.index("</section>")]
    hrefs = re.findall(r'href="(maps/proposal-[^"]+)"', section)
    findings = json.loads((report / "findings.json").read_text(encoding="utf-8"))
    kinds = {p["kind"] for p in findings["proposals"]}
    assert len(hrefs) >= len(kinds) == 3, "the sample has proposals of each kind, each with a team map"
    by_href = {proposal_map_href(p["id"]): p for p in findings["proposals"]}
    for href in hrefs:
        team = page_data((report / href).read_text(encoding="utf-8"))
        members = {node_key(NodeKind.ACTOR, m["actor"]) for m in by_href[href]["members"]}
        assert members <= {n["id"] for n in team["nodes"]}, href


def test_a_municipality_map_says_what_it_shows_once(sample: Dataset) -> None:
    html = build_map(sample, MapOptions(municipality=UMEA, top=MAP_GAPS)).html
    notices = re.findall(r'<p class="notice[^"]*">(.*?)</p>', html)
    assert not any(n.startswith("Neighbourhood of") for n in notices), "a municipality's map is not a neighbourhood"
    gap_lines = [n for n in notices if n.startswith("Red dashed lines")]
    assert len(gap_lines) == 1 and "here (as in gaps --municipality)" in gap_lines[0], notices
