"""Script injection: every HTML output, opened in real headless Chromium, shows hostile text as text (issue 20).

One dataset carries a payload in every text field (ids, names, descriptions, orientations, municipality and
target-group names, contact fields, an extra column, websites with ``javascript:``, ``data:`` and
``vbscript:`` schemes, U+2028, ``</script>``). Each page written from it (the map with every layer, the
report and each of its maps, the HTML catalogue) must: open without a dialog, an uncaught error or a request
leaving the machine; hold no element with an inline event handler (the tool writes none; a payload would);
link only to ``http(s):``, ``mailto:`` or its own files; and stay so while payloads are typed into its
search boxes. The Markdown outputs (catalogue, proposals) must hold no raw HTML tag and no link of another
scheme.
"""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from stakeholders.cli import main

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    '"><svg onload=alert(3)>',
    "'-alert(4)-'",
    "\u2028alert(5)\u2029<!--",
    '<a href="javascript:alert(6)">six</a>',
    "<iframe srcdoc='<script>parent.alert(7)</script>'></iframe>",
]
WEBSITES = [
    "javascript:alert(8)",
    " JaVaScRiPt:alert(9)",
    "data:text/html,<script>alert(10)</script>",
    "vbscript:msgbox(11)",
    "\tjavascript:alert(12)",
    "https://example.org/?q=<script>alert(13)</script>",
    "http://example.org/ok",
]
SAFE_SCHEMES = ("http:", "https:", "mailto:", "file:")


def _rows(header: list[str], records: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *records])
    return buffer.getvalue()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("xss") / "data"
    folder.mkdir()
    places = [[f"m{k}<b>", f"{p} kommun", "Västerbotten " + p] for k, p in enumerate(PAYLOADS[:3])]
    (folder / "municipalities.csv").write_text(_rows(["id", "name", "region"], places), encoding="utf-8")
    groups = [[f"t{k}</script>", f"{p} grupp"] for k, p in enumerate(PAYLOADS[:3])]
    (folder / "target_groups.csv").write_text(_rows(["id", "name"], groups), encoding="utf-8")
    header = ["id", "name", "sector", "orientations", "municipalities", "target_groups", "contact_name"]
    header += ["email", "phone", "website", "description", "note"]
    actors = []
    for k, payload in enumerate(PAYLOADS):
        actor_id = f"a{k}" if k % 2 else f"a{k}\"'><svg onload=alert({20 + k})>"
        place, group = places[k % 3][0], groups[k % 3][0]
        website = WEBSITES[k % len(WEBSITES)]
        actors.append(
            [
                actor_id,
                f"{payload} {k}",
                "public" if k % 2 else "private",
                payload,
                place,
                group,
                payload,
                f"x{k}@example.se",
                payload,
                website,
                payload,
                payload,
            ]
        )
    (folder / "actors.csv").write_text(_rows(header, actors), encoding="utf-8")
    ids = [row[0] for row in actors]
    projects = [
        [
            f"p{k}<i>",
            f"{payload} projekt",
            ids[k],
            ids[(k + 1) % len(ids)],
            payload,
            groups[k % 3][0],
            places[k % 3][0],
            "2020-01-01",
            "2022-12-31",
            payload,
        ]
        for k, payload in enumerate(PAYLOADS)
    ]
    project_header = ["id", "name", "owner", "partners", "orientations", "target_groups", "municipalities"]
    (folder / "projects.csv").write_text(
        _rows([*project_header, "start", "end", "description"], projects), encoding="utf-8"
    )
    cooperation = [[ids[0], ids[2], PAYLOADS[0]], [ids[3], ids[4], PAYLOADS[1]]]
    (folder / "cooperation.csv").write_text(_rows(["source", "target", "note"], cooperation), encoding="utf-8")
    return folder


def check_page(page, log) -> None:  # type: ignore[no-untyped-def]
    handlers = page.evaluate(
        "() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
        ".filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))"
    )
    assert handlers == []
    links = page.evaluate(
        "() => [...document.querySelectorAll('a[href], area[href], iframe, embed, object, form[action]')]"
        ".map(e => [e.tagName, e.href || e.getAttribute('src') || e.getAttribute('data') || ''])"
    )
    for tag, target in links:
        assert tag == "A" and target.startswith(SAFE_SCHEMES), (tag, target)
    assert log.dialogs == [], log.dialogs
    assert log.page_errors == [], log.page_errors
    assert log.external_requests == [], log.external_requests


def type_payloads(page, selector: str) -> int:  # type: ignore[no-untyped-def]
    boxes = page.locator(selector)
    for k in range(boxes.count()):
        if not boxes.nth(k).is_visible():
            continue
        for payload in (*PAYLOADS, "javascript:alert(30)"):
            boxes.nth(k).fill(payload)
            boxes.nth(k).press("Enter")
    page.wait_for_timeout(200)
    return boxes.count()


def run(*args: str) -> None:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output[-3000:]


def test_the_map_with_every_layer(hostile: Path, tmp_path: Path, open_page) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "map.html"
    run("map", str(hostile), "-o", str(target), "--layers", "all", "--show-gaps", "--title", PAYLOADS[0])
    page, log = open_page(target)
    page.wait_for_function("() => window.mapReady === true", timeout=30_000)
    labels = page.evaluate("() => nodes.get().map(n => n.label)")
    assert any(PAYLOADS[1] in str(label) for label in labels)  # shown as text, not dropped
    assert type_payloads(page, "input") > 0
    check_page(page, log)


def test_the_report_and_each_of_its_maps(hostile: Path, tmp_path: Path, open_page) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "report"
    run("report", str(hostile), "-o", str(target), "--lang", "en")
    page, log = open_page(target / "index.html")
    assert PAYLOADS[0] in page.inner_text("body")
    assert type_payloads(page, "input") > 0
    check_page(page, log)
    maps = sorted((target / "maps").glob("*.html"))
    assert maps, "the report has no maps"
    for path in maps:
        map_page, map_log = open_page(path)
        map_page.wait_for_function("() => window.mapReady === true", timeout=30_000)
        check_page(map_page, map_log)


def test_the_html_catalogue(hostile: Path, tmp_path: Path, open_page) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "catalogue.html"
    run("catalogue", str(hostile), "-o", str(target))
    page, log = open_page(target)
    assert PAYLOADS[2] in page.inner_text("body")
    assert type_payloads(page, "input")
    check_page(page, log)
    hrefs = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
    assert "http://example.org/ok" in hrefs  # a safe website stays a link


MARKDOWN_TAGS = {"h1", "h2", "h3", "h4", "p", "table", "thead", "tbody", "tr", "th", "td", "a", "em", "strong"}
MARKDOWN_TAGS |= {"ul", "ol", "li", "code", "pre", "br", "hr", "blockquote"}


class _Elements(HTMLParser):
    """Every start tag with its attributes, as a browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


@pytest.mark.parametrize(
    "args",
    [("catalogue", "-o", "{out}/c.md"), ("propose", "--format", "md")],
    ids=["catalogue", "propose"],
)
def test_markdown_holds_no_raw_html_and_no_unsafe_link(hostile: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    command, *options = (part.format(out=tmp_path) for part in args)
    result = CliRunner().invoke(main, [command, str(hostile), *options])
    assert result.exit_code == 0, result.output[-3000:]
    text = (tmp_path / "c.md").read_text(encoding="utf-8") if command == "catalogue" else result.stdout
    assert text.strip(), "nothing written"
    # rendered as a Markdown viewer would (markdown-it, CommonMark with tables; raw HTML passed through)
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    assert "&lt;img src=x onerror=alert(1)&gt;" in rendered  # the payload is shown, as text
    parser = _Elements()
    parser.feed(rendered)
    assert [tag for tag, _ in parser.found if tag not in MARKDOWN_TAGS] == []
    assert [(tag, a) for tag, attrs in parser.found for a in attrs if a.startswith("on")] == []
    hrefs = [attrs.get("href") or "" for tag, attrs in parser.found if tag == "a"]
    assert [h for h in hrefs if not h.startswith(("http:", "https:", "mailto:", "#"))] == []
