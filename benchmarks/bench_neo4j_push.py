"""Benchmark the Neo4j push: batched ``UNWIND $rows AS row MERGE ...`` against one MERGE per row.

Run on demand (not part of the tests)::

    python benchmarks/bench_neo4j_push.py                       # 35,000 actors + 15,000 projects
    python benchmarks/bench_neo4j_push.py --actors 3500 --projects 1500 --batch-size 2000
    python benchmarks/bench_neo4j_push.py --record    # also write the "Neo4j push" section of RESULTS.md

The server: ``NEO4J_URI`` / ``NEO4J_USER`` / ``NEO4J_PASSWORD`` from the environment, else the tests'
server (``scripts/neo4j-test-server start``). The dataset comes from ``stakeholders.generate`` (seed 1)
into ``benchmarks/work/`` (git-ignored).

Both loaders write the same rows with the same named Cypher files, on the same server, with the
constraints of ``cypher/schema.cypher`` in place, each into an empty dataset:

- batched: :func:`stakeholders.backends.neo4j_push.push_dataset` (into an empty dataset: a new version, a
  transaction per batch of ``--batch-size`` rows; results before 2026-12-03 were one transaction);
- one per row: what a straightforward loader does, one query per row (each file's query with a single-row
  ``$rows``), each in its own auto-commit transaction.

Prints the Markdown of the "Neo4j push" section of benchmarks/RESULTS.md (``--record`` writes it there,
leaving the other sections alone). See benchmarks/bench_neo4j_versions.py for the push's memory.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from stakeholders import cypher, load_dataset  # noqa: E402
from stakeholders.backends import Neo4jSettings  # noqa: E402
from stakeholders.backends.neo4j_connect import open_driver  # noqa: E402
from stakeholders.backends.neo4j_push import delete_dataset, push_dataset, push_plan  # noqa: E402
from stakeholders.generate import generate_dataset  # noqa: E402

WORK = REPO / "benchmarks" / "work"
RESULTS = REPO / "benchmarks" / "RESULTS.md"
SECTION = "## Neo4j push"


def connection() -> tuple[str, str, str]:
    if os.environ.get("NEO4J_URI") and os.environ.get("NEO4J_PASSWORD"):
        return os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"), os.environ["NEO4J_PASSWORD"]
    out = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "neo4j-test-server"), "start"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    return found["NEO4J_URI"], found["NEO4J_USER"], found["NEO4J_PASSWORD"]


def one_per_row(driver, dataset, name: str) -> int:
    """The straightforward loader: a query and an auto-commit transaction per row."""
    rows = 0
    with driver.session(database="neo4j") as session:
        for query, plan_rows in push_plan(dataset, name):
            file = cypher.query(query)
            for row in plan_rows:
                file.run(session, dataset=name, rows=[row]).consume()
                rows += 1
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=35_000)
    parser.add_argument("--projects", type=int, default=15_000)
    parser.add_argument("--batch-size", type=int, default=5_000)
    parser.add_argument("--record", action="store_true", help="write the section into benchmarks/RESULTS.md")
    args = parser.parse_args()

    folder = WORK / f"neo4j-push-{args.actors}-{args.projects}"
    if not folder.exists():
        generate_dataset(folder, actors=args.actors, projects=args.projects, seed=1)
    dataset = load_dataset(folder)
    uri, user, password = connection()
    settings = Neo4jSettings(uri, user, password, "neo4j", "bench-batched")
    driver = open_driver(settings)
    server_version = driver.get_server_info().agent.partition("/")[2]
    rows = sum(len(r) for _, r in push_plan(dataset, "x"))
    nodes = len(dataset.actors) + len(dataset.projects) + len(dataset.municipalities) + len(dataset.target_groups)
    print(f"dataset: {nodes} nodes, {rows - nodes} relationships ({rows} rows) on {uri}", file=sys.stderr)
    with driver.session(database="neo4j") as session:
        cypher.query("schema").run_each(session)
    for name in ("bench-batched", "bench-one-per-row"):
        delete_dataset(dataclasses.replace(settings, dataset=name), driver)

    started = time.perf_counter()
    push_dataset(dataset, settings, batch_size=args.batch_size, driver=driver)
    batched = time.perf_counter() - started
    print(f"batched: {batched:.1f} s", file=sys.stderr)
    started = time.perf_counter()
    push_dataset(dataset, settings, batch_size=args.batch_size, replace=True, driver=driver)
    replaced = time.perf_counter() - started
    print(f"batched, --replace over itself: {replaced:.1f} s", file=sys.stderr)
    delete_dataset(settings, driver)

    started = time.perf_counter()
    one_per_row(driver, dataset, "bench-one-per-row")
    naive = time.perf_counter() - started
    print(f"one per row: {naive:.1f} s", file=sys.stderr)
    delete_dataset(dataclasses.replace(settings, dataset="bench-one-per-row"), driver)
    driver.close()

    load = os.getloadavg()
    text = "\n".join(
        [
            SECTION,
            "",
            f"`python benchmarks/bench_neo4j_push.py` on {time.strftime('%Y-%m-%d')}; {platform.machine()}, "
            f"{os.cpu_count()} CPUs, Python {platform.python_version()}, Neo4j {server_version} (the tests' "
            f"server); load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at the end"
            f"{' (other work was running)' if load[0] > 1.5 else ''}.",
            "",
            f"Dataset: `stakeholders.generate` with {args.actors:,} actors and {args.projects:,} projects (seed 1): "
            f"{nodes:,} nodes and {rows - nodes:,} relationships, {rows:,} rows written by the same named Cypher "
            "files, with the constraints of cypher/schema.cypher in place, into an empty dataset.",
            "",
            "| loader | time | rows/s |",
            "| --- | ---: | ---: |",
            f"| batched: `UNWIND $rows AS row MERGE ...`, {args.batch_size:,} rows per query, a transaction per batch "
            f"| {batched:.1f} s | {rows / batched:,.0f} |",
            f"| the same batched push again with `--replace` (the dataset is there: every row matched, nothing "
            f"removed) | {replaced:.1f} s | {rows / replaced:,.0f} |",
            f"| one MERGE per row, one auto-commit transaction per row | {naive:.1f} s | {rows / naive:,.0f} |",
            "",
            f"The batched push is **{naive / batched:.0f} times** faster (target: at least 20).",
            "",
        ]
    )
    print(text)
    if args.record:
        record(text)


def record(section: str) -> None:
    """Replace (or append) the "Neo4j push" section of RESULTS.md, leaving the others alone."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    start = old.find(SECTION)
    if start < 0:
        new = old.rstrip("\n") + "\n\n" + section
    else:
        end = old.find("\n## ", start + len(SECTION))
        new = old[:start] + section + ("\n" + old[end + 1 :] if end >= 0 else "")
    RESULTS.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
