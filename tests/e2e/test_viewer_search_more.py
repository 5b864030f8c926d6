"""The viewer's search in real headless Chromium (issue 22, item 14): the sidebar's search field shows its
whole hint in German and English, and a search with more than 500 results shows the rest on request."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from archive_factory import make_archive
from mmexport.exporting.render import render_archive

from .test_viewer import assert_inside, assert_quiet, file_url

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]
BIG = 1_234  # posts of the big channel: two full slices of 500 and a rest
HINT = {"de": "Nachrichten durchsuchen…", "en": "Search messages…"}
MORE = {"de": "{n} weitere zeigen", "en": "Show {n} more"}

# The placeholder's width in the field's own font, against the room inside the field.
PLACEHOLDER_ROOM = """el => {
  const style = getComputedStyle(el);
  const context = document.createElement("canvas").getContext("2d");
  context.font = style.font;
  return [context.measureText(el.placeholder).width,
          el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)];
}"""


@pytest.fixture(scope="module", params=["de", "en"])
def archive(request, tmp_path_factory) -> tuple[Path, str]:
    root = make_archive(tmp_path_factory.mktemp(f"search-{request.param}") / "archive", big_channel_posts=BIG)
    render_archive(root, ["html"], lang=request.param)
    return root, request.param


def screenshot_folder(tmp_path: Path) -> Path:
    if os.environ.get("MMEXPORT_SCREENSHOTS"):
        return REPO / "docs" / "screenshots"
    return tmp_path


def test_the_search_field_shows_its_whole_hint(archive, open_page, tmp_path):
    root, lang = archive
    for width in (1280, 1024):
        page, log = open_page(file_url(root / "index.html"), viewport=(width, 800))
        assert page.get_attribute("#quick-q", "placeholder") == HINT[lang]
        needed, room = page.eval_on_selector("#quick-q", PLACEHOLDER_ROOM)
        assert needed <= room, f"the hint needs {needed:.0f} px, the field has {room:.0f} px"
        button = page.locator(".quick-search button")
        assert button.get_attribute("title") and button.inner_text().strip()  # named for screen readers
        assert_quiet(log)
    page.locator(".sidebar").screenshot(path=str(screenshot_folder(tmp_path) / f"viewer-quick-search-{lang}.png"))


def test_a_search_with_many_results_shows_them_all_on_request(archive, open_page, tmp_path):
    root, lang = archive
    page, log = open_page(file_url(root / "search.html"))
    big = page.eval_on_selector_all(
        "#chat option", "opts => opts.filter(o => o.textContent.startsWith('Big Channel')).map(o => o.value)"
    )
    assert len(big) == 1
    page, log = open_page(file_url(root / "search.html", f"?chat={big[0]}"))
    page.wait_for_selector("#results li")
    assert page.locator("#results li").count() == 500
    status = page.inner_text("#search-status")
    assert re.search(r"1[.,]234", status) and "500" in status, status
    more = page.locator("#results-more")
    assert more.inner_text() == MORE[lang].format(n=500)
    more.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_folder(tmp_path) / f"viewer-search-more-{lang}.png"), full_page=False)
    more.click()
    assert page.locator("#results li").count() == 1_000
    assert page.evaluate("document.activeElement.closest('li') === document.querySelectorAll('#results li')[500]")
    assert page.locator("#results-more").inner_text() == MORE[lang].format(n=234)
    page.locator("#results-more").click()
    assert page.locator("#results li").count() == BIG
    assert page.locator("#results-more").count() == 0
    assert "500" not in page.inner_text("#search-status")  # "1,234 messages found", no longer capped
    hrefs = page.eval_on_selector_all("#results li a", "els => els.map(a => a.getAttribute('href'))")
    assert len(set(hrefs)) == BIG  # every post once, none shown twice
    assert_quiet(log)
    assert_inside(root, log)
