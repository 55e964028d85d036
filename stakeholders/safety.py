"""Make user text safe where it lands: spreadsheets and HTML."""

from __future__ import annotations

import html

# OWASP's CSV-injection advice: a cell that starts with one of these may be
# run as a formula by Excel, LibreOffice or Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """Prefix text that a spreadsheet would run as a formula with ``'``.

    Text that already starts with ``'`` before a formula start gets one more, so that
    :func:`restore_cell` gives back exactly the text neutralised.
    """
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore_cell(text: str) -> str:
    """The text that :func:`neutralise_cell` was given: one ``'`` before a formula start dropped.

    The loader reads every cell through it, so a neutralised file (``stakeholders pull``) loads
    with the values it was written from.
    """
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS):
        return text[1:]
    return text


def escape_html(value: object) -> str:
    """Escape any value for HTML text and attribute values."""
    return html.escape("" if value is None else str(value), quote=True)
