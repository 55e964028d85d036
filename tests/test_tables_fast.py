"""The fast paths of loading give exactly what the plain ones give.

Large CSV files are read with pandas' C parser and validated a column at a time; small ones
(every other test) with the csv module. Here the C parser is forced on small texts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stakeholders import load_with_warnings
from stakeholders.loader_build import _BUILDERS
from stakeholders.loader_build import RECORD_TYPES as _RECORD_TYPES
from stakeholders.rules import _STOP_WORDS, _WORD, name_key
from stakeholders.tables import Table, TableReadError, _csv_records, _sniff, build_table, parse_csv


def plain_parse(text: str) -> Table | list[str]:
    """The csv module's reading of ``text`` (or its problems)."""
    try:
        delimiter, _ = _sniff(text)
        return build_table("actors", "actors.csv", _csv_records("actors.csv", text, delimiter))
    except TableReadError as error:
        return [str(p) for p in error.problems]


def fast_parse(text: str, monkeypatch: pytest.MonkeyPatch) -> Table | list[str]:
    import stakeholders.tables as tables

    monkeypatch.setattr(tables, "FAST_PARSE_CHARS", 0)
    try:
        return parse_csv("actors", "actors.csv", text)
    except TableReadError as error:
        return [str(p) for p in error.problems]


def same(a: Table | list[str], b: Table | list[str]) -> bool:
    if isinstance(a, list) or isinstance(b, list):
        return a == b
    return (a.header, a.numbers, dict(a.columns), a.rows) == (b.header, b.numbers, dict(b.columns), b.rows)


CELLS = st.text(alphabet='ab ,;\t"\n\r\xa0å', max_size=6)


@settings(max_examples=300, deadline=None)
@given(
    header=st.lists(st.sampled_from(["id", "name", "", "Name", " type ", '"x,y"']), min_size=1, max_size=4),
    rows=st.lists(st.lists(CELLS, max_size=5), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_the_c_parser_reads_what_the_csv_module_reads(header, rows, delimiter, newline) -> None:
    text = newline.join(delimiter.join(cells) for cells in [header, *rows]) + newline
    if not text.strip():
        return
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert same(fast_parse(text, monkeypatch), plain_parse(text))


@settings(max_examples=300, deadline=None)
@given(
    header=st.lists(st.sampled_from(["id", "name", "", " type ", '"x,y"', '"a\nb"']), min_size=1, max_size=4),
    rows=st.lists(st.lists(CELLS, max_size=5), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t"]),
    newline=st.sampled_from(["\n", "\r\n"]),
    encoding=st.sampled_from(["utf-8", "cp1252"]),
    head=st.sampled_from([3, 8, 1 << 16]),
    square=st.booleans(),
)
def test_big_files_read_from_their_bytes_as_from_their_text(
    header, rows, delimiter, newline, encoding, head, square
) -> None:
    import stakeholders.tables as tables

    pytest.importorskip("pandas")
    if square:  # as many cells as the header: the C parser reads it at once
        rows = [[*cells, *[""] * len(header)][: len(header)] for cells in rows]
    text = newline.join(delimiter.join(cells) for cells in [header, *rows]) + newline
    data = text.encode(encoding)

    def outcome(read: Callable[[], Table | None]) -> Table | list[str] | None:
        try:
            return read()
        except TableReadError as error:
            return [str(p) for p in error.problems]
        except Exception as error:  # whatever the usual way raises, the fast way must raise too
            return [repr(error)]

    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(tables, "FAST_PARSE_CHARS", 0)  # every file is big
        monkeypatch.setattr(tables, "_HEAD_BYTES", head)  # and some headers end beyond the start
        fast = outcome(lambda: tables._parse_big_utf8("actors", "actors.csv", data))
        if fast is None:
            return  # the usual way reads it
        decoded, utf8 = tables._decode(data, "actors.csv")
        usual = outcome(lambda: parse_csv("actors", "actors.csv", decoded, utf8=utf8))
        assert usual is not None
        assert same(fast, usual)


@pytest.mark.parametrize(
    "text",
    [
        'id,name,description\na,A,"two\nlines"\nb,B,"three\r\nlines\nhere"\nc,C,\n',
        "id;name;;;\na;A;;;\n;;;;\nb;B;;;\n;;;;\n\n\n",
        "id,name\na,A\nb,B,stray\nc,C,,x,y\n",
        "id,,name,\na,x,A,\nb,,B,z\n",
        'id,name\na,"A\nb,B\n',  # unterminated quote: the C parser refuses, the csv module reads on
        'id,name\na,A"x\n"b"c,B\n',
        'id,name,description\na,"x\ny",b,c\n',  # a record longer than any of its lines
        "a,b,c,d\n",
        "\nid,name\na,A\n",
    ],
)
def test_edge_cases_read_alike(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert same(fast_parse(text, monkeypatch), plain_parse(text))


def test_the_sample_loads_alike_with_the_c_parser(sample_path, monkeypatch: pytest.MonkeyPatch) -> None:
    import stakeholders.tables as tables

    plain, plain_warnings = load_with_warnings(sample_path)
    monkeypatch.setattr(tables, "FAST_PARSE_CHARS", 0)
    fast, fast_warnings = load_with_warnings(sample_path)
    assert [str(w) for w in fast_warnings] == [str(w) for w in plain_warnings]
    for name in ("municipalities", "target_groups", "actors", "projects"):
        assert list(getattr(fast, name).items()) == list(getattr(plain, name).items())
    assert (fast.cooperations, fast.fundings, fast.target_group_sizes) == (
        plain.cooperations,
        plain.fundings,
        plain.target_group_sizes,
    )


@pytest.mark.parametrize("cls", list(_RECORD_TYPES.values()))
def test_records_built_in_bulk_are_the_records_themselves(cls: type) -> None:
    names = [f.name for f in dataclasses.fields(cls)]
    columns = [[f"{name}-{k}" for k in range(3)] for name in names]
    built = _BUILDERS[cls](3, *columns)
    expected = [cls(*values) for values in zip(*columns, strict=True)]
    assert [type(r) for r in built] == [cls] * 3
    assert built == expected
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(built[0], names[0], "changed")


def test_a_plain_class_is_built_plainly() -> None:
    from stakeholders.loader_build import _builder

    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        id: str

    assert _builder(NoSlots)(1, ["a"]) == [NoSlots("a")]


@given(st.text(alphabet="abcÅä ,.-_'\t\n\xa00123i", max_size=20))
def test_name_key_is_the_words_without_small_ones(name: str) -> None:
    expected = " ".join(w for w in _WORD.findall(name.casefold()) if w not in _STOP_WORDS)
    assert name_key(name) == expected
