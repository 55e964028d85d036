"""One measured step of the scale benchmark, run in a process of its own by benchmarks/run.py.

    python benchmarks/scale_steps.py STEP DATA_DIR WORK_DIR RESULT.json [--repeat N]

Loads the dataset (timed separately), runs STEP once (wall and CPU time of that call only), and
writes a summary as JSON; results that run.py compares between the library and the
straightforward version are written to WORK_DIR/STEP.jsonl, one canonical line per finding.
Peak memory is measured by run.py (the whole process, from ``wait4``).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
# The code under test: this checkout, or (for before/after figures) another copy of the package.
sys.path.insert(0, os.environ.get("STAKEHOLDERS_CODE") or str(HERE.parent))

STEPS: dict[str, Callable[..., dict[str, object]]] = {}


def step(name: str):
    def register(function):
        STEPS[name] = function
        return function

    return register


def timed(function: Callable[[], object]) -> tuple[object, dict[str, float]]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = function()
    return value, {"wall_s": round(time.perf_counter() - wall, 3), "cpu_s": round(time.process_time() - cpu, 3)}


def write_lines(work: Path, name: str, lines: Iterable[str]) -> dict[str, object]:
    """Write canonical lines (sorted) and return their count and digest."""
    ordered = sorted(lines)
    digest = hashlib.sha256()
    with (work / f"{name}.jsonl").open("w", encoding="utf-8") as file:
        for line in ordered:
            file.write(line + "\n")
            digest.update(line.encode())
    return {"count": len(ordered), "sha256": digest.hexdigest()[:16]}


def gap_line(gap) -> str:
    row = gap.to_json()
    return json.dumps(row, ensure_ascii=False, sort_keys=True)


def load(data: Path):
    from stakeholders import load_dataset

    return timed(lambda: load_dataset(data))


# -- loading against the floor --------------------------------------------------------


@step("load")
def load_step(data: Path, work: Path, repeat: int) -> dict[str, object]:
    """validate+load, interleaved with pandas.read_csv of the same files; best of ``repeat`` each."""
    t = time.perf_counter()
    import pandas

    pandas_import = time.perf_counter() - t
    from stakeholders import load_dataset

    files = sorted(data.glob("*.csv"))
    runs: dict[str, list[dict[str, float]]] = {"load": [], "floor": [], "floor_str": []}
    dataset = None
    for _ in range(repeat):
        dataset = None
        gc.collect()
        dataset, times = timed(lambda: load_dataset(data))
        runs["load"].append(times)
        gc.collect()
        _, times = timed(lambda: [pandas.read_csv(f) for f in files])
        runs["floor"].append(times)
        gc.collect()
        _, times = timed(lambda: [pandas.read_csv(f, dtype=str, keep_default_na=False) for f in files])
        runs["floor_str"].append(times)
    best = {name: {k: min(r[k] for r in rs) for k in ("wall_s", "cpu_s")} for name, rs in runs.items()}
    ratios = [r["wall_s"] / f["wall_s"] for r, f in zip(runs["load"], runs["floor"], strict=True)]
    return {
        **best["load"],
        "floor": best["floor"],
        "floor_str": best["floor_str"],
        "ratio_wall": round(best["load"]["wall_s"] / best["floor"]["wall_s"], 2),
        "ratio_cpu": round(best["load"]["cpu_s"] / best["floor"]["cpu_s"], 2),
        "ratio_wall_median_of_pairs": round(statistics.median(ratios), 2),
        "runs": runs,
        "pandas_import_s": round(pandas_import, 2),
        "bytes": sum(f.stat().st_size for f in files),
        "actors": len(dataset.actors),
        "projects": len(dataset.projects),
        "cooperations": len(dataset.cooperations),
    }


# -- the library ------------------------------------------------------------------------


def analysis_step(name: str, call: Callable[[object], object], lines: Callable[[object], Iterable[str]] | None = None):
    """A step timing ``call(dataset)`` (the analyses are imported before the clock starts)."""

    @step(name)
    def run(data: Path, work: Path, repeat: int) -> dict[str, object]:
        dataset, load_times = load(data)
        _analyses()  # imported before the clock starts
        value, times = timed(lambda: call(dataset))
        result: dict[str, object] = {**times, "load_s": load_times["wall_s"]}
        if lines is not None:
            result.update(write_lines(work, name, lines(value)))
        return result

    return run


def _analyses():
    from stakeholders import analyses

    return analyses


def _naive():
    import naive
    import networkx  # noqa: F401
    from pyvis.network import Network  # noqa: F401

    from stakeholders.map.select import select  # noqa: F401

    return naive


analysis_step("gaps-top100", lambda d: _analyses().actor_gaps(d, top=100), lambda v: map(gap_line, v))
analysis_step("gaps-all", lambda d: _analyses().actor_gaps(d, top=0), lambda v: map(gap_line, v))
analysis_step("project-gaps-top100", lambda d: _analyses().project_gaps(d, top=100), lambda v: map(gap_line, v))
analysis_step("project-gaps-all", lambda d: _analyses().project_gaps(d, top=0), lambda v: map(gap_line, v))
analysis_step("sector-gaps", lambda d: _analyses().sector_gaps(d, top=0), lambda v: map(gap_line, v))
analysis_step(
    "duplicates",
    lambda d: _analyses().duplicate_groups(d, top=0),
    # Compared by the strong pairs (every pair inside a group is strong, every strong pair is in a group).
    lambda v: sorted({json.dumps([list(p.projects), p.score], ensure_ascii=False) for g in v for p in g.pairs}),
)
analysis_step(
    "coverage",
    lambda d: _analyses().coverage(d, top=0),
    lambda v: (json.dumps([k, c.to_json()], ensure_ascii=False, sort_keys=True) for k, c in enumerate(v)),
)


@step("brokers")
def brokers_step(data: Path, work: Path, repeat: int) -> dict[str, object]:
    from stakeholders.analyses import brokers

    dataset, load_times = load(data)
    report, times = timed(lambda: brokers(dataset, top=0))
    values = {row.actor: row.betweenness for row in report.brokers}
    (work / "brokers.values.json").write_text(json.dumps(values), encoding="utf-8")
    return {**times, "load_s": load_times["wall_s"], "method": report.method, "actors": len(values)}


@step("map")
def map_step(data: Path, work: Path, repeat: int) -> dict[str, object]:
    from stakeholders.map import MapOptions, write_map

    dataset, load_times = load(data)
    summary, times = timed(lambda: write_map(dataset, work / "map.html", MapOptions()))
    return {
        **times,
        "load_s": load_times["wall_s"],
        "nodes": summary.nodes,
        "edges": summary.edges,
        "network_nodes": summary.network_nodes,
        "network_edges": summary.network_edges,
        "aggregated": summary.aggregated,
        "mb": round(summary.bytes / 1e6, 1),
    }


@step("catalogue")
def catalogue_step(data: Path, work: Path, repeat: int) -> dict[str, object]:
    from stakeholders.catalogue import catalogue_file

    dataset, load_times = load(data)
    path, times = timed(lambda: catalogue_file(dataset, work / "catalogue.xlsx"))
    return {**times, "load_s": load_times["wall_s"], "mb": round(Path(path).stat().st_size / 1e6, 1)}


@step("report")
def report_step(data: Path, work: Path, repeat: int) -> dict[str, object]:
    """What ``stakeholders report DATA -o DIR`` does: load, then every analysis, the maps, the catalogue."""
    import shutil

    from stakeholders.backends.memory import MemoryBackend
    from stakeholders.report.build import write_report

    target = work / "report"
    shutil.rmtree(target, ignore_errors=True)
    wall, cpu = time.perf_counter(), time.process_time()
    dataset, load_times = load(data)
    _, times = timed(lambda: write_report(MemoryBackend(dataset), target))
    total = time.perf_counter() - wall
    return {
        **times,
        "load_s": load_times["wall_s"],
        "total_wall_s": round(total, 3),
        "total_cpu_s": round(time.process_time() - cpu, 3),
        "maps": len(list((target / "maps").glob("*.html"))) if (target / "maps").exists() else 0,
    }


# -- the straightforward versions --------------------------------------------------------


def naive_step(name: str, call: Callable[[object, Path], object], lines: Callable[[object], Iterable[str]] | None):
    @step(name)
    def run(data: Path, work: Path, repeat: int) -> dict[str, object]:
        dataset, load_times = load(data)
        _naive()  # imported before the clock starts
        value, times = timed(lambda: call(dataset, work))
        result: dict[str, object] = {**times, "load_s": load_times["wall_s"]}
        if lines is not None:
            result.update(write_lines(work, name, lines(value)))
        if isinstance(value, dict) and name == "naive-map":
            result.update(value)
        return result

    return run


naive_step("naive-gaps", lambda d, w: _naive().actor_gaps(d), lambda v: map(gap_line, v))
naive_step("naive-project-gaps", lambda d, w: _naive().project_gaps(d), lambda v: map(gap_line, v))
naive_step(
    "naive-duplicates",
    lambda d, w: _naive().duplicate_pairs(d),
    lambda v: sorted(json.dumps([list(pair), score], ensure_ascii=False) for pair, score in v.items()),
)
naive_step(
    "naive-coverage",
    lambda d, w: _naive().coverage(d),
    lambda v: (json.dumps([k, c.to_json()], ensure_ascii=False, sort_keys=True) for k, c in enumerate(v)),
)
naive_step("naive-map", lambda d, w: _naive().pyvis_map(d, w / "naive-map.html"), None)


@step("naive-betweenness")
def naive_betweenness_step(data: Path, work: Path, repeat: int) -> dict[str, object]:
    import naive

    dataset, load_times = load(data)
    _naive()
    values, times = timed(lambda: naive.betweenness(dataset))
    (work / "naive-betweenness.values.json").write_text(json.dumps(values), encoding="utf-8")
    return {**times, "load_s": load_times["wall_s"], "actors": len(values)}


@step("naive-betweenness-sources")
def naive_betweenness_sources_step(data: Path, work: Path, repeat: int) -> dict[str, object]:
    """Where exact NetworkX is too slow: the sampled estimator (forced, 200 sources) against NetworkX's
    betweenness_centrality_subset from the same sources, scaled the same way. Both are exact sums over
    those sources, so they must agree: this checks the renumbered igraph computation at this size."""
    import random

    import networkx as nx

    from stakeholders.analyses import brokers
    from stakeholders.analyses.contacts import contact_network
    from stakeholders.model import contact_graph

    dataset, load_times = load(data)
    samples, seed = 200, 0
    report, ours_times = timed(lambda: brokers(dataset, top=0, exact_limit=samples, samples=samples, seed=seed))
    ids = contact_network(dataset).ids
    n = len(ids)
    sources = [ids[i] for i in sorted(random.Random(seed).sample(range(n), samples))]
    graph = contact_graph(dataset)
    raw, theirs_times = timed(lambda: nx.betweenness_centrality_subset(graph, sources, list(graph), normalized=False))
    scale = 2 / ((n - 1) * (n - 2)) * n / samples
    found = {row.actor: row.betweenness for row in report.brokers}
    worst = max(abs(found[a] - raw[a] * scale) for a in found)
    return {
        "wall_s": theirs_times["wall_s"],
        "cpu_s": theirs_times["cpu_s"],
        "ours_wall_s": ours_times["wall_s"],
        "method": report.method,
        "max_abs_difference": worst,
        "identical": worst <= 5.000001e-7,
        "load_s": load_times["wall_s"],
    }


@step("sampled-error")
def sampled_error_step(data: Path, work: Path, repeat: int) -> dict[str, object]:
    """Sampled betweenness (forced with exact_limit=1000; 1000 sources, seeds 0-2) against exact values."""
    import numpy as np
    from scipy.stats import spearmanr

    from stakeholders.analyses import brokers

    dataset, load_times = load(data)
    exact_report, exact_times = timed(lambda: brokers(dataset, top=0))
    ids = [row.actor for row in exact_report.brokers]
    exact = np.array([row.betweenness for row in exact_report.brokers])
    top = set(ids[:20])
    per_seed = []
    for seed in range(3):
        report, times = timed(lambda seed=seed: brokers(dataset, top=0, exact_limit=1000, seed=seed))
        found = {row.actor: row.betweenness for row in report.brokers}
        sampled = np.array([found[i] for i in ids])
        error = np.abs(sampled - exact)
        ranked = sorted(found, key=lambda a: (-found[a], a))[:20]
        relative_top = [abs(found[a] - b) / b for a, b in zip(ids[:20], exact[:20], strict=True) if b > 0]
        per_seed.append(
            {
                "seed": seed,
                "method": report.method,
                "wall_s": times["wall_s"],
                "max_abs_error": float(error.max()),
                "mean_abs_error": float(error.mean()),
                "max_exact": float(exact.max()),
                "top20_median_relative_error": float(np.median(relative_top)),
                "top20_max_relative_error": float(np.max(relative_top)),
                "top20_recall": len(top & set(ranked)) / 20,
                "spearman": float(spearmanr(sampled, exact).statistic),
            }
        )
    return {
        "exact_wall_s": exact_times["wall_s"],
        "exact_method": exact_report.method,
        "load_s": load_times["wall_s"],
        "seeds": per_seed,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=sorted(STEPS))
    parser.add_argument("data", type=Path)
    parser.add_argument("work", type=Path)
    parser.add_argument("result", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    summary = STEPS[args.step](args.data, args.work, args.repeat)
    args.result.write_text(json.dumps(summary, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
