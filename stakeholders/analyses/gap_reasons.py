"""Why an actor gap was reported: its most telling shared cell, its broad actors, how far apart they are."""

from __future__ import annotations

from collections.abc import Set
from typing import TYPE_CHECKING

from stakeholders.model import Dataset

if TYPE_CHECKING:
    from stakeholders.analyses.gaps import ActorGap, _CellMatrix

BROAD_CELLS = 10  # an actor serving this many (target group, municipality) cells or more is called broad

_WORDS = {
    "en": {
        "cell": "both serve {group} ({groups} of {total} actors) in {place} ({places} of {total})",
        "more": "and {count} more shared cells",
        "broad": "{name} serves {cells} target group x municipality cells, so each overlap of it counts little",
        "unreachable": "no chain of contacts links them",
        "distance": "{distance} steps apart",
        "introducers": "{names} could introduce them",
    },
    "sv": {
        "cell": "båda når {group} ({groups} av {total} aktörer) i {place} ({places} av {total})",
        "more": "och {count} fler gemensamma celler",
        "broad": "{name} når {cells} kombinationer av målgrupp och kommun, så var och en av dess överlapp väger lite",
        "unreachable": "ingen kedja av kontakter förbinder dem",
        "distance": "{distance} steg ifrån varandra",
        "introducers": "{names} kan presentera dem för varandra",
    },
}


def gap_reasons(
    dataset: Dataset, cells: _CellMatrix, gap: ActorGap, shared: Set[tuple[str, str]], lang: str
) -> tuple[str, ...]:
    """The reasons of one gap, most telling first, in ``lang`` ("en" or "sv")."""
    words = _WORDS[lang if lang in _WORDS else "en"]
    best = max(shared, key=lambda c: (cells.weights[cells.cell_ids[c]], c[0].casefold(), c[1].casefold()))
    group, place = best
    (groups, places), total = cells.frequency, cells.total
    reasons = [
        words["cell"].format(
            group=_name(dataset.target_groups, group),
            groups=groups.get(group, 0),
            place=_name(dataset.municipalities, place),
            places=places.get(place, 0),
            total=total,
        )
    ]
    if len(shared) > 1:
        reasons[0] += " " + words["more"].format(count=len(shared) - 1)
    for actor_id in gap.actors:
        actor = dataset.actors[actor_id]
        count = len(actor.target_groups) * len(actor.municipalities)
        if count >= BROAD_CELLS:
            reasons.append(words["broad"].format(name=actor.name, cells=count))
    if gap.distance is None:
        reasons.append(words["unreachable"])
    else:
        reasons.append(words["distance"].format(distance=gap.distance))
        if gap.introducers:
            names = ", ".join(_name(dataset.actors, i) for i in gap.introducers)
            reasons.append(words["introducers"].format(names=names))
    return tuple(reasons)


def _name(records: object, record_id: str) -> str:
    record = records.get(record_id) if hasattr(records, "get") else None  # type: ignore[attr-defined]
    return getattr(record, "name", record_id) or record_id
