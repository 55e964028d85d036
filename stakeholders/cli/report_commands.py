"""The coordinator's report."""

from __future__ import annotations

import sys
import webbrowser
from pathlib import Path

import click

from stakeholders.backends import Backend
from stakeholders.cli.app import main
from stakeholders.cli.options import source_options
from stakeholders.report.build import ReportOptions, steps, write_report


@main.command()
@source_options
@click.option("-o", "--output", "target", type=click.Path(path_type=Path), required=True, help="Report folder.")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True, help="Language.")
@click.option("--no-personal-data", is_flag=True, help="Leave out contact persons, e-mails and phones everywhere.")
@click.option(
    "--small-count",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    help="Show target-group counts below this as <N.",
)
@click.option(
    "--similar-in",
    "similar_lists",
    multiple=True,
    help="Also look for similar projects in this list (a dataset folder, or a CSV list of operations such as a "
    "Kohesio export); repeatable.",
)
@click.option(
    "--similar-index",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    help="Keep the --similar-in lists indexed in this folder (as `stakeholders similar --index`).",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the report in the browser when done.")
def report(
    source: Backend,
    target: Path,
    lang: str,
    no_personal_data: bool,
    small_count: int,
    similar_lists: tuple[str, ...],
    similar_index: str | None,
    open_browser: bool,
) -> None:
    """Write one offline HTML report of the whole analysis (with maps and catalogue).

    Example: stakeholders report data/umearegionen -o report --lang en
    """
    index = None
    if similar_lists:
        from stakeholders.similar_lists import open_lists

        source.dataset()  # DATA's mistakes first, before any list is read
        index, notes = open_lists(similar_lists, similar_index)
        for note in notes:
            click.echo(f"note: {note}", err=True)
    elif similar_index is not None:
        raise click.UsageError("--similar-index keeps the --similar-in lists indexed: give --similar-in too")
    options = ReportOptions(
        lang=lang,  # type: ignore[arg-type]
        personal_data=not no_personal_data,
        small_count=small_count,
        similar_index=index,
    )
    if sys.stderr.isatty():
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("report", total=steps(source))
            result = write_report(source, target, options, lambda step: bar.update(task, advance=1, description=step))
    else:
        result = write_report(source, target, options)
    click.echo(str(result.index))
    if open_browser:
        webbrowser.open(result.index.resolve().as_uri())
