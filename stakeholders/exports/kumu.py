"""The dataset as a Kumu workbook: sheets ``Elements`` and ``Connections``, as Kumu's spreadsheet import reads them.

Kumu's guide "Structure your data for Kumu" (docs.kumu.io/guides/import/import): elements need ``Label``, and may
have ``Type``, ``Description``, ``Tags`` (several values separated by ``|``) and an ``ID`` as the first column;
connections need ``From`` and ``To``; every other column is a field. Here:

- Elements: ``ID`` (our node key, ``Actor:kfum``, so that labels may repeat), ``Label`` (the name), ``Type``
  (``Actor``, ``Project``, ``Municipality``, ``Target group``), ``Description``, ``Tags`` (orientations), then a
  field per attribute (``Actor type``, ``Sector``, ``Start``, ``Population``, ...) and the extra columns.
- Connections: ``From``, ``To`` (element IDs), ``Connection Type`` (``owner``, ``partner``, ``funder``,
  ``cooperation``, ``serves``, ``works in``, ``part of``, ``size``), ``Direction`` (``undirected`` for cooperation,
  else ``directed``), then the relation's attributes (``Strength``, ``Since``, ``Amount``, ``Size``, ...).

``stakeholders import FILE --format kumu`` reads it back (docs/migrate.md says what does not come back). Text that
a spreadsheet would run as a formula is neutralised (:func:`stakeholders.safety.neutralise_cell`).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Iterator, Mapping
from enum import Enum
from pathlib import Path

from stakeholders.exports.common import ExportSummary, remove_email_addresses
from stakeholders.files import write_atomically
from stakeholders.importers.graph_rules import RELATION_NAMES, TYPE_NAMES
from stakeholders.model import Dataset
from stakeholders.safety import neutralise_cell
from stakeholders.schema import PERSONAL_ATTRIBUTES, NodeKind, RelKind, node_key

__all__ = ["ELEMENT_COLUMNS", "write_kumu"]

ELEMENT_COLUMNS = ("ID", "Label", "Type", "Description", "Tags")
CONNECTION_COLUMNS = ("From", "To", "Connection Type", "Direction")
# Our attribute -> its Kumu field, by node kind (read back by stakeholders.importers.graph_rules.ELEMENT_FIELDS).
FIELDS: dict[NodeKind, dict[str, str]] = {
    NodeKind.ACTOR: {
        "type": "Actor type", "sector": "Sector", "website": "Website", "contact_name": "Contact name",
        "email": "Email", "phone": "Phone", "aliases": "Aliases", "all_municipalities": "All municipalities",
    },
    NodeKind.PROJECT: {"start": "Start", "end": "End", "budget": "Budget", "all_municipalities": "All municipalities"},
    NodeKind.MUNICIPALITY: {
        "region": "Region", "population": "Population", "foreign_born": "Foreign born",
        "expected_arrivals": "Expected arrivals", "year": "Year",
    },
    NodeKind.TARGET_GROUP: {},
}  # fmt: skip
# Attributes that are built-in columns or relations, not fields.
NOT_FIELDS = frozenset(
    {"kind", "id", "name", "description", "orientations", "municipalities", "target_groups", "owner", "partners"}
    | {"parent"}
)
BUILT_IN = frozenset(name.casefold() for name in (*ELEMENT_COLUMNS, *CONNECTION_COLUMNS, "Type"))
RELATION_FIELDS = {
    RelKind.COOPERATES_WITH: {"kind": "Cooperation kind", "strength": "Strength", "since": "Since", "note": "Note"},
    RelKind.FUNDS: {"amount": "Amount", "year": "Year"},
    RelKind.SIZED_IN: {"size": "Size", "year": "Year"},
}
EXTRA_SUFFIX = " (extra)"  # an extra column named like a built-in column of Kumu's


def _cell(value: object, personal_data: bool) -> object:
    """A value as a workbook cell: numbers stay numbers, lists ``|``-joined, dates ISO text, text made safe."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        return "yes" if value else None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int | float) or value is None:
        return value
    if isinstance(value, dt.date):
        value = value.isoformat()
    if isinstance(value, list | tuple):
        value = "|".join(str(v) for v in value)
    text = str(value)
    if not personal_data:
        text = remove_email_addresses(text)
    return neutralise_cell(text) if text else None


def _element_rows(dataset: Dataset, personal_data: bool) -> Iterator[dict[str, object]]:
    for key, data in dataset.graph.nodes(data=True):
        kind = NodeKind(data["kind"])
        fields = FIELDS[kind]
        # Extra columns are attributes too (model.node_attributes); a municipality's or target group's "tags" extra
        # is its Tags, as the import writes it.
        tagged = kind in (NodeKind.ACTOR, NodeKind.PROJECT)
        row: dict[str, object] = {"ID": key, "Label": data["name"], "Type": TYPE_NAMES[kind]}
        row["Description"] = data.get("description")
        tags = data.get("orientations") if tagged else [t.strip() for t in str(data.get("tags", "")).split(";")]
        row["Tags"] = [tag for tag in tags or () if tag]
        for name, value in data.items():
            if (
                name in NOT_FIELDS
                or (not personal_data and name in PERSONAL_ATTRIBUTES)
                or (name == "tags" and not tagged)
            ):
                continue
            if name in fields:
                row[fields[name]] = value
            else:
                row[name + EXTRA_SUFFIX if name.casefold() in BUILT_IN else name] = value
        yield {column: _cell(value, personal_data) for column, value in row.items()}


def _connection_rows(dataset: Dataset, personal_data: bool) -> Iterator[dict[str, object]]:
    # From the records, not the graph's edges: the graph orders edges by their source node, a list's order is ours.
    def connection(source: str, target: str, relation: RelKind) -> dict[str, object]:
        return _connection(source, target, relation, {}, {}, personal_data)

    for group in dataset.target_groups.values():
        if group.parent:
            yield connection(
                node_key(NodeKind.TARGET_GROUP, group.id),
                node_key(NodeKind.TARGET_GROUP, group.parent),
                RelKind.PART_OF,
            )
    for kind, records in ((NodeKind.ACTOR, dataset.actors), (NodeKind.PROJECT, dataset.projects)):
        for record in records.values():
            key = node_key(kind, record.id)
            yield from (
                connection(key, node_key(NodeKind.MUNICIPALITY, m), RelKind.ACTIVE_IN) for m in record.municipalities
            )
            yield from (
                connection(key, node_key(NodeKind.TARGET_GROUP, t), RelKind.TARGETS) for t in record.target_groups
            )
    for project in dataset.projects.values():
        key = node_key(NodeKind.PROJECT, project.id)
        yield connection(node_key(NodeKind.ACTOR, project.owner), key, RelKind.OWNS)
        partners = (p for p in project.partners if p != project.owner)
        yield from (connection(node_key(NodeKind.ACTOR, partner), key, RelKind.PARTNER_IN) for partner in partners)
    for coop in dataset.cooperations:
        own = {"kind": coop.kind, "strength": coop.strength, "since": coop.since, "note": coop.note}
        yield _connection(
            node_key(NodeKind.ACTOR, coop.source),
            node_key(NodeKind.ACTOR, coop.target),
            RelKind.COOPERATES_WITH,
            own,
            coop.extra,
            personal_data,
        )
    for funding in dataset.fundings:
        own = {"amount": funding.amount, "year": funding.year}
        yield _connection(
            node_key(NodeKind.ACTOR, funding.funder),
            node_key(NodeKind.PROJECT, funding.project),
            RelKind.FUNDS,
            own,
            funding.extra,
            personal_data,
        )
    for size in dataset.target_group_sizes:
        ends = node_key(NodeKind.TARGET_GROUP, size.target_group), node_key(NodeKind.MUNICIPALITY, size.municipality)
        yield _connection(*ends, RelKind.SIZED_IN, {"size": size.size, "year": size.year}, size.extra, personal_data)


def _connection(
    source: str,
    target: str,
    relation: RelKind,
    own: Mapping[str, object],
    extra: Mapping[str, str],
    personal_data: bool,
) -> dict[str, object]:
    direction = "undirected" if relation is RelKind.COOPERATES_WITH else "directed"
    row: dict[str, object] = {"From": source, "To": target, "Connection Type": RELATION_NAMES[relation]}
    row["Direction"] = direction
    names = RELATION_FIELDS.get(relation, {})
    row.update((names[name], value) for name, value in own.items())
    row.update((name + EXTRA_SUFFIX if name.casefold() in BUILT_IN else name, value) for name, value in extra.items())
    return {column: _cell(value, personal_data) for column, value in row.items()}


def _sheet(workbook: object, title: str, first: Iterable[str], rows: list[dict[str, object]]) -> None:
    from openpyxl.styles import Font

    columns = list(dict.fromkeys([*first, *(name for row in rows for name in row)]))
    sheet = workbook.create_sheet(title)  # type: ignore[attr-defined]
    sheet.append(columns)
    for row in rows:
        sheet.append([row.get(name) for name in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"


def kumu_bytes(dataset: Dataset, *, personal_data: bool = True) -> bytes:
    """The Kumu workbook's bytes (see the module's notes)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the default sheet
    _sheet(workbook, "Elements", ELEMENT_COLUMNS, list(_element_rows(dataset, personal_data)))
    _sheet(workbook, "Connections", CONNECTION_COLUMNS, list(_connection_rows(dataset, personal_data)))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_kumu(dataset: Dataset, path: Path | str, personal_data: bool) -> ExportSummary:
    """Write ``dataset`` as a Kumu workbook (.xlsx) to ``path``, atomically.

    ``personal_data=False`` leaves out contact persons, e-mails and phones and removes e-mail addresses from text.

    Raises
    ------
    OutputError
        When ``path`` cannot be written.
    """
    data = kumu_bytes(dataset, personal_data=personal_data)
    write_atomically(Path(path), data, personal=personal_data)
    graph = dataset.graph
    return ExportSummary(Path(path), "kumu", graph.number_of_nodes(), graph.number_of_edges(), len(data))
