"""All analysis results of a dataset, gathered once for the report and findings.json."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stakeholders.analyses import (
    ActorGap,
    BrokerReport,
    CoverageCell,
    DemandRow,
    DuplicateGroup,
    EmployerGap,
    ProjectGap,
    SectorGap,
    demand,
    employer_gaps,
)
from stakeholders.analyses.limits import Limitation, data_limits
from stakeholders.analyses.proposals import Proposal, declared_date, default_as_of, proposals
from stakeholders.analyses.similar import SimilarProject, similar_projects
from stakeholders.analyses.similar_index import SimilarIndex
from stakeholders.backends import Backend, Query
from stakeholders.info import DatasetInfo
from stakeholders.model import Dataset

FINDINGS_VERSION = 1


@dataclass(frozen=True, slots=True)
class Findings:
    dataset: Dataset
    info: DatasetInfo
    actor_gaps: list[ActorGap]
    project_gaps: list[ProjectGap]
    sector_gaps: list[SectorGap]
    duplicates: list[DuplicateGroup]
    coverage: list[CoverageCell]
    brokers: BrokerReport
    gap_limit: int
    small_count: int
    limitations: tuple[Limitation, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    lang: str = "en"
    similar: tuple[SimilarProject, ...] | None = None  # None: no other list was searched
    demand: tuple[DemandRow, ...] = ()  # every shortage cell (stakeholders demand --top 0)
    employer_gaps: tuple[EmployerGap, ...] = ()  # every employer gap (gaps --kind employers --top 0)

    def to_json(self) -> dict[str, object]:
        """findings.json: every analysis in its command's JSON format (see docs/report.md)."""
        return {
            "version": FINDINGS_VERSION,
            "dataset": {
                "name": self.dataset.name,
                "date": self.dataset.modified.isoformat() if self.dataset.modified else None,
            },
            "generated": dt.date.today().isoformat(),
            "limits": {"gaps": self.gap_limit, "small_count": self.small_count},
            "data_limits": [limit.to_json(self.lang) for limit in self.limitations],
            "info": self.info.to_json(),
            "gaps": [g.to_json() for g in self.actor_gaps],
            "project_gaps": [g.to_json() for g in self.project_gaps],
            "sector_gaps": [g.to_json() for g in self.sector_gaps],
            "duplicates": [d.to_json() for d in self.duplicates],
            "coverage": [coverage_json(c, self.small_count) for c in self.coverage],
            "brokers": self.brokers.to_json(),
            "proposals": [p.to_json() for p in self.proposals],
            "similar": None if self.similar is None else [row.to_json() for row in self.similar],
            "demand": [row.to_json() for row in self.demand],
            "employer_gaps": [gap.to_json() for gap in self.employer_gaps],
        }


def _as_of(dataset: Dataset) -> dt.date | None:
    """As `stakeholders propose` reads a dataset: as of its dataset.toml date, else its latest project start."""
    return default_as_of(dataset, declared_date(dataset.source) if dataset.source else None)


def coverage_json(cell: CoverageCell, below: int) -> dict[str, object]:
    """A coverage row with a size below ``below`` hidden (statistics on people).

    The size and people per actor become null and ``size_suppressed`` true;
    ``uncovered`` still tells whether the cell is an uncovered need.
    """
    row = cell.to_json()
    if cell.size is not None and 0 < cell.size < below:
        row.update(size=None, people_per_actor=None, size_suppressed=True)
    return row


SIMILAR_PER_PROJECT = 3  # matches kept per project of the dataset (findings.json; the report shows the best)
# A report lists a match from this similarity on: below it, texts share a word or two (on the sample against
# the Danish list the best matches are 0.11-0.17, one shared word each); a near-copy in other words scores
# about 0.7 (tests/test_report_similar.py).
SIMILAR_MIN = 0.2


def collect_findings(
    source: Backend,
    *,
    gap_limit: int = 100,
    small_count: int = 5,
    lang: str = "en",
    similar_index: SimilarIndex | None = None,
) -> Findings:
    """Run every analysis once.

    Parameters
    ----------
    source : Backend
        Where the graph lives.
    gap_limit : int
        How many actor and project gaps to keep (0 = all; there may be millions on large data).
    small_count : int
        Target-group counts below this are suppressed.
    lang : {"en", "sv"}
        The language of the findings' reasons and of what the data cannot show.
    similar_index : SimilarIndex, optional
        Other lists to search for projects similar to the dataset's (``stakeholders similar``), indexed.
    """
    everything = Query(top=0, lang=lang)
    gaps = Query(top=gap_limit, lang=lang)
    dataset = source.dataset()
    return Findings(
        dataset=dataset,
        info=source.info(),
        actor_gaps=source.actor_gaps(gaps),
        project_gaps=source.project_gaps(gaps),
        sector_gaps=source.sector_gaps(everything),
        duplicates=source.duplicate_groups(everything),
        coverage=source.coverage(everything),
        brokers=source.brokers(everything),
        gap_limit=gap_limit,
        small_count=small_count,
        limitations=tuple(data_limits(dataset, "report")),
        proposals=tuple(proposals(dataset, as_of=_as_of(dataset), lang=lang)),
        lang=lang,
        # From the dataset itself, as every backend gives it (the analyses are not yet in Cypher).
        demand=tuple(demand(dataset, top=0)),
        employer_gaps=tuple(employer_gaps(dataset, top=0)),
        similar=None
        if similar_index is None
        else tuple(similar_projects(dataset, index=similar_index, top=SIMILAR_PER_PROJECT, min_similarity=SIMILAR_MIN)),
    )
