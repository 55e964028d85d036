"""The command line: a thin click layer over the library."""

from stakeholders.cli import analysis_commands, dataset_commands  # noqa: F401  (registers the commands)
from stakeholders.cli.app import main

__all__ = ["main"]
