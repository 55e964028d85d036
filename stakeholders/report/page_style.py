"""The report page's style sheet and its one script (search in tables), inlined into index.html."""

CSS = """
:root { --ink: #1d2733; --muted: #5b6675; --line: #d5dbe3; --accent: #1f5fa8; --warn: #b3261e; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 1200px; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .5rem; } h2 { border-bottom: 2px solid var(--accent); padding-bottom: .2rem; }
h3 { margin-top: 1.4rem; }
.toc ol { columns: 2; } .note { color: var(--muted); font-size: .9em; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92em; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; text-align: left; vertical-align: top; }
thead th { background: #eef2f7; }
.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
/* Target group x municipality tables: as wide as the page at most, columns shrink, names wrap. */
table.matrix { table-layout: fixed; width: 100%; font-size: .82em; }
table.matrix th, table.matrix td { padding: .2rem .25rem; overflow-wrap: anywhere; hyphens: auto; }
table.matrix thead th { font-weight: 600; vertical-align: bottom; }
table.matrix tbody th { font-weight: normal; text-align: left; }
table.matrix th:first-child { width: 11rem; }
table.matrix tr.region th { background: #f4f6f9; font-weight: 600; }
table.heat td, table.sizes td { text-align: center; }
table.heat small { display: block; font-size: .85em; }
.l1 { background: #e3eefb; } .l2 { background: #b9d3f3; } .l3 { background: #7fb0e8; }
.l4 { background: #3f86d6; color: #fff; }
td.uncovered { background: var(--warn); color: #fff; font-weight: bold; }
ul.uncovered { color: var(--warn); }
td.empty { color: #b0b8c4; }
section#catalogue table { table-layout: fixed; width: 100%; font-size: .85em; }
section#catalogue th, section#catalogue td { overflow-wrap: anywhere; }
.lead { font-size: 1.02em; margin: .3rem 0 .6rem; }
.subtitle { color: var(--muted); margin: 0 0 .6rem; }
figure.chart { margin: .6rem 0 1rem; max-width: 100%; }
figure.chart svg { max-width: 100%; height: auto; }
figure.chart figcaption { color: var(--muted); font-size: .88em; }
.search { width: 100%; max-width: 28rem; padding: .4rem; font-size: 1em; margin: .3rem 0 .6rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav.toc, .search, .no-print { display: none; }
  a { color: inherit; text-decoration: none; }
  section { break-inside: auto; }
  h2, h3 { break-after: avoid; }
  tr, td, th { break-inside: avoid; }
  thead { display: table-header-group; }
  @page { size: A4 landscape; margin: 10mm; }
  table.matrix { font-size: 7.5pt; }
  figure.chart { break-inside: avoid; }
}
"""

# Filters the rows of every table that follows a search field, by its text.
SCRIPT = """
document.querySelectorAll('input.search').forEach(function (input) {
  input.addEventListener('input', function () {
    var needle = input.value.trim().toLowerCase();
    var scope = document.getElementById(input.dataset.target);
    scope.querySelectorAll('tbody tr').forEach(function (row) {
      row.hidden = needle !== '' && row.textContent.toLowerCase().indexOf(needle) === -1;
    });
  });
});
"""
