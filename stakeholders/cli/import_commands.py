"""The import command: published lists of operations (Kohesio, national Article 49 lists) or a map drawn in Kumu
or Onodo, as a dataset."""

from __future__ import annotations

from pathlib import Path

import click

from stakeholders.cli.app import main, report_problems
from stakeholders.errors import ExitCode, UsageError
from stakeholders.importers import Layout, import_lists
from stakeholders.importers.graph_import import MapFormat, MapImportResult, detect_map_format, import_map
from stakeholders.problems import DatasetError

_EPILOG = (
    "Exit codes: 0 written; 2 invalid input (bad values, unknown layout, bad mapping file; nothing written); "
    "7 the output could not be written; 1 an unexpected failure (please report it). See docs/import.md."
)


@main.command("import", epilog=_EPILOG)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="Dataset folder to write (new or empty)."
)
@click.option(
    "--format",
    "layout",
    type=click.Choice([*(layout.value for layout in Layout), *(f.value for f in MapFormat)]),
    default=None,
    help="Layout of the lists, or kumu / onodo for a map's workbook [default: detected from the headers and sheets].",
)
@click.option(
    "--columns",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help='Mapping file (TOML, our_field = "their header") for headers the built-in names miss.',
)
@click.option("--keep-personal-data", is_flag=True, help="Copy contact persons, e-mails and phones (left out).")
@click.option("--skip-invalid", is_flag=True, help="Import the good rows; write the rejected ones to rejected.csv.")
@click.option(
    "--rejected",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Where --skip-invalid writes the rejected rows [default: rejected.csv next to the output folder].",
)
@click.pass_context
def import_(
    ctx: click.Context,
    files: tuple[Path, ...],
    output: Path,
    layout: str | None,
    columns: Path | None,
    keep_personal_data: bool,
    skip_invalid: bool,
    rejected: Path | None,
) -> None:
    """Turn lists of operations (Kohesio CSV exports, national lists; CSV or .xlsx) into one dataset folder.

    Actors are resolved across the files by organisation name (case, punctuation, legal forms and filler
    words do not count); likely but uncertain matches go to OUTPUT/merge-suggestions.csv.

    A map exported from Kumu (sheets Elements and Connections) or Onodo (nodes and relations) is imported
    the same way, one workbook at a time (docs/migrate.md).

    Example: stakeholders import dk-erdf-2014-2020.csv -o dk && stakeholders validate dk
    """
    map_format = _map_format(files, layout)
    if map_format is not None:
        if columns is not None or skip_invalid or rejected is not None:
            raise UsageError("--columns, --skip-invalid and --rejected are for lists of operations, not for a map")
        _report_map(import_map(files[0], output, format=map_format, keep_personal_data=keep_personal_data))
        return
    try:
        result = import_lists(
            files,
            output,
            layout=layout,
            columns=columns,
            keep_personal_data=keep_personal_data,
            skip_invalid=skip_invalid,
            rejected=rejected,
        )
    except DatasetError as error:
        report_problems(error)  # with the advice to run again with --skip-invalid when that would help
        ctx.exit(ExitCode.INVALID_DATA)
    click.echo(
        f"{result.directory}: {result.projects} projects, {result.actors} actors, "
        f"{result.municipalities} municipalities, {result.target_groups} target groups"
    )
    click.echo(
        f"{result.merged_actors} actors gathered several spellings (aliases); "
        f"{result.suggestions} uncertain matches in {result.directory / 'merge-suggestions.csv'}"
    )
    for source in result.sources:
        if source.skipped:
            reasons = "; ".join(f"{reason} ({count})" for reason, count in source.reasons)
            click.echo(f"skipped {source.skipped} of {source.rows} rows of {source.file}: {reasons}", err=True)
    if result.rejected_file is not None:
        click.echo(f"rejected rows: {result.rejected_file}", err=True)


def _map_format(files: tuple[Path, ...], layout: str | None) -> MapFormat | None:
    """The map format to import, if the files are a map (given by --format, else detected from the sheets)."""
    if layout is not None:
        found = MapFormat(layout) if layout in {f.value for f in MapFormat} else None
    else:
        found = next((f for f in map(detect_map_format, files) if f is not None), None)
    if found is not None and len(files) != 1:
        raise UsageError(f"a {found.value} map is imported on its own: give one workbook, not {len(files)} files")
    return found


def _report_map(result: MapImportResult) -> None:
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    counts = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in result.counts.items())
    click.echo(f"{result.directory}: {counts} (read as a {result.format.value} map)")


@main.command("forecast", epilog=_EPILOG)
@click.argument("forecast_file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.argument("data", type=click.Path(path_type=Path, file_okay=False, exists=True))
def forecast(forecast_file: Path, data: Path) -> None:
    """Write a dataset's labour demand from Arbetsförmedlingen's occupational forecast (Yrkesbarometern).

    FORECAST_FILE is the forecast as published (CSV or JSON, a row per occupation and county); DATA is a
    dataset folder whose municipality ids are municipality codes. Writes DATA/labour_demand.csv (replacing
    it) and adds the forecast's occupations to DATA/occupations.csv. See docs/data-format.md.

    Example: stakeholders forecast yrkesbarometer.csv data/umearegionen
    """
    from stakeholders.importers.forecast import convert_forecast

    result = convert_forecast(forecast_file, data)
    without = len(result.municipalities_without_forecast)
    click.echo(
        f"{result.rows} forecast rows, {result.occupations_added} occupations added"
        + (f"; {without} municipalities have no forecast row" if without else ""),
        err=True,
    )
    click.echo(str(result.path))
