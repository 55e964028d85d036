"""The rules the loader applies beyond single cells: references, checks across a row, parent cycles, names.

Pure functions and a small index, so they can be tested and reused on their own
(e.g. :func:`name_key` by the duplicate analyses).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from typing import Any

from stakeholders.schema import COOPERATION, PROJECTS, TARGET_GROUPS

AMBIGUOUS = "\x00ambiguous"  # what ReferenceIndex.resolve returns for a name several records share

Values = dict[str, Any]


class ReferenceIndex:
    """Resolves references to one kind of record by id or exact name, ignoring case."""

    def __init__(self) -> None:
        self.by_id: dict[str, str] = {}  # casefolded id -> id
        self.by_name: dict[str, str] = {}  # casefolded name -> id (or AMBIGUOUS)
        self.names: dict[str, str] = {}  # id -> name
        self._candidates: list[str] | None = None

    def add(self, record_id: str, name: str) -> None:
        self.by_id[record_id.casefold()] = record_id
        key = name.casefold()
        known = self.by_name.get(key)
        self.by_name[key] = record_id if known in (None, record_id) else AMBIGUOUS
        self.names[record_id] = name
        self._candidates = None

    def resolve(self, text: str) -> str | None:
        key = text.casefold()
        return self.by_id.get(key) or self.by_name.get(key)

    def ids(self) -> tuple[str, ...]:
        return tuple(self.by_id.values())

    def close_matches(self, text: str) -> list[str]:
        if self._candidates is None:
            self._candidates = list(dict.fromkeys([*self.by_id.values(), *self.names.values()]))
        return difflib.get_close_matches(text, self._candidates, n=3, cutoff=0.6)


Found = tuple[str, str, str, str] | None  # column, message, value, hint


def _own_parent(values: Values) -> Found:
    parent = values.get("parent")
    if parent and parent.casefold() == values.get("id", "").casefold():
        return "parent", "a target group cannot be its own parent", parent, "Leave parent empty or name a broader group"
    return None


def _end_before_start(values: Values) -> Found:
    start, end = values.get("start"), values.get("end")
    if start and end and end < start:
        hint = f"The start is {start.isoformat()}; correct or swap the dates"
        return "end", "the project ends before it starts", end.isoformat(), hint
    return None


def _self_cooperation(values: Values) -> Found:
    source = values.get("source")
    if source and source == values.get("target"):
        return (
            "target",
            "an actor cannot cooperate with itself",
            source,
            "Name two different actors in source and target",
        )
    return None


ROW_CHECKS: dict[str, Callable[[Values], Found]] = {
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
    return " ".join([w for w in _WORD.findall(name.casefold()) if w not in _STOP_WORDS])
