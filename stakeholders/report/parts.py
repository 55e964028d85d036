"""What every section of the report is built from: the page's inputs and small HTML helpers.

Every piece of user text goes through :func:`e` (HTML escaping).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from stakeholders.model import Dataset
from stakeholders.report.findings import Findings
from stakeholders.report.i18n import Lang, number, t
from stakeholders.safety import escape_html as e


@dataclass(frozen=True, slots=True)
class MapLink:
    title: str
    href: str  # relative to index.html


@dataclass(frozen=True, slots=True)
class Page:
    findings: Findings
    lang: Lang
    personal_data: bool
    maps: Sequence[MapLink]
    catalogue_html: str  # a fragment, already escaped by the catalogue module
    shown: int = 20  # rows per ranked list on the page


def table(headers: Iterable[str], rows: Iterable[Iterable[str]], css: str = "") -> str:
    """A table; headers are escaped here, cells must already be HTML."""
    head = "".join(f"<th>{e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def or_none(rows: list[list[str]], lang: Lang, headers: list[str]) -> str:
    return table(headers, rows) if rows else f"<p>{e(t('none', lang))}</p>"


def names(dataset: Dataset, table_name: str, ids: Iterable[str]) -> str:
    """The records' names, escaped and joined by commas (an unknown id as itself)."""
    records = getattr(dataset, table_name)
    return ", ".join(e(records[i].name if i in records else i) for i in ids)


def plain_names(dataset: Dataset, table_name: str, ids: Iterable[str]) -> str:
    """As :func:`names`, not escaped (for text that is escaped as a whole later)."""
    records = getattr(dataset, table_name)
    return ", ".join(records[i].name if i in records else i for i in ids)


def num(value: float | int | None, lang: Lang, decimals: int = 0) -> str:
    return f'<span class="num">{e(number(value, lang, decimals))}</span>'


def lead(text: str) -> str:
    """A section's opening sentence: what it means and what the coordinator could do."""
    return f'<p class="lead">{e(text)}</p>' if text else ""
