"""Benchmark the push's transaction memory: one transaction against a version written a transaction per batch.

Run on demand (not part of the tests), against the tests' server at its default settings (768 MB heap, so
``dbms.memory.transaction.total.max`` is 537.6 MiB)::

    python benchmarks/bench_neo4j_versions.py                  # 50,000 actors + 25,000 projects
    python benchmarks/bench_neo4j_versions.py --record         # also write its section of RESULTS.md

Both write the same rows with the same named Cypher files into an empty dataset:

- one transaction: what ``push`` did before (and still does when it merges into an existing dataset),
  :func:`stakeholders.backends.neo4j_push._merge` under a fresh key;
- versioned: :func:`stakeholders.backends.neo4j_push.push_dataset` of a new dataset (a transaction per batch,
  then one small transaction that makes the version current).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_neo4j_push import RESULTS, WORK, connection  # noqa: E402

from stakeholders import cypher, load_dataset  # noqa: E402
from stakeholders.backends import Neo4jSettings  # noqa: E402
from stakeholders.backends.neo4j_connect import open_driver  # noqa: E402
from stakeholders.backends.neo4j_push import _merge, delete_dataset, push_dataset, push_plan  # noqa: E402
from stakeholders.backends.neo4j_versions import delete_key  # noqa: E402
from stakeholders.generate import generate_dataset  # noqa: E402

SECTION = "## Neo4j push memory (issue 19)"


def one_transaction(driver, dataset, key: str, batch_size: int) -> tuple[float, str]:
    counters = {"nodes_created": 0, "relationships_created": 0, "nodes_deleted": 0, "properties_set": 0}
    started = time.perf_counter()
    try:
        with driver.session(database="neo4j") as session:
            _merge(session, dataset, key, batch_size, counters)
        outcome = "written"
    except Exception as error:  # the server's refusal is the measurement
        outcome = f"refused: {type(error).__name__}: {str(error).splitlines()[0][:160]}"
    return time.perf_counter() - started, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=50_000)
    parser.add_argument("--projects", type=int, default=25_000)
    parser.add_argument("--batch-size", type=int, default=5_000)
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()
    folder = WORK / f"neo4j-push-{args.actors}-{args.projects}"
    if not folder.exists():
        generate_dataset(folder, actors=args.actors, projects=args.projects, seed=1)
    dataset = load_dataset(folder)
    uri, user, password = connection()
    settings = Neo4jSettings(uri, user, password, "neo4j", "bench-versioned")
    driver = open_driver(settings)
    with driver.session(database="neo4j") as session:
        cypher.query("schema").run_each(session)
        limit = session.run(
            "SHOW SETTINGS YIELD name, value WHERE name = 'dbms.memory.transaction.total.max' RETURN value"
        ).single()["value"]
    rows = sum(len(r) for _, r in push_plan(dataset, "x"))
    delete_dataset(settings, driver)

    single, outcome = one_transaction(driver, dataset, "bench-one-transaction", args.batch_size)
    with driver.session(database="neo4j") as session:
        delete_key(session, "bench-one-transaction")
    print(f"one transaction: {single:.1f} s, {outcome}", file=sys.stderr)
    started = time.perf_counter()
    push_dataset(dataset, settings, batch_size=args.batch_size, driver=driver)
    versioned = time.perf_counter() - started
    print(f"versioned: {versioned:.1f} s", file=sys.stderr)
    started = time.perf_counter()
    summary = push_dataset(dataset, settings, batch_size=args.batch_size, replace=True, driver=driver)
    replaced = time.perf_counter() - started
    print(f"versioned --replace over itself: {replaced:.1f} s ({summary.nodes_deleted} nodes deleted)", file=sys.stderr)
    delete_dataset(settings, driver)
    version = driver.get_server_info().agent.partition("/")[2]
    driver.close()

    load = os.getloadavg()
    text = "\n".join(
        [
            SECTION,
            "",
            f"`python benchmarks/bench_neo4j_versions.py` on {time.strftime('%Y-%m-%d')}; {platform.machine()}, "
            f"{os.cpu_count()} CPUs, Neo4j {version} (the tests' server at its default settings: 768 MB heap, "
            f"`dbms.memory.transaction.total.max` {limit}); load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} "
            "at the end (other work was running).",
            "",
            f"Dataset: `stakeholders.generate` with {args.actors:,} actors and {args.projects:,} projects (seed 1), "
            f"{rows:,} rows, batches of {args.batch_size:,} rows, into an empty dataset.",
            "",
            "| push | time | outcome |",
            "| --- | ---: | --- |",
            f"| one transaction (before; still a merge into an existing dataset) | {single:.1f} s | {outcome} |",
            f"| a new version, a transaction per batch, made current in one small one | {versioned:.1f} s | written |",
            f"| `--replace` over itself: a new version, then the old one deleted 10,000 nodes per transaction "
            f"| {replaced:.1f} s | written, {summary.nodes_deleted:,} nodes deleted |",
            "",
        ]
    )
    print(text)
    if args.record:
        old = RESULTS.read_text(encoding="utf-8")
        if SECTION in old:
            head, _, rest = old.partition(SECTION)
            tail = rest[rest.find("\n## ") :] if "\n## " in rest else ""
            old = head.rstrip("\n") + "\n\n" + tail.lstrip("\n") if tail else head
        RESULTS.write_text(old.rstrip("\n") + "\n\n" + text, encoding="utf-8")


if __name__ == "__main__":
    main()
