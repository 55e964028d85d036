"""Next steps: the sentence each section of the report opens with, and names for the network's components.

A lead says what the section means and what the coordinator could do about
its first finding: for a gap, who could introduce whom; for a duplicate group,
convene its owners; for an uncovered cell, who serves that group nearby (in
the same region first, then anywhere).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from stakeholders.analyses import BrokerReport, CoverageCell
from stakeholders.model import Dataset
from stakeholders.report.i18n import Lang, number, t, tn
from stakeholders.report.parts import Page, plain_names

NEARBY_SHOWN = 3  # actors named as serving an uncovered group elsewhere
COMPONENTS_NAMED = 10  # components listed by name; the rest as sizes


def lead_text(section: str, page: Page) -> str:
    """The opening sentence(s) of ``section`` (plain text, escaped by the caller); "" for none."""
    lang = page.lang
    leads = {
        "overview": lambda: t("lead_overview", lang),
        "quantify": lambda: t("lead_quantify", lang),
        "coverage": lambda: _coverage(page),
        "gaps": lambda: _gaps(page),
        "duplicates": lambda: _duplicates(page),
        "brokers": lambda: _brokers(page),
        "maps": lambda: t("lead_maps", lang),
        "catalogue": lambda: t("lead_catalogue", lang),
    }
    make = leads.get(section)  # proposals open with their own introduction (proposals_section)
    return make() if make else ""


def _coverage(page: Page) -> str:
    text = t("lead_coverage", page.lang)
    uncovered = [c for c in page.findings.coverage if c.uncovered]
    if not uncovered:
        return text
    return f"{text} {nearby(page.findings.dataset, page.findings.coverage, uncovered[0], page.lang)}"


def nearby(dataset: Dataset, coverage: Sequence[CoverageCell], cell: CoverageCell, lang: Lang) -> str:
    """Who serves the uncovered cell's group elsewhere: in the same region if anyone does, else anywhere."""
    region = dataset.municipalities[cell.municipality].region if cell.municipality in dataset.municipalities else ""
    served = [c for c in coverage if c.target_group == cell.target_group and c.actors]

    def in_region(c: CoverageCell) -> bool:
        place = dataset.municipalities.get(c.municipality)
        return bool(region) and place is not None and place.region == region

    served.sort(key=lambda c: (not in_region(c), -len(c.actors)))
    values = {
        "group": plain_names(dataset, "target_groups", [cell.target_group]),
        "place": plain_names(dataset, "municipalities", [cell.municipality]),
    }
    if not served:
        return t("lead_uncovered_nowhere", lang, **values)
    best = served[0]
    actors = plain_names(dataset, "actors", best.actors[:NEARBY_SHOWN])
    other = plain_names(dataset, "municipalities", [best.municipality])
    return t("lead_uncovered_nearby", lang, actors=actors, other=other, **values)


def _gaps(page: Page) -> str:
    f, lang = page.findings, page.lang
    parts = [t("lead_gaps", lang)]
    if f.actor_gaps:
        gap = f.actor_gaps[0]
        a, b = gap.names
        if gap.introducers:
            introducer = plain_names(f.dataset, "actors", gap.introducers[:1])
            parts.append(t("lead_gap_introducer", lang, introducer=introducer, a=a, b=b))
        else:
            parts.append(t("lead_gap_meet", lang, a=a, b=b))
        parts.append(t("lead_gap_scale", lang))
    return " ".join(parts)


def _duplicates(page: Page) -> str:
    f, lang = page.findings, page.lang
    text = t("lead_duplicates", lang)
    if not f.duplicates:
        return text
    group = f.duplicates[0]
    owners = plain_names(f.dataset, "actors", group.owners)
    return f"{text} {t('lead_duplicate_first', lang, owners=owners, projects=', '.join(group.names))}"


def _brokers(page: Page) -> str:
    report, lang = page.findings.brokers, page.lang
    text = t("lead_brokers", lang)
    if report.brokers and report.brokers[0].betweenness > 0:
        text += " " + t("lead_broker_first", lang, name=report.brokers[0].name)
    return text


def component_names(dataset: Dataset, report: BrokerReport, lang: Lang) -> list[str]:
    """Each component (largest first) named after its most central actor, with its most common orientation.

    Most central: the highest betweenness, then the most contacts, then the name. The last line
    gives the sizes of the components beyond the first COMPONENTS_NAMED.
    """
    centrality = {b.actor: (b.betweenness, b.degree) for b in report.brokers}
    lines = []
    for members in report.components[:COMPONENTS_NAMED]:
        central = min(members, key=lambda a: (*(-x for x in centrality.get(a, (0.0, 0))), _name(dataset, a)))
        text = tn("component_named", lang, len(members) - 1, name=_name(dataset, central))
        orientations = Counter(o for a in members if a in dataset.actors for o in dataset.actors[a].orientations)
        if orientations:
            top = min(orientations.items(), key=lambda item: (-item[1], item[0].casefold()))[0]
            text += f" ({t('component_orientation', lang, orientation=top)})"
        lines.append(text)
    rest = report.components[COMPONENTS_NAMED:]
    if rest:
        sizes = ", ".join(number(len(c), lang) for c in rest[:30]) + (", …" if len(rest) > 30 else "")
        lines.append(t("components_more", lang, n=number(len(rest), lang), sizes=sizes))
    return lines


def _name(dataset: Dataset, actor: str) -> str:
    return dataset.actors[actor].name if actor in dataset.actors else actor
