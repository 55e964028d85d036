"""The limits on what a dataset's files may hold (cells, workbook sizes), each raised by an environment variable.

Listed in docs/reliability.md; :mod:`stakeholders.tables` applies them to every file size and both CSV readers.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limit:
    """A limit on what a dataset may hold, raised by setting the environment variable ``variable``.

    The same for every file size and for both CSV readers; listed in docs/reliability.md.
    """

    variable: str
    default: int
    what: str  # "characters in one cell"

    def value(self) -> int:
        text = os.environ.get(self.variable, "").replace("_", "").strip()
        return int(text) if text.isdigit() and int(text) > 0 else self.default

    def hint(self) -> str:
        return f"The limit is {self.value():,} {self.what}; set {self.variable} to a larger number to raise it"


MAX_CELL_CHARS = Limit("STAKEHOLDERS_MAX_CELL_CHARS", 1_000_000, "characters in one cell")
MAX_WORKBOOK_CELLS = Limit("STAKEHOLDERS_MAX_WORKBOOK_CELLS", 10_000_000, "cells in a workbook")
MAX_WORKBOOK_BYTES = Limit("STAKEHOLDERS_MAX_WORKBOOK_BYTES", 1 << 30, "bytes inflated from a workbook")
MAX_WORKBOOK_RATIO = Limit("STAKEHOLDERS_MAX_WORKBOOK_RATIO", 200, "times its compressed size per workbook part")
RATIO_FROM_BYTES = 1 << 20  # parts smaller than this inflate as they like (within the size limit)
