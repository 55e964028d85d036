"""stakeholders: a region's actors, projects, municipalities and target groups as one graph."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stakeholders.loader import load_dataset, load_with_warnings
    from stakeholders.model import Dataset
    from stakeholders.problems import DatasetError, Problem

__all__ = ["Dataset", "DatasetError", "Problem", "load_dataset", "load_with_warnings"]
__version__ = "0.1.0"

# The public names are imported on first use (PEP 562), so that `import stakeholders` (and the command line's
# --help and --version) do not load networkx and the loader.
_HOMES = {
    "Dataset": "stakeholders.model",
    "DatasetError": "stakeholders.problems",
    "Problem": "stakeholders.problems",
    "load_dataset": "stakeholders.loader",
    "load_with_warnings": "stakeholders.loader",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'stakeholders' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
