"""The report at 100,000 actors (issue 15): ``stakeholders report`` as a user runs it, against 180 s and 4 GiB.

    python benchmarks/bench_report.py [--record] [--actors 100000]

Generates the dataset as the scale benchmark does (``stakeholders generate --actors N --seed 1``, half as many
projects; kept in benchmarks/work/scale-N), then runs ``stakeholders report DATA -o DIR`` once in a fresh process:
wall time (loading included), CPU time and peak memory (``ru_maxrss`` from ``wait4``) of that process, the size
of the folder written and its number of maps. With ``--record`` the section "Report at 100 000 actors
(issue 15)" of benchmarks/RESULTS.md is replaced (the scale section's 476 s stays where it is, for comparison).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from run import busy, machine, record  # noqa: E402

SECTION = "## Report at 100 000 actors (issue 15)"
SEED = 1
TARGET_S, TARGET_GIB = 180, 4
# The command beside this Python (a virtual environment's), else on PATH.
COMMAND = (
    str(Path(sys.executable).parent / "stakeholders")
    if (Path(sys.executable).parent / "stakeholders").exists()
    else "stakeholders"
)
BEFORE_S = 476  # "Scale (issue 8)": report with loading at 100 000 actors, the code of commit d252aad


def run(actors: int) -> dict[str, object]:
    data = HERE / "work" / f"scale-{actors}"
    if not (data / "actors.csv").exists():
        shutil.rmtree(data, ignore_errors=True)
        subprocess.run([COMMAND, "generate", "--actors", str(actors), "--seed", str(SEED), "-o", str(data)], check=True)
    out = HERE / "work" / f"report-{actors}"
    shutil.rmtree(out, ignore_errors=True)
    load_before = busy()
    start = time.perf_counter()
    process = subprocess.Popen([COMMAND, "report", str(data), "-o", str(out)], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"stakeholders report failed ({status})")
    commit = subprocess.run(["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return {
        "actors": actors,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit.stdout.strip(),
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_gib": usage.ru_maxrss / 1024**2,
        "bytes": sum(p.stat().st_size for p in out.rglob("*") if p.is_file()),
        "maps": len(list((out / "maps").glob("*.html"))),
        "load_before": load_before,
        "load_after": busy(),
        "machine": machine(),
    }


def _num(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def markdown(r: dict) -> str:
    m = r["machine"]
    met = r["wall_s"] < TARGET_S and r["peak_gib"] < TARGET_GIB
    return "\n".join(
        [
            SECTION,
            "",
            f"`python benchmarks/bench_report.py --record` on {r['date']}, code of commit {r['commit']}. Machine: "
            f"{m['cores']} cores (`nproc`), {m['memory']} (`free -g`), {m['cpu']}, Python {m['python']}; shared "
            f"with other developers: before the run {r['load_before']}; after it {r['load_after']}.",
            "",
            f"`stakeholders report` on `stakeholders generate --actors {r['actors']} --seed {SEED}` "
            f"({_num(r['actors'] // 2)} projects), one fresh process, loading included:",
            "",
            "| | wall | CPU | peak memory | folder | maps |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
            f"| before (Scale (issue 8), commit d252aad) | {BEFORE_S} s | | 2.3 GiB | | |",
            f"| now | {r['wall_s']:.0f} s | {r['cpu_s']:.0f} s | {r['peak_gib']:.1f} GiB | "
            f"{r['bytes'] / 1e6:.0f} MB | {r['maps']} |",
            "",
            f"Target: under {TARGET_S} s and under {TARGET_GIB} GiB: {'met' if met else '**not met**'}. "
            "The wall time depends on the machine's load (CPU time is the process's own).",
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--record", action="store_true", help="write the section of benchmarks/RESULTS.md")
    args = parser.parse_args()
    result = run(args.actors)
    text = markdown(result)
    print(text)
    if args.record:
        record(text, SECTION)


if __name__ == "__main__":
    main()
