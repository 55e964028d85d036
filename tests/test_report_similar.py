"""Issue 17, part 4: similar projects elsewhere in the report (report --similar-in LIST) and in findings.json."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from stakeholders.cli import main
from stakeholders.errors import ExitCode
from tests.test_analyses_similar import ACTORS, PROJECTS


def _section(index: Path, name: str) -> str:
    html = index.read_text(encoding="utf-8")
    section = html[html.index(f'<section id="{name}">') :]
    return section[: section.index("</section>")]


def test_the_report_lists_a_near_copy_elsewhere_first(tmp_path: Path, sample_path: Path, write_dataset) -> None:
    other = write_dataset(actors=ACTORS, projects=PROJECTS, folder="norrbotten")
    target = tmp_path / "report"
    result = CliRunner().invoke(
        main, ["report", str(sample_path), "-o", str(target), "--lang", "en", "--similar-in", str(other)]
    )
    assert result.exit_code == ExitCode.OK, result.output
    section = _section(target / "index.html", "similar")
    rows = re.findall(r"<tr><td>(.*?)</td><td><strong>(.*?)</strong> \((.*?), (.*?)\).*?<td>([\d.]+)", section)
    ours = {name: (theirs, listed, rid) for name, theirs, listed, rid, _ in rows}
    # x-samtal is a near-copy of p-sprakcafe-vannas (tests/test_analyses_similar.py): its best match.
    assert ours["Språkcafé och studiecirklar i Vännäs"] == ("Samtalskafé på svenska i Kiruna", "norrbotten", "x-samtal")
    similarities = [float(r[4]) for r in rows]
    assert similarities == sorted(similarities, reverse=True), "the closest matches first"
    findings = json.loads((target / "findings.json").read_text(encoding="utf-8"))
    similar = findings["similar"]
    assert any(r["project"] == "p-sprakcafe-vannas" and r["id"] == "x-samtal" for r in similar)
    assert all(r["similarity"] >= 0.2 for r in similar)  # SIMILAR_MIN of stakeholders.report.findings


def test_without_lists_the_section_says_how_to_search_one(tmp_path: Path, sample_path: Path) -> None:
    target = tmp_path / "report"
    result = CliRunner().invoke(main, ["report", str(sample_path), "-o", str(target), "--lang", "sv"])
    assert result.exit_code == ExitCode.OK, result.output
    assert "--similar-in" in _section(target / "index.html", "similar")
    assert json.loads((target / "findings.json").read_text(encoding="utf-8"))["similar"] is None
    lonely = CliRunner().invoke(main, ["report", str(sample_path), "-o", str(tmp_path / "x"), "--similar-index", "i"])
    assert lonely.exit_code == ExitCode.INVALID_DATA and "give --similar-in too" in lonely.output
