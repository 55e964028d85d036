"""Maps and exports: the interactive workshop map, and the graph for Gephi, Cytoscape or scripts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from stakeholders.backends import Backend
from stakeholders.cli.app import detail, main
from stakeholders.cli.options import source_options, to_stdout, write_stdout
from stakeholders.errors import UsageError
from stakeholders.exports import FORMATS, export_bytes, export_graph
from stakeholders.map import (
    DEFAULT_LAYERS,
    DEFAULT_MAX_NODES,
    AggregateBy,
    ColorBy,
    MapOptions,
    SizeBy,
    build_map,
    parse_layers,
    write_map,
)
from stakeholders.map.options import DEFAULT_DEPTH, DEFAULT_TOP, LANGUAGES, Layer

OUTPUT = click.Path(dir_okay=False, writable=False, path_type=Path)


FC = TypeVar("FC", bound=Callable[..., object])


def color_by_option(help_text: str) -> Callable[[FC], FC]:
    """``--color-by``, as map and export (with --map-look) both take it."""
    return click.option(
        "--color-by",
        type=click.Choice([c.value for c in ColorBy]),
        default=ColorBy.KIND.value,
        show_default=True,
        help=help_text,
    )


@main.command(name="map")
@source_options
@click.option("-o", "--output", type=OUTPUT, required=True, help="The HTML file to write, or - for standard output.")
@click.option(
    "--focus",
    metavar="X",
    help="Only the neighbourhood of this actor, project, municipality or target group "
    "(id, name or node key such as Actor:umu).",
)
@click.option(
    "--municipality",
    metavar="X",
    help="The map of one municipality (id or name): its actors (region-wide ones apart, smaller), projects, "
    "target groups with sizes, gaps, duplicates and sector gap.",
)
@click.option(
    "--proposal",
    metavar="ID",
    help="The map of one proposal for joint work (an id that `stakeholders propose` lists, e.g. consortium-1): "
    "its team, what it answers and the ties among them.",
)
@click.option("--projector", is_flag=True, help="Start in projector mode: labels of 18 px and more, the legend first.")
@click.option(
    "--depth", type=click.IntRange(min=0), default=DEFAULT_DEPTH, show_default=True, help="Steps from the --focus node."
)
@click.option(
    "--layers",
    default=",".join(DEFAULT_LAYERS),
    show_default=True,
    help=f"Relations to draw, comma-separated: {', '.join(Layer)}; or all.",
)
@color_by_option("What colours the nodes.")
@click.option(
    "--size-by",
    type=click.Choice([s.value for s in SizeBy]),
    default=SizeBy.DEGREE.value,
    show_default=True,
    help="What sizes the nodes.",
)
@click.option("--show-gaps", is_flag=True, help="Draw the top communication gaps as dashed red lines.")
@click.option("--show-duplicates", is_flag=True, help="Outline projects that may duplicate each other.")
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=DEFAULT_TOP,
    show_default=True,
    help="How many gaps and duplicate groups to draw.",
)
@click.option("--no-personal-data", is_flag=True, help="Leave contact persons, e-mails and phones out of the file.")
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="en",
    show_default=True,
    help="Language of the legend, menus and tooltips.",
)
@click.option("--title", help="Page title [default: 'Stakeholder map: DATASET'].")
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_NODES,
    show_default=True,
    help="Above this many nodes, draw groups with counts instead.",
)
@click.option(
    "--aggregate-by",
    type=click.Choice([a.value for a in AggregateBy]),
    default=AggregateBy.COMMUNITY.value,
    show_default=True,
    help="Groups of an aggregated map.",
)
@click.option("--seed", type=int, default=1, show_default=True, help="Seed of the layout (same seed, same picture).")
def map_command(
    source: Backend,
    output: Path,
    focus: str | None,
    municipality: str | None,
    proposal: str | None,
    projector: bool,
    depth: int,
    layers: str,
    color_by: str,
    size_by: str,
    show_gaps: bool,
    show_duplicates: bool,
    top: int,
    no_personal_data: bool,
    lang: str,
    title: str | None,
    max_nodes: int,
    aggregate_by: str,
    seed: int,
) -> None:
    """Write an interactive network map: one offline HTML file for a workshop.

    Example: stakeholders map data/umearegionen -o map.html --show-gaps --lang sv
    """
    options = MapOptions(
        focus=focus,
        depth=depth,
        layers=parse_layers(layers),
        color_by=ColorBy(color_by),
        size_by=SizeBy(size_by),
        show_gaps=show_gaps,
        show_duplicates=show_duplicates,
        top=top,
        personal_data=not no_personal_data,
        lang=lang,
        title=title,
        max_nodes=max_nodes,
        aggregate_by=AggregateBy(aggregate_by),
        seed=seed,
        municipality=municipality,
        projector=projector,
        proposal=proposal,
    )
    if to_stdout(output):
        page = build_map(source, options)
        write_stdout(page.html.encode("utf-8"))
        summary = page.summary
    else:
        summary = write_map(source, output, options)
    grouped = f" ({summary.network_nodes} nodes grouped)" if summary.aggregated else ""
    click.echo(f"{summary.nodes} nodes, {summary.edges} links{grouped}", err=True)
    if not to_stdout(output):
        click.echo(str(summary.path))


@main.command(name="export")
@source_options
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="The file to write, - for standard output (text formats), or the folder for gephi-csv.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default=None,
    help="gexf (Gephi 1.3), graphml (Gephi, yEd, Cytoscape, igraph), json (NetworkX/d3 node-link), "
    "cytoscape (Cytoscape.js JSON), gephi-csv (nodes.csv and edges.csv), kumu (an .xlsx for Kumu's import) "
    "[default: from the file's suffix].",
)
@click.option("--no-personal-data", is_flag=True, help="Leave contact persons, e-mails and phones out of the file.")
@click.option(
    "--map-look",
    is_flag=True,
    help="GEXF: give each node the colour, size and place the map draws it with (Gephi opens it so).",
)
@color_by_option("With --map-look: what colours the nodes.")
def export_command(
    source: Backend, output: Path, output_format: str | None, no_personal_data: bool, map_look: bool, color_by: str
) -> None:
    """Export the whole graph with every attribute for Gephi, Cytoscape, yEd, igraph or scripts.

    Example: stakeholders export data/umearegionen --format gexf -o umearegionen.gexf --map-look
    """
    personal_data = not no_personal_data
    if map_look:
        if to_stdout(output):
            raise UsageError("--map-look writes a file: give -o FILE.gexf")
        from stakeholders.map import node_viz

        dataset = source.dataset()
        viz = node_viz(dataset, color_by)
        summary = export_graph(dataset, output, output_format, personal_data=personal_data, viz=viz)
        click.echo(str(summary.path))
        return
    if to_stdout(output):
        if output_format is None:
            raise UsageError("with -o - give --format (there is no file name to tell it from)")
        write_stdout(export_bytes(source.dataset(), output_format, personal_data=personal_data))
        return
    summary = export_graph(source.dataset(), output, output_format, personal_data=personal_data)
    detail(f"{summary.format}: {summary.nodes} nodes, {summary.edges} relations, {summary.bytes} bytes")
    click.echo(str(summary.path))
