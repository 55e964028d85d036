"""The analyses as Cypher: the set work runs on the server, small deterministic steps in Python.

Each analysis gives exactly what the in-memory one gives for the same
dataset (the same ``to_json()``); the definitions are in docs/analyses.md.

- Actor gaps and duplicated efforts weigh each shared value by how many
  share it and compare texts: the backend scores them on the model it reads
  from the server (:mod:`stakeholders.backends.neo4j`).
- Project gaps: concurrent pairs sharing a cell with no contact between
  their participants, all in Cypher; scores and ranking in Python.
- Sector gaps and coverage: in Cypher; sorting in Python.
- Brokers: the contact network is read into the in-memory broker metrics.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from types import MappingProxyType
from typing import Any

import numpy as np

from stakeholders import analyses, model
from stakeholders.analyses.common import (
    DAY_MAX,
    DAY_MIN,
    NO_FILTERS,
    SCORE_DIGITS,
    Filters,
    cell_weight,
    day_text,
    distance_factor,
    id_key,
    resolve_filters,
    rounded,
    top_n,
)
from stakeholders.analyses.coverage import _rank as coverage_rank
from stakeholders.backends.base import Query
from stakeholders.backends.neo4j_store import ordered
from stakeholders.schema import Sector

Rows = Callable[..., list[Any]]  # rows(query name, **parameters) -> records; the dataset is added
_MIN_FACTOR, _MAX_FACTOR = distance_factor(2), distance_factor(None)
_SLACK = 2 * 10**-SCORE_DIGITS
_PROJECTS_AFTER = 1 << 40  # orders every project after every actor (filters/names)


def _native(value: Any) -> Any:
    return value.to_native() if hasattr(value, "to_native") else value


def _casefolded(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(values, key=str.casefold))


class CypherAnalyses:
    """The analyses of one dataset in Neo4j; ``rows`` runs a named Cypher file and returns its records."""

    def __init__(self, rows: Rows) -> None:
        self._rows = rows

    # -- shared -----------------------------------------------------------------------------------------

    def filters(self, query: Query) -> Filters:
        """The query's filters with names resolved to ids (no server round trip without filters)."""
        if not (query.municipalities or query.target_groups or query.orientations):
            return NO_FILTERS
        municipalities, groups, orientations = {}, {}, []
        for row in sorted(
            self._rows("filters/names", projects_after=_PROJECTS_AFTER),
            key=lambda r: (r["seq"] is None, r["seq"] or 0, r["id"]),
        ):
            if row["kind"] == "municipality":
                municipalities[row["id"]] = model.Municipality(row["id"], row["name"] or row["id"])
            elif row["kind"] == "target group":
                groups[row["id"]] = model.TargetGroup(row["id"], row["name"] or row["id"])
            else:
                orientations.append(row["id"])
        names = model.Dataset(
            name="",
            source="",
            actors={"": model.Actor("", "", orientations=tuple(orientations))},
            municipalities=municipalities,
            target_groups=groups,
        )
        return resolve_filters(names, query.municipalities, query.target_groups, query.orientations)

    @staticmethod
    def _parameters(filters: Filters) -> dict[str, list[str]]:
        return {
            "municipalities": sorted(filters.municipalities),
            "target_groups": sorted(filters.target_groups),
            "orientations": sorted(filters.orientations),
        }

    @cached_property
    def sizes(self) -> dict[tuple[str, str], int]:
        """Known size per (target group, municipality) cell (the latest year's)."""
        return {(r["target_group"], r["municipality"]): r["size"] for r in self._rows("cells/sizes")}

    def _overlap(self, target_groups: list[str], municipalities: list[str]) -> float:
        sizes = self.sizes
        return sum(cell_weight(sizes.get((t, m))) for t in target_groups for m in municipalities)

    def contact_pairs(self) -> Iterator[tuple[str, str]]:
        """Contacts in the order the in-memory model gives them: cooperation rows, then projects' participants."""
        cooperations = sorted(
            self._rows("contacts/cooperations"),
            key=lambda r: (r["seq"] is None, r["seq"] or 0, r["source"], r["target"]),
        )
        for row in cooperations:
            yield row["source"], row["target"]
        projects = sorted(self._rows("contacts/participants"), key=lambda r: (r["seq"] is None, r["seq"] or 0, r["id"]))
        for row in projects:
            people = list(dict.fromkeys([*sorted(row["owners"]), *ordered(row["partners"])]))
            yield from model.project_contacts(people)

    # -- project gaps -----------------------------------------------------------------------------------

    def project_gaps(self, query: Query) -> list[analyses.ProjectGap]:
        filters = self.filters(query)
        rows = self._rows("gaps/project_candidates", **self._parameters(filters), star_from=model.STAR_FROM)
        gaps = [self._project_gap(r) for r in rows]
        gaps.sort(key=lambda g: (-g.score, id_key(g.projects)))
        return top_n(gaps, query.top)

    def _project_gap(self, row: Any) -> analyses.ProjectGap:
        ends = [
            (row["a"], row["name_a"], row["start_a"], row["end_a"]),
            (row["b"], row["name_b"], row["start_b"], row["end_b"]),
        ]
        ends.sort(key=lambda e: e[0].casefold())
        (start_a, end_a), (start_b, end_b) = (_period(e[2], e[3]) for e in ends)
        score = float(np.round(self._overlap(row["target_groups"], row["municipalities"]), SCORE_DIGITS))
        return analyses.ProjectGap(
            projects=(ends[0][0], ends[1][0]),
            names=(ends[0][1], ends[1][1]),
            score=rounded(score),
            shared_target_groups=_casefolded(row["target_groups"]),
            shared_municipalities=_casefolded(row["municipalities"]),
            overlap_start=day_text(max(start_a, start_b)),
            overlap_end=day_text(min(end_a, end_b)),
        )

    # -- sector gaps ------------------------------------------------------------------------------------

    def sector_gaps(self, query: Query) -> list[analyses.SectorGap]:
        filters = self.filters(query)
        rows = self._rows(
            "sectors/gaps",
            municipalities=sorted(filters.municipalities),
            orientations=sorted(filters.orientations),
            public=Sector.PUBLIC.value,
            private=Sector.PRIVATE.value,
            star_from=model.STAR_FROM,
        )
        gaps = [
            analyses.SectorGap(r["municipality"], r["name"], _casefolded(r["public"]), _casefolded(r["private"]))
            for r in rows
        ]
        gaps.sort(key=lambda g: (-g.score, id_key((g.municipality,))))
        return top_n(gaps, query.top)

    # -- coverage ---------------------------------------------------------------------------------------

    def coverage(self, query: Query) -> list[analyses.CoverageCell]:
        filters = self.filters(query)
        serving = {
            (r["target_group"], r["municipality"]): (r["actors"], r["projects"])
            for r in self._rows("coverage/serving", **self._parameters(filters))
        }
        sizes = {cell: size for cell, size in self.sizes.items() if filters.cell(*cell)}
        cells = [
            analyses.CoverageCell(
                target_group,
                municipality,
                sizes.get((target_group, municipality)),
                _casefolded(serving.get((target_group, municipality), ((), ()))[0]),
                _casefolded(serving.get((target_group, municipality), ((), ()))[1]),
            )
            for target_group, municipality in sizes.keys() | serving.keys()
        ]
        cells.sort(key=coverage_rank)
        return top_n(cells, query.top)

    # -- brokers ----------------------------------------------------------------------------------------

    def brokers(self, query: Query) -> analyses.BrokerReport:
        filters = self.filters(query)
        rows = sorted(self._rows("brokers/actors"), key=lambda r: (r["seq"] is None, r["seq"] or 0, r["id"]))
        actors = {
            r["id"]: model.Actor(
                r["id"],
                r["name"] or "",
                orientations=tuple(r["orientations"] or ()),
                municipalities=tuple(r["municipalities"]),
                target_groups=tuple(r["target_groups"]),
            )
            for r in rows
        }
        contacts = model.Dataset(
            name="",
            source="",
            actors=MappingProxyType(actors),
            cooperations=tuple(model.Cooperation(a, b) for a, b in self.contact_pairs()),
        )
        return analyses.brokers(contacts, top=query.top, filters=filters)


def _period(start: Any, end: Any) -> tuple[int, int]:
    start, end = _native(start), _native(end)
    return (start.toordinal() if start else DAY_MIN, end.toordinal() if end else DAY_MAX)
