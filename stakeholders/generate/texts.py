"""Project names and descriptions composed from a large Swedish vocabulary.

Real project lists describe what each project does in its own words: two
unrelated projects rarely share more than a few words, even when they serve
the same people in the same place. The random part composes every text from
activity phrases (by orientation), methods, sectors, partner phrases, goals,
name words and sentence templates, several hundred distinct words and phrases
in all, drawn with the dataset's seeded generator (in bulk for the random
part: :meth:`Composer.many`). A random text names its target group and its
place only sometimes, as real descriptions do.

Planted duplicates get variants of one text (:meth:`Composer.variants`): a
shared core (the activity, the target group, the place, most of the
description), with a word swapped, added or spelled differently in each, like
"Språkcafé för nyanlända i Umeå" / "Språkkafé och samtal för nyanlända i Umeå".
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from stakeholders.generate.draft import Draw
from stakeholders.generate.vocabulary import ORIENTATIONS

# What projects do, by orientation (the index of ORIENTATIONS): 8 activity phrases each.
ACTIVITIES: tuple[tuple[str, ...], ...] = (
    (  # Arbetsmarknad
        "jobbmatchning",
        "rekryteringsträffar med arbetsgivare",
        "arbetsmarknadsinsatser",
        "subventionerade anställningar",
        "snabbspår till jobb",
        "stöd vid jobbsökande",
        "arbetsgivarkontakter",
        "lokala jobbmässor",
    ),
    (  # Språk
        "språkcafé",
        "yrkessvenska",
        "språkträning i vardagen",
        "samtalsgrupper på svenska",
        "språkvänner",
        "svenska på arbetsplatsen",
        "läsfrämjande träffar",
        "digital språkträning",
    ),
    (  # Yrkesutbildning
        "korta yrkesutbildningar",
        "lärlingsplatser",
        "yrkesintroduktion",
        "branschanpassad utbildning",
        "truckkort och körkortsteori",
        "utbildning till undersköterska",
        "svetsutbildning",
        "kockutbildning",
    ),
    (  # Validering
        "validering av yrkeskompetens",
        "branschvalidering",
        "kompetensbevis",
        "bedömning av utländsk utbildning",
        "erkännande av reell kompetens",
        "kompletterande kurser",
        "yrkesbedömning på arbetsplats",
        "tillgodoräknande av tidigare studier",
    ),
    (  # Praktik
        "praktikplatser",
        "arbetsplatsförlagt lärande",
        "praktik med handledare",
        "sommarjobb",
        "språkpraktik",
        "prova-på-platser",
        "feriepraktik",
        "arbetsplatsbesök",
    ),
    (  # Coachning
        "jobbcoachning",
        "individuell coachning",
        "motiverande samtal",
        "vägledningssamtal",
        "stegförflyttning",
        "personligt stöd",
        "coachande gruppträffar",
        "karriärcoachning",
    ),
    (  # Entreprenörskap
        "starta-eget-kurser",
        "affärsrådgivning",
        "företagsinkubator",
        "nätverk för nya företagare",
        "mikrolån",
        "affärsplaner",
        "företagslotsar",
        "kooperativa företag",
    ),
    (  # Hälsa
        "hälsoskola",
        "friskvård",
        "hälsosamtal",
        "fysisk aktivitet",
        "kostrådgivning",
        "stresshantering",
        "traumamedvetet stöd",
        "hälsokommunikatörer",
    ),
    (  # Rehabilitering
        "arbetslivsinriktad rehabilitering",
        "arbetsförmågebedömning",
        "aktivitetsstöd",
        "samordnad rehabilitering",
        "arbetsterapi",
        "återgång i arbete",
        "psykosocialt stöd",
        "fysioterapi",
    ),
    (  # Samhällsorientering
        "samhällsorientering",
        "samhällsinformation på modersmål",
        "kurser om det svenska samhället",
        "information om rättigheter och skyldigheter",
        "studiebesök hos myndigheter",
        "föräldraskapsstöd",
        "boendeskola",
        "ekonomisk vägledning",
    ),
    (  # Mentorskap
        "mentorsprogram",
        "yrkesmentorer",
        "fadderverksamhet",
        "jobbmentorer",
        "mentorskap för unga",
        "nätverksmentorer",
        "förebildsträffar",
        "tandemträffar",
    ),
    (  # Föreningsliv
        "föreningsaktiviteter",
        "idrottsträning",
        "kulturcaféer",
        "läxhjälp",
        "fritidsaktiviteter",
        "volontärverksamhet",
        "öppen mötesplats",
        "körsång",
    ),
    (  # Kartläggning
        "kartläggning av kompetens",
        "behovsinventering",
        "enkätstudier",
        "kompetensprofiler",
        "intervjustudier",
        "lägesbilder",
        "uppföljning av deltagare",
        "analys av arbetsmarknadens behov",
    ),
    (  # Samverkan
        "samverkansforum",
        "gemensamma handlingsplaner",
        "lokala överenskommelser",
        "nätverksträffar för handläggare",
        "samordnad planering",
        "gemensam ärendehantering",
        "samverkansteam",
        "lokala partnerskap",
    ),
    (  # Studie- och yrkesvägledning
        "studie- och yrkesvägledning",
        "vägledning på modersmål",
        "studiecirklar",
        "studiemotiverande kurser",
        "informationsträffar om utbildning",
        "karriärplanering",
        "yrkesorientering",
        "studiebesök på skolor",
    ),
    (  # Jämställdhet
        "jämställdhetsutbildning",
        "kvinnonätverk",
        "stöd till utrikes födda kvinnor",
        "föräldragrupper",
        "jämställd rekrytering",
        "tjejgrupper",
        "normkritiska workshoppar",
        "barnomsorg under kurstid",
    ),
    (  # Digital kompetens
        "digital delaktighet",
        "datorkurser",
        "e-tjänsteträning",
        "programmeringskurser",
        "digitala verktyg i vardagen",
        "digitalt stöd på biblioteket",
        "mobilskola",
        "distansutbildning",
    ),
    (  # Sociala företag
        "arbetsintegrerande sociala företag",
        "socialt entreprenörskap",
        "sociala upphandlingar",
        "secondhandverksamhet",
        "café i social regi",
        "kooperativ utveckling",
        "stöd till sociala företagare",
        "kretsloppsverksamhet",
    ),
    (  # Kompetensutveckling
        "kompetensutveckling för anställda",
        "kompetenslyft",
        "branschråd",
        "lärande nätverk",
        "kompetensväxling",
        "utbildning på arbetstid",
        "ledarskapsutbildning",
        "handledarutbildning",
    ),
    (  # Arbetsträning
        "arbetsträning",
        "arbetsträning i kommunal verksamhet",
        "arbetsträning i butik",
        "trädgårdsarbete",
        "träning i arbetslag",
        "daglig sysselsättning",
        "verkstadsarbete",
        "arbetsträning i kök",
    ),
)
METHODS: tuple[str, ...] = (
    "individuella planer",
    "gruppträffar",
    "studiebesök",
    "kamratstöd",
    "digitala verktyg",
    "uppsökande arbete",
    "hembesök",
    "tolkstöd",
    "modersmålsstöd",
    "handledning",
    "workshoppar",
    "case management",
    "supported employment",
    "IPS-metoden",
    "motiverande intervju",
    "lösningsfokuserat arbete",
    "kompetensportföljer",
    "arbetsplatsnära stöd",
    "flexibla scheman",
    "korta moduler",
    "träffar på kvällstid",
    "rollspel",
    "berättande",
    "film och foto",
    "friluftsliv",
    "matlagning",
    "stadsodling",
    "webbinarier",
    "poddar",
    "mobilappar",
    "lärplattformar",
    "mobila team",
    "familjecentraler",
    "brobyggare",
    "kulturtolkar",
    "språkombud",
    "samtalsledare",
    "aktivitetsbaserat lärande",
    "sociala medier",
    "öppna föreläsningar",
)
SECTORS: tuple[str, ...] = (
    "vård och omsorg",
    "byggbranschen",
    "transport och logistik",
    "besöksnäringen",
    "tillverkningsindustrin",
    "handeln",
    "skogsnäringen",
    "lantbruket",
    "IT-branschen",
    "restaurangbranschen",
    "fastighetsservice",
    "förskolan",
    "energisektorn",
    "gröna näringar",
    "kulturella och kreativa näringar",
    "städbranschen",
    "livsmedelsindustrin",
    "fordonsindustrin",
    "gruvnäringen",
    "turismen",
    "kollektivtrafiken",
    "äldreomsorgen",
    "skolan",
    "hantverksyrken",
    "detaljhandeln",
    "e-handeln",
    "rennäringen",
    "fisket",
    "elbranschen",
    "måleribranschen",
)
PARTNER_PHRASES: tuple[str, ...] = (
    "i samverkan med lokala arbetsgivare",
    "tillsammans med civilsamhället",
    "med studieförbund som partner",
    "i samarbete med vuxenutbildningen",
    "tillsammans med Arbetsförmedlingen",
    "med stöd av socialtjänsten",
    "i nära dialog med näringslivet",
    "tillsammans med idrottsrörelsen",
    "i partnerskap med folkhögskolor",
    "i samverkan med regionens vårdcentraler",
    "tillsammans med bostadsbolag",
    "med lokala föreningar",
    "i samarbete med biblioteken",
    "tillsammans med trossamfund",
    "i samverkan med högskolan",
    "med branschorganisationer",
    "tillsammans med fackliga organisationer",
    "i samarbete med Försäkringskassan",
    "med företagarföreningar",
    "tillsammans med hyresgästföreningen",
)
GOALS: tuple[str, ...] = (
    "att fler ska få ett arbete",
    "att korta tiden till egen försörjning",
    "att stärka deltagarnas självförtroende",
    "att fler ska gå vidare till studier",
    "ökad delaktighet i samhället",
    "att bryta isolering",
    "att matcha kompetens mot arbetsgivarnas behov",
    "bättre hälsa och livskvalitet",
    "att minska utanförskapet",
    "att motverka diskriminering vid rekrytering",
    "fler hållbara anställningar",
    "att föräldrar ska få fäste på arbetsmarknaden",
    "att göra kompetens synlig",
    "en jämnare fördelning av jobben",
    "att fler unga fullföljer gymnasiet",
    "att fler startar företag",
    "bättre samordning mellan myndigheterna",
    "en snabbare etablering",
    "att deltagarna bygger ett eget nätverk",
    "ökad digital delaktighet",
)
NAME_STARTS: tuple[str, ...] = (
    "Jobb",
    "Språk",
    "Framtids",
    "Kompetens",
    "Hälso",
    "Integrations",
    "Yrkes",
    "Karriär",
    "Arbets",
    "Samhälls",
    "Start",
    "Mötes",
    "Kultur",
    "Idrotts",
    "Natur",
    "Vägledar",
    "Kunskaps",
    "Nätverks",
    "Etablerings",
    "Möjlighets",
)
NAME_ENDS: tuple[str, ...] = (
    "språnget",
    "lyftet",
    "bron",
    "porten",
    "vägen",
    "resan",
    "steget",
    "nyckeln",
    "verkstaden",
    "slussen",
    "navet",
    "kompassen",
    "bryggan",
    "spåret",
    "torget",
    "huset",
    "kraften",
    "fabriken",
    "labbet",
    "skolan",
)
CATCHY_NAMES: tuple[str, ...] = (
    "Vägen in",
    "Nya steg",
    "Språket som nyckel",
    "Mötesplats",
    "Kompetens i fokus",
    "Brobyggarna",
    "Steg för steg",
    "Arbetslinjen",
    "Integration i praktiken",
    "Starta eget",
    "Kliv ut",
    "Växa tillsammans",
    "Validera mera",
    "Unga på väg",
    "Rätt kompetens",
    "Nästa steg",
    "Med sikte på jobb",
    "Öppna dörrar",
    "Ny start",
    "Gränslöst",
    "Framåt",
    "Vidga vyerna",
    "Hela vägen",
    "Egen kraft",
    "Ett steg till",
    "Från ord till jobb",
    "Mitt i livet",
    "Ut i arbete",
    "Nya vägar",
    "Kraftsamling",
)
T = TypeVar("T")

# Sentence templates: {a} and {b} activities, {m} and {n} methods, {g} the target group ("målgruppen" when
# a text does not name it), {ip} " i " and the place (empty when a text does not name it), {s} a sector,
# {r} a partner phrase, {o} a goal; capitals for a capitalised value.
FIRST_SENTENCES: tuple[str, ...] = (
    "Projektet erbjuder {g} {a} och {m}.",
    "{A} och {b} för {g}{ip}.",
    "Vi arbetar med {m} och {a} för att nå {g}.",
    "Genom {m} får {g}{ip} tillgång till {a}.",
    "Insatsen kombinerar {a} med {m} och {n}.",
    "En satsning på {a} för {g}{ip}.",
    "Här får {g} möjlighet till {a}.",
    "Deltagarna erbjuds {a}, {b} och {m}.",
)
SECOND_SENTENCES: tuple[str, ...] = (
    "Arbetet sker {r}.",
    "Fokus ligger på {s}.",
    "Deltagarna möter arbetsgivare inom {s}.",
    "{M} och {n} är centrala delar.",
    "Verksamheten bedrivs {r} och riktar sig mot {s}.",
    "Insatserna anpassas efter varje deltagare.",
)
THIRD_SENTENCES: tuple[str, ...] = (
    "Målet är {o}.",
    "Vi vill bidra till {o}.",
    "På sikt ska projektet leda till {o}.",
    "Effekten vi söker är {o}.",
)
# Words a planted duplicate adds to the shared core of its name.
NAME_ADDITIONS: tuple[str, ...] = (
    "och samtal",
    "plus",
    "med stöd",
    "steg två",
    "i praktiken",
    "för alla",
)
# Spelling variants of words the planted duplicates' names may carry (applied where the word occurs).
SPELLINGS: tuple[tuple[str, str], ...] = (
    ("café", "kafé"),
    ("yrkessvenska", "svenska för yrkeslivet"),
    ("läxhjälp", "läxläsning"),
    ("språkvänner", "språkvän"),
    ("mentorer", "mentorskap"),
    ("coachning", "coaching"),
    ("mentorsprogram", "mentorprogram"),
    ("träning", "träningen"),
    ("kurser", "kurs"),
    ("platser", "plats"),
)
# The place phrase for texts of projects active everywhere.
EVERYWHERE = "i hela länet"
OWN_ACTIVITY_SHARE = 0.75  # texts whose first activity is one of their orientation's
MENTION_SHARE = 0.6  # random texts that name their target group, and that name their place


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True, slots=True)
class _Slots:
    """One text's choices: everything a name and description are made of."""

    name: str
    activities: tuple[str, str]
    methods: tuple[str, str]
    sector: str
    partner: str
    goal: str
    sentences: tuple[int, ...]  # template indexes of the first, second and third sentence (-1: none)


class Composer:
    """Draws project names and descriptions.

    Parameters
    ----------
    draw : Draw
        The dataset's seeded draws (the only source of randomness).
    """

    def __init__(self, draw: Draw) -> None:
        self.draw = draw

    def text(self, orientation: str, group: str | None, place: str | None) -> tuple[str, str]:
        """A name and a 1-3 sentence description for a project of ``orientation`` for ``group`` in ``place``.

        ``group`` is the target group's name as it reads in a sentence ("nyanlända flyktingar"); ``place``
        a municipality's name, or a phrase like "i hela länet" (:data:`EVERYWHERE`); ``None`` for a text
        that does not name them.
        """
        uniforms = [self.draw.random() for _ in range(_UNIFORMS)]
        return _text(uniforms, orientation, group, place)

    def many(
        self, rng: np.random.Generator, orientations: Sequence[str], groups: Sequence[str], places: Sequence[str]
    ) -> list[tuple[str, str]]:
        """Texts for many projects at once (the uniforms drawn in bulk), like :meth:`text` for each.

        Each text names its target group and its place only as often as real descriptions do
        (:data:`MENTION_SHARE`).
        """
        rows = rng.random((len(orientations), _UNIFORMS + 2)).tolist()
        return [
            _text(
                u,
                orientation,
                group if u[_UNIFORMS] < MENTION_SHARE else None,
                place if u[_UNIFORMS + 1] < MENTION_SHARE else None,
            )
            for u, orientation, group, place in zip(rows, orientations, groups, places, strict=True)
        ]

    def variants(self, orientation: str, group: str, place: str, count: int) -> list[tuple[str, str]]:
        """``count`` similar, not identical, names and descriptions: one core, a few words changed in each.

        The first is the core itself: "{activity} för {group} i {place}" and a description of two or three
        sentences. Each other one changes the core in its own way: its name spells the activity
        differently, adds a word or two, or puts the place first; its description opens with another
        sentence on the same activity, group and place, swaps a method, a partner or the sector, and
        adds or leaves out the last sentence. Each is thus closer to the core than to the others.
        """
        draw = self.draw
        own = _activities(orientation)
        first = draw.pick(own)
        second = own[(own.index(first) + 1 + draw.below(len(own) - 1)) % len(own)]
        methods = draw.some(METHODS, 2 + count)
        partners = draw.some(PARTNER_PHRASES, 1 + count)
        sectors = draw.some(SECTORS, 1 + count)
        opening = draw.below(len(_CORE_FIRST))
        core = _Slots(
            f"{capital(first)} för {group} {_in(place)}",
            (first, second),
            (methods[0], methods[1]),
            sectors[0],
            partners[0],
            draw.pick(GOALS),
            (_CORE_FIRST[opening], draw.below(len(SECOND_SENTENCES)), 0),
        )
        texts = [(core.name, _description(core, group, place))]
        additions = draw.some(NAME_ADDITIONS, count)
        for k in range(1, count):
            if k == 1 and _respelt(first) != first:
                name = f"{capital(_respelt(first))} för {group} {_in(place)}"
            elif k == 3:
                name = f"{capital(first)} {_in(place)} – för {group}"
            else:
                name = f"{capital(first)} {additions[k]} för {group} {_in(place)}"
            sentences = (
                _CORE_FIRST[(opening + k) % len(_CORE_FIRST)],
                core.sentences[1],
                -1 if k % 2 else 1 + draw.below(len(THIRD_SENTENCES) - 1),
            )
            variant = _Slots(
                name,
                core.activities,
                (core.methods[0], methods[1 + k]),
                sectors[k] if k % 2 == 0 else core.sector,
                partners[k] if k % 2 else core.partner,
                core.goal,
                sentences,
            )
            texts.append((variant.name, _description(variant, group, place)))
        return texts


_SENTENCE_COUNTS = tuple(itertools.accumulate((2, 4, 4)))  # weights of 1, 2 and 3 sentences, running sums
_NAME_SHAPES = tuple(itertools.accumulate((25, 20, 15, 20, 20)))  # weights of the name shapes of _text
_ORIENTATION_INDEX = {name: k for k, name in enumerate(ORIENTATIONS)}
_UNIFORMS = 20  # uniforms one random text is drawn from
_CORE_FIRST = (1, 3, 5)  # first-sentence templates that name the group and the place, for the planted cores


def _activities(orientation: str) -> tuple[str, ...]:
    return ACTIVITIES[_ORIENTATION_INDEX.get(orientation, 0)]


def _at(items: Sequence[T], uniform: float) -> T:
    return items[int(uniform * len(items))]


def _text(u: Sequence[float], orientation: str, group: str | None, place: str | None) -> tuple[str, str]:
    """A random name and description drawn from the uniforms ``u[0:_UNIFORMS]`` (each in [0, 1))."""
    own = _activities(orientation)
    first = _at(own, u[1]) if u[0] < OWN_ACTIVITY_SHARE else _at(_at(ACTIVITIES, u[2]), u[3])
    second = _at(own, u[5]) if u[4] < 0.5 else _at(_at(ACTIVITIES, u[2]), u[5])
    if second == first:
        second = own[(own.index(first) + 1) % len(own)] if first in own else own[0]
    m, n = _at(METHODS, u[6]), _at(METHODS, u[7])
    if n == m:
        n = METHODS[(METHODS.index(m) + 1) % len(METHODS)]
    sector = _at(SECTORS, u[8])
    shape = bisect.bisect_right(_NAME_SHAPES, u[9] * _NAME_SHAPES[-1])
    if shape == 2 and group is None:
        shape = 0
    if shape == 0:
        name = _at(NAME_STARTS, u[10]) + _at(NAME_ENDS, u[11])
    elif shape == 1:
        name = f"{_at(CATCHY_NAMES, u[10])} – {first}"
    elif shape == 2:
        name = f"{capital(first)} för {group}"
    elif shape == 3:
        name = f"{_at(NAME_STARTS, u[10])}{_at(NAME_ENDS, u[11])} – {sector}"
    else:
        name = _at(CATCHY_NAMES, u[10])
    if place is not None and shape in (0, 2, 4) and u[12] < 0.5:  # the place in the name
        name = f"{name} {_in(place)}" if shape == 2 or place == EVERYWHERE else f"{name} {place}"
    count = 1 + bisect.bisect_right(_SENTENCE_COUNTS, u[13] * _SENTENCE_COUNTS[-1])
    sentences = (
        int(u[14] * len(FIRST_SENTENCES)),
        int(u[15] * len(SECOND_SENTENCES)) if count >= 2 else -1,
        int(u[16] * len(THIRD_SENTENCES)) if count >= 3 else -1,
    )
    slots = _Slots(name, (first, second), (m, n), sector, _at(PARTNER_PHRASES, u[17]), _at(GOALS, u[18]), sentences)
    return name, _description(slots, group, place)


def _in(place: str) -> str:
    """The place after "i": i Umeå for Umeå, i hela länet for i hela länet."""
    return place if place.startswith("i ") else f"i {place}"


def _respelt(words: str) -> str:
    for old, new in SPELLINGS:
        if old in words:
            return words.replace(old, new, 1)
    return words


def _description(slots: _Slots, group: str | None, place: str | None) -> str:
    a, b = slots.activities
    m, n = slots.methods
    values = {
        "a": a,
        "A": capital(a),
        "b": b,
        "m": m,
        "M": capital(m),
        "n": n,
        "g": group if group is not None else "målgruppen",
        "ip": f" {_in(place)}" if place is not None else "",
        "s": slots.sector,
        "r": slots.partner,
        "o": slots.goal,
    }
    first, second, third = slots.sentences
    parts = [FIRST_SENTENCES[first].format_map(values)]
    if second >= 0:
        parts.append(SECOND_SENTENCES[second].format_map(values))
    if third >= 0:
        parts.append(THIRD_SENTENCES[third].format_map(values))
    return " ".join(parts)


def vocabulary_size() -> int:
    """How many distinct words the texts are made of (the tests check it is several hundred)."""
    pieces: Sequence[str] = (
        *(a for group in ACTIVITIES for a in group),
        *METHODS,
        *SECTORS,
        *PARTNER_PHRASES,
        *GOALS,
        *NAME_STARTS,
        *NAME_ENDS,
        *CATCHY_NAMES,
        *FIRST_SENTENCES,
        *SECOND_SENTENCES,
        *THIRD_SENTENCES,
    )
    return len({word.casefold().strip(".,–{}") for piece in pieces for word in piece.split()})
