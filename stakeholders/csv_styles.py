"""CSV the way its reader opens it: Excel with Swedish settings, Excel elsewhere, or plain RFC 4180 for scripts.

Excel reads a CSV file as UTF-8 only when it starts with a byte order mark, and splits it at the list separator
of the computer's regional settings: ``;`` in Sweden (where the decimal separator is the comma), ``,`` in most
English settings. Scripts want neither the mark nor local number formats.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from stakeholders.errors import UsageError
from stakeholders.safety import neutralise_cell

CSV_STYLE_VARIABLE = "STAKEHOLDERS_CSV"
BOM = "\ufeff"


class CsvStyle(StrEnum):
    """The ``--csv`` styles."""

    EXCEL_SV = "excel-sv"  # UTF-8 with BOM, ";", decimal comma, ja/nej
    EXCEL = "excel"  # UTF-8 with BOM, ",", decimal point, true/false
    RFC4180 = "rfc4180"  # plain UTF-8, ",", decimal point, true/false


@dataclass(frozen=True, slots=True)
class _Rules:
    bom: bool
    delimiter: str
    decimal: str
    true: str
    false: str


_RULES = {
    CsvStyle.EXCEL_SV: _Rules(True, ";", ",", "ja", "nej"),
    CsvStyle.EXCEL: _Rules(True, ",", ".", "true", "false"),
    CsvStyle.RFC4180: _Rules(False, ",", ".", "true", "false"),
}


def csv_style(chosen: str | None, default: CsvStyle = CsvStyle.RFC4180) -> CsvStyle:
    """The style ``chosen`` (``--csv``), else the one in :data:`CSV_STYLE_VARIABLE`, else ``default``.

    Raises :class:`UsageError` for an unknown style.
    """
    name = chosen or os.environ.get(CSV_STYLE_VARIABLE, "").strip()
    if not name:
        return default
    try:
        return CsvStyle(name.lower())
    except ValueError:
        source = "--csv" if chosen else CSV_STYLE_VARIABLE
        styles = ", ".join(style.value for style in CsvStyle)
        raise UsageError(f"{source}: unknown CSV style {name!r}; use one of {styles}") from None


def csv_cell(value: object, style: CsvStyle) -> str:
    """A value as the style writes it; text that a spreadsheet would run as a formula is neutralised
    (numbers are not text: -0,5 stays a number)."""
    text = _plain(value, _RULES[style])
    return str(neutralise_cell(text)) if isinstance(value, str | list | tuple) else text


def _plain(value: object, rules: _Rules) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return rules.true if value else rules.false
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
        return text.replace(".", rules.decimal)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(_plain(item, rules) for item in value)
    return str(value)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]], style: CsvStyle) -> str:
    """The table as CSV text in ``style`` (CRLF line ends, as RFC 4180 and Excel have them)."""
    rules = _RULES[style]
    buffer = io.StringIO()
    if rules.bom:
        buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=rules.delimiter, lineterminator="\r\n")
    writer.writerow([csv_cell(name, style) for name in header])
    for row in rows:
        writer.writerow([csv_cell(value, style) for value in row])
    return buffer.getvalue()
