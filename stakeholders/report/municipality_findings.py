"""Findings per municipality: a stacked bar chart (inline SVG) with the same figures as a table beside it.

A municipality counts an actor or project gap when the gap shares it (among the
top gaps the report keeps), a duplicate group when the group shares it, its
sector gap, and its uncovered cells. The chart shows the municipalities with
the most findings (at most CHART_ROWS); the table below it lists every
municipality with a finding.
"""

from __future__ import annotations

from collections import Counter

from stakeholders.report.i18n import number, t
from stakeholders.report.parts import Page, lead, num, table
from stakeholders.safety import escape_html as e

CHART_ROWS = 30
KINDS = ("bar_actor_gaps", "bar_project_gaps", "bar_duplicates", "bar_sector_gaps", "bar_uncovered")


def findings_per_municipality(page: Page) -> dict[str, Counter[str]]:
    """Per kind (KINDS), the number of findings in each municipality."""
    f = page.findings
    counts: dict[str, Counter[str]] = {kind: Counter() for kind in KINDS}
    for gap in f.actor_gaps:
        counts["bar_actor_gaps"].update(gap.shared_municipalities)
    for project_gap in f.project_gaps:
        counts["bar_project_gaps"].update(project_gap.shared_municipalities)
    for group in f.duplicates:
        counts["bar_duplicates"].update(group.shared_municipalities)
    counts["bar_sector_gaps"].update(g.municipality for g in f.sector_gaps)
    counts["bar_uncovered"].update(c.municipality for c in f.coverage if c.uncovered)
    return counts


def municipality_findings(page: Page) -> str:
    """The heading, the chart, its caption and the table; "" when no municipality has a finding."""
    from stakeholders.report.charts import stacked_bars_svg

    lang, d = page.lang, page.findings.dataset
    counts = findings_per_municipality(page)
    total = Counter[str]()
    for kind_counts in counts.values():
        total.update(kind_counts)
    places = [m for m in d.municipalities if total[m]]
    if not places:
        return ""
    places.sort(key=lambda m: -total[m])  # stable: ties keep the dataset's order
    shown = places[:CHART_ROWS]
    label = t("bars_alt", lang, n=number(len(shown), lang), of=number(len(places), lang))
    series = [(t(kind, lang), [counts[kind][m] for m in shown]) for kind in KINDS]
    svg = stacked_bars_svg([d.municipalities[m].name for m in shown], series, label)
    note = t("bars_note", lang, limit=number(page.findings.gap_limit, lang))
    rows = [[e(d.municipalities[m].name), *(num(counts[kind][m], lang) for kind in KINDS)] for m in places]
    headers = [t("municipality", lang), *(t(kind, lang) for kind in KINDS)]
    return (
        f"<h3>{e(t('bars_title', lang))}</h3>{lead(t('lead_bars', lang))}"
        f'<figure class="chart bars">{svg}<figcaption>{e(label)} {e(note)}</figcaption></figure>'
        f"<details><summary>{e(t('bars_table', lang))}</summary>{table(headers, rows, 'bars')}</details>"
    )
