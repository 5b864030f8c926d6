"""Browser fixtures: Debian's chromium driven by playwright (never a browser playwright downloads).

Every page opened through `open_page` records dialogs, console errors, page errors and every request,
so tests can assert that nothing ran and nothing left the archive folder.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from gui.conftest import wizard  # noqa: F401  (the real wizard, for the browser sign-in tests)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class PageLog:
    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run `make sysdeps` (see .ci/sysdeps.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(chromium):
    """open_page(url, color_scheme="light") -> (page, log); contexts are closed after the test."""
    contexts = []

    def opener(url: str, color_scheme: str = "light", viewport=(1280, 860)):
        context = chromium.new_context(
            color_scheme=color_scheme, viewport={"width": viewport[0], "height": viewport[1]}
        )
        contexts.append(context)
        page = context.new_page()
        log = PageLog()

        def on_dialog(dialog):
            log.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on("console", lambda m: log.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: log.page_errors.append(str(e)))
        page.on("request", lambda r: log.requests.append(r.url))
        page.goto(url)
        page.wait_for_load_state("load")
        return page, log

    yield opener
    for context in contexts:
        context.close()
