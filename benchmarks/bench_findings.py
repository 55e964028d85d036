"""Findings on real data (issue 14): duplicates and actor gaps, ours against the straightforward versions.

    python benchmarks/bench_findings.py [--record] [--skip-naive]

Generates (seed 1) 10,000 actors / 5,000 projects and 100,000 actors / 50,000 projects with
``stakeholders generate`` (kept under benchmarks/work/findings/), then in one run:

- at 10,000 actors: ``duplicate_groups(top=0)`` and ``actor_gaps(top=0)`` against ``naive.duplicate_pairs`` and
  ``naive.actor_gaps`` (every pair in Python loops, the definitions of docs/analyses.md), checking that both give
  the same strong pairs / gaps with the same scores;
- at 100,000 actors: ``duplicate_groups`` (top 20 and all) and ``actor_gaps(top=100)``.

Each timing is the best of ``--repeat`` runs (wall clock), after loading. With ``--record`` the section
"Findings on real data (issue 14)" of benchmarks/RESULTS.md is replaced.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import naive  # noqa: E402
from run import best, busy, machine, record  # noqa: E402

from stakeholders.analyses import actor_gaps, duplicate_groups  # noqa: E402
from stakeholders.generate import generate_dataset  # noqa: E402
from stakeholders.loader import load_dataset  # noqa: E402

WORK = HERE / "work" / "findings"
SECTION = "## Findings on real data (issue 14)"
SIZES = ((10_000, 5_000), (100_000, 50_000))


def dataset(actors: int, projects: int):
    folder = WORK / f"{actors}"
    if not (folder / "actors.csv").exists():
        generate_dataset(folder, actors=actors, projects=projects, seed=1)
    return load_dataset(folder)


def strong_pairs(groups) -> dict[tuple[str, str], float]:
    return {pair.projects: pair.score for group in groups for pair in group.pairs}


def run(repeat: int, skip_naive: bool) -> list[str]:
    rows = []
    notes = []
    before = busy()
    small = dataset(*SIZES[0])
    groups, ours_dup = best(lambda: duplicate_groups(small, top=0), repeat)
    gaps, ours_gaps = best(lambda: actor_gaps(small, top=0), repeat)
    _, ours_top_gaps = best(lambda: actor_gaps(small, top=100), repeat)
    flagged = {p for g in groups for p in g.projects}
    largest = max((len(g.projects) for g in groups), default=0)
    notes.append(
        f"At 10,000 actors / 5,000 projects: {len(groups):,} duplicate groups, {len(flagged):,} projects flagged "
        f"({100 * len(flagged) / len(small.projects):.1f} %), largest group {largest}; "
        f"{len(gaps):,} actor gaps."
    )
    if not skip_naive:
        theirs, naive_dup = best(lambda: naive.duplicate_pairs(small), 1)
        same = theirs == strong_pairs(groups)
        rows.append(("10,000 / 5,000", "duplicates (all)", ours_dup, naive_dup, same))
        their_gaps, naive_gaps = best(lambda: naive.actor_gaps(small), 1)
        same = [(g.actors, g.score) for g in their_gaps] == [(g.actors, g.score) for g in gaps]
        rows.append(("10,000 / 5,000", "actor gaps (all)", ours_gaps, naive_gaps, same))
        top_same = [(g.actors, g.score) for g in their_gaps[:100]] == [(g.actors, g.score) for g in gaps[:100]]
        rows.append(("10,000 / 5,000", "actor gaps --top 100", ours_top_gaps, naive_gaps, top_same))
    else:
        rows.append(("10,000 / 5,000", "duplicates (all)", ours_dup, None, None))
        rows.append(("10,000 / 5,000", "actor gaps (all)", ours_gaps, None, None))
    large = dataset(*SIZES[1])
    _, ours_top = best(lambda: duplicate_groups(large, top=20), repeat)
    everything, ours_all = best(lambda: duplicate_groups(large, top=0), repeat)
    _, ours_large_gaps = best(lambda: actor_gaps(large, top=100), repeat)
    rows += [
        ("100,000 / 50,000", "duplicates --top 20", ours_top, None, None),
        ("100,000 / 50,000", "duplicates --top 0", ours_all, None, None),
        ("100,000 / 50,000", "gaps --top 100", ours_large_gaps, None, None),
    ]
    flagged = {p for g in everything for p in g.projects}
    notes.append(
        f"At 100,000 actors / 50,000 projects: {len(everything):,} duplicate groups, {len(flagged):,} projects flagged "
        f"({100 * len(flagged) / len(large.projects):.1f} %), largest group "
        f"{max((len(g.projects) for g in everything), default=0)}."
    )
    return _section(rows, notes, before, busy(), repeat)


def _section(rows, notes, before: str, after: str, repeat: int) -> list[str]:
    box = machine()
    lines = [
        SECTION,
        "",
        f"`python benchmarks/bench_findings.py --record` on {dt.date.today().isoformat()}; {box['cpu']}, "
        f"{box['cores']} cores, {box['memory']}, Python {box['python']}; {before} before, {after} after.",
        "",
        f"Datasets: `stakeholders generate` (seed 1). Times are wall clock after loading, best of {repeat} for ours, "
        "one run for the straightforward versions (`benchmarks/naive.py`: every pair in Python loops, the "
        "definitions of docs/analyses.md; the TF-IDF vectors are fitted by the library in both).",
        "",
        "| actors / projects | analysis | ours | straightforward | ratio | same result |",
        "| --- | --- | ---: | ---: | ---: | --- |",
    ]
    for size, name, ours, theirs, same in rows:
        ratio = f"{theirs / ours:.0f}x" if theirs else ""
        lines.append(
            f"| {size} | {name} | {ours:.2f} s | {f'{theirs:.1f} s' if theirs else ''} | {ratio} | "
            f"{'' if same is None else ('yes' if same else 'NO')} |"
        )
    lines += [
        "",
        *notes,
        "",
        "Targets (issue 14): at least 10x the straightforward version at 10,000 actors; "
        "`duplicates` and `gaps --top 100` under 10 s at 100,000 actors.",
        "",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", action="store_true", help="write the section of benchmarks/RESULTS.md")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-naive", action="store_true", help="only our side (quick)")
    args = parser.parse_args()
    lines = run(args.repeat, args.skip_naive)
    print("\n".join(lines))
    if args.record:
        record("\n".join(lines), SECTION)


if __name__ == "__main__":
    main()
