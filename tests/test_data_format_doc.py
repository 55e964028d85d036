"""docs/data-format.md stays true: every file and column of the schema is documented, and the examples validate."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stakeholders import load_with_warnings
from stakeholders.schema import FILES

DOC = Path(__file__).resolve().parent.parent / "docs" / "data-format.md"


def sections() -> dict[str, str]:
    """The text under each '### NAME.csv' heading."""
    parts = re.split(r"^### (\w+)\.csv.*$", DOC.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return {parts[i]: parts[i + 1].split("\n## ")[0] for i in range(1, len(parts), 2)}


@pytest.mark.parametrize("spec", FILES, ids=lambda spec: spec.name)
def test_every_file_and_column_is_documented(spec) -> None:
    section = sections()[spec.name]
    documented = re.findall(r"^\| (\w+) \| (yes|) *\|", section, flags=re.MULTILINE)
    assert [name for name, _ in documented] == list(spec.column_names)
    assert [name for name, required in documented if required] == list(spec.required_columns)


def test_the_examples_form_a_dataset_that_validates(tmp_path: Path) -> None:
    for name, section in sections().items():
        (example,) = re.findall(r"```csv\n(.*?)```", section, flags=re.DOTALL)
        (tmp_path / f"{name}.csv").write_text(example, encoding="utf-8")
    dataset, warnings = load_with_warnings(tmp_path)
    assert warnings == []
    assert len(dataset.actors) == 4 and len(dataset.projects) == 2
    assert dataset.actors["kfum"].all_municipalities
