"""The coordinator's report: files, contents, privacy, and the page in real headless Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from stakeholders.backends.memory import MemoryBackend
from stakeholders.cli import main
from stakeholders.errors import ExitCode, OutputError
from stakeholders.report.build import ReportOptions, write_report
from stakeholders.report.html import SECTIONS

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


@pytest.fixture(scope="session")
def sample_report(tmp_path_factory: pytest.TempPathFactory, sample_path: Path) -> Path:
    target = tmp_path_factory.mktemp("report") / "sv"
    write_report(MemoryBackend.load(str(sample_path)), target, ReportOptions(lang="sv"))
    return target


@pytest.fixture(scope="session")
def private_report(tmp_path_factory: pytest.TempPathFactory, sample_path: Path) -> Path:
    target = tmp_path_factory.mktemp("report") / "private"
    result = CliRunner().invoke(
        main, ["report", str(sample_path), "-o", str(target), "--lang", "en", "--no-personal-data"]
    )
    assert result.exit_code == 0, result.output
    return target


def test_cli_writes_index_and_findings_and_prints_the_path(private_report: Path) -> None:
    assert (private_report / "index.html").is_file()
    assert (private_report / "findings.json").is_file()


def test_no_personal_data_leaves_no_email_in_any_file(private_report: Path, sample: object) -> None:
    # The sample has e-mail addresses (actors.csv, column email); none may survive anywhere in DIR.
    assert any(a.email for a in sample.actors.values())
    for path in private_report.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert not EMAIL.search(text), f"{path.name}: {EMAIL.search(text).group()}"
            for actor in sample.actors.values():
                if actor.contact_name:
                    assert actor.contact_name not in text, path.name


def test_findings_json_has_the_documented_fields(sample_report: Path) -> None:
    findings = json.loads((sample_report / "findings.json").read_text(encoding="utf-8"))
    assert {
        "version",
        "dataset",
        "generated",
        "limits",
        "info",
        "gaps",
        "project_gaps",
        "sector_gaps",
        "duplicates",
        "coverage",
        "brokers",
    } <= findings.keys()
    # Field names as in the analyses issue (docs/analyses.md).
    gap_fields = {
        "kind",
        "actors",
        "names",
        "score",
        "shared_target_groups",
        "shared_municipalities",
        "distance",
        "introducers",
    }
    assert all(gap_fields <= g.keys() and g["kind"] == "actors" for g in findings["gaps"])
    assert all({"kind", "projects"} <= g.keys() and g["kind"] == "projects" for g in findings["project_gaps"])
    assert all({"kind", "municipality", "public_actors", "private_actors"} <= g.keys() for g in findings["sector_gaps"])
    duplicate_fields = {
        "projects",
        "owners",
        "score",
        "shared_orientations",
        "shared_target_groups",
        "shared_municipalities",
        "overlap",
        "combined_budget",
        "owners_in_contact",
    }
    assert all(duplicate_fields <= d.keys() and {"start", "end"} == d["overlap"].keys() for d in findings["duplicates"])
    coverage_fields = {"target_group", "municipality", "size", "actors", "projects", "people_per_actor"}
    assert all(coverage_fields <= c.keys() for c in findings["coverage"])
    broker_fields = {"actor", "betweenness", "degree", "constraint", "effective_size", "articulation_point"}
    assert all(broker_fields <= b.keys() for b in findings["brokers"]["brokers"])
    # The sample README's expected results: 4 project gaps, 4 duplication groups, 3 uncovered cells.
    assert len(findings["project_gaps"]) == 4
    assert len(findings["duplicates"]) == 4
    assert sum(c["uncovered"] for c in findings["coverage"]) == 3


def test_small_counts_are_hidden_in_page_and_json(sample_report: Path, sample: object) -> None:
    # The sample has sizes below 5 (README: immigrants with disabilities in Bjurholm = 3).
    small = [s for s in sample.target_group_sizes if 0 < s.size < 5]
    assert small
    html = (sample_report / "index.html").read_text(encoding="utf-8")
    assert "&lt;5" in html
    findings = json.loads((sample_report / "findings.json").read_text(encoding="utf-8"))
    hidden = {(c["target_group"], c["municipality"]) for c in findings["coverage"] if c.get("size_suppressed")}
    assert {(s.target_group, s.municipality) for s in small} <= hidden
    assert all(c["size"] is None for c in findings["coverage"] if c.get("size_suppressed"))


def test_numbers_are_formatted_for_the_language(sample_report: Path, private_report: Path, sample: object) -> None:
    # The largest duplicate group's combined budget, from the sample's projects.csv budgets.
    findings = json.loads((sample_report / "findings.json").read_text(encoding="utf-8"))
    budget = int(max(d["combined_budget"] for d in findings["duplicates"]))
    swedish = f"{budget:,}".replace(",", " ")
    english = f"{budget:,}"
    assert swedish in (sample_report / "index.html").read_text(encoding="utf-8")
    assert english in (private_report / "index.html").read_text(encoding="utf-8")


def test_report_refuses_a_folder_that_holds_something_else(tmp_path: Path, sample_path: Path) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / "thesis.docx").write_text("mine")
    with pytest.raises(OutputError):
        write_report(MemoryBackend.load(str(sample_path)), target)
    assert [p.name for p in target.iterdir()] == ["thesis.docx"]


def test_invalid_data_writes_nothing(tmp_path: Path, write_dataset) -> None:
    data = write_dataset(actors="id,name,sector\na,A,publik\n")
    target = tmp_path / "out"
    result = CliRunner().invoke(main, ["report", str(data), "-o", str(target)])
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "row 2" in result.output and "sector" in result.output
    assert not target.exists()
    assert list(tmp_path.glob(".out-*")) == []


def test_injected_names_are_text_in_the_report(tmp_path: Path, write_dataset, open_page) -> None:
    evil = "<img src=x onerror=alert(1)>"
    data = write_dataset(
        actors=(
            "id,name,sector,municipalities,target_groups,orientations\n"
            f'a,"{evil}",public,Umeå,"</script><script>alert(2)</script>","=HYPERLINK(""http://x"")"\n'
            "b,Bee,private,Umeå,</script><script>alert(2)</script>,Språk\n"
        )
    )
    target = tmp_path / "report"
    write_report(MemoryBackend.load(str(data)), target, ReportOptions(lang="en"))
    page, log = open_page(target / "index.html")
    assert log.dialogs == [] and log.page_errors == []
    assert evil in page.inner_text("body")


@pytest.mark.browser
def test_index_loads_offline_with_every_section(sample_report: Path, open_page) -> None:
    page, log = open_page(sample_report / "index.html")
    assert log.page_errors == [] and log.console_errors == []
    assert log.external_requests == []
    for section in SECTIONS:
        assert page.locator(f"section#{section} h2").count() == 1, section


@pytest.mark.browser
def test_every_map_link_resolves_and_loads(sample_report: Path, open_page) -> None:
    page, _ = open_page(sample_report / "index.html")
    hrefs = page.eval_on_selector_all("section#maps a", "links => links.map(a => a.getAttribute('href'))")
    # One map of the whole network plus one per municipality with actors of its own.
    assert len(hrefs) >= 2
    for href in hrefs:
        target = (sample_report / href).resolve()
        assert target.is_file() and sample_report.resolve() in target.parents, href
        map_page, log = open_page(target)
        assert log.page_errors == [] and log.external_requests == [], href
        assert map_page.evaluate("network.body.data.nodes.length") > 0


@pytest.mark.browser
def test_catalogue_search_filters_rows(sample_report: Path, open_page, sample: object) -> None:
    page, _ = open_page(sample_report / "index.html")
    rows = page.locator("section#catalogue tbody tr")
    total = rows.count()
    assert total >= len(sample.actors)  # an actor appears under each of its orientations
    page.locator("section#catalogue input.search").first.fill("KFUM")
    visible = page.locator("section#catalogue tbody tr:visible")
    assert 0 < visible.count() < total
    assert all("KFUM" in visible.nth(i).inner_text() for i in range(visible.count()))


@pytest.mark.browser
def test_printed_pdf_has_no_empty_pages(sample_report: Path, open_page, tmp_path: Path) -> None:
    from pypdf import PdfReader

    page, _ = open_page(sample_report / "index.html")
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    reader = PdfReader(pdf)
    assert len(reader.pages) > 1
    empty = [i + 1 for i, p in enumerate(reader.pages) if not (p.extract_text() or "").strip()]
    assert empty == []


def test_the_report_proposes_joint_work(sample_report: Path) -> None:
    # As `stakeholders propose data/umearegionen` (docs/proposals.md): as of the latest project start, 2010-01-01,
    # D2 (p-sprak-vannas, p-sprakcafe-vannas) still runs and gets a forum; U1-U3 get consortia.
    findings = json.loads((sample_report / "findings.json").read_text(encoding="utf-8"))
    kinds = {p["kind"] for p in findings["proposals"]}
    assert kinds == {"forum", "consortium", "introductions"}
    forum_needs = [set(p["need"]["projects"]) for p in findings["proposals"] if p["kind"] == "forum"]
    assert {"p-sprak-vannas", "p-sprakcafe-vannas"} in forum_needs
    html = (sample_report / "index.html").read_text(encoding="utf-8")
    section = html.split('<section id="proposals">')[1].split("</section>")[0]
    assert "Språkcafé och studiecirklar i Vännäs" in section and "<table" in section
