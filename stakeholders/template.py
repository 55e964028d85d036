"""A template dataset: every file with its headers and one example row."""

from __future__ import annotations

import csv
from pathlib import Path

from stakeholders.errors import OutputError
from stakeholders.files import staged_folder, write_atomically
from stakeholders.schema import FILES, FileSpec

EXAMPLES: dict[str, dict[str, str]] = {
    "municipalities": {
        "id": "2480",
        "name": "Umeå",
        "region": "Västerbottens län",
        "population": "114075",
        "foreign_born": "9000",
        "expected_arrivals": "300",
        "year": "2008",
    },
    "target_groups": {
        "id": "nyanlanda",
        "name": "Nyanlända flyktingar",
        "parent": "",
        "description": "Refugees in their first years in Sweden",
    },
    "actors": {
        "id": "umea-kommun",
        "name": "Umeå kommun, Arbetsmarknadsenheten",
        "type": "municipality",
        "sector": "public",
        "orientations": "Arbetsmarknad; Språk",
        "municipalities": "2480",
        "target_groups": "nyanlanda",
        "contact_name": "Anna Exempel",
        "email": "anna.exempel@example.se",
        "phone": "090-000 00 00",
        "website": "https://www.umea.se",
        "description": "Replace this example row",
    },
    "projects": {
        "id": "p-exempel",
        "name": "Exempelprojektet",
        "owner": "umea-kommun",
        "partners": "",
        "orientations": "Språk",
        "target_groups": "nyanlanda",
        "municipalities": "2480",
        "start": "2008-01-01",
        "end": "2009-12-31",
        "budget": "1 200 000",
        "description": "Replace this example row",
    },
    "target_group_sizes": {"target_group": "nyanlanda", "municipality": "2480", "size": "250", "year": "2008"},
    "cooperation": {
        "source": "umea-kommun",
        "target": "umea-kommun-2",
        "kind": "samverkansavtal",
        "strength": "2",
        "since": "2007",
        "note": "",
    },
    "funding": {"funder": "umea-kommun", "project": "p-exempel", "amount": "200 000", "year": "2008"},
    # The labour market (optional files): an SSYK 2012 code, a forecast row, an employer's need.
    "occupations": {"id": "5321", "name": "Undersköterskor, hemtjänst, hemsjukvård och äldreboende", "parent": ""},
    "labour_demand": {
        "occupation": "5321",
        "municipality": "2480",
        "outlook": "shortage",
        "openings": "120",
        "year": "2008",
        "source": "Arbetsförmedlingen, yrkesprognos",
    },
    "employer_needs": {
        "employer": "umea-kommun",
        "occupation": "5321",
        "count": "20",
        "requirements": "Svenska B1",
        "barriers": "Few applicants with a validated degree",
        "date": "2008-04-10",
        "source": "HR meeting",
    },
}
# The cooperation example needs a second actor.
SECOND_ACTOR = {
    "id": "umea-kommun-2",
    "name": "Vuxenutbildningen Umeå",
    "type": "education",
    "sector": "public",
    "orientations": "Språk",
    "municipalities": "2480",
    "target_groups": "nyanlanda",
    "occupations": "5321",
}


def template_rows(spec: FileSpec) -> list[list[str]]:
    """Header and example rows of one file."""
    examples = [EXAMPLES[spec.name]] + ([SECOND_ACTOR] if spec.name == "actors" else [])
    return [list(spec.column_names)] + [[row.get(c, "") for c in spec.column_names] for row in examples]


def write_template(target: Path, xlsx: bool = False) -> list[Path]:
    """Write the template as CSV files in the folder ``target``, or as one workbook.

    The workbook is ``target`` itself when it ends in .xlsx, else ``target/dataset.xlsx``.
    CSV files are UTF-8 with a BOM, so Excel shows å, ä and ö right. Refuses to
    overwrite anything (raises :class:`OutputError` before writing); returns the paths written.

    All or nothing: the CSV files are written into a work folder that becomes ``target`` in one
    rename (so ``target`` must be new or empty), the workbook into a temporary file renamed into
    place. A run that fails (a full disk) or is killed leaves nothing, and can simply be rerun.
    """
    if xlsx:
        path = target if target.suffix.lower() == ".xlsx" else target / WORKBOOK_NAME
        paths = [path]
    else:
        paths = [target / spec.filename for spec in FILES]
    for path in paths:
        if path.exists() or path.is_symlink():
            raise OutputError(f"{path} exists already; choose a new folder (nothing was written)")
    if xlsx:
        write_atomically(paths[0], _workbook_bytes(), personal=False)  # (example rows only)
        return paths
    with staged_folder(target, private=False) as work:
        _write_csv_files([work / path.name for path in paths])
    return paths


WORKBOOK_NAME = "dataset.xlsx"


def _workbook_bytes() -> bytes:
    from stakeholders.template_xlsx import workbook_bytes

    return workbook_bytes({spec.name: template_rows(spec) for spec in FILES})


def _write_csv_files(paths: list[Path]) -> None:
    for spec, path in zip(FILES, paths, strict=True):
        with path.open("x", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows(template_rows(spec))
