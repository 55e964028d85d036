"""Proposals as text: Markdown (user text escaped), one line each, a flat record for CSV."""

from __future__ import annotations

import html
from collections.abc import Sequence

from stakeholders.analyses.proposal_parts import Proposal

_MARKDOWN_SPECIALS = "\\`*_[]!|~"  # inline specials; user text never starts a line


def escape_markdown(value: object) -> str:
    """User text safe in Markdown and in the HTML a Markdown renderer makes of it.

    Markdown's special characters get a backslash, then ``&``, ``<``, ``>`` and quotes become HTML
    entities (so no tag, link or emphasis can come from the data).
    """
    text = "" if value is None else str(value)
    text = "".join("\\" + c if c in _MARKDOWN_SPECIALS else c for c in text)
    text = " ".join(text.split())  # a line break in user text would end the list item
    return html.escape(text, quote=True)


_MD_WORDS = {
    "en": {"heading": "Proposals", "as_of": "as of", "need": "Need", "score": "score", "none": "No proposals."},
    "sv": {"heading": "Förslag", "as_of": "per", "need": "Behov", "score": "poäng", "none": "Inga förslag."},
}


def proposals_markdown(found: Sequence[Proposal], lang: str = "en") -> str:
    """The proposals as a readable Markdown list (user text escaped with :func:`escape_markdown`)."""
    words = _MD_WORDS[lang if lang in _MD_WORDS else "en"]
    as_of = next((p.as_of for p in found if p.as_of), None)
    lines = [f"# {words['heading']}" + (f" ({words['as_of']} {as_of})" if as_of else ""), ""]
    if not found:
        lines.append(words["none"])
    for proposal in found:
        lines.append(
            f"## {escape_markdown(proposal.id)}: {escape_markdown(proposal.title)} ({words['score']} {proposal.score})"
        )
        lines.append("")
        lines.append(f"{words['need']}: {escape_markdown(proposal.need_text)}")
        lines.append("")
        for member in proposal.members:
            lines.append(
                f"- **{escape_markdown(member.name)}** ({escape_markdown(member.actor)}), "
                f"{escape_markdown(member.role)}: {escape_markdown(member.reason)}"
            )
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def proposal_line(proposal: Proposal) -> str:
    """One readable line: id, title, score, need and members with their roles."""
    members = ", ".join(f"{m.name} ({m.role})" for m in proposal.members)
    return f"{proposal.id}: {proposal.title}; score {proposal.score}; {proposal.need_text}; members: {members}"


def proposal_row(proposal: Proposal) -> dict[str, object]:
    """A flat record for CSV: members as ``name (role)`` and the need as text."""
    return {
        "id": proposal.id,
        "kind": proposal.kind,
        "title": proposal.title,
        "score": proposal.score,
        "need": proposal.need_text,
        "members": [f"{m.name} ({m.role})" for m in proposal.members],
        "member_ids": [m.actor for m in proposal.members],
        "as_of": proposal.as_of,
    }
