"""The analyses: pure functions over a loaded :class:`~stakeholders.model.Dataset`.

One analysis per module; each returns result objects with ``to_json()``
giving the stable field names documented in docs/analyses.md.
"""

from stakeholders.analyses.brokers import BrokerReport, BrokerScore, brokers
from stakeholders.analyses.common import Filters, resolve_filters
from stakeholders.analyses.coverage import CoverageCell, coverage
from stakeholders.analyses.demand import DemandRow, demand
from stakeholders.analyses.duplicates import DuplicateGroup, duplicate_groups
from stakeholders.analyses.employer_gaps import EmployerGap, employer_gaps
from stakeholders.analyses.gaps import ActorGap, actor_gaps
from stakeholders.analyses.partners import PartnerSuggestion, partners
from stakeholders.analyses.project_gaps import ProjectGap, project_gaps
from stakeholders.analyses.proposals import Proposal, proposals
from stakeholders.analyses.sector_gaps import SectorGap, sector_gaps

__all__ = [
    "ActorGap",
    "BrokerReport",
    "BrokerScore",
    "CoverageCell",
    "DemandRow",
    "DuplicateGroup",
    "EmployerGap",
    "Filters",
    "PartnerSuggestion",
    "ProjectGap",
    "Proposal",
    "SectorGap",
    "actor_gaps",
    "brokers",
    "coverage",
    "demand",
    "duplicate_groups",
    "employer_gaps",
    "partners",
    "project_gaps",
    "proposals",
    "resolve_filters",
    "sector_gaps",
]
