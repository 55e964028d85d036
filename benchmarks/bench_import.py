"""Benchmark ``stakeholders import`` on a 100,000-row Kohesio-like list, side by side with ``pandas.read_csv``.

Run on demand (not part of the tests)::

    python benchmarks/bench_import.py             # 100,000 rows, best of 3
    python benchmarks/bench_import.py --rows 20000 --repeat 2
    python benchmarks/bench_import.py --record    # also write the "Import (issue 13)" section of RESULTS.md

The list comes from :func:`stakeholders.importers.synthetic.write_kohesio_csv` (seed 1; 5,000 beneficiaries
spelled several ways, multi-line summaries, LAU labels and codes) into ``benchmarks/work/`` (git-ignored).

Measured, alternately in this one process (pandas imported first, so neither pays its import):

- ``pandas.read_csv(path)``: the floor, reading every column with pandas' defaults;
- :func:`stakeholders.importers.import_lists`: read, check every cell, resolve the actors, suggest merges and
  write the dataset folder;
- and once, for reference, the command line in a fresh process (``stakeholders import``), start-up included.

Best of ``--repeat`` runs each (wall clock), with this process's CPU time, and the machine's load average.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pandas  # noqa: E402

from stakeholders.importers import import_lists  # noqa: E402
from stakeholders.importers.synthetic import write_kohesio_csv  # noqa: E402

WORK = REPO / "benchmarks" / "work"
RESULTS = REPO / "benchmarks" / "RESULTS.md"
SECTION = "## Import (issue 13)"
TARGET = 3.0


def _timed(function) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    function()
    return time.perf_counter() - wall, time.process_time() - cpu


def _cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return platform.processor() or "unknown"
    match = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
    return match.group(1).strip() if match else "unknown"


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--record", action="store_true", help="write the section of benchmarks/RESULTS.md")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    source = WORK / f"kohesio-{args.rows}.csv"
    if not source.exists():
        write_kohesio_csv(source, args.rows, seed=1)
    output = WORK / f"kohesio-{args.rows}-dataset"
    load_before = _load()
    pandas_times, import_times = [], []
    result = None
    for _ in range(args.repeat):
        pandas_times.append(_timed(lambda: pandas.read_csv(source)))
        shutil.rmtree(output, ignore_errors=True)
        wall, cpu = time.perf_counter(), time.process_time()
        result = import_lists([source], output)
        import_times.append((time.perf_counter() - wall, time.process_time() - cpu))
        print(f"pandas.read_csv {pandas_times[-1][0]:.2f} s, import {import_times[-1][0]:.2f} s", flush=True)
        time.sleep(1)
    shutil.rmtree(output, ignore_errors=True)
    program = "import sys; from stakeholders.cli import main; sys.exit(main())"
    cli_wall = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", program, "import", str(source), "-o", str(output)], check=True, stdout=subprocess.DEVNULL
    )
    cli_wall = time.perf_counter() - cli_wall
    load_after = _load()
    best_pandas, best_import = min(pandas_times), min(import_times)
    ratio = best_import[0] / best_pandas[0]
    assert result is not None
    size = source.stat().st_size / 1e6
    lines = [
        SECTION,
        "",
        f"`python benchmarks/bench_import.py{' --record' if args.record else ''}` on {dt.date.today().isoformat()}; "
        f"{platform.machine()}, {os.cpu_count()} CPUs (`nproc`), {_cpu_model()}, Python {platform.python_version()}, "
        f"pandas {pandas.__version__}; load average {load_before} before, {load_after} after "
        "(the machine is shared: wall times are upper bounds).",
        "",
        f"List: `write_kohesio_csv(rows={args.rows}, seed=1)`, {size:.1f} MB, the Kohesio columns; "
        f"imported as {result.projects:,} projects, {result.actors:,} actors ({result.merged_actors:,} with aliases), "
        f"{result.municipalities} municipalities, {result.suggestions} merge suggestions.",
        "",
        f"| step | wall, best of {args.repeat} | CPU | runs (wall) |",
        "| --- | ---: | ---: | --- |",
        f"| `pandas.read_csv(path)` (every column, defaults) | {best_pandas[0]:.2f} s | {best_pandas[1]:.2f} s | "
        + ", ".join(f"{w:.2f}" for w, _ in pandas_times)
        + " |",
        f"| `import_lists([path], out)` (read, check, resolve, suggest, write) | {best_import[0]:.2f} s | "
        f"{best_import[1]:.2f} s | " + ", ".join(f"{w:.2f}" for w, _ in import_times) + " |",
        f"| `stakeholders import` in a fresh process (start-up and imports included), once | {cli_wall:.2f} s | | |",
        "",
        f"Ratio import / read_csv: **{ratio:.1f}x** wall, {best_import[1] / best_pandas[1]:.1f}x CPU "
        f"(target: within {TARGET:.0f}x): " + ("met." if ratio <= TARGET else "missed."),
        "",
        "Reading: the import reads only the columns that map to a field, with pandas' C parser (about the time of "
        "`read_csv` itself), then checks every date and amount, resolves the actors by organisation key, looks for "
        "merge suggestions (rapidfuzz, in blocks) and writes four CSV files; each of those steps works column by "
        "column and parses each distinct cell text once; together they take two to three times as long as the "
        "reading. The fresh-process row adds the command line's start-up (importing the analyses, maps and "
        "backends) and pandas' import.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if args.record:
        results = RESULTS.read_text(encoding="utf-8")
        if SECTION in results:
            start = results.index(SECTION)
            following = results.find("\n## ", start + len(SECTION))
            results = results[:start] + text + (results[following + 1 :] if following != -1 else "")
        else:
            results = results.rstrip("\n") + "\n\n" + text
        RESULTS.write_text(results, encoding="utf-8")


if __name__ == "__main__":
    main()
