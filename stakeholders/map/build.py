"""Build a workshop map: select, overlay the analyses, lay out, style, render; write it as one file."""

from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from stakeholders.analyses import ActorGap, DuplicateGroup, SectorGap
from stakeholders.analyses.common import cell_sizes
from stakeholders.analyses.limits import data_limits
from stakeholders.analyses.proposals import Proposal
from stakeholders.backends import Backend, Query
from stakeholders.collation import swedish_key
from stakeholders.files import write_atomically
from stakeholders.map.aggregate import aggregate, member_names
from stakeholders.map.i18n import Texts, texts
from stakeholders.map.layout import communities, positions, renumbered, row_below
from stakeholders.map.options import ColorBy, MapOptions, SizeBy
from stakeholders.map.page import FilterChoices, Notice, render_page
from stakeholders.map.select import (
    RELATION_ORDER,
    DrawnGraph,
    _layers,
    add_duplicate_pairs,
    add_duplicates,
    add_gaps,
    overlay_filters,
    resolve_municipality,
    select,
    select_municipality,
)
from stakeholders.map.style import (
    KIND_ORDER,
    LINE_STYLES,
    OTHER,
    Legend,
    Swatch,
    colouring,
    scaled_values,
    shape_swatches,
    size_title,
)
from stakeholders.map.team import find_proposal, select_team
from stakeholders.map.tooltips import Tooltips
from stakeholders.map.visdata import Item, aggregate_items, ancestors, edge_items, node_items, vis_options
from stakeholders.model import Dataset
from stakeholders.schema import NodeKind, node_key

REGION_WIDE_COLOUR = {"background": "#D3D7DD", "border": "#6B7280"}
SECTOR_GAP_BORDER = "#D62728"


@dataclass(frozen=True, slots=True)
class Overlays:
    """A municipality's findings, when the caller has them already (a report): gaps, duplicates, sector gaps.

    ``None`` in a field: ask the backend.
    """

    gaps: Sequence[ActorGap] | None = None
    duplicates: Sequence[DuplicateGroup] | None = None
    sector_gaps: Sequence[SectorGap] | None = None
    proposals: Sequence[Proposal] | None = None  # a report's, so that a proposal's map finds its id among them


_COMMUNITIES: weakref.WeakKeyDictionary[Dataset, dict[tuple, dict[str, int]]] = weakref.WeakKeyDictionary()


def network_communities(dataset: Dataset, options: MapOptions) -> dict[str, int]:
    """The community of every node of the network the options' layers draw: computed once per dataset,
    layers and seed (Leiden, modularity), and reused by every map of that network."""
    kinds = frozenset(options.node_kinds)
    relations = frozenset(rel.value for rel in options.relations)
    cache = _COMMUNITIES.setdefault(dataset, {})
    key = (kinds, relations, options.seed)
    if key not in cache:
        layers = _layers(dataset, kinds, relations)
        position = layers.position
        pairs = [(position[e.source], position[e.target]) for e in layers.edges]
        cache[key] = dict(zip(layers.keys, communities(len(layers.keys), pairs, options.seed), strict=True))
    return cache[key]


def community_membership(dataset: Dataset, options: MapOptions, keys: Sequence[str]) -> list[int]:
    """Each drawn node's community in the whole network, numbered by size on this map."""
    whole = network_communities(dataset, options)
    return renumbered([whole.get(key, -1 - i) for i, key in enumerate(keys)])


@dataclass(frozen=True, slots=True)
class MapSummary:
    """What a map shows: the counts in the page's vis DataSets and what they stand for.

    ``nodes`` and ``edges`` are the items in the page's ``nodes`` and ``edges``
    DataSets (groups and links between groups on an aggregated map);
    ``network_nodes`` and ``network_edges`` count the selected network before
    aggregation (relations only, parallel relations of one kind merged);
    ``edge_kinds`` counts drawn network edges per relation kind, ``gap`` and
    ``duplicate``.
    """

    title: str
    nodes: int
    edges: int
    aggregated: bool
    network_nodes: int
    network_edges: int
    node_kinds: dict[str, int] = field(default_factory=dict)
    edge_kinds: dict[str, int] = field(default_factory=dict)
    gaps: int = 0
    duplicate_groups: int = 0
    focus: str | None = None
    layers: tuple[str, ...] = ()
    path: Path | None = None
    bytes: int = 0

    def to_json(self) -> dict[str, object]:
        return {
            "path": None if self.path is None else str(self.path),
            "title": self.title,
            "nodes": self.nodes,
            "edges": self.edges,
            "aggregated": self.aggregated,
            "network_nodes": self.network_nodes,
            "network_edges": self.network_edges,
            "node_kinds": dict(self.node_kinds),
            "edge_kinds": dict(self.edge_kinds),
            "gaps": self.gaps,
            "duplicate_groups": self.duplicate_groups,
            "focus": self.focus,
            "layers": list(self.layers),
            "bytes": self.bytes,
        }


@dataclass(frozen=True, slots=True)
class MapPage:
    """A rendered map: the page's text and its summary."""

    html: str
    summary: MapSummary


@dataclass(slots=True)
class _Drawing:
    nodes: list[Item]
    edges: list[Item]
    groups: Mapping[str, object]
    legend: Legend
    search: list[tuple[str, str]] | None  # (name, node id) to search besides the labels; None: the labels
    filters: FilterChoices | None
    notices: list[Notice] = field(default_factory=list)


def _backend(source: Dataset | Backend) -> Backend:
    if isinstance(source, Backend):
        return source
    from stakeholders.backends.memory import MemoryBackend

    return MemoryBackend(source)


def build_map(
    source: Dataset | Backend, options: MapOptions | None = None, overlays: Overlays | None = None
) -> MapPage:
    """Render the map of a dataset (or of a backend's dataset and analyses) as one HTML page.

    Parameters
    ----------
    source : Dataset or Backend
        The data; gaps, duplicates and betweenness are asked of the backend
        (a dataset is analysed in memory).
    options : MapOptions, optional
        What to draw; the defaults draw the whole network with the default layers.

    Returns
    -------
    MapPage
        The HTML text and a :class:`MapSummary`.

    Raises
    ------
    UsageError
        For an unknown ``focus`` (with close matches) or invalid options.
    """
    options = options or MapOptions()
    backend = _backend(source)
    dataset = backend.dataset()
    words = texts(options.lang)
    place = None if options.municipality is None else resolve_municipality(dataset, options.municipality)
    sector_gap: SectorGap | None = None
    team = None
    if place is not None:
        drawn = select_municipality(dataset, place)
        sector_gap = _municipality_overlays(drawn, dataset, backend, place, options, overlays or Overlays())
    elif options.proposal is not None:
        team = find_proposal(dataset, options.proposal, (overlays or Overlays()).proposals, options.lang)
        drawn = select_team(dataset, team)
    else:
        drawn = select(dataset, options)
    aggregated = len(drawn.nodes) > options.max_nodes
    if place is None and team is None and not aggregated and (options.show_gaps or options.show_duplicates):
        municipalities, target_groups = overlay_filters(dataset, drawn.focus)
        # A focus map wants the gaps touching its nodes, wherever they rank: all of them within the focus's cells.
        top = 0 if municipalities or target_groups else options.top * (20 if drawn.focus else 1)
        query = Query(top=top, municipalities=municipalities, target_groups=target_groups, lang=options.lang)
        if options.show_gaps:
            add_gaps(drawn, dataset, backend.actor_gaps(query), options.top)
        if options.show_duplicates:
            add_duplicates(drawn, dataset, backend.duplicate_groups(query), options.top)
    degree: Counter[str] = Counter()
    for edge in drawn.relation_edges():
        degree[edge.source] += 1
        degree[edge.target] += 1
    if aggregated:
        drawing = _aggregated_map(dataset, drawn, options, words, degree)
    else:
        drawing = _full_map(dataset, drawn, options, words, degree, backend)
    if place is not None:
        _municipality_touches(dataset, drawn, drawing, options, words, place, sector_gap)
    name = dataset.name if place is None else dataset.municipalities[place].name
    title = options.title or (team.title if team else words.format("title.default", name=name))
    html = render_page(
        title=title,
        lang=options.lang,
        words=words,
        nodes=drawing.nodes,
        edges=drawing.edges,
        options=vis_options(len(drawing.nodes), len(drawing.edges), drawing.groups, aggregated),
        search=drawing.search,
        legend=drawing.legend,
        notices=_notices(dataset, drawn, options, words) + drawing.notices,
        filters=drawing.filters,
        focus=None if aggregated or place is not None else drawn.focus,
        assets=options.assets,
        projector=options.projector,
    )
    edge_kinds = Counter(edge.kind for edge in drawn.edges)
    summary = MapSummary(
        title=title,
        nodes=len(drawing.nodes),
        edges=len(drawing.edges),
        aggregated=aggregated,
        network_nodes=len(drawn.nodes),
        network_edges=len(drawn.relation_edges()),
        node_kinds={k.value: n for k in KIND_ORDER if (n := sum(1 for x in drawn.nodes.values() if x.kind is k))},
        edge_kinds={kind: edge_kinds[kind] for kind in RELATION_ORDER if edge_kinds[kind]},
        gaps=len(drawn.gaps),
        duplicate_groups=len(drawn.duplicates),
        focus=drawn.focus,
        layers=tuple(layer.value for layer in options.layers),
    )
    return MapPage(html, summary)


def write_map(
    source: Dataset | Backend, path: Path | str, options: MapOptions | None = None, overlays: Overlays | None = None
) -> MapSummary:
    """Build the map (see :func:`build_map`) and write it to ``path`` as UTF-8, atomically.

    Returns
    -------
    MapSummary
        With ``path`` and ``bytes`` filled in.

    Raises
    ------
    UsageError
        For an unknown focus or invalid options.
    OutputError
        When ``path`` cannot be written.
    """
    page = build_map(source, options, overlays)
    data = page.html.encode("utf-8")
    write_atomically(Path(path), data)
    size = len(data)
    return replace(page.summary, path=Path(path), bytes=size)


def _size_values(
    dataset: Dataset, drawn: DrawnGraph, size_by: SizeBy, degree: Mapping[str, int], backend: Backend
) -> dict[str, float | None]:
    if size_by is SizeBy.DEGREE:
        return {key: float(degree.get(key, 0)) for key in drawn.nodes}
    if size_by is SizeBy.BETWEENNESS:
        betweenness = {row.actor: row.betweenness for row in backend.brokers(Query(top=0)).brokers}
        return {
            key: betweenness.get(node.record_id) if node.kind is NodeKind.ACTOR else None
            for key, node in drawn.nodes.items()
        }
    return {
        key: dataset.projects[node.record_id].budget if node.kind is NodeKind.PROJECT else None
        for key, node in drawn.nodes.items()
    }


def _full_map(
    dataset: Dataset, drawn: DrawnGraph, options: MapOptions, words: Texts, degree: Mapping[str, int], backend: Backend
) -> _Drawing:
    keys = list(drawn.nodes)
    xy = node_layout(drawn, options.seed)
    community: dict[str, int] = {}
    if options.color_by is ColorBy.COMMUNITY:
        community = dict(zip(keys, community_membership(dataset, options, keys), strict=True))
    colours = colouring(dataset, list(drawn.nodes.values()), options.color_by, words, community)
    values = _size_values(dataset, drawn, options.size_by, degree, backend)
    metrics: dict[str, dict[str, object]] = {}
    for key in keys:
        metrics[key] = {"degree": degree.get(key, 0)}
        if options.size_by is SizeBy.BETWEENNESS and values[key] is not None:
            metrics[key]["betweenness"] = f"{values[key]:.3f}"
    tips = Tooltips(dataset, words, options.personal_data)
    kinds = [k for k in KIND_ORDER if any(n.kind is k for n in drawn.nodes.values())]
    by_kind = options.color_by is ColorBy.KIND
    present = {e.kind for e in drawn.edges}
    legend = Legend(
        colour_title=words.format("legend.colour", what=words[f"colour.{options.color_by.value}"]),
        colours=colours.swatches,
        shapes=[] if by_kind else shape_swatches(kinds, words, False),
        size_title=size_title(options.size_by, words),
        lines=[(words.relation(rel), LINE_STYLES[rel]) for rel in RELATION_ORDER if rel in present],
        duplicate_nodes=bool(drawn.duplicate_of),
    )
    notices = []
    if drawn.gaps:
        notices.append(Notice(words.format("notice.gaps", count=len(drawn.gaps))))
    if drawn.duplicates:
        notices.append(Notice(words.format("notice.duplicates", count=len(drawn.duplicates))))
    return _Drawing(
        nodes=node_items(dataset, drawn, xy, colours, scaled_values(values), metrics, tips),
        edges=edge_items(drawn, tips),
        groups=colours.groups(),
        legend=legend,
        search=None,
        filters=_filter_choices(dataset, drawn, words),
        notices=notices,
    )


def node_layout(drawn: DrawnGraph, seed: int) -> dict[str, tuple[int, int]]:
    """Positions of the drawn nodes; region-wide actors (a municipality's map) in rows below the rest."""
    main = [key for key, node in drawn.nodes.items() if not node.region_wide]
    apart = [key for key, node in drawn.nodes.items() if node.region_wide]
    index = {key: i for i, key in enumerate(main)}
    pairs = [(index[e.source], index[e.target]) for e in drawn.edges if e.source in index and e.target in index]
    xy = dict(zip(main, positions(len(main), pairs, seed), strict=True))
    apart.sort(key=lambda key: swedish_key(drawn.nodes[key].name))
    xy.update(zip(apart, row_below(list(xy.values()), len(apart)), strict=True))
    return xy


def _municipality_overlays(
    drawn: DrawnGraph, dataset: Dataset, backend: Backend, place: str, options: MapOptions, given: Overlays
) -> SectorGap | None:
    """Draw a municipality's gaps (as ``gaps --municipality`` ranks them) and duplicate pairs; its sector gap."""
    query = Query(top=options.top, municipalities=(place,), lang=options.lang)
    gaps = given.gaps if given.gaps is not None else backend.actor_gaps(query)
    everything = Query(top=0, municipalities=(place,), lang=options.lang)
    duplicates = given.duplicates if given.duplicates is not None else backend.duplicate_groups(everything)
    sectors = given.sector_gaps if given.sector_gaps is not None else backend.sector_gaps(everything)
    add_duplicate_pairs(drawn, dataset, duplicates, options.top)
    add_gaps(drawn, dataset, gaps, options.top)
    return next((gap for gap in sectors if gap.municipality == place), None)


def _municipality_touches(
    dataset: Dataset,
    drawn: DrawnGraph,
    drawing: _Drawing,
    options: MapOptions,
    words: Texts,
    place: str,
    sector_gap: SectorGap | None,
) -> None:
    """Target groups labelled with their size here, region-wide actors grey and small, the sector gap marked."""
    sizes = cell_sizes(dataset)
    home = node_key(NodeKind.MUNICIPALITY, place)
    # Every node works here: no municipality filter. (A report writes a map per municipality: this keeps each small.)
    for item in drawing.nodes:
        item.pop("m", None)
        node = drawn.nodes.get(str(item["id"]))
        if node is None:
            continue
        if node.kind is NodeKind.TARGET_GROUP and (node.record_id, place) in sizes:
            size = sizes[(node.record_id, place)]
            shown = f"<{options.small_count}" if 0 < size < options.small_count else words.number(size)
            item["label"] = f"{node.name} ({shown})"
            item["title"] = f"{item['title']}\n{words['tip.size_here']}: {shown}"
        elif node.region_wide and "color" not in item:
            item["color"] = {**REGION_WIDE_COLOUR, "highlight": REGION_WIDE_COLOUR, "hover": REGION_WIDE_COLOUR}
            item["value"] = 0
            item["title"] = f"{item['title']}\n{words['cat.region_wide']}"
        elif node.key == home and sector_gap is not None:
            item["borderWidth"] = 5
            item["color"] = {"background": "#59A14F", "border": SECTOR_GAP_BORDER}
            item["title"] = f"{item['title']}\n{words['tip.sector_gap']}"
    actors = sum(1 for n in drawn.nodes.values() if n.kind is NodeKind.ACTOR and not n.outside)
    projects = sum(1 for n in drawn.nodes.values() if n.kind is NodeKind.PROJECT and not n.outside)
    wide = sum(1 for n in drawn.nodes.values() if n.region_wide)
    name = dataset.municipalities[place].name
    notices = [
        Notice(
            words.format("notice.municipality", name=name, actors=words.number(actors), projects=words.number(projects))
        )
    ]
    if wide:
        notices.append(Notice(words.format("notice.region_wide", count=words.number(wide))))
    if drawn.gaps:
        notices.append(Notice(words.format("notice.municipality_gaps", count=words.number(len(drawn.gaps)))))
    if sector_gap is not None:
        notices.append(Notice(words["notice.sector_gap"], warning=True))
    if not drawn.gaps and not drawn.duplicates and sector_gap is None:
        notices.append(Notice(words["notice.no_findings"]))
    # Its own gap notice replaces the whole map's ("the N largest gaps"), which says the same less exactly.
    whole_map_gaps = words.format("notice.gaps", count=len(drawn.gaps))
    drawing.notices[:] = notices + [notice for notice in drawing.notices if notice.text != whole_map_gaps]


def _aggregated_map(
    dataset: Dataset, drawn: DrawnGraph, options: MapOptions, words: Texts, degree: Mapping[str, int]
) -> _Drawing:
    by_community = options.aggregate_by.value == "community"
    membership = community_membership(dataset, options, list(drawn.nodes)) if by_community else None
    groups = aggregate(dataset, drawn, degree, options.aggregate_by, words, options.seed, membership)
    nodes, edges = aggregate_items(groups, degree, words)
    members = member_names(groups.groups)
    legend = Legend(
        colour_title=words.format("legend.colour", what=words["colour.group"]),
        colours=[Swatch(g.label, g.colour) for g in groups.groups if g.colour != OTHER]
        + [Swatch(words["cat.other"], OTHER)],
        shapes=[],
        size_title=words.format("legend.size", what=words["size.members"]),
        lines=[(words.relation("aggregate"), LINE_STYLES["aggregate"])],
    )
    text = words.format(
        "notice.aggregated",
        nodes=words.number(len(drawn.nodes)),
        limit=words.number(options.max_nodes),
        groups=words.number(len(groups.groups)),
    )
    notices = [
        Notice(f"{text} {words[f'notice.aggregated_by.{options.aggregate_by.value}']}", warning=True),
    ]
    if options.show_gaps or options.show_duplicates:
        notices.append(Notice(words["notice.aggregated_overlays"]))
    return _Drawing(
        nodes=nodes,
        edges=edges,
        groups={},
        legend=legend,
        search=[(name, g.key) for g in groups.groups for name in (g.label, *members[g.key])],
        filters=None,
        notices=notices,
    )


def _filter_choices(dataset: Dataset, drawn: DrawnGraph, words: Texts) -> FilterChoices:
    kinds = [
        (k.value, words.kind(k, plural=True)) for k in KIND_ORDER if any(n.kind is k for n in drawn.nodes.values())
    ]
    places: dict[str, None] = {}
    groups: dict[str, None] = {}
    for node in drawn.nodes.values():
        if node.kind is NodeKind.MUNICIPALITY:
            places[node.record_id] = None
        elif node.kind is NodeKind.TARGET_GROUP:
            groups.update(dict.fromkeys(ancestors(dataset, [node.record_id])))
        else:
            table = dataset.actors if node.kind is NodeKind.ACTOR else dataset.projects
            record = table[node.record_id]
            if not record.all_municipalities:
                places.update(dict.fromkeys(record.municipalities))
            groups.update(dict.fromkeys(ancestors(dataset, record.target_groups)))

    def named(ids: dict[str, None], table: Mapping[str, object]) -> list[tuple[str, str]]:
        pairs = [(i, getattr(table[i], "name", i)) for i in ids]
        return sorted(pairs, key=lambda pair: (swedish_key(pair[1]), pair[0]))

    return FilterChoices(kinds, named(places, dataset.municipalities), named(groups, dataset.target_groups))


def _notices(dataset: Dataset, drawn: DrawnGraph, options: MapOptions, words: Texts) -> list[Notice]:
    notices: list[Notice] = []
    if options.show_gaps or options.show_duplicates:
        # What the data cannot show, next to the overlays it affects.
        notices.extend(Notice(limit.text(options.lang), warning=True) for limit in data_limits(dataset, "map"))
    if drawn.focus is not None and options.municipality is None:  # a municipality's map is not a neighbourhood
        node = drawn.nodes[drawn.focus]
        kind = words.kind(node.kind).lower()
        notices.append(Notice(words.format("notice.focus", name=node.name, kind=kind, depth=options.depth)))
    if not options.personal_data:
        notices.append(Notice(words["notice.no_personal_data"]))
    return notices
