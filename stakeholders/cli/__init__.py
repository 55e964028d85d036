"""The command line: a thin click layer over the library."""

from stakeholders.cli import dataset_commands  # noqa: F401  (registers the commands)
from stakeholders.cli.app import main

__all__ = ["main"]
