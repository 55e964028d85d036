"""Blow-up hubs (issue 20, item 4): every analysis, the map and the report with one huge hub, against no hub.

Run on demand (not part of the tests)::

    python benchmarks/bench_hubs.py                   # 5,000 actors: the issue's sizes, about ten minutes
    python benchmarks/bench_hubs.py --actors 1000     # a quick look
    python benchmarks/bench_hubs.py --record          # also write the "Hubs (issue 20)" section of RESULTS.md

The datasets are tests/battery/hub_datasets.py's (a project of 4,999 partners, a target group in every
project and actor, an actor in every municipality, 10,000 cooperation rows between the same two actors,
every actor in one cell) and the same base without a hub, in ``benchmarks/work/hubs/`` (git-ignored). Each
command runs in its own process (``python cli.py ...``, so the time includes Python's start and the load):
wall time and the process's peak memory (``ru_maxrss`` from ``wait4``), with a timeout. The bound documented
in docs/reliability.md is the time on the hub dataset over the time on the base, per command.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "work" / "hubs"
SECTION = "## Hubs (issue 20)"
COMMANDS = {
    "brokers": ("brokers", "{data}", "--format", "json"),
    "gaps --kind all": ("gaps", "{data}", "--kind", "all", "--top", "20", "--format", "json"),
    "duplicates": ("duplicates", "{data}", "--format", "json"),
    "coverage": ("coverage", "{data}", "--format", "json"),
    "map": ("map", "{data}", "-o", "{out}/map.html"),
    "report": ("report", "{data}", "-o", "{out}/report"),
}


def run(args: list[str], timeout: float) -> tuple[float, float, int]:
    """Wall seconds, peak MiB and exit code of ``python cli.py args`` (exit -9 when past the timeout)."""
    began = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, str(REPO / "cli.py"), *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = began + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            return time.monotonic() - began, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            process.kill()
            _, status, usage = os.wait4(process.pid, 0)
            return time.monotonic() - began, usage.ru_maxrss / 1024, -9
        time.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--actors", type=int, default=5000)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--record", action="store_true")
    options = parser.parse_args()
    sys.path.insert(0, str(REPO / "tests" / "battery"))
    sys.path.insert(0, str(HERE))
    from hub_datasets import HUBS, write_hub_dataset
    from run import busy, machine, record

    rows: dict[str, dict[str, tuple[float, float, int]]] = {}
    for hub in HUBS:
        data = write_hub_dataset(WORK / f"{hub}-{options.actors}", hub, options.actors)
        out = WORK / f"out-{hub}"
        out.mkdir(parents=True, exist_ok=True)
        for name, command in COMMANDS.items():
            args = [part.format(data=data, out=out) for part in command]
            rows.setdefault(name, {})[hub] = result = run(args, options.timeout)
            print(f"{hub:13} {name:16} {result[0]:7.1f} s {result[1]:7.0f} MiB exit {result[2]}", flush=True)
    lines = [
        SECTION,
        "",
        f"{dt.date.today().isoformat()}, {options.actors:,} actors, `python benchmarks/bench_hubs.py"
        f" --actors {options.actors}`; {', '.join(f'{k} {v}' for k, v in machine().items())}; {busy()}.",
        "Wall seconds of the whole process (Python's start included) and peak MiB; in brackets the time over",
        "the same dataset without a hub.",
        "",
        "| command | " + " | ".join(HUBS) + " |",
        "| --- |" + " --- |" * len(HUBS),
    ]
    for name, by_hub in rows.items():
        base = by_hub["none"][0]
        cells = []
        for hub in HUBS:
            seconds, mib, code = by_hub[hub]
            ratio = "" if hub == "none" else f" ({seconds / base:.1f}x)"
            cells.append(f"{seconds:.1f} s{ratio}, {mib:.0f} MiB" + ("" if code == 0 else f", exit {code}"))
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    print("\n".join(lines))
    if options.record:
        record("\n".join(lines) + "\n", SECTION)


if __name__ == "__main__":
    main()
