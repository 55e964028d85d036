"""The one place that names every node kind, relation kind, file and attribute.

The loader, the NetworkX graph, the Neo4j backend, the maps and the exports
all read these names; no other module spells a label, a relation type or a
column name of the dataset format.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class NodeKind(StrEnum):
    """Kinds of node in the graph (Neo4j labels)."""

    ACTOR = "Actor"
    PROJECT = "Project"
    MUNICIPALITY = "Municipality"
    TARGET_GROUP = "TargetGroup"


class RelKind(StrEnum):
    """Kinds of relation in the graph (Neo4j relationship types)."""

    COOPERATES_WITH = "COOPERATES_WITH"  # Actor - Actor (undirected for analysis)
    OWNS = "OWNS"  # Actor -> Project
    PARTNER_IN = "PARTNER_IN"  # Actor -> Project
    FUNDS = "FUNDS"  # Actor -> Project
    TARGETS = "TARGETS"  # Actor | Project -> TargetGroup
    ACTIVE_IN = "ACTIVE_IN"  # Actor | Project -> Municipality
    PART_OF = "PART_OF"  # TargetGroup -> TargetGroup (its parent)
    SIZED_IN = "SIZED_IN"  # TargetGroup -> Municipality (size, year)


class Sector(StrEnum):
    """Sector of an actor; the Swedish words are accepted on input."""

    PUBLIC = "public"
    PRIVATE = "private"
    CIVIL = "civil"
    ACADEMIC = "academic"


SECTOR_WORDS: dict[str, Sector] = {
    "public": Sector.PUBLIC,
    "offentlig": Sector.PUBLIC,
    "private": Sector.PRIVATE,
    "privat": Sector.PRIVATE,
    "civil": Sector.CIVIL,
    "ideell": Sector.CIVIL,
    "academic": Sector.ACADEMIC,
    "akademisk": Sector.ACADEMIC,
}

# Every node and relation in Neo4j carries this property, so several datasets
# can live side by side in one database.
DATASET_PROPERTY = "dataset"
# In Neo4j, one node with this label per dataset names the key (the value of DATASET_PROPERTY) of its current
# version (stakeholders.backends.neo4j_versions); it is no node of the graph.
VERSION_LABEL = "StakeholdersDataset"

# Attribute names shared by the graph, Neo4j and the exports.
KIND = "kind"
ID = "id"
NAME = "name"
ALL_MUNICIPALITIES = "*"
LIST_SEPARATOR = ";"

STRENGTH_MIN, STRENGTH_MAX, STRENGTH_DEFAULT = 1, 3, 1

# The version of the dataset format (files, columns, values) that docs/data-format.md describes; `--version` shows it.
# It goes up when a dataset that loaded before would load differently or not at all.
DATA_FORMAT_VERSION = "1"

# Attributes that are personal data: every export and map can leave them out.
PERSONAL_ATTRIBUTES: tuple[str, ...] = ("contact_name", "email", "phone")


class Ref(StrEnum):
    """What a column refers to, if anything."""

    ACTOR = "actor"
    PROJECT = "project"
    MUNICIPALITY = "municipality"
    TARGET_GROUP = "target group"
    OCCUPATION = "occupation"  # no node kind: occupations are dataset tables only (see OCCUPATIONS)


class Value(StrEnum):
    """How a column's text is parsed."""

    TEXT = "text"
    LIST = "list"  # ";"-separated
    NUMBER = "number"  # non-negative, Swedish or plain formatting
    INTEGER = "integer"
    DATE = "date"  # YYYY-MM-DD
    DATE_OR_YEAR = "date or year"
    SECTOR = "sector"
    STRENGTH = "strength"
    OCCUPATION_CODE = "occupation code"  # an SSYK 2012 unit group: 4 digits
    OUTLOOK = "outlook"  # shortage/balance/surplus (brist/balans/överskott) or a forecast's 1-5


class Outlook(StrEnum):
    """What a labour-demand forecast says of an occupation in a municipality."""

    SHORTAGE = "shortage"
    BALANCE = "balance"
    SURPLUS = "surplus"


OUTLOOK_WORDS: dict[str, Outlook] = {
    "shortage": Outlook.SHORTAGE,
    "brist": Outlook.SHORTAGE,
    "balance": Outlook.BALANCE,
    "balans": Outlook.BALANCE,
    "surplus": Outlook.SURPLUS,
    "överskott": Outlook.SURPLUS,
}
# A forecast's own 1-5 scale, read as a shortage index (as the Employment Service's: 5 = the largest shortage).
OUTLOOK_SCALE_MIN, OUTLOOK_SCALE_MAX = 1, 5
OUTLOOK_SCALE: dict[int, Outlook] = {
    1: Outlook.SURPLUS,
    2: Outlook.SURPLUS,
    3: Outlook.BALANCE,
    4: Outlook.SHORTAGE,
    5: Outlook.SHORTAGE,
}
OCCUPATION_CODE_DIGITS = 4  # SSYK 2012, unit group level


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a dataset file."""

    name: str
    value: Value = Value.TEXT
    required: bool = False
    ref: Ref | None = None


@dataclass(frozen=True, slots=True)
class FileSpec:
    """One file (or workbook sheet) of the dataset format."""

    name: str  # sheet name; the CSV file is name + ".csv"
    columns: tuple[Column, ...]
    required: bool = False

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns if column.required)


ACTORS = FileSpec(
    "actors",
    (
        Column("id", required=True),
        Column("name", required=True),
        Column("type"),
        Column("sector", Value.SECTOR),
        Column("orientations", Value.LIST),
        Column("municipalities", Value.LIST, ref=Ref.MUNICIPALITY),
        Column("target_groups", Value.LIST, ref=Ref.TARGET_GROUP),
        Column("contact_name"),
        Column("email"),
        Column("phone"),
        Column("website"),
        Column("description"),
        Column("aliases", Value.LIST),
        Column("occupations", Value.LIST, ref=Ref.OCCUPATION),  # what the actor prepares people for
    ),
    required=True,
)
PROJECTS = FileSpec(
    "projects",
    (
        Column("id", required=True),
        Column("name", required=True),
        Column("owner", required=True, ref=Ref.ACTOR),
        Column("partners", Value.LIST, ref=Ref.ACTOR),
        Column("orientations", Value.LIST),
        Column("target_groups", Value.LIST, ref=Ref.TARGET_GROUP),
        Column("municipalities", Value.LIST, ref=Ref.MUNICIPALITY),
        Column("start", Value.DATE),
        Column("end", Value.DATE),
        Column("budget", Value.NUMBER),
        Column("description"),
        Column("occupations", Value.LIST, ref=Ref.OCCUPATION),  # what the project prepares people for
    ),
)
MUNICIPALITIES = FileSpec(
    "municipalities",
    (
        Column("id", required=True),
        Column("name", required=True),
        Column("region"),
        Column("population", Value.INTEGER),
        Column("foreign_born", Value.INTEGER),
        Column("expected_arrivals", Value.INTEGER),
        Column("year", Value.INTEGER),
    ),
)
TARGET_GROUPS = FileSpec(
    "target_groups",
    (
        Column("id", required=True),
        Column("name", required=True),
        Column("parent", ref=Ref.TARGET_GROUP),
        Column("description"),
        Column("occupations", Value.LIST, ref=Ref.OCCUPATION),  # what people in the group are trained for
    ),
)
TARGET_GROUP_SIZES = FileSpec(
    "target_group_sizes",
    (
        Column("target_group", required=True, ref=Ref.TARGET_GROUP),
        Column("municipality", required=True, ref=Ref.MUNICIPALITY),
        Column("size", Value.INTEGER, required=True),
        Column("year", Value.INTEGER),
    ),
)
COOPERATION = FileSpec(
    "cooperation",
    (
        Column("source", required=True, ref=Ref.ACTOR),
        Column("target", required=True, ref=Ref.ACTOR),
        Column("kind"),
        Column("strength", Value.STRENGTH),
        Column("since", Value.DATE_OR_YEAR),
        Column("note"),
    ),
)
FUNDING = FileSpec(
    "funding",
    (
        Column("funder", required=True, ref=Ref.ACTOR),
        Column("project", required=True, ref=Ref.PROJECT),
        Column("amount", Value.NUMBER),
        Column("year", Value.INTEGER),
    ),
)

# The labour market (issue 18): dataset tables, not nodes of the graph.
OCCUPATIONS = FileSpec(
    "occupations",
    (
        Column("id", Value.OCCUPATION_CODE, required=True),
        Column("name", required=True),
        Column("parent", ref=Ref.OCCUPATION),
    ),
)
LABOUR_DEMAND = FileSpec(
    "labour_demand",
    (
        Column("occupation", required=True, ref=Ref.OCCUPATION),
        Column("municipality", required=True, ref=Ref.MUNICIPALITY),
        Column("outlook", Value.OUTLOOK, required=True),
        Column("openings", Value.INTEGER),
        Column("year", Value.INTEGER),
        Column("source"),
    ),
)
EMPLOYER_NEEDS = FileSpec(
    "employer_needs",
    (
        Column("employer", required=True, ref=Ref.ACTOR),
        Column("occupation", required=True, ref=Ref.OCCUPATION),
        Column("count", Value.INTEGER),
        Column("requirements", Value.LIST),
        Column("barriers", Value.LIST),
        Column("date", Value.DATE_OR_YEAR),
        Column("source"),
    ),
)

# Optional, not a part of the model: the coordinator's confirmed merges ("id is the same actor as same_as";
# the loader keeps the same_as actor). Read by the loader itself, so it is not in FILES.
SAME_AS = FileSpec(
    "same_as",
    (
        Column("id", required=True, ref=Ref.ACTOR),
        Column("same_as", required=True, ref=Ref.ACTOR),
    ),
)

# In dependency order: a file only refers to files before it (or to itself).
FILES: tuple[FileSpec, ...] = (
    MUNICIPALITIES,
    OCCUPATIONS,
    TARGET_GROUPS,
    ACTORS,
    PROJECTS,
    TARGET_GROUP_SIZES,
    COOPERATION,
    FUNDING,
    LABOUR_DEMAND,
    EMPLOYER_NEEDS,
)
# The files of the labour market: in no graph (NetworkX or Neo4j) and not written by the generator yet.
LABOUR_MARKET_FILES: tuple[FileSpec, ...] = (OCCUPATIONS, LABOUR_DEMAND, EMPLOYER_NEEDS)
GRAPH_FILES: tuple[FileSpec, ...] = tuple(spec for spec in FILES if spec not in LABOUR_MARKET_FILES)
FILES_BY_NAME: dict[str, FileSpec] = {spec.name: spec for spec in FILES}

# The file whose records each node kind comes from.
NODE_FILES: dict[NodeKind, FileSpec] = {
    NodeKind.ACTOR: ACTORS,
    NodeKind.PROJECT: PROJECTS,
    NodeKind.MUNICIPALITY: MUNICIPALITIES,
    NodeKind.TARGET_GROUP: TARGET_GROUPS,
}
REF_KINDS: dict[Ref, NodeKind] = {
    Ref.ACTOR: NodeKind.ACTOR,
    Ref.PROJECT: NodeKind.PROJECT,
    Ref.MUNICIPALITY: NodeKind.MUNICIPALITY,
    Ref.TARGET_GROUP: NodeKind.TARGET_GROUP,
}
# The file whose ids each kind of reference names.
REF_FILES: dict[Ref, FileSpec] = {
    **{ref: NODE_FILES[kind] for ref, kind in REF_KINDS.items()},
    Ref.OCCUPATION: OCCUPATIONS,
}


def node_key(kind: NodeKind, record_id: str) -> str:
    """The key of a record's node in the NetworkX graph (unique across kinds)."""
    return f"{kind.value}:{record_id}"


def split_node_key(key: str) -> tuple[NodeKind, str]:
    """Inverse of :func:`node_key`."""
    kind, _, record_id = key.partition(":")
    return NodeKind(kind), record_id
