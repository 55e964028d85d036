"""Write the coordinator's report: DIR/index.html, DIR/maps/*.html, DIR/findings.json.

The maps share one copy of vis-network and of the map page's script and style
(DIR/assets/); a municipality gets a map only when it has findings (an
actor gap, a duplicate, a sector gap or an uncovered cell), and the page links
only the maps written.

The report is built in a temporary folder beside DIR and moved into place
at the end (:func:`stakeholders.files.staged_folder`), so a failure never leaves
half a report. DIR holds a manifest, ``.stakeholders-report``: only a folder with
one (or an earlier report's files alone) is replaced; any other folder that is not
empty is refused.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stakeholders.analyses.similar_index import SimilarIndex
from stakeholders.backends import Backend, Query
from stakeholders.catalogue import build_catalogue
from stakeholders.catalogue.page import render_fragment
from stakeholders.errors import OutputError
from stakeholders.files import staged_folder
from stakeholders.map import MapOptions, write_map
from stakeholders.map.build import Overlays
from stakeholders.map.page import SCRIPT_FILE, STYLE_FILE, VIS_FILE, write_assets
from stakeholders.report.findings import Findings, collect_findings
from stakeholders.report.html import MapLink, Page, render_report
from stakeholders.report.i18n import Lang, t
from stakeholders.report.proposals_section import best_of_each_kind, proposal_map_href
from stakeholders.report.title import dataset_title
from stakeholders.safety import escape_html as e

Progress = Callable[[str], None]
REPORT_FILES = ("index.html", "findings.json")
MAPS = "maps"
ASSETS = "assets"  # beside MAPS: vis-network, map.js, map.css, shared by every map (maps/ holds only maps)
ASSET_FILES = (VIS_FILE, SCRIPT_FILE, STYLE_FILE)
MAP_GAPS = 20  # gaps drawn on a municipality's map: as many as `stakeholders gaps --municipality X` lists
MANIFEST = ".stakeholders-report"  # in every report folder: the folder may be replaced by the next report
_MANIFEST_TEXT = "This folder is a report written by 'stakeholders report'; the next report replaces it whole.\n"


@dataclass(frozen=True, slots=True)
class ReportOptions:
    lang: Lang = "sv"
    personal_data: bool = True
    small_count: int = 5
    gap_limit: int = 100
    shown: int = 20
    similar_index: SimilarIndex | None = None  # other lists to search for similar projects (None: none)


@dataclass(frozen=True, slots=True)
class ReportResult:
    index: Path
    findings: Path
    maps: tuple[Path, ...]


def steps(source: Backend) -> int:
    """How many progress steps :func:`write_report` reports (for a progress bar)."""
    return 4 + len(_map_places(source.dataset()))


def write_report(
    source: Backend, target: Path, options: ReportOptions = ReportOptions(), progress: Progress | None = None
) -> ReportResult:
    """Analyse ``source`` and write the report folder ``target``.

    ``target`` may be new, empty, or hold an earlier report (which is replaced);
    anything else is refused with :class:`OutputError`.
    """
    tick = progress or (lambda step: None)
    _check_target(target)
    tick("analyses")
    findings = collect_findings(
        source,
        gap_limit=options.gap_limit,
        small_count=options.small_count,
        lang=options.lang,
        similar_index=options.similar_index,
    )
    with staged_folder(target, replaceable=is_report_folder) as work:
        maps = _write_maps(source, findings, work, options, tick)
        tick("catalogue")
        catalogue_html = _catalogue_fragment(findings, options)
        tick("report")
        page = Page(findings, options.lang, options.personal_data, maps, catalogue_html, options.shown)
        (work / "index.html").write_text(render_report(page), encoding="utf-8")
        (work / "findings.json").write_text(
            # Compact: for scripts (on a national list the indented file was 2.2 MB, this 1.3 MB); `python -m
            # json.tool findings.json` shows it indented.
            json.dumps(findings.to_json(), ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n",
            encoding="utf-8",
        )
        (work / MANIFEST).write_text(_MANIFEST_TEXT, encoding="utf-8")
    tick("done")
    return ReportResult(target / "index.html", target / "findings.json", tuple(target / link.href for link in maps))


def _check_target(target: Path) -> None:
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise OutputError(f"{target} is not a folder; give a folder for the report (nothing was written)")
    if target.is_dir() and any(target.iterdir()) and not is_report_folder(target):
        raise OutputError(
            f"{target} is not empty and is not a report folder (it has no {MANIFEST} file); "
            "choose a new or empty folder (nothing was written or deleted)"
        )


def is_report_folder(folder: Path) -> bool:
    """Whether ``folder`` is a report this tool wrote: it holds the manifest, or only an earlier report's files.

    Reports written before the manifest hold index.html, findings.json, maps/*.html and (since the maps share
    them) assets/ with vis-network, map.js and map.css, nothing else.
    """
    if (folder / MANIFEST).is_file():
        return True
    entries = {entry.name: entry for entry in folder.iterdir()}
    if "index.html" not in entries or not set(entries) <= {*REPORT_FILES, MAPS, ASSETS}:
        return False
    maps = entries.get(MAPS)
    if maps is not None and not _only(maps, lambda m: m.suffix == ".html"):
        return False
    assets = entries.get(ASSETS)
    return assets is None or _only(assets, lambda m: m.name in ASSET_FILES)


def _only(folder: Path, wanted: Callable[[Path], bool]) -> bool:
    """A real folder holding only files that are ``wanted``."""
    return folder.is_dir() and not folder.is_symlink() and all(m.is_file() and wanted(m) for m in folder.iterdir())


def _map_places(dataset) -> list[str]:
    """Municipalities of the dataset that have actors (candidates for a map each)."""
    active = {m for actor in dataset.actors.values() for m in actor.municipalities}
    return [m for m in dataset.municipalities if m in active]


def municipality_overlays(source: Backend, findings: Findings, municipality: str) -> tuple[Overlays, bool]:
    """A municipality's findings for its map, and whether it has any.

    Actor gaps are asked of the backend as ``gaps --municipality`` asks them (the
    report keeps only the top gaps of the region); duplicates, sector gaps and
    uncovered cells come from the findings, which hold all of them.
    """
    dataset = findings.dataset
    here = sum(1 for actor in dataset.actors.values() if municipality in actor.municipalities)
    gaps = (
        source.actor_gaps(Query(top=MAP_GAPS, municipalities=(municipality,), lang=findings.lang)) if here > 1 else []
    )
    duplicates = [d for d in findings.duplicates if municipality in d.shared_municipalities]
    sectors = [g for g in findings.sector_gaps if g.municipality == municipality]
    uncovered = any(c.uncovered and c.municipality == municipality for c in findings.coverage)
    return Overlays(gaps, duplicates, sectors), bool(gaps or duplicates or sectors or uncovered)


def _write_maps(
    source: Backend, findings: Findings, work: Path, options: ReportOptions, tick: Progress
) -> list[MapLink]:
    """The whole network with gaps and duplicates, one map per municipality with findings, and one per proposal
    the report shows (its team)."""
    lang, dataset = options.lang, findings.dataset
    (work / MAPS).mkdir()
    write_assets(work / ASSETS)
    common: dict[str, Any] = {  # the options every map of the report shares
        "lang": lang,
        "personal_data": options.personal_data,
        "assets": f"../{ASSETS}",
        "small_count": options.small_count,
    }
    tick("map")
    whole = f"{MAPS}/network.html"
    title = f"{dataset_title(dataset)}: {t('whole_network', lang)}"
    write_map(source, work / whole, MapOptions(show_gaps=True, show_duplicates=True, title=title, **common))
    links = [MapLink(t("whole_network", lang), whole)]
    for municipality in _map_places(dataset):
        name = dataset.municipalities[municipality].name
        tick(f"map {name}")
        overlays, found = municipality_overlays(source, findings, municipality)
        if not found:
            continue
        href = f"{MAPS}/{_file_name(municipality)}.html"
        title = t("map_of", lang, name=name)
        map_options = MapOptions(municipality=municipality, top=MAP_GAPS, title=title, **common)
        write_map(source, work / href, map_options, overlays)
        links.append(MapLink(title, href))
    tick("proposal maps")
    known = Overlays(proposals=findings.proposals)
    for proposal in best_of_each_kind(findings.proposals, options.shown):  # those the proposals section shows
        href = proposal_map_href(proposal.id)
        write_map(source, work / href, MapOptions(proposal=proposal.id, title=proposal.title, **common), known)
        links.append(MapLink(proposal.title, href))
    return links


def _file_name(record_id: str) -> str:
    """A file name from an id: safe characters only, unique by a short hash of the id."""
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", record_id).strip("-")[:40] or "m"
    return f"{safe}-{hashlib.sha1(record_id.encode()).hexdigest()[:6]}"


def _catalogue_fragment(findings: Findings, options: ReportOptions) -> str:
    catalogue = build_catalogue(findings.dataset, "orientation", options.lang, options.personal_data)
    search = (
        f'<input class="search" type="search" data-target="catalogue" aria-label="{e(t("search", options.lang))}" '
        f'placeholder="{e(t("search", options.lang))}">'
    )
    return search + render_fragment(catalogue)


def report_title(findings: Findings, lang: Lang) -> str:
    return f"{dataset_title(findings.dataset)} – {t('title', lang)}"
