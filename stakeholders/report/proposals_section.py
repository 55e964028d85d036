"""The report's section of proposals for joint work (stakeholders.analyses.proposals), one table row each."""

from __future__ import annotations

from stakeholders.analyses.proposals import Proposal
from stakeholders.report.i18n import Lang, number, t
from stakeholders.safety import escape_html as e


def proposals_section(proposals: tuple[Proposal, ...], lang: Lang, shown: int) -> str:
    """An introduction, then each proposal: its title and need, its score, its members with their roles."""
    intro = f"<p>{e(t('proposals_intro', lang))}</p>"
    if not proposals:
        return intro + f"<p>{e(t('none', lang))}</p>"
    rows = []
    for proposal in _best_of_each_kind(proposals, shown):
        members = "<br>".join(
            f"{e(m.name)} <small>({e(m.role)}: {e(m.reason)})</small>" if m.reason else f"{e(m.name)} ({e(m.role)})"
            for m in proposal.members
        )
        need = f"<br><small>{e(proposal.need_text)}</small>" if proposal.need_text else ""
        rows.append(
            f"<tr><td><strong>{e(proposal.title)}</strong>{need}</td>"
            f"<td>{e(number(proposal.score, lang, 2))}</td><td>{members}</td></tr>"
        )
    headers = "".join(f"<th>{e(t(key, lang))}</th>" for key in ("proposal", "score", "members"))
    return intro + f'<table class="proposals"><thead><tr>{headers}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _best_of_each_kind(proposals: tuple[Proposal, ...], shown: int) -> list[Proposal]:
    """The first ``shown`` proposals of each kind, in the order given (best first within a kind)."""
    seen: dict[str, int] = {}
    kept = []
    for proposal in proposals:
        seen[proposal.kind] = seen.get(proposal.kind, 0) + 1
        if seen[proposal.kind] <= shown:
            kept.append(proposal)
    return kept
