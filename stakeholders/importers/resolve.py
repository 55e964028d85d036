"""Turn checked operations from one or more lists into our tables, with actors resolved across the lists.

Actors are one organisation when :func:`stakeholders.names.organisation_key` says so (same organisation
number, or the same name but for case, punctuation, legal form and filler words); the other spellings
become ``aliases``. Likely but uncertain pairs become merge suggestions, never merges.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from stakeholders.importers.cells import format_amount, slug
from stakeholders.importers.read import Operation
from stakeholders.names import ORG_NUMBER_PREFIX, MergeSuggestion, merge_suggestions, organisation_key
from stakeholders.safety import neutralise_cell

ACTOR_COLUMNS = (
    "id",
    "name",
    "type",
    "sector",
    "orientations",
    "municipalities",
    "target_groups",
    "contact_name",
    "email",
    "phone",
    "website",
    "description",
    "aliases",
    "org_number",
)
PROJECT_COLUMNS = (
    "id",
    "name",
    "owner",
    "partners",
    "orientations",
    "target_groups",
    "municipalities",
    "start",
    "end",
    "budget",
    "description",
    "name_en",
    "description_en",
    "currency",
    "eu_cofinancing",
    "cofinancing_rate",
    "fund",
    "programme",
    "period",
    "country",
    "postcode",
    "source",
)
MUNICIPALITY_COLUMNS = ("id", "name", "region")
TARGET_GROUP_COLUMNS = ("id", "name")
LIST = "; "

Row = dict[str, str]


@dataclass
class _Actor:
    key: str
    spellings: Counter[str] = field(default_factory=Counter)
    number: str = ""
    municipalities: dict[str, None] = field(default_factory=dict)
    contact: dict[str, str] = field(default_factory=dict)
    id: str = ""

    @property
    def name(self) -> str:
        return self.spellings.most_common(1)[0][0]  # most frequent, the first seen on a tie


@dataclass
class Tables:
    """The rows of each file of the dataset, and the merge suggestions."""

    actors: list[Row]
    projects: list[Row]
    municipalities: list[Row]
    target_groups: list[Row]
    suggestions: list[MergeSuggestion]

    @property
    def merged(self) -> int:
        """How many actors gathered several spellings."""
        return sum(1 for actor in self.actors if actor["aliases"])


class _Ids:
    """Unique ids (ignoring case), readable: a slug, then ``-2``, ``-3``..."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def new(self, wanted: str) -> str:
        candidate, n = wanted, 1
        while candidate.casefold() in self.taken:
            n += 1
            candidate = f"{wanted}-{n}"
        self.taken.add(candidate.casefold())
        return candidate


def build_tables(operations: Sequence[Operation], *, threshold: float = 0.85) -> Tables:
    """Our tables from checked operations (in file and row order).

    Rows of one file with the same operation id are one project (Kohesio gives each beneficiary a row): the
    first row's beneficiary owns it, the others' are partners.
    """
    actors, key_of = _resolve_actors(operations)
    project_rows: list[Row] = []
    by_file_id: dict[tuple[str, str], Row] = {}
    project_ids = _Ids()
    places: dict[str, Row] = {}
    groups: dict[str, Row] = {}
    for operation in operations:
        owner = actors[key_of[_owner_key(operation)]]
        municipality_ids = [_place(places, operation, i) for i in range(len(operation.municipalities))]
        owner.municipalities.update(dict.fromkeys(municipality_ids))
        if operation.contact and not owner.contact:
            owner.contact = operation.contact
        partner_ids = _partner_ids(operation, owner, actors, key_of)
        for partner in operation.partners:  # partners work where the project runs, too
            actors[key_of[organisation_key(partner)]].municipalities.update(dict.fromkeys(municipality_ids))
        known = by_file_id.get((operation.file, operation.id)) if operation.id else None
        if known is not None:
            _join(known, [owner.id, *partner_ids], municipality_ids)
            continue
        row = _project_row(operation, project_ids.new(operation.id or slug(operation.name)), owner.id)
        row["partners"] = LIST.join(partner_ids)
        row["municipalities"] = LIST.join(dict.fromkeys(municipality_ids))
        row["target_groups"] = LIST.join(dict.fromkeys(_group(groups, name) for name in operation.target_groups))
        project_rows.append(row)
        if operation.id:
            by_file_id[(operation.file, operation.id)] = row
    actor_rows = [_actor_row(actor) for actor in actors.values()]
    suggestions = merge_suggestions({row["id"]: row["name"] for row in actor_rows}, threshold=threshold)
    return Tables(actor_rows, project_rows, list(places.values()), list(groups.values()), suggestions)


def _owner_key(operation: Operation) -> str:
    return organisation_key(operation.owner, operation.owner_number)


def _resolve_actors(operations: Iterable[Operation]) -> tuple[dict[str, _Actor], dict[str, str]]:
    """Actors by key, and each key met -> the key of the actor it resolves to.

    A name met without an organisation number joins the actor with a number whose spellings share its name
    key, when exactly one such actor exists.
    """
    actors: dict[str, _Actor] = {}
    numbered_by_name: dict[str, set[str]] = {}
    for operation in operations:
        names = [(operation.owner, _owner_key(operation))]
        names += [(partner, organisation_key(partner)) for partner in operation.partners]
        for name, key in names:
            actor = actors.get(key)
            if actor is None:
                actor = actors[key] = _Actor(key)
                if key.startswith(ORG_NUMBER_PREFIX):
                    actor.number = operation.owner_number.strip()
            actor.spellings[name] += 1
            if key.startswith(ORG_NUMBER_PREFIX):
                numbered_by_name.setdefault(organisation_key(name), set()).add(key)
    key_of = {key: key for key in actors}
    for key, actor in list(actors.items()):
        numbered = numbered_by_name.get(key, set())
        if not key.startswith(ORG_NUMBER_PREFIX) and len(numbered) == 1:
            target = actors[next(iter(numbered))]
            target.spellings.update(actor.spellings)
            key_of[key] = target.key
            del actors[key]
    ids = _Ids()
    for actor in actors.values():
        actor.id = ids.new(slug(actor.name))
    return actors, key_of


def _partner_ids(operation: Operation, owner: _Actor, actors: dict[str, _Actor], key_of: dict[str, str]) -> list[str]:
    """The partners' actor ids, each once, without the owner."""
    found: dict[str, None] = {}
    for partner in operation.partners:
        actor = actors[key_of[organisation_key(partner)]]
        if actor is not owner:
            found[actor.id] = None
    return list(found)


def _join(row: Row, participants: list[str], municipality_ids: list[str]) -> None:
    """Another row of an operation already seen: its beneficiary and partners become partners."""
    partners = [p for p in row["partners"].split(LIST) if p]
    partners += [p for p in participants if p != row["owner"] and p not in partners]
    row["partners"] = LIST.join(partners)
    places = [m for m in row["municipalities"].split(LIST) if m]
    row["municipalities"] = LIST.join(dict.fromkeys([*places, *municipality_ids]))


def _place(places: dict[str, Row], operation: Operation, index: int) -> str:
    """The id of the ``index``-th municipality of an operation (added when new)."""
    name = operation.municipalities[index]
    code = operation.municipality_codes[index] if operation.municipality_codes else ""
    place_id = code or slug(name)
    row = places.get(place_id.casefold())
    if row is None:
        row = places[place_id.casefold()] = {"id": place_id, "name": _text(name), "region": _text(operation.region)}
    elif not row["region"] and operation.region:
        row["region"] = _text(operation.region)
    return row["id"]


def _group(groups: dict[str, Row], name: str) -> str:
    group_id = slug(name)
    groups.setdefault(group_id, {"id": group_id, "name": _text(name)})
    return group_id


def _text(value: str) -> str:
    return str(neutralise_cell(value))


def _project_row(operation: Operation, project_id: str, owner_id: str) -> Row:
    row = dict.fromkeys(PROJECT_COLUMNS, "")
    row.update((name, _text(value)) for name, value in operation.extra.items())
    row["id"] = project_id
    row["name"] = _text(operation.name)
    row["owner"] = owner_id
    row["orientations"] = LIST.join(_text(o) for o in operation.orientations)
    row["start"] = operation.start.isoformat() if operation.start else ""
    row["end"] = operation.end.isoformat() if operation.end else ""
    row["budget"] = format_amount(operation.budget) if operation.budget is not None else ""
    row["currency"] = _text(operation.currency)
    row["source"] = f"{operation.file} row {operation.row}"
    return row


def _actor_row(actor: _Actor) -> Row:
    row = dict.fromkeys(ACTOR_COLUMNS, "")
    name = actor.name
    row["id"] = actor.id
    row["name"] = _text(name)
    row["municipalities"] = LIST.join(actor.municipalities)
    row["aliases"] = LIST.join(_text(s.replace(";", ",")) for s in actor.spellings if s != name)
    row["org_number"] = actor.number
    row.update((k, _text(v)) for k, v in actor.contact.items())
    return row
