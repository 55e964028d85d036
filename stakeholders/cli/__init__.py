"""The command line: a thin click layer over the library.

Each command's module is imported when that command runs (see :data:`stakeholders.cli.app.COMMANDS`).
"""

from stakeholders.cli.app import main

__all__ = ["main"]
