"""The map's words in English and Swedish: legend, menus, tooltips, notices.

Every text that reaches the page is looked up here with :func:`texts`; the
templates use ``str.format`` fields, filled with user text that the page
escapes afterwards.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from stakeholders.schema import NodeKind, RelKind, Sector

_EN: dict[str, str] = {
    # node kinds
    "kind.Actor": "Actor",
    "kind.Project": "Project",
    "kind.Municipality": "Municipality",
    "kind.TargetGroup": "Target group",
    "kinds.Actor": "Actors",
    "kinds.Project": "Projects",
    "kinds.Municipality": "Municipalities",
    "kinds.TargetGroup": "Target groups",
    # relation kinds and overlays
    "rel.COOPERATES_WITH": "cooperates with",
    "rel.OWNS": "owns (project owner)",
    "rel.PARTNER_IN": "partner in",
    "rel.FUNDS": "funds",
    "rel.TARGETS": "serves target group",
    "rel.ACTIVE_IN": "active in",
    "rel.PART_OF": "part of",
    "rel.SIZED_IN": "size in",
    "rel.gap": "communication gap (no contact)",
    "rel.duplicate": "possible duplicated effort",
    "rel.aggregate": "links between groups",
    # sectors and categories
    "sector.public": "Public",
    "sector.private": "Private",
    "sector.civil": "Civil society",
    "sector.academic": "Academic",
    "sector.none": "Sector not given",
    "cat.other": "Other",
    "cat.not_applicable": "Not an actor",
    "cat.no_orientation": "No orientation",
    "cat.no_municipality": "No municipality",
    "cat.several_municipalities": "Several municipalities",
    "cat.all_municipalities": "Whole region (all municipalities)",
    "cat.not_applicable_budget": "Not a project",
    "cat.community": "Community {number}",
    "cat.target_groups": "Target groups",
    "cat.not_linked": "Not linked",
    "cat.other_groups": "Other groups",
    "title.default": "Stakeholder map: {name}",
    # legend
    "legend": "Legend",
    "legend.colour": "Colour: {what}",
    "legend.size": "Size: {what}",
    "legend.shapes": "Shapes",
    "legend.lines": "Lines",
    "legend.duplicate_node": "Project in a duplicate group",
    "colour.kind": "kind of node",
    "colour.sector": "sector (actors)",
    "colour.orientation": "first listed orientation",
    "colour.municipality": "municipality",
    "colour.community": "community (densely linked groups)",
    "colour.group": "group",
    "size.degree": "number of links on the map",
    "size.betweenness": "betweenness (actors who connect others)",
    "size.budget": "project budget",
    "size.members": "number of members",
    # menus
    "search": "Find",
    "search.placeholder": "Find a name…",
    "search.not_found": "No node named “{query}”",
    "search.found": "{name}",
    "filters": "Filters",
    "filter.kinds": "Show",
    "filter.municipality": "Municipality",
    "filter.target_group": "Target group",
    "filter.all": "All",
    "filter.reset": "Show all",
    "filter.shown": "{shown} of {total} nodes shown",
    "png": "Save picture (PNG)",
    "fit": "Fit to screen",
    "sidebar.hide": "Hide the panel",
    "sidebar.show": "Show the panel",
    # notices
    "notice.focus": "Neighbourhood of {name} ({kind}), up to {depth} steps.",
    "notice.aggregated": (
        "{nodes} nodes are more than {limit}: showing {groups} groups as single circles "
        "(size = number of members). Use --focus to see a neighbourhood, or --max-nodes to draw every node."
    ),
    "notice.aggregated_by.community": "Groups are communities (densely linked nodes).",
    "notice.aggregated_by.municipality": "Groups are municipalities.",
    "notice.aggregated_overlays": "Gaps and duplicates are drawn on maps that show every node.",
    "notice.counts": "{nodes} nodes, {edges} links",
    "notice.gaps": "Red dashed lines: the {count} largest communication gaps.",
    "notice.duplicates": "Magenta outlines: {count} groups of projects that may duplicate each other.",
    "notice.no_personal_data": "Without personal data (no contact persons, e-mails or phones).",
    # tooltips
    "tip.kind": "Kind",
    "tip.type": "Type",
    "tip.sector": "Sector",
    "tip.orientations": "Orientations",
    "tip.municipalities": "Municipalities",
    "tip.all_municipalities": "all municipalities",
    "tip.more": "and {count} more",
    "tip.target_groups": "Target groups",
    "tip.contact": "Contact",
    "tip.email": "E-mail",
    "tip.phone": "Phone",
    "tip.website": "Website",
    "tip.description": "About",
    "tip.owner": "Owner",
    "tip.partners": "Partners",
    "tip.funders": "Funded by",
    "tip.period": "Period",
    "tip.budget": "Budget",
    "tip.region": "Region",
    "tip.population": "Population",
    "tip.foreign_born": "Foreign born",
    "tip.expected_arrivals": "Expected arrivals",
    "tip.year": "Year",
    "tip.parent": "Part of",
    "tip.degree": "Links on the map",
    "tip.betweenness": "Betweenness",
    "tip.members": "Members",
    "tip.member_kinds": "Of which",
    "tip.largest": "Most linked",
    "tip.strength": "Strength",
    "tip.since": "Since",
    "tip.note": "Note",
    "tip.amount": "Amount",
    "tip.links": "{count} links",
    "projector": "Projector mode",
    "notice.municipality": "{name}: the actors working here ({actors}), its projects ({projects}) and target groups.",
    "notice.region_wide": "Grey, smaller, at the bottom: {count} region-wide actors (active in many municipalities).",
    "notice.municipality_gaps": "Red dashed lines: {count} communication gaps here (as in gaps --municipality).",
    "notice.sector_gap": "Sector gap: no public actor here is in contact with a private one (employers).",
    "notice.no_findings": "No communication gap, duplicate or sector gap here.",
    "cat.region_wide": "Region-wide actor",
    "tip.size_here": "Size here",
    "tip.sector_gap": "Sector gap: no public-private contact here",
    "tip.outside": "Outside the neighbourhood: drawn for a communication gap.",
    "tip.duplicate_member": "Possible duplicate of: {names}",
    "gap": (
        "Communication gap: {a} and {b} both serve {target_groups} in {municipalities} without contact; {reach}. "
        "Score {score}."
    ),
    "gap.unreachable": "they cannot reach each other through anyone",
    "gap.distance": "{distance} steps apart",
    "gap.introducers": "{distance} steps apart; {names} could introduce them",
    "duplicate": (
        "Possible duplicated effort: {projects} all work on {orientations} for {target_groups} in {municipalities} "
        "during {period}; {contact}. Score {score}."
    ),
    "duplicate.contact": "their owners have contact",
    "duplicate.no_contact": "their owners lack contact",
}

_SV: dict[str, str] = {
    "kind.Actor": "Aktör",
    "kind.Project": "Projekt",
    "kind.Municipality": "Kommun",
    "kind.TargetGroup": "Målgrupp",
    "kinds.Actor": "Aktörer",
    "kinds.Project": "Projekt",
    "kinds.Municipality": "Kommuner",
    "kinds.TargetGroup": "Målgrupper",
    "rel.COOPERATES_WITH": "samverkar med",
    "rel.OWNS": "äger (projektägare)",
    "rel.PARTNER_IN": "partner i",
    "rel.FUNDS": "finansierar",
    "rel.TARGETS": "riktar sig till målgrupp",
    "rel.ACTIVE_IN": "verksam i",
    "rel.PART_OF": "del av",
    "rel.SIZED_IN": "storlek i",
    "rel.gap": "kommunikationsglapp (ingen kontakt)",
    "rel.duplicate": "möjligt dubbelarbete",
    "rel.aggregate": "länkar mellan grupper",
    "sector.public": "Offentlig",
    "sector.private": "Privat",
    "sector.civil": "Ideell",
    "sector.academic": "Akademisk",
    "sector.none": "Sektor saknas",
    "cat.other": "Övriga",
    "cat.not_applicable": "Inte en aktör",
    "cat.no_orientation": "Ingen inriktning",
    "cat.no_municipality": "Ingen kommun",
    "cat.several_municipalities": "Flera kommuner",
    "cat.all_municipalities": "Hela regionen (alla kommuner)",
    "cat.not_applicable_budget": "Inte ett projekt",
    "cat.community": "Grupp {number}",
    "cat.target_groups": "Målgrupper",
    "cat.not_linked": "Utan länkar",
    "cat.other_groups": "Övriga grupper",
    "title.default": "Aktörskarta: {name}",
    "legend": "Teckenförklaring",
    "legend.colour": "Färg: {what}",
    "legend.size": "Storlek: {what}",
    "legend.shapes": "Former",
    "legend.lines": "Linjer",
    "legend.duplicate_node": "Projekt i en grupp med möjligt dubbelarbete",
    "colour.kind": "typ av nod",
    "colour.sector": "sektor (aktörer)",
    "colour.orientation": "första inriktningen",
    "colour.municipality": "kommun",
    "colour.community": "grupp (tätt länkade noder)",
    "colour.group": "grupp",
    "size.degree": "antal länkar på kartan",
    "size.betweenness": "mellanhandsposition (aktörer som förbinder andra)",
    "size.budget": "projektets budget",
    "size.members": "antal medlemmar",
    "search": "Sök",
    "search.placeholder": "Sök ett namn…",
    "search.not_found": "Ingen nod heter ”{query}”",
    "search.found": "{name}",
    "filters": "Filter",
    "filter.kinds": "Visa",
    "filter.municipality": "Kommun",
    "filter.target_group": "Målgrupp",
    "filter.all": "Alla",
    "filter.reset": "Visa alla",
    "filter.shown": "{shown} av {total} noder visas",
    "png": "Spara bild (PNG)",
    "fit": "Anpassa till skärmen",
    "sidebar.hide": "Dölj panelen",
    "sidebar.show": "Visa panelen",
    "notice.focus": "Närområdet kring {name} ({kind}), upp till {depth} steg.",
    "notice.aggregated": (
        "{nodes} noder är fler än {limit}: {groups} grupper visas som cirklar (storlek = antal medlemmar). "
        "Använd --focus för ett närområde, eller --max-nodes för att rita alla noder."
    ),
    "notice.aggregated_by.community": "Grupperna är tätt länkade delar av nätverket.",
    "notice.aggregated_by.municipality": "Grupperna är kommuner.",
    "notice.aggregated_overlays": "Glapp och dubbelarbete ritas på kartor som visar alla noder.",
    "notice.counts": "{nodes} noder, {edges} länkar",
    "notice.gaps": "Röda streckade linjer: de {count} största kommunikationsglappen.",
    "notice.duplicates": "Magentafärgade kanter: {count} grupper av projekt som kan dubblera varandra.",
    "notice.no_personal_data": "Utan personuppgifter (inga kontaktpersoner, e-postadresser eller telefonnummer).",
    "tip.kind": "Typ av nod",
    "tip.type": "Typ",
    "tip.sector": "Sektor",
    "tip.orientations": "Inriktningar",
    "tip.municipalities": "Kommuner",
    "tip.all_municipalities": "alla kommuner",
    "tip.more": "och {count} till",
    "tip.target_groups": "Målgrupper",
    "tip.contact": "Kontaktperson",
    "tip.email": "E-post",
    "tip.phone": "Telefon",
    "tip.website": "Webbplats",
    "tip.description": "Om",
    "tip.owner": "Projektägare",
    "tip.partners": "Partner",
    "tip.funders": "Finansiärer",
    "tip.period": "Period",
    "tip.budget": "Budget",
    "tip.region": "Län",
    "tip.population": "Folkmängd",
    "tip.foreign_born": "Utrikes födda",
    "tip.expected_arrivals": "Väntat mottagande",
    "tip.year": "År",
    "tip.parent": "Del av",
    "tip.degree": "Länkar på kartan",
    "tip.betweenness": "Mellanhandsposition",
    "tip.members": "Medlemmar",
    "tip.member_kinds": "Varav",
    "tip.largest": "Mest länkade",
    "tip.strength": "Styrka",
    "tip.since": "Sedan",
    "tip.note": "Anteckning",
    "tip.amount": "Belopp",
    "tip.links": "{count} länkar",
    "projector": "Projektorläge",
    "notice.municipality": "{name}: aktörerna som arbetar här ({actors}), projekten ({projects}) och målgrupperna.",
    "notice.region_wide": "Grå, mindre, längst ned: {count} regionala aktörer (verksamma i många kommuner).",
    "notice.municipality_gaps": "Röda streckade linjer: {count} kommunikationsglapp här (som i gaps --municipality).",
    "notice.sector_gap": "Sektorsglapp: ingen offentlig aktör här har kontakt med en privat (arbetsgivare).",
    "notice.no_findings": "Inga kommunikationsglapp, inget dubbelarbete och inget sektorsglapp här.",
    "cat.region_wide": "Regional aktör",
    "tip.size_here": "Storlek här",
    "tip.sector_gap": "Sektorsglapp: ingen kontakt mellan offentlig och privat sektor här",
    "tip.outside": "Utanför närområdet: visas för ett kommunikationsglapp.",
    "tip.duplicate_member": "Kan dubblera: {names}",
    "gap": (
        "Kommunikationsglapp: {a} och {b} arbetar båda med {target_groups} i {municipalities} utan kontakt; "
        "{reach}. Poäng {score}."
    ),
    "gap.unreachable": "de når inte varandra via någon",
    "gap.distance": "{distance} steg ifrån varandra",
    "gap.introducers": "{distance} steg ifrån varandra; {names} kan presentera dem för varandra",
    "duplicate": (
        "Möjligt dubbelarbete: {projects} arbetar alla med {orientations} för {target_groups} i {municipalities} "
        "under {period}; {contact}. Poäng {score}."
    ),
    "duplicate.contact": "projektägarna har kontakt",
    "duplicate.no_contact": "projektägarna saknar kontakt",
}

_TEXTS: dict[str, Mapping[str, str]] = {"en": MappingProxyType(_EN), "sv": MappingProxyType(_SV)}


class Texts:
    """The words of one language; ``texts["key"]`` or ``texts.format("key", field=value)``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._words = _TEXTS[lang]

    def __getitem__(self, key: str) -> str:
        return self._words[key]

    def format(self, key: str, **fields: object) -> str:
        return self._words[key].format(**fields)

    def kind(self, kind: NodeKind | str, plural: bool = False) -> str:
        return self._words[f"{'kinds' if plural else 'kind'}.{NodeKind(kind).value}"]

    def relation(self, rel: RelKind | str) -> str:
        return self._words[f"rel.{rel}"]

    def sector(self, sector: Sector | str | None) -> str:
        return self._words[f"sector.{sector or 'none'}"]

    def number(self, value: float | int) -> str:
        """A number with thin-space thousands (both languages), decimals as the language writes them."""
        if isinstance(value, float) and not value.is_integer():
            text = f"{value:,.2f}".replace(",", "\u202f")
            return text.replace(".", ",") if self.lang == "sv" else text
        return f"{int(value):,}".replace(",", "\u202f")


def texts(lang: str) -> Texts:
    """The words of ``lang`` ("en" or "sv")."""
    return Texts(lang)


def same_keys() -> bool:
    """Both languages define the same keys (a test checks it)."""
    return set(_EN) == set(_SV)
