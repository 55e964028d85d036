"""Why an actor gap was reported: its most telling shared cell, its broad actors, how far apart they are."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from stakeholders.model import Dataset

if TYPE_CHECKING:
    from stakeholders.analyses.gaps import _CellMatrix

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


class GapReasons:
    """The reasons of the gaps of one analysis, in ``lang`` ("en" or "sv").

    A list of every gap can hold millions of pairs that share the same few cells: each part of a reason (the
    most telling cell of a set of shared cells, a broad actor, a distance) is worded once.
    """

    def __init__(self, dataset: Dataset, cells: _CellMatrix, lang: str) -> None:
        self.dataset = dataset
        self.cells = cells
        self.words = _WORDS[lang if lang in _WORDS else "en"]
        self._shared: dict[frozenset[tuple[str, str]], str] = {}
        self._broad: dict[str, str | None] = {}

    def __call__(
        self,
        actors: tuple[str, str],
        shared: frozenset[tuple[str, str]],
        distance: int | None,
        introducers: tuple[str, ...],
    ) -> tuple[str, ...]:
        reasons = [self._cell(shared)]
        reasons += [text for text in map(self._broad_actor, actors) if text]
        if distance is None:
            reasons.append(self.words["unreachable"])
        else:
            reasons.append(self.words["distance"].format(distance=distance))
            if introducers:
                names = ", ".join(_name(self.dataset.actors, i) for i in introducers)
                reasons.append(self.words["introducers"].format(names=names))
        return tuple(reasons)

    def _cell(self, shared: frozenset[tuple[str, str]]) -> str:
        text = self._shared.get(shared)
        if text is None:
            cells, dataset = self.cells, self.dataset
            best = max(shared, key=lambda c: (cells.weights[cells.cell_ids[c]], c[0].casefold(), c[1].casefold()))
            group, place = best
            (groups, places), total = cells.frequency, cells.total
            text = self.words["cell"].format(
                group=_name(dataset.target_groups, group),
                groups=groups.get(group, 0),
                place=_name(dataset.municipalities, place),
                places=places.get(place, 0),
                total=total,
            )
            if len(shared) > 1:
                text += " " + self.words["more"].format(count=len(shared) - 1)
            self._shared[shared] = text
        return text

    def _broad_actor(self, actor_id: str) -> str | None:
        if actor_id not in self._broad:
            actor = self.dataset.actors[actor_id]
            count = len(actor.target_groups) * len(actor.municipalities)
            self._broad[actor_id] = (
                self.words["broad"].format(name=actor.name, cells=count) if count >= BROAD_CELLS else None
            )
        return self._broad[actor_id]


def _name(records: object, record_id: str) -> str:
    record = records.get(record_id) if isinstance(records, Mapping) else None
    return getattr(record, "name", record_id) or record_id
