"""The actor catalogue by orientation (or municipality, target group, sector, type).

:func:`build_catalogue` groups the actors (pure, a :class:`Catalogue`);
:func:`write_catalogue` writes it as xlsx, csv, md or html, atomically;
:func:`catalogue_file` does both, as the ``stakeholders catalogue`` command.
"""

from stakeholders.catalogue.build import Catalogue, CatalogueGroup, CatalogueRow, build_catalogue, project_text
from stakeholders.catalogue.labels import COLUMNS, GROUPINGS, LANGS
from stakeholders.catalogue.output import FORMATS, catalogue_file, catalogue_format, write_catalogue
from stakeholders.catalogue.xlsx import sheet_names

__all__ = [
    "COLUMNS",
    "FORMATS",
    "GROUPINGS",
    "LANGS",
    "Catalogue",
    "CatalogueGroup",
    "CatalogueRow",
    "build_catalogue",
    "catalogue_file",
    "catalogue_format",
    "project_text",
    "sheet_names",
    "write_catalogue",
]
