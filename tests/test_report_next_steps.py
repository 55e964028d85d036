"""Issue 15, item 5: each section says what it means and what to do; scores with their scale, budgets with
their currency, components named, the dataset's name as the title."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from stakeholders.backends.memory import MemoryBackend
from stakeholders.report.build import ReportOptions, write_report
from stakeholders.report.findings import collect_findings
from stakeholders.report.formats import money, rank_scale
from stakeholders.report.html import SECTIONS
from stakeholders.report.i18n import LANGS, t
from stakeholders.report.title import readable
from stakeholders.safety import escape_html


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory, sample_path: Path) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("next-steps")
    out = {}
    for lang in LANGS:
        write_report(MemoryBackend.load(str(sample_path)), folder / lang, ReportOptions(lang=lang))
        out[lang] = (folder / lang / "index.html").read_text(encoding="utf-8")
    return out


def _section(page: str, name: str) -> str:
    start = page.index(f'<section id="{name}">')
    return page[start : page.index("</section>", start)]


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


@pytest.mark.parametrize("lang", LANGS)
def test_every_section_opens_with_what_it_means_and_what_to_do(reports: dict[str, str], lang: str) -> None:
    for name in SECTIONS:
        section = _section(reports[lang], name)
        after_heading = section[section.index("</h2>") + len("</h2>") :].lstrip()
        # Proposals and similar projects open with their own introduction ("what the coordinator could do").
        own = {"proposals": "proposals_intro", "similar": "similar_none_searched"}
        opening = f"<p>{escape_html(t(own[name], lang))}" if name in own else '<p class="lead">'
        assert after_heading.startswith(opening), name


def test_leads_name_the_first_findings(reports: dict[str, str], sample_path: Path) -> None:
    findings = collect_findings(MemoryBackend.load(str(sample_path)), lang="en")
    d = findings.dataset
    page = reports["en"]
    # Gap: the top gap's actors, and its first introducer if it has one (else a meeting).
    gap = findings.actor_gaps[0]
    lead = _text(_section(page, "gaps").split('<p class="lead">')[1].split("</p>")[0])
    assert gap.names[0] in lead and gap.names[1] in lead
    if gap.introducers:
        assert d.actors[gap.introducers[0]].name in lead and "could introduce" in lead
    else:
        assert "invite" in lead
    # Duplicate: the first group's owners are convened.
    group = findings.duplicates[0]
    lead = _text(_section(page, "duplicates").split('<p class="lead">')[1].split("</p>")[0])
    assert "convene" in lead and all(d.actors[o].name in lead for o in group.owners)
    # Uncovered cell: who serves the group elsewhere, and they do serve it there (the coverage analysis says so).
    cell = next(c for c in findings.coverage if c.uncovered)
    lead = _text(_section(page, "coverage").split('<p class="lead">')[1].split("</p>")[0])
    assert d.target_groups[cell.target_group].name in lead and d.municipalities[cell.municipality].name in lead
    serving = {(c.municipality, a) for c in findings.coverage if c.target_group == cell.target_group for a in c.actors}
    named = [a for a in d.actors.values() if a.name in lead.split(" serve the group in ")[0]]
    other = lead.split(" serve the group in ")[1].split(" and could be asked")[0]
    place = next(m for m in d.municipalities.values() if m.name == other)
    assert named and all((place.id, a.id) in serving for a in named)


def test_scores_carry_their_scale(reports: dict[str, str]) -> None:
    # Duplicate scores are 0-1 (docs/analyses.md): "0,76 av 1"; gap scores have no bound: their place in the list.
    sv, en = _section(reports["sv"], "duplicates"), _section(reports["en"], "duplicates")
    assert re.search(r"0,\d\d av 1", sv) and re.search(r"0\.\d\d of 1", en)
    assert re.search(r"topp \d+ %", _section(reports["sv"], "gaps"))
    assert re.search(r"\d\.\d{3} of 1", _section(reports["en"], "brokers"))  # betweenness is normalised to 0-1
    assert rank_scale(1, 200, False, "en") == "top 1 %"
    assert rank_scale(30, 200, False, "en") == "top 15 %"
    assert rank_scale(3, 100, True, "sv") == "nr 3 av minst 100"


def test_budgets_carry_their_currency(reports: dict[str, str]) -> None:
    assert money(1_200_000, "sv") == "1 200 000\u00a0kr"
    assert money(1_200_000, "en") == "1,200,000\u00a0SEK"
    assert money(1_200_000, "sv", "DKK") == "1 200 000\u00a0DKK"
    assert re.search(r"\d \d{3} \d{3}\u00a0kr", html.unescape(_section(reports["sv"], "duplicates")))
    assert re.search(r"\d,\d{3},\d{3}\u00a0SEK", html.unescape(_section(reports["en"], "duplicates")))


PROJECTS = (
    "id,name,owner,partners,orientations,target_groups,municipalities,start,end,budget,currency,description\n"
    "p1,Jobs for newcomers,a,,Jobs,new,X,2020-01-01,2021-12-31,1000000,DKK,Jobs and language for newcomers\n"
    "p2,Work for newcomers,d,,Jobs,new,X,2020-03-01,2021-06-30,500000,DKK,Jobs and language for newcomers\n"
)
ACTORS = (
    "id,name,sector,municipalities,target_groups,orientations\n"
    "a,Alpha,public,X,new,Jobs\n"
    "b,Beta,civil,X,new,Jobs\n"
    "c,Gamma,civil,X,new,Language\n"
    "d,Delta,private,X,new,Jobs\n"
    "e,Epsilon,civil,X,new,Language\n"
)


def test_components_named_currency_of_the_data_and_title_from_dataset_toml(tmp_path: Path, write_dataset) -> None:
    # Two components: a-b-c (b lies on the one shortest path a-c: most central) and d-e.
    data = write_dataset(
        actors=ACTORS,
        projects=PROJECTS,
        municipalities="id,name\nX,Xby\n",
        target_groups="id,name\nnew,Newcomers\n",
        cooperation="source,target\na,b\nb,c\nd,e\n",
    )
    (data / "dataset.toml").write_text('name = "Region <X> 2020"\n', encoding="utf-8")
    write_report(MemoryBackend.load(str(data)), tmp_path / "en", ReportOptions(lang="en"))
    page = (tmp_path / "en" / "index.html").read_text(encoding="utf-8")
    components = _text(_section(page, "brokers").split('<ul class="components">')[1].split("</ul>")[0])
    assert "Beta and 2 other actors (mostly: Jobs)" in components
    assert "Delta and 1 other actor" in components
    assert "<h1>Region &lt;X&gt; 2020</h1>" in page and "<title>Region &lt;X&gt; 2020 – " in page
    # p1 and p2 are one duplicate group (same text, cell and time); projects.csv says DKK: 1,000,000 + 500,000.
    assert "1,500,000\u00a0DKK" in html.unescape(_section(page, "duplicates"))


def test_a_folder_name_made_readable() -> None:
    assert readable("dk-erdf-2014-2020") == "Dk erdf 2014-2020"
    assert readable("umearegionen") == "Umearegionen"
    assert readable("Skåne_Län") == "Skåne Län"  # not all lower case: kept as written
    assert readable("---") == "---"


def test_a_budget_without_currency_is_in_its_countrys(tmp_path: Path, write_dataset) -> None:
    # As `stakeholders import` writes the Danish ERDF list: a country column ("Denmark"), no currency column.
    projects = PROJECTS.replace(",currency,", ",country,").replace(",DKK,", ",Denmark,")
    data = write_dataset(
        actors=ACTORS,
        projects=projects,
        municipalities="id,name\nX,Xby\n",
        target_groups="id,name\nnew,Newcomers\n",
        cooperation="source,target\na,b\nb,c\nd,e\n",
    )
    write_report(MemoryBackend.load(str(data)), tmp_path / "sv", ReportOptions(lang="sv"))
    page = html.unescape((tmp_path / "sv" / "index.html").read_text(encoding="utf-8"))
    assert "1 500 000\u00a0DKK" in _section(page, "duplicates")
