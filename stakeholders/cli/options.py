"""Options that several commands share: the dataset source and output format."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from stakeholders.cli.app import detail
from stakeholders.resources import resolve_data_path
from stakeholders.safety import neutralise_cell

FORMATS = ("table", "json", "csv")
# ``-o -``: the output goes to standard output (text formats only).
STDOUT = "-"


def to_stdout(output: Path | str | None) -> bool:
    """Whether ``-o`` names standard output."""
    return output is not None and str(output) == STDOUT


def write_stdout(data: bytes) -> None:
    """The whole output to standard output, as the bytes a file would hold."""
    stream = click.get_binary_stream("stdout")
    stream.write(data)
    stream.flush()


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
        return json.dumps(
            records if document is None else document, ensure_ascii=False, indent=2, default=str, allow_nan=False
        )
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
        return str(int(value)) if value.is_integer() else str(value)
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


def source_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """DATA, or ``--backend neo4j --dataset NAME`` with the connection options; passes ``source``.

    The command receives an open :class:`~stakeholders.backends.Backend` as ``source``.
    """
    import functools

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from stakeholders.backends import open_backend

        data = kwargs.pop("data")
        kind = kwargs.pop("backend")
        skip_invalid, rejected_path = kwargs.pop("skip_invalid"), kwargs.pop("rejected_path")
        settings = neo4j_settings(kwargs.pop("uri"), kwargs.pop("user"), kwargs.pop("database"), kwargs.pop("dataset"))
        if kind == "neo4j" and data:
            raise click.UsageError("give either DATA or --backend neo4j --dataset NAME, not both")
        if kind == "networkx" and data and skip_invalid:
            from stakeholders.backends.memory import MemoryBackend

            output = kwargs.get("output") or kwargs.get("target")
            loaded = load_data(data, skip_invalid=True, rejected_path=rejected_path, output=output)
            backend: Any = MemoryBackend(loaded.dataset, loaded.warnings)
        else:
            backend = open_backend(kind, data=data, neo4j=settings if kind == "neo4j" else None)
            where = data or (settings.dataset if settings else "")
            detail(f"read {where} ({kind}): {len(backend.warnings)} warning{'s' if len(backend.warnings) != 1 else ''}")
        for warning in backend.warnings:
            click.echo(f"warning: {warning}", err=True)
        kwargs["source"] = click.get_current_context().with_resource(backend)
        return func(*args, **kwargs)

    decorators = [
        click.argument("data", metavar="[DATA]", required=False),
        click.option(
            "--backend",
            type=click.Choice(["networkx", "neo4j"]),
            default="networkx",
            show_default=True,
            help="Analyse DATA in memory, or a dataset pushed to Neo4j.",
        ),
        *neo4j_options(dataset_help="The dataset's name in Neo4j (with --backend neo4j)."),
        skip_invalid_options,
    ]
    command: Any = wrapper
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def neo4j_options(dataset_help: str) -> list[Callable[..., Any]]:
    """--uri, --user, --database, --dataset; the password comes from NEO4J_PASSWORD or a prompt."""
    return [
        click.option(
            "--uri", envvar="NEO4J_URI", default=None, help="Neo4j address, e.g. bolt://localhost:7687 [env NEO4J_URI]."
        ),
        click.option("--user", envvar="NEO4J_USER", default="neo4j", show_default=True, help="[env NEO4J_USER]"),
        click.option(
            "--database", envvar="NEO4J_DATABASE", default="neo4j", show_default=True, help="[env NEO4J_DATABASE]"
        ),
        click.option("--dataset", default=None, help=dataset_help),
    ]


def neo4j_settings(uri: str | None, user: str, database: str, dataset: str | None):
    """Connection settings; the password from NEO4J_PASSWORD, else a prompt on a terminal."""
    import os

    from stakeholders.backends import Neo4jSettings

    if not uri:
        return None
    password = os.environ.get("NEO4J_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise click.UsageError("set NEO4J_PASSWORD (the password is never given as an option)")
        import contextlib

        from stakeholders.cli.app import real_stderr

        with contextlib.redirect_stderr(real_stderr()):  # seen also under --quiet
            password = click.prompt("Neo4j password", hide_input=True, err=True)
    return Neo4jSettings(uri=uri, user=user, password=password, database=database, dataset=dataset or "")


def query_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--top and the filters; passes ``query`` (a :class:`~stakeholders.backends.Query`)."""
    import functools

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from stakeholders.backends import Query

        kwargs["query"] = Query(
            top=kwargs.pop("top"),
            municipalities=kwargs.pop("municipality"),
            target_groups=kwargs.pop("target_group"),
            orientations=kwargs.pop("orientation"),
        )
        return func(*args, **kwargs)

    decorators = [
        click.option(
            "--top", type=click.IntRange(min=0), default=20, show_default=True, help="How many rows; 0 = all."
        ),
        click.option("--municipality", multiple=True, help="Only this municipality (id or name); repeatable."),
        click.option("--target-group", multiple=True, help="Only this target group (id or name); repeatable."),
        click.option("--orientation", multiple=True, help="Only actors/projects with this orientation; repeatable."),
    ]
    for decorator in reversed(decorators):
        wrapper = decorator(wrapper)
    return wrapper


REJECTED_FILE = "rejected.csv"


def skip_invalid_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--skip-invalid and --rejected PATH: load the valid rows, write the others to rejected.csv."""
    func = click.option(
        "--rejected",
        "rejected_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=f"With --skip-invalid: where to write the rows left out [default: {REJECTED_FILE} next to -o, "
        "else in the current folder].",
    )(func)
    return click.option(
        "--skip-invalid",
        is_flag=True,
        help="Load the valid rows only: leave out each row with an error (and rows that refer to one), "
        f"and write them with the reason to {REJECTED_FILE}.",
    )(func)


def load_data(
    data: str, *, skip_invalid: bool = False, rejected_path: Path | None = None, output: Path | None = None
) -> Any:
    """Load DATA (strict, or leaving out invalid rows): a :class:`stakeholders.loader.LoadResult`.

    With ``skip_invalid`` the rows left out go to ``rejected_path`` (else ``rejected.csv`` next to
    ``output``, else in the current folder) and are summed up on stderr.
    """
    from stakeholders.loader import load

    result = load(data_path(data), skip_invalid=skip_invalid)
    counts = ", ".join(f"{len(getattr(result.dataset, name))} {name}" for name in ("actors", "projects"))
    detail(f"read {data}: {counts}, {len(result.warnings)} warning{'s' if len(result.warnings) != 1 else ''}")
    if skip_invalid:
        report_rejected(result, rejected_target(rejected_path, output))
    return result


def rejected_target(rejected_path: Path | None, output: Path | None) -> Path:
    """Where rejected.csv goes: ``--rejected``, else next to the output (in the folder that holds it), else here."""
    if rejected_path is not None:
        return rejected_path
    if output is not None:
        return Path(output).parent / REJECTED_FILE
    return Path(REJECTED_FILE)


def report_rejected(result: Any, target: Path) -> None:
    """Write the rows left out to ``target`` (atomically) and say on stderr how many of which file, and why."""
    from collections import Counter

    from stakeholders.files import write_atomically
    from stakeholders.problems import rejected_csv

    write_atomically(target, rejected_csv(result.rejected))
    by_file: dict[str, Counter[str]] = {}
    for row in result.rejected:
        why = f"refers to a row left out ({row.because_of})" if row.because_of else row.problems[0].message
        by_file.setdefault(row.file, Counter())[why] += 1
    for file, reasons in by_file.items():
        count = sum(reasons.values())
        why = "; ".join(f"{n} {reason}" if n > 1 else reason for reason, n in reasons.most_common())
        click.echo(f"skipped {count} row{'s' if count != 1 else ''} of {file}: {why}", err=True)
    count = len(result.rejected)
    click.echo(f"{count} row{'s' if count != 1 else ''} left out, written to {target}", err=True)
