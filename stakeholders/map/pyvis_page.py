"""All that the maps take from pyvis: vis-network's standalone build and pyvis's page conventions.

pyvis 0.3.2 ships vis-network 9.1.2 (dual Apache-2.0/MIT) inside its wheel;
the map inlines that file, read from the installed package at run time, so
the page works offline and nothing is copied into this repository.

pyvis's own HTML is not used: its template loads Bootstrap from a CDN even
with ``cdn_resources="in_line"``, writes node titles into ``innerHTML``,
writes files in the platform encoding and its ``add_node`` is linear per
call. Its ``Network`` object is not used either: ``import pyvis`` imports
IPython (about 0.9 s, half the time budget of a 5,000-node map) and the
options it manages are a plain dict here. The page keeps pyvis's
conventions so that scripts written for pyvis pages work: a ``#mynetwork``
container, a ``drawGraph()`` function and the page-level ``network``,
``nodes``, ``edges``, ``data`` and ``options`` variables (``nodes`` and
``edges`` are the vis DataSets, also reachable as ``network.body.data``).

The package is located with :func:`importlib.util.find_spec`, which does not
run pyvis's ``__init__``.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path

from stakeholders.errors import StakeholdersError

VIS_VERSION = "9.1.2"
CONTAINER_ID = "mynetwork"
PAGE_GLOBALS = ("nodes", "edges", "network", "container", "options", "data")
_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S*\s*$")
_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)


def pyvis_directory() -> Path:
    """The installed pyvis package's folder (found without importing pyvis)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise StakeholdersError("pyvis is not installed; the maps need it: pip install 'pyvis>=0.3.2'")
    return Path(next(iter(spec.submodule_search_locations)))


def vis_network_path() -> Path:
    """vis-network's standalone build inside the pyvis package."""
    path = pyvis_directory() / "templates" / "lib" / f"vis-{VIS_VERSION}" / "vis-network.min.js"
    if not path.is_file():
        raise StakeholdersError(
            f"vis-network {VIS_VERSION} not found at {path}; "
            "reinstall pyvis: pip install --force-reinstall 'pyvis>=0.3.2'"
        )
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
