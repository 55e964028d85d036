"""Turn a map's elements and connections (Kumu, Onodo) into the rows of our dataset files.

Every row remembers where it came from (sheet, row, and which of their headers fed which of our columns), so
that a problem the loader finds in the written files is reported where the user can correct it: in the workbook.
"""

from __future__ import annotations

import difflib

from stakeholders.importers.cells import slug
from stakeholders.importers.graph_rules import (
    CONNECTION_FIELDS,
    CONNECTION_TYPES,
    ELEMENT_FIELDS,
    FIELD_PREFIX,
    LIST_FIELDS,
    PERSONAL,
    REL_FILES,
    RELATION_NAMES,
    RESERVED,
    TRUE_WORDS,
    TYPE_NAMES,
    element_kind,
    normalise,
    oriented,
    relation_by_ends,
)
from stakeholders.importers.graph_sheets import Built, Connection, Element, MapSheets, Origin
from stakeholders.problems import Problem, Severity
from stakeholders.schema import FILES_BY_NAME, NODE_FILES, NodeKind, RelKind

MAX_HINTED = 20
A, P, M, T = NodeKind.ACTOR, NodeKind.PROJECT, NodeKind.MUNICIPALITY, NodeKind.TARGET_GROUP


class _Builder:
    def __init__(self, sheets: MapSheets, keep_personal_data: bool) -> None:
        self.sheets = sheets
        self.keep_personal_data = keep_personal_data
        self.problems: list[Problem] = []
        self.rows: dict[str, list[dict[str, str]]] = {name: [] for name in FILES_BY_NAME}
        self.origins: dict[str, list[Origin]] = {name: [] for name in FILES_BY_NAME}
        self.unknown_types: dict[str, int] = {}
        self.kinds: list[NodeKind] = []
        self.records: list[dict[str, str]] = []
        self.lists: list[dict[str, dict[str, None]]] = []
        self.by_id: dict[str, list[int]] = {}
        self.by_label: dict[str, list[int]] = {}
        self.hinted = 0  # unknown references given close matches (each a scan of every label)

    def problem(
        self,
        severity: Severity,
        sheet: str,
        row: int | None,
        column: str | None,
        value: str | None,
        message: str,
        hint: str = "",
    ) -> None:
        location = f"{self.sheets.file}, sheet {sheet}"
        self.problems.append(Problem(severity, location, message, row, column, value, hint))

    def header(self, name: str) -> str:
        return self.sheets.headers.get(name, name)

    # Elements -------------------------------------------------------------------------------------------------
    def add_elements(self) -> None:
        sheet = self.sheets.elements_sheet
        taken: dict[NodeKind, dict[str, int]] = {kind: {} for kind in NodeKind}
        for element in self.sheets.elements:
            kind = element_kind(element.type)
            if kind is None:
                kind = A
                if element.type:
                    self.unknown_types[element.type] = self.unknown_types.get(element.type, 0) + 1
            record_id = self._record_id(element, kind, taken[kind], sheet)
            index = len(self.records)
            self.kinds.append(kind)
            self.records.append(self._record(element, kind, record_id, sheet))
            self.lists.append({"municipalities": {}, "target_groups": {}, "partners": {}})
            if element.element_id:
                self.by_id.setdefault(element.element_id, []).append(index)
            self.by_label.setdefault(element.label.casefold(), []).append(index)

    def _record_id(self, element: Element, kind: NodeKind, taken: dict[str, int], sheet: str) -> str:
        wanted = element.element_id
        prefix, _, rest = wanted.partition(":")
        if rest and prefix in {k.value for k in NodeKind}:
            wanted = rest  # our own export's IDs are node keys, "Actor:kfum"
        if wanted and ";" not in wanted and wanted.casefold() not in taken:
            taken[wanted.casefold()] = element.row
            return wanted
        if wanted and wanted.casefold() in taken:
            first = taken[wanted.casefold()]
            self.problem(
                Severity.ERROR,
                sheet,
                element.row,
                self.header("id"),
                element.element_id,
                f"a duplicate ID (row {first} has it too)",
                "Give every element its own ID",
            )
            return wanted
        base = slug(wanted or element.label)
        candidate, n = base, 1
        while candidate.casefold() in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken[candidate.casefold()] = element.row
        return candidate

    def _record(self, element: Element, kind: NodeKind, record_id: str, sheet: str) -> dict[str, str]:
        label_header = self.header("label")
        record = {"id": record_id, "name": element.label}
        columns = {"id": self.header("id") if element.element_id else label_header, "name": label_header}
        if kind in (A, P):
            record["orientations"] = "; ".join(tag.replace(";", ",") for tag in element.tags)
            columns["orientations"] = self.header("tags")
        elif element.tags:
            record["tags"] = "; ".join(element.tags)
            columns["tags"] = self.header("tags")
        if element.description:
            record["description"] = element.description
            columns["description"] = self.header("description")
        own = ELEMENT_FIELDS[kind]
        for header, text in element.fields.items():
            key = normalise(header).replace(" ", "_")
            column = own.get(key)
            if column in PERSONAL and not self.keep_personal_data:
                continue
            if column == "*":
                record["*"] = "*" if normalise(text) in TRUE_WORDS else ""
                continue
            if column in LIST_FIELDS:
                text = "; ".join(a.strip().replace(";", ",") for a in text.split("|") if a.strip())
            if column is None:
                column = FIELD_PREFIX + key if key in RESERVED or key in own.values() else key
            record.setdefault(column, text)
            columns.setdefault(column, header)
        if kind is A and element.type and element_kind(element.type) is None and not record.get("type"):
            record["type"], columns["type"] = element.type, self.header("type")  # Person, Company: kept as the type
        self.origins[NODE_FILES[kind].name].append(Origin(sheet, element.row, columns))
        return record

    # Connections ----------------------------------------------------------------------------------------------
    def add_connections(self) -> None:
        for connection in self.sheets.connections:
            for source in _split(connection.source):
                for target in _split(connection.target):
                    self._connect(connection, source, target)

    def _find(self, reference: str, row: int, column: str) -> int | None:
        sheet = self.sheets.connections_sheet
        with_id = self.by_id.get(reference)  # IDs exactly, labels ignoring case
        if with_id:
            return with_id[0]  # a second element with this ID is an error of its own
        found = self.by_label.get(reference.casefold(), [])
        if len(found) == 1:
            return found[0]
        if found:
            rows = ", ".join(str(self.sheets.elements[k].row) for k in found)
            self.problem(
                Severity.ERROR,
                sheet,
                row,
                column,
                reference,
                "several elements have this label",
                f"Rows {rows} of sheet {self.sheets.elements_sheet}; give each an ID and refer to it",
            )
            return None
        self.hinted += 1
        names = [e.label for e in self.sheets.elements] + [e.element_id for e in self.sheets.elements if e.element_id]
        close = difflib.get_close_matches(reference, names, n=3) if self.hinted <= MAX_HINTED else []
        hint = f"Did you mean {' or '.join(map(repr, close))}?" if close else "Check the spelling."
        self.problem(
            Severity.ERROR,
            sheet,
            row,
            column,
            reference,
            "no element has this ID or label",
            f"{hint} Every connection must join elements of sheet {self.sheets.elements_sheet}",
        )
        return None

    def _connect(self, connection: Connection, source_text: str, target_text: str) -> None:
        sheet, row = self.sheets.connections_sheet, connection.row
        source = self._find(source_text, row, self.header("from"))
        target = self._find(target_text, row, self.header("to"))
        if source is None or target is None:
            return
        kinds = self.kinds[source], self.kinds[target]
        named = CONNECTION_TYPES.get(normalise(connection.type))
        relation = named or relation_by_ends(*kinds)
        type_header = self.header("connection type")
        if relation is None:
            self.problem(
                Severity.WARNING,
                sheet,
                row,
                type_header,
                connection.type,
                f"a connection between a {TYPE_NAMES[kinds[0]]} and a {TYPE_NAMES[kinds[1]]} has no "
                "relation in our format: left out",
            )
            return
        turn = oriented(relation, *kinds)
        if turn is None:
            ends = f"{TYPE_NAMES[kinds[0]]} -> {TYPE_NAMES[kinds[1]]}"
            self.problem(
                Severity.ERROR,
                sheet,
                row,
                type_header,
                connection.type,
                f"a {RELATION_NAMES[relation]!r} connection cannot join {ends}",
                "See docs/migrate.md for which types join which elements, or leave the type empty",
            )
            return
        if turn is False:
            source, target = target, source
        if connection.type and named is None and relation is not RelKind.COOPERATES_WITH:
            self.problem(
                Severity.WARNING,
                sheet,
                row,
                type_header,
                connection.type,
                f"an unknown connection type, read as {RELATION_NAMES[relation]!r} from the elements it "
                "joins; the type is not kept",
            )
        self._add_relation(relation, connection, source, target)

    def _add_relation(self, relation: RelKind, connection: Connection, source: int, target: int) -> None:
        if relation in REL_FILES:
            self._relation_row(relation, connection, source, target)
            return
        sheet, row = self.sheets.connections_sheet, connection.row
        if connection.fields:
            fields = ", ".join(connection.fields)
            self.problem(
                Severity.WARNING,
                sheet,
                row,
                None,
                None,
                f"a {RELATION_NAMES[relation]!r} connection holds no fields in our format: {fields} not kept",
            )
        target_id = self.records[target]["id"]
        if relation is RelKind.OWNS:
            owner = self.records[target].get("owner")
            if owner and owner != self.records[source]["id"]:
                self.problem(
                    Severity.ERROR,
                    sheet,
                    row,
                    self.header("from"),
                    self.sheets.elements[source].label,
                    "a second owner of the project (a project has one owner)",
                    "Make one of them a partner (connection type partner)",
                )
            self.records[target]["owner"] = self.records[source]["id"]
        elif relation is RelKind.PARTNER_IN:
            self.lists[target]["partners"][self.records[source]["id"]] = None
        elif relation is RelKind.PART_OF:
            parent = self.records[source].get("parent")
            if parent and parent != target_id:
                self.problem(
                    Severity.ERROR,
                    sheet,
                    row,
                    self.header("to"),
                    self.sheets.elements[target].label,
                    "a second parent of the target group (a group is part of one group)",
                    "Keep one 'part of' connection from this group",
                )
            self.records[source]["parent"] = target_id
        else:
            column = "target_groups" if relation is RelKind.TARGETS else "municipalities"
            self.lists[source][column][target_id] = None

    def _relation_row(self, relation: RelKind, connection: Connection, source: int, target: int) -> None:
        spec = FILES_BY_NAME[REL_FILES[relation]]
        first, second = spec.column_names[:2]
        values = {first: self.records[source]["id"], second: self.records[target]["id"]}
        columns = {first: self.header("from"), second: self.header("to")}
        named = CONNECTION_TYPES.get(normalise(connection.type))
        if relation is RelKind.COOPERATES_WITH and connection.type and named is None:
            values["kind"], columns["kind"] = connection.type, self.header("connection type")
        own = CONNECTION_FIELDS[relation]
        for header, text in connection.fields.items():
            key = normalise(header).replace(" ", "_")
            column = own.get(key) or (FIELD_PREFIX + key if key in spec.column_names else key)
            if column in values and column in own.values():
                continue  # "note" before "description", "cooperation kind" before the type
            values[column], columns[column] = text, header
        self.rows[spec.name].append(values)
        self.origins[spec.name].append(Origin(self.sheets.connections_sheet, connection.row, columns))

    # Results ---------------------------------------------------------------------------------------------------
    def finish(self) -> Built:
        for index, (kind, record) in enumerate(zip(self.kinds, self.records, strict=True)):
            lists = self.lists[index]
            if kind in (A, P):
                star = record.pop("*", "")
                record["municipalities"] = "*" if star else "; ".join(lists["municipalities"])
                record["target_groups"] = "; ".join(lists["target_groups"])
            if kind is P:
                record["partners"] = "; ".join(p for p in lists["partners"] if p != record.get("owner"))
                if not record.get("owner"):
                    element = self.sheets.elements[index]
                    self.problem(
                        Severity.ERROR,
                        self.sheets.elements_sheet,
                        element.row,
                        self.header("label"),
                        element.label,
                        "a project without an owner",
                        f"Add a connection of type owner from the owning actor to it in sheet "
                        f"{self.sheets.connections_sheet}",
                    )
            self.rows[NODE_FILES[kind].name].append(record)
        for type_text, count in self.unknown_types.items():
            self.problem(
                Severity.WARNING,
                self.sheets.elements_sheet,
                None,
                self.header("type"),
                type_text,
                f"an element type that names none of our node kinds ({count} elements): read as actors, "
                "the type kept as their type",
                "See docs/migrate.md for the types we read",
            )
        return Built(self.rows, self.origins, self.problems, self.unknown_types)


def _split(cell: str) -> list[str]:
    """The element references of a From or To cell: Kumu draws a connection to each of ``a|b``."""
    return [part.strip() for part in cell.split("|") if part.strip()]


def build_rows(sheets: MapSheets, *, keep_personal_data: bool) -> Built:
    """Our files' rows from a map; problems (errors and warnings) are located in the workbook."""
    builder = _Builder(sheets, keep_personal_data)
    builder.add_elements()
    builder.add_connections()
    return builder.finish()
