"""Turn checked operations from one or more lists into our tables, with actors resolved across the lists.

Actors are one organisation when :func:`stakeholders.names.organisation_key` says so (same organisation
number, or the same name but for case, punctuation, legal form and filler words); the other spellings
become ``aliases``. Likely but uncertain pairs become merge suggestions, never merges. Column-wise, each
distinct name keyed once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from stakeholders.importers.cells import slug
from stakeholders.importers.read import Operations
from stakeholders.names import ORG_NUMBER_PREFIX, MergeSuggestion, merge_suggestions, organisation_key
from stakeholders.safety import FORMULA_STARTS

ACTOR_COLUMNS = (
    "id", "name", "type", "sector", "orientations", "municipalities", "target_groups", "contact_name", "email",
    "phone", "website", "description", "aliases", "org_number",
)  # fmt: skip
PROJECT_COLUMNS = (
    "id", "name", "owner", "partners", "orientations", "target_groups", "municipalities", "start", "end", "budget",
    "description", "name_en", "description_en", "currency", "eu_cofinancing", "cofinancing_rate", "fund",
    "programme", "period", "country", "postcode", "source",
)  # fmt: skip
MUNICIPALITY_COLUMNS = ("id", "name", "region")
TARGET_GROUP_COLUMNS = ("id", "name")
LIST = "; "

Columns = dict[str, list[str]]
T = TypeVar("T")


@dataclass
class Tables:
    """Each file of the dataset by column, and the merge suggestions."""

    actors: Columns
    projects: Columns
    municipalities: Columns
    target_groups: Columns
    suggestions: list[MergeSuggestion]

    @property
    def merged(self) -> int:
        """How many actors gathered several spellings."""
        return sum(1 for aliases in self.actors["aliases"] if aliases)


def safe_texts(texts: Sequence[str]) -> list[str]:
    """Texts a spreadsheet will not run as formulas (see :func:`stakeholders.safety.neutralise_cell`)."""
    if _FORMULA_FIRSTS.isdisjoint({t[:1] for t in texts}):
        return list(texts)  # the usual case: no text to change
    return ["'" + t if t.startswith(FORMULA_STARTS) else t for t in texts]


_FORMULA_FIRSTS = frozenset(FORMULA_STARTS)


class _Ids:
    """Unique ids (ignoring case), readable: a slug, then ``-2``, ``-3``..."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def many(self, wanted: Sequence[str]) -> list[str]:
        """:meth:`new` of each, in bulk when they are all distinct and new (the usual case)."""
        folded = [w.casefold() for w in wanted]
        distinct = set(folded)
        if len(distinct) == len(folded) and self.taken.isdisjoint(distinct):
            self.taken |= distinct
            return list(wanted)
        return [self.new(w) for w in wanted]

    def new(self, wanted: str) -> str:
        candidate, n = wanted, 1
        while candidate.casefold() in self.taken:
            n += 1
            candidate = f"{wanted}-{n}"
        self.taken.add(candidate.casefold())
        return candidate


class _Actors:
    """Actors by key: each key met resolves to one actor with an id, a name and its other spellings."""

    def __init__(self, lists: Sequence[Operations]) -> None:
        self.key_cache: dict[tuple[str, str], str] = {}
        spellings: dict[str, Counter[str]] = {}
        numbers: dict[str, str] = {}
        for ops in lists:
            for (name, number), count in Counter(zip(ops.owners, ops.owner_numbers, strict=True)).items():
                key = self.key(name, number)
                spellings.setdefault(key, Counter())[name] += count
                if key.startswith(ORG_NUMBER_PREFIX):
                    numbers.setdefault(key, number.strip())
            for partners, count in Counter(ops.partners).items():
                for name in partners:
                    spellings.setdefault(self.key(name), Counter())[name] += count
        numbered_by_name: dict[str, set[str]] = {}
        for key in numbers:
            for name in spellings[key]:
                numbered_by_name.setdefault(self.key(name), set()).add(key)
        self.resolved = {key: key for key in spellings}
        for key in list(spellings):
            numbered = numbered_by_name.get(key, set())
            if not key.startswith(ORG_NUMBER_PREFIX) and len(numbered) == 1:
                target = next(iter(numbered))
                spellings[target].update(spellings.pop(key))
                self.resolved[key] = target
        ids = _Ids()
        self.names = {key: counts.most_common(1)[0][0] for key, counts in spellings.items()}  # first seen on a tie
        self.ids = {key: ids.new(slug(name)) for key, name in self.names.items()}
        self.key_of_id = {actor_id: key for key, actor_id in self.ids.items()}
        self.aliases = {key: [s for s in spellings[key] if s != self.names[key]] for key in spellings}
        self.numbers = numbers
        self.places: dict[str, dict[str, None]] = {key: {} for key in spellings}
        self.contacts: dict[str, dict[str, str]] = {}

    def key(self, name: str, number: str = "") -> str:
        cached = self.key_cache.get((name, number))
        if cached is None:
            cached = self.key_cache[(name, number)] = organisation_key(name, number)
        return cached

    def id_of(self, name: str, number: str = "") -> str:
        return self.ids[self.resolved[self.key(name, number)]]

    def columns(self) -> Columns:
        keys = list(self.ids)
        empty = [""] * len(keys)
        columns = {name: empty for name in ACTOR_COLUMNS}
        columns["id"] = [self.ids[k] for k in keys]
        columns["name"] = safe_texts([self.names[k] for k in keys])
        columns["municipalities"] = [LIST.join(self.places[k]) for k in keys]
        columns["aliases"] = [LIST.join(safe_texts([a.replace(";", ",") for a in self.aliases[k]])) for k in keys]
        columns["org_number"] = [self.numbers.get(k, "") for k in keys]
        if self.contacts:
            for field in ("contact_name", "email", "phone"):
                columns[field] = safe_texts([self.contacts.get(k, {}).get(field, "") for k in keys])
        return columns


def build_tables(lists: Sequence[Operations], *, threshold: float = 0.85) -> Tables:
    """Our tables from the checked operations of each list (in file and row order).

    Rows of one file with the same operation id are one project (Kohesio gives each beneficiary a row): the
    first row's beneficiary owns it, the others' are partners. Owners and partners work where their projects run.
    """
    actors = _Actors(lists)
    places: dict[str, list[str]] = {}  # casefolded id -> [id, name, region]
    groups: dict[str, list[str]] = {}
    projects: Columns = {name: [] for name in PROJECT_COLUMNS}
    project_ids = _Ids()
    for ops in lists:
        _add_projects(projects, ops, actors, places, groups, project_ids)
    tables = Tables(
        actors.columns(),
        projects,
        {name: [p[i] for p in places.values()] for i, name in enumerate(MUNICIPALITY_COLUMNS)},
        {name: [g[i] for g in groups.values()] for i, name in enumerate(TARGET_GROUP_COLUMNS)},
        [],
    )
    names = dict(zip(tables.actors["id"], tables.actors["name"], strict=True))
    tables.suggestions = merge_suggestions(names, threshold=threshold)
    return tables


def _add_projects(
    projects: Columns,
    ops: Operations,
    actors: _Actors,
    places: dict[str, list[str]],
    groups: dict[str, list[str]],
    project_ids: _Ids,
) -> None:
    count = len(ops)
    pairs = list(zip(ops.owners, ops.owner_numbers, strict=True))
    owner_ids = {pair: actors.id_of(*pair) for pair in dict.fromkeys(pairs)}
    owners = [owner_ids[pair] for pair in pairs]
    place_ids = _place_ids(ops, places)
    partners = _partner_lists(ops.partners, owners, actors)
    for owner, partner_ids, municipalities in set(zip(owners, partners, place_ids, strict=True)):
        for actor_id in (owner, *partner_ids):
            actors.places[actors.key_of_id[actor_id]].update(dict.fromkeys(municipalities))
    if ops.contacts:
        for owner, contact in zip(owners, ops.contacts, strict=True):
            if contact:
                actors.contacts.setdefault(actors.key_of_id[owner], contact)
    distinct_groups = {names: _group_ids(groups, names) for names in dict.fromkeys(ops.target_groups)}
    group_lists = [distinct_groups[names] for names in ops.target_groups]
    first_of: dict[str, int] = {}
    merged_into: dict[int, int] = {}
    for k, operation_id in enumerate(ops.ids if len(set(ops.ids)) < count else ()):  # only when ids repeat
        if operation_id:
            first = first_of.setdefault(operation_id, k)
            if first != k:
                merged_into[k] = first
    partner_lists: Sequence[Sequence[str]] = partners
    place_lists: Sequence[Sequence[str]] = place_ids
    if merged_into:
        partner_lists, place_lists = _merged(merged_into, owners, partners, place_ids)
    keep = [k for k in range(count) if k not in merged_into] if merged_into else None

    def take(values: Sequence[T]) -> list[T]:
        return list(values) if keep is None else [values[k] for k in keep]

    orientations = {items: LIST.join(safe_texts(items)) for items in dict.fromkeys(ops.orientations)}
    kept_names = take(ops.names)
    projects["id"] += project_ids.many([i or slug(n) for i, n in zip(take(ops.ids), kept_names, strict=True)])
    projects["name"] += safe_texts(kept_names)
    projects["owner"] += take(owners)
    projects["partners"] += [LIST.join(p) for p in take(partner_lists)]
    projects["orientations"] += [orientations[o] for o in take(ops.orientations)]
    projects["target_groups"] += take(group_lists)
    projects["municipalities"] += [LIST.join(p) for p in take(place_lists)]
    projects["start"] += take(ops.starts)
    projects["end"] += take(ops.ends)
    projects["budget"] += take(ops.budgets)
    projects["description"] += safe_texts(take(ops.descriptions))
    projects["currency"] += safe_texts(take(ops.currencies))
    width = count - len(merged_into)
    for name in ("name_en", "description_en", "eu_cofinancing", "cofinancing_rate", "fund", "programme", "period",
                 "country", "postcode"):  # fmt: skip
        values = ops.extra.get(name)
        projects[name] += safe_texts(take(values)) if values else [""] * width
    projects["source"] += [f"{ops.file} row {number}" for number in take(ops.rows)]


def _merged(
    merged_into: dict[int, int],
    owners: Sequence[str],
    partners: Sequence[Sequence[str]],
    place_ids: Sequence[Sequence[str]],
) -> tuple[list[list[str]], list[list[str]]]:
    """Partners and places with each later beneficiary of an operation added to its first row."""
    partner_lists = [list(p) for p in partners]
    place_lists = [list(p) for p in place_ids]
    for k, first in merged_into.items():
        for actor_id in (owners[k], *partner_lists[k]):
            if actor_id != owners[first] and actor_id not in partner_lists[first]:
                partner_lists[first].append(actor_id)
        place_lists[first] += [p for p in place_lists[k] if p not in place_lists[first]]
    return partner_lists, place_lists


def _partner_lists(cells: Sequence[tuple[str, ...]], owners: Sequence[str], actors: _Actors) -> list[tuple[str, ...]]:
    """Each row's partner ids, each once, without the row's owner; worked out once per distinct cell and owner."""
    results: dict[tuple[tuple[str, ...], str], tuple[str, ...]] = {}
    lists = []
    for names, owner in zip(cells, owners, strict=True):
        found = results.get((names, owner))
        if found is None:
            ids = dict.fromkeys(actors.id_of(name) for name in names)
            ids.pop(owner, None)
            found = results[(names, owner)] = tuple(ids)
        lists.append(found)
    return lists


def _place_ids(ops: Operations, places: dict[str, list[str]]) -> list[tuple[str, ...]]:
    """Each row's municipality ids (the LAU code, else a slug of the name); new municipalities are added."""
    results: dict[tuple[tuple[tuple[str, str], ...], str], tuple[str, ...]] = {}
    for cell in dict.fromkeys(zip(ops.places, ops.regions, strict=True)):
        row_places, region = cell
        ids = []
        for code, name in row_places:
            place_id = code or slug(name)
            known = places.get(place_id.casefold())
            if known is None:
                known = places[place_id.casefold()] = [place_id, safe_texts([name])[0], safe_texts([region])[0]]
            elif not known[2] and region:
                known[2] = safe_texts([region])[0]
            ids.append(known[0])
        results[cell] = tuple(dict.fromkeys(ids))
    return [results[cell] for cell in zip(ops.places, ops.regions, strict=True)]


def _group_ids(groups: dict[str, list[str]], names: Iterable[str]) -> str:
    ids = []
    for name in names:
        group_id = slug(name)
        groups.setdefault(group_id, [group_id, safe_texts([name])[0]])
        ids.append(group_id)
    return LIST.join(dict.fromkeys(ids))
