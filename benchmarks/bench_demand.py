"""The labour market at 100,000 actors (issue 18): ``demand`` and ``gaps --kind employers`` against 10 s each.

    python benchmarks/bench_demand.py [--record] [--actors 100000] [--occupations 400] [--needs 2000]

Takes the generated dataset of the findings benchmark (``stakeholders generate``, seed 1, under
benchmarks/work/findings/) and adds, with a seeded random draw, what a real region would have: ``--occupations``
SSYK-like codes; a forecast row for every occupation in every municipality (shortage for about a third);
``occupations`` on a fifth of the actors, projects and target groups (one to three codes each); and ``--needs``
employers' needs of private actors. It is written as a copy of the dataset folder (benchmarks/work/demand-N) and
loaded as a user's folder is. Then, best of ``--repeat`` each: ``demand(top=0)``, ``demand(top=20)`` and
``employer_gaps(top=20)``. With ``--record`` the section "Labour market (issue 18)" of benchmarks/RESULTS.md is
replaced.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from run import best, busy, machine, record  # noqa: E402

from stakeholders.analyses import demand, employer_gaps  # noqa: E402
from stakeholders.generate import generate_dataset  # noqa: E402
from stakeholders.loader import load_dataset  # noqa: E402

SECTION = "## Labour market (issue 18)"


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _with_occupations(path: Path, codes: list[str], draw: random.Random) -> list[list[str]]:
    header, rows = _rows(path)
    for row in rows:
        row.append("; ".join(draw.sample(codes, draw.randint(1, 3))) if draw.random() < 0.2 else "")
    _write(path, [*header, "occupations"], rows)
    return rows


def labour_dataset(actors: int, occupations: int, needs: int) -> Path:
    source = HERE / "work" / "findings" / str(actors)
    if not (source / "actors.csv").exists():
        generate_dataset(source, actors=actors, projects=actors // 2, seed=1)
    target = HERE / "work" / f"demand-{actors}-{occupations}-{needs}"
    if (target / "employer_needs.csv").exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    draw = random.Random(1)
    codes = [f"{1000 + k:04d}" for k in range(occupations)]
    _write(target / "occupations.csv", ["id", "name"], [[c, f"Yrke {c}"] for c in codes])
    _, places = _rows(target / "municipalities.csv")
    outlooks = ("shortage", "balance", "surplus")
    forecast = [[c, place[0], draw.choice(outlooks), str(draw.randint(0, 40)), "2009", "bench"] for c in codes
                for place in places]  # fmt: skip
    _write(target / "labour_demand.csv", ["occupation", "municipality", "outlook", "openings", "year", "source"],
           forecast)  # fmt: skip
    actor_rows = _with_occupations(target / "actors.csv", codes, draw)
    _with_occupations(target / "projects.csv", codes, draw)
    _with_occupations(target / "target_groups.csv", codes, draw)
    employers = [row[0] for row in actor_rows if row[3] == "private"]
    wanted = [[draw.choice(employers), draw.choice(codes), str(draw.randint(1, 40)), "", "", "2009", "bench"]
              for _ in range(needs)]  # fmt: skip
    header = ["employer", "occupation", "count", "requirements", "barriers", "date", "source"]
    _write(target / "employer_needs.csv", header, wanted)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--occupations", type=int, default=400)
    parser.add_argument("--needs", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()
    folder = labour_dataset(args.actors, args.occupations, args.needs)
    before = busy()
    started = time.perf_counter()
    dataset = load_dataset(folder)
    loading = time.perf_counter() - started
    every, all_time = best(lambda: demand(dataset, top=0), args.repeat)
    _, top_time = best(lambda: demand(dataset, top=20), args.repeat)
    gaps, gaps_time = best(lambda: employer_gaps(dataset, top=20), args.repeat)
    _, all_gaps_time = best(lambda: employer_gaps(dataset, top=0), args.repeat)
    after = busy()
    box = machine()
    shortages = sum(1 for r in every if r.gap)  # type: ignore[attr-defined]
    lines = [
        SECTION,
        "",
        f"`python benchmarks/bench_demand.py --record` on {dt.date.today().isoformat()}; {box['cpu']}, {box['cores']} "
        f"cores, Python {box['python']}; {before} before, {after} after.",
        "",
        f"Dataset: the findings benchmark's {args.actors:,} actors (seed 1) with {args.occupations} occupations, "
        f"{len(dataset.labour_demand):,} forecast rows ({len(dataset.municipalities)} municipalities x "
        f"{args.occupations}), {len(dataset.employer_needs):,} employers' needs, occupations on a fifth of the "
        f"actors, projects and target groups (loaded in {loading:.1f} s). Best of {args.repeat}, after loading.",
        "",
        "| analysis | time | rows | target |",
        "| --- | ---: | ---: | --- |",
        f"| `demand --top 0` (every shortage cell) | {all_time:.2f} s | {len(every):,} ({shortages:,} gaps) "  # type: ignore[arg-type]
        "| < 10 s |",
        f"| `demand --top 20` | {top_time:.2f} s | 20 | < 10 s |",
        f"| `gaps --kind employers --top 20` | {gaps_time:.2f} s | {len(gaps)} | < 10 s |",  # type: ignore[arg-type]
        f"| `gaps --kind employers --top 0` | {all_gaps_time:.2f} s | | |",
        "",
    ]
    print("\n".join(lines))
    if args.record:
        record("\n".join(lines), SECTION)


if __name__ == "__main__":
    main()
