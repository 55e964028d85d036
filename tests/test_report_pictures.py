"""Issue 15: coverage never wider than the page (and A4 landscape in print), pictures as inline SVG with a
text alternative, one language per output with plurals."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stakeholders.backends.memory import MemoryBackend
from stakeholders.map.i18n import same_keys
from stakeholders.report.build import ReportOptions, write_report
from stakeholders.report.charts import Bar, heatmap_svg, timeline_svg
from stakeholders.report.i18n import LANGS, TEXT, tn


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory, sample_path: Path) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pictures")
    out = {}
    for lang in LANGS:
        write_report(MemoryBackend.load(str(sample_path)), folder / lang, ReportOptions(lang=lang))
        out[lang] = folder / lang
    return out


def test_every_string_key_exists_in_both_languages() -> None:
    for key, texts in TEXT.items():
        assert set(texts) == set(LANGS), key
        assert all(texts[lang].strip() for lang in LANGS), key
        fields = {lang: set(re.findall(r"\{(\w+)\}", texts[lang])) for lang in LANGS}
        assert fields["sv"] == fields["en"], key
        if key.endswith("_one"):
            assert key[: -len("_one")] in TEXT, key
    assert same_keys()


def test_plurals() -> None:
    assert tn("kf_sector_gaps", "sv", 1).startswith("1 kommun ")
    assert tn("kf_sector_gaps", "sv", 2).startswith("2 kommuner ")
    assert tn("kf_sector_gaps", "en", 1).startswith("1 municipality ")
    assert tn("kf_isolated", "en", 1) == "1 isolated actor"
    assert tn("kf_isolated", "sv", 1200).startswith("1 200 ")


def test_pictures_are_inline_svg_with_a_text_alternative(reports: dict[str, Path]) -> None:
    html = (reports["en"] / "index.html").read_text(encoding="utf-8")
    coverage = html[html.index('<section id="coverage">') : html.index('<section id="gaps">')]
    duplicates = html[html.index('<section id="duplicates">') : html.index('<section id="brokers">')]
    for section, count in ((coverage, 1), (duplicates, None)):
        svgs = re.findall(r"<svg [^>]*>", section)
        assert svgs if count is None else len(svgs) == count
        for tag in svgs:
            assert 'role="img"' in tag and 'aria-label="' in tag
        assert section.count("<figcaption>") == len(svgs)
        assert section.count("<title>") >= len(svgs)
    assert "<?xml" not in html and "<!DOCTYPE svg" not in html
    assert "Coverage heat map" in coverage and "Timeline, group 1" in duplicates


def test_charts_escape_user_text() -> None:
    evil = "<img src=x onerror=alert(1)> $x^2$"
    svg = timeline_svg([Bar(evil, None, None), Bar("b", None, None)], (None, None), evil)
    assert svg == ""  # no date at all: nothing to draw
    import datetime as dt

    svg = timeline_svg([Bar(evil, dt.date(2020, 1, 1), dt.date(2020, 6, 1))], ("2020-01-01", "2020-06-01"), evil)
    assert "<img" not in svg and "&lt;img" in svg
    svg = heatmap_svg([evil], ["g"], [[1]], [[False]], evil, "n")
    assert "<img" not in svg


def test_coverage_is_transposed_when_there_are_more_municipalities(reports: dict[str, Path], sample) -> None:
    html = (reports["sv"] / "index.html").read_text(encoding="utf-8")
    coverage = html[html.index('<section id="coverage">') : html.index('<section id="gaps">')]
    table = re.search(r'<table class="matrix heat( transposed)?">', coverage)
    assert table is not None
    assert bool(table.group(1)) == (len(sample.municipalities) > len(sample.target_groups))
    # Regions group the municipalities.
    regions = {m.region for m in sample.municipalities.values() if m.region}
    assert all(region in coverage for region in regions)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_report_fits_the_page_and_prints_on_a4_landscape(reports, open_page, lang, tmp_path: Path) -> None:
    from pypdf import PdfReader

    page, log = open_page(reports[lang] / "index.html")
    assert log.console_errors == [] and log.page_errors == [] and log.external_requests == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 1280
    assert page.locator("figure.chart svg").count() >= 2
    for box in page.locator("section#coverage table.matrix, figure.chart svg").all():
        shape = box.bounding_box()
        assert shape is not None and shape["x"] + shape["width"] <= 1280
    pdf = tmp_path / "report.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    first = PdfReader(str(pdf)).pages[0]
    width, height = float(first.mediabox.width), float(first.mediabox.height)
    assert width > height and abs(width - 841.9) < 2 and abs(height - 595.3) < 2  # A4 landscape, in points


def test_findings_per_municipality_as_a_bar_chart_with_the_figures_as_a_table(reports: dict[str, Path], sample) -> None:
    import html as html_module
    import json
    from collections import Counter

    page = (reports["en"] / "index.html").read_text(encoding="utf-8")
    overview = page[page.index('<section id="overview">') : page.index('<section id="quantify">')]
    svg = re.search(r'<figure class="chart bars"><svg [^>]*role="img" aria-label="Bar chart: [^"]+"', overview)
    assert svg is not None and "<figcaption>" in overview
    # The table's rows, counted again from findings.json: uncovered cells and duplicate groups per municipality.
    findings = json.loads((reports["en"] / "findings.json").read_text(encoding="utf-8"))
    uncovered = Counter(c["municipality"] for c in findings["coverage"] if c["uncovered"])
    duplicates = Counter(m for d in findings["duplicates"] for m in d["shared_municipalities"])
    actor_gaps = Counter(m for g in findings["gaps"] for m in g["shared_municipalities"])
    table = overview[overview.index('<table class="bars">') :]
    rows = {
        html_module.unescape(re.sub(r"<[^>]+>", "", cells[0])): [int(c.replace(",", "")) for c in cells[1:]]
        for cells in (
            [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td>(.*?)</td>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", table.split("</table>")[0])
        )
        if cells
    }
    by_name = {m.name: m.id for m in sample.municipalities.values()}
    assert rows and uncovered
    for name, (gaps, _projects, groups, _sectors, needs) in rows.items():
        place = by_name[name]
        assert (gaps, groups, needs) == (actor_gaps[place], duplicates[place], uncovered[place]), name
    assert {by_name[n] for n in rows} >= set(uncovered) | set(duplicates)
