"""The click group, error handling and exit codes shared by every command."""

from __future__ import annotations

import sys
from typing import Any

import click

from stakeholders import __version__
from stakeholders.errors import ExitCode, StakeholdersError
from stakeholders.problems import DatasetError

NEO4J_OPTIONS = ("backend", "uri", "user", "database", "dataset")  # source_options' connection options


class OwnOptionsFirst(click.Command):
    """A command whose ``--help`` lists its own options first and the Neo4j connection options apart, after them."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        params = self.get_params(ctx)
        if not any(p.name == "backend" for p in params):  # push, pull: the connection is what they are about
            super().format_options(ctx, formatter)
            return
        own = [r for p in params if p.name not in NEO4J_OPTIONS and (r := p.get_help_record(ctx))]
        neo4j = [r for p in params if p.name in NEO4J_OPTIONS and (r := p.get_help_record(ctx))]
        if own:
            with formatter.section("Options"):
                formatter.write_dl(own)
        if neo4j:
            with formatter.section("Neo4j (instead of DATA)"):
                formatter.write_dl(neo4j)


class App(click.Group):
    """Turns library errors into one clear message on stderr and an exit code."""

    command_class = OwnOptionsFirst

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DatasetError as error:
            report_problems(error)
            ctx.exit(error.exit_code)
        except StakeholdersError as error:
            click.echo(f"Error: {error}", err=True)
            ctx.exit(error.exit_code)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(ExitCode.OK)


def report_problems(error: DatasetError) -> None:
    for problem in error.warnings:
        click.echo(f"warning: {problem}", err=True)
    for problem in error.errors:
        click.echo(f"error: {problem}", err=True)
    count = len(error.errors)
    click.echo(f"The dataset has {count} error{'s' if count != 1 else ''}; nothing was loaded or written.", err=True)
    if error.skippable:
        hint = "Run again with --skip-invalid to load the valid rows and write the others to rejected.csv."
        click.echo(hint, err=True)


EXIT_CODES = (
    "Exit codes: 0 done; 1 an unexpected failure (please report it); 2 invalid data or options (nothing written); "
    "3 Neo4j unreachable; 4 Neo4j refused the user or password; 5 no such Neo4j database; 6 Neo4j too old; "
    "7 the output could not be written."
)


@click.group(
    cls=App,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=EXIT_CODES,
)
@click.version_option(__version__, prog_name="stakeholders")
def main() -> None:
    """Who should talk and doesn't: a region's actors, projects and target groups as one graph.

    Example: stakeholders report data/umearegionen -o report
    """
