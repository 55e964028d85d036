"""Kill points: a command killed with SIGKILL leaves the previous output or none, never half of one (issue 20).

Each command runs once whole (its duration sets the kill points and its output is the "previous"
one), is then killed at points spread over that duration, and runs whole once more: that run
must clean up what the killed ones left (temporary files, work folders).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from stakeholders import load_dataset
from stakeholders.schema import FILES

REPO = Path(__file__).resolve().parents[2]
FRACTIONS = (0.55, 0.9)  # of a whole run's duration


def whole_html(path: Path) -> bool:
    return path.read_bytes().rstrip().endswith(b"</html>")


def whole_json(path: Path) -> bool:
    json.loads(path.read_text(encoding="utf-8"))
    return True


def whole_xlsx(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        return archive.testzip() is None


def whole_report(path: Path) -> bool:
    return (
        (path / ".stakeholders-report").is_file()
        and whole_html(path / "index.html")
        and whole_json(path / "findings.json")
        and all(whole_html(m) for m in (path / "maps").iterdir())
    )


def whole_dataset(path: Path) -> bool:
    return bool(load_dataset(path).actors) and len(list(path.iterdir())) == len(FILES)  # init writes every file


@dataclass(frozen=True)
class Command:
    name: str
    args: tuple[str, ...]  # "{out}" is the output path
    output: str
    whole: Callable[[Path], bool]
    fresh: bool = False  # the command refuses an existing output (init): start from none each time


COMMANDS = [
    Command("map", ("map", "sample:umearegionen", "-o", "{out}"), "map.html", whole_html),
    Command("catalogue", ("catalogue", "sample:umearegionen", "--format", "xlsx", "-o", "{out}"), "c.xlsx", whole_xlsx),
    Command("export", ("export", "sample:umearegionen", "--format", "json", "-o", "{out}"), "graph.json", whole_json),
    Command("report", ("report", "sample:umearegionen", "-o", "{out}"), "report", whole_report),
    Command("init", ("init", "{out}"), "region", whole_dataset, fresh=True),
]


def start(command: Command, out: Path) -> subprocess.Popen[bytes]:
    args = [part.format(out=out) for part in command.args]
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    return subprocess.Popen(
        [sys.executable, str(REPO / "cli.py"), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        cwd=out.parent,
    )


def run_whole(command: Command, out: Path) -> float:
    began = time.monotonic()
    process = start(command, out)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr.decode(errors="replace")[-2000:]
    assert b"Traceback" not in stderr
    return time.monotonic() - began


def state(path: Path) -> bytes | dict[str, bytes] | None:
    if not path.exists():
        return None
    if path.is_dir():
        return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}
    return path.read_bytes()


@pytest.mark.parametrize("command", COMMANDS, ids=[c.name for c in COMMANDS])
def test_a_killed_run_leaves_the_previous_output_or_none(command: Command, tmp_path: Path) -> None:
    import shutil

    out = tmp_path / command.output
    duration = run_whole(command, out)
    assert command.whole(out)
    for fraction in FRACTIONS:
        if command.fresh:
            shutil.rmtree(out, ignore_errors=True)
        previous = state(out)
        process = start(command, out)
        time.sleep(duration * fraction)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        now = state(out)
        # the previous output, none (only a fresh one may be absent), or a whole new one: never a part
        if now is None:  # none: for a folder replaced whole, only between its two renames (put back next run)
            moved_aside = list(tmp_path.glob(f".{command.output}.*.old"))
            assert command.fresh or moved_aside, f"killed at {fraction:.0%}: the previous {command.output} is gone"
        elif now != previous:
            assert command.whole(out), f"killed at {fraction:.0%}: {command.output} is not whole"
    if command.fresh:
        shutil.rmtree(out, ignore_errors=True)
    run_whole(command, out)
    assert command.whole(out)
    assert [p.name for p in tmp_path.iterdir()] == [command.output], "a killed run's leftovers were not removed"


def dead_pid() -> int:
    """The pid of a process that has ended (a killed run's)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


@pytest.mark.parametrize("command", COMMANDS, ids=[c.name for c in COMMANDS])
def test_the_next_run_removes_what_a_killed_run_left(command: Command, tmp_path: Path) -> None:
    """Whatever moment a run was killed at, its temporary file or work folder goes with the next run."""
    out = tmp_path / command.output
    pid = dead_pid()
    half_file = tmp_path / f".{command.output}.{pid}-0badf00d.tmp"
    half_file.write_bytes(b"half a file")
    half_folder = tmp_path / f".{command.output}.{pid}-0badcafe.partial"
    (half_folder / "maps").mkdir(parents=True)
    (half_folder / "maps" / "m.html").write_bytes(b"<html")
    other = tmp_path / f".someone-else.html.{pid}-0badf00d.tmp"  # not this output's: left alone
    other.write_bytes(b"not ours")
    run_whole(command, out)
    assert command.whole(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([command.output, other.name])
