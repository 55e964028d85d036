"""Amounts with their currency and scores with their scale, as each language writes them.

A budget in the report is never a bare number: ``1 200 000 kr`` in Swedish,
``1,200,000 SEK`` in English. The currency is the projects' own (the
``currency`` column of projects.csv, which ``stakeholders import`` fills from
the lists, e.g. DKK or EUR), else its country's (the ``country`` column: an EU
member's currency, e.g. Denmark -> DKK); a dataset without either is in Swedish
kronor, the currency of the data format's examples.
"""

from __future__ import annotations

import math
import weakref
from collections import Counter
from collections.abc import Iterable

from stakeholders.model import Dataset
from stakeholders.report.i18n import Lang, number, t

DEFAULT_CURRENCY = "SEK"
CURRENCY_COLUMN = "currency"  # projects.csv's own column (an extra attribute of the project)
_CACHE: weakref.WeakKeyDictionary[Dataset, str] = weakref.WeakKeyDictionary()


COUNTRY_COLUMN = "country"  # projects.csv's country (stakeholders import writes it from the lists)
# The currency of each EU member (the countries of the ERDF and ESF lists), by ISO 3166 code and English name;
# a project without a currency is taken to be in its country's. Euro members first.
_EURO = (
    "AT Austria, BE Belgium, HR Croatia, CY Cyprus, EE Estonia, FI Finland, FR France, DE Germany, GR Greece, "
    "EL Greece, IE Ireland, IT Italy, LV Latvia, LT Lithuania, LU Luxembourg, MT Malta, NL Netherlands, "
    "PT Portugal, SK Slovakia, SI Slovenia, ES Spain"
)
_OTHERS = {
    "BGN": "BG Bulgaria",
    "CZK": "CZ Czechia, CZ Czech Republic",
    "DKK": "DK Denmark, DK Danmark",
    "HUF": "HU Hungary",
    "PLN": "PL Poland, PL Polska",
    "RON": "RO Romania",
    "SEK": "SE Sweden, SE Sverige",
}
COUNTRY_CURRENCIES: dict[str, str] = {
    key.casefold(): currency
    for currency, entries in [("EUR", _EURO), *_OTHERS.items()]
    for entry in entries.split(", ")
    for key in entry.split(" ", 1)
}


def project_currency(dataset: Dataset, project_id: str) -> str:
    """The project's own currency, else its country's (see COUNTRY_CURRENCIES), else ""."""
    project = dataset.projects.get(project_id)
    if project is None:
        return ""
    code = project.extra.get(CURRENCY_COLUMN, "").strip().upper()
    return code or COUNTRY_CURRENCIES.get(project.extra.get(COUNTRY_COLUMN, "").strip().casefold(), "")


def dataset_currency(dataset: Dataset) -> str:
    """The currency most of the dataset's projects give (ties: the first met), else SEK."""
    if dataset not in _CACHE:
        codes = Counter(c for p in dataset.projects if (c := project_currency(dataset, p)))
        _CACHE[dataset] = codes.most_common(1)[0][0] if codes else DEFAULT_CURRENCY
    return _CACHE[dataset]


def currency_of(dataset: Dataset, project_ids: Iterable[str]) -> str:
    """The projects' common currency, else the dataset's."""
    codes = {c for p in project_ids if (c := project_currency(dataset, p))}
    return codes.pop() if len(codes) == 1 else dataset_currency(dataset)


def money(value: float | None, lang: Lang, currency: str = DEFAULT_CURRENCY) -> str:
    """``1 200 000 kr`` (sv, SEK), ``1 200 000 DKK`` (sv), ``1,200,000 SEK`` (en); ``–`` when unknown."""
    if value is None:
        return "–"
    unit = "kr" if lang == "sv" and currency == "SEK" else currency
    return f"{number(value, lang)}\u00a0{unit}"


def of_one(value: float | None, lang: Lang, decimals: int = 2) -> str:
    """A score on 0-1 with its scale: ``0,82 av 1`` / ``0.82 of 1``."""
    if value is None:
        return "–"
    return t("score_0_to_1", lang, value=number(value, lang, decimals))


def rank_scale(rank: int, found: int, capped: bool, lang: Lang) -> str:
    """Where a ranked finding stands: ``top 5 %`` of all found, or ``no. 3 of 100+`` when only the top were kept."""
    if capped:
        return t("rank_of_more", lang, rank=number(rank, lang), n=number(found, lang))
    return t("top_percent", lang, p=number(max(1, math.ceil(100 * rank / max(found, 1))), lang))
