"""Issue #24 item 6: every time shown names its zone. The viewer's chat pages and search page say, in one
line under the chat's header, which zone their times are in (the writing computer's, by its winter/summer
offsets), in German and English; messages.txt says it under its title."""

from __future__ import annotations

import time

import pytest

from archive_factory import make_archive
from mmexport.exporting.render import render_archive

pytestmark = pytest.mark.browser

SENTENCE = {
    "en": "Times are shown in the time zone UTC+01:00/+02:00.",
    "de": "Zeiten sind in der Zeitzone UTC+01:00/+02:00 angegeben.",
}


@pytest.fixture
def berlin(monkeypatch):
    """The archive is written on a computer in Berlin (summer time), whatever zone the test machine has."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_chat_page_and_the_search_page_name_the_zone_of_their_times(berlin, tmp_path, open_page, lang):
    root = make_archive(tmp_path / "archive")
    render_archive(root, ["html", "txt"], lang=lang)
    chat = next(p for p in sorted(root.glob("channels/*/*/messages.html")) if "town-square" in str(p))

    page, log = open_page(chat.resolve().as_uri())
    assert page.locator("article.post").count() > 0  # a page with times on it
    header_line = page.locator("header.channel-header .times-zone")
    assert header_line.inner_text() == SENTENCE[lang]
    assert header_line.is_visible()
    assert log.page_errors == [] and log.console_errors == []

    search, _ = open_page((root / "search.html").resolve().as_uri())
    assert search.locator("main .times-zone").inner_text() == SENTENCE[lang]

    text_lines = (chat.parent / "messages.txt").read_text("utf-8").splitlines()
    assert text_lines[2] == SENTENCE[lang]  # under the title and its underline
