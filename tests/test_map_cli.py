"""The map and export commands: thin, with one line of output and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from stakeholders.cli import main
from stakeholders.errors import ExitCode


@pytest.fixture
def run():
    runner = CliRunner()

    def run_(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return run_


def test_map_writes_the_file_and_prints_its_path(run, tmp_path: Path) -> None:
    target = tmp_path / "map.html"
    result = run(
        "map",
        "sample:umearegionen",
        "-o",
        str(target),
        "--show-gaps",
        "--show-duplicates",
        "--color-by",
        "sector",
        "--size-by",
        "betweenness",
        "--lang",
        "sv",
        "--title",
        "Workshop",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(target)
    assert "67 nodes" in result.stderr
    html = target.read_text(encoding="utf-8")
    assert "<title>Workshop</title>" in html and "Teckenförklaring" in html


def test_map_focus_depth_and_layers(run, tmp_path: Path) -> None:
    target = tmp_path / "focus.html"
    result = run(
        "map",
        "sample:umearegionen",
        "-o",
        str(target),
        "--focus",
        "Umeå",
        "--depth",
        "1",
        "--layers",
        "cooperation,municipalities",
    )
    assert result.exit_code == 0, result.output
    assert "Neighbourhood of Umeå" in target.read_text(encoding="utf-8")


def test_unknown_focus_exits_with_a_usage_error_and_writes_nothing(run, tmp_path: Path) -> None:
    target = tmp_path / "map.html"
    result = run("map", "sample:umearegionen", "-o", str(target), "--focus", "Umea universitet")
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "no actor, project, municipality or target group 'Umea universitet'" in result.stderr
    assert "Umeå universitet" in result.stderr
    assert not target.exists()


def test_unknown_layer_is_a_usage_error(run, tmp_path: Path) -> None:
    result = run("map", "sample:umearegionen", "-o", str(tmp_path / "m.html"), "--layers", "friends")
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "unknown layer 'friends'" in result.stderr


def test_no_personal_data_option(run, tmp_path: Path) -> None:
    target = tmp_path / "map.html"
    assert run("map", "sample:umearegionen", "-o", str(target), "--no-personal-data").exit_code == 0
    assert "@example.se" not in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "json"])
def test_export_command(run, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"graph.{fmt}"
    result = run("export", "sample:umearegionen", "--format", fmt, "-o", str(target), "--no-personal-data")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(target)
    assert "@example.se" not in target.read_text(encoding="utf-8")


def test_export_format_from_the_suffix_or_an_error(run, tmp_path: Path) -> None:
    assert run("export", "sample:umearegionen", "-o", str(tmp_path / "g.json")).exit_code == 0
    assert json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))["directed"] is True
    result = run("export", "sample:umearegionen", "-o", str(tmp_path / "g.txt"))
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "--format gexf|graphml|json" in result.stderr


@pytest.mark.parametrize("command", ["map", "export"])
def test_help_has_a_summary_and_an_example(run, command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert f"Example: stakeholders {command} data/umearegionen" in result.output
