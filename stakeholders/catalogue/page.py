"""The catalogue as one self-contained HTML page: contents, search, print-friendly.

The page makes no request at all: style and script are inline and a
Content-Security-Policy allows only those two (by hash), so even a link in
user text cannot load anything. All user text is escaped.
"""

from __future__ import annotations

import base64
import hashlib

from stakeholders.catalogue.build import Catalogue, CatalogueGroup, Cell
from stakeholders.safety import escape_html

STYLE = """
:root { color-scheme: light; --line: #c8ccd2; --head: #eef1f5; --muted: #5a6270; }
* { box-sizing: border-box; }
body { font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; padding: 1rem 1.5rem;
  max-width: 110rem; color: #1b1f24; background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 .5rem; }
.meta, .count, .status { color: var(--muted); }
.search { margin: .75rem 0; display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; }
.search input { font: inherit; padding: .35rem .5rem; min-width: 20rem; border: 1px solid var(--line);
  border-radius: 4px; }
nav ol { columns: 3 16rem; margin: .25rem 0; padding-left: 1.5rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: var(--head); position: sticky; top: 0; }
th, td { min-width: 9rem; overflow-wrap: break-word; }
.c-name { min-width: 13rem; } .c-description { min-width: 22rem; }
.c-type, .c-sector, .c-phone { min-width: 7rem; }
.c-contacts { min-width: 5rem; text-align: right; }
tr[hidden], section[hidden], li[hidden] { display: none; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { font-size: 9pt; padding: 0; max-width: none; }
  .search, .status { display: none; }
  .scroll { overflow: visible; }
  th { position: static; }
  th, td, .c-name, .c-description { min-width: 0; }
  tr, h2 { break-inside: avoid; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""

SCRIPT = """
(function () {
  "use strict";
  var box = document.getElementById("search-box");
  var input = document.getElementById("search");
  var status = document.getElementById("search-status");
  var none = document.getElementById("no-match");
  var fold = function (text) { return text.normalize("NFKC").toLocaleLowerCase("sv"); };
  var groups = Array.prototype.map.call(document.querySelectorAll("section.group"), function (section) {
    var entry = document.querySelector('nav a[href="#' + section.id + '"]').parentNode;
    return {
      section: section,
      entry: entry,
      counts: [section.querySelector("h2 .count"), entry.querySelector(".count")],
      rows: Array.prototype.map.call(section.querySelectorAll("tbody tr"), function (row) {
        return { row: row, text: fold(row.textContent) };
      })
    };
  });
  var total = groups.reduce(function (sum, group) { return sum + group.rows.length; }, 0);
  function apply() {
    var words = fold(input.value).split(/\\s+/).filter(Boolean);
    var shown = 0;
    groups.forEach(function (group) {
      var visible = 0;
      group.rows.forEach(function (item) {
        var match = words.every(function (word) { return item.text.indexOf(word) !== -1; });
        item.row.hidden = !match;
        if (match) { visible += 1; }
      });
      group.counts.forEach(function (count) {
        count.textContent = "(" + (words.length ? visible + "/" + count.dataset.total : count.dataset.total) + ")";
      });
      group.section.hidden = visible === 0;
      group.entry.hidden = visible === 0;
      shown += visible;
    });
    status.textContent = words.length ? status.dataset.template
      .replace("{shown}", shown).replace("{total}", total) : "";
    none.hidden = shown !== 0;
  }
  input.addEventListener("input", apply);
  box.hidden = false;
  apply();
})();
"""


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; style-src {_csp_hash(STYLE)}; script-src {_csp_hash(SCRIPT)}; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)
_LINKABLE = ("http://", "https://")


def _cell_html(column: str, value: Cell) -> str:
    text = escape_html(value)
    if column == "website" and isinstance(value, str) and value.lower().startswith(_LINKABLE):
        return f'<a href="{text}" rel="noopener noreferrer">{text}</a>'
    if column == "email" and value:
        return f'<a href="mailto:{text}">{text}</a>'
    return text


def _count_html(group: CatalogueGroup) -> str:
    return f'<span class="count" data-total="{len(group.rows)}">({len(group.rows)})</span>'


def _group_html(catalogue: Catalogue, group: CatalogueGroup, anchor: str, heading: str = "h2") -> list[str]:
    # Column keys are the library's own names (labels.COLUMNS), safe as class names.
    heads = "".join(
        f'<th scope="col" class="c-{column}">{escape_html(heading)}</th>'
        for column, heading in zip(catalogue.columns, catalogue.headings, strict=True)
    )
    lines = [
        f'<section class="group" id="{anchor}">',
        f"<{heading}>{escape_html(group.label)} {_count_html(group)}</{heading}>",
        f'<div class="scroll"><table><thead><tr>{heads}</tr></thead><tbody>',
    ]
    for row in group.rows:
        cells = "".join(
            f'<td class="c-{column}">{_cell_html(column, value)}</td>'
            for column, value in zip(catalogue.columns, row.cells, strict=True)
        )
        lines.append(f"<tr>{cells}</tr>")
    lines.append("</tbody></table></div></section>")
    return lines


def render_html(catalogue: Catalogue) -> bytes:
    """One UTF-8 page: title, table of contents, search field, a table per group."""
    text = catalogue.text
    title = f"{catalogue.title}: {catalogue.dataset}"
    anchors = [f"g{n}" for n in range(1, len(catalogue.groups) + 1)]
    summary = text("summary", actors=catalogue.actor_count, groups=len(catalogue.groups), dataset=catalogue.dataset)
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{catalogue.lang}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<link rel="icon" href="data:,">',
        f"<title>{escape_html(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<header><h1>{escape_html(title)}</h1>",
        f'<p class="meta">{escape_html(summary)}'
        + (f" {escape_html(text('no_personal'))}" if not catalogue.personal_data else "")
        + "</p>",
        '<div class="search" id="search-box" hidden>',
        f'<label for="search">{escape_html(text("search"))}</label>',
        f'<input id="search" type="search" autocomplete="off" placeholder="{escape_html(text("search_hint"))}">',
        f'<span class="status" id="search-status" aria-live="polite" '
        f'data-template="{escape_html(text("shown", shown="{shown}", total="{total}"))}"></span>',
        "</div></header>",
        f'<nav aria-labelledby="contents"><h2 id="contents">{escape_html(text("contents"))}</h2><ol>',
    ]
    lines.extend(
        f'<li><a href="#{anchor}">{escape_html(group.label)}</a> {_count_html(group)}</li>'
        for group, anchor in zip(catalogue.groups, anchors, strict=True)
    )
    lines.append("</ol></nav>")
    lines.append("<main>")
    for group, anchor in zip(catalogue.groups, anchors, strict=True):
        lines.extend(_group_html(catalogue, group, anchor))
    lines.append(f'<p id="no-match" hidden>{escape_html(text("no_match"))}</p>')
    lines.extend(["</main>", f"<script>{SCRIPT}</script>", "</body>", "</html>", ""])
    return "\n".join(lines).encode("utf-8")


def render_fragment(catalogue: Catalogue, anchor_prefix: str = "catalogue-") -> str:
    """The groups' tables with a list of contents, to embed in another page (the report).

    Headings are ``h3``; the embedding page provides the search field and styles.
    """
    anchors = [f"{anchor_prefix}{n}" for n in range(1, len(catalogue.groups) + 1)]
    contents = "".join(
        f'<li><a href="#{anchor}">{escape_html(group.label)}</a> {_count_html(group)}</li>'
        for group, anchor in zip(catalogue.groups, anchors, strict=True)
    )
    lines = [f'<ol class="catalogue-contents">{contents}</ol>']
    for group, anchor in zip(catalogue.groups, anchors, strict=True):
        lines.extend(_group_html(catalogue, group, anchor, heading="h3"))
    return "\n".join(lines)
