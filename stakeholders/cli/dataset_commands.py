"""Commands on the dataset itself: validate, info, init."""

from __future__ import annotations

from pathlib import Path

import click

from stakeholders.cli.app import main, report_problems
from stakeholders.cli.options import (
    chosen_format,
    data_argument,
    format_option,
    load_data,
    render,
    skip_invalid_options,
)
from stakeholders.info import dataset_info
from stakeholders.problems import DatasetError
from stakeholders.template import write_template


@main.command()
@data_argument
@format_option
@skip_invalid_options
def validate(data: str, output_format: str | None, skip_invalid: bool, rejected_path: Path | None) -> None:
    """Check a dataset and list every error and warning with file, row and column.

    With --format json every problem (severity, file, row, column, value, message, hint) is printed as
    JSON whether the dataset is valid or not.

    Exit codes: 0 valid (or, with --skip-invalid, loaded without the rows left out), 2 invalid, 7 the
    rejected rows could not be written.

    Example: stakeholders validate data/umearegionen --skip-invalid --rejected rejected.csv
    """
    as_json = chosen_format(output_format) == "json"
    try:
        loaded = load_data(data, skip_invalid=skip_invalid, rejected_path=rejected_path)
    except DatasetError as error:
        if not as_json:
            raise
        # Every problem as JSON on stdout, the same summary as without --format json on stderr, exit 2.
        problems = [*error.errors, *error.warnings]
        document = {"valid": False, "dataset": data, "errors": len(error.errors), "warnings": len(error.warnings)}
        click.echo(render([], "json", [], document={**document, "problems": [p.to_json() for p in problems]}))
        report_problems(error, warnings=False)
        click.get_current_context().exit(error.exit_code)
    dataset, warnings = loaded.dataset, loaded.warnings
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    summary = {
        "valid": True,
        "dataset": dataset.name,
        "actors": len(dataset.actors),
        "projects": len(dataset.projects),
        "municipalities": len(dataset.municipalities),
        "target_groups": len(dataset.target_groups),
        "warnings": [w.to_json() for w in warnings],
        "problems": [w.to_json() for w in warnings],
    }
    if skip_invalid:
        summary["rejected"] = [row.to_json() for row in loaded.rejected]
    if as_json:
        click.echo(render([], "json", [], document=summary))
    else:
        click.echo(
            f"{dataset.name}: valid ({summary['actors']} actors, {summary['projects']} projects, "
            f"{summary['municipalities']} municipalities, {summary['target_groups']} target groups; "
            f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}"
            + (f"; {len(loaded.rejected)} rows left out" if skip_invalid else "")
            + ")"
        )


INFO_COLUMNS = ("municipality", "name", "population", "foreign_born", "expected_arrivals", "actors", "projects")


@main.command()
@data_argument
@format_option
@skip_invalid_options
def info(data: str, output_format: str | None, skip_invalid: bool, rejected_path: Path | None) -> None:
    """Count nodes and relations, and quantify each municipality.

    Example: stakeholders info data/umearegionen --format json
    """
    dataset = load_data(data, skip_invalid=skip_invalid, rejected_path=rejected_path).dataset
    summary = dataset_info(dataset)
    fmt = chosen_format(output_format)
    rows = [m.to_json() for m in summary.municipalities]
    if fmt == "table":
        counts = ", ".join(f"{n} {kind}" for kind, n in {**summary.nodes, **summary.relations}.items())
        click.echo(f"{summary.name}: {counts}")
    click.echo(render(rows, fmt, INFO_COLUMNS, document=summary.to_json()))


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--xlsx", is_flag=True, help="Write one workbook (DIRECTORY/dataset.xlsx) instead of CSV files.")
def init(directory: Path, xlsx: bool) -> None:
    """Write a template dataset (every file, its headers and an example row) to fill in.

    Example: stakeholders init my-region --xlsx
    """
    for path in write_template(directory, xlsx=xlsx):
        click.echo(str(path))
