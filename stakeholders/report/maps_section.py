"""The report's section of maps: the network and municipality maps, then the proposals' team maps."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from stakeholders.report.i18n import t
from stakeholders.report.proposals_section import proposal_map_href
from stakeholders.safety import escape_html as e

if TYPE_CHECKING:
    from stakeholders.report.html import MapLink, Page


def maps_section(page: Page) -> str:
    """The network and municipality maps, then the proposals' team maps under their own heading."""
    teams = {proposal_map_href(p.id) for p in page.findings.proposals}
    places = [link for link in page.maps if link.href not in teams]
    proposals = [link for link in page.maps if link.href in teams]
    lists = [f'<p class="note">{e(t("maps_note", page.lang))}</p>', _links(places)]
    if proposals:
        lists += [f"<h3>{e(t('proposals', page.lang))}</h3>", _links(proposals)]
    return "".join(lists)


def _links(links: Sequence[MapLink]) -> str:
    items = "".join(f'<li><a href="{e(link.href)}">{e(link.title)}</a></li>' for link in links)
    return f'<ul class="maps">{items}</ul>'
