"""What the analyses share: filters, (target group, municipality) cells, ranking helpers."""

from __future__ import annotations

import datetime as dt
import difflib
import math
import os
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import product
from types import MappingProxyType

import numpy as np

from stakeholders.errors import UsageError
from stakeholders.model import Actor, Dataset, Project

Cell = tuple[str, str]  # (target group id, municipality id)
_SIZES: weakref.WeakKeyDictionary[Dataset, Mapping[Cell, int]] = weakref.WeakKeyDictionary()
SCORE_DIGITS = 6  # scores are rounded so that summation order never changes a ranking


@dataclass(frozen=True, slots=True)
class Filters:
    """Restrict an analysis to some municipalities, target groups or orientations.

    Empty means no restriction. Municipality and target-group filters keep only
    the cells in them; an orientation filter keeps only actors and projects
    with one of those orientations.
    """

    municipalities: frozenset[str] = frozenset()
    target_groups: frozenset[str] = frozenset()
    orientations: frozenset[str] = frozenset()

    def cell(self, target_group: str, municipality: str) -> bool:
        return (not self.target_groups or target_group in self.target_groups) and (
            not self.municipalities or municipality in self.municipalities
        )

    def record(self, record: Actor | Project) -> bool:
        return not self.orientations or not self.orientations.isdisjoint(record.orientations)


NO_FILTERS = Filters()


def resolve_filters(
    dataset: Dataset,
    municipalities: Iterable[str] = (),
    target_groups: Iterable[str] = (),
    orientations: Iterable[str] = (),
) -> Filters:
    """Turn filter values given by id or name (any case) into ids.

    Raises
    ------
    UsageError
        When a value names nothing in the dataset (with close matches).
    """
    # Every orientation is gathered only when one is asked for: a report asks for the gaps of each municipality.
    wanted = tuple(orientations)
    known = {o: o for o in all_orientations(dataset)} if wanted else {}
    return Filters(
        frozenset(_resolve("municipality", municipalities, _names(dataset.municipalities))),
        frozenset(_resolve("target group", target_groups, _names(dataset.target_groups))),
        frozenset(_resolve("orientation", wanted, known)),
    )


def _names(records: Mapping[str, object]) -> dict[str, str]:
    return {record_id: getattr(record, "name", record_id) for record_id, record in records.items()}


def _resolve(what: str, values: Iterable[str], names_by_id: Mapping[str, str]) -> list[str]:
    lookup = {key.casefold(): record_id for record_id, name in names_by_id.items() for key in (name, record_id)}
    resolved = []
    for value in values:
        found = lookup.get(value.strip().casefold())
        if found is None:
            # Compare ignoring case (as the lookup does), suggest each spelling once.
            spellings = {key.casefold(): key for pair in names_by_id.items() for key in reversed(pair)}
            close = difflib.get_close_matches(value.strip().casefold(), list(spellings), n=3)
            hint = f"; did you mean {' or '.join(repr(spellings[c]) for c in close)}?" if close else ""
            raise UsageError(f"no {what} {value!r} in the dataset{hint}")
        resolved.append(found)
    return resolved


def all_orientations(dataset: Dataset) -> list[str]:
    """Every orientation of the dataset, once, in order of first appearance."""
    tables = (dataset.actors, dataset.projects)
    seen = dict.fromkeys(o for table in tables for record in table.values() for o in record.orientations)
    return list(seen)


def record_cells(record: Actor | Project, filters: Filters = NO_FILTERS) -> list[Cell]:
    """The (target group, municipality) cells a record serves."""
    if not filters.target_groups and not filters.municipalities:
        # Every cell passes: skip the test (a call per cell, for every record of every analysis).
        return list(product(record.target_groups, record.municipalities))
    return [(t, m) for t in record.target_groups for m in record.municipalities if filters.cell(t, m)]


def cell_sizes(dataset: Dataset) -> Mapping[Cell, int]:
    """Known target-group sizes per cell: the latest year's, where several years are given.

    A row without a year counts as older than any year. Several rows for one
    cell and year keep the largest size, so the order of the rows never matters.
    Computed once per dataset (a report asks for the gaps of every municipality).
    """
    cached = _SIZES.get(dataset)
    if cached is not None:
        return cached
    sizes: dict[Cell, tuple[int, int]] = {}
    for row in dataset.target_group_sizes:
        key = (row.target_group, row.municipality)
        candidate = (row.year if row.year is not None else -1, row.size)
        if key not in sizes or candidate > sizes[key]:
            sizes[key] = candidate
    found = MappingProxyType({key: size for key, (_, size) in sizes.items()})
    _SIZES[dataset] = found
    return found


def cell_weight(size: int | None) -> float:
    """A shared cell counts 1, plus log10(1 + people in it) where the size is known."""
    return 1.0 if size is None else 1.0 + math.log10(1 + size)


def distance_factor(distance: int | None) -> float:
    """How much farther apart raises a gap: 1.25 at distance 2 up to 2 at 5+ or unreachable."""
    if distance is None:
        return 2.0
    return 1.0 + min(distance - 1, 4) / 4


def rounded(score: float) -> float:
    return round(score, SCORE_DIGITS)


def id_key(ids: Sequence[str]) -> tuple[str, ...]:
    """Tie-break key that does not depend on the case of ids."""
    return tuple(i.casefold() for i in ids)


def top_n(rows: list, top: int) -> list:
    """The first ``top`` rows; 0 means all."""
    return rows if top == 0 else rows[:top]


DAY_MIN, DAY_MAX = dt.date.min.toordinal(), dt.date.max.toordinal()
_THREADS = min(2, os.cpu_count() or 1)


def in_chunks(function: Callable[[int, int], np.ndarray], total: int, size: int) -> np.ndarray:
    """``function(start, stop)`` over chunks of ``range(total)``, concatenated; chunks on two threads.

    For array work that releases the GIL (SciPy's sparse kernels, NumPy on large arrays): on the pair
    arrays of 50,000 projects two threads took 1.45x less wall time here with both cores free (and about
    20 % more while another process held one core; see benchmarks/RESULTS.md).
    """
    starts = range(0, total, size)
    if len(starts) <= 1:
        parts = [function(start, min(start + size, total)) for start in starts]
    else:
        with ThreadPoolExecutor(max_workers=min(_THREADS, len(starts))) as pool:
            parts = list(pool.map(lambda start: function(start, min(start + size, total)), starts))
    return np.concatenate(parts) if parts else np.zeros(0)


def period(project: Project) -> tuple[int, int]:
    """A project's period as inclusive day numbers; an open end is unbounded."""
    start = project.start.toordinal() if project.start else DAY_MIN
    end = project.end.toordinal() if project.end else DAY_MAX
    return start, end


def day_text(day: int) -> str | None:
    """A day number as YYYY-MM-DD, or None for an unbounded end."""
    return None if day in (DAY_MIN, DAY_MAX) else dt.date.fromordinal(day).isoformat()


def concurrent(a: Project, b: Project) -> bool:
    """Periods share at least one day (ends inclusive, open ends unbounded)."""
    (start_a, end_a), (start_b, end_b) = period(a), period(b)
    return start_a <= end_b and start_b <= end_a
