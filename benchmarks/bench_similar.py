"""Similar projects (issue 17): index 100,000 Kohesio-like operations, then 100 queries.

    python benchmarks/bench_similar.py [--rows 100000] [--record]

Writes a Kohesio-like CSV (``write_kohesio_csv``, seed 0) under benchmarks/work/similar/, then, each step in its
own process so that its peak resident memory (``resource.getrusage``) is its own:

- build: import the CSV (``import_lists``), load it, and build the index into a folder (``build_index``);
- search: read the index, then 100 queries (the texts of 100 operations of the list, reworded: their words in
  reverse order) in one call of ``similar_projects`` (top 5), and one query alone.

With ``--record`` the section "## Similar projects (issue 17)" of benchmarks/RESULTS.md is replaced.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from run import busy, machine  # noqa: E402

WORK = HERE / "work" / "similar"
RESULTS = HERE / "RESULTS.md"
SECTION = "## Similar projects (issue 17)"

BUILD = """
import json, resource, sys, time
from pathlib import Path
from stakeholders import load_dataset
from stakeholders.analyses.similar_index import build_index
from stakeholders.importers import import_lists
csv, work = Path(sys.argv[1]), Path(sys.argv[2])
t0 = time.perf_counter()
import_lists([csv], work / "list", skip_invalid=True, rejected=work / "rejected.csv")
t1 = time.perf_counter()
listed = load_dataset(work / "list")
t2 = time.perf_counter()
index = build_index([("kohesio", listed)], work / "index")
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "index": t3 - t2, "operations": len(index),
    "chunks": len(index.chunks), "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

SEARCH = """
import dataclasses, json, resource, sys, time
from pathlib import Path
from stakeholders.analyses.similar import similar_projects
from stakeholders.analyses.similar_index import read_index
from stakeholders.model import Dataset, Project
work = Path(sys.argv[1])
t0 = time.perf_counter()
index = read_index(work / "index")
t1 = time.perf_counter()
step = len(index) // 100
picked = [k * step for k in range(100)]
names = index.meta["name"]
projects = {f"q{k}": Project(id=f"q{k}", name=" ".join(reversed(names[j].split())), owner="") for k, j in
    enumerate(picked)}
queries = Dataset(name="queries", source="queries", actors={}, projects=projects)
t2 = time.perf_counter()
rows = similar_projects(queries, index=index, top=5)
t3 = time.perf_counter()
one = similar_projects(queries, index=index, project="q7", top=5)
t4 = time.perf_counter()
first = sum(1 for k, j in enumerate(picked) if next(r for r in rows if r.project == f"q{k}").id == index.meta["id"][j])
print(json.dumps({"read": t1 - t0, "queries": t3 - t2, "one": t4 - t3, "rows": len(rows), "found_first": first,
    "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def step(code: str, *args: str) -> dict:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=HERE.parent)
    if done.returncode:
        raise SystemExit(done.stderr)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - started
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--record", action="store_true", help="write the section of benchmarks/RESULTS.md")
    args = parser.parse_args()
    from stakeholders.importers.synthetic import write_kohesio_csv

    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    before = busy()
    csv = write_kohesio_csv(WORK / "kohesio.csv", args.rows)
    build = step(BUILD, str(csv), str(WORK))
    search = step(SEARCH, str(WORK))
    after = busy()
    size = sum(p.stat().st_size for p in (WORK / "index").iterdir()) / 2**20
    info = machine()
    total_build = build["import"] + build["load"] + build["index"]
    lines = [
        SECTION,
        "",
        f"`python benchmarks/bench_similar.py --rows {args.rows} --record`, {dt.date.today().isoformat()}; "
        f"{info['cores']} cores ({info['cpu']}), {info['memory']}, Python {info['python']}.",
        f"Before: {before}. After: {after}.",
        "",
        "| step | time | peak RSS | target |",
        "| --- | --- | --- | --- |",
        f"| import the CSV ({build['operations']:,} operations) | {build['import']:.1f} s | | |",
        f"| load the imported list | {build['load']:.1f} s | | |",
        f"| build the index ({build['chunks']} chunks, {size:.0f} MiB on disk) | {build['index']:.1f} s | | |",
        f"| **build, all three** (one process) | **{total_build:.1f} s** | **{build['peak_mib']:.0f} MiB** "
        "| < 2 min, < 2 GiB |",
        f"| read the index | {search['read']:.1f} s | | |",
        f"| **100 queries** (one call, top 5) | **{search['queries']:.2f} s** | {search['peak_mib']:.0f} MiB "
        "| < 10 s |",
        f"| one query alone | {search['one']:.2f} s | | |",
        "",
        f"Queries: the names of 100 operations of the list, words in reverse order; the operation itself came first "
        f"for {search['found_first']} of 100.",
    ]
    print("\n".join(lines))
    if args.record:
        text = RESULTS.read_text(encoding="utf-8")
        start = text.find(f"\n{SECTION}\n")
        if start < 0:
            text = text.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"
        else:
            end = text.find("\n## ", start + 1)
            text = text[: start + 1] + "\n".join(lines) + "\n" + (text[end:] if end >= 0 else "")
        RESULTS.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
    os.environ.get("KEEP_WORK") or shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
