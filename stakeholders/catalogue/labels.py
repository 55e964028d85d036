"""Every word the catalogue shows, in English and Swedish."""

from __future__ import annotations

from stakeholders.errors import UsageError
from stakeholders.schema import Sector

LANGS: tuple[str, ...] = ("en", "sv")
GROUPINGS: tuple[str, ...] = ("orientation", "municipality", "target-group", "sector", "type", "occupation")

# Column keys in catalogue order; the personal ones are named as in
# ``schema.PERSONAL_ATTRIBUTES``.
COLUMNS: tuple[str, ...] = (
    "name",
    "type",
    "sector",
    "orientations",
    "municipalities",
    "target_groups",
    "projects_owned",
    "projects_partner",
    "contacts",
    "contact_name",
    "email",
    "phone",
    "website",
    "description",
)
NUMBER_COLUMNS: frozenset[str] = frozenset({"contacts"})

_COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "name": ("Name", "Namn"),
    "type": ("Type", "Typ"),
    "sector": ("Sector", "Sektor"),
    "orientations": ("Orientations", "Inriktningar"),
    "municipalities": ("Municipalities", "Kommuner"),
    "target_groups": ("Target groups", "Målgrupper"),
    "projects_owned": ("Projects owned", "Egna projekt"),
    "projects_partner": ("Projects taken part in", "Deltar i projekt"),
    "contacts": ("Number of contacts", "Antal kontakter"),
    "contact_name": ("Contact person", "Kontaktperson"),
    "email": ("E-mail", "E-post"),
    "phone": ("Phone", "Telefon"),
    "website": ("Website", "Webbplats"),
    "description": ("Description", "Beskrivning"),
}
# Per grouping: (what one group is, the title's "by ...", the group of actors without one).
_GROUPING_LABELS: dict[str, tuple[tuple[str, str], tuple[str, str], tuple[str, str]]] = {
    "orientation": (
        ("Orientation", "Inriktning"),
        ("orientation", "inriktning"),
        ("(no orientation)", "(ingen inriktning)"),
    ),
    "municipality": (("Municipality", "Kommun"), ("municipality", "kommun"), ("(no municipality)", "(ingen kommun)")),
    "target-group": (
        ("Target group", "Målgrupp"),
        ("target group", "målgrupp"),
        ("(no target group)", "(ingen målgrupp)"),
    ),
    "sector": (("Sector", "Sektor"), ("sector", "sektor"), ("(no sector)", "(ingen sektor)")),
    "type": (("Type", "Typ"), ("type", "typ"), ("(no type)", "(ingen typ)")),
    # The occupations an actor prepares people for (issue 18): who trains, validates or teaches for each.
    "occupation": (
        ("Occupation prepared for", "Yrke som aktören förbereder för"),
        ("occupation prepared for", "yrke som förbereds för"),
        ("(no occupation)", "(inget yrke)"),
    ),
}
_SECTOR_LABELS: dict[Sector, tuple[str, str]] = {
    Sector.PUBLIC: ("Public", "Offentlig"),
    Sector.PRIVATE: ("Private", "Privat"),
    Sector.CIVIL: ("Civil society", "Ideell"),
    Sector.ACADEMIC: ("Academia", "Akademisk"),
}
_TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Actor catalogue by {by}", "Aktörskatalog efter {by}"),
    "all": ("all", "alla"),
    "overview": ("Overview", "Översikt"),
    "actors": ("Number of actors", "Antal aktörer"),
    "contents": ("Contents", "Innehåll"),
    "search": ("Search", "Sök"),
    "search_hint": ("name, municipality, orientation, …", "namn, kommun, inriktning, …"),
    "shown": ("{shown} of {total} rows shown", "{shown} av {total} rader visas"),
    "no_match": ("No actor matches the search.", "Ingen aktör matchar sökningen."),
    "summary": (
        "{actors} actors in {groups} groups; dataset {dataset}.",
        "{actors} aktörer i {groups} grupper; dataset {dataset}.",
    ),
    "no_personal": (
        "Without personal data (contact person, e-mail, phone).",
        "Utan personuppgifter (kontaktperson, e-post, telefon).",
    ),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[LANGS.index(lang)]


def check_lang(lang: str) -> str:
    """``lang`` if it is a catalogue language, else :class:`UsageError`."""
    if lang not in LANGS:
        raise UsageError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    return lang


def check_grouping(by: str) -> str:
    """``by`` if the catalogue can group by it, else :class:`UsageError`."""
    if by not in GROUPINGS:
        raise UsageError(f"cannot group by {by!r}; use one of {', '.join(GROUPINGS)}")
    return by


def column_label(column: str, lang: str) -> str:
    """The heading of a column."""
    return _pick(_COLUMN_LABELS[column], lang)


def group_label(by: str, lang: str) -> str:
    """What one group is ("Orientation"), the heading of the CSV's group column."""
    return _pick(_GROUPING_LABELS[by][0], lang)


def empty_group_label(by: str, lang: str) -> str:
    """The group of actors without a value, e.g. "(no orientation)"."""
    return _pick(_GROUPING_LABELS[by][2], lang)


def title(by: str, lang: str) -> str:
    """The catalogue's title, e.g. "Actor catalogue by orientation"."""
    return text("title", lang, by=_pick(_GROUPING_LABELS[by][1], lang))


def sector_label(sector: Sector, lang: str) -> str:
    """A sector's name, e.g. "Civil society" or "Ideell"."""
    return _pick(_SECTOR_LABELS[sector], lang)


def text(key: str, lang: str, **values: object) -> str:
    """Any other text of the catalogue, with ``values`` filled in."""
    return _pick(_TEXTS[key], lang).format(**values)
