"""The analyses: gaps, duplicates, coverage, brokers."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any

import click

from stakeholders.backends import Backend, Query
from stakeholders.cli.app import main
from stakeholders.cli.options import chosen_format, format_option, query_options, render, source_options
from stakeholders.explain import WORDS, Explainer

GAP_KINDS = ("actors", "projects", "sectors", "employers", "all")  # all: the first three (employers: by name)
GAP_HEADINGS = {"actors": "Actor gaps", "projects": "\nProject gaps (no forum)", "sectors": "\nSector gaps"}
GAP_COLUMNS = {
    "employers": ("employer", "name", "occupation", "occupation_name", "count", "candidates", "introducers", "reason"),
    "actors": ("actors", "names", "score", "shared_target_groups", "shared_municipalities", "distance", "introducers"),
    "projects": ("projects", "names", "score", "shared_target_groups", "shared_municipalities"),
    "sectors": ("municipality", "name", "public_actors", "private_actors"),
}


LANG_OPTION = click.option(
    "--lang", type=click.Choice(["en", "sv"]), default="en", show_default=True, help="Language of the reasons."
)


def _say_limits(source: Backend, analysis: str, lang: str) -> None:
    """What the dataset cannot show, on stderr, before the findings it affects."""
    from stakeholders.analyses.limits import data_limits

    for limit in data_limits(source.dataset(), analysis):
        click.echo(f"note: {limit.text(lang)}", err=True)


def _in_memory_only(what: str, asked: Callable[[dict[str, Any]], bool] = lambda _: True) -> Callable[..., Any]:
    """Refuse ``--backend neo4j`` for an analysis that needs the labour-market tables, before connecting."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if kwargs.get("backend") == "neo4j" and asked(kwargs):
                raise click.UsageError(
                    f"{what} is not yet available with --backend neo4j: the labour-market files are not pushed "
                    "to Neo4j; analyse DATA in memory (the default --backend networkx)"
                )
            return func(*args, **kwargs)

        return wrapper

    return decorate


def _emit(results: list[Any], output_format: str | None, columns: tuple[str, ...], explain: Any) -> None:
    fmt = chosen_format(output_format)
    records = [r.to_json() for r in results]
    by_json = {id(record): result for record, result in zip(records, results, strict=True)}
    click.echo(render(records, fmt, columns, explain=lambda record: explain(by_json[id(record)])))


@main.command()
@click.option(
    "--kind",
    type=click.Choice(GAP_KINDS),
    default="actors",
    show_default=True,
    help="Which gaps; all = actors, projects and sectors.",
)
@_in_memory_only("gaps --kind employers", lambda kwargs: kwargs.get("kind") == "employers")
@source_options
@query_options
@LANG_OPTION
@format_option
def gaps(source: Backend, kind: str, query: Query, lang: str, output_format: str | None) -> None:
    """Actors, projects and municipalities that should talk and don't, ranked.

    Actor gaps weigh each shared target group and municipality by how few actors share it; see
    docs/analyses.md. Without cooperation data the list is of candidate introductions (said on stderr).

    Example: stakeholders gaps data/umearegionen --kind all --top 10
    """
    query = dataclasses.replace(query, lang=lang)
    _say_limits(source, "gaps", lang)
    explainer = Explainer(source.dataset(), lang)
    found: dict[str, tuple[list[Any], Any]] = {}
    if kind in ("actors", "all"):
        found["actors"] = (source.actor_gaps(query), explainer.actor_gap)
    if kind in ("projects", "all"):
        found["projects"] = (source.project_gaps(query), explainer.project_gap)
    if kind in ("sectors", "all"):
        found["sectors"] = (source.sector_gaps(query), explainer.sector_gap)
    if kind == "employers":
        _say_if_missing(source, "employer_needs", "employer_needs.csv", "no employer has needs to compare")
        found["employers"] = (source.employer_gaps(query), _reason)
    fmt = chosen_format(output_format)
    if fmt in ("json", "csv"):
        # One document (or one CSV table with a kind column) for every kind asked for.
        records = [r.to_json() for results, _ in found.values() for r in results]
        columns = tuple(dict.fromkeys(c for name in found for c in GAP_COLUMNS[name]))
        if kind == "all":
            columns = ("kind", *columns)
        click.echo(render(records, fmt, columns))
        return
    for name, (results, explain) in found.items():
        if kind == "all":
            click.echo(GAP_HEADINGS[name])
        _emit(results, fmt, GAP_COLUMNS[name], explain)


@main.command()
@source_options
@query_options
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    default=None,
    help="The score (0-1) a pair of projects needs to count as a duplicated effort [default: 0.5].",
)
@LANG_OPTION
@format_option
def duplicates(source: Backend, query: Query, min_score: float | None, lang: str, output_format: str | None) -> None:
    """Projects doing the same thing for the same people in the same place at the same time.

    Pairs are scored on text similarity, shared orientations, target groups and municipalities
    (each weighted by how rare it is) and months side by side; groups hold only pairwise similar
    projects. Definitions in docs/analyses.md.

    Example: stakeholders duplicates data/umearegionen --format json
    """
    query = dataclasses.replace(query, min_score=min_score, lang=lang)
    _say_limits(source, "duplicates", lang)
    columns = (
        "projects",
        "owners",
        "score",
        "similarity",
        "shared_orientations",
        "shared_target_groups",
        "shared_municipalities",
        "overlap_months",
        "coordinated",
        "reason",
    )
    _emit(source.duplicate_groups(query), output_format, columns, Explainer(source.dataset(), lang).duplicate)


@main.command()
@source_options
@query_options
@format_option
@LANG_OPTION
def coverage(source: Backend, query: Query, output_format: str | None, lang: str) -> None:
    """Who serves each target group in each municipality; uncovered needs first.

    Example: stakeholders coverage data/umearegionen --target-group nyanlanda
    """
    columns = ("target_group", "municipality", "size", "actors", "projects", "people_per_actor", "uncovered")
    _emit(source.coverage(query), output_format, columns, Explainer(source.dataset(), lang).coverage)


def _say_if_missing(source: Backend, table: str, filename: str, what: str) -> None:
    """A note on stderr when the dataset lacks the labour-market table an analysis reads."""
    if not getattr(source.dataset(), table):
        click.echo(f"note: the dataset has no {filename}: {what} (see docs/data-format.md)", err=True)


def _reason(result: Any) -> str:
    return str(result.reason)


@main.command()
@_in_memory_only("demand")
@source_options
@query_options
@format_option
def demand(source: Backend, query: Query, output_format: str | None) -> None:
    """Occupations in shortage per municipality: who fits them, who prepares for them, and the gaps.

    Reads labour_demand.csv and the occupations columns (docs/data-format.md); gaps first: shortage
    occupations nobody there prepares for, and target groups with the skills that no preparing actor
    or project serves. Definitions in docs/analyses.md.

    Example: stakeholders demand data/umearegionen --municipality Umeå
    """
    columns = (
        "occupation",
        "occupation_name",
        "municipality",
        "municipality_name",
        "outlook",
        "openings",
        "target_groups",
        "actors",
        "projects",
        "unprepared",
        "unbridged_target_groups",
        "reason",
    )
    _say_if_missing(source, "labour_demand", "labour_demand.csv", "no occupation is known to be in shortage")
    _emit(source.demand(query), output_format, columns, _reason)


@main.command()
@source_options
@query_options
@format_option
@LANG_OPTION
def brokers(source: Backend, query: Query, output_format: str | None, lang: str) -> None:
    """Actors who hold the network together: betweenness, constraint, articulation points.

    Example: stakeholders brokers data/umearegionen --top 10
    """
    _say_limits(source, "brokers", lang)
    report = source.brokers(query)
    fmt = chosen_format(output_format)
    if fmt == "json":
        click.echo(render([], "json", (), document=report.to_json()))
        return
    columns = ("actor", "name", "betweenness", "degree", "constraint", "effective_size", "articulation_point")
    _emit(list(report.brokers), output_format, columns, Explainer(source.dataset(), lang).broker)
    if fmt == "table":
        sizes = ", ".join(str(len(c)) for c in report.components)
        click.echo(
            "\n"
            + WORDS["components"][lang].format(
                sizes=sizes or WORDS["none"][lang],
                isolated=len(report.isolated),
                articulation=len(report.articulation_points),
                method=report.method,
            )
        )
