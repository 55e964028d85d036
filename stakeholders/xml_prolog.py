"""Refuse XML parts of a workbook that declare a DTD, whichever parser reads them afterwards (issue 20).

openpyxl parses a workbook's parts with defusedxml, except where lxml is installed: then its
``fromstring`` (``xl/workbook.xml``, the relationships, the styles) is lxml's, which expands internal
entities. A workbook has no use for a document type declaration, so one in any part is refused before
openpyxl sees the file. Only each part's prolog is read: defusedxml's iterparse stops at the first element.
"""

from __future__ import annotations

import zipfile

from defusedxml.ElementTree import iterparse

_XML_PARTS = (".xml", ".rels", ".vml")


def declares_a_dtd(archive: zipfile.ZipFile) -> str | None:
    """The name of the first XML part whose prolog declares a DTD (or is no XML at all), else None."""
    for part in archive.infolist():
        if not part.filename.lower().endswith(_XML_PARTS):
            continue
        with archive.open(part) as stream:
            head = stream.read(1 << 16)
        if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
            return part.filename
        with archive.open(part) as stream:
            try:
                for _ in iterparse(stream, events=("start",), forbid_dtd=True):
                    break  # the prolog, DTD included, comes before the first element
            except ValueError:  # defusedxml's DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
                return part.filename
            except SyntaxError:  # a parse error: openpyxl says so itself
                continue
    return None
