"""Read the needed columns of a big UTF-8 list with pandas' C parser (a fast path; None when it cannot)."""

from __future__ import annotations

import codecs
import csv
import io
import warnings
from collections.abc import Callable, Sequence

from stakeholders.tables import sniff_delimiter

FAST_BYTES = 1 << 20  # smaller files take the usual way (tables.parse_csv), which is quick enough for them
_HEAD = 1 << 16


def header_of(data: bytes) -> tuple[list[str], str] | None:
    """The header cells (as written) and the delimiter of a UTF-8 file, from its start; None if unsure."""
    try:
        head = codecs.getincrementaldecoder("utf-8-sig")().decode(data[:_HEAD])
    except UnicodeDecodeError:
        return None
    delimiter = sniff_delimiter(head)
    records = csv.reader(io.StringIO(head, newline=""), delimiter=delimiter)
    try:
        header = next(records)
        next(records)  # the header must end within the start
    except (StopIteration, csv.Error):
        return None
    return [cell.strip() for cell in header], delimiter


def read_columns(
    data: bytes, choose: Callable[[list[str]], Sequence[str]]
) -> tuple[list[str], list[int], dict[str, list[str]]] | None:
    """The header, the row numbers (header = 1) and the chosen columns (stripped) of a big UTF-8 CSV.

    ``choose`` gets the header and returns the headers to read (it may raise, e.g. for an unknown layout).
    Rows empty in every chosen column are dropped (their numbers still count). None when the file is small,
    not UTF-8, or anything looks unusual (then the usual way reads it and reports what is wrong).
    """
    if len(data) < FAST_BYTES or data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        return None
    found = header_of(data)
    if found is None:
        return None
    header, delimiter = found
    if len(set(header)) != len(header) or not all(header):
        return None
    wanted = list(dict.fromkeys(choose(header)))
    positions = [header.index(name) for name in wanted]
    try:
        import pandas as pd

        with warnings.catch_warnings():
            warnings.simplefilter("error")
            frame = pd.read_csv(
                io.BytesIO(data),
                encoding="utf-8-sig",
                sep=delimiter,
                header=0,
                usecols=positions,
                dtype=str,
                na_filter=False,
                keep_default_na=False,
                skip_blank_lines=False,
                engine="c",
                index_col=False,
            )
    except (ValueError, Warning, ImportError, UnicodeDecodeError):
        return None
    order = sorted(range(len(wanted)), key=positions.__getitem__)  # pandas keeps the file's order of columns
    blank = (frame == "").all(axis=1).to_numpy() if len(wanted) else None
    columns = {wanted[i]: list(map(str.strip, frame.iloc[:, j].tolist())) for j, i in enumerate(order)}
    count = len(frame)
    numbers = list(range(2, count + 2))
    if blank is not None and blank.any():
        keep = [k for k in range(count) if not blank[k]]
        numbers = [numbers[k] for k in keep]
        columns = {name: [column[k] for k in keep] for name, column in columns.items()}
    return header, numbers, columns
