"""Organisation names: which spellings certainly denote one organisation, and which only probably do.

:func:`organisation_key` gives a key that is equal for names that certainly denote one organisation
("Länsstyrelsen i Skåne", "LÄNSSTYRELSEN I SKÅNE LÄN", "Länsstyrelsen Skåne län"; "Energikontor Syd" and
"Energikontor Syd AB"): case, whitespace, punctuation, legal-form suffixes and the filler words "i" and "län"
do not count. Place names always count, so "Länsstyrelsen i Kalmar län" keeps a key of its own.

:func:`merge_suggestions` finds the likely but uncertain pairs among names whose keys differ (a typo, an
inflection, accents, a unit's name around the organisation's), scored with rapidfuzz. Pairs that only differ in
one word of a place pattern ("Region Västerbotten" / "Region Norrbotten", "Umeå kommun" / "Vännäs kommun") are
never suggested.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

ORG_NUMBER_PREFIX = "org:"

# Legal forms, as the words they become after punctuation is dropped ("A/S" -> "as", "ek. för." -> "ek för").
# Sources: Bolagsverket (AB, HB, KB, ek. för.), Erhvervsstyrelsen (A/S, ApS, I/S, IVS, K/S, P/S, S/I, A.m.b.a.),
# PRH Finland (Oy, Oyj, Ab, Ky), Brønnøysund (AS, ASA, ANS, DA, SA), UK/DE/NL/FR/IT forms.
_LEGAL_FORMS: tuple[tuple[str, ...], ...] = tuple(
    tuple(form.split())
    for form in (
        "ab",
        "abp",
        "publ",
        "aktiebolag",
        "aktiebolaget",
        "hb",
        "handelsbolag",
        "kb",
        "kommanditbolag",
        "ek för",
        "ekför",
        "ekonomisk förening",
        "ek",
        "as",
        "asa",
        "ans",
        "aps",
        "is",
        "ivs",
        "ks",
        "ps",
        "amba",
        "fmba",
        "smba",
        "si",
        "oy",
        "oyj",
        "ky",
        "ltd",
        "limited",
        "plc",
        "llc",
        "inc",
        "gmbh",
        "ggmbh",
        "ag",
        "ev",
        "bv",
        "nv",
        "sa",
        "sarl",
        "sas",
        "srl",
        "spa",
    )
)
_LONGEST_FORM = max(map(len, _LEGAL_FORMS))
_LEGAL_FORM_SET = frozenset(_LEGAL_FORMS)
# Forms Swedes and Finns also put first ("AB Volvo", "Oy Yritys Ab").
_LEADING_FORMS = frozenset({"ab", "oy", "aktiebolaget"})
# Words dropped anywhere: Swedish/Danish "i" (in) and Swedish "län" (county): "Länsstyrelsen i Skåne län" is
# "Länsstyrelsen Skåne", and "Länsstyrelsen i Västerbottens län" (genitive) "Länsstyrelsen Västerbotten".
# The county's own name is kept, so different counties stay apart.
_FILLER = frozenset({"i", "län"})
# Conjunctions that are one word whatever the language ("Skov & Natur" = "Skov og Natur").
_AND = frozenset({"&", "och", "og", "and", "und"})
# Words of organisations that exist once per place: two names that share one and differ in their other words
# are different places (different organisations), not spellings of one.
PLACE_PATTERN_WORDS = frozenset(
    {
        "länsstyrelsen",
        "länsstyrelse",
        "region",
        "regionen",
        "regionförbundet",
        "regionsförbundet",
        "landsting",
        "landstinget",
        "kommun",
        "kommune",
        "kommunes",
        "kommunen",
        "kommunförbund",
        "stad",
        "staden",
        "stift",
        "county",
        "municipality",
        "council",
        "city",
        "amt",
        "amtskommune",
        "kunta",
        "kaupunki",
        "maakunnan",
        "liitto",
        "fylkeskommune",
        "fylke",
        "landskap",
        "gemeinde",
        "landkreis",
        "kreis",
        "provincia",
        "comune",
        "ayuntamiento",
        "gmina",
        "powiat",
        "departement",
        "commune",
        "ville",
    }
)

_JOIN_INITIALS = re.compile(r"(?<!\w)(\w)[./](?=\w(?!\w))")  # "a/s" -> "as", "a.m.b.a." -> "amba."
_WORDS = re.compile(r"\w+|&")


@dataclass(frozen=True)
class MergeSuggestion:
    """Two records whose names probably, but not certainly, denote one organisation."""

    id: str
    name: str
    candidate_id: str
    candidate_name: str
    similarity: float
    reason: str

    def to_row(self) -> dict[str, str]:
        """The suggestion as a row of ``merge-suggestions.csv``."""
        return {
            "id": self.id,
            "name": self.name,
            "candidate_id": self.candidate_id,
            "candidate_name": self.candidate_name,
            "similarity": f"{self.similarity:.2f}",
            "reason": self.reason,
        }


MERGE_SUGGESTION_COLUMNS = ("id", "name", "candidate_id", "candidate_name", "similarity", "reason")


def organisation_key(name: str, org_number: str = "") -> str:
    """A key that is equal for names that certainly denote one organisation.

    Parameters
    ----------
    name
        The organisation's name as written.
    org_number
        Its organisation number (any punctuation), if known. When it holds digits, the key is
        ``"org:"`` and those digits, whatever the name.

    Returns
    -------
    str
        The casefolded words of the name without punctuation, legal-form suffixes (AB, A/S, ApS, Oy, GmbH, ...)
        and the filler words "i" and "län"; "&", "och", "og" and "and" become "&". A name that is nothing but
        a legal form keeps its words.

    Examples
    --------
    >>> organisation_key("LÄNSSTYRELSEN I SKÅNE LÄN") == organisation_key("Länsstyrelsen Skåne")
    True
    >>> organisation_key("Energikontor Syd AB")
    'energikontor syd'
    >>> organisation_key("Acme", "556123-4567")
    'org:5561234567'
    """
    digits = "".join(character for character in org_number if character.isdigit())
    if digits:
        return ORG_NUMBER_PREFIX + digits
    words = _words(name)
    if "län" in words:  # "Västerbottens län" is the county of Västerbotten: the genitive s goes with "län"
        words = [_county(word) if after == "län" else word for word, after in zip(words, [*words[1:], ""], strict=True)]
    core = _strip_legal_forms([word for word in words if word not in _FILLER])
    return " ".join(core or words)


def _county(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _words(name: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", name).casefold()
    folded = _JOIN_INITIALS.sub(r"\1", _JOIN_INITIALS.sub(r"\1", folded))
    return ["&" if word in _AND else word for word in _WORDS.findall(folded.replace("_", " "))]


def _strip_legal_forms(words: list[str]) -> list[str]:
    """``words`` without trailing legal forms (repeatedly) and a leading "AB"/"Oy"; never all of them."""
    end = len(words)
    changed = True
    while changed:
        changed = False
        for size in range(min(_LONGEST_FORM, end - 1), 0, -1):
            if tuple(words[end - size : end]) in _LEGAL_FORM_SET:
                end -= size
                changed = True
                break
    start = 1 if end > 1 and words[0] in _LEADING_FORMS else 0
    return words[start:end]


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(character for character in decomposed if not unicodedata.combining(character))


_BLOCK_PREFIX = 4  # names are compared when they share a word's first characters ("högskola" ~ "högskolan")
_MAX_BLOCK = 300  # a word prefix more names share than this is too common to pair on ("komm", "regi")
_BEST = 4  # candidates judged per name and block
_SIMILAR_WORD = 80.0  # two words this similar (rapidfuzz ratio) are one word misspelt or inflected
_TYPO_IN_PLACE = 90.0  # ... and this similar where a place pattern makes a different word a different place


def merge_suggestions(names: Mapping[str, str], *, threshold: float = 0.85) -> list[MergeSuggestion]:
    """Likely but uncertain pairs of one organisation among ``names``, strongest first.

    Parameters
    ----------
    names
        Record id -> name, for records whose :func:`organisation_key` differ (records with equal keys are
        one organisation already and are not paired).
    threshold
        The least similarity (0-1, rapidfuzz's token set ratio of the keys without accents) of a suggestion.

    Returns
    -------
    list of MergeSuggestion
        Each pair once (``id`` is the record that comes first in ``names``), by similarity, strongest first.
        Pairs that only differ in words of a place pattern ("Region Västerbotten" / "Region Norrbotten") and
        pairs that differ in one dissimilar word each ("Energikontor Syd" / "Energikontor Norr") are left out.

    Notes
    -----
    Names are compared in blocks that share a word's first four characters, each block with
    ``rapidfuzz.process.cdist`` and a score cutoff, so large inputs never make all pairs in Python; each name
    keeps its four best candidates per block. A prefix that more than 300 names share (a word most names
    hold) and words with digits make no block.
    """
    ids = list(names)
    keys = [organisation_key(names[record_id]) for record_id in ids]
    plain = [_without_accents(key) for key in keys]
    cutoff = threshold * 100
    blocks: dict[str, list[int]] = {}
    for index, key in enumerate(plain):
        for word in set(key.split()):
            if len(word) > 1 and word.isalpha():  # numbers and "&" pair nothing
                blocks.setdefault(word[:_BLOCK_PREFIX], []).append(index)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) < 2 or len(members) > _MAX_BLOCK:
            continue
        texts = [plain[index] for index in members]
        scores = process.cdist(
            texts, texts, scorer=fuzz.token_set_ratio, score_cutoff=cutoff, dtype=np.uint8, workers=-1
        )
        np.fill_diagonal(scores, 0)
        if len(members) > _BEST:  # each name's best candidates only: a crowd of look-alikes stays cheap
            best = np.argpartition(scores, -_BEST, axis=1)[:, -_BEST:]
            rows = np.repeat(np.arange(len(members)), _BEST)
            columns = best.ravel()
            keep = scores[rows, columns] > 0
            found = zip(rows[keep], columns[keep], strict=True)
        else:
            found = zip(*scores.nonzero(), strict=True)
        for row, column in found:
            first, second = sorted((members[row], members[column]))
            if first != second and keys[first] != keys[second]:
                pairs.add((first, second))
    suggestions = []
    for first, second in pairs:
        judged = _judge(keys[first], keys[second], plain[first], plain[second])
        if judged is not None and judged[0] >= threshold:
            similarity, reason = judged
            suggestions.append(
                MergeSuggestion(ids[first], names[ids[first]], ids[second], names[ids[second]], similarity, reason)
            )
    order = {record_id: index for index, record_id in enumerate(ids)}
    suggestions.sort(key=lambda s: (-s.similarity, order[s.id], order[s.candidate_id]))
    return suggestions


def _judge(key: str, other: str, plain: str, other_plain: str) -> tuple[float, str] | None:
    """The similarity of two keys and the reason in words, or None when they are not one organisation."""
    if plain == other_plain:
        return 0.99, "same words except accents"
    words, other_words = set(plain.split()), set(other_plain.split())
    only, other_only = words - other_words, other_words - words
    similarity = round(fuzz.token_set_ratio(plain, other_plain) / 100, 4)
    if not only or not other_only:
        extra = " ".join(sorted(only or other_only))
        shared = words & other_words
        if shared <= PLACE_PATTERN_WORDS:
            return None  # "Region" / "Region Norrbotten": the pattern alone names no organisation
        return min(similarity, 0.95), f"all words of one name are in the other (extra: {extra})"
    place = bool((words & other_words) & PLACE_PATTERN_WORDS)
    needed = _TYPO_IN_PLACE if place else _SIMILAR_WORD
    unmatched = [word for word in only if not any(_similar(word, o, needed) for o in other_only)]
    unmatched += [word for word in other_only if not any(_similar(word, o, needed) for o in only)]
    if unmatched:
        return None  # a different word: a different place ("Skåne" / "Kalmar") or organisation ("Syd" / "Norr")
    if len(only) == 1 and len(other_only) == 1:
        shown = set(key.split()) - set(other.split()), set(other.split()) - set(key.split())
        word, other_word = (min(shown[0]), min(shown[1])) if all(shown) else (min(only), min(other_only))
        return similarity, f"same words except '{word}' / '{other_word}' (a typo or inflection)"
    return similarity, f"token set similarity {similarity:.2f}"


def _similar(word: str, other: str, needed: float) -> bool:
    """One word misspelt or inflected; words with digits must be equal ("Kontor 2" is not "Kontor 3")."""
    if any(character.isdigit() for character in word + other):
        return False
    return fuzz.ratio(word, other) >= needed
