"""Datasets with one blow-up hub, and the same dataset without it (issue 20, item 4).

Used by tests/battery/test_battery_hubs.py (small sizes) and benchmarks/bench_hubs.py (the issue's sizes).
The base is a plain region: ``actors`` actors over ``municipalities`` municipalities and ten target
groups, a project for every fifth actor with two partners, and a cooperation row for every second
actor. Each hub adds one thing to it:

- ``partners``: a project owned by the first actor with every other actor as partner;
- ``target-group``: one target group that every project and every actor names;
- ``municipality``: the first actor is active in every municipality (``*``);
- ``cooperation``: 10,000 cooperation rows between the same two actors;
- ``shared-cell``: every actor serves the same target group in the same municipality.
"""

from __future__ import annotations

import csv
from pathlib import Path

HUBS = ("none", "partners", "target-group", "municipality", "cooperation", "shared-cell")
SAME_PAIR_ROWS = 10_000  # the "10,000 cooperation rows between the same two actors"


def write_hub_dataset(folder: Path, hub: str, actors: int, municipalities: int = 50) -> Path:
    """Write the base dataset with ``hub`` (one of :data:`HUBS`) into ``folder``; returns the folder."""
    if hub not in HUBS:
        raise ValueError(f"unknown hub {hub!r}; one of {', '.join(HUBS)}")
    folder.mkdir(parents=True, exist_ok=True)
    places = [str(1000 + k) for k in range(municipalities)]
    groups = [f"tg{k}" for k in range(10)]
    _write(folder / "municipalities.csv", ["id", "name"], [[m, f"Kommun {m}"] for m in places])
    _write(folder / "target_groups.csv", ["id", "name"], [[g, f"Grupp {g}"] for g in groups])
    rows = []
    for k in range(actors):
        place, group = places[k % municipalities], groups[k % len(groups)]
        if hub == "municipality" and k == 0:
            place = "*"
        if hub == "target-group":
            group = f"{group};tg0" if group != "tg0" else group
        if hub == "shared-cell":
            place, group = places[0], groups[0]
        words = ("Arbetsförmedling", "Folkhögskola", "Företagarna", "Kommun")
        rows.append([f"a{k}", f"Organisation {k} {words[k % 4]}", "public" if k % 2 else "private", place, group])
    _write(folder / "actors.csv", ["id", "name", "sector", "municipalities", "target_groups"], rows)
    projects = []
    for k in range(actors // 5):
        owner, partners = f"a{k}", f"a{(7 * k + 1) % actors};a{(13 * k + 2) % actors}"
        group = groups[k % len(groups)]
        if hub == "target-group" and group != "tg0":
            group = f"{group};tg0"
        place = places[0] if hub == "shared-cell" else places[k % municipalities]
        year = 2015 + k % 8
        projects.append([f"p{k}", f"Projekt {k}", owner, partners, group, place, f"{year}-01-01", f"{year + 2}-12-31"])
    if hub == "partners":
        everyone = ";".join(f"a{k}" for k in range(1, actors))
        projects.append(["hub", "Hub project", "a0", everyone, groups[1], places[1], "2018-01-01", "2020-12-31"])
    header = ["id", "name", "owner", "partners", "target_groups", "municipalities", "start", "end"]
    _write(folder / "projects.csv", header, projects)
    cooperation = [[f"a{k}", f"a{(k * 31 + 5) % actors}"] for k in range(0, actors, 2) if (k * 31 + 5) % actors != k]
    if hub == "cooperation":
        cooperation += [["a0", "a1"]] * SAME_PAIR_ROWS
    _write(folder / "cooperation.csv", ["source", "target"], cooperation)
    return folder


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
