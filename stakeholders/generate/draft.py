"""The rows of a dataset being generated, and the bookkeeping every part shares."""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np

from stakeholders.generate.vocabulary import ASCII, FIRST_NAMES, LAST_NAMES
from stakeholders.schema import (
    ACTORS,
    COOPERATION,
    FUNDING,
    LIST_SEPARATOR,
    MUNICIPALITIES,
    PROJECTS,
    TARGET_GROUP_SIZES,
    TARGET_GROUPS,
    FileSpec,
)

T = TypeVar("T")
Row = dict[str, object]  # column name -> str or int (ints stay numbers in a workbook)


def joined(items: Sequence[str]) -> str:
    """A multi-valued cell."""
    return f"{LIST_SEPARATOR} ".join(items)


@dataclass
class Draft:
    """Every file's rows, built up by the random and the planted part.

    Actor and project ids are numbered in creation order (``a0001``,
    ``p0001``), zero-padded to the width of the requested totals so that
    they sort in file order.
    """

    total_actors: int
    total_projects: int
    rows: dict[str, list[Row]] = field(
        default_factory=lambda: {
            spec.name: []
            for spec in (MUNICIPALITIES, TARGET_GROUPS, ACTORS, PROJECTS, TARGET_GROUP_SIZES, COOPERATION, FUNDING)
        }
    )
    pairs: set[tuple[str, str]] = field(default_factory=set)  # cooperating actor pairs, (smaller, larger)
    _names: dict[str, int] = field(default_factory=dict)

    def table(self, spec: FileSpec) -> list[Row]:
        return self.rows[spec.name]

    # -- ids and names ----------------------------------------------------

    def next_actor_id(self) -> str:
        return f"a{len(self.rows[ACTORS.name]) + 1:0{len(str(self.total_actors))}d}"

    def next_project_id(self) -> str:
        return f"p{len(self.rows[PROJECTS.name]) + 1:0{len(str(self.total_projects))}d}"

    def unique_name(self, name: str) -> str:
        """``name``, numbered (``name 2``, ``name 3``, ...) when it was given before.

        The generator's name patterns never end in a number, so numbered names
        cannot meet another pattern's name.
        """
        seen = self._names.get(name, 0) + 1
        self._names[name] = seen
        return name if seen == 1 else f"{name} {seen}"

    # -- rows ---------------------------------------------------------------

    def add_actor(self, row: Row) -> str:
        actor_id = self.next_actor_id()
        row = {"id": actor_id, **row, "name": self.unique_name(str(row["name"]))}
        self.rows[ACTORS.name].append(row)
        return actor_id

    def add_project(self, row: Row) -> str:
        project_id = self.next_project_id()
        self.rows[PROJECTS.name].append({"id": project_id, **row})
        return project_id

    def cooperate(self, a: str, b: str, kind: str, strength: int, since: int | str, note: str = "") -> bool:
        """Add a cooperation row unless it links an actor to itself or repeats a pair."""
        if a == b:
            return False
        pair = (a, b) if a < b else (b, a)
        if pair in self.pairs:
            return False
        self.pairs.add(pair)
        self.rows[COOPERATION.name].append(
            {"source": a, "target": b, "kind": kind, "strength": strength, "since": since, "note": note}
        )
        return True


def contact_cells(draw: Draw, actor_number: int) -> Row:
    """Invented contact person, e-mail and phone for one actor."""
    first, last = draw.pick(FIRST_NAMES), draw.pick(LAST_NAMES)
    email = f"{first}.{last}.{actor_number}@example.se".translate(ASCII).lower()
    phone = f"0{draw.between(10, 999)}-{draw.between(100, 999)} {draw.between(10, 99)} {draw.between(10, 99)}"
    return {"contact_name": f"{first} {last}", "email": email, "phone": phone}


def _uniforms(rng: np.random.Generator) -> Iterator[float]:
    while True:
        yield from rng.random(1 << 16).tolist()


class Draw:
    """Fast scalar draws from a numpy generator (its uniforms, taken in blocks).

    The stdlib's ``random.choice``, ``randint`` and ``sample`` cost about a
    microsecond a call; these cost a tenth of that, which matters for a few
    million draws.
    """

    def __init__(self, rng: np.random.Generator) -> None:
        self._next = _uniforms(rng).__next__

    def random(self) -> float:
        return self._next()

    def below(self, n: int) -> int:
        """An integer in ``[0, n)``."""
        return int(self._next() * n)

    def between(self, low: int, high: int) -> int:
        """An integer in ``[low, high]``."""
        return low + int(self._next() * (high - low + 1))

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self._next() * len(items))]

    def weighted(self, cumulative: Sequence[float]) -> int:
        """An index drawn with the weights whose running sums are ``cumulative``."""
        return bisect.bisect_right(cumulative, self._next() * cumulative[-1])

    def some(self, items: Sequence[T], k: int) -> list[T]:
        """Up to ``k`` distinct items (all of them, shuffled, when ``k >= len(items)``)."""
        if k >= len(items):
            chosen = list(items)
            for i in range(len(chosen) - 1, 0, -1):
                j = int(self._next() * (i + 1))
                chosen[i], chosen[j] = chosen[j], chosen[i]
            return chosen
        picked: dict[int, None] = {}
        while len(picked) < k:
            picked[int(self._next() * len(items))] = None
        return [items[i] for i in picked]
