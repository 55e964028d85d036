"""Are the loader's three speed tricks worth their code? Each switched off in turn (issue 19), side by side.

    python benchmarks/bench_load_tricks.py [--actors 100000] [--repeat 3] [--record]

Loads a generated dataset (seed 1, kept under benchmarks/work/findings/) in fresh processes, the variants
alternately, best of ``--repeat`` each (wall clock of ``load_dataset`` alone):

- as shipped;
- without the twin-class record builder (``loader_build._builder``): every record made by calling its class;
- without pausing the garbage collector (``loader._no_gc_pauses``) while loading;
- without pandas imported beforehand: the big-file reader (``tables._parse_big_utf8``) and the C parser
  (``tables._c_parser_columns``) are taken only when pandas is already in ``sys.modules``, so this is the
  path of a process that has not imported it (the loader then imports it itself for files above 4 MB).

With ``--record`` the section "Loader speed tricks (issue 19)" of benchmarks/RESULTS.md is replaced.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import busy, machine, record  # noqa: E402

SECTION = "## Loader speed tricks (issue 19)"
PROBE = """
import contextlib, json, sys, time
variant, folder = sys.argv[1], sys.argv[2]
if variant != "no pandas first":
    import pandas  # noqa: F401  (as a process that has used pandas before: the benchmarks, the import command)
from stakeholders import loader, loader_build
if variant == "no twin builder":
    for cls in loader_build._BUILDERS:
        loader_build._BUILDERS[cls] = lambda count, *columns, cls=cls: list(map(cls, *columns))
if variant == "collector running":
    loader._no_gc_pauses = contextlib.nullcontext
started = time.perf_counter()
dataset = loader.load_dataset(folder)
print(json.dumps({"seconds": time.perf_counter() - started, "actors": len(dataset.actors)}))
"""
VARIANTS = ("as shipped", "no twin builder", "collector running", "no pandas first")


def folder_for(actors: int) -> Path:
    folder = HERE / "work" / "findings" / str(actors)
    if not (folder / "actors.csv").exists():
        from stakeholders.generate import generate_dataset

        generate_dataset(folder, actors=actors, projects=actors // 2, seed=1)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()
    folder = folder_for(args.actors)
    before = busy()
    times: dict[str, list[float]] = {v: [] for v in VARIANTS}
    for _ in range(args.repeat):
        for variant in VARIANTS:
            out = subprocess.run([sys.executable, "-c", PROBE, variant, str(folder)], capture_output=True, text=True)
            if out.returncode:
                raise SystemExit(out.stderr)
            times[variant].append(json.loads(out.stdout)["seconds"])
    after = busy()
    best = {v: min(t) for v, t in times.items()}
    shipped = best["as shipped"]
    box = machine()
    lines = [
        SECTION,
        "",
        f"`python benchmarks/bench_load_tricks.py --record` on {dt.date.today().isoformat()}; {box['cpu']}, "
        f"{box['cores']} cores, Python {box['python']}; {before} before, {after} after.",
        "",
        f"`load_dataset` of a generated dataset of {args.actors:,} actors (seed 1), fresh processes, the variants "
        f"alternately, best of {args.repeat}.",
        "",
        "| variant | load | against as shipped |",
        "| --- | ---: | ---: |",
    ]
    for variant in VARIANTS:
        lines.append(f"| {variant} | {best[variant]:.2f} s | {best[variant] / shipped:.2f}x |")
    lines.append("")
    print("\n".join(lines))
    if args.record:
        record("\n".join(lines), SECTION)


if __name__ == "__main__":
    main()
