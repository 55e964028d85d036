"""Commands that move a dataset to and from Neo4j: push, pull."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from stakeholders.cli.app import main
from stakeholders.cli.options import data_argument, load_data, neo4j_options, neo4j_settings, skip_invalid_options
from stakeholders.errors import UsageError


def _with_options(decorators: list[Any]) -> Any:
    def apply(func: Any) -> Any:
        for decorator in reversed(decorators):
            func = decorator(func)
        return func

    return apply


def _settings(uri: str | None, user: str, database: str, dataset: str | None) -> Any:
    settings = neo4j_settings(uri, user, database, dataset)
    if settings is None:
        raise UsageError("give the Neo4j address with --uri bolt://HOST:7687 (or set NEO4J_URI)")
    return settings


@main.command()
@data_argument
@_with_options(neo4j_options(dataset_help="Name of the dataset in Neo4j [default: the DATA folder's name]."))
@click.option(
    "--batch-size", type=click.IntRange(min=1), default=5000, show_default=True, help="Rows per UNWIND ... MERGE query."
)
@click.option(
    "--replace",
    is_flag=True,
    help="Replace the dataset's graph in Neo4j by a new version, a transaction per batch (else records are merged "
    "into an existing dataset in one transaction).",
)
@skip_invalid_options
def push(
    data: str,
    uri: str | None,
    user: str,
    database: str,
    dataset: str | None,
    batch_size: int,
    replace: bool,
    skip_invalid: bool,
    rejected_path: Path | None,
) -> None:
    """Write a dataset to Neo4j, all or nothing (the password comes from NEO4J_PASSWORD or a prompt).

    A new dataset, or --replace, is written as a new version in batches and made current at once; a killed push
    leaves the previous version current (docs/neo4j.md).

    Example: stakeholders push data/umearegionen --uri bolt://localhost:7687 --replace
    """
    from stakeholders.backends.neo4j_push import push_dataset

    settings = _settings(uri, user, database, dataset)
    result = load_data(data, skip_invalid=skip_invalid, rejected_path=rejected_path)
    loaded, warnings = result.dataset, result.warnings
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    summary = push_dataset(loaded, settings, batch_size=batch_size, replace=replace)
    replaced = f", {summary.nodes_deleted} nodes removed" if replace else ""
    click.echo(
        f"pushed {summary.dataset!r} to {settings.uri} (database {settings.database!r}): "
        f"{summary.nodes_created} nodes and {summary.relationships_created} relationships created{replaced} "
        f"in {summary.seconds:.1f} s"
    )


@main.command()
@_with_options(neo4j_options(dataset_help="Name of the dataset in Neo4j (required)."))
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(path_type=Path),
    required=True,
    help="New (or empty) folder to write the CSV files into.",
)
def pull(uri: str | None, user: str, database: str, dataset: str | None, output: Path) -> None:
    """Write a dataset from Neo4j back as CSV files (edit in Neo4j Browser or Bloom, get spreadsheets back).

    Example: stakeholders pull --uri bolt://localhost:7687 --dataset umearegionen -o back
    """
    from stakeholders.backends.neo4j import pull_dataset

    if not dataset:
        raise UsageError("name the dataset to pull with --dataset NAME")
    _, paths = pull_dataset(_settings(uri, user, database, dataset), output)
    for path in paths:
        click.echo(str(path))
