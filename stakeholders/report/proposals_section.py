"""The report's section of proposals for joint work (stakeholders.analyses.proposals), one table row each."""

from __future__ import annotations

import re
from collections.abc import Collection

from stakeholders.analyses.proposals import Proposal
from stakeholders.report.i18n import Lang, number, t
from stakeholders.safety import escape_html as e


def proposal_map_href(proposal_id: str) -> str:
    """Where a report keeps the map of a proposal's team, relative to its index.html."""
    return f"maps/proposal-{re.sub(r'[^A-Za-z0-9_-]+', '-', proposal_id).strip('-')[:60]}.html"


def proposals_section(proposals: tuple[Proposal, ...], lang: Lang, shown: int, maps: Collection[str] = ()) -> str:
    """An introduction, then each proposal: its title (linked to its team's map where ``maps`` holds it) and
    need, its score, its members with their roles."""
    intro = f"<p>{e(t('proposals_intro', lang))}</p>"
    if not proposals:
        return intro + f"<p>{e(t('none', lang))}</p>"
    rows = []
    for proposal in best_of_each_kind(proposals, shown):
        members = "<br>".join(
            f"{e(m.name)} <small>({e(m.role)}: {e(m.reason)})</small>" if m.reason else f"{e(m.name)} ({e(m.role)})"
            for m in proposal.members
        )
        need = f"<br><small>{e(proposal.need_text)}</small>" if proposal.need_text else ""
        href = proposal_map_href(proposal.id)
        team_map = f' <a href="{e(href)}">{e(t("team_map", lang))}</a>' if href in maps else ""
        rows.append(
            f"<tr><td><strong>{e(proposal.title)}</strong>{team_map}{need}</td>"
            f"<td>{e(number(proposal.score, lang, 2))}</td><td>{members}</td></tr>"
        )
    headers = "".join(f"<th>{e(t(key, lang))}</th>" for key in ("proposal", "score", "members"))
    return intro + f'<table class="proposals"><thead><tr>{headers}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def best_of_each_kind(proposals: tuple[Proposal, ...], shown: int) -> list[Proposal]:
    """The first ``shown`` proposals of each kind, in the order given (best first within a kind)."""
    seen: dict[str, int] = {}
    kept = []
    for proposal in proposals:
        seen[proposal.kind] = seen.get(proposal.kind, 0) + 1
        if seen[proposal.kind] <= shown:
            kept.append(proposal)
    return kept
