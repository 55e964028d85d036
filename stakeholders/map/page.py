"""The map page: legend, filters and notices as escaped HTML, the data as script-safe JSON, all inline."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from stakeholders import __version__
from stakeholders.files import write_atomically
from stakeholders.map.i18n import Texts
from stakeholders.map.pyvis_page import inline_script, vis_network_file, vis_network_js
from stakeholders.map.style import DUPLICATE_COLOUR, Legend, LineStyle, Swatch, darker
from stakeholders.map.template import PAGE, fill
from stakeholders.map.visdata import line_styles, relation_labels
from stakeholders.safety import escape_html as esc

# Inside <script>, "</script>" or "<!--" in a string would end or confuse the element; U+2028/2029 end lines in
# older JavaScript. JSON allows these escapes everywhere, so the parsed data is unchanged.
_SCRIPT_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def script_json(value: object) -> str:
    """``value`` as compact JSON that cannot break out of a ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for character, escape in _SCRIPT_SAFE:  # str.replace is much faster than str.translate on megabytes
        text = text.replace(character, escape)
    return text


def _asset(name: str) -> str:
    return resources.files("stakeholders.map").joinpath("assets", name).read_text(encoding="utf-8")


VIS_FILE, SCRIPT_FILE, STYLE_FILE = "vis-network.min.js", "map.js", "map.css"


def write_assets(folder: Path) -> list[Path]:
    """Write vis-network and the map page's script and style into ``folder``, for maps built with
    ``MapOptions(assets=...)`` naming it: many maps, one copy. Returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    files = ((VIS_FILE, vis_network_file()), (SCRIPT_FILE, _asset("map.js")), (STYLE_FILE, _asset("map.css")))
    for name, text in files:
        write_atomically(folder / name, text.encode("utf-8"))
        written.append(folder / name)
    return written


@dataclass(frozen=True, slots=True)
class Notice:
    text: str
    warning: bool = False


@dataclass(frozen=True, slots=True)
class FilterChoices:
    """What the filter menus offer: node kinds (value, label) and (id, name) of municipalities and target groups."""

    kinds: Sequence[tuple[str, str]]
    municipalities: Sequence[tuple[str, str]]
    target_groups: Sequence[tuple[str, str]]


def shape_svg(shape: str, colour: str, border: str | None = None, border_width: float = 1.5) -> str:
    stroke = esc(border or darker(colour))
    fill_ = esc(colour)
    common = f'fill="{fill_}" stroke="{stroke}" stroke-width="{border_width}"'
    if shape == "square":
        body = f'<rect x="3" y="3" width="12" height="12" {common}/>'
    elif shape == "triangle":
        body = f'<polygon points="9,2 16,15 2,15" {common}/>'
    elif shape == "diamond":
        body = f'<polygon points="9,1 17,9 9,17 1,9" {common}/>'
    else:
        body = f'<circle cx="9" cy="9" r="6.5" {common}/>'
    return f'<svg viewBox="0 0 18 18" aria-hidden="true">{body}</svg>'  # 18 px square (map.css)


def line_svg(style: LineStyle) -> str:
    dash = f' stroke-dasharray="{",".join(str(d) for d in style.dashes)}"' if style.dashes else ""
    return (
        '<svg class="line" viewBox="0 0 44 14" aria-hidden="true">'  # 44 x 14 px (map.css)
        f'<line x1="2" y1="7" x2="42" y2="7" stroke="{esc(style.colour)}" stroke-width="{min(style.width, 5)}"{dash}/>'
        "</svg>"
    )


def _swatch_items(swatches: Iterable[Swatch], words: Texts) -> str:
    items = []
    for swatch in swatches:
        count = f' <span class="count">({esc(words.number(swatch.count))})</span>' if swatch.count is not None else ""
        items.append(f"<li>{shape_svg(swatch.shape, swatch.colour)}<span>{esc(swatch.label)}{count}</span></li>")
    return f'<ul class="legend">{"".join(items)}</ul>'


def legend_html(legend: Legend, words: Texts) -> str:
    parts = [f"<h2>{esc(legend.colour_title)}</h2>", _swatch_items(legend.colours, words)]
    if legend.duplicate_nodes:
        svg = shape_svg("square", "#FFFFFF", DUPLICATE_COLOUR, 3)
        parts.append(f'<ul class="legend"><li>{svg}<span>{esc(words["legend.duplicate_node"])}</span></li></ul>')
    if legend.shapes:
        parts += [f"<h2>{esc(words['legend.shapes'])}</h2>", _swatch_items(legend.shapes, words)]
    parts.append(f'<p class="size-note">{esc(legend.size_title)}</p>')
    if legend.lines:
        lines = "".join(f"<li>{line_svg(style)}<span>{esc(label)}</span></li>" for label, style in legend.lines)
        parts += [f"<h2>{esc(words['legend.lines'])}</h2>", f'<ul class="legend">{lines}</ul>']
    return "\n".join(parts)


def filters_html(choices: FilterChoices | None, words: Texts) -> str:
    if choices is None:
        return ""

    def options(pairs: Sequence[tuple[str, str]]) -> str:
        first = f'<option value="">{esc(words["filter.all"])}</option>'
        return first + "".join(f'<option value="{esc(value)}">{esc(label)}</option>' for value, label in pairs)

    kinds = "".join(
        f'<label><input type="checkbox" data-kind="{esc(value)}" checked> {esc(label)}</label>'
        for value, label in choices.kinds
    )
    return (
        f'<details id="filters"><summary>{esc(words["filters"])}</summary>'
        f'<div class="kinds" role="group" aria-label="{esc(words["filter.kinds"])}">{kinds}</div>'
        f"<label>{esc(words['filter.municipality'])}"
        f'<select id="filter-municipality">{options(choices.municipalities)}</select></label>'
        f"<label>{esc(words['filter.target_group'])}"
        f'<select id="filter-target-group">{options(choices.target_groups)}</select></label>'
        f'<button type="button" id="filter-reset">{esc(words["filter.reset"])}</button>'
        f'<p id="filter-status" class="status" aria-live="polite"></p></details>'
    )


def file_stem(title: str) -> str:
    """A plain file name for the saved picture."""
    stem = re.sub(r"[^\w.-]+", "-", title, flags=re.UNICODE).strip("-.")[:60]
    return stem or "map"


def render_page(
    *,
    title: str,
    lang: str,
    words: Texts,
    nodes: list[dict[str, object]],
    edges: list[dict[str, object]],
    options: Mapping[str, object],
    search: list[tuple[str, str]] | None,
    legend: Legend,
    notices: Sequence[Notice],
    filters: FilterChoices | None,
    focus: str | None = None,
    assets: str | None = None,
    projector: bool = False,
) -> str:
    """The whole page as text. Every piece of user text is escaped for where it lands.

    With ``assets`` (a folder relative to the page) vis-network, the script and
    the style are referenced there instead of inlined.
    """
    config = {
        "title": title,
        "fileName": file_stem(title) + ".png",
        "focus": focus,
        "words": {
            "found": words["search.found"],
            "notFound": words["search.not_found"],
            "shown": words["filter.shown"],
        },
        "projector": projector,
        "lineStyles": line_styles(),
        "relations": relation_labels(words),
        "options": options,
        "legend": {
            "title": legend.colour_title,
            "items": [[s.label, s.colour, s.shape] for s in legend.colours],
            "lines": [[label, style.colour, style.width, list(style.dashes)] for label, style in legend.lines],
        },
        "search": None if search is None else [list(pair) for pair in search],
        "nodes": nodes,
        "edges": edges,
    }
    notice_html = "\n".join(
        f'<p class="notice{" warning" if notice.warning else ""}">{esc(notice.text)}</p>' for notice in notices
    )
    return fill(
        PAGE,
        {
            "lang": esc(lang),
            "generator": esc(f"stakeholders {__version__}"),
            "title": esc(title),
            "sources": "'self' " if assets is not None else "",
            "head": _head(assets),
            "tail": _tail(assets),
            "body_class": "projector" if projector else "",
            "projector": esc(words["projector"]),
            "notices": notice_html,
            "search": esc(words["search"]),
            "search_placeholder": esc(words["search.placeholder"]),
            "filters": filters_html(filters, words),
            "fit": esc(words["fit"]),
            "hide": esc(words["sidebar.hide"]),
            "show": esc(words["sidebar.show"]),
            "png": esc(words["png"]),
            "legend_title": esc(words["legend"]),
            "legend": legend_html(legend, words),
            "data": script_json(config),
        },
    )


def _head(assets: str | None) -> str:
    if assets is None:
        return f"<style>{_asset('map.css')}</style>\n<script>{vis_network_js()}</script>"
    folder = esc(assets.rstrip("/"))
    return f'<link rel="stylesheet" href="{folder}/{STYLE_FILE}">\n<script src="{folder}/{VIS_FILE}"></script>'


def _tail(assets: str | None) -> str:
    if assets is None:
        return f"<script>{inline_script(_asset('map.js'))}</script>"
    return f'<script src="{esc(assets.rstrip("/"))}/{SCRIPT_FILE}"></script>'
