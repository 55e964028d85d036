"""The report's HTML: one self-contained, printable page of sections.

Every piece of user text goes through :func:`e` (HTML escaping); the page
loads nothing from outside its folder.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from stakeholders.analyses.common import cell_sizes
from stakeholders.model import Dataset
from stakeholders.report.i18n import Lang, count, number, t, tn
from stakeholders.report.labour_section import labour_section
from stakeholders.report.maps_section import maps_section
from stakeholders.report.municipality_findings import municipality_findings
from stakeholders.report.next_steps import lead_text
from stakeholders.report.page_style import CSS, SCRIPT
from stakeholders.report.parts import MapLink, Page, lead, table
from stakeholders.report.parts import names as _names
from stakeholders.report.parts import num as _num
from stakeholders.report.proposals_section import proposals_section
from stakeholders.report.ranked_sections import brokers_section, duplicates_section, gaps_section
from stakeholders.report.similar_section import similar_section
from stakeholders.report.title import dataset_title
from stakeholders.safety import escape_html as e

__all__ = ["SECTIONS", "MapLink", "Page", "render_report"]

SECTIONS = (
    "overview", "quantify", "coverage", "labour", "gaps", "duplicates", "proposals", "similar", "brokers", "maps",
    "catalogue",
)  # fmt: skip


def render_report(page: Page) -> str:
    lang = page.lang
    body = "\n".join(
        f'<section id="{name}"><h2>{e(t(name, lang))}</h2>\n{lead(lead_text(name, page))}{render(page)}</section>'
        for name, render in _renderers().items()
    )
    toc = "".join(f'<li><a href="#{name}">{e(t(name, lang))}</a></li>' for name in SECTIONS)
    name = dataset_title(page.findings.dataset)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(name)} – {e(t("title", lang))}</title>
<style>{CSS}</style></head>
<body>
<header><h1>{e(name)}</h1><p class="subtitle">{e(t("title", lang))}</p>
<nav class="toc"><h2>{e(t("contents", lang))}</h2><ol>{toc}</ol></nav></header>
<main>
{body}
</main>
<script>{SCRIPT}</script>
</body></html>
"""


def _renderers() -> dict[str, Callable[[Page], str]]:
    return {
        "overview": _overview,
        "quantify": _quantify,
        "coverage": _coverage,
        "labour": lambda page: labour_section(
            page.findings.dataset, page.findings.demand, page.findings.employer_gaps, page.lang, page.shown
        ),
        "gaps": gaps_section,
        "duplicates": duplicates_section,
        "proposals": lambda page: proposals_section(
            page.findings.proposals, page.lang, page.shown, {link.href for link in page.maps}
        ),
        "similar": lambda page: similar_section(page.findings.similar, page.findings.dataset, page.lang, page.shown),
        "brokers": brokers_section,
        "maps": maps_section,
        "catalogue": lambda page: page.catalogue_html,
    }


def _overview(page: Page) -> str:
    f, lang = page.findings, page.lang
    d = f.dataset
    counts = [
        (t("actors", lang), len(d.actors)),
        (t("projects", lang), len(d.projects)),
        (t("municipalities", lang), len(d.municipalities)),
        (t("target_groups", lang), len(d.target_groups)),
        (t("cooperation_rows", lang), len(d.cooperations)),
        (t("funding_rows", lang), len(d.fundings)),
    ]
    date = d.modified.isoformat() if d.modified else "–"
    facts = "".join(f"<li>{e(label)}: {_num(n, lang)}</li>" for label, n in counts)
    definitions = "".join(
        f"<p>{e(t(key, lang))}</p>"
        for key in (
            "def_contact",
            "def_gap",
            "def_project_gap",
            "def_sector_gap",
            "def_duplicates",
            "def_coverage",
            "def_brokers",
        )
    )
    limit = f.gap_limit

    def capped(n: int) -> str:
        return t("kf_limit", lang, n=limit) if limit and n >= limit else ""

    key = [
        tn("kf_gaps", lang, len(f.actor_gaps)) + capped(len(f.actor_gaps)),
        tn("kf_project_gaps", lang, len(f.project_gaps)) + capped(len(f.project_gaps)),
        tn("kf_sector_gaps", lang, len(f.sector_gaps)),
        tn("kf_duplicates", lang, len(f.duplicates)),
        tn("kf_uncovered", lang, sum(c.uncovered for c in f.coverage)),
        tn("kf_isolated", lang, len(f.brokers.isolated)),
    ]
    summary = "".join(f"<li>{e(line)}</li>" for line in key)
    cannot = "".join(f"<li>{e(limit.text(lang))}</li>" for limit in f.limitations)
    if cannot:
        summary += f'</ul><h3>{e(t("data_limits", lang))}</h3><ul class="limits">{cannot}'
    privacy = "" if page.personal_data else f"<p><em>{e(t('no_personal', lang))}</em></p>"
    return (
        f"<p>{e(t('dataset', lang))}: <strong>{e(dataset_title(d))}</strong> ({e(d.name)}); "
        f"{e(t('dataset_date', lang))}: {e(date)}</p>"
        f'<h3>{e(t("key_findings", lang))}</h3><ul class="key">{summary}</ul>'
        f"{municipality_findings(page)}"
        f'<h3>{e(t("what_analysed", lang))}</h3><ul class="facts">{facts}</ul>{privacy}'
        f"<h3>{e(t('definitions', lang))}</h3>{definitions}"
    )


def _active_municipalities(page: Page) -> list[str]:
    """Municipalities with something of their own: a known group size, a local actor or a project.

    Region-wide (``*``) actors and projects alone would list every municipality.
    """
    d = page.findings.dataset
    local = {
        m
        for table in (d.actors, d.projects)
        for r in table.values()
        if not r.all_municipalities
        for m in r.municipalities
    }
    local |= {s.municipality for s in d.target_group_sizes}
    return [m for m in d.municipalities if m in local]


def _quantify(page: Page) -> str:
    f, lang = page.findings, page.lang
    shown = set(_active_municipalities(page))
    rows = [
        [
            e(m.name),
            _num(m.population, lang),
            _num(m.foreign_born, lang),
            _num(m.expected_arrivals, lang),
            _num(m.actors, lang),
            _num(m.projects, lang),
        ]
        for m in f.info.municipalities
        if m.municipality in shown
    ]
    headers = [
        t(k, lang)
        for k in ("municipality", "population", "foreign_born", "expected_arrivals", "active_actors", "active_projects")
    ]
    sizes = cell_sizes(f.dataset)
    places = [m for m in f.dataset.municipalities if any((g, m) in sizes for g in f.dataset.target_groups)]
    groups = [g for g in f.dataset.target_groups if any((g, m) in sizes for m in places)]

    def size_cell(group: str, place: str) -> tuple[str, str]:
        return "", f'<span class="num">{e(count(sizes.get((group, place)), lang, f.small_count))}</span>'

    size_table = _matrix(page, groups, places, size_cell, t("target_group", lang), "sizes")
    return (
        table(headers, rows)
        + f"<h3>{e(t('sizes_title', lang))}</h3>{size_table}"
        + f'<p class="note">{e(t("small_counts", lang, n=f.small_count))}</p>'
    )


def _by_region(dataset: Dataset, places: Sequence[str]) -> list[str]:
    """Municipalities grouped by region (regions in order of first appearance), each region in the given order."""
    regions: dict[str, list[str]] = {}
    for place in places:
        regions.setdefault(dataset.municipalities[place].region, []).append(place)
    return [place for members in regions.values() for place in members]


def _matrix(
    page: Page,
    groups: Sequence[str],
    places: Sequence[str],
    cell: Callable[[str, str], tuple[str, str]],
    corner: str,
    css: str,
) -> str:
    """A target group x municipality table never wider than the page.

    Target groups down the side and municipalities across, grouped by region
    (a header row names the regions); transposed when there are more
    municipalities than target groups (municipalities down the side, a row per
    region). ``cell(group, place)`` gives a cell's class and HTML.
    """
    d = page.findings.dataset
    places = _by_region(d, places)
    group_name = {g: d.target_groups[g].name for g in groups}
    place_name = {m: d.municipalities[m].name for m in places}
    if len(places) > len(groups):
        head = "".join(f"<th>{e(group_name[g])}</th>" for g in groups)
        rows: list[str] = []
        region = None
        for place in places:
            here = d.municipalities[place].region
            if here and here != region:
                rows.append(f'<tr class="region"><th colspan="{len(groups) + 1}">{e(here)}</th></tr>')
            region = here
            cells = "".join(_td(*cell(g, place)) for g in groups)
            rows.append(f'<tr><th scope="row">{e(place_name[place])}</th>{cells}</tr>')
        return (
            f'<table class="matrix {css} transposed"><thead><tr><th>{e(t("municipality", page.lang))}</th>{head}'
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
    spans: list[tuple[str, int]] = []
    for place in places:
        here = d.municipalities[place].region
        if spans and spans[-1][0] == here:
            spans[-1] = (here, spans[-1][1] + 1)
        else:
            spans.append((here, 1))
    region_row = ""
    if any(name for name, _ in spans):
        region_row = "<tr><th></th>" + "".join(f'<th colspan="{n}">{e(name)}</th>' for name, n in spans) + "</tr>"
    head = "".join(f"<th>{e(place_name[m])}</th>" for m in places)
    body = "".join(
        f'<tr><th scope="row">{e(group_name[g])}</th>' + "".join(_td(*cell(g, m)) for m in places) + "</tr>"
        for g in groups
    )
    return (
        f'<table class="matrix {css}"><thead>{region_row}<tr><th>{e(corner)}</th>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def _td(css: str, html: str) -> str:
    return f'<td class="{css}">{html}</td>' if css else f"<td>{html}</td>"


HEATMAP_ROWS = 60  # the picture shows at most this many municipalities (the table shows all)


def _coverage(page: Page) -> str:
    f, lang = page.findings, page.lang
    d = f.dataset
    cells = {(c.target_group, c.municipality): c for c in f.coverage}
    places = _active_municipalities(page)
    groups = [g for g in d.target_groups if any(key[0] == g for key in cells)]
    most = max((len(c.actors) + len(c.projects) for c in f.coverage), default=1) or 1

    def cell(group: str, place: str) -> tuple[str, str]:
        return _heat_cell(cells.get((group, place)), most, lang, f.small_count)

    uncovered = [c for c in f.coverage if c.uncovered]
    listing = "".join(
        f"<li>{_names(d, 'target_groups', [c.target_group])} – "
        f"{_names(d, 'municipalities', [c.municipality])} ({e(count(c.size, lang, f.small_count))})</li>"
        for c in uncovered
    )
    return (
        _coverage_picture(page, cells, groups, places)
        + f'<p class="note">{e(t("heat_legend", lang))}</p>'
        + _matrix(page, groups, places, cell, t("target_group", lang), "heat")
        + f"<h3>{e(t('uncovered', lang))}</h3>"
        + (f'<ul class="uncovered">{listing}</ul>' if listing else f"<p>{e(t('none', lang))}</p>")
    )


def _coverage_picture(page: Page, cells: dict, groups: Sequence[str], places: Sequence[str]) -> str:
    """The heat map as an SVG picture: municipalities down the side (at most HEATMAP_ROWS), groups across."""
    from stakeholders.report.charts import heatmap_svg

    lang, d = page.lang, page.findings.dataset
    if not groups or not places:
        return ""
    shown = list(places)
    capped = len(shown) > HEATMAP_ROWS
    if capped:
        need = {m: sum(1 for g in groups if (c := cells.get((g, m))) is not None and c.uncovered) for m in shown}
        keep = set(sorted(shown, key=lambda m: -need[m])[:HEATMAP_ROWS])
        shown = [m for m in shown if m in keep]
    shown = _by_region(d, shown)
    values = [
        [None if (c := cells.get((g, m))) is None else len(c.actors) + len(c.projects) for g in groups] for m in shown
    ]
    marks = [[bool((c := cells.get((g, m))) is not None and c.uncovered) for g in groups] for m in shown]
    label = t("heatmap_alt", lang, places=number(len(shown), lang), groups=number(len(groups), lang))
    svg = heatmap_svg(
        [d.municipalities[m].name for m in shown],
        [d.target_groups[g].name for g in groups],
        values,
        marks,
        label,
        t("served_by", lang),
    )
    caption = label + (" " + t("heatmap_capped", lang, n=HEATMAP_ROWS) if capped else "")
    return f'<figure class="chart">{svg}<figcaption>{e(caption)}</figcaption></figure>'


def _heat_cell(cell, most: int, lang: Lang, small: int) -> tuple[str, str]:
    if cell is None:
        return "empty", "·"
    served = len(cell.actors) + len(cell.projects)
    if cell.uncovered:
        return "uncovered", f'<span title="{e(count(cell.size, lang, small))}">0 !</span>'
    level = min(4, 1 + (4 * served) // (most + 1))
    per = ""
    if cell.people_per_actor is not None and cell.size is not None and cell.size >= small:
        per = f"<small>{e(number(cell.people_per_actor, lang, 1))}/{e(t('actor', lang).lower())}</small>"
    return f"l{level}", f"{served}{per}"
