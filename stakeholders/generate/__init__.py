"""Generate a realistic synthetic dataset of any size, with planted findings.

:func:`generate_dataset` writes a valid dataset in the project's format
(CSV files, or one workbook) and ``planted.json``: the ids of the gaps,
duplicates and uncovered cells it planted, each truly satisfying the
analyses' definitions (see :mod:`stakeholders.generate.planted`). The same
arguments and seed always give the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from stakeholders.errors import UsageError
from stakeholders.generate.draft import Draft
from stakeholders.generate.output import PLANTED_FILE, WORKBOOK_FILE, check_target, write_output
from stakeholders.generate.planted import PlantCounts, Planted, plant
from stakeholders.generate.random_part import RandomPart, add_municipalities, add_target_groups
from stakeholders.generate.vocabulary import MAX_MUNICIPALITIES, PLANTED_TARGET_GROUPS

__all__ = [
    "PLANTED_FILE",
    "WORKBOOK_FILE",
    "GeneratedDataset",
    "PlantCounts",
    "Planted",
    "default_municipalities",
    "generate_dataset",
]

MIN_RANDOM_ACTORS = 30
MIN_RANDOM_MUNICIPALITIES = 2


@dataclass(frozen=True, slots=True)
class GeneratedDataset:
    """What :func:`generate_dataset` wrote.

    Attributes
    ----------
    directory : Path
        The output folder.
    dataset : Path
        What to load: the folder itself, or ``directory / "dataset.xlsx"``.
    files : tuple of Path
        Every file written (the tables and ``planted.json``).
    counts : dict
        Data rows per file name of the format (``"actors"``, ``"cooperation"``, ...).
    planted : Planted
        The planted findings (also in ``directory / "planted.json"``).
    """

    directory: Path
    dataset: Path
    files: tuple[Path, ...]
    counts: dict[str, int]
    planted: Planted


def default_municipalities(actors: int) -> int:
    """About 350 actors per municipality, at least 12 and at most Sweden's 290."""
    return max(12, min(290, round(actors / 350)))


def generate_dataset(
    out_dir: str | Path,
    actors: int,
    projects: int,
    municipalities: int | None = None,
    seed: int = 0,
    xlsx: bool = False,
) -> GeneratedDataset:
    """Generate a dataset with ``actors`` actors and ``projects`` projects into the new folder ``out_dir``.

    Parameters
    ----------
    out_dir : str or Path
        The folder to create; it may exist only if empty.
    actors, projects : int
        Exact numbers of actors and projects, planted ones included.
    municipalities : int, optional
        Exact number of municipalities, planted ones included
        (default: :func:`default_municipalities`).
    seed : int
        The same seed (and arguments) gives the same bytes.
    xlsx : bool
        Write one workbook ``out_dir/dataset.xlsx`` instead of CSV files.

    Returns
    -------
    GeneratedDataset

    Raises
    ------
    UsageError
        When a number is too small to hold the planted findings, or the seed is negative.
    OutputError
        When ``out_dir`` exists and is not empty, or cannot be written.
    """
    out_dir = Path(out_dir)
    counts = PlantCounts.for_size(actors, projects)
    total_municipalities = default_municipalities(actors) if municipalities is None else municipalities
    _check_sizes(actors, projects, total_municipalities, seed, counts)
    check_target(out_dir)  # fail before the work, and again before renaming into place
    rng = np.random.default_rng(seed)
    draft = Draft(total_actors=actors, total_projects=projects)
    area = add_municipalities(draft, rng, total_municipalities)
    add_target_groups(draft, PLANTED_TARGET_GROUPS)
    random_count = total_municipalities - counts.municipalities
    part = RandomPart(draft, rng, area, random_count)
    part.add_actors(actors - counts.actors)
    part.add_cooperation()
    part.link_sectors()
    part.add_projects(projects - counts.projects)
    part.add_sizes()
    planted = plant(draft, part.draw, area.ids, area.names, random_count, counts)
    document = {
        **planted.to_json(),
        "parameters": {
            "actors": actors,
            "projects": projects,
            "municipalities": total_municipalities,
            "seed": seed,
            "format": "xlsx" if xlsx else "csv",
        },
    }
    files = write_output(out_dir, draft.rows, document, xlsx)
    return GeneratedDataset(
        directory=out_dir,
        dataset=out_dir / WORKBOOK_FILE if xlsx else out_dir,
        files=files,
        counts={name: len(rows) for name, rows in draft.rows.items()},
        planted=planted,
    )


def _check_sizes(actors: int, projects: int, municipalities: int, seed: int, counts: PlantCounts) -> None:
    if seed < 0:
        raise UsageError(f"the seed must be 0 or more, not {seed}")
    minimum_actors = counts.actors + MIN_RANDOM_ACTORS
    if actors < minimum_actors:
        raise UsageError(f"--actors must be at least {minimum_actors} (the planted findings need {counts.actors})")
    if projects < counts.projects:
        raise UsageError(f"--projects must be at least {counts.projects} (the planted findings need them)")
    if municipalities > MAX_MUNICIPALITIES:
        raise UsageError(f"--municipalities must be at most {MAX_MUNICIPALITIES}")
    minimum_municipalities = counts.municipalities + MIN_RANDOM_MUNICIPALITIES
    if municipalities < minimum_municipalities:
        raise UsageError(
            f"--municipalities must be at least {minimum_municipalities} for {actors} actors "
            f"(the planted findings need {counts.municipalities})"
        )
