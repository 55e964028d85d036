"""From findings to action: proposals for joint work (propose) and partner suggestions (partners)."""

from __future__ import annotations

import datetime as dt

import click

from stakeholders.backends import Backend, Query
from stakeholders.cli.app import main
from stakeholders.cli.options import chosen_format, query_options, render, source_options

PROPOSAL_FORMATS = ("table", "json", "csv", "md")
PROPOSAL_COLUMNS = ("id", "kind", "title", "score", "need", "members", "member_ids", "as_of")
PARTNER_COLUMNS = (
    "actor",
    "name",
    "score",
    "shared_target_groups",
    "shared_municipalities",
    "common_contacts",
    "two_steps",
)


def _filters(source: Backend, query: Query):
    from stakeholders.analyses import resolve_filters

    return resolve_filters(source.dataset(), query.municipalities, query.target_groups, query.orientations)


def _as_of(source: Backend, data: str | None, given: dt.datetime | None) -> dt.date | None:
    """--as-of, else the dataset's own date: dataset.toml's ``date``, else its latest project start."""
    from stakeholders.analyses.proposals import declared_date, default_as_of

    if given is not None:
        return given.date()
    declared = None
    if data:
        from stakeholders.resources import resolve_data_path

        try:
            declared = declared_date(resolve_data_path(data))
        except OSError:  # no folder to look in: no declared date
            declared = None
    return default_as_of(source.dataset(), declared)


@main.command()
@source_options
@query_options
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Read the dataset as of this day (YYYY-MM-DD) [default: dataset.toml's date, else the latest project start].",
)
@click.option(
    "--kind",
    "kinds",
    type=click.Choice(["forum", "consortium", "introductions"]),
    multiple=True,
    help="Only proposals of this kind; repeatable [default: all three].",
)
@click.option(
    "--lang", type=click.Choice(["en", "sv"]), default="en", show_default=True, help="Language of titles and reasons."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(PROPOSAL_FORMATS),
    default=None,
    help="Output format; md is a readable Markdown list [default: table on a terminal, else json].",
)
def propose(
    source: Backend,
    query: Query,
    as_of: dt.datetime | None,
    kinds: tuple[str, ...],
    lang: str,
    output_format: str | None,
) -> None:
    """Proposals for joint work: forums for parallel projects, consortia for unserved needs, introductions.

    Each proposal names its members with their role and reason, the finding it answers and a score;
    --top N gives the best N of each kind. Definitions in docs/proposals.md.

    Example: stakeholders propose data/umearegionen --format md --lang sv
    """
    from stakeholders.analyses.proposals import (
        KINDS,
        proposal_line,
        proposal_row,
        proposals,
        proposals_markdown,
    )

    data = click.get_current_context().params.get("data")
    date = _as_of(source, data, as_of)
    click.echo(f"note: read as of {date.isoformat() if date else 'no date (every project runs)'}", err=True)
    from stakeholders.analyses.limits import data_limits

    for limit in data_limits(source.dataset(), "report"):  # what the dataset cannot show, for all three kinds
        click.echo(f"note: {limit.text(lang)}", err=True)
    found = proposals(
        source.dataset(),
        as_of=date,
        top=query.top,
        kinds=kinds or KINDS,
        filters=_filters(source, query),
        lang=lang,
    )
    fmt = output_format if output_format == "md" else chosen_format(output_format)
    if fmt == "md":
        click.echo(proposals_markdown(found, lang), nl=False)
    elif fmt == "json":
        click.echo(render([p.to_json() for p in found], "json", ()))
    elif fmt == "csv":
        click.echo(render([proposal_row(p) for p in found], "csv", PROPOSAL_COLUMNS))
    else:
        by_id = {p.id: p for p in found}
        records = [proposal_row(p) for p in found]
        click.echo(render(records, "table", PROPOSAL_COLUMNS, explain=lambda r: proposal_line(by_id[r["id"]])))


@main.command()
@source_options
@click.option("--actor", default=None, help="The actor (id or name) to find partners for.")
@click.option("--project", default=None, help="A project (id or name): its owner's view, with the project's cells.")
@query_options
@click.option(
    "--format",
    "output_format",
    type=click.Choice(("table", "json", "csv")),
    default=None,
    help="Output format [default: table on a terminal, else json].",
)
def partners(source: Backend, actor: str | None, project: str | None, query: Query, output_format: str | None) -> None:
    """The actors an actor should talk to and does not yet: shared work, and who is two steps away.

    Link prediction (resource allocation, Adamic-Adar) on the contact network, weighted by the
    specificity of the shared target groups and municipalities. Definitions in docs/proposals.md.

    Example: stakeholders partners data/umearegionen --actor fub
    """
    from stakeholders.analyses.partners import partners as suggest

    if (actor is None) == (project is None):
        raise click.UsageError("give either --actor or --project")
    rows = suggest(source.dataset(), actor=actor, project=project, top=query.top, filters=_filters(source, query))
    fmt = chosen_format(output_format)
    records = [r.to_json() for r in rows]

    dataset = source.dataset()

    def named(ids: list[str], table) -> str:
        return ", ".join(table[i].name if i in table else i for i in ids)

    def explain(record: dict) -> str:
        common = named(record["common_contacts"], dataset.actors)
        via = f"two steps away through {common}" if record["two_steps"] else "no common contact"
        groups = named(record["shared_target_groups"], dataset.target_groups)
        places = named(record["shared_municipalities"], dataset.municipalities)
        return f"{record['name']} ({record['actor']}): score {record['score']}; both serve {groups} in {places}; {via}"

    click.echo(render(records, fmt, PARTNER_COLUMNS, explain=explain if fmt == "table" else None))


SIMILAR_COLUMNS = ("project", "list", "id", "name", "owner", "country", "period", "similarity", "matched_terms")


@main.command()
@source_options
@click.option(
    "--in",
    "lists",
    multiple=True,
    required=True,
    help="A list to search: a dataset folder of ours, or a CSV list of operations (Kohesio); repeatable.",
)
@click.option("--project", default=None, help="Only this project of DATA (id or name).")
@click.option("--text", default=None, help="Search for this text instead of DATA's projects.")
@click.option("--top", type=click.IntRange(min=0), default=5, show_default=True, help="Matches per project; 0 = all.")
@click.option(
    "--min-similarity", type=click.FloatRange(0, 1), default=0.0, show_default=True, help="Least similarity (0-1)."
)
@click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    help="Keep the lists indexed in this folder; reused while the lists are unchanged, else rebuilt.",
)
@click.option(
    "--from",
    "period_from",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Only operations running on or after this day (YYYY-MM-DD).",
)
@click.option(
    "--to",
    "period_to",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Only operations running on or before this day (YYYY-MM-DD).",
)
@click.option(
    "--country", "countries", multiple=True, help="Only operations of this country (as in the list); repeatable."
)
@click.option("--region", "regions", multiple=True, help="Only operations of this region (as in the list); repeatable.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(("table", "json", "csv")),
    default=None,
    help="Output format [default: table on a terminal, else json].",
)
def similar(
    source: Backend,
    lists: tuple[str, ...],
    project: str | None,
    text: str | None,
    top: int,
    min_similarity: float,
    index_dir: str | None,
    period_from: dt.datetime | None,
    period_to: dt.datetime | None,
    countries: tuple[str, ...],
    regions: tuple[str, ...],
    output_format: str | None,
) -> None:
    """Similar projects elsewhere: for each project of DATA, the most alike projects of other lists.

    TF-IDF on words and character n-grams of names and descriptions, offline; --index DIR keeps the
    lists indexed between runs. Definitions in docs/similar.md.

    Example: stakeholders similar data/umearegionen --in kohesio-se.csv --index ~/.cache/kohesio --top 3
    """
    from stakeholders.analyses.similar import Filters, similar_projects
    from stakeholders.similar_lists import open_lists

    dataset = source.dataset()  # DATA's mistakes first, before any list is read
    filters = Filters(
        start=period_from.date() if period_from else None,
        end=period_to.date() if period_to else None,
        countries=countries,
        regions=regions,
    )
    index, notes = open_lists(lists, index_dir)
    for note in notes:
        click.echo(f"note: {note}", err=True)
    rows = similar_projects(
        dataset, project=project, text=text, top=top, min_similarity=min_similarity, index=index, filters=filters
    )
    fmt = chosen_format(output_format)
    records = [r.to_json() for r in rows]

    def explain(record: dict) -> str:
        terms = ", ".join(record["matched_terms"]) or "-"
        return (
            f"{record['project']} ~ {record['name']} ({record['list']} {record['id']}, {record['owner']}, "
            f"{record['period'] or 'no dates'}): similarity {record['similarity']}; words {terms}"
        )

    click.echo(render(records, fmt, SIMILAR_COLUMNS, explain=explain if fmt == "table" else None))
