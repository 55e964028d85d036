"""Large networks as a map of groups: each community or municipality one circle with a count.

vis-network becomes sluggish beyond a few thousand nodes; above the size
limit the map draws groups instead, with the number of members as size and
the links between groups as weighted lines. Searching a member's name finds
its group.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from stakeholders.map.i18n import Texts
from stakeholders.map.layout import communities, positions
from stakeholders.map.options import AggregateBy
from stakeholders.map.select import DrawnGraph, DrawnNode
from stakeholders.map.style import KIND_ORDER, OTHER, PALETTE, municipality_group
from stakeholders.model import Dataset

MAX_GROUPS = 150  # more groups are merged into "other groups"
MOST_LINKED = 10  # names listed in a group's tooltip
GROUP_EDGE_LENGTH = 300.0


@dataclass(slots=True)
class Group:
    key: str
    label: str
    colour: str
    members: list[DrawnNode]
    x: int = 0
    y: int = 0


@dataclass(slots=True)
class GroupLink:
    source: str
    target: str
    count: int


@dataclass(slots=True)
class Aggregate:
    groups: list[Group]
    links: list[GroupLink]
    by: AggregateBy


def aggregate(
    dataset: Dataset,
    drawn: DrawnGraph,
    degree: Mapping[str, int],
    by: AggregateBy,
    words: Texts,
    seed: int,
    membership: Sequence[int] | None = None,
) -> Aggregate:
    """Group the drawn nodes by community (Louvain, seeded) or municipality and link the groups.

    ``membership`` (a community per drawn node) reuses communities found once for the whole network.
    A community is labelled by its most linked member ("Name +41"), a
    municipality group by its name and count ("Umeå (42)").

    Groups are ordered by size (largest first); beyond ``MAX_GROUPS``, single
    nodes and small groups linked to no other group (under 1 % of the nodes)
    go to one "other groups" group.
    """
    nodes = list(drawn.nodes.values())
    index = {node.key: i for i, node in enumerate(nodes)}
    relation_edges = [(index[e.source], index[e.target]) for e in drawn.relation_edges()]
    if by is AggregateBy.COMMUNITY:
        if membership is None:
            membership = communities(len(nodes), relation_edges, seed)
        raw = [f"community-{m}" for m in membership]
    else:
        raw = [municipality_group(dataset, node, words) or words["cat.target_groups"] for node in nodes]
    sizes = Counter(raw)
    first: dict[str, int] = {}
    for i, group in enumerate(raw):
        first.setdefault(group, i)
    linked = {raw[a] for a, b in relation_edges if raw[a] != raw[b]} | {
        raw[b] for a, b in relation_edges if raw[a] != raw[b]
    }
    # Small groups linked to no other group (separate little networks) would fill the map: they join "other".
    small = max(2, len(nodes) // 100)
    order = sorted(sizes, key=lambda g: (-sizes[g], first[g]))
    kept = [g for g in order if sizes[g] > 1 and (g in linked or sizes[g] >= small)][:MAX_GROUPS]
    rank = {g: i for i, g in enumerate(kept)}
    other = len(kept)
    members: dict[int, list[DrawnNode]] = {}
    for node, group in zip(nodes, raw, strict=True):
        members.setdefault(rank.get(group, other), []).append(node)
    groups = []
    for number in sorted(members):
        listed = members[number]
        count = words.number(len(listed))
        if number == other:
            name = f"{words['cat.other_groups']} ({count})"
        elif by is AggregateBy.COMMUNITY:
            hub = max(listed, key=lambda n: (degree.get(n.key, 0), -index[n.key])).name
            name = f"{hub} +{words.number(len(listed) - 1)}"
        else:
            name = f"{kept[number]} ({count})"
        colour = PALETTE[number] if number < len(PALETTE) and number != other else OTHER
        groups.append(Group(f"group:{number}", name, colour, listed))
    group_of = {node.key: g.key for g in groups for node in g.members}
    counts: Counter[tuple[str, str]] = Counter()
    for edge in drawn.relation_edges():
        a, b = group_of[edge.source], group_of[edge.target]
        if a != b:
            counts[(a, b) if a < b else (b, a)] += 1
    links = [GroupLink(a, b, n) for (a, b), n in sorted(counts.items(), key=lambda item: item[0])]
    number_of = {g.key: i for i, g in enumerate(groups)}
    xy = positions(
        len(groups),
        [(number_of[link.source], number_of[link.target]) for link in links],
        seed,
        weights=[math.log1p(link.count) for link in links],
        edge_length=GROUP_EDGE_LENGTH,
    )
    for placed, (x, y) in zip(groups, xy, strict=True):
        placed.x, placed.y = x, y
    return Aggregate(groups, links, by)


def group_tooltip(group: Group, degree: Mapping[str, int], words: Texts) -> str:
    """Members, members per kind, and the most linked names."""
    kinds = Counter(node.kind for node in group.members)
    per_kind = ", ".join(
        f"{words.number(kinds[k])} {words.kind(k, plural=True).lower()}" for k in KIND_ORDER if kinds[k]
    )
    top = sorted(group.members, key=lambda n: -degree.get(n.key, 0))[:MOST_LINKED]
    lines = [
        group.label,
        f"{words['tip.members']}: {words.number(len(group.members))} ({per_kind})",
        f"{words['tip.largest']}: {', '.join(n.name for n in top)}",
    ]
    return "\n".join(lines)


def link_width(count: int) -> float:
    return round(1.0 + 2.0 * math.log10(count), 2) if count > 0 else 1.0


def member_names(groups: Sequence[Group]) -> dict[str, list[str]]:
    return {g.key: [n.name for n in g.members] for g in groups}
