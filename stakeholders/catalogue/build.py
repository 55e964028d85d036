"""The catalogue as data: groups of actor rows, ready for any format."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from stakeholders.catalogue import labels
from stakeholders.collation import swedish_key
from stakeholders.model import Actor, Dataset, Project, contact_graph
from stakeholders.schema import LIST_SEPARATOR, PERSONAL_ATTRIBUTES

Cell = str | int
LIST_JOINER = LIST_SEPARATOR + " "
OPEN_END = "…"


@dataclass(frozen=True, slots=True)
class CatalogueRow:
    """One actor in one group; ``cells`` follow :attr:`Catalogue.columns`."""

    actor: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class CatalogueGroup:
    """One section of the catalogue.

    ``key`` identifies the group (an orientation or type in lower case, a
    municipality or target group id, a sector value); it is ``""`` for the
    group of actors without a value, which always comes last.
    """

    key: str
    label: str
    rows: tuple[CatalogueRow, ...]

    @property
    def is_empty_value(self) -> bool:
        """Whether this is the "(no orientation)"-style group."""
        return self.key == ""


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Actors grouped by one of :data:`labels.GROUPINGS`, in Swedish alphabetical order."""

    dataset: str
    by: str
    lang: str
    personal_data: bool
    columns: tuple[str, ...]
    groups: tuple[CatalogueGroup, ...]

    @property
    def title(self) -> str:
        return labels.title(self.by, self.lang)

    @property
    def group_heading(self) -> str:
        """What a group is, e.g. "Orientation" (the CSV's first column)."""
        return labels.group_label(self.by, self.lang)

    @property
    def headings(self) -> tuple[str, ...]:
        """The column headings in the catalogue's language."""
        return tuple(labels.column_label(column, self.lang) for column in self.columns)

    @property
    def actor_count(self) -> int:
        """How many different actors the catalogue lists."""
        return len({row.actor for group in self.groups for row in group.rows})

    def text(self, key: str, **values: object) -> str:
        """One of the catalogue's other texts (see :func:`labels.text`) in its language."""
        return labels.text(key, self.lang, **values)

    def to_json(self) -> dict[str, object]:
        return {
            "dataset": self.dataset,
            "by": self.by,
            "lang": self.lang,
            "personal_data": self.personal_data,
            "columns": list(self.columns),
            "groups": [
                {
                    "key": group.key,
                    "label": group.label,
                    "actors": [
                        {"id": row.actor, **dict(zip(self.columns, row.cells, strict=True))} for row in group.rows
                    ],
                }
                for group in self.groups
            ],
        }


def build_catalogue(
    dataset: Dataset, by: str = "orientation", lang: str = "en", personal_data: bool = True
) -> Catalogue:
    """Group the actors of ``dataset`` for a catalogue.

    Parameters
    ----------
    dataset : Dataset
        The loaded dataset.
    by : {"orientation", "municipality", "target-group", "sector", "type", "occupation"}
        What a group is. An actor with several values (orientations,
        municipalities, target groups) appears in the group of each; an actor
        active in all municipalities (``*``) appears under every one.
        Orientations and types that differ only in case or spacing are one
        group, labelled with their most common spelling.
    lang : {"en", "sv"}
        Language of headings, column names, sector names and the "(no ...)"
        group.
    personal_data : bool
        ``False`` leaves out the columns of
        :data:`stakeholders.schema.PERSONAL_ATTRIBUTES` (contact person,
        e-mail, phone), for catalogues that are published.

    Returns
    -------
    Catalogue
        Groups in Swedish alphabetical order, the group of actors without a
        value last; actors inside a group in the same order.

    Raises
    ------
    UsageError
        For an unknown ``by`` or ``lang``.
    """
    labels.check_grouping(by)
    labels.check_lang(lang)
    columns = tuple(c for c in labels.COLUMNS if personal_data or c not in PERSONAL_ATTRIBUTES)
    cells = _ActorCells(dataset, lang)
    members: dict[str, list[Actor]] = defaultdict(list)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for actor in dataset.actors.values():
        keys = dict(_group_values(dataset, actor, by, lang))  # a key once, even if spelled twice
        for key, label in keys.items():
            spellings[key][label] += 1
        for key in keys or {"": ""}:
            members[key].append(actor)
    empty_label = labels.empty_group_label(by, lang)
    groups = []
    for key, actors in members.items():
        label = spellings[key].most_common(1)[0][0] if key else empty_label
        rows = tuple(
            CatalogueRow(actor.id, cells.row(actor, columns))
            for actor in sorted(actors, key=lambda a: (swedish_key(a.name), a.id))
        )
        groups.append(CatalogueGroup(key, label, rows))
    groups.sort(key=lambda g: (g.is_empty_value, swedish_key(g.label), g.key))
    return Catalogue(dataset.name, by, lang, personal_data, columns, tuple(groups))


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _group_values(dataset: Dataset, actor: Actor, by: str, lang: str) -> Iterator[tuple[str, str]]:
    """The (key, label) of every group ``actor`` belongs to."""
    if by == "orientation":
        yield from ((_fold(o), o.strip()) for o in actor.orientations if o.strip())
    elif by == "type":
        if actor.type.strip():
            yield _fold(actor.type), actor.type.strip()
    elif by == "sector":
        if actor.sector is not None:
            yield actor.sector.value, labels.sector_label(actor.sector, lang)
    elif by == "municipality":
        for m in actor.municipalities:
            municipality = dataset.municipalities.get(m)
            yield m, municipality.name if municipality else m
    elif by == "occupation":
        for code in actor.occupations:
            occupation = dataset.occupations.get(code)
            yield code, f"{occupation.name} ({code})" if occupation else code
    else:  # target-group
        for t in actor.target_groups:
            group = dataset.target_groups.get(t)
            yield t, group.name if group else t


def project_text(project: Project) -> str:
    """A project's name with its period: "Name (2008-01-01 – 2009-12-31)"; "…" for an open end."""
    if project.start is None and project.end is None:
        return project.name
    start = project.start.isoformat() if project.start else OPEN_END
    end = project.end.isoformat() if project.end else OPEN_END
    return f"{project.name} ({start} – {end})"


class _ActorCells:
    """Computes an actor's cells once per dataset (contacts, projects, names)."""

    def __init__(self, dataset: Dataset, lang: str) -> None:
        self.dataset = dataset
        self.lang = lang
        self.contacts = contact_graph(dataset)
        self.owned: dict[str, list[Project]] = defaultdict(list)
        self.partner: dict[str, list[Project]] = defaultdict(list)
        for project in dataset.projects.values():
            self.owned[project.owner].append(project)
            for partner in dict.fromkeys(project.partners):
                if partner != project.owner:
                    self.partner[partner].append(project)

    def row(self, actor: Actor, columns: tuple[str, ...]) -> tuple[Cell, ...]:
        values = self.values(actor)
        return tuple(values[column] for column in columns)

    def values(self, actor: Actor) -> dict[str, Cell]:
        dataset, lang = self.dataset, self.lang
        if actor.all_municipalities:
            municipalities = labels.text("all", lang)
        else:
            municipalities = _joined(
                dataset.municipalities[m].name if m in dataset.municipalities else m for m in actor.municipalities
            )
        return {
            "name": actor.name,
            "type": actor.type,
            "sector": labels.sector_label(actor.sector, lang) if actor.sector else "",
            "orientations": LIST_JOINER.join(actor.orientations),
            "municipalities": municipalities,
            "target_groups": _joined(
                dataset.target_groups[t].name if t in dataset.target_groups else t for t in actor.target_groups
            ),
            "projects_owned": _joined(project_text(p) for p in self.owned.get(actor.id, ())),
            "projects_partner": _joined(project_text(p) for p in self.partner.get(actor.id, ())),
            "contacts": int(self.contacts.degree(actor.id)),
            "contact_name": actor.contact_name,
            "email": actor.email,
            "phone": actor.phone,
            "website": actor.website,
            "description": actor.description,
        }


def _joined(texts: Iterator[str] | list[str] | tuple[str, ...]) -> str:
    """Distinct texts in Swedish alphabetical order, joined with "; "."""
    return LIST_JOINER.join(sorted(dict.fromkeys(texts), key=swedish_key))
