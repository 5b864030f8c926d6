"""The offline viewer in real headless Chromium, opened from file:// like a person double-clicking it.

On the demo export (tests/conftest.py demo_archive) and on the factory archive with hostile content.
Set MMEXPORT_SCREENSHOTS=1 to write the screenshots into docs/screenshots/ (otherwise a temp folder).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

import pytest

from archive_factory import KNOWN_SEARCH_WORD, KNOWN_THREAD_REPLY, make_archive
from mmexport.exporting.render import render_archive

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]


def file_url(path: Path, suffix: str = "") -> str:
    return path.resolve().as_uri() + suffix


def assert_inside(root: Path, log) -> None:
    """Every request the page made is a file:// URL inside the archive folder."""
    assert log.requests, "the page made no requests at all?"
    base = root.resolve()
    for url in log.requests:
        parsed = urlparse(url)
        assert parsed.scheme == "file", url
        Path(unquote(parsed.path)).resolve().relative_to(base)  # raises when outside


def assert_quiet(log) -> None:
    assert log.dialogs == [] and log.console_errors == [] and log.page_errors == [], log


def manifest(root: Path) -> dict:
    return json.loads((root / "manifest.json").read_text("utf-8"))


def page_holding(root: Path, post_id: str) -> Path:
    for page in root.glob("channels/*/*/messages*.html"):
        if f'id="p-{post_id}"' in page.read_text("utf-8"):
            return page
    raise AssertionError(f"post {post_id} is on no page")


@pytest.fixture(scope="module")
def hostile_archive(tmp_path_factory) -> Path:
    root = make_archive(tmp_path_factory.mktemp("viewer") / "archive", big_channel_posts=4500)
    render_archive(root, ["html"], lang="en")
    return root


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    if os.environ.get("MMEXPORT_SCREENSHOTS"):
        target = REPO / "docs" / "screenshots"
        target.mkdir(parents=True, exist_ok=True)
        return target
    return tmp_path_factory.mktemp("screenshots")


# --- the demo export ---------------------------------------------------------------------------------


def test_every_channel_of_the_manifest_is_in_the_sidebar(demo_archive, open_page):
    root = Path(demo_archive)
    page, log = open_page(file_url(root / "index.html"))
    links = page.eval_on_selector_all(
        "nav.sidebar a[data-ch]", "els => els.map(a => [a.textContent, a.getAttribute('href')])"
    )
    channels = manifest(root)["channels"]
    assert len(links) == len(channels)
    hrefs = {href for _, href in links}
    for entry in channels:
        href = "/".join(quote(part, safe="") for part in entry["path"].split("/")) + "/messages.html#latest"
        assert href in hrefs, entry
        assert any(entry["display_name"] in text for text, _ in links), entry["display_name"]
    assert_quiet(log)
    assert_inside(root, log)


def _a_thread(root: Path) -> tuple[dict, dict]:
    for entry in manifest(root)["channels"]:
        posts = [json.loads(line) for line in (root / entry["path"] / "posts.jsonl").open(encoding="utf-8")]
        ids = {p["id"] for p in posts}
        for post in posts:
            if post.get("root_id") in ids and not post.get("delete_at"):
                root_post = next(p for p in posts if p["id"] == post["root_id"])
                return root_post, post
    raise AssertionError("the demo workspace has no thread")


def test_a_thread_shows_under_its_root(demo_archive, open_page, screenshots):
    root = Path(demo_archive)
    root_post, reply = _a_thread(root)
    page_file = page_holding(root, root_post["id"])
    page, log = open_page(file_url(page_file, f"#p-{reply['id']}"))
    nested = page.evaluate(
        "([r, c]) => document.getElementById(r).contains(document.getElementById(c))",
        [f"p-{root_post['id']}", f"p-{reply['id']}"],
    )
    assert nested
    assert page.is_visible(f"#p-{reply['id']}")  # a link to a reply opens its thread
    page.eval_on_selector(f"#p-{root_post['id']}", "e => e.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(screenshots / "viewer-thread.png"))
    assert_quiet(log)
    assert_inside(root, log)


def _a_searchable_message(root: Path) -> tuple[dict, str]:
    for entry in manifest(root)["channels"]:
        for line in (root / entry["path"] / "posts.jsonl").open(encoding="utf-8"):
            post = json.loads(line)
            words = [w for w in re.findall(r"[A-Za-zÄÖÜäöüß]{7,}", post.get("message") or "")]
            if words and not post.get("type") and not post.get("delete_at"):
                return post, words[-1]
    raise AssertionError("no message with a long word")


def test_search_finds_a_known_message_and_leads_to_it(demo_archive, open_page, screenshots):
    root = Path(demo_archive)
    post, word = _a_searchable_message(root)
    page, log = open_page(file_url(root / "search.html", "?q=" + quote(word.lower())))
    page.wait_for_selector("#results li")
    hrefs = page.eval_on_selector_all("#results li a", "els => els.map(a => a.getAttribute('href'))")
    target = next(h for h in hrefs if h.endswith(f"#p-{post['id']}"))
    page.screenshot(path=str(screenshots / "viewer-search.png"))
    page.click(f'#results a[href="{target}"]')
    page.wait_for_load_state("load")
    assert page.is_visible(f"#p-{post['id']}")
    assert_quiet(log)
    assert_inside(root, log)


def test_channel_page_and_dark_mode(demo_archive, open_page, screenshots):
    root = Path(demo_archive)
    biggest = max(manifest(root)["channels"], key=lambda c: c["posts"])
    url = file_url(root / biggest["path"] / "messages.html", "#latest")
    page, log = open_page(url)
    assert page.locator("article.post").count() > 0
    page.screenshot(path=str(screenshots / "viewer-channel.png"))
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    dark_page, dark_log = open_page(url, color_scheme="dark")
    dark = dark_page.evaluate("getComputedStyle(document.body).backgroundColor")
    dark_page.screenshot(path=str(screenshots / "viewer-dark.png"))
    assert light == "rgb(255, 255, 255)" and dark != light
    for current in (log, dark_log):
        assert_quiet(current)
        assert_inside(root, current)


# --- hostile content and big chats -------------------------------------------------------------------


def test_hostile_message_runs_nothing_and_loads_nothing_from_outside(hostile_archive, open_page):
    root = hostile_archive
    entry = next(c for c in manifest(root)["channels"] if c["name"] == "town-square")
    page, log = open_page(file_url(root / entry["path"] / "messages.html"))
    text = page.inner_text("#messages")
    assert "<script>alert('xss')</script>" in text and "<img src=x onerror=alert(1)>" in text
    assert page.evaluate("document.querySelectorAll('#messages script, #messages iframe').length") == 0
    hrefs = page.eval_on_selector_all("#messages a[href]", "els => els.map(a => a.href)")
    assert not [h for h in hrefs if h.lower().startswith(("javascript:", "data:", "vbscript:"))]
    external = page.eval_on_selector_all(
        "#messages a[href^='http']", "els => els.map(a => [a.rel, a.target])"
    )
    assert external and all(rel == "noopener noreferrer" and target == "_blank" for rel, target in external)
    page.click("a.zoom")  # the larger view of a picture
    assert page.is_visible(".lightbox img")
    page.keyboard.press("Escape")
    page.wait_for_selector(".lightbox img", state="hidden")
    # Let what the page scheduled run (a frame, then the tasks queued by it) before reading its log.
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)))")
    assert_quiet(log)
    assert_inside(root, log)


def test_search_with_filters_and_jump_to_date_on_a_paged_chat(hostile_archive, open_page):
    root = hostile_archive
    page, log = open_page(file_url(root / "search.html", "?q=" + quote(KNOWN_SEARCH_WORD) + "&person=carol"))
    page.wait_for_selector("#results li")
    snippets = page.eval_on_selector_all("#results .snippet", "els => els.map(e => e.textContent)")
    assert KNOWN_THREAD_REPLY in snippets
    entry = next(c for c in manifest(root)["channels"] if c["name"] == "big-channel")
    folder = root / entry["path"]
    big, big_log = open_page(file_url(folder / "messages.html"))
    first_day = json.loads((folder / "posts.jsonl").open(encoding="utf-8").readline())["create_at"]
    from datetime import datetime

    day = datetime.fromtimestamp(first_day / 1000).date().isoformat()
    big.fill("#jump-date", day)
    big.click("form.jump button")
    big.wait_for_load_state("load")
    big.wait_for_function("location.hash.startsWith('#goto-')")
    number = len(list(folder.glob("messages*.html")))
    assert big.url.split("#")[0].endswith(f"messages-{number}.html")
    for current in (log, big_log):
        assert_quiet(current)
        assert_inside(root, current)


def test_viewer_works_after_the_folder_is_moved(hostile_archive, tmp_path, open_page):
    moved = tmp_path / "Mein Archiv #1 (Kopie)"
    shutil.copytree(hostile_archive, moved)
    page, log = open_page(file_url(moved / "index.html"))
    page.click("nav.sidebar a[data-ch='0']")
    page.wait_for_load_state("load")
    assert page.locator("article.post").count() > 0
    assert_quiet(log)
    assert_inside(moved, log)
