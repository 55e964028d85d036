"""Random datasets: valid ones load with the right counts, one bad cell anywhere rejects the whole dataset."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stakeholders import DatasetError, load_dataset
from stakeholders.schema import FILES_BY_NAME

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Letters Windows-1252 can hold, and the characters that make CSV quoting matter (no ";": it separates lists).
NAME_TEXT = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöéÅÄÖ ,\"'\n-.", min_size=1, max_size=12)


@dataclass
class Spec:
    """A dataset as rows of text, and what loading it must give."""

    files: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def records(draw: Callable, prefix: str, count: int) -> list[tuple[str, str]]:
    """``count`` (id, name) pairs; ids have no spaces, names always do, so no name is another's id."""
    return [(f"{prefix}{i}", f"{draw(NAME_TEXT).strip() or 'x'} {prefix}{i}") for i in range(count)]


def reference(draw: Callable, record: tuple[str, str]) -> str:
    """A reference by id or by name, in any case."""
    text = draw(st.sampled_from(record))
    return draw(st.sampled_from([text, text.upper(), text.lower()]))


def ref_list(draw: Callable, pool: list[tuple[str, str]], allow_star: bool = False) -> str:
    if allow_star and pool and draw(st.booleans()):
        return "*"
    chosen = draw(st.lists(st.sampled_from(pool), max_size=3)) if pool else []
    return " ; ".join(reference(draw, r) for r in chosen)


@st.composite
def datasets(draw: Callable) -> Spec:
    spec = Spec()
    municipalities = records(draw, "m", draw(st.integers(0, 4)))
    groups = records(draw, "t", draw(st.integers(0, 3)))
    actors = records(draw, "a", draw(st.integers(1, 6)))
    projects = records(draw, "p", draw(st.integers(0, 4)))
    with_municipalities, with_groups = draw(st.booleans()), draw(st.booleans())
    if with_municipalities:
        spec.files["municipalities"] = [
            {"id": i, "name": n, "population": f"{draw(st.integers(0, 10**6)):,}".replace(",", " ")}
            for i, n in municipalities
        ]
    if with_groups:
        spec.files["target_groups"] = [{"id": i, "name": n, "parent": ""} for i, n in groups]
        if len(groups) > 1:
            spec.files["target_groups"][1]["parent"] = reference(draw, groups[0])
    spec.files["actors"] = [
        {
            "id": i,
            "name": n,
            "sector": draw(st.sampled_from(["", "public", "Offentlig", "privat", "ideell", "academic"])),
            "municipalities": ref_list(draw, municipalities, allow_star=True),
            "target_groups": ref_list(draw, groups),
            "website": draw(NAME_TEXT),
            "anteckning": draw(NAME_TEXT),  # an unknown column
        }
        for i, n in actors
    ]
    spec.files["projects"] = [project_row(draw, i, n, actors, municipalities, groups) for i, n in projects]
    pairs = [(a, b) for a in actors for b in actors if a != b]
    cooperation = draw(st.lists(st.sampled_from(pairs), max_size=4)) if pairs else []
    spec.files["cooperation"] = [
        {"source": reference(draw, a), "target": reference(draw, b), "strength": draw(st.sampled_from(["", "1", "3"]))}
        for a, b in cooperation
    ]
    funding = (
        draw(st.lists(st.tuples(st.sampled_from(actors), st.sampled_from(projects)), max_size=3)) if projects else []
    )
    spec.files["funding"] = [
        {"funder": reference(draw, a), "project": reference(draw, p), "amount": "200 000 kr"} for a, p in funding
    ]
    cells = [(t, m) for t in groups for m in municipalities]
    sizes = draw(st.lists(st.sampled_from(cells), max_size=3)) if cells else []
    spec.files["target_group_sizes"] = [
        {"target_group": reference(draw, t), "municipality": reference(draw, m), "size": "1 200"} for t, m in sizes
    ]
    spec.counts = {
        "actors": len(actors),
        "projects": len(projects),
        "municipalities": count_nodes(spec, "municipalities", municipalities, with_municipalities),
        "target_groups": count_nodes(spec, "target_groups", groups, with_groups),
        "cooperations": len(cooperation),
        "fundings": len(funding),
        "target_group_sizes": len(sizes),
    }
    return spec


def project_row(draw, record_id, name, actors, municipalities, groups) -> dict[str, str]:
    start = draw(st.integers(2006, 2010))
    end = draw(st.integers(start, 2011))
    return {
        "id": record_id,
        "name": name,
        "owner": reference(draw, draw(st.sampled_from(actors))),
        "partners": ref_list(draw, actors),
        "municipalities": ref_list(draw, municipalities, allow_star=True),
        "target_groups": ref_list(draw, groups),
        "start": f"{start}-01-01",
        "end": draw(st.sampled_from(["", f"{end}-12-31"])),
        "budget": draw(st.sampled_from(["", "1 500 000", "1 500,50", "200000 kr"])),
    }


def count_nodes(spec: Spec, file: str, pool: list[tuple[str, str]], with_file: bool) -> int:
    """With its file, every record; without it, every record referenced (they become implicit nodes)."""
    if with_file:
        return len(pool)
    column = {"municipalities": ("municipalities", "municipality"), "target_groups": ("target_groups", "target_group")}
    texts = {
        item.strip().casefold()
        for rows in spec.files.values()
        for row in rows
        for name in column[file]
        for item in row.get(name, "").split(";")
        if item.strip() and item.strip() != "*"
    }
    # Without its file a record named once by id and once by name is two nodes: count the spellings used.
    return len(texts)


def write(spec: Spec, folder: Path, delimiter: str, encoding: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in spec.files.items():
        header = list(dict.fromkeys([*FILES_BY_NAME[name].column_names, *(k for row in rows for k in row)]))
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, header, delimiter=delimiter, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        (folder / f"{name}.csv").write_bytes(buffer.getvalue().encode(encoding))
    return folder


FORMATS = st.tuples(st.sampled_from([",", ";", "\t"]), st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))


@SETTINGS
@given(spec=datasets(), form=FORMATS)
def test_random_valid_datasets_load_with_the_right_counts(spec: Spec, form: tuple[str, str]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        dataset = load_dataset(write(spec, Path(scratch), *form))
    counts = {
        "actors": len(dataset.actors),
        "projects": len(dataset.projects),
        "municipalities": len(dataset.municipalities),
        "target_groups": len(dataset.target_groups),
        "cooperations": len(dataset.cooperations),
        "fundings": len(dataset.fundings),
        "target_group_sizes": len(dataset.target_group_sizes),
    }
    assert counts == spec.counts
    for row in spec.files["actors"]:
        actor = dataset.actors[row["id"]]
        assert actor.name == row["name"].strip()
        assert actor.extra.get("anteckning", "") == row["anteckning"].strip()
    graph = dataset.graph
    assert graph.number_of_nodes() == sum(counts[k] for k in ("actors", "projects", "municipalities", "target_groups"))


# Each corruption: (file, column, what to write, predicate on the dataset saying it applies).
CORRUPTIONS: dict[str, tuple[str, str, str]] = {
    "blank id": ("actors", "id", ""),
    "blank name": ("actors", "name", "  "),
    "duplicate id": ("actors", "id", "A0"),
    "unknown sector": ("actors", "sector", "kommunal"),
    "unknown municipality": ("actors", "municipalities", "Atlantis"),
    "unknown owner": ("projects", "owner", "ingen-alls"),
    "blank owner": ("projects", "owner", ""),
    "unknown partner": ("projects", "partners", "a0; ingen-alls"),
    "bad budget": ("projects", "budget", "mycket"),
    "negative budget": ("projects", "budget", "-1 000"),
    "bad start": ("projects", "start", "2008-02-30"),
    "end before start": ("projects", "end", "2005-12-31"),
    "bad population": ("municipalities", "population", "många"),
    "unknown parent": ("target_groups", "parent", "ingen-grupp"),
    "strength": ("cooperation", "strength", "4"),
    "self cooperation": ("cooperation", "target", "{source}"),
    "unknown funder": ("funding", "funder", "ingen-alls"),
    "bad amount": ("funding", "amount", "-5"),
    "bad size": ("target_group_sizes", "size", "tolv"),
}


@st.composite
def corrupted(draw: Callable) -> tuple[Spec, str, int, str, str]:
    spec = draw(datasets())
    usable = [
        name
        for name, (file, column, _) in CORRUPTIONS.items()
        if spec.files.get(file)
        and not (name == "duplicate id" and len(spec.files[file]) < 2)
        and not (name == "unknown municipality" and "municipalities" not in spec.files)
    ]
    name = draw(st.sampled_from(usable))
    file, column, bad = CORRUPTIONS[name]
    position = draw(st.integers(1 if name == "duplicate id" else 0, len(spec.files[file]) - 1))
    row = spec.files[file][position]
    row[column] = bad.format(**row)
    return spec, file, position + 2, column, name


@SETTINGS
@given(case=corrupted(), form=FORMATS)
def test_one_bad_cell_rejects_the_whole_dataset(case, form: tuple[str, str]) -> None:
    spec, file, row, column, name = case
    result = None
    with tempfile.TemporaryDirectory() as scratch, pytest.raises(DatasetError) as caught:
        result = load_dataset(write(spec, Path(scratch), *form))
    assert result is None
    located = {(e.file, e.row, e.column) for e in caught.value.errors}
    assert (f"{file}.csv", row, column) in located, (name, [str(e) for e in caught.value.errors])
