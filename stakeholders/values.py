"""Parse cell text into typed values: numbers as Swedes write them, dates, lists.

Each parser returns the value or raises :class:`ValueProblem` with a hint.
"""

from __future__ import annotations

import datetime as dt
import re

from stakeholders.schema import (
    LIST_SEPARATOR,
    OCCUPATION_CODE_DIGITS,
    OUTLOOK_SCALE_MAX,
    OUTLOOK_SCALE_MIN,
    OUTLOOK_WORDS,
    SECTOR_WORDS,
    STRENGTH_MAX,
    STRENGTH_MIN,
    Sector,
)


class ValueProblem(ValueError):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class ValueNote(Exception):
    """The text was read as ``value``, but not quite as written: the loader keeps the value and warns."""

    def __init__(self, value: object, message: str, hint: str) -> None:
        super().__init__(message)
        self.value = value
        self.message = message
        self.hint = hint


_CURRENCY = re.compile(r"\s*(kr|kronor|sek|:-|€|eur)\.?\s*$", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_MINUS = "\u2212"  # the minus sign Excel may export
# The largest number a cell may hold: every number is finite, exact as a float up to this size
# (below 2**53), and a JSON number every reader takes (docs/reliability.md).
MAX_NUMBER = 10**15


def parse_list(text: str) -> tuple[str, ...]:
    """Split a ``;`` list, dropping empty items and spaces around items."""
    if LIST_SEPARATOR not in text:
        stripped = text.strip()
        return (stripped,) if stripped else ()
    return tuple(filter(None, map(str.strip, text.split(LIST_SEPARATOR))))  # C-level: no frame per list


def parse_number(text: str) -> float:
    """A non-negative number: ``200 000``, ``1 500,50``, ``200000 kr``, ``1,500.50``."""
    if text.isascii() and text.isdigit():
        number = float(text)  # the common case, fast
        if number > MAX_NUMBER:
            raise _too_large()
        return number
    cleaned = _SPACES.sub("", _CURRENCY.sub("", text)).replace(_MINUS, "-")
    if not cleaned.isdigit():
        cleaned = _normalise_separators(cleaned)
    if not _NUMBER.fullmatch(cleaned):
        raise ValueProblem("not a number", "Write a number such as 200000, 200 000 or 1 500,50")
    number = float(cleaned)
    if number < 0:
        raise ValueProblem("a negative number", "Amounts, sizes and counts cannot be negative")
    if number > MAX_NUMBER:
        raise _too_large()
    return number


def _too_large() -> ValueProblem:
    return ValueProblem("a number too large", f"Numbers may be at most {MAX_NUMBER:_} (10^15)".replace("_", " "))


def _normalise_separators(text: str) -> str:
    """Make "." the decimal point: the last of "," and "." is decimal, a repeated one groups thousands."""
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        return text.replace(thousands, "").replace(decimal, ".")
    for separator in ",.":
        if text.count(separator) > 1:
            return text.replace(separator, "")
    return text.replace(",", ".")


def parse_integer(text: str) -> int:
    number = parse_number(text)
    if not number.is_integer():
        raise ValueProblem("not a whole number", "Write a whole number such as 1200 or 1 200")
    return int(number)


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YEAR = re.compile(r"[0-9]{4}")
# A date-time as a workbook cell reads (tables.cell_text: "2008-03-01 10:30:00") and as Excel and LibreOffice
# write it to CSV ("2008-03-01 10:30", "2008-03-01T10:30:00").
_DATE_TIME = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})[ T]([0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)")
_MIDNIGHT = re.compile(r"0?0:00(:00(\.0+)?)?")


def parse_date(text: str) -> dt.date:
    """A date ``YYYY-MM-DD``; a date-time at midnight is its date, with another time the date with a
    :class:`ValueNote` (a date column holds no time of day)."""
    stripped = text.strip()
    try:
        if _DATE.fullmatch(stripped):
            return dt.date.fromisoformat(stripped)
        date_time = _DATE_TIME.fullmatch(stripped)
        if date_time is not None:
            date = dt.date.fromisoformat(date_time[1])
            hour, minute, *second = date_time[2].split(":")
            dt.time(int(hour), int(minute), int(float(second[0])) if second else 0)  # refuses 25:00 (ValueError)
            if _MIDNIGHT.fullmatch(date_time[2]):
                return date
            raise ValueNote(date, "a date with a time of day: the time was left out", _DATE_ONLY)
    except ValueError:
        pass
    raise ValueProblem("not a date", "Write dates as YYYY-MM-DD, e.g. 2008-03-01")


_DATE_ONLY = "Dates hold no time of day here; write the date only (YYYY-MM-DD) or format the cell as a date"


def parse_date_or_year(text: str) -> str:
    stripped = text.strip()
    if _YEAR.fullmatch(stripped):
        return stripped
    try:
        return parse_date(stripped).isoformat()
    except ValueNote as note:
        raise ValueNote(str(note.value), note.message, note.hint) from None  # (a date: its ISO form)
    except ValueProblem:
        raise ValueProblem("not a date or a year", "Write a year (2008) or a date (2008-03-01)") from None


def parse_sector(text: str) -> Sector:
    try:
        return SECTOR_WORDS[text.strip().lower()]
    except KeyError:
        raise ValueProblem(
            "unknown sector",
            "Use public, private, civil or academic (offentlig, privat, ideell or akademisk), or leave it empty",
        ) from None


def parse_strength(text: str) -> int:
    try:
        strength = parse_integer(text)
    except ValueProblem:
        strength = -1
    if not STRENGTH_MIN <= strength <= STRENGTH_MAX:
        raise ValueProblem(
            f"strength must be a whole number from {STRENGTH_MIN} to {STRENGTH_MAX}",
            "Use 1 (weak), 2 or 3 (strong); empty means 1",
        )
    return strength


SSYK_SOURCE = (
    "https://www.scb.se/dokumentation/klassifikationer-och-standarder/standard-for-svensk-yrkesklassificering-ssyk/"
)


def parse_occupation_code(text: str) -> str:
    """An SSYK 2012 unit-group code: exactly four digits (``5321``), kept as text (``0110`` keeps its zero)."""
    stripped = text.strip()
    if len(stripped) == OCCUPATION_CODE_DIGITS and stripped.isascii() and stripped.isdigit():
        return stripped
    raise ValueProblem(
        f"not an SSYK 2012 code ({OCCUPATION_CODE_DIGITS} digits)",
        "Write the occupation's 4-digit SSYK 2012 unit-group code, e.g. 5321; SCB publishes the table at "
        + SSYK_SOURCE,
    )


def parse_outlook(text: str) -> str:
    """A forecast's outlook: ``shortage``, ``balance`` or ``surplus`` (or the Swedish words), or 1-5 as text."""
    stripped = text.strip().lower()
    word = OUTLOOK_WORDS.get(stripped)
    if word is not None:
        return word.value
    if stripped.isascii() and stripped.isdigit() and OUTLOOK_SCALE_MIN <= int(stripped) <= OUTLOOK_SCALE_MAX:
        return str(int(stripped))
    raise ValueProblem(
        "unknown outlook",
        f"Use shortage, balance or surplus (brist, balans, överskott), or the forecast's scale "
        f"{OUTLOOK_SCALE_MIN}-{OUTLOOK_SCALE_MAX} (5 = the largest shortage)",
    )
