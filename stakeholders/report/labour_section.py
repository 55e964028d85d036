"""The report's section on the labour market (issue 18): shortage occupations and who prepares people for them,
then employers whose needs nobody they talk to could fill (stakeholders demand, gaps --kind employers)."""

from __future__ import annotations

from stakeholders.analyses import DemandRow, EmployerGap
from stakeholders.model import Dataset
from stakeholders.report.i18n import Lang, t
from stakeholders.report.parts import lead, names, num, or_none
from stakeholders.safety import escape_html as e


def labour_section(
    dataset: Dataset, demand: tuple[DemandRow, ...], employer_gaps: tuple[EmployerGap, ...], lang: Lang, shown: int
) -> str:
    """What the section means and what to do, the shortage cells (gaps first), then the employer gaps."""
    if not dataset.labour_demand and not dataset.employer_needs:
        return f"<p>{e(t('labour_none', lang))}</p>"
    parts = [lead(t("lead_labour", lang)), f"<h3>{e(t('shortages', lang))}</h3>"]
    rows = []
    for row in sorted(demand, key=lambda r: not r.gap)[:shown]:  # the gaps first, else in the analysis' order
        finding = []
        if row.unprepared:
            finding.append(e(t("unprepared", lang)))
        if row.unbridged_target_groups:
            finding.append(e(t("unbridged", lang, groups=_plain(dataset, row.unbridged_target_groups))))
        prepares = [names(dataset, "actors", row.actors), names(dataset, "projects", row.projects)]
        rows.append(
            [
                f"{e(row.occupation_name)} <small>({e(row.occupation)})</small>",
                e(row.municipality_name or row.municipality),
                names(dataset, "target_groups", row.target_groups),
                "; ".join(p for p in prepares if p),
                "<br>".join(finding),
            ]
        )
    headers = [t(k, lang) for k in ("occupation", "municipality", "fitting_groups", "who_prepares", "finding")]
    parts.append(or_none(rows, lang, headers))
    parts.append(f"<h3>{e(t('employer_gaps', lang))}</h3>")
    gap_rows = [
        [
            e(gap.name),
            num(gap.count, lang) + f" × {e(gap.occupation_name)}" if gap.count is not None else e(gap.occupation_name),
            names(dataset, "actors", gap.candidates),
            names(dataset, "actors", gap.introducers) or e(t("no_introducer", lang)),
        ]
        for gap in employer_gaps[:shown]
    ]
    headers = [t(k, lang) for k in ("employer", "need", "could_fill", "introducers")]
    parts.append(or_none(gap_rows, lang, headers))
    return "".join(parts)


def _plain(dataset: Dataset, ids: tuple[str, ...]) -> str:
    records = dataset.target_groups
    return ", ".join(records[i].name if i in records else i for i in ids)
