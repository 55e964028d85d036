"""vis-network's standalone build, and the page conventions of pyvis that the maps keep.

vis-network 9.1.2 (dual Apache-2.0/MIT) is a resource of this package
(``stakeholders/vendor/vis-network/``, with its licences, version and checksum
in its README): the same file that pyvis 0.3.2 ships in its wheel, which has
no public way to reach it. The map inlines it, so the page works offline.

pyvis itself is not used (nor a dependency): its template loads Bootstrap from
a CDN even with ``cdn_resources="in_line"``, writes node titles into
``innerHTML``, writes files in the platform encoding and its ``add_node`` is
linear per call; ``import pyvis`` imports IPython (about 0.9 s, half the time
budget of a 5,000-node map). The page keeps pyvis's conventions so that
scripts written for pyvis pages work: a ``#mynetwork`` container, a
``drawGraph()`` function and the page-level ``network``, ``nodes``, ``edges``,
``data`` and ``options`` variables (``nodes`` and ``edges`` are the vis
DataSets, also reachable as ``network.body.data``).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from stakeholders.errors import StakeholdersError

VIS_VERSION = "9.1.2"
CONTAINER_ID = "mynetwork"
PAGE_GLOBALS = ("nodes", "edges", "network", "container", "options", "data")
_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S*\s*$")
_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)
VENDOR = Path(__file__).resolve().parent.parent / "vendor" / "vis-network"


def vis_network_path() -> Path:
    """vis-network's standalone build, a resource of this package."""
    path = VENDOR / "vis-network.min.js"
    if not path.is_file():
        raise StakeholdersError(f"vis-network {VIS_VERSION} not found at {path}; reinstall stakeholders")
    return path


@functools.cache
def vis_network_js() -> str:
    """The vis-network script, ready to inline in a ``<script>`` element.

    The source-map comment is dropped (a browser's developer tools would
    fetch the map from the network) and ``</script`` cannot end the element.
    """
    text = vis_network_path().read_text(encoding="utf-8")
    return inline_script(_SOURCE_MAP.sub("", text))


@functools.cache
def vis_network_file() -> str:
    """The vis-network script as a file of its own (without the source-map comment)."""
    return _SOURCE_MAP.sub("", vis_network_path().read_text(encoding="utf-8"))


def inline_script(text: str) -> str:
    """Script text that cannot close its ``<script>`` element early."""
    return _SCRIPT_END.sub(r"<\\/\1", text)
