"""The "Scale (issue 8)" section of benchmarks/RESULTS.md, from the raw results of benchmarks/run.py."""

from __future__ import annotations

STEP_LABELS = {
    "gaps-top100": "gaps --top 100 (actors)",
    "gaps-all": "gaps --top 0 (every actor gap)",
    "project-gaps-top100": "gaps --kind projects --top 100",
    "project-gaps-all": "gaps --kind projects --top 0",
    "sector-gaps": "gaps --kind sectors",
    "duplicates": "duplicates (every group)",
    "coverage": "coverage (every cell)",
    "brokers": "brokers",
    "map": "map (default options)",
    "catalogue": "catalogue xlsx",
    "report": "report (analyses, maps, catalogue)",
}
# The straightforward version each step is compared with, and what it is.
NAIVE_OF = {
    "gaps-top100": "naive-gaps",
    "gaps-all": "naive-gaps",
    "project-gaps-top100": "naive-project-gaps",
    "project-gaps-all": "naive-project-gaps",
    "duplicates": "naive-duplicates",
    "coverage": "naive-coverage",
    "brokers": "naive-betweenness",
    "map": "naive-map",
}
NAIVE_TEXT = {
    "naive-gaps": "all actor pairs, NetworkX search per first actor",
    "naive-project-gaps": "all project pairs",
    "naive-duplicates": "all project pairs, the candidate test and score pair by pair",
    "naive-coverage": "every cell x every actor and project",
    "naive-betweenness": "networkx.betweenness_centrality (exact)",
    "naive-map": "pyvis Network.from_nx + networkx.spring_layout, every node",
}
GIB = 1024


def num(value: object) -> str:
    """12345 as "12 345"."""
    return f"{value:,}".replace(",", " ") if isinstance(value, int) else str(value)


def secs(value: object) -> str:
    if not isinstance(value, int | float):
        return "?"
    if value >= 100:
        return f"{value:.0f} s"
    if value >= 10:
        return f"{value:.1f} s"
    return f"{value:.2f} s"


def mem(result: dict) -> str:
    peak = result.get("peak_mb")
    if peak is None:
        return ""
    return f"{peak / GIB:.1f} GiB" if peak >= GIB else f"{peak} MB"


def outcome(result: dict | None) -> str:
    if not result:
        return "not run"
    if result.get("status") != "ok":
        return result.get("status", "?")
    return f"{secs(result['wall_s'])} (CPU {secs(result['cpu_s'])})"


def markdown(results: dict) -> str:
    sizes = results["sizes"]
    m = results["machine"]
    lines = [
        "## Scale (issue 8)",
        "",
        f"`{results['command']}`. Machine: {m['cores']} cores (`nproc`), {m['memory']} (`free -g`), "
        f"{m['cpu']}, Python {m['python']}.",
        "",
        "Machine load: this machine was shared with other helpers' jobs (test suites with headless Chromium, a Neo4j "
        "server) while the benchmark ran, so wall times are upper bounds and vary by tens of per cent between runs; "
        "CPU times are the measured process's own and steadier. Per size: "
        + "; ".join(f"{num(int(n))} actors on {row['date']}, {row['busy']}" for n, row in sizes.items())
        + ".",
        "",
        "Each step runs in a fresh process: time of the step's own call (the dataset is loaded first, timed apart), "
        "peak memory of the whole process (`ru_maxrss`, so it includes the loaded dataset), 10-minute timeout.",
        "",
        "### Validate + load against `pandas.read_csv` (the floor)",
        "",
        "| actors / projects | CSV | validate + load | `pandas.read_csv` | ratio (wall, CPU) | "
        "`read_csv(dtype=str)` | peak memory | before |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n, row in sizes.items():
        load = row["steps"].get("load", {})
        if load.get("status") != "ok":
            lines.append(f"| {num(int(n))} | | {outcome(load)} | | | | | |")
            continue
        before = row["steps"].get("load@before")
        before_text = outcome(before) if before else "not run"
        if before and before.get("status") == "ok":
            before_text += f", {before['wall_s'] / load['wall_s']:.1f}x slower"
        lines.append(
            f"| {num(load['actors'])} / {num(load['projects'])} | {load['bytes'] / 1e6:.0f} MB | "
            f"{outcome(load)} | {outcome(load['floor'] | {'status': 'ok'})} | "
            f"{load['ratio_wall']}x, {load['ratio_cpu']}x | {outcome(load['floor_str'] | {'status': 'ok'})} | "
            f"{mem(load)} | {before_text} |"
        )
    lines += [
        "",
        "Best of 3 for both, interleaved in one process (pandas imported beforehand; importing it takes "
        + ", ".join(
            f"{r['steps']['load'].get('pandas_import_s', '?')} s" for r in sizes.values() if "load" in r["steps"]
        )
        + "; the loader imports it only for files above 4 MB).",
        "",
    ]
    for n, row in sizes.items():
        lines += size_table(int(n), row)
    lines += targets(sizes)
    lines += notes(sizes)
    return "\n".join(lines) + "\n"


def size_table(n: int, row: dict) -> list[str]:
    steps, compare = row["steps"], row.get("compare", {})
    lines = [
        f"### {num(n)} actors",
        "",
        "| step | library | peak memory | straightforward | speed-up | same result |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for step, label in STEP_LABELS.items():
        ours = steps.get(step)
        if ours is None:
            continue
        naive_name = NAIVE_OF.get(step)
        naive = steps.get(naive_name) if naive_name else None
        naive_text, ratio = "", ""
        if naive:
            naive_text = outcome(naive)
            if naive.get("status") == "ok" and ours.get("status") == "ok" and ours["wall_s"] > 0:
                ratio = f"{naive['wall_s'] / ours['wall_s']:,.0f}x".replace(",", " ")
            elif naive.get("status", "").startswith("timeout") and ours.get("status") == "ok":
                limit = float(naive["status"].split()[-2])
                ratio = f"> {limit / max(ours['wall_s'], 1e-3):,.0f}x".replace(",", " ")
        same = compare.get(step)
        same_text = ""
        if same is not None:
            same_text = "yes" if same["identical"] else f"NO: {same}"
            if "max_abs_difference" in same:
                same_text += f" (betweenness max difference {same['max_abs_difference']:.1e})"
        elif step == "report" and ours.get("status") == "ok":
            same_text = f"with loading: {secs(ours['total_wall_s'])}"
        elif step in ("gaps-all", "project-gaps-all", "sector-gaps", "duplicates") and ours.get("count") is not None:
            same_text = f"{num(ours['count'])} found"
        if same is not None and ours.get("count") is not None and step != "coverage":
            same_text += f", {num(ours['count'])} found"
        if step == "brokers" and ours.get("method"):
            same_text = (same_text + "; " if same_text else "") + f"betweenness {ours['method']}"
        if step == "map" and ours.get("status") == "ok":
            grouped = "grouped" if ours["aggregated"] else "every node"
            same_text = f"{grouped}: {num(ours['nodes'])} nodes of {num(ours['network_nodes'])}"
        lines.append(f"| {label} | {outcome(ours)} | {mem(ours)} | {naive_text} | {ratio} | {same_text} |")
    before = [(k.split("@")[0], v) for k, v in steps.items() if k.endswith("@before")]
    if before:
        lines += [
            "",
            "The same steps with the code before this work (`--before`): "
            + "; ".join(f"{name} {outcome(result)}" for name, result in before)
            + ".",
        ]
    check = compare.get("brokers-sources")
    if check and check["method"] != "exact":
        lines += [
            "",
            f"Betweenness check where exact NetworkX does not finish: `brokers` forced to sample 200 sources "
            f"({check['method']}) against `networkx.betweenness_centrality_subset` from the same sources, scaled "
            f"the same way: {'identical' if check['identical'] else 'DIFFERENT'} "
            f"(max difference {check['max_abs_difference']:.1e}, the rounding to 6 decimals).",
        ]
    lines.append("")
    return lines


def targets(sizes: dict) -> list[str]:
    big = sizes.get("100000")
    mid = sizes.get("10000")
    lines = ["### Targets (100 000 actors / 50 000 projects, 2 cores)", ""]
    if not big:
        return [*lines, "Not measured (run with --sizes including 100000).", ""]
    s = big["steps"]

    def wall(step: str) -> float | None:
        r = s.get(step, {})
        return r.get("wall_s") if r.get("status") == "ok" else None

    rows = []
    load = s.get("load", {})
    if load.get("status") == "ok":
        rows.append(
            (
                "validate + load within 3x of pandas",
                f"{load['ratio_wall']}x wall, {load['ratio_cpu']}x CPU",
                load["ratio_wall"] <= 3,
            )
        )
    for step, limit, text in (
        ("gaps-top100", 10, "gaps --top 100 < 10 s"),
        ("duplicates", 10, "duplicates < 10 s"),
        ("coverage", 10, "coverage < 10 s"),
        ("brokers", 60, "brokers < 60 s"),
    ):
        value = wall(step)
        rows.append((text, outcome(s.get(step)), value is not None and value < limit))
    report = s.get("report", {})
    if report.get("status") == "ok":
        rows.append(("whole report < 3 min (with loading)", secs(report["total_wall_s"]), report["total_wall_s"] < 180))
    peaks = {k: v["peak_mb"] for k, v in s.items() if "@" not in k and "naive" not in k and v.get("peak_mb")}
    if peaks:
        usual = {k: v for k, v in peaks.items() if k != "gaps-all"}
        worst = max(usual, key=usual.get)
        measured = f"{usual[worst] / GIB:.2f} GiB ({worst}); gaps --top 0: {mem(s.get('gaps-all', {}))}"
        rows.append(("peak memory < 4 GiB", measured, usual[worst] < 4 * GIB))
    if mid:
        slow = []
        for step, naive in NAIVE_OF.items():
            ours, theirs = mid["steps"].get(step, {}), mid["steps"].get(naive, {})
            both = ours.get("status") == "ok" and theirs.get("status") == "ok"
            if both and theirs["wall_s"] < 10 * ours["wall_s"]:
                slow.append(f"{step} {theirs['wall_s'] / ours['wall_s']:.1f}x")
        differ = [k for k, v in mid.get("compare", {}).items() if not v["identical"]]
        checked = ", ".join(sorted(mid.get("compare", {})))
        text = "all" if not slow else "not: " + ", ".join(slow)
        rows.append(("each analysis >= 10x faster than straightforward at 10 000", text, not slow))
        rows.append(
            (
                "identical results where both are exact (10 000)",
                f"yes: {checked}" if not differ else "differ: " + ", ".join(differ),
                not differ,
            )
        )
    lines += ["| target | measured | met |", "| --- | --- | --- |"]
    lines += [f"| {t} | {v} | {'yes' if ok else '**no**'} |" for t, v, ok in rows]
    return [*lines, ""]


def notes(sizes: dict) -> list[str]:
    lines = []
    mid = sizes.get("10000", {}).get("steps", {})
    error = mid.get("sampled-error")
    if error and error.get("status") == "ok":
        seeds = error["seeds"]
        lines += [
            "### Sampled betweenness against exact values (10 000 actors)",
            "",
            f"Above 10 000 actors `brokers` estimates betweenness from 1 000 seeded random sources (Brandes & Pich "
            f"2007). Forced at 10 000 actors (`exact_limit=1000`), against the exact values "
            f"({secs(error['exact_wall_s'])} exact):",
            "",
            "| seed | time | max abs error | mean abs error | top-20 median / max relative error | top-20 found | "
            "Spearman |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for r in seeds:
            lines.append(
                f"| {r['seed']} | {secs(r['wall_s'])} | "
                f"{r['max_abs_error']:.2e} (largest value {r['max_exact']:.3f}) | "
                f"{r['mean_abs_error']:.1e} | {r['top20_median_relative_error']:.1%} / "
                f"{r['top20_max_relative_error']:.1%} | {r['top20_recall']:.0%} | {r['spearman']:.3f} |"
            )
        lines.append("")
    big = sizes.get("100000", {}).get("steps", {})
    skipped = [k for k, v in big.items() if k.startswith("naive") and v.get("status", "").startswith("skipped")]
    if skipped and mid:
        estimates = []
        for name in skipped:
            r = mid.get(name, {})
            if r.get("status") == "ok":
                estimates.append(f"{NAIVE_TEXT.get(name, name)}: about {r['wall_s'] * 100 / 3600:.1f} h")
            elif r.get("status", "").startswith("timeout"):
                hours = float(r["status"].split()[-2]) * 100 / 3600
                estimates.append(f"{NAIVE_TEXT.get(name, name)}: over {hours:.0f} h")
        if estimates:
            lines += [
                "The straightforward versions were not run at 100 000 actors: each is quadratic (pairs) or O(nm) "
                "(betweenness, spring layout), so ten times the actors is about a hundred times the 10 000 time: "
                + "; ".join(estimates)
                + ".",
                "",
            ]
    return lines
