"""The scale benchmark (issue 8): the library against the straightforward way, from 1,000 to 100,000 actors.

Run on demand (not part of the tests)::

    python benchmarks/run.py                       # 1,000 / 10,000 / 100,000 actors, about an hour
    python benchmarks/run.py --sizes 1000,10000    # a few minutes, then half an hour
    python benchmarks/run.py --skip-slow           # the library only, no straightforward versions
    python benchmarks/run.py --before e393fdd      # also that revision's code (load, sector gaps, brokers)

Datasets come from :func:`stakeholders.generate.generate_dataset` (seed 1, 0.5 projects per actor) and are
kept in ``benchmarks/work/`` (git-ignored), as are the outputs and the raw results
(``benchmarks/work/scale/results.json``). Every measured step runs in a fresh process
(``benchmarks/scale_steps.py``): wall and CPU time of the step's own call (the dataset is loaded before it,
timed apart), peak memory of the whole process (``ru_maxrss`` from ``wait4``), a timeout per step and a cap
on the address space (so a runaway step fails instead of starving the machine). The results go to the
"Scale (issue 8)" section of benchmarks/RESULTS.md; the other sections are left alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "work"
SCALE = WORK / "scale"
RESULTS = HERE / "RESULTS.md"
SECTION = "## Scale (issue 8)"
SEED = 1

OURS = [
    "load",
    "gaps-top100",
    "gaps-all",
    "project-gaps-top100",
    "project-gaps-all",
    "sector-gaps",
    "duplicates",
    "coverage",
    "brokers",
    "map",
    "catalogue",
    "report",
]
# Straightforward version -> the step of the library it is compared with.
NAIVE = {
    "naive-gaps": "gaps-all",
    "naive-project-gaps": "project-gaps-all",
    "naive-duplicates": "duplicates",
    "naive-coverage": "coverage",
    "naive-betweenness": "brokers",
    "naive-betweenness-sources": "brokers",
    "naive-map": "map",
}
BEFORE = ["load", "sector-gaps", "brokers"]  # the steps the scale work changed, also run with --before's code


def dataset_for(actors: int) -> Path:
    from stakeholders.generate import generate_dataset

    target = WORK / f"scale-{actors}"
    if not (target / "actors.csv").exists():
        shutil.rmtree(target, ignore_errors=True)
        print(f"generating {actors} actors ...", flush=True)
        generate_dataset(target, actors=actors, projects=actors // 2, seed=SEED)
    return target


def run_step(
    step: str, data: Path, out: Path, timeout: float, cap_gb: float, repeat: int, code: Path | None = None
) -> dict:
    """Run one step in a child process; its summary plus peak memory, or why it did not finish."""
    name = step if code is None else f"{step}@before"
    result_file = out / f"{name}.json"
    result_file.unlink(missing_ok=True)
    log = (out / f"{name}.log").open("w")
    env = {**os.environ, "PYTHONHASHSEED": "0", "STAKEHOLDERS_CODE": str(code or "")}
    cap = int(cap_gb * 2**30)

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    command = [sys.executable, str(HERE / "scale_steps.py"), step, str(data), str(out), str(result_file)]
    command += ["--repeat", str(repeat)]
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, preexec_fn=limit)
    timed_out = False
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - started > timeout:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
            timed_out = True
            break
        time.sleep(0.2)
    process.returncode = os.waitstatus_to_exitcode(status)
    log.close()
    elapsed = round(time.monotonic() - started, 1)
    peak = round(usage.ru_maxrss / 1024)  # kB on Linux
    if timed_out:
        return {"status": f"timeout > {timeout:.0f} s", "peak_mb": peak, "process_s": elapsed}
    if process.returncode != 0 or not result_file.exists():
        tail = (out / f"{name}.log").read_text(errors="replace").strip().splitlines()[-1:] or ["?"]
        return {"status": f"failed: {tail[0][:160]}", "peak_mb": peak, "process_s": elapsed}
    return {"status": "ok", **json.loads(result_file.read_text()), "peak_mb": peak, "process_s": elapsed}


# -- comparisons ------------------------------------------------------------------------


def _rows(path: Path, key: str) -> dict[tuple, dict]:
    rows = {}
    with path.open(encoding="utf-8") as file:
        for line in file:
            row = json.loads(line)
            rows[tuple(row[key])] = row
    return rows


def compare_gaps(ours: Path, theirs: Path, key: str) -> dict:
    """Same set of gaps with the same fields; scores may differ by rounding (summation order), up to 1e-6."""
    a, b = _rows(ours, key), _rows(theirs, key)
    only_ours, only_theirs = len(a.keys() - b.keys()), len(b.keys() - a.keys())
    fields, score = 0, 0.0
    for k in a.keys() & b.keys():
        x, y = dict(a[k]), dict(b[k])
        score = max(score, abs(x.pop("score") - y.pop("score")))
        fields += x != y
    same = only_ours == only_theirs == fields == 0 and score <= 1.0000001e-6
    return {
        "identical": same,
        "count": len(a),
        "only_ours": only_ours,
        "only_straightforward": only_theirs,
        "other_fields_differ": fields,
        "max_score_difference": score,
    }


def compare_top(ours: Path, theirs: Path, key: str, top: int = 100) -> dict:
    """The library's top list against the first ``top`` of the straightforward complete ranking."""
    a = _rows(ours, key)
    b = sorted(_rows(theirs, key).values(), key=lambda r: (-r["score"], [i.casefold() for i in r[key]]))
    wanted = {tuple(r[key]) for r in b[:top]}
    return {"identical": set(a) == wanted, "count": len(a)}


def compare_lines(ours: Path, theirs: Path) -> dict:
    a, b = set(ours.read_text(encoding="utf-8").splitlines()), set(theirs.read_text(encoding="utf-8").splitlines())
    return {"identical": a == b, "count": len(a), "only_ours": len(a - b), "only_straightforward": len(b - a)}


def compare_betweenness(ours: Path, theirs: Path) -> dict:
    a, b = json.loads(ours.read_text()), json.loads(theirs.read_text())
    worst = max(abs(a[k] - b[k]) for k in b)
    return {"identical": a.keys() == b.keys() and worst <= 5.000001e-7, "max_abs_difference": worst}


def comparisons(out: Path) -> dict[str, dict]:
    found = {}
    pairs = [
        ("gaps-all", "naive-gaps", "actors", compare_gaps),
        ("project-gaps-all", "naive-project-gaps", "projects", compare_gaps),
        ("gaps-top100", "naive-gaps", "actors", compare_top),
        ("project-gaps-top100", "naive-project-gaps", "projects", compare_top),
    ]
    for ours, theirs, key, compare in pairs:
        if (out / f"{ours}.jsonl").exists() and (out / f"{theirs}.jsonl").exists():
            found[ours] = compare(out / f"{ours}.jsonl", out / f"{theirs}.jsonl", key)
    for ours, theirs in (("duplicates", "naive-duplicates"), ("coverage", "naive-coverage")):
        if (out / f"{ours}.jsonl").exists() and (out / f"{theirs}.jsonl").exists():
            found[ours] = compare_lines(out / f"{ours}.jsonl", out / f"{theirs}.jsonl")
    sources = out / "naive-betweenness-sources.json"
    if sources.exists():
        check = json.loads(sources.read_text())
        found["brokers-sources"] = {k: check[k] for k in ("identical", "max_abs_difference", "method")}
    if (out / "brokers.values.json").exists() and (out / "naive-betweenness.values.json").exists():
        found["brokers"] = compare_betweenness(out / "brokers.values.json", out / "naive-betweenness.values.json")
    return found


# -- the run ----------------------------------------------------------------------------


def best(function, repeat: int):  # type: ignore[no-untyped-def]
    """``function()``'s value and its best wall time of ``repeat`` runs (the benchmarks' "best of N")."""
    times, value = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - started)
    return value, min(times)


def machine() -> dict[str, str]:
    def first(path: str, prefix: str) -> str:
        for line in Path(path).read_text().splitlines():
            if line.startswith(prefix):
                return line.split(":", 1)[1].strip()
        return "?"

    free = subprocess.run(["free", "-g"], capture_output=True, text=True).stdout.splitlines()[1].split()
    return {
        "cores": subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip(),
        "memory": f"{free[1]} GiB",
        "cpu": first("/proc/cpuinfo", "model name"),
        "python": sys.version.split()[0],
    }


def busy() -> str:
    """Load average and the busiest other processes (other work on the machine slows every number)."""
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    top = subprocess.run(["ps", "-eo", "pid,pcpu,comm", "--sort=-pcpu"], capture_output=True, text=True).stdout
    names: dict[str, float] = {}
    for line in top.splitlines()[1:]:
        pid, cpu, command = line.split(None, 2)
        if int(pid) != os.getpid() and command.strip() != "ps":
            names[command.strip()] = names.get(command.strip(), 0) + float(cpu)
    busiest = ", ".join(f"{n} {c:.0f} %" for n, c in sorted(names.items(), key=lambda x: -x[1])[:3] if c >= 5)
    return f"load average {load}" + (f"; busiest other processes: {busiest}" if busiest else "")


def run(args: argparse.Namespace) -> dict:
    results = json.loads((SCALE / "results.json").read_text()) if (SCALE / "results.json").exists() else {}
    results.setdefault("sizes", {})
    results.update(machine=machine(), command=" ".join(["python benchmarks/run.py", *sys.argv[1:]]))
    results["busy_before"] = busy()
    head = None
    if args.before:
        head = SCALE / "before"
        shutil.rmtree(head, ignore_errors=True)
        head.mkdir(parents=True)
        results["before"] = args.before
        command = ["git", "-C", str(REPO), "archive", args.before, "stakeholders"]
        archive = subprocess.run(command, capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(head)], input=archive.stdout, check=True)
    for n in args.sizes:
        data = dataset_for(n)
        out = SCALE / f"{n}"
        out.mkdir(parents=True, exist_ok=True)
        row: dict = {"date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "busy": busy(), "steps": {}}
        steps = [s for s in OURS if not args.steps or s in args.steps]
        naive = [s for s in NAIVE if not args.steps or s in args.steps]
        for step in steps:
            row["steps"][step] = run_step(step, data, out, args.timeout, args.memory_cap_gb, args.repeat)
            print(f"{n} {step}: {short(row['steps'][step])}", flush=True)
        if n <= args.naive_max and not args.skip_slow:
            for step in naive:
                row["steps"][step] = run_step(step, data, out, args.timeout, args.memory_cap_gb, args.repeat)
                print(f"{n} {step}: {short(row['steps'][step])}", flush=True)
            if 1_000 < n <= 10_000 and (not args.steps or "sampled-error" in args.steps):
                row["steps"]["sampled-error"] = run_step(
                    "sampled-error", data, out, args.timeout, args.memory_cap_gb, args.repeat
                )
                print(f"{n} sampled-error: {short(row['steps']['sampled-error'])}", flush=True)
        elif naive:
            reason = "skipped (--skip-slow)" if args.skip_slow else f"skipped above {args.naive_max} actors"
            for step in naive:
                row["steps"][step] = {"status": reason}
        if head is not None:
            for step in BEFORE:
                if step == "brokers" or step in steps:
                    key = f"{step}@before"
                    row["steps"][key] = run_step(step, data, out, args.timeout, args.memory_cap_gb, 1, code=head)
                    print(f"{n} {key}: {short(row['steps'][key])}", flush=True)
        row["compare"] = comparisons(out)
        row["busy_after"] = busy()
        previous = results["sizes"].get(str(n), {})
        if args.steps and previous:  # a partial run updates the steps it ran
            previous["steps"].update(row["steps"])
            previous["compare"].update(row["compare"])
            row = {**previous, "date": row["date"], "busy": row["busy"], "busy_after": row["busy_after"]}
        results["sizes"][str(n)] = row
        (SCALE / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    results["busy_after"] = busy()
    (SCALE / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    return results


def short(result: dict) -> str:
    if result.get("status") != "ok":
        return f"{result.get('status')} (peak {result.get('peak_mb', '?')} MB)"
    wall = result.get("wall_s", result.get("exact_wall_s", "?"))
    return f"{wall} s, peak {result['peak_mb']} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="numbers of actors, comma-separated")
    parser.add_argument("--skip-slow", action="store_true", help="skip the straightforward versions")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per step before it counts as a timeout")
    parser.add_argument("--naive-max", type=int, default=10_000, help="largest size for the straightforward versions")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions of load and of the pandas floor")
    parser.add_argument("--memory-cap-gb", type=float, default=12.0, help="address-space cap of each step")
    parser.add_argument("--steps", default="", help="only these steps, comma-separated (results are merged)")
    parser.add_argument("--before", metavar="REV", help="also run load, sector gaps, brokers with this git revision")
    parser.add_argument("--no-record", action="store_true", help="do not write benchmarks/RESULTS.md")
    args = parser.parse_args()
    args.sizes = [int(s) for s in args.sizes.split(",")]
    args.steps = [s for s in args.steps.split(",") if s]
    SCALE.mkdir(parents=True, exist_ok=True)
    results = run(args)
    from report_scale import markdown

    section = markdown(results)
    print(section)
    if not args.no_record:
        record(section)


def record(section: str, heading: str = SECTION) -> None:
    """Replace (or add) the section under ``heading`` of RESULTS.md, leaving the other sections alone."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    start = text.find(f"\n{heading}\n")
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + 1)
        text = text[: start + 1] + section + (text[end:] if end != -1 else "")
    RESULTS.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(REPO))
    main()
