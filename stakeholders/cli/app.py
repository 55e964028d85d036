"""The click group, its global options (--quiet, --verbose, --version), error handling and exit codes."""

from __future__ import annotations

import contextlib
import importlib
import io
import sys
from collections.abc import Iterator
from typing import Any, TextIO, cast

import click
from click.utils import make_default_short_help

from stakeholders import __version__
from stakeholders.errors import EXIT_CODE_MEANINGS, ExitCode, StakeholdersError
from stakeholders.problems import DatasetError
from stakeholders.schema import DATA_FORMAT_VERSION

# ctx.meta keys: how much to say on stderr, and the real stderr while --quiet hides the rest.
QUIET, VERBOSE, REAL_STDERR = "stakeholders.quiet", "stakeholders.verbose", "stakeholders.stderr"

# Each command: the module of stakeholders.cli that defines it, and the first sentence of its help, which
# `stakeholders --help` lists. Modules are imported only for the command that runs (they import the analyses,
# maps and backends, about 1.5 s), so that --help answers at once; tests/test_cli_app.py checks this table
# against the commands themselves.
COMMANDS: dict[str, tuple[str, str]] = {
    "brokers": (
        "analysis_commands",
        "Actors who hold the network together: betweenness, constraint, articulation points.",
    ),
    "catalogue": (
        "catalogue_commands",
        "Catalogue every actor by orientation (or municipality, target group, sector, type).",
    ),
    "coverage": ("analysis_commands", "Who serves each target group in each municipality; uncovered needs first."),
    "demand": (
        "analysis_commands",
        "Occupations in shortage per municipality: who fits them, who prepares for them, and the gaps.",
    ),
    "duplicates": (
        "analysis_commands",
        "Projects doing the same thing for the same people in the same place at the same time.",
    ),
    "export": (
        "map_commands",
        "Export the whole graph with every attribute for Gephi, Cytoscape, yEd, igraph or scripts.",
    ),
    "gaps": ("analysis_commands", "Actors, projects and municipalities that should talk and don't, ranked."),
    "forecast": (
        "import_commands",
        "Write a dataset's labour demand from Arbetsförmedlingen's occupational forecast (Yrkesbarometern).",
    ),
    "generate": (
        "generate_commands",
        "Generate a realistic synthetic dataset with planted gaps and duplicates (listed in planted.json).",
    ),
    "import": (
        "import_commands",
        "Turn lists of operations (Kohesio CSV exports, national lists; CSV or .xlsx) into one dataset folder.",
    ),
    "info": ("dataset_commands", "Count nodes and relations, and quantify each municipality."),
    "init": ("dataset_commands", "Write a template dataset (every file, its headers and an example row) to fill in."),
    "map": ("map_commands", "Write an interactive network map: one offline HTML file for a workshop."),
    "partners": (
        "proposal_commands",
        "The actors an actor should talk to and does not yet: shared work, and who is two steps away.",
    ),
    "propose": (
        "proposal_commands",
        "Proposals for joint work: forums for parallel projects, consortia for unserved needs, introductions.",
    ),
    "pull": (
        "neo4j_commands",
        "Write a dataset from Neo4j back as CSV files (edit in Neo4j Browser or Bloom, get spreadsheets back).",
    ),
    "push": (
        "neo4j_commands",
        "Write a dataset to Neo4j, all or nothing (the password comes from NEO4J_PASSWORD or a prompt).",
    ),
    "report": ("report_commands", "Write one offline HTML report of the whole analysis (with maps and catalogue)."),
    "similar": (
        "proposal_commands",
        "Similar projects elsewhere: for each project of DATA, the most alike projects of other lists.",
    ),
    "validate": ("dataset_commands", "Check a dataset and list every error and warning with file, row and column."),
}

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
    """Loads each command's module when it is used; turns library errors into one message and an exit code.

    With ``--quiet`` everything a command writes to stderr (warnings, summaries) is dropped; errors
    still reach stderr, since they are printed here after the command has stopped.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            importlib.import_module(f"stakeholders.cli.{COMMANDS[cmd_name][0]}")  # registers its commands
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from :data:`COMMANDS`, without importing the commands' modules."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(map(len, names))
        rows = []
        for name in names:
            loaded = self.commands.get(name)
            if loaded is not None and loaded.hidden:
                continue
            summary = loaded.get_short_help_str(limit) if loaded else make_default_short_help(COMMANDS[name][1], limit)
            rows.append((name, summary))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    command_class = OwnOptionsFirst

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with _quiet_stderr(ctx):
                return super().invoke(ctx)
        except DatasetError as error:
            report_problems(error, warnings=not ctx.meta.get(QUIET))
            ctx.exit(error.exit_code)
        except StakeholdersError as error:
            click.echo(f"Error: {error}", err=True)
            ctx.exit(error.exit_code)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(ExitCode.OK)


@contextlib.contextmanager
def _quiet_stderr(ctx: click.Context) -> Iterator[None]:
    """While the command runs: stderr dropped if --quiet (the group's callback has set it by then)."""

    class Drop(io.TextIOBase):
        def write(self, text: str) -> int:
            return len(text) if ctx.meta.get(QUIET) else ctx.meta[REAL_STDERR].write(text)

        def flush(self) -> None:
            if not ctx.meta.get(QUIET):
                ctx.meta[REAL_STDERR].flush()

    ctx.meta[REAL_STDERR] = sys.stderr
    with contextlib.redirect_stderr(Drop()):
        yield


def real_stderr() -> TextIO:
    """stderr itself, also under --quiet (for a prompt that must be seen)."""
    ctx = click.get_current_context(silent=True)
    return cast(TextIO, ctx.meta.get(REAL_STDERR, sys.stderr) if ctx is not None else sys.stderr)


def verbose() -> bool:
    """Whether --verbose was given."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.meta.get(VERBOSE))


def detail(message: str) -> None:
    """A line on stderr with --verbose only."""
    if verbose():
        click.echo(message, err=True)


def report_problems(error: DatasetError, *, warnings: bool = True) -> None:
    """The dataset's errors (and warnings) on stderr: errors also under --quiet."""
    stderr = real_stderr()
    for problem in error.warnings if warnings else ():
        click.echo(f"warning: {problem}", file=stderr)
    for problem in error.errors:
        click.echo(f"error: {problem}", file=stderr)
    count = len(error.errors)
    click.echo(f"The dataset has {count} error{'s' if count != 1 else ''}; nothing was loaded or written.", file=stderr)
    if error.skippable:
        hint = "Run again with --skip-invalid to load the valid rows and write the others to rejected.csv."
        click.echo(hint, file=stderr)


EXIT_CODES = "Exit codes: " + "; ".join(f"{int(code)} {meaning}" for code, meaning in EXIT_CODE_MEANINGS.items()) + "."
EPILOG = (
    f"{EXIT_CODES}\n\n"
    'Shell completion (bash): eval "$(_STAKEHOLDERS_COMPLETE=bash_source stakeholders)"; '
    "zsh_source and fish_source for zsh and fish (docs/cli.md)."
)
VERSION_MESSAGE = f"%(prog)s %(version)s (data format {DATA_FORMAT_VERSION})"


@click.group(
    cls=App,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=EPILOG,
)
@click.version_option(__version__, prog_name="stakeholders", message=VERSION_MESSAGE)
@click.option("-q", "--quiet", is_flag=True, help="Say nothing on stderr but errors (no warnings, no summaries).")
@click.option("-v", "--verbose", is_flag=True, help="Say more on stderr: what is read and written, and counts.")
@click.pass_context
def main(ctx: click.Context, quiet: bool, verbose: bool) -> None:
    """Who should talk and doesn't: a region's actors, projects and target groups as one graph.

    Example: stakeholders report data/umearegionen -o report
    """
    if quiet and verbose:
        raise click.UsageError("give --quiet or --verbose, not both")
    ctx.meta[QUIET], ctx.meta[VERBOSE] = quiet, verbose
