"""Loading, the references: ids, names and aliases, and actors that are one organisation.

A mixin of the loader (:class:`stakeholders.loader._Loader`): resolving each reference column
(pass 3), and before that making one actor of the rows that denote one organisation, by their
names (:func:`stakeholders.rules.same_organisations`) or confirmed in ``same_as.csv``, and
registering the actors' aliases.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Literal

from stakeholders.loader_build import REF_SPECS, Columns
from stakeholders.problems import Problem, Severity
from stakeholders.rules import AMBIGUOUS, ReferenceIndex, same_organisations
from stakeholders.schema import ACTORS, ALL_MUNICIPALITIES, COOPERATION, FILES_BY_NAME, SAME_AS, Column, Ref, Value
from stakeholders.tables import Table, TableReadError, build_table, decode, parse_csv


def read_same_as(path: Path) -> tuple[Table | None, list[Problem]]:
    """The ``same_as`` file of the dataset at ``path`` (a folder or a workbook), if it has one."""
    try:
        if path.is_dir():
            files = {p.name.lower(): p for p in path.iterdir() if p.is_file()}
            file = files.get(SAME_AS.filename)
            if file is None:
                return None, []
            try:
                return parse_csv(SAME_AS.name, file.name, decode(file.read_bytes(), file.name)), []
            except OSError as error:
                return None, [Problem(Severity.ERROR, file.name, f"cannot read the file: {error.strerror or error}")]
        return _read_same_as_sheet(path)
    except TableReadError as error:
        return None, list(error.problems)


def _read_same_as_sheet(path: Path) -> tuple[Table | None, list[Problem]]:
    from openpyxl import load_workbook

    from stakeholders.tables import cell_text

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception:
        return None, []
    try:
        sheets = {sheet.title.strip().lower(): sheet for sheet in workbook.worksheets}
        sheet = sheets.get(SAME_AS.name) or sheets.get(SAME_AS.filename)
        if sheet is None:
            return None, []
        records = ([cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True))
        return build_table(SAME_AS.name, f"{path.name}, sheet {sheet.title}", records), []
    finally:
        workbook.close()


class Resolver:
    """Reference resolution; the loader provides the state (see :class:`stakeholders.loader._Loader`)."""

    indexes: dict[Ref, ReferenceIndex]
    unchecked: set[Ref]
    tables: dict[str, Table]
    values_by_text: dict[str, dict[str, dict[str, Any]]]
    orientations: dict[str, str]
    hints_left: int
    workbook: bool
    merged_into: dict[int, int]  # actors row position -> the position of the row it was merged into
    name_keys: list[str] | None  # the actors' rules.name_keys, once computed
    row_counts: dict[str, int]  # the number of rows of the files whose rows were left out
    _every_municipality: tuple[str, ...] | None
    _code_width: int | None  # the width of every municipality code (0: they differ, or are not all digits)

    def error(self, table: Table, number: int | None, message: str, **where: Any) -> None:
        raise NotImplementedError

    def warning(self, table: Table, number: int | None, message: str, **where: Any) -> None:
        raise NotImplementedError

    # -- one organisation, one actor ----------------------------------------

    def _merge_actors(self, parsed: dict[str, Columns], same_as: Table | None) -> None:
        """Make one actor of the rows that certainly denote one organisation, and of those ``same_as`` confirms.

        The first row (or the ``same_as`` actor) is kept; each merged row's id becomes an alias-id of
        it in the index, so that references to the merged id or name resolve to the kept actor.
        Then the aliases are registered. The rows are folded together when the records are built.
        """
        if ACTORS.name not in parsed:
            return
        from stakeholders.rules import name_keys

        table = self.tables[ACTORS.name]
        columns = parsed[ACTORS.name]
        ids, names = columns["id"], columns["name"]
        index = self.indexes[Ref.ACTOR]
        self.name_keys = name_keys(names)
        later = same_organisations(names, self.name_keys)
        position: dict[str, int] | None = None
        if later or same_as is not None:
            position = {}
            for k, record_id in enumerate(ids):
                if record_id and index.names.get(record_id) is not None:
                    position.setdefault(record_id, k)  # the row the index holds (the first of a duplicate id)
            later = {k: k0 for k, k0 in later.items() if position.get(ids[k]) == k and position.get(ids[k0]) == k0}
        for k, k0 in later.items():
            message = f"the same organisation as {names[k0]!r} (id {ids[k0]!r}, row {table.numbers[k0]}): one actor"
            hint = (
                f"References to {ids[k]!r} and its name resolve to {ids[k0]!r}, which gains this row's lists and its "
                f"name as an alias; to say so yourself, delete this row and add the name to the aliases of {ids[k0]!r}"
            )
            self.warning(table, table.numbers[k], message, column="name", value=names[k], hint=hint)
        kept_of = dict(later)
        if same_as is not None and position is not None:
            kept_of = self._apply_same_as(same_as, ids, position, kept_of)
        self.merged_into = kept_of
        index.redirect({ids[k]: ids[k0] for k, k0 in kept_of.items()})
        if "aliases" in columns:
            self._register_aliases(table, columns)

    def _apply_same_as(
        self, table: Table, ids: list[str], position: dict[str, int], kept_of: dict[int, int]
    ) -> dict[int, int]:
        """``kept_of`` (merged position -> kept position) with the merges of ``same_as.csv`` added."""
        missing = [c for c in SAME_AS.required_columns if c not in table.header]
        for column in missing:
            hint = f"Add a column named {column!r} to the header row (row 1); columns found: {', '.join(table.header)}"
            self.error(table, None, "a required column is missing", column=column, hint=hint)
        if missing:
            return kept_of
        index = self.indexes[Ref.ACTOR]
        merged_in: dict[int, int] = {}  # merged position -> its row in same_as.csv
        kept_in: dict[int, int] = {}  # kept position -> its first row in same_as.csv
        accepted: list[tuple[int, int]] = []
        texts = table.columns["id"], table.columns["same_as"]
        for number, merged_text, kept_text in zip(table.numbers, *texts, strict=True):
            found = []
            for column, text in (("id", merged_text), ("same_as", kept_text)):
                record_id = index.by_id.get(text.casefold()) if text else None
                if not text:
                    self.error(
                        table, number, "a required value is missing", column=column, hint=f"Fill in the {column}"
                    )
                elif record_id is None or record_id not in position:
                    self.error(table, number, "unknown actor", column=column, value=text, hint=self._id_hint(text))
                else:
                    found.append(position[record_id])
            if len(found) < 2:
                continue
            merged, kept = found
            if merged == kept:
                hint = "Name two different actors: the one to merge (id) and the one to keep (same_as)"
                self.error(
                    table, number, "an actor cannot be the same as itself", column="same_as", value=kept_text, hint=hint
                )
            elif merged in merged_in:
                hint = f"Row {merged_in[merged]} already merges it; keep one row per merged actor"
                self.error(table, number, "the actor is merged twice", column="id", value=merged_text, hint=hint)
            elif merged in kept_in or kept in merged_in:
                chain = [merged_text, kept_text]
                if kept in merged_in:
                    chain.append(ids[dict(accepted)[kept]])
                else:
                    chain.insert(0, ids[next(m for m, k in accepted if k == merged)])
                hint = (
                    "Merges must go straight to the actor to keep, not through another merged actor: "
                    + " -> ".join(chain)
                    + "; write each merged id with the id kept at the end"
                )
                self.error(
                    table, number, "the merges form a chain or a cycle", column="same_as", value=kept_text, hint=hint
                )
            else:
                merged_in[merged] = number
                kept_in.setdefault(kept, number)
                accepted.append((merged, kept))
        members: dict[int, list[int]] = {}
        for k, k0 in kept_of.items():
            members.setdefault(k0, []).append(k)
        for merged, kept in accepted:
            cm, ck = kept_of.get(merged, merged), kept_of.get(kept, kept)
            if cm == ck:
                continue  # already one actor by their names
            for k in [cm, *members.pop(cm, [])]:
                kept_of[k] = ck
                members.setdefault(ck, []).append(k)
        return kept_of

    def _id_hint(self, text: str) -> str:
        hint = f"No actor in {self._where(Ref.ACTOR)} has this id"
        if self.hints_left > 0:
            self.hints_left -= 1
            matches = self.indexes[Ref.ACTOR].close_matches(text)
            if matches:
                return (
                    hint + "; did you mean " + " or ".join(repr(m) for m in matches) + "? Refer to each actor by its id"
                )
        return hint + ". Refer to each actor by its id"

    def _register_aliases(self, table: Table, columns: Columns) -> None:
        """Each alias resolves to its actor like a name; one that names another actor is an error."""
        aliases = columns["aliases"]
        if not any(aliases):
            return
        index = self.indexes[Ref.ACTOR]
        ids, names = columns["id"], columns["name"]
        owners: dict[str, tuple[str, int]] = {}  # casefolded alias -> (actor id, row)
        for k, items in enumerate(aliases):
            if not items or not ids[k]:
                continue
            own = index.by_id.get(ids[k].casefold())
            if own is None:
                continue
            for alias in items:
                key = alias.casefold()
                other = index.owner(key)
                if other is not None and other != own:
                    what = "the name or id" if other != AMBIGUOUS else "the name of several actors, e.g."
                    shown = f" {other!r}" if other != AMBIGUOUS else ""
                    message = f"the alias is {what} of another actor{shown}"
                    hint = "An alias must name only its own actor; remove it or merge the two actors in same_as.csv"
                    self.error(table, table.numbers[k], message, column="aliases", value=alias, hint=hint)
                elif key in owners and owners[key][0] != own:
                    first_id, first_row = owners[key]
                    message = f"the alias is also an alias of the actor {first_id!r} (row {first_row})"
                    hint = "An alias must name only its own actor; remove it from one of them"
                    self.error(table, table.numbers[k], message, column="aliases", value=alias, hint=hint)
                elif key != names[k].casefold():
                    owners.setdefault(key, (own, table.numbers[k]))
        index.add_aliases({key: own for key, (own, _) in owners.items()})

    def _drop_merged_self_cooperation(self, parsed: dict[str, Columns]) -> None:
        """Leave out, with a warning, the cooperation rows between two rows merged into one actor.

        Such a row (e.g. ``KFUM Umeå,KFUM i Umeå``) links an organisation with itself only because
        its spellings became one actor; a row that names one actor twice stays an error.
        """
        columns = parsed[COOPERATION.name]
        sources, targets = columns.get("source"), columns.get("target")
        if sources is None or targets is None or not any(map(operator.eq, sources, targets)):
            return
        actors = parsed[ACTORS.name]
        merged = {actors[column][k].casefold() for k in self.merged_into for column in ("id", "name")}
        table = self.tables[COOPERATION.name]
        texts = table.columns["source"], table.columns["target"]
        drop = [
            k
            for k, (source, target) in enumerate(zip(sources, targets, strict=True))
            if source and source == target and (texts[0][k].casefold() in merged or texts[1][k].casefold() in merged)
        ]
        for k in drop:
            message = f"source and target are one actor, {sources[k]!r}, since their names are one organisation"
            hint = "The row is left out; delete it, or list the actors apart if they are different organisations"
            self.warning(table, table.numbers[k], message, column="target", value=texts[1][k], hint=hint)
        if drop:
            keep = [True] * len(table)
            for k in drop:
                keep[k] = False
            parsed[COOPERATION.name] = {name: list(itertools.compress(v, keep)) for name, v in columns.items()}
            self.row_counts[COOPERATION.name] = len(table) - len(drop)

    def _where(self, ref: Ref) -> str:
        spec = REF_SPECS[ref]
        return f"the sheet {spec.name!r}" if self.workbook else spec.filename

    # -- pass 3: references ------------------------------------------------

    def _resolve_table(self, table: Table, columns: Columns) -> None:
        spec = FILES_BY_NAME[table.name]
        if "orientations" in columns:
            # (None: unparsable, () empty: each stays as it is.)
            columns["orientations"] = self._mapped(table, "orientations", lambda items: items and self._spell(items))
        refs = [c for c in spec.columns if c.ref is not None and c.name in columns]
        failing: dict[str, tuple[list[Any], set[Any]]] = {}  # column -> (its texts, the texts with a problem)
        for column in refs:
            values = columns[column.name]
            if column.ref is Ref.MUNICIPALITY and column.value is Value.LIST:
                star = self._mapped(table, column.name, lambda items: bool(items) and ALL_MUNICIPALITIES in items)
                columns["all_municipalities"] = star
            if column.value is not Value.LIST and self._all_exact_ids(column, values):
                continue  # each text is its own resolution
            by_text = self.values_by_text.get(table.name, {}).get(column.name)  # (fewer than the rows)
            distinct = dict.fromkeys(values if by_text is None else by_text.values())
            for empty in (None, "", ()):  # empty cells (and unparsable ones) stay as they are
                distinct.pop(empty, None)
            exact = self._exact_ids(column, distinct)
            if exact is not None:
                if exact is not True and exact:
                    columns[column.name] = self._mapped(table, column.name, _lookup(exact))
                continue
            resolved: dict[Any, Any] = {}
            bad: set[Any] = set()
            for text in distinct:
                resolved[text], ok = self._resolve_quietly(column, text)
                if not ok:
                    bad.add(text)
            columns[column.name] = self._mapped(table, column.name, _lookup(resolved))
            if bad:
                failing[column.name] = (values, bad)
        if failing:
            self._report_references(table, refs, failing)

    def _mapped(self, table: Table, name: str, function: Callable[[Any], Any]) -> list[Any]:
        """``function`` of the value of each cell of a column as it was parsed, called once per distinct value.

        The cells are mapped by their texts: looking up a text again costs less than hashing a tuple.
        """
        texts = table.columns[name]
        by_text = self.values_by_text.get(table.name, {}).get(name) or dict(zip(texts, texts, strict=True))
        results = {value: function(value) for value in dict.fromkeys(by_text.values())}
        return list(map({text: results[value] for text, value in by_text.items()}.__getitem__, texts))

    def _all_exact_ids(self, column: Column, texts: list[str]) -> bool:
        """Whether every text of a (non-list) reference column is an exact id, which resolves to itself."""
        if column.ref in self.unchecked:
            return False
        return all(map(self.indexes[column.ref].names.__contains__, texts))  # type: ignore[index]

    def _exact_ids(self, column: Column, distinct: dict[Any, None]) -> Literal[True] | dict[Any, Any] | None:
        """When every reference of a column is an exact id (the common case), what they resolve to, fast.

        True: each text is its own resolution. A dict: the resolution of each list that is not its
        own (see :meth:`ReferenceIndex.exact_lists`). None: some reference needs the full rules.
        """
        if column.ref in self.unchecked:
            return None
        index = self.indexes[column.ref]  # type: ignore[index]
        if column.value is not Value.LIST:
            return True if index.names.keys() >= distinct.keys() else None
        # As _resolve_quietly: "*" means every municipality, and is passed over in other lists.
        return index.exact_lists(distinct, self._all_municipalities() if column.ref is Ref.MUNICIPALITY else None)

    def _resolve_quietly(self, column: Column, text: Any) -> tuple[Any, bool]:
        """What :meth:`_resolve_cell` gives for ``text``, and whether it gives it without a problem."""
        assert column.ref is not None
        if column.value is not Value.LIST:
            return self._lookup(column.ref, text)
        ids, ok = [], True
        for item in text:
            if item != ALL_MUNICIPALITIES:
                found, fine = self._lookup(column.ref, item)
                ok = ok and fine
                if found:
                    ids.append(found)
        if column.ref is Ref.MUNICIPALITY and ALL_MUNICIPALITIES in text:
            return self._all_municipalities(), ok
        return tuple(dict.fromkeys(ids)), ok

    def _lookup(self, ref: Ref, text: str) -> tuple[str | None, bool]:
        if ref in self.unchecked:
            return None, True
        found = self.indexes[ref].resolve(text)
        if found is None:
            return self._same_code(ref, text), False  # (not fine: the code is reported with a warning)
        if found == AMBIGUOUS:
            return None, False
        return found, True

    def _same_code(self, ref: Ref, text: str) -> str | None:
        """The municipality whose code is ``text`` but for the leading zeros a spreadsheet dropped, else None.

        Either the reference lost them (180 for 0180, when every municipality code of the dataset is digits
        of one width), or the municipality's own id did (a reference 0180 to the municipality 180).
        """
        if ref is not Ref.MUNICIPALITY or not (text.isascii() and text.isdigit()):
            return None
        names = self.indexes[ref].names
        if text.startswith("0") and text.lstrip("0") in names:
            return text.lstrip("0")
        if self._code_width is None:
            widths = {len(code) if code.isascii() and code.isdigit() else 0 for code in self.indexes[ref].ids()}
            self._code_width = widths.pop() if len(widths) == 1 else 0
        padded = text.zfill(self._code_width)
        return padded if len(text) < self._code_width and padded in names else None

    def _report_references(
        self, table: Table, refs: list[Column], failing: dict[str, tuple[list[Any], set[Any]]]
    ) -> None:
        """Report the references with a problem row by row, as they come (the first ones get close-match hints)."""
        rows = sorted({k for texts, bad in failing.values() for k, text in enumerate(texts) if text in bad})
        for k in rows:
            for column in refs:
                if column.name in failing:
                    texts, bad = failing[column.name]
                    if texts[k] in bad:
                        self._resolve_cell(table, table.numbers[k], column, texts[k])

    def _spell(self, items: tuple[str, ...]) -> tuple[str, ...]:
        # Orientations are free text: one spelling per orientation, the first seen.
        return tuple(dict.fromkeys(self.orientations.setdefault(o.casefold(), o) for o in items))

    def _resolve_cell(self, table: Table, number: int, column: Column, text: Any) -> Any:
        """The id (or, for a list, the ids) that a cell refers to; ``*`` means every municipality."""
        if column.value is not Value.LIST:
            return self._resolve(table, number, column, text)
        ids = [self._resolve(table, number, column, item) for item in text if item != ALL_MUNICIPALITIES]
        if column.ref is Ref.MUNICIPALITY and ALL_MUNICIPALITIES in text:
            return self._all_municipalities()
        return tuple(dict.fromkeys(i for i in ids if i))

    def _all_municipalities(self) -> tuple[str, ...]:
        if self._every_municipality is None:
            self._every_municipality = self.indexes[Ref.MUNICIPALITY].ids()
        return self._every_municipality

    def _resolve(self, table: Table, number: int, column: Column, text: str) -> str | None:
        assert column.ref is not None
        if column.ref in self.unchecked:
            return None
        index = self.indexes[column.ref]
        found = index.resolve(text)
        if found is None and (same := self._same_code(column.ref, text)) is not None:
            self._warn_lost_zero(table, number, column, text, same)
            return same
        if found == AMBIGUOUS:
            hint = "Several records have this name; refer to the one you mean by its id"
            self.error(table, number, f"ambiguous {column.ref.value} name", column=column.name, value=text, hint=hint)
            return None
        if found is None:
            self.error(
                table,
                number,
                f"unknown {column.ref.value}",
                column=column.name,
                value=text,
                hint=self._hint(column.ref, text),
            )
        return found

    def _warn_lost_zero(self, table: Table, number: int, column: Column, text: str, same: str) -> None:
        if len(same) > len(text):
            hint = f"Municipality codes have {len(same)} digits: write {same} (format the column as text in Excel)"
            message = f"the municipality code {text} lost its leading zero; read as {same}"
        else:
            where = self._where(Ref.MUNICIPALITY)
            hint = f"Write the code as {text} in {where} too (format its id column as text in Excel)"
            message = f"read as the municipality {same}, whose code in {where} seems to have lost its leading zero"
        self.warning(table, number, message, column=column.name, value=text, hint=hint)

    def _hint(self, ref: Ref, text: str) -> str:
        where = self._where(ref)
        hint = f"No {ref.value} in {where} has this id or name"
        correct = f"Correct the reference or add the {ref.value} to {where}"
        if self.hints_left > 0:
            self.hints_left -= 1
            matches = self.indexes[ref].close_matches(text)
            if matches:
                return hint + "; did you mean " + " or ".join(repr(m) for m in matches) + "? " + correct
        return hint + ". " + correct


def _lookup(found: Mapping[Any, Any]) -> Callable[[Any], Any]:
    """A value's resolved id from ``found``, else the value itself."""
    return lambda value: found.get(value, value)
