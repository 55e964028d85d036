"""The actor catalogue: stakeholders catalogue."""

from __future__ import annotations

from pathlib import Path

import click

from stakeholders.backends import Backend
from stakeholders.catalogue import FORMATS, GROUPINGS, LANGS, build_catalogue, catalogue_file
from stakeholders.catalogue.output import RENDERERS
from stakeholders.cli.app import main
from stakeholders.cli.options import source_options, to_stdout, write_stdout
from stakeholders.errors import UsageError


@main.command()
@source_options
@click.option("--by", type=click.Choice(GROUPINGS), default="orientation", show_default=True, help="What a group is.")
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default=None, help="Output format [default: from the file name]."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The file to write, or - for standard output (csv, md, html).",
)
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True, help="Language of headings.")
@click.option(
    "--no-personal-data",
    is_flag=True,
    help="Leave out contact person, e-mail and phone (for catalogues that are published).",
)
def catalogue(source: Backend, by: str, fmt: str | None, output: Path, lang: str, no_personal_data: bool) -> None:
    """Catalogue every actor by orientation (or municipality, target group, sector, type).

    One section per group in Swedish alphabetical order, as an Excel workbook, CSV, Markdown or one
    self-contained HTML page with a search field.

    Example: stakeholders catalogue data/umearegionen -o katalog.xlsx --lang sv
    """
    personal_data = not no_personal_data
    if to_stdout(output):
        if fmt is None or fmt == "xlsx":
            raise UsageError("with -o - give --format csv, md or html (a text format)")
        catalogue = build_catalogue(source.dataset(), by=by, lang=lang, personal_data=personal_data)
        write_stdout(RENDERERS[fmt](catalogue))
        return
    path = catalogue_file(source.dataset(), output, by=by, fmt=fmt, lang=lang, personal_data=personal_data)
    click.echo(str(path))
