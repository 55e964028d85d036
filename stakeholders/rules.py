"""The rules the loader applies beyond single cells: references, checks across a row, parent cycles, names.

Pure functions and a small index, so they can be tested and reused on their own
(e.g. :func:`name_key` by the duplicate analyses).
"""

from __future__ import annotations

import difflib
import itertools
import operator
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import Any

from stakeholders.schema import ALL_MUNICIPALITIES, COOPERATION, PROJECTS, TARGET_GROUPS

AMBIGUOUS = "\x00ambiguous"  # what ReferenceIndex.resolve returns for a name several records share


class ReferenceIndex:
    """Resolves references to one kind of record by id or exact name, ignoring case."""

    def __init__(self) -> None:
        self.by_id: dict[str, str] = {}  # casefolded id -> id
        self.names: dict[str, str] = {}  # id -> name
        self._by_name: dict[str, str] = {}  # casefolded name -> id (or AMBIGUOUS)
        self._unnamed: list[tuple[Sequence[str], Sequence[str]]] = []  # added in bulk, not yet in _by_name
        self._named: list[tuple[Sequence[str], Sequence[str]]] = []  # every (ids, names) added, to rebuild _by_name
        self._redirects: dict[str, str] = {}  # merged id -> the kept id
        self._aliases: dict[str, str] = {}  # casefolded alias -> id
        self._candidates: list[str] | None = None

    @property
    def by_name(self) -> dict[str, str]:
        """Casefolded name (or alias) -> id (or AMBIGUOUS); built when first needed, as most references are ids."""
        if self._unnamed:
            for record_ids, names in self._unnamed:
                self._add_names(record_ids, names)
            self._unnamed.clear()
            self._by_name.update(self._aliases)
        return self._by_name

    def add(self, record_id: str, name: str) -> None:
        by_name = self.by_name
        self.by_id[record_id.casefold()] = record_id
        key = name.casefold()
        known = by_name.get(key)
        by_name[key] = record_id if known in (None, record_id) else AMBIGUOUS
        self.names[record_id] = name
        self._named.append(((record_id,), (name,)))
        self._candidates = None

    def redirect(self, merged: Mapping[str, str]) -> None:
        """Merge records: each merged id (a key) becomes an alias-id of its kept id (the value).

        A reference to the merged record, by its id or its name, then resolves to the kept one;
        the merged id is no longer one of :attr:`names` (the ids that resolve to themselves).
        """
        if not merged:
            return
        for merged_id, kept_id in merged.items():
            self.names.pop(merged_id, None)
            self.by_id[merged_id.casefold()] = kept_id
        self._redirects.update(merged)
        self._by_name.clear()  # rebuilt with the names of merged records going to the kept ones
        self._unnamed = list(self._named)
        self._candidates = None

    def add_aliases(self, aliases: Mapping[str, str]) -> None:
        """Other spellings: each casefolded alias (a key) resolves to its id (the value) like a name."""
        self._aliases.update(aliases)
        self.by_name.update(aliases)
        self._candidates = None

    def owner(self, key: str) -> str | None:
        """The id that the casefolded ``key`` names as an id, a name or an alias (or AMBIGUOUS), if any."""
        return self.by_id.get(key) or self.by_name.get(key)

    def add_many(self, record_ids: Sequence[str], names: Sequence[str], by_id: Mapping[str, str] | None = None) -> None:
        """Like :meth:`add` for each pair in turn, in bulk.

        ``by_id``: the ids by casefolded id, if the caller has them at hand (each id once).
        """
        self.by_id.update(zip(map(str.casefold, record_ids), record_ids, strict=True) if by_id is None else by_id)
        self.names.update(zip(record_ids, names, strict=True))
        self._unnamed.append((record_ids, names))
        self._named.append((record_ids, names))
        self._candidates = None

    def _add_names(self, record_ids: Sequence[str], names: Sequence[str]) -> None:
        if self._redirects:
            record_ids = [self._redirects.get(record_id, record_id) for record_id in record_ids]
        keys = list(map(str.casefold, names))
        added = dict(zip(keys, record_ids, strict=True))
        if len(added) < len(keys):  # some records share a name: ambiguous when their ids differ
            shared = {key for key, count in Counter(keys).items() if count > 1}
            owners: dict[str, set[str]] = {}
            for key, record_id in zip(keys, record_ids, strict=True):
                if key in shared:
                    owners.setdefault(key, set()).add(record_id)
            added.update((key, AMBIGUOUS) for key, ids in owners.items() if len(ids) > 1)
        for key, record_id in added.items():
            known = self._by_name.get(key)
            if known is not None and known != record_id:
                added[key] = AMBIGUOUS
        self._by_name.update(added)

    def exact_lists(
        self, lists: Collection[tuple[str, ...]], every: tuple[str, ...] | None
    ) -> dict[tuple[str, ...], tuple[str, ...]] | None:
        """The resolution of each list that does not resolve to itself, if every item is an exact id or ``*``.

        None if some item needs the full rules. A list resolves to its ids once each; one that holds
        ``*`` to ``every`` if given, else to its other ids. Checked for all the lists at once.
        """
        items = set(itertools.chain.from_iterable(lists))
        starred = ALL_MUNICIPALITIES in items
        items.discard(ALL_MUNICIPALITIES)
        if not self.names.keys() >= items:
            return None
        repeating = itertools.compress(lists, map(operator.ne, map(len, lists), map(len, map(set, lists))))
        resolved = {cell: tuple(dict.fromkeys(cell)) for cell in repeating}
        for cell in lists if starred else ():
            if ALL_MUNICIPALITIES in cell:
                others = tuple(dict.fromkeys(i for i in cell if i != ALL_MUNICIPALITIES))
                resolved[cell] = every if every is not None else others
        return resolved

    def resolve(self, text: str) -> str | None:
        if text in self.names:
            return text  # an exact id, the common case
        key = text.casefold()
        return self.by_id.get(key) or self.by_name.get(key)

    def ids(self) -> tuple[str, ...]:
        if self._redirects:
            return tuple(dict.fromkeys(self.by_id.values()))
        return tuple(self.by_id.values())

    def close_matches(self, text: str) -> list[str]:
        if self._candidates is None:
            self._candidates = list(dict.fromkeys([*self.by_id.values(), *self.names.values()]))
        found = difflib.get_close_matches(text, self._candidates, n=3, cutoff=0.6)
        wanted = _folded(text)
        if not found and len(wanted) >= 3:
            # "Umea" for "Umeå kommun", "Umeå kommun" for "Umeå kommun Arbetsmarknadsenheten": the one
            # starts the other, word by word, once case and accents are set aside (difflib misses both).
            for candidate in self._candidates:
                if candidate not in found and _starts_words(_folded(candidate), wanted):
                    found.append(candidate)
                    if len(found) == 3:
                        break
        return found


Found = tuple[str, str, str, str]  # column, message, value, hint
Columns = Mapping[str, Sequence[Any]]  # a table's values by column (None or "" for an empty cell)
ColumnCheck = Callable[[Columns], Iterator[tuple[int, Found]]]  # yields (row position, what is wrong)


def _own_parent(columns: Columns) -> Iterator[tuple[int, Found]]:
    parents, ids = columns.get("parent"), columns.get("id")
    if parents is None:
        return
    for k, parent in enumerate(parents):
        if parent and parent.casefold() == (ids[k] if ids is not None else "").casefold():
            yield (
                k,
                (
                    "parent",
                    "a target group cannot be its own parent",
                    parent,
                    "Leave parent empty or name a broader group",
                ),
            )


def _end_before_start(columns: Columns) -> Iterator[tuple[int, Found]]:
    starts, ends = columns.get("start"), columns.get("end")
    if starts is None or ends is None:
        return
    for k, (start, end) in enumerate(zip(starts, ends, strict=True)):
        if start and end and end < start:
            hint = f"The start is {start.isoformat()}; correct or swap the dates"
            yield k, ("end", "the project ends before it starts", end.isoformat(), hint)


def _self_cooperation(columns: Columns) -> Iterator[tuple[int, Found]]:
    sources, targets = columns.get("source"), columns.get("target")
    if sources is None or targets is None or not any(map(operator.eq, sources, targets)):
        return  # the common case, found without a Python loop
    for k, (source, target) in enumerate(zip(sources, targets, strict=True)):
        if source and source == target:
            yield (
                k,
                (
                    "target",
                    "an actor cannot cooperate with itself",
                    source,
                    "Name two different actors in source and target",
                ),
            )


# Checks across the cells of a row, by file; each looks at whole columns at once.
COLUMN_CHECKS: dict[str, ColumnCheck] = {
    TARGET_GROUPS.name: _own_parent,
    PROJECTS.name: _end_before_start,
    COOPERATION.name: _self_cooperation,
}


def parent_cycles(parent_of: Mapping[str, str]) -> list[list[str]]:
    """Every cycle in a child -> parent mapping, each once, starting where the walk met it."""
    cycles: list[list[str]] = []
    done: set[str] = set()
    for start in parent_of:
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        while node is not None and node not in done and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = parent_of.get(node)
        if node is not None and node in on_path:
            cycles.append(path[path.index(node) :])
        done.update(path)
    return cycles


def first_of_equal_keys(keys: Sequence[str]) -> dict[int, int]:
    """For each position whose non-empty key an earlier position has, that first position (later -> first)."""
    first: dict[str, int] = {}
    later: dict[int, int] = {}
    for k, key in enumerate(keys):
        if key:
            k0 = first.setdefault(key, k)
            if k0 != k:
                later[k] = k0
    return later


_STOP_WORDS = frozenset({"i", "på", "av", "och", "för", "in", "of", "the", "and", "ab", "ek"})
_WORD = re.compile(r"\w+")


def name_key(name: str) -> str:
    """A key that near-identical organisation names share ("KFUM i Umeå" ~ "KFUM Umeå")."""
    folded = name.casefold()
    # The words are the runs of \w: where the only other character is a space, split() finds them faster.
    words = folded.split() if folded.replace(" ", "").isalnum() else _WORD.findall(folded)
    if _STOP_WORDS.isdisjoint(words):
        return " ".join(words)
    return " ".join([w for w in words if w not in _STOP_WORDS])


_SEPARATOR = "\x00"  # between the names in name_keys' joined text: not a word character, and no character folds to it
_MAX_REPLACED = 16  # distinct non-word characters outside Latin-1 that name_keys replaces before giving up


def _fold_byte(byte: int) -> int:
    """A Latin-1 byte casefolded if that is a word character, else a space; the separator stays itself."""
    folded = chr(byte).casefold()
    if byte == 0 or len(folded) > 1 or ord(folded) > 255:
        return byte  # the separator; "ß" and "µ", which fold outside one byte (see _folded_words)
    return ord(folded) if _WORD.fullmatch(folded) else 32


_FOLD_WORDS = bytes(map(_fold_byte, range(256)))
_LATIN1_STOP_WORDS = sorted(word.encode("latin-1") for word in _STOP_WORDS)
# A space that another space follows, or a stop word and a space: what name_keys drops from its text.
# (The lookahead on the next character lets most spaces, those before other words, fail at once.)
_DROPPED = re.compile(
    b" (?=[ "
    + re.escape(bytes(sorted({word[0] for word in _LATIN1_STOP_WORDS})))
    + b"])(?:(?= )|(?:"
    + b"|".join(map(re.escape, _LATIN1_STOP_WORDS))
    + b")(?= ))"
)


def name_keys(names: Sequence[str]) -> list[str]:
    """:func:`name_key` of each name, worked out on all the names at once.

    The names are joined into one Latin-1 text, casefolded with their non-word characters made
    spaces in one pass, and their runs of spaces and stop words dropped in another: about half the
    time of ``map(name_key, names)`` for 100,000 names. Gives exactly what :func:`name_key` gives
    (tests/test_rules.py); where the fast way cannot be sure (a word character outside Latin-1, a
    name holding the separator), it calls it per name.
    """
    data = _folded_words(_SEPARATOR.join(names))
    if data is not None:
        # Each word and separator between spaces, so that every stop word has a space either side.
        data = _DROPPED.sub(b"", b" " + data.replace(b"\x00", b" \x00 ") + b" ")
        data = data.replace(b" \x00", b"\x00").replace(b"\x00 ", b"\x00").strip(b" ")
        keys = data.decode("latin-1").split(_SEPARATOR)
        if len(keys) == len(names):  # else a name held the separator
            return keys
    return list(map(name_key, names))


def _folded_words(text: str) -> bytes | None:
    """``text`` casefolded as Latin-1 bytes, every character but word characters and the separator a space.

    None when a word character would fall outside Latin-1 (e.g. Greek, or "µ", which folds to Greek mu).
    """
    data = _latin1(text)
    if data is None or b"\xb5" in data:
        return None
    data = data.translate(_FOLD_WORDS)
    return data.replace(b"\xdf", b"ss") if b"\xdf" in data else data  # "ß" folds to "ss"


def _latin1(text: str) -> bytes | None:
    """``text`` as Latin-1 bytes, else casefolded with the non-word characters outside Latin-1 made spaces."""
    try:
        return text.encode("latin-1")  # _FOLD_WORDS folds it, faster than str.casefold
    except UnicodeEncodeError:
        text = text.casefold()
    for _ in range(_MAX_REPLACED + 1):  # the last round only tries
        try:
            return text.encode("latin-1")
        except UnicodeEncodeError as error:
            char = text[error.start]
            if _WORD.match(char):
                return None
            text = text.replace(char, " ")  # a dash or quote outside Latin-1 parts words like any other
    return None


def same_organisations(names: Sequence[str], keys: Sequence[str] | None = None) -> dict[int, int]:
    """The rows whose names certainly denote the organisation of an earlier row: later position -> first position.

    Equal :func:`stakeholders.names.organisation_key` means one organisation. Computing that key for
    every name would cost more than the rest of loading, so a coarse key is worked out for all the
    names at once first (see :func:`coarse_keys`): names whose organisation keys are equal always
    share it, and only the names that share one with another name get their organisation key.
    ``keys``: the :func:`name_keys` of the names, if at hand. Empty names are never merged.
    """
    from stakeholders.names import organisation_key

    coarse = coarse_keys(names, keys)
    counts = Counter(coarse)
    if len(counts) == len(coarse):
        return {}  # the common case: no two names could be one organisation
    shared = {key for key, count in counts.items() if count > 1}
    by_coarse: dict[str, list[int]] = {}
    for k in [k for k, key in enumerate(coarse) if key in shared]:  # (a few rows: only these are visited)
        by_coarse.setdefault(coarse[k], []).append(k)
    later: dict[int, int] = {}
    found: dict[str, str] = {}  # name -> its organisation key, once per distinct name
    for rows in by_coarse.values():
        if len(rows) < 2:
            continue
        first: dict[str, int] = {}
        for k in rows:
            name = names[k]
            if not name:
                continue
            key = found.get(name)
            if key is None:
                key = found[name] = organisation_key(name)
            k0 = first.setdefault(key, k)
            if k0 != k:
                later[k] = k0
    return later


def _dropped_by_organisation_key() -> tuple[frozenset[str], re.Pattern[str] | None]:
    """The words :func:`~stakeholders.names.organisation_key` may drop or rewrite, and its initials pattern."""
    from stakeholders import names

    words: set[str] = set(getattr(names, "_FILLER", ())) | set(getattr(names, "_LEADING_FORMS", ()))
    words |= set(getattr(names, "_AND", ()))
    for form in getattr(names, "_LEGAL_FORMS", ()):
        words.update(form)
    return frozenset(words | _STOP_WORDS), getattr(names, "_JOIN_INITIALS", None)


_COARSE: tuple[frozenset[str], re.Pattern[str] | None, re.Pattern[bytes]] | None = None


def coarse_keys(names: Sequence[str], keys: Sequence[str] | None = None) -> list[str]:
    """For each name, its :func:`name_key` without any word that an organisation key could drop.

    Names with equal organisation keys have the same words but for dropped ones (filler words
    anywhere, legal forms at either end), so they get equal coarse keys. Worked out on all the
    names at once; a name that the organisation key normalises first (NFKC, initials such as
    "A/S" joined, "_" a space) gets its coarse key on its own.
    """
    global _COARSE
    if _COARSE is None:
        dropped, initials = _dropped_by_organisation_key()
        words = [w for w in dropped - _STOP_WORDS if " " not in w]  # (name keys hold no stop words)
        latin1 = sorted((w.encode("latin-1") for w in words if _is_latin1(w)), key=len, reverse=True)
        pattern = re.compile(b" " + _trie(latin1) + b"(?= )")
        _COARSE = dropped, initials, pattern
    dropped, initials, pattern = _COARSE
    keys = name_keys(names) if keys is None else keys
    text = _SEPARATOR.join(keys)
    try:
        data = text.encode("latin-1")
    except UnicodeEncodeError:
        data = None
    coarse: list[str] | None = None
    if data is not None:
        data = b" " + data.replace(b"\x00", b" \x00 ") + b" "
        if b"s l\xe4n " in data:  # a county's genitive s does not count ("Västerbottens län" is Västerbotten)
            data = _COUNTY_S.sub(b" l\xe4n ", data)
        data = pattern.sub(b"", data)
        data = data.replace(b" \x00", b"\x00").replace(b"\x00 ", b"\x00").strip(b" ")
        coarse = data.decode("latin-1").split(_SEPARATOR)
    if coarse is None or len(coarse) != len(names):
        coarse = [_coarse_words(key, dropped) for key in keys]
    for k, name in _normalised(names, initials).items():
        coarse[k] = _coarse_words(name_key(name), dropped)
    return coarse


_COUNTY_S = re.compile(b"s l\xe4n (?<=[^ \x00]{3}s l\xe4n )")  # the genitive s of a county (4 letters or more)


def _coarse_words(key: str, dropped: frozenset[str]) -> str:
    """What :func:`coarse_keys` makes of one name key, one name at a time."""
    words = key.split()
    if "län" in words:
        following = [*words[1:], ""]
        words = [
            w[:-1] if after == "län" and len(w) > 3 and w.endswith("s") else w
            for w, after in zip(words, following, strict=True)
        ]
    return " ".join(w for w in words if w not in dropped)


def _trie(words: Sequence[bytes]) -> bytes:
    """A regular expression that matches any of ``words``, as a trie: a word costs a few steps, not one per word."""
    tree: dict[int, Any] = {}
    for word in words:
        node = tree
        for byte in word:
            node = node.setdefault(byte, {})
        node[-1] = {}  # the end of a word

    def pattern(node: dict[int, Any]) -> bytes:
        branches = [re.escape(bytes([byte])) + pattern(child) for byte, child in sorted(node.items()) if byte >= 0]
        if not branches:
            return b""
        body = branches[0] if len(branches) == 1 else b"(?:" + b"|".join(branches) + b")"
        return b"(?:" + body + b")?" if -1 in node else body

    return pattern(tree)


def _is_latin1(word: str) -> bool:
    try:
        word.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


_INITIALS = re.compile(r"[./](?<=(?<!\w)\w[./])(?=\w(?!\w))")  # where the organisation key joins initials


def _normalised(names: Sequence[str], initials: re.Pattern[str] | None) -> dict[int, str]:
    """The names that the organisation key normalises before finding their words, as it normalises them, by position.

    NFKC, initials joined ("A/S" -> "AS", "a.m.b.a" -> "amba") and "_" made a space; found for all names at once.
    """
    import unicodedata

    text = _SEPARATOR.join(names)
    changed = text
    if not changed.isascii() and not unicodedata.is_normalized("NFKC", changed):
        changed = unicodedata.normalize("NFKC", changed)
    if initials is not None and _INITIALS.search(changed):
        changed = initials.sub(r"\1", initials.sub(r"\1", changed))
    if "_" in changed:
        changed = changed.replace("_", " ")
    if changed == text:
        return {}
    new = changed.split(_SEPARATOR)
    if len(new) != len(names):  # a name held the separator: one at a time
        new = [_normalised([name], initials).get(0, name) for name in names]
    return {k: after for k, (before, after) in enumerate(zip(names, new, strict=True)) if before != after}


def _folded(text: str) -> str:
    """Casefolded, without accents, spaces collapsed: how two spellings of one name are compared."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return " ".join(plain.split())


def _starts_words(longer: str, shorter: str) -> bool:
    """Whether one of the two folded texts begins the other and ends at a word's end."""
    longer, shorter = (longer, shorter) if len(longer) >= len(shorter) else (shorter, longer)
    return longer.startswith(shorter) and (len(longer) == len(shorter) or not longer[len(shorter)].isalnum())
