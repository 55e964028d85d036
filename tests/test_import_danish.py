"""Acceptance on a real published list: Denmark's ERDF operations 2014-2020 (issue 13).

The list lives outside the repository (no licence is stated by its source): ../shared/data relative to the
repository root. Without it these tests skip; tests/test_import_operations.py tests the same layout on a
synthetic fixture.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from stakeholders import load_dataset
from stakeholders.cli import main
from stakeholders.importers import import_lists
from stakeholders.importers.cells import split_partners
from stakeholders.names import organisation_key

REPOSITORY = Path(__file__).resolve().parent.parent
DANISH = REPOSITORY.parent / "shared" / "data" / "dk-erdf-2014-2020.csv"
pytestmark = pytest.mark.skipif(not DANISH.is_file(), reason=f"the real Danish list is not at {DANISH}")
BENEFICIARY = "Kontraktansvarlig partner / Beneficiary name"
PARTNERS = "Partere / Project partners"
CONTACTS = "Kontaktperson / Contacts"


@pytest.fixture(scope="module")
def source() -> list[dict[str, str]]:
    with DANISH.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dk") / "dk"
    result = CliRunner().invoke(main, ["import", str(DANISH), "-o", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="module")
def reported(imported: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dk-report") / "report"
    report = CliRunner().invoke(main, ["report", str(imported), "-o", str(folder)], catch_exceptions=False)
    assert report.exit_code == 0, report.output
    return folder


def test_it_imports_validates_and_reports(imported: Path, reported: Path) -> None:
    assert CliRunner().invoke(main, ["validate", str(imported)], catch_exceptions=False).exit_code == 0
    assert (reported / "index.html").is_file()
    assert len(load_dataset(imported).projects) == 107


def test_vaeksthus_nordjylland_is_one_actor_with_its_8_projects(imported: Path) -> None:
    dataset = load_dataset(imported)
    (actor,) = [a for a in dataset.actors.values() if a.name == "Væksthus Nordjylland"]
    assert sum(1 for p in dataset.projects.values() if p.owner == actor.id) == 8


def test_every_partner_named_besides_the_beneficiary_is_a_partner(imported: Path, source: list[dict[str, str]]) -> None:
    dataset = load_dataset(imported)
    projects = list(dataset.projects.values())  # in the list's order
    assert len(projects) == len(source)
    others = own_only = 0
    for row, project in zip(source, projects, strict=True):
        owner_key = organisation_key(row[BENEFICIARY])
        named = {organisation_key(n) for n in split_partners(row[PARTNERS])} - {owner_key}
        if not row[PARTNERS].strip():
            continue
        if not named:
            own_only += 1
            assert project.partners == ()
            continue
        others += 1
        got = {organisation_key(dataset.actors[a].name) for a in project.partners}
        assert got == named, row["Projektitel / Operation name"]
    assert (others, own_only) == (73, 3)


def test_no_e_mail_or_phone_from_the_contact_column_is_copied(
    imported: Path, reported: Path, source: list[dict[str, str]]
) -> None:
    secrets = set()
    for row in source:
        secrets |= set(re.findall(r"[\w.+-]+@[\w.-]+\w", row[CONTACTS]))
        secrets |= set(re.findall(r"\b\d{8}\b", row[CONTACTS]))
    assert len(secrets) > 100
    for folder in (imported, reported):
        text = "".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*") if p.is_file())
        leaked = sorted(s for s in secrets if s in text)
        assert leaked == [], f"{folder}: {leaked[:5]}"


def test_several_runs_give_the_same_folder(tmp_path: Path) -> None:
    import_lists([DANISH], tmp_path / "a")
    import_lists([DANISH], tmp_path / "b")
    for name in ("actors.csv", "projects.csv", "municipalities.csv", "merge-suggestions.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
