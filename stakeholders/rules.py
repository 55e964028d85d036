"""The rules the loader applies beyond single cells: references, checks across a row, parent cycles, names.

Pure functions and a small index, so they can be tested and reused on their own
(e.g. :func:`name_key` by the duplicate analyses).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from stakeholders.schema import COOPERATION, PROJECTS, TARGET_GROUPS

AMBIGUOUS = "\x00ambiguous"  # what ReferenceIndex.resolve returns for a name several records share


class ReferenceIndex:
    """Resolves references to one kind of record by id or exact name, ignoring case."""

    def __init__(self) -> None:
        self.by_id: dict[str, str] = {}  # casefolded id -> id
        self.names: dict[str, str] = {}  # id -> name
        self._by_name: dict[str, str] = {}  # casefolded name -> id (or AMBIGUOUS)
        self._unnamed: list[tuple[Sequence[str], Sequence[str]]] = []  # added in bulk, not yet in _by_name
        self._candidates: list[str] | None = None

    @property
    def by_name(self) -> dict[str, str]:
        """Casefolded name -> id (or AMBIGUOUS); built when first needed, as most references are ids."""
        for record_ids, names in self._unnamed:
            self._add_names(record_ids, names)
        self._unnamed.clear()
        return self._by_name

    def add(self, record_id: str, name: str) -> None:
        by_name = self.by_name
        self.by_id[record_id.casefold()] = record_id
        key = name.casefold()
        known = by_name.get(key)
        by_name[key] = record_id if known in (None, record_id) else AMBIGUOUS
        self.names[record_id] = name
        self._candidates = None

    def add_many(self, record_ids: Sequence[str], names: Sequence[str]) -> None:
        """Like :meth:`add` for each pair in turn, in bulk."""
        self.by_id.update(zip(map(str.casefold, record_ids), record_ids, strict=True))
        self.names.update(zip(record_ids, names, strict=True))
        self._unnamed.append((record_ids, names))
        self._candidates = None

    def _add_names(self, record_ids: Sequence[str], names: Sequence[str]) -> None:
        keys = list(map(str.casefold, names))
        added = dict(zip(keys, record_ids, strict=True))
        if len(added) < len(keys):  # some records share a name: ambiguous when their ids differ
            shared = {key for key, count in Counter(keys).items() if count > 1}
            owners: dict[str, set[str]] = {}
            for key, record_id in zip(keys, record_ids, strict=True):
                if key in shared:
                    owners.setdefault(key, set()).add(record_id)
            added.update((key, AMBIGUOUS) for key, ids in owners.items() if len(ids) > 1)
        for key, record_id in added.items():
            known = self._by_name.get(key)
            if known is not None and known != record_id:
                added[key] = AMBIGUOUS
        self._by_name.update(added)

    def resolve(self, text: str) -> str | None:
        if text in self.names:
            return text  # an exact id, the common case
        key = text.casefold()
        return self.by_id.get(key) or self.by_name.get(key)

    def ids(self) -> tuple[str, ...]:
        return tuple(self.by_id.values())

    def close_matches(self, text: str) -> list[str]:
        if self._candidates is None:
            self._candidates = list(dict.fromkeys([*self.by_id.values(), *self.names.values()]))
        return difflib.get_close_matches(text, self._candidates, n=3, cutoff=0.6)


Found = tuple[str, str, str, str]  # column, message, value, hint
Columns = Mapping[str, Sequence[Any]]  # a table's values by column (None or "" for an empty cell)
ColumnCheck = Callable[[Columns], Iterator[tuple[int, Found]]]  # yields (row position, what is wrong)


def _own_parent(columns: Columns) -> Iterator[tuple[int, Found]]:
    parents, ids = columns.get("parent"), columns.get("id")
    if parents is None:
        return
    for k, parent in enumerate(parents):
        if parent and parent.casefold() == (ids[k] if ids is not None else "").casefold():
            yield (
                k,
                (
                    "parent",
                    "a target group cannot be its own parent",
                    parent,
                    "Leave parent empty or name a broader group",
                ),
            )


def _end_before_start(columns: Columns) -> Iterator[tuple[int, Found]]:
    starts, ends = columns.get("start"), columns.get("end")
    if starts is None or ends is None:
        return
    for k, (start, end) in enumerate(zip(starts, ends, strict=True)):
        if start and end and end < start:
            hint = f"The start is {start.isoformat()}; correct or swap the dates"
            yield k, ("end", "the project ends before it starts", end.isoformat(), hint)


def _self_cooperation(columns: Columns) -> Iterator[tuple[int, Found]]:
    sources, targets = columns.get("source"), columns.get("target")
    if sources is None or targets is None:
        return
    for k, (source, target) in enumerate(zip(sources, targets, strict=True)):
        if source and source == target:
            yield (
                k,
                (
                    "target",
                    "an actor cannot cooperate with itself",
                    source,
                    "Name two different actors in source and target",
                ),
            )


# Checks across the cells of a row, by file; each looks at whole columns at once.
COLUMN_CHECKS: dict[str, ColumnCheck] = {
    TARGET_GROUPS.name: _own_parent,
    PROJECTS.name: _end_before_start,
    COOPERATION.name: _self_cooperation,
}


def parent_cycles(parent_of: Mapping[str, str]) -> list[list[str]]:
    """Every cycle in a child -> parent mapping, each once, starting where the walk met it."""
    cycles: list[list[str]] = []
    done: set[str] = set()
    for start in parent_of:
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        while node is not None and node not in done and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = parent_of.get(node)
        if node is not None and node in on_path:
            cycles.append(path[path.index(node) :])
        done.update(path)
    return cycles


_STOP_WORDS = frozenset({"i", "på", "av", "och", "för", "in", "of", "the", "and", "ab", "ek"})
_WORD = re.compile(r"\w+")


def name_key(name: str) -> str:
    """A key that near-identical organisation names share ("KFUM i Umeå" ~ "KFUM Umeå")."""
    folded = name.casefold()
    # The words are the runs of \w: where the only other character is a space, split() finds them faster.
    words = folded.split() if folded.replace(" ", "").isalnum() else _WORD.findall(folded)
    if _STOP_WORDS.isdisjoint(words):
        return " ".join(words)
    return " ".join([w for w in words if w not in _STOP_WORDS])
