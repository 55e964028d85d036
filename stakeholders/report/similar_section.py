"""The report's section of similar projects elsewhere (stakeholders.analyses.similar): the best match of each
project, the closest first."""

from __future__ import annotations

from stakeholders.analyses.similar import SimilarProject
from stakeholders.model import Dataset
from stakeholders.report.formats import of_one
from stakeholders.report.i18n import Lang, t
from stakeholders.safety import escape_html as e


def similar_section(rows: tuple[SimilarProject, ...] | None, dataset: Dataset, lang: Lang, shown: int) -> str:
    """What the section means; then, for the ``shown`` projects with the closest matches, each one's best match:
    its list and id, owner, where and when, the similarity (0-1) and the words that matched.

    ``rows`` None: no list was searched, and the section says how to search one.
    """
    if rows is None:
        return f"<p>{e(t('similar_none_searched', lang))}</p>"
    intro = f"<p>{e(t('similar_intro', lang))}</p>"
    best: dict[str, SimilarProject] = {}
    for row in rows:  # by project, best first
        best.setdefault(row.project, row)
    if not best:
        return intro + f"<p>{e(t('none', lang))}</p>"
    ranked = sorted(best.values(), key=lambda r: -r.similarity)[:shown]  # stable: ties keep the dataset's order
    headers = "".join(
        f"<th>{e(t(key, lang))}</th>" for key in ("our_project", "their_project", "where_when", "similarity")
    )
    body = "".join(_row(row, dataset, lang) for row in ranked)
    return intro + f'<table class="similar"><thead><tr>{headers}</tr></thead><tbody>{body}</tbody></table>'


def _row(row: SimilarProject, dataset: Dataset, lang: Lang) -> str:
    ours = dataset.projects[row.project].name if row.project in dataset.projects else row.project
    owner = f"<br><small>{e(row.owner)}</small>" if row.owner else ""
    place = ", ".join(p for p in (row.region, row.country) if p)
    when = "; ".join(p for p in (place, row.period) if p)
    words = f"<br><small>{e(', '.join(row.matched_terms))}</small>" if row.matched_terms else ""
    return (
        f"<tr><td>{e(ours)}</td><td><strong>{e(row.name)}</strong> ({e(row.list)}, {e(row.id)}){owner}</td>"
        f"<td>{e(when)}</td><td>{e(of_one(row.similarity, lang))}{words}</td></tr>"
    )
