"""A built wheel (and an editable install) gives a working `stakeholders` from any working directory."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow

# Prints where the installed package finds itself, its Cypher files and its sample.
WHERE = (
    "import json, stakeholders, stakeholders.resources as r; "
    "print(json.dumps({'package': stakeholders.__file__, 'cypher': str(r.cypher_dir()), "
    "'cypher_exists': r.cypher_dir().is_dir(), 'sample': str(r.sample_dataset())}))"
)


def clean_env() -> dict[str, str]:
    """The environment without anything that would import the checkout instead of the install."""
    return {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}}


def sh(*args: str | Path, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=clean_env(), capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result


def make_venv(path: Path, cwd: Path) -> Path:
    # --system-site-packages reuses the installed dependencies; the package itself is installed for real.
    sh(sys.executable, "-m", "venv", "--system-site-packages", path, cwd=cwd)
    return path / "bin"


def check_installed(bin_dir: Path, elsewhere: Path, expected_root: Path) -> dict[str, object]:
    where = json.loads(sh(bin_dir / "python", "-c", WHERE, cwd=elsewhere).stdout)
    assert Path(str(where["package"])).resolve().is_relative_to(expected_root.resolve()), where
    assert where["cypher_exists"], where
    assert Path(str(where["cypher"])).resolve().is_relative_to(expected_root.resolve()), where
    result = sh(bin_dir / "stakeholders", "validate", "sample:umearegionen", "--format", "json", cwd=elsewhere)
    assert json.loads(result.stdout)["valid"] is True
    return where


def test_wheel_installs_into_a_fresh_venv_and_runs_from_anywhere(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    dist = tmp_path / "dist"
    isolation = [] if importlib.util.find_spec("hatchling") is None else ["--no-isolation"]
    sh(sys.executable, "-m", "build", "--wheel", *isolation, "--outdir", dist, REPOSITORY, cwd=tmp_path)
    (wheel,) = dist.glob("stakeholders-*.whl")
    # The maps' vis-network is our resource: the wheel carries it with its licences.
    vendored = {n for n in zipfile.ZipFile(wheel).namelist() if n.startswith("stakeholders/vendor/vis-network/")}
    assert {
        f"stakeholders/vendor/vis-network/{f}" for f in ("vis-network.min.js", "LICENSE-MIT", "LICENSE-APACHE-2.0")
    } <= vendored
    venv = tmp_path / "venv"
    bin_dir = make_venv(venv, tmp_path)
    sh(bin_dir / "python", "-m", "pip", "install", "--no-deps", "--force-reinstall", "--no-index", wheel, cwd=tmp_path)
    where = check_installed(bin_dir, elsewhere, venv)
    assert Path(str(where["sample"])).is_relative_to(venv)
    failing = subprocess.run(
        [bin_dir / "stakeholders", "validate", str(elsewhere)], cwd=elsewhere, env=clean_env(), capture_output=True
    )
    assert failing.returncode == 2
    assert b"Traceback" not in failing.stderr


def test_editable_install_runs_from_anywhere(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    bin_dir = make_venv(tmp_path / "venv", tmp_path)
    sh(bin_dir / "python", "-m", "pip", "install", "--no-deps", "--force-reinstall", "-e", REPOSITORY, cwd=tmp_path)
    check_installed(bin_dir, elsewhere, REPOSITORY)
