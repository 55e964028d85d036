"""The generate command: a realistic synthetic dataset of any size, with planted findings."""

from __future__ import annotations

from pathlib import Path

import click

from stakeholders.cli.app import main
from stakeholders.generate import generate_dataset


@main.command()
@click.option("--actors", type=click.IntRange(min=1), required=True, help="Number of actors (planted ones included).")
@click.option(
    "--projects", type=click.IntRange(min=0), default=None, help="Number of projects [default: half the actors]."
)
@click.option(
    "--municipalities",
    type=click.IntRange(min=1),
    default=None,
    help="Number of municipalities [default: about one per 350 actors, 12 to 290].",
)
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True, help="Same seed, same files.")
@click.option(
    "-o", "--output", "output", type=click.Path(path_type=Path), required=True, help="New (or empty) folder to write."
)
@click.option("--xlsx", is_flag=True, help="Write one workbook (OUTPUT/dataset.xlsx) instead of CSV files.")
def generate(
    actors: int, projects: int | None, municipalities: int | None, seed: int, output: Path, xlsx: bool
) -> None:
    """Generate a realistic synthetic dataset with planted gaps and duplicates (listed in planted.json).

    Example: stakeholders generate --actors 10000 --projects 5000 --seed 1 -o synthetic
    """
    result = generate_dataset(
        output,
        actors=actors,
        projects=actors // 2 if projects is None else projects,
        municipalities=municipalities,
        seed=seed,
        xlsx=xlsx,
    )
    counts = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in result.counts.items())
    planted = result.planted
    click.echo(f"{result.dataset}: {counts}")
    click.echo(
        f"planted ({result.directory / 'planted.json'}): {len(planted.actor_gaps)} actor gaps, "
        f"{len(planted.project_gaps)} project gaps, {len(planted.duplicates)} duplication groups, "
        f"{len(planted.sector_gaps)} sector gaps, {len(planted.uncovered)} uncovered cells"
    )
