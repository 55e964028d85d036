"""The map page's HTML skeleton: one file, every script and style inline, nothing fetched.

Placeholders ``{{name}}`` are filled in one pass by :func:`fill` (a value
is never searched for further placeholders). Values are HTML the caller
has built with escaped user text; ``data`` is JSON made safe for a script
element. The Content-Security-Policy forbids every request, so even a
mistake elsewhere cannot make the page load anything from the network.

A report's maps share one copy of vis-network and of the page's script and
style in a folder beside them (``assets``): the policy then also allows
scripts and styles from the page's own origin ('self'; for a file opened from
disk, files: nothing from a server).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

PAGE = """<!DOCTYPE html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src {{sources}}'unsafe-inline'; \
style-src {{sources}}'unsafe-inline'; img-src data: blob:; font-src 'none'; connect-src 'none'; form-action 'none'">
<meta name="generator" content="{{generator}}">
<title>{{title}}</title>
{{head}}
</head>
<body class="{{body_class}}">
<aside id="sidebar">
<button type="button" id="hide-sidebar" class="corner" aria-label="{{hide}}" title="{{hide}}">«</button>
<h1>{{title}}</h1>
{{notices}}
<form id="search-form" role="search" autocomplete="off">
<input id="search" type="search" list="names" placeholder="{{search_placeholder}}" aria-label="{{search}}">
<button type="submit">{{search}}</button>
</form>
<p id="search-status" class="status" aria-live="polite"></p>
{{filters}}
<div class="buttons">
<button type="button" id="fit">{{fit}}</button>
<button type="button" id="png">{{png}}</button>
<button type="button" id="projector" aria-pressed="false">{{projector}}</button>
</div>
<details id="legend" open>
<summary class="legend-title">{{legend_title}}</summary>
{{legend}}
</details>
</aside>
<button type="button" id="show-sidebar" aria-label="{{show}}" title="{{show}}">»</button>
<div id="mynetwork" role="application" aria-label="{{title}}"></div>
<datalist id="names"></datalist>
<script type="application/json" id="map-data">{{data}}</script>
{{tail}}
</body>
</html>
"""

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def fill(template: str, values: Mapping[str, str]) -> str:
    """Replace every ``{{name}}`` with ``values[name]`` in a single pass.

    Raises
    ------
    KeyError
        When the template names a value that is not given.
    """
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], template)
