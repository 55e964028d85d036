"""The names this module had before the exports became a package: see :mod:`stakeholders.exports`.

Kept so that code written against ``stakeholders.export`` (branches begun before issue 16) still
imports; new code imports from :mod:`stakeholders.exports`.
"""

from stakeholders.exports import FORMATS, ExportSummary, choose_format, export_bytes, export_graph
from stakeholders.exports import node_link_data as node_link
from stakeholders.exports.common import remove_email_addresses

__all__ = [
    "FORMATS",
    "ExportSummary",
    "choose_format",
    "export_bytes",
    "export_graph",
    "node_link",
    "remove_email_addresses",
]
