"""The Swedish Public Employment Service's occupational forecast (Yrkesbarometern) as a dataset's labour demand.

Arbetsförmedlingen publishes its forecast as a file (CSV or JSON) with a row per occupation (SSYK 2012 unit
group) and county, among whose columns: ``ssyk`` (the code), ``ssyk_text`` (its name), ``lan`` (the county's
two-digit code; ``00`` for the whole country), ``rekryteringssituation`` (the employers' recruitment situation:
``brist``, ``balans`` or ``överskott``), ``jobbmojligheter`` (job prospects: ``små``, ``medelstora``,
``stora``), ``prognos`` (the five-year outlook: ``öka``, ``oförändrad``, ``minska``) and ``omgang`` (the
release, e.g. ``2026:1``). :func:`convert_forecast` writes it as the dataset's ``labour_demand.csv``:

- a county's row applies to each of the dataset's municipalities in that county: the first two digits of a
  Swedish municipality code are its county's code (2480 Umeå, county 24 Västerbotten); a national row (``00``)
  applies to the municipalities whose county has no row of its own for that occupation;
- ``outlook`` is the recruitment situation (brist: shortage, balans: balance, överskott: surplus); ``year``
  the release's year; ``source`` names the file and release;
- occupations the dataset's ``occupations.csv`` does not list yet are added with their ``ssyk_text``.

Bad codes, outlooks and counties are errors naming the file, row, column and value; nothing is written then.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from stakeholders.errors import UsageError
from stakeholders.files import write_atomically
from stakeholders.importers.resolve import safe_texts
from stakeholders.importers.write import csv_bytes
from stakeholders.problems import DatasetError, Problem, Severity
from stakeholders.schema import LABOUR_DEMAND, MUNICIPALITIES, OCCUPATIONS
from stakeholders.tables import decode, sniff_delimiter

OUTLOOKS = {"brist": "shortage", "balans": "balance", "överskott": "surplus", "overskott": "surplus"}
# Sweden's counties (län) by their official two-digit code (SCB); "00" is the whole country.
COUNTIES = {
    "01": "Stockholms län", "03": "Uppsala län", "04": "Södermanlands län", "05": "Östergötlands län",
    "06": "Jönköpings län", "07": "Kronobergs län", "08": "Kalmar län", "09": "Gotlands län", "10": "Blekinge län",
    "12": "Skåne län", "13": "Hallands län", "14": "Västra Götalands län", "17": "Värmlands län",
    "18": "Örebro län", "19": "Västmanlands län", "20": "Dalarnas län", "21": "Gävleborgs län",
    "22": "Västernorrlands län", "23": "Jämtlands län", "24": "Västerbottens län", "25": "Norrbottens län",
}  # fmt: skip
NATIONAL = "00"
_REQUIRED = ("ssyk", "lan", "rekryteringssituation")
_CODE = re.compile(r"[0-9]{4}")


@dataclass(frozen=True, slots=True)
class ForecastResult:
    """What was written: the labour demand rows, the occupations added, the municipalities without a row."""

    path: Path
    rows: int
    occupations_added: int
    municipalities_without_forecast: tuple[str, ...]


def convert_forecast(forecast: Path, dataset: Path) -> ForecastResult:
    """Write ``dataset/labour_demand.csv`` (replacing it) from a Yrkesbarometer file; add its occupations.

    Raises
    ------
    DatasetError
        For a bad row of the forecast (every one listed), or a dataset whose municipality ids are not codes.
    UsageError
        When the file is not a forecast (its columns are named) or the dataset folder has no municipalities.
    """
    location = forecast.name
    records = _records(forecast)
    places = _municipalities(dataset)
    problems: list[Problem] = []
    by_county: dict[tuple[str, str], tuple[str, str, str]] = {}  # (code, county) -> (outlook, year, name)
    for number, record in records:
        code, county = record.get("ssyk", "").strip(), record.get("lan", "").strip().zfill(2)
        situation = record.get("rekryteringssituation", "").strip().casefold()
        if not _CODE.fullmatch(code):
            problems.append(_bad(location, number, "ssyk", code, "an SSYK 2012 code has 4 digits, e.g. 5321"))
        if county != NATIONAL and county not in COUNTIES:
            problems.append(_bad(location, number, "lan", county, "a county's two-digit code (24: Västerbotten)"))
        if situation not in OUTLOOKS:
            hint = "one of brist, balans, överskott (the employers' recruitment situation)"
            problems.append(_bad(location, number, "rekryteringssituation", situation, hint))
        release = record.get("omgang", "").strip()
        by_county[(code, county)] = (OUTLOOKS.get(situation, ""), release[:4], record.get("ssyk_text", "").strip())
    if problems:
        raise DatasetError(problems)
    source = f"Arbetsförmedlingen, Yrkesbarometern ({location})"
    rows = []
    covered: set[str] = set()
    for (code, county), (outlook, year, _) in by_county.items():
        if county == NATIONAL:
            continue
        for place in (p for p in places if p[:2] == county):
            rows.append({"occupation": code, "municipality": place, "outlook": outlook, "year": year})
            covered.add(place)
    for (code, county), (outlook, year, _) in by_county.items():
        if county == NATIONAL:
            for place in (p for p in places if (code, p[:2]) not in by_county):
                rows.append({"occupation": code, "municipality": place, "outlook": outlook, "year": year})
                covered.add(place)
    names = {code: name for (code, _), (_, _, name) in by_county.items() if name}
    added = _add_occupations(dataset, names)
    columns = {name: [row.get(name, "") for row in rows] for name in LABOUR_DEMAND.column_names}
    columns["source"] = safe_texts([source] * len(rows))
    target = dataset / LABOUR_DEMAND.filename
    write_atomically(target, csv_bytes(LABOUR_DEMAND.column_names, columns), personal=False)
    return ForecastResult(target, len(rows), added, tuple(p for p in places if p not in covered))


def _bad(location: str, number: int, column: str, value: str, hint: str) -> Problem:
    return Problem(Severity.ERROR, location, f"not a valid {column}", number, column, value, hint)


def _records(path: Path) -> list[tuple[int, Mapping[str, str]]]:
    """The forecast's rows with their numbers (CSV: header = 1; JSON: the list's items from 1), as text."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror or error}") from None
    text = decode(data, path.name)
    rows: list[tuple[int, Mapping[str, str]]]
    if text.lstrip().startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as error:
            raise UsageError(f"{path.name} is not valid JSON ({error})") from None
        rows = [(k, {str(key): "" if v is None else str(v) for key, v in item.items()})
                for k, item in enumerate(items, start=1) if isinstance(item, dict)]  # fmt: skip
    else:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text[:65536]))
        rows = [(k, {(key or "").strip().casefold(): value or "" for key, value in row.items()})
                for k, row in enumerate(reader, start=2)]  # fmt: skip
    found = set(rows[0][1]) if rows else set()
    missing = [column for column in _REQUIRED if column not in found]
    if missing:
        raise UsageError(
            f"{path.name} is not a Yrkesbarometer file: it lacks the columns {', '.join(missing)} "
            f"(found: {', '.join(sorted(found)) or 'none'}); download the forecast from Arbetsförmedlingen "
            "(Yrkesbarometern, as CSV or JSON)"
        )
    return rows


def _municipalities(dataset: Path) -> list[str]:
    """The dataset's municipality ids, which must be Swedish municipality codes (4 digits)."""
    path = dataset / MUNICIPALITIES.filename
    if not path.is_file():
        raise UsageError(f"{dataset} has no {MUNICIPALITIES.filename}: give a dataset folder of CSV files")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=sniff_delimiter(path.read_text(encoding="utf-8-sig")[:4096])))
    ids = [(row.get("id") or "").strip() for row in rows]
    bad = [(k, i) for k, i in enumerate(ids, start=2) if not _CODE.fullmatch(i)]
    if bad:
        problems = [
            _bad(MUNICIPALITIES.filename, k, "id", i, "a forecast by county needs municipality codes (2480 Umeå)")
            for k, i in bad
        ]
        raise DatasetError(problems)
    return ids


def _add_occupations(dataset: Path, names: Mapping[str, str]) -> int:
    """Add the forecast's occupations that ``occupations.csv`` lacks (creating it); how many were added."""
    path = dataset / OCCUPATIONS.filename
    rows: list[dict[str, str]] = []
    if path.is_file():
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = [dict(row) for row in csv.DictReader(handle)]
    known = {(row.get("id") or "").strip() for row in rows}
    new = [{"id": code, "name": name} for code, name in sorted(names.items()) if code not in known]
    for row, name in zip(new, safe_texts([row["name"] for row in new]), strict=True):  # text from a public file
        row["name"] = name
    if new:
        everything: Sequence[Mapping[str, str]] = [*rows, *new]
        columns = {name: [row.get(name) or "" for row in everything] for name in OCCUPATIONS.column_names}
        write_atomically(path, csv_bytes(OCCUPATIONS.column_names, columns), personal=False)
    return len(new)
