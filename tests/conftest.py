"""Shared fixtures: the sample dataset, small datasets written on the fly, a real headless Chromium."""

from __future__ import annotations

import os
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
