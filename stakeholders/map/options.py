"""What a map shows: layers, colours, sizes, overlays, language and size limits."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from stakeholders.errors import UsageError
from stakeholders.schema import NodeKind, RelKind


class Layer(StrEnum):
    """Groups of relation kinds that can be drawn (``--layers``)."""

    COOPERATION = "cooperation"
    PROJECTS = "projects"
    FUNDING = "funding"
    TARGET_GROUPS = "target-groups"
    MUNICIPALITIES = "municipalities"


class ColorBy(StrEnum):
    KIND = "kind"
    SECTOR = "sector"
    ORIENTATION = "orientation"
    MUNICIPALITY = "municipality"
    COMMUNITY = "community"


class SizeBy(StrEnum):
    DEGREE = "degree"
    BETWEENNESS = "betweenness"
    BUDGET = "budget"


class AggregateBy(StrEnum):
    COMMUNITY = "community"
    MUNICIPALITY = "municipality"


LANGUAGES = ("en", "sv")

# The relation kinds each layer draws. SIZED_IN (statistics) is never drawn: sizes are in the tooltips.
LAYER_RELATIONS: dict[Layer, tuple[RelKind, ...]] = {
    Layer.COOPERATION: (RelKind.COOPERATES_WITH,),
    Layer.PROJECTS: (RelKind.OWNS, RelKind.PARTNER_IN),
    Layer.FUNDING: (RelKind.FUNDS,),
    Layer.TARGET_GROUPS: (RelKind.TARGETS, RelKind.PART_OF),
    Layer.MUNICIPALITIES: (RelKind.ACTIVE_IN,),
}

# The node kinds each layer brings onto the map (actors are always drawn).
LAYER_KINDS: dict[Layer, tuple[NodeKind, ...]] = {
    Layer.COOPERATION: (NodeKind.ACTOR,),
    Layer.PROJECTS: (NodeKind.ACTOR, NodeKind.PROJECT),
    Layer.FUNDING: (NodeKind.ACTOR, NodeKind.PROJECT),
    Layer.TARGET_GROUPS: (NodeKind.TARGET_GROUP,),
    Layer.MUNICIPALITIES: (NodeKind.MUNICIPALITY,),
}

# The layer a focus node of a kind needs, so that its neighbourhood is more than itself.
KIND_LAYER: dict[NodeKind, Layer | None] = {
    NodeKind.ACTOR: None,
    NodeKind.PROJECT: Layer.PROJECTS,
    NodeKind.MUNICIPALITY: Layer.MUNICIPALITIES,
    NodeKind.TARGET_GROUP: Layer.TARGET_GROUPS,
}

DEFAULT_LAYERS: tuple[Layer, ...] = (Layer.COOPERATION, Layer.PROJECTS, Layer.FUNDING)
DEFAULT_MAX_NODES = 2_000
DEFAULT_DEPTH = 2
DEFAULT_TOP = 10


@dataclass(frozen=True, slots=True)
class MapOptions:
    """Everything that decides the picture; the same options and data give the same file.

    Parameters
    ----------
    focus : str, optional
        Id, name or node key (``Actor:umu``) of an actor, project, municipality
        or target group: draw only its neighbourhood.
    depth : int
        How many steps from the focus node to draw.
    layers : tuple of Layer
        Which relation kinds to draw.
    color_by, size_by : ColorBy, SizeBy
        What colours and sizes the nodes.
    show_gaps, show_duplicates : bool
        Draw the top communication gaps as dashed edges; highlight duplicate project groups.
    top : int
        How many gaps and duplicate groups to draw.
    personal_data : bool
        False leaves contact names, e-mails and phones out of the file.
    lang : str
        "en" or "sv": legend, menus and tooltips.
    title : str, optional
        The page title (default: the dataset's name).
    max_nodes : int
        Above this many nodes an aggregated map is drawn (super-nodes with counts).
    aggregate_by : AggregateBy
        Communities (Louvain, seeded) or municipalities as super-nodes.
    seed : int
        Seed of the layout and the community detection.
    municipality : str, optional
        Id or name of a municipality: draw that municipality's own map (its
        actors, region-wide ones apart and smaller; its projects; its target
        groups with their sizes; its gaps, duplicates and sector gap), not a
        neighbourhood. Excludes ``focus``.
    projector : bool
        Start in projector mode (large labels, the legend first); the page has a toggle either way.
    assets : str, optional
        A folder, relative to the page, holding vis-network and the page's script and style
        (see :func:`stakeholders.map.write_assets`): a report's maps share one copy. None: all inline.
    small_count : int
        Target-group sizes below this show as "<N" (statistics on people).
    proposal : str, optional
        The id of a proposal for joint work (``stakeholders propose``, e.g. ``consortium-1``): draw its team,
        what it answers and the ties among them (:mod:`stakeholders.map.team`). Excludes ``focus`` and
        ``municipality``.
    """

    focus: str | None = None
    depth: int = DEFAULT_DEPTH
    layers: tuple[Layer, ...] = DEFAULT_LAYERS
    color_by: ColorBy = ColorBy.KIND
    size_by: SizeBy = SizeBy.DEGREE
    show_gaps: bool = False
    show_duplicates: bool = False
    top: int = DEFAULT_TOP
    personal_data: bool = True
    lang: str = "en"
    title: str | None = None
    max_nodes: int = DEFAULT_MAX_NODES
    aggregate_by: AggregateBy = AggregateBy.COMMUNITY
    seed: int = 1
    municipality: str | None = None
    projector: bool = False
    assets: str | None = None
    small_count: int = 5
    proposal: str | None = None

    def __post_init__(self) -> None:
        # Accept plain strings (from the CLI or users' scripts) and check every value once.
        object.__setattr__(self, "layers", tuple(dict.fromkeys(_choice(Layer, v, "layer") for v in self.layers)))
        object.__setattr__(self, "color_by", _choice(ColorBy, self.color_by, "--color-by"))
        object.__setattr__(self, "size_by", _choice(SizeBy, self.size_by, "--size-by"))
        object.__setattr__(self, "aggregate_by", _choice(AggregateBy, self.aggregate_by, "--aggregate-by"))
        if self.lang not in LANGUAGES:
            raise UsageError(f"unknown language {self.lang!r}; use one of {', '.join(LANGUAGES)}")
        if self.depth < 0:
            raise UsageError("--depth must be 0 or more")
        if self.top < 1:
            raise UsageError("--top must be 1 or more")
        if self.max_nodes < 1:
            raise UsageError("--max-nodes must be 1 or more")
        if sum(x is not None for x in (self.municipality, self.focus, self.proposal)) > 1:
            raise UsageError("give one of --municipality, --focus and --proposal")
        if self.assets is not None and (self.assets.startswith(("/", "\\")) or ":" in self.assets):
            raise UsageError("the assets folder must be a relative path")

    @property
    def relations(self) -> frozenset[RelKind]:
        return frozenset(rel for layer in self.layers for rel in LAYER_RELATIONS[layer])

    @property
    def node_kinds(self) -> frozenset[NodeKind]:
        return frozenset({NodeKind.ACTOR, *(kind for layer in self.layers for kind in LAYER_KINDS[layer])})


def _choice(enum: type[StrEnum], value: object, what: str) -> Any:
    try:
        return enum(str(value))
    except ValueError:
        choices = ", ".join(member.value for member in enum)
        raise UsageError(f"unknown {what} {value!r}; use one of {choices}") from None


def parse_layers(text: str) -> tuple[Layer, ...]:
    """``"cooperation,projects"`` (or ``all``) as layers.

    Raises
    ------
    UsageError
        For an unknown layer name.
    """
    names = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
    if names == ["all"]:
        return tuple(Layer)
    if not names:
        raise UsageError("--layers needs at least one layer")
    return tuple(_choice(Layer, name.replace("_", "-"), "layer") for name in names)
