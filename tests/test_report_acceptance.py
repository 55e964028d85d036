"""Issue 15's acceptance on real-sized data: the real Danish list and a generated 300-municipality dataset.

- The report folder stays under 25 MB (the issue's budget).
- Every link in the report (page and maps) resolves: a relative link to a file inside the folder, a ``#``
  link to an element of its page; nothing else is loaded (an actor's website may be linked).
- ``--lang sv`` output holds no English UI string and ``--lang en`` no Swedish one, checked against the
  string catalogues (report, maps, catalogue); user data are exempt.

The Danish list lives outside the repository (tests/test_import_danish.py); without it those tests skip.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from stakeholders import load_dataset
from stakeholders.catalogue import labels as catalogue_labels
from stakeholders.cli import main
from stakeholders.map import i18n as map_i18n
from stakeholders.model import Dataset
from stakeholders.report.i18n import TEXT

REPOSITORY = Path(__file__).resolve().parent.parent
DANISH = REPOSITORY.parent / "shared" / "data" / "dk-erdf-2014-2020.csv"
# Issue 15: "the report folder of a 300-municipality national list stays under 25 MB", read strictly: 25 * 10^6
# bytes. The national report below is 24.99 million bytes (2026-12-04): its index.html holds a 4.3 MB catalogue of
# 3,000 actors, its 341 maps 17.7 MB (tooltips most of it), findings.json 1.3 MB (compact).
BUDGET = 25 * 10**6
# docs/report.md measured this one (3,000 actors, 1,500 projects, 300 municipalities: 301 maps).
NATIONAL = ["--actors", "3000", "--projects", "1500", "--municipalities", "300", "--seed", "1"]


def _run(*args: str) -> None:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def danish(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    if not DANISH.is_file():
        pytest.skip(f"the real Danish list is not at {DANISH}")
    folder = tmp_path_factory.mktemp("dk")
    _run("import", str(DANISH), "-o", str(folder / "dk-erdf-2014-2020"))
    reports = {}
    for lang in ("sv", "en"):
        _run("report", str(folder / "dk-erdf-2014-2020"), "-o", str(folder / lang), "--lang", lang)
        reports[lang] = folder / lang
    return folder / "dk-erdf-2014-2020", reports


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("national")
    _run("generate", *NATIONAL, "-o", str(folder / "data"))
    _run("report", str(folder / "data"), "-o", str(folder / "report"), "--lang", "sv")
    return folder / "data", folder / "report"


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def test_danish_report_stays_within_the_budget(danish) -> None:
    _, reports = danish
    for folder in reports.values():
        assert _size(folder) < BUDGET
        assert (folder / "index.html").is_file()


def test_national_report_stays_within_the_budget_with_a_map_per_municipality_with_findings(national) -> None:
    data, report = national
    assert len(load_dataset(data).municipalities) == 300
    assert _size(report) < BUDGET
    assert len(list((report / "maps").glob("*.html"))) > 1


# -- links ---------------------------------------------------------------------------------------------------


class _Page(HTMLParser):
    """The links and ids of one page, and its text (outside scripts and styles) with its UI attributes."""

    TEXT_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []  # tag, attribute, value
        self.ids: set[str] = set()
        self.texts: list[str] = []
        self.json: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        for attribute in ("href", "src"):
            if attribute in values:
                self.links.append((tag, attribute, values[attribute]))
        self.texts.extend(values[a] for a in self.TEXT_ATTRIBUTES if values.get(a))
        self._in.append("json" if values.get("type") == "application/json" else tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        where = self._in[-1] if self._in else ""
        if where == "json":
            self.json.append(data)
        elif where not in ("script", "style"):
            self.texts.append(data)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _pages(report: Path) -> list[Path]:
    return [report / "index.html", *sorted((report / "maps").glob("*.html"))]


def _check_links(report: Path) -> int:
    checked = 0
    root = report.resolve()
    for path in _pages(report):
        page = _parse(path)
        for tag, attribute, value in page.links:
            parts = urlsplit(value)
            where = f"{path.relative_to(report)}: <{tag} {attribute}={value!r}>"
            if parts.scheme in ("http", "https", "mailto"):
                assert tag == "a", f"{where} would load from outside the folder"
                continue
            assert not parts.scheme and not parts.netloc, where
            if parts.path:
                target = (path.parent / unquote(parts.path)).resolve()
                assert target.is_file() and root in target.parents, where
            if parts.fragment:
                ids = page.ids if not parts.path else _parse(target).ids
                assert parts.fragment in ids, where
            checked += 1
    return checked


def test_every_link_of_the_danish_report_resolves(danish) -> None:
    _, reports = danish
    for folder in reports.values():
        assert _check_links(folder) > len(_pages(folder))  # each map links its assets, the page its sections


def test_every_link_of_the_national_report_resolves(national) -> None:
    _, report = national
    assert _check_links(report) > len(_pages(report))


def test_every_link_of_the_sample_report_resolves(tmp_path: Path, sample_path: Path) -> None:
    _run("report", str(sample_path), "-o", str(tmp_path / "r"), "--lang", "en")
    assert _check_links(tmp_path / "r") > len(_pages(tmp_path / "r"))


# -- one language ----------------------------------------------------------------------------------------------


def _catalogue(lang: str) -> list[str]:
    """Every UI string of ``lang``: the report's, the maps' and the catalogue's."""
    index = catalogue_labels.LANGS.index(lang)
    pairs = [
        *catalogue_labels._COLUMN_LABELS.values(),
        *(pair for labels in catalogue_labels._GROUPING_LABELS.values() for pair in labels),
        *catalogue_labels._SECTOR_LABELS.values(),
        *catalogue_labels._TEXTS.values(),
    ]
    words = map_i18n._EN if lang == "en" else map_i18n._SV
    return [*(texts[lang] for texts in TEXT.values()), *words.values(), *(pair[index] for pair in pairs)]


def _fragments(text: str) -> list[str]:
    """The literal parts of a template, without its ``{fields}``, trimmed of spaces and punctuation."""
    parts = (part.strip(" .,:;()–-…/·\n") for part in re.split(r"\{\w+\}", text))
    return [part for part in parts if len(part) >= 4 and re.search(r"[^\W\d_]{3}", part)]


def _user_text(dataset: Dataset) -> str:
    """Every value of every record: user data, where the other language may appear."""
    values: list[str] = []
    for table in (dataset.actors, dataset.projects, dataset.municipalities, dataset.target_groups):
        for record in table.values():
            for name in record.__slots__:
                value = getattr(record, name)
                items = value if isinstance(value, tuple) else (value,)
                values.extend(item for item in items if isinstance(item, str))
            values.extend(record.extra.values())
    return "\n".join(values)


def foreign_strings(report: Path, lang: str, dataset: Dataset) -> list[str]:
    """UI strings of the other language found in the report's text (page and maps)."""
    own = "\n".join(_catalogue(lang))
    user = _user_text(dataset)
    other = "en" if lang == "sv" else "sv"
    suspects = {f for text in _catalogue(other) for f in _fragments(text)}
    suspects = {f for f in suspects if f not in own and f not in user}
    # One pattern for all of them, longest first (so that a longer string is found whole).
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(f) for f in sorted(suspects, key=lambda f: (-len(f), f))) + r")(?!\w)"
    )
    found = []
    for path in _pages(report):
        page = _parse(path)
        texts = list(page.texts)
        for blob in page.json:
            texts.extend(_strings(json.loads(blob)))
        found += [f"{path.name}: {f!r}" for f in sorted(set(pattern.findall("\n".join(texts))))]
    return found


# Fields of the maps' data that the page never shows: node keys ("Actor:a1"), kinds, styles, filter values.
MACHINE_FIELDS = frozenset({"id", "kind", "from", "to", "group", "shape", "m", "t", "fileName", "lineStyles"})


def _strings(value: object) -> list[str]:
    """The strings of a map's data that the page may show."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in MACHINE_FIELDS for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_danish_report_speaks_one_language(danish, lang: str) -> None:
    data, reports = danish
    assert foreign_strings(reports[lang], lang, load_dataset(data)) == []


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_sample_report_speaks_one_language(tmp_path: Path, sample_path: Path, sample: Dataset, lang: str) -> None:
    _run("report", str(sample_path), "-o", str(tmp_path / lang), "--lang", lang)
    assert foreign_strings(tmp_path / lang, lang, sample) == []


def test_national_report_speaks_one_language(national) -> None:
    data, report = national
    assert foreign_strings(report, "sv", load_dataset(data)) == []


def test_the_language_check_finds_a_string_of_the_other_language(tmp_path: Path, sample_path: Path, sample) -> None:
    # The check itself: an English report read as if it were Swedish is full of English UI strings.
    _run("report", str(sample_path), "-o", str(tmp_path / "en"), "--lang", "en")
    found = foreign_strings(tmp_path / "en", "sv", sample)
    assert any("'Key findings'" in line for line in found)
    assert any(line.startswith("network.html") for line in found)


def test_danish_budgets_are_in_danish_kroner(danish) -> None:
    # The list's projects are Danish (country "Denmark" in projects.csv, no currency column): DKK, never SEK.
    _, reports = danish
    page = (reports["en"] / "index.html").read_text(encoding="utf-8")
    duplicates = page[page.index('<section id="duplicates">') : page.index('<section id="proposals">')]
    assert "\u00a0DKK" in duplicates and "SEK" not in page
