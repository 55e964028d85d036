"""The report's ranked findings: communication gaps, duplicated efforts (with timelines) and brokers.

Scores carry their scale: a 0-1 score as ``0,82 av 1``; a gap score, which has
no upper bound, with its place among the gaps found (``topp 5 %``, or
``nr 3 av minst 100`` when only the top ones were kept). Budgets carry their
currency.
"""

from __future__ import annotations

from stakeholders.model import Dataset
from stakeholders.report.formats import currency_of, money, of_one, rank_scale
from stakeholders.report.i18n import Lang, number, t
from stakeholders.report.next_steps import component_names
from stakeholders.report.parts import Page, lead, names, num, or_none
from stakeholders.safety import escape_html as e


def _ranked_score(score: float, rank: int, found: int, limit: int, lang: Lang) -> str:
    capped = bool(limit) and found >= limit
    scale = rank_scale(rank, found, capped, lang)
    return f'<span class="num">{e(number(score, lang, 2))}</span> <small>({e(scale)})</small>'


def _shared(dataset: Dataset, target_groups: tuple[str, ...], municipalities: tuple[str, ...]) -> str:
    return names(dataset, "target_groups", target_groups) + " / " + names(dataset, "municipalities", municipalities)


def gaps_section(page: Page) -> str:
    f, lang, d = page.findings, page.lang, page.findings.dataset
    found, limit = len(f.actor_gaps), f.gap_limit
    actor_rows = [
        [
            e(" – ".join(g.names)),
            _ranked_score(g.score, rank, found, limit, lang),
            _shared(d, g.shared_target_groups, g.shared_municipalities),
            e(str(g.distance) if g.distance is not None else t("unreachable", lang)),
            names(d, "actors", g.introducers) or "–",
        ]
        for rank, g in enumerate(f.actor_gaps[: page.shown], start=1)
    ]
    found = len(f.project_gaps)
    project_rows = [
        [
            e(" – ".join(g.names)),
            _ranked_score(g.score, rank, found, limit, lang),
            _shared(d, g.shared_target_groups, g.shared_municipalities),
            e(f"{g.overlap_start or '…'} – {g.overlap_end or '…'}"),
        ]
        for rank, g in enumerate(f.project_gaps[: page.shown], start=1)
    ]
    sector_rows = [
        [e(g.name), names(d, "actors", g.public_actors), names(d, "actors", g.private_actors)] for g in f.sector_gaps
    ]
    shared = t("shared", lang)
    return (
        f"<h3>{e(t('actor_gaps', lang))}</h3>"
        + or_none(
            actor_rows, lang, [t("actors", lang), t("score", lang), shared, t("distance", lang), t("introducers", lang)]
        )
        + f'<p class="note">{e(t("top_note", lang, n=page.shown))}</p>'
        + f"<h3>{e(t('project_gaps', lang))}</h3>"
        + lead(t("lead_project_gaps", lang))
        + or_none(project_rows, lang, [t("projects", lang), t("score", lang), shared, t("period", lang)])
        + f"<h3>{e(t('sector_gaps', lang))}</h3>"
        + lead(t("lead_sector_gaps", lang))
        + or_none(sector_rows, lang, [t("municipality", lang), t("public_actors", lang), t("private_actors", lang)])
    )


def duplicates_section(page: Page) -> str:
    f, lang, d = page.findings, page.lang, page.findings.dataset
    rows = []
    for group in f.duplicates[: page.shown]:
        projects = "<br>".join(f"{e(d.projects[p].name)} <small>({e(_period(d, p))})</small>" for p in group.projects)
        budget = money(group.combined_budget, lang, currency_of(d, group.projects))
        rows.append(
            [
                projects,
                names(d, "actors", group.owners),
                f'<span class="num">{e(of_one(group.score, lang))}</span>',
                e(group.reason),
                e(f"{group.overlap_start or '…'} – {group.overlap_end or '…'}"),
                f'<span class="num">{e(budget)}</span>',
                e(t("yes" if group.coordinated else "no", lang)),
            ]
        )
    headers = [
        t("projects", lang),
        t("owners", lang),
        t("score", lang),
        t("why", lang),
        t("period", lang),
        t("combined_budget", lang),
        t("coordinated", lang),
    ]
    return or_none(rows, lang, headers) + _timelines(page)


def _timelines(page: Page) -> str:
    """A Gantt chart of each group shown: its projects' periods side by side, the common months shaded."""
    from stakeholders.report.charts import Bar, timeline_svg

    f, lang, d = page.findings, page.lang, page.findings.dataset
    figures = []
    for number_, group in enumerate(f.duplicates[: page.shown], start=1):
        bars = [Bar(d.projects[p].name, d.projects[p].start, d.projects[p].end) for p in group.projects]
        labels = ", ".join(bar.label for bar in bars)
        period = f"{group.overlap_start or '…'} – {group.overlap_end or '…'}"
        label = t("timeline_alt", lang, n=number_, names=labels, period=period)
        svg = timeline_svg(bars, (group.overlap_start, group.overlap_end), label)
        if svg:
            figures.append(f'<figure class="chart timeline">{svg}<figcaption>{e(label)}</figcaption></figure>')
    if not figures:
        return ""
    return f"<h3>{e(t('timelines', lang))}</h3>" + "".join(figures)


def _period(dataset: Dataset, project_id: str) -> str:
    project = dataset.projects[project_id]
    return f"{project.start or '…'} – {project.end or '…'}"


def brokers_section(page: Page) -> str:
    f, lang, d = page.findings, page.lang, page.findings.dataset
    report = f.brokers
    rows = [
        [
            e(b.name),
            f'<span class="num">{e(of_one(b.betweenness, lang, 3))}</span>',
            num(b.degree, lang),
            num(b.constraint, lang, 3),
            num(b.effective_size, lang, 2),
            e(t("yes" if b.articulation_point else "no", lang)),
        ]
        for b in report.brokers[: page.shown]
    ]
    headers = [t(k, lang) for k in ("actor", "betweenness", "degree", "constraint", "effective_size")]
    headers.append(t("articulation_points", lang).split("(")[0].strip())
    components = "".join(f"<li>{e(line)}</li>" for line in component_names(d, report, lang))
    return (
        or_none(rows, lang, headers)
        + f"<h3>{e(t('articulation_points', lang))}</h3><p>{names(d, 'actors', report.articulation_points) or '–'}</p>"
        + f"<h3>{e(t('isolated', lang))}</h3><p>{names(d, 'actors', report.isolated) or '–'}</p>"
        + f"<h3>{e(t('components', lang))}</h3>"
        + lead(t("lead_components", lang))
        + (f'<ul class="components">{components}</ul>' if components else "<p>–</p>")
    )
