"""Issue 18: the report's labour-market section and findings.json hold the sample's planted findings (README
sections 6 and 7: L1-L3 shortages, E1-E2 employer gaps)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from stakeholders.analyses import demand, employer_gaps
from stakeholders.backends.memory import MemoryBackend
from stakeholders.model import Dataset
from stakeholders.report.build import ReportOptions, write_report


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory, sample_path: Path) -> Path:
    target = tmp_path_factory.mktemp("labour") / "en"
    write_report(MemoryBackend.load(str(sample_path)), target, ReportOptions(lang="en"))
    return target


def _section(report: Path) -> list[list[str]]:
    html = (report / "index.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="labour">') :]
    section = section[: section.index("</section>")]
    rows = re.findall(r"<tr>(.*?)</tr>", section, re.S)
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)] for row in rows]


def test_the_planted_shortages_and_employer_gaps_are_in_the_section(report: Path) -> None:
    rows = _section(report)
    by_occupation = {row[0]: row for row in rows if len(row) == 5}
    l1 = next(row for name, row in by_occupation.items() if "(5120)" in name)  # L1: unbridged Anhöriginvandrare
    assert l1[1] == "Umeå" and "Anhöriginvandrare have the skills" in l1[4]
    for code, place in (("5322", "Nordmaling"), ("8332", "Vännäs")):  # L2, L3: nobody prepares for them there
        row = next(row for name, row in by_occupation.items() if f"({code})" in name)
        assert row[1] == place and row[4] == "nobody here prepares people for it"
    employers = [row for row in rows if len(row) == 4]
    assert [(row[0], row[1]) for row in employers] == [
        ("Vännäs Trä &amp; Bygg AB", "6 × Träarbetare, snickare m.fl."),  # E1, introduced by vannas-kommun
        ("Robertsfors Mekaniska AB", "4 × Svetsare och gasskärare"),  # E2, no common contact
    ]
    assert employers[0][3] == "Vännäs kommun Integrationsenheten" and employers[1][3] == "no common contact"


def test_findings_json_holds_every_shortage_and_employer_gap(report: Path, sample: Dataset) -> None:
    findings = json.loads((report / "findings.json").read_text(encoding="utf-8"))
    assert findings["demand"] == [row.to_json() for row in demand(sample, top=0)]
    assert findings["employer_gaps"] == [gap.to_json() for gap in employer_gaps(sample, top=0)]
    assert {row["occupation"] for row in findings["demand"] if row["gap"]} == {"5120", "5322", "8332"}


def test_without_labour_files_the_section_says_what_to_add(tmp_path: Path, write_dataset) -> None:
    folder = write_dataset(actors="id,name,municipalities\na,A,m\nb,B,m\n", municipalities="id,name\nm,M\n")
    write_report(MemoryBackend.load(str(folder)), tmp_path / "r", ReportOptions(lang="sv"))
    html = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="labour">') :]
    assert "labour_demand.csv" in section[: section.index("</section>")]
