"""How a dataset is stored in Neo4j: records to properties and back (see docs/neo4j.md).

- Every record of the municipalities, target groups, actors and projects files is a node labelled with
  its :class:`~stakeholders.schema.NodeKind`, keyed by ``(dataset, id)``.
- References are relationships (:class:`~stakeholders.schema.RelKind`), exactly the edges of the in-memory
  graph (:func:`stakeholders.model.build_graph`): ``ACTIVE_IN`` and ``TARGETS`` carry ``position`` (the
  place in the record's list), ``PARTNER_IN`` too; ``OWNS`` carries ``partner_position`` when the owner is
  also listed among the partners. An actor or project with ``*`` has ``all_municipalities: true`` and an
  ``ACTIVE_IN`` to every municipality.
- Each row of the target-group sizes, cooperation and funding files is one relationship (``SIZED_IN``,
  ``COOPERATES_WITH``, ``FUNDS``) keyed by ``(dataset, seq)``.
- Every node and relationship has ``dataset`` (:data:`~stakeholders.schema.DATASET_PROPERTY`), the key of
  the dataset's version (:mod:`stakeholders.backends.neo4j_versions`); nodes and row relationships have
  ``seq``, their place in their file.
- Values keep their types: text, integers, floats, dates (Neo4j ``Date``), lists of text (orientations);
  empty values are not stored. Columns outside the format are kept as one JSON object in ``extra``.
  A property added by hand (e.g. in Neo4j Browser) comes back as an extra column.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from stakeholders import model
from stakeholders.schema import DATASET_PROPERTY, ID, Sector

SEQ = "seq"
POSITION = "position"
PARTNER_POSITION = "partner_position"
EXTRA = "extra"
ALL_MUNICIPALITIES = "all_municipalities"

# Fields stored as relationships, not as properties of the record's node or row relationship.
REFERENCE_FIELDS = frozenset(
    {
        "municipalities",
        "target_groups",
        "owner",
        "partners",
        "parent",
        "source",
        "target",
        "funder",
        "project",
        "target_group",
        "municipality",
    }
)
_STORAGE = frozenset({DATASET_PROPERTY, SEQ})
_NO_EXTRA: model.Extra = MappingProxyType({})


def properties(record: object, dataset: str, seq: int, key: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The stored properties of a record: its own values (references left out) plus dataset and seq."""
    stored: dict[str, Any] = {DATASET_PROPERTY: dataset, SEQ: seq, **(key or {})}
    for field in dataclasses.fields(record):  # type: ignore[arg-type]
        if field.name in REFERENCE_FIELDS:
            continue
        value = stored_value(getattr(record, field.name))
        if value is not None:
            stored[field.name] = value
    return stored


def stored_value(value: Any) -> Any:
    """A model value as a Neo4j property value; None (not stored) for an empty one."""
    if value is None or value == "" or value == () or value is False:
        return None
    if isinstance(value, Sector):
        return value.value
    if isinstance(value, Mapping):
        return json.dumps(dict(value), ensure_ascii=False, allow_nan=False) if value else None
    if isinstance(value, tuple):
        return list(value)
    return value


def record(cls: type, stored: Mapping[str, Any], **references: Any) -> Any:
    """Rebuild a model record of type ``cls`` from its stored properties and resolved references.

    Properties the model does not know (added by hand) join ``extra``, as text.
    """
    fields = {field.name: field for field in dataclasses.fields(cls)}
    values: dict[str, Any] = dict(references)
    extra: dict[str, str] = {}
    for name, value in stored.items():
        if name in _STORAGE or value is None:
            continue
        if name == EXTRA and isinstance(value, str):
            extra.update(_json_object(value))
        elif name in fields and name not in REFERENCE_FIELDS:
            values[name] = model_value(name, value, fields[name].default)
        elif name not in fields:
            extra[name] = _text(value)
    for name, field in fields.items():
        if name not in values and field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            values[name] = ""  # a required text removed by hand
    values["extra"] = MappingProxyType(extra) if extra else _NO_EXTRA
    return cls(**values)


def model_value(name: str, value: Any, default: Any) -> Any:
    """A Neo4j property value as the model's value of the field ``name``."""
    if name == "sector":
        return Sector(value)
    if hasattr(value, "to_native"):
        value = value.to_native()
    if isinstance(value, list):
        return tuple(_text(v) for v in value)
    if isinstance(default, bool):
        return bool(value)
    if isinstance(default, str) and not isinstance(value, str):
        return _text(value)
    return value


def _json_object(text: str) -> dict[str, str]:
    try:
        found = json.loads(text)
    except ValueError:
        return {EXTRA: text}
    if not isinstance(found, dict):
        return {EXTRA: text}
    return {str(k): _text(v) for k, v in found.items()}


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    return str(value)


def ordered(pairs: list[list[Any]]) -> tuple[str, ...]:
    """Ids of ``[position, id]`` pairs in list order: by position (hand-made links last), then id."""
    ranked = sorted(pairs, key=lambda pair: (pair[0] is None, pair[0] or 0, pair[1]))
    return tuple(dict.fromkeys(pair[1] for pair in ranked))


def in_file_order(rows: list[Any], props: str = "properties") -> list[Any]:
    """Rows in their file's order: by seq (rows added by hand last), then id."""
    return sorted(rows, key=lambda r: (r[props].get(SEQ) is None, r[props].get(SEQ) or 0, str(r[props].get(ID, ""))))
