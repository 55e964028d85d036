"""The one-line reason of a duplicated effort, in English or Swedish."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stakeholders.analyses.duplicate_pairs import ProjectTable
    from stakeholders.analyses.duplicates import DuplicatePair

LANGUAGES = ("en", "sv")

_WORDS = {
    "en": {
        "similar": "similar texts ({similarity}{terms})",
        "orientations": "both {value} ({count} of {total} projects)",
        "target_groups": "for {value} ({count} of {total})",
        "municipalities": "in {value} ({count} of {total})",
        "months": "side by side for {months} months",
        "coordinated": "they share an owner or partner",
        "uncoordinated": "no owner or partner in common",
    },
    "sv": {
        "similar": "liknande texter ({similarity}{terms})",
        "orientations": "båda {value} ({count} av {total} projekt)",
        "target_groups": "för {value} ({count} av {total})",
        "municipalities": "i {value} ({count} av {total})",
        "months": "parallellt i {months} månader",
        "coordinated": "de har en ägare eller partner gemensam",
        "uncoordinated": "ingen gemensam ägare eller partner",
    },
}


def _number(value: float, lang: str) -> str:
    text = f"{value:.2f}" if value < 10 else f"{value:.0f}"
    return text.replace(".", ",") if lang == "sv" else text


def pair_reason(
    table: ProjectTable,
    pair: DuplicatePair,
    shared: Mapping[str, Sequence[str]],
    months: float,
    coordinated: bool,
    lang: str,
) -> str:
    """Why a group was reported: its weakest pair's text evidence, its most telling shared values, its time."""
    words = _WORDS[lang if lang in _WORDS else "en"]
    terms = f": {', '.join(pair.common_terms[:3])}" if pair.common_terms else ""
    parts = [words["similar"].format(similarity=_number(pair.similarity, lang), terms=terms)]
    names = {
        "orientations": lambda v: v,
        "target_groups": lambda v: table.dataset.target_groups[v].name if v in table.dataset.target_groups else v,
        "municipalities": lambda v: table.dataset.municipalities[v].name if v in table.dataset.municipalities else v,
    }
    for facet in ("orientations", "target_groups", "municipalities"):
        values = shared.get(facet, ())
        if not values:
            continue
        counts = table.frequency[facet]
        rarest = min(values, key=lambda v: (counts.get(v, 0), v.casefold()))
        value = names[facet](rarest)
        parts.append(words[facet].format(value=value, count=counts.get(rarest, 0), total=table.total))
    parts.append(words["months"].format(months=_number(months, lang)))
    parts.append(words["coordinated" if coordinated else "uncoordinated"])
    return "; ".join(parts)
