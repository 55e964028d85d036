"""The report's words in Swedish and English, and numbers as each language writes them."""

from __future__ import annotations

from typing import Literal

Lang = Literal["sv", "en"]
LANGS: tuple[Lang, ...] = ("sv", "en")

TEXT: dict[str, dict[Lang, str]] = {
    "title": {"sv": "Aktörsanalys", "en": "Stakeholder analysis"},
    "generated": {"sv": "Skapad", "en": "Generated"},
    "dataset": {"sv": "Datamängd", "en": "Dataset"},
    "dataset_date": {"sv": "Datamängdens datum", "en": "Dataset date"},
    "contents": {"sv": "Innehåll", "en": "Contents"},
    "overview": {"sv": "Översikt", "en": "Overview"},
    "quantify": {"sv": "Kvantifiering", "en": "Quantify"},
    "coverage": {"sv": "Täckning av målgrupper", "en": "Coverage of target groups"},
    "labour": {"sv": "Arbetsmarknaden", "en": "The labour market"},
    "labour_none": {
        "sv": "Underlaget har ingen arbetsmarknadsprognos och inga arbetsgivares behov. Lägg till labour_demand.csv "
        "(bristyrken per kommun) och employer_needs.csv (vad arbetsgivarna behöver) för att se vilka yrken som "
        "saknar folk, vem som förbereder för dem och vilka arbetsgivare ingen når (docs/data-format.md).",
        "en": "The dataset has no labour-demand forecast and no employers' needs. Add labour_demand.csv (occupations "
        "in shortage per municipality) and employer_needs.csv (what employers need) to see which occupations lack "
        "people, who prepares people for them and which employers nobody reaches (docs/data-format.md).",
    },
    "lead_labour": {
        "sv": "Yrken med brist per kommun, vilka målgrupper som har kompetensen och vem som förbereder för yrket; "
        "först bristyrken som ingen där förbereder för. Sedan arbetsgivare med behov som ingen de har kontakt med "
        "kan fylla: presentera dem för dem som förbereder för yrket.",
        "en": "Occupations in shortage per municipality, the target groups with the skills and who prepares people "
        "for them; first the shortages nobody there prepares for. Then employers whose needs nobody they are in "
        "contact with could fill: introduce them to those who prepare people for the occupation.",
    },
    "shortages": {"sv": "Bristyrken", "en": "Occupations in shortage"},
    "occupation": {"sv": "Yrke", "en": "Occupation"},
    "fitting_groups": {"sv": "Målgrupper med kompetensen", "en": "Target groups with the skills"},
    "who_prepares": {"sv": "Förbereder för yrket", "en": "Prepare people for it"},
    "finding": {"sv": "Glapp", "en": "Gap"},
    "unprepared": {"sv": "ingen här förbereder för yrket", "en": "nobody here prepares people for it"},
    "unbridged": {
        "sv": "{groups} har kompetensen, men ingen som förbereder för yrket når dem",
        "en": "{groups} have the skills, and nobody who prepares people for it serves them",
    },
    "employer_gaps": {"sv": "Arbetsgivare som ingen når", "en": "Employers nobody reaches"},
    "employer": {"sv": "Arbetsgivare", "en": "Employer"},
    "need": {"sv": "Behov", "en": "Need"},
    "could_fill": {"sv": "Kan fylla det (ingen kontakt)", "en": "Could fill it (no contact)"},
    "no_introducer": {"sv": "ingen gemensam kontakt", "en": "no common contact"},
    "gaps": {"sv": "Kommunikationsglapp", "en": "Communication gaps"},
    "duplicates": {"sv": "Dubblerade insatser", "en": "Duplicated efforts"},
    "brokers": {"sv": "Brobyggare", "en": "Brokers"},
    "maps": {"sv": "Nätverkskartor", "en": "Network maps"},
    "catalogue": {"sv": "Aktörskatalog efter inriktning", "en": "Actor catalogue by orientation"},
    "what_analysed": {"sv": "Vad som analyserats", "en": "What was analysed"},
    "definitions": {"sv": "Definitioner", "en": "Definitions"},
    "actors": {"sv": "Aktörer", "en": "Actors"},
    "projects": {"sv": "Projekt", "en": "Projects"},
    "municipalities": {"sv": "Kommuner", "en": "Municipalities"},
    "target_groups": {"sv": "Målgrupper", "en": "Target groups"},
    "cooperation_rows": {"sv": "Samverkansrelationer", "en": "Cooperation relations"},
    "funding_rows": {"sv": "Finansieringar", "en": "Funding relations"},
    "municipality": {"sv": "Kommun", "en": "Municipality"},
    "target_group": {"sv": "Målgrupp", "en": "Target group"},
    "population": {"sv": "Folkmängd", "en": "Population"},
    "foreign_born": {"sv": "Utrikes födda", "en": "Foreign-born"},
    "expected_arrivals": {"sv": "Förväntat mottagande", "en": "Expected arrivals"},
    "active_actors": {"sv": "Aktiva aktörer", "en": "Active actors"},
    "active_projects": {"sv": "Aktiva projekt", "en": "Active projects"},
    "sizes_title": {"sv": "Målgruppernas storlek per kommun", "en": "Size of target groups per municipality"},
    "small_counts": {
        "sv": "Antal under {n} visas som <{n} (statistik om personer).",
        "en": "Counts below {n} are shown as <{n} (these are statistics on people).",
    },
    "heat_legend": {
        "sv": "Varje ruta: aktörer + projekt som når målgruppen i kommunen; personer per aktör där storleken är känd. "
        "Rött = otäckt behov: känd storlek över 0 och ingen når dem.",
        "en": "Each cell: actors + projects serving the target group in the municipality; people per actor where the "
        "size is known. Red = uncovered need: a known size above 0 and nobody serving it.",
    },
    "uncovered": {"sv": "Otäckta behov", "en": "Uncovered needs"},
    "none": {"sv": "Inga.", "en": "None."},
    "actor_gaps": {"sv": "Aktörer som borde tala med varandra", "en": "Actors who should talk"},
    "project_gaps": {"sv": "Samtidiga projekt utan forum", "en": "Concurrent projects without a forum"},
    "sector_gaps": {
        "sv": "Kommuner utan kontakt med arbetsgivare",
        "en": "Municipalities without contact to employers",
    },
    "score": {"sv": "Poäng", "en": "Score"},
    "shared": {"sv": "Gemensamt", "en": "Shared"},
    "distance": {"sv": "Avstånd", "en": "Distance"},
    "unreachable": {"sv": "ingen väg", "en": "unreachable"},
    "introducers": {"sv": "Möjliga introduktörer", "en": "Possible introducers"},
    "period": {"sv": "Period", "en": "Period"},
    "owners": {"sv": "Ägare", "en": "Owners"},
    "combined_budget": {"sv": "Sammanlagd budget", "en": "Combined budget"},
    "owners_in_contact": {"sv": "Ägarna har kontakt", "en": "Owners in contact"},
    "coordinated": {"sv": "Gemensam ägare eller partner", "en": "Shared owner or partner"},
    "why": {"sv": "Varför", "en": "Why"},
    "proposals": {"sv": "Förslag på samverkan", "en": "Proposals for joint work"},
    "proposal": {"sv": "Förslag", "en": "Proposal"},
    "members": {"sv": "Deltagare (roll: varför)", "en": "Members (role: why)"},
    "team_map": {"sv": "(karta över gruppen)", "en": "(map of the team)"},
    "proposals_intro": {
        "sv": "Vad samordnaren kan göra åt resultaten: ett forum för projekt som pågår parallellt, ett konsortium för "
        "ett behov som ingen når, och presentationer som en gemensam kontakt kan göra (stakeholders propose).",
        "en": "What the coordinator could do about the findings: a forum for projects running in parallel, a "
        "consortium for a need nobody serves, and introductions a common contact could make (stakeholders propose).",
    },
    "similar": {"sv": "Liknande projekt på andra håll", "en": "Similar projects elsewhere"},
    "similar_intro": {
        "sv": "Projekt i andra listor som liknar regionens: deras ägare kan vara värda att kontakta för att lära av "
        "dem eller för att samarbeta (stakeholders similar). Likheten går från 0 till 1 (1: samma text).",
        "en": "Projects in other lists that resemble the region's: their owners may be worth contacting, to learn "
        "from them or to work together (stakeholders similar). Similarity runs from 0 to 1 (1: the same text).",
    },
    "similar_none_searched": {
        "sv": "Inga andra listor söktes. Ange en eller flera med stakeholders report DATA --similar-in LISTA "
        "(t.ex. en Kohesio-export) för att hitta liknande projekt och deras ägare.",
        "en": "No other list was searched. Give one or more with stakeholders report DATA --similar-in LIST "
        "(a Kohesio export, say) to find similar projects and their owners.",
    },
    "our_project": {"sv": "Projekt här", "en": "Project here"},
    "their_project": {"sv": "Liknande projekt (lista, id)", "en": "Similar project (list, id)"},
    "similarity": {"sv": "Likhet", "en": "Similarity"},
    "where_when": {"sv": "Var och när", "en": "Where and when"},
    "data_limits": {"sv": "Vad underlaget inte kan visa", "en": "What the data cannot show"},
    "yes": {"sv": "ja", "en": "yes"},
    "no": {"sv": "nej", "en": "no"},
    "public_actors": {"sv": "Kommunens egna offentliga aktörer", "en": "The municipality's own public actors"},
    "private_actors": {"sv": "Arbetsgivare verksamma där", "en": "Employers active there"},
    "actor": {"sv": "Aktör", "en": "Actor"},
    "betweenness": {"sv": "Mellanhandscentralitet", "en": "Betweenness"},
    "degree": {"sv": "Kontakter", "en": "Contacts"},
    "constraint": {"sv": "Begränsning (Burt)", "en": "Constraint (Burt)"},
    "effective_size": {"sv": "Effektiv storlek", "en": "Effective size"},
    "articulation_points": {
        "sv": "Aktörer som håller ihop nätverket (nätverket delas utan dem)",
        "en": "Actors whose departure splits the network",
    },
    "isolated": {"sv": "Isolerade aktörer (ingen kontakt alls)", "en": "Isolated actors (no contact at all)"},
    "components": {"sv": "Delnätverk", "en": "Components"},
    "whole_network": {"sv": "Hela nätverket, med glapp", "en": "The whole network, with gaps"},
    "map_of": {"sv": "Karta: {name}", "en": "Map: {name}"},
    "search": {"sv": "Sök aktör …", "en": "Search actors …"},
    "open_path": {"sv": "Öppna", "en": "Open"},
    "top_note": {
        "sv": "De {n} högst rankade visas; alla finns i findings.json.",
        "en": "The top {n} are shown; all are in findings.json.",
    },
    "def_contact": {
        "sv": "Kontakt: två aktörer har kontakt när en samverkansrad förbinder dem eller när båda deltar i "
        "samma projekt (som ägare eller partner). Avstånd = kortaste väg i detta kontaktnät.",
        "en": "Contact: two actors have contact when a cooperation row links them or when both take part in "
        "one project (as owner or partner). Distance = the shortest path in this contact network.",
    },
    "def_gap": {
        "sv": "Kommunikationsglapp: två aktörer som når samma målgrupp i samma kommun men saknar kontakt. "
        "Poängen väger varje gemensam målgrupp och kommun efter hur få aktörer som delar den (större målgrupper väger "
        "mer, aktörer som finns överallt väger lite) och höjs ju längre ifrån varandra de är.",
        "en": "Communication gap: two actors who serve the same target group in the same municipality without contact. "
        "The score weighs each shared target group and municipality by how few actors share it (larger groups weigh "
        "more, actors that are everywhere little) and rises the farther apart they are.",
    },
    "def_project_gap": {
        "sv": "Projekt utan forum: två samtidiga projekt med gemensam målgrupp och kommun där ingen deltagare i "
        "det ena har kontakt med någon deltagare i det andra.",
        "en": "Project gap: two concurrent projects sharing a target group and a municipality where no participant of "
        "one has contact with any participant of the other.",
    },
    "def_sector_gap": {
        "sv": "Sektorsglapp: en kommun vars egna offentliga aktörer saknar kontakt med varje privat aktör verksam där.",
        "en": "Sector gap: a municipality whose own public actors have no contact with any private actor active there.",
    },
    "def_duplicates": {
        "sv": "Dubblerad insats: projekt som gör samma sak för samma människor på samma plats samtidigt. Par av "
        "samtidiga projekt med gemensam kommun och målgrupp poängsätts 0–1 efter hur lika deras texter är, hur "
        "sällsynta deras gemensamma inriktningar, målgrupper och kommuner är, och hur länge de pågår parallellt; "
        "par från 0,5 redovisas, i grupper där alla projekt liknar varandra två och två.",
        "en": "Duplicated effort: projects doing the same thing for the same people in the same place at the same "
        "time. Pairs of concurrent projects sharing a municipality and a target group are scored 0-1 on how similar "
        "their texts are, how rare their shared orientations, target groups and municipalities are, and how long "
        "they run side by side; pairs from 0.5 are listed, in groups whose projects are all pairwise similar.",
    },
    "def_coverage": {
        "sv": "Täckning: för varje målgrupp och kommun, aktörer och projekt som når dem. Otäckt = känd storlek över 0 "
        "och ingen som når dem. En bredare målgrupp täcker inte sina undergrupper.",
        "en": "Coverage: for each target group and municipality, the actors and projects serving it. Uncovered = a "
        "known size above 0 and nobody serving it. A broader group does not cover its sub-groups.",
    },
    "def_brokers": {
        "sv": "Brobyggare: aktörer som ligger på många kortaste vägar (mellanhandscentralitet) eller vars "
        "försvinnande delar nätverket.",
        "en": "Brokers: actors on many shortest paths (betweenness) or whose departure splits the network.",
    },
    "no_personal": {
        "sv": "Kontaktpersoner, e-post och telefon är utelämnade.",
        "en": "Contact persons, e-mails and phones are left out.",
    },
    "all_municipalities": {"sv": "alla", "en": "all"},
    "key_findings": {"sv": "Huvudresultat", "en": "Key findings"},
    "kf_gaps": {
        "sv": "{n} par av aktörer som når samma människor utan kontakt",
        "en": "{n} pairs of actors who serve the same people without contact",
    },
    "kf_project_gaps": {
        "sv": "{n} par av samtidiga projekt utan forum",
        "en": "{n} pairs of concurrent projects without a forum",
    },
    "kf_sector_gaps": {
        "sv": "{n} kommuner utan kontakt med arbetsgivarna där",
        "en": "{n} municipalities without contact to the employers there",
    },
    "kf_duplicates": {"sv": "{n} grupper av dubblerade insatser", "en": "{n} groups of duplicated efforts"},
    "kf_uncovered": {
        "sv": "{n} otäckta behov (målgrupp i kommun som ingen når)",
        "en": "{n} uncovered needs (a target group in a municipality nobody serves)",
    },
    "kf_isolated": {"sv": "{n} isolerade aktörer", "en": "{n} isolated actors"},
    "kf_limit": {"sv": " (minst; de {n} främsta redovisas)", "en": " (at least; the top {n} are listed)"},
    "lead_coverage": {
        "sv": "Vilka målgrupper når någon, och var? Börja med de röda rutorna: en målgrupp i en kommun som ingen "
        "aktör eller inget projekt når. Fråga vem som når gruppen i en grannkommun.",
        "en": "Which target groups does anyone reach, and where? Start with the red cells: a target group in a "
        "municipality that no actor or project serves. Ask who serves the group in a neighbouring municipality.",
    },
    "lead_duplicates": {
        "sv": "Projekt som gör ungefär samma sak för samma människor samtidigt. Bjud in ägarna till ett möte; "
        "tidslinjerna visar månaderna de löper parallellt (skuggat). Poäng 0–1, högre = mer lika.",
        "en": "Projects doing much the same for the same people at the same time. Invite the owners to meet; the "
        "timelines show the months they run side by side (shaded). Score 0–1, higher = more alike.",
    },
    "timelines": {"sv": "Tidslinjer för parallella projekt", "en": "Timelines of parallel projects"},
    "timeline_alt": {
        "sv": "Tidslinje, grupp {n}: {names}; parallellt {period}.",
        "en": "Timeline, group {n}: {names}; in parallel {period}.",
    },
    "heatmap_alt": {
        "sv": "Värmekarta över täckningen: {places} kommuner × {groups} målgrupper, mörkare = fler aktörer och "
        "projekt; röda rutor = otäckta behov. Tabellen nedan har samma uppgifter.",
        "en": "Coverage heat map: {places} municipalities × {groups} target groups, darker = more actors and "
        "projects; red squares = uncovered needs. The table below holds the same figures.",
    },
    "heatmap_capped": {
        "sv": "Bilden visar de {n} kommunerna med flest otäckta behov; tabellen visar alla.",
        "en": "The picture shows the {n} municipalities with the most uncovered needs; the table shows all.",
    },
    "served_by": {"sv": "aktörer + projekt", "en": "actors + projects"},
    "maps_note": {
        "sv": "Kartor finns för hela nätverket och för varje kommun med fynd (glapp, dubbelarbete, sektorsglapp "
        "eller otäckt behov). Andra kommuner: stakeholders map DATA --municipality X.",
        "en": "Maps exist for the whole network and for each municipality with findings (a gap, a duplicate, a "
        "sector gap or an uncovered need). Other municipalities: stakeholders map DATA --municipality X.",
    },
    "kf_gaps_one": {
        "sv": "1 par av aktörer som når samma människor utan kontakt",
        "en": "1 pair of actors who serve the same people without contact",
    },
    "kf_project_gaps_one": {
        "sv": "1 par av samtidiga projekt utan forum",
        "en": "1 pair of concurrent projects without a forum",
    },
    "kf_sector_gaps_one": {
        "sv": "1 kommun utan kontakt med arbetsgivarna där",
        "en": "1 municipality without contact to the employers there",
    },
    "kf_duplicates_one": {"sv": "1 grupp av dubblerade insatser", "en": "1 group of duplicated efforts"},
    "kf_uncovered_one": {
        "sv": "1 otäckt behov (målgrupp i kommun som ingen når)",
        "en": "1 uncovered need (a target group in a municipality nobody serves)",
    },
    "kf_isolated_one": {"sv": "1 isolerad aktör", "en": "1 isolated actor"},
    # Next steps (issue 15): each section opens with what it means and what the coordinator could do.
    "lead_overview": {
        "sv": "Rapporten visar var samordnaren kan göra mest nytta: aktörer som borde känna varandra, projekt som gör "
        "samma sak och behov som ingen når. Varje avsnitt börjar med vad det betyder och vad du kan göra.",
        "en": "The report shows where the coordinator can help most: actors who should know each other, projects "
        "doing the same thing and needs nobody serves. Each section opens with what it means and what you could do.",
    },
    "lead_quantify": {
        "sv": "Hur stora är behoven, och hur många arbetar med dem? Där en stor målgrupp har få aktiva aktörer kan "
        "samordnaren leta efter fler som kan nå den.",
        "en": "How large are the needs, and how many work on them? Where a large target group has few active actors, "
        "the coordinator could look for more who could serve it.",
    },
    "lead_uncovered_nearby": {
        "sv": "Till exempel når ingen {group} i {place}; {actors} når gruppen i {other} och kan tillfrågas.",
        "en": "For example, nobody serves {group} in {place}; {actors} serve the group in {other} and could be asked.",
    },
    "lead_uncovered_nowhere": {
        "sv": "Till exempel når ingen {group} i {place}, och ingen når gruppen i någon annan kommun heller: ett behov "
        "att ta upp med finansiärerna.",
        "en": "For example, nobody serves {group} in {place}, nor in any other municipality: a need to raise with "
        "the funders.",
    },
    "lead_gaps": {
        "sv": "Aktörer som når samma människor på samma plats men saknar kontakt. Samordnaren kan presentera dem för "
        "varandra, helst genom någon som båda redan känner (möjliga introduktörer).",
        "en": "Actors who serve the same people in the same place without contact. The coordinator could introduce "
        "them to each other, best through someone both already know (possible introducers).",
    },
    "lead_gap_introducer": {
        "sv": "Först: {introducer} känner både {a} och {b} och kan presentera dem för varandra.",
        "en": "First: {introducer} knows both {a} and {b} and could introduce them.",
    },
    "lead_gap_meet": {
        "sv": "Först: bjud in {a} och {b} till samma möte; de har ingen gemensam kontakt.",
        "en": "First: invite {a} and {b} to the same meeting; they have no contact in common.",
    },
    "lead_gap_scale": {
        "sv": "Poängen har ingen övre gräns (högre = starkare skäl att ta kontakt); procenten anger platsen bland "
        "alla glapp som hittats.",
        "en": "The score has no upper bound (higher = a stronger reason to talk); the percentage is the place among "
        "all gaps found.",
    },
    "lead_project_gaps": {
        "sv": "Projekt som pågår samtidigt för samma människor utan att deltagarna känner varandra: föreslå ett "
        "gemensamt forum eller möte för projektledarna.",
        "en": "Projects running at the same time for the same people whose participants do not know each other: "
        "propose a joint forum or a meeting of the project leaders.",
    },
    "lead_sector_gaps": {
        "sv": "Kommuner där de offentliga aktörerna saknar kontakt med arbetsgivarna: bjud in arbetsgivarna som "
        "listas till kommunens nästa möte.",
        "en": "Municipalities whose public actors have no contact with the employers: invite the employers listed "
        "to the municipality's next meeting.",
    },
    "lead_duplicate_first": {
        "sv": "Först: bjud in {owners} (grupp 1: {projects}).",
        "en": "First: convene {owners} (group 1: {projects}).",
    },
    "lead_brokers": {
        "sv": "Brobyggare förbinder delar av nätverket som annars inte möts: be dem sprida information och "
        "presentera aktörer för varandra. Där nätverket hänger på en enda aktör, bygg fler förbindelser runt den. "
        "Mellanhandscentralitet är andelen kortaste vägar som går genom aktören, 0–1.",
        "en": "Brokers link parts of the network that would not meet otherwise: ask them to pass information on and "
        "to introduce actors. Where the network hangs on a single actor, build more links around it. Betweenness "
        "is the share of shortest paths through the actor, 0-1.",
    },
    "lead_broker_first": {
        "sv": "Den viktigaste brobyggaren är {name}.",
        "en": "The most important broker is {name}.",
    },
    "lead_components": {
        "sv": "Delnätverk: aktörer med kontakt inom gruppen men ingen med resten. Vart och ett har namn efter sin mest "
        "centrala aktör (flest kortaste vägar, sedan flest kontakter). Den som förbinder två delnätverk knyter "
        "ihop regionen.",
        "en": "Components: actors in contact within the group and with nobody outside it. Each is named after its "
        "most central actor (most shortest paths, then most contacts). Whoever links two components ties the "
        "region together.",
    },
    "component_named": {
        "sv": "{name} och {n} andra aktörer",
        "en": "{name} and {n} other actors",
    },
    "component_named_one": {"sv": "{name} och 1 annan aktör", "en": "{name} and 1 other actor"},
    "component_orientation": {"sv": "vanligast: {orientation}", "en": "mostly: {orientation}"},
    "components_more": {
        "sv": "… och {n} mindre delnätverk (storlek {sizes}).",
        "en": "… and {n} smaller components (sizes {sizes}).",
    },
    "lead_maps": {
        "sv": "Kartorna visar fynden som bild, att visa på en workshop: röda streckade linjer är glapp. "
        "Projektorläget gör texten större för en projektor.",
        "en": "The maps show the findings as pictures, to show in a workshop: red dashed lines are gaps. Projector "
        "mode makes the text larger for a projector.",
    },
    "lead_catalogue": {
        "sv": "Vem gör vad: sök på ett namn eller en inriktning för att hitta vem som kan bjudas in.",
        "en": "Who does what: search for a name or an orientation to find whom to invite.",
    },
    "score_0_to_1": {"sv": "{value} av 1", "en": "{value} of 1"},
    "top_percent": {"sv": "topp {p} %", "en": "top {p} %"},
    "bars_title": {"sv": "Fynd per kommun", "en": "Findings per municipality"},
    "bars_alt": {
        "sv": "Stapeldiagram: fynd i de {n} kommunerna med flest fynd (av {of} med något fynd), uppdelat på glapp "
        "mellan aktörer, projekt utan forum, dubblerade insatser, sektorsglapp och otäckta behov.",
        "en": "Bar chart: findings in the {n} municipalities with the most (of {of} with any), split into actor gaps, "
        "projects without a forum, duplicated efforts, sector gaps and uncovered needs.",
    },
    "bars_note": {
        "sv": "Glappen räknas bland de {limit} främsta; tabellen har samma siffror för varje kommun.",
        "en": "Gaps are counted among the top {limit}; the table holds the same figures for every municipality.",
    },
    "bars_table": {"sv": "Siffrorna som tabell", "en": "The figures as a table"},
    "bar_actor_gaps": {"sv": "Glapp mellan aktörer", "en": "Actor gaps"},
    "bar_project_gaps": {"sv": "Projekt utan forum", "en": "Projects without a forum"},
    "bar_duplicates": {"sv": "Dubblerade insatser", "en": "Duplicated efforts"},
    "bar_sector_gaps": {"sv": "Sektorsglapp", "en": "Sector gaps"},
    "bar_uncovered": {"sv": "Otäckta behov", "en": "Uncovered needs"},
    "lead_bars": {
        "sv": "Var finns mest att göra? Börja i kommunerna högst upp; deras kartor visar samma fynd.",
        "en": "Where is there most to do? Start with the municipalities at the top; their maps show the same findings.",
    },
    "rank_of_more": {"sv": "nr {rank} av minst {n}", "en": "no. {rank} of at least {n}"},
}


def tn(key: str, lang: Lang, n: int, **values: object) -> str:
    """``key``'s text for a count ``n``: the singular form (``key_one``) when n is 1 and there is one."""
    one = f"{key}_one"
    if n == 1 and one in TEXT:
        return t(one, lang, **values)
    return t(key, lang, n=number(n, lang), **values)


def t(key: str, lang: Lang, **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{name}`` fields filled in."""
    text = TEXT[key][lang]
    return text.format(**values) if values else text


def number(value: float | int | None, lang: Lang, decimals: int = 0) -> str:
    """``1 200 000`` and ``383,33`` in Swedish; ``1,200,000`` and ``383.33`` in English."""
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "sv":
        text = text.replace(",", " ").replace(".", ",")
    return text


def count(value: int | None, lang: Lang, below: int) -> str:
    """A count of people, with small counts (below ``below``) hidden as ``<below``."""
    if value is None:
        return "–"
    if 0 < value < below:
        return f"<{below}"
    return number(value, lang)
