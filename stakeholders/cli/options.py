"""Options that several commands share: the dataset source and output format."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

import click

from stakeholders.resources import resolve_data_path
from stakeholders.safety import neutralise_cell

FORMATS = ("table", "json", "csv")


def data_argument(func: Callable[..., Any]) -> Callable[..., Any]:
    """The DATA argument: a folder of CSV files, an .xlsx workbook, or sample:NAME."""
    return click.argument("data", metavar="DATA")(func)


def format_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(FORMATS),
        default=None,
        help="Output format [default: table on a terminal, else json].",
    )(func)


def chosen_format(output_format: str | None) -> str:
    if output_format:
        return output_format
    return "table" if sys.stdout.isatty() else "json"


def data_path(data: str):
    return resolve_data_path(data)


def render(
    records: Sequence[dict[str, Any]],
    output_format: str,
    columns: Sequence[str],
    explain: Callable[[dict[str, Any]], str] | None = None,
    document: Any = None,
) -> str:
    """Records as a table, JSON (``document`` if given, else the records) or CSV."""
    if output_format == "json":
        return json.dumps(records if document is None else document, ensure_ascii=False, indent=2, default=str)
    if output_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for record in records:
            writer.writerow([neutralise_cell(cell_text(record.get(c))) for c in columns])
        return buffer.getvalue().rstrip("\n")
    return table_text(records, columns, explain)


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(cell_text(v) for v in value)
    if isinstance(value, float):
        return f"{value:.4g}" if not value.is_integer() else str(int(value))
    return str(value)


def table_text(
    records: Sequence[dict[str, Any]], columns: Sequence[str], explain: Callable[[dict[str, Any]], str] | None
) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    if explain is not None:
        return "\n".join(f"{i}. {explain(r)}" for i, r in enumerate(records, start=1)) or "(none)"
    table = Table(*columns, show_lines=False)
    for record in records:
        table.add_row(*(Text(cell_text(record.get(c))) for c in columns))  # Text: user text is not markup
    console = Console(file=io.StringIO(), width=160, force_terminal=False, highlight=False)
    console.print(table)
    return console.file.getvalue().rstrip("\n")  # type: ignore[attr-defined]
