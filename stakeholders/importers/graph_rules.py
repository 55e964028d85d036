"""How the elements and connections of a Kumu or Onodo map become our node kinds and relations (docs/migrate.md).

An element's type names its node kind (English or Swedish words, any case: ``Organisation``, ``Projekt``,
``Kommun``, ``Målgrupp``); an unknown type makes an actor that keeps the type as its ``type``. A connection's
type names its relation (``owner``, ``partner``, ``funder``, ``cooperation``, ``serves``, ``works in``, ``part of``,
``size`` and their Swedish words); an empty or unknown type is read from the kinds of its two ends.
"""

from __future__ import annotations

import re

from stakeholders.schema import NodeKind, RelKind

A, P, M, T = NodeKind.ACTOR, NodeKind.PROJECT, NodeKind.MUNICIPALITY, NodeKind.TARGET_GROUP

_WORDS = re.compile(r"[\s_\-]+")


def normalise(word: str) -> str:
    """A type or header as compared: case folded, ``_``, ``-`` and runs of spaces one space."""
    return _WORDS.sub(" ", word.strip().casefold()).strip()


ELEMENT_TYPES: dict[str, NodeKind] = {
    **dict.fromkeys(("actor", "organization", "organisation", "aktör", "aktor", "organisationer"), A),
    **dict.fromkeys(("project", "projekt", "operation", "insats"), P),
    **dict.fromkeys(("municipality", "place", "kommun", "plats", "ort"), M),
    **dict.fromkeys(("target group", "targetgroup", "group", "målgrupp", "grupp"), T),
}
# What our export writes as an element's Type (read back by ELEMENT_TYPES).
TYPE_NAMES: dict[NodeKind, str] = {A: "Actor", P: "Project", M: "Municipality", T: "Target group"}

CONNECTION_TYPES: dict[str, RelKind] = {
    **dict.fromkeys(("owner", "owns", "owned by", "ägare", "äger"), RelKind.OWNS),
    **dict.fromkeys(("partner", "partner in", "partners", "partner i"), RelKind.PARTNER_IN),
    **dict.fromkeys(("funder", "funds", "funding", "finansiär", "finansierar", "finansiering"), RelKind.FUNDS),
    **dict.fromkeys(
        ("cooperation", "cooperates with", "cooperates", "samverkan", "samarbete", "samarbetar med"),
        RelKind.COOPERATES_WITH,
    ),
    **dict.fromkeys(("serves", "targets", "target group", "målgrupp", "riktar sig till"), RelKind.TARGETS),
    **dict.fromkeys(("works in", "active in", "verkar i", "aktiv i", "verksam i"), RelKind.ACTIVE_IN),
    **dict.fromkeys(("part of", "parent", "del av"), RelKind.PART_OF),
    **dict.fromkeys(("size", "sized in", "storlek", "antal"), RelKind.SIZED_IN),
}
# What our export writes as a connection's type.
RELATION_NAMES: dict[RelKind, str] = {
    RelKind.OWNS: "owner",
    RelKind.PARTNER_IN: "partner",
    RelKind.FUNDS: "funder",
    RelKind.COOPERATES_WITH: "cooperation",
    RelKind.TARGETS: "serves",
    RelKind.ACTIVE_IN: "works in",
    RelKind.PART_OF: "part of",
    RelKind.SIZED_IN: "size",
}

# The kinds each relation joins, (from, to); a connection written the other way round is turned.
ENDS: dict[RelKind, tuple[frozenset[NodeKind], frozenset[NodeKind]]] = {
    RelKind.OWNS: (frozenset({A}), frozenset({P})),
    RelKind.PARTNER_IN: (frozenset({A}), frozenset({P})),
    RelKind.FUNDS: (frozenset({A}), frozenset({P})),
    RelKind.COOPERATES_WITH: (frozenset({A}), frozenset({A})),
    RelKind.TARGETS: (frozenset({A, P}), frozenset({T})),
    RelKind.ACTIVE_IN: (frozenset({A, P}), frozenset({M})),
    RelKind.PART_OF: (frozenset({T}), frozenset({T})),
    RelKind.SIZED_IN: (frozenset({T}), frozenset({M})),
}


def element_kind(type_text: str) -> NodeKind | None:
    """The node kind an element's type names; None for an unknown (or empty) type."""
    return ELEMENT_TYPES.get(normalise(type_text))


def relation_by_ends(source: NodeKind, target: NodeKind) -> RelKind | None:
    """The relation between two kinds when the connection's type does not name one (None: we have none)."""
    pair = {source, target}
    if pair == {A}:
        return RelKind.COOPERATES_WITH
    if pair == {A, P}:
        return RelKind.PARTNER_IN
    if pair == {T}:
        return RelKind.PART_OF
    if pair == {T, M}:
        return RelKind.SIZED_IN
    if T in pair and pair - {T} <= {A, P}:
        return RelKind.TARGETS
    if M in pair and pair - {M} <= {A, P}:
        return RelKind.ACTIVE_IN
    return None


def oriented(relation: RelKind, source: NodeKind, target: NodeKind) -> bool | None:
    """True when ``source -> target`` fits ``relation`` as written, False when turned round, None when neither."""
    starts, ends = ENDS[relation]
    if source in starts and target in ends:
        return True
    if target in starts and source in ends and relation is not RelKind.PART_OF:
        return False
    return None


# Fields: which of their columns fill which of ours (docs/migrate.md).
PERSONAL = frozenset({"contact_name", "email", "phone"})
FIELD_PREFIX = "field_"  # an extra field named like a column that labels or connections fill
TRUE_WORDS = frozenset({"true", "yes", "ja", "1", "x", "sant"})

# A field's header (normalised, spaces as "_") -> our column, by node kind.
ELEMENT_FIELDS: dict[NodeKind, dict[str, str]] = {
    A: {
        "actor_type": "type", "sector": "sector", "website": "website", "contact_name": "contact_name",
        "contact": "contact_name", "contact_person": "contact_name", "kontaktperson": "contact_name",
        "email": "email", "e_mail": "email", "e_post": "email", "epost": "email", "phone": "phone",
        "telefon": "phone", "aliases": "aliases", "all_municipalities": "*", "occupations": "occupations",
    },
    P: {"start": "start", "end": "end", "budget": "budget", "all_municipalities": "*", "occupations": "occupations"},
    M: {
        "region": "region", "population": "population", "foreign_born": "foreign_born",
        "expected_arrivals": "expected_arrivals", "year": "year",
    },
    T: {"occupations": "occupations"},
}  # fmt: skip
# Our list columns that a field fills: Kumu and Onodo separate the items with "|".
LIST_FIELDS = frozenset({"aliases", "occupations"})
# Our columns that the element's label, description, tags or connections fill: a field of that name is an extra.
RESERVED = frozenset(
    {"id", "name", "type", "description", "orientations", "municipalities", "target_groups", "owner", "partners"}
    | {"parent", "tags", "label"}
)
CONNECTION_FIELDS: dict[RelKind, dict[str, str]] = {
    RelKind.COOPERATES_WITH: {
        "cooperation_kind": "kind", "kind": "kind", "strength": "strength", "weight": "strength",
        "since": "since", "at": "since", "note": "note", "description": "note",
    },
    RelKind.FUNDS: {"amount": "amount", "year": "year"},
    RelKind.SIZED_IN: {"size": "size", "year": "year"},
}  # fmt: skip
REL_FILES = {RelKind.COOPERATES_WITH: "cooperation", RelKind.FUNDS: "funding", RelKind.SIZED_IN: "target_group_sizes"}
