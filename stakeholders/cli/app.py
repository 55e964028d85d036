"""The click group, its global options (--quiet, --verbose, --version), error handling and exit codes."""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator
from typing import Any, TextIO, cast

import click

from stakeholders import __version__
from stakeholders.errors import EXIT_CODE_MEANINGS, ExitCode, StakeholdersError
from stakeholders.problems import DatasetError
from stakeholders.schema import DATA_FORMAT_VERSION

# ctx.meta keys: how much to say on stderr, and the real stderr while --quiet hides the rest.
QUIET, VERBOSE, REAL_STDERR = "stakeholders.quiet", "stakeholders.verbose", "stakeholders.stderr"


class App(click.Group):
    """Turns library errors into one clear message on stderr and an exit code.

    With ``--quiet`` everything a command writes to stderr (warnings, summaries) is dropped; errors
    still reach stderr, since they are printed here after the command has stopped.
    """

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
