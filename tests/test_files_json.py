"""Every JSON the tool writes is valid JSON: no NaN or Infinity, and numbers in range at validation."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

import stakeholders
from stakeholders import DatasetError, load_dataset
from stakeholders.exports import export_bytes

PACKAGE = Path(stakeholders.__file__).parent


def test_every_json_writer_refuses_nan_and_infinity() -> None:
    lacking = set()
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"json\.dumps?\(", text):
            call = _call(text, match.end() - 1)
            if "allow_nan=False" not in call and call != "(key)":
                lacking.add(str(path.relative_to(PACKAGE)))
    assert not lacking, f"json.dump(s) without allow_nan=False in {sorted(lacking)}"


def _call(text: str, start: int) -> str:
    """The parenthesised arguments from ``text[start]`` (an opening parenthesis) to its closing one."""
    depth = 0
    for position in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[position], 0)
        if depth == 0:
            return text[start : position + 1]
    return text[start:]


def test_a_budget_of_310_digits_is_an_error_at_validation(write_dataset) -> None:
    folder = write_dataset(actors="id,name\na,A\n", projects=f"id,name,owner,budget\np,P,a,{'9' * 310}\n")
    with pytest.raises(DatasetError) as caught:
        load_dataset(folder)
    (error,) = caught.value.errors
    assert (error.file, error.row, error.column) == ("projects.csv", 2, "budget")
    assert "too large" in error.message


def test_the_json_export_refuses_an_infinite_number(sample) -> None:
    project = next(iter(sample.projects.values()))
    broken = dataclasses.replace(
        sample, projects={**sample.projects, project.id: dataclasses.replace(project, budget=float("inf"))}
    )
    with pytest.raises(ValueError, match="JSON"):
        export_bytes(broken, "json")
