"""Swedish word lists the generator draws names, orientations and target groups from.

Everything here is illustrative: municipality names are invented from common
Swedish place-name parts, organisation names from common patterns. Only the
county names are real.
"""

from __future__ import annotations

from stakeholders.schema import Sector

REGIONS: tuple[str, ...] = (
    "Västerbottens län",
    "Norrbottens län",
    "Jämtlands län",
    "Västernorrlands län",
    "Gävleborgs län",
    "Dalarnas län",
    "Värmlands län",
    "Örebro län",
    "Västmanlands län",
    "Uppsala län",
    "Stockholms län",
    "Södermanlands län",
    "Östergötlands län",
    "Jönköpings län",
    "Kronobergs län",
    "Kalmar län",
    "Gotlands län",
    "Blekinge län",
    "Skåne län",
    "Hallands län",
    "Västra Götalands län",
)
MUNICIPALITIES_PER_REGION = 14  # Sweden: 290 municipalities in 21 counties

PLACE_STARTS: tuple[str, ...] = (
    "Ume",
    "Skellef",
    "Lyck",
    "Vindel",
    "Ström",
    "Sol",
    "Björk",
    "Gran",
    "Ek",
    "Lind",
    "Al",
    "Asp",
    "Hög",
    "Berg",
    "Sjö",
    "Öje",
    "Norr",
    "Sunn",
    "Väster",
    "Öster",
    "Mal",
    "Kall",
    "Rå",
    "Hed",
    "Mo",
    "Fors",
    "Älv",
    "Tall",
    "Ros",
    "Fager",
    "Ljus",
    "Kungs",
    "Dals",
    "Hammar",
    "Kro",
    "Sand",
    "Sten",
    "Mark",
    "Hall",
    "Tå",
)
PLACE_ENDS: tuple[str, ...] = (
    "å",
    "sjö",
    "by",
    "berg",
    "holm",
    "dal",
    "köping",
    "fors",
    "vik",
    "näs",
    "sund",
    "ås",
    "ryd",
    "tuna",
    "hult",
    "stad",
    "lund",
    "mark",
    "ed",
    "bo",
)

# Municipality names beyond the start x end combinations get one of these in front.
PLACE_PREFIXES: tuple[str, ...] = ("Norra", "Södra", "Västra", "Östra", "Övre", "Nedre")
MAX_MUNICIPALITIES = len(PLACE_STARTS) * len(PLACE_ENDS) * (1 + len(PLACE_PREFIXES))

# Random (non-planted) target groups: id, name, parent id, share of the population.
RANDOM_TARGET_GROUPS: tuple[tuple[str, str, str, float], ...] = (
    ("utrikes-fodda", "Utrikes födda", "", 0.0),
    ("nyanlanda", "Nyanlända flyktingar", "utrikes-fodda", 0.006),
    ("anhoriga", "Anhöriginvandrare", "utrikes-fodda", 0.004),
    ("utrfodda-kvinnor", "Utrikes födda kvinnor", "utrikes-fodda", 0.025),
    ("funktionsnedsattning", "Invandrare med funktionsnedsättning", "utrikes-fodda", 0.002),
    ("unga-utrikes", "Unga utrikes födda", "utrikes-fodda", 0.008),
    ("akademiker", "Utrikes födda akademiker", "utrikes-fodda", 0.004),
    ("forsorjningsstod", "Långtidsarbetslösa med försörjningsstöd", "", 0.012),
    ("foretagare", "Blivande företagare", "", 0.003),
    ("unga", "Unga 16–24 år utan arbete", "", 0.015),
    ("unga-utan-betyg", "Unga utan fullständiga betyg", "unga", 0.005),
    ("aldre-arbetslosa", "Arbetslösa 55 år och äldre", "", 0.006),
    ("sjukskrivna", "Långtidssjukskrivna", "", 0.010),
    ("funktionshinder", "Personer med funktionsnedsättning", "", 0.012),
)

# Target groups only the planted findings use (the random part never does).
PLANTED_TARGET_GROUPS: tuple[tuple[str, str], ...] = (
    ("hemlosa", "Hemlösa"),
    ("papperslosa", "Papperslösa"),
    ("ensamkommande", "Ensamkommande barn och unga"),
    ("dova", "Döva och hörselskadade nyanlända"),
    ("synskadade", "Synskadade nyanlända"),
    ("utan-skolbakgrund", "Vuxna utan skolbakgrund"),
    ("frigivna", "Frigivna från kriminalvård"),
    ("missbruk", "Personer i missbruksbehandling"),
    ("valdsutsatta", "Kvinnor utsatta för våld"),
    ("npf-unga", "Unga med neuropsykiatrisk funktionsnedsättning"),
)

ORIENTATIONS: tuple[str, ...] = (
    "Arbetsmarknad",
    "Språk",
    "Yrkesutbildning",
    "Validering",
    "Praktik",
    "Coachning",
    "Entreprenörskap",
    "Hälsa",
    "Rehabilitering",
    "Samhällsorientering",
    "Mentorskap",
    "Föreningsliv",
    "Kartläggning",
    "Samverkan",
    "Studie- och yrkesvägledning",
    "Jämställdhet",
    "Digital kompetens",
    "Sociala företag",
    "Kompetensutveckling",
    "Arbetsträning",
)
# Broad programme orientations (like a programme's thematic objectives): every project carries one of
# them besides its specific orientations, most often the one its first specific orientation belongs to.
BROAD_ORIENTATIONS: tuple[str, ...] = ("Social inkludering", "Övergångar till arbete", "Kompetensförsörjning")
BROAD_OF_ORIENTATION: tuple[int, ...] = (1, 0, 2, 2, 1, 1, 1, 0, 0, 0, 1, 0, 2, 0, 2, 0, 2, 0, 2, 1)
# Orientation indexes each sector leans towards.
SECTOR_ORIENTATIONS: dict[Sector, tuple[int, ...]] = {
    Sector.PUBLIC: (0, 1, 2, 3, 4, 8, 9, 13, 19),
    Sector.PRIVATE: (4, 6, 10, 16, 18, 2),
    Sector.CIVIL: (11, 1, 9, 10, 5, 15, 17, 7),
    Sector.ACADEMIC: (3, 12, 14, 2, 16, 7),
}

# Actor kinds: sector, type, name pattern ({m} = municipality name), weight.
ACTOR_KINDS: tuple[tuple[Sector, str, str, float], ...] = (
    (Sector.PUBLIC, "municipality", "{m} kommun, Arbetsmarknadsenheten", 1.0),
    (Sector.PUBLIC, "municipality", "{m} kommun, Integrationsenheten", 1.0),
    (Sector.PUBLIC, "municipality", "{m} kommun, Socialtjänsten", 1.0),
    (Sector.PUBLIC, "education", "Vuxenutbildningen/SFI {m}", 1.0),
    (Sector.PUBLIC, "education", "{m} gymnasieskola", 0.8),
    (Sector.PUBLIC, "agency", "Arbetsförmedlingen {m}", 1.0),
    (Sector.PUBLIC, "agency", "Försäkringskassan {m}", 0.7),
    (Sector.PUBLIC, "health", "Vårdcentralen {m}", 0.8),
    (Sector.PRIVATE, "employer", "{m} Bygg AB", 1.0),
    (Sector.PRIVATE, "employer", "{m} Vård & Omsorg AB", 1.0),
    (Sector.PRIVATE, "employer", "Transport {m} AB", 0.8),
    (Sector.PRIVATE, "employer", "{m} Livs AB", 0.8),
    (Sector.PRIVATE, "employer", "Verkstads AB {m}", 0.8),
    (Sector.PRIVATE, "employer", "Hotell {m}", 0.6),
    (Sector.PRIVATE, "employer", "IT-konsult {m} AB", 0.6),
    (Sector.PRIVATE, "staffing", "Bemanning {m} AB", 0.5),
    (Sector.PRIVATE, "business association", "Företagarna {m}", 0.6),
    (Sector.CIVIL, "ngo", "KFUM {m}", 0.8),
    (Sector.CIVIL, "ngo", "Röda Korset {m}", 0.8),
    (Sector.CIVIL, "ngo", "Rädda Barnen {m}", 0.5),
    (Sector.CIVIL, "association", "Invandrarföreningen i {m}", 0.8),
    (Sector.CIVIL, "association", "Idrottsföreningen {m} IF", 0.8),
    (Sector.CIVIL, "education", "Studieförbundet Vuxenskolan {m}", 0.6),
    (Sector.CIVIL, "education", "{m} folkhögskola", 0.5),
    (Sector.CIVIL, "disability organisation", "FUB {m}", 0.5),
    (Sector.CIVIL, "church", "Svenska kyrkan {m}", 0.6),
    (Sector.ACADEMIC, "university", "Högskolan i {m}, Institutionen för socialt arbete", 0.4),
    (Sector.ACADEMIC, "university", "Högskolan i {m}, Pedagogiska institutionen", 0.4),
    (Sector.ACADEMIC, "research", "Kompetenscentrum {m}", 0.4),
    (Sector.ACADEMIC, "research", "Forskningsnoden {m}", 0.3),
)

# Region-wide actors (municipalities = *): sector, type, name.
REGION_WIDE: tuple[tuple[Sector, str, str], ...] = (
    (Sector.PUBLIC, "agency", "Migrationsverket, region {r}"),
    (Sector.PUBLIC, "agency", "Arbetsförmedlingen, marknadsområde {r}"),
    (Sector.CIVIL, "ngo", "Rådgivningsbyrån för asylsökande, {r}"),
    (Sector.PRIVATE, "staffing", "Rekryteringshuset {r} AB"),
    (Sector.ACADEMIC, "university", "Regionala högskolan {r}"),
    (Sector.PUBLIC, "agency", "Försäkringskassan, område {r}"),
    (Sector.CIVIL, "ngo", "Hela Sverige ska leva, {r}"),
)
# Bodies of each county of the random part, active in all its municipalities and partners in many of its
# projects: sector, type, name ({r}: the county's short name, "Västerbotten"; {c}: its name, "Västerbottens län").
COUNTY_BODIES: tuple[tuple[Sector, str, str], ...] = (
    (Sector.PUBLIC, "region", "Region {r}, regional utveckling"),
    (Sector.PUBLIC, "county board", "Länsstyrelsen i {c}, enheten för integration"),
)
FUNDERS: tuple[str, ...] = (
    "Svenska ESF-rådet, {r}",
    "Länsstyrelsen, {r}",
    "Region {r}",
    "Allmänna arvsfonden, {r}",
    "Tillväxtverket, {r}",
    "Samordningsförbundet {r}",
)

COOPERATION_KINDS: tuple[str, ...] = (
    "samverkansavtal",
    "praktikavtal",
    "nätverk",
    "referensgrupp",
    "remissinstans",
    "informellt",
)
FIRST_NAMES: tuple[str, ...] = (
    "Anna",
    "Maria",
    "Karin",
    "Sara",
    "Lena",
    "Eva",
    "Emma",
    "Sofia",
    "Amira",
    "Fatima",
    "Leila",
    "Ingrid",
    "Erik",
    "Lars",
    "Anders",
    "Johan",
    "Per",
    "Karl",
    "Mikael",
    "Ahmed",
    "Ali",
    "Hassan",
    "Nils",
    "Olof",
)
LAST_NAMES: tuple[str, ...] = (
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Lindqvist",
    "Lundberg",
    "Berglund",
    "Sandström",
    "Öberg",
    "Hägglund",
    "Marklund",
    "Nordin",
    "Lindström",
    "Holmgren",
    "Mohamed",
    "Yusuf",
    "Haddad",
    "Karimi",
)
ASCII = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "Å": "A", "Ä": "A", "Ö": "O", "ó": "o"})
