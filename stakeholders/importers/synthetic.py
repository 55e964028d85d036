"""A Kohesio-like list of operations of any size, for trials and the import benchmark.

The rows look like a Swedish programme's Kohesio export: the specification's column names, dd/mm/yyyy
dates, amounts as "1 200 000", beneficiaries spelled several ways (capitals, a legal form, the filler "i"),
multi-line summaries, LAU labels with their codes, and contact columns that the import leaves out.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

KOHESIO_HEADER = (
    "Operation_Unique_Identifier",
    "Operation_Local_Identifier",
    "Operation_Name_Programme_Language",
    "Operation_Name_English",
    "Operation_Summary_Programme_Language",
    "Operation_Summary_English",
    "Operation_Start_Date",
    "Operation_End_Date",
    "Beneficiary_Name",
    "Category_Of_Intervention",
    "Category_Label",
    "Fund_Code",
    "Programme_Name",
    "Programming_Period",
    "Total_Eligible_Expenditure_amount",
    "Total_Eligible_Expenditure_Currency",
    "NUTS3_Label",
    "LAU_Codes",
    "LAU_Labels",
    "Country",
    "Contact_Person",
    "Contact_Email",
)
# Swedish municipality codes and names (SCB), as the field notes list them.
MUNICIPALITIES = {
    "Västerbottens län": {
        "2401": "Nordmaling", "2403": "Bjurholm", "2404": "Vindeln", "2409": "Robertsfors", "2417": "Norsjö",
        "2418": "Malå", "2421": "Storuman", "2422": "Sorsele", "2425": "Dorotea", "2460": "Vännäs",
        "2462": "Vilhelmina", "2463": "Åsele", "2480": "Umeå", "2481": "Lycksele", "2482": "Skellefteå",
    },
    "Norrbottens län": {
        "2505": "Arvidsjaur", "2506": "Arjeplog", "2510": "Jokkmokk", "2513": "Överkalix", "2514": "Kalix",
        "2518": "Övertorneå", "2521": "Pajala", "2523": "Gällivare", "2560": "Älvsbyn", "2580": "Luleå",
        "2581": "Piteå", "2582": "Boden", "2583": "Haparanda", "2584": "Kiruna",
    },
}  # fmt: skip
_KINDS = ("Energikontor", "Företagarcentrum", "Innovationsbyrå", "Kompetenscentrum", "Utvecklingsbolag", "Stiftelsen")
_WORDS = ("Norr", "Syd", "Nord", "Skog", "Älv", "Fjäll", "Kust", "Sol", "Berg", "Sjö", "Myr", "Lav", "Ren", "Hav")
_CATEGORIES = (
    ("001", "Investering i anläggningstillgångar i mikroföretag"),
    ("013", "Digitalisering av små och medelstora företag"),
    ("024", "Affärsutvecklingstjänster till små och medelstora företag"),
    ("029", "Forsknings- och innovationsprocesser"),
    ("046", "Stöd till enheter som tillhandahåller tjänster som bidrar till koldioxidsnål ekonomi"),
)
_TEXT = (
    "Projektet ska stärka samverkan mellan företag, kommuner och högskolor i regionen.",
    "Insatserna riktar sig till små och medelstora företag med tillväxtpotential.",
    "Fokus ligger på digitalisering, kompetensförsörjning och nya affärsmodeller.",
    "Resultaten sprids genom seminarier, nätverksträffar och en öppen rapport.",
)


def _beneficiaries(count: int, rng: random.Random) -> list[str]:
    names: dict[str, None] = {}
    places = [name for region in MUNICIPALITIES.values() for name in region.values()]
    for place in places:
        names[f"{place} kommun"] = None
    for region in ("Västerbotten", "Norrbotten"):
        names[f"Region {region}"] = None
        names[f"Länsstyrelsen i {region}s län"] = None
    while len(names) < count:
        names[f"{rng.choice(_KINDS)} {rng.choice(_WORDS)}{rng.choice(_WORDS).lower()} {rng.randrange(1, 999)}"] = None
    return list(names)[:count]


def _spelling(name: str, rng: random.Random) -> str:
    """The name, or now and then one of its other certain spellings."""
    draw = rng.random()
    if draw < 0.9:
        return name
    if draw < 0.94:
        return name.upper()
    if draw < 0.98:
        return f"{name} AB" if not name.endswith(("kommun", "län")) else name.replace(" i ", " ")
    return f"  {name}."


def write_kohesio_csv(path: str | Path, rows: int, *, seed: int = 0, beneficiaries: int | None = None) -> Path:
    """Write a Kohesio-like CSV export of ``rows`` operations (``beneficiaries``: distinct ones, default rows/20).

    Returns
    -------
    Path
        ``path``, written (UTF-8, comma, quoted where needed).
    """
    rng = random.Random(seed)
    target = Path(path)
    names = _beneficiaries(max(beneficiaries or rows // 20, 40), rng)
    places = [(code, name, region) for region, codes in MUNICIPALITIES.items() for code, name in codes.items()]
    day0 = dt.date(2014, 1, 1)
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(KOHESIO_HEADER)
        for k in range(rows):
            start = day0 + dt.timedelta(days=rng.randrange(0, 3000))
            end = start + dt.timedelta(days=rng.randrange(90, 1500))
            chosen = rng.sample(places, rng.choice((1, 1, 1, 2, 3)))
            code, label = rng.choice(_CATEGORIES)
            amount = rng.randrange(100_000, 50_000_000)
            summary = " ".join(rng.sample(_TEXT, 2)) if k % 3 else "\n".join(rng.sample(_TEXT, 3))
            writer.writerow(
                (
                    f"https://kohesio.ec.europa.eu/sv/projects/Q{1_000_000 + k}",
                    f"2014SE16RFOP008-{k + 1:06d}",
                    f"{rng.choice(_KINDS)} {rng.choice(_WORDS)} {k + 1}",
                    f"Project {k + 1}",
                    summary,
                    "The project strengthens cooperation in the region.",
                    start.strftime("%d/%m/%Y"),
                    end.strftime("%d/%m/%Y"),
                    _spelling(rng.choice(names), rng),
                    code,
                    label,
                    "ERDF",
                    "Övre Norrland",
                    "2014-2020",
                    f"{amount:,}".replace(",", " ") if k % 2 else f"{amount}.50",
                    "SEK",
                    chosen[0][2],
                    "; ".join(place[0] for place in chosen),
                    "; ".join(place[1] for place in chosen),
                    "Sverige",
                    f"Kontakt Person {k}",
                    f"kontakt{k}@example.se",
                )
            )
    return target
