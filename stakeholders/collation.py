"""Swedish alphabetical order, as a sort key for names and headings.

Swedish sorts the letters å, ä and ö after z, in that order (SAOL, the
Swedish Academy's word list; SS 637003). Letters with other accents sort
with their base letter (é as e, à as a), as Swedish dictionaries do; ü sorts
as y, æ as ä and ø as ö. Case and accents only break ties. Runs of digits
compare as numbers, so "Etapp 2" comes before "Etapp 10", and digits before
letters. Punctuation and runs of spaces count as one space, so "Umeå kommun"
comes before "Umeåregionen".

Use it as ``sorted(names, key=swedish_key)``; the report, the maps and the
catalogue share it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

__all__ = ["swedish_key", "swedish_sorted"]

# Letters sorted as their own letters after z; "{", "|" and "}" follow "z" in
# code point order, so a plain string comparison puts them in place.
_AFTER_Z = {"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"}
# Letters that Swedish sorts as another letter.
_AS_LETTER = {"ü": "y", "ð": "d", "þ": "th", "ł": "l", "đ": "d", "ı": "i", "ß": "ss"}
_TOKENS = re.compile(r"\d+|\D+")

# At the same position a number sorts before text.
_NUMBER, _TEXT = 0, 1

Token = tuple[int, int, str]
T = TypeVar("T")


def _letters(folded: str) -> str:
    """Case-folded text mapped to primary sort letters; punctuation becomes one space."""
    out: list[str] = []
    for char in folded:
        if char in _AFTER_Z:
            out.append(_AFTER_Z[char])
        elif char in _AS_LETTER:
            out.append(_AS_LETTER[char])
        elif char.isalnum():
            base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
            out.append(base or char)
        elif unicodedata.combining(char):
            continue  # an accent without a precomposed letter: ignore it, like other accents
        elif out and out[-1] != " ":
            out.append(" ")
    return "".join(out).strip()


def _tokens(letters: str) -> tuple[Token, ...]:
    return tuple(
        (_NUMBER, int(part), "") if part.isdecimal() else (_TEXT, 0, part) for part in _TOKENS.findall(letters)
    )


def swedish_key(text: object) -> tuple[tuple[Token, ...], str, str]:
    """A sort key that puts ``text`` in Swedish alphabetical order.

    Parameters
    ----------
    text : object
        The text to sort by; ``None`` sorts as the empty string, other values
        by their ``str``.

    Returns
    -------
    tuple
        ``(letters, accents, original)``: the primary key (letters mapped to
        their Swedish sort order, case and accents ignored, digit runs as
        numbers, punctuation as a space), then the case-folded text so
        accents break ties ("e" before "é"), then the text itself, so the
        order is total and stable across runs.

    Examples
    --------
    >>> sorted(["Överkalix", "Älvsbyn", "Ystad", "Åsele", "Umeå"], key=swedish_key)
    ['Umeå', 'Ystad', 'Åsele', 'Älvsbyn', 'Överkalix']
    >>> sorted(["Etapp 10", "etapp 2", "Étapp 3"], key=swedish_key)
    ['etapp 2', 'Étapp 3', 'Etapp 10']
    """
    original = "" if text is None else str(text)
    folded = unicodedata.normalize("NFC", original).casefold()
    return _tokens(_letters(folded)), folded, original


def swedish_sorted(items: Iterable[T], key: Callable[[T], object] | None = None) -> list[T]:
    """``items`` in Swedish alphabetical order of ``key(item)`` (default: the item itself).

    Parameters
    ----------
    items : iterable
        What to sort.
    key : callable, optional
        Gives the text to sort an item by.

    Returns
    -------
    list
        The items in Swedish alphabetical order (a stable sort).
    """
    if key is None:
        return sorted(items, key=swedish_key)
    text_of = key
    return sorted(items, key=lambda item: swedish_key(text_of(item)))
