"""Cells of published lists of operations: dates, amounts, partner lists, ids.

Each parser returns the value or raises :class:`stakeholders.values.ValueProblem` with a hint.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

from stakeholders.values import ValueProblem

_DAY_FIRST = re.compile(r"([0-9]{1,2})[./-]([0-9]{1,2})[./-]([0-9]{4})")  # 24.04.2014, 24/04/2014, 24-04-2014
_ISO = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})")  # 2014-04-24, 2014/04/24
_TIME = re.compile(r"[ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?$")
_DATE_HINT = "Write the date as dd/mm/yyyy, dd.mm.yyyy or yyyy-mm-dd"


def parse_list_date(text: str) -> dt.date:
    """A date as lists of operations write it: ``24.04.2014``, ``24/04/2014``, ``2014-04-24`` (a time is ignored).

    Raises
    ------
    ValueProblem
        For text that is no date, or a date that does not exist (``30/02/2023``).
    """
    stripped = _TIME.sub("", text.strip())
    match = _DAY_FIRST.fullmatch(stripped)
    if match:
        day, month, year = (int(part) for part in match.groups())
    else:
        match = _ISO.fullmatch(stripped)
        if not match:
            raise ValueProblem("not a date", _DATE_HINT)
        year, month, day = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueProblem(
            "a date that does not exist", "Check day and month (dd/mm/yyyy, dd.mm.yyyy or yyyy-mm-dd)"
        ) from None


_CURRENCY_CODES = {
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "kr": "",  # kroner or kronor: the country tells which
    "kr.": "",
    "kronor": "SEK",
    "sek": "SEK",
    "dkk": "DKK",
    "nok": "NOK",
    "isk": "ISK",
    "pln": "PLN",
    "czk": "CZK",
    "huf": "HUF",
    "ron": "RON",
    "bgn": "BGN",
    ":-": "SEK",
}
_AMOUNT_CURRENCY = re.compile(r"^\s*(€|[A-Za-z]{3})\s*|\s*(€|:-|kr\.?|kronor|euro|[A-Za-z]{3})\s*$", re.IGNORECASE)
_GROUPING = re.compile(r"[\s\u00a0\u202f\u2009'’]")
_PLAIN = re.compile(r"[0-9]+(\.[0-9]+)?")
_SIMPLE = re.compile(r"[0-9]+(?:\.[0-9]{1,2})?")
_SPACED = re.compile(r"[0-9]{1,3}(?: [0-9]{3})+")
_AMOUNT_HINT = "Write an amount such as 15.414.794, 1 200 000 or 1,200,000.50 (no minus sign)"


def parse_amount(text: str) -> tuple[float, str]:
    """An amount and the currency written with it (ISO code, or "").

    ``15.414.794``, ``1 200 000``, ``1,200,000.50``, ``1.500,50``, ``EUR 200 000``, ``200 000 kr``. One separator
    followed by exactly three digits groups thousands (``7.500`` is seven thousand five hundred, as in Danish
    and German lists); otherwise the last separator is the decimal one.

    Raises
    ------
    ValueProblem
        For words, negative amounts and malformed numbers.
    """
    stripped = text.strip()
    if _SIMPLE.fullmatch(stripped):
        return float(stripped), ""  # the common cases, fast: "1200000", "1200000.50"
    if stripped.replace(" ", "").isdigit() and _SPACED.fullmatch(stripped):
        return float(stripped.replace(" ", "")), ""  # "1 200 000"
    currency = ""
    match = _AMOUNT_CURRENCY.search(stripped)
    if match:
        word = (match.group(1) or match.group(2)).casefold()
        if word in _CURRENCY_CODES or (len(word) == 3 and word.isalpha()):
            currency = _CURRENCY_CODES.get(word, word.upper())
            stripped = (stripped[: match.start()] + stripped[match.end() :]).strip()
    cleaned = _GROUPING.sub("", stripped)
    if cleaned.startswith(("-", "\u2212")):
        raise ValueProblem("a negative amount", _AMOUNT_HINT)
    cleaned = _decimal_point(cleaned)
    if not _PLAIN.fullmatch(cleaned):
        raise ValueProblem("not an amount", _AMOUNT_HINT)
    return float(cleaned), currency


def _decimal_point(text: str) -> str:
    """``text`` with "." as the only (decimal) separator."""
    commas, points = text.count(","), text.count(".")
    if commas and points:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        grouping = "." if decimal == "," else ","
        if text.count(decimal) > 1:
            return "x"  # "1.200.000,50.3": not a number
        return text.replace(grouping, "").replace(decimal, ".")
    for separator, count in ((",", commas), (".", points)):
        if count > 1:
            return text.replace(separator, "")
        if count == 1:
            whole, _, fraction = text.partition(separator)
            if len(fraction) == 3 and whole and whole != "0":
                return whole + fraction  # thousands: "7.500", "1,200"
            return f"{whole}.{fraction}"
    return text


def format_amount(value: float) -> str:
    """An amount as our own format writes it: ``15414794`` or ``1200000.5``."""
    return str(int(value)) if value.is_integer() else repr(value)


# Partners in one cell: one a line (the Danish list ends each but the last with "."), or separated by ";".
_PARTNER_BREAKS = re.compile(r"\s*(?:\r\n|\r|\n|;|\|)\s*")


def split_partners(text: str) -> list[str]:
    """The organisations named in one partner cell, in order, each once (first spelling kept)."""
    names: dict[str, str] = {}
    for part in _PARTNER_BREAKS.split(text):
        name = part.strip()
        if name.endswith(".") and not _ends_in_initials(name):
            name = name[:-1].rstrip()
        if name:
            names.setdefault(name.casefold(), name)
    return list(names.values())


def _ends_in_initials(name: str) -> bool:
    """``F.M.B.A.`` or ``S.C.``: the final point belongs to the name."""
    return bool(re.search(r"(?:^|[\s(])(?:\w\.){2,}$", name))


def split_items(text: str) -> list[str]:
    """Items of a location or category cell: separated by ";", "|" or line breaks."""
    return [item for item in (part.strip() for part in _PARTNER_BREAKS.split(text)) if item]


def one_line(text: str) -> str:
    """A cell made one list item: line breaks become spaces, ";" (our list separator) a comma."""
    if ";" not in text and "  " not in text and text.isprintable():
        return text  # the common case, fast
    return " ".join(text.replace(";", ",").split())


def one_lines(texts: list[str]) -> list[str]:
    """:func:`one_line` of each text; the whole list at once when no text needs a change (the usual case)."""
    joined = "\x00".join(texts)
    if ";" in joined or "  " in joined or not joined.replace("\x00", " ").isprintable():
        return list(map(one_line, texts))
    return texts


_TRANSLITERATE = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ß": "ss", "ð": "d", "þ": "th", "ł": "l", "đ": "d"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=1 << 16)
def slug(text: str, limit: int = 60) -> str:
    """A readable ASCII id: ``Væksthus Nordjylland`` -> ``vaeksthus-nordjylland``."""
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_TRANSLITERATE))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", ascii_text).strip("-")[:limit].rstrip("-") or "x"


def last_segment(identifier: str) -> str:
    """The last path segment of a URI-like identifier: ``https://.../operation/2014SE16RFOP001-123`` -> its id."""
    return identifier.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1].strip()
