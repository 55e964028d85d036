"""Write a catalogue to a file, all or nothing."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from stakeholders.catalogue.build import Catalogue, build_catalogue
from stakeholders.catalogue.page import render_html
from stakeholders.catalogue.text import render_csv, render_markdown
from stakeholders.catalogue.xlsx import render_xlsx
from stakeholders.csv_styles import CsvStyle
from stakeholders.errors import UsageError
from stakeholders.files import write_atomically
from stakeholders.model import Dataset

RENDERERS: dict[str, Callable[[Catalogue], bytes]] = {
    "xlsx": render_xlsx,
    "csv": render_csv,
    "md": render_markdown,
    "html": render_html,
}
FORMATS: tuple[str, ...] = tuple(RENDERERS)
SUFFIXES: dict[str, str] = {
    ".xlsx": "xlsx",
    ".csv": "csv",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
}


def catalogue_format(path: Path, fmt: str | None = None) -> str:
    """The format to write: ``fmt`` if given, else the one the file name ends with.

    Raises
    ------
    UsageError
        For an unknown format, a name whose ending tells no format, or a
        format that contradicts the ending (``--format csv -o x.xlsx``).
    """
    by_suffix = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        if by_suffix is None:
            raise UsageError(f"cannot tell the format from {path.name!r}; give --format {'|'.join(FORMATS)}")
        return by_suffix
    if fmt not in RENDERERS:
        raise UsageError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if by_suffix is not None and by_suffix != fmt:
        raise UsageError(f"{path.name!r} ends in {path.suffix} but the format is {fmt}; make them agree")
    return fmt


def render_catalogue(catalogue: Catalogue, fmt: str, csv_style: CsvStyle | None = None) -> bytes:
    """The catalogue as the bytes of ``fmt`` (CSV in ``csv_style``, by default as Excel opens it)."""
    if fmt == "csv" and csv_style is not None:
        return render_csv(catalogue, csv_style)
    return RENDERERS[fmt](catalogue)


def write_catalogue(
    catalogue: Catalogue, path: str | os.PathLike[str], fmt: str | None = None, csv_style: CsvStyle | None = None
) -> Path:
    """Render ``catalogue`` as ``fmt`` (xlsx, csv, md or html; default: from the file name) and write it.

    Parameters
    ----------
    catalogue : Catalogue
        From :func:`build_catalogue`.
    path : path-like
        The file to write (replaced if it exists, atomically).
    fmt : str, optional
        One of :data:`FORMATS`; by default the format of the file name's ending.
    csv_style : CsvStyle, optional
        How CSV is written (:mod:`stakeholders.csv_styles`); by default as Excel opens it.

    Returns
    -------
    Path
        The path written.
    """
    target = Path(path)
    data = render_catalogue(catalogue, catalogue_format(target, fmt), csv_style)
    return write_atomically(target, data)


def catalogue_file(
    dataset: Dataset,
    path: str | os.PathLike[str],
    *,
    by: str = "orientation",
    fmt: str | None = None,
    lang: str = "en",
    personal_data: bool = True,
    csv_style: CsvStyle | None = None,
) -> Path:
    """Build the catalogue of ``dataset`` and write it to ``path`` (what ``stakeholders catalogue`` does).

    See :func:`build_catalogue` for ``by``, ``lang`` and ``personal_data``
    and :func:`write_catalogue` for ``path`` and ``fmt``.
    """
    target = Path(path)
    fmt = catalogue_format(target, fmt)  # a wrong option fails before any work
    catalogue = build_catalogue(dataset, by=by, lang=lang, personal_data=personal_data)
    return write_catalogue(catalogue, target, fmt, csv_style)
