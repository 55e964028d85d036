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


class _LetterTable(dict[int, str | None]):
    """What ``str.translate`` makes of each character: its primary sort letters, None (dropped), or
    ``_SEPARATOR``; worked out the first time a character is met."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        value: str | None
        if char in _AFTER_Z:
            value = _AFTER_Z[char]
        elif char in _AS_LETTER:
            value = _AS_LETTER[char]
        elif char.isalnum():
            base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
            value = base or char
            if value == " ":
                value = _SPACE  # a few letters decompose to a space and an accent: see _letters
        elif unicodedata.combining(char):
            value = None  # an accent without a precomposed letter: ignore it, like other accents
        else:
            value = _SEPARATOR
        self[code] = value
        return value


# Punctuation and spaces become _SEPARATOR, a letter that decomposes to a space becomes _SPACE (both are
# themselves punctuation, so never the value of a letter); then each run of separators becomes one space,
# except right after such a letter, which is a space already.
_SEPARATOR, _SPACE = "\x00", "\x01"
_SEPARATORS = re.compile(_SEPARATOR + "+")
_SPACE_SEPARATORS = re.compile(_SPACE + _SEPARATOR + "+")
_LETTERS = _LetterTable()


def _letters(folded: str) -> str:
    """Case-folded text mapped to primary sort letters; punctuation becomes one space.

    One ``str.translate`` with a table of the characters met so far, rather than a loop over the
    characters: the catalogue sorts hundreds of thousands of names and project titles.
    """
    mapped = folded.translate(_LETTERS)
    if _SPACE in mapped:
        mapped = _SPACE_SEPARATORS.sub(_SPACE, mapped)
        return _SEPARATORS.sub(" ", mapped).replace(_SPACE, " ").strip()
    return _SEPARATORS.sub(" ", mapped).strip()


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
