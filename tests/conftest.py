"""Shared fixtures: the sample dataset, small datasets written on the fly, a real headless Chromium."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from stakeholders import Dataset, load_dataset
from stakeholders.resources import sample_dataset

CHROMIUM = os.environ.get("STAKEHOLDERS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# In CI (and wherever it is set) a missing browser or Neo4j fails the suite instead of skipping.
REQUIRE_BROWSER = os.environ.get("STAKEHOLDERS_REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return sample_dataset("umearegionen")


@pytest.fixture(scope="session")
def sample(sample_path: Path) -> Dataset:
    return load_dataset(sample_path)


WriteDataset = Callable[..., Path]


@pytest.fixture
def write_dataset(tmp_path: Path) -> WriteDataset:
    """Write CSV files from text: ``write_dataset(actors="id,name\\na,A\\n", projects=...)``.

    ``encoding`` (default utf-8) and ``folder`` (default "data") may be given.
    """

    def write(encoding: str = "utf-8", folder: str = "data", **files: str) -> Path:
        target = tmp_path / folder
        target.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (target / f"{name}.csv").write_bytes(text.encode(encoding))
        return target

    return write


@dataclass
class PageLog:
    """What a page did: console errors, uncaught exceptions, requests outside file:// and data:."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A real headless Chromium (Debian's package), driven by Playwright."""
    if not Path(CHROMIUM).exists():
        message = f"headless Chromium not found at {CHROMIUM}: apt-get install chromium (or set STAKEHOLDERS_CHROMIUM)"
        if REQUIRE_BROWSER:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser) -> Iterator[Callable[[Path], tuple[object, PageLog]]]:
    """Open a local HTML file in a fresh page; returns the page and its :class:`PageLog`."""
    contexts = []

    def open_(path: Path, allowed_prefix: str | None = None) -> tuple[object, PageLog]:
        log = PageLog()
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        contexts.append(context)
        page = context.new_page()
        allowed = ("file://", "data:", "blob:", "about:")
        page.on("console", lambda m: log.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: log.page_errors.append(str(e)))

        def on_dialog(dialog) -> None:
            log.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)

        def on_request(route) -> None:
            url = route.request.url
            if url.startswith(allowed):
                route.continue_()
            else:
                log.external_requests.append(url)
                route.abort()

        context.route("**/*", on_request)
        page.goto(path.resolve().as_uri())
        page.wait_for_load_state("load")
        return page, log

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def load_csv(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Dataset]:
    """Write CSV files from text into a fresh folder and load it: ``load_csv(actors=..., cooperation=...)``.

    Session-scoped, each call with its own folder, so hypothesis tests (many examples per test) can use it.
    """

    def load(**files: str) -> Dataset:
        target = tmp_path_factory.mktemp("dataset")
        for name, text in files.items():
            (target / f"{name}.csv").write_text(text, encoding="utf-8")
        return load_dataset(target)

    return load


@pytest.fixture(scope="session")
def sample_readme(sample_path: Path) -> dict[str, str]:
    """The expected findings listed in the sample's README.md, by id ("G1", "PN3", "U2", ...).

    Each value is the text of the finding's table row (``| G1 | ... |``) or bullet (``- PN1 ...`` with its
    continuation lines); backticks mark the dataset ids in it.
    """
    import re

    findings: dict[str, str] = {}
    current: str | None = None
    for line in (sample_path / "README.md").read_text(encoding="utf-8").splitlines():
        row = re.match(r"\|\s*([A-Z]{1,2}\d+)\s*\|(.*)", line)
        bullet = re.match(r"-\s+([A-Z]{1,2}\d+)\s+(.*)", line)
        if row or bullet:
            found = row or bullet
            current = found.group(1)
            findings[current] = found.group(2)
        elif current and bullet is None and line.startswith("  ") and not line.lstrip().startswith("|"):
            findings[current] += " " + line.strip()
        else:
            current = None
    return findings


# -- Neo4j: a real server from scripts/neo4j-test-server, one per session -------------------------------

REQUIRE_NEO4J = os.environ.get("STAKEHOLDERS_REQUIRE_NEO4J") == "1"
NEO4J_SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "neo4j-test-server"
NEO4J_HOW_TO = (
    "the Neo4j tests need Java 17 (or 21) and Maven, which fetches Neo4j 5.26 from Maven Central once "
    "(e.g. apt-get install openjdk-17-jre-headless maven); see docs/neo4j.md"
)


@dataclass(frozen=True)
class Neo4jServer:
    """A running test server (``scripts/neo4j-test-server start``) and one driver for the tests' own checks."""

    uri: str
    user: str
    password: str
    driver: object

    def settings(self, dataset: str, database: str = "neo4j"):
        from stakeholders.backends import Neo4jSettings

        return Neo4jSettings(self.uri, self.user, self.password, database, dataset)

    def env(self) -> dict[str, str]:
        """Environment for the CLI: the connection, and the password where the CLI reads it."""
        return {"NEO4J_URI": self.uri, "NEO4J_USER": self.user, "NEO4J_PASSWORD": self.password}


def _neo4j_unavailable(message: str) -> None:
    if REQUIRE_NEO4J:
        pytest.fail(f"{message} (STAKEHOLDERS_REQUIRE_NEO4J=1)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jServer]:
    """A real Neo4j Community 5.26 server for the session (reused if one runs already; left running).

    Skips with a reason saying how to enable the tests when Java or Maven is missing; fails instead
    when ``STAKEHOLDERS_REQUIRE_NEO4J=1`` (CI).
    """
    import shutil
    import subprocess
    import sys

    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        _neo4j_unavailable(f"{' and '.join(missing)} not found: {NEO4J_HOW_TO}")
    started = subprocess.run([sys.executable, str(NEO4J_SCRIPT), "start"], capture_output=True, text=True)
    if started.returncode != 0:
        _neo4j_unavailable(f"scripts/neo4j-test-server start failed: {started.stderr.strip()[-2000:]}; {NEO4J_HOW_TO}")
    found = dict(line.split("=", 1) for line in started.stdout.splitlines() if "=" in line)
    from neo4j import GraphDatabase

    driver = GraphDatabase.driver(
        found["NEO4J_URI"], auth=(found["NEO4J_USER"], found["NEO4J_PASSWORD"]), notifications_min_severity="OFF"
    )
    yield Neo4jServer(found["NEO4J_URI"], found["NEO4J_USER"], found["NEO4J_PASSWORD"], driver)
    driver.close()


@pytest.fixture
def neo4j_dataset(neo4j_server: Neo4jServer) -> Iterator[str]:
    """A dataset name no other test uses; its graph is deleted afterwards."""
    import uuid

    name = f"test-{uuid.uuid4().hex[:12]}"
    yield name
    delete_neo4j_dataset(neo4j_server, name)


def delete_neo4j_dataset(server: Neo4jServer, name: str) -> None:
    from stakeholders.backends.neo4j_push import delete_dataset

    delete_dataset(server.settings(name), driver=server.driver)  # type: ignore[arg-type]


REQUIRE_LIBREOFFICE = os.environ.get("STAKEHOLDERS_REQUIRE_LIBREOFFICE") == "1"


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice's command (Debian libreoffice-calc), for tests that open our files in it; CI requires it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        message = "LibreOffice (Debian libreoffice-calc) is not installed"
        if REQUIRE_LIBREOFFICE:
            pytest.fail(message)
        pytest.skip(message)
    return found
