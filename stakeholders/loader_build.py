"""Loading, the last pass: model records from the validated columns, many at a time.

Only a dataset without errors gets here (see :mod:`stakeholders.loader`). Merged actors (see
:mod:`stakeholders.loader_resolve`) are folded into the actor they were merged into first.
"""

from __future__ import annotations

import collections
import dataclasses
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

from stakeholders import model
from stakeholders.schema import (
    ACTORS,
    COOPERATION,
    EMPLOYER_NEEDS,
    FILES,
    FUNDING,
    LABOUR_DEMAND,
    MUNICIPALITIES,
    OCCUPATIONS,
    PROJECTS,
    REF_FILES,
    TARGET_GROUP_SIZES,
    TARGET_GROUPS,
    FileSpec,
    Ref,
    Value,
)

Columns = dict[str, list[Any]]  # a table's values by column, one per row
REF_SPECS: dict[Ref, FileSpec] = REF_FILES
RECORD_TYPES: dict[str, type] = {
    MUNICIPALITIES.name: model.Municipality,
    TARGET_GROUPS.name: model.TargetGroup,
    ACTORS.name: model.Actor,
    PROJECTS.name: model.Project,
    TARGET_GROUP_SIZES.name: model.TargetGroupSize,
    COOPERATION.name: model.Cooperation,
    FUNDING.name: model.Funding,
    OCCUPATIONS.name: model.Occupation,
    LABOUR_DEMAND.name: model.LabourDemand,
    EMPLOYER_NEEDS.name: model.EmployerNeed,
}
# The list columns a merged actor adds to the kept one.
_UNITED = ("orientations", "municipalities", "target_groups", "occupations")


def construct(
    parsed: Mapping[str, Columns], counts: Mapping[str, int], implicit_ids: Mapping[Ref, Sequence[str]]
) -> dict[str, Any]:
    """The model's parts (the keyword arguments of :class:`~stakeholders.model.Dataset` but its name).

    ``parsed``: each file's resolved columns; ``counts``: each file's number of rows;
    ``implicit_ids``: the ids of the municipalities and target groups made from mentions.
    """

    def records(spec: FileSpec) -> list[Any]:
        if spec.name not in parsed:
            return []
        return _records(RECORD_TYPES[spec.name], parsed[spec.name], counts[spec.name], TEXTS[spec.name])

    def by_id(spec: FileSpec, ref: Ref) -> MappingProxyType[str, Any]:
        if ref in implicit_ids:
            cls = RECORD_TYPES[spec.name]
            return MappingProxyType({i: cls(id=i, name=i) for i in implicit_ids[ref]})
        if spec.name not in parsed:
            return MappingProxyType({})
        return MappingProxyType(dict(zip(parsed[spec.name]["id"], records(spec), strict=True)))  # each record's id

    return {
        "municipalities": by_id(MUNICIPALITIES, Ref.MUNICIPALITY),
        "target_groups": by_id(TARGET_GROUPS, Ref.TARGET_GROUP),
        "actors": by_id(ACTORS, Ref.ACTOR),
        "projects": by_id(PROJECTS, Ref.PROJECT),
        "target_group_sizes": tuple(records(TARGET_GROUP_SIZES)),
        "cooperations": tuple(records(COOPERATION)),
        "fundings": tuple(records(FUNDING)),
        "occupations": by_id(OCCUPATIONS, Ref.OCCUPATION),
        "labour_demand": tuple(records(LABOUR_DEMAND)),
        "employer_needs": tuple(records(EMPLOYER_NEEDS)),
    }


def fold_merged(columns: Columns, count: int, merged_into: Mapping[int, int]) -> tuple[Columns, int]:
    """The actors' columns with each merged row (a key of ``merged_into``) folded into its kept row (the value).

    The kept row keeps its values and gains the merged rows' orientations, municipalities and
    target groups (each once, the kept row's first), their names and aliases as aliases, and
    "every municipality" if one of them had it. Only the rows concerned are visited, then each
    column is filtered once.
    """
    if not merged_into:
        return columns, count
    groups: dict[int, list[int]] = {}
    for merged_row, kept_row in merged_into.items():
        groups.setdefault(kept_row, []).append(merged_row)
    names = columns["name"]
    aliases: Sequence[Any] = columns.get("aliases") or [()] * count
    united = {name: columns[name] for name in _UNITED if name in columns}
    stars = columns.get("all_municipalities")
    folded_aliases: dict[int, tuple[str, ...]] = {}
    for kept, merged in groups.items():
        rows = [kept, *sorted(merged)]
        for values in united.values():  # (changed in place: the rows are copied when filtered below)
            values[kept] = tuple(dict.fromkeys(itertools.chain.from_iterable(values[k] or () for k in rows)))
        starred = [k for k in rows if stars[k]] if stars is not None else []
        if starred:  # every municipality, in the dataset's order, wins over the lists it is united with
            stars[kept] = True  # type: ignore[index]
            united["municipalities"][kept] = united["municipalities"][starred[0]]
        seen = {names[kept].casefold()}
        spellings = []
        for text in itertools.chain(aliases[kept] or (), *((names[k], *(aliases[k] or ())) for k in rows[1:])):
            if text.casefold() not in seen:
                seen.add(text.casefold())
                spellings.append(text)
        folded_aliases[kept] = tuple(spellings)
    new_aliases = list(aliases)
    for k, folded in folded_aliases.items():
        new_aliases[k] = folded
    columns = {**columns, "aliases": new_aliases}
    keep = [k not in merged_into for k in range(count)]
    return {name: list(itertools.compress(values, keep)) for name, values in columns.items()}, sum(keep)


def _defaults(cls: type) -> dict[str, Any]:
    """The default of each field of a record type that has one."""
    defaults = {}
    for spec_field in dataclasses.fields(cls):
        if spec_field.default is not dataclasses.MISSING:
            defaults[spec_field.name] = spec_field.default
        elif spec_field.default_factory is not dataclasses.MISSING:
            defaults[spec_field.name] = spec_field.default_factory()
    return defaults


DEFAULTS_BY_TYPE: dict[type, dict[str, Any]] = {cls: _defaults(cls) for cls in RECORD_TYPES.values()}
DEFAULTS: dict[str, dict[str, Any]] = {name: DEFAULTS_BY_TYPE[cls] for name, cls in RECORD_TYPES.items()}
TEXTS: dict[str, frozenset[str]] = {
    spec.name: frozenset(c.name for c in spec.columns if c.value is Value.TEXT) for spec in FILES
}  # the columns whose values stay text: the only ones where an empty cell is still ""


def _records(cls: type, columns: Columns, count: int, texts: frozenset[str]) -> list[Any]:
    """``count`` records of ``cls`` from its columns (``texts``: the names of the text columns).

    Parsed columns already hold the field's default for an empty cell; an empty text cell ("")
    takes the field's default where that is not "" (a target group's parent: None).
    """
    defaults = DEFAULTS_BY_TYPE[cls]
    arguments: list[Iterable[Any]] = []
    for spec_field in dataclasses.fields(cls):
        values = columns.get(spec_field.name)
        default = defaults.get(spec_field.name, dataclasses.MISSING)
        if values is None:
            arguments.append(itertools.repeat(default, count))
        elif default is dataclasses.MISSING or default == "" or spec_field.name not in texts or "" not in values:
            arguments.append(values)  # (looking for "" among tuples and numbers would cost a comparison each)
        else:
            arguments.append([default if value == "" else value for value in values])
    return _BUILDERS[cls](count, *arguments)


def _builder(cls: type) -> Callable[..., list[Any]]:
    """A function that builds many records of ``cls`` (a frozen, slotted dataclass) from columns of field values.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``, which made
    building the records the largest part of loading (0.37 s for 100,000 actors). The builder
    makes objects of a twin class, a subclass of ``cls`` that adds nothing but plain attribute
    setting, fills in their slots with a plain ``__init__`` and then gives each the record's class:
    the same layout, so the result is exactly what ``cls(*values)`` gives. If ``cls`` is not such a
    class (no slots, a ``__post_init__``, another layout), ``cls`` itself is used.
    The builder takes the number of records, then the columns.
    Worth its code: loading 100,000 actors takes 1.29x as long without it (benchmarks/bench_load_tricks.py).
    """
    names = [spec_field.name for spec_field in dataclasses.fields(cls)]

    def plainly(count: int, *columns: Iterable[Any]) -> list[Any]:
        return list(map(cls, *columns))

    if tuple(getattr(cls, "__slots__", ())) != tuple(names) or hasattr(cls, "__post_init__"):
        return plainly
    # self.<field> = <field> for each field, in order (the __init__ of a plain dataclass).
    init = dataclasses.make_dataclass(f"_{cls.__name__}Fields", names, slots=True).__init__  # type: ignore[misc]
    new = object.__new__
    try:
        # Being a subclass that adds no slots, the twin passes its class on without a slot by slot
        # comparison of the layouts; object's own __setattr__ and __delattr__ make setting plain.
        plain = {"__slots__": (), "__setattr__": object.__setattr__, "__delattr__": object.__delattr__}
        twin = type(f"_{cls.__name__}Twin", (cls,), plain)
        probe: Any = new(twin)
        init(probe, *names)
        probe.__class__ = cls
    except TypeError:
        return plainly
    if type(probe) is not cls or probe != cls(*names):
        return plainly

    def build(count: int, *columns: Iterable[Any]) -> list[Any]:
        # Calling __init__ on objects made beforehand skips what calling the class costs per record
        # (an argument tuple, a lookup of __init__); deque(..., 0) runs the map without keeping anything.
        records: list[Any] = list(map(new, itertools.repeat(twin, count)))
        collections.deque(map(init, records, *columns), 0)
        for record in records:
            record.__class__ = cls
        return records

    return build


_BUILDERS: dict[type, Callable[..., list[Any]]] = {cls: _builder(cls) for cls in RECORD_TYPES.values()}
