"""The layouts of published lists of operations: which header holds which of our fields.

Two layouts: the Kohesio CSV export (the column names of the Kohesio data specification) and national
lists of operations (EU Common Provisions Regulation, Article 49) with English, Swedish or Danish headers,
bilingual ones included ("Projektitel / Operation name"). A mapping file (``our_field = "their header"``)
names anything else.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from stakeholders.errors import UsageError


class Layout(StrEnum):
    KOHESIO = "kohesio"
    OPERATIONS = "operations"


# Our fields, what they become, and whether a list needs them.
FIELDS: dict[str, str] = {
    "id": "the project id (projects.csv id)",
    "unique_id": "a URI-like unique id; its last segment is the id when there is no id column",
    "name": "the operation's name in the programme language (projects.csv name)",
    "name_en": "the name in English (projects.csv name_en)",
    "description": "the summary in the programme language (projects.csv description)",
    "description_en": "the summary in English (projects.csv description_en)",
    "start": "the start date (projects.csv start)",
    "end": "the end date (projects.csv end)",
    "owner": "the beneficiary (projects.csv owner, an actor)",
    "owner_number": "the beneficiary's organisation number (actors resolve by it)",
    "partners": "the other organisations, one a line or separated by ';' (projects.csv partners)",
    "budget": "the total (eligible) cost (projects.csv budget)",
    "currency": "the currency of the budget (projects.csv currency)",
    "eu_cofinancing": "the Union co-financing amount (projects.csv eu_cofinancing)",
    "cofinancing_rate": "the Union co-financing rate (projects.csv cofinancing_rate)",
    "category": "the category of intervention (an orientation)",
    "priority": "the priority axis (an orientation)",
    "objective": "the thematic or specific objective (an orientation)",
    "target_groups": "target groups, separated by ';' (projects.csv target_groups)",
    "municipalities": "LAU labels or the municipality names (projects.csv municipalities)",
    "municipality_codes": "LAU codes, in the order of the labels (municipalities.csv id)",
    "city": "the city or town (a municipality when no municipality column is given)",
    "region": "NUTS3 label or region (municipalities.csv region)",
    "postcode": "the postcode (projects.csv postcode)",
    "country": "the country (projects.csv country)",
    "fund": "the fund (projects.csv fund)",
    "programme": "the programme (projects.csv programme)",
    "period": "the programming period (projects.csv period)",
    "contact_name": "a contact person (personal data: copied only with --keep-personal-data)",
    "email": "an e-mail address (personal data)",
    "phone": "a phone number (personal data)",
    "contacts": "contact persons with phone and e-mail in one cell (personal data)",
}
REQUIRED_FIELDS = ("name", "owner")
PERSONAL_FIELDS = frozenset({"contact_name", "email", "phone", "contacts"})

# The Kohesio data specification's column names (Kohesio validator, Interoperable Europe).
KOHESIO_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("Operation_Local_Identifier",),
    "unique_id": ("Operation_Unique_Identifier",),
    "name": ("Operation_Name_Programme_Language",),
    "name_en": ("Operation_Name_English",),
    "description": ("Operation_Summary_Programme_Language",),
    "description_en": ("Operation_Summary_English",),
    "start": ("Operation_Start_Date",),
    "end": ("Operation_End_Date",),
    "owner": ("Beneficiary_Name",),
    "owner_number": ("Beneficiary_Local_Identifier",),
    "budget": ("Total_Eligible_Expenditure_amount",),
    "currency": ("Total_Eligible_Expenditure_Currency",),
    "cofinancing_rate": ("Union_Co_Financing_Rate", "Co_Financing_Rate"),
    "category": ("Category_Label", "Category_Of_Intervention"),
    "objective": ("Specific_Objective_Label", "Thematic_Objective_Label", "Specific_Objective", "Thematic_Objective"),
    "municipalities": ("LAU_Labels", "LAU_Label"),
    "municipality_codes": ("LAU_Codes", "LAU_Code"),
    "city": ("Operation_City", "Beneficiary_City"),
    "region": ("NUTS3_Label", "NUTS3_Labels", "NUTS2_Label"),
    "postcode": ("Location_Indicator_Postcode",),
    "country": ("Country",),
    "fund": ("Fund_Code", "Fund_Name"),
    "programme": ("Programme_Name",),
    "period": ("Programming_Period",),
}
KOHESIO_MARKERS = ("operation_name_programme_language", "beneficiary_name")

# Header synonyms of national lists, compared ignoring case, spaces, "_" and "-"; a bilingual header
# ("Projektitel / Operation name") matches if one of its halves does. First match wins for each field.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": (
        "operation id",
        "operation identifier",
        "project id",
        "project number",
        "projekt id",
        "projektnummer",
        "projektnr",
        "journalnummer",
        "journal number",
        "diarienummer",
        "ärendenummer",
        "sagsnummer",
        "case id",
        "operation local identifier",
        "id",
    ),
    "unique_id": ("operation unique identifier",),
    "name": (
        "operation name",
        "operation name programme language",
        "name of operation",
        "project name",
        "project title",
        "projektnamn",
        "projektets namn",
        "projekttitel",
        "projektitel",
        "projektnavn",
        "titel",
        "title",
        "name",
    ),
    "name_en": (
        "operation name english",
        "operation name in english",
        "project name in english",
        "projektnamn på engelska",
        "english name",
    ),
    "description": (
        "operation summary",
        "operation summary programme language",
        "summary",
        "projektbeskrivelse",
        "projektbeskrivning",
        "beskrivning",
        "sammanfattning",
        "sammenfatning",
        "formål",
        "syfte",
        "project description",
        "description",
        "purpose",
    ),
    "description_en": ("operation summary english", "summary in english", "english summary"),
    "start": (
        "operation start date",
        "start date",
        "startdatum",
        "startdato",
        "projektstart",
        "projektets start",
        "starttid",
        "start",
    ),
    "end": (
        "operation end date",
        "end date",
        "slutdatum",
        "slutdato",
        "projektslut",
        "projektets slut",
        "sluttid",
        "end",
        "slut",
    ),
    "owner": (
        "beneficiary name",
        "beneficiary",
        "lead beneficiary",
        "lead partner",
        "stödmottagare",
        "stödmottagarens namn",
        "projektägare",
        "kontraktansvarlig partner",
        "støttemodtager",
        "tilsagnsmodtager",
        "projektejer",
        "projektansvarlig",
        "organisation",
        "organization",
    ),
    "owner_number": (
        "organisationsnummer",
        "org nr",
        "orgnr",
        "organisation number",
        "organization number",
        "cvr",
        "cvr nummer",
        "cvr nr",
        "beneficiary local identifier",
        "vat number",
    ),
    "partners": (
        "project partners",
        "partners",
        "partner",
        "partnere",
        "partere",
        "projektpartnere",
        "projektpartners",
        "samarbetspartners",
        "samarbetsparter",
        "medsökande",
        "projektparter",
        "other beneficiaries",
    ),
    "budget": (
        "total eligible expenditure",
        "total eligible expenditure allocated to the operation",
        "total eligible expenditure amount",
        "total eligible cost",
        "total cost",
        "total project cost",
        "total budget",
        "budget",
        "totalbudget",
        "total budget",
        "projektets totala budget",
        "total kostnad",
        "stödberättigande utgifter",
        "samlede støtteberettigede udgifter",
        "samlet budget",
    ),
    "currency": ("currency", "valuta", "total eligible expenditure currency"),
    "eu_cofinancing": (
        "union co financing",
        "eu co financing",
        "eu medfinansiering",
        "eu stöd",
        "eu støtte",
        "eu contribution",
        "beviljat eu stöd",
    ),
    "cofinancing_rate": (
        "union co financing rate",
        "co financing rate",
        "eu medfinansieringssats",
        "medfinansieringsgrad",
        "stödandel",
        "eu andel",
    ),
    "category": (
        "category of intervention",
        "category label",
        "interventionskategori",
        "insatskategori",
        "indsatsområde",
        "interventionsområde",
    ),
    "priority": (
        "priority axis",
        "priority",
        "prioritetsakse",
        "prioriteringsaxel",
        "insatsområde",
        "prioriterat område",
        "prioritet",
    ),
    "objective": (
        "specific objective",
        "thematic objective",
        "investment priority",
        "specifikt mål",
        "tematiskt mål",
        "tematisk mål",
        "specifikt mål",
        "investeringsprioritering",
        "delmål",
    ),
    "target_groups": ("target groups", "target group", "målgrupper", "målgrupp", "målgruppe"),
    "municipalities": (
        "lau labels",
        "lau label",
        "municipality",
        "municipalities",
        "kommun",
        "kommuner",
        "kommune",
        "kommuner",
        "location",
        "lokalisering",
        "genomförandeort",
        "geografisk placering",
        "project location",
        "operation location",
    ),
    "municipality_codes": ("lau codes", "lau code", "kommunkod", "kommunekode", "municipality code"),
    "city": ("city name", "city", "town", "bynavn", "by", "ort", "postort", "stad"),
    "region": ("nuts3 label", "nuts3", "nuts 3", "region", "län", "county", "landsdel", "regioner"),
    "postcode": ("operation postcode", "postcode", "post code", "postal code", "postnummer", "postnr", "zip"),
    "country": ("country", "land"),
    "fund": ("fund", "fond", "fonds", "fund code"),
    "programme": ("programme", "program", "programme name", "operativt program", "programmet"),
    "period": ("programming period", "programperiod", "programperiode"),
    "contact_name": (
        "contact person",
        "contact name",
        "kontaktperson",
        "kontakt",
        "projektledare",
        "projektleder",
        "contact",
    ),
    "email": ("e mail", "email", "e post", "epost", "mail"),
    "phone": ("phone", "telephone", "telefon", "tlf", "telefonnummer", "mobil", "mobile"),
    "contacts": ("contacts", "kontaktpersoner", "contact persons"),
}
# The Danish "Kontaktperson / Contacts" cell holds name, phone and e-mail: the English half decides.


def normalise_header(header: str) -> str:
    """A header compared: casefolded, "_", "-" and "." as spaces, runs of spaces as one."""
    return " ".join(re.sub(r"[_\-.:]+", " ", header.casefold()).split())


def _halves(header: str) -> list[str]:
    whole = normalise_header(header)
    parts = [normalise_header(part) for part in re.split(r"\s+/\s+|\s*\|\s*|\s*\(\s*|\s*\)\s*", header)]
    return [whole, *(part for part in reversed(parts) if part and part != whole)]


@dataclass(frozen=True)
class ColumnMap:
    """Which header of a file holds each of our fields (only the fields found)."""

    layout: Layout
    headers: Mapping[str, str]  # our field -> the file's header (as read: lower case)


def detect_layout(header: Sequence[str]) -> Layout | None:
    """The layout a header row is in: Kohesio when it carries the Kohesio column names, else None."""
    names = {normalise_header(column).replace(" ", "_") for column in header}
    return Layout.KOHESIO if all(marker in names for marker in KOHESIO_MARKERS) else None


def map_columns(
    location: str, header: Sequence[str], layout: Layout | None, mapping: Mapping[str, str] | None
) -> ColumnMap:
    """Which header holds each field, for one file.

    Parameters
    ----------
    location
        The file, as messages name it.
    header
        The file's header row.
    layout
        The layout to read it as; None to detect it from the headers.
    mapping
        Our field -> their header, from a mapping file; these win over the built-in names.

    Raises
    ------
    UsageError
        When a required field has no column (the message lists the columns found, the fields needed and how
        to write a mapping file), or a mapping names a header the file does not have.
    """
    chosen = layout or detect_layout(header) or Layout.OPERATIONS
    found: dict[str, str] = {}
    by_normal = {normalise_header(column): column for column in header}
    for field, theirs in (mapping or {}).items():
        column = by_normal.get(normalise_header(theirs))
        if column is None:
            raise UsageError(
                f"{location}: the mapping file maps {field} to {theirs!r}, which is not a column of the file. "
                f"Columns found: {', '.join(repr(c) for c in header)}"
            )
        found[field] = column
    taken = set(found.values())
    if chosen is Layout.KOHESIO:
        for field, names in KOHESIO_COLUMNS.items():
            for name in names:
                column = by_normal.get(normalise_header(name))
                if field not in found and column is not None and column not in taken:
                    found[field] = column
                    taken.add(column)
    else:
        _match_synonyms(header, found, taken)
    missing = [field for field in REQUIRED_FIELDS if field not in found]
    if missing:
        raise UsageError(unknown_layout_message(location, header, missing, chosen, layout is None))
    return ColumnMap(chosen, found)


def _match_synonyms(header: Sequence[str], found: dict[str, str], taken: set[str]) -> None:
    """Fill ``found`` from the built-in synonyms: whole headers first, then halves of bilingual ones."""
    halves = {column: _halves(column) for column in header}
    for level in range(3):
        for field, synonyms in SYNONYMS.items():
            if field in found:
                continue
            for synonym in synonyms:
                match = next(
                    (c for c in header if c not in taken and len(halves[c]) > level and halves[c][level] == synonym),
                    None,
                )
                if match is not None:
                    found[field] = match
                    taken.add(match)
                    break


def unknown_layout_message(
    location: str, header: Sequence[str], missing: Sequence[str], layout: Layout, detected: bool
) -> str:
    """What to say when a file lacks columns for required fields."""
    how = "as a national list of operations (no Kohesio column names found)" if detected else f"as {layout.value}"
    example = "\n".join(f'{field} = "<their header for {field}>"' for field in missing)
    return (
        f"{location}: unknown layout: read {how}, no column found for {', '.join(missing)}.\n"
        f"Columns found: {', '.join(repr(c) for c in header)}.\n"
        f"Fields needed: {', '.join(REQUIRED_FIELDS)}; also used when present: "
        f"{', '.join(f for f in FIELDS if f not in REQUIRED_FIELDS)}.\n"
        f"Write a mapping file (TOML, our field = their header) and pass it with --columns mapping.toml, e.g.:\n"
        f"{example}\n"
        f"(see docs/import.md)"
    )


def read_mapping(path: Path) -> dict[str, str]:
    """Our field -> their header, from a TOML mapping file (``name = "Projektets namn"``).

    Raises
    ------
    UsageError
        When the file cannot be read, is not TOML, names an unknown field or a value is not text.
    """
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise UsageError(f"cannot read the mapping file {path}: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise UsageError(
            f'{path} is not a TOML mapping file ({error}); write lines like name = "Projektnamn"'
        ) from None
    section = document.get("columns", document)
    mapping: dict[str, str] = {}
    for field, header in section.items():
        if field not in FIELDS:
            raise UsageError(f"{path}: unknown field {field!r}; the fields are: {', '.join(FIELDS)}")
        if not isinstance(header, str) or not header.strip():
            raise UsageError(f'{path}: {field} must name one header in quotes, e.g. {field} = "Their header"')
        mapping[field] = header
    return mapping
