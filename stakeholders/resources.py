"""Where the bundled Cypher files and sample datasets are, installed or not."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    # A wheel carries the folder inside the package; a checkout (and an
    # editable install) has it at the repository root.
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def cypher_dir() -> Path:
    """The folder of named ``.cypher`` files."""
    return _bundled("cypher")


def data_dir() -> Path:
    """The folder of bundled sample datasets."""
    return _bundled("data")


def sample_dataset(name: str = "umearegionen") -> Path:
    """The path of a bundled sample dataset."""
    return data_dir() / name


SAMPLE_PREFIX = "sample:"


def resolve_data_path(text: str) -> Path:
    """A dataset path as the user wrote it; ``sample:NAME`` names a bundled sample."""
    if text.startswith(SAMPLE_PREFIX):
        return sample_dataset(text.removeprefix(SAMPLE_PREFIX) or "umearegionen")
    return Path(text)
