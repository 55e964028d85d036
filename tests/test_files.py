"""Writing files all or nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from stakeholders.errors import OutputError
from stakeholders.files import write_atomically


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "k.csv"
    path.write_text("old")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OutputError, match="No space left"):
        write_atomically(path, b"new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["k.csv"]


def test_writes_and_creates_parent_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b.txt"
    write_atomically(path, "å".encode())
    assert path.read_text(encoding="utf-8") == "å"
