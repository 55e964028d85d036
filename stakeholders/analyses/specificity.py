"""How telling a shared value is: inverse frequency, as in TF-IDF.

Two records sharing a value that nearly every record carries (a programme's
one thematic objective, a county that every project names) says little;
sharing a value that only a handful carry says much. The specificity of a
value carried by ``df`` of ``n`` records is its inverse document frequency
scaled to [0, 1]:

    specificity(v) = ln(n / df(v)) / ln(n / 2)        (clipped to [0, 1])

1 for a value that only the two records of a pair carry, 0 for a value that
every record carries; with two records or fewer every value counts 1.

References
----------
K. Spärck Jones, "A statistical interpretation of term specificity and its
application in retrieval", Journal of Documentation 28 (1972) 11-21.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping


def specificity(frequency: int, total: int) -> float:
    """The specificity of a value carried by ``frequency`` of ``total`` records (formula above)."""
    if total <= 2 or frequency <= 2:
        return 1.0
    return min(1.0, max(0.0, math.log(total / frequency) / math.log(total / 2)))


def frequencies(values_of_records: Iterable[Iterable[str]]) -> Counter[str]:
    """How many records carry each value (a record counts once per value)."""
    counts: Counter[str] = Counter()
    for values in values_of_records:
        counts.update(set(values))
    return counts


def specificities(counts: Mapping[str, int], total: int) -> dict[str, float]:
    """The specificity of every counted value."""
    return {value: specificity(count, total) for value, count in counts.items()}


def inverse_frequency(frequency: int, total: int) -> float:
    """The smoothed inverse document frequency ``1 + ln((1 + n) / (1 + df))`` (scikit-learn's ``smooth_idf``).

    1 for a value every record carries, growing as fewer do; never 0, so a
    weight made of it keeps every shared value counted.
    """
    return 1.0 + math.log((1 + total) / (1 + frequency))
