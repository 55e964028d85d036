"""The catalogue as one flat CSV file and as Markdown."""

from __future__ import annotations

import re

from stakeholders.catalogue.build import Catalogue, Cell
from stakeholders.catalogue.labels import NUMBER_COLUMNS
from stakeholders.csv_styles import CsvStyle, csv_text
from stakeholders.safety import neutralise_cell


def spreadsheet_cell(value: Cell) -> Cell:
    """A cell as it may go into a spreadsheet: text that would run as a formula is neutralised."""
    return value if isinstance(value, int) else neutralise_cell(value)  # type: ignore[return-value]


def render_csv(catalogue: Catalogue, style: CsvStyle = CsvStyle.EXCEL) -> bytes:
    """One row per actor and group, the group in the first column; by default as Excel opens it (UTF-8 with BOM,
    comma; ``--csv`` chooses another style, :mod:`stakeholders.csv_styles`). Formulas are neutralised."""
    rows = ([group.label, *row.cells] for group in catalogue.groups for row in group.rows)
    return csv_text([catalogue.group_heading, *catalogue.headings], rows, style).encode("utf-8")


# Characters that would change a Markdown table or become markup: the table's
# cell separator, raw HTML, links and images, code spans, and the escape itself.
_MARKDOWN_SPECIAL = re.compile(r"([\\|<>\[\]`])")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def markdown_text(value: Cell) -> str:
    """A value as literal Markdown text on one line (safe inside a table cell)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _LINE_BREAKS.sub(" ", str(value)))


def _markdown_table(headings: list[str], rows: list[list[Cell]], right: set[int]) -> list[str]:
    lines = ["| " + " | ".join(markdown_text(h) for h in headings) + " |"]
    lines.append("| " + " | ".join("---:" if i in right else "---" for i in range(len(headings))) + " |")
    lines.extend("| " + " | ".join(markdown_text(cell) for cell in row) + " |" for row in rows)
    return lines


def render_markdown(catalogue: Catalogue) -> bytes:
    """A title, an overview table (group, number of actors), then a heading and a table per group."""
    lines = [f"# {markdown_text(catalogue.title)}: {markdown_text(catalogue.dataset)}", ""]
    dataset = markdown_text(catalogue.dataset)
    lines.append(catalogue.text("summary", actors=catalogue.actor_count, groups=len(catalogue.groups), dataset=dataset))
    if not catalogue.personal_data:
        lines.append("")
        lines.append(catalogue.text("no_personal"))
    lines.append("")
    overview: list[list[Cell]] = [[group.label, len(group.rows)] for group in catalogue.groups]
    lines.extend(_markdown_table([catalogue.group_heading, catalogue.text("actors")], overview, {1}))
    right = {i for i, column in enumerate(catalogue.columns) if column in NUMBER_COLUMNS}
    for group in catalogue.groups:
        lines.extend(["", f"## {markdown_text(group.label)} ({len(group.rows)})", ""])
        lines.extend(_markdown_table(list(catalogue.headings), [list(row.cells) for row in group.rows], right))
    return ("\n".join(lines) + "\n").encode("utf-8")
