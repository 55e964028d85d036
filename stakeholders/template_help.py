"""What each column of the dataset format holds, in Swedish and English: the template's "Read me" sheet.

The English texts follow docs/data-format.md (tests/test_template_xlsx.py checks that every column of
:mod:`stakeholders.schema` has both).
"""

from __future__ import annotations

from stakeholders.schema import Value

# file -> column -> (Swedish, English)
COLUMN_HELP: dict[str, dict[str, tuple[str, str]]] = {
    "municipalities": {
        "id": ("Kommunkod, t.ex. 2480 för Umeå (behåll inledande nolla: 0180)", "e.g. the municipality code: 2480"),
        "name": ("Kommunens namn", "the municipality's name"),
        "region": ("Län eller region, t.ex. Västerbottens län", "e.g. Västerbottens län"),
        "population": ("Antal invånare", "population"),
        "foreign_born": ("Antal utrikes födda", "people born abroad"),
        "expected_arrivals": ("Väntat antal nyanlända (t.ex. per år)", "newly arrived people expected (e.g. per year)"),
        "year": ("Året siffrorna gäller", "the year of the figures"),
    },
    "occupations": {
        "id": ("Yrkeskod, SSYK 2012 med fyra siffror, t.ex. 5321", "an SSYK 2012 code of 4 digits, e.g. 5321"),
        "name": ("Yrkets namn, t.ex. Undersköterskor", "the occupation's name"),
        "parent": ("Ett bredare yrke som detta ingår i (kod)", "a broader occupation this one belongs to (code)"),
    },
    "target_groups": {
        "id": ("Unikt id", "unique id"),
        "name": ("Målgruppens namn", "the target group's name"),
        "parent": ("En bredare målgrupp som denna ingår i (id)", "a broader group this one belongs to (id)"),
        "description": ("Beskrivning", "description"),
        "occupations": ("Yrken som gruppens personer är utbildade för (koder, ;)", "what its people are trained for"),
    },
    "actors": {
        "id": ("Unikt id, t.ex. umea-ams", "unique id, e.g. umea-ams"),
        "name": ("Organisationens namn", "the organisation's name"),
        "type": ("Fritext: municipality, agency, ngo, employer, ...", "free text: municipality, agency, ..."),
        "sector": ("offentlig, privat, ideell eller akademisk; tomt = okänd", "public, private, civil or academic"),
        "orientations": ("Verksamhetsområden, åtskilda med ;", "fields of activity, separated by ;"),
        "municipalities": ("Kommuner där aktören verkar (id, åtskilda med ;); * = alla", "where it works; * = all"),
        "target_groups": ("Målgrupper som aktören når (id, åtskilda med ;)", "whom the actor serves (ids, ;)"),
        "contact_name": ("Kontaktperson (personuppgift)", "a contact person (personal data)"),
        "email": ("E-post (personuppgift)", "e-mail (personal data)"),
        "phone": ("Telefon (personuppgift)", "phone (personal data)"),
        "website": ("Webbplats", "website"),
        "description": ("Beskrivning", "description"),
        "aliases": ("Andra stavningar av namnet, åtskilda med ;", "other spellings of the name, separated by ;"),
        "occupations": ("Yrken som aktören förbereder för (koder, ;)", "occupations it prepares people for (codes)"),
    },
    "projects": {
        "id": ("Unikt id", "unique id"),
        "name": ("Projektets namn", "the project's name"),
        "owner": ("Projektägare (aktörens id)", "the project owner (an actor's id)"),
        "partners": ("Partner utöver ägaren (aktörers id, åtskilda med ;)", "partners besides the owner (actor ids)"),
        "orientations": ("Verksamhetsområden, åtskilda med ;", "fields of activity, separated by ;"),
        "target_groups": ("Målgrupper (id, åtskilda med ;)", "target groups (ids, separated by ;)"),
        "municipalities": ("Kommuner där projektet drivs (id, ;); * = alla", "where the project runs; * = everywhere"),
        "start": ("Startdatum ÅÅÅÅ-MM-DD; tomt = öppet", "start date YYYY-MM-DD; empty = open"),
        "end": ("Slutdatum ÅÅÅÅ-MM-DD, inte före start; tomt = öppet", "end date, not before start; empty = open"),
        "budget": ("Budget i kronor, t.ex. 1 500 000", "budget, e.g. 1 500 000"),
        "description": ("Beskrivning", "description"),
        "occupations": ("Yrken som projektet förbereder för (koder, ;)", "occupations it prepares people for (codes)"),
    },
    "target_group_sizes": {
        "target_group": ("Målgrupp (id)", "target group (id)"),
        "municipality": ("Kommun (kommunkod)", "municipality (code)"),
        "size": ("Antal personer", "number of people"),
        "year": ("Året antalet gäller", "the year of the figure"),
    },
    "cooperation": {
        "source": ("Aktör (id)", "actor (id)"),
        "target": ("En annan aktör (id)", "a different actor (id)"),
        "kind": ("Fritext: samverkansavtal, praktikavtal, nätverk, ...", "free text: samverkansavtal, nätverk, ..."),
        "strength": ("1 (svag) till 3 (stark); tomt = 1", "1 (weak) to 3 (strong); empty = 1"),
        "since": ("Sedan: ett år (2007) eller datum", "since: a year (2007) or a date"),
        "note": ("Anteckning", "note"),
    },
    "funding": {
        "funder": ("Finansiär (aktörens id), t.ex. Svenska ESF-rådet", "funder (an actor's id)"),
        "project": ("Projekt (id)", "project (id)"),
        "amount": ("Belopp i kronor", "amount"),
        "year": ("År", "year"),
    },
    "labour_demand": {
        "occupation": ("Yrke (kod)", "occupation (code)"),
        "municipality": ("Kommun (kommunkod)", "municipality (code)"),
        "outlook": ("brist, balans eller överskott, eller 1-5", "shortage, balance or surplus, or 1-5"),
        "openings": ("Antal lediga jobb (valfritt)", "job openings (optional)"),
        "year": ("Året prognosen gäller", "the year of the forecast"),
        "source": ("Källa, t.ex. Arbetsförmedlingens yrkesprognos", "source, e.g. a public occupational forecast"),
    },
    "employer_needs": {
        "employer": ("Arbetsgivare (aktörens id)", "employer (an actor's id)"),
        "occupation": ("Yrke (kod)", "occupation (code)"),
        "count": ("Antal personer som behövs", "how many people are needed"),
        "requirements": ("Krav, t.ex. svenska på nivå B1, körkort", "requirements, e.g. Swedish level, licence"),
        "barriers": ("Vad arbetsgivaren säger står i vägen", "what the employer says stands in the way"),
        "date": ("Datum ÅÅÅÅ-MM-DD", "date YYYY-MM-DD"),
        "source": ("Källa, t.ex. möte med HR", "source, e.g. an HR meeting"),
    },
}

VALUE_WORDS: dict[Value, tuple[str, str]] = {
    Value.TEXT: ("text", "text"),
    Value.LIST: ("lista (;)", "list (;)"),
    Value.NUMBER: ("tal", "number"),
    Value.INTEGER: ("heltal", "whole number"),
    Value.DATE: ("datum", "date"),
    Value.DATE_OR_YEAR: ("datum eller år", "date or year"),
    Value.SECTOR: ("sektor", "sector"),
    Value.STRENGTH: ("styrka 1-3", "strength 1-3"),
    Value.OCCUPATION_CODE: ("yrkeskod (4 siffror)", "occupation code (4 digits)"),
    Value.OUTLOOK: ("utsikter", "outlook"),
}

INTRODUCTION: tuple[tuple[str, str], ...] = (
    (
        "Ett blad per fil. Rad 1 är rubriker; ersätt exempelraderna med era egna.",
        "One sheet per file. Row 1 is the header; replace the example rows with your own.",
    ),
    (
        "Bara bladet actors krävs. Obligatoriska kolumner är markerade nedan.",
        "Only the sheet actors is required. Required columns are marked below.",
    ),
    (
        "Listor skiljs med semikolon (;). Hänvisningar använder id eller exakt namn.",
        "Lists are separated by semicolons (;). References use an id or the exact name.",
    ),
    (
        "Rullgardinslistorna föreslår id från de andra bladen; flera val skrivs med ;.",
        "The drop-down lists offer the ids of the other sheets; type several separated by ;.",
    ),
    (
        "Bladet Lists håller orden som listorna för orientations och type föreslår; lägg till era egna.",
        "The sheet Lists holds the words the orientations and type drop-downs offer; add your own.",
    ),
    (
        "Kontrollera med: stakeholders validate dataset.xlsx",
        "Check it with: stakeholders validate dataset.xlsx",
    ),
)
