"""How long ``stakeholders --help`` takes in a fresh process (issue 19: under 0.3 s), side by side.

    python benchmarks/bench_cli_start.py [--repeat 10] [--record]

Measured alternately in fresh interpreters, best of ``--repeat`` each (wall clock, process start included):

- ``stakeholders --help`` as shipped: the command group imports a command's module only when it runs;
- the straightforward way: every command module imported up front (what ``stakeholders.cli`` did before),
  then the same ``--help``;
- ``stakeholders --version``, and ``python -c pass`` (the interpreter's own start, the floor).

With ``--record`` the section "CLI start-up (issue 19)" of benchmarks/RESULTS.md is replaced.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import busy, machine, record  # noqa: E402

SECTION = "## CLI start-up (issue 19)"
EAGER = (
    "import importlib\n"
    "from stakeholders.cli.app import COMMANDS, main\n"
    "for module in sorted({m for m, _ in COMMANDS.values()}):\n"
    "    importlib.import_module('stakeholders.cli.' + module)\n"
    "main(['--help'], prog_name='stakeholders')\n"
)
LAZY = "from stakeholders.cli import main\nmain(['--help'], prog_name='stakeholders')\n"
VERSION = "from stakeholders.cli import main\nmain(['--version'], prog_name='stakeholders')\n"
CASES = {
    "`stakeholders --help` (lazy command group)": LAZY,
    "every command module imported first, then `--help`": EAGER,
    "`stakeholders --version`": VERSION,
    "`python -c pass` (interpreter start)": "pass",
}


def timed(code: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--record", action="store_true", help="write the section of benchmarks/RESULTS.md")
    args = parser.parse_args()
    before = busy()
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(args.repeat):  # alternately, so that the machine's load falls on every case alike
        for name, code in CASES.items():
            times[name].append(timed(code))
    after = busy()
    best = {name: min(values) for name, values in times.items()}
    lazy, eager = best[next(iter(CASES))], best[list(CASES)[1]]
    box = machine()
    lines = [
        SECTION,
        "",
        f"`python benchmarks/bench_cli_start.py --record` on {dt.date.today().isoformat()}; {box['cpu']}, "
        f"{box['cores']} cores, Python {box['python']}; {before} before, {after} after.",
        "",
        f"Fresh interpreter each run, the cases alternately, best of {args.repeat} (wall clock).",
        "",
        "| command | best | median |",
        "| --- | ---: | ---: |",
    ]
    for name, values in times.items():
        lines.append(f"| {name} | {best[name]:.3f} s | {sorted(values)[len(values) // 2]:.3f} s |")
    lines += [
        "",
        f"Lazy against eager: **{eager / lazy:.1f}x** faster; target (issue 19): under 0.3 s, "
        f"{'met' if lazy < 0.3 else 'missed'}.",
        "",
    ]
    print("\n".join(lines))
    if args.record:
        record("\n".join(lines), SECTION)


if __name__ == "__main__":
    main()
